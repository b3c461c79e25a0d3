/*
 * irqoff-resched: preempt-locking.rst, "'irqs disabled' is a fundamentally
 * unsafe way of disabling preemption - any cond_resched() or
 * cond_resched_lock() might trigger a reschedule if the preempt count is
 * 0". In a region where disabled interrupts are the only protection (no
 * preempt count, no spinning lock, no bottom halves, no FPU section, no
 * atomic entry), a call that may reschedule (cond_resched, might_resched,
 * schedule, any call that may sleep) or a preempt_enable() that brings the
 * count back to 0 is reported, once per region: at the first such call
 * after the local_irq_disable()/local_irq_save() that opened it. printk()
 * is not reported (it defers console output from atomic context). With a
 * spinning lock held as well, the call is sleep-in-atomic's finding.
 */
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <linux/kernel.h>
#include <linux/types.h>

struct tlb_batch {
	unsigned long addrs[32];
	unsigned int nr;
	struct completion done;
};

struct irq_chip_regs {
	spinlock_t lock;
	u32 mask;
	u32 pending;
};

DEFINE_PER_CPU(struct tlb_batch, tlb_batch);
DEFINE_PER_CPU(unsigned long, tlb_flushes);

extern void flush_tlb_one(unsigned long addr);
extern u32 chip_read_pending(struct irq_chip_regs *c);
extern void chip_ack(struct irq_chip_regs *c, u32 bits);

