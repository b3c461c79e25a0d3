package cparse

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/kbuild"
)

// parseStandalone parses src as a file outside a kernel tree, against
// the stub headers.
func parseStandalone(t *testing.T, src string) *Unit {
	t.Helper()
	u, err := ParseSource(kbuild.Standalone("s.c"), []byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return u
}

func storeStrings(u *Unit) []string {
	var out []string
	for _, s := range u.Stores {
		out = append(out, fmt.Sprintf("%s:%s.%s@%s", s.Func, s.Tag, s.Field, s.Var))
	}
	return out
}

func checkStores(t *testing.T, u *Unit, want []string) {
	t.Helper()
	got := storeStrings(u)
	if !slices.Equal(got, want) {
		t.Errorf("stores:\n got  %s\n want %s", strings.Join(got, " "), strings.Join(want, " "))
	}
}

func TestStoresInitializers(t *testing.T) {
	u := parseStandalone(t, `
#include <linux/init.h>
struct pmu { int (*add)(int); void (*del)(int); int x; };
struct ops { void (*cb)(void); };
struct outer {
	struct ops ops;
	struct { void (*a)(void); union { int u; void (*b)(void); }; };
	struct { void (*c)(void); } inner;
	int n;
};
struct x { void (*fn)(void); };
struct tab { void (*fns[4])(void); };
typedef struct { void (*go)(void); } bar_t;
typedef struct pmu pmu_t;
static int foo_add(int);
static void foo_del(int v) { }
static void f(void) { }
static void g(void) { }
static int notfunc;
static int setup_fn(char *s) { return 0; }

static struct pmu p = { .add = foo_add, .del = &foo_del };
static struct outer o1 = { .ops.cb = f, .inner.c = g };
static struct outer o2 = { .ops = { .cb = g }, .a = f, .b = (void (*)(void))g };
static struct x arr[] = { { .fn = f }, { g }, [5] = { .fn = 0 ? f : g } };
static struct pmu pos = { foo_add, foo_del, 3 };
static const bar_t bb = { .go = f };
static pmu_t pt = { .add = foo_add };
static struct outer o3 = { { f }, g, 7, { g } };
static struct tab tb = { .fns = { f, g } };
static struct x nf = { .fn = (void *)&notfunc };
static void (*plain[])(void) = { f, g };
struct holder { struct x *xp; const struct pmu *pp; };
static struct holder h = { .xp = &(struct x){ .fn = f }, .pp = &(const struct pmu){ foo_add } };
static struct x *xptr = &(struct x){ g };
typedef void (*cb_t)(void);
struct y { int n; cb_t cb; };
static struct y yy = { 1, f };
__setup("x=", setup_fn);

void in_function(void)
{
	struct pmu lp = { .del = foo_del };
	struct x *xp = &(struct x){ .fn = g };
	yy.cb = g;
	(void)lp; (void)xp;
}
`)
	checkStores(t, u, []string{
		"foo_add:pmu.add@p", "foo_del:pmu.del@p",
		"f:ops.cb@o1", "g:outer.inner.c@o1", // the anonymous struct of a named member has no tag
		"g:ops.cb@o2", "f:outer.a@o2", "g:outer.b@o2",
		"f:x.fn@arr", "g:x.fn@arr", "f:x.fn@arr", "g:x.fn@arr",
		"foo_add:pmu.add@pos", "foo_del:pmu.del@pos",
		"f:bar_t.go@bb",
		"foo_add:pmu.add@pt",
		"f:ops.cb@o3", "g:outer.a@o3", "g:outer.inner.c@o3", // brace elision enters the anonymous struct and union
		"f:tab.fns@tb", "g:tab.fns@tb",
		"f:x.fn@", "foo_add:pmu.add@", "g:x.fn@", "f:y.cb@yy",
		"setup_fn:obs_kernel_param.setup_func@__kp_setup_setup_fn",
		"foo_del:pmu.del@lp", "g:x.fn@", "g:y.cb@yy",
	})
	for _, s := range u.Stores {
		if s.Func == "foo_add" && s.Var == "p" && s.Pos.String() != "s.c:22:32" {
			t.Errorf("store position %s, want s.c:22:32", s.Pos)
		}
	}
}

func TestStoresAssignments(t *testing.T) {
	u := parseStandalone(t, `
struct inner { void (*cb)(int); };
struct ops { void (*add)(void); struct inner *in; void (*fns[2])(void); };
struct b { void (*cb)(int); };
struct a { struct b *b; };
struct holder { struct a a; struct a *ap[2]; };
typedef struct holder holder_t;
void foo_add(void);
static void fn(int x) { }
struct ops global_ops;
static struct ops *get_ops(void);

void setup(struct ops *ops, holder_t *x, void *w)
{
	struct ops p;
	void (*local)(int) = fn;
	ops->add = foo_add;
	p.add = &foo_add;
	x->a.b->cb = fn;
	x->ap[1]->b->cb = fn;
	global_ops.in->cb = fn;
	get_ops()->add = foo_add;
	((struct inner *)w)->cb = fn;
	ops->fns[1] = foo_add;
	ops->add = (void (*)(void))foo_add;
	x->a.b->cb = local;
	((struct unknown *)w)->cb = fn;
	for (struct holder *h = x; h; h = 0)
		h->a.b->cb = x ? fn : 0;
	{
		int foo_add = 0;
		((struct ops *)w)->add = (void *)foo_add;
	}
}
`)
	checkStores(t, u, []string{
		"foo_add:ops.add@ops", "foo_add:ops.add@p", "fn:b.cb@x", "fn:b.cb@x", "fn:inner.cb@global_ops",
		"foo_add:ops.add@", "fn:inner.cb@w", "foo_add:ops.fns@ops", "foo_add:ops.add@ops",
		"fn:unknown.cb@w", "fn:b.cb@h",
	})
}

func TestIndirectCalls(t *testing.T) {
	u := parseStandalone(t, `
#include <linux/container_of.h>
#include <linux/compiler.h>
#define __unqual_scalar_typeof(x) __typeof__(_Generic((x), char: (char)0, long: (long)0, default: (x)))
#define KREAD_ONCE(x) (*(const volatile __unqual_scalar_typeof(x) *)&(x))
#define kcontainer_of_const(ptr, type, member) _Generic(ptr, \
	const __typeof__(*(ptr)) *: ((const type *)container_of(ptr, type, member)), \
	default: ((type *)container_of(ptr, type, member)))
struct net_device;
struct net_device_ops { int (*ndo_open)(struct net_device *); };
struct net_device { const struct net_device_ops *netdev_ops; };
struct ops { int (*add)(int); struct ops *(*next)(void); int (*fns[2])(int); };
struct work { int pending; };
struct foo { struct work work; void (*fn)(void); struct ops ops; };
struct wrap { union { struct ops *uops; long raw; }; };
typedef struct { void (*go)(void); } bar_t;
typedef struct foo foo_t;
static struct ops *get_ops(void);
extern struct net_device *devs[4];

int run(struct ops *ops, struct net_device *dev, struct work *w, foo_t **pp, struct wrap *wr, void *v)
{
	struct { void (*z)(void); } anon;
	bar_t *b = v;
	__auto_type o2 = ops;
	__typeof__(*pp) t = *pp;
	ops->add(1);
	dev->netdev_ops->ndo_open(dev);
	(*ops->add)(2);
	container_of(w, struct foo, work)->fn();
	anon.z();
	b->go();
	get_ops()->add(3);
	ops->next()->add(4);
	(*pp)->ops.add(5);
	pp[0]->fn();
	wr->uops->add(6);
	o2->add(7);
	t->fn();
	devs[1]->netdev_ops->ndo_open(dev);
	((struct ops *)v)->add(8);
	READ_ONCE(ops)->add(9);
	KREAD_ONCE(dev->netdev_ops)->ndo_open(dev);
	kcontainer_of_const(w, struct foo, work)->ops.add(10);
	ops->fns[1](11);
	(*ops->fns[0])(12);
	mystery->x();
	return 0;
}
`)
	f := fn(t, u, "run")
	var got []string
	WalkExprs(f.Body, func(e *Expr) {
		if e.Kind != Call || e.Callee() != "" {
			return
		}
		s := "-"
		if e.Indirect != nil {
			s = e.Indirect.Tag + "." + e.Indirect.Field
		}
		got = append(got, s)
	})
	want := []string{"ops.add", "net_device_ops.ndo_open", "ops.add", "foo.fn", "-", "bar_t.go", "ops.add",
		"ops.add", "ops.next", "ops.add", "foo.fn", "ops.add", "ops.add", "foo.fn", "net_device_ops.ndo_open",
		"ops.add", "ops.add", "net_device_ops.ndo_open", "ops.add", "ops.fns", "ops.fns", "-"}
	if !slices.Equal(got, want) {
		t.Errorf("indirect calls:\n got  %v\n want %v", got, want)
	}
}

func TestDefinedByAndReturnsPointer(t *testing.T) {
	u := parseStandalone(t, `
struct foo { int x; };
typedef struct foo *foo_ptr;
#define SYSCALL_DEFINE1(name, t, a) long __do_sys_##name(t a)
#define DEFINE_IDTENTRY_IRQ(func) void func(int vector)
#define WRAP(n) DEFINE_IDTENTRY_IRQ(n)
#define arch_override arch_override
SYSCALL_DEFINE1(close, int, fd) { return fd; }
DEFINE_IDTENTRY_IRQ(common_interrupt) { }
WRAP(spurious) { }
static struct foo *find(void) { return 0; }
void *alloc(void) { return 0; }
int plain(void) { return 0; }
foo_ptr lookup(void) { return 0; }
int (*getfn(void))(int) { return 0; }
const char *name(void) { return ""; }
int arch_override(void) { return 0; }
`)
	got := map[string]string{}
	for _, f := range u.Funcs {
		got[f.Name] = fmt.Sprintf("%s/%v", f.DefinedBy, f.ReturnsPointer)
	}
	want := map[string]string{
		"__do_sys_close": "SYSCALL_DEFINE1/false", "common_interrupt": "DEFINE_IDTENTRY_IRQ/false",
		"spurious": "WRAP/false", "find": "/true", "alloc": "/true", "plain": "/false",
		"lookup": "/true", "getfn": "/true", "name": "/true", "arch_override": "/false",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: DefinedBy/ReturnsPointer = %s, want %s", k, got[k], w)
		}
	}
}

