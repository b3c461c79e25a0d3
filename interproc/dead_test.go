package interproc

import "testing"

// calls reports whether the program keeps a call from caller to callee.
func calls(t *testing.T, p *Program, caller, callee Symbol) bool {
	t.Helper()
	n := p.bySym[caller]
	if n == nil {
		t.Fatalf("no function %s", caller)
	}
	for _, e := range n.out {
		if e.callee.sym == callee {
			return true
		}
	}
	return false
}

// A call made under a test of its caller's parameter that every caller's
// argument rules out is no call of the program: a constant, a local whose
// value the caller knows, the parameter assigned only after the test.
// One caller that may pass a value the test allows keeps it, and so do
// ways in the program cannot see.
func TestDeadCalls(t *testing.T) {
	p := program(t, map[string]string{"a.c": head + `
static void leaf(void) { }
static void leaf2(void) { }
static int any(void) { return 3; }
static int pick(int cpu)
{
	if (cpu == -1) {
		leaf();
		cpu = any();
	}
	return cpu;
}
static void pick2(int cpu)
{
	if (cpu == -1)
		leaf2();
}
static void pick3(int cpu)
{
	if (cpu == -1)
		leaf2();
}
int a(void) { int cpu = 0; return pick(cpu) + pick(1); }
void b(int n) { pick2(0); pick2(n); }
void c(void) { pick3(0); }
void (*hook)(int) = pick3;
`}, true)
	for _, tc := range []struct {
		caller, callee string
		want           bool
	}{
		{"pick", "leaf", false},
		{"pick", "any", false},
		{"pick2", "leaf2", true}, // b() passes its own n
		{"pick3", "leaf2", true}, // called through hook too
	} {
		if got := calls(t, p, Symbol{tc.caller, "a.c"}, Symbol{tc.callee, "a.c"}); got != tc.want {
			t.Errorf("%s() calls %s(): %v, want %v", tc.caller, tc.callee, got, tc.want)
		}
	}
	if !calls(t, p, Symbol{Name: "a"}, Symbol{"pick", "a.c"}) {
		t.Error("a() calls pick()")
	}
}
