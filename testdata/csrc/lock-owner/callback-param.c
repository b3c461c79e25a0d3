/*
 * A function that calls through a function-pointer parameter, in the
 * shape of kernel/events/core.c __perf_event_output(): each caller of
 * the static helper passes a begin function that enters an RCU read-side
 * section when it returns 0 and leaves none open otherwise; the end
 * function leaves it. The helper's own rcu_read_lock()/rcu_read_unlock()
 * pair is balanced: the call through the parameter is a call of what
 * every caller passes.
 */
#include <linux/rcupdate.h>

struct handle_demo {
	int size;
	int lost;
};

static int begin_forward_demo(struct handle_demo *h, int size)
{
	rcu_read_lock();
	if (size > h->size) {
		h->lost++;
		rcu_read_unlock();
		return -28;
	}
	return 0;
}

static int begin_backward_demo(struct handle_demo *h, int size)
{
	rcu_read_lock();
	if (size > h->size) {
		rcu_read_unlock();
		return -28;
	}
	h->size -= size;
	return 0;
}

static void end_demo(struct handle_demo *h)
{
	h->size = 0;
	rcu_read_unlock();
}

static __always_inline int output_demo(struct handle_demo *h, int size,
				       int (*begin)(struct handle_demo *, int))
{
	int err;

	rcu_read_lock();
	err = begin(h, size);
	if (err)
		goto exit;
	end_demo(h);
exit:
	rcu_read_unlock();
	return err;
}

int output_forward_demo(struct handle_demo *h, int size)
{
	return output_demo(h, size, begin_forward_demo);
}

int output_backward_demo(struct handle_demo *h, int size)
{
	return output_demo(h, size, begin_backward_demo);
}

/*
 * What the callers pass is what the call does: an end function passed to
 * a helper that leaves the section itself as well leaves it twice.
 */
static __always_inline void finish_demo(struct handle_demo *h,
					void (*end)(struct handle_demo *))
{
	rcu_read_lock();
	end(h);
	rcu_read_unlock(); /* want "releases \"rcu_read_lock\\(\\)\", which this function already released" */
}

void finish_twice_demo(struct handle_demo *h)
{
	finish_demo(h, end_demo);
}
