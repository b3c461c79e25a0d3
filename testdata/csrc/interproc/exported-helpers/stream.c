/*
 * interproc: EXPORT_SYMBOL() keeps the symbol's address in a section the
 * linker discards (__ADDRESSABLE()), so that the compiler emits it;
 * nothing calls the function through that address, and the callers the
 * program shows still tell how it is used. A helper that takes the
 * stream's mutex or its spinlock, as the stream says (sound/core/
 * pcm_native.c _snd_pcm_stream_lock_irqsave()), and works under it before
 * it returns (kernel/sched/core.c double_rq_lock()'s clock update): its
 * callers release the lock with the unlock helper that tests the same,
 * or through a scope guard written with the pair (user.c's constructor
 * is one of the callers): a lock helper by design, not flagged.
 */
#include <linux/export.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>

#include "stream.h"

unsigned long stream_lock_irqsave_demo(struct stream_demo *s)
{
	unsigned long flags = 0;

	if (s->nonatomic)
		mutex_lock(&s->self_group.mutex);
	else
		spin_lock_irqsave(&s->self_group.lock, flags);
	s->locked++;
	return flags;
}
EXPORT_SYMBOL_GPL(stream_lock_irqsave_demo);

void stream_unlock_irqrestore_demo(struct stream_demo *s, unsigned long flags)
{
	if (s->nonatomic)
		mutex_unlock(&s->self_group.mutex);
	else
		spin_unlock_irqrestore(&s->self_group.lock, flags);
}
EXPORT_SYMBOL_GPL(stream_unlock_irqrestore_demo);

/* The same helper with an error path that forgot to unlock: flagged. */
int stream_lock_checked_demo(struct stream_demo *s)
{
	spin_lock(&s->self_group.lock);
	if (s->state < 0)
		return -EINVAL;	/* want "returns with \"s->self_group.lock\" held" */
	spin_unlock(&s->self_group.lock);
	return 0;
}
EXPORT_SYMBOL_GPL(stream_lock_checked_demo);
