//go:build linux

package kbuild

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within runs f and fails the test if it has not returned after a while:
// reading a FIFO used to wait for ever.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("still reading after 30s")
	}
}

// mkfifo makes a FIFO at name with a writer that never writes, so that a
// read of it would wait for ever; the writer is closed with the test.
func mkfifo(t *testing.T, name string) {
	t.Helper()
	if err := syscall.Mkfifo(name, 0o600); err != nil {
		t.Fatal(err)
	}
	w, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
}

func TestLoadDBNotRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "compile_commands.json")
	mkfifo(t, fifo)
	within(t, func() {
		_, err := LoadDB(fifo)
		if err == nil || err.Error() != "read "+fifo+": not a regular file (named pipe)" {
			t.Errorf("got %v", err)
		}
	})
	big := filepath.Join(dir, "big.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxDBSize + 1); err != nil { // sparse: nothing is written
		t.Fatal(err)
	}
	f.Close()
	if _, err := LoadDB(big); err == nil || err.Error() != "read "+big+": file too large: more than 512 MiB" {
		t.Errorf("got %v", err)
	}
}

func TestTreeFilesNotRegular(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, fakeTree)
	writeFiles(t, root, map[string]string{"include/generated/autoconf.h": ""})
	config := filepath.Join(root, ".config")
	mkfifo(t, config)
	within(t, func() {
		_, err := FindTree(root)
		if err == nil || err.Error() != "read "+config+": not a regular file (named pipe)" {
			t.Errorf("FIFO .config: %v", err)
		}
	})
	os.Remove(config)
	writeFiles(t, root, map[string]string{".config": "CONFIG_X86=y\r\nCONFIG_FOO_TRACE=y\n"})

	// A Makefile that is a FIFO is skipped: its flags are lost, nothing
	// hangs.
	mk := filepath.Join(root, "drivers/foo/Makefile")
	os.Remove(mk)
	mkfifo(t, mk)
	within(t, func() {
		tr, err := FindTree(root)
		if err != nil {
			t.Fatal(err)
		}
		if tr.Arch != "x86" {
			t.Errorf("arch %q: a CRLF .config is not read", tr.Arch)
		}
		u := tr.Unit(filepath.Join(root, "drivers/foo/bar-core.c"))
		if d := defString(u); !strings.Contains(d, "DRIVERS_WIDE") || strings.Contains(d, "FOO_DEBUG") {
			t.Errorf("defines %s", d)
		}
	})
}
