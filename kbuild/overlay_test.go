package kbuild

import (
	"io/fs"
	"path/filepath"
	"testing"
)

func TestOverlay(t *testing.T) {
	abs, _ := filepath.Abs("tree/kernel/part.c")
	u := &Unit{File: "unit.c", Overlay: Overlay{abs: []byte("int x;\n")}}
	b, err := fs.ReadFile(u.FS(), filepath.ToSlash(abs))
	if err != nil || string(b) != "int x;\n" {
		t.Fatalf("overlay read = %q, %v", b, err)
	}
	fi, err := fs.Stat(u.FS(), filepath.ToSlash(abs))
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != 7 {
		t.Fatalf("overlay stat = %v, %v", fi, err)
	}
	if _, err := u.FS().Open(filepath.ToSlash(abs) + ".h"); err == nil {
		t.Error("a name the overlay does not hold is found")
	}
	// Over the stub headers: both are served.
	s := Standalone("x.c")
	s.Overlay = u.Overlay
	if _, err := fs.ReadFile(s.FS(), filepath.ToSlash(abs)); err != nil {
		t.Error(err)
	}
	if _, err := fs.ReadFile(s.FS(), StubDir+"/linux/spinlock.h"); err != nil {
		t.Error(err)
	}
	if (&Unit{}).FS() != nil {
		t.Error("a unit with neither reads through a file system")
	}
}
