package kbuild

import (
	"path/filepath"
	"testing"
)

// A file is excluded from a kind of kernel when an option that builds it
// or a directory above it depends on that kind's option being off; the
// options come from the Makefiles on its way down.
func TestExcludes(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"drivers/Makefile":               "obj-$(CONFIG_DRM) += gpu/\nobj-y += leds/\n",
		"drivers/gpu/Makefile":           "obj-$(CONFIG_DRM) += drm_core.o\nobj-$(CONFIG_DRM_I915)\t+= i915/\n",
		"drivers/gpu/i915/Makefile":      "i915-y += gt/intel_gt.o\nobj-$(CONFIG_DRM_I915) += i915.o\n",
		"drivers/gpu/i915/Kconfig":       "config DRM_I915\n\ttristate \"Intel\"\n\tdepends on DRM\n\tdepends on !PREEMPT_RT\n\tselect SHMEM\n",
		"drivers/gpu/Kconfig":            "menuconfig DRM\n\ttristate \"DRM\"\n\tdepends on (AGP || AGP=n) && !EMULATED_CMPXCHG\n",
		"drivers/leds/Makefile":          "obj-$(CONFIG_LEDS_TRIGGER_CPU) += ledtrig-cpu.o \\\n\tledtrig-other.o\nobj-$(CONFIG_LEDS_X) += x.o\n",
		"drivers/leds/Kconfig":           "config LEDS_TRIGGER_CPU\n\tbool \"CPU\"\n\tdepends on !PREEMPT_RT\n\nconfig LEDS_X\n\tdepends on !PREEMPT_RT || COMPILE_TEST\n",
		"mm/Makefile":                    "obj-y += slub.o\nobj-$(CONFIG_TRANSPARENT_HUGEPAGE) += huge_memory.o\n",
		"mm/Kconfig":                     "config TRANSPARENT_HUGEPAGE\n\tbool \"THP\"\n\tdepends on HAVE_ARCH_TRANSPARENT_HUGEPAGE && !PREEMPT_RT\n",
		"drivers/gpu/i915/gt/intel_gt.c": "",
	}
	writeFiles(t, root, files)
	tree := &Tree{Root: root, kconfig: &kconfigState{}}
	for file, want := range map[string]bool{
		"drivers/gpu/i915/gt/intel_gt.c": true,  // i915/ is built under DRM_I915
		"drivers/gpu/i915/i915_driver.c": true,  // likewise
		"drivers/gpu/drm_core.c":         false, // DRM's depends has no !PREEMPT_RT
		"drivers/leds/ledtrig-cpu.c":     true,  // its object's option
		"drivers/leds/ledtrig-other.c":   true,  // a continued line
		"drivers/leds/x.c":               false, // !PREEMPT_RT || COMPILE_TEST
		"mm/huge_memory.c":               true,  // a conjunct
		"mm/slub.c":                      false, // obj-y
		"../outside.c":                   false,
	} {
		if got := tree.Excludes(filepath.Join(root, file), "PREEMPT_RT"); got != want {
			t.Errorf("Excludes(%s, PREEMPT_RT) = %v, want %v", file, got, want)
		}
	}
	if tree.Excludes(filepath.Join(root, "drivers/gpu/i915/gt/intel_gt.c"), "SMP") {
		t.Error("excluded for an option nothing depends on")
	}
	if (&Tree{Root: root}).Excludes(filepath.Join(root, "mm/huge_memory.c"), "PREEMPT_RT") {
		t.Error("a tree FindTree did not make: excluded")
	}
}
