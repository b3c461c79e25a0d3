package cfg

import (
	"strconv"
	"strings"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kapi"
)

// Config tells the builder what it cannot see in the function itself.
type Config struct {
	// NoReturn reports whether a call of name never returns (a function
	// declared __noreturn in the unit). Primitives kapi marks NoReturn
	// (BUG, panic) are known without it.
	NoReturn func(name string) bool
	// Enums are the values of the unit's enumerators (cparse.Unit.Enums):
	// the edge into a case whose value they give tests the switch's tag.
	Enums map[string]uint64
	// Globals reports whether stores into a file-scope variable are
	// recorded (Assign events keyed by its name): those whose value
	// decides a context (system_state). Others are not locations the
	// analysis follows.
	Globals func(name string) bool
}

// New builds the graph of f.
func New(f *cparse.Func, conf Config) *Graph {
	b := &builder{g: &Graph{Func: f, Enums: conf.Enums}, conf: conf, labels: map[string]*Block{}}
	b.cur = b.newBlock("entry")
	b.stmt(f.Body)
	b.emit(&Event{Kind: Return, Pos: f.End})
	for _, cg := range b.computed {
		targets := b.addrLabels
		if len(targets) == 0 {
			targets = b.labelOrder
		}
		for _, l := range targets {
			cg.addSucc(Edge{To: b.labels[l]})
		}
	}
	b.finish()
	return b.g
}

type builder struct {
	g    *Graph
	conf Config
	cur  *Block

	labels     map[string]*Block
	labelOrder []string // labels in order of first mention
	addrLabels []string // labels whose address is taken (&&label)
	computed   []*Block // blocks ending in goto *expr

	breakTo, continueTo *Block
	sw                  *switchCtx
	aliases             map[*cparse.Var]*cparse.Expr // see testAlias
	// argOf are the callees of the calls whose arguments are being
	// walked, the innermost last ("" where a read's value may go
	// elsewhere than the call: see Event.In).
	argOf []string
}

// inArgs walks what walk walks as arguments of callee.
func (b *builder) inArgs(callee string, walk func()) {
	b.argOf = append(b.argOf, callee)
	walk()
	b.argOf = b.argOf[:len(b.argOf)-1]
}

// use emits a read through the location key.
func (b *builder) use(pos cparse.Pos, key, how string) {
	in := ""
	if len(b.argOf) > 0 {
		in = b.argOf[len(b.argOf)-1]
	}
	b.emit(&Event{Kind: Use, Pos: pos, DefKey: key, How: how, In: in})
}

type switchCtx struct {
	head       *Block // the block that evaluated the tag
	tag        *cparse.Expr
	hasDefault bool
}

func (b *builder) newBlock(kind string) *Block {
	blk := &Block{Index: len(b.g.Blocks), Kind: kind}
	b.g.Blocks = append(b.g.Blocks, blk)
	return blk
}

func (blk *Block) addSucc(e Edge) { blk.Succs = append(blk.Succs, e) }

// jump ends the current block with an unconditional edge to to.
func (b *builder) jump(to *Block) { b.cur.addSucc(Edge{To: to}) }

// dead starts a block no edge leads to, for code after a jump.
func (b *builder) dead() { b.cur = b.newBlock("unreachable") }

func (b *builder) emit(e *Event) { b.cur.Events = append(b.cur.Events, e) }

func (b *builder) label(name string) *Block {
	blk, ok := b.labels[name]
	if !ok {
		blk = b.newBlock("label." + name)
		b.labels[name] = blk
		b.labelOrder = append(b.labelOrder, name)
	}
	return blk
}

func (b *builder) noReturn(name string) bool {
	if name == "" {
		return false
	}
	if e, ok := kapi.Lookup(name); ok && e.NoReturn {
		return true
	}
	return b.conf.NoReturn != nil && b.conf.NoReturn(name)
}

