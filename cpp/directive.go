package cpp

import (
	"strconv"
	"strings"
)

// directive obeys the directive it of the file being read and moves past
// it (past the groups it skips).
func (p *pp) directive(fr *frame, it *item) {
	idx := fr.i
	fr.i++
	f := fr.f
	switch it.kind {
	case dDefine:
		if it.macro == nil {
			p.errorf(f.pos(it.hash), "%s", it.msg)
			return
		}
		p.define(it.macro)
	case dUndef:
		if len(it.toks) == 0 || it.toks[0].kind != Ident {
			p.errorf(f.pos(it.hash), "macro names must be identifiers")
			return
		}
		if it.toks[0].sym == symDefined {
			p.errorf(f.pos(it.toks[0]), "\"defined\" cannot be used as a macro name")
			return
		}
		p.undef(it.toks[0].sym)
	case dInclude, dIncludeNext:
		p.include(fr, it)
	case dIf:
		p.branch(fr, idx, p.evalIf(fr, it))
	case dIfdef, dIfndef:
		p.branch(fr, idx, p.ifdef(fr, it))
	case dElif, dElifdef, dElifndef, dElse:
		// Reached from a group that was taken: skip to the #endif.
		p.closeGroup(fr)
		j := int(it.next)
		for j >= 0 && j < len(f.items) && f.items[j].kind != dEndif {
			j = int(f.items[j].next)
		}
		if j < 0 {
			j = len(f.items) - 1
		}
		fr.i = j + 1
		fr.run, fr.j = nil, 0
	case dEndif:
		p.closeGroup(fr)
	case dIgnore:
	case dLine:
		p.line(fr, it)
	case dError:
		p.errorf(f.pos(it.hash), "#error %s", it.msg)
	case dPragma:
		p.pragma(fr, it)
	case dInvalid:
		name := it.name
		if len(it.toks) > 0 && it.toks[0].kind != Ident {
			name = f.text(it.toks[0])
		}
		p.errorf(f.pos(it.hash), "invalid preprocessing directive #%s", name)
	}
}

// branch goes into the group of the conditional at idx if cond holds,
// else to the first later group whose condition holds.
func (p *pp) branch(fr *frame, idx int, cond bool) {
	f := fr.f
	first := idx
	for !cond {
		idx = int(f.items[idx].next)
		if idx < 0 || idx >= len(f.items) {
			fr.i = len(f.items)
			return
		}
		it := &f.items[idx]
		switch it.kind {
		case dElif:
			cond = p.evalIf(fr, it)
		case dElifdef, dElifndef:
			cond = p.ifdef(fr, it)
		default: // #else, #endif
			cond = true
		}
	}
	fr.i = idx + 1
	fr.run, fr.j = nil, 0
	if f.items[idx].kind != dEndif {
		v := p.testsWatched(f, first)
		fr.conds = append(fr.conds, v)
		if v {
			p.variant++
		}
	}
}

// closeGroup leaves the innermost open conditional group of fr.
func (p *pp) closeGroup(fr *frame) {
	n := len(fr.conds)
	if n == 0 {
		return
	}
	if fr.conds[n-1] {
		p.variant--
	}
	fr.conds = fr.conds[:n-1]
}

// testsWatched reports whether a directive of the conditional starting at
// item idx names a watched macro (Config.Watch).
func (p *pp) testsWatched(f *file, idx int) bool {
	if len(p.watch) == 0 {
		return false
	}
	for idx >= 0 && idx < len(f.items) {
		it := &f.items[idx]
		if it.kind == dEndif {
			break
		}
		for _, t := range it.toks {
			if t.kind != Ident {
				continue
			}
			for _, w := range p.watch {
				if t.sym == w {
					return true
				}
			}
		}
		idx = int(it.next)
	}
	return false
}

func (p *pp) ifdef(fr *frame, it *item) bool {
	if len(it.toks) == 0 || it.toks[0].kind != Ident {
		p.errorf(fr.f.pos(it.hash), "no macro name given in #%s directive", it.name)
		return false
	}
	d := p.lookup(it.toks[0].sym) != nil
	if it.kind == dIfndef || it.kind == dElifndef {
		return !d
	}
	return d
}

// operands returns a directive's operands as Tokens.
func (p *pp) operands(fr *frame, it *item) []Token {
	toks := p.getToks(len(it.toks))
	for _, t := range it.toks {
		toks = append(toks, fr.f.token(t))
	}
	return toks
}