func TestMacroUsesAtFileScope(t *testing.T) {
	u := parseStandalone(t, `
#include <linux/module.h>
static int foo_init(void) { return 0; }
static void foo_exit(void) { }
static int bar(void) { return 0; }
module_init(foo_init);
module_exit(foo_exit);
late_initcall(bar);
MODULE_LICENSE("GPL");
#define MY_INIT(fn) core_initcall(fn)
MY_INIT(bar);
`)
	var got []string
	for _, m := range u.MacroUses {
		got = append(got, fmt.Sprintf("%s(%s)@%d", m.Name, strings.Join(m.Args, ","), m.Pos.Line))
	}
	want := []string{"module_init(foo_init)@6", "module_exit(foo_exit)@7", "late_initcall(bar)@8", "core_initcall(bar)@11"}
	if !slices.Equal(got, want) {
		t.Errorf("macro uses = %v, want %v", got, want)
	}
}

func TestRCUContextAnnotations(t *testing.T) {
	u := parseStandalone(t, `
#include <linux/rcupdate.h>
static void *seq_start(void) __acquires(RCU) { rcu_read_lock(); return 0; }
static void seq_stop(void) __releases(RCU) { rcu_read_unlock(); }
static void bh_end(void) __releases(RCU_BH) { rcu_read_unlock_bh(); }
static void walk(void) __must_hold(rcu) { }
static void sched(void) __must_hold(RCU_SCHED) { }
`)
	got := map[string]string{}
	for _, f := range u.Funcs {
		got[f.Name] = strings.Join(slices.Concat(f.Acquires, f.Releases, f.MustHold), ",")
	}
	want := map[string]string{
		"seq_start": "rcu_read_lock()", "seq_stop": "rcu_read_lock()", "bh_end": "rcu_read_lock_bh()",
		"walk": "rcu_read_lock()", "sched": "rcu_read_lock_sched()",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: annotations %q, want %q", k, got[k], w)
		}
	}
}