// call records a call event and ends the path after a noreturn call.
func (b *builder) call(e *Event) {
	b.emit(e)
	if b.noReturn(e.Callee()) {
		b.dead()
	}
}

func (b *builder) stmt(s *cparse.Stmt) {
	if s == nil {
		return
	}
	if s.API != nil && s.Kind != cparse.ExprStmt {
		// A kernel macro expanding to a whole statement: its effect is
		// the primitive's, whatever its expansion does.
		b.call(&Event{Kind: Call, Pos: s.API.Pos, API: s.API, Stmt: s})
		return
	}
	switch s.Kind {
	case cparse.Block:
		var guards []string
		for _, x := range s.List {
			b.stmt(x)
			guards = append(guards, guardConstructors(x)...)
		}
		if len(guards) > 0 {
			b.emit(&Event{Kind: GuardEnd, Pos: s.End, Guards: guards})
		}
	case cparse.ExprStmt:
		b.expr(s.X, nil)
		if s.X != nil && s.X.API != nil && s.X.API.Macro {
			// A macro used as a whole statement (WARN_ON(cond);), not
			// as a value: its event says so.
			for i := len(b.cur.Events) - 1; i >= 0; i-- {
				if e := b.cur.Events[i]; e.Expr == s.X {
					e.Stmt = s
					break
				}
			}
		}
	case cparse.DeclStmt:
		for _, d := range s.Decls {
			if d.Init != nil {
				b.expr(d.Init, &target{v: d.Var, key: d.Var.Name})
			}
		}
	case cparse.If:
		then, els, done := b.newBlock("if.then"), b.newBlock("if.else"), b.newBlock("if.done")
		b.cond(s.X, then, els)
		b.cur = then
		b.stmt(s.Body)
		b.jump(done)
		b.cur = els
		b.stmt(s.Else)
		b.jump(done)
		b.cur = done
	case cparse.While:
		head, body, done := b.newBlock("while.cond"), b.newBlock("while.body"), b.newBlock("while.done")
		b.jump(head)
		b.cur = head
		b.cond(s.X, body, done)
		b.cur = body
		b.loopBody(s.Body, done, head)
		b.jump(head)
		b.cur = done
	case cparse.DoWhile:
		body, cond, done := b.newBlock("do.body"), b.newBlock("do.cond"), b.newBlock("do.done")
		b.jump(body)
		b.cur = body
		b.loopBody(s.Body, done, cond)
		b.jump(cond)
		b.cur = cond
		b.cond(s.X, body, done)
		b.cur = done
	case cparse.For:
		b.stmt(s.Init)
		head, body, post, done := b.newBlock("for.cond"), b.newBlock("for.body"), b.newBlock("for.post"), b.newBlock("for.done")
		b.jump(head)
		b.cur = head
		b.cond(s.X, body, done)
		b.cur = body
		b.loopBody(s.Body, done, post)
		b.jump(post)
		b.cur = post
		b.expr(s.Post, nil)
		b.jump(head)
		b.cur = done
		if guards := guardConstructors(s.Init); len(guards) > 0 {
			b.emit(&Event{Kind: GuardEnd, Pos: s.Pos, Guards: guards})
		}
	case cparse.Switch:
		b.expr(s.X, nil)
		done := b.newBlock("switch.done")
		outer, outerBreak := b.sw, b.breakTo
		sw := &switchCtx{head: b.cur, tag: s.X}
		b.sw, b.breakTo = sw, done
		b.dead()
		b.stmt(s.Body)
		b.jump(done)
		b.sw, b.breakTo = outer, outerBreak
		if !sw.hasDefault {
			sw.head.addSucc(Edge{To: done})
		}
		b.cur = done
	case cparse.Case, cparse.Default:
		kind := "switch.case"
		if s.Kind == cparse.Default {
			kind = "switch.default"
		}
		blk := b.newBlock(kind)
		b.jump(blk) // fall-through from the previous case
		if b.sw != nil {
			b.sw.head.addSucc(b.caseEdge(s, blk))
			if s.Kind == cparse.Default {
				b.sw.hasDefault = true
			}
		}
		b.cur = blk
		b.stmt(s.Body)
	case cparse.Label:
		blk := b.label(s.Label)
		b.jump(blk)
		b.cur = blk
		b.stmt(s.Body)
	case cparse.Goto:
		b.jump(b.label(s.Label))
		b.dead()
	case cparse.GotoExpr:
		b.expr(s.X, nil)
		b.computed = append(b.computed, b.cur)
		b.dead()
	case cparse.Break:
		if b.breakTo != nil {
			b.jump(b.breakTo)
		}
		b.dead()
	case cparse.Continue:
		if b.continueTo != nil {
			b.jump(b.continueTo)
		}
		b.dead()
	case cparse.Return:
		var dst *target
		if x := uncast(s.X); x != nil && x.Kind == cparse.Call {
			// return f(): the value goes to the caller, under a name no
			// C variable has, so that what the analysis learns of it
			// (a lock held iff it is valid) reaches the summary.
			dst = &target{key: ReturnValue}
		}
		b.expr(s.X, dst)
		b.emit(&Event{Kind: Return, Pos: s.Pos, Stmt: s})
		b.dead()
	case cparse.Asm:
		for _, o := range s.Asm.Operands {
			b.expr(o, nil)
		}
		b.emit(&Event{Kind: Inline, Pos: s.Pos, Stmt: s})
		if s.Asm.Goto {
			from := b.cur
			next := b.newBlock("asm.next")
			for _, l := range s.Asm.Labels {
				from.addSucc(Edge{To: b.label(l)})
			}
			from.addSucc(Edge{To: next})
			b.cur = next
		}
	}
}

