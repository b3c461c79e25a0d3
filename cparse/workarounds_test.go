package cparse

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/kbuild"
)

func parse(t *testing.T, src string) *Unit {
	t.Helper()
	u, err := ParseSource(&kbuild.Unit{File: "w.c"}, []byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return u
}

func fn(t *testing.T, u *Unit, name string) *Func {
	t.Helper()
	for _, f := range u.Funcs {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no function %s", name)
	return nil
}

func apis(f *Func) (out []*APIUse) {
	WalkStmts(f.Body, func(s *Stmt) {
		if s.API != nil {
			out = append(out, s.API)
		}
	})
	WalkExprs(f.Body, func(e *Expr) {
		if e.API != nil {
			out = append(out, e.API)
		}
	})
	return out
}

// Workaround 1: files cc/v4's type checker rejects still parse, and names
// resolve through cparse's own scopes.
func TestNoTypeCheckOwnScopes(t *testing.T) {
	u := parse(t, `
enum small { A, B } __attribute__((packed));
struct incomplete;
#define __is_constexpr(x) (sizeof(int) == sizeof(*(8 ? ((void *)((long)(x) * 0l)) : (int *)8)))
struct s { union { int a; long b; }; };
int g;
int f(int p, struct incomplete *q)
{
	int n = __is_constexpr(p);
	__typeof__(int) t = sizeof(enum small);
	struct s v;
	{ int p = 2; n += p; }
	v.b = 1;
	return n + p + g + t + v.a + _Generic(q, struct incomplete *: 1, default: 0);
}`)
	f := fn(t, u, "f")
	var refs []string
	WalkExprs(f.Body, func(e *Expr) {
		if e.Kind == Ident && (e.Name == "p" || e.Name == "g") {
			where := "global"
			if e.Ref != nil {
				where = e.Ref.Pos.String()
			}
			refs = append(refs, e.Name+"@"+where)
		}
	})
	got := strings.Join(refs, " ")
	// The inner block's p shadows the parameter; g stays global.
	want := "p@w.c:12:8 p@w.c:7:11 g@global"
	if !strings.Contains(got, "p@w.c:12:8") || !strings.Contains(got, "g@global") || !strings.Contains(got, "p@w.c:7:11") {
		t.Errorf("references = %s, want among them %s", got, want)
	}
}

// Workaround 2: the macro written at a token's position is its origin,
// with the arguments as written.
func TestMacroOriginFromPosition(t *testing.T) {
	u := parse(t, `
unsigned long __kp_save(void);
int smp_processor_id(void);
#define local_irq_save(f) ((f) = __kp_save())
#define MY_CPU() ({ int __c = smp_processor_id(); __c; })
void f(void)
{
	unsigned long flags;
	int c;
	local_irq_save( flags );
	c = MY_CPU();
}`)
	got := apis(fn(t, u, "f"))
	var save, cpu *APIUse
	for _, a := range got {
		switch a.Name {
		case "local_irq_save":
			save = a
		case "smp_processor_id":
			cpu = a
		}
	}
	if save == nil || !save.Macro || save.Pos.Line != 10 || len(save.Args) != 1 || save.Args[0] != "flags" {
		t.Errorf("local_irq_save use = %+v", save)
	}
	if cpu == nil || cpu.Pos.Line != 11 || len(cpu.Via) != 1 || cpu.Via[0] != "MY_CPU" {
		t.Errorf("smp_processor_id inside MY_CPU = %+v", cpu)
	}
}

// Workaround 3: lists come out in source order.
func TestListsInSourceOrder(t *testing.T) {
	u := parse(t, `int h(int, int, int); int f(int a, int b, int c) { a++; b++; return h(a, b, c); }`)
	f := fn(t, u, "f")
	if len(f.Params) != 3 || f.Params[0].Name != "a" || f.Params[2].Name != "c" {
		t.Errorf("params = %+v", f.Params)
	}
	var args []string
	WalkExprs(f.Body, func(e *Expr) {
		if e.Callee() == "h" {
			for _, a := range e.Args {
				args = append(args, a.Name)
			}
		}
	})
	if strings.Join(args, ",") != "a,b,c" {
		t.Errorf("args = %v", args)
	}
	if len(f.Body.List) < 3 {
		t.Fatalf("body has %d statements", len(f.Body.List))
	}
	n := len(f.Body.List)
	if f.Body.List[n-1].Kind != Return || f.Body.List[n-3].X.X.Name != "a" {
		t.Errorf("statements out of order")
	}
}

// Workaround 4: a macro expanding to a do-while(0) statement is the use of
// that statement, although the ';' after it is the caller's.
func TestDoWhileMacroStatement(t *testing.T) {
	u := parse(t, `
typedef struct { int x; } spinlock_t;
unsigned long __kp_lock(spinlock_t *);
#define spin_lock_irqsave(l, f) do { (f) = __kp_lock(l); } while (0)
spinlock_t lk;
void f(void)
{
	unsigned long flags;
	spin_lock_irqsave(&lk, flags);
}`)
	body := fn(t, u, "f").Body
	last := body.List[len(body.List)-1]
	if last.Kind != DoWhile || last.API == nil || last.API.Name != "spin_lock_irqsave" ||
		strings.Join(last.API.Args, "|") != "&lk|flags" {
		t.Errorf("statement %v has API %+v", last.Kind, last.API)
	}
}

// Workaround 5: a macro expanding to a parenthesised expression is the use
// of that expression.
func TestParenthesisedMacro(t *testing.T) {
	u := parse(t, `
int __kp_get_cpu(void);
#define get_cpu() (__kp_get_cpu())
void f(void) { int c = get_cpu(); (void)c; }`)
	body := fn(t, u, "f").Body
	var init *Expr
	for _, s := range body.List {
		if s.Kind == DeclStmt && s.Decls[0].Var.Name == "c" {
			init = s.Decls[0].Init
		}
	}
	if init == nil || init.API == nil || init.API.Name != "get_cpu" || !init.API.Macro {
		t.Errorf("initializer API = %+v", init)
	}
}

// Workaround 6: the __func__ cc/v4 inserts is an ordinary local.
func TestFuncNameDeclaration(t *testing.T) {
	u := parse(t, `const char *f(void) { return __func__; }`)
	var ref *Var
	WalkExprs(fn(t, u, "f").Body, func(e *Expr) {
		if e.Kind == Ident && e.Name == "__func__" {
			ref = e.Ref
		}
	})
	if ref == nil {
		t.Errorf("__func__ not resolved to the inserted declaration")
	}
}

// GNU C the kernel writes must parse: asm goto and asm inline, case ranges,
// computed goto, statement expressions, designated range initializers,
// __auto_type.
func TestGNUConstructsParse(t *testing.T) {
	u := parse(t, `
int f(int y)
{
	static void *tbl[] = { &&l1, &&l2 };
	int arr[4] = { [0 ... 3] = 1 };
	__auto_type a = y;
	switch (y) { case 1 ... 3: y++; break; default: ; }
	goto *tbl[y & 1];
l1:
	asm goto("jmp %l0" : : : : l2);
	asm inline("nop");
l2:
	return ({ int q = a + arr[0]; q; }) ?: 1;
}`)
	f := fn(t, u, "f")
	found := map[StmtKind]bool{}
	var st func(s *Stmt)
	st = func(s *Stmt) {
		if s == nil {
			return
		}
		found[s.Kind] = true
		for _, x := range s.List {
			st(x)
		}
		st(s.Body)
		st(s.Else)
	}
	st(f.Body)
	for _, k := range []StmtKind{Switch, Case, GotoExpr, Label, Asm, Return} {
		if !found[k] {
			t.Errorf("no %v statement", k)
		}
	}
}

func TestParseErrorIsOneLine(t *testing.T) {
	_, err := ParseSource(&kbuild.Unit{File: "bad.c"}, []byte("int f( {\n}\nint g(void) { return }\n"))
	if err == nil {
		t.Fatal("no error")
	}
	if strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "bad.c: ") {
		t.Errorf("error %q is not one line naming the file", err)
	}
}

func TestUnreadableAndBinaryFiles(t *testing.T) {
	if _, err := Parse(&kbuild.Unit{File: "/nonexistent/x.c"}); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
	dir := t.TempDir()
	bin := dir + "/bin.c"
	if err := writeFile(bin, []byte{0x7f, 'E', 'L', 'F', 0, 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(&kbuild.Unit{File: bin}); err == nil || !strings.Contains(err.Error(), "binary") {
		t.Errorf("binary file: %v", err)
	}
	latin1 := dir + "/latin1.c"
	if err := writeFile(latin1, []byte("/* Copyright \xa9 someone */\nint f(void) { return 0; }\n")); err != nil {
		t.Fatal(err)
	}
	if u, err := Parse(&kbuild.Unit{File: latin1}); err != nil || len(u.Funcs) != 1 {
		t.Errorf("non-UTF-8 comment: %v", err)
	}
}

func TestSplitVariadic(t *testing.T) {
	got := splitVariadic([]string{"10, sizeof(unsigned long), GFP_KERNEL"})
	if strings.Join(got, "|") != "10|sizeof(unsigned long)|GFP_KERNEL" {
		t.Errorf("split: %q", got)
	}
	got = splitVariadic([]string{"fmt", `"a,b", f(x, y)`})
	if strings.Join(got, "|") != `fmt|"a,b"|f(x, y)` {
		t.Errorf("split with strings and calls: %q", got)
	}
	if in := []string{"a", "f(b, c)"}; &splitVariadic(in)[0] != &in[0] {
		t.Error("arguments without top-level commas were copied")
	}
}

// A call's argument written as a macro keeps the macro's name (GFP flags
// are read by name), unless the macro stands for a number: that number is
// what the analysis compares (netlink_unicast(..., MSG_DONTWAIT)).
func TestArgumentMacroText(t *testing.T) {
	u := parse(t, `
#define MSG_DONTWAIT 0x40
#define GFP_DEMO (0x400u | 0x800u)
#define NR_DEMO 4
int send(int *p, int flags, int gfp);
int tab[8];
void f(void)
{
	send(&tab[NR_DEMO], MSG_DONTWAIT, GFP_DEMO);
}`)
	for _, a := range apis(fn(t, u, "f")) {
		if a.Name == "send" {
			if got := strings.Join(a.Args, "|"); got != "&tab[NR_DEMO]|0x40|GFP_DEMO" {
				t.Errorf("send's arguments = %q", got)
			}
			return
		}
	}
	t.Error("no call of send")
}

// An argument that is a constant expression with operators keeps its
// names in Args and has its value in Values: callees test its bits
// (__pm_runtime_idle(dev, RPM_GET_PUT | RPM_ASYNC) tests rpmflags &
// RPM_ASYNC); so has an enumerator the unit declares, alone or with
// operators.
func TestArgumentValues(t *testing.T) {
	u := parse(t, `
#define RPM_ASYNC 0x01
#define RPM_GET_PUT 0x04
#define BIT(n) (1UL << (n))
enum { E_ONE = 1 };
int idle(int *dev, int flags);
int flags_of(int *dev);
void f(int *dev)
{
	idle(dev, RPM_GET_PUT | RPM_ASYNC);
	idle(dev, RPM_ASYNC);
	idle(dev, (int)(BIT(3) | ~0x10 & 0xff));
	idle(dev, E_ONE | RPM_ASYNC);
	idle(dev, E_ONE);
	idle(dev, E_UNKNOWN | RPM_ASYNC);
	idle(dev, -1);
	idle(dev, flags_of(dev) & RPM_ASYNC);
	idle(dev, *dev & RPM_GET_PUT);
	idle(dev, (dev[0] & 0));
}
void g(int *dev, int flags, struct { int f; } *p)
{
	idle(dev, (flags & RPM_ASYNC));
	idle(dev, RPM_GET_PUT & (unsigned)p->f);
}`)
	var got []string
	for _, name := range []string{"f", "g"} {
		for _, a := range apis(fn(t, u, name)) {
			if a.Name == "idle" {
				got = append(got, strings.Join(a.Args, ",")+" = "+strings.Join(a.Values, ","))
			}
		}
	}
	// A variable or a member masked with a constant has its location
	// and mask as the value (flags & MSG_DONTWAIT): the callee's test of
	// its parameter is one of the caller's bits.
	want := []string{
		"dev,RPM_GET_PUT | RPM_ASYNC = ,0x5",
		"dev,0x01 = ",
		"dev,(...)BIT(3) | ~0x10 & 0xff = ,0xef",
		"dev,E_ONE | RPM_ASYNC = ,0x1",
		"dev,E_ONE = ,0x1",
		"dev,E_UNKNOWN | RPM_ASYNC = ,|1", // the bits known set, whatever E_UNKNOWN is
		"dev,-1 = ",
		"dev,flags_of(dev) & RPM_ASYNC = ",
		"dev,*dev & RPM_GET_PUT = ",
		"dev,dev[0] & 0 = ",
		"dev,flags & RPM_ASYNC = ,flags&1",
		"dev,RPM_GET_PUT & (...)p->f = ,p->f&4",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("arguments and values:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Enumerators get the values C gives them, explicit or one more than the
// previous; one after a value the parser cannot compute is unknown.
func TestEnumValues(t *testing.T) {
	u := parse(t, `
enum { A, B, C = 20, D, E = C << 2, F = -1, G };
typedef enum { H = sizeof(int), I, J = 7 } demo_t;
void f(void) {}`)
	want := map[string]uint64{"A": 0, "B": 1, "C": 20, "D": 21, "E": 80, "F": ^uint64(0), "G": 0, "J": 7}
	for name, v := range want {
		if got, ok := u.Enums[name]; !ok || got != v {
			t.Errorf("%s = %d (known %v), want %d", name, got, ok, v)
		}
	}
	for _, name := range []string{"H", "I"} {
		if v, ok := u.Enums[name]; ok {
			t.Errorf("%s = %d, want unknown", name, v)
		}
	}
}

// The AArch64 compiler's builtin vector types, which arm_neon.h names
// (arch/arm64/lib/xor-neon.c includes it), are type names to the parser.
func TestAArch64BuiltinTypes(t *testing.T) {
	const gcc = "aarch64-linux-gnu-gcc"
	if _, err := exec.LookPath(gcc); err != nil {
		t.Skip(gcc + " is not installed (scripts/install-test-deps.sh installs it)")
	}
	dir := t.TempDir()
	src := `typedef __Uint64x2_t uint64x2_t;
typedef __fp16 float16_t;
static inline uint64x2_t vld1q_u64(const unsigned long *a)
{
	return __builtin_aarch64_ld1v2di_us((const __builtin_aarch64_simd_di *)a);
}
void xor_demo(unsigned long *p) { uint64x2_t v = vld1q_u64(p); (void)v; }
`
	file := dir + "/neon.c"
	if err := writeFile(file, []byte(src)); err != nil {
		t.Fatal(err)
	}
	u, err := Parse(&kbuild.Unit{File: file, Compiler: gcc})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range u.Funcs {
		names = append(names, f.Name)
	}
	if !slices.Equal(names, []string{"vld1q_u64", "xor_demo"}) {
		t.Errorf("functions %v, want vld1q_u64 and xor_demo", names)
	}
}

// A const scalar object with an integer constant initialiser holds its
// value for good, as an enumerator does (cleanup.h's
// class_<name>_is_conditional); a pointer to const, a variable, or an
// initialiser the parser cannot compute do not.
func TestConstObjectValues(t *testing.T) {
	u := parse(t, `
static const _Bool class_spin_is_conditional = 0;
const int const_level = 3 + 4;
static int counter = 5;
static const int *const_ptr = 0;
static const int sized = sizeof(long);
void f(void) {}`)
	want := map[string]uint64{"class_spin_is_conditional": 0, "const_level": 7}
	for name, v := range want {
		if got, ok := u.Enums[name]; !ok || got != v {
			t.Errorf("%s = %d (known %v), want %d", name, got, ok, v)
		}
	}
	for _, name := range []string{"counter", "const_ptr", "sized"} {
		if v, ok := u.Enums[name]; ok {
			t.Errorf("%s = %d, want unknown", name, v)
		}
	}
}
