/* The toy scheduler's statistics: a caller in another file of the program. */
#include <linux/percpu.h>

unsigned long toy_peek(void);

unsigned long toy_stats_sample(void)
{
	return toy_peek() + 1;
}