func (b *builder) loopBody(body *cparse.Stmt, brk, cont *Block) {
	ob, oc := b.breakTo, b.continueTo
	b.breakTo, b.continueTo = brk, cont
	b.stmt(body)
	b.breakTo, b.continueTo = ob, oc
}

// target is where the value of an expression is stored: a local variable
// or a field reached from one.
type target struct {
	v   *cparse.Var // the variable, when the location is one
	key string
}

// expr records the events of evaluating e. dst is where e's value is
// stored, if anywhere.
func (b *builder) expr(e *cparse.Expr, dst *target) {
	if e == nil {
		return
	}
	def, defKey := (*cparse.Var)(nil), ""
	if dst != nil {
		def, defKey = dst.v, dst.key
	}
	if e.API != nil && e.API.Macro && !kapi.TestsRT(e.API.Name, e.API.Args) {
		b.nested(e)
		b.call(&Event{Kind: Call, Pos: e.API.Pos, API: e.API, Expr: e, Def: def, DefKey: defKey})
		return
	}
	switch e.Kind {
	case cparse.Call:
		if e.Callee() == "" {
			b.expr(e.X, nil)
		}
		b.inArgs(e.Callee(), func() {
			for _, a := range e.Args {
				b.expr(a, nil)
			}
		})
		pos := e.Pos
		if e.API != nil {
			pos = e.API.Pos
		}
		b.call(&Event{Kind: Call, Pos: pos, API: e.API, Expr: e, Def: def, DefKey: defKey})
	case cparse.Ident:
		b.funcRefs(e)
		b.storeFrom(dst, e, e.Pos)
	case cparse.LabelAddr:
		b.label(e.Name)
		b.addrLabels = append(b.addrLabels, e.Name)
	case cparse.Binary:
		if (e.Op == "&&" || e.Op == "||") && hasEvents(e.Y) {
			t, f, done := b.newBlock("cond.true"), b.newBlock("cond.false"), b.newBlock("cond.done")
			b.cond(e, t, f)
			b.cur = t
			b.jump(done)
			b.cur = f
			b.jump(done)
			b.cur = done
			b.storeFrom(dst, nil, e.Pos) // 0 or 1, as the branches went
			return
		}
		b.expr(e.X, nil)
		b.expr(e.Y, nil)
		b.storeFrom(dst, e, e.Pos) // pdev = container_of(dev, ...): arithmetic
	case cparse.Index:
		b.expr(e.X, nil)
		b.expr(e.Y, nil)
		if k := locKey(e.Y); k != "" {
			b.use(e.Pos, k, "index")
		}
		if k := locKey(e.X); k != "" {
			b.use(e.Pos, k, "deref")
		}
		b.storeFrom(dst, e, e.Pos)
	case cparse.Member:
		b.expr(e.X, nil)
		if k := locKey(e.X); k != "" && e.Op == "->" {
			b.use(e.Pos, k, "deref")
		}
		b.storeFrom(dst, e, e.Pos)
	case cparse.Postfix:
		b.inArgs("", func() { b.expr(e.X, nil) }) // a write, whatever its value goes to
		if k := locKey(e.X); k != "" {
			b.emit(&Event{Kind: Assign, Pos: e.Pos, DefKey: k})
		}
		b.storeFrom(dst, nil, e.Pos)
	case cparse.Unary:
		if e.Op == "&" {
			b.expr(e.X, dst) // p = &get_cpu_var(x): the address is the value
			return
		}
		if e.Op == "++" || e.Op == "--" {
			b.inArgs("", func() { b.expr(e.X, nil) })
		} else {
			b.expr(e.X, nil)
		}
		if k := locKey(e.X); k != "" && (e.Op == "++" || e.Op == "--") {
			b.emit(&Event{Kind: Assign, Pos: e.Pos, DefKey: k})
		}
		if k := locKey(e.X); k != "" && e.Op == "*" {
			b.use(e.Pos, k, "deref")
		}
		b.storeFrom(dst, e, e.Pos)
	case cparse.Cond:
		if !hasEvents(e.Y) && !hasEvents(e.Z) {
			b.expr(e.X, nil)
			// hwp ? update_hwp : update: either function's address
			// is taken.
			b.funcRefs(e.Y)
			b.funcRefs(e.Z)
			b.storeFrom(dst, e, e.Pos)
			return
		}
		yes, no, done := b.newBlock("cond.then"), b.newBlock("cond.else"), b.newBlock("cond.done")
		b.cond(e.X, yes, no)
		b.cur = yes
		b.expr(e.Y, dst)
		b.jump(done)
		b.cur = no
		b.expr(e.Z, dst)
		b.jump(done)
		b.cur = done
	case cparse.Assign:
		var t *target
		if k := locKey(e.X); k != "" {
			t = &target{key: k}
			if e.X.Kind == cparse.Ident {
				t.v = e.X.Ref
			}
		} else if x := e.X; x != nil && x.Kind == cparse.Ident && x.Ref == nil && b.conf.Globals != nil && b.conf.Globals(x.Name) {
			t = &target{key: x.Name}
		} else if k := DerefKey(e.X); k != "" {
			// *wdev = ...: an out-parameter's pointee, which a later
			// IS_ERR(*wdev) tests.
			t = &target{key: k}
		}
		b.inArgs("", func() {
			if e.Op != "=" {
				b.expr(e.Y, nil)
				// The compound assignment is the value: flags |= BIT
				// keeps what is known of flags' other bits.
				b.storeFrom(t, e, e.Pos)
			} else {
				b.expr(e.Y, t)
			}
			b.lvalue(e.X)
		})
	case cparse.Comma:
		b.expr(e.X, nil)
		b.expr(e.Y, dst)
	case cparse.Cast:
		b.expr(e.X, dst)
	case cparse.StmtExpr:
		b.argOf = append(b.argOf, "")
		defer func() { b.argOf = b.argOf[:len(b.argOf)-1] }()
		body := e.Body
		if dst == nil || body == nil || body.Kind != cparse.Block || len(body.List) == 0 {
			b.stmt(body)
			return
		}
		// The value of ({ ...; v; }) is its last expression's, stored
		// into dst (pcp = pcp_spin_trylock(...) in mm/page_alloc.c).
		var guards []string
		last := body.List[len(body.List)-1]
		for _, x := range body.List[:len(body.List)-1] {
			b.stmt(x)
			guards = append(guards, guardConstructors(x)...)
		}
		if last.Kind == cparse.ExprStmt {
			b.expr(last.X, dst)
		} else {
			b.stmt(last)
			b.storeFrom(dst, nil, e.Pos)
		}
		if len(guards) > 0 {
			b.emit(&Event{Kind: GuardEnd, Pos: body.End, Guards: guards})
		}
	default:
		b.expr(e.X, nil)
		b.expr(e.Y, nil)
		b.expr(e.Z, nil)
		for _, a := range e.Args {
			b.expr(a, nil)
		}
		b.storeFrom(dst, e, e.Pos)
	}
}

