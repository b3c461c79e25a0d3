package kbuild

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestParseDryRun(t *testing.T) {
	out := `make -f ./scripts/Makefile.build obj=. need-builtin=1 ./drivers/foo/a.o
make -f ./scripts/Makefile.build obj=drivers \
need-builtin=1
make -f ./scripts/Makefile.build obj=drivers/foo \
set -e;  echo '  CC      drivers/foo/a.o';   trap 'rm -f drivers/foo/a.o; trap - HUP; kill -s HUP $$' HUP; gcc -Wp,-MMD,drivers/foo/.a.o.d -nostdinc -I./include -D__KERNEL__ -DKBUILD_MODFILE='"drivers/foo/a"' -DX='a;b' -c -o drivers/foo/a.o drivers/foo/a.c  ; scripts/basic/fixdep drivers/foo/.a.o.d drivers/foo/a.o 'gcc -D__KERNEL__ -c -o drivers/foo/a.o drivers/foo/a.c' > drivers/foo/.a.o.cmd
set -e; gcc -Wall -O2 -c -o scripts/mod/modpost.o scripts/mod/modpost.c
`
	cmds := parseDryRun([]byte(out))
	if len(cmds) != 1 {
		t.Fatalf("commands = %q, want drivers/foo/a.c only (a host program has no -D__KERNEL__)", cmds)
	}
	got := cmds["drivers/foo/a.c"]
	if len(got) == 0 || got[0] != "gcc" || !slices.Contains(got, `-DKBUILD_MODFILE="drivers/foo/a"`) || !slices.Contains(got, "-DX=a;b") {
		t.Errorf("command = %q", got)
	}
}

// A command is the object's own when kbuild marks it as listed by the
// Makefile of the object's directory: KBUILD_MODFILE of a built-in object
// names a module there; a module's object (allmodconfig) is compiled
// with -DMODULE only by the Makefile whose obj-m lists it. A dry run
// that stopped in a parent directory gives neither.
func TestOwnMakefile(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"sound/pci/hda/Makefile": "obj-m += snd-hda-intel.o\n",
		"drivers/foo/Makefile":   "obj-y += a.o\n",
	})
	tr := &Tree{Root: root}
	cc := []string{"gcc", "-D__KERNEL__", "-c", "-o"}
	for _, c := range []struct {
		name, rel string
		args      []string
		own       bool
	}{
		{"built-in", "drivers/foo/a.c", append(slices.Clone(cc), `-DKBUILD_MODFILE="drivers/foo/a"`), true},
		{"built-in, parent's flags", "drivers/foo/a.c", append(slices.Clone(cc), `-DKBUILD_MODFILE="drivers/a"`), false},
		{"module", "sound/pci/hda/hda_intel.c", append(slices.Clone(cc), "-DMODULE", `-DKBUILD_MODNAME="snd_hda_intel"`), true},
		{"neither", "sound/pci/hda/hda_intel.c", append(slices.Clone(cc), `-DKBUILD_MODNAME="hda_intel"`), false},
	} {
		if got := tr.ownMakefile(c.rel, c.args); got != c.own {
			t.Errorf("%s: ownMakefile(%s) = %v, want %v", c.name, c.rel, got, c.own)
		}
	}
}

// kernelTree opens the fixture's defconfig tree, or skips.
func kernelTree(t *testing.T) *Tree {
	dir := os.Getenv("KPREEMPT_KERNEL")
	if dir == "" {
		t.Skip("KPREEMPT_KERNEL not set (scripts/kernel-fixture.sh)")
	}
	tr, err := FindTree(dir)
	if err != nil || tr == nil || tr.DB == nil {
		t.Fatalf("FindTree(%s) = %v, %v; want a tree with compile_commands.json", dir, tr, err)
	}
	return tr
}

