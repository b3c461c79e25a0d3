package cpp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzPreprocess(f *testing.F) {
	seeds := []string{
		"#define f(x, ...) g(x, ## __VA_ARGS__) #x __VA_OPT__(y)\nf(1) f(1,2) f()\n",
		"#define a(x) x x\na(a(a(a(1))))\n",
		"#if defined(X) || __has_include(<h.h>) || 'a' + 0x10u > -1\n#include \"h.h\"\n#elif 1/0\n#endif\n",
		"#define s(x) #x\n#define p(a,b) a##b\ns(p(\"\\\\\",'\\'')) p(,) p(/,/) p(L,\"x\")\n",
		"_Pragma(\"once\") #pragma push_macro(\"s\")\n#include \"t.c\"\n",
		"#define f(x) x f\nf(1)(2)(3) __LINE__ __COUNTER__ __FILE__\n",
		"a\\\nb /* c\nd */ e // f\n\"g\n'h\n",
	}
	files, _ := filepath.Glob("testdata/*.c")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			seeds = append(seeds, string(b))
		}
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	savedTokens, savedWork, savedExp := maxTokens, maxWork, maxExpansions
	maxTokens, maxWork, maxExpansions = 1<<16, 1<<20, 1<<16
	defer func() { maxTokens, maxWork, maxExpansions = savedTokens, savedWork, savedExp }()
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := memFS{
			"t.c":      string(src),
			"/inc/h.h": "#ifndef H\n#define H\n#define HF(x, ...) [x __VA_ARGS__]\nh\n#endif\n",
			"/inc/n.h": "#include_next <n.h>\n",
		}
		cfg := &Config{FS: fsys, IncludeDirs: []string{"/inc"}, SystemDirs: []string{"/inc"}, MaxIncludeDepth: 10,
			Predefined: "#define __GNUC__ 12\n"}
		res, err := Preprocess(NewCache(), cfg, "t.c", src)
		if res == nil {
			t.Fatalf("no result (err %v)", err)
		}
		if err != nil && strings.Contains(err.Error(), "internal error") {
			t.Fatal(err)
		}
		text, offs, err := ParserText(res.Tokens)
		if err != nil {
			return // over the rendering's limit: nothing rendered
		}
		for i, o := range offs {
			if int(o)+len(res.Tokens[i].Text()) > len(text) || string(text[o:int(o)+len(res.Tokens[i].Text())]) != res.Tokens[i].Text() {
				t.Fatalf("token %d: bad offset", i)
			}
		}
		for i := range res.Tokens {
			tok := &res.Tokens[i]
			if tok.Kind == 0 || tok.Kind > Other {
				t.Fatalf("token %q of kind %v", tok.Text(), tok.Kind)
			}
			_ = res.Origin(*tok)
			if len(res.Expansion(*tok).Chain()) > 10000 {
				t.Fatal("chain too long")
			}
		}
	})
}
