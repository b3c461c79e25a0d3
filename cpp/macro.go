package cpp

import (
	"math"
	"strings"
)

// macro is a definition. Definitions read from a header are made once per
// Cache and shared, read-only, by every unit that includes it.
type macro struct {
	name     string
	sym      uint32
	funcLike bool
	nparams  int
	variadic bool    // the last parameter takes the rest of the arguments
	body     []Token // parameters are marked fParam with their index in sym; # and ## are folded into flags
	builtin  bool    // __LINE__, _Pragma, __has_include, ...
	pasteErr string  // object-like: a ## in the body that makes no token, reported on use
	pastes   bool    // the body has ## or __VA_OPT__: replacement lists need pasteAll
	pos      Pos

	// uses counts, for each parameter, its uses that are macro-expanded
	// (and rawUses those that are not), to size the replacement list;
	// order lists the parameters in the order gcc expands them: that of
	// their first expanded use (__VA_OPT__ counts for the last).
	uses, rawUses, order []uint8
}

// parseDefine parses the operands of #define. msg says why they are not a
// valid definition.
func (c *Cache) parseDefine(f *file, toks []ctok, hash ctok) (*macro, string) {
	if len(toks) == 0 {
		return nil, "no macro name given in #define directive"
	}
	nt := toks[0]
	if nt.kind != Ident {
		return nil, "macro names must be identifiers"
	}
	if nt.sym == symDefined {
		return nil, `"defined" cannot be used as a macro name`
	}
	m := &macro{name: f.text(nt), sym: nt.sym, pos: f.pos(nt)}
	rest := toks[1:]
	var params []uint32
	if len(rest) > 0 && rest[0].kind == Punct && f.text(rest[0]) == "(" && rest[0].flags&cSpace == 0 {
		m.funcLike = true
		i := 1
		for {
			if i >= len(rest) {
				return nil, "missing ')' in macro parameter list"
			}
			t := rest[i]
			s := f.text(t)
			if s == ")" && len(params) == 0 {
				break
			}
			switch {
			case s == "...":
				params = append(params, symVAArgs)
				m.variadic = true
				i++
				if i >= len(rest) || f.text(rest[i]) != ")" {
					return nil, `missing ')' after "..."`
				}
			case t.kind == Ident:
				if t.sym == symVAArgs {
					return nil, "__VA_ARGS__ can not be used as a parameter name"
				}
				for _, p := range params {
					if p == t.sym {
						return nil, `duplicate macro parameter "` + s + `"`
					}
				}
				params = append(params, t.sym)
				i++
				if i < len(rest) && f.text(rest[i]) == "..." {
					m.variadic = true
					i++
					if i >= len(rest) || f.text(rest[i]) != ")" {
						return nil, `missing ')' after "..."`
					}
				}
			default:
				return nil, `expected parameter name, found "` + s + `"`
			}
			if i >= len(rest) {
				return nil, "missing ')' in macro parameter list"
			}
			if s := f.text(rest[i]); s == ")" {
				break
			} else if s != "," || m.variadic {
				return nil, `expected ',' or ')', found "` + s + `"`
			}
			i++
		}
		rest = rest[i+1:]
	}
	m.nparams = len(params)
	body := make([]Token, 0, len(rest))
	paramIndex := func(sym uint32) int {
		for i, p := range params {
			if p == sym {
				return i
			}
		}
		return -1
	}
	for i := 0; i < len(rest); i++ {
		t := f.token(rest[i])
		t.flags &^= fBOL
		switch {
		case t.Kind == Ident && m.funcLike && paramIndex(t.sym) >= 0:
			t.flags |= fParam
			t.sym = uint32(paramIndex(t.sym))
		case t.Kind == Ident && t.sym == symVAOpt && m.variadic:
			if i+1 >= len(rest) || f.text(rest[i+1]) != "(" {
				return nil, "__VA_OPT__ must be followed by an open parenthesis"
			}
			t.flags |= fVaOpt
		case t.Kind == Punct && t.Text() == "#" && m.funcLike:
			if i+1 < len(rest) {
				n := rest[i+1]
				if n.kind == Ident && (paramIndex(n.sym) >= 0 || n.sym == symVAOpt && m.variadic) {
					continue // the operand gets fStringify below
				}
			}
			return nil, "'#' is not followed by a macro parameter"
		case t.Kind == Punct && t.Text() == "##":
			if len(body) == 0 || i+1 == len(rest) {
				return nil, "'##' cannot appear at either end of a macro expansion"
			}
			body[len(body)-1].flags |= fPasteLeft
			continue
		}
		if i > 0 && m.funcLike && rest[i-1].kind == Punct && f.text(rest[i-1]) == "#" {
			t.flags |= fStringify
			t.Space = rest[i-1].flags&cSpace != 0
		}
		body = append(body, t)
	}
	if len(body) > 0 {
		body[0].Space = false
	}
	if m.nparams > 0 {
		m.uses = make([]uint8, m.nparams)
		m.rawUses = make([]uint8, m.nparams)
		seen := make([]bool, m.nparams)
		for i, t := range body {
			k := int(t.sym)
			switch {
			case t.flags&fVaOpt != 0:
				k = m.nparams - 1
			case t.flags&fParam == 0:
				continue
			case t.flags&(fPasteLeft|fStringify) != 0 || i > 0 && body[i-1].flags&fPasteLeft != 0:
				if m.rawUses[k] < 255 {
					m.rawUses[k]++
				}
				continue
			case m.uses[k] < 255:
				m.uses[k]++
			}
			if !seen[k] {
				seen[k] = true
				m.order = append(m.order, uint8(k))
			}
		}
	}
	for _, t := range body {
		if t.flags&(fPasteLeft|fVaOpt) != 0 {
			m.pastes = true
		}
	}
	if err := checkVaOpt(body); err != "" {
		return nil, err
	}
	if !m.funcLike {
		var l, r string
		var ok bool
		if body, l, r, ok, _ = c.pasteAll(body, math.MaxInt); !ok {
			m.pasteErr = `pasting "` + l + `" and "` + r + `" does not give a valid preprocessing token`
		}
	}
	m.body = body
	return m, ""
}

