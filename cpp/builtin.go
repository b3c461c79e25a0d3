package cpp

import (
	"strconv"
	"strings"
	"sync"
)

// builtin expands a built-in macro; false if name is left as it is.
func (p *pp) builtin(m *macro, name *Token, mode readMode) bool {
	t := Token{Kind: Number}
	t.at(*name)
	var text string
	switch m.sym {
	case symPragma:
		return p.pragmaOp(name)
	case symLine:
		text = strconv.Itoa(p.lineOf(name))
	case symFile:
		t.Kind, text = String, quote(p.mapPrefix(p.presumedFile()))
	case symBaseFile:
		t.Kind, text = String, quote(p.mapPrefix(p.mainFile))
	case symCounter:
		text = strconv.Itoa(p.counter)
		p.counter++
	case symIncludeLevel:
		lvl := 0
		if n := len(p.frames); n > 0 {
			lvl = p.frames[n-1].level
		}
		text = strconv.Itoa(lvl)
	case symDate:
		t.Kind, text = String, `"Jan  1 1970"`
	case symTime:
		t.Kind, text = String, `"00:00:00"`
	case symTimestamp:
		t.Kind, text = String, `"Thu Jan  1 00:00:00 1970"`
	case symHasInclude, symHasIncludeNext:
		v, ok := p.hasInclude(name, m.sym == symHasIncludeNext)
		if !ok {
			return false
		}
		text = strconv.Itoa(v)
	case symHasAttribute, symHasCPPAttribute, symHasBuiltin:
		v, ok := p.hasFeature(m, name)
		if !ok {
			return false
		}
		text = strconv.Itoa(v)
	default:
		return false
	}
	t.SetText(text)
	c := p.newCtx()
	c.one[0] = t
	c.toks, c.exp, c.inv, c.space, c.bol = c.one[:], p.newExp(m, name, nil), true, name.Space, name.flags&fBOL
	p.push(c)
	return true
}

// lineOf is __LINE__ for a token: gcc resolves a token from a macro to the
// line of its outermost expansion point, following the expansions names
// came from (not the relabelling of arguments).
func (p *pp) lineOf(t *Token) int {
	line := int(t.line)
	for e := p.expansion(*t); e != nil; e = e.loc {
		line = int(e.Pos.Line)
	}
	if n := len(p.frames); n > 0 {
		line += p.frames[n-1].lineDelta
	}
	return line
}

func (p *pp) presumedFile() string {
	n := len(p.frames)
	if n == 0 {
		return p.mainFile
	}
	fr := p.frames[n-1]
	if fr.presumed != "" {
		return fr.presumed
	}
	return fr.f.name
}

// mapPrefix applies -fmacro-prefix-map, the last option first as gcc does.
func (p *pp) mapPrefix(s string) string {
	for i := len(p.cfg.MacroPrefixMap) - 1; i >= 0; i-- {
		m := p.cfg.MacroPrefixMap[i]
		if strings.HasPrefix(s, m.Old) {
			return m.New + s[len(m.Old):]
		}
	}
	return s
}

// quote makes a string literal of s, as gcc spells __FILE__.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

func isPunct(t Token, s string) bool { return t.Kind == Punct && t.Text() == s }

// pragmaOp consumes _Pragma ( string-literal ). gcc expands macros in the
// operand; the pragma itself is dropped, leaving white space.
func (p *pp) pragmaOp(name *Token) bool {
	t := p.get(mPeek)
	if !isPunct(t, "(") {
		if t.Kind != EOF {
			p.pushBack(t)
		}
		p.errorf(name.Pos(), "_Pragma takes a parenthesized string literal")
		return false
	}
	s := p.get(mCollect)
	if s.Kind != String {
		if s.Kind != EOF {
			p.pushBack(s)
		}
		p.errorf(name.Pos(), "_Pragma takes a parenthesized string literal")
		return false
	}
	if c := p.get(mCollect); !isPunct(c, ")") {
		if c.Kind != EOF {
			p.pushBack(c)
		}
		p.errorf(name.Pos(), "_Pragma takes a parenthesized string literal")
		return false
	}
	p.pendSpace = true
	return true
}

