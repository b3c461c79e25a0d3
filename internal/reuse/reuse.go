// Package reuse keeps what a translation unit is done with (an array, a
// map, a slab of records) for a unit read later, so that a tree's run does
// not allocate, and collect, the same large things once per unit. At most
// one value per processor is kept: what is kept is bounded by the units
// read at once, not by the tree.
package reuse

import "runtime"

// Kept holds values of one kind for reuse; safe for concurrent use.
type Kept[T any] struct{ ch chan T }

// New returns an empty Kept.
func New[T any]() *Kept[T] { return &Kept[T]{ch: make(chan T, runtime.GOMAXPROCS(0))} }

// Take returns a value given earlier, and false when there is none.
func (k *Kept[T]) Take() (T, bool) {
	select {
	case v := <-k.ch:
		return v, true
	default:
		var zero T
		return zero, false
	}
}

// Give keeps v for a later Take, or drops it when as many are kept as
// there are processors.
func (k *Kept[T]) Give(v T) {
	select {
	case k.ch <- v:
	default:
	}
}
