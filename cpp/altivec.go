package cpp

// AltiVec's context-sensitive keywords. With -maltivec, GCC's powerpc
// target predefines vector, pixel and bool as macros naming themselves
// (and __APPLE_ALTIVEC__), and its preprocessor expands vector as the
// macro __vector only where a type follows it, and then a bool or pixel
// right after it as __bool or __pixel: `vector bool int` becomes
// `__attribute__((altivec(vector__))) __attribute__((altivec(bool__)))
// unsigned int`, while a kernel's own `bool` stays bool. Elsewhere these
// names expand to themselves, as any self-naming macro does.

// altivecTypeWords are the words after vector that make it the keyword.
var altivecTypeWords = map[string]bool{
	"bool": true, "pixel": true, "_Bool": true,
	"signed": true, "unsigned": true, "char": true, "short": true, "int": true,
	"long": true, "float": true, "double": true, "__int128": true,
}

// contextKeyword returns the macro a self-naming macro m, named by t,
// expands as in its context, or nil when it expands as itself.
func (p *pp) contextKeyword(m *macro, t Token) *macro {
	if m.funcLike || len(m.body) != 1 || m.body[0].sym != t.sym {
		return nil
	}
	after := p.afterVector
	p.afterVector = false
	switch t.Text() {
	case "vector":
		if p.lookup(p.c.intern("__APPLE_ALTIVEC__")) == nil {
			return nil
		}
		next := p.read(mPeek)
		if next.Kind == EOF {
			return nil
		}
		p.pushBack(next)
		if next.Kind != Ident || !altivecTypeWords[next.Text()] {
			return nil
		}
		p.afterVector = next.Text() == "bool" || next.Text() == "pixel"
		return p.lookup(p.c.intern("__vector"))
	case "bool", "pixel":
		if after {
			return p.lookup(p.c.intern("__" + t.Text()))
		}
	}
	return nil
}
