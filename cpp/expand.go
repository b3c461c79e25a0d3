package cpp

import (
	"math/bits"
	"strings"
)

// Macro expansion follows gcc's cpplib: a stack of contexts, one per
// expansion being read, over the file being read. A macro is disabled while
// its context is on the stack; a context is popped only when a read goes past
// its end, so a macro stays disabled until then. An identifier met while its
// macro is disabled is marked never to expand again. A function-like macro
// name looks at the next token for '(' and may pop contexts to find it there.

type readMode uint8

const (
	mNormal  readMode = iota // directives are obeyed; a file's end returns to its includer
	mCollect                 // collecting arguments: directives are obeyed; a file's end is the end
	mPeek                    // looking for '(': a directive or a file's end is the end, and is not consumed
)

var eofToken = Token{Kind: EOF}

// context is a token list being read: a macro's expansion, an argument
// being expanded, a directive's operands, or a token put back.
type context struct {
	toks   []Token
	i      int
	m      *macro     // disabled while the context is on the stack
	exp    *Expansion // given to the tokens that have none (a macro body's)
	inv    bool       // an invocation's result: its first token takes the invocation's white space
	space  bool
	bol    uint8
	eof    bool // reading past the end gives EOF instead of going on below
	pooled bool // toks came from the token pool
	one    [1]Token
}

func (p *pp) newCtx() *context {
	if n := len(p.freeCtx); n > 0 {
		c := p.freeCtx[n-1]
		p.freeCtx = p.freeCtx[:n-1]
		return c
	}
	return &context{}
}

func (p *pp) push(c *context) { p.ctxs = append(p.ctxs, c) }

func (p *pp) pop() {
	n := len(p.ctxs)
	c := p.ctxs[n-1]
	p.ctxs = p.ctxs[:n-1]
	if c.m != nil {
		p.disabled[c.m.sym] = false
	}
	if c.inv && len(c.toks) == 0 && c.space {
		p.pendSpace = true
	}
	if c.pooled {
		p.live -= len(c.toks)
		p.putToks(c.toks)
	}
	*c = context{}
	p.freeCtx = append(p.freeCtx, c)
}

// pushBack makes t the next token read.
func (p *pp) pushBack(t Token) {
	c := p.newCtx()
	c.one[0] = t
	c.toks = c.one[:]
	p.push(c)
}

// Token lists for expansions come from a pool of the unit, by powers of
// two. They are not cleared when returned: tokens hold no pointers. Long
// lists are rare and are not kept: the pool would hold on to them for the
// rest of the unit.
func sizeClass(n int) int {
	if n <= 16 {
		return 0
	}
	return bits.Len(uint(n-1)) - 4
}

func (p *pp) getToks(n int) []Token {
	k := sizeClass(n)
	if k < len(p.tokPool) {
		if s := p.tokPool[k]; len(s) > 0 {
			t := s[len(s)-1]
			p.tokPool[k] = s[:len(s)-1]
			return t[:0]
		}
	}
	return make([]Token, 0, 16<<k)
}

func (p *pp) putToks(s []Token) {
	c := cap(s)
	if c < 16 || c > 1<<14 {
		return
	}
	k := sizeClass(c)
	if 16<<k > c { // not a full class: file it one lower
		k--
	}
	for len(p.tokPool) <= k {
		p.tokPool = append(p.tokPool, nil)
	}
	if len(p.tokPool[k]) < 32 {
		p.tokPool[k] = append(p.tokPool[k], s[:0])
	}
}

// read returns the next token without expanding it.
func (p *pp) read(mode readMode) Token {
	for n := len(p.ctxs); n > 0; n = len(p.ctxs) {
		c := p.ctxs[n-1]
		if c.i < len(c.toks) {
			t := c.toks[c.i]
			if c.inv && c.i == 0 {
				t.Space = c.space
				t.flags = t.flags&^fBOL | c.bol
			}
			c.i++
			if t.exp == 0 && c.exp != nil {
				t.exp = c.exp.id
			}
			if p.pendSpace {
				t.Space = true
				p.pendSpace = false
			}
			return t
		}
		if c.eof {
			return eofToken
		}
		p.pop()
	}
	return p.readFile(mode)
}

