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
	if e, ok := guardConstructor(name); ok {
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

// guardClasses are the scope-guard classes (include/linux/cleanup.h's
// DEFINE_GUARD and DEFINE_LOCK_GUARD users) that disable preemption while
// the guard lives.
var guardClasses = map[string]bool{
	"spinlock": true, "spinlock_irq": true, "spinlock_irqsave": true, "spinlock_bh": true,
	"spinlock_nested": true, "spinlock_try": true, "spinlock_irq_try": true, "spinlock_irqsave_try": true,
	"raw_spinlock": true, "raw_spinlock_irq": true, "raw_spinlock_irqsave": true, "raw_spinlock_nested": true,
	"raw_spinlock_try": true, "raw_spinlock_irqsave_try": true,
	"read_lock": true, "read_lock_irq": true, "read_lock_irqsave": true, "read_lock_bh": true,
	"write_lock": true, "write_lock_irq": true, "write_lock_irqsave": true, "write_lock_bh": true,
	"preempt": true, "preempt_notrace": true, "irq": true, "irqsave": true, "migrate": true,
	"local_lock": true, "local_lock_irq": true, "local_lock_irqsave": true, "local_lock_nested_bh": true,
	"rcu_sched": true, "task_rq_lock": true, "rq_lock": true, "rq_lock_irq": true, "rq_lock_irqsave": true,
	"double_rq_lock": true, "double_raw_spinlock": true, "pi_lock": true,
}

// guardConstructor recognises class_<name>_constructor, the call a
// guard(<name>)(...) or scoped_guard(<name>, ...) declaration makes.
func guardConstructor(name string) (Effect, bool) {
	cls := GuardClass(name)
	if cls == "" {
		return Effect{}, false
	}
	return Effect{Name: name, GuardProtects: guardClasses[cls], GuardRT: guardOnRT(cls)}, true
}

// guardOnRT is what a guard class does on PREEMPT_RT: the classes of
// spinlock_t, rwlock_t and local_lock take a sleeping lock there; those
// of raw spinlocks (the scheduler's rq and pi locks are raw), preemption
// and interrupts stay atomic.
func guardOnRT(cls string) GuardOnRT {
	switch {
	case !guardClasses[cls] || cls == "migrate":
		return GuardPreemptibleOnRT
	case strings.HasPrefix(cls, "spinlock") || strings.HasPrefix(cls, "read_lock") ||
		strings.HasPrefix(cls, "write_lock") || strings.HasPrefix(cls, "local_lock"):
		return GuardSleepsOnRT
	}
	return GuardAtomicOnRT
}

// GuardClass is the class of a scope guard's constructor
// (class_preempt_constructor: preempt), "" for another name.
func GuardClass(constructor string) string {
	cls, ok := strings.CutPrefix(constructor, "class_")
	if !ok {
		return ""
	}
	if cls, ok = strings.CutSuffix(cls, "_constructor"); !ok {
		return ""
	}
	return cls
}
