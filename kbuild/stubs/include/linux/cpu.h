/* cpu.h: CPU hotplug locking and hotplug state callbacks; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_CPU_H_
#define _LINUX_CPU_H_

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/cpumask.h>
#include <linux/smp.h>

enum cpuhp_state {
	CPUHP_INVALID = -1,
	CPUHP_OFFLINE = 0,
	CPUHP_CREATE_THREADS,
	CPUHP_BP_PREPARE_DYN,
	CPUHP_BP_PREPARE_DYN_END = CPUHP_BP_PREPARE_DYN + 20,
	CPUHP_BRINGUP_CPU,
	CPUHP_AP_IDLE_DEAD,
	CPUHP_AP_OFFLINE,
	CPUHP_AP_CACHECTRL_STARTING,
	CPUHP_AP_ONLINE,
	CPUHP_TEARDOWN_CPU,
	CPUHP_AP_ONLINE_IDLE,
	CPUHP_AP_ONLINE_DYN,
	CPUHP_AP_ONLINE_DYN_END = CPUHP_AP_ONLINE_DYN + 40,
	CPUHP_AP_ACTIVE,
	CPUHP_ONLINE,
};

struct hlist_node;

void cpus_read_lock(void);
void cpus_read_unlock(void);
int cpus_read_trylock(void);
void cpus_write_lock(void);
void cpus_write_unlock(void);
void lockdep_assert_cpus_held(void);
void get_online_cpus(void);
void put_online_cpus(void);
void cpu_hotplug_disable(void);
void cpu_hotplug_enable(void);
int add_cpu(unsigned int cpu);
int remove_cpu(unsigned int cpu);

int cpuhp_setup_state(enum cpuhp_state state, const char *name,
		      int (*startup)(unsigned int cpu), int (*teardown)(unsigned int cpu));
int cpuhp_setup_state_cpuslocked(enum cpuhp_state state, const char *name,
				 int (*startup)(unsigned int cpu), int (*teardown)(unsigned int cpu));
int cpuhp_setup_state_nocalls(enum cpuhp_state state, const char *name,
			      int (*startup)(unsigned int cpu), int (*teardown)(unsigned int cpu));
int cpuhp_setup_state_multi(enum cpuhp_state state, const char *name,
			    int (*startup)(unsigned int cpu, struct hlist_node *node),
			    int (*teardown)(unsigned int cpu, struct hlist_node *node));
int cpuhp_state_add_instance(enum cpuhp_state state, struct hlist_node *node);
int cpuhp_state_remove_instance(enum cpuhp_state state, struct hlist_node *node);
void cpuhp_remove_state(enum cpuhp_state state);
void cpuhp_remove_state_nocalls(enum cpuhp_state state);
void cpuhp_remove_multi_state(enum cpuhp_state state);

#endif /* _LINUX_CPU_H_ */
