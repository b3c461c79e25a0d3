package kbuild

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/kpreempt/kpreempt/internal/scratch"
)

// The commands kbuild itself would run, for files compile_commands.json
// does not list: `make -n` at the tree root prints each object's
// compiler command, with every flag the top, arch and directory
// Makefiles give it (variables, $(src) paths, per-object flags) that
// Derive's reading of the Makefiles misses. The first question of a tree
// asks for the whole build (`make -n all`, a minute on allmodconfig),
// which answers every file the .config compiles; files it leaves out (a
// built tree prints only what is out of date) are asked object by
// object.
//
// A dry run writes nothing: make runs only the recipes of makefiles that
// are out of date, which is why it is not tried when the .config is newer
// than include/config/auto.conf (the tree needs `make prepare`), and the
// compiler probes of the Makefiles write their temporary files into a
// directory of ours (TMPOUT). Its answers are kept per tree and .config in
// the user's cache directory.

// dryRunTimeout bounds one make invocation; parsing the kernel's
// Makefiles takes a few seconds.
const dryRunTimeout = 5 * time.Minute

// DryRun returns, for each of files (absolute .c paths of the tree), the
// Unit of the command kbuild would compile it with, for those whose
// directory the build descends into under the tree's .config. A file of a
// directory the .config does not build is compiled, by a dry run, with its
// parent directory's flags: it is left out, for Derive.
func (t *Tree) DryRun(files []string) map[string]*Unit {
	out := map[string]*Unit{}
	// Files at the root are made by the link rules of the top Makefile
	// (.vmlinux.export.c), not single targets.
	files = slices.DeleteFunc(slices.Clone(files), func(f string) bool { return filepath.Dir(t.Rel(f)) == "." })
	if len(files) == 0 || !t.preparedForDryRun() {
		return out
	}
	cache, key := t.dryRunCache()
	unknown := func() []string {
		var todo []string
		for _, f := range files {
			if _, known := cache.Files[t.Rel(f)]; !known {
				todo = append(todo, f)
			}
		}
		return todo
	}
	todo := unknown()
	if len(todo) > 0 && !cache.Listed {
		// The whole build's commands, each from the Makefile that lists
		// the object: amdgpu's Makefile compiles
		// amd/display/dc/dce110/*.o with its include directories, where
		// a dry run of one such object would use its own directory's.
		// A built tree prints only what is out of date; the rest is
		// asked object by object below.
		if cmds, err := t.makeDryRun([]string{"all"}); err == nil {
			for rel, args := range cmds {
				if _, known := cache.Files[rel]; !known {
					cache.Files[rel] = args
				}
			}
			cache.Listed = true
			t.saveDryRunCache(key, cache)
			todo = unknown()
		}
	}
	if len(todo) > 0 {
		if cmds, err := t.runDryRun(todo); err == nil {
			for _, f := range todo {
				rel := t.Rel(f)
				args := cmds[rel]
				if args != nil && !t.ownMakefile(rel, args) {
					args = nil
				}
				cache.Files[rel] = args
			}
			t.saveDryRunCache(key, cache)
		}
	}
	for _, f := range files {
		if args := cache.Files[t.Rel(f)]; args != nil {
			if u, err := FromCommand(args, t.Root, f); err == nil {
				out[f] = u
			}
		}
	}
	return out
}

// preparedForDryRun reports whether a dry run can leave the tree as it
// is: configured, and include/config/auto.conf at least as new as
// .config (else make would regenerate it, even with -n).
func (t *Tree) preparedForDryRun() bool {
	cfg, err1 := os.Stat(filepath.Join(t.Root, ".config"))
	auto, err2 := os.Stat(filepath.Join(t.Root, "include/config/auto.conf"))
	return err1 == nil && err2 == nil && !auto.ModTime().Before(cfg.ModTime())
}

// makeArgs are the variables every make of the tree needs: kbuild
// re-runs syncconfig when ARCH differs from the one it was prepared with.
func (t *Tree) makeArgs() []string {
	arch := t.Arch
	if arch == "x86" {
		arch = "x86_64"
		if t.Config["CONFIG_X86_64"] != "y" {
			arch = "i386"
		}
	}
	args := []string{"ARCH=" + arch}
	if cc := t.compiler(); strings.HasSuffix(cc, "-gcc") {
		args = append(args, "CROSS_COMPILE="+strings.TrimSuffix(cc, "gcc"))
	}
	return args
}

// Compiled lists the .c files of the tree (relative to its root, sorted)
// that the build under its .config compiles in the directories dirs
// (relative, e.g. "sound/pci/hda"; none: the whole build), from a dry
// run of their directory targets: what allmodconfig or a distribution
// configuration builds, without building it. Sources the build
// generates (x509.asn1.c) are left out when the tree does not hold them.
func (t *Tree) Compiled(dirs ...string) ([]string, error) {
	if !t.preparedForDryRun() {
		return nil, fmt.Errorf("%s is not prepared (make prepare): a dry run would change it", t.Root)
	}
	targets := []string{"all"}
	if len(dirs) > 0 {
		targets = nil
		for _, d := range dirs {
			targets = append(targets, strings.TrimSuffix(filepath.ToSlash(d), "/")+"/")
		}
	}
	cmds, err := t.makeDryRun(targets)
	if err != nil {
		return nil, err
	}
	var files []string
	for rel := range cmds {
		if _, err := os.Stat(filepath.Join(t.Root, rel)); err == nil && !filepath.IsAbs(rel) {
			files = append(files, rel)
		}
	}
	sort.Strings(files)
	return files, nil
}

