package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/report/maintainers"
)

func TestDigest(t *testing.T) {
	mf, err := maintainers.Parse([]byte(`ZETA DRIVER
M:	Zed <zed@example.org>
R:	Rev <rev@example.org>
L:	zeta@lists.example.org
S:	Maintained
F:	drivers/zeta/

ALPHA CORE
M:	Al <al@example.org>
M:	Bea <bea@example.org>
S:	Supported
F:	kernel/

THE REST
M:	Linus <torvalds@example.org>
F:	*
F:	*/
`))
	if err != nil {
		t.Fatal(err)
	}
	r := New()
	r.Findings = append(r.Findings, []Finding{
		{Rule: "percpu-preemptible", Severity: "warning", File: "kernel/a.c", Line: 3, Column: 7, Function: "f", Message: "smp_processor_id() used in preemptible code",
			Trace: []Step{{File: "kernel/a.c", Line: 1, Column: 6, Note: "f() is entered with preemption enabled"}}},
		{Rule: "lock-owner", Severity: "warning", File: "drivers/zeta/z.c", Line: 9, Column: 2, Function: "g", Message: "returns with \"l\" held"},
		{Rule: "lock-owner", Severity: "warning", File: "fs/x.c", Line: 4, Column: 1, Function: "h", Message: "returns with \"m\" held"},
	}...)
	var b bytes.Buffer
	known := func(f Finding) bool { return f.File == "fs/x.c" }
	if err := Digest(&b, r, DigestOptions{Maintainers: mf, MaintainersPath: "MAINTAINERS", Known: known}); err != nil {
		t.Fatal(err)
	}
	want := `kpreempt: 3 findings (2 new, 1 known), by entry of MAINTAINERS

ZETA DRIVER
===========
1 finding, 1 new; status: Maintained
To: Zed <zed@example.org>
Cc: Rev <rev@example.org>, zeta@lists.example.org

drivers/zeta/z.c:9:2: warning: returns with "l" held [lock-owner] (new)
  in g()

ALPHA CORE
==========
1 finding, 1 new; status: Supported
To: Al <al@example.org>, Bea <bea@example.org>

kernel/a.c:3:7: warning: smp_processor_id() used in preemptible code [percpu-preemptible] (new)
  in f()
  kernel/a.c:1:6: note: f() is entered with preemption enabled

THE REST
========
1 finding, 0 new
To: Linus <torvalds@example.org>

fs/x.c:4:1: warning: returns with "m" held [lock-owner]
  in h()
`
	if b.String() != want {
		t.Errorf("digest:\n%s\nwant:\n%s", b.String(), want)
	}

	b.Reset()
	if err := Digest(&b, r, DigestOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"by top-level directory (no MAINTAINERS file", "\ndrivers/\n", "\nkernel/\n", "\nfs/\n"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("digest without MAINTAINERS lacks %q:\n%s", s, b.String())
		}
	}
	if f, err := NewFormat("digest", FormatOptions{}); err != nil || f.Write(&b, r) != nil {
		t.Errorf("the digest format: %v", err)
	}
}
