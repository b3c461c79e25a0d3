// Package kapi is kpreempt's model of the kernel API: which primitive does
// what to the execution context.
//
// The model is data. Each primitive is one row in a table keyed by the name
// the source writes (smp_processor_id, spin_lock_irqsave, get_cpu_var, ...),
// whatever that name expands to under a given .config. Families with a common
// prefix (this_cpu_*, __this_cpu_*, raw_cpu_*) are matched by prefix. Adding
// a primitive is one row plus a test.
//
// kapi imports no other kpreempt package: cparse uses it to name events and
// dataflow uses it to apply them.
package kapi
