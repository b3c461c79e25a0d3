package kapi

// Reference counts. A put frees its object, and may sleep doing it
// (kobject_put() -> kobject_release() -> kernfs_remove()), only on the
// branch where its decrement dropped the last reference; a caller that
// took a reference of its own, or runs where its object's owner still
// holds one, never takes that branch. The decrements that say so are
// rows with DropsLastRef; kref_put(), kobject_put(), put_device() and
// percpu_ref_put() test one of them in their bodies. The ..._and_lock
// forms, which take a lock on that branch, are in locks.go.
func init() {
	for _, name := range []string{
		// include/linux/refcount.h
		"refcount_dec_and_test", "refcount_sub_and_test",
		// include/linux/atomic/atomic-instrumented.h
		"atomic_dec_and_test", "atomic_sub_and_test",
		"atomic_long_dec_and_test", "atomic_long_sub_and_test",
		"atomic64_dec_and_test", "atomic64_sub_and_test",
		// include/linux/kref.h: kref_put_mutex() and kref_put_lock()
		// test the last reference through refcount_dec_and_*_lock().
	} {
		add(Effect{Name: name, DropsLastRef: true})
	}
}
