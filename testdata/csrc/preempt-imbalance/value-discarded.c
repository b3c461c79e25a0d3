/*
 * preempt-imbalance: a function whose exits are told apart by the value
 * it returns is a conditional helper only if its callers read the value.
 * Cut down from arch/x86/kernel/unwind_orc.c: unwind_next_frame()
 * disables preemption while it reads the ORC tables and enables it
 * before both returns; without the enable before "return true" it keeps
 * preemption disabled exactly when it returns true, as a trylock would,
 * but __unwind_start() calls it for its effect alone. Flagged. The same
 * shape whose callers all test the value (a reserve) is not.
 */
#include <linux/preempt.h>
#include <linux/types.h>

struct unwind_state_demo {
	unsigned long sp;
	bool error;
};

bool unwind_next_frame_demo(struct unwind_state_demo *state)
{
	preempt_disable();
	if (!state->sp)
		goto the_end;
	state->sp += 8;
	return true;	/* want "preempt depth at return is 1, but 0 at line 28" */
the_end:
	preempt_enable();
	return false;
}

void unwind_start_demo(struct unwind_state_demo *state)
{
	state->sp = 0;
	unwind_next_frame_demo(state);
}

bool reserve_demo(struct unwind_state_demo *state)
{
	preempt_disable();
	if (!state->sp)
		goto fail;
	return true;
fail:
	preempt_enable();
	return false;
}

void commit_demo(struct unwind_state_demo *state)
{
	if (reserve_demo(state)) {
		state->sp = 0;
		preempt_enable();
	}
}
