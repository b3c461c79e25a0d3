package cparse

import "sync"

// parsing bounds the reduced tokens of the units that cc/v4 parses, and
// that are converted from its AST, at once: those ASTs are most of a
// run's peak memory (drivers/gpu/drm/i915/display/intel_display.c, 780k
// tokens, takes 875 MB checked alone), and units parsed side by side
// that are both large (a driver's, next to each other in a build's order)
// made the whole tree's peak. Small units go on beside a large one; a
// unit larger than the bound waits until it has it all.
var parsing = newTokenBudget()

// LimitParse bounds the tokens parsed at once (0: no bound).
func LimitParse(tokens int64) { parsing.setLimit(tokens) }

type tokenBudget struct {
	mu          sync.Mutex
	freed       *sync.Cond
	limit, used int64
}

func newTokenBudget() *tokenBudget {
	b := &tokenBudget{}
	b.freed = sync.NewCond(&b.mu)
	return b
}

func (b *tokenBudget) setLimit(n int64) {
	b.mu.Lock()
	b.limit = n
	b.mu.Unlock()
	b.freed.Broadcast()
}

// take waits for n tokens of the budget and returns what it took, for
// give.
func (b *tokenBudget) take(n int64) int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.limit <= 0 {
		return 0
	}
	n = min(n, b.limit)
	for b.used > 0 && b.used+n > b.limit {
		b.freed.Wait()
	}
	b.used += n
	return n
}

func (b *tokenBudget) give(n int64) {
	if n == 0 {
		return
	}
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
	b.freed.Broadcast()
}
