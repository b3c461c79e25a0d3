package cparse

import "github.com/kpreempt/kpreempt/cpp"

// fixTokens rewrites preprocessed tokens cc/v4's parser rejects into
// forms it accepts, keeping every token's provenance. Each rewrite drops
// tokens the analysis does not need:
//
//   - typeof(const T), __typeof__(volatile T): the qualifier inside typeof
//     (asm/current.h, percpu accessors) — cc/v4 wants a type specifier first;
//   - const __auto_type x = ...: the qualifier (asm/string_64.h);
//   - the x86 named address spaces __seg_gs and __seg_fs;
//   - enum __attribute__((packed)) name { ... }: the attribute after enum;
//   - __alignof__ *p: GCC takes an unparenthesised operand as sizeof does,
//     cc/v4 only "(" after it; the keyword becomes sizeof, whose operand the
//     analysis reads the same way (unevaluated).
//
// The rewrite is in place: a unit's tokens are the largest thing the front
// end holds.
func fixTokens(toks []cpp.Token) []cpp.Token {
	out := toks[:0]
	var prev1, prev2 cpp.Token // toks[i-1] and toks[i-2] as they were: out overwrites them
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		keep := true
		switch {
		case t.Kind != cpp.Ident:
			// Every rewrite is of an identifier.
		case t.Is(spSegGS) || t.Is(spSegFS):
			keep = false
		case isQualifier(t) && i > 1 && prev1.Is(spLParen) && isTypeof(prev2):
			keep = false
		case isQualifier(t) && i+1 < len(toks) && toks[i+1].Is(spAutoType):
			keep = false
		case isAlignof(t) && i+1 < len(toks) && !toks[i+1].Is(spLParen):
			t.SetText("sizeof")
		case (t.Is(spAttribute) || t.Is(spAttribute2)) && i > 0 && prev1.Is(spEnum):
			if end := skipParens(toks, i+1); end > i+1 {
				// toks[i+1:end] are ahead of out: still as they were.
				prev2, prev1 = toks[end-2], toks[end-1]
				i = end - 1
				continue
			}
		}
		prev2, prev1 = prev1, t
		if keep {
			out = append(out, t)
		}
	}
	return out
}

// The spellings fixTokens looks for, compared by number: it reads every
// token the parser is handed.
var (
	spSegGS, spSegFS, spAutoType = ident("__seg_gs"), ident("__seg_fs"), ident("__auto_type")
	spAttribute, spAttribute2    = ident("__attribute__"), ident("__attribute")
	spEnum                       = ident("enum")
	spLParen, spRParen           = cpp.SpellingOf(cpp.Punct, "("), cpp.SpellingOf(cpp.Punct, ")")
	qualifiers                   = idents("const", "volatile", "__const", "__const__", "__volatile", "__volatile__")
	alignofs                     = idents("_Alignof", "__alignof", "__alignof__")
	typeofs                      = idents("typeof", "__typeof", "__typeof__", "typeof_unqual", "__typeof_unqual__")
)

func ident(s string) cpp.Spelling { return cpp.SpellingOf(cpp.Ident, s) }

func idents(ss ...string) []cpp.Spelling {
	out := make([]cpp.Spelling, len(ss))
	for i, s := range ss {
		out[i] = ident(s)
	}
	return out
}

func isOneOf(t cpp.Token, sps []cpp.Spelling) bool {
	for _, sp := range sps {
		if t.Is(sp) {
			return true
		}
	}
	return false
}

func isQualifier(t cpp.Token) bool { return isOneOf(t, qualifiers) }

func isAlignof(t cpp.Token) bool { return isOneOf(t, alignofs) }

func isTypeof(t cpp.Token) bool { return isOneOf(t, typeofs) }

// skipParens returns the index after the balanced parenthesised group
// starting at i, or i when there is none.
func skipParens(toks []cpp.Token, i int) int {
	if i >= len(toks) || !toks[i].Is(spLParen) {
		return i
	}
	depth := 0
	for j := i; j < len(toks); j++ {
		switch {
		case toks[j].Is(spLParen):
			depth++
		case toks[j].Is(spRParen):
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return i
}
