/* Excluded from TOY SCHEDULER by X:, so only THE REST gets it. */
#include <linux/smp.h>

static int toy_hits[NR_CPUS];

void toy_unowned_count(void)
{
	toy_hits[smp_processor_id()]++;	/* want "smp_processor_id\\(\\) used in preemptible code" */
}
