package dataflow_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/kbuild"
)

const decls = `
void preempt_disable(void); void preempt_enable(void);
typedef struct { int x; } spinlock_t;
void spin_lock(spinlock_t *); void spin_unlock(spinlock_t *); int spin_trylock(spinlock_t *);
unsigned long __kp_save(void); void local_irq_restore(unsigned long);
#define local_irq_save(f) ((f) = __kp_save())
void mutex_lock(void *); void mutex_unlock(void *);
void probe(void);
spinlock_t l;
`

// at returns the state before each call of probe() in function fn of a
// standalone file.
func at(t *testing.T, src, fn string) []dataflow.State {
	t.Helper()
	return atIn(t, &kbuild.Unit{File: "df.c", Stubs: true}, src, fn)
}

func atIn(t *testing.T, unit *kbuild.Unit, src, fn string) []dataflow.State {
	t.Helper()
	u, err := cparse.ParseSource(unit, []byte(decls+src))
	if err != nil {
		t.Fatal(err)
	}
	du := dataflow.AnalyzeUnit(u)
	var out []dataflow.State
	for _, f := range du.Funcs {
		if f.Graph.Func.Name != fn {
			continue
		}
		f.Walk(func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
			if e.Callee() == "probe" {
				s := *before
				s.Locks = append([]dataflow.Held(nil), before.Locks...)
				out = append(out, s)
			}
		})
	}
	if len(out) == 0 {
		t.Fatalf("no reached probe() in %s", fn)
	}
	return out
}

func TestDepthRangesOverPaths(t *testing.T) {
	s := at(t, `void f(int x) { if (x) preempt_disable(); probe(); preempt_disable(); probe(); }`, "f")
	if s[0].Preempt != (dataflow.Range{Lo: 0, Hi: 1}) || s[0].Protected() {
		t.Errorf("after a conditional disable: %+v protected=%v", s[0].Preempt, s[0].Protected())
	}
	if s[1].Preempt != (dataflow.Range{Lo: 1, Hi: 2}) || !s[1].Protected() {
		t.Errorf("after a second disable: %+v", s[1].Preempt)
	}
}

func TestLoopReachesFixpoint(t *testing.T) {
	s := at(t, `void f(int n) { while (n--) preempt_disable(); probe(); }`, "f")
	if s[0].Preempt.Lo != 0 || s[0].Preempt.Hi < 2 {
		t.Errorf("depth after a disabling loop: %+v", s[0].Preempt)
	}
}

func TestLocks(t *testing.T) {
	s := at(t, `void f(int x) {
		spin_lock(&l); probe(); spin_unlock(&l); probe();
		if (x) spin_lock(&l); probe(); if (x) spin_unlock(&l);
		mutex_lock(0); probe(); mutex_unlock(0);
	}`, "f")
	if !s[0].Protected() {
		t.Error("spin_lock does not protect")
	}
	if h, ok := s[0].Lock("l"); !ok || !h.Must {
		t.Errorf("lock l (from &l) not held: %+v", s[0].Locks)
	}
	if s[1].Protected() || len(s[1].Locks) != 0 {
		t.Errorf("after spin_unlock: %+v", s[1].Locks)
	}
	if h, ok := s[2].Lock("l"); !ok || h.Must || s[2].Protected() {
		t.Errorf("conditionally held lock: %+v", s[2].Locks)
	}
	if s[3].Protected() {
		t.Error("mutex_lock protects")
	}
}

func TestTrylockSuccessEdge(t *testing.T) {
	s := at(t, `void f(void) { if (spin_trylock(&l)) { probe(); spin_unlock(&l); } else probe(); if (!spin_trylock(&l)) return; probe(); }`, "f")
	if !s[0].Protected() || s[1].Protected() || !s[2].Protected() {
		t.Errorf("trylock edges: taken=%v failed=%v negated=%v", s[0].Protected(), s[1].Protected(), s[2].Protected())
	}
}

func TestIrqSaveRestore(t *testing.T) {
	s := at(t, `void f(void) { unsigned long flags; local_irq_save(flags); probe(); local_irq_restore(flags); probe(); }
		void g(unsigned long flags) { local_irq_restore(flags); probe(); }`, "f")
	if !s[0].IRQ.Off() || !s[0].Protected() {
		t.Errorf("inside local_irq_save: %v", s[0].IRQ)
	}
	if s[1].IRQ != dataflow.MayBeOn || s[1].Protected() {
		t.Errorf("after local_irq_restore: %v", s[1].IRQ)
	}
	g := at(t, `void g(unsigned long flags) { local_irq_restore(flags); probe(); }`, "g")
	if g[0].IRQ != dataflow.MayBeOn|dataflow.MayBeOff {
		t.Errorf("restore of unknown flags: %v", g[0].IRQ)
	}
}

func TestScopeGuards(t *testing.T) {
	src := `typedef struct { spinlock_t *l; } class_spinlock_t;
		class_spinlock_t class_spinlock_constructor(spinlock_t *l);
		void class_spinlock_destructor(class_spinlock_t *);
		typedef struct { int x; } class_mutex_t;
		class_mutex_t class_mutex_constructor(void *m);
		void f(void) {
			probe();
			{ class_spinlock_t g __attribute__((cleanup(class_spinlock_destructor))) = class_spinlock_constructor(&l); probe(); }
		}
		void m(void) { class_mutex_t g = class_mutex_constructor(0); probe(); }`
	s := at(t, src, "f")
	if s[0].Protected() || !s[1].Protected() {
		t.Errorf("guard(spinlock): before %v, inside %v", s[0].Protected(), s[1].Protected())
	}
	if s := at(t, src, "m"); s[0].Protected() {
		t.Error("guard(mutex) protects")
	}
}

