package maintainers

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const sample = `List of maintainers
===================

Descriptions of section entries and preferred order
---------------------------------------------------

	M: *Mail* patches to: FullName <address@domain>
	F: *Files* and directories wildcard patterns.
	   F:	drivers/net/	all files in and below drivers/net

Maintainers List
----------------

NETWORKING DRIVERS
M:	Net Dev <net@example.org>
L:	netdev@vger.kernel.org
S:	Odd Fixes
F:	drivers/net/
X:	drivers/net/wireless/

NET PHY
M:	Phy One <phy@example.org>
R:	Reviewer Two <rev@example.org>
S:	Maintained
F:	drivers/net/phy/*
F:	include/linux/phy.h

TEGRA
M:	Tegra Person <tegra@example.org>
S:	Supported
N:	[^a-z]tegra

SCHEDULER
M:	Sched A <a@example.org>
M:	Sched B <b@example.org>
S:	Maintained
F:	kernel/sched

TYPHOON
S:	Maintained
F:	drivers/net/ethernet/3com/typhoon*

THE REST
M:	Linus <torvalds@example.org>
L:	linux-kernel@vger.kernel.org
S:	Buried alive in reporters
F:	*
F:	*/
`

func names(es []*Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

func TestParseAndMatch(t *testing.T) {
	f, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(f.Entries); got != 6 {
		t.Fatalf("%d entries, want 6 (the preamble's indented fields belong to none): %v", got, f.Entries)
	}
	net := f.Entries[0]
	if net.Name != "NETWORKING DRIVERS" || net.Line != 14 || net.Status != "Odd Fixes" ||
		!reflect.DeepEqual(net.Maintainers, []string{"Net Dev <net@example.org>"}) ||
		!reflect.DeepEqual(net.Lists, []string{"netdev@vger.kernel.org"}) {
		t.Errorf("first entry %+v", net)
	}
	for _, c := range []struct {
		path string
		all  []string // Match, most specific first
		to   []string // Sections
	}{
		{"drivers/net/phy/phy.c", []string{"NET PHY", "NETWORKING DRIVERS", "THE REST"}, []string{"NET PHY", "NETWORKING DRIVERS"}},
		// * does not match a slash: drivers/net/phy/* is not below.
		{"drivers/net/phy/sub/x.c", []string{"NETWORKING DRIVERS", "THE REST"}, []string{"NETWORKING DRIVERS"}},
		{"drivers/net/wireless/ath/x.c", []string{"THE REST"}, []string{"THE REST"}}, // X:
		{"include/linux/phy.h", []string{"NET PHY", "THE REST"}, []string{"NET PHY"}},
		{"include/linux/phy.hx", []string{"THE REST"}, []string{"THE REST"}},
		// A pattern without wildcards or slash: the directory, recursively.
		{"kernel/sched/core.c", []string{"SCHEDULER", "THE REST"}, []string{"SCHEDULER"}},
		{"kernel/sched/ext/x.c", []string{"SCHEDULER", "THE REST"}, []string{"SCHEDULER"}},
		{"kernel/schedule.c", []string{"THE REST"}, []string{"THE REST"}},
		{"drivers/net/ethernet/3com/typhoon.c", []string{"TYPHOON", "NETWORKING DRIVERS", "THE REST"}, []string{"TYPHOON", "NETWORKING DRIVERS"}},
		{"drivers/gpu/host1x/tegra-x.c", []string{"TEGRA", "THE REST"}, []string{"TEGRA"}},
		{"drivers/integrator.c", []string{"THE REST"}, []string{"THE REST"}},
		{"Makefile", []string{"THE REST"}, []string{"THE REST"}},
		{"./kernel/sched/core.c", []string{"SCHEDULER", "THE REST"}, []string{"SCHEDULER"}},
	} {
		var all []string
		for _, m := range f.Match(c.path) {
			all = append(all, m.Entry.Name)
		}
		if !reflect.DeepEqual(all, c.all) {
			t.Errorf("Match(%s) = %q, want %q", c.path, all, c.all)
		}
		if got := names(f.Sections(c.path)); !reflect.DeepEqual(got, c.to) {
			t.Errorf("Sections(%s) = %q, want %q", c.path, got, c.to)
		}
	}
}

func TestNoFile(t *testing.T) {
	var f *File
	for path, want := range map[string]string{"kernel/sched/core.c": "kernel/", "foo.c": "(top level)", "/abs/x.c": "(top level)"} {
		if got := names(f.Sections(path)); len(got) != 1 || got[0] != want {
			t.Errorf("no MAINTAINERS: Sections(%s) = %q, want %q", path, got, want)
		}
	}
}

func TestBadInput(t *testing.T) {
	if _, err := Parse([]byte("int main(void) { return 0; }\n")); err == nil {
		t.Error("C source parsed as MAINTAINERS")
	}
	f, err := Parse([]byte("A\nS:\tMaintained\nN:\t(?<=x)y\nF:\ta/\n"))
	if err != nil || len(f.Skipped) != 1 || len(f.Entries) != 1 {
		t.Errorf("a Perl-only regex: %v %+v", err, f)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none")); err == nil || strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("missing file: %v", err)
	}
	if Find(t.TempDir()) != "" || Find("") != "" {
		t.Error("Find in a directory without MAINTAINERS")
	}
}

// TestAgainstGetMaintainer compares the entries of files of the kernel
// fixture with what scripts/get_maintainer.pl --sections prints.
func TestAgainstGetMaintainer(t *testing.T) {
	root := os.Getenv("KPREEMPT_KERNEL")
	if root == "" {
		t.Skip("KPREEMPT_KERNEL is not set: no kernel tree (scripts/kernel-fixture.sh prepares one)")
	}
	if _, err := exec.LookPath("perl"); err != nil {
		t.Skip("no perl to run scripts/get_maintainer.pl")
	}
	f, err := Load(Find(root))
	if err != nil {
		t.Fatal(err)
	}
	files := []string{
		"kernel/sched/core.c", "kernel/sched/fair.c", "mm/slub.c", "net/ipv4/tcp.c", "arch/x86/events/intel/core.c",
		"drivers/net/ethernet/intel/e1000/e1000_main.c", "drivers/gpu/drm/i915/i915_irq.c", "fs/ext4/inode.c",
		"kernel/locking/rtmutex.c", "include/linux/preempt.h", "lib/percpu_counter.c", "drivers/tty/serial/8250/8250_core.c",
		"kernel/rcu/tree.c", "block/blk-mq.c", "arch/x86/kvm/x86.c", "drivers/md/raid5.c",
	}
	for _, file := range files {
		if _, err := os.Stat(filepath.Join(root, file)); err != nil {
			continue
		}
		cmd := exec.Command("perl", "scripts/get_maintainer.pl", "--nogit", "--nogit-fallback", "--sections", "-f", file)
		cmd.Dir = root
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("get_maintainer.pl %s: %v", file, err)
		}
		var want []string
		for _, l := range strings.Split(string(out), "\n") {
			if l != "" && !field.MatchString(l) {
				want = append(want, l)
			}
		}
		var got []string
		for _, m := range f.Match(file) {
			got = append(got, m.Entry.Name)
		}
		if !reflect.DeepEqual(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
			t.Errorf("%s: entries %q, get_maintainer.pl prints %q", file, got, want)
		}
	}
}