// hasInclude evaluates __has_include ( header-name ).
func (p *pp) hasInclude(name *Token, next bool) (int, bool) {
	op := name.Text()
	if p.inIf == 0 {
		p.errorf(name.Pos(), "\"%s\" used outside of preprocessing directive", op)
		return 0, false
	}
	if t := p.get(mPeek); !isPunct(t, "(") {
		if t.Kind != EOF {
			p.pushBack(t)
		}
		p.errorf(name.Pos(), "missing '(' before \"%s\" operand", op)
		return 0, false
	}
	t := p.get(mCollect)
	var file string
	var angled bool
	switch s := t.Text(); {
	case t.Kind == HeaderName:
		file, angled = s[1:len(s)-1], true
	case t.Kind == String && s[0] == '"':
		file = s[1 : len(s)-1]
	case isPunct(t, "<"):
		angled = true
		var b strings.Builder
		for {
			t = p.get(mCollect)
			if t.Kind == EOF || isPunct(t, ">") {
				break
			}
			if t.Space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t.Text())
		}
		if t.Kind == EOF {
			p.errorf(name.Pos(), "missing terminating > character")
			return 0, false
		}
		file = b.String()
	default:
		p.errorf(name.Pos(), "operator \"%s\" requires a header-name", op)
		return 0, false
	}
	if t := p.get(mCollect); !isPunct(t, ")") {
		p.errorf(name.Pos(), "missing ')' after \"%s\" operand", op)
		return 0, false
	}
	if file == "" {
		return 0, true
	}
	fr := p.frames[len(p.frames)-1]
	f, _, _ := p.findInclude(file, angled, next && fr.dirIdx != -2, name.Pos())
	if f != nil {
		return 1, true
	}
	return 0, true
}

// hasFeature evaluates __has_attribute, __has_cpp_attribute and
// __has_builtin. As in gcc, the operand is macro-expanded. gcc 12's C answers
// __has_cpp_attribute as __has_attribute, but only it takes gnu::name.
func (p *pp) hasFeature(m *macro, name *Token) (int, bool) {
	if t := p.get(mPeek); !isPunct(t, "(") {
		if t.Kind != EOF {
			p.pushBack(t)
		}
		p.errorf(name.Pos(), "missing '(' after \"%s\"", m.name)
		return 0, false
	}
	t := p.get(mCollect)
	if t.Kind != Ident {
		p.errorf(name.Pos(), "macro \"%s\" requires an identifier", m.name)
		return 0, false
	}
	id, scope := t.Text(), ""
	c := p.get(mCollect)
	if m.sym == symHasCPPAttribute && isPunct(c, ":") {
		// the standard syntax takes gnu::name (two colons in C)
		if c2 := p.get(mCollect); isPunct(c2, ":") {
			if n := p.get(mCollect); n.Kind == Ident {
				scope, id = trimUnderscores(id), n.Text()
				c = p.get(mCollect)
			}
		}
	}
	if !isPunct(c, ")") {
		p.errorf(name.Pos(), "missing ')' after \"%s\"", m.name)
		return 0, false
	}
	switch m.sym {
	case symHasBuiltin:
		if p.cfg.HasBuiltin != nil {
			return b2i(p.cfg.HasBuiltin(id)), true
		}
		return b2i(defaultBuiltins()[id]), true
	}
	if scope != "" && scope != "gnu" {
		return 0, true
	}
	id = trimUnderscores(id)
	if p.cfg.HasAttribute != nil {
		return p.cfg.HasAttribute(id), true
	}
	return gcc12Attributes[id], true
}

func trimUnderscores(s string) string {
	if len(s) > 4 && strings.HasPrefix(s, "__") && strings.HasSuffix(s, "__") {
		return s[2 : len(s)-2]
	}
	return s
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// tables.go holds gcc 12's attributes and builtins, asked of gcc itself.
//go:generate go run ./internal/gentables

var defaultBuiltins = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Split(gcc12Builtins, "\n") {
		if s != "" {
			m[s] = true
		}
	}
	return m
})
