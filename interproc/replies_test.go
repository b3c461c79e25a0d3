package interproc

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
)

// unitQueries are every question a unit's check phase can ask of its
// program: its functions' entries, and each call's callee and sleeps.
func unitQueries(uf *UnitFacts) (Queries, []*cparse.APIUse) {
	var q Queries
	var calls []*cparse.APIUse
	for _, f := range uf.Funcs {
		q.Entries = append(q.Entries, f.Sym.Name)
		for _, c := range f.Calls {
			if c.Callee != "" {
				q.Callees = append(q.Callees, c.Callee)
				q.Sleeps = append(q.Sleeps, c.Callee)
				calls = append(calls, &cparse.APIUse{Name: c.Callee, Args: c.Args, Values: c.Values})
			}
		}
	}
	return q, calls
}

// readBack is the facts as a run links them: encoded into the store and
// read back.
func readBack(t *testing.T, facts []*UnitFacts) []*UnitFacts {
	t.Helper()
	out := make([]*UnitFacts, len(facts))
	for i, uf := range facts {
		b, err := uf.Encode()
		if err != nil {
			t.Fatal(err)
		}
		if out[i], err = Decode(b); err != nil {
			t.Fatal(err)
		}
		out[i].Draft = uf.Draft
	}
	return out
}

// Replies kept and read back answer every query of their unit as the
// program they came from does, without linking it; a name they do not
// hold is answered by the program given to link, asked once. Each
// program of testdata/csrc/interproc.
func TestReplayAnswersAsLinked(t *testing.T) {
	eachProgram(t, func(name, dir string, facts []*UnitFacts) {
		facts = readBack(t, facts)
		p := Link(facts, dir, true)
		for _, uf := range facts {
			q, calls := unitQueries(uf)
			r, ok := RepliesOf(p.Env(uf.Unit), q)
			if !ok {
				t.Fatalf("%s: no replies from a program's Env", name)
			}
			data, digest := r.Encode()
			var read Replies
			if err := json.Unmarshal(data, &read); err != nil {
				t.Fatalf("%s: %s: replies do not read back: %v", name, uf.Unit, err)
			}
			links := 0
			replayed := Replay(uf.Unit, &read, uf.Callees, func() dataflow.Env { links++; return p.Env(uf.Unit) })
			env, linked := replayed.Env(uf.Unit), p.Env(uf.Unit)
			for _, f := range uf.Funcs {
				fn := &cparse.Func{Name: f.Sym.Name}
				if got, want := env.Entry(fn), linked.Entry(fn); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %s: entry of %s replayed %+v, linked %+v", name, uf.Unit, f.Sym.Name, got, want)
				}
			}
			faults, bh := &dataflow.State{}, &dataflow.State{}
			faults.Pagefault.Lo, bh.BH.Lo = 1, 1
			for _, c := range calls {
				if got, want := env.Callee(c.Name), linked.Callee(c.Name); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %s: callee %s replayed %+v, linked %+v", name, uf.Unit, c.Name, got, want)
				}
				for _, before := range []*dataflow.State{nil, faults, bh} {
					n1, d1, ok1 := env.Sleeps(c, before, nil)
					n2, d2, ok2 := linked.Sleeps(c, before, nil)
					if ok1 != ok2 || !reflect.DeepEqual(n1, n2) || !reflect.DeepEqual(d1, d2) {
						t.Errorf("%s: %s: sleeps through %s replayed %v %+v, linked %v %+v", name, uf.Unit, c.Name, ok1, n1, ok2, n2)
					}
				}
				n1, d1, ok1 := env.LocksOnRT(c, nil)
				n2, d2, ok2 := linked.LocksOnRT(c, nil)
				if ok1 != ok2 || !reflect.DeepEqual(n1, n2) || !reflect.DeepEqual(d1, d2) {
					t.Errorf("%s: %s: RT lock through %s replayed %v %+v, linked %v %+v", name, uf.Unit, c.Name, ok1, n1, ok2, n2)
				}
			}
			if again, _ := Answers(env, q); again != digest {
				t.Errorf("%s: %s: the replayed program's answers digest otherwise", name, uf.Unit)
			}
			if links != 0 || replayed.Linked() {
				t.Errorf("%s: %s: linked the program %d times for queries the replies hold", name, uf.Unit, links)
			}
			if env.Callee("no_such_function") != nil || links != 1 || !replayed.Linked() {
				t.Errorf("%s: %s: a name the replies do not hold: linked %d times, want 1", name, uf.Unit, links)
			}
		}
	})
}

// An edit that only moves code (lines added above, a comment inside a
// function) leaves a unit's facts the same but for positions, moved in
// order; the replies of its program, moved, are the new program's. An
// edit that changes what a function does, or reorders functions, is not
// a move.
func TestMovedFacts(t *testing.T) {
	const body = "static DEFINE_SPINLOCK(l);\nvoid helper(void);\n\nvoid outer(void)\n{\n\tspin_lock(&l);\n\thelper();\n\tspin_unlock(&l);\n}\n\nvoid helper(void)\n{\n\tmsleep(1);\n}\n"
	versions := map[string]string{
		"before":   head + body,
		"lines":    head + "\n\n/* a comment */\n" + body,
		"inside":   head + strings.Replace(body, "\thelper();\n", "\t/* why */\n\thelper();\n", 1),
		"changed":  head + strings.Replace(body, "\tmsleep(1);\n", "\tmsleep(1);\n\tmsleep(2);\n", 1),
		"reversed": head + "static DEFINE_SPINLOCK(l);\nvoid helper(void);\n\nvoid helper(void)\n{\n\tmsleep(1);\n}\n\nvoid outer(void)\n{\n\tspin_lock(&l);\n\thelper();\n\tspin_unlock(&l);\n}\n",
	}
	facts := map[string]*UnitFacts{}
	programs := map[string]*Program{}
	// One path for every version: positions name it.
	dir := t.TempDir()
	path := filepath.Join(dir, "a.c")
	for name, src := range versions {
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		fs := readBack(t, summarizeFiles(t, dir, []string{path}))
		facts[name], programs[name] = fs[0], Link(fs, dir, true)
	}
	q, _ := unitQueries(facts["before"])
	for _, name := range []string{"lines", "inside"} {
		moves, ok := Moved(facts["before"], facts[name])
		if !ok {
			t.Errorf("%s: not a move", name)
			continue
		}
		r, _ := RepliesOf(programs["before"].Env("a.c"), q)
		data, _ := r.Encode()
		var read Replies
		if err := json.Unmarshal(data, &read); err != nil {
			t.Fatal(err)
		}
		if !read.Move(moves, func(f string) string { return filepath.Join(dir, f) }) {
			t.Errorf("%s: the replies' positions are not all moved", name)
		}
		_, got := read.Encode()
		want, _ := Answers(programs[name].Env("a.c"), q)
		unmoved, _ := Answers(programs["before"].Env("a.c"), q)
		if got != want || unmoved == want {
			t.Errorf("%s: the moved replies are not the new program's (or the edit moved nothing they hold)", name)
		}
	}
	for _, name := range []string{"changed", "reversed"} {
		if _, ok := Moved(facts["before"], facts[name]); ok {
			t.Errorf("%s: taken for a move", name)
		}
	}
	if m, ok := Moved(facts["before"], facts["before"]); !ok || len(m) == 0 {
		t.Errorf("the same facts: ok %v, moves %v; want every position kept", ok, m)
	}
}
