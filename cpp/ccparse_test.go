package cpp_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"modernc.org/cc/v4"

	"github.com/kpreempt/kpreempt/cpp"
)

// sample is parsed when the project's C test files are not there.
const sample = `#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>

DEFINE_PER_CPU(int, counter);

static void bump(void)
{
	preempt_disable();
	__this_cpu_inc(counter);
	preempt_enable();
}
`

// ccTokens collects every cc.Token reachable from an AST node.
func ccTokens(v reflect.Value, seen map[uintptr]bool, out *[]cc.Token) {
	tokType := reflect.TypeOf(cc.Token{})
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		ccTokens(v.Elem(), seen, out)
	case reflect.Interface:
		if !v.IsNil() {
			ccTokens(v.Elem(), seen, out)
		}
	case reflect.Struct:
		if v.Type() == tokType {
			*out = append(*out, v.Interface().(cc.Token))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				ccTokens(v.Field(i), seen, out)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			ccTokens(v.Index(i), seen, out)
		}
	}
}

// TestCCParse checks that cc/v4 parses our output, fed to it as already
// preprocessed text, and that the offsets cc reports lead back to our
// tokens.
func TestCCParse(t *testing.T) {
	stubs, err := filepath.Abs("../kbuild/stubs/include")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(stubs, "linux", "percpu.h")); err != nil {
		t.Skip("the stub headers are not there")
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("gcc not found")
	}
	predef, err := cpp.Predefined("gcc", []string{"-std=gnu11", "-funsigned-char", "-fshort-wchar"})
	if err != nil {
		t.Fatal(err)
	}
	base, err := cc.NewConfig("linux", "amd64")
	if err != nil {
		t.Fatal(err)
	}
	type unit struct {
		name string
		src  []byte
	}
	units := []unit{{"sample.c", []byte(sample)}}
	files, _ := filepath.Glob("../testdata/csrc/*/*.c")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		units = append(units, unit{f, b})
	}
	c := cpp.NewCache()
	parsed := 0
	for _, u := range units {
		cfg := &cpp.Config{
			IncludeDirs: []string{filepath.Dir(u.name)},
			SystemDirs:  []string{stubs},
			Predefined:  predef,
			Defines:     []cpp.Define{{Name: "__KERNEL__", Value: "1"}},
		}
		res, err := cpp.Preprocess(c, cfg, u.name, u.src)
		if err != nil {
			t.Errorf("%s: %v", u.name, err)
			continue
		}
		text, offs, err := cpp.ParserText(res.Tokens)
		if err != nil {
			t.Fatal(err)
		}
		ccfg := *base
		// cc.Builtin declares the __builtin_* types; it needs the predefined
		// macros. Our text has no directives and no macro left to expand.
		ast, err := cc.Parse(&ccfg, []cc.Source{{Name: "<predefined>", Value: ccfg.Predefined}, {Name: "<builtin>", Value: cc.Builtin}, {Name: u.name, Value: text}})
		if err != nil {
			t.Errorf("%s: cc.Parse: %v", u.name, err)
			continue
		}
		parsed++
		var toks []cc.Token
		ccTokens(reflect.ValueOf(ast.TranslationUnit), map[uintptr]bool{}, &toks)
		checked := 0
	tokens:
		for _, ct := range toks {
			pos := ct.Position()
			if pos.Filename != u.name || ct.Ch < 0 {
				continue
			}
			k := sort.Search(len(offs), func(i int) bool { return int(offs[i]) >= pos.Offset })
			if k == len(offs) || int(offs[k]) != pos.Offset {
				t.Errorf("%s: cc token %q at offset %d is at no token's offset", u.name, ct.SrcStr(), pos.Offset)
				break
			}
			ours, theirs := &res.Tokens[k], ct.SrcStr()
			switch {
			case ours.Text() == theirs:
			case ours.Text() == "{":
				continue // cc declares __func__ at the '{' of each function body
			case ours.Kind == cpp.Ident:
				continue // cc expanded a macro of cc.Builtin: its tokens are at the name
			case ours.Kind == cpp.String && len(theirs) > len(ours.Text()) && theirs[:len(ours.Text())-1] == ours.Text()[:len(ours.Text())-1]:
				// cc joins adjacent string literals into the first
			default:
				t.Errorf("%s: cc token %q at offset %d maps to %q", u.name, theirs, pos.Offset, ours.Text())
				break tokens
			}
			checked++
		}
		if checked == 0 {
			t.Errorf("%s: no cc token checked", u.name)
		}
	}
	t.Logf("%d of %d units parsed", parsed, len(units))
}
