/*
 * interproc: a per-CPU update in a function whose one caller (user.c's
 * bus_update()) calls it holding a lock taken through two other files.
 * Silent here.
 */
#include <linux/percpu.h>

DEFINE_PER_CPU(int, bus_count_total);

void bus_count(void)
{
	__this_cpu_inc(bus_count_total);
}