// storeFrom records the store of a value that is not a call's into dst:
// the expression stored (nil when not known: a compound assignment),
// which is a copy when it is a location.
func (b *builder) storeFrom(dst *target, value *cparse.Expr, pos cparse.Pos) {
	if dst == nil {
		return
	}
	b.emit(&Event{Kind: Assign, Pos: pos, Def: dst.v, DefKey: dst.key, From: locKey(value), Value: value})
}

// lvalue records the events of evaluating an assignment's target, which
// is not read: p->f = v evaluates p but does not need *p to be valid...
// except that it does write through p, so a stale p is still a use.
func (b *builder) lvalue(x *cparse.Expr) {
	if x == nil || x.Kind == cparse.Ident {
		return
	}
	b.expr(x, nil)
}

// nested records the events of kernel primitives written inside the
// arguments of a kernel macro (__this_cpu_write(x, __this_cpu_read(y))),
// without the macro's own expansion.
func (b *builder) nested(e *cparse.Expr) {
	var walk func(x *cparse.Expr)
	walk = func(x *cparse.Expr) {
		if x == nil {
			return
		}
		if x != e && x.API != nil {
			b.expr(x, nil)
			return
		}
		walk(x.X)
		walk(x.Y)
		walk(x.Z)
		for _, a := range x.Args {
			walk(a)
		}
		// per_cpu(hrtimer_bases, get_nohz_timer_target()) expands to a
		// statement expression that holds the argument's call.
		x.Body.Exprs(walk)
	}
	walk(e)
}

