package cpp

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
)

// memFS is an overlay that takes any path, absolute ones included.
type memFS map[string]string

func (m memFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (m memFS) ReadFile(name string) ([]byte, error) {
	if s, ok := m[name]; ok {
		return []byte(s), nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func pre(t *testing.T, cfg *Config, src string) *Result {
	t.Helper()
	if cfg == nil {
		cfg = &Config{}
	}
	res, err := Preprocess(NewCache(), cfg, "t.c", []byte(src))
	if err != nil {
		t.Fatalf("Preprocess: %v", err)
	}
	return res
}

func find(t *testing.T, toks []Token, text string, nth int) *Token {
	t.Helper()
	for i := range toks {
		if toks[i].Text() == text {
			if nth == 0 {
				return &toks[i]
			}
			nth--
		}
	}
	t.Fatalf("no token %q in %q", text, strings.Join(tokenTexts(toks), " "))
	return nil
}

func chainString(e *Expansion) string {
	var s []string
	for _, x := range e.Chain() {
		s = append(s, x.String())
	}
	return strings.Join(s, " ")
}

func TestProvenance(t *testing.T) {
	src := `#define __TCP_INC_STATS(net, f) __this_cpu_inc((net)->mib[f])
#define __this_cpu_inc(pcp) __this_cpu_add(pcp, 1)
#define __this_cpu_add(pcp, v) raw_add(pcp, v)
void g(void) {
	__TCP_INC_STATS( n,
	  3 );
}
`
	res := pre(t, nil, src)
	if got, want := strings.Join(tokenTexts(res.Tokens), " "), "void g ( void ) { raw_add ( ( n ) -> mib [ 3 ] , 1 ) ; }"; got != want {
		t.Fatalf("tokens\n got %s\nwant %s", got, want)
	}
	raw := find(t, res.Tokens, "raw_add", 0)
	if got, want := chainString(res.Expansion(*raw)), "__TCP_INC_STATS@t.c:5:2 __this_cpu_inc@t.c:1:33 __this_cpu_add@t.c:2:29"; got != want {
		t.Errorf("raw_add chain\n got %s\nwant %s", got, want)
	}
	if raw.FromArg || raw.Pos() != (Pos{"t.c", 3, 32}) {
		t.Errorf("raw_add: FromArg %v, Pos %v", raw.FromArg, raw.Pos())
	}
	if got := res.Origin(*raw); got != (Pos{"t.c", 5, 2}) {
		t.Errorf("raw_add origin %v", got)
	}
	outer := res.Expansion(*raw).Chain()[0]
	if !slices.Equal(outer.Args, []string{"n", "3"}) {
		t.Errorf("outer args %q", outer.Args)
	}
	if got := res.Expansion(*raw).Chain()[1].Args; !slices.Equal(got, []string{"(n)->mib[3]"}) {
		t.Errorf("__this_cpu_inc args %q", got)
	}
	if got := res.Expansion(*raw).Args; !slices.Equal(got, []string{"(n)->mib[3]", "1"}) {
		t.Errorf("__this_cpu_add args %q", got)
	}
	n := find(t, res.Tokens, "n", 0)
	if !n.FromArg || n.Pos() != (Pos{"t.c", 5, 19}) || res.Expansion(*n) != res.Expansion(*raw) {
		t.Errorf("n: FromArg %v, Pos %v, Exp %v", n.FromArg, n.Pos(), res.Expansion(*n))
	}
	three := find(t, res.Tokens, "3", 0)
	if !three.FromArg || three.Pos() != (Pos{"t.c", 6, 4}) || res.Expansion(*three) != res.Expansion(*raw) {
		t.Errorf("3: FromArg %v, Pos %v, Exp %v", three.FromArg, three.Pos(), res.Expansion(*three))
	}
	// 1 and mib are arguments of __this_cpu_add too, written in macro bodies.
	one := find(t, res.Tokens, "1", 0)
	if !one.FromArg || one.Pos() != (Pos{"t.c", 2, 49}) || res.Expansion(*one) != res.Expansion(*raw) {
		t.Errorf("1: FromArg %v, Pos %v, Exp %v", one.FromArg, one.Pos(), res.Expansion(*one))
	}
	mib := find(t, res.Tokens, "mib", 0)
	if !mib.FromArg || res.Expansion(*mib) != res.Expansion(*raw) || mib.Pos() != (Pos{"t.c", 1, 55}) {
		t.Errorf("mib: FromArg %v, Pos %v, Exp %v", mib.FromArg, mib.Pos(), res.Expansion(*mib))
	}
	for _, s := range []string{"void", "g", "{", "}"} {
		if tok := find(t, res.Tokens, s, 0); res.Expansion(*tok) != nil || tok.FromArg || res.Origin(*tok) != tok.Pos() {
			t.Errorf("%s comes from a macro", s)
		}
	}
}

func TestProvenanceInArgument(t *testing.T) {
	src := `#define M(x) [x]
#define FOO 1
#define F(x) f(x)
#define G F
M(FOO) G(2)(3)
`
	res := pre(t, nil, src)
	one := find(t, res.Tokens, "1", 0)
	// FOO is written in M's argument: its expansion belongs to M's.
	if got, want := chainString(res.Expansion(*one)), "M@t.c:5:1 FOO@t.c:5:3"; got != want {
		t.Errorf("1: chain %s, want %s", got, want)
	}
	if one.FromArg || res.Origin(*one) != (Pos{"t.c", 5, 1}) {
		t.Errorf("1: FromArg %v origin %v", one.FromArg, res.Origin(*one))
	}
	br := find(t, res.Tokens, "[", 0)
	if got, want := chainString(res.Expansion(*br)), "M@t.c:5:1"; got != want {
		t.Errorf("[: chain %s, want %s", got, want)
	}
	// F's name comes from G's expansion, its '(' from the file.
	f := find(t, res.Tokens, "f", 0)
	if got, want := chainString(res.Expansion(*f)), "G@t.c:5:8 F@t.c:4:11"; got != want {
		t.Errorf("f: chain %s, want %s", got, want)
	}
	two := find(t, res.Tokens, "2", 0)
	if !two.FromArg || two.Pos() != (Pos{"t.c", 5, 10}) || res.Expansion(*two) != res.Expansion(*f) {
		t.Errorf("2: %v %v %v", two.FromArg, two.Pos(), res.Expansion(*two))
	}
	if three := find(t, res.Tokens, "3", 0); res.Expansion(*three) != nil {
		t.Errorf("3: %v", res.Expansion(*three))
	}
	if res.Expansion(*f).Args == nil || len(res.Expansion(*f).Args) != 1 || res.Expansion(*f).Args[0] != "2" {
		t.Errorf("F args %q", res.Expansion(*f).Args)
	}
	if g := res.Expansion(*f).Parent; g.Args != nil {
		t.Errorf("object-like G has args %q", g.Args)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"#include \"nonexistent.h\"\n", `t.c:1:10: nonexistent.h: No such file or directory`},
		{"#include <nonexistent.h>\n", `t.c:1:10: nonexistent.h: No such file or directory`},
		{"int a;\n#error stop here\n", `t.c:2:1: #error stop here`},
		{"#if 1\nx\n", `t.c:1:1: unterminated #if`},
		{"#ifdef X\n#else\n#else\n#endif\n", `t.c:3:1: #else after #else`},
		{"#endif\n", `t.c:1:1: #endif without #if`},
		{"#define f(x) x\nf(1, (2)\n", `t.c:2:1: unterminated argument list invoking macro "f"`},
		{"#define f(x, y) x\nf(1)\n", `t.c:2:1: macro "f" requires 2 arguments, but only 1 given`},
		{"#define f(x) x\nf(1, 2)\n", `t.c:2:1: macro "f" passed 2 arguments, but takes just 1`},
		{"a /* b\n", `t.c:1:3: unterminated comment`},
		{"#foo\n", `t.c:1:1: invalid preprocessing directive #foo`},
		{"#if 1 / 0\n#endif\n", `t.c:1:7: division by zero in #if`},
		{"#if\n#endif\n", `t.c:1:1: #if with no expression`},
		{"#if 1 +\n#endif\n", `t.c:1:7: operator '+' has no right operand`},
		{"#if (1\n#endif\n", `t.c:1:5: missing ')' in expression`},
		{"#if 1 2\n#endif\n", `t.c:1:7: missing binary operator before token "2"`},
		{"#if 1.0\n#endif\n", `t.c:1:5: floating constant in preprocessor expression`},
		{"#if \"s\"\n#endif\n", `t.c:1:5: token ""s"" is not valid in preprocessor expressions`},
		{"#if defined\n#endif\n", `t.c:1:5: operator "defined" requires an identifier`},
		{"#define\n", `t.c:1:1: no macro name given in #define directive`},
		{"#define 3 x\n", `t.c:1:1: macro names must be identifiers`},
		{"#define f(x) #y\n", `t.c:1:1: '#' is not followed by a macro parameter`},
		{"#define f(x) ## x\n", `t.c:1:1: '##' cannot appear at either end of a macro expansion`},
		{"#define f(x, x) x\n", `t.c:1:1: duplicate macro parameter "x"`},
		{"#define defined\n", `t.c:1:1: "defined" cannot be used as a macro name`},
		{"#define c(a, b) a ## b\nc(., .)\n", `t.c:2:1: pasting "." and "." does not give a valid preprocessing token`},
		{"_Pragma(x)\n", `t.c:1:1: _Pragma takes a parenthesized string literal`},
		{"#include\n", `t.c:1:1: #include expects "FILENAME" or <FILENAME>`},
		{"#define H 3\n#include H\n", `t.c:2:10: #include expects "FILENAME" or <FILENAME>`},
		{"#include \"t.c\"\n", `#include nested depth 200 exceeds maximum of 200`},
		{"#line x\n", `t.c:1:1: "x" after #line is not a positive integer`},
		{"__has_include(\"t.c\")\n", `t.c:1:1: "__has_include" used outside of preprocessing directive`},
	}
	for _, tt := range tests {
		fs := memFS{"t.c": tt.src}
		_, err := Preprocess(NewCache(), &Config{FS: fs}, "t.c", []byte(tt.src))
		if err == nil {
			t.Errorf("%q: no error, want %s", tt.src, tt.want)
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%q: error %T %v", tt.src, err, err)
		}
		if got := err.Error(); !strings.Contains(got, tt.want) || strings.Contains(got, "\n") {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

// An error does not stop the unit; the first one is returned with what was
// produced.
func TestErrorKeepsGoing(t *testing.T) {
	res, err := Preprocess(NewCache(), nil, "t.c", []byte("a\n#error one\nb\n#error two\nc\n"))
	if err == nil || !strings.Contains(err.Error(), "#error one") {
		t.Fatalf("err %v", err)
	}
	if got := strings.Join(tokenTexts(res.Tokens), " "); got != "a b c" {
		t.Errorf("tokens %q", got)
	}
	// A missing include is fatal.
	res, err = Preprocess(NewCache(), nil, "t.c", []byte("a\n#include \"nope.h\"\nb\n"))
	if err == nil || len(res.Tokens) != 1 {
		t.Errorf("err %v, tokens %v", err, tokenTexts(res.Tokens))
	}
}

func TestOverlayAndIncludes(t *testing.T) {
	fsys := memFS{
		"/inc/a.h":     "#pragma once\na_h\n#include \"b.h\"\n",
		"/inc/b.h":     "#ifndef B_H\n#define B_H\nb_h __FILE__\n#endif\n",
		"/sys/linux.h": "sys_h __INCLUDE_LEVEL__\n",
	}
	cfg := &Config{FS: fsys, IncludeDirs: []string{"/inc"}, SystemDirs: []string{"/sys"}}
	src := "#include <a.h>\n#include <a.h>\n#include <b.h>\n#include <linux.h>\nmain\n"
	res := pre(t, cfg, src)
	if got, want := strings.Join(tokenTexts(res.Tokens), " "), `a_h b_h "/inc/b.h" sys_h 1 main`; got != want {
		t.Errorf("tokens\n got %s\nwant %s", got, want)
	}
	if want := []string{"/inc/a.h", "/inc/b.h", "/sys/linux.h"}; !slices.Equal(res.Includes, want) {
		t.Errorf("includes %q, want %q", res.Includes, want)
	}
	// The guard of b.h was found when it was parsed.
	c := NewCache()
	f, err := c.load(fsys, c.fsID(fsys), "/inc/b.h")
	if err != nil || f.guard == 0 || names.at(f.guard) != "B_H" {
		t.Errorf("guard of b.h: %v %v", f, err)
	}
}

func TestText(t *testing.T) {
	src := `#define CAT(a, b) a ## b
#define EMPTY
#define PLUS +
#define NEG -
#define DOT .
#define E 1e
#define SLASH /
x PLUS+ y NEG- z NEG-> w SLASH/ v SLASH* u E+5 DOT 5 L EMPTY"s" a EMPTY b 1 EMPTY x
CAT(a, b)EMPTY(c) <EMPTY<EMPTY= -EMPTY= &EMPTY& |EMPTY| #EMPTY# %EMPTY: .EMPTY..
`
	res := pre(t, nil, src)
	for name, render := range map[string]func([]Token) ([]byte, []int32, error){"Text": Text, "ParserText": ParserText} {
		text, offs, err := render(res.Tokens)
		if err != nil {
			t.Fatal(err)
		}
		if len(offs) != len(res.Tokens) {
			t.Fatalf("%s: %d offsets for %d tokens", name, len(offs), len(res.Tokens))
		}
		for i, o := range offs {
			if got := string(text[o : int(o)+len(res.Tokens[i].Text())]); got != res.Tokens[i].Text() {
				t.Errorf("%s: token %d at %d: %q, want %q", name, i, o, got, res.Tokens[i].Text())
			}
		}
		// Lexed again, the text gives the same tokens.
		if got, want := spellingsOf(text), tokenTexts(res.Tokens); !slices.Equal(got, want) {
			t.Errorf("%s: text %s\nlexes to %q\nwant     %q", name, text, got, want)
		}
	}
	// ParserText's lines are parserLine tokens long at least, broken where
	// the file's lines start.
	var lines strings.Builder
	for i := range 3 * parserLine {
		fmt.Fprintf(&lines, "x%d\n", i)
	}
	if text, _, _ := ParserText(pre(t, nil, lines.String()).Tokens); bytes.Count(text, []byte("\n")) != 2 {
		t.Errorf("ParserText of %d one-token lines has %d newlines, want 2", 3*parserLine, bytes.Count(text, []byte("\n")))
	}
	// Only ParserText leaves out the spaces the source wrote.
	if text, _, _ := ParserText(pre(t, nil, "a = b + c;\n").Tokens); string(text) != "a=b+c;" {
		t.Errorf("ParserText = %q, want %q", text, "a=b+c;")
	}
}

func TestConcurrentUnits(t *testing.T) {
	fsys := memFS{}
	for i := range 20 {
		fsys[fmt.Sprintf("/inc/h%d.h", i)] = fmt.Sprintf("#ifndef H%d\n#define H%d\n#define M%d(x) h%d(x, __COUNTER__)\n#include \"h%d.h\"\n#endif\n", i, i, i, i, (i+1)%20)
	}
	c := NewCache()
	var wg sync.WaitGroup
	results := make([]string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := fmt.Sprintf("#include <h%d.h>\nM0(a) M7(b) M19(c)\n", g)
			res, err := Preprocess(c, &Config{FS: fsys, IncludeDirs: []string{"/inc"}}, "t.c", []byte(src))
			if err != nil {
				t.Error(err)
				return
			}
			results[g] = strings.Join(tokenTexts(res.Tokens), " ")
		}()
	}
	wg.Wait()
	for g, r := range results {
		if r != "h0 ( a , 0 ) h7 ( b , 1 ) h19 ( c , 2 )" {
			t.Errorf("unit %d: %s", g, r)
		}
	}
}

func TestDefinesAndPredefined(t *testing.T) {
	cfg := &Config{
		Predefined: "#define __GNUC__ 12\n#define PRE 1\n",
		Defines:    []Define{{Name: "A", Value: "1"}, {Name: "B", Value: "x y"}, {Name: "PRE", Undef: true}, {Name: "F(x)", Value: "[x]"}},
	}
	res := pre(t, cfg, "__GNUC__ A B PRE F(2)\n")
	if got := strings.Join(tokenTexts(res.Tokens), " "); got != "12 1 x y PRE [ 2 ]" {
		t.Errorf("got %s", got)
	}
}

func TestLineWithLineDirective(t *testing.T) {
	res := pre(t, nil, "a\n#line 10 \"x.c\"\n__LINE__ __FILE__\nb\n")
	if got := strings.Join(tokenTexts(res.Tokens), " "); got != `a 10 "x.c" b` {
		t.Errorf("got %s", got)
	}
	// Positions stay physical.
	if b := find(t, res.Tokens, "b", 0); b.Pos() != (Pos{"t.c", 4, 1}) {
		t.Errorf("b at %v", b.Pos())
	}
}

// gcc ignores NUL bytes, as white space.
func TestNUL(t *testing.T) {
	res := pre(t, nil, "nul\x00byte\n")
	if got := strings.Join(tokenTexts(res.Tokens), " "); got != "nul byte" {
		t.Errorf("got %q", got)
	}
}

// A cache with a limit drops the files least recently used and reads
// them again when asked: the output is the same as with every file kept,
// #pragma once and include guards included, and the cache stays within
// its limit once a run is over.
func TestCacheLimit(t *testing.T) {
	fsys := memFS{
		"/inc/a.h": "#pragma once\na_h\n#include \"b.h\"\n#include \"c.h\"\n",
		"/inc/b.h": "#ifndef B_H\n#define B_H\nb_h B_VALUE\n#define B_VALUE 2\n#endif\n",
		"/inc/c.h": "#pragma once\n#define C_VALUE(x) (x + B_VALUE)\nc_h\n",
		"/inc/d.h": "d_h C_VALUE(1)\n",
	}
	cfg := &Config{FS: fsys, IncludeDirs: []string{"/inc"}}
	src := "#include <a.h>\n#include <d.h>\n#include <a.h>\n#include <c.h>\n#include <b.h>\n#include <d.h>\nmain C_VALUE(3)\n"
	run := func(c *Cache) string {
		var out []string
		for range 3 {
			res, err := Preprocess(c, cfg, "t.c", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, strings.Join(tokenTexts(res.Tokens), " "))
		}
		return strings.Join(out, "\n")
	}
	want := run(NewCache())
	small := NewCache()
	small.SetLimit(1) // keeps only the file just used
	if got := run(small); got != want {
		t.Errorf("with a limit:\n%s\nwant\n%s", got, want)
	}
	small.mu.Lock()
	n, size := small.lru.Len(), small.size
	small.mu.Unlock()
	if n != 1 {
		t.Errorf("%d files kept (%d bytes), want the last one only", n, size)
	}
	if strings.Count(want, "a_h") != 3 || strings.Count(want, "c_h") != 3 {
		t.Errorf("#pragma once files not read once per unit:\n%s", want)
	}
}

// TestWatchedConditionals checks which tokens and expansions are variant:
// read in a group of a conditional that tests a watched macro (any of its
// #if/#elif), in a file included there, or produced by a macro defined
// there.
func TestWatchedConditionals(t *testing.T) {
	fsys := memFS{
		"/inc/rt.h": "in_rt_header\n#define FROM_HEADER 1\n",
	}
	src := `#define RT_ON 1
#define IS_ENABLED(x) x
plain_a
#ifndef RT_ON
skipped
#else
in_else
#include <rt.h>
#endif
#if defined(OTHER) || IS_ENABLED(RT_ON)
#define GET(x) get_cpu(x)
in_if GET(v)
#endif
#ifdef OTHER
#elif 1
in_elif_chain
#endif
#ifdef OTHER2
#else
  #ifdef NESTED
  #else
  unwatched
  #endif
#endif
GET(w) FROM_HEADER plain_b
#undef GET
#define GET(x) x
GET(u)
`
	res := pre(t, &Config{FS: fsys, IncludeDirs: []string{"/inc"}, Watch: []string{"RT_ON"}}, src)
	want := map[string]bool{
		"plain_a": false, "in_else": true, "in_rt_header": true, "in_if": true,
		"in_elif_chain": false, "unwatched": false, "plain_b": false,
	}
	for name, v := range want {
		if got := find(t, res.Tokens, name, 0).Variant(); got != v {
			t.Errorf("%s: Variant() = %v, want %v", name, got, v)
		}
	}
	if e := res.Expansion(*find(t, res.Tokens, "get_cpu", 1)); e == nil || !e.Variant || e.Name != "GET" {
		t.Errorf("GET(w), defined in a watched group: expansion %+v, want a variant GET", e)
	}
	if tk := find(t, res.Tokens, "w", 0); tk.Variant() {
		t.Errorf("GET(w) is written outside the group: its token is not variant")
	}
	if e := res.Expansion(*find(t, res.Tokens, "1", 0)); e == nil || !e.Variant {
		t.Errorf("FROM_HEADER, defined in a header included in a watched group: %+v, want variant", e)
	}
	if e := res.Expansion(*find(t, res.Tokens, "u", 0)); e == nil || e.Variant {
		t.Errorf("GET redefined outside any watched group: %+v, want not variant", e)
	}
	if !res.Watched["RT_ON"] {
		t.Errorf("Watched = %v, want RT_ON defined", res.Watched)
	}
	res = pre(t, &Config{Watch: []string{"RT_ON"}}, "#ifdef RT_ON\n#else\nx\n#endif\n")
	if !find(t, res.Tokens, "x", 0).Variant() || res.Watched["RT_ON"] {
		t.Errorf("#ifdef RT_ON ... #else: x should be variant and RT_ON undefined; Watched = %v", res.Watched)
	}
}

// A macro Config.ExpandedArgs names keeps its arguments as substituted,
// fully expanded; one the definition only stringizes has none; other
// macros keep only what was written.
func TestExpandedArgs(t *testing.T) {
	src := `#define d_lock d_lockref.lock
#define lock_nested(l, sub) _lock(((void)(sub), (l)))
#define lock_named(l) _lock_named(#l)
#define other(l) _other(l)
lock_nested(&d->d_lock, 2); lock_named(d->d_lock); other(&d->d_lock);
`
	res := pre(t, &Config{ExpandedArgs: func(name string) bool { return strings.HasPrefix(name, "lock_") }}, src)
	nested := res.Expansion(*find(t, res.Tokens, "_lock", 0))
	if got, want := res.Expanded[nested], []string{"&d->d_lockref.lock", "2"}; !slices.Equal(got, want) {
		t.Errorf("lock_nested: expanded %q, want %q", got, want)
	}
	if got, want := nested.Args, []string{"&d->d_lock", "2"}; !slices.Equal(got, want) {
		t.Errorf("lock_nested: args %q, want %q", got, want)
	}
	if named := res.Expansion(*find(t, res.Tokens, "_lock_named", 0)); !slices.Equal(res.Expanded[named], []string{""}) {
		t.Errorf("lock_named: expanded %q, want one empty argument", res.Expanded[named])
	}
	if o := res.Expansion(*find(t, res.Tokens, "_other", 0)); res.Expanded[o] != nil {
		t.Errorf("other: expanded %q", res.Expanded[o])
	}
}

// TestOutputArray checks Config.Out: an output that fits is written into
// the array given, one that does not is copied out as before, and either
// way the tokens are those of a run without it. A given array that
// overflowed is left cleared, for the caller to use again.
func TestOutputArray(t *testing.T) {
	var src strings.Builder
	src.WriteString("#define TWICE(x) x + x\n")
	for i := range 3 * chunkSize / 4 {
		fmt.Fprintf(&src, "int v%d = TWICE(%d);\n", i, i)
	}
	want := tokenTexts(pre(t, nil, src.String()).Tokens)
	if len(want) <= chunkSize {
		t.Fatalf("%d tokens: the source must fill more than a chunk", len(want))
	}
	big := make([]Token, 0, 2*len(want))
	res := pre(t, &Config{Out: big}, src.String())
	if got := tokenTexts(res.Tokens); !slices.Equal(got, want) {
		t.Fatalf("into a large array: %d tokens, want %d", len(got), len(want))
	}
	if &res.Tokens[0] != &big[:1][0] {
		t.Error("the output that fits was not written into the array given")
	}
	small := make([]Token, 0, 100)
	res = pre(t, &Config{Out: small}, src.String())
	if got := tokenTexts(res.Tokens); !slices.Equal(got, want) {
		t.Fatalf("past a small array: %d tokens, want %d", len(got), len(want))
	}
	if &res.Tokens[0] == &small[:1][0] {
		t.Error("an output larger than the array given shares it")
	}
}

// A unit preprocessed with the records an earlier unit released has the
// expansions it has alone: every record is written whole, none is left
// of the earlier unit.
func TestReleasedExpansionsReused(t *testing.T) {
	big := "#define F(x, y) G(x) + y\n#define G(x) [x]\n"
	for i := range 600 {
		big += fmt.Sprintf("F(a%d, b) ", i)
	}
	small := "#define H(x) (x * 2)\n#define K H(k)\nint v = H(1) + K;\n"
	alone := pre(t, nil, small)
	chains := func(res *Result) []string {
		var out []string
		for _, tok := range res.Tokens {
			s := tok.Text()
			for _, e := range res.Expansion(tok).Chain() {
				s += fmt.Sprintf(" %s%q@%v", e.Name, e.Args, e.Pos)
			}
			out = append(out, s)
		}
		return out
	}
	want := chains(alone)
	first := pre(t, nil, big)
	if len(first.exps.slabs) < 2 {
		t.Fatalf("the first unit made %d slabs of records, want several", len(first.exps.slabs))
	}
	firstSlab := &first.exps.slabs[0][0]
	first.Release()
	if first.Expanded != nil || len(first.exps.slabs) != 0 {
		t.Fatal("Release left the unit's records in its Result")
	}
	again := pre(t, nil, small)
	reused := false
	for _, s := range append(again.exps.slabs, again.exps.spare...) {
		reused = reused || &s[0] == firstSlab
	}
	if !reused {
		t.Error("the second unit did not take the released records")
	}
	if got := chains(again); !slices.Equal(got, want) {
		t.Errorf("after a release, the tokens' expansions are\n%q\nwant\n%q", got, want)
	}
}