func (p *pp) readFile(mode readMode) Token {
	for !p.fatal {
		n := len(p.frames)
		if n == 0 {
			return eofToken
		}
		fr := p.frames[n-1]
		if fr.j < len(fr.run) {
			t := fr.f.token(fr.run[fr.j])
			fr.j++
			if p.pendSpace {
				t.Space = true
				p.pendSpace = false
			}
			return t
		}
		if fr.i >= len(fr.f.items) {
			if mode != mNormal {
				return eofToken
			}
			p.closeFrame(fr)
			p.frames = p.frames[:n-1]
			continue
		}
		it := &fr.f.items[fr.i]
		if it.kind == dText {
			fr.run, fr.j = it.toks, 0
			fr.i++
			continue
		}
		if mode == mPeek {
			return eofToken
		}
		p.directive(fr, it)
	}
	return eofToken
}

// get returns the next token with macros expanded; EOF once a fatal error
// has stopped the unit.
func (p *pp) get(mode readMode) Token {
	for {
		if p.fatal {
			return eofToken
		}
		t := p.read(mode)
		if t.Kind != Ident || t.flags&fNoExpand != 0 {
			return t
		}
		m := p.lookup(t.sym)
		if m == nil {
			return t
		}
		if p.disabled[t.sym] {
			t.flags |= fNoExpand
			return t
		}
		if p.prevent > 0 {
			return t
		}
		if k := p.contextKeyword(m, t); k != nil {
			m = k
		}
		if !p.enter(m, &t, mode) {
			if p.fatal {
				return eofToken
			}
			return t
		}
	}
}

// newExp records an invocation of m by the token name.
func (p *pp) newExp(m *macro, name *Token, args []string) *Expansion {
	in := p.expansion(*name)
	e := p.exps.add()
	*e = Expansion{Name: m.name, Pos: name.Pos(), Args: args, Parent: in, loc: in, id: e.id, Variant: p.variantDef[m.sym]}
	// A name written in the argument being expanded (not produced by an
	// expansion inside it) belongs to the invocation that argument is for.
	if o := p.argOwner; o != nil && name.exp < o.id {
		e.Parent = o
	}
	if int(p.exps.n) > maxExpansions {
		p.fatalf(origin(e, e.Pos), "macro expansion exceeds %d macro invocations", maxExpansions)
	}
	return e
}

// pushMacro starts reading an expansion of m.
func (p *pp) pushMacro(m *macro, e *Expansion, name *Token, toks []Token, pooled bool) {
	c := p.newCtx()
	c.toks, c.m, c.exp, c.inv, c.space, c.bol, c.pooled = toks, m, e, true, name.Space, name.flags&fBOL, pooled
	p.push(c)
	p.disabled[m.sym] = true
}

// enter expands the macro m named by name; false if it is not an
// invocation (a function-like macro without '(') or an error.
func (p *pp) enter(m *macro, name *Token, mode readMode) bool {
	if m.builtin {
		return p.builtin(m, name, mode)
	}
	if !m.funcLike {
		if m.pasteErr != "" {
			p.errorf(name.Pos(), "%s", m.pasteErr)
		}
		p.pushMacro(m, p.newExp(m, name, nil), name, m.body, false)
		return true
	}
	t := p.read(mPeek)
	if t.Kind != Punct || t.Text() != "(" {
		if t.Kind != EOF {
			p.pushBack(t)
		}
		return false
	}
	a, ok := p.collect(m, name)
	if !ok {
		p.putArgs(a)
		return false
	}
	e := p.newExp(m, name, p.argStrings(a, name))
	toks := p.substitute(m, e, a)
	if f := p.cfg.ExpandedArgs; f != nil && len(a.ends) > 0 && f(m.name) {
		if p.expandedArgs == nil {
			p.expandedArgs = map[*Expansion][]string{}
		}
		p.expandedArgs[e] = expandedStrings(a)
	}
	p.putArgs(a)
	p.hold(len(toks), e, e.Pos)
	p.pushMacro(m, e, name, toks, true)
	return true
}

// argSet holds the arguments of one invocation: their tokens as written,
// one after the other, and their expansions, made when first needed.
type argSet struct {
	buf     []Token
	ends    []int
	exp     [][]Token
	done    []bool
	pooled  []bool // exp[k] came from the token pool
	swallow bool   // GNU: `, ## __VA_ARGS__` loses its comma
}

func (a *argSet) arg(k int) []Token {
	start := 0
	if k > 0 {
		start = a.ends[k-1]
	}
	return a.buf[start:a.ends[k]]
}

func (p *pp) getArgs() *argSet {
	if n := len(p.argPool); n > 0 {
		a := p.argPool[n-1]
		p.argPool = p.argPool[:n-1]
		return a
	}
	return &argSet{}
}

