package report

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestLineHashesSample checks every line of a sample against the values
// GitHub's upload action computes for it.
func TestLineHashesSample(t *testing.T) {
	src, err := os.ReadFile("../testdata/sarif/fingerprint-sample.c")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../testdata/sarif/fingerprint-sample.expected")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n, h, ok := strings.Cut(sc.Text(), " ")
		if !ok || n != strconv.Itoa(len(want)+1) {
			t.Fatalf("malformed expected line %q", sc.Text())
		}
		want = append(want, h)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	got := LineHashes(src)
	if len(got) != len(want) {
		t.Errorf("%d hashes, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("line %d: %s, want %s", i+1, got[i], want[i])
		}
	}
}

func TestLineHashesSmall(t *testing.T) {
	// An empty file is one line whose window is the EOF marker then 99
	// zeros: 0xFFFF * 37^99 mod 2^64.
	var want uint64 = 0xFFFF
	for range 99 {
		want *= 37
	}
	eof := LineHashes(nil)
	if len(eof) != 1 || eof[0] != strconv.FormatUint(want, 16)+":1" {
		t.Fatalf("empty file: %v, want [%x:1]", eof, want)
	}
	if got := LineHashes([]byte("  \t")); len(got) != 1 || got[0] != eof[0] {
		t.Errorf("blank file: %v, want %v (white space is not hashed)", got, eof)
	}

	noNL := LineHashes([]byte("a\nb"))
	nl := LineHashes([]byte("a\nb\n"))
	if len(noNL) != 2 || len(nl) != 3 {
		t.Fatalf("lines: %d without final LF, %d with; want 2 and 3", len(noNL), len(nl))
	}
	if noNL[1] == nl[1] {
		t.Error("last line hashes the same with and without its LF")
	}
	if nl[2] != eof[0] {
		t.Errorf("line after the final LF: %s, want the EOF-only hash %s", nl[2], eof[0])
	}

	crlf := LineHashes([]byte("a\r\nb\r\n"))
	cr := LineHashes([]byte("a\rb\r"))
	if strings.Join(crlf, ",") != strings.Join(nl, ",") || strings.Join(cr, ",") != strings.Join(nl, ",") {
		t.Errorf("CRLF %v and CR %v differ from LF %v", crlf, cr, nl)
	}
	// A space between CR and LF makes them two line ends, as in the
	// original, where any skipped character forgets the CR.
	if got, want := LineHashes([]byte("a\r \nb")), LineHashes([]byte("a\n\nb")); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("CR space LF: %v, want %v", got, want)
	}
	if got := LineHashes([]byte("\ta b\n")); got[0] != LineHashes([]byte("ab\n"))[0] {
		t.Error("spaces and tabs change the hash")
	}

	// Lines share a hash only when their 100-character windows match: with
	// 100 lines "x", lines 1 to 51 see fifty "x\n" each, line 52 the EOF.
	dup := LineHashes([]byte(strings.Repeat("x\n", 100)))
	h, _, _ := strings.Cut(dup[0], ":")
	for i := range 51 {
		if want := h + ":" + strconv.Itoa(i+1); dup[i] != want {
			t.Errorf("repeated line %d: %s, want %s", i+1, dup[i], want)
		}
	}
	if strings.HasPrefix(dup[51], h+":") {
		t.Errorf("line 52 %s: its window reaches the end, so its hash should differ", dup[51])
	}
}

// TestLineHashesWindow checks that a line's hash depends on exactly the
// 100 kept characters from its start.
func TestLineHashesWindow(t *testing.T) {
	long := strings.Repeat("y", 99)
	a := LineHashes([]byte("x\n" + long + "a"))
	b := LineHashes([]byte("x\n" + long + "b"))
	if a[0] != b[0] {
		t.Errorf("101st character changed line 1: %s vs %s", a[0], b[0])
	}
	if a[1] == b[1] {
		t.Error("100th character of line 2 did not change its hash")
	}
}

// TestLineHashesUTF16 checks that text is hashed as UTF-16 code units: a
// character outside the BMP is two units, so it moves the window by two.
func TestLineHashesUTF16(t *testing.T) {
	// U+1F600 is the surrogate pair D83D DE00; "\u00e9" is one unit.
	astral := LineHashes([]byte("\U0001F600" + strings.Repeat("z", 98) + "a\n"))
	astral2 := LineHashes([]byte("\U0001F600" + strings.Repeat("z", 98) + "b\n"))
	if astral[0] != astral2[0] {
		t.Error("character 101 in code units changed the hash: astral character counted as one unit")
	}
	bmp := LineHashes([]byte("\u00e9" + strings.Repeat("z", 98) + "a\n"))
	bmp2 := LineHashes([]byte("\u00e9" + strings.Repeat("z", 98) + "b\n"))
	if bmp[0] == bmp2[0] {
		t.Error("character 100 did not change the hash: BMP character counted as more than one unit")
	}
	// Invalid UTF-8 hashes as U+FFFD, one per maximal ill-formed subsequence.
	for _, c := range []struct{ in, as string }{
		{"\xff\n", "\uFFFD\n"},
		{"\xe2\x82a\n", "\uFFFDa\n"},               // truncated sequence: one replacement
		{"\xed\xa0\x80\n", "\uFFFD\uFFFD\uFFFD\n"}, // encoded surrogate: three
		{"\xe0\x80a\n", "\uFFFD\uFFFDa\n"},         // overlong: E0 needs A0..BF next
		{"\xf0\x90\x80a\n", "\uFFFDa\n"},           // truncated 4-byte sequence: one
	} {
		if got, want := LineHashes([]byte(c.in)), LineHashes([]byte(c.as)); got[0] != want[0] {
			t.Errorf("%q: %s, want %s as for %q", c.in, got[0], want[0], c.as)
		}
	}
}
