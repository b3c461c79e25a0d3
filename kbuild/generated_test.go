package kbuild

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A header that a directory's Makefile makes (Linux 6.1's lib/Makefile:
// $(obj)/crc32table.h: $(obj)/gen_crc32table) is named with the Makefile
// and the make command; one under generated/ with make prepare; any
// other missing header, and any other message, are left as they are.
func TestExplainMissing(t *testing.T) {
	root := t.TempDir()
	for name, body := range map[string]string{
		"lib/Makefile":               "obj-y += crc32.o\nother-y := other.h\n$(obj)/crc32table.h: $(obj)/gen_crc32table\n\t$(call cmd,crc32)\n",
		"lib/crc32.c":                "#include \"crc32table.h\"\n",
		"security/selinux/Makefile":  "genhdrs := flask.h av_permissions.h\n$(addprefix $(obj)/,$(genhdrs)) &: scripts/selinux/genheaders/genheaders\n",
		"security/selinux/ss/file.c": "#include \"flask.h\"\n",
		// Pattern rules, and kbuild's targets list (radeon, msm).
		"drivers/gpu/drm/radeon/Makefile":       "targets := r100_reg_safe.h evergreen_reg_safe.h\n$(obj)/%_reg_safe.h: $(src)/reg_srcs/% $(obj)/mkregtable FORCE\n",
		"drivers/gpu/drm/msm/Makefile":          "$(obj)/generated/%.xml.h: $(src)/registers/display/%.xml FORCE\n\t$(call if_changed,headergen)\n",
		"drivers/gpu/drm/msm/disp/dpu1/a.c":     "#include \"mdp_common.xml.h\"\n",
		"drivers/gpu/drm/radeon/evergreen_cs.c": "#include \"evergreen_reg_safe.h\"\n",
		// A file kbuild copies from NAME_shipped; a rule for any name
		// at the root says nothing.
		"drivers/scsi/aic7xxx/aic7xxx_reg.h_shipped": "",
		"drivers/scsi/aic7xxx/aic7xxx_osm.c":         "#include \"aic7xxx_reg.h\"\n",
		"Makefile":                                   "$(build-dir)/%: prepare\n\t$(Q)$(MAKE) $(build)=$(build-dir) $(@:.ko=.o)\n",
		// kbuild's own pattern rule, from a source next to the unit.
		"scripts/Makefile.build":                "$(obj)/%.asn1.c $(obj)/%.asn1.h: $(src)/%.asn1 $(objtree)/scripts/asn1_compiler\n\t$(call cmd,asn1_compiler)\n",
		"crypto/asymmetric_keys/pkcs7.asn1":     "PKCS7ContentInfo ::= SEQUENCE {}\n",
		"crypto/asymmetric_keys/pkcs7_parser.c": "#include \"pkcs7.asn1.h\"\n",
	} {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tree := &Tree{Root: root}
	unit := filepath.Join(root, "lib/crc32.c")
	got := tree.ExplainMissing(unit, "lib/crc32.c:1:10: crc32table.h: No such file or directory")
	if !strings.Contains(got, "made by the kernel build: lib/Makefile") || !strings.Contains(got, "run `make lib/`") {
		t.Errorf("crc32table.h: %s", got)
	}
	got = tree.ExplainMissing(unit, "lib/crc32.c:1:10: generated/asm-offsets.h: No such file or directory")
	if !strings.Contains(got, "make prepare") {
		t.Errorf("generated/asm-offsets.h: %s", got)
	}
	// A target through a variable, in a directory above the unit's.
	got = tree.ExplainMissing(filepath.Join(root, "security/selinux/ss/file.c"), "x.c:1:10: flask.h: No such file or directory")
	if !strings.Contains(got, "security/selinux/Makefile") || !strings.Contains(got, "make security/selinux/") {
		t.Errorf("flask.h: %s", got)
	}
	for _, c := range []struct{ unit, header, dir string }{
		{"drivers/gpu/drm/radeon/evergreen_cs.c", "evergreen_reg_safe.h", "drivers/gpu/drm/radeon"},
		{"drivers/gpu/drm/msm/disp/dpu1/a.c", "mdp_common.xml.h", "drivers/gpu/drm/msm"},
	} {
		got := tree.ExplainMissing(filepath.Join(root, c.unit), "x.c:1:10: "+c.header+": No such file or directory")
		if !strings.Contains(got, c.dir+"/Makefile") || !strings.Contains(got, "make "+c.dir+"/") {
			t.Errorf("%s: %s", c.header, got)
		}
	}
	got = tree.ExplainMissing(filepath.Join(root, "drivers/scsi/aic7xxx/aic7xxx_osm.c"), "x.c:1:10: aic7xxx_reg.h: No such file or directory")
	if !strings.Contains(got, "aic7xxx_reg.h_shipped") || !strings.Contains(got, "make drivers/scsi/aic7xxx/") {
		t.Errorf("aic7xxx_reg.h: %s", got)
	}
	got = tree.ExplainMissing(filepath.Join(root, "crypto/asymmetric_keys/pkcs7_parser.c"), "x.c:1:10: pkcs7.asn1.h: No such file or directory")
	if !strings.Contains(got, "from crypto/asymmetric_keys/pkcs7.asn1: scripts/Makefile.build") || !strings.Contains(got, "make crypto/asymmetric_keys/") {
		t.Errorf("pkcs7.asn1.h: %s", got)
	}
	// No x509.asn1 there: the pattern rule says nothing.
	if got := tree.ExplainMissing(filepath.Join(root, "crypto/asymmetric_keys/pkcs7_parser.c"), "x.c:1:10: x509.asn1.h: No such file or directory"); strings.Contains(got, "made by") {
		t.Errorf("x509.asn1.h: %s", got)
	}
	for _, msg := range []string{"lib/crc32.c:1:10: other.h: No such file or directory", "lib/crc32.c:3:1: expected ';'"} {
		if got := tree.ExplainMissing(unit, msg); got != msg {
			t.Errorf("%q became %q", msg, got)
		}
	}
	var none *Tree
	if got := none.ExplainMissing(unit, "a.c:1:1: crc32table.h: No such file or directory"); !strings.HasPrefix(got, "a.c") {
		t.Errorf("no tree: %s", got)
	}
}
