/* The CMCI variant the threshold code installs in mc_poll_banks. */
#include <linux/percpu.h>
#include "mce.h"

static void cmci_mc_poll_banks(void)
{
	__this_cpu_add(mce_poll_count, 2);
}

void cmci_storm_begin(void)
{
	mc_poll_banks = cmci_mc_poll_banks;
}