func (p *pp) include(fr *frame, it *item) {
	f := fr.f
	next := it.kind == dIncludeNext && fr.dirIdx != -2
	if len(it.toks) == 0 {
		p.errorf(f.pos(it.hash), "#%s expects \"FILENAME\" or <FILENAME>", it.name)
		return
	}
	var name string
	var angled bool
	pos := f.pos(it.toks[0])
	switch t := it.toks[0]; {
	case t.kind == HeaderName:
		name, angled = f.text(t), true
		name = name[1 : len(name)-1]
	case t.kind == String && f.text(t)[0] == '"':
		name = f.text(t)
		name = name[1 : len(name)-1]
	default:
		toks := p.operands(fr, it)
		var ok bool
		name, angled, ok = p.computedInclude(toks)
		p.putToks(toks)
		if !ok {
			p.errorf(pos, "#%s expects \"FILENAME\" or <FILENAME>", it.name)
			return
		}
	}
	if name == "" {
		p.errorf(pos, "empty filename in #%s", it.name)
		return
	}
	max := p.cfg.MaxIncludeDepth
	if max <= 0 {
		max = 200
	}
	if len(p.frames) >= max {
		p.fatalf(f.pos(it.hash), "#include nested depth %d exceeds maximum of %d", len(p.frames), max)
		return
	}
	inc, path, idx := p.findInclude(name, angled, next, pos)
	if p.fatal {
		return
	}
	if inc == nil {
		p.fatalf(pos, "%s: No such file or directory", name)
		return
	}
	if inc.guard != 0 && p.lookup(inc.guard) != nil || p.once[inc.name] {
		return
	}
	p.includes = append(p.includes, path)
	p.pushFrame(inc, dirOf(path), idx, fr.level+1)
}

// computedInclude expands the operands of #include MACRO into a header
// name: a string literal, or the spellings from < to >.
func (p *pp) computedInclude(toks []Token) (name string, angled, ok bool) {
	var b strings.Builder
	state := 0 // 0: first token; 1: inside <...>; 2: done; 3: bad
	p.expandLine(toks, func(t Token) {
		switch state {
		case 0:
			switch {
			case t.Kind == String && t.Text()[0] == '"':
				s := t.Text()
				name, state = s[1:len(s)-1], 2
			case t.Kind == Punct && t.Text() == "<":
				state, angled = 1, true
			default:
				state = 3
			}
		case 1:
			if t.Kind == Punct && t.Text() == ">" {
				name, state = b.String(), 2
				return
			}
			if t.Space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t.Text())
		}
	})
	return name, angled, state == 2
}

func (p *pp) line(fr *frame, it *item) {
	toks := p.operands(fr, it)
	var vals []Token
	p.expandLine(toks, func(t Token) { vals = append(vals, t) })
	p.putToks(toks)
	if len(vals) == 0 || vals[0].Kind != Number {
		p.errorf(fr.f.pos(it.hash), "\"%s\" after #line is not a positive integer", firstText(vals))
		return
	}
	n, err := strconv.ParseUint(vals[0].Text(), 10, 31)
	if err != nil {
		p.errorf(vals[0].Pos(), "\"%s\" after #line is not a positive integer", vals[0].Text())
		return
	}
	fr.lineDelta = int(n) - (int(it.hash.line) + 1)
	if len(vals) > 1 {
		if vals[1].Kind != String || vals[1].Text()[0] != '"' {
			p.errorf(vals[1].Pos(), "invalid filename \"%s\"", vals[1].Text())
			return
		}
		fr.presumed = unquote(vals[1].Text())
	}
}

func firstText(toks []Token) string {
	if len(toks) == 0 {
		return ""
	}
	return toks[0].Text()
}

// unquote undoes the escapes of a plain string literal (#line's file name).
func unquote(s string) string {
	s = s[1 : len(s)-1]
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func (p *pp) pragma(fr *frame, it *item) {
	if len(it.toks) == 0 {
		return
	}
	switch it.toks[0].sym {
	case symOnce:
		if p.once == nil {
			p.once = map[string]bool{}
		}
		p.once[fr.f.name] = true
	case symPushMacro, symPopMacro:
		// #pragma push_macro("NAME")
		t := it.toks
		if len(t) != 4 || fr.f.text(t[1]) != "(" || t[2].kind != String || fr.f.text(t[3]) != ")" {
			return
		}
		name := fr.f.text(t[2])
		if name[0] != '"' {
			return
		}
		sym := p.c.intern(unquote(name))
		if p.pushed == nil {
			p.pushed = map[uint32][]*macro{}
		}
		if t[0].sym == symPushMacro {
			p.pushed[sym] = append(p.pushed[sym], p.lookup(sym))
			return
		}
		if s := p.pushed[sym]; len(s) > 0 {
			m := s[len(s)-1]
			p.pushed[sym] = s[:len(s)-1]
			if m == nil {
				p.undef(sym)
			} else {
				p.define(m)
			}
		}
	}
}
