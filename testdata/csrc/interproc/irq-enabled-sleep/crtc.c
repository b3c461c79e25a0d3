/*
 * Callers of vblank.c's functions with interrupts disabled
 * (intel_pipe_update_start() in drivers/gpu/drm/i915/display/intel_crtc.c,
 * kvm_handle_async_pf() in arch/x86/mm/fault.c).
 */
#include <linux/irqflags.h>

struct evade;

int vblank_evade(struct evade *evade);
void async_pf_wait(struct evade *evade);
void vblank_wait_plain(struct evade *evade);

void pipe_update_start(struct evade *evade)
{
	local_irq_disable();
	vblank_evade(evade);
	local_irq_enable();
}

void handle_async_pf(struct evade *evade)
{
	unsigned long flags;

	local_irq_save(flags);
	async_pf_wait(evade);
	local_irq_restore(flags);
}

void pipe_update_plain(struct evade *evade)
{
	local_irq_disable();
	vblank_wait_plain(evade); /* want "vblank_wait_plain\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	local_irq_enable();
}
