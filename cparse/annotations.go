package cparse

import (
	"slices"
	"strings"

	"github.com/kpreempt/kpreempt/kapi"
)

// Sparse's context annotations vanish in preprocessing (they expand to
// nothing for the compiler), so they are read from the source text of a
// function's header: from the start of the line naming the function to
// its opening brace.
var annotationNames = []string{"__acquires", "__releases", "__must_hold"}

// annotate fills f's lock annotations from the unit's main file lines.
func annotate(f *Func, lines []string) {
	if f.Pos.Line < 1 || f.Body == nil || f.Body.Pos.Line < f.Pos.Line || f.Body.Pos.Line > len(lines) {
		return
	}
	var b strings.Builder
	for l := f.Pos.Line; l <= f.Body.Pos.Line; l++ {
		line := lines[l-1]
		if l == f.Body.Pos.Line && f.Body.Pos.Col-1 <= len(line) && f.Body.Pos.Col >= 1 {
			line = line[:f.Body.Pos.Col-1]
		}
		b.WriteString(line)
		b.WriteByte(' ')
	}
	scanAnnotations(f, b.String())
}

// scanAnnotations adds the annotations written in text to f.
func scanAnnotations(f *Func, text string) {
	f.Weak = f.Weak || weakDefinition(text)
	for _, name := range annotationNames {
		for j := wordIndex(text, name, 0); j >= 0; j = wordIndex(text, name, j+len(name)) {
			i := j + len(name)
			args := macroArgs([]byte(text), i)
			if len(args) == 0 {
				continue
			}
			key := contextKey(args[0])
			// The same annotation on the prototype and the definition
			// (mm/filemap.c, migration_entry_wait_on_locked()) is one.
			add := func(keys []string) []string {
				if slices.Contains(keys, key) {
					return keys
				}
				return append(keys, key)
			}
			switch name {
			case "__acquires":
				f.Acquires = add(f.Acquires)
			case "__releases":
				f.Releases = add(f.Releases)
			case "__must_hold":
				f.MustHold = add(f.MustHold)
			}
		}
	}
}

// weakDefinition reports whether a function's header text marks it weak:
// the kernel's __weak, or the attribute written out.
func weakDefinition(text string) bool {
	for _, w := range []string{"__weak", "weak", "__weak__"} {
		for j := wordIndex(text, w, 0); j >= 0; j = wordIndex(text, w, j+len(w)) {
			// "weak" alone only inside an attribute.
			if w == "__weak" || strings.Contains(text[:j], "__attribute__") {
				return true
			}
		}
	}
	return false
}

// wordIndex is the index of the first whole identifier w in text at or
// after from, or -1.
func wordIndex(text, w string, from int) int {
	for i := from; i <= len(text); {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return -1
		}
		j += i
		end := j + len(w)
		if (j == 0 || !isIdentByte(text[j-1], false)) && (end == len(text) || !isIdentByte(text[end], false)) {
			return j
		}
		i = end
	}
	return -1
}

// contextKey is the lock key of a context annotation's argument. RCU's
// read side is no variable: sparse's context tokens for it (RCU, RCU_BH,
// RCU_SCHED, also written in lower case) are keyed as the dataflow keys
// the lock primitives that take it.
func contextKey(arg string) string {
	switch strings.ToUpper(strings.TrimSpace(arg)) {
	case "RCU":
		return "rcu_read_lock()"
	case "RCU_BH":
		return "rcu_read_lock_bh()"
	case "RCU_SCHED":
		return "rcu_read_lock_sched()"
	}
	return LockKey(arg)
}

