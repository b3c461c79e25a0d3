package pipeline

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/internal/scratch"
	"github.com/kpreempt/kpreempt/kbuild"
)

// keepParsed is how many units a run keeps parsed in memory between its
// phases, so that the program's settling rounds and the check phase do
// not preprocess and parse them again (on 120 units of the fixture that
// second parse was 44 % of the CPU time): a parsed unit, reduced, is
// about 2 MB, so 256 of them hold half a gigabyte. A larger run keeps
// them on disk, encoded (cparse.Unit.Encode): on the fixture a unit
// takes 0.3-0.5 MB there compressed, and reading one back costs about
// 1 % of parsing it (15 ms against 1.5-2.5 s for mm/page_alloc.c).
var keepParsed = 256

// readBack counts the units read back from disk, for the tests.
var readBack atomic.Int64

// parsedUnits keeps the units a run parsed, for its later phases: in
// memory for a few, in a directory of the run's own for many. A unit it
// cannot keep or read back is parsed again.
type parsedUnits struct {
	mu  sync.Mutex
	mem map[*kbuild.Unit]*cparse.Unit
	dir string // "" keeps them in memory
	on  map[*kbuild.Unit]string
	// failed is said once on the log: the run goes on parsing again.
	failed sync.Once
	log    io.Writer
}

// newParsedUnits keeps the parsed units of a run over n units; close
// removes what it wrote.
func newParsedUnits(n int, log io.Writer) *parsedUnits {
	p := &parsedUnits{mem: map[*kbuild.Unit]*cparse.Unit{}, on: map[*kbuild.Unit]string{}, log: log}
	if n > keepParsed {
		dir, err := scratch.MkdirTemp("", "kpreempt-parsed-")
		if err != nil {
			p.fail(err)
			return nil
		}
		p.dir = dir
	}
	return p
}

func (p *parsedUnits) fail(err error) {
	p.failed.Do(func() {
		fmt.Fprintf(p.log, "kpreempt: cannot keep parsed units (%v): each phase parses them again\n", err)
	})
}

// put keeps a parsed unit; safe for concurrent use.
func (p *parsedUnits) put(u *kbuild.Unit, cu *cparse.Unit) {
	if p == nil {
		return
	}
	if p.dir == "" {
		p.mu.Lock()
		p.mem[u] = cu
		p.mu.Unlock()
		return
	}
	var buf bytes.Buffer
	w, _ := flateWriters.Get().(*flate.Writer)
	if w == nil {
		w, _ = flate.NewWriter(&buf, flate.BestSpeed)
	} else {
		w.Reset(&buf)
	}
	_, _ = w.Write(cu.Encode())
	_ = w.Close()
	flateWriters.Put(w)
	p.mu.Lock()
	name := filepath.Join(p.dir, fmt.Sprintf("%d", len(p.on)))
	p.on[u] = name
	p.mu.Unlock()
	if err := os.WriteFile(name, buf.Bytes(), 0o600); err != nil {
		p.mu.Lock()
		delete(p.on, u)
		p.mu.Unlock()
		p.fail(err)
	}
}

// flateWriters are writers for put to reset: each holds some 1 MB of
// tables, which a unit's put would otherwise allocate anew.
var flateWriters sync.Pool

// get returns a unit kept, nil when there is none.
func (p *parsedUnits) get(u *kbuild.Unit) *cparse.Unit {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	cu, name := p.mem[u], p.on[u]
	p.mu.Unlock()
	if cu != nil || name == "" {
		return cu
	}
	f, err := os.Open(name)
	if err != nil {
		p.fail(err)
		return nil
	}
	defer f.Close()
	b, err := io.ReadAll(flate.NewReader(f))
	if err == nil {
		cu, err = cparse.DecodeUnit(b)
	}
	if err != nil {
		p.fail(fmt.Errorf("%s: %w", name, err))
		return nil
	}
	readBack.Add(1)
	return cu
}

// close removes the units kept on disk.
func (p *parsedUnits) close() {
	if p != nil && p.dir != "" {
		_ = scratch.Remove(p.dir)
	}
}