func (p *pp) putArgs(a *argSet) {
	p.live -= len(a.buf)
	for k, x := range a.exp {
		if a.pooled[k] {
			p.live -= len(x)
			p.putToks(x)
		}
	}
	a.buf, a.ends, a.swallow = a.buf[:0], a.ends[:0], false
	clear(a.exp)
	a.exp, a.done, a.pooled = a.exp[:0], a.done[:0], a.pooled[:0]
	p.argPool = append(p.argPool, a)
}

// collect reads the arguments of an invocation of m, the '(' read.
func (p *pp) collect(m *macro, name *Token) (*argSet, bool) {
	a := p.getArgs()
	p.prevent++
	depth := 0
	for {
		t := p.get(mCollect)
		if t.Kind == EOF {
			p.prevent--
			p.errorf(name.Pos(), "unterminated argument list invoking macro \"%s\"", m.name)
			return a, false
		}
		if t.Kind == Punct && len(t.Text()) == 1 {
			switch t.Text()[0] { // a punctuator's spelling: the table's first page
			case '(':
				depth++
			case ')':
				if depth == 0 {
					p.prevent--
					a.ends = append(a.ends, len(a.buf))
					return a, p.checkArgs(m, name, a)
				}
				depth--
			case ',':
				if depth == 0 && !(m.variadic && len(a.ends) == m.nparams-1) {
					a.ends = append(a.ends, len(a.buf))
					continue
				}
			}
		}
		if !p.spendTok(t) || !p.holdTok(t) {
			p.prevent--
			return a, false
		}
		a.buf = append(a.buf, t)
	}
}

// checkArgs checks the number of arguments, as gcc's _cpp_arguments_ok.
func (p *pp) checkArgs(m *macro, name *Token, a *argSet) bool {
	argc := len(a.ends)
	if argc == 1 && m.nparams == 0 && a.ends[0] == 0 {
		argc = 0
		a.ends = a.ends[:0]
	}
	switch {
	case argc < m.nparams:
		if argc+1 == m.nparams && m.variadic {
			// The variable arguments may be left out (a GNU extension,
			// and C23); then `, ## __VA_ARGS__` drops its comma.
			a.ends = append(a.ends, len(a.buf))
			a.swallow = true
			break
		}
		p.errorf(name.Pos(), "macro \"%s\" requires %d arguments, but only %d given", m.name, m.nparams, argc)
		return false
	case argc > m.nparams:
		p.errorf(name.Pos(), "macro \"%s\" passed %d arguments, but takes just %d", m.name, argc, m.nparams)
		return false
	}
	// GNU mode: a lone empty variable argument is as good as left out.
	if m.variadic && argc == 1 && a.ends[0] == 0 {
		a.swallow = true
	}
	for range a.ends {
		a.exp = append(a.exp, nil)
		a.done = append(a.done, false)
		a.pooled = append(a.pooled, false)
	}
	return true
}

var noArgs = []string{}

// argStrings spells the arguments for Expansion.Args. An argument of one
// token is its spelling; the others are made as one string.
func (p *pp) argStrings(a *argSet, name *Token) []string {
	size := 0
	for k := range a.ends {
		if arg := a.arg(k); len(arg) > 1 {
			size += textLen(arg)
		}
	}
	if p.spendBytes(size, p.expansion(*name), name.Pos()); p.fatal {
		return noArgs
	}
	b := p.scratch[:0]
	for k := range a.ends {
		if arg := a.arg(k); len(arg) > 1 {
			for i, t := range arg {
				if i > 0 && t.Space {
					b = append(b, ' ')
				}
				b = append(b, t.Text()...)
			}
		}
	}
	p.scratch = b
	n := len(a.ends)
	if n == 0 {
		return noArgs
	}
	var s string
	if len(b) > 0 {
		s = string(b)
	}
	if len(p.strSlab) < n {
		p.strSlab = make([]string, max(n, 512))
	}
	args := p.strSlab[:n:n]
	p.strSlab = p.strSlab[n:]
	off := 0
	for k := range a.ends {
		arg := a.arg(k)
		switch len(arg) {
		case 0:
			args[k] = ""
			continue
		case 1:
			args[k] = arg[0].Text()
			continue
		}
		start := off
		for i, t := range arg {
			if i > 0 && t.Space {
				off++
			}
			off += len(t.Text())
		}
		args[k] = s[start:off]
	}
	return args
}