// checkVaOpt checks that each __VA_OPT__ has its closing parenthesis and
// holds no other.
func checkVaOpt(body []Token) string {
	for i := 0; i < len(body); i++ {
		if body[i].flags&fVaOpt == 0 {
			continue
		}
		end := vaOptEnd(body, i)
		if end < 0 {
			return "unterminated __VA_OPT__"
		}
		for j := i + 1; j < end; j++ {
			if body[j].flags&fVaOpt != 0 {
				return "__VA_OPT__ may not appear in a __VA_OPT__"
			}
		}
		i = end
	}
	return ""
}

// vaOptEnd returns the index of the ')' that closes the __VA_OPT__ at i,
// -1 if there is none.
func vaOptEnd(body []Token, i int) int {
	depth := 0
	for j := i + 1; j < len(body); j++ {
		if body[j].Kind != Punct || body[j].flags&fParam != 0 {
			continue
		}
		switch body[j].Text() {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// pasteAll performs the ## of a token list in place: a token marked
// fPasteLeft is joined with the next one. Placemarkers vanish. ok is false if
// some paste did not make one token (both tokens are then kept, as gcc
// does); l and r are the first such pair. made counts the bytes of the
// pastes tried (each makes a string that long); once they would exceed
// budget, tokens are left unpasted.
func (c *Cache) pasteAll(toks []Token, budget int) (res []Token, badL, badR string, ok bool, made int) {
	ok = true
	w := 0
	for r := 0; r < len(toks); r++ {
		t := toks[r]
		for t.flags&fPasteLeft != 0 && r+1 < len(toks) {
			r++
			var p Token
			good := false
			if t.Kind == Placemarker || toks[r].Kind == Placemarker {
				p, good = c.paste(t, toks[r])
			} else if made += len(t.Text()) + len(toks[r].Text()); made <= budget {
				p, good = c.paste(t, toks[r])
			}
			if !good {
				if ok {
					badL, badR, ok = t.Text(), toks[r].Text(), false
				}
				t.flags &^= fPasteLeft
				if t.Kind != Placemarker {
					toks[w] = t
					w++
				}
				t = toks[r]
				continue
			}
			t = p
		}
		t.flags &^= fPasteLeft
		if t.Kind == Placemarker {
			continue
		}
		toks[w] = t
		w++
	}
	return toks[:w], badL, badR, ok, made
}

// paste joins two tokens with ##. The result takes the left token's place
// and white space and the right one's ## flag.
func (c *Cache) paste(l, r Token) (Token, bool) {
	next := r.flags & fPasteLeft
	if l.Kind == Placemarker {
		r.flags = r.flags&^fPasteLeft | next
		return r, true
	}
	if r.Kind == Placemarker {
		l.flags = l.flags&^fPasteLeft | next
		return l, true
	}
	t := l
	t.flags = l.flags&fBOL | next
	t.FromArg = l.FromArg && r.FromArg
	t.sym = 0
	if l.Kind == Ident && (r.Kind == Ident || r.Kind == Number && identChars(r.Text())) {
		// The common case, name ## name: found in the identifier table
		// without making the string.
		t.sym = c.internPair(l.Text(), r.Text())
		t.text = t.sym
		return t, true
	}
	text := l.Text() + r.Text()
	kind, ok := lexOne(text)
	if !ok {
		return l, false
	}
	t.Kind = kind
	t.SetText(text)
	return t, true
}

func identChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isIdentChar(s[i]) {
			return false
		}
	}
	return true
}

// stringify makes the string literal of # from an argument's tokens: white
// space between tokens becomes one space, and " and \ are escaped inside
// string and character literals.
func stringify(toks []Token) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, t := range toks {
		if t.Kind == Placemarker {
			continue
		}
		if i > 0 && t.Space && b.Len() > 1 {
			b.WriteByte(' ')
		}
		if t.Kind == String || t.Kind == Char {
			for j := 0; j < len(t.Text()); j++ {
				if c := t.Text()[j]; c == '"' || c == '\\' {
					b.WriteByte('\\')
				}
				b.WriteByte(t.Text()[j])
			}
			continue
		}
		b.WriteString(t.Text())
	}
	s := b.String()
	// An odd number of trailing backslashes would escape the closing quote:
	// gcc drops the last one.
	n := 0
	for j := len(s) - 1; j > 0 && s[j] == '\\'; j-- {
		n++
	}
	if n%2 == 1 {
		s = s[:len(s)-1]
	}
	return s + `"`
}
