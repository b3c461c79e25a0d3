package dataflow

import (
	"slices"
	"sort"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kapi"
)

// Summary is what a call of a function of the unit does to its caller's
// context, when every exit agrees: locks it returns holding, locks of its
// caller it releases, and its net effect on the preempt count. Lock keys
// are in the callee's terms; a key starting with a parameter's name is
// rewritten with the caller's argument.
type Summary struct {
	Params   []string `json:"params,omitempty"`
	Acquires []Held   `json:"acquires,omitempty"`
	Releases []string `json:"releases,omitempty"`
	Preempt  int8     `json:"preempt,omitempty"`
	// Unseen are the objects (lock keys) the function passes to calls
	// the analysis cannot see into, directly or through its callees: any
	// lock of theirs may be released there (see releaseUnseen).
	Unseen []string `json:"unseen,omitempty"`
}

// Summaries are the unit's function summaries, by function name.
type Summaries map[string]*Summary

func summarize(f *cparse.Func, fr *Func) *Summary {
	var exits []*State
	fr.Walk(func(_ *cfg.Block, e *cfg.Event, before *State) {
		if e.Kind == cfg.Return {
			s := before.clone()
			exits = append(exits, &s)
		}
	})
	if len(exits) == 0 {
		return nil
	}
	sum := &Summary{}
	for _, p := range f.Params {
		sum.Params = append(sum.Params, p.Name)
	}
	entry := map[string]bool{}
	for _, h := range fr.Entry.Locks {
		entry[h.Key] = true
	}
	locals := localNames(f)
	for _, h := range exits[0].Locks {
		if !h.Must || entry[h.Key] || h.Kind == kapi.NoLock || locals[keyRoot(h.Key)] {
			continue
		}
		always := true
		for _, x := range exits[1:] {
			if g, ok := x.Lock(h.Key); !ok || !g.Must {
				always = false
			}
		}
		if always {
			sum.Acquires = append(sum.Acquires, h)
		}
	}
	// Releases of locks never taken here and not held at any exit.
	taken := map[string]bool{}
	released := map[string]bool{}
	fr.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
		eff, ok := Effect(e)
		if !ok {
			return
		}
		switch eff.Lock {
		case kapi.Acquire, kapi.TryAcquire, kapi.AcquireOnZero:
			taken[LockKey(e.API, eff)] = true
		case kapi.Release:
			released[LockKey(e.API, eff)] = true
		}
	})
	for k := range released {
		held := taken[k] || locals[keyRoot(k)]
		for _, x := range exits {
			if _, ok := x.Lock(k); ok {
				held = true
			}
		}
		if !held {
			sum.Releases = append(sum.Releases, k)
		}
	}
	// A __releases() annotation is the function's word, as sparse takes
	// it: the release may happen where the analysis cannot see.
	// A lock it also annotates as acquired is dropped and taken back.
	for _, k := range f.Releases {
		if !slices.Contains(sum.Releases, k) && !slices.Contains(f.Acquires, k) {
			sum.Releases = append(sum.Releases, k)
		}
	}
	sort.Strings(sum.Releases)
	d := exits[0].Preempt
	for _, x := range exits {
		if !x.Preempt.Exact() || x.Preempt != d {
			d = Range{}
			break
		}
	}
	sum.Preempt = d.Lo
	return sum
}

// empty reports whether the summary changes nothing in its caller. An
// empty summary still says something: the callee's body was seen, so it
// does not release the caller's locks behind the analysis's back.
func (sum *Summary) empty() bool {
	return len(sum.Acquires) == 0 && len(sum.Releases) == 0 && sum.Preempt == 0 && len(sum.Unseen) == 0
}

// unseenArgs sets sum.Unseen from the calls of fr, using env for the
// callees that have summaries, and reports whether it changed.
func (sum *Summary) unseenArgs(fr *Func, env Summaries) bool {
	set := map[string]bool{}
	fr.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
		if e.Kind != cfg.Call || e.API == nil || e.API.Macro {
			return
		}
		if _, known := kapi.Lookup(e.API.Name); known {
			return
		}
		if callee, ok := env[e.API.Name]; ok {
			for _, k := range callee.Unseen {
				if key, ok := callee.rewrite(k, e.API.Args); ok && key != "" {
					set[key] = true
				}
			}
			return
		}
		for _, a := range e.API.Args {
			if k := cparse.LockKey(a); k != "" {
				set[k] = true
			}
		}
	})
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	changed := !slices.Equal(keys, sum.Unseen)
	sum.Unseen = keys
	return changed
}

