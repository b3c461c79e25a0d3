//go:build linux

package cparse

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kpreempt/kpreempt/cpp"
	"github.com/kpreempt/kpreempt/kbuild"
)

// within runs f and fails the test if it has not returned after a while:
// what is tested here used to hang.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("still parsing after 60s")
	}
}

// wantError checks that err is the unit's *Error, one line, with message
// msg.
func wantError(t *testing.T, err error, file, msg string) {
	t.Helper()
	var pe *Error
	if !errors.As(err, &pe) || pe.File != file || pe.Msg != msg {
		t.Errorf("got %#v (%v), want *Error{%q, %q}", err, err, file, msg)
	}
}

func TestParseNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.c")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// A writer that never writes: a read of the FIFO would wait for ever.
	w, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	within(t, func() {
		_, err := Parse(&kbuild.Unit{File: fifo})
		wantError(t, err, fifo, "not a regular file (named pipe)")
	})
	if fi, err := os.Stat("/dev/zero"); err == nil && fi.Mode()&fs.ModeCharDevice != 0 {
		within(t, func() {
			_, err := Parse(&kbuild.Unit{File: "/dev/zero"})
			wantError(t, err, "/dev/zero", "not a regular file (character device)")
		})
	}
	big := filepath.Join(dir, "big.c")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(64<<20 + 1); err != nil { // sparse: nothing is written
		t.Fatal(err)
	}
	f.Close()
	_, err = Parse(&kbuild.Unit{File: big})
	wantError(t, err, big, "file too large: more than 64 MiB")

	// A header: the unit fails, naming it.
	within(t, func() {
		_, err := ParseSource(&kbuild.Unit{File: "w.c"}, []byte("#include \""+fifo+"\"\nint x;\n"))
		wantError(t, err, "w.c", "w.c:1:10: "+fifo+": not a regular file (named pipe)")
	})
	// Other units go on.
	if _, err := ParseSource(&kbuild.Unit{File: "w.c"}, []byte("int x;\n")); err != nil {
		t.Error(err)
	}
}

func TestParseMacroDoubling(t *testing.T) {
	var b strings.Builder
	b.WriteString("#define A0 x\n")
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&b, "#define A%d A%d A%d\n", i, i-1, i-1)
	}
	b.WriteString("int v[] = { A20 };\n")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var err error
	within(t, func() { _, err = ParseSource(&kbuild.Unit{File: "w.c"}, []byte(b.String())) })
	runtime.ReadMemStats(&after)
	wantError(t, err, "w.c", "w.c:22:13: macro expansion exceeds 1048576 macro invocations")
	// Unbounded, this unit took about 1 GB to fail in the parser (and
	// with commas, 1.6 GB to parse); now about 200 MB.
	if n := after.TotalAlloc - before.TotalAlloc; n > 400<<20 {
		t.Errorf("allocated %d MB", n>>20)
	}
}

func TestParseShapeLimits(t *testing.T) {
	// Each would overflow the parser's stack, which kills the process,
	// or take its time squared.
	for _, c := range []struct{ name, src, msg string }{
		{"brackets", "int x = " + strings.Repeat("(", 2000) + "1" + strings.Repeat(")", 2000) + ";\n",
			"w.c:1:1033: brackets nested more than 1024 deep"},
		{"operators", "int x = " + strings.Repeat("- ", 2000) + "1;\n",
			"w.c:1:2055: more than 1024 operators in a row"},
		{"casts", "int x = " + strings.Repeat("(int)", 9000) + "1;\n",
			"w.c:1:40964: more than 8192 casts, calls, operators, labels and statement keywords chained in one statement"},
		{"assignments", "void f(int a) { " + strings.Repeat("a = ", 9000) + "1; }\n",
			"w.c:1:32787: more than 8192 casts, calls, operators, labels and statement keywords chained in one statement"},
		{"else-ifs", "void f(int a) { if (a) a++; " + strings.Repeat("else if (a) a++; ", 5000) + "}\n",
			"w.c:1:69661: more than 4096 else-ifs in one function"},
	} {
		t.Run(c.name, func(t *testing.T) {
			within(t, func() {
				_, err := ParseSource(&kbuild.Unit{File: "w.c"}, []byte(c.src))
				wantError(t, err, "w.c", c.msg)
			})
		})
	}
	// Below the limits, the parser copes.
	for _, src := range []string{
		"int x = " + strings.Repeat("(", 1000) + "1" + strings.Repeat(")", 1000) + ";\n",
		"void f(int a) { if (a) a++; " + strings.Repeat("else if (a) a++; ", 1000) + "}\n",
		"int x = " + strings.Repeat("(int)", 1000) + "1;\n",
	} {
		if _, err := ParseSource(&kbuild.Unit{File: "w.c"}, []byte(src)); err != nil {
			t.Errorf("%.40s...: %v", src, err)
		}
	}
}

func TestFixTokensInPlace(t *testing.T) {
	// The rewrite is in place: a dropped token must not change what the
	// rewrites after it look back at.
	res, err := cpp.Preprocess(nil, nil, "w.c", []byte("x __seg_gs __typeof__(const int) y;\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tk := range fixTokens(res.Tokens) {
		got = append(got, tk.Text())
	}
	if want := "x __typeof__ ( int ) y ;"; strings.Join(got, " ") != want {
		t.Errorf("got %s\nwant %s", strings.Join(got, " "), want)
	}
}
