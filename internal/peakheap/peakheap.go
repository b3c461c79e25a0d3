// Package peakheap keeps a heap profile of the moment a run's live heap
// was highest: what holds memory at the peak, which a profile taken at
// the end of the run (when most of it is freed) does not show. It polls
// the collector's live-heap figure, so it costs a profile only when a
// new peak is reached.
package peakheap

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/kpreempt/kpreempt/internal/scratch"
)

// every is how often the live heap is read; step is how much higher a
// new peak must be to be profiled again (a profile takes a few
// milliseconds, and the heap grows in small steps).
const (
	every = 500 * time.Millisecond
	step  = 1.05
)

// Recorder profiles the heap at each new peak of the live heap.
type Recorder struct {
	path string
	stop chan struct{}
	done sync.WaitGroup

	mu      sync.Mutex
	peak    uint64 // live heap bytes at the profile kept
	profile []byte
}

// Start begins watching the live heap; Stop writes the profile of its
// peak to path.
func Start(path string) (*Recorder, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	f.Close()
	r := &Recorder{path: path, stop: make(chan struct{})}
	r.done.Add(1)
	go r.watch()
	return r, nil
}

func (r *Recorder) watch() {
	defer r.done.Done()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-r.stop:
			return
		case <-t.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		r.observe(sample[0].Value.Uint64())
	}
}

// observe profiles the heap when live is a new peak.
func (r *Recorder) observe(live uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.profile != nil && float64(live) < float64(r.peak)*step {
		return
	}
	var buf bytes.Buffer
	if err := pprof.Lookup("heap").WriteTo(&buf, 0); err != nil {
		return
	}
	r.peak, r.profile = live, buf.Bytes()
}

// The profile is pprof's compressed protocol buffer form, as
// go test -memprofile writes it: a few megabytes where the text form of
// a whole-tree run's profile took 250 MB of heap at each peak, and
// go tool pprof reads it without the executable.

// Stop ends the watch and writes the profile of the peak (a profile of
// the heap now, when no peak was seen), whole or not at all. It returns
// the live heap at the peak.
func (r *Recorder) Stop() (uint64, error) {
	close(r.stop)
	r.done.Wait()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.profile == nil {
		var buf bytes.Buffer
		if err := pprof.Lookup("heap").WriteTo(&buf, 0); err != nil {
			return 0, err
		}
		r.profile = buf.Bytes()
	}
	tmp, err := os.CreateTemp(filepath.Dir(r.path), ".memprofile-*")
	if err != nil {
		return r.peak, err
	}
	scratch.Track(tmp.Name())
	defer scratch.Untrack(tmp.Name())
	_, werr := tmp.Write(r.profile)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), r.path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return r.peak, fmt.Errorf("writing %s: %v", r.path, werr)
	}
	return r.peak, nil
}
