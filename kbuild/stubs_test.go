package kbuild

import (
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"modernc.org/cc/v4"
)

// stubHeaderList is the set of headers the stubs promise. Others may exist.
var stubHeaderList = []string{
	"linux/preempt.h", "linux/smp.h", "linux/percpu.h", "linux/percpu-defs.h",
	"linux/spinlock.h", "linux/spinlock_types.h", "linux/rwlock.h", "linux/irqflags.h",
	"linux/interrupt.h", "linux/hardirq.h", "linux/delay.h", "linux/mutex.h",
	"linux/semaphore.h", "linux/slab.h", "linux/gfp.h", "linux/sched.h",
	"linux/printk.h", "linux/kernel.h", "linux/compiler.h", "linux/compiler_types.h",
	"linux/types.h", "linux/threads.h", "linux/errno.h", "linux/rcupdate.h",
	"linux/bottom_half.h", "linux/lockdep.h", "linux/cpu.h", "linux/cpumask.h",
	"linux/local_lock.h", "linux/list.h", "linux/module.h", "linux/init.h",
	"linux/export.h", "linux/string.h", "linux/bug.h", "linux/atomic.h",
	"linux/wait.h", "linux/completion.h", "linux/workqueue.h", "linux/timer.h",
	"linux/kthread.h", "linux/uaccess.h", "linux/vmalloc.h", "linux/cache.h",
	"linux/jiffies.h", "linux/kconfig.h", "linux/bitops.h", "linux/minmax.h",
	"linux/err.h",
	"asm/fpu/api.h", "asm/processor.h", "asm/simd.h",
	"kpreempt/all.h",
}

const stubUmbrella = "kpreempt/all.h"

