package cparse

import (
	"strings"
	"testing"
)

// Each token fix-up makes a construct cc/v4's parser rejects parse.
func TestTokenFixups(t *testing.T) {
	for name, src := range map[string]string{
		"typeof(const T)":    "int x; void f(void) { __typeof__(const int) y = 1; typeof(volatile int) z = 2; (void)y; (void)z; }",
		"const __auto_type":  "void f(void) { const __auto_type b = 1; (void)b; }",
		"__seg_gs":           "extern int __seg_gs *p; void f(void) { (void)p; }",
		"enum __attribute__": "enum __attribute__((packed)) e { A, B }; void f(void) { enum e v = A; (void)v; }",
		"__builtin_offsetof": "struct s { int a, b; }; unsigned long f(void) { return __builtin_offsetof(struct s, b); }",
		"__builtin_va_arg":   "void f(__builtin_va_list ap) { int i = __builtin_va_arg(ap, int); (void)i; }",
		"types_compatible_p": "int f(void) { return __builtin_types_compatible_p(int, long); }",
		"__extension__":      "void f(void) { long x = __extension__ 1L; (void)x; }",
		// drivers/vhost/vhost.c: BUILD_BUG_ON(__alignof__ *vq->avail > ...)
		"__alignof__ *p": "struct s { int *a; }; int f(struct s *v) { return __alignof__ *v->a + __alignof__(*v->a) + _Alignof(struct s); }",
		// arch/powerpc/lib/xor_vmx.c: `vector bool int` as GCC's powerpc preprocessor expands it (cpp/altivec.go)
		"AltiVec vector": "typedef __attribute__((altivec(vector__))) __attribute__((altivec(bool__))) unsigned int b; void f(b *x) { b y = x[0]; (void)y; }",
	} {
		u, err := ParseSource(&kbuildUnit, []byte(src))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(u.Funcs) != 1 || u.Funcs[0].Name != "f" {
			t.Errorf("%s: functions %v", name, u.Funcs)
		}
	}
}

func TestParseErrorNamesUserPosition(t *testing.T) {
	_, err := ParseSource(&kbuildUnit, []byte("#define BAD(x) x +\nint f(void) { return BAD(1) ; }\n"))
	if err == nil {
		t.Fatal("no error")
	}
	if !strings.Contains(err.Error(), "w.c:2:") || strings.Contains(err.Error(), "preprocessed") {
		t.Errorf("error %q does not point at the user's line", err)
	}
}

func TestRejectedOption(t *testing.T) {
	for msg, want := range map[string]string{
		"gcc -dM -E: gcc: error: unrecognized command-line option ‘-mlittle-endian’": "-mlittle-endian",
		"gcc: error: unrecognized command line option '-mfoo'; did you mean":         "-mfoo",
		"gcc: error: something else": "",
	} {
		if got := rejectedOption(msg); got != want {
			t.Errorf("rejectedOption(%q) = %q, want %q", msg, got, want)
		}
	}
}

func TestTypesCompatibleWithFunctionPointerType(t *testing.T) {
	src := "struct pt_regs;\nvoid h(struct pt_regs *r);\n_Static_assert(__builtin_types_compatible_p(typeof(&h), void (*)(struct pt_regs *)), \"type\");\nvoid f(void) { }\n"
	if _, err := ParseSource(&kbuildUnit, []byte(src)); err != nil {
		t.Errorf("function pointer type in __builtin_types_compatible_p: %v", err)
	}
}

func TestGoErrorText(t *testing.T) {
	for in, want := range map[string]string{
		`cc.go:745:newConfig: exec: "gcc": executable file not found in $PATH`: `exec: "gcc": executable file not found in $PATH`,
		"plain message":             "plain message",
		"a.go:1:f: b.go:2:g: inner": "inner",
	} {
		if got := goErrorText(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
