package peakheap

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/google/pprof/profile"
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
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := profile.Parse(f)
	if err != nil {
		t.Fatalf("not a profile: %v", err)
	}
	col := -1
	for i, st := range p.SampleType {
		if st.Type == "inuse_space" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no inuse_space in the profile's sample types %v", p.SampleType)
	}
	var inuse int64
	for _, s := range p.Sample {
		inuse += s.Value[col]
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
