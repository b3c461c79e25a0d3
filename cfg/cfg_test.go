package cfg_test

import (
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kbuild"
)

const decls = `
void a(void); void b(void); void c(void); void d(void);
int t(void); int u(void);
void BUG(void) __attribute__((__noreturn__));
void die(const char *) __attribute__((noreturn));
typedef struct { int x; } spinlock_t;
int spin_trylock(spinlock_t *);
`

// build parses decls+src and returns the graph of function fn.
func build(t *testing.T, src, fn string) *cfg.Graph {
	t.Helper()
	u, err := cparse.ParseSource(&kbuild.Unit{File: "cfg_test.c"}, []byte(decls+src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	for _, f := range u.Funcs {
		if f.Name == fn {
			return cfg.New(f, cfg.Config{NoReturn: func(n string) bool { return u.NoReturn[n] }})
		}
	}
	t.Fatalf("no function %s", fn)
	return nil
}

// blockOf returns the live block holding a call of name.
func blockOf(t *testing.T, g *cfg.Graph, name string) *cfg.Block {
	t.Helper()
	for _, b := range g.Blocks {
		for _, e := range b.Events {
			if e.Kind == cfg.Call && e.Callee() == name {
				return b
			}
		}
	}
	t.Fatalf("no call of %s in\n%s", name, g.Format())
	return nil
}

// reaches reports whether there is a path from block x to block y
// (x == y counts only through a cycle).
func reaches(x, y *cfg.Block) bool {
	seen := map[*cfg.Block]bool{}
	stack := []*cfg.Block{}
	for _, s := range x.Succs {
		stack = append(stack, s.To)
	}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == y {
			return true
		}
		if seen[b] {
			continue
		}
		seen[b] = true
		for _, s := range b.Succs {
			stack = append(stack, s.To)
		}
	}
	return false
}

func exits(g *cfg.Graph) (n int) {
	g.Events(func(_ *cfg.Block, e *cfg.Event) {
		if e.Kind == cfg.Return {
			n++
		}
	})
	return n
}

func TestIfElse(t *testing.T) {
	g := build(t, `void f(int x) { if (x) a(); else b(); c(); }`, "f")
	ba, bb, bc := blockOf(t, g, "a"), blockOf(t, g, "b"), blockOf(t, g, "c")
	if reaches(ba, bb) || reaches(bb, ba) || !reaches(ba, bc) || !reaches(bb, bc) {
		t.Errorf("if/else shape wrong:\n%s", g.Format())
	}
	entry := g.Entry()
	if len(entry.Succs) != 2 || entry.Succs[0].Cond == nil || !entry.Succs[0].Sense || entry.Succs[1].Sense {
		t.Errorf("entry should branch on x with true then false edges:\n%s", g.Format())
	}
}

func TestDoWhileZeroHasNoBackEdge(t *testing.T) {
	g := build(t, `void f(void) { do { a(); } while (0); b(); }`, "f")
	ba := blockOf(t, g, "a")
	if reaches(ba, ba) {
		t.Errorf("do { } while (0) loops:\n%s", g.Format())
	}
	if !reaches(ba, blockOf(t, g, "b")) {
		t.Errorf("code after do-while(0) unreachable:\n%s", g.Format())
	}
}

func TestLoops(t *testing.T) {
	g := build(t, `void f(int n) { int i; for (i = 0; i < n; i++) { if (t()) continue; a(); } while (u()) { b(); if (t()) break; } do c(); while (t()); d(); }`, "f")
	for _, n := range []string{"a", "b", "c"} {
		if blk := blockOf(t, g, n); !reaches(blk, blk) {
			t.Errorf("%s() is not in a loop:\n%s", n, g.Format())
		}
	}
	if !reaches(blockOf(t, g, "a"), blockOf(t, g, "d")) {
		t.Errorf("loop exit missing:\n%s", g.Format())
	}
}

func TestInfiniteLoopExitsOnlyByBreak(t *testing.T) {
	g := build(t, `void f(void) { while (1) { a(); if (t()) break; } b(); for (;;) c(); d(); }`, "f")
	if !blockOf(t, g, "b").Live {
		t.Errorf("break out of while (1) lost:\n%s", g.Format())
	}
	if blockOf(t, g, "d").Live {
		t.Errorf("code after for (;;) without break is reachable:\n%s", g.Format())
	}
}

func TestSwitchFallthroughAndRanges(t *testing.T) {
	g := build(t, `void f(int x) { switch (x) { case 1 ... 3: a(); case 4: b(); break; case 5: c(); } d(); }`, "f")
	ba, bb, bc, bd := blockOf(t, g, "a"), blockOf(t, g, "b"), blockOf(t, g, "c"), blockOf(t, g, "d")
	if !reaches(ba, bb) {
		t.Errorf("case 1 ... 3 does not fall through to case 4:\n%s", g.Format())
	}
	if reaches(bb, bc) {
		t.Errorf("break falls into case 5:\n%s", g.Format())
	}
	if !reaches(bc, bd) || !reaches(g.Entry(), bd) {
		t.Errorf("switch exit missing:\n%s", g.Format())
	}
	// No default: the switch head has an edge past the body.
	direct := false
	for _, s := range g.Entry().Succs {
		if s.To == bd || strings.HasPrefix(s.To.Kind, "switch.done") {
			direct = true
		}
	}
	if !direct {
		t.Errorf("switch without default has no edge to its end:\n%s", g.Format())
	}
}

func TestGotoCleanup(t *testing.T) {
	g := build(t, `int f(void) { if (t()) goto out; a(); if (u()) goto out; b(); out: c(); return 0; }`, "f")
	bc := blockOf(t, g, "c")
	if len(bc.Preds) < 3 {
		t.Errorf("label out should have three predecessors, has %d:\n%s", len(bc.Preds), g.Format())
	}
	if exits(g) != 1 {
		t.Errorf("want one exit:\n%s", g.Format())
	}
}

func TestComputedGoto(t *testing.T) {
	g := build(t, `void f(int i) { static void *tbl[] = { &&l1, &&l2 }; goto *tbl[i]; l1: a(); return; l2: b(); return; l3: c(); }`, "f")
	if !blockOf(t, g, "a").Live || !blockOf(t, g, "b").Live {
		t.Errorf("computed goto targets unreachable:\n%s", g.Format())
	}
	if blockOf(t, g, "c").Live {
		t.Errorf("label whose address is not taken reached by computed goto:\n%s", g.Format())
	}
}

func TestAsmGoto(t *testing.T) {
	g := build(t, `void f(void) { asm goto("jmp %l0" : : : : slow); a(); return; slow: b(); }`, "f")
	if !blockOf(t, g, "a").Live || !blockOf(t, g, "b").Live {
		t.Errorf("asm goto should reach both the next statement and its label:\n%s", g.Format())
	}
}

func TestShortCircuit(t *testing.T) {
	g := build(t, `void f(void) { if (t() && u()) a(); if (t() || u()) b(); }`, "f")
	// u() of the && is evaluated only when t() held.
	bt := blockOf(t, g, "t")
	var rhs *cfg.Block
	for _, s := range bt.Succs {
		if s.Sense {
			rhs = s.To
		}
	}
	if rhs == nil || len(rhs.Events) == 0 || rhs.Events[0].Callee() != "u" {
		t.Fatalf("&& does not evaluate u() on the true edge of t():\n%s", g.Format())
	}
	if len(bt.Succs) != 2 || bt.Succs[0].Cond == nil {
		t.Errorf("condition edges lack Cond:\n%s", g.Format())
	}
}

func TestTrylockNegatedCondition(t *testing.T) {
	g := build(t, `spinlock_t l; void f(void) { if (!spin_trylock(&l)) return; a(); }`, "f")
	bt := blockOf(t, g, "spin_trylock")
	for _, s := range bt.Succs {
		if s.Cond == nil || s.Cond.Callee() != "spin_trylock" {
			t.Fatalf("edge condition is not the trylock call:\n%s", g.Format())
		}
		// The edge on which the trylock held leads to a().
		if s.Sense != reaches(s.To, blockOf(t, g, "a")) && s.To != blockOf(t, g, "a") {
			t.Errorf("sense of the trylock edges is inverted:\n%s", g.Format())
		}
	}
}

func TestConditionalExpression(t *testing.T) {
	g := build(t, `int f(int x) { return x ? t() : u(); }`, "f")
	bt, bu := blockOf(t, g, "t"), blockOf(t, g, "u")
	if bt == bu || reaches(bt, bu) || reaches(bu, bt) {
		t.Errorf("?: arms are not separate branches:\n%s", g.Format())
	}
}

func TestStatementExpression(t *testing.T) {
	g := build(t, `int f(void) { int v = ({ a(); t(); }) + u(); return v; }`, "f")
	var order []string
	for _, e := range g.Entry().Events {
		if e.Kind == cfg.Call {
			order = append(order, e.Callee())
		}
	}
	if strings.Join(order, ",") != "a,t,u" {
		t.Errorf("statement expression events in order %v:\n%s", order, g.Format())
	}
}

func TestNoReturnEndsPath(t *testing.T) {
	g := build(t, `void f(int x) { if (x) { BUG(); a(); } if (x > 1) die("x"); b(); }`, "f")
	if blockOf(t, g, "a").Live {
		t.Errorf("code after BUG() is reachable:\n%s", g.Format())
	}
	if !blockOf(t, g, "b").Live {
		t.Errorf("b() unreachable:\n%s", g.Format())
	}
	if reaches(blockOf(t, g, "die"), blockOf(t, g, "b")) {
		t.Errorf("path continues after a __noreturn function:\n%s", g.Format())
	}
}

func TestReturnEvents(t *testing.T) {
	g := build(t, `int f(int x) { if (x) return 1; a(); return 0; }`, "f")
	if exits(g) != 2 {
		t.Errorf("want 2 live exits (the closing brace is unreachable):\n%s", g.Format())
	}
	g = build(t, `void f(int x) { if (x) return; a(); }`, "f")
	if exits(g) != 2 {
		t.Errorf("want 2 exits (return and the closing brace):\n%s", g.Format())
	}
}

func TestDefRecordsAssignedVariable(t *testing.T) {
	g := build(t, `void f(void) { int cpu = t(); int other; other = u(); }`, "f")
	for _, n := range []string{"t", "u"} {
		for _, e := range blockOf(t, g, n).Events {
			if e.Callee() == n && (e.Def == nil || e.Def.Name == "") {
				t.Errorf("%s(): no Def recorded", n)
			}
		}
	}
}

// Every store of a value into a location is an event, whatever the
// expression stored: a negated constant, a member, an element, a
// dereference (err = -EINVAL must overwrite what err held).
func TestStoresOfEveryExpressionKind(t *testing.T) {
	g := build(t, `struct s { int f; int a[2]; }; void f(struct s *p, int *q) { int x, y, z, w; x = -22; y = p->f; z = p->a[1]; w = *q; }`, "f")
	stored := map[string]bool{}
	for _, b := range g.Blocks {
		for _, e := range b.Events {
			if e.Kind == cfg.Assign && e.Value != nil {
				stored[e.DefKey] = true
			}
		}
	}
	for _, v := range []string{"x", "y", "z", "w"} {
		if !stored[v] {
			t.Errorf("no store event for %s in\n%s", v, g.Format())
		}
	}
}

// IS_ENABLED(CONFIG_PREEMPT_RT) is a constant of the .config, but both of
// its sides run, one on each kind of kernel: the branch stays. Another
// option's test is folded.
func TestKernelKindTestBranches(t *testing.T) {
	src := `
#define IS_ENABLED(option) 0
void f(void) { if (IS_ENABLED(CONFIG_PREEMPT_RT)) a(); else b(); c(); }
void g(void) { if (IS_ENABLED(CONFIG_SMP)) a(); else b(); c(); }
`
	f := build(t, src, "f")
	if ba, bb := blockOf(t, f, "a"), blockOf(t, f, "b"); !ba.Live || !bb.Live {
		t.Errorf("a side of IS_ENABLED(CONFIG_PREEMPT_RT) is dead:\n%s", f.Format())
	}
	entry := f.Entry()
	if len(entry.Succs) != 2 || entry.Succs[0].Cond == nil || entry.Succs[0].Cond.API == nil || entry.Succs[0].Cond.API.Name != "IS_ENABLED" {
		t.Errorf("the entry should branch on the test:\n%s", f.Format())
	}
	g := build(t, src, "g")
	if ba := blockOf(t, g, "a"); ba.Live {
		t.Errorf("IS_ENABLED(CONFIG_SMP), 0 here, should be folded:\n%s", g.Format())
	}
}

// A read in a call's argument names the call; one in an assignment, an
// increment or a statement expression written there does not: its value
// may go elsewhere than the call.
func TestUseInArguments(t *testing.T) {
	g := build(t, `
struct s { int n; int m; int k; int q; int w; };
int log(const char *, ...);
int sum(int);
void f(struct s *p, struct s *r)
{
	log("%d", p->n);
	log("%d", sum(p->m));
	log("%d", p->k++);
	log("%d", ({ int v = p->q; v; }));
	r->w = p->w;
}
`, "f")
	got := map[string]string{}
	for _, b := range g.Blocks {
		for _, e := range b.Events {
			if e.Kind == cfg.Use && e.How == "deref" {
				got[e.DefKey+"@"+strings.TrimPrefix(e.Pos.String(), "cfg_test.c:")] = e.In
			}
		}
	}
	want := map[string]string{"p@14:12": "log", "p@15:16": "sum", "p@16:12": "", "p@17:23": "", "p@18:9": "", "r@18:2": ""}
	for k, w := range want {
		if in, ok := got[k]; !ok || in != w {
			t.Errorf("read of %s: In %q (found %v), want %q; all: %v", k, in, ok, w, got)
		}
	}
}

// A macro used as a whole statement (WARN_ON(x);) is marked so on its
// event; one whose value a condition tests is not.
func TestMacroStatement(t *testing.T) {
	src := `#define WARN_ON(x) ({ int __r = !!(x); __r; })
		void f(int x, int y) { WARN_ON(x); if (WARN_ON(y)) a(); }`
	g := build(t, src, "f")
	var stmts []string
	for _, b := range g.Blocks {
		for _, e := range b.Events {
			if e.Kind == cfg.Call && e.Callee() == "WARN_ON" {
				stmts = append(stmts, e.API.Args[0]+":"+map[bool]string{true: "stmt", false: "value"}[e.Stmt != nil])
			}
		}
	}
	if strings.Join(stmts, " ") != "x:stmt y:value" {
		t.Errorf("WARN_ON() events: %v, want [x:stmt y:value]", stmts)
	}
}