func TestSummariesOfLockHelpers(t *testing.T) {
	src := `struct q { spinlock_t lock; int n; };
		static void q_lock(struct q *q) { spin_lock(&q->lock); }
		static void q_unlock(struct q *q) { spin_unlock(&q->lock); }
		static void q_pin(void) { preempt_disable(); }
		void f(struct q *a) { q_lock(a); probe(); q_unlock(a); probe(); q_pin(); probe(); preempt_enable(); }`
	s := at(t, src, "f")
	if h, ok := s[0].Lock("a->lock"); !ok || !h.Must || !s[0].Protected() {
		t.Errorf("after q_lock(a): locks %+v", s[0].Locks)
	}
	if len(s[1].Locks) != 0 || s[1].Protected() {
		t.Errorf("after q_unlock(a): locks %+v", s[1].Locks)
	}
	if s[2].Preempt != (dataflow.Range{Lo: 1, Hi: 1}) {
		t.Errorf("after q_pin(): depth %+v", s[2].Preempt)
	}
}

// An __acquires() annotation on a helper whose primitive is no lock the
// analysis knows (console_srcu_read_lock(), an SRCU section) pairs with
// its partner's __releases(): a caller of the pair, or of a wrapper of
// the helper, holds the lock between them, for ownership only, and
// releases nothing of its own caller's.
func TestAnnotatedAcquireOfAnUnknownPrimitive(t *testing.T) {
	src := `#define __acquires(x)
		#define __releases(x)
		struct srcu { int n; }; struct srcu con_srcu;
		int srcu_enter(struct srcu *); void srcu_leave(struct srcu *, int);
		int con_lock(void)
			__acquires(&con_srcu)
		{ return srcu_enter(&con_srcu); }
		void con_unlock(int c) __releases(&con_srcu) { srcu_leave(&con_srcu, c); }
		static int con_lock_wrapped(void) { return con_lock(); }
		void f(void) { int c = con_lock(); probe(); con_unlock(c); probe(); }
		void g(void) { int c = con_lock_wrapped(); con_unlock(c); }
		struct dump { spinlock_t *lock; };
		int start_copy(spinlock_t *lock, struct dump *d)
			__acquires(lock)
		{ d->lock = lock; if (lock) spin_lock(lock); return 0; }`
	s := at(t, src, "f")
	if h, ok := s[0].Lock("con_srcu"); !ok || !h.Must || s[0].Protected() {
		t.Errorf("after con_lock(): locks %+v, protected %v", s[0].Locks, s[0].Protected())
	}
	if len(s[1].Locks) != 0 {
		t.Errorf("after con_unlock(): locks %+v", s[1].Locks)
	}
	u, err := cparse.ParseSource(&kbuild.Unit{File: "df.c", Stubs: true}, []byte(decls+src))
	if err != nil {
		t.Fatal(err)
	}
	sums := dataflow.AnalyzeUnit(u).Summaries
	if got := sums["con_lock"]; got == nil || len(got.Acquires) != 1 || got.Acquires[0].Key != "con_srcu" {
		t.Errorf("con_lock: %+v", got)
	}
	// A wrapper returns holding it in turn (srcu_read_lock() around
	// __srcu_read_lock()), and its caller pairs it too.
	if got := sums["con_lock_wrapped"]; got == nil || len(got.Acquires) != 1 || got.Acquires[0].Key != "con_srcu" {
		t.Errorf("con_lock_wrapped: %+v", got)
	}
	// A function that takes the lock itself, if only on some paths
	// (gnet_stats_start_copy(): when the lock is not NULL), is read from
	// its body: the annotation does not stand for it.
	if got := sums["start_copy"]; got != nil && len(got.Acquires) != 0 {
		t.Errorf("start_copy: %+v", got)
	}
	for _, fn := range []string{"f", "g"} {
		if got := sums[fn]; got != nil && (len(got.Releases) != 0 || len(got.MayReleases) != 0 || len(got.Acquires) != 0) {
			t.Errorf("%s releases or keeps what it pairs: %+v", fn, got)
		}
	}
}

// Paths each protected by its own means stay protected past their join
// (State.Covered): a pair of disable and enable after it does not end
// that, an enable of what one path disabled does.
func TestCoveredJoin(t *testing.T) {
	src := `void local_bh_disable(void); void local_bh_enable(void);
		void f(int x)
		{
			if (x) local_bh_disable(); else preempt_disable();
			probe();
			preempt_disable(); preempt_enable();
			probe();
			if (x) local_bh_enable(); else preempt_enable();
			probe();
		}`
	s := at(t, src, "f")
	for i, want := range []bool{true, true, false} {
		if got := s[i].Protected(); got != want {
			t.Errorf("probe %d: protected %v, want %v (covered %v, bh %v, preempt %v)", i, got, want, s[i].Covered, s[i].BH, s[i].Preempt)
		}
	}
}

func TestScopeGuardEndsWithItsBlock(t *testing.T) {
	src := `typedef struct { spinlock_t *l; } class_spinlock_t;
		class_spinlock_t class_spinlock_constructor(spinlock_t *l);
		void f(void) {
			{ class_spinlock_t g = class_spinlock_constructor(&l); probe(); }
			probe();
		}`
	s := at(t, src, "f")
	if !s[0].Protected() || s[1].Protected() {
		t.Errorf("guard: inside %v, after its block %v", s[0].Protected(), s[1].Protected())
	}
}

