/*
 * interproc: a callback loaded into a local variable and called there,
 * in the shape of kernel/cpu.c's cpuhp_invoke_callback(): the call
 * reaches every function stored in the fields the variable is loaded
 * from (the named unions' members: .startup.single, .teardown.single),
 * in the caller's context.
 */
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/smp.h>
#include <linux/delay.h>

struct hp_step {
	const char *name;
	union {
		int (*single)(unsigned int cpu);
		int (*multi)(unsigned int cpu, void *node);
	} startup;
	union {
		int (*single)(unsigned int cpu);
		int (*multi)(unsigned int cpu, void *node);
	} teardown;
};

int hp_tick_pull(unsigned int cpu);
int hp_tick_clear(unsigned int cpu);
int hp_tick_peek(unsigned int cpu);
int (*hp_lookup(unsigned int cpu))(unsigned int);

static int hp_prepare(unsigned int cpu)
{
	msleep(1);
	return 0;
}

static int hp_dead(unsigned int cpu)
{
	return hp_tick_pull(cpu);
}

static struct hp_step hp_steps[] = {
	[0] = { .name = "prepare", .startup.single = hp_prepare, .teardown.single = hp_dead },
	[1] = { .name = "dying", .teardown = { .single = hp_tick_clear } },
};

static int hp_invoke(unsigned int cpu, int state, bool bringup)
{
	struct hp_step *step = &hp_steps[state];
	int (*cb)(unsigned int cpu);

	cb = bringup ? step->startup.single : step->teardown.single;
	return cb(cpu);
}

static int hp_lookup_done(unsigned int cpu)
{
	return hp_tick_peek(cpu);
}

/*
 * A pointer that may hold what the analysis cannot see is not followed:
 * hp_lookup_done() is called from where the analysis cannot see.
 */
static int hp_invoke_other(unsigned int cpu)
{
	int (*cb)(unsigned int cpu) = hp_lookup_done;

	if (cpu)
		cb = hp_lookup(cpu);
	return cb(cpu);
}

/* Process context: a work item. */
static void hp_work_fn(struct work_struct *w)
{
	hp_invoke(1, 0, false);
	hp_invoke_other(1);
}

/*
 * Interrupts off: the step's callbacks may sleep (hp_prepare()), but
 * which one cb holds is not known: hp_invoke() is not taken to sleep.
 */
static void hp_dying(void *info)
{
	hp_invoke(1, 1, false);
}

static struct work_struct hp_work;

void hp_init(void)
{
	INIT_WORK(&hp_work, hp_work_fn);
	smp_call_function(hp_dying, NULL, 1);
}
