package kapi

import (
	"strings"
	"unicode"
)

// Work items. A work item runs in a kworker: preemptible, and, on a
// workqueue that is not WQ_UNBOUND, a kworker bound to one CPU, which
// the kernel's own check accepts as pinned (lib/smp_processor_id.c:
// is_percpu_thread()). kpreempt takes a work item as pinned where it
// sees every queueing of it on a bound workqueue: in the per-CPU idiom,
// a per-CPU work item (DEFINE_PER_CPU(struct delayed_work, vmstat_work))
// that every use of the program queues on a bound workqueue (mm/vmstat.c:
// INIT_DEFERRABLE_WORK(per_cpu_ptr(&vmstat_work, cpu), vmstat_update),
// then queue_delayed_work_on(cpu, mm_percpu_wq, ...)); or the items of a
// static function of a unit that queues work only on bound workqueues
// (interproc's work.go). Any other work item may run on an unbound
// workqueue's kworker, free to migrate.

// WorkInit is a macro or function that initialises a work item with the
// function it runs.
type WorkInit struct {
	Name          string
	Work, FuncArg int // 1-based arguments: the work item, the function
}

// WorkQueue is a macro or function that queues a work item.
type WorkQueue struct {
	Name string
	// Work is the work item's argument; WQ the workqueue's, 0 when it is
	// system_wq (schedule_work()).
	Work, WQ int
}

var workInits = map[string]WorkInit{}

var workQueues = map[string]WorkQueue{}

// boundWorkqueues are the kernel's own workqueues that are not
// WQ_UNBOUND (kernel/workqueue.c workqueue_init_early(), mm/vmstat.c
// init_mm_internals()): their kworkers are bound to a CPU.
var boundWorkqueues = map[string]bool{
	"system_wq": true, "system_highpri_wq": true, "system_long_wq": true,
	"system_freezable_wq": true, "system_percpu_wq": true, "mm_percpu_wq": true,
}

// WQUnbound is the flag of a workqueue whose kworkers are not bound to a
// CPU (include/linux/workqueue.h WQ_UNBOUND).
const WQUnbound = 1 << 1

// WorkqueueFlagsArg is, for a function that allocates a workqueue, its
// argument (1-based) with the workqueue's flags: alloc_workqueue(fmt,
// flags, max_active, ...). A variable that holds only workqueues made
// without WQUnbound names a bound workqueue (mm/slub.c flushwq =
// alloc_workqueue("slub_flushwq", WQ_MEM_RECLAIM, 0)). The ordered ones
// are unbound.
func WorkqueueFlagsArg(name string) (int, bool) {
	switch name {
	case "alloc_workqueue", "alloc_workqueue_noprof":
		return 2, true
	}
	return 0, false
}

func init() {
	for _, w := range []WorkInit{
		{"INIT_WORK", 1, 2}, {"INIT_WORK_ONSTACK", 1, 2}, {"INIT_DELAYED_WORK", 1, 2},
		{"INIT_DELAYED_WORK_ONSTACK", 1, 2}, {"INIT_DEFERRABLE_WORK", 1, 2},
	} {
		workInits[w.Name] = w
	}
	for _, q := range []WorkQueue{
		{"queue_work_on", 3, 2}, {"queue_delayed_work_on", 3, 2}, {"mod_delayed_work_on", 3, 2},
		{"queue_work", 2, 1}, {"queue_delayed_work", 2, 1}, {"mod_delayed_work", 2, 1},
		{"schedule_work_on", 2, 0}, {"schedule_delayed_work_on", 2, 0},
		{"schedule_work", 1, 0}, {"schedule_delayed_work", 1, 0},
	} {
		workQueues[q.Name] = q
	}
	// Rows of no effect make the macros' uses visible (cparse attaches
	// the names kapi knows). The queueing functions need none: a direct
	// call is the use of the function it names, and a row would keep
	// cparse from reading the bodies of the inline ones (schedule_work()).
	for name := range workInits {
		add(Effect{Name: name})
	}
}

// WorkInitOf reports whether name initialises a work item.
func WorkInitOf(name string) (WorkInit, bool) {
	w, ok := workInits[name]
	return w, ok
}

// WorkQueueOf reports whether name queues a work item.
func WorkQueueOf(name string) (WorkQueue, bool) {
	q, ok := workQueues[name]
	return q, ok
}

// BoundWorkqueue reports whether a workqueue argument names one of the
// kernel's bound workqueues; wq is the argument's text, "" for
// system_wq's queueing calls.
func BoundWorkqueue(wq string) bool {
	return wq == "" || boundWorkqueues[wq]
}

// perCPUAccessors take a per-CPU variable's address and give one CPU's
// instance: this_cpu_ptr(&x), per_cpu_ptr(&x, cpu); per_cpu(x, cpu) is
// the instance itself.
var perCPUAccessors = map[string]bool{"this_cpu_ptr": true, "raw_cpu_ptr": true, "per_cpu_ptr": true}

// PerCPUInstance names the per-CPU variable, and the member of it, that
// an argument written as one CPU's instance designates:
// per_cpu_ptr(&vmstat_work, cpu) is vmstat_work, &per_cpu(s, cpu).work
// and this_cpu_ptr(&s)->work are s.work. ok is false for anything else.
func PerCPUInstance(arg string) (name string, ok bool) {
	a := strings.Join(strings.Fields(arg), "")
	a = strings.TrimPrefix(a, "&")
	open := strings.IndexByte(a, '(')
	if open <= 0 {
		return "", false
	}
	fn := a[:open]
	depth, end := 0, -1
	for i := open; i < len(a); i++ {
		switch a[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				end = i
			}
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 {
		return "", false
	}
	inner, rest := a[open+1:end], a[end+1:]
	v, _, _ := strings.Cut(inner, ",")
	switch {
	case perCPUAccessors[fn] && strings.HasPrefix(v, "&"):
		v = v[1:]
		rest = strings.TrimPrefix(rest, "->")
	case fn == "per_cpu" && strings.HasPrefix(strings.TrimSpace(arg), "&"):
		rest = strings.TrimPrefix(rest, ".")
	default:
		return "", false
	}
	if !isIdent(v) {
		return "", false
	}
	for _, m := range strings.FieldsFunc(rest, func(r rune) bool { return r == '.' || r == '-' || r == '>' }) {
		if !isIdent(m) {
			return "", false
		}
	}
	rest = strings.NewReplacer("->", ".").Replace(rest)
	if rest != "" {
		return v + "." + rest, true
	}
	return v, true
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r != '_' && !unicode.IsLetter(r) && (i == 0 || !unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}