// rewrite expresses a callee's lock key in the caller's terms.
func (sum *Summary) rewrite(key string, args []string) (string, bool) {
	return RewriteKey(sum.Params, key, args)
}

// RewriteKey expresses a lock key of a function with the given
// parameters in the terms of a caller that passes args: a key starting
// with a parameter's name takes the argument's place. ok is false for a
// key built from the callee's locals, which means nothing to the caller.
func RewriteKey(params []string, key string, args []string) (string, bool) {
	for i, p := range params {
		if i >= len(args) {
			break
		}
		if rest, ok := strings.CutPrefix(key, p); ok && (rest == "" || strings.HasPrefix(rest, "->") || strings.HasPrefix(rest, ".")) {
			arg := cparse.LockKey(args[i])
			if rest == "" {
				return arg, true
			}
			// p->lock with p = &x: x.lock; with p = q: q->lock.
			if strings.HasPrefix(strings.TrimSpace(args[i]), "&") && strings.HasPrefix(rest, "->") {
				return arg + "." + rest[2:], true
			}
			return arg + rest, true
		}
	}
	if strings.ContainsAny(key, "()") {
		return key, true // rcu_read_lock() and other argument-free keys
	}
	// A global lock keeps its name; a key built from a local of the
	// callee means nothing here.
	return key, !strings.Contains(key, "->") && !strings.Contains(key, ".")
}

func (sum *Summary) apply(s *State, e *cfg.Event) (droppedUnseen bool) {
	wasProtected, wasIRQOff := s.Protected(), s.IRQ.Off()
	var unseen []string
	for _, k := range sum.Unseen {
		if key, ok := sum.rewrite(k, e.API.Args); ok {
			unseen = append(unseen, key)
		}
	}
	droppedUnseen = releaseUnseen(s, unseen)
	for _, k := range sum.Releases {
		if key, ok := sum.rewrite(k, e.API.Args); ok {
			s.dropLock(key)
		}
	}
	for _, h := range sum.Acquires {
		if key, ok := sum.rewrite(h.Key, e.API.Args); ok {
			s.addLock(Held{Key: key, Kind: h.Kind, Must: true, Pos: e.Pos, Name: e.API.Name, Summary: true})
		}
	}
	s.Preempt = s.Preempt.add(sum.Preempt)
	settle(s, wasProtected, wasIRQOff, e.Pos, e.API.Name)
	return droppedUnseen
}

// releaseUnseen drops the summarised and annotated locks an unseen call
// may release: one passed the object a lock belongs to
// (task_rq_unlock(rq, p, &rf) after task_rq_lock(p, &rf)). args are the
// call's arguments, or what a summarised callee passes to unseen calls.
func releaseUnseen(s *State, args []string) bool {
	if len(args) == 0 || len(s.Locks) == 0 {
		return false
	}
	n := len(s.Locks)
	kept := s.Locks[:0]
	for _, h := range s.Locks {
		drop := false
		if h.Summary || h.Name == "" {
			for _, a := range args {
				arg := cparse.LockKey(a)
				if arg != "" && (h.Key == arg || strings.HasPrefix(h.Key, arg+"->") || strings.HasPrefix(h.Key, arg+".")) {
					drop = true
				}
			}
		}
		if !drop {
			kept = append(kept, h)
		}
	}
	s.Locks = kept
	return len(kept) < n
}

// keyRoot is the variable a lock key starts from ("q" of "q->lock").
func keyRoot(key string) string {
	end := strings.IndexFunc(key, func(r rune) bool {
		return r != '_' && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9')
	})
	if end < 0 {
		return key
	}
	return key[:end]
}

// localNames are the variables declared in a function's body: locks
// reached through them mean nothing to its callers.
func localNames(f *cparse.Func) map[string]bool {
	out := map[string]bool{}
	cparse.WalkStmts(f.Body, func(s *cparse.Stmt) {
		for _, d := range s.Decls {
			out[d.Var.Name] = true
		}
	})
	return out
}