func TestSummaryOfReturnedLockedObject(t *testing.T) {
	src := `struct d { spinlock_t lock; int n; };
		struct d *lookup(int i);
		static struct d *get_locked(int i) {
			struct d *d = lookup(i);
			if (!d)
				return 0;
			spin_lock(&d->lock);
			return d;
		}
		static struct d *wrap(int i) { return get_locked(i); }
		void f(int i) {
			struct d *x = wrap(i);
			probe();
			if (!x)
				return;
			probe();
			spin_unlock(&x->lock);
		}`
	s := at(t, src, "f")
	if _, ok := s[0].Lock("x->lock"); ok {
		t.Errorf("before testing the value: locks %+v", s[0].Locks)
	}
	if h, ok := s[1].Lock("x->lock"); !ok || !h.Must {
		t.Errorf("on the valid pointer's branch: locks %+v, conds %+v", s[1].Locks, s[0].Conds)
	}
}

// Always holds the blocks of the calls made on every path to a return:
// not those under a test or in a loop's body, nor those an early return
// skips.
func TestAlwaysBlocks(t *testing.T) {
	src := `
void a(void); void b(void); void c(void); void d(void);
void f(int x) { a(); if (x) { b(); return; } c(); }
void g(int x) { if (x) b(); c(); while (x) d(); a(); }
void h(int x) { a(); switch (x) { case 1: b(); break; default: c(); return; } d(); }
`
	u, err := cparse.ParseSource(&kbuild.Unit{File: "df.c", Stubs: true}, []byte(decls+src))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"f": "a", "g": "c a", "h": "a"}
	for _, fr := range dataflow.AnalyzeUnit(u).Funcs {
		w, ok := want[fr.Graph.Func.Name]
		if !ok {
			continue
		}
		always := fr.Always()
		var got []string
		fr.Graph.Events(func(b *cfg.Block, e *cfg.Event) {
			if e.Kind == cfg.Call && always[b] {
				got = append(got, e.Callee())
			}
		})
		if s := strings.Join(got, " "); s != w {
			t.Errorf("%s: calls made on every path: %q, want %q", fr.Graph.Func.Name, s, w)
		}
	}
}

// A branch on constant bits of a variable teaches those bits' value
// (might_sleep_if(!(rpmflags & RPM_ASYNC)) in __pm_runtime_idle()), apart
// from the variable's; a write to the variable forgets both. ArgsAllow
// then tells which constant arguments reach the point.
func TestBitsOfParameters(t *testing.T) {
	src := `
void f(int flags)
{
	if (!(flags & 0x1))
		probe();
	if ((flags & (0x2 | 0x4)) == 0x0)
		probe();
}

void g(int flags)
{
	if (flags & 0x8) {
		flags = 0;
		probe();
	}
}
`
	states := append(at(t, src, "f"), at(t, src, "g")...)
	u, err := cparse.ParseSource(&kbuild.Unit{File: "df.c", Stubs: true}, []byte(decls+src))
	if err != nil {
		t.Fatal(err)
	}
	var f *cparse.Func
	for _, fn := range u.Funcs {
		if fn.Name == "f" {
			f = fn
		}
	}
	for i, c := range []struct {
		key   string
		class dataflow.Class
		allow map[string]bool // an argument's value: reaches the point
	}{
		{dataflow.MaskKey("flags", 1), dataflow.Zero, map[string]bool{"0x4": true, "0x5": false, "0": true, "flags": true}},
		{dataflow.MaskKey("flags", 6), dataflow.Zero, map[string]bool{"0x1": true, "0x5": false, "0x2": false}},
		{"", 0, nil},
	} {
		s := states[i]
		if c.key != "" {
			if got, ok := s.Values.Of(c.key); !ok || got != c.class {
				t.Errorf("probe %d: %s = %v (known %v), want %v; values %v", i, c.key, got, ok, c.class, s.Values)
			}
		} else if want := (dataflow.ValueMap{{Key: "flags", Class: dataflow.Zero}, {Key: dataflow.MaskKey("flags", 8), Class: dataflow.Zero}}); !s.Values.Equal(want) {
			// What was learnt of the bits is forgotten; what the
			// constant stored says of those tested is known.
			t.Errorf("probe %d: after the write, values %v, want %v", i, s.Values, want)
		}
		if c.key == "" {
			continue
		}
		for arg, want := range c.allow {
			if got := dataflow.ArgsAllow(f, s.Values, []string{arg}, nil); got != want {
				t.Errorf("probe %d: ArgsAllow(%s) = %v, want %v", i, arg, got, want)
			}
		}
	}
	// Values, when given, are what the bits are read from.
	if dataflow.ArgsAllow(f, states[0].Values, []string{"A | B"}, []string{"0x3"}) {
		t.Error("ArgsAllow ignores the argument's value")
	}
	if key, mask, ok := dataflow.SplitMaskKey(dataflow.MaskKey("dev->power.flags", 0x30)); !ok || key != "dev->power.flags" || mask != 0x30 {
		t.Errorf("SplitMaskKey(MaskKey) = %q %#x %v", key, mask, ok)
	}
}

