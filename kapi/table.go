package kapi

import "strings"

// rows is the kernel API model, one entry per primitive.
var rows = map[string]Effect{}

func add(es ...Effect) {
	for _, e := range es {
		if _, dup := rows[e.Name]; dup {
			panic("internal error: kapi: duplicate row " + e.Name)
		}
		rows[e.Name] = e
	}
}

// prefixes classify whole families of per-CPU operations. Longer prefixes
// are tried first, so "__this_cpu_" wins over "this_cpu_".
var prefixes = []Effect{
	// __this_cpu_*() operations are not preempt-safe: they expect the
	// caller to have pinned the CPU (this_cpu_ops.rst).
	{Name: "__this_cpu_", NeedsStableCPU: true},
	// raw_cpu_*() are the deliberately unchecked forms.
	{Name: "raw_cpu_"},
	// this_cpu_*() read-modify-write operations are preempt- and irq-safe
	// on their own; this_cpu_ptr has its own row.
	{Name: "this_cpu_"},
}

// Lookup returns the effect of the primitive called or expanded as name.
func Lookup(name string) (Effect, bool) {
	if e, ok := rows[name]; ok {
		return e, true
	}
	for _, p := range prefixes {
		if strings.HasPrefix(name, p.Name) && len(name) > len(p.Name) {
			return p, true
		}
	}
	return Effect{}, false
}

// Names returns every primitive with a row of its own, for documentation
// and tests.
func Names() []string {
	names := make([]string, 0, len(rows))
	for n := range rows {
		names = append(names, n)
	}
	return names
}
