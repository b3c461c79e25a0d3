package cparse

import (
	"slices"

	"github.com/kpreempt/kpreempt/cpp"
)

// reduceUnit hands the parser less: a file-scope declaration of a header
// that declares only names nothing else in the unit uses (not the file's
// code, not a declaration or initialiser that is kept, transitively) is
// left out. Those are the bodies of header inline functions the file
// never calls, the prototypes of functions it never calls, structures,
// unions, enumerations and typedefs nothing kept names, and extern
// variables it never touches. The analysis converts only the file's
// functions and the header functions they call, and looks up only names
// that kept code spells, so it sees the same unit (the differential
// tests compare the findings of whole and reduced units). The parser
// reads a sixth to a quarter of it (kernel/sched/core.c: 0.29M tokens of
// 1.28M, 0.68M when only inline bodies were dropped; fs/namei.c: 0.12M of
// 0.79M).
//
// A declaration is left out only when its shape says exactly what it
// declares (declares); any other (several declarators, an initialiser, a
// function returning a function pointer) is kept. Names are compared as
// spelled, whatever their name space: a member named like an unused
// function keeps the function's prototype, which costs only tokens.
// origin places a token (cpp.Result.Origin); own reports whether a file
// is the unit's own code (its declarations are always kept).
//
// reduceUnit reuses toks' array, which the result overwrites; the result
// is a copy of its own size, so that the unit's whole token stream (five
// times the reduced one) is not held through the parse.
func reduceUnit(toks []cpp.Token, origin func(cpp.Token) cpp.Pos, own func(file string) bool) []cpp.Token {
	items := fileScopeItems(toks)
	keep := make([]bool, len(items))
	used := map[string]bool{}
	byName := map[string][]int{}
	var queue []int
	mark := func(it item) {
		for j := it.start; j < it.end; j++ {
			if toks[j].Kind != cpp.Ident || used[toks[j].Text()] {
				continue
			}
			used[toks[j].Text()] = true
			queue = append(queue, byName[toks[j].Text()]...)
		}
	}
	for i, it := range items {
		names, ok := []string(nil), false
		if !own(origin(toks[it.start]).File) && !own(origin(toks[it.end-1]).File) {
			names, ok = declares(toks[it.start:it.end])
		}
		if !ok {
			keep[i] = true
			continue
		}
		for _, n := range names {
			byName[n] = append(byName[n], i)
		}
	}
	for i, it := range items {
		if keep[i] {
			mark(it)
		}
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		if !keep[i] {
			keep[i] = true
			mark(items[i])
		}
	}
	out := toks[:0] // writes stay at or behind the token read
	for i, it := range items {
		if keep[i] {
			out = append(out, toks[it.start:it.end]...)
		}
	}
	return append([]cpp.Token(nil), out...)
}

// item is a file-scope declaration or function definition: toks[start:end].
type item struct{ start, end int }

// fileScopeItems splits a unit into its file-scope declarations: each
// ends at a ";" outside brackets, or at the "}" closing a function's
// body. Tokens after the last of them (an unterminated declaration) are
// one more item.
func fileScopeItems(toks []cpp.Token) []item {
	var items []item
	depth, start := 0, 0
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.Kind != cpp.Punct {
			continue
		}
		switch t.Text() {
		case "(", "[":
			depth++
		case ")", "]":
			depth--
		case "{":
			if depth == 0 && isFunctionBody(toks, start, i) {
				if close := matching(toks, i); close > 0 {
					items = append(items, item{start, close + 1})
					start, i = close+1, close
					continue
				}
			}
			depth++
		case "}":
			depth--
		case ";":
			if depth == 0 {
				items = append(items, item{start, i + 1})
				start = i + 1
			}
		}
	}
	if start < len(toks) {
		items = append(items, item{start, len(toks)})
	}
	return items
}