// stubHeaders lists every .h in the embedded stubs, sorted.
func stubHeaders(t *testing.T) []string {
	t.Helper()
	var hs []string
	err := fs.WalkDir(Stubs(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".h") {
			hs = append(hs, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(hs)
	return hs
}

func TestStubHeadersPresent(t *testing.T) {
	have := map[string]bool{}
	for _, h := range stubHeaders(t) {
		have[h] = true
	}
	for _, h := range stubHeaderList {
		if !have[h] {
			t.Errorf("missing stub header %s", h)
		}
	}
}

var stubIncludeRE = regexp.MustCompile(`(?m)^#include <([^>]+)>`)

func TestStubUmbrellaIncludesEveryHeader(t *testing.T) {
	b, err := fs.ReadFile(Stubs(), stubUmbrella)
	if err != nil {
		t.Fatal(err)
	}
	inc := map[string]bool{}
	for _, m := range stubIncludeRE.FindAllStringSubmatch(string(b), -1) {
		inc[m[1]] = true
	}
	for _, h := range stubHeaders(t) {
		if h != stubUmbrella && !inc[h] {
			t.Errorf("%s does not include <%s>", stubUmbrella, h)
		}
	}
}

// Constructs modernc.org/cc/v4's preprocessor gets wrong or lacks.
var stubForbidden = []struct {
	re  *regexp.Regexp
	why string
}{
	{regexp.MustCompile(`,##`), "write \", ##__VA_ARGS__\" with a space"},
	{regexp.MustCompile(`(?m)^#\s*define\s+\w+\([^)]*\w\.\.\.`), "named variadic macro parameter"},
	{regexp.MustCompile(`__has_attribute|__has_include|_Pragma|__auto_type`), "unsupported by cc/v4"},
}

func TestStubHeaderShape(t *testing.T) {
	for _, h := range stubHeaders(t) {
		b, err := fs.ReadFile(Stubs(), h)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		lines := strings.Split(src, "\n")
		if !strings.HasPrefix(lines[0], "/* "+path.Base(h)+": ") && !strings.HasPrefix(lines[0], "/* "+h+": ") ||
			!strings.HasSuffix(lines[0], "stub for standalone checking, not the kernel's definitions. */") {
			t.Errorf("%s: first line is not the one-line stub comment: %q", h, lines[0])
		}
		// An include guard: #ifndef G / #define G right after the comment,
		// and a final #endif.
		if len(lines) < 4 || !strings.HasPrefix(lines[1], "#ifndef ") ||
			lines[2] != "#define "+strings.TrimPrefix(lines[1], "#ifndef ") {
			t.Errorf("%s: no include guard after the comment", h)
		}
		body := strings.TrimSpace(src)
		if !strings.HasPrefix(body[strings.LastIndex(body, "\n")+1:], "#endif") {
			t.Errorf("%s: does not end with #endif", h)
		}
		for _, f := range stubForbidden {
			if loc := f.re.FindStringIndex(src); loc != nil {
				line := strings.Count(src[:loc[0]], "\n") + 1
				t.Errorf("%s:%d: %s", h, line, f.why)
			}
		}
	}
}

// copyStubs writes the embedded stubs to a temporary directory.
func copyStubs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(Stubs(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := fs.ReadFile(Stubs(), p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// gccCheck compiles src with gcc -fsyntax-only against the stubs in inc.
func gccCheck(t *testing.T, gcc, inc, name, src string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(gcc, "-std=gnu11", "-fsyntax-only", "-nostdinc", "-Wall",
		"-Werror=implicit-function-declaration", "-Werror=incompatible-pointer-types",
		"-Werror=int-conversion", "-I", inc, file)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("gcc %s: %v\n%s\n--- source:\n%s", name, err, out, src)
	} else if len(out) > 0 {
		t.Logf("gcc %s:\n%s", name, out)
	}
}

func lookGCC(t *testing.T) string {
	t.Helper()
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("gcc not found")
	}
	return gcc
}

// TestStubHeadersCompileAlone compiles each header on its own, twice over
// (the include guard must hold).
func TestStubHeadersCompileAlone(t *testing.T) {
	gcc := lookGCC(t)
	inc := copyStubs(t)
	for _, h := range stubHeaders(t) {
		t.Run(h, func(t *testing.T) {
			t.Parallel()
			src := "#include <" + h + ">\n#include <" + h + ">\n"
			gccCheck(t, gcc, inc, "alone.c", src)
		})
	}
}

// TestStubHeadersParse parses each header, and the kernel-style snippet,
// with modernc.org/cc/v4's parser, as cparse does.
func TestStubHeadersParse(t *testing.T) {
	lookGCC(t) // cc.NewConfig asks the host compiler for its predefined macros
	base, err := cc.NewConfig("linux", "amd64")
	if err != nil {
		t.Skipf("cc/v4 configuration: %v", err)
	}
	inc := copyStubs(t)
	parse := func(t *testing.T, name, src string) {
		cfg := *base
		cfg.IncludePaths = []string{"", inc}
		cfg.SysIncludePaths = []string{inc}
		cfg.HostIncludePaths, cfg.HostSysIncludePaths = nil, nil
		_, err := cc.Parse(&cfg, []cc.Source{
			{Name: "<predefined>", Value: cfg.Predefined},
			{Name: "<builtin>", Value: cc.Builtin},
			{Name: name, Value: src},
		})
		if err != nil {
			t.Errorf("cc.Parse %s: %v", name, err)
		}
	}
	for _, h := range stubHeaders(t) {
		parse(t, h+".c", "#include <"+h+">\n")
	}
	for _, s := range stubSnippets {
		parse(t, s.header+".snippet.c", "#include <"+s.header+">\n"+s.body)
	}
	parse(t, "kernel_style.c", stubKernelStyle)
}

// stubSnippets use the primitives a real kernel header makes visible, each
// including only that header.
var stubSnippets = []struct{ header, body string }{
	{"linux/spinlock.h", `
static DEFINE_SPINLOCK(l);
static DEFINE_RAW_SPINLOCK(rl);
static DEFINE_RWLOCK(rw);
void f(void)
{
	unsigned long flags;

	preempt_disable();
	local_irq_save(flags);
	spin_lock(&l);
	spin_unlock(&l);
	local_irq_restore(flags);
	preempt_enable();
	spin_lock_irqsave(&l, flags);
	spin_unlock_irqrestore(&l, flags);
	if (spin_trylock_irqsave(&l, flags))
		spin_unlock_irqrestore(&l, flags);
	raw_spin_lock_irqsave(&rl, flags);
	raw_spin_unlock_irqrestore(&rl, flags);
	write_lock_irqsave(&rw, flags);
	write_unlock_irqrestore(&rw, flags);
	read_lock_bh(&rw);
	read_unlock_bh(&rw);
	local_bh_disable();
	local_bh_enable();
	lockdep_assert_held(&l);
	smp_mb();
}
`},
	{"linux/percpu.h", `
static DEFINE_PER_CPU(int, counter);
static DEFINE_PER_CPU(int[4], arr);
DEFINE_PER_CPU_SHARED_ALIGNED(unsigned long, hot);
DECLARE_PER_CPU(long, other);
int f(void)
{
	int cpu, s = 0;
	int *p = get_cpu_var(arr);
	int __percpu *dyn = alloc_percpu(int);

	p[0]++;
	put_cpu_var(arr);
	this_cpu_inc(counter);
	this_cpu_add(hot, 2);
	s += this_cpu_read(counter) + __this_cpu_read(counter) + raw_cpu_read(counter);
	this_cpu_write(counter, 1);
	s += this_cpu_inc_return(counter) + this_cpu_cmpxchg(counter, 1, 2);
	for_each_possible_cpu(cpu) {
		per_cpu(counter, cpu)++;
		s += *per_cpu_ptr(dyn, cpu);
	}
	p = this_cpu_ptr(&counter);
	p = get_cpu_ptr(dyn);
	put_cpu_ptr(dyn);
	free_percpu(dyn);
	return s + smp_processor_id() + *p + (int)this_cpu_read(other);
}
`},
	{"linux/sched.h", `
int f(struct task_struct *t)
{
	might_sleep();
	schedule();
	cond_resched();
	set_current_state(TASK_INTERRUPTIBLE);
	schedule_timeout(HZ);
	wake_up_process(t);
	pr_info("%s %d\n", current->comm, current->pid);
	return smp_processor_id() + t->__state + (int)jiffies;
}
`},
	{"linux/interrupt.h", `
static DEFINE_SPINLOCK(l);
static irqreturn_t h(int irq, void *dev)
{
	spin_lock(&l);
	spin_unlock(&l);
	return in_interrupt() ? IRQ_HANDLED : IRQ_NONE;
}
int f(void) { return request_irq(1, h, IRQF_SHARED, "x", NULL); }
`},
	{"linux/module.h", `
static int __init i(void) { pr_info("hi\n"); return 0; }
static void __exit e(void) { }
int exported;
EXPORT_SYMBOL_GPL(exported);
module_init(i);
module_exit(e);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("a");
MODULE_AUTHOR("b");
MODULE_DESCRIPTION("d");
`},
	{"linux/wait.h", `
static DECLARE_WAIT_QUEUE_HEAD(wq);
int f(int *c)
{
	wait_event(wq, *c > 0);
	wake_up(&wq);
	return wait_event_interruptible(wq, *c > 1);
}
`},
	{"asm/simd.h", `
void f(void)
{
	if (may_use_simd() && irq_fpu_usable()) {
		kernel_fpu_begin();
		kernel_fpu_end();
	}
}
`},
}

func TestStubSnippetsCompile(t *testing.T) {
	gcc := lookGCC(t)
	inc := copyStubs(t)
	for _, s := range stubSnippets {
		t.Run(s.header, func(t *testing.T) {
			t.Parallel()
			gccCheck(t, gcc, inc, "snippet.c", "#include <"+s.header+">\n"+s.body)
		})
	}
	t.Run("kernel-style", func(t *testing.T) {
		t.Parallel()
		gccCheck(t, gcc, inc, "kernel_style.c", stubKernelStyle)
	})
}

// stubKernelStyle uses many primitives the way kernel code does.
const stubKernelStyle = `#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/percpu.h>
#include <linux/local_lock.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/completion.h>
#include <linux/workqueue.h>
#include <linux/timer.h>
#include <linux/kthread.h>
#include <linux/uaccess.h>
#include <linux/rcupdate.h>
#include <linux/cpu.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/fpu/api.h>

struct item {
	struct list_head node;
	struct rcu_head rcu;
	int val;
};

struct pcpu {
	local_lock_t lock;
	u64 n;
};

static DEFINE_SPINLOCK(l);
static DEFINE_MUTEX(m);
static DEFINE_SEMAPHORE(sem, 1);
static DEFINE_PER_CPU(int, counter);
static DEFINE_PER_CPU(int[4], arr);
static DEFINE_PER_CPU(struct pcpu, pc) = { .lock = INIT_LOCAL_LOCK(lock) };
static DECLARE_COMPLETION(done);
static LIST_HEAD(items);
static struct item __rcu *gp;
static struct timer_list tmr;
static atomic_t refs = ATOMIC_INIT(1);

static void work_fn(struct work_struct *w)
{
	mutex_lock(&m);
	msleep(1);
	mutex_unlock(&m);
}
static DECLARE_WORK(wk, work_fn);

static void tmr_fn(struct timer_list *t)
{
	spin_lock(&l);
	this_cpu_inc(counter);
	spin_unlock(&l);
	mod_timer(&tmr, jiffies + msecs_to_jiffies(10));
}

static irqreturn_t irq_fn(int irq, void *dev)
{
	unsigned long flags;

	spin_lock_irqsave(&l, flags);
	this_cpu_inc(counter);
	spin_unlock_irqrestore(&l, flags);
	schedule_work(&wk);
	return IRQ_HANDLED;
}

static int thr(void *data)
{
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

long demo(void __user *ubuf, size_t len, int x)
{
	unsigned long flags;
	struct item *it, *tmp;
	struct task_struct *k;
	char buf[32];
	int cpu, *p;
	u32 v;

	spin_lock_irqsave(&l, flags);
	this_cpu_inc(counter);
	spin_unlock_irqrestore(&l, flags);
	p = get_cpu_var(arr);
	p[1] = x;
	put_cpu_var(arr);
	for_each_possible_cpu(cpu) {
		per_cpu(counter, cpu)++;
	}
	for_each_online_cpu(cpu)
		x += per_cpu(counter, cpu);
	local_lock_irqsave(&pc.lock, flags);
	__this_cpu_add(pc.n, 1);
	local_unlock_irqrestore(&pc.lock, flags);
	preempt_disable();
	x += smp_processor_id();
	preempt_enable();
	cpu = get_cpu();
	put_cpu();
	local_irq_disable();
	local_irq_enable();
	rcu_read_lock();
	it = rcu_dereference(gp);
	rcu_read_unlock();
	list_for_each_entry(it, &items, node)
		x += it->val;
	list_for_each_entry_safe(it, tmp, &items, node) {
		list_del(&it->node);
		kfree_rcu(it, rcu);
	}
	it = kzalloc(sizeof(*it), GFP_KERNEL);
	if (!it)
		return -ENOMEM;
	rcu_assign_pointer(gp, it);
	synchronize_rcu();
	if (down_interruptible(&sem))
		return -EINTR;
	up(&sem);
	if (copy_from_user(buf, ubuf, min(len, sizeof(buf))) || get_user(v, (u32 __user *)ubuf))
		return -EFAULT;
	udelay(5);
	usleep_range(10, 20);
	cond_resched();
	kernel_fpu_begin();
	kernel_fpu_end();
	cpus_read_lock();
	cpus_read_unlock();
	pr_info("x %d\n", 1);
	pr_err("v %u len %zu\n", v, len);
	BUG_ON(x < -100);
	if (WARN_ON(x < -50) || WARN(x < -40, "x=%d\n", x))
		return -EINVAL;
	if (atomic_dec_and_test(&refs))
		complete(&done);
	if (!wait_for_completion_timeout(&done, HZ))
		return -ETIMEDOUT;
	timer_setup(&tmr, tmr_fn, 0);
	del_timer_sync(&tmr);
	if (request_irq(3, irq_fn, IRQF_SHARED, "demo", &x))
		return -EBUSY;
	free_irq(3, &x);
	k = kthread_run(thr, NULL, "demo/%d", 0);
	if (IS_ERR(k))
		return PTR_ERR(k);
	kthread_stop(k);
	switch (x) {
	case 0:
		x++;
		fallthrough;
	default:
		break;
	}
	return x + ARRAY_SIZE(buf) + max_t(int, x, 0);
}
EXPORT_SYMBOL(demo);

static int __init demo_init(void) { return 0; }
static void __exit demo_exit(void) { }
module_init(demo_init);
module_exit(demo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("stub check");
`
