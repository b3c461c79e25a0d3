// Package dataflow computes the execution context at every event of a
// function: preemption depth, held locks, interrupt and bottom-half state,
// migration, FPU sections, the values a branch decides, and CPU ids and
// per-CPU pointers obtained under protection. The engine (engine.go) is a
// forward solver over any graph and any lattice; it knows nothing of
// preemption. The context is a product of components (components.go,
// values.go), each a lattice with its own join and equality, tested on
// synthetic values; the transfer of cfg events is in analyze.go.
//
// Each component keeps what the rules need of all paths reaching a point:
// depths are ranges (lowest and highest depth over the paths), locks
// record whether they are held on every path or only some, the interrupt
// state says whether interrupts may be on and whether they may be off.
// Depths are capped, so the lattice is finite and the iteration ends.
//
// PREEMPT_RT's context is kept next to the classic one in the same state,
// not computed by a second run: on PREEMPT_RT spinlock_t, rwlock_t and
// local_lock sleep and leave interrupts enabled (kapi.LockKind.SleepsOnRT,
// kapi.Effect.IRQOnRT), so what differs is the interrupt state (RawIRQ,
// RawSaved), which scope guards stay atomic (RawGuarded) and whether the
// entry is atomic there too (RawAtomic); the preempt count, raw locks and
// FPU sections mean the same on both. State.AtomicOnRT reads the RT view.
// One pass serves both models, and the findings say which holds (the
// design had one context model; locktypes.rst adds the second).
//
// Locks and values are keyed by the text of an access path (cparse.Path):
// a function's keys are rewritten into its caller's terms only through
// Path, never by string prefixes. A value key may also name bits of a
// location (MaskKey: flags&4) or whether it points to a named object
// (EqKey: iter->temp==static_temp_buf); writing the location forgets
// both.
//
// A unit's functions are summarised bottom-up (unit.go, BottomUp): what
// a call of each does to its caller (Summary: locks it returns holding,
// conditionally on its value or not, locks of its caller it releases,
// its net preempt count, a CPU id or per-CPU pointer it returns), over
// the strongly connected components of the unit's call graph, each to a
// bounded fixpoint. How a function is entered, and the summaries of other
// units' functions, come from the program (Env, which package interproc
// provides); a unit on its own is entered preemptible when it is the
// whole program, unknown otherwise.
package dataflow
