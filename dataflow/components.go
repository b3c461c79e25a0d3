package dataflow

import (
	"sort"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kapi"
)

// The components of State other than the counters (Range) and the
// interrupt flag (IRQState), each a lattice of its own: Join merges what
// two paths know, Equal tells whether a join taught anything. Each is a
// slice kept sorted by its key, so that Equal compares in one pass.

// LockSet is the locks held at a point: union over the paths, each held
// on every path (Must) only when so on both sides of a join.
type LockSet []Held

// Join merges two sets.
func (ls LockSet) Join(o LockSet) LockSet {
	var r LockSet
	i, j := 0, 0
	for i < len(ls) || j < len(o) {
		switch {
		case j >= len(o) || i < len(ls) && ls[i].Key < o[j].Key:
			h := ls[i]
			h.Must = false
			r = append(r, h)
			i++
		case i >= len(ls) || o[j].Key < ls[i].Key:
			h := o[j]
			h.Must = false
			r = append(r, h)
			j++
		default:
			h := ls[i]
			h.Must = h.Must && o[j].Must
			h.Rebased = h.Rebased || o[j].Rebased
			h.Retaken = h.Retaken && o[j].Retaken
			h.Depth = min(h.Depth, o[j].Depth)
			r = append(r, h)
			i++
			j++
		}
	}
	return r
}

// Equal compares keys, kinds and Must: where a lock was taken explains.
func (ls LockSet) Equal(o LockSet) bool {
	if len(ls) != len(o) {
		return false
	}
	for i := range ls {
		if ls[i].Key != o[i].Key || ls[i].Must != o[i].Must || ls[i].Kind != o[i].Kind || ls[i].Depth != o[i].Depth || ls[i].Retaken != o[i].Retaken {
			return false
		}
	}
	return true
}

// Lock returns the held lock with the given key, if any.
func (ls LockSet) Lock(key string) (Held, bool) {
	for _, h := range ls {
		if h.Key == key {
			return h, true
		}
	}
	return Held{}, false
}

func (ls LockSet) add(h Held) LockSet {
	for i := range ls {
		if ls[i].Key == h.Key {
			ls[i].Must = true
			if h.Kind == kapi.ReadSideR && ls[i].Depth < maxDepth {
				ls[i].Depth++
			}
			return ls
		}
	}
	if h.Depth == 0 {
		h.Depth = 1
	}
	ls = append(ls, h)
	sort.Slice(ls, func(a, b int) bool { return ls[a].Key < ls[b].Key })
	return ls
}

// drop releases a lock: one level of a nested read side, or the lock.
func (ls LockSet) drop(key string) LockSet {
	for i := range ls {
		if ls[i].Key == key {
			if ls[i].Depth > 1 {
				ls[i].Depth--
				return ls
			}
			return append(ls[:i], ls[i+1:]...)
		}
	}
	return ls
}

// saved is the interrupt state stored in a flags variable by
// local_irq_save and relatives.
type saved struct {
	Key string
	IRQ IRQState
}

// SavedSet is the interrupt states saved in flags variables: a variable
// saved on one side only keeps that side's state.
type SavedSet []saved

// Join merges the states saved in each variable.
func (ss SavedSet) Join(o SavedSet) SavedSet {
	r := append(SavedSet(nil), ss...)
	for _, sv := range o {
		found := false
		for k := range r {
			if r[k].Key == sv.Key {
				r[k].IRQ |= sv.IRQ
				found = true
			}
		}
		if !found {
			r = append(r, sv)
		}
	}
	sort.Slice(r, func(a, b int) bool { return r[a].Key < r[b].Key })
	return r
}

// Equal compares the saved states.
func (ss SavedSet) Equal(o SavedSet) bool {
	if len(ss) != len(o) {
		return false
	}
	for i := range ss {
		if ss[i] != o[i] {
			return false
		}
	}
	return true
}

func (ss SavedSet) save(key string, irq IRQState) SavedSet {
	for i := range ss {
		if ss[i].Key == key {
			ss[i].IRQ = irq
			return ss
		}
	}
	ss = append(ss, saved{key, irq})
	sort.Slice(ss, func(a, b int) bool { return ss[a].Key < ss[b].Key })
	return ss
}

