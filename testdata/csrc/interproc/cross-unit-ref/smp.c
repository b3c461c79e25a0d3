/*
 * The file that takes ttwu_pending_demo()'s address (see core.c). The
 * helper's other callers pass what a request holds (csd->func), so a
 * call through its parameter is not known to be one of the functions
 * the file passes it.
 */
typedef void (*smp_call_func_demo_t)(void *info);

struct csd_demo {
	smp_call_func_demo_t func;
	void *info;
};

void ttwu_pending_demo(void *arg);

static inline void csd_do_func_demo(smp_call_func_demo_t func, void *info)
{
	func(info);
}

void flush_queue_demo(void *entry)
{
	if (entry)
		csd_do_func_demo(ttwu_pending_demo, entry);
}

void flush_one_demo(struct csd_demo *csd)
{
	smp_call_func_demo_t func = csd->func;

	csd_do_func_demo(func, csd->info);
}