// locKey names a location expression: a local variable or parameter, or
// a field chain starting at one ("s->cpu", "s.stats.cpu"). "" otherwise.
func locKey(e *cparse.Expr) string {
	if e == nil {
		return ""
	}
	switch e.Kind {
	case cparse.Ident:
		if e.Ref != nil {
			return e.Name
		}
	case cparse.Member:
		if base := locKey(e.X); base != "" {
			return base + e.Op + e.Name
		}
	case cparse.Cast:
		return locKey(e.X)
	}
	return ""
}

// DerefKey names the pointee of a local variable or parameter, *p, as
// cparse.LockKey writes it; "" for anything else. A store through the
// pointer is an Assign of that key, so that what a test of *p taught is
// forgotten there.
func DerefKey(e *cparse.Expr) string {
	if e == nil || e.Kind != cparse.Unary || e.Op != "*" || e.X == nil || e.X.Kind != cparse.Ident || e.X.Ref == nil {
		return ""
	}
	return "*" + e.X.Name
}

// hasEvents reports whether evaluating e records any event.
func hasEvents(e *cparse.Expr) bool {
	if e == nil {
		return false
	}
	if e.Kind == cparse.Call || e.Kind == cparse.StmtExpr || e.API != nil {
		return true
	}
	if hasEvents(e.X) || hasEvents(e.Y) || hasEvents(e.Z) {
		return true
	}
	for _, a := range e.Args {
		if hasEvents(a) {
			return true
		}
	}
	return false
}

