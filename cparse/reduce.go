package cparse

import (
	"slices"
	"sync"

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
// A structure's members keep what their declarations name only when some
// kept code may reach them: code reaches a member by spelling its name
// (p->m, .m = in an initialiser, offsetof() and container_of()), or
// through an initialiser's position. The declaration of a member no kept
// code spells is left in the text, so positions stay as they were, but
// of what it names it keeps only what parsing it and a positional
// initialiser need (markType): typedef names, constants in its bounds,
// the structure it holds by value; not the structures it points to,
// which are what made a unit's structures drag in most of the kernel's
// (struct task_struct's pointers alone reach hundreds): on 56 units spread
// over the defconfig build, 2.56M tokens reach the parser instead of
// 3.54M. A member name counts as used whatever its name space, as every
// name does here; TestKernelReducedFacts compares the facts of whole and
// reduced units.
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
	sc := getScratch(cpp.NameCount())
	defer putScratch(sc)
	used, first, typedefs := sc.used, sc.first, sc.typedef
	more := map[uint32][]int32{} // the declarers of a name after its first
	// pending are the member declarations of kept structures that wait
	// for a name they may declare to be used (structMembers).
	pending := map[uint32][]item{}
	var queue []int32
	var work []item // member declarations to mark whole
	use := func(j int) {
		n := toks[j].Name()
		if used[n] {
			return
		}
		used[n] = true
		if first[n] > 0 {
			queue = append(queue, first[n]-1)
			queue = append(queue, more[n]...)
		}
		if len(pending) > 0 {
			work = append(work, pending[n]...)
			delete(pending, n)
		}
	}
	markRange := func(r item) {
		for j := r.start; j < r.end; j++ {
			if toks[j].Kind == cpp.Ident {
				use(j)
			}
		}
	}
	markItem := func(it item) {
		open, close := structBody(toks, it)
		if open < 0 {
			markRange(it)
			return
		}
		markRange(item{it.start, open + 1})
		markRange(item{close, it.end})
		structMembers(toks, open, close, func(m item, names []int) {
			for _, j := range names {
				if used[toks[j].Name()] {
					markRange(m)
					return
				}
			}
			markType(toks, m, names, typedefs, use)
			for _, j := range names {
				n := toks[j].Name()
				pending[n] = append(pending[n], m)
			}
		})
	}
	for i, it := range items {
		names, ok := []cpp.Token(nil), false
		if !own(origin(toks[it.start]).File) && !own(origin(toks[it.end-1]).File) {
			names, ok = declares(toks[it.start:it.end])
		}
		if !ok {
			keep[i] = true
			continue
		}
		typedef := startsTypedef(toks[it.start:it.end])
		for _, t := range names {
			n := t.Name()
			if first[n] == 0 {
				first[n] = int32(i) + 1
			} else {
				more[n] = append(more[n], int32(i))
			}
			typedefs[n] = typedefs[n] || typedef
		}
	}
	for i, it := range items {
		if keep[i] {
			markItem(it)
		}
	}
	for len(queue) > 0 || len(work) > 0 {
		if len(work) > 0 {
			m := work[len(work)-1]
			work = work[:len(work)-1]
			markRange(m)
			continue
		}
		i := queue[0]
		queue = queue[1:]
		if !keep[i] {
			keep[i] = true
			markItem(items[i])
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

// reduceScratch holds reduceUnit's tables indexed by name number
// (cpp.Token.Name): as long as the process's names, kept between units
// and cleared, so that a unit's tens of thousands of names are neither
// hashed nor allocated for.
type reduceScratch struct {
	used    []bool  // a name kept code spells
	first   []int32 // the first declaration of a name that may be left out, +1
	typedef []bool  // a name a header's typedef declares
}

var scratches sync.Pool

// getScratch returns cleared tables for names below n.
func getScratch(n int) *reduceScratch {
	sc, _ := scratches.Get().(*reduceScratch)
	if sc == nil || len(sc.used) < n {
		n += n / 4 // names grow as units are read
		return &reduceScratch{used: make([]bool, n), first: make([]int32, n), typedef: make([]bool, n)}
	}
	return sc
}

func putScratch(sc *reduceScratch) {
	clear(sc.used)
	clear(sc.first)
	clear(sc.typedef)
	scratches.Put(sc)
}

// startsTypedef reports whether a declaration's specifiers, before its
// first bracket or "=", say typedef.
func startsTypedef(d []cpp.Token) bool {
	for _, t := range d {
		if t.Kind == cpp.Punct {
			switch t.Text() {
			case "(", "{", "[", "=", ";":
				return false
			}
			continue
		}
		if t.Text() == "typedef" {
			return true
		}
	}
	return false
}

// structBody returns the braces of the body of a structure's or union's
// definition, "struct tag { ... } ;" (typedef ... name ;), that the item
// it is; -1, -1 for any other item.
func structBody(toks []cpp.Token, it item) (open, close int) {
	d := toks[it.start:it.end]
	depth := 0
	for j := range d {
		if d[j].Kind != cpp.Punct {
			continue
		}
		switch d[j].Text() {
		case "(", "[":
			depth++
		case ")", "]":
			depth--
		case "{":
			if depth != 0 || j == 0 {
				return -1, -1
			}
			if _, ok := aggregate(d, j, startsTypedef(d)); !ok || !isStructKeyword(d, j) {
				return -1, -1
			}
			return it.start + j, it.start + matching(d, j)
		case ";":
			return -1, -1
		}
	}
	return -1, -1
}

// isStructKeyword reports whether the "{" at open opens a struct's or a
// union's body (not an enumeration's).
func isStructKeyword(d []cpp.Token, open int) bool {
	kw := aggregateKeyword(d, open)
	return kw >= 0 && d[kw].Text() != "enum"
}

// aggregateKeyword is the index of the struct, union or enum keyword
// nearest before the "{" at open, or -1.
func aggregateKeyword(d []cpp.Token, open int) int {
	for j := open - 1; j >= 0; j-- {
		switch d[j].Text() {
		case "struct", "union", "enum":
			return j
		}
	}
	return -1
}

// structMembers calls member for each member declaration of the body
// between the braces at open and close, with the indices of the names it
// declares (declaratorNames). The members of an anonymous structure or
// union in it are the body's own, each on its own; what declares the
// anonymous one (its keyword, its attributes) is no member.
func structMembers(toks []cpp.Token, open, close int, member func(m item, names []int)) {
	start := open + 1
	depth := 0
	nested := -1 // the "{" of a structure declared in the member
	for j := open + 1; j < close; j++ {
		if toks[j].Kind != cpp.Punct {
			continue
		}
		switch toks[j].Text() {
		case "(", "[":
			depth++
		case ")", "]":
			depth--
		case "{":
			if depth == 0 && nested < 0 {
				nested = j
			}
			depth++
		case "}":
			depth--
		case ";":
			if depth != 0 {
				continue
			}
			m := item{start, j + 1}
			start = j + 1
			if nested >= 0 {
				end := matching(toks, nested)
				if end > 0 && skipTail(toks, j) == end+1 {
					structMembers(toks, nested, end, member) // anonymous
					nested = -1
					continue
				}
			}
			nested = -1
			member(m, declaratorNames(toks, m))
		}
	}
}

// declaratorNames returns the indices of the names a member declaration
// declares: of each declarator (the declaration's parts between commas
// outside brackets), the name in its parentheses, as in (*name)(...), or
// else its last name outside brackets before a bit-field's width or an
// array's bounds (attributes may come between a type and the name:
// efi_get_time_t __efiapi *get_time).
func declaratorNames(toks []cpp.Token, m item) []int {
	var idx []int
	last, inGroup := -1, -1 // the last name outside brackets; the first in the declarator's parentheses
	group, stop := false, false
	depth := 0
	flush := func() {
		switch {
		case inGroup >= 0:
			idx = append(idx, inGroup)
		case last >= 0:
			idx = append(idx, last)
		}
		last, inGroup, group, stop = -1, -1, false, false
	}
	for j := m.start; j < m.end; j++ {
		t := toks[j]
		if t.Kind == cpp.Punct {
			switch t.Text() {
			case "(":
				if depth == 0 && !group && inGroup < 0 && !(j > m.start && isAttributeWord(toks[j-1].Text())) && !stop {
					group = true
				}
				depth++
			case "[", "{":
				if depth == 0 && t.Text() == "[" {
					stop = true
				}
				depth++
			case ")":
				if depth--; depth == 0 && group {
					group, stop = false, true
				}
			case "]", "}":
				depth--
			case ":", "=":
				if depth == 0 {
					stop = true
				}
			case ",", ";":
				if depth == 0 {
					flush()
				}
			}
			continue
		}
		switch {
		case !isName(t) || stop:
		case depth == 0:
			last = j
		case group && inGroup < 0:
			inGroup = j
		}
	}
	return idx
}

// markType marks what a member declaration no kept code spells needs:
// every name but the ones it declares (decl) and the tag of a structure,
// union or enumeration it only points to. A name it declares that is
// also a header's typedef name (typedefs, by name number) is marked all
// the same: should the declarator be misread, the type it names is still
// declared.
func markType(toks []cpp.Token, m item, decl []int, typedefs []bool, use func(j int)) {
	for j := m.start; j < m.end; j++ {
		if toks[j].Kind != cpp.Ident || slices.Contains(decl, j) && !typedefs[toks[j].Name()] {
			continue
		}
		if j > m.start {
			switch toks[j-1].Text() {
			case "struct", "union", "enum":
				if pointedTo(toks, j+1, m.end) {
					continue
				}
			}
		}
		use(j)
	}
}

// pointedTo reports whether the tag before toks[j] is that of a pointer's
// target, or of a function's result: a "*" or a "(" follows it, past
// qualifiers and attributes.
func pointedTo(toks []cpp.Token, j, end int) bool {
	for j < end {
		switch t := toks[j]; {
		case isQualifier(t):
			j++
		case isAttributeWord(t.Text()) && j+1 < end && toks[j+1].Text() == "(":
			if j = pairOf(toks, j+1, "(", ")", 1) + 1; j <= 0 {
				return false
			}
		default:
			return t.Text() == "*" || t.Text() == "("
		}
	}
	return false
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

// declares returns the names (their tokens) a header's file-scope
// declaration declares, and whether its shape is one whose names are
// known:
//   - a function's prototype, or an inline function's definition:
//     "... name(params) attributes ;" or "{ body }";
//   - a variable or a typedef: "... name[dims] attributes ;", or a
//     pointer to a function: "... (*name)(params) ;";
//   - a structure, union or enumeration: "struct tag { ... } ;", its
//     enumerators too, and with typedef the name after the "}".
func declares(d []cpp.Token) ([]cpp.Token, bool) {
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
		return d[j-1 : j], true
	}
	if d[at].Text() == "{" {
		return aggregate(d, at, typedef)
	}
	close := pairOf(d, at, "(", ")", 1)
	if at == 0 || close < 0 || hasTopLevel(d, ",", "=") {
		return nil, false
	}
	var name int
	tail := close + 1
	switch {
	case isName(d[at-1]): // name(params)
		name = at - 1
	case d[at+1].Text() == "*" && close-1 > at+1 && isName(d[close-1]) && close+1 < len(d) && d[close+1].Text() == "(":
		name = close - 1 // (*name)(params)
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
		return d[name : name+1], true
	case j < len(d) && d[j].Text() == "{" && last == "}" && !typedef && saysInline(d[:at]):
		return d[name : name+1], true
	}
	return nil, false
}

// aggregate reads "struct tag { ... } ;" (union, enum; typedef ... name ;)
// whose "{" is at open.
func aggregate(d []cpp.Token, open int, typedef bool) ([]cpp.Token, bool) {
	kw := aggregateKeyword(d, open)
	if kw < 0 {
		return nil, false
	}
	var names []cpp.Token
	for j := kw + 1; j < open; j++ {
		switch {
		case isAttributeWord(d[j].Text()) && j+1 < open && d[j+1].Text() == "(":
			if j = pairOf(d, j+1, "(", ")", 1); j < 0 {
				return nil, false
			}
		case isName(d[j]) && names == nil:
			names = append(names, d[j]) // the tag
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
				names = append(names, d[j])
			}
		}
	}
	j := skipTail(d, len(d)-1)
	switch {
	case d[len(d)-1].Text() != ";":
		return nil, false
	case j == close+1 && !typedef:
	case typedef && j == close+2 && isName(d[close+1]):
		names = append(names, d[close+1])
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
