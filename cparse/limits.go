package cparse

import (
	"fmt"

	"github.com/kpreempt/kpreempt/cpp"
)

// cc/v4's parser recurses once per level of nesting, and a goroutine that
// overflows its stack kills the process; it also looks names up through
// one scope per level, so a long else-if chain costs its square. A unit
// whose shape would do either is refused before it is parsed. The limits
// are far above real kernel code, whose preprocessed units nest brackets
// about 36 deep, have about 680 of what chains below between two commas or
// semicolons, and about 300 else-ifs in one function.
const (
	maxBracketDepth = 1 << 10 // ( [ { nested
	maxOperatorRun  = 1 << 10 // operators in a row: - - - x, * * * p
	// maxChain bounds, between two of , ; { }, what the parser recurses
	// on without nesting: casts and calls ((int)(int)x), ?:, assignments,
	// statement keywords and labels (if (a) if (b), case 1: case 2:).
	maxChain  = 1 << 13
	maxElseIf = 1 << 12 // else-ifs in one top-level braced group
)

// checkShape returns why toks cannot safely be given to the parser, ""
// if they can; origin places a token (cpp.Result.Origin).
func checkShape(toks []cpp.Token, origin func(cpp.Token) cpp.Pos) string {
	depth, run, chain, elseIf, braces := 0, 0, 0, 0, 0
	for i := range toks {
		t := &toks[i]
		over := ""
		if t.Kind == cpp.Punct {
			switch t.Text() {
			case "(", "[", "{", "<:", "<%":
				if depth++; depth > maxBracketDepth {
					over = fmt.Sprintf("brackets nested more than %d deep", maxBracketDepth)
				}
			case ")", "]", "}", ":>", "%>":
				depth--
			}
			switch t.Text() {
			case "(", ")", ",", ";", "{", "}", "<%", "%>":
				run = 0
			default:
				if run++; run > maxOperatorRun {
					over = fmt.Sprintf("more than %d operators in a row", maxOperatorRun)
				}
			}
		} else {
			run = 0
		}
		switch t.Text() {
		case ";", ",", "{", "}", "<%", "%>":
			chain = 0
		case "(", "?", ":", "=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=",
			"if", "else", "while", "for", "do", "switch", "case", "default":
			if chain++; chain > maxChain {
				over = fmt.Sprintf("more than %d casts, calls, operators, labels and statement keywords chained in one statement", maxChain)
			}
		}
		switch t.Text() {
		case "{", "<%":
			braces++
		case "}", "%>":
			if braces--; braces <= 0 {
				braces, elseIf = 0, 0
			}
		case "else":
			if i+1 < len(toks) && toks[i+1].Text() == "if" {
				if elseIf++; elseIf > maxElseIf {
					over = fmt.Sprintf("more than %d else-ifs in one function", maxElseIf)
				}
			}
		}
		if over != "" {
			return origin(*t).String() + ": " + over
		}
	}
	return ""
}
