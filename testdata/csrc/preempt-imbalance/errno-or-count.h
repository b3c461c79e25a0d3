/* The helpers of errno-or-count.c, static inline in a header as
 * include/linux/trace_recursion.h has them. */
#include <linux/preempt.h>

static unsigned int recursion_demo;

int context_bit_demo(void);

static inline int test_and_set_recursion_demo(int start)
{
	unsigned int val = recursion_demo;
	int bit;

	bit = context_bit_demo() + start;
	if (val & (1 << bit))
		return -1;
	recursion_demo = val | (1 << bit);
	preempt_disable_notrace();
	return bit;
}

static inline void clear_recursion_demo(int bit)
{
	preempt_enable_notrace();
	recursion_demo &= ~(1 << bit);
}