// funcRefs records a Ref event for each function named in e, an
// identifier or an expression whose other parts make no events.
func (b *builder) funcRefs(e *cparse.Expr) {
	if e == nil {
		return
	}
	if e.Kind == cparse.Ident && e.Func {
		b.emit(&Event{Kind: Ref, Pos: e.Pos, Name: e.Name})
	}
	b.funcRefs(e.X)
	b.funcRefs(e.Y)
	b.funcRefs(e.Z)
	for _, a := range e.Args {
		b.funcRefs(a)
	}
}

// cond evaluates e as a condition, ending the current block with edges to
// t (e holds) and f (it does not).
func (b *builder) cond(e *cparse.Expr, t, f *Block) {
	switch {
	case e == nil: // for (;;)
		b.jump(t)
		b.dead()
		return
	case e.API != nil && e.API.Macro && kapi.TestsRT(e.API.Name, e.API.Args):
		// IS_ENABLED(CONFIG_PREEMPT_RT): a constant of the .config, but
		// both sides run, on one kind of kernel each.
		b.cur.addSucc(Edge{To: t, Cond: e, Sense: true})
		b.cur.addSucc(Edge{To: f, Cond: e, Sense: false})
		b.dead()
		return
	case e.API != nil && e.API.Macro:
		// a primitive used as a condition (a trylock macro): an atom
	case e.Kind == cparse.Binary && e.Op == "|" && !isTest(e):
		// bits of values, an atom; of tests, as ||
	case b.logical(e, t, f, b.cond):
		return
	case e.Kind == cparse.Binary && (e.Op == "!=" || e.Op == "==") && (isZero(e.Y) || isZero(e.X)):
		x := e.X
		if isZero(e.X) {
			x = e.Y
		}
		if e.Op == "==" {
			t, f = f, t
		}
		b.cond(x, t, f)
		return
	case e.Kind == cparse.Cond:
		yes, no := b.newBlock("cond.then"), b.newBlock("cond.else")
		if e.Y == nil { // a ?: c
			b.cond(e.X, t, no)
		} else {
			b.cond(e.X, yes, no)
			b.cur = yes
			b.cond(e.Y, t, f)
		}
		b.cur = no
		b.cond(e.Z, t, f)
		return
	case e.Kind == cparse.Comma:
		b.expr(e.X, nil)
		b.cond(e.Y, t, f)
		return
	case e.Kind == cparse.Cast:
		b.cond(e.X, t, f)
		return
	case e.Kind == cparse.Call && e.Callee() == "__builtin_expect" && len(e.Args) == 2:
		b.expr(e.Args[1], nil)
		b.cond(e.Args[0], t, f)
		return
	case e.Kind == cparse.Ident && e.Ref != nil:
		if def := b.testAlias(e.Ref); def != nil {
			b.aliasCond(def, t, f)
			return
		}
	}
	v, ok := constValue(e)
	if e.Kind == cparse.Ident && e.Ref == nil && !ok {
		// An enumerator, or a const object (cparse.Unit.Enums).
		var n uint64
		n, ok = b.conf.Enums[e.Name]
		v = n != 0
	}
	if ok {
		if v {
			b.jump(t)
		} else {
			b.jump(f)
		}
		b.dead()
		return
	}
	b.expr(e, nil)
	b.cur.addSucc(Edge{To: t, Cond: e, Sense: true})
	b.cur.addSucc(Edge{To: f, Cond: e, Sense: false})
	b.dead()
}

func isZero(e *cparse.Expr) bool {
	v, ok := constValue(e)
	return ok && !v
}

// constValue evaluates an integer literal, or false or true, as a
// condition. The kernel's false and true are enumerators
// (include/linux/stddef.h), not macros: might_sleep_if(false) in
// __blk_mq_run_dispatch_ops(q, false, ...) is a test of the identifier.
func constValue(e *cparse.Expr) (bool, bool) {
	if e != nil && e.Kind == cparse.Ident && e.Ref == nil && (e.Name == "false" || e.Name == "true") {
		return e.Name == "true", true
	}
	if e == nil || e.Kind != cparse.Lit || e.Name == "" {
		return false, false
	}
	v, ok := cparse.IntLit(e.Name)
	return v != 0, ok
}