// isFunctionBody reports whether the "{" at open, outside brackets, opens
// a function's body: it follows the ")" of a parameter list (attributes
// may come between) and the declaration is not a structure's.
func isFunctionBody(toks []cpp.Token, start, open int) bool {
	j := open - 1
	for j > start && toks[j].Text() == ")" {
		o := matchingBack(toks, j)
		if o <= start {
			return false
		}
		if !isAttributeWord(toks[o-1].Text()) {
			return true
		}
		j = o - 2 // before the attribute word
	}
	return false
}

// declares returns the names a header's file-scope declaration declares,
// and whether its shape is one whose names are known:
//   - a function's prototype, or an inline function's definition:
//     "... name(params) attributes ;" or "{ body }";
//   - a variable or a typedef: "... name[dims] attributes ;", or a
//     pointer to a function: "... (*name)(params) ;";
//   - a structure, union or enumeration: "struct tag { ... } ;", its
//     enumerators too, and with typedef the name after the "}".
func declares(d []cpp.Token) ([]string, bool) {
	if len(d) < 2 || d[0].Text() == "_Static_assert" {
		return nil, false
	}
	last := d[len(d)-1].Text()
	typedef := false
	// The first "(" or "{" outside brackets that is not an attribute's.
	depth, at := 0, -1
	for j := 0; j < len(d) && at < 0; j++ {
		switch d[j].Text() {
		case "typedef":
			typedef = typedef || depth == 0
		case "(":
			if depth == 0 && (j == 0 || !isAttributeWord(d[j-1].Text())) {
				at = j
			}
			depth++
		case "[":
			depth++
		case ")", "]":
			depth--
		case "{":
			if depth == 0 {
				at = j
			}
		}
	}
	if at < 0 { // a variable, a typedef, a declared tag
		if last != ";" || hasTopLevel(d, ",", "=") {
			return nil, false
		}
		j := skipTail(d, len(d)-1)
		if j <= 0 || !isName(d[j-1]) {
			return nil, false
		}
		return []string{d[j-1].Text()}, true
	}
	if d[at].Text() == "{" {
		return aggregate(d, at, typedef)
	}
	close := pairOf(d, at, "(", ")", 1)
	if at == 0 || close < 0 || hasTopLevel(d, ",", "=") {
		return nil, false
	}
	var name string
	tail := close + 1
	switch {
	case isName(d[at-1]): // name(params)
		name = d[at-1].Text()
	case d[at+1].Text() == "*" && close-1 > at+1 && isName(d[close-1]) && close+1 < len(d) && d[close+1].Text() == "(":
		name = d[close-1].Text() // (*name)(params)
		for j := at + 2; j < close-1; j++ {
			if !isQualifier(d[j]) {
				return nil, false
			}
		}
		if tail = pairOf(d, close+1, "(", ")", 1) + 1; tail <= 0 {
			return nil, false
		}
	default:
		return nil, false
	}
	j := tail
	for j < len(d) && isAttributeWord(d[j].Text()) && j+1 < len(d) && d[j+1].Text() == "(" {
		if j = pairOf(d, j+1, "(", ")", 1) + 1; j <= 0 {
			return nil, false
		}
	}
	switch {
	case j == len(d)-1 && last == ";":
		return []string{name}, true
	case j < len(d) && d[j].Text() == "{" && last == "}" && !typedef && saysInline(d[:at]):
		return []string{name}, true
	}
	return nil, false
}

// aggregate reads "struct tag { ... } ;" (union, enum; typedef ... name ;)
// whose "{" is at open.
func aggregate(d []cpp.Token, open int, typedef bool) ([]string, bool) {
	kw := -1
	for j := open - 1; j >= 0; j-- {
		switch d[j].Text() {
		case "struct", "union", "enum":
			kw = j
		}
		if kw >= 0 {
			break
		}
	}
	if kw < 0 {
		return nil, false
	}
	var names []string
	for j := kw + 1; j < open; j++ {
		switch {
		case isAttributeWord(d[j].Text()) && j+1 < open && d[j+1].Text() == "(":
			if j = pairOf(d, j+1, "(", ")", 1); j < 0 {
				return nil, false
			}
		case isName(d[j]) && names == nil:
			names = append(names, d[j].Text()) // the tag
		default:
			return nil, false
		}
	}
	close := matching(d, open)
	if close < 0 {
		return nil, false
	}
	if d[kw].Text() == "enum" {
		depth := 0
		for j := open + 1; j < close; j++ {
			switch d[j].Text() {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			}
			if depth == 0 && isName(d[j]) && (d[j-1].Text() == "{" || d[j-1].Text() == ",") {
				names = append(names, d[j].Text())
			}
		}
	}
	j := skipTail(d, len(d)-1)
	switch {
	case d[len(d)-1].Text() != ";":
		return nil, false
	case j == close+1 && !typedef:
	case typedef && j == close+2 && isName(d[close+1]):
		names = append(names, d[close+1].Text())
	default:
		return nil, false
	}
	return names, len(names) > 0
}

