package peakheap

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// The profile kept is the one of the highest live heap: a large
// allocation held for a while and then dropped is in it, though it is
// gone when the recorder stops.
func TestProfileOfThePeak(t *testing.T) {
	path := filepath.Join(t.TempDir(), "heap.prof")
	r, err := Start(path)
	if err != nil {
		t.Fatal(err)
	}
	r.observe(1 << 20)
	big := make([][]byte, 64)
	for i := range big {
		big[i] = make([]byte, 1<<20)
	}
	runtime.GC()
	r.observe(200 << 20)
	runtime.KeepAlive(big)
	big = nil
	runtime.GC()
	r.observe(2 << 20) // lower: the peak's profile stays
	peak, err := r.Stop()
	if err != nil {
		t.Fatal(err)
	}
	if peak != 200<<20 {
		t.Errorf("peak %d, want the highest observed", peak)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// "heap profile: <objects in use>: <bytes in use> [...] @ heap/..."
	var objects, inuse int64
	if _, err := fmt.Sscanf(string(b), "heap profile: %d: %d", &objects, &inuse); err != nil {
		t.Fatalf("not a heap profile (%v): %.80q", err, b)
	}
	if inuse < 32<<20 {
		t.Errorf("the profile holds %d bytes in use, want the 64 MiB held at the peak", inuse)
	}
}

// A path that cannot be written is an error at the start, not a lost
// profile at the end.
func TestUnwritablePath(t *testing.T) {
	if _, err := Start(filepath.Join(t.TempDir(), "no", "such", "dir", "heap.prof")); err == nil {
		t.Fatal("no error for a directory that does not exist")
	}
}
