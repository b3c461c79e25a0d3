package cpp

import (
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// evalIf evaluates the condition of #if or #elif.
func (p *pp) evalIf(fr *frame, it *item) bool {
	toks := p.operands(fr, it)
	defer p.putToks(toks)
	saved := p.beginLine(toks)
	p.inIf++
	var vals []Token
	held := 0 // vals is held as the lists of expansions are
	bad := false
	for !p.fatal && !bad {
		t := p.get(mNormal)
		if t.Kind == EOF || !p.spendTok(t) || !p.holdTok(t) {
			break
		}
		held++
		if t.Kind != Ident {
			vals = append(vals, t)
			continue
		}
		switch t.sym {
		case symDefined:
			// The operand of defined is not expanded, wherever defined
			// came from (gcc accepts it from a macro expansion).
			p.prevent++
			n := p.get(mNormal)
			paren := isPunct(n, "(")
			if paren {
				n = p.get(mNormal)
			}
			if n.Kind != Ident {
				p.errorf(t.Pos(), "operator \"defined\" requires an identifier")
				bad = true
			} else if paren {
				if c := p.get(mNormal); !isPunct(c, ")") {
					p.errorf(t.Pos(), "missing ')' after \"defined\"")
					bad = true
				}
			}
			p.prevent--
			v := "0"
			if !bad && p.lookup(n.sym) != nil {
				v = "1"
			}
			vals = append(vals, number(t, v))
		case symHasFeature, symHasExtension:
			// clang's; gcc 12 has neither: 0.
			if n := p.get(mNormal); isPunct(n, "(") {
				for depth := 1; depth > 0; {
					c := p.get(mNormal)
					switch {
					case c.Kind == EOF:
						depth = 0
					case isPunct(c, "("):
						depth++
					case isPunct(c, ")"):
						depth--
					}
				}
			} else if n.Kind != EOF {
				p.pushBack(n)
			}
			vals = append(vals, number(t, "0"))
		default:
			vals = append(vals, t)
		}
	}
	p.inIf--
	p.endLine(saved)
	p.live -= held
	if bad || p.fatal {
		return false
	}
	if len(vals) == 0 {
		p.errorf(fr.f.pos(it.hash), "#%s with no expression", it.name)
		return false
	}
	ev := evaluator{p: p, toks: vals, unsignedChar: p.lookup(p.c.intern("__CHAR_UNSIGNED__")) != nil}
	v := ev.comma()
	if !ev.failed && ev.i < len(vals) {
		t := vals[ev.i]
		if isPunct(t, ")") {
			ev.fail(t, "missing '(' in expression")
		} else if isPunct(t, ":") {
			ev.fail(t, "':' without preceding '?'")
		} else {
			ev.fail(t, "missing binary operator before token \"%s\"", t.Text())
		}
	}
	if ev.failed {
		return false
	}
	return v.v != 0
}

type lineState struct {
	prevent  int
	argOwner *Expansion
	space    bool
	depth    int
}

// beginLine starts reading a directive's operands with macro expansion; the
// state of an argument collection the directive may sit in is set aside.
func (p *pp) beginLine(toks []Token) lineState {
	s := lineState{p.prevent, p.argOwner, p.pendSpace, len(p.ctxs)}
	p.prevent, p.argOwner, p.pendSpace = 0, nil, false
	c := p.newCtx()
	c.toks, c.eof = toks, true
	p.push(c)
	return s
}

func (p *pp) endLine(s lineState) {
	for len(p.ctxs) > s.depth {
		p.pop()
	}
	p.prevent, p.argOwner, p.pendSpace = s.prevent, s.argOwner, s.space
}

// expandLine macro-expands a directive's operands.
func (p *pp) expandLine(toks []Token, each func(t Token)) {
	s := p.beginLine(toks)
	held := 0 // the callers collect the tokens
	for !p.fatal {
		t := p.get(mNormal)
		if t.Kind == EOF || !p.spendTok(t) || !p.holdTok(t) {
			break
		}
		held++
		if p.spendBytes(len(t.Text()), p.expansion(t), t.Pos()); p.fatal {
			break
		}
		each(t)
	}
	p.live -= held
	p.endLine(s)
}

// value is an #if value: intmax_t or uintmax_t.
type value struct {
	v uint64
	u bool
}

func (v value) neg() bool { return !v.u && int64(v.v) < 0 }

type evaluator struct {
	p            *pp
	toks         []Token
	i            int
	skip         int // > 0: in an operand that is not evaluated
	depth        int // of unary() and cond(), against maxExprDepth
	failed       bool
	unsignedChar bool
}

// maxExprDepth bounds the recursion of an #if expression (parentheses,
// unary operators, ?:): one that overflows the goroutine's stack kills the
// process.
const maxExprDepth = 1 << 12

// nest counts one more level of recursion; false (and the expression
// fails) past maxExprDepth.
func (e *evaluator) nest() bool {
	if e.depth >= maxExprDepth {
		t, ok := e.peek()
		if !ok {
			t = e.toks[len(e.toks)-1]
		}
		e.fail(t, "#if expression nested more than %d deep", maxExprDepth)
		return false
	}
	e.depth++
	return true
}

func (e *evaluator) fail(t Token, format string, args ...any) {
	if !e.failed {
		e.failed = true
		e.p.errorf(t.Pos(), format, args...)
	}
}

func (e *evaluator) peek() (Token, bool) {
	if e.i < len(e.toks) {
		return e.toks[e.i], true
	}
	return Token{}, false
}

// comma: expr , expr
func (e *evaluator) comma() value {
	v := e.cond()
	for !e.failed {
		t, ok := e.peek()
		if !ok || !isPunct(t, ",") {
			break
		}
		e.i++
		v = e.cond()
	}
	return v
}

// cond: binary ? comma : cond
func (e *evaluator) cond() value {
	if !e.nest() {
		return value{}
	}
	v := e.cond1()
	e.depth--
	return v
}

func (e *evaluator) cond1() value {
	c := e.binary(1)
	t, ok := e.peek()
	if e.failed || !ok || !isPunct(t, "?") {
		return c
	}
	e.i++
	if c.v == 0 {
		e.skip++
	}
	a := e.comma()
	if c.v == 0 {
		e.skip--
	}
	if t, ok := e.peek(); !ok || !isPunct(t, ":") {
		if !ok {
			t = e.toks[len(e.toks)-1]
		}
		e.fail(t, "'?' without following ':'")
		return value{}
	}
	e.i++
	if c.v != 0 {
		e.skip++
	}
	b := e.cond()
	if c.v != 0 {
		e.skip--
	}
	r := b
	if c.v != 0 {
		r = a
	}
	r.u = a.u || b.u
	return r
}

func binPrec(s string) int {
	switch s {
	case "||":
		return 1
	case "&&":
		return 2
	case "|":
		return 3
	case "^":
		return 4
	case "&":
		return 5
	case "==", "!=":
		return 6
	case "<", ">", "<=", ">=":
		return 7
	case "<<", ">>":
		return 8
	case "+", "-":
		return 9
	case "*", "/", "%":
		return 10
	}
	return 0
}

func (e *evaluator) binary(min int) value {
	l := e.unary()
	for !e.failed {
		t, ok := e.peek()
		if !ok || t.Kind != Punct {
			break
		}
		prec := binPrec(t.Text())
		if prec == 0 || prec < min {
			break
		}
		e.i++
		op := t.Text()
		// && and || do not evaluate their right operand when the left
		// decides.
		short := op == "&&" && l.v == 0 || op == "||" && l.v != 0
		if short {
			e.skip++
		}
		if _, ok := e.peek(); !ok {
			e.fail(t, "operator '%s' has no right operand", op)
			break
		}
		r := e.binary(prec + 1)
		if short {
			e.skip--
		}
		if e.failed {
			break
		}
		l = e.apply(t, op, l, r)
	}
	return l
}

func bv(b bool) value {
	if b {
		return value{v: 1}
	}
	return value{}
}

func (e *evaluator) apply(t Token, op string, l, r value) value {
	u := l.u || r.u
	switch op {
	case "||":
		return bv(l.v != 0 || r.v != 0)
	case "&&":
		return bv(l.v != 0 && r.v != 0)
	case "|":
		return value{l.v | r.v, u}
	case "^":
		return value{l.v ^ r.v, u}
	case "&":
		return value{l.v & r.v, u}
	case "==":
		return bv(l.v == r.v)
	case "!=":
		return bv(l.v != r.v)
	case "<", ">", "<=", ">=":
		var less, eq bool
		if u {
			less = l.v < r.v
		} else {
			less = int64(l.v) < int64(r.v)
		}
		eq = l.v == r.v
		switch op {
		case "<":
			return bv(less)
		case ">":
			return bv(!less && !eq)
		case "<=":
			return bv(less || eq)
		}
		return bv(!less)
	case "<<", ">>":
		// The result has the left operand's type. A negative count shifts
		// the other way; a count of 64 or more shifts everything out.
		left := op == "<<"
		n := r.v
		if !r.u && int64(n) < 0 {
			left = !left
			n = -n
		}
		return value{shift(l, n, left), l.u}
	case "+":
		return value{l.v + r.v, u}
	case "-":
		return value{l.v - r.v, u}
	case "*":
		return value{l.v * r.v, u}
	case "/", "%":
		if r.v == 0 {
			if e.skip == 0 {
				e.fail(t, "division by zero in #if")
			}
			return value{0, u}
		}
		if u {
			if op == "/" {
				return value{l.v / r.v, u}
			}
			return value{l.v % r.v, u}
		}
		a, b := int64(l.v), int64(r.v)
		if b == -1 {
			if op == "/" {
				return value{uint64(-a), u}
			}
			return value{0, u}
		}
		if op == "/" {
			return value{uint64(a / b), u}
		}
		return value{uint64(a % b), u}
	}
	return value{}
}

func shift(l value, n uint64, left bool) uint64 {
	if n >= 64 {
		if !left && l.neg() {
			return math.MaxUint64
		}
		return 0
	}
	if left {
		return l.v << n
	}
	if l.u {
		return l.v >> n
	}
	return uint64(int64(l.v) >> n)
}

func (e *evaluator) unary() value {
	if !e.nest() {
		return value{}
	}
	v := e.unary1()
	e.depth--
	return v
}

func (e *evaluator) unary1() value {
	t, ok := e.peek()
	if !ok {
		if len(e.toks) > 0 {
			e.fail(e.toks[len(e.toks)-1], "#if with no expression")
		}
		return value{}
	}
	e.i++
	switch t.Kind {
	case Number:
		v, msg := parseNumber(t.Text())
		if msg != "" {
			e.fail(t, msg, t.Text())
		}
		return v
	case Char:
		v, msg := charValue(t.Text(), e.unsignedChar)
		if msg != "" {
			e.fail(t, "%s", msg)
		}
		return v
	case Ident:
		// An identifier that is not a macro is 0 (-Wundef warns).
		if n, ok := e.peek(); ok && isPunct(n, "(") {
			e.fail(n, "missing binary operator before token \"(\"")
		}
		return value{}
	case Punct:
		switch t.Text() {
		case "(":
			if n, ok := e.peek(); ok && isPunct(n, ")") {
				e.fail(n, "missing expression between '(' and ')'")
				return value{}
			}
			v := e.comma()
			if e.failed {
				return v
			}
			if n, ok := e.peek(); !ok || !isPunct(n, ")") {
				e.fail(t, "missing ')' in expression")
				return v
			}
			e.i++
			return v
		case "+":
			return e.unary()
		case "-":
			v := e.unary()
			return value{-v.v, v.u}
		case "~":
			v := e.unary()
			return value{^v.v, v.u}
		case "!":
			v := e.unary()
			return bv(v.v == 0)
		}
		if binPrec(t.Text()) > 0 || t.Text() == "?" || t.Text() == ":" || t.Text() == ")" || t.Text() == "," {
			e.fail(t, "operator '%s' has no left operand", t.Text())
			return value{}
		}
	}
	e.fail(t, "token \"%s\" is not valid in preprocessor expressions", t.Text())
	return value{}
}

// parseNumber reads an integer constant of #if. msg, if any, is a format
// for the spelling.
func parseNumber(s string) (value, string) {
	base := 10
	digits := s
	switch {
	case len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'):
		base, digits = 16, s[2:]
	case len(s) > 1 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'):
		base, digits = 2, s[2:]
	case len(s) > 1 && s[0] == '0':
		base, digits = 8, s[1:]
	}
	end := 0
	for end < len(digits) && isDigitOf(digits[end], base) {
		end++
	}
	suffix := digits[end:]
	if strings.ContainsAny(suffix, ".") || base == 10 && strings.ContainsAny(suffix, "eE") || base == 16 && strings.ContainsAny(suffix, "pP") ||
		base == 8 && len(suffix) > 0 && (suffix[0] == '8' || suffix[0] == '9') && strings.ContainsAny(suffix, ".eE") {
		return value{}, "floating constant in preprocessor expression"
	}
	if base != 10 && base != 8 && end == 0 {
		return value{}, "invalid suffix \"%s\" on integer constant"
	}
	u := false
	switch strings.ToLower(suffix) {
	case "", "l", "ll":
	case "u", "ul", "lu", "ull", "llu":
		u = true
	default:
		return value{}, "invalid suffix \"%s\" on integer constant"
	}
	if l := strings.ToLower(suffix); strings.Contains(l, "ll") && !strings.Contains(suffix, "ll") && !strings.Contains(suffix, "LL") {
		return value{}, "invalid suffix \"%s\" on integer constant" // lL
	}
	var v uint64
	for i := 0; i < end; i++ {
		d := digitVal(digits[i])
		// Too large for its type: gcc warns, and the value wraps.
		_, lo := bits.Mul64(v, uint64(base))
		v, _ = bits.Add64(lo, uint64(d), 0)
	}
	if v > math.MaxInt64 {
		u = true // "so large that it is unsigned"
	}
	return value{v, u}, ""
}

func isDigitOf(c byte, base int) bool {
	switch base {
	case 2:
		return c == '0' || c == '1'
	case 8:
		return c >= '0' && c <= '7'
	case 10:
		return c >= '0' && c <= '9'
	}
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func digitVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}

// charValue is the #if value of a character constant, as gcc's
// cpp_interpret_charconst: a plain one is a char (unsigned with
// -funsigned-char, and then unsigned in the expression), a multi-character
// one an int.
func charValue(s string, unsignedChar bool) (value, string) {
	width, unsigned := 8, unsignedChar
	switch {
	case strings.HasPrefix(s, "L"):
		width, unsigned, s = 32, false, s[1:]
	case strings.HasPrefix(s, "u8"):
		width, unsigned, s = 8, true, s[2:]
	case strings.HasPrefix(s, "u"):
		width, unsigned, s = 16, true, s[1:]
	case strings.HasPrefix(s, "U"):
		width, unsigned, s = 32, true, s[1:]
	}
	if len(s) < 2 {
		return value{}, "empty character constant"
	}
	body := s[1 : len(s)-1]
	if body == "" {
		return value{}, "empty character constant"
	}
	mask := uint64(1)<<width - 1
	var r uint64
	n := 0
	for i := 0; i < len(body); {
		c, next := escape(body, i)
		i = next
		r = r<<width | c&mask
		n++
	}
	if n > 1 && width == 8 {
		// a multi-character constant is an int
		r &= math.MaxUint32
		if r&(1<<31) != 0 {
			r |= ^uint64(math.MaxUint32)
		}
		return value{r, false}, ""
	}
	r &= mask
	if !unsigned && r&(1<<(width-1)) != 0 {
		r |= ^mask
	}
	return value{r, unsigned}, ""
}

// escape reads one character of a literal's body at i.
func escape(s string, i int) (uint64, int) {
	if s[i] != '\\' || i+1 >= len(s) {
		return uint64(s[i]), i + 1
	}
	i++
	c := s[i]
	switch c {
	case 'n':
		return '\n', i + 1
	case 't':
		return '\t', i + 1
	case 'r':
		return '\r', i + 1
	case 'a':
		return 7, i + 1
	case 'b':
		return 8, i + 1
	case 'f':
		return 12, i + 1
	case 'v':
		return 11, i + 1
	case 'e', 'E':
		return 27, i + 1
	case 'x':
		j := i + 1
		var v uint64
		for j < len(s) && isDigitOf(s[j], 16) {
			v = v<<4 | uint64(digitVal(s[j]))
			j++
		}
		return v, j
	case 'u', 'U':
		n := 4
		if c == 'U' {
			n = 8
		}
		j := i + 1
		if j+n <= len(s) {
			if v, err := strconv.ParseUint(s[j:j+n], 16, 32); err == nil {
				return v, j + n
			}
		}
		return uint64(c), i + 1
	}
	if c >= '0' && c <= '7' {
		var v uint64
		j := i
		for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
			v = v<<3 | uint64(s[j]-'0')
			j++
		}
		return v, j
	}
	return uint64(c), i + 1
}

// number is the number v where t was.
func number(t Token, v string) Token {
	n := Token{Kind: Number}
	n.at(t)
	n.SetText(v)
	return n
}