// skipTail steps back from the ";" at end over attribute groups and
// array bounds, to the index just after the declarator's name.
func skipTail(d []cpp.Token, end int) int {
	j := end
	for j > 0 && (d[j-1].Text() == ")" || d[j-1].Text() == "]") {
		open := -1
		if d[j-1].Text() == ")" {
			open = matchingBack(d, j-1)
			if open < 1 || !isAttributeWord(d[open-1].Text()) {
				return j
			}
			open--
		} else {
			open = pairOf(d, j-1, "]", "[", -1)
		}
		if open < 0 {
			return -1
		}
		j = open
	}
	return j
}

// hasTopLevel reports whether any of puncts occurs outside brackets.
func hasTopLevel(d []cpp.Token, puncts ...string) bool {
	depth := 0
	for i := range d {
		if d[i].Kind != cpp.Punct {
			continue // an identifier's text is read for nothing
		}
		switch text := d[i].Text(); text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		default:
			if depth == 0 && slices.Contains(puncts, text) {
				return true
			}
		}
	}
	return false
}

// isName reports whether t is an identifier that can be a declared name:
// not a keyword, a type specifier or an attribute word.
func isName(t cpp.Token) bool {
	return t.Kind == cpp.Ident && !cKeywords[t.Text()] && !isAttributeWord(t.Text())
}

// saysInline reports whether a declaration's specifiers say inline.
func saysInline(specs []cpp.Token) bool {
	for _, t := range specs {
		switch t.Text() {
		case "inline", "__inline", "__inline__":
			return true
		}
	}
	return false
}

// cKeywords are the words of C and GNU C a declarator's name cannot be.
var cKeywords = map[string]bool{}

func init() {
	for _, w := range []string{"auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
		"extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
		"sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "_Alignas",
		"_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local",
		"__thread", "__const", "__const__", "__volatile", "__volatile__", "__restrict", "__restrict__", "__inline",
		"__inline__", "__signed", "__signed__", "__int128", "__label__", "__auto_type", "__alignof__", "__alignof",
		"__builtin_va_list", "_Float16", "_Float32", "_Float64", "_Float128", "__float128", "__seg_gs", "__seg_fs"} {
		cKeywords[w] = true
	}
}

// matching is the index of the "}" closing the "{" at i, or -1.
func matching(toks []cpp.Token, i int) int { return pairOf(toks, i, "{", "}", 1) }

// matchingBack is the index of the "(" that the ")" at i closes, or -1.
func matchingBack(toks []cpp.Token, i int) int { return pairOf(toks, i, ")", "(", -1) }

// pairOf walks from the bracket at i in direction step to the bracket
// that pairs with it, counting nested ones.
func pairOf(toks []cpp.Token, i int, same, other string, step int) int {
	d := 0
	for j := i; j >= 0 && j < len(toks); j += step {
		if toks[j].Kind != cpp.Punct {
			continue
		}
		switch toks[j].Text() {
		case same:
			d++
		case other:
			if d--; d == 0 {
				return j
			}
		}
	}
	return -1
}

func isAttributeWord(s string) bool {
	switch s {
	case "__attribute__", "__attribute", "__declspec", "asm", "__asm__", "__asm", "typeof", "__typeof__", "__typeof", "_Alignas":
		return true
	}
	return false
}