// The PREEMPT_RT view of the context: a spinlock_t protects on a classic
// kernel only, its _irq form leaves interrupts on there; a raw spinlock,
// the preempt count and local_irq_*() protect on both; joins keep what
// holds on every path.
func TestRTView(t *testing.T) {
	src := `
typedef struct { int x; } raw_spinlock_t;
void raw_spin_lock(raw_spinlock_t *); void raw_spin_unlock(raw_spinlock_t *);
void spin_lock_irq(spinlock_t *); void spin_unlock_irq(spinlock_t *);
void local_irq_disable(void); void local_irq_enable(void);
raw_spinlock_t r;
void f(int x)
{
	spin_lock(&l); probe(); spin_unlock(&l);
	spin_lock_irq(&l); probe(); spin_unlock_irq(&l);
	raw_spin_lock(&r); probe(); raw_spin_unlock(&r);
	local_irq_disable(); probe(); local_irq_enable();
	preempt_disable(); probe(); preempt_enable();
	if (x) raw_spin_lock(&r); else { local_irq_disable(); raw_spin_lock(&r); }
	probe();
	raw_spin_unlock(&r);
	if (x) raw_spin_lock(&r); else spin_lock(&l);
	probe();
}`
	s := at(t, src, "f")
	for i, c := range []struct {
		protected, atomicOnRT, irqOff, rawIRQOff bool
	}{
		{true, false, false, false}, // spin_lock
		{true, false, true, false},  // spin_lock_irq
		{true, true, false, false},  // raw_spin_lock
		{true, true, true, true},    // local_irq_disable
		{true, true, false, false},  // preempt_disable
		{true, true, false, false},  // raw lock on one path, preempt count on the other
		{true, false, false, false}, // raw lock, or a spinlock_t: each protects on a classic kernel (Covered)
	} {
		got := s[i]
		if got.Protected() != c.protected || got.AtomicOnRT() != c.atomicOnRT || got.IRQ.Off() != c.irqOff || got.RawIRQ.Off() != c.rawIRQOff {
			t.Errorf("probe %d: protected %v, atomic on RT %v, irqs off %v (on RT %v); want %+v",
				i, got.Protected(), got.AtomicOnRT(), got.IRQ.Off(), got.RawIRQ.Off(), c)
		}
	}
}

// A recursive function that passes a member of its argument to itself
// and the argument to code no unit shows (drivers/acpi/acpica/exfldio.c,
// acpi_ex_field_datum_io() with obj_desc->bank_field.bank_obj) would add
// a member step to its unseen objects in every round of its component:
// they stop at a depth no lock lies at.
func TestUnseenObjectsBounded(t *testing.T) {
	src := `union obj { struct { union obj *bank_obj; union obj *index_obj; } bank_field; int type; };
		void acpi_ut_opaque(union obj *o);
		int field_io(union obj *o, int n) {
			if (n > 1)
				return field_io(o->bank_field.bank_obj, n - 1);
			if (n > 0)
				return field_io(o->bank_field.index_obj, n - 1);
			acpi_ut_opaque(o);
			return 0;
		}`
	u, err := cparse.ParseSource(&kbuild.Unit{File: "df.c", Stubs: true}, []byte(decls+src))
	if err != nil {
		t.Fatal(err)
	}
	sum := dataflow.AnalyzeUnit(u).Summaries["field_io"]
	if sum == nil || !slices.Contains(sum.Unseen, "o") {
		t.Fatalf("field_io() passes o to unseen code: summary %+v", sum)
	}
	for _, k := range sum.Unseen {
		if n := len(cparse.ParsePath(k).Steps); n > 6 {
			t.Errorf("unseen object %s: %d member steps", k, n)
		}
	}
	if len(sum.Unseen) > 2<<6 {
		t.Errorf("%d unseen objects", len(sum.Unseen))
	}
}

// Enabling bottom halves the function did not disable gives up its
// caller's (Drops.BH); disabling them again takes that back; in a loop
// that enables, sleeps and disables again, the enabling drops them on
// every turn; the function's own disable and enable drop nothing.
func TestBottomHalvesDropped(t *testing.T) {
	s := at(t, `void local_bh_disable(void); void local_bh_enable(void);
void f(int n)
{
	local_bh_enable();
	probe();
	local_bh_disable();
	probe();
	while (n--) {
		local_bh_enable();
		probe();
		local_bh_disable();
	}
	local_bh_disable();
	local_bh_enable();
	probe();
}`, "f")
	for i, want := range []int8{1, 0, 1, 0} {
		if got := s[i].Drops().BH; got != want {
			t.Errorf("probe %d: drops %d bottom-half disables, want %d", i, got, want)
		}
	}
	if d := (dataflow.Drops{Locks: []string{"a"}, BH: 1}).Then(dataflow.Drops{Locks: []string{"b"}, Preempt: 1, BH: 1, IRQOn: true}); !slices.Equal(d.Locks, []string{"a", "b"}) || d.Preempt != 1 || d.BH != 2 || !d.IRQOn || d.FPU {
		t.Errorf("Then = %+v", d)
	}
}

// A protection taken on one side of a branch on a variable is pending on
// that variable's value after the join: the task pinned iff !x, and
// interrupts disabled iff y; a later branch on the variable decides it.
func TestProtectionDecidedByAValue(t *testing.T) {
	s := at(t, `void cant_migrate(void);
void f(int x, int y)
{
	unsigned long flags;

	if (!x)
		cant_migrate();
	if (y)
		local_irq_save(flags);
	probe();
	if (!x)
		probe();
}`, "f")
	got := s[0].ProtectedWhen()
	want := []dataflow.Value{{Key: "x", Class: dataflow.Zero}, {Key: "y", Class: dataflow.NonZero}}
	if !slices.Equal(got, want) || s[0].Protected() {
		t.Errorf("after the branches: protected when %v (protected %v), want %v", got, s[0].Protected(), want)
	}
	if !s[1].Pinned {
		t.Errorf("under if (!x) again: not pinned")
	}
}

// A helper that returns with interrupts disabled for some values only
// (try_to_grab_pending(): >= 0) disables them for its caller on the
// branch where its value says so, kept in a variable or tested directly.
func TestCondIRQOffSummary(t *testing.T) {
	src := `static int grab(unsigned long *flags, int x)
		{
			local_irq_save(*flags);
			if (x)
				return 1;
			local_irq_restore(*flags);
			return -11;
		}
		void f(int x)
		{
			unsigned long flags;
			int ret = grab(&flags, x);

			probe();
			if (ret >= 0)
				probe();
			if (grab(&flags, x) < 0)
				return;
			probe();
		}`
	s := at(t, src, "f")
	if s[0].IRQ.Off() || s[0].Protected() {
		t.Errorf("before the branch: irq %v, protected %v", s[0].IRQ, s[0].Protected())
	}
	for i := 1; i <= 2; i++ {
		if !s[i].IRQ.Off() || !s[i].Protected() {
			t.Errorf("probe %d, where the value says so: irq %v", i, s[i].IRQ)
		}
	}
}

