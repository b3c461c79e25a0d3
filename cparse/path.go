package cparse

import "strings"

// Path is an access path: the location a key names, read as the variable
// it starts from and the chain of members and elements reached from it.
// "q->lock" is the base q and the step ->lock; "$ret->lock" (the base is
// the value a function returns) the lock of the object it returns;
// "dev.stats[i]" the base dev, .stats, then [i].
//
// The keys of locks, per-CPU values and CPU ids in the dataflow state,
// and the lock keys of function summaries, are paths' text (LockKey makes
// it from an expression, String gives it back). Every change of base (a
// caller's argument for a parameter, the caller's variable for a returned
// value, an alias's value for the alias) and every test of what a key
// starts from goes through Path. A key that is no location
// (rcu_read_lock(), the value of a call, *p) has no base: only its text
// is kept.
type Path struct {
	Base  string // the variable; "" for a key that is no location
	Steps []Step
	text  string // the key of a path without a base
}

// Step is one step of a path: a member reached through a pointer ("->")
// or of a struct ("."), or an element ("[]", Name the index as written).
type Step struct {
	Op   string
	Name string
}

// ParsePath reads a key (LockKey's form: no spaces, no leading '&').
func ParsePath(key string) Path {
	base := identPrefix(key, true)
	if base == "" {
		return Path{text: key}
	}
	p := Path{Base: base}
	rest := key[len(base):]
	for rest != "" {
		var s Step
		switch {
		case strings.HasPrefix(rest, "->"):
			s = Step{Op: "->", Name: identPrefix(rest[2:], false)}
			rest = rest[2+len(s.Name):]
		case rest[0] == '.':
			s = Step{Op: ".", Name: identPrefix(rest[1:], false)}
			rest = rest[1+len(s.Name):]
		case rest[0] == '[':
			end := closingBracket(rest)
			if end < 0 {
				return Path{text: key}
			}
			s = Step{Op: "[]", Name: rest[1:end]}
			rest = rest[end+1:]
		}
		if s.Op == "" || s.Name == "" {
			return Path{text: key}
		}
		p.Steps = append(p.Steps, s)
	}
	return p
}

// String is the path's key.
func (p Path) String() string {
	if p.Base == "" {
		return p.text
	}
	var b strings.Builder
	b.WriteString(p.Base)
	for _, s := range p.Steps {
		b.WriteString(s.text())
	}
	return b.String()
}

func (s Step) text() string {
	if s.Op == "[]" {
		return "[" + s.Name + "]"
	}
	return s.Op + s.Name
}

// Variable reports whether the path is a variable itself: no members, no
// elements (a global lock's key, or a local's).
func (p Path) Variable() bool { return p.Base != "" && len(p.Steps) == 0 }

// Members reports whether the path reaches a member of something: what
// only the function whose variables it names can make sense of. A key
// that is no location is read by its text.
func (p Path) Members() bool {
	if p.Base == "" {
		return strings.Contains(p.text, "->") || strings.Contains(p.text, ".")
	}
	for _, s := range p.Steps {
		if s.Op != "[]" {
			return true
		}
	}
	return false
}

// Within reports whether the path is the location key names or one
// reached from it (q->lock and q->a.b are within q and q->a).
func (p Path) Within(key string) bool {
	q := ParsePath(key)
	if p.Base == "" || q.Base == "" {
		t := p.String()
		return t == key || strings.HasPrefix(t, key+"->") || strings.HasPrefix(t, key+".")
	}
	if p.Base != q.Base || len(q.Steps) > len(p.Steps) {
		return false
	}
	for i, s := range q.Steps {
		if p.Steps[i] != s {
			return false
		}
	}
	return true
}

// SameObject reports whether two paths are members of one object: the
// same base and steps but for the last member (rq->lock and rq->__lock).
func (p Path) SameObject(q Path) bool {
	n := len(p.Steps)
	if p.Base == "" || p.Base != q.Base || n == 0 || len(q.Steps) != n || p.Steps[n-1].Op == "[]" || q.Steps[n-1].Op != p.Steps[n-1].Op {
		return false
	}
	for i := range n - 1 {
		if p.Steps[i] != q.Steps[i] {
			return false
		}
	}
	return true
}

// SamePointee reports whether two paths are members of the object one
// pointer points to, through embedded members or not: the same base and
// steps up to the last "->", and only "." steps after it (dentry->d_lock
// and dentry->d_lockref.lock, d_lock being fs/dcache.h's macro for
// d_lockref.lock).
func (p Path) SamePointee(q Path) bool {
	pointer := func(x Path) (Path, bool) {
		for i := len(x.Steps) - 1; i >= 0; i-- {
			switch x.Steps[i].Op {
			case "->":
				return Path{Base: x.Base, Steps: x.Steps[:i:i]}, true
			case ".":
			default:
				return Path{}, false
			}
		}
		return Path{}, false
	}
	a, okA := pointer(p)
	b, okB := pointer(q)
	return okA && okB && a.Base != "" && a.String() == b.String()
}

// Parent is the path of the object whose member the path's last step
// reaches (rq->lock: rq; a->b.c: a->b), and the operator of that step.
func (p Path) Parent() (Path, string, bool) {
	n := len(p.Steps)
	if p.Base == "" || n == 0 {
		return Path{}, "", false
	}
	return Path{Base: p.Base, Steps: p.Steps[: n-1 : n-1]}, p.Steps[n-1].Op, true
}

// Replace puts the location with names in place of prefix, a location
// the path is within (Within): desc->lock with desc for $ret is
// $ret->lock.
func (p Path) Replace(prefix, with string) (Path, bool) {
	q := ParsePath(prefix)
	if q.Base == "" || p.Base == "" || !p.Within(prefix) {
		return Path{}, false
	}
	w := ParsePath(with)
	if w.Base == "" {
		return Path{}, false
	}
	w.Steps = append(append([]Step(nil), w.Steps...), p.Steps[len(q.Steps):]...)
	return w, true
}

// Rebase puts the location arg names, an expression as written, in
// place of the path's base: the parameter p of p->lock becomes the
// caller's argument, q (q->lock) or &x (x.lock: the pointer to x
// dereferenced is x). An argument that is no location gives a key that
// is none either (f(x)->lock).
func (p Path) Rebase(arg string) Path {
	steps := p.Steps
	if strings.HasPrefix(strings.TrimSpace(arg), "&") && len(steps) > 0 && steps[0].Op == "->" {
		steps = append([]Step{{Op: ".", Name: steps[0].Name}}, steps[1:]...)
	}
	base := ParsePath(LockKey(arg))
	if base.Base == "" {
		t := base.text
		for _, s := range steps {
			t += s.text()
		}
		return ParsePath(t)
	}
	base.Steps = append(append([]Step(nil), base.Steps...), steps...)
	return base
}

// identPrefix is the identifier s starts with ("$ret" counts as one
// where a base may be).
func identPrefix(s string, base bool) string {
	start := 0
	if base && strings.HasPrefix(s, "$") {
		start = 1
	}
	i := start
	for i < len(s) && isIdentByte(s[i], i == start) {
		i++
	}
	if i == start {
		return ""
	}
	return s[:i]
}

// closingBracket is the index of the ']' that closes s's leading '[', -1
// when none does.
func closingBracket(s string) int {
	d := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			d++
		case ']':
			d--
			if d == 0 {
				return i
			}
		}
	}
	return -1
}

// MentionsIdent reports whether the key's text names the identifier
// (this_cpu_ptr(&pcp.lock) mentions pcp): a key that is no location is
// read by its text.
func MentionsIdent(key, ident string) bool { return wordIndex(key, ident, 0) >= 0 }
