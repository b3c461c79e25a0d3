package interproc

// Per-CPU work items. A work item's function is a root of process
// context (kapi: work_struct.func): preemptible, free to migrate. The
// per-CPU idiom is pinned: a per-CPU work item queued only on bound
// workqueues runs in a kworker bound to the item's CPU, which the
// kernel's own check of smp_processor_id() accepts (kapi's
// workqueue.go). The summarise phase records each work item initialised
// with a function, and each per-CPU one queued (UnitFacts.Work); the
// link gives a function that runs only so a pinned root.

// pinnedWork finds the functions that run only as per-CPU work items
// queued on bound workqueues (kapi's workqueue.go): every work item the
// program initialises with the function is a per-CPU one of its own
// unit, which the unit queues, only on bound workqueues; and nothing
// else stores the function as a work item's (stores counts the stores
// into a field root of process context, inits included).
func (p *Program) pinnedWork(stores map[*node]int) map[*node]bool {
	type item struct{ unit, name string }
	queued, unbound := map[item]bool{}, map[item]bool{}
	inits := map[*node][]item{}
	other := map[*node]bool{}
	for _, u := range p.sortedUnits() {
		for _, w := range u.Work {
			it := item{u.Unit, w.Item}
			if w.Func == "" {
				queued[it] = true
				if !w.Bound {
					unbound[it] = true
				}
				continue
			}
			for _, n := range p.resolve(u.Unit, w.Func) {
				if w.Item == "" {
					other[n] = true
				} else {
					inits[n] = append(inits[n], it)
				}
			}
		}
	}
	pinned := map[*node]bool{}
	for n, items := range inits {
		if other[n] || stores[n] > len(items) {
			continue
		}
		all := true
		for _, it := range items {
			all = all && queued[it] && !unbound[it]
		}
		pinned[n] = all
	}
	return pinned
}