// A helper that returns inside an FPU section it began, or ends its
// caller's (Summary.FPU): the caller is inside the section between them,
// and protected there.
func TestFPUSummary(t *testing.T) {
	src := `static void begin(void) { kernel_fpu_begin(); }
		static void end(void) { kernel_fpu_end(); }
		static void maybe(int x) { if (x) kernel_fpu_begin(); }
		void f(int x)
		{
			begin();
			probe();
			end();
			probe();
			maybe(x);
			probe();
		}`
	s := at(t, src, "f")
	if s[0].FPU != (dataflow.Range{Lo: 1, Hi: 1}) || !s[0].Protected() {
		t.Errorf("after the opening helper: FPU %v, protected %v", s[0].FPU, s[0].Protected())
	}
	if s[1].FPU != (dataflow.Range{}) {
		t.Errorf("after the closing helper: FPU %v", s[1].FPU)
	}
	if s[2].FPU != (dataflow.Range{}) {
		t.Errorf("after a helper that opens a section on some paths only: FPU %v, want none (no summary)", s[2].FPU)
	}
}

// A callee that releases its caller's lock on the returns its value tells
// apart (Summary.CondReleases): the caller holds the lock on the branch
// of the other values, whether it keeps the value or tests the call, and
// not on the branch of those.
func TestCondReleasesSummary(t *testing.T) {
	src := `static spinlock_t qlock;
		static int backlog(int x)
		{
			if (x) {
				spin_unlock(&qlock);
				return 1;
			}
			return 0;
		}
		void f(int x)
		{
			int ret;

			spin_lock(&qlock);
			ret = backlog(x);
			if (ret) {
				probe();
				return;
			}
			probe();
			if (backlog(x)) {
				probe();
				return;
			}
			probe();
			spin_unlock(&qlock);
		}`
	s := at(t, src, "f")
	for i, want := range []bool{false, true, false, true} {
		if _, held := s[i].Lock("qlock"); held != want {
			t.Errorf("probe %d: qlock held %v, want %v", i, held, want)
		}
	}
}

// A function that returns bits of a member as it read them, or false,
// says so (Summary.ReturnsBits), with an enumerator's value as the mask;
// one that returns anything else on some way out does not.
func TestReturnsBits(t *testing.T) {
	src := `enum { CHIP_NMI = (1 << 8) };
		struct chip { unsigned long flags; void *parent; };
		struct desc { struct chip *chip; };
		_Bool nmi(struct desc *d) { if (d->chip->parent) return 0; return d->chip->flags & CHIP_NMI; }
		_Bool nmi2(struct desc *d) { return !!(d->chip->flags & 4); }
		_Bool mixed(struct desc *d, _Bool x) { if (x) return x; return d->chip->flags & CHIP_NMI; }
		_Bool two(struct desc *d) { if (d->chip->parent) return d->chip->flags & 4; return d->chip->flags & CHIP_NMI; }`
	u, err := cparse.ParseSource(&kbuild.Unit{File: "df.c", Stubs: true}, []byte(decls+src))
	if err != nil {
		t.Fatal(err)
	}
	sums := dataflow.AnalyzeUnit(u).Summaries
	for fn, want := range map[string]uint64{"nmi": 1 << 8, "nmi2": 4, "mixed": 0, "two": 0} {
		var got *dataflow.MemberMask
		if sum := sums[fn]; sum != nil {
			got = sum.ReturnsBits
		}
		switch {
		case want == 0 && got != nil:
			t.Errorf("%s returns other values too: ReturnsBits %+v", fn, *got)
		case want != 0 && (got == nil || got.Tag != "chip" || got.Field != "flags" || got.Mask != want):
			t.Errorf("%s: ReturnsBits %+v, want chip.flags & %#x", fn, got, want)
		}
		// The same bits as a location of the parameter.
		wantKey := ""
		if want != 0 {
			wantKey = dataflow.MaskKey("d->chip->flags", want)
		}
		if sum := sums[fn]; sum != nil && sum.ReturnsParamBits != wantKey || sum == nil && wantKey != "" {
			t.Errorf("%s: ReturnsParamBits %q, want %q", fn, sum.ReturnsParamBits, wantKey)
		}
	}
}

// Bits a constant stored in a local sets or clears are known where a
// branch tests them, and two tests of the same bits of a snapshot
// (kapi.Snapshot), one through a helper that returns them, agree: a
// block reached only where they disagree is dead for every kind of the
// bits (arch/x86/mm/fault.c do_user_addr_fault()). Bits of another
// struct's member may change between tests (a flag tested again after a
// wait), and are not followed.
func TestDeadForEveryKind(t *testing.T) {
	src := `void oops(void); int fault(unsigned int f);
		struct pt_regs { unsigned long cs; };
		struct sock { unsigned long flags; };
		int user_mode(struct pt_regs *regs) { return !!(regs->cs & 3); }
		void do_fault(struct pt_regs *regs, int code) {
			unsigned int flags = 0x2;
			if (code & 1) flags |= 0x1;
			if (user_mode(regs)) flags |= 0x40;
			if (!(flags & 0x40)) return;
			if (fault(flags)) { if (!user_mode(regs)) oops(); return; }
		}
		int sk_user(struct sock *sk) { return !!(sk->flags & 3); }
		void do_sock(struct sock *sk) {
			unsigned int flags = 0x2;
			if (sk_user(sk)) flags |= 0x40;
			if (!(flags & 0x40)) return;
			if (fault(flags)) { if (!sk_user(sk)) oops(); return; }
		}`
	u, err := cparse.ParseSource(&kbuild.Unit{File: "df.c", Stubs: true}, []byte(decls+src))
	if err != nil {
		t.Fatal(err)
	}
	du := dataflow.AnalyzeUnit(u)
	for i, f := range u.Funcs {
		want, ok := map[string]bool{"do_fault": true, "do_sock": false}[f.Name]
		if !ok {
			continue
		}
		fr := du.Funcs[i]
		dead := fr.DeadWhen().Dead
		found := false
		fr.Graph.Events(func(b *cfg.Block, e *cfg.Event) {
			if e.Kind == cfg.Call && e.API != nil && e.API.Name == "oops" {
				found = true
				if got := dead != nil && dead[b.Index]; got != want {
					t.Errorf("%s: oops() dead %v, want %v", f.Name, got, want)
				}
			}
		})
		if !found {
			t.Errorf("%s: no call of oops()", f.Name)
		}
	}
}

