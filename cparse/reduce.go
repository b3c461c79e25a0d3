package cparse

import "github.com/kpreempt/kpreempt/cpp"

// dropUnusedBodies hands the parser less: the body of an inline function
// defined in a header that nothing else in the unit names (not the file's
// code, not a declaration or initialiser, not the body of an inline
// function that is kept, transitively) becomes a ";", leaving its
// prototype. The analysis converts only the header functions the file
// calls, so it sees the same unit; the parser reads about half of it
// (kernel/sched/core.c: 0.68M tokens of 1.28M).
// own reports whether a file is the unit's own code (its definitions are
// analysed and so kept).
func dropUnusedBodies(toks []cpp.Token, own func(file string) bool) []cpp.Token {
	defs := inlineHeaderDefs(toks, own)
	if len(defs) == 0 {
		return toks
	}
	inBody := make([]int32, len(toks)) // 1 + index of the def whose body holds the token
	byName := map[string][]int{}
	for i, d := range defs {
		for j := d.open; j <= d.close; j++ {
			inBody[j] = int32(i + 1)
		}
		byName[d.name] = append(byName[d.name], i)
	}
	nameAt := map[int]bool{}
	for _, d := range defs {
		nameAt[d.nameTok] = true
	}
	used := map[string]bool{}
	var queue []int
	use := func(name string) {
		if used[name] {
			return
		}
		used[name] = true
		queue = append(queue, byName[name]...)
	}
	for i := range toks {
		if toks[i].Kind == cpp.Ident && inBody[i] == 0 && !nameAt[i] {
			use(toks[i].Text)
		}
	}
	keep := make([]bool, len(defs))
	for len(queue) > 0 {
		d := queue[0]
		queue = queue[1:]
		if keep[d] {
			continue
		}
		keep[d] = true
		for j := defs[d].open; j <= defs[d].close; j++ {
			if toks[j].Kind == cpp.Ident {
				use(toks[j].Text)
			}
		}
	}
	out := make([]cpp.Token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		if d := inBody[i]; d != 0 && !keep[d-1] {
			semi := toks[i]
			semi.Kind, semi.Text = cpp.Punct, ";"
			out = append(out, semi)
			i = defs[d-1].close
			continue
		}
		out = append(out, toks[i])
	}
	return out
}

// inlineDef is an inline function definition at file scope: its name
// token and the braces of its body.
type inlineDef struct {
	name                 string
	nameTok, open, close int
}

// inlineHeaderDefs finds the inline function definitions of the headers:
// at file scope, a declaration with inline among its specifiers whose
// declarator "name(...)" is followed by a "{". A shape it does not know
// (a function returning a function pointer) is left alone.
func inlineHeaderDefs(toks []cpp.Token, own func(file string) bool) []inlineDef {
	var defs []inlineDef
	depth := 0 // ( [ {
	start := 0 // the first token of the current file-scope declaration
	inline := false
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.Kind == cpp.Ident && depth == 0 && (t.Text == "inline" || t.Text == "__inline" || t.Text == "__inline__") {
			inline = true
		}
		if t.Kind != cpp.Punct {
			continue
		}
		switch t.Text {
		case "(", "[":
			depth++
		case ")", "]":
			depth--
		case "{":
			if depth == 0 && inline && i > 0 && toks[i-1].Text == ")" {
				if close := matching(toks, i); close > 0 {
					if open := matchingBack(toks, i-1); open > start && toks[open-1].Kind == cpp.Ident && !isAttributeWord(toks[open-1].Text) && !own(toks[open-1].Origin().File) {
						defs = append(defs, inlineDef{name: toks[open-1].Text, nameTok: open - 1, open: i, close: close})
					}
					i = close
					start, inline = close+1, false
					continue
				}
			}
			depth++
		case "}":
			depth--
		case ";":
			if depth == 0 {
				start, inline = i+1, false
			}
		}
	}
	return defs
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
		switch toks[j].Text {
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
	case "__attribute__", "__attribute", "__declspec", "asm", "__asm__", "__asm", "typeof", "__typeof__", "__typeof":
		return true
	}
	return false
}
