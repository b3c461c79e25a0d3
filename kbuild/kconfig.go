package kbuild

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// Excludes reports whether the tree can never build file on a kernel
// whose .config sets option (a symbol without CONFIG_, "PREEMPT_RT"):
// an option that builds it, or a directory above it, depends on
// !option (drivers/gpu/drm/Makefile builds i915/ under DRM_I915, whose
// Kconfig entry says "depends on !PREEMPT_RT"). The options that build a
// file are read from the Makefiles on its way down, in their plain forms
// (obj-$(CONFIG_X) += dir/ or file.o); a file reached otherwise is not
// excluded.
func (t *Tree) Excludes(file, option string) bool {
	rel, err := filepath.Rel(t.Root, file)
	if err != nil || strings.HasPrefix(rel, "..") || t.kconfig == nil {
		return false
	}
	k := t.kconfig
	k.once.Do(func() { k.dependsOn = readKconfig(t.Root) })
	for _, sym := range t.buildOptions(filepath.ToSlash(rel)) {
		for _, dep := range k.dependsOn[sym] {
			if excludes(dep, option) {
				return true
			}
		}
	}
	return false
}

// excludes reports whether a "depends on" expression requires !option:
// one of its top-level conjuncts (an expression with || is left alone).
func excludes(expr, option string) bool {
	if strings.Contains(expr, "||") {
		return false
	}
	for _, c := range strings.Split(expr, "&&") {
		c = strings.TrimSpace(strings.Trim(strings.TrimSpace(c), "()"))
		if c == "!"+option {
			return true
		}
	}
	return false
}

// objAssign matches a Makefile line that builds objects or directories
// under an option: obj-$(CONFIG_X) += a.o b/.
var objAssign = regexp.MustCompile(`^obj-\$\(CONFIG_([A-Za-z0-9_]+)\)\s*[:+]?=(.*)$`)

// buildOptions are the options on rel's way down: each directory's
// under its parent's Makefile, and the file's object under its own.
func (t *Tree) buildOptions(rel string) []string {
	parts := strings.Split(rel, "/")
	var out []string
	for i := 1; i < len(parts); i++ {
		dir := strings.Join(parts[:i-1], "/")
		want := parts[i-1] + "/"
		if i == len(parts)-1 {
			// The file's own directory: its object.
			out = append(out, t.optionsFor(strings.Join(parts[:i], "/"), strings.TrimSuffix(parts[i], ".c")+".o")...)
		}
		if i > 1 {
			out = append(out, t.optionsFor(dir, want)...)
		}
	}
	return out
}

// optionsFor are the options under which dir's Makefile (or Kbuild)
// builds the object or subdirectory named.
func (t *Tree) optionsFor(dir, name string) []string {
	var out []string
	for _, line := range makefileLines(t, dir) {
		m := objAssign.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		for _, w := range strings.Fields(m[2]) {
			if w == name {
				out = append(out, m[1])
			}
		}
	}
	return out
}

// readKconfig indexes the "depends on" lines of every config entry of
// the Kconfig files under root, by symbol.
func readKconfig(root string) map[string][]string {
	dependsOn := map[string][]string{}
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "include" || name == "Documentation") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasPrefix(d.Name(), "Kconfig") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		sym := ""
		for _, line := range strings.Split(string(b), "\n") {
			f := strings.Fields(line)
			if len(f) == 0 {
				continue
			}
			switch f[0] {
			case "config", "menuconfig":
				sym = ""
				if len(f) == 2 {
					sym = f[1]
				}
			case "choice", "endchoice", "menu", "endmenu", "if", "endif", "source", "comment", "mainmenu":
				sym = ""
			case "depends":
				if sym != "" && len(f) > 2 && f[1] == "on" {
					dependsOn[sym] = append(dependsOn[sym], strings.Join(f[2:], " "))
				}
			}
		}
		return nil
	})
	return dependsOn
}

// kconfigState is what Excludes reads once per tree.
type kconfigState struct {
	once      sync.Once
	dependsOn map[string][]string
}
