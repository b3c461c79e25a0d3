package cpp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

func init() { catchPanics = false }

func lookGCC(t testing.TB) string {
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("gcc not found")
	}
	return gcc
}

// splitCommand splits a shell command line as sh would (quotes and
// backslashes; no expansions).
func splitCommand(s string) []string {
	var args []string
	var b strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			in = true
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				j = len(s) - i - 1
			}
			b.WriteString(s[i+1 : i+1+j])
			i += j + 1
		case c == '"':
			in = true
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				b.WriteByte(s[i])
			}
		case c == '\\' && i+1 < len(s):
			in = true
			i++
			b.WriteByte(s[i])
		case c == ' ' || c == '\t' || c == '\n':
			if in {
				args = append(args, b.String())
				b.Reset()
				in = false
			}
		default:
			in = true
			b.WriteByte(c)
		}
	}
	if in {
		args = append(args, b.String())
	}
	return args
}

// commandConfig derives a Config from compiler flags; predef are the flags
// for Predefined.
func commandConfig(args []string) (cfg *Config, predef []string) {
	cfg = &Config{}
	operand := func(i *int, a, opt string) (string, bool) {
		if a == opt {
			if *i+1 < len(args) {
				*i++
				return args[*i], true
			}
			return "", false
		}
		if strings.HasPrefix(a, opt) {
			return a[len(opt):], true
		}
		return "", false
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if v, ok := operand(&i, a, "-iquote"); ok {
			cfg.QuoteDirs = append(cfg.QuoteDirs, v)
		} else if v, ok := operand(&i, a, "-isystem"); ok {
			cfg.SystemDirs = append(cfg.SystemDirs, v)
		} else if v, ok := operand(&i, a, "-include"); ok {
			cfg.Includes = append(cfg.Includes, v)
		} else if v, ok := operand(&i, a, "-I"); ok {
			cfg.IncludeDirs = append(cfg.IncludeDirs, v)
		} else if v, ok := operand(&i, a, "-D"); ok {
			name, val, found := strings.Cut(v, "=")
			if !found {
				val = "1"
			}
			cfg.Defines = append(cfg.Defines, Define{Name: name, Value: val})
		} else if v, ok := operand(&i, a, "-U"); ok {
			cfg.Defines = append(cfg.Defines, Define{Name: v, Undef: true})
		} else if v, ok := strings.CutPrefix(a, "-fmacro-prefix-map="); ok {
			old, new, _ := strings.Cut(v, "=")
			cfg.MacroPrefixMap = append(cfg.MacroPrefixMap, PrefixMap{Old: old, New: new})
		}
	}
	return cfg, PredefinedFlags(args)
}