// A block reached only for some kinds of a parameter, as a local the
// parameter's branches set tells (usb_set_device_state()'s wakeup), has
// the others ruled out (Func.DeadWhen); a function with no branch on a
// local is not analysed again.
func TestDeadWhen(t *testing.T) {
	src := `void wake(int w); void mark(void);
		void set_state(int *dev, int state) {
			int wakeup = -1;
			if (state != 0) { if (*dev) wakeup = 1; else wakeup = 0; } else mark();
			if (wakeup >= 0) wake(wakeup);
		}
		void plain(int *dev, int state) { if (state) wake(1); mark(); }`
	u, err := cparse.ParseSource(&kbuild.Unit{File: "df.c", Stubs: true}, []byte(decls+src))
	if err != nil {
		t.Fatal(err)
	}
	du := dataflow.AnalyzeRelative(u)
	for i, f := range u.Funcs {
		fr := du.Funcs[i]
		dead := fr.DeadWhen().When
		var got []string
		fr.Graph.Events(func(b *cfg.Block, e *cfg.Event) {
			if e.Kind == cfg.Call && e.API != nil && dead != nil {
				for _, v := range dead[b.Index] {
					got = append(got, fmt.Sprintf("%s: %s %v", e.API.Name, v.Key, v.Class))
				}
			}
		})
		want := map[string][]string{"set_state": {"mark: state " + dataflow.Zero.String(), "wake: state " + dataflow.NonZero.String()}, "plain": nil}[f.Name]
		if !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", f.Name, got, want)
		}
	}
}

// Bits a function or's into a copy of what a pointer parameter points
// to and stores back before it returns true are its Summary.OutBits;
// not where the copy is assigned again, where the or is on some paths
// only, or where the store does not come before every return of true.
func TestOutBits(t *testing.T) {
	src := `
		_Bool valid(unsigned int *fp, unsigned int set, int *locked)
		{
			unsigned int f = *fp;
			if (f & 1)
				return 0;
			f |= set;
			if (locked)
				f |= 0x100;
			*fp = f;
			return 1;
		}
		_Bool konst(unsigned int *fp) { unsigned int f = *fp; f |= 0x40; *fp = f; return 1; }
		_Bool reset(unsigned int *fp, unsigned int set) { unsigned int f = *fp; f |= set; f = 0; *fp = f; return 1; }
		_Bool some(unsigned int *fp, unsigned int set, int c) { unsigned int f = *fp; if (c) f |= set; *fp = f; return 1; }
		_Bool early(unsigned int *fp, unsigned int set, int c) { unsigned int f = *fp; f |= set; if (c) return 1; *fp = f; return 1; }`
	u, err := cparse.ParseSource(&kbuild.Unit{File: "df.c", Stubs: true}, []byte(decls+src))
	if err != nil {
		t.Fatal(err)
	}
	sums := dataflow.AnalyzeUnit(u).Summaries
	for fn, want := range map[string][]dataflow.OutBits{
		"valid": {{Param: 1, FromParam: 2}}, "konst": {{Param: 1, Bits: 0x40}},
		"reset": nil, "some": nil, "early": nil,
	} {
		if got := sums[fn].OutBits; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: OutBits %+v, want %+v", fn, got, want)
		}
	}
}

// A member stored with, or compared with, a named object's address is
// known to point to it (an EqKey) until the member or the object is
// written again; a function that leaves members of its parameter's
// object pointing to objects on every return says so in its
// Summary.PointsTo, and its callers know them past the call.
func TestPointsToObject(t *testing.T) {
	src := `
		struct it { char *buf; int n; };
		static char static_buf[16];
		static char other_buf[16];
		char *shared;
		void init(struct it *i) { i->n = 0; i->buf = static_buf; }
		void some(struct it *i, int c) { if (c) i->buf = static_buf; }
		void moved(struct it *i) { i->buf = static_buf; i = 0; }
		void f(struct it *i, char *p)
		{
			i->buf = static_buf;
			probe();
			i->buf = p;
			probe();
			if (i->buf != other_buf)
				return;
			probe();
			shared = static_buf;
			if (i->buf == shared) {
				shared = p;
				probe();
			}
		}
		void g(void)
		{
			struct it it;
			init(&it);
			probe();
		}`
	eq := func(s dataflow.State, loc, obj string) (dataflow.Class, bool) {
		return s.Values.Of(dataflow.EqKey(loc, obj))
	}
	s := at(t, src, "f")
	if c, ok := eq(s[0], "i->buf", "static_buf"); !ok || c != dataflow.NonZero {
		t.Errorf("after the store: %v %v, want known nonzero", c, ok)
	}
	if _, ok := eq(s[1], "i->buf", "static_buf"); ok {
		t.Errorf("after another store: still known")
	}
	if c, ok := eq(s[2], "i->buf", "other_buf"); !ok || c != dataflow.NonZero {
		t.Errorf("past the comparison: %v %v, want known nonzero", c, ok)
	}
	if _, ok := eq(s[3], "i->buf", "shared"); ok {
		t.Errorf("after the global pointer is written: still known")
	}
	if c, ok := eq(at(t, src, "g")[0], "it.buf", "static_buf"); !ok || c != dataflow.NonZero {
		t.Errorf("past init(&it): %v %v, want known nonzero", c, ok)
	}
	u, err := cparse.ParseSource(&kbuild.Unit{File: "df.c", Stubs: true}, []byte(decls+src))
	if err != nil {
		t.Fatal(err)
	}
	sums := dataflow.AnalyzeUnit(u).Summaries
	for fn, want := range map[string][]string{
		"init": {dataflow.EqKey("i->buf", "static_buf")}, "some": nil, "moved": nil,
	} {
		if got := sums[fn].PointsTo; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: PointsTo %q, want %q", fn, got, want)
		}
	}
}