// expandedStrings are the arguments substitution expanded, as text.
func expandedStrings(a *argSet) []string {
	out := make([]string, len(a.ends))
	var b strings.Builder
	for k := range a.ends {
		if !a.done[k] {
			continue
		}
		b.Reset()
		for i, t := range a.exp[k] {
			if i > 0 && t.Space {
				b.WriteByte(' ')
			}
			b.WriteString(t.Text())
		}
		out[k] = b.String()
	}
	return out
}

// expanded returns argument k fully macro-expanded, as it is substituted
// for a parameter that is not an operand of # or ##.
func (p *pp) expanded(a *argSet, k int, e *Expansion) []Token {
	if !a.done[k] {
		a.exp[k], a.pooled[k] = p.expandArg(a.arg(k), e)
		a.done[k] = true
	}
	return a.exp[k]
}

func (p *pp) expandArg(raw []Token, owner *Expansion) (toks []Token, pooled bool) {
	need := false
	for i := range raw {
		if t := &raw[i]; t.Kind == Ident && t.flags&fNoExpand == 0 && p.lookup(t.sym) != nil {
			need = true
			break
		}
	}
	if !need {
		return raw, false
	}
	if p.argDepth >= maxArgNesting {
		p.fatalf(origin(owner, owner.Pos), "macro arguments nested more than %d deep", maxArgNesting)
		return nil, false
	}
	p.argDepth++
	savedOwner, savedSpace := p.argOwner, p.pendSpace
	p.argOwner, p.pendSpace = owner, false
	depth := len(p.ctxs)
	c := p.newCtx()
	c.toks, c.eof = raw, true
	p.push(c)
	// Not sized by raw: arguments nested in each other would each reserve
	// the length of the rest before holding any of it.
	res := p.getToks(min(len(raw), 64) + 8)
	for {
		t := p.get(mNormal)
		if t.Kind == EOF || !p.spendTok(t) || !p.holdTok(t) {
			break
		}
		if len(res) == cap(res) { // grow through the pool: append's old arrays were a twentieth of what a run allocates
			more := append(p.getToks(2*cap(res)), res...)
			p.putToks(res)
			res = more
		}
		res = append(res, t)
	}
	for len(p.ctxs) > depth {
		p.pop()
	}
	p.argOwner, p.pendSpace = savedOwner, savedSpace
	p.argDepth--
	return res, true
}

// substitute makes the replacement list of an invocation: the body with
// its parameters replaced, # and ## applied.
func (p *pp) substitute(m *macro, e *Expansion, a *argSet) []Token {
	n := len(m.body) + 4
	for _, k := range m.order {
		n += int(m.uses[k]) * len(p.expanded(a, int(k), e))
	}
	for k, u := range m.rawUses {
		n += int(u) * len(a.arg(k))
	}
	if !p.spend(n, e, e.Pos) {
		return nil
	}
	out := p.getToks(n)
	out = p.subst(out, m, e, a, m.body)
	if !m.pastes {
		return out
	}
	out, l, r, ok, made := p.c.pasteAll(out, maxMadeBytes-p.made)
	p.spendBytes(made, e, e.Pos)
	if !ok {
		p.errorf(e.Pos, "pasting \"%s\" and \"%s\" does not give a valid preprocessing token", l, r)
	}
	return out
}

// relabel makes an argument token part of expansion e.
func relabel(t Token, e *Expansion) Token {
	if t.exp < e.id {
		t.exp = e.id
		t.FromArg = true
	}
	return t
}