// spellingsOf lexes preprocessed text, leaving out directive lines (gcc -E
// prints #pragma).
func spellingsOf(src []byte) []string {
	s, lines := splice(src)
	l := lexer{s: s, lines: lines}
	l.run()
	var out []string
	skip := false
	for _, t := range l.toks {
		if t.flags&cBOL != 0 {
			skip = t.kind == Punct && s[t.off:t.off+t.n] == "#"
		}
		if !skip {
			text := s[t.off : t.off+t.n]
			if t.kind == Ident && strings.Contains(text, `\`) {
				text = decodeUCNs(text)
			}
			out = append(out, text)
		}
	}
	return out
}

// decodeUCNs spells the universal character names of an identifier in
// UTF-8: gcc -E writes extended characters of identifiers as UCNs.
func decodeUCNs(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if n := ucnLen(s, i); n > 0 {
			r, _ := strconv.ParseUint(s[i+2:i+n], 16, 32)
			b.WriteRune(rune(r))
			i += n
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func tokenTexts(toks []Token) []string {
	out := make([]string, len(toks))
	for i := range toks {
		out[i] = toks[i].Text()
	}
	return out
}

// firstDiff returns the index of the first difference, -1 if none.
func firstDiff(a, b []string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	return -1
}

func around(s []string, i int) string {
	lo, hi := max(0, i-8), min(len(s), i+8)
	var b strings.Builder
	for j := lo; j < hi; j++ {
		if j == i {
			b.WriteString(" >>>")
		}
		b.WriteString(" " + s[j])
		if j == i {
			b.WriteString("<<<")
		}
	}
	if i >= len(s) {
		b.WriteString(" >>>(end)")
	}
	return b.String()
}

// describeDiff reports the first difference between gcc's tokens and ours.
func describeDiff(want []string, res *Result) string {
	got := res.Tokens
	texts := tokenTexts(got)
	i := firstDiff(want, texts)
	if i < 0 {
		return ""
	}
	msg := fmt.Sprintf("first difference at token %d of %d (gcc %d)\n gcc:%s\n cpp:%s", i, len(texts), len(want), around(want, i), around(texts, i))
	if i < len(got) {
		t := &got[i]
		msg += fmt.Sprintf("\n cpp token %q at %v, origin %v, chain %v", t.Text(), t.Pos(), res.Origin(*t), res.Expansion(*t).Chain())
	}
	return msg
}

func TestAgainstGCC(t *testing.T) {
	gcc := lookGCC(t)
	files, err := filepath.Glob("testdata/*.c")
	if err != nil || len(files) == 0 {
		t.Fatal("no testdata")
	}
	c := NewCache()
	same := 0
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".c"), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var flags []string
			if first, _, _ := bytes.Cut(src, []byte("\n")); bytes.HasPrefix(first, []byte("// flags:")) {
				flags = splitCommand(string(first[len("// flags:"):]))
			}
			flags = append(flags, "-Itestdata/include")
			cmd := exec.Command(gcc, append(append([]string{"-E", "-P", "-nostdinc"}, flags...), file)...)
			cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=0", "LC_ALL=C")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, gccErr := cmd.Output()

			cfg, predefFlags := commandConfig(flags)
			cfg.Predefined, err = Predefined(gcc, predefFlags)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Preprocess(c, cfg, file, nil)
			if gccErr != nil {
				if err == nil {
					t.Errorf("gcc fails (%v: %s) but Preprocess does not", gccErr, firstLine(stderr.String()))
				} else {
					t.Logf("both fail: gcc: %s; cpp: %v", firstLine(stderr.String()), err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Preprocess: %v", err)
			}
			if d := describeDiff(spellingsOf(out), res); d != "" {
				t.Errorf("%s", d)
				return
			}
			same++
		})
	}
	t.Logf("%d of %d files give gcc's tokens", same, len(files))
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

type compileCommand struct {
	Directory string   `json:"directory"`
	Command   string   `json:"command"`
	Arguments []string `json:"arguments"`
	File      string   `json:"file"`
}

// kernelUnits returns n entries of the tree's compile_commands.json under
// kernel/, mm/ and lib/, spread evenly over the sorted list.
func kernelUnits(t testing.TB, tree string, n int) []compileCommand {
	return kernelUnitsIn(t, tree, "kernel,mm,lib", n)
}

// kernelUnitsIn is kernelUnits with the top-level directories to take
// files from when KPREEMPT_CPP_DIRS does not say.
func kernelUnitsIn(t testing.TB, tree, dirs string, n int) []compileCommand {
	b, err := os.ReadFile(filepath.Join(tree, "compile_commands.json"))
	if err != nil {
		t.Skipf("KPREEMPT_KERNEL=%s: %v", tree, err)
	}
	var all []compileCommand
	if err := json.Unmarshal(b, &all); err != nil {
		t.Fatal(err)
	}
	// KPREEMPT_CPP_DIRS names the top-level directories to take files
	// from (comma-separated; "*" for the whole database).
	if d := os.Getenv("KPREEMPT_CPP_DIRS"); d != "" {
		dirs = d
	}
	var units []compileCommand
	for _, e := range all {
		rel, err := filepath.Rel(e.Directory, e.File)
		if err != nil || !strings.HasSuffix(rel, ".c") || strings.HasPrefix(rel, "..") {
			continue
		}
		if !slices.Contains(e.args(), "-D__KERNEL__") {
			continue // a host program: built against the host's libc, not checked
		}
		if d, _, _ := strings.Cut(rel, "/"); dirs == "*" || slices.Contains(strings.Split(dirs, ","), d) {
			units = append(units, e)
		}
	}
	sort.Slice(units, func(i, j int) bool { return units[i].File < units[j].File })
	if n <= 0 || n >= len(units) {
		return units
	}
	var pick []compileCommand
	for i := 0; i < n; i++ {
		pick = append(pick, units[i*len(units)/n])
	}
	return pick
}

func (e compileCommand) args() []string {
	if len(e.Arguments) > 0 {
		return e.Arguments
	}
	return splitCommand(e.Command)
}

// gccPreprocessArgs turns a compile command into gcc -E -P: no object, no
// dependency files.
func gccPreprocessArgs(args []string) []string {
	var out []string
	for i := 1; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-c":
		case a == "-o" || a == "-MF" || a == "-MT" || a == "-MQ":
			i++
		case strings.HasPrefix(a, "-Wp,-M"), a == "-MD", a == "-MMD", a == "-M", a == "-MM", a == "-MP":
		default:
			out = append(out, a)
		}
	}
	return append(out, "-E", "-P")
}

func kernelTree(t testing.TB) string {
	tree := os.Getenv("KPREEMPT_KERNEL")
	if tree == "" {
		t.Skip("KPREEMPT_KERNEL does not name a configured kernel tree")
	}
	return tree
}

// TestAgainstGCCKernel compares the preprocessor with gcc -E, each
// file under the command its compile_commands.json entry gives (kbuild's
// flags, the target's compiler): on the fixture's x86_64 6.12 tree, and
// on samples of its arm64, powerpc and 6.1 trees when they are there.
func TestAgainstGCCKernel(t *testing.T) {
	n := 20
	if s := os.Getenv("KPREEMPT_CPP_FILES"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			t.Fatalf("KPREEMPT_CPP_FILES=%s: %v", s, err)
		}
	}
	againstGCC(t, kernelTree(t), "kernel,mm,lib", n)
	for _, o := range []struct{ name, env, dirs string }{
		{"arm64", "KPREEMPT_KERNEL_ARM64", "arch,kernel"},
		{"powerpc", "KPREEMPT_KERNEL_POWERPC", "arch,kernel"},
		{"6.1", "KPREEMPT_KERNEL_6_1", "kernel,net"},
	} {
		t.Run(o.name, func(t *testing.T) {
			tree := os.Getenv(o.env)
			if tree == "" {
				t.Skipf("%s does not name a configured kernel tree", o.env)
			}
			againstGCC(t, tree, o.dirs, max(n/2, 1))
		})
	}
}

func againstGCC(t *testing.T, tree, dirs string, n int) {
	units := kernelUnitsIn(t, tree, dirs, n)
	if len(units) == 0 {
		t.Skipf("no units under %s of %s", dirs, tree)
	}
	c := NewCache()
	var ours, theirs []time.Duration
	same := 0
	for _, u := range units {
		rel, _ := filepath.Rel(u.Directory, u.File)
		t.Run(rel, func(t *testing.T) {
			t.Chdir(u.Directory)
			args := u.args()
			gcc := args[0]
			cmd := exec.Command(gcc, gccPreprocessArgs(args)...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			start := time.Now()
			out, err := cmd.Output()
			theirs = append(theirs, time.Since(start))
			if err != nil {
				t.Fatalf("gcc -E: %v: %s", err, firstLine(stderr.String()))
			}

			cfg, predefFlags := commandConfig(args[1:])
			if cfg.Predefined, err = Predefined(gcc, predefFlags); err != nil {
				t.Fatal(err)
			}
			start = time.Now()
			res, err := Preprocess(c, cfg, rel, nil)
			ours = append(ours, time.Since(start))
			if err != nil {
				t.Fatalf("Preprocess: %v", err)
			}
			if d := describeDiff(spellingsOf(out), res); d != "" {
				t.Errorf("%s", d)
				return
			}
			t.Logf("%d tokens, %d files opened; cpp %v, gcc -E %v", len(res.Tokens), len(res.Includes), ours[len(ours)-1], theirs[len(theirs)-1])
			same++
		})
	}
	t.Logf("%d of %d kernel files give gcc's tokens", same, len(units))
	if len(ours) > 0 {
		t.Logf("per file: cpp median %v (first, cold cache %v), gcc -E median %v", median(ours[1:]), ours[0], median(theirs))
	}
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
