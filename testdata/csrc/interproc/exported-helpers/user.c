/* The program's callers of the exported lock helpers. */
#include <linux/errno.h>

#include "stream.h"

/* A scope guard of this file's own (include/sound/pcm.h has the stream's). */
DEMO_LOCK_GUARD_1(stream_lock_irqsave_demo, struct stream_demo,
		  _T->flags = stream_lock_irqsave_demo(_T->lock),
		  stream_unlock_irqrestore_demo(_T->lock, _T->flags),
		  unsigned long flags)

int stream_state_demo(struct stream_demo *s)
{
	unsigned long flags;
	int st;

	flags = stream_lock_irqsave_demo(s);
	st = s->state;
	stream_unlock_irqrestore_demo(s, flags);
	return st;
}

int stream_state_guarded_demo(struct stream_demo *s)
{
	class_stream_lock_irqsave_demo_t g
		__attribute__((cleanup(class_stream_lock_irqsave_demo_destructor))) =
		class_stream_lock_irqsave_demo_constructor(s);

	return s->state;
}

int stream_check_demo(struct stream_demo *s)
{
	int err = stream_lock_checked_demo(s);

	if (err)
		return err;
	s->state++;
	return 0;
}