// runDryRun runs make -n for the objects of files and returns the
// compiler command of each source, by its name relative to the root.
func (t *Tree) runDryRun(files []string) (map[string][]string, error) {
	var targets []string
	// Each object's saved command (savedcmd_OBJ, from its .cmd file) is
	// overridden, so that its recipe is printed even where a build made
	// it already.
	for _, f := range files {
		obj := strings.TrimSuffix(t.Rel(f), ".c") + ".o"
		targets = append(targets, "savedcmd_"+obj+"=kpreempt-dry-run", obj)
	}
	return t.makeDryRun(targets)
}

// makeDryRun runs make -n for targets (and variable overrides) at the
// root and returns the compiler command of each source it prints.
func (t *Tree) makeDryRun(targets []string) (map[string][]string, error) {
	if _, err := exec.LookPath("make"); err != nil {
		return nil, err
	}
	tmp, err := scratch.MkdirTemp("", "kpreempt-kbuild-")
	if err != nil {
		return nil, err
	}
	defer scratch.Remove(tmp)
	args := append([]string{"-n", "-s", "-k", "TMPOUT=" + tmp + "/"}, t.makeArgs()...)
	args = append(args, targets...)
	ctx, cancel := context.WithTimeout(context.Background(), dryRunTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "make", args...)
	cmd.Dir = t.Root
	cmd.Env = append(os.Environ(), "LC_ALL=C", "KBUILD_VERBOSE=")
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	// A target make cannot build (-k goes on) is simply not answered.
	_ = cmd.Run()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return parseDryRun(stdout.Bytes()), nil
}

// parseDryRun reads make -n's output: kbuild's recipe for an object is
// one line of shell commands joined by ';', one of which is the compiler
// command ending "-c -o OBJ SRC".
func parseDryRun(b []byte) map[string][]string {
	cmds := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if !strings.Contains(line, " -c -o ") {
			continue
		}
		for _, part := range splitShell(line) {
			words, err := splitCommand(part)
			if err != nil || len(words) < 4 || words[len(words)-3] != "-o" || words[len(words)-4] != "-c" {
				continue
			}
			src := words[len(words)-1]
			if !strings.HasSuffix(src, ".c") || !hasKernelDefine(words) {
				continue
			}
			cmds[strings.TrimPrefix(filepath.Clean(src), "./")] = words
		}
	}
	return cmds
}

// splitShell splits a shell command line at the ';' outside quotes.
func splitShell(line string) []string {
	var parts []string
	var quote byte
	start := 0
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' {
				i++
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '\\':
			i++
		case c == ';':
			parts = append(parts, line[start:i])
			start = i + 1
		}
	}
	return append(parts, line[start:])
}

// ownMakefile reports whether the command came from the Makefile that
// lists the file: its directory's, or, for a directory without one
// (security/selinux/ss), the nearest parent's. A dry run of an object
// the .config does not build stops in a parent directory, whose flags
// are not the object's. kbuild says which Makefile listed an object: a
// built-in one gets KBUILD_MODFILE, the module in the directory of that
// Makefile; a module's gets -DMODULE, only where that Makefile lists it
// in obj-m (allmodconfig and distribution configs build most drivers
// so).
func (t *Tree) ownMakefile(rel string, args []string) bool {
	dir := filepath.Dir(rel)
	for dir != "." && dir != "/" && !hasMakefile(t, dir) {
		dir = filepath.Dir(dir)
	}
	for _, a := range args {
		if v, ok := strings.CutPrefix(a, "-DKBUILD_MODFILE="); ok {
			return filepath.Dir(strings.Trim(v, `"`)) == dir
		}
	}
	return slices.Contains(args, "-DMODULE")
}

// dryRunAnswers are the kept answers of one tree and .config: each
// file's compiler command, nil for a file the build does not descend to.
type dryRunAnswers struct {
	Version int                 `json:"version"`
	Files   map[string][]string `json:"files"`
	// Listed is set once the whole build's dry run has answered.
	Listed bool `json:"listed,omitempty"`
}

const dryRunCacheVersion = 3

// dryRunCache returns the kept answers for the tree's root and .config,
// and the cache file's name.
func (t *Tree) dryRunCache() (*dryRunAnswers, string) {
	a := &dryRunAnswers{Version: dryRunCacheVersion, Files: map[string][]string{}}
	dir, err := os.UserCacheDir()
	if err != nil {
		return a, ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00", t.Root, dryRunCacheVersion)
	keys := make([]string, 0, len(t.Config))
	for k := range t.Config {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(h, "%s=%s\n", k, t.Config[k])
	}
	name := filepath.Join(dir, "kpreempt", "kbuild", hex.EncodeToString(h.Sum(nil))[:24]+".json")
	if b, err := os.ReadFile(name); err == nil {
		var kept dryRunAnswers
		if json.Unmarshal(b, &kept) == nil && kept.Version == dryRunCacheVersion && kept.Files != nil {
			return &kept, name
		}
	}
	return a, name
}

// saveDryRunCache writes the answers whole or not at all.
func (t *Tree) saveDryRunCache(name string, a *dryRunAnswers) {
	if name == "" {
		return
	}
	b, err := json.Marshal(a)
	if err != nil || os.MkdirAll(filepath.Dir(name), 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".kbuild-*")
	if err != nil {
		return
	}
	scratch.Track(f.Name())
	defer scratch.Untrack(f.Name())
	_, err = f.Write(b)
	if cerr := f.Close(); err != nil || cerr != nil {
		os.Remove(f.Name())
		return
	}
	if os.Rename(f.Name(), name) != nil {
		os.Remove(f.Name())
	}
}