// A helper whose value, read as a condition, tells bits of a snapshot
// only where it is 0 says so (Summary.IfZero: any_64bit_mode() is 0 only
// for a user-mode snapshot), and a caller past a test of it knows them;
// past a WARN_ON() statement its condition is taken as false, the path
// where it held being one the kernel reports (a location, or a helper's
// bits: exc_machine_check_kernel()'s WARN_ON_ONCE(user_mode(regs))).
// Bits of a live object's member are not followed, and WARN_ON() tested
// as a condition is a branch, as any.
func TestValueImplications(t *testing.T) {
	src := `
		struct pt_regs { unsigned long cs; };
		struct sock { unsigned long flags; };
		struct ctx { void *dev; };
		int user_mode(struct pt_regs *regs) { return !!(regs->cs & 3); }
		int user_64bit_mode(struct pt_regs *regs) { return regs->cs == 0x33; }
		int any_64bit_mode(struct pt_regs *regs) { return !user_mode(regs) || user_64bit_mode(regs); }
		int sk_user(struct sock *sk) { return !!(sk->flags & 3); }
		int sk_any(struct sock *sk) { return !sk_user(sk) || sk->flags == 7; }
		void seg(struct pt_regs *regs) { if (any_64bit_mode(regs)) return; probe(); }
		void kern(struct pt_regs *regs) { WARN_ON_ONCE(user_mode(regs)); probe(); }
		void warned(struct ctx *c) { WARN_ON(!c->dev); probe(); }
		int tested(struct ctx *c) { if (WARN_ON(!c->dev)) return 1; probe(); return 0; }`
	u, err := cparse.ParseSource(&kbuild.Unit{File: "df.c"}, []byte(decls+"#define WARN_ON(x) ({ int __r = !!(x); __r; })\n#define WARN_ON_ONCE(x) WARN_ON(x)\n"+src))
	if err != nil {
		t.Fatal(err)
	}
	du := dataflow.AnalyzeUnit(u)
	user := dataflow.MaskKey("regs->cs", 3)
	if got, want := du.Summaries["any_64bit_mode"].IfZero, []dataflow.Value{{Key: user, Class: dataflow.NonZero}}; !reflect.DeepEqual(got, want) {
		t.Errorf("any_64bit_mode: IfZero %v, want %v", got, want)
	}
	if got := du.Summaries["sk_any"].IfZero; got != nil {
		t.Errorf("sk_any: IfZero %v of a live object's bits, want none", got)
	}
	for fn, want := range map[string]dataflow.Value{
		"seg":    {Key: user, Class: dataflow.NonZero},
		"kern":   {Key: user, Class: dataflow.Zero},
		"warned": {Key: "c->dev", Class: dataflow.NonZero},
		"tested": {Key: "c->dev", Class: dataflow.NonZero},
	} {
		for i, f := range u.Funcs {
			if f.Name != fn {
				continue
			}
			du.Funcs[i].Walk(func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
				if e.Callee() == "probe" {
					if c, ok := before.Values.Of(want.Key); !ok || c != want.Class {
						t.Errorf("%s: %s is %v (known %v), want %v", fn, want.Key, c, ok, want.Class)
					}
				}
			})
		}
	}
}

// An accessor's summary gives the path every return reads
// (Summary.ReturnsPath); not where the returns disagree, the parameter is
// assigned, or the value is not a member path.
func TestReturnsPath(t *testing.T) {
	src := `
		struct q { int x; };
		struct b { struct q *queue; struct q *other; struct b *next; };
		struct q *get_queue(struct b *b) { return b->queue; }
		struct q *get_next_queue(struct b *b) { return b->next->queue; }
		struct q *either(struct b *b, int c) { if (c) return b->queue; return b->other; }
		struct q *moved(struct b *b) { b = b->next; return b->queue; }
		struct b *self(struct b *b) { return b; }`
	u, err := cparse.ParseSource(&kbuild.Unit{File: "df.c", Stubs: true}, []byte(decls+src))
	if err != nil {
		t.Fatal(err)
	}
	sums := dataflow.AnalyzeUnit(u).Summaries
	for fn, want := range map[string]string{
		"get_queue": "b->queue", "get_next_queue": "b->next->queue", "either": "", "moved": "", "self": "",
	} {
		if got := sums[fn].ReturnsPath; got != want {
			t.Errorf("%s: ReturnsPath %q, want %q", fn, got, want)
		}
	}
}

