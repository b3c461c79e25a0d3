package kbuild

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/kpreempt/kpreempt/internal/boundedio"
)

// missingInclude is the preprocessor's message for an #include it cannot
// find (gcc's words).
var missingInclude = regexp.MustCompile(`^(.*?): No such file or directory$`)

// ExplainMissing adds to the message of a unit that failed on an #include
// it could not find what a kernel developer needs to know when the file
// is one that only a build makes: which Makefile makes it, and what to
// run. file is the unit's file; msg is returned as it is otherwise.
//
// A header under a generated/ directory comes from `make prepare` (or
// from building the architecture's headers); any other name that a
// Makefile or Kbuild file of the unit's directory or one above it in the
// tree names as a target ($(obj)/crc32table.h: ...) is made when that
// directory is built.
func (t *Tree) ExplainMissing(file, msg string) string {
	m := missingInclude.FindStringSubmatch(msg)
	if m == nil || t == nil {
		return msg
	}
	name := m[1]
	if i := strings.LastIndex(name, ": "); i >= 0 {
		name = name[i+2:] // after "file:line:col: "
	}
	if strings.HasPrefix(name, "generated/") || strings.Contains(name, "/generated/") {
		return fmt.Sprintf("%s (a header that the kernel build generates: run `make prepare` in %s, or check with the compile_commands.json of a build)", msg, t.Root)
	}
	base := path.Base(filepath.ToSlash(name))
	target := regexp.MustCompile(`(^|[\s/)])` + regexp.QuoteMeta(base) + `\s*:`)
	for dir := filepath.Dir(file); strings.HasPrefix(dir, t.Root); dir = filepath.Dir(dir) {
		// kbuild copies NAME_shipped to NAME when it builds the
		// directory (scripts/Makefile.lib: $(obj)/%: $(src)/%_shipped).
		if _, err := os.Stat(filepath.Join(dir, base+"_shipped")); err == nil {
			return fmt.Sprintf("%s (copied by the kernel build from %s_shipped; run `make %s/` in %s first, or check with the compile_commands.json of a build)",
				msg, t.Rel(filepath.Join(dir, base)), t.Rel(dir), t.Root)
		}
		for _, mk := range []string{"Makefile", "Kbuild"} {
			p := filepath.Join(dir, mk)
			b, err := boundedio.ReadFile(p, boundedio.SourceLimit)
			if err != nil || !bytes.Contains(b, []byte(base)) && !bytes.Contains(b, []byte("%")) {
				continue
			}
			lines := strings.Split(string(b), "\n")
			// Also a target through a variable that names the file
			// (genhdrs := flask.h ...; $(addprefix $(obj)/,$(genhdrs)) &: ...).
			// kbuild's targets list names what the directory's rules
			// make (targets := ... evergreen_reg_safe.h ...).
			var vars []string
			listed := false
			for _, line := range lines {
				if v := assignment.FindStringSubmatch(line); v != nil && word(base).MatchString(v[2]) {
					vars = append(vars, "$("+v[1]+")")
					listed = listed || v[1] == "targets"
				}
			}
			for _, line := range lines {
				if listed || target.MatchString(line) || viaVariable(line, vars) || patternTarget(line, base) {
					run := "make " + t.Rel(dir) + "/"
					if dir == t.Root {
						run = "make"
					}
					return fmt.Sprintf("%s (made by the kernel build: %s; run `%s` in %s first, or check with the compile_commands.json of a build)",
						msg, t.Rel(p), run, t.Root)
				}
			}
		}
		if dir == t.Root || filepath.Dir(dir) == dir {
			break
		}
	}
	if src, mk := t.madeByPattern(filepath.Dir(file), base); src != "" {
		dir := filepath.Dir(file)
		return fmt.Sprintf("%s (made by the kernel build from %s: %s; run `make %s/` in %s first, or check with the compile_commands.json of a build)",
			msg, t.Rel(src), mk, t.Rel(dir), t.Root)
	}
	return msg
}

// madeByPattern finds a rule of kbuild's own (scripts/Makefile.build:
// $(obj)/%.asn1.c $(obj)/%.asn1.h: $(src)/%.asn1 ...) that makes base in
// dir from a source that is there: it returns that source and the
// Makefile, or "" when there is none.
func (t *Tree) madeByPattern(dir, base string) (src, makefile string) {
	for _, mk := range []string{"scripts/Makefile.build", "scripts/Makefile.lib"} {
		b, err := boundedio.ReadFile(filepath.Join(t.Root, mk), boundedio.SourceLimit)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			if !patternTarget(line, base) {
				continue
			}
			i := strings.Index(line, ":")
			for _, w := range strings.Fields(line[:i]) {
				pat := path.Base(w)
				pre, suf, ok := strings.Cut(pat, "%")
				if !ok || !strings.HasPrefix(base, pre) || !strings.HasSuffix(base, suf) || len(base) < len(pre)+len(suf) {
					continue
				}
				stem := base[len(pre) : len(base)-len(suf)]
				for _, dep := range strings.Fields(line[i+1:]) {
					if !strings.HasPrefix(dep, "$(src)/") || !strings.Contains(dep, "%") {
						continue
					}
					p := filepath.Join(dir, strings.Replace(strings.TrimPrefix(dep, "$(src)/"), "%", stem, 1))
					if _, err := os.Stat(p); err == nil {
						return p, mk
					}
				}
			}
		}
	}
	return "", ""
}

// patternTarget reports whether a rule's line has a pattern target that
// makes a file called base ($(obj)/%_reg_safe.h: ..., or
// $(obj)/generated/%.xml.h: ...).
func patternTarget(line, base string) bool {
	if strings.HasPrefix(line, "\t") || !strings.Contains(line, "%") {
		return false
	}
	i := strings.Index(line, ":")
	if i < 0 || strings.HasPrefix(line[i:], ":=") || assignment.MatchString(line) {
		return false
	}
	for _, w := range strings.Fields(line[:i]) {
		if !strings.Contains(w, "%") {
			continue
		}
		pat := path.Base(w)
		if strings.ContainsAny(pat, "*?[$()") || strings.Trim(pat, "%") == "" {
			continue // a rule for any name ($(build-dir)/%) says nothing
		}
		if ok, _ := path.Match(strings.ReplaceAll(pat, "%", "*"), base); ok {
			return true
		}
	}
	return false
}

// assignment is a make variable's definition: its name and value.
var assignment = regexp.MustCompile(`^\s*([A-Za-z0-9_.-]+)\s*(?:[:+?]?=)\s*(.*)$`)

func word(w string) *regexp.Regexp {
	return regexp.MustCompile(`(^|[\s/])` + regexp.QuoteMeta(w) + `(\s|$)`)
}

// viaVariable reports whether a rule's line names one of vars among its
// targets (before the colon that is not an assignment's).
func viaVariable(line string, vars []string) bool {
	if len(vars) == 0 || strings.HasPrefix(line, "\t") {
		return false
	}
	i := strings.Index(line, ":")
	if i < 0 || strings.HasPrefix(line[i:], ":=") || assignment.MatchString(line) {
		return false
	}
	for _, v := range vars {
		if strings.Contains(line[:i], v) {
			return true
		}
	}
	return false
}
