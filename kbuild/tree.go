package kbuild

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/kpreempt/kpreempt/internal/boundedio"
)

// Tree is a Linux source tree.
type Tree struct {
	Root   string            // absolute
	Arch   string            // SRCARCH: x86, arm64, ...
	Config map[string]string // .config: CONFIG_FOO -> "y", "m", "\"str\"", "123"
	DB     *DB               // compile_commands.json, when the tree has one

	kconfig *kconfigState // read once, by Excludes
}

// RT reports whether the tree's .config enables PREEMPT_RT, and whether
// its architecture can have it (ARCH_SUPPORTS_RT; Linux before 6.12 has
// neither symbol).
func (t *Tree) RT() (enabled, possible bool) {
	return t.Config["CONFIG_PREEMPT_RT"] == "y", t.Config["CONFIG_ARCH_SUPPORTS_RT"] == "y"
}

// ErrNotConfigured says a tree lacks .config or generated headers.
var ErrNotConfigured = errors.New("not configured")

// FindTree returns the kernel tree containing path, or nil when path is
// in none. A tree is recognised by its top-level Kbuild files; it must be
// configured (.config and include/generated/autoconf.h, as left by
// `make defconfig prepare`) to be usable.
func FindTree(path string) (*Tree, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	for dir := abs; ; dir = filepath.Dir(dir) {
		if isTreeRoot(dir) {
			return openTree(dir)
		}
		if filepath.Dir(dir) == dir {
			return nil, nil
		}
	}
}

func isTreeRoot(dir string) bool {
	for _, f := range []string{"Kbuild", "Kconfig", "Makefile", "include/linux/kernel.h", "arch"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return false
		}
	}
	return true
}