// A caller's lock released on the ways out where a parameter, never
// assigned, is 0 (or is not), and kept or taken back on the others:
// released for a caller that passes such a constant, and only for it
// (drivers/md/md.c stop_sync_thread(mddev, locked)).
func TestReleasesIf(t *testing.T) {
	src := `
		struct md { int m; int busy; };
		void wait_idle(struct md *md);
		void stop_sync(struct md *md, int locked)
		{
			if (!md->busy) {
				if (!locked)
					mutex_unlock(&md->m);
				return;
			}
			mutex_unlock(&md->m);
			wait_idle(md);
			if (locked)
				mutex_lock(&md->m);
		}
		void assigned(struct md *md, int locked)
		{
			locked = md->busy;
			if (!locked)
				mutex_unlock(&md->m);
		}
		void always(struct md *md, int locked)
		{
			mutex_unlock(&md->m);
			if (locked)
				wait_idle(md);
		}`
	u, err := cparse.ParseSource(&kbuild.Unit{File: "df.c", Stubs: true}, []byte(decls+src))
	if err != nil {
		t.Fatal(err)
	}
	sums := dataflow.AnalyzeUnit(u).Summaries
	want := []dataflow.ParamRelease{{Key: "md->m", Param: 2, When: dataflow.Zero}}
	if got := sums["stop_sync"].ReleasesIf; !reflect.DeepEqual(got, want) {
		t.Errorf("stop_sync: ReleasesIf %+v, want %+v", got, want)
	}
	for _, fn := range []string{"assigned", "always"} {
		if got := sums[fn].ReleasesIf; len(got) > 0 {
			t.Errorf("%s: ReleasesIf %+v, want none", fn, got)
		}
	}
	sum := sums["stop_sync"]
	for args, released := range map[[2]string]bool{
		{"md", "false"}: true, {"md", "0"}: true, {"md", "true"}: false, {"md", "1"}: false, {"md", "locked"}: false,
	} {
		if got := slices.Contains(sum.At(args[:]).Releases, "md->m"); got != released {
			t.Errorf("stop_sync(%s, %s) releases md->m: %v, want %v", args[0], args[1], got, released)
		}
	}
	if len(sum.Releases) > 0 {
		t.Errorf("At changed the summary itself: %v", sum.Releases)
	}
}

// A lock of the object a local points to, named through the one member
// of a parameter's object the function stores the local into.
func TestNamedForCallers(t *testing.T) {
	src := `
		struct obj { int lock; };
		struct ctx { struct obj *cur; struct obj *old; };
		struct obj *get(void);
		void stored(struct ctx *c) { struct obj *o = get(); mutex_lock(&o->lock); c->cur = o; }
		void twice(struct ctx *c) { struct obj *o = get(); mutex_lock(&o->lock); c->cur = o; c->old = o; }
		void moved(struct ctx *c) { struct obj *o = get(); o = get(); mutex_lock(&o->lock); c->cur = o; }
		void kept(struct ctx *c) { struct obj *o = get(); mutex_lock(&o->lock); }`
	u, err := cparse.ParseSource(&kbuild.Unit{File: "df.c", Stubs: true}, []byte(decls+src))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"stored": "c->cur->lock", "twice": "o->lock", "moved": "o->lock", "kept": "o->lock"}
	for _, fr := range dataflow.AnalyzeUnit(u).Funcs {
		name := fr.Graph.Func.Name
		if w, ok := want[name]; ok {
			if got := fr.NamedForCallers("o->lock"); got != w {
				t.Errorf("%s: NamedForCallers(o->lock) = %q, want %q", name, got, w)
			}
			delete(want, name)
		}
	}
	if len(want) > 0 {
		t.Errorf("functions not analysed: %v", want)
	}
	for _, fr := range dataflow.AnalyzeUnit(u).Funcs {
		if fr.Graph.Func.Name == "stored" {
			if got := fr.NamedForCallers("c->old->lock"); got != "c->old->lock" {
				t.Errorf("a parameter's key renamed: %q", got)
			}
		}
	}
}

// An out-parameter's pointee (*p) is a location: a test of it teaches its
// kind, a store through it forgets what the test taught, and PTR_ERR()
// of an ERR_PTR() is an errno.
func TestPointeeValues(t *testing.T) {
	src := `
		long IS_ERR(const void *p); long PTR_ERR(const void *p);
		void *get(void);
		void tested(void **p) {
			*p = get();
			if (IS_ERR(*p))
				probe();
		}
		void stored(void **p) {
			*p = get();
			if (IS_ERR(*p)) {
				*p = 0;
				probe();
			}
		}`
	s := append(at(t, src, "tested"), at(t, src, "stored")...)
	if c, ok := s[0].Values.Of("*p"); !ok || c&^(dataflow.ErrPtr|dataflow.Neg) != 0 {
		t.Errorf("*p under IS_ERR(*p): %v %v, want an ERR_PTR", c, ok)
	}
	if c, ok := s[1].Values.Of("*p"); !ok || c != dataflow.Zero {
		t.Errorf("*p after *p = 0: %v %v, want 0", c, ok)
	}
	deref := &cparse.Expr{Kind: cparse.Unary, Op: "*", X: &cparse.Expr{Kind: cparse.Ident, Name: "p", Ref: &cparse.Var{Name: "p"}}}
	ptrErr := &cparse.Expr{Kind: cparse.Call, API: &cparse.APIUse{Name: "PTR_ERR"}, Args: []*cparse.Expr{deref}}
	for _, c := range []struct {
		x          *cparse.Expr
		at         int
		want       dataflow.Class
		what, when string
	}{
		{deref, 0, dataflow.ErrPtr | dataflow.Neg, "*p", "under IS_ERR(*p)"},
		{ptrErr, 0, dataflow.Neg, "PTR_ERR(*p)", "under IS_ERR(*p)"},
		{ptrErr, 1, dataflow.Any, "PTR_ERR(*p)", "after *p = 0"},
	} {
		if got := dataflow.ClassOf(c.x, &s[c.at]); got != c.want {
			t.Errorf("ClassOf(%s) %s = %v, want %v", c.what, c.when, got, c.want)
		}
	}
}
