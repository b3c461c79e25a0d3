package cparse

import (
	"testing"
	"time"
)

// A unit waits for the tokens others parse to leave it room; one larger
// than the bound takes it all, once the others are done; no bound, no
// wait.
func TestTokenBudget(t *testing.T) {
	b := newTokenBudget()
	if got := b.take(1 << 40); got != 0 {
		t.Fatalf("no bound: took %d", got)
	}
	b.setLimit(10)
	first := b.take(6)
	took := make(chan int64)
	go func() { took <- b.take(6) }()
	select {
	case n := <-took:
		t.Fatalf("took %d beside 6 of a bound of 10", n)
	case <-time.After(50 * time.Millisecond):
	}
	b.give(first)
	second := <-took
	if second != 6 {
		t.Fatalf("took %d, want 6", second)
	}
	go func() { took <- b.take(25) }()
	select {
	case n := <-took:
		t.Fatalf("a unit larger than the bound took %d beside 6", n)
	case <-time.After(50 * time.Millisecond):
	}
	b.give(second)
	if large := <-took; large != 10 {
		t.Fatalf("a unit larger than the bound took %d, want all 10", large)
	}
}
