package cparse

import (
	"slices"
	"testing"
)

// TestLocalFunctionPointers checks the targets of calls through local
// variables: struct fields (named members of untagged unions by their
// path), functions by name, and nothing when a value is not one of
// these or the variable's address is taken.
func TestLocalFunctionPointers(t *testing.T) {
	u := parseStandalone(t, `
struct step {
	const char *name;
	union { int (*single)(unsigned int cpu); int (*multi)(unsigned int cpu, void *n); } startup;
	union { int (*single)(unsigned int cpu); int (*multi)(unsigned int cpu, void *n); } teardown;
	int (*fns[2])(unsigned int cpu);
};
static int up(unsigned int cpu) { return 0; }
static int down(unsigned int cpu) { return 0; }
static struct step steps[] = {
	[0] = { .name = "a", .startup.single = up, .teardown = { .single = down } },
};
int (*pick(int i))(unsigned int);
void set(int (**p)(unsigned int));
int run(struct step *step, int bringup, unsigned int cpu, int (*param)(unsigned int))
{
	int (*cb)(unsigned int cpu);
	int (*named)(unsigned int) = 0;
	int (*opaque)(unsigned int) = up;
	int (*taken)(unsigned int) = up;
	int (*arg)(unsigned int) = param;
	int (*elem)(unsigned int) = step->fns[1];

	step->teardown.single(cpu);
	cb = bringup ? step->startup.single : step->teardown.single;
	if (cpu)
		named = (int (*)(unsigned int))down;
	opaque = pick(cpu);
	set(&taken);
	return cb(cpu) + (*named)(cpu) + opaque(cpu) + taken(cpu) + arg(cpu) + elem(cpu) + param(cpu);
}
`)
	var stores []string
	for _, s := range u.Stores {
		stores = append(stores, s.Func+":"+s.Tag+"."+s.Field)
	}
	if want := []string{"up:step.startup.single", "down:step.teardown.single"}; !slices.Equal(stores, want) {
		t.Errorf("stores %v, want %v", stores, want)
	}
	var got []string
	WalkExprs(fn(t, u, "run").Body, func(e *Expr) {
		if e.Kind != Call {
			return
		}
		s := e.Callee() + ":"
		if e.Indirect != nil {
			s += "field " + e.Indirect.Tag + "." + e.Indirect.Field
		}
		for _, x := range e.Targets {
			if x.Field != nil {
				s += " " + x.Field.Tag + "." + x.Field.Field
			} else {
				s += " " + x.Func
			}
		}
		got = append(got, s)
	})
	want := []string{
		":field step.teardown.single",
		"pick:", "set:",
		"cb: step.startup.single step.teardown.single",
		": down", // (*named)(cpu): the null pointer is no target
		"opaque:", "taken:", "arg:",
		"elem: step.fns",
		"param:",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("calls:\n got  %q\n want %q", got, want)
	}
}

// TestStoreIndex checks that a store into an array element designated
// by a name records the name, through nested braces and designators.
func TestStoreIndex(t *testing.T) {
	u := parseStandalone(t, `
enum st { ST_A, ST_B, ST_C };
struct step { union { int (*single)(unsigned int); } startup; int (*fn)(unsigned int); };
static int a(unsigned int c) { return 0; }
static int b(unsigned int c) { return 0; }
static int d(unsigned int c) { return 0; }
static struct step steps[] = {
	[ST_A] = { .startup.single = a },
	[ST_B] = { .startup = { .single = b }, .fn = d },
	{ .fn = a },
	[1 + 1] = { .fn = b },
};
`)
	var got []string
	for _, s := range u.Stores {
		got = append(got, s.Func+":"+s.Field+"@"+s.Index)
	}
	want := []string{"a:startup.single@ST_A", "b:startup.single@ST_B", "d:fn@ST_B", "a:fn@", "b:fn@"}
	if !slices.Equal(got, want) {
		t.Errorf("stores %v, want %v", got, want)
	}
}
