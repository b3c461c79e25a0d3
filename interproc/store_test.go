package interproc

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Saving a unit's facts again leaves the facts they replace unreferenced:
// Prune removes those older than its bound and keeps what records refer
// to, and what is newer (another run sharing the store may be about to
// refer to it). Update replaces the facts under the same record.
func TestStorePrune(t *testing.T) {
	dir := t.TempDir()
	st, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "a.c")
	if err := os.WriteFile(src, []byte("int x;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	save := func(fn string) {
		t.Helper()
		f := &UnitFacts{Version: Version, Unit: "a.c", Funcs: []FuncFacts{{Sym: Symbol{Name: fn}}}}
		if err := st.Save("k", src, Deps([]string{src}), f); err != nil {
			t.Fatal(err)
		}
	}
	objects := func() int {
		t.Helper()
		n := 0
		err := filepath.WalkDir(filepath.Join(dir, "objects"), func(_ string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	save("old")
	save("new") // the same file list, other facts
	if n := objects(); n != 3 {
		t.Fatalf("%d objects, want the file list and two versions of the facts", n)
	}
	if n, err := st.Prune(time.Now().Add(-time.Hour)); err != nil || n != 0 {
		t.Errorf("objects newer than the bound: %d removed (%v), want 0", n, err)
	}
	if n, err := st.Prune(time.Now().Add(time.Hour)); err != nil || n != 1 {
		t.Errorf("%d removed (%v), want the replaced facts", n, err)
	}
	records, err := st.Records()
	if err != nil {
		t.Fatal(err)
	}
	uf, err := st.Load(records["a.c"])
	if err != nil || uf.Funcs[0].Sym.Name != "new" {
		t.Fatalf("after pruning: %v, %+v", err, uf)
	}
	d := "digest"
	uf.Accepted = &d
	if err := st.Update(uf); err != nil {
		t.Fatal(err)
	}
	records, _ = st.Records()
	if uf, err := st.Load(records["a.c"]); err != nil || uf.Accepted == nil || *uf.Accepted != d || records["a.c"].Key != "k" {
		t.Errorf("after Update: %v, %+v, record %+v", err, uf, records["a.c"])
	}
}
