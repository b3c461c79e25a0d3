/*
 * An hrtimer expires in hard interrupt context on PREEMPT_RT only when it
 * is initialised in a _HARD mode; the others expire in a softirq thread.
 */
#include <linux/hrtimer.h>
#include <linux/spinlock.h>

struct dev {
	struct hrtimer poll_timer;
	struct hrtimer watchdog;
	spinlock_t lock;
	int polls, barks;
};

static enum hrtimer_restart dev_poll(struct hrtimer *t)
{
	struct dev *d = container_of(t, struct dev, poll_timer);

	spin_lock(&d->lock);	/* want "spin_lock\\(\\) takes \"d->lock\", a sleeping lock on PREEMPT_RT, where the context is atomic on every kernel" */
	d->polls++;
	spin_unlock(&d->lock);
	return HRTIMER_NORESTART;
}

static enum hrtimer_restart dev_bark(struct hrtimer *t)
{
	struct dev *d = container_of(t, struct dev, watchdog);

	spin_lock(&d->lock);
	d->barks++;
	spin_unlock(&d->lock);
	return HRTIMER_NORESTART;
}

void dev_timers_init(struct dev *d)
{
	hrtimer_init(&d->poll_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	d->poll_timer.function = dev_poll;
	hrtimer_init(&d->watchdog, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	d->watchdog.function = dev_bark;
}
