package interproc

import "slices"

// Work items bound to a CPU. A work item's function is a root of process
// context (kapi: work_struct.func): preemptible, free to migrate. On a
// workqueue that is not WQ_UNBOUND it runs in a kworker bound to one CPU,
// a per-CPU thread, which the kernel's own check of smp_processor_id()
// accepts as pinned (kapi's workqueue.go; lib/smp_processor_id.c
// is_percpu_thread()). The summarise phase records each work item
// initialised with a function, and each one queued, with whether the
// workqueue is bound (UnitFacts.Work); the link gives a function that
// runs only on bound workqueues a pinned root. Two shapes are known:
//   - the per-CPU idiom: a per-CPU work item (mm/vmstat.c vmstat_work),
//     queued by its unit only on bound workqueues;
//   - a static function its unit alone gives to work items of no per-CPU
//     variable, where every work item the unit queues goes on a bound
//     workqueue (drivers/thermal/intel/x86_pkg_temp_thermal.c: each
//     package's zone_device->work, queued with schedule_delayed_work_on()
//     through a helper's parameter). Another unit could queue such an
//     item elsewhere only through a pointer its unit hands out: the
//     analysis takes a unit's private work to be queued by the unit.

// pinnedWork finds the functions that run only on bound workqueues, with
// what tells so: every work item the program initialises with the
// function is a per-CPU one of its own unit, which the unit queues, only
// on bound workqueues; or the function is static, every item
// initialised with it is of no per-CPU variable, and its unit queues
// work items, every one on a bound workqueue. Nothing else may store the
// function as a work item's (stores counts the stores into a field root
// of process context, inits included).
func (p *Program) pinnedWork(stores map[*node]int) map[*node]string {
	type item struct{ unit, name string }
	queued, unbound := map[item]bool{}, map[item]bool{}
	unitQueues, unitUnbound := map[string]bool{}, map[string]bool{}
	inits := map[*node][]item{}
	other := map[*node][]string{} // the units of the inits of no per-CPU item
	for _, u := range p.sortedUnits() {
		for _, w := range u.Work {
			it := item{u.Unit, w.Item}
			if w.Func == "" {
				queued[it] = true
				unitQueues[u.Unit] = true
				if !w.Bound {
					unbound[it] = true
					unitUnbound[u.Unit] = true
				}
				continue
			}
			for _, n := range p.resolve(u.Unit, w.Func) {
				if w.Item == "" {
					other[n] = append(other[n], u.Unit)
				} else {
					inits[n] = append(inits[n], it)
				}
			}
		}
	}
	pinned := map[*node]string{}
	for n, items := range inits {
		if len(other[n]) > 0 || stores[n] > len(items) {
			continue
		}
		all := true
		for _, it := range items {
			all = all && queued[it] && !unbound[it]
		}
		if all {
			pinned[n] = "a per-CPU work item queued only on bound workqueues"
		}
	}
	for n, units := range other {
		if len(inits[n]) > 0 || n.sym.Unit == "" || stores[n] > len(units) || !unitQueues[n.unit] || unitUnbound[n.unit] {
			continue
		}
		if !slices.ContainsFunc(units, func(u string) bool { return u != n.unit }) {
			pinned[n] = "a work item of its unit, which queues work items only on bound workqueues"
		}
	}
	return pinned
}