// Helpers (header inline functions the file calls) get the same
// treatment, and what they record does not depend on map order.
func TestHelperStoresAndCalls(t *testing.T) {
	dir := t.TempDir()
	if err := writeFile(dir+"/ops.h", []byte(`struct ops { void (*cb)(void); int (*run)(int); };
void a_fn(void);
void b_fn(void);
static inline void set_b(struct ops *o) { o->cb = b_fn; }
static inline void set_a(struct ops *o) { o->cb = a_fn; }
static inline int go(const struct ops *o, int x) { return o->run(x); }
`)); err != nil {
		t.Fatal(err)
	}
	src := []byte(`#include "ops.h"
void f(struct ops *o) { set_b(o); set_a(o); go(o, 1); }
`)
	var first []string
	for i := 0; i < 5; i++ {
		u, err := ParseSource(kbuild.Standalone(dir+"/m.c"), src)
		if err != nil {
			t.Fatal(err)
		}
		got := storeStrings(u)
		if i == 0 {
			first = got
			if want := []string{"a_fn:ops.cb@o", "b_fn:ops.cb@o"}; !slices.Equal(got, want) {
				t.Errorf("helper stores %v, want %v", got, want)
			}
			var calls []string
			for _, h := range u.Helpers {
				WalkExprs(h.Body, func(e *Expr) {
					if e.Indirect != nil {
						calls = append(calls, h.Name+":"+e.Indirect.Tag+"."+e.Indirect.Field)
					}
				})
			}
			if want := []string{"go:ops.run"}; !slices.Equal(calls, want) {
				t.Errorf("helper indirect calls %v, want %v", calls, want)
			}
		} else if !slices.Equal(got, first) {
			t.Fatalf("stores differ between parses: %v then %v", first, got)
		}
	}
}

