package kbuild

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFromCommand(t *testing.T) {
	args, err := splitCommand(`gcc -Wp,-MMD,kernel/.x.o.d -nostdinc -I./include -isystem /sys -iquote q -include ./include/linux/kconfig.h -D__KERNEL__ -DKBUILD_MODNAME='"x"' -DFOO="a b" -UBAR -std=gnu11 -m64 -O2 -fno-PIE -Wall -c -o kernel/x.o kernel/x.c`)
	if err != nil {
		t.Fatal(err)
	}
	u, err := FromCommand(args, "/tree", "")
	if err != nil {
		t.Fatal(err)
	}
	if u.File != "/tree/kernel/x.c" || u.Compiler != "gcc" || !u.NoStdInc {
		t.Errorf("file/compiler/nostdinc: %+v", u)
	}
	if !slices.Equal(u.IncludeDirs, []string{"/tree/include"}) || !slices.Equal(u.SystemDirs, []string{"/sys"}) ||
		!slices.Equal(u.QuoteDirs, []string{"/tree/q"}) || !slices.Equal(u.Includes, []string{"/tree/include/linux/kconfig.h"}) {
		t.Errorf("dirs: %+v", u)
	}
	want := []Define{{Name: "__KERNEL__", Value: "1"}, {Name: "KBUILD_MODNAME", Value: `"x"`}, {Name: "FOO", Value: "a b"}, {Name: "BAR", Undef: true}}
	if !slices.Equal(u.Defines, want) {
		t.Errorf("defines %+v", u.Defines)
	}
	if !slices.Equal(u.CompilerFlags, []string{"-std=gnu11", "-m64", "-O2", "-fno-PIE"}) {
		t.Errorf("compiler flags %v", u.CompilerFlags)
	}
	// sparse's argv as kbuild's CHECK passes it.
	u, err = FromCommand([]string{"-D__linux__", "-Wbitwise", "--arch=x86", "-mlittle-endian", "-m64", "-I", "inc", "kernel/y.c"}, "/tree", "")
	if err != nil || u.File != "/tree/kernel/y.c" || !slices.Equal(u.IncludeDirs, []string{"/tree/inc"}) {
		t.Errorf("sparse argv: %+v %v", u, err)
	}
	if _, err := FromCommand([]string{"gcc", "-c"}, "/", ""); err == nil {
		t.Error("a command without a file is accepted")
	}
	if _, err := splitCommand(`gcc "unterminated`); err == nil {
		t.Error("unterminated quote accepted")
	}
}

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadDB(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "compile_commands.json")
	writeFiles(t, dir, map[string]string{"compile_commands.json": `[
 {"directory": "/k", "file": "/k/kernel/a.c", "command": "gcc -D__KERNEL__ -Iinclude -c -o kernel/a.o kernel/a.c"},
 {"directory": "/k", "file": "/k/arch/x86/entry/entry_64.S", "command": "gcc -D__KERNEL__ -c entry_64.S"},
 {"directory": "/k", "file": "/k/scripts/kallsyms.c", "command": "gcc -O2 -o scripts/kallsyms scripts/kallsyms.c"},
 {"directory": "/k", "file": "kernel/b.c", "arguments": ["gcc", "-D__KERNEL__", "-c", "kernel/b.c"]}
]`})
	d, err := LoadDB(db)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(d.Files, []string{"/k/kernel/a.c", "/k/kernel/b.c"}) {
		t.Errorf("files %v", d.Files)
	}
	if u := d.Units["/k/kernel/a.c"]; u == nil || !slices.Equal(u.IncludeDirs, []string{"/k/include"}) {
		t.Errorf("unit a.c %+v", u)
	}
	for name, body := range map[string]string{
		"notjson":  `{"directory": `,
		"nofile":   `[{"directory": "/k", "command": "gcc"}]`,
		"reldir":   `[{"directory": "k", "file": "a.c", "command": "gcc"}]`,
		"badquote": `[{"directory": "/k", "file": "a.c", "command": "gcc -D\"x"}]`,
	} {
		p := filepath.Join(dir, name+".json")
		writeFiles(t, dir, map[string]string{name + ".json": body})
		_, err := LoadDB(p)
		if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: error %v", name, err)
		}
	}
}

var fakeTree = map[string]string{
	"Kbuild": "", "Kconfig": "", "Makefile": "", "arch/x86/Makefile": "",
	"include/linux/kernel.h": "",
	"drivers/Makefile":       "subdir-ccflags-y += -DDRIVERS_WIDE\n",
	"drivers/foo/Makefile": "ccflags-y := -I$(srctree)/drivers/foo/inc \\\n\t-DFOO_DEBUG\n" +
		"ccflags-$(CONFIG_FOO_TRACE) += -DFOO_TRACE\nccflags-$(CONFIG_OFF) += -DOFF\n" +
		"CFLAGS_bar-core.o += -DBAR_ONLY $(call cc-option,-fx) -O0\n",
	"drivers/foo/bar-core.c": "int x;\n",
	"drivers/foo/sub/part.c": "int z;\n",
	"drivers/foo/other.c":    "int y;\n",
}

