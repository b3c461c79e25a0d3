package interproc

import (
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"os"
	"path/filepath"
	"testing"
)

// The answers to a unit's queries change with what the program says of
// the names asked about (a callee that now sleeps, a caller that now
// enters the function atomic), and with nothing else: a function of
// another unit that the unit does not ask about may change freely.
func TestAnswersFollowQueries(t *testing.T) {
	user := head + "void helper(void);\nvoid other(void);\n\nvoid user_work(void)\n{\n\thelper();\n}\n"
	chips := func(flags string) string {
		return "struct chip { unsigned long flags; };\nstruct chip one = { .flags = " + flags + " };\n"
	}
	variants := map[string]map[string]string{
		"base": {
			"a.c": user,
			"b.c": head + "void helper(void)\n{\n}\n\nvoid other(void)\n{\n}\n",
		},
		"helper sleeps": {
			"a.c": user,
			"b.c": head + "void helper(void)\n{\n\tmsleep(1);\n}\n\nvoid other(void)\n{\n}\n",
		},
		"other sleeps": {
			"a.c": user,
			"b.c": head + "void helper(void)\n{\n}\n\nvoid other(void)\n{\n\tmsleep(1);\n}\n",
		},
		"caller atomic": {
			"a.c": user,
			"b.c": head + "void helper(void)\n{\n}\n\nvoid other(void)\n{\n}\n",
			"c.c": head + "void user_work(void);\nstatic DEFINE_SPINLOCK(l);\nvoid top(void)\n{\n\tspin_lock(&l);\n\tuser_work();\n\tspin_unlock(&l);\n}\n",
		},
	}
	for _, files := range variants {
		files["d.c"] = chips("1")
	}
	variants["chip flag set"] = map[string]string{"a.c": user, "b.c": variants["base"]["b.c"], "d.c": chips("1 | 2")}
	q := Queries{Callees: []string{"helper"}, Sleeps: []string{"helper"}, Entries: []string{"user_work"},
		Members: []MemberMask{{Tag: "chip", Field: "flags", Mask: 2}}}
	answers := map[string]string{}
	// One directory for all: positions in the answers name it.
	dir := t.TempDir()
	for name, files := range variants {
		old, _ := filepath.Glob(filepath.Join(dir, "*.c"))
		for _, f := range old {
			os.Remove(f)
		}
		p := programIn(t, dir, files, true)
		env := NewRecorder(p.Env("a.c"))
		env.Sleeps(&cparse.APIUse{Name: "helper"}, nil, nil)
		env.Callee("helper")
		never := env.NeverSet(dataflow.MemberMask{FieldRef: cparse.FieldRef{Tag: "chip", Field: "flags"}, Mask: 2})
		if never != (name != "chip flag set") {
			t.Errorf("%s: NeverSet(chip.flags & 2) = %v", name, never)
		}
		if got := env.Queries(); len(got.Sleeps) != 1 || len(got.Callees) != 1 || len(got.Entries) != 0 || len(got.Members) != 1 {
			t.Errorf("%s: recorded %+v", name, got)
		}
		a, ok := Answers(p.Env("a.c"), q)
		if !ok {
			t.Fatalf("%s: no answers from a program's Env", name)
		}
		answers[name] = a
	}
	if answers["base"] == answers["helper sleeps"] {
		t.Error("helper() now sleeps: the answers did not change")
	}
	if answers["base"] == answers["caller atomic"] {
		t.Error("user_work() is now entered under a spinlock: the answers did not change")
	}
	if answers["base"] == answers["chip flag set"] {
		t.Error("a unit now sets chip.flags' bit 2: the answers did not change")
	}
	if answers["base"] != answers["other sleeps"] {
		t.Error("other(), which a.c does not ask about, changed the answers")
	}
	if _, ok := Answers(NewRecorder(nil), q); ok {
		t.Error("answers from an Env that is not a program's")
	}
}

// A shed program (Program.Shed) answers every unit's queries as the
// whole one did, holds no calls and no edges, and leaves the facts it
// was linked from as they were. Each program of testdata/csrc/interproc.
func TestShedKeepsAnswers(t *testing.T) {
	eachProgram(t, func(name, dir string, facts []*UnitFacts) {
		queries := map[string]Queries{}
		calls := 0
		for _, uf := range facts {
			queries[uf.Unit], _ = unitQueries(uf)
			for _, f := range uf.Funcs {
				calls += len(f.Calls)
			}
		}
		p := Link(facts, dir, true)
		before := map[string]string{}
		for unit, q := range queries {
			before[unit], _ = Answers(p.Env(unit), q)
		}
		p.Shed()
		for unit, q := range queries {
			if after, _ := Answers(p.Env(unit), q); after != before[unit] {
				t.Errorf("%s: %s answers otherwise once shed", name, unit)
			}
		}
		for _, n := range p.funcs {
			if len(n.facts.Calls) > 0 || len(n.in) > 0 || len(n.out) > 0 {
				t.Errorf("%s: %s keeps its calls or edges", name, n.sym)
			}
		}
		kept := 0
		for _, uf := range facts {
			for _, f := range uf.Funcs {
				kept += len(f.Calls)
			}
		}
		if kept != calls {
			t.Errorf("%s: the facts linked had %d calls, %d after the program was shed", name, calls, kept)
		}
	})
}