// A definition with external linkage begins with the struct keyword
// itself (no storage class), and may carry attributes before its
// initializer (__read_mostly, __ro_after_init): its stores count too.
func TestStoresExternalDefinitions(t *testing.T) {
	u := parseStandalone(t, `
#include <linux/cache.h>
struct pmu { int (*add)(int); };
enum mode { M_A, M_B };
struct mtab { enum mode m; int (*add)(int); };
int foo_add(int);
static int bar_add(int);
struct pmu p1 = { .add = bar_add };
struct pmu p2 __read_mostly = { .add = foo_add };
const struct pmu p3 = { foo_add };
struct mtab t1 = { M_A, bar_add };
`)
	checkStores(t, u, []string{"bar_add:pmu.add@p1", "foo_add:pmu.add@p2", "foo_add:pmu.add@p3", "bar_add:mtab.add@t1"})
}

func TestReturnsBool(t *testing.T) {
	u := parseStandalone(t, `
typedef _Bool bool;
bool kernel_bool(void) { return 0; }
_Bool plain_bool(void) { return 0; }
static inline bool inline_bool(void) { return 0; }
int not_bool(void) { return 0; }
bool *bool_ptr(void) { return 0; }
`)
	want := map[string]bool{"kernel_bool": true, "plain_bool": true, "inline_bool": true, "not_bool": false, "bool_ptr": false}
	for _, f := range u.Funcs {
		if f.ReturnsBool != want[f.Name] {
			t.Errorf("%s: ReturnsBool %v, want %v", f.Name, f.ReturnsBool, want[f.Name])
		}
	}
}

// A function written into a file-scope function pointer variable, by its
// initializer or an assignment, is stored in the variable (no struct:
// Tag ""); a local pointer, or a variable of another type, is not.
func TestStoresFuncPointerVariables(t *testing.T) {
	u := parseStandalone(t, `
static void poll_default(void) { }
static void poll_cmci(void) { }
static void other(void) { }
void (*mc_poll_banks)(void) = poll_default;
int (*mc_check)(int);
static int counter = 0;

static int check_one(int v) { return v; }

void mce_setup(int cmci)
{
	void (*local)(void) = other;

	if (cmci)
		mc_poll_banks = poll_cmci;
	mc_check = &check_one;
	counter = 1;
	local();
}
`)
	checkStores(t, u, []string{
		"poll_default:.mc_poll_banks@mc_poll_banks",
		"poll_cmci:.mc_poll_banks@mc_poll_banks",
		"check_one:.mc_check@mc_check",
	})
}

// A store by assignment is told from an initializer's, and the member a
// branch tests is named by its struct and field.
func TestAssignedStoresAndTestedMembers(t *testing.T) {
	u := parseStandalone(t, `#include <linux/compiler.h>
struct hid_ll_driver { int (*request)(int); int (*parse)(int); };
struct hid_device { struct hid_ll_driver *ll_driver; };
static int req(int x) { return x; }
static const struct hid_ll_driver usb_hid = { .request = req };
static int fallback(int x) { return x; }

int hw_request(struct hid_device *hdev, struct hid_ll_driver *d)
{
	d->parse = req;
	if (hdev->ll_driver->request)
		return hdev->ll_driver->request(1);
	if (!unlikely(d->parse && hdev))
		return 0;
	return d->request ? d->request(2) : fallback(2);
}
`)
	var assigned []string
	for _, s := range u.Stores {
		assigned = append(assigned, fmt.Sprintf("%s.%s:%v", s.Tag, s.Field, s.Assigned))
	}
	if want := []string{"hid_ll_driver.request:false", "hid_ll_driver.parse:true"}; !slices.Equal(assigned, want) {
		t.Errorf("stores: got %v, want %v", assigned, want)
	}
	var tested []string
	WalkExprs(u.Funcs[len(u.Funcs)-1].Body, func(e *Expr) {
		if e.Kind == Member && e.Indirect != nil {
			tested = append(tested, ExprText(e)+"="+e.Indirect.Tag+"."+e.Indirect.Field)
		}
	})
	slices.Sort(tested)
	want := []string{"d->parse=hid_ll_driver.parse", "d->request=hid_ll_driver.request", "hdev->ll_driver->request=hid_ll_driver.request"}
	if !slices.Equal(tested, want) {
		t.Errorf("tested members: got %v, want %v", tested, want)
	}
}
