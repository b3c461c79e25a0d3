/* The file that takes ttwu_pending_demo()'s address (see core.c). */
typedef void (*smp_call_func_demo_t)(void *info);

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
