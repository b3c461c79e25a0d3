package boundedio

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// within runs f and fails the test if it has not returned after a while:
// the reads tested here hang when they go wrong.
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

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.c")
	if err := os.WriteFile(name, []byte("int x;\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.c")
	if err := os.Symlink(name, link); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{name, link} {
		b, err := ReadFile(n, 100)
		if err != nil || string(b) != "int x;\n" {
			t.Errorf("ReadFile(%s) = %q, %v", n, b, err)
		}
	}
	// Exactly at the limit is fine, one byte over is not.
	if _, err := ReadFile(name, 7); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	_, err := ReadFile(name, 6)
	if !errors.Is(err, ErrTooLarge) || err.Error() != "read "+name+": file too large: more than 6 bytes" {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "nope.c"), 100); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestReadFileRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// A writer that never writes: a read of the FIFO would wait for ever.
	w, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	link := filepath.Join(dir, "fifo.h")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()

	cases := []struct{ name, want string }{
		{fifo, "not a regular file (named pipe)"},
		{link, "not a regular file (named pipe)"},
		{sock, "not a regular file (socket)"},
		{dir, "is a directory"},
	}
	if fi, err := os.Stat("/dev/zero"); err == nil && fi.Mode()&fs.ModeCharDevice != 0 {
		cases = append(cases, struct{ name, want string }{"/dev/zero", "not a regular file (character device)"})
	}
	for _, c := range cases {
		within(t, func() {
			_, err := ReadFile(c.name, SourceLimit)
			if err == nil || err.Error() != "read "+c.name+": "+c.want {
				t.Errorf("ReadFile(%s): %v, want %q", c.name, err, c.want)
			}
			if strings.HasSuffix(c.want, "directory") != errors.Is(err, syscall.EISDIR) {
				t.Errorf("ReadFile(%s): %v is EISDIR: %v", c.name, err, errors.Is(err, syscall.EISDIR))
			}
		})
	}
}

func TestReadFileTooLarge(t *testing.T) {
	// A sparse file: its size is refused before anything is read.
	name := filepath.Join(t.TempDir(), "big.h")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(SourceLimit + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadFile(name, SourceLimit)
	if err == nil || err.Error() != "read "+name+": file too large: more than 64 MiB" {
		t.Errorf("got %v", err)
	}
}

func TestReadFileProc(t *testing.T) {
	// Files in /proc say they are empty: the size is only a hint.
	b, err := ReadFile("/proc/self/status", 1<<20)
	if err != nil || !strings.Contains(string(b), "Name:") {
		t.Errorf("got %q, %v", b, err)
	}
	if _, err := ReadFile("/proc/self/status", 10); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the limit: %v", err)
	}
}

// readFileOnly serves ReadFile only, as an in-memory overlay may.
type readFileOnly map[string]string

func (m readFileOnly) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (m readFileOnly) ReadFile(name string) ([]byte, error) {
	if s, ok := m[name]; ok {
		return []byte(s), nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func TestReadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"a.h":     {Data: []byte("a\n")},
		"pipe":    {Mode: fs.ModeNamedPipe},
		"dev":     {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"dir/b.h": {Data: []byte("b\n")},
	}
	if b, err := ReadFS(fsys, "a.h", 10); err != nil || string(b) != "a\n" {
		t.Errorf("a.h: %q, %v", b, err)
	}
	for name, want := range map[string]string{
		"pipe": "not a regular file (named pipe)",
		"dev":  "not a regular file (character device)",
		"dir":  "is a directory",
		"a.h":  "file too large: more than 1 bytes",
	} {
		if _, err := ReadFS(fsys, name, 1); err == nil || err.Error() != "read "+name+": "+want {
			t.Errorf("%s: %v, want %q", name, err, want)
		}
	}
	if _, err := ReadFS(fsys, "nope.h", 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}

	ro := readFileOnly{"x.h": "x\n"}
	if b, err := ReadFS(ro, "x.h", 10); err != nil || string(b) != "x\n" {
		t.Errorf("x.h: %q, %v", b, err)
	}
	if _, err := ReadFS(ro, "x.h", 1); !errors.Is(err, ErrTooLarge) {
		t.Errorf("x.h over the limit: %v", err)
	}
	if _, err := ReadFS(ro, "nope.h", 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
}