func TestFindTreeAndDerive(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, fakeTree)
	if _, err := FindTree(filepath.Join(root, "drivers/foo")); !errors.Is(err, ErrNotConfigured) || !strings.Contains(err.Error(), "make defconfig prepare") {
		t.Errorf("unconfigured tree: %v", err)
	}
	writeFiles(t, root, map[string]string{".config": "CONFIG_X86=y\nCONFIG_X86_64=y\nCONFIG_FOO_TRACE=y\n"})
	if _, err := FindTree(root); !errors.Is(err, ErrNotConfigured) || !strings.Contains(err.Error(), "make prepare") {
		t.Errorf("tree without generated headers: %v", err)
	}
	writeFiles(t, root, map[string]string{"include/generated/autoconf.h": ""})
	tr, err := FindTree(filepath.Join(root, "drivers/foo/bar-core.c"))
	if err != nil || tr == nil || tr.Root != root || tr.Arch != "x86" {
		t.Fatalf("FindTree = %+v, %v", tr, err)
	}
	u := tr.Unit(filepath.Join(root, "drivers/foo/bar-core.c"))
	if u.Display != "drivers/foo/bar-core.c" || !slices.Contains(u.CompilerFlags, "-mcmodel=kernel") || !u.NoStdInc {
		t.Errorf("unit %+v", u)
	}
	var defs []string
	for _, d := range u.Defines {
		defs = append(defs, d.Name+"="+d.Value)
	}
	got := strings.Join(defs, " ")
	for _, want := range []string{"__KERNEL__=1", `KBUILD_MODNAME="bar_core"`, "DRIVERS_WIDE=1", "FOO_DEBUG=1", "FOO_TRACE=1", "BAR_ONLY=1"} {
		if !strings.Contains(got, want) {
			t.Errorf("defines %s lack %s", got, want)
		}
	}
	if strings.Contains(got, "OFF") {
		t.Errorf("flag of a disabled option applied: %s", got)
	}
	if !slices.Contains(u.IncludeDirs, filepath.Join(root, "drivers/foo/inc")) {
		t.Errorf("ccflags -I missing: %v", u.IncludeDirs)
	}
	if o := tr.Unit(filepath.Join(root, "drivers/foo/other.c")); strings.Contains(defString(o), "BAR_ONLY") {
		t.Errorf("CFLAGS_bar-core.o applied to other.c")
	}
	if !slices.Contains(u.CompilerFlags, "-O0") {
		t.Errorf("CFLAGS_<obj>.o compiler flags not applied: %v", u.CompilerFlags)
	}
	// A directory without a Makefile is built by its parent's.
	if p := tr.Unit(filepath.Join(root, "drivers/foo/sub/part.c")); !strings.Contains(defString(p), "FOO_DEBUG") {
		t.Errorf("parent Makefile's ccflags-y not applied to a subdirectory without one: %s", defString(p))
	}
	files, err := tr.Files([]string{filepath.Join(root, "drivers")})
	if err != nil || len(files) != 3 || !strings.HasSuffix(files[0], "bar-core.c") {
		t.Errorf("Files = %v, %v", files, err)
	}
	if tr, err := FindTree(t.TempDir()); tr != nil || err != nil {
		t.Errorf("outside any tree: %v, %v", tr, err)
	}
}

func defString(u *Unit) string {
	var s []string
	for _, d := range u.Defines {
		s = append(s, d.Name)
	}
	return strings.Join(s, " ")
}

// A tracing kernel's units are compiled for fentry, as the top Makefile
// says (x86's asm/ftrace.h stops at #error without it).
func TestDeriveFentry(t *testing.T) {
	for _, c := range []struct {
		config string
		want   bool
	}{
		{"CONFIG_X86_64=y\nCONFIG_FUNCTION_TRACER=y\nCONFIG_HAVE_FENTRY=y\n", true},
		{"CONFIG_X86_64=y\nCONFIG_HAVE_FENTRY=y\n", false},
	} {
		root := t.TempDir()
		writeFiles(t, root, fakeTree)
		writeFiles(t, root, map[string]string{".config": c.config, "include/generated/autoconf.h": ""})
		tr, err := FindTree(root)
		if err != nil || tr == nil {
			t.Fatalf("FindTree = %v, %v", tr, err)
		}
		u := tr.Derive(filepath.Join(root, "drivers/foo/other.c"))
		if got := strings.Contains(" "+defString(u)+" ", " CC_USING_FENTRY "); got != c.want {
			t.Errorf("%q: CC_USING_FENTRY defined %v, want %v", c.config, got, c.want)
		}
	}
}

// A tree configured for another architecture than the host's is derived
// with that target's flags and cross compiler (found on PATH), whose
// predefined macros are the target's; gcc when there is none.
func TestDeriveOtherArch(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, fakeTree)
	writeFiles(t, root, map[string]string{
		".config":                      "CONFIG_ARM64=y\nCONFIG_FOO_TRACE=y\n",
		"include/generated/autoconf.h": "",
	})
	bin := t.TempDir()
	t.Setenv("PATH", bin)
	tr, err := FindTree(root)
	if err != nil || tr.Arch != "arm64" {
		t.Fatalf("FindTree = %+v, %v", tr, err)
	}
	u := tr.Unit(filepath.Join(root, "drivers/foo/other.c"))
	if u.Compiler != "gcc" || !slices.Contains(u.CompilerFlags, "-mgeneral-regs-only") || slices.Contains(u.CompilerFlags, "-mcmodel=kernel") {
		t.Errorf("arm64 unit without a cross compiler: %s %v", u.Compiler, u.CompilerFlags)
	}
	if err := os.WriteFile(filepath.Join(bin, "aarch64-linux-gnu-gcc"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if u := tr.Unit(filepath.Join(root, "drivers/foo/other.c")); u.Compiler != "aarch64-linux-gnu-gcc" {
		t.Errorf("arm64 unit compiled with %q, want aarch64-linux-gnu-gcc", u.Compiler)
	}
}