// LockKey normalises a lock expression as written: outer parentheses and
// a leading '&' dropped, spaces removed. "&q->lock" and "q->lock" name the
// same lock.
func LockKey(s string) string {
	s = strings.TrimSpace(s)
	for strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && BalancedParens(s[1:len(s)-1]) {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	if strings.HasPrefix(s, "&") && !strings.HasPrefix(s, "&&") {
		s = strings.TrimSpace(s[1:])
	}
	return unwrapPaths(derefAddress(memberAccess(stableCalls(strings.ReplaceAll(s, " ", "")))))
}

// identAt reports whether an identifier starts at s[i], and where it
// ends.
func identAt(s string, i int) (end int, ok bool) {
	if !isIdentByte(s[i], true) || i > 0 && isIdentByte(s[i-1], false) {
		return i, false
	}
	end = i
	for end < len(s) && isIdentByte(s[end], false) {
		end++
	}
	return end, true
}

// stableCalls writes the calls kapi.StableCall names as the source
// writes them: get_current() is current.
func stableCalls(s string) string {
	if !strings.Contains(s, "()") {
		return s
	}
	for i := 0; i < len(s); i++ {
		j, ok := identAt(s, i)
		if !ok {
			continue
		}
		if name, ok := kapi.StableCall(s[i:j]); ok && strings.HasPrefix(s[j:], "()") {
			s = s[:i] + name + s[j+2:]
			j = i + len(name)
		}
		i = j
	}
	return s
}

// memberAccess writes the member accessors' uses as the members they
// name: ACCESS_PRIVATE(rnp,lock) is (rnp)->lock (kapi.MemberAccessor).
func memberAccess(s string) string {
	for i := 0; i < len(s); i++ {
		j, ok := identAt(s, i)
		if !ok {
			continue
		}
		if j >= len(s) || s[j] != '(' || !kapi.MemberAccessor(s[i:j]) {
			i = j
			continue
		}
		end := ClosingParen(s, j)
		if end < 0 {
			return s
		}
		args := splitTopLevel(s[j+1 : end])
		if len(args) != 2 {
			i = end
			continue
		}
		s = s[:i] + "(" + args[0] + ")->" + args[1] + s[end+1:]
		i = -1
	}
	return s
}

// unwrapPaths drops the parentheses around an access path that a field,
// an index or an arrow follows: ((&xas)->xa)->xa_lock, which
// xas_lock(&xas) expands to, is xas.xa->xa_lock once the address is
// dereferenced, as written out; and a path's second pair of
// parentheses, ((a)). Parentheses holding anything else
// (a dereference, a cast, a call's arguments) stay.
func unwrapPaths(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] != '(' || i > 0 && (isIdentByte(s[i-1], false) || s[i-1] == ')' || s[i-1] == ']') {
			continue
		}
		j := ClosingParen(s, i)
		if j < 0 {
			return s
		}
		inner := s[i+1 : j]
		rest := s[j+1:]
		// (mas.tree->ma_lock) ends the key: mas_lock(&mas) is
		// spin_lock(&((&mas)->tree->ma_lock)).
		if ParsePath(inner).Base == "" || rest != "" && (!strings.ContainsAny(rest[:1], "-.[)") || strings.HasPrefix(rest, "-") && !strings.HasPrefix(rest, "->")) {
			continue
		}
		s = s[:i] + inner + rest
		i = -1
	}
	return s
}

// ClosingParen is the index of the parenthesis closing the one at i, or
// -1.
func ClosingParen(s string, i int) int {
	d := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '(':
			d++
		case ')':
			d--
			if d == 0 {
				return j
			}
		}
	}
	return -1
}

// derefAddress rewrites (&E)->f as E.f, so that a lock reached through a
// macro that takes the address of its argument (xa_lock(&d->xa) is
// spin_lock(&(&d->xa)->xa_lock)) has the key it has when written out.
func derefAddress(s string) string {
	for {
		i := strings.Index(s, "(&")
		if i < 0 {
			return s
		}
		j := ClosingParen(s, i)
		if j < 0 {
			j = len(s)
		}
		call := i > 0 && (isIdentByte(s[i-1], false) || s[i-1] == ')' || s[i-1] == ']')
		if call || j >= len(s) || !strings.HasPrefix(s[j+1:], "->") {
			// Not an address dereferenced: leave it, and look further.
			rest := derefAddress(s[i+2:])
			return s[:i+2] + rest
		}
		s = s[:i] + s[i+2:j] + "." + s[j+3:]
	}
}

// BalancedParens reports whether s's parentheses pair up.
func BalancedParens(s string) bool {
	d := 0
	for _, c := range s {
		switch c {
		case '(':
			d++
		case ')':
			d--
			if d < 0 {
				return false
			}
		}
	}
	return d == 0
}

// sourceText returns the text of file between two positions (inclusive
// lines), read from the stub headers or the file system; "" if unreadable.
func sourceText(file string, from, to Pos, read func(string) []byte) string {
	b := read(file)
	if b == nil || from.Line < 1 || to.Line < from.Line {
		return ""
	}
	lines := strings.SplitN(string(b), "\n", to.Line+1)
	if len(lines) < to.Line {
		return ""
	}
	return strings.Join(lines[from.Line-1:to.Line], " ")
}
