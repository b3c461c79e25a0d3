package cpp

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// altivecSrc uses vector, bool and pixel as AltiVec keywords and as plain
// names.
const altivecSrc = `typedef vector signed char a; typedef vector bool int b; typedef vector pixel c;
bool d; int vector; vector; pixel p; vector unsigned int e; vector float f; vector x;
`

// TestAltiVecKeywords: vector becomes __vector only before a type, bool
// and pixel become __bool and __pixel only right after that vector, as
// GCC's powerpc preprocessor does with -maltivec (its predefined macros).
func TestAltiVecKeywords(t *testing.T) {
	cfg := &Config{Predefined: `#define __APPLE_ALTIVEC__ 1
#define vector vector
#define bool bool
#define pixel pixel
#define __vector __attribute__((altivec(vector__)))
#define __bool __attribute__((altivec(bool__))) unsigned
#define __pixel __attribute__((altivec(pixel__))) unsigned short
`}
	got := strings.Join(tokenTexts(pre(t, cfg, altivecSrc).Tokens), " ")
	v := "__attribute__ ( ( altivec ( vector__ ) ) )"
	want := "typedef " + v + " signed char a ; " +
		"typedef " + v + " __attribute__ ( ( altivec ( bool__ ) ) ) unsigned int b ; " +
		"typedef " + v + " __attribute__ ( ( altivec ( pixel__ ) ) ) unsigned short c ; " +
		"bool d ; int vector ; vector ; pixel p ; " + v + " unsigned int e ; " + v + " float f ; vector x ;"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}

	// Without __APPLE_ALTIVEC__ (any other target) the names stay.
	plain := strings.Join(tokenTexts(pre(t, &Config{Predefined: "#define vector vector\n#define __vector V\n"}, "vector int a;").Tokens), " ")
	if plain != "vector int a ;" {
		t.Errorf("without AltiVec: %s", plain)
	}
}

// TestAltiVecAgainstGCC compares with the powerpc cross compiler's own
// gcc -E -maltivec, when it is installed.
func TestAltiVecAgainstGCC(t *testing.T) {
	gcc, err := exec.LookPath("powerpc64le-linux-gnu-gcc")
	if err != nil {
		t.Skip("powerpc64le-linux-gnu-gcc is not installed")
	}
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/av.c", []byte(altivecSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(gcc, "-maltivec", "-E", "-P", dir+"/av.c")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gcc -E: %v: %s", err, stderr.String())
	}
	predef, err := Predefined(gcc, []string{"-maltivec"})
	if err != nil {
		t.Fatal(err)
	}
	res := pre(t, &Config{Predefined: predef}, altivecSrc)
	if d := describeDiff(spellingsOf(out), res); d != "" {
		t.Error(d)
	}
}
