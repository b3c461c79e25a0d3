/*
 * The unit that creates the probes of probes.h: their functions, defined
 * by a header's macro without inline, and the event classes that store
 * them are this unit's (the functions TRACE_EVENT() defines where
 * CREATE_TRACE_POINTS is set).
 */
#include <linux/percpu.h>

DEFINE_PER_CPU(unsigned long, probe_hits);

#define CREATE_PROBES
#include "probes.h"
