package kbuild

import (
	"io"
	"strings"
	"testing"
)

func TestStubFS(t *testing.T) {
	fsys := StubFS()
	read := func(name string) (string, error) {
		f, err := fsys.Open(name)
		if err != nil {
			return "", err
		}
		defer f.Close()
		b, err := io.ReadAll(f)
		return string(b), err
	}
	spin, err := read(StubDir + "/linux/spinlock.h")
	if err != nil || !strings.Contains(spin, "spin_lock") {
		t.Fatalf("linux/spinlock.h: %v", err)
	}
	// An unknown kernel header resolves to the umbrella stub.
	umb, err := read(StubDir + "/linux/netdevice.h")
	all, _ := read(StubDir + "/" + umbrella)
	if err != nil || umb != all || all == "" {
		t.Errorf("unknown header: %v", err)
	}
	// Names outside the stub directory are left to the host file system.
	if _, err := fsys.Open("/usr/include/stdio.h"); err == nil {
		t.Error("StubFS serves a host path")
	}
	if _, err := fsys.Open(StubDir + "/linux/notaheader.txt"); err == nil {
		t.Error("StubFS answers a non-header")
	}
}

func TestStandalone(t *testing.T) {
	u := Standalone("dir/x.c")
	if !u.Stubs || u.Display != "dir/x.c" || len(u.SystemDirs) != 1 || u.SystemDirs[0] != StubDir || u.IncludeDirs[0] != "dir" {
		t.Errorf("Standalone = %+v", u)
	}
}
