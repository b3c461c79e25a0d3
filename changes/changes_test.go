package changes_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/changes"
	"github.com/kpreempt/kpreempt/internal/testkit"
)

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return testkit.Git(t, dir, args...)
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const base = `int a(void)
{
	return 1;
}

int b(void)
{
	return 2;
}
`

// TestFormatPatchSeries checks line numbers in the new file and in the
// mbox of a two-patch series made by git format-patch --stdout.
func TestFormatPatchSeries(t *testing.T) {
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	write(t, filepath.Join(dir, "drivers/x.c"), base)
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-qm", "base")
	write(t, filepath.Join(dir, "drivers/x.c"), strings.Replace(base, "\treturn 2;\n", "\tint c = 3;\n\treturn 2 + c;\n", 1))
	git(t, dir, "commit", "-qam", "x: use c")
	write(t, filepath.Join(dir, "drivers/new.c"), "int n(void)\n{\n\treturn 0;\n}\n")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-qm", "add new.c")
	mbox := git(t, dir, "format-patch", "--stdout", "HEAD~2")

	set, err := changes.Parse("series", strings.NewReader(mbox))
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Patches) != 2 || set.Patches[0].Subject != "x: use c" || set.Patches[1].Subject != "add new.c" {
		t.Fatalf("patches: %+v", set.Patches)
	}
	lines := strings.SplitAfter(mbox, "\n")
	if set.Lines != len(lines)-1 { // SplitAfter leaves an empty tail
		t.Errorf("Lines = %d, want %d", set.Lines, len(lines)-1)
	}
	x := set.Patches[0].Files[0]
	if x.Name != "drivers/x.c" || x.IsNew || len(x.Added) != 2 {
		t.Fatalf("x.c: %+v", x)
	}
	for n, want := range map[int]string{8: "\tint c = 3;", 9: "\treturn 2 + c;"} {
		got, ok := x.Added[n]
		if !ok || got.Text != want {
			t.Errorf("x.c line %d: %+v, want %q", n, got, want)
			continue
		}
		if l := lines[got.PatchLine-1]; l != "+"+want+"\n" {
			t.Errorf("patch line %d is %q, want the added line %q", got.PatchLine, l, want)
		}
	}
	if _, ok := x.Added[7]; ok {
		t.Error("context line 7 counted as added")
	}
	if len(x.Hunks) != 1 || x.Hunks[0].First != 5 || x.Hunks[0].Last != 10 {
		t.Errorf("hunks %+v", x.Hunks)
	}
	n := set.Patches[1].Files[0]
	if n.Name != "drivers/new.c" || !n.IsNew || len(n.Added) != 4 || n.Added[1].Text != "int n(void)" {
		t.Errorf("new.c: %+v", n)
	}
	got, err := n.Apply(nil)
	if err != nil || string(got) != "int n(void)\n{\n\treturn 0;\n}\n" {
		t.Errorf("apply new file: %q, %v", got, err)
	}
	applied, err := x.Apply([]byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := os.ReadFile(filepath.Join(dir, "drivers/x.c")); string(applied) != string(want) {
		t.Errorf("apply:\n%s\nwant:\n%s", applied, want)
	}
	if _, err := x.Apply([]byte("something else\n")); err == nil {
		t.Error("applying to the wrong file succeeded")
	}
	if files := set.Files(); len(files) != 2 || len(files[0]) != 1 || files[0][0] != x {
		t.Errorf("Files: %+v", files)
	}
}

func TestPlainDiff(t *testing.T) {
	diff := `--- a/f.c
+++ b/f.c
@@ -1,3 +1,4 @@
 int f(void)
 {
+	g();
 	return 0;
@@ -10,0 +12,1 @@ int h(void)
+	h2();
`
	set, err := changes.Parse("d", strings.NewReader(diff))
	if err != nil {
		t.Fatal(err)
	}
	f := set.Patches[0].Files[0]
	if f.Name != "f.c" || f.Added[3].PatchLine != 6 || f.Added[12].PatchLine != 9 || len(f.Added) != 2 {
		t.Errorf("%+v", f)
	}
}

func TestBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"empty":     "",
		"prose":     "just a mail\nwith no diff\n",
		"truncated": "--- a/f.c\n+++ b/f.c\n@@ -1,3 +1,4 @@\n int f(void)\n+x\n",
	} {
		_, err := changes.Parse(name, strings.NewReader(in))
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), name+": ") {
			t.Errorf("%s: error %q is not one line naming the input", name, err)
		}
	}
}

func TestRevertAndRelocate(t *testing.T) {
	diff := `--- a/f.c
+++ b/f.c
@@ -1,4 +1,4 @@
 int f(void)
 {
-	return 0;
+	return g();
 }
`
	set, err := changes.Parse("d", strings.NewReader(diff))
	if err != nil {
		t.Fatal(err)
	}
	f := set.Patches[0].Files[0]
	after := "int f(void)\n{\n\treturn g();\n}\n"
	before, err := f.Revert([]byte(after))
	if err != nil || string(before) != "int f(void)\n{\n\treturn 0;\n}\n" {
		t.Errorf("revert: %q %v", before, err)
	}
	if f.Context[1].Text != "int f(void)" || f.Context[1].PatchLine != 4 || f.Hunks[0].PatchLine != 3 {
		t.Errorf("context %+v hunks %+v", f.Context, f.Hunks)
	}
	if got := f.Relocate([]byte(after)); len(got) != 1 || got[3].PatchLine != 7 {
		t.Errorf("relocate in place: %+v", got)
	}
	moved := "/* new */\n/* lines */\nint f(void)\n{\n\treturn g();\n}\n"
	if got := f.Relocate([]byte(moved)); len(got) != 1 || got[5].PatchLine != 7 {
		t.Errorf("relocate moved: %+v", got)
	}
	if got := f.Relocate([]byte("int f(void)\n{\n\treturn h();\n}\n")); len(got) != 0 {
		t.Errorf("relocate changed line: %+v", got)
	}
}