/* cond_resched() in a flush loop with interrupts disabled. Flagged. */
void tlb_flush_batch(void)
{
	struct tlb_batch *b;
	unsigned int i;

	local_irq_disable();
	b = this_cpu_ptr(&tlb_batch);
	for (i = 0; i < b->nr; i++) {
		flush_tlb_one(b->addrs[i]);
		cond_resched();	/* want "cond_resched\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	}
	b->nr = 0;
	local_irq_enable();
}

/* The same flush with cond_resched() after interrupts are enabled again. Not flagged. */
void tlb_flush_batch_fixed(void)
{
	struct tlb_batch *b;
	unsigned int i;

	local_irq_disable();
	b = this_cpu_ptr(&tlb_batch);
	for (i = 0; i < b->nr; i++)
		flush_tlb_one(b->addrs[i]);
	b->nr = 0;
	local_irq_enable();
	cond_resched();
}

/* msleep() between local_irq_save() and local_irq_restore(). Flagged. */
void chip_settle(struct irq_chip_regs *c)
{
	unsigned long flags;

	local_irq_save(flags);
	chip_ack(c, c->pending);
	msleep(1);	/* want "msleep\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	c->pending = chip_read_pending(c);
	local_irq_restore(flags);
}

/* udelay() busy-waits: no reschedule. Not flagged. */
void chip_settle_busy(struct irq_chip_regs *c)
{
	unsigned long flags;

	local_irq_save(flags);
	chip_ack(c, c->pending);
	udelay(50);
	c->pending = chip_read_pending(c);
	local_irq_restore(flags);
}

/* printk() with interrupts off. Not flagged. */
void chip_dump(struct irq_chip_regs *c)
{
	unsigned long flags;

	local_irq_save(flags);
	c->pending = chip_read_pending(c);
	printk(KERN_DEBUG "chip: mask %08x pending %08x\n", c->mask, c->pending);
	local_irq_restore(flags);
}

/* Nested preempt_disable()/preempt_enable() inside the irqs-off region: the enable may reschedule. Flagged. */
void tlb_count_flush(void)
{
	local_irq_disable();
	preempt_disable();
	__this_cpu_inc(tlb_flushes);
	preempt_enable();	/* want "preempt_enable\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	local_irq_enable();
}

/* The inner pair goes from 2 to 1: the outer preempt_disable() still holds. Not flagged. */
void tlb_count_flush_nested(void)
{
	preempt_disable();
	local_irq_disable();
	preempt_disable();
	__this_cpu_inc(tlb_flushes);
	preempt_enable();
	local_irq_enable();
	preempt_enable();
}

/* Several rescheduling calls in one region: only the first is reported. Flagged once. */
void tlb_wait_remote(void)
{
	struct tlb_batch *b;

	local_irq_disable();
	b = this_cpu_ptr(&tlb_batch);
	might_resched();	/* want "might_resched\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	wait_for_completion(&b->done);
	schedule();
	local_irq_enable();
}

/* Two separate regions, each with its own first call. Flagged twice. */
void tlb_two_phase(void)
{
	local_irq_disable();
	__this_cpu_inc(tlb_flushes);
	cond_resched();	/* want "cond_resched\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	local_irq_enable();
	local_irq_disable();
	__this_cpu_inc(tlb_flushes);
	schedule();	/* want "schedule\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	local_irq_enable();
}

/* spin_lock_irqsave() holds a spinning lock: flagged by sleep-in-atomic, not by irqoff-resched. */
void chip_poll_locked(struct irq_chip_regs *c)
{
	unsigned long flags;

	spin_lock_irqsave(&c->lock, flags);
	while (!(chip_read_pending(c) & c->mask))
		cond_resched();	/* want "cond_resched\\(\\) may sleep in atomic context" */
	spin_unlock_irqrestore(&c->lock, flags);
}

/* A spinlock taken inside the irqs-off region: flagged by sleep-in-atomic while it is held. */
void chip_poll_irqoff_locked(struct irq_chip_regs *c)
{
	unsigned long flags;

	local_irq_save(flags);
	spin_lock(&c->lock);	/* want "spin_lock\\(\\) takes \"c->lock\", a sleeping lock on PREEMPT_RT" */
	c->pending = chip_read_pending(c);
	msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
	spin_unlock(&c->lock);
	local_irq_restore(flags);
}

/* After the inner spin_unlock() only interrupts are off again. Flagged. */
void chip_ack_then_yield(struct irq_chip_regs *c)
{
	local_irq_disable();
	spin_lock(&c->lock);	/* want "spin_lock\\(\\) takes \"c->lock\", a sleeping lock on PREEMPT_RT" */
	chip_ack(c, c->pending);
	c->pending = 0;
	spin_unlock(&c->lock);
	cond_resched();	/* want "cond_resched\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	local_irq_enable();
}

/* raw_local_irq_save() opens a region too. Flagged. */
void chip_mask_all(struct irq_chip_regs *c)
{
	unsigned long flags;

	raw_local_irq_save(flags);
	c->mask = 0;
	might_resched();	/* want "might_resched\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	raw_local_irq_restore(flags);
}

/* A GFP_KERNEL allocation with only interrupts off. Flagged. */
void *tlb_alloc_batch_irqoff(void)
{
	unsigned long flags;
	void *p;

	local_irq_save(flags);
	p = kmalloc(sizeof(struct tlb_batch), GFP_KERNEL);	/* want "kmalloc\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	local_irq_restore(flags);
	return p;
}

/* GFP_ATOMIC with only interrupts off: not irqoff-resched's, but on PREEMPT_RT the allocator may not run with interrupts disabled. */
void *tlb_alloc_batch_atomic(void)
{
	unsigned long flags;
	void *p;

	local_irq_save(flags);
	p = kmalloc(sizeof(struct tlb_batch), GFP_ATOMIC);	/* want "kmalloc\\(\\) allocates where the context is atomic on every kernel" */
	local_irq_restore(flags);
	return p;
}

/* Nested save/restore: after the inner restore interrupts are still off. Flagged. */
void chip_resync(struct irq_chip_regs *c)
{
	unsigned long outer, inner;

	local_irq_save(outer);
	local_irq_save(inner);
	c->pending = chip_read_pending(c);
	local_irq_restore(inner);
	cond_resched();	/* want "cond_resched\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	local_irq_restore(outer);
}

/* cond_resched() with the preempt count raised: flagged by sleep-in-atomic, not by irqoff-resched. */
void tlb_flush_pinned(void)
{
	struct tlb_batch *b;

	preempt_disable();
	b = this_cpu_ptr(&tlb_batch);
	b->nr = 0;
	cond_resched();	/* want "cond_resched\\(\\) may sleep in atomic context" */
	preempt_enable();
}

/* cond_resched() between two irqs-off regions. Not flagged. */
void tlb_flush_in_chunks(unsigned int chunks)
{
	unsigned int i;

	for (i = 0; i < chunks; i++) {
		local_irq_disable();
		__this_cpu_inc(tlb_flushes);
		local_irq_enable();
		cond_resched();
	}
}
