//go:build linux

package cpp

import (
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
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
	case <-time.After(30 * time.Second):
		t.Fatal("still preprocessing after 30s")
	}
}

// wantFatal preprocesses src and checks that it fails with an error that
// ends with want.
func wantFatal(t *testing.T, cfg *Config, src, want string) {
	t.Helper()
	within(t, func() {
		_, err := Preprocess(NewCache(), cfg, "t.c", []byte(src))
		if err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("got %v, want an error ending %q", err, want)
		}
	})
}

func TestIncludeNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.h")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// A writer that never writes: a read of the FIFO would wait for ever.
	w, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	sock := filepath.Join(dir, "sock.h")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()

	for _, c := range []struct{ src, want string }{
		{`#include "` + fifo + `"`, `t.c:1:10: ` + fifo + `: not a regular file (named pipe)`},
		{"#include <fifo.h>", `t.c:1:10: ` + fifo + `: not a regular file (named pipe)`},
		{`#include "` + sock + `"`, `t.c:1:10: ` + sock + `: not a regular file (socket)`},
	} {
		wantFatal(t, &Config{IncludeDirs: []string{dir}}, c.src+"\nint x;\n", c.want)
	}
	// -include, and the main file itself.
	wantFatal(t, &Config{Includes: []string{fifo}}, "int x;\n", fifo+": not a regular file (named pipe)")
	within(t, func() {
		_, err := Preprocess(NewCache(), nil, fifo, nil)
		if err == nil || err.Error() != fifo+": not a regular file (named pipe)" {
			t.Errorf("main file: %v", err)
		}
	})
	if fi, err := os.Stat("/dev/zero"); err == nil && fi.Mode()&fs.ModeCharDevice != 0 {
		wantFatal(t, nil, "#include \"/dev/zero\"\n", "/dev/zero: not a regular file (character device)")
	}
	// A directory is skipped as gcc skips it.
	if err := os.Mkdir(filepath.Join(dir, "sub.h"), 0o777); err != nil {
		t.Fatal(err)
	}
	wantFatal(t, &Config{IncludeDirs: []string{dir}}, "#include <sub.h>\n", "sub.h: No such file or directory")
}

// TestIncludeStdin includes /dev/stdin while standard input is a pipe that
// is open and never written to.
func TestIncludeStdin(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "stdin")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	saved, err := syscall.Dup(0)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Dup3(int(r.Fd()), 0, 0); err != nil {
		t.Fatal(err)
	}
	defer func() {
		syscall.Dup3(saved, 0, 0)
		syscall.Close(saved)
	}()
	wantFatal(t, nil, "#include \"/dev/stdin\"\nint x;\n", "t.c:1:10: /dev/stdin: not a regular file (named pipe)")
}

func TestIncludeTooLarge(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "big.h"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(64<<20 + 1); err != nil { // sparse: nothing is written
		t.Fatal(err)
	}
	f.Close()
	wantFatal(t, &Config{IncludeDirs: []string{dir}}, "#include <big.h>\n", filepath.Join(dir, "big.h")+": file too large: more than 64 MiB")
}

// doubling defines A0 as x and each An as two of A(n-1).
func doubling(depth int) string {
	var b strings.Builder
	b.WriteString("#define A0 x\n")
	for i := 1; i <= depth; i++ {
		fmt.Fprintf(&b, "#define A%d A%d A%d\n", i, i-1, i-1)
	}
	fmt.Fprintf(&b, "int v[] = { A%d };\n", depth)
	return b.String()
}

// allocated returns the bytes f allocates on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestMacroDoubling(t *testing.T) {
	// 2^20 tokens need 2^21 invocations; each level more doubles both.
	// Unbounded, depth 20 took 350 MB here and several GB down the
	// pipeline; 23 and more, as much before the output limit.
	for _, depth := range []int{20, 23, 40} {
		var err error
		n := allocated(func() {
			within(t, func() { _, err = Preprocess(NewCache(), nil, "t.c", []byte(doubling(depth))) })
		})
		want := fmt.Sprintf("t.c:%d:13: macro expansion exceeds %d macro invocations", depth+2, maxExpansions)
		if err == nil || err.Error() != want {
			t.Errorf("depth %d: got %v, want %s", depth, err, want)
		}
		// About 200 MB: the invocations up to the limit and the tokens
		// they made.
		if n > 400<<20 {
			t.Errorf("depth %d: allocated %d MB", depth, n>>20)
		}
	}
	// A real unit's worth is fine.
	if _, err := Preprocess(NewCache(), nil, "t.c", []byte(doubling(16))); err != nil {
		t.Errorf("depth 16: %v", err)
	}
}

// limit sets *v to n for the rest of the test.
func limit(t *testing.T, v *int, n int) {
	saved := *v
	*v = n
	t.Cleanup(func() { *v = saved })
}

