/*
 * Callees that enable interrupts themselves around their sleep, cut down
 * from drivers/gpu/drm/i915/display/intel_vblank.c (intel_vblank_evade():
 * called with interrupts disabled, it enables them just before
 * schedule_timeout() and disables them again after) and
 * arch/x86/kernel/kvm.c (kvm_async_pf_task_wait_schedule(), the same
 * around schedule()). Their sleeps do not run with the caller's
 * interrupts off: no irqoff-resched finding at the callers (crtc.c). A
 * callee that sleeps with the caller's interrupts still off is reported
 * at the call.
 */
#include <linux/irqflags.h>
#include <linux/lockdep.h>
#include <linux/sched.h>

struct evade {
	int done;
};

int vblank_evade(struct evade *evade)
{
	int tries = 3;

	while (tries--) {
		if (evade->done)
			break;
		local_irq_enable();
		schedule_timeout(10);
		local_irq_disable();
	}
	return 0;
}

void async_pf_wait(struct evade *evade)
{
	lockdep_assert_irqs_disabled();
	for (;;) {
		if (evade->done)
			break;
		local_irq_enable();
		schedule();
		local_irq_disable();
	}
}

/* Sleeps with whatever interrupt state its caller left. */
void vblank_wait_plain(struct evade *evade)
{
	if (!evade->done)
		schedule_timeout(10);
}
