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
	stillWaiting(t, took, "6 beside 6 of a bound of 10")
	b.give(first)
	second := <-took
	if second != 6 {
		t.Fatalf("took %d, want 6", second)
	}
	go func() { took <- b.take(25) }()
	stillWaiting(t, took, "a unit larger than the bound beside 6")
	b.give(second)
	if large := <-took; large != 10 {
		t.Fatalf("a unit larger than the bound took %d, want all 10", large)
	}
}

// stillWaiting fails the test if a take made in the background (what)
// returns within 50 ms: it must wait for tokens given back.
func stillWaiting(t *testing.T, took <-chan int64, what string) {
	t.Helper()
	select {
	case n := <-took:
		t.Fatalf("%s: took %d, want a wait", what, n)
	case <-time.After(50 * time.Millisecond):
	}
}
