package kapi

import "strings"

// Calls documented as safe in any context: freeing memory and socket
// buffers, printing, formatting. The whole-program analysis does not let
// a sleep it finds below them (on a path their documented contract rules
// out) make them, or their callers, sleep.
func init() {
	for _, name := range []string{
		// mm/slub.c: kfree() and kmem_cache_free() may be called from any
		// context (Documentation/core-api/memory-allocation.rst).
		"kfree", "kfree_sensitive", "kfree_const", "kmem_cache_free",
		// include/linux/mm.h: folio_put(), folio_put_refs() and
		// folios_put() "May be called in process or interrupt context
		// ... May be called while holding a spinlock"; the last
		// reference goes to __folio_put() and folios_put_refs().
		"__folio_put", "folios_put_refs",
		// include/linux/sched/task.h: put_task_struct() "In !RT, it is
		// always safe to call __put_task_struct()" (the last reference to
		// a task; lockdep is told so with a wait-type override).
		"__put_task_struct",
		// The formatting printk rests on.
		"vsnprintf", "vscnprintf", "snprintf", "scnprintf", "sprintf", "vsprintf",
		// seq_file output functions write into the seq_file's buffer.
		"seq_printf", "seq_vprintf", "seq_puts", "seq_putc", "seq_write",
		// kernel/dma/mapping.c: "The streaming DMA mapping routines can
		// be called from interrupt context"
		// (Documentation/core-api/dma-api-howto.rst); an IOMMU's deferred
		// attach below them (iommu_deferred_attach() -> ... ->
		// wait_for_completion()) runs only for a device never attached.
		"dma_map_page_attrs", "dma_unmap_page_attrs", "dma_map_sg_attrs", "dma_map_sgtable", "dma_unmap_sg_attrs",
		"dma_map_resource", "dma_unmap_resource",
		// arch/x86/mm/extable.c: exception fixups run in the context of
		// the fault they fix up, whatever it is (a trap handler with
		// interrupts off, an NMI handler's copy_from_user_nmi() through
		// kernelmode_fixup_or_oops()); the zero-padding fixup's decoder
		// reaches the LDT's mutex (get_desc()) only for 16-bit
		// addressing, which no 64-bit kernel instruction uses.
		"fixup_exception",
		// lib/bust_spinlocks.c: bust_spinlocks() is for the oops, die(),
		// BUG() and panic() paths, atomic by nature; bust_spinlocks(0)
		// unblanks the console before it lowers the oops_in_progress its
		// bust_spinlocks(1) raised, and console_unblank() with
		// oops_in_progress set only trylocks the console ("this may be an
		// atomic context", kernel/printk/printk.c).
		"bust_spinlocks",
		"__dma_sync_single_for_cpu", "__dma_sync_single_for_device", "__dma_sync_sg_for_cpu", "__dma_sync_sg_for_device",
		// Socket buffers are freed from any context, hard interrupts
		// included through the _any/_irq variants.
		"consume_skb", "kfree_skb_reason", "__kfree_skb", "sk_skb_reason_drop",
		"dev_kfree_skb_any_reason", "dev_kfree_skb_irq_reason",
	} {
		add(Effect{Name: name, AnyContext: true})
	}
}

// The kernel log: printk() (a macro of _printk()) and the device and
// network device forms; safe in any context, as the calls above.
func init() {
	for _, name := range []string{
		"_printk", "_printk_deferred", "vprintk", "vprintk_emit", "vprintk_default", "vprintk_deferred",
		"_dev_printk", "_dev_emerg", "_dev_alert", "_dev_crit", "_dev_err", "_dev_warn", "_dev_notice", "_dev_info",
		"netdev_printk", "netdev_emerg", "netdev_alert", "netdev_crit", "netdev_err", "netdev_warn",
		"netdev_notice", "netdev_info",
	} {
		add(Effect{Name: name, AnyContext: true, Prints: true})
	}
}

// ACPICA's memory-mapped register access. drivers/acpi/osl.c keeps "a
// list of permanent mappings ... for memory that may be accessed from
// interrupt context, where we can't do the ioremap()": acpi_os_initialize()
// maps the FADT's PM1 event and GPE blocks, and the reset register, at
// boot (acpi_os_map_generic_address()). The ACPICA code that reads and
// writes them under its raw locks (acpi_gbl_hardware_lock,
// acpi_gbl_gpe_lock) and in the SCI handler finds them there; the
// ioremap() fallback, which allocates and takes spinlock_t locks, serves
// registers that code does not use.
func init() {
	for _, name := range []string{"acpi_os_read_memory", "acpi_os_write_memory"} {
		add(Effect{Name: name, AnyContext: true, RawContext: true})
	}
}

// Calls that defer to process context, on PREEMPT_RT, what would take a
// sleeping lock where they are called atomic (Effect.DefersOnRT).
func init() {
	// include/linux/sched/task.h: "under PREEMPT_RT, we can't call
	// put_task_struct in atomic context because it will indirectly
	// acquire sleeping locks"; it calls call_rcu() instead unless
	// preemptible().
	add(Effect{Name: "put_task_struct", DefersOnRT: true})
}

// A kernel-doc Context: section that opens with one of these says the
// function may be called where its caller cannot sleep
// (drivers/usb/core/hcd.c usb_hcd_giveback_urb(): "Context: atomic";
// lib/xarray.c: "Context: Any context."; "Context: Interrupt context.").
var anyContextDocs = []string{
	"any context", "any.", "any,", "any (", "any;",
	"atomic", "interrupt", "irq", "hardirq", "softirq",
	"can be called from any context", "may be called from any context",
	"can be called from interrupt", "may be called from interrupt",
	"can be called from atomic", "may be called from atomic",
	"can be called from process or interrupt context",
}

// Words that make such a section conditional, or say the function needs
// a context that can sleep after all ("Any context that permits to
// sleep"; xarray's "May release and reacquire xa_lock if @gfp flags
// permit"; "Expects mbox_mutex to be held").
var anyContextUnless = []string{
	"sleep", "gfp", "reacquire", "may block", "can block", "might", "schedul", "wait",
	"mutex", "semaphore", "rwsem", "process context only", "not from", "must not",
}

// DocumentsAnyContext reports whether a function's kernel-doc Context:
// section documents it as safe in any context, as kapi's AnyContext rows
// are: its callers do not sleep through it, whatever a path below it the
// contract rules out may reach.
func DocumentsAnyContext(context string) bool {
	c := strings.ToLower(strings.Join(strings.Fields(context), " "))
	if c == "" {
		return false
	}
	for _, w := range anyContextUnless {
		if strings.Contains(c, w) {
			return false
		}
	}
	if c == "any" {
		return true
	}
	for _, p := range anyContextDocs {
		if strings.HasPrefix(c, p) {
			return true
		}
	}
	return false
}