func (p *pp) subst(out []Token, m *macro, e *Expansion, a *argSet, body []Token) []Token {
	space := false // an empty argument's white space, for the next token
	for i := 0; i < len(body); i++ {
		bt := body[i]
		pastedOnto := i > 0 && body[i-1].flags&fPasteLeft != 0
		if bt.flags&fVaOpt != 0 {
			end := vaOptEnd(body, i)
			closing := body[end].flags & fPasteLeft
			start := len(out)
			if len(p.expanded(a, m.nparams-1, e)) > 0 {
				out = p.subst(out, m, e, a, body[i+2:end])
			}
			switch {
			case bt.flags&fStringify != 0:
				seg, _, _, _, made := p.c.pasteAll(out[start:], maxMadeBytes-p.made)
				s := `""`
				if p.spendBytes(made+textLen(seg), e, e.Pos); !p.fatal {
					s = stringify(seg)
				}
				t := Token{Kind: String, Space: bt.Space, flags: closing}
				t.at(bt)
				t.SetText(s)
				out = append(out[:start], t)
			case len(out) == start:
				t := Token{Kind: Placemarker, flags: closing}
				t.at(bt)
				out = append(out, t)
			default:
				out[start].Space = bt.Space || space
				out[len(out)-1].flags |= closing
			}
			space = false
			i = end
			continue
		}
		if bt.flags&fParam == 0 {
			if space {
				bt.Space = true
				space = false
			}
			out = append(out, bt)
			continue
		}
		k := int(bt.sym)
		raw := a.arg(k)
		switch {
		case bt.flags&fStringify != 0:
			t := Token{Kind: String, Space: bt.Space || space, flags: bt.flags & fPasteLeft}
			t.at(bt)
			s := `""`
			if p.spendBytes(textLen(raw), e, e.Pos); !p.fatal {
				s = stringify(raw)
			}
			t.SetText(s)
			if len(raw) > 0 {
				t.at(raw[0])
				t.FromArg, t.exp = true, e.id
			}
			out = append(out, t)
		case bt.flags&fPasteLeft != 0 || pastedOnto:
			// An operand of ##: the argument as written.
			if pastedOnto && m.variadic && k == m.nparams-1 && body[i-1].Kind == Punct && body[i-1].Text() == "," &&
				body[i-1].flags&fParam == 0 && len(out) > 0 && out[len(out)-1].Text() == "," {
				// GNU: `, ## __VA_ARGS__` drops the comma if the variable
				// arguments were left out, and never pastes.
				if a.swallow {
					out = out[:len(out)-1]
				} else {
					out[len(out)-1].flags &^= fPasteLeft
				}
			}
			if len(raw) == 0 {
				t := Token{Kind: Placemarker, flags: bt.flags & fPasteLeft}
				t.at(bt)
				out = append(out, t)
				break
			}
			n := len(out)
			for _, t := range raw {
				t.flags &^= fPasteLeft
				out = append(out, relabel(t, e))
			}
			if !pastedOnto {
				out[n].Space = bt.Space || space
				out[n].flags &^= fBOL
			}
			out[len(out)-1].flags |= bt.flags & fPasteLeft
		default:
			x := p.expanded(a, k, e)
			if len(x) == 0 {
				space = space || bt.Space
				continue
			}
			n := len(out)
			for _, t := range x {
				out = append(out, relabel(t, e))
			}
			out[n].Space = bt.Space || space
			out[n].flags &^= fBOL
		}
		space = false
	}
	return out
}

// origin is where a limit is reported: the outermost invocation of the
// expansion e, else pos. The invocation is what the user wrote; the token
// that crossed the limit is likely in some macro's body.
func origin(e *Expansion, pos Pos) Pos {
	for ; e != nil; e = e.Parent {
		pos = e.Pos
	}
	return pos
}

// spendTok and holdTok spend and hold one token t.
func (p *pp) spendTok(t Token) bool {
	if p.work++; p.work > maxWork {
		return p.spend(0, p.expansion(t), t.Pos())
	}
	return true
}

func (p *pp) holdTok(t Token) bool {
	if p.live++; p.live > maxLive {
		return p.hold(0, p.expansion(t), t.Pos())
	}
	return true
}

// spend counts n tokens made or copied by expansions against maxWork; false
// (and a fatal error at origin(e, pos)) once over it.
func (p *pp) spend(n int, e *Expansion, pos Pos) bool {
	if p.work += n; p.work > maxWork {
		p.fatalf(origin(e, pos), "macro expansion exceeds %d tokens", maxWork)
		return false
	}
	return true
}

// hold counts n more tokens held in argument and replacement lists against
// maxLive; false (and a fatal error) once over it. They are released when
// the lists are.
func (p *pp) hold(n int, e *Expansion, pos Pos) bool {
	if p.live += n; p.live > maxLive {
		p.fatalf(origin(e, pos), "macro expansion holds more than %d tokens at once", maxLive)
		return false
	}
	return true
}

// spendBytes counts n bytes of text made by expansions against
// maxMadeBytes. It is called before the text is made: one string can be
// large enough to exhaust memory alone.
func (p *pp) spendBytes(n int, e *Expansion, pos Pos) {
	if p.made += n; p.made > maxMadeBytes && !p.fatal {
		p.fatalf(origin(e, pos), "macro expansion makes more than %d bytes of text", maxMadeBytes)
	}
}

// textLen bounds the bytes of the text spelled from toks, escapes of # included.
func textLen(toks []Token) int {
	n := 2
	for i := range toks {
		n += len(toks[i].Text()) + 1
		if k := toks[i].Kind; k == String || k == Char {
			n += len(toks[i].Text())
		}
	}
	return n
}
