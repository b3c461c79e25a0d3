/* The per-CPU thread framework's registration, as include/linux/smpboot.h. */
struct smp_hotplug_thread {
	int (*thread_should_run)(unsigned int cpu);
	void (*thread_fn)(unsigned int cpu);
	const char *thread_comm;
};

int smpboot_register_percpu_thread(struct smp_hotplug_thread *plug_thread);