func TestUnitLimits(t *testing.T) {
	wide := "#define W0 x x x x x x x x\n#define W1 W0 W0 W0 W0 W0 W0 W0 W0\n#define W2 W1 W1 W1 W1 W1 W1 W1 W1\n"
	t.Run("output tokens", func(t *testing.T) {
		limit(t, &maxTokens, 1<<15)
		wantFatal(t, nil, wide+"#define W3 W2 W2 W2 W2 W2 W2 W2 W2\n#define W4 W3 W3 W3 W3 W3 W3 W3 W3\nW4 W4\n",
			"preprocessed output exceeds 32768 tokens")
	})
	t.Run("output bytes", func(t *testing.T) {
		// The tokens share the string's text: rendering it is what
		// would take the memory.
		limit(t, &maxOutBytes, 1<<20)
		within(t, func() {
			res, err := Preprocess(NewCache(), nil, "t.c", []byte("#define L \""+strings.Repeat("a", 1<<12)+"\"\n#define L2 L L L L L L L L\n#define L3 L2 L2 L2 L2 L2 L2 L2 L2\nL3 L3 L3 L3 L3\n"))
			if err != nil {
				t.Fatal(err)
			}
			text, _, err := Text(res.Tokens)
			if want := "t.c:1:11: preprocessed output exceeds 1048576 bytes"; err == nil || err.Error() != want || text != nil {
				t.Errorf("rendered %d bytes, error %v; want none and %q", len(text), err, want)
			}
		})
	})
	t.Run("work", func(t *testing.T) {
		limit(t, &maxWork, 1<<10)
		wantFatal(t, nil, wide+"#define F(x) x\nF(W2)\n", "macro expansion exceeds 1024 tokens")
	})
	t.Run("held tokens", func(t *testing.T) {
		// Each level of nesting copies the rest of the argument.
		limit(t, &maxLive, 1<<14)
		wantFatal(t, nil, "#define F(x) x\n"+strings.Repeat("F(", 2000)+"1"+strings.Repeat(")", 2000)+"\n",
			"macro expansion holds more than 16384 tokens at once")
	})
	t.Run("held tokens in #if", func(t *testing.T) {
		limit(t, &maxLive, 1<<8)
		wantFatal(t, nil, wide+"#if W2 1\n#endif\n", "macro expansion holds more than 256 tokens at once")
	})
	t.Run("made text", func(t *testing.T) {
		limit(t, &maxMadeBytes, 1<<20)
		wantFatal(t, nil, "#define L \""+strings.Repeat("a", 1<<12)+"\"\n#define S(x) #x\n#define X(x) S(x)\n#define F(x) X(x x x x x x x x)\n#define G(x) F(F(F(x)))\nG(L)\n",
			"macro expansion makes more than 1048576 bytes of text")
	})
	t.Run("pasted text", func(t *testing.T) {
		limit(t, &maxMadeBytes, 1<<20)
		wantFatal(t, nil, "#define I "+strings.Repeat("a", 1<<12)+"\n#define C2(a, b) a##b\n#define C(a, b) C2(a, b)\n#define P0 C(I, __COUNTER__)\n#define P1 P0 P0 P0 P0 P0 P0 P0 P0\n#define P2 P1 P1 P1 P1 P1 P1 P1 P1\nP2 P2 P2 P2\n",
			"macro expansion makes more than 1048576 bytes of text")
	})
	t.Run("argument nesting", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("#define F(x) x\n#define N0 F(1)\n")
		for i := 1; i <= 200; i++ {
			fmt.Fprintf(&b, "#define N%d F(N%d)\n", i, i-1)
		}
		b.WriteString("N200\n")
		limit(t, &maxArgNesting, 100)
		wantFatal(t, nil, b.String(), "macro arguments nested more than 100 deep")
	})
	t.Run("file tokens", func(t *testing.T) {
		limit(t, &maxFileTokens, 1000)
		fsys := memFS{"/inc/many.h": strings.Repeat("x ", 1001)}
		wantFatal(t, &Config{FS: fsys, IncludeDirs: []string{"/inc"}}, "#include <many.h>\n", "/inc/many.h: file has more than 1000 tokens")
	})
	t.Run("#if nesting", func(t *testing.T) {
		wantFatal(t, nil, "#if "+strings.Repeat("(", 5000)+"1"+strings.Repeat(")", 5000)+"\n#endif\n",
			"#if expression nested more than 4096 deep")
		wantFatal(t, nil, "#if "+strings.Repeat("- ", 5000)+"1\n#endif\n", "#if expression nested more than 4096 deep")
		wantFatal(t, nil, "#if "+strings.Repeat("1 ? 1 : ", 5000)+"1\n#endif\n", "#if expression nested more than 4096 deep")
		if res := pre(t, nil, "#if "+strings.Repeat("(", 1000)+"1"+strings.Repeat(")", 1000)+"\nyes\n#endif\n"); len(res.Tokens) != 1 {
			t.Errorf("1000 deep: %v", tokenTexts(res.Tokens))
		}
	})
}
