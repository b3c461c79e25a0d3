/*
 * interproc: the printing side of static-buffer/trace.c, another unit
 * (kernel/trace/trace_output.c): the allocations of the iterator's
 * helpers are reached through it.
 */
#include "iter.h"

static int print_lat_demo(struct iter_demo *iter)
{
	return next_entry_demo(iter) != NULL;
}

static int print_fields_demo(struct iter_demo *iter)
{
	return expand_format_demo(iter) != NULL;
}

int print_line_demo(struct iter_demo *iter)
{
	if (iter->lat)
		return print_lat_demo(iter);
	return print_fields_demo(iter);
}