// restore is the state saved in key; unknown when nothing was saved.
func (ss SavedSet) restore(key string) IRQState {
	for _, sv := range ss {
		if sv.Key == key {
			return sv.IRQ
		}
	}
	return MayBeOn | MayBeOff
}

// PendingSet is the preempt_enable_no_resched() calls awaiting a
// reschedule check, by position. A call absent on one side of a join was
// not passed there, so it keeps its state from the other side.
type PendingSet []Pending

// Join merges the pending calls.
func (ps PendingSet) Join(o PendingSet) PendingSet {
	var r PendingSet
	for _, p := range ps {
		q := p
		if o, ok := findPending(o, p.Pos); ok {
			q.Must = p.Must && o.Must
			q.Checked = p.Checked && o.Checked
		}
		r = append(r, q)
	}
	for _, p := range o {
		if _, ok := findPending(ps, p.Pos); !ok {
			r = append(r, p)
		}
	}
	sort.Slice(r, func(a, b int) bool { return r[a].Pos.Before(r[b].Pos) })
	return r
}

// Equal compares the pending calls and their states.
func (ps PendingSet) Equal(o PendingSet) bool {
	if len(ps) != len(o) {
		return false
	}
	for i := range ps {
		if ps[i] != o[i] {
			return false
		}
	}
	return true
}

func findPending(ps PendingSet, pos cparse.Pos) (Pending, bool) {
	for _, p := range ps {
		if p.Pos == pos {
			return p, true
		}
	}
	return Pending{}, false
}

// ValSet is the locations holding a CPU id or per-CPU pointer: union
// over the paths, stale when stale on either side.
type ValSet []Val

// Join merges the tracked values.
func (vs ValSet) Join(o ValSet) ValSet {
	r := append(ValSet(nil), vs...)
	for _, v := range o {
		found := false
		for k := range r {
			if r[k].Key == v.Key {
				found = true
				if v.Stale && !r[k].Stale {
					r[k].Stale, r[k].Ended = true, v.Ended
				}
			}
		}
		if !found {
			r = append(r, v)
		}
	}
	sort.Slice(r, func(a, b int) bool { return r[a].Key < r[b].Key })
	return r
}

// Equal compares locations, kinds and staleness.
func (vs ValSet) Equal(o ValSet) bool {
	if len(vs) != len(o) {
		return false
	}
	for i := range vs {
		if vs[i].Key != o[i].Key || vs[i].Stale != o[i].Stale || vs[i].Kind != o[i].Kind {
			return false
		}
	}
	return true
}

// KeySet is a set of lock keys that holds on every path: the join is the
// intersection. It records the locks a function released without having
// taken them (its caller's), until it takes them again.
type KeySet []string

// Join keeps the keys in both sets.
func (ks KeySet) Join(o KeySet) KeySet {
	var r KeySet
	for _, k := range ks {
		if o.Has(k) {
			r = append(r, k)
		}
	}
	return r
}

// union keeps the keys in either set.
func (ks KeySet) union(o KeySet) KeySet {
	r := append(KeySet(nil), ks...)
	for _, k := range o {
		r = r.add(k)
	}
	return r
}

// Equal compares the keys.
func (ks KeySet) Equal(o KeySet) bool {
	if len(ks) != len(o) {
		return false
	}
	for i := range ks {
		if ks[i] != o[i] {
			return false
		}
	}
	return true
}

// Has reports whether k is in the set.
func (ks KeySet) Has(k string) bool {
	i := sort.SearchStrings(ks, k)
	return i < len(ks) && ks[i] == k
}

func (ks KeySet) add(k string) KeySet {
	if ks.Has(k) {
		return ks
	}
	ks = append(ks, k)
	sort.Strings(ks)
	return ks
}

func (ks KeySet) remove(k string) KeySet {
	for i := range ks {
		if ks[i] == k {
			return append(ks[:i], ks[i+1:]...)
		}
	}
	return ks
}
