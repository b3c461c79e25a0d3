package mutation

import (
	"slices"
	"strings"
	"testing"
)

const sample = `#include <linux/percpu.h>

static int f(struct s *s)
{
	int cpu;

	preempt_disable();
	__this_cpu_inc(hits);
	preempt_enable();

	spin_lock(&s->lock);
	if (s->dead) {
		spin_unlock(&s->lock);
		return -ENOENT;
	}
	spin_unlock(&s->lock);

	local_irq_save(flags);
	s->x++;
	local_irq_restore(flags);

	cpu = get_cpu();
	s->a[cpu]++;
	s->b[cpu]++;
	put_cpu();

	preempt_disable();
	if (s->y) {
		preempt_enable();
		return 1;
	}
	preempt_enable();

	kernel_fpu_begin();
	asm volatile("pxor %%xmm0, %%xmm0" ::: "memory");
	kernel_fpu_end();
	return 0;
}

#ifdef CONFIG_X
static void g(void)
{
	spin_lock(&l);
	spin_unlock(&l);
}
#endif
`

func TestFind(t *testing.T) {
	got := map[string]Mutant{}
	for _, m := range Find([]byte(sample)) {
		if _, dup := got[m.Op]; dup {
			t.Errorf("%s: more than one mutant (site %d)", m.Op, m.Site)
		}
		got[m.Op] = m
	}
	for _, c := range []struct {
		op   string
		site int
		want []int
		line string // the mutated file's line at want[0]
	}{
		{"drop-preempt-pair", 7, []int{7}, "__this_cpu_inc(hits);"},
		{"drop-unlock-before-exit", 13, []int{13}, "return -ENOENT;"},
		{"sleep-under-spinlock", 11, []int{12}, "msleep(1);"},
		{"resched-irqs-off", 18, []int{19}, "cond_resched();"},
		{"put-cpu-early", 25, []int{25}, "s->b[cpu]++;"},
		{"drop-preempt-enable", 29, []int{29}, "return 1;"},
		{"fpu-end-early", 36, []int{36}, `asm volatile("pxor %%xmm0, %%xmm0" ::: "memory");`},
	} {
		m, ok := got[c.op]
		if !ok {
			t.Errorf("%s: no mutant", c.op)
			continue
		}
		if m.Site != c.site || len(m.Want) != len(c.want) || m.Want[0] != c.want[0] {
			t.Errorf("%s: site %d want %v, expected site %d want %v", c.op, m.Site, m.Want, c.site, c.want)
			continue
		}
		lines := strings.Split(string(m.Src), "\n")
		if l := strings.TrimSpace(lines[m.Want[0]-1]); l != c.line {
			t.Errorf("%s: mutated line %d is %q, want %q", c.op, m.Want[0], l, c.line)
		}
		if m.Name != "f" || !m.Static {
			t.Errorf("%s: function %q static %v", c.op, m.Name, m.Static)
		}
		if m.Func != [2]int{4, 38} {
			t.Errorf("%s: function lines %v", c.op, m.Func)
		}
		if m.MutFunc[1]-m.MutFunc[0] == m.Func[1]-m.Func[0] && c.op != "fpu-end-early" && c.op != "put-cpu-early" {
			t.Errorf("%s: the mutated function has the original's length", c.op)
		}
	}
	if len(got) != len(Operators) {
		t.Errorf("%d operators found mutants, want %d", len(got), len(Operators))
	}
}

// The put_cpu() moved above the last use: the use now follows it.
func TestPutCPUEarlyOrder(t *testing.T) {
	for _, m := range Find([]byte(sample)) {
		if m.Op != "put-cpu-early" {
			continue
		}
		lines := strings.Split(string(m.Src), "\n")
		if strings.TrimSpace(lines[m.Want[0]-2]) != "put_cpu();" {
			t.Errorf("line before the use: %q", lines[m.Want[0]-2])
		}
		if strings.Count(string(m.Src), "put_cpu();") != 1 {
			t.Errorf("put_cpu() not moved:\n%s", m.Src)
		}
	}
}

// Statements governed by an unbraced if or a multi-line statement are
// not touched: the mutant would change more than one protection.
func TestUnbracedSitesSkipped(t *testing.T) {
	src := "static void h(void)\n{\n\tif (x)\n\t\tspin_lock(&l);\n\tfoo(a,\n\t    b);\n}\n"
	for _, m := range Find([]byte(src)) {
		t.Errorf("unexpected mutant %s at %d", m.Op, m.Site)
	}
}

// The release before the last return is not deleted: without it the
// function releases on no path, a helper's shape.
func TestLastReleaseKept(t *testing.T) {
	src := "static int h(void)\n{\n\tspin_lock(&l);\n\tx++;\n\tspin_unlock(&l);\n\treturn 0;\n}\n" +
		"static int k(void)\n{\n\tpreempt_disable();\n\tx++;\n\tpreempt_enable();\n\treturn 0;\n}\n"
	for _, m := range Find([]byte(src)) {
		if m.Op == "drop-unlock-before-exit" || m.Op == "drop-preempt-enable" {
			t.Errorf("unexpected mutant %s at %d", m.Op, m.Site)
		}
	}
}

// A static function's context comes from the files that call the
// functions of its own file with external linkage that reach it, through
// static functions too; a function that does not reach it is none.
func TestExternalCallers(t *testing.T) {
	src := []byte(`static void raise_softirq_demo(int cpu)
{
	preempt_disable();
	preempt_enable();
}

static void complete_remote_demo(int cpu)
{
	raise_softirq_demo(cpu);
}

void complete_request_demo(int cpu)
{
	complete_remote_demo(cpu);
}

bool complete_remote_exported_demo(int cpu)
{
	raise_softirq_demo(cpu);
	return true;
}

void unrelated_demo(void)
{
}
`)
	got := ExternalCallers(src, "raise_softirq_demo")
	want := []string{"complete_remote_exported_demo", "complete_request_demo"}
	if !slices.Equal(got, want) {
		t.Errorf("ExternalCallers = %v, want %v", got, want)
	}
}
