// Package dataflow computes the execution context at every event of a
// function: preemption depth, held locks, interrupt and bottom-half state,
// migration, and the function's entry context. It is a forward analysis
// over cfg graphs, merging states at joins and iterating loops to a
// fixpoint.
//
// Each component of State keeps what the rules need of all paths reaching a
// point: depths are ranges (lowest and highest depth over the paths), locks
// record whether they are held on every path or only some, the interrupt
// state says whether interrupts may be on and whether they may be off.
// Depths are capped, so the lattice is finite and the iteration ends.
//
// Entry context (unit.go): a static function whose every call in the unit
// is made with preemption disabled, and whose address is not taken, starts
// with preemption disabled. Other functions start preemptible. Function
// summaries across units are a later addition (see State's TODOs).
package dataflow
