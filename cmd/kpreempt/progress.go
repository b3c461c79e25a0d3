package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress shows "done/total, failures, files/s, ETA" on one line of a
// terminal while a run goes; it is silent when stderr is not a terminal or
// the run is short.
type progress struct {
	w       io.Writer
	enabled bool
	total   int
	start   time.Time

	mu     sync.Mutex
	n      int
	failed int
	last   time.Time
	shown  bool
}

func newProgress(w io.Writer, total int, wanted bool) *progress {
	return &progress{w: w, enabled: wanted && total > 1 && isTerminal(w), total: total, start: time.Now()}
}

func (p *progress) done(failed bool) {
	if !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	if failed {
		p.failed++
	}
	now := time.Now()
	if now.Sub(p.last) < 200*time.Millisecond && p.n < p.total {
		return
	}
	p.last = now
	el := now.Sub(p.start).Seconds()
	rate := float64(p.n) / max(el, 1e-3)
	eta := time.Duration(float64(p.total-p.n)/max(rate, 1e-3)) * time.Second
	fmt.Fprintf(p.w, "\r\x1b[K%d/%d steps, %d failed, %.1f/s, ETA %s", p.n, p.total, p.failed, rate, eta.Round(time.Second))
	p.shown = true
}

func (p *progress) finish() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