// finish links predecessors and marks the blocks reachable from the entry.
func (b *builder) finish() {
	for _, blk := range b.g.Blocks {
		for _, s := range blk.Succs {
			s.To.Preds = append(s.To.Preds, blk)
		}
	}
	stack := []*Block{b.g.Blocks[0]}
	b.g.Blocks[0].Live = true
	for len(stack) > 0 {
		blk := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, s := range blk.Succs {
			if !s.To.Live {
				s.To.Live = true
				stack = append(stack, s.To)
			}
		}
	}
}

// guardConstructors are the scope guards s declares: variables
// initialised by a class_<name>_constructor() call, as guard() and
// scoped_guard() expand; the constructors' names.
func guardConstructors(s *cparse.Stmt) []string {
	if s == nil || s.Kind != cparse.DeclStmt {
		return nil
	}
	var out []string
	for _, d := range s.Decls {
		if d.Init == nil {
			continue
		}
		name := d.Init.Callee()
		if strings.HasPrefix(name, "class_") && strings.HasSuffix(name, "_constructor") {
			out = append(out, name)
		}
	}
	return out
}

// uncast strips casts from e.
func uncast(e *cparse.Expr) *cparse.Expr {
	for e != nil && e.Kind == cparse.Cast && e.X != nil {
		e = e.X
	}
	return e
}

// caseEdge is the edge from a switch's head into a case: one that says
// the tag equals the case's value (tag == 21 for case RTM_DELADDR:), when
// the value is known and the tag is a variable or member; a plain edge
// otherwise (default, a range, a value the unit does not give).
func (b *builder) caseEdge(s *cparse.Stmt, to *Block) Edge {
	tag := b.sw.tag
	for tag != nil && tag.Kind == cparse.Cast {
		tag = tag.X
	}
	if s.Kind != cparse.Case || s.Hi != nil || tag == nil || tag.Kind != cparse.Ident && tag.Kind != cparse.Member {
		return Edge{To: to}
	}
	v, ok := cparse.ConstIntIn(s.X, b.conf.Enums)
	if !ok {
		return Edge{To: to}
	}
	lit := &cparse.Expr{Kind: cparse.Lit, Name: strconv.FormatUint(v, 10), Pos: s.Pos}
	return Edge{To: to, Cond: &cparse.Expr{Kind: cparse.Binary, Op: "==", X: tag, Y: lit, Pos: s.Pos}, Sense: true}
}

// isTest reports whether e is a test kapi knows of the context or of GFP
// flags, negated or not, or tests joined by ||, | or && (need_bh_off =
// !(hardirq_count() | softirq_count()) in net/core/dev.c's netif_rx()):
// as a condition, a | b is nonzero where a || b holds, and tests have no
// effects for the order of their evaluation to change.
func isTest(e *cparse.Expr) bool {
	for e != nil && (e.Kind == cparse.Cast || e.Kind == cparse.Unary && e.Op == "!") {
		e = e.X
	}
	switch {
	case e == nil:
		return false
	case e.Kind == cparse.Binary && (e.Op == "||" || e.Op == "|" || e.Op == "&&"):
		return isTest(e.X) && isTest(e.Y)
	case e.API == nil:
		return false // a call or a macro (hardirq_count()) kapi knows, or none
	}
	eff, ok := kapi.Lookup(e.API.Name)
	return ok && (eff.TestsGFP != 0 || eff.Tests != kapi.NoPredicate)
}

