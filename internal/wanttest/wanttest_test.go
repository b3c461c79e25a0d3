package wanttest

import (
	"strings"
	"testing"
)

func TestParseAndCheck(t *testing.T) {
	src := "int a;\nx(); /* want \"foo\\\\(\\\\)\" `bar` */\ny();\n"
	wants, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(wants) != 2 || wants[0].Line != 2 || wants[0].Re.String() != `foo\(\)` || wants[1].Re.String() != "bar" {
		t.Fatalf("Parse = %+v", wants)
	}
	if p := Check(wants, []Finding{{2, "foo() here"}, {2, "bar"}}); len(p) != 0 {
		t.Errorf("exact match reported %v", p)
	}
	p := Check(wants, []Finding{{2, "foo() here"}, {3, "stray"}})
	if len(p) != 2 || !strings.Contains(p[0], "no finding matches") || !strings.Contains(p[1], "3: unexpected") {
		t.Errorf("mismatches = %q", p)
	}
}

func TestParseErrors(t *testing.T) {
	for _, src := range []string{"/* want */", "/* want foo */", "/* want \"unterminated */", "/* want \"(\" */"} {
		if _, err := Parse(src); err == nil {
			t.Errorf("Parse(%q) succeeded", src)
		}
	}
}