// TestDryRunMatchesDatabase checks that a dry run of kbuild gives the
// commands of the real build for files whose directory Makefiles add flags
// of their own (ccflags-y, subdir-ccflags-y, CFLAGS_<obj>.o, often through
// variables), that a file of a directory the .config does not build is
// left to Derive, that answers are kept in the cache directory, and that
// the tree is left as it was.
func TestDryRunMatchesDatabase(t *testing.T) {
	tr := kernelTree(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	// Files spread over the tree, in directories whose Makefiles add
	// flags of their own.
	var candidates []string
	for _, f := range tr.DB.Files {
		mk, err := os.ReadFile(filepath.Join(filepath.Dir(f), "Makefile"))
		if err == nil && filepath.Dir(f) != tr.Root && (strings.Contains(string(mk), "ccflags-") || strings.Contains(string(mk), "CFLAGS_")) {
			candidates = append(candidates, f)
		}
	}
	const n = 40
	if len(candidates) < n {
		t.Fatalf("only %d files in directories with flags of their own", len(candidates))
	}
	var files []string
	for i := 0; i < n; i++ {
		files = append(files, candidates[i*len(candidates)/n])
	}
	// A directory no .config option of defconfig builds.
	unbuilt := filepath.Join(tr.Root, "drivers/net/ethernet/mellanox/mlx5/core/main.c")
	if _, listed := tr.DB.Units[unbuilt]; listed {
		t.Fatalf("%s is in the database: pick another unbuilt file", unbuilt)
	}
	before := treeState(t, tr.Root)
	dry := *tr
	dry.DB = nil
	got := dry.DryRun(append(files, unbuilt))
	var answered []string
	for _, f := range files {
		u := got[f]
		if u == nil {
			// Objects the top Makefile does not reach as single targets
			// (arch/x86/boot/compressed, generated files at the root).
			t.Logf("%s: no command from the dry run: left to Derive", tr.Rel(f))
			continue
		}
		answered = append(answered, f)
		if want := *tr.DB.Units[f]; !reflect.DeepEqual(*u, want) {
			t.Errorf("%s: dry run's unit differs from the database's:%s", tr.Rel(f), unitDiff(*u, want))
		}
	}
	if 10*len(answered) < 9*len(files) {
		t.Errorf("the dry run answered %d of %d files", len(answered), len(files))
	}
	if u := got[unbuilt]; u != nil {
		t.Errorf("%s: answered by the parent directory's Makefile (%v); want Derive", tr.Rel(unbuilt), u.IncludeDirs)
	}
	if after := treeState(t, tr.Root); !reflect.DeepEqual(before, after) {
		t.Errorf("the dry run changed the tree:\n before %v\n after  %v", before, after)
	}
	// The answers are kept: no make needed the second time.
	t.Setenv("PATH", t.TempDir())
	again := dry.DryRun(answered[:3])
	if len(again) != 3 || !reflect.DeepEqual(again[answered[0]], got[answered[0]]) {
		t.Errorf("second dry run without make answered %d of 3", len(again))
	}
	if u := dry.Unit(unbuilt); u.Display != "drivers/net/ethernet/mellanox/mlx5/core/main.c" || len(u.IncludeDirs) == 0 {
		t.Errorf("Unit of the unbuilt file: %+v", u)
	}
}

// treeState is what a dry run must not change: the names in the tree's
// root and the modification times of its configuration.
func treeState(t *testing.T, root string) []string {
	t.Helper()
	ents, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, e := range ents {
		s = append(s, e.Name())
	}
	for _, f := range []string{".config", "include/config/auto.conf", "include/generated/autoconf.h"} {
		fi, err := os.Stat(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		s = append(s, f+"@"+fi.ModTime().String())
	}
	return s
}

// unitDiff names the fields in which two units differ.
func unitDiff(a, b Unit) string {
	var s strings.Builder
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	for i := 0; i < va.NumField(); i++ {
		if x, y := va.Field(i).Interface(), vb.Field(i).Interface(); !reflect.DeepEqual(x, y) {
			fmt.Fprintf(&s, "\n %s: got %v, want %v", va.Type().Field(i).Name, x, y)
		}
	}
	return s.String()
}