func openTree(root string) (*Tree, error) {
	t := &Tree{Root: root, kconfig: &kconfigState{}}
	cfg, err := readConfig(filepath.Join(root, ".config"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err // there, but not a regular file or too large
	}
	if err != nil {
		return nil, fmt.Errorf("%s: kernel tree %w: no .config (run `make defconfig prepare` in it, or check files outside the tree)", root, ErrNotConfigured)
	}
	t.Config = cfg
	if _, err := os.Stat(filepath.Join(root, "include/generated/autoconf.h")); err != nil {
		return nil, fmt.Errorf("%s: kernel tree %w: include/generated/autoconf.h is missing (run `make prepare` in it)", root, ErrNotConfigured)
	}
	t.Arch = archOf(cfg)
	if db := filepath.Join(root, "compile_commands.json"); fileExists(db) {
		d, err := LoadDB(db)
		if err != nil {
			return nil, err
		}
		t.DB = d
	}
	return t, nil
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

func readConfig(path string) (map[string]string, error) {
	b, err := boundedio.ReadFile(path, boundedio.SourceLimit)
	if err != nil {
		return nil, err
	}
	cfg := map[string]string{}
	for line := range strings.Lines(string(b)) {
		line = strings.TrimRight(line, "\r\n")
		if name, val, ok := strings.Cut(line, "="); ok && strings.HasPrefix(name, "CONFIG_") {
			cfg[name] = val
		}
	}
	return cfg, nil
}

func archOf(cfg map[string]string) string {
	for _, a := range []struct{ config, arch string }{
		{"CONFIG_X86", "x86"}, {"CONFIG_ARM64", "arm64"}, {"CONFIG_ARM", "arm"}, {"CONFIG_RISCV", "riscv"},
		{"CONFIG_PPC", "powerpc"}, {"CONFIG_S390", "s390"}, {"CONFIG_LOONGARCH", "loongarch"}, {"CONFIG_MIPS", "mips"},
	} {
		if cfg[a.config] == "y" {
			return a.arch
		}
	}
	return "x86"
}

// crossCompilers are the compilers Debian's gcc-<triplet> packages
// install for each architecture a tree may be configured for, other than
// the host's: their predefined macros are the target's.
var crossCompilers = map[string][]string{
	"arm64":   {"aarch64-linux-gnu-gcc"},
	"powerpc": {"powerpc64le-linux-gnu-gcc", "powerpc64-linux-gnu-gcc"},
	"riscv":   {"riscv64-linux-gnu-gcc"},
	"arm":     {"arm-linux-gnueabihf-gcc", "arm-linux-gnueabi-gcc"},
	"s390":    {"s390x-linux-gnu-gcc"},
}

// compiler is the compiler for the tree's architecture: gcc for the
// host's, else the first cross compiler found on PATH (powerpc's by the
// endianness the .config chooses); gcc when none is, whose macros are the
// host's.
func (t *Tree) compiler() string {
	hostArch := map[string]string{"amd64": "x86", "386": "x86", "arm64": "arm64", "ppc64le": "powerpc", "riscv64": "riscv", "s390x": "s390"}[runtime.GOARCH]
	if t.Arch == hostArch {
		return "gcc"
	}
	names := crossCompilers[t.Arch]
	if t.Arch == "powerpc" && t.Config["CONFIG_CPU_LITTLE_ENDIAN"] != "y" {
		names = []string{"powerpc64-linux-gnu-gcc"}
	}
	for _, name := range names {
		if _, err := exec.LookPath(name); err == nil {
			return name
		}
	}
	return "gcc"
}

// Rel names a file relative to the tree root, for reports.
func (t *Tree) Rel(file string) string {
	if r, err := filepath.Rel(t.Root, file); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(file)
}

// Unit returns how kbuild compiles file: its compile_commands.json entry
// when there is one, else the command a dry run of kbuild prints for it
// (DryRun), else flags derived from the configured tree (Derive).
func (t *Tree) Unit(file string) *Unit {
	return t.Units([]string{file})[0]
}

// Units is Unit for several files, with one dry run of kbuild for those
// the database does not list.
func (t *Tree) Units(files []string) []*Unit {
	units := make([]*Unit, len(files))
	abs := make([]string, len(files))
	var missing []string
	for i, f := range files {
		abs[i], _ = filepath.Abs(f)
		if t.DB != nil {
			if u, ok := t.DB.Units[abs[i]]; ok {
				c := *u
				units[i] = &c
				continue
			}
		}
		missing = append(missing, abs[i])
	}
	dry := t.DryRun(missing)
	for i := range units {
		if units[i] == nil {
			if units[i] = dry[abs[i]]; units[i] == nil {
				units[i] = t.Derive(abs[i])
			}
		}
		units[i].Display = t.Rel(abs[i])
	}
	return units
}

// Derive computes kbuild's flags for a .c file of the tree, whether or not
// the .config builds it: the arch and generated include paths, the forced
// includes, -D__KERNEL__ and the KBUILD_ names, the essential target flags
// of the top and arch Makefiles, and the simple forms of ccflags-y,
// subdir-ccflags-y and CFLAGS_<obj>.o of the directory Makefiles.
func (t *Tree) Derive(file string) *Unit {
	r := t.Root
	a := filepath.Join(r, "arch", t.Arch)
	u := &Unit{
		File: file, Dir: r, NoStdInc: true, Compiler: t.compiler(),
		IncludeDirs: []string{
			filepath.Join(a, "include"), filepath.Join(a, "include/generated"),
			filepath.Join(r, "include"),
			filepath.Join(a, "include/uapi"), filepath.Join(a, "include/generated/uapi"),
			filepath.Join(r, "include/uapi"), filepath.Join(r, "include/generated/uapi"),
		},
		Includes: []string{
			filepath.Join(r, "include/linux/compiler-version.h"),
			filepath.Join(r, "include/linux/kconfig.h"),
			filepath.Join(r, "include/linux/compiler_types.h"),
		},
		Defines:       []Define{{Name: "__KERNEL__", Value: "1"}},
		CompilerFlags: []string{"-std=gnu11", "-fshort-wchar", "-funsigned-char", "-fno-common", "-fno-PIE", "-fno-strict-aliasing", "-O2"},
	}
	if t.Arch == "x86" {
		if t.Config["CONFIG_X86_64"] == "y" {
			u.CompilerFlags = append(u.CompilerFlags, "-m64", "-mno-red-zone", "-mcmodel=kernel", "-mno-80387", "-mno-fp-ret-in-387")
		} else {
			u.CompilerFlags = append(u.CompilerFlags, "-m32", "-msoft-float", "-mregparm=3")
		}
		u.CompilerFlags = append(u.CompilerFlags, "-mno-sse", "-mno-mmx", "-mno-sse2", "-mno-3dnow", "-mno-avx")
		if t.Config["CONFIG_STACKPROTECTOR_STRONG"] == "y" {
			u.CompilerFlags = append(u.CompilerFlags, "-fstack-protector-strong")
		}
	}
	// The top Makefile's ftrace flags: the x86 headers refuse a tracing
	// kernel compiled without fentry (asm/ftrace.h: "#error Compiler
	// does not support fentry?"), which every distribution config is.
	if t.Config["CONFIG_FUNCTION_TRACER"] == "y" && t.Config["CONFIG_HAVE_FENTRY"] == "y" {
		u.Defines = append(u.Defines, Define{Name: "CC_USING_FENTRY", Value: "1"})
	}
	// The target flags of arch/arm64/Makefile and arch/powerpc/Makefile
	// that change predefined macros: no FP/SIMD registers in C code.
	switch t.Arch {
	case "arm64":
		u.CompilerFlags = append(u.CompilerFlags, "-mgeneral-regs-only", "-mabi=lp64")
	case "powerpc":
		u.CompilerFlags = append(u.CompilerFlags, "-m64", "-msoft-float", "-mno-altivec", "-mno-vsx")
		if t.Config["CONFIG_CPU_LITTLE_ENDIAN"] == "y" {
			u.CompilerFlags = append(u.CompilerFlags, "-mlittle-endian")
		} else {
			u.CompilerFlags = append(u.CompilerFlags, "-mbig-endian")
		}
	}
	rel := t.Rel(file)
	dir := filepath.Dir(rel)
	base := strings.TrimSuffix(filepath.Base(rel), ".c")
	name := strings.ReplaceAll(base, "-", "_")
	u.Defines = append(u.Defines,
		Define{Name: "KBUILD_MODFILE", Value: `"` + strings.TrimSuffix(rel, ".c") + `"`},
		Define{Name: "KBUILD_BASENAME", Value: `"` + name + `"`},
		Define{Name: "KBUILD_MODNAME", Value: `"` + name + `"`},
		Define{Name: "__KBUILD_MODNAME", Value: "kmod_" + name},
	)
	// Makefile flags: subdir-ccflags-y of every parent directory, then the
	// directory's own ccflags-y, then CFLAGS_<obj>.o.
	var dirs []string
	for d := dir; d != "." && d != "/" && d != ""; d = filepath.Dir(d) {
		dirs = append(dirs, d)
	}
	// A directory without a Makefile is built from its parent's, which
	// lists its objects (security/selinux/Makefile builds ss/*.o): that
	// Makefile's ccflags-y applies.
	own := 0
	for own < len(dirs)-1 && !hasMakefile(t, dirs[own]) {
		own++
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		mk := readMakefileFlags(t, dirs[i])
		u.addFlags(t, dirs[i], mk["subdir-ccflags-y"])
		if i == own {
			obj := strings.TrimSuffix(rel, ".c")
			if r, err := filepath.Rel(dirs[i], obj); err == nil {
				obj = filepath.ToSlash(r)
			}
			u.addFlags(t, dirs[i], mk["ccflags-y"])
			u.addFlags(t, dirs[i], mk["CFLAGS_"+obj+".o"])
		}
	}
	return u
}

func hasMakefile(t *Tree, dir string) bool {
	return fileExists(filepath.Join(t.Root, dir, "Makefile")) || fileExists(filepath.Join(t.Root, dir, "Kbuild"))
}

// addFlags applies the preprocessing flags among Makefile words.
func (u *Unit) addFlags(t *Tree, dir string, words []string) {
	if len(words) == 0 {
		return
	}
	v, err := FromCommand(append(words, "x.c"), t.Root, "")
	if err != nil {
		return
	}
	u.IncludeDirs = append(u.IncludeDirs, v.IncludeDirs...)
	u.QuoteDirs = append(u.QuoteDirs, v.QuoteDirs...)
	u.SystemDirs = append(u.SystemDirs, v.SystemDirs...)
	u.Defines = append(u.Defines, v.Defines...)
	u.Includes = append(u.Includes, v.Includes...)
	u.CompilerFlags = append(u.CompilerFlags, v.CompilerFlags...)
}

// readMakefileFlags reads the flag variables of dir's Makefile (or Kbuild):
// assignments to ccflags-y, subdir-ccflags-y and CFLAGS_*.o, including
// the -$(CONFIG_FOO) forms, with $(srctree), $(src) and $(obj) expanded.
// Words with any other $(...) are dropped: evaluating make is out of scope.
func readMakefileFlags(t *Tree, dir string) map[string][]string {
	out := map[string][]string{}
	for _, line := range makefileLines(t, dir) {
		line = strings.TrimSpace(line)
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		var lhs, rhs string
		op := ""
		for _, o := range []string{"+=", ":=", "?=", "="} {
			if i := strings.Index(line, o); i > 0 {
				lhs, rhs, op = strings.TrimSpace(line[:i]), line[i+len(o):], o
				break
			}
		}
		if op == "" {
			continue
		}
		key, ok := flagVar(t, lhs)
		if !ok {
			continue
		}
		var words []string
		for _, w := range strings.Fields(rhs) {
			w = strings.NewReplacer("$(srctree)", t.Root, "$(src)", filepath.Join(t.Root, dir), "$(obj)", filepath.Join(t.Root, dir)).Replace(w)
			if !strings.Contains(w, "$(") {
				words = append(words, w)
			}
		}
		if op == "+=" {
			out[key] = append(out[key], words...)
		} else {
			out[key] = words
		}
	}
	return out
}

// makefileLines are the lines of dir's Kbuild, else its Makefile, with
// continued lines joined; none when it has neither.
func makefileLines(t *Tree, dir string) []string {
	for _, name := range []string{"Kbuild", "Makefile"} {
		b, err := boundedio.ReadFile(filepath.Join(t.Root, dir, name), boundedio.SourceLimit)
		if err != nil {
			continue
		}
		return strings.Split(strings.ReplaceAll(string(b), "\\\n", " "), "\n")
	}
	return nil
}

// flagVar maps "ccflags-$(CONFIG_FOO)" to "ccflags-y" when FOO is y.
func flagVar(t *Tree, lhs string) (string, bool) {
	for _, prefix := range []string{"ccflags-", "subdir-ccflags-"} {
		rest, ok := strings.CutPrefix(lhs, prefix)
		if !ok {
			continue
		}
		if rest == "y" {
			return prefix + "y", true
		}
		if c, ok := strings.CutPrefix(rest, "$("); ok && strings.HasSuffix(c, ")") {
			if t.Config[strings.TrimSuffix(c, ")")] == "y" {
				return prefix + "y", true
			}
		}
		return "", false
	}
	if strings.HasPrefix(lhs, "CFLAGS_") && strings.HasSuffix(lhs, ".o") && !strings.HasPrefix(lhs, "CFLAGS_REMOVE_") {
		return lhs, true
	}
	return "", false
}

// Files lists the .c files to check under the given paths (files or
// directories, absolute or relative to the working directory): those of
// the compilation database when the tree has one, else every .c file.
// With no paths, the whole tree. The order is stable.
func (t *Tree) Files(paths []string) ([]string, error) {
	if len(paths) == 0 {
		paths = []string{t.Root}
	}
	var out []string
	seen := map[string]bool{}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		fi, err := os.Stat(abs)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			if !seen[abs] {
				seen[abs] = true
				out = append(out, abs)
			}
			continue
		}
		var found []string
		if t.DB != nil {
			for _, f := range t.DB.Files {
				if f == abs || strings.HasPrefix(f, abs+string(filepath.Separator)) {
					found = append(found, f)
				}
			}
		} else {
			err := filepath.WalkDir(abs, func(path string, d os.DirEntry, err error) error {
				if err != nil {
					return nil // unreadable subdirectories are skipped
				}
				if d.IsDir() && path != abs && (strings.HasPrefix(d.Name(), ".") || path == filepath.Join(t.Root, "tools") || path == filepath.Join(t.Root, "scripts")) {
					return filepath.SkipDir
				}
				if !d.IsDir() && strings.HasSuffix(path, ".c") {
					found = append(found, path)
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
		sort.Strings(found)
		for _, f := range found {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out, nil
}