// testAlias is the context test a local variable holds, when the
// function assigns it once, from a test kapi knows (is_atomic =
// !gfpflags_allow_blocking(gfp) in mm/percpu.c's pcpu_alloc()), and
// writes none of the test's variables after: a branch on the variable is
// a branch on the test.
func (b *builder) testAlias(v *cparse.Var) *cparse.Expr {
	if b.aliases == nil {
		b.aliases = testAliases(b.g.Func)
	}
	return b.aliases[v]
}

func testAliases(f *cparse.Func) map[*cparse.Var]*cparse.Expr {
	out := map[*cparse.Var]*cparse.Expr{}
	if f == nil || f.Body == nil {
		return out
	}
	defs := map[*cparse.Var][]*cparse.Expr{}
	addressed := map[*cparse.Var]bool{}
	cparse.WalkStmts(f.Body, func(s *cparse.Stmt) {
		for _, d := range s.Decls {
			if d.Init != nil {
				defs[d.Var] = append(defs[d.Var], d.Init)
			}
		}
	})
	type write struct {
		name string
		pos  cparse.Pos
	}
	var writes []write
	cparse.WalkExprs(f.Body, func(e *cparse.Expr) {
		switch {
		case e.Kind == cparse.Assign && e.X != nil && e.X.Kind == cparse.Ident:
			writes = append(writes, write{e.X.Name, e.Pos})
			if e.X.Ref != nil {
				if e.Op == "=" {
					defs[e.X.Ref] = append(defs[e.X.Ref], e.Y)
				} else {
					addressed[e.X.Ref] = true
				}
			}
		case (e.Kind == cparse.Unary || e.Kind == cparse.Postfix) && (e.Op == "&" || e.Op == "++" || e.Op == "--") && e.X != nil && e.X.Kind == cparse.Ident:
			writes = append(writes, write{e.X.Name, e.Pos})
			if e.X.Ref != nil {
				addressed[e.X.Ref] = true
			}
		}
	})
	params := map[*cparse.Var]bool{}
	for _, p := range f.Params {
		params[p] = true
	}
	for v, ds := range defs {
		// A parameter has its argument's value before any assignment.
		if len(ds) != 1 || addressed[v] || params[v] {
			continue
		}
		if !isTest(ds[0]) {
			continue
		}
		stable := true
		cparse.WalkExprs(&cparse.Stmt{Kind: cparse.ExprStmt, X: ds[0]}, func(x *cparse.Expr) {
			if x.Kind != cparse.Ident {
				return
			}
			for _, w := range writes {
				if w.name == x.Name && ds[0].Pos.Before(w.pos) {
					stable = false
				}
			}
		})
		if stable {
			out[v] = ds[0]
		}
	}
	return out
}

// logical lays out a negation, &&, || or | (the test of any bit, as ||)
// between t and f, each operand by next; false when e is none of them.
func (b *builder) logical(e *cparse.Expr, t, f *Block, next func(e *cparse.Expr, t, f *Block)) bool {
	switch {
	case e.Kind == cparse.Unary && e.Op == "!":
		next(e.X, f, t)
	case e.Kind == cparse.Binary && e.Op == "&&":
		rhs := b.newBlock("and.rhs")
		next(e.X, rhs, f)
		b.cur = rhs
		next(e.Y, t, f)
	case e.Kind == cparse.Binary && (e.Op == "||" || e.Op == "|"):
		rhs := b.newBlock("or.rhs")
		next(e.X, t, rhs)
		b.cur = rhs
		next(e.Y, t, f)
	default:
		return false
	}
	return true
}

// aliasCond branches on a test a variable holds (testAlias), as cond
// does on the test itself, without its events: the call was made where
// the variable was assigned.
func (b *builder) aliasCond(e *cparse.Expr, t, f *Block) {
	for e != nil && e.Kind == cparse.Cast {
		e = e.X
	}
	if b.logical(e, t, f, b.aliasCond) {
		return
	}
	b.cur.addSucc(Edge{To: t, Cond: e, Sense: true})
	b.cur.addSucc(Edge{To: f, Cond: e, Sense: false})
	b.dead()
}
