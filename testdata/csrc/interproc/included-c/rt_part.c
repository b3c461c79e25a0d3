/* Compiled only as part of policy.c. */
#ifdef BUILD_POLICY

static DEFINE_PER_CPU(unsigned long, rt_throttled);

static void rt_account(struct rq *rq)
{
	__this_cpu_inc(rt_throttled);
}

/* Flagged: preemptible when it counts. */
void rt_throttle(struct rq *rq)
{
	raw_spin_lock(&rq->lock);
	rq->nr_running--;
	raw_spin_unlock(&rq->lock);
	__this_cpu_inc(rt_throttled);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}

/*
 * A weak default the architecture replaces (kernel/sched/idle.c's
 * arch_cpu_idle_dead(), compiled through build_policy.c; x86's in
 * process.c): the call below reaches process.c's, with preemption
 * disabled.
 */
void __weak arch_idle_dead(void)
{
}

void idle_exit(void)
{
	preempt_disable();
	arch_idle_dead();
	preempt_enable();
}

#endif
