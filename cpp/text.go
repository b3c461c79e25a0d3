package cpp

import "fmt"

// Text renders tokens as C source: one space between tokens where Space
// is set or where the two would otherwise run together, and a newline
// before a token that starts a line of its file. offsets[i] is the byte
// offset of toks[i] in text, so that a parser's token offsets map back to
// Tokens by binary search.
//
// It renders nothing, and fails, where the text would pass maxOutBytes:
// tokens hold no text (their spellings are shared), so rendering is where
// an output takes the size of its text (a long string a macro repeats).
func Text(toks []Token) (text []byte, offsets []int32, err error) {
	return render(toks, true)
}

// ParserText is Text for a parser that preprocesses its input again, as
// cc/v4 does, which makes a token of every space and a slice, grown token
// by token, of every line: a space only where two tokens would run
// together, and a line at least parserLine tokens long, broken where a
// line of the file starts.
func ParserText(toks []Token) (text []byte, offsets []int32, err error) {
	return render(toks, false)
}

// parserLine is the shortest line of ParserText: long enough that a line
// costs the parser few slices, short enough that they grow by doubling.
const parserLine = 128

func render(toks []Token, spaced bool) (text []byte, offsets []int32, err error) {
	n := 0
	for i := range toks {
		if n += len(toks[i].Text()) + 1; n > maxOutBytes {
			return nil, nil, &Error{Pos: toks[i].Pos(), Msg: fmt.Sprintf("preprocessed output exceeds %d bytes", maxOutBytes)}
		}
	}
	text = make([]byte, 0, n)
	offsets = make([]int32, len(toks))
	prev := ""
	line := 0 // tokens since the last newline
	for i := range toks {
		t := &toks[i]
		s := t.Text()
		line++
		if i > 0 {
			switch {
			case t.flags&fBOL != 0 && t.exp == 0 && s != "#" && s != "%:" && (spaced || line > parserLine):
				text = append(text, '\n')
				line = 1
			case spaced && t.Space || needSpace(toks[i-1].Kind, prev, t.Kind, s):
				text = append(text, ' ')
			}
		}
		offsets[i] = int32(len(text))
		text = append(text, s...)
		prev = s
	}
	return text, offsets, nil
}

// needSpace reports whether tokens of kinds ak and bk spelled a and b,
// written side by side, would not lex back as themselves.
func needSpace(ak Kind, a string, bk Kind, b string) bool {
	if a == "" || b == "" {
		return false
	}
	switch ak {
	case Ident, Number:
		switch bk {
		case Punct:
			if ak == Number {
				c := b[0]
				return c == '.' || c == '+' || c == '-'
			}
			return false
		}
		return true
	case String, Char:
		return bk != Punct && bk != String && bk != Char
	case Punct:
		switch bk {
		case Punct:
			// "//" and "/*" start comments; ". . ." would make "...".
			if c := a[len(a)-1]; c == '/' && (b[0] == '/' || b[0] == '*') || c == '.' && b[0] == '.' {
				return true
			}
			return punctLen(a+b) != len(a)
		case Number:
			return a[len(a)-1] == '.'
		case Other:
			return true
		}
		return false
	}
	return true
}
