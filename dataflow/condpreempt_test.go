package dataflow

import "testing"

// Exits that leave the count at two levels, told apart by the value
// returned, make a conditional count (ring_buffer_lock_reserve(): an
// event with preemption disabled, NULL with it enabled again); an exit
// returning a variable the count is pending on stands for both levels;
// values that do not tell the levels apart make none.
func TestCondPreempt(t *testing.T) {
	exact := func(p int8, v Class) Exit { return Exit{State: State{Preempt: Range{p, p}}, Value: v} }
	pending := Exit{State: State{Preempt: Range{0, 1}, Conds: CondSet{{Var: "event", When: NonZero, Preempt: 1}}}, Value: Any, Var: "event"}
	for _, c := range []struct {
		name         string
		exits        []Exit
		throughCalls bool
		base         int8
		want         *CondCount
	}{
		{"event or NULL", []Exit{exact(1, NonZero), exact(0, Zero)}, false, 0, &CondCount{When: NonZero, Preempt: 1}},
		{"a wrapper returning the reserve's value", []Exit{pending}, true, 0, &CondCount{When: NonZero, Preempt: 1}},
		{"values do not tell", []Exit{exact(1, Any), exact(0, Zero)}, false, 0, nil},
		{"a wrapper returning what it built from the reserve's object, or NULL", []Exit{exact(1, Any), exact(0, Zero)}, true, 0, &CondCount{When: Any &^ Zero, Preempt: 1}},
		{"a wrapper, values that do not tell", []Exit{exact(1, Any), exact(0, Zero|Neg)}, true, 0, nil},
		{"an error, or with the count raised anything else", []Exit{exact(1, Any), exact(0, Neg)}, false, 0, &CondCount{When: Zero | Pos | Ptr, Preempt: 1}},
		{"with the count raised an error, or anything else", []Exit{exact(1, Neg|ErrPtr), exact(0, Any)}, false, 0, &CondCount{When: Neg | ErrPtr, Preempt: 1}},
		{"same value both ways", []Exit{exact(1, Zero), exact(0, Zero)}, false, 0, nil},
		{"three levels", []Exit{exact(2, Pos), exact(1, Neg), exact(0, Zero)}, false, 0, nil},
		{"one level", []Exit{exact(1, NonZero), exact(1, Zero)}, false, 0, nil},
	} {
		base, got, ok := CondPreemptOf(c.exits, c.throughCalls)
		if ok != (c.want != nil) || ok && (*got != *c.want || base != c.base) {
			t.Errorf("%s: CondPreemptOf = %d, %+v, %v; want %d, %+v", c.name, base, got, ok, c.base, c.want)
		}
	}
}

// A function that never returns has no exits: no conditional count, and
// no index into nothing (kernel/exit.c do_exit(), make_task_dead()).
func TestCondPreemptNoExits(t *testing.T) {
	if _, c, ok := CondPreemptOf(nil, true); ok || c != nil {
		t.Errorf("CondPreemptOf(no exits) = %v, %v, want nothing", c, ok)
	}
}
