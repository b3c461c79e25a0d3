/* sched.h: struct task_struct, current, schedule and the sleeping/rescheduling calls; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/atomic.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/jiffies.h>
#include <asm/current.h>
#include <asm/processor.h>

#define TASK_COMM_LEN		16

#define TASK_RUNNING		0x00000000
#define TASK_INTERRUPTIBLE	0x00000001
#define TASK_UNINTERRUPTIBLE	0x00000002
#define __TASK_STOPPED		0x00000004
#define __TASK_TRACED		0x00000008
#define EXIT_DEAD		0x00000010
#define EXIT_ZOMBIE		0x00000020
#define TASK_PARKED		0x00000040
#define TASK_DEAD		0x00000080
#define TASK_WAKEKILL		0x00000100
#define TASK_WAKING		0x00000200
#define TASK_NOLOAD		0x00000400
#define TASK_NEW		0x00000800
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_STOPPED		(TASK_WAKEKILL | __TASK_STOPPED)
#define TASK_IDLE		(TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

#define PF_IDLE			0x00000002
#define PF_EXITING		0x00000004
#define PF_WQ_WORKER		0x00000020
#define PF_MEMALLOC		0x00000800
#define PF_NOFREEZE		0x00008000
#define PF_KTHREAD		0x00200000

#define MAX_SCHEDULE_TIMEOUT	LONG_MAX
#define MAX_NICE		19
#define MIN_NICE		-20
#define MAX_RT_PRIO		100

struct mm_struct;

struct task_struct {
	unsigned int __state;
	long state;
	void *stack;
	refcount_t usage;
	unsigned int flags;
	int on_cpu;
	unsigned int cpu;
	int prio;
	int static_prio;
	int normal_prio;
	unsigned int rt_priority;
	unsigned int policy;
	int nr_cpus_allowed;
	const cpumask_t *cpus_ptr;
	cpumask_t cpus_mask;
	struct list_head tasks;
	struct mm_struct *mm;
	struct mm_struct *active_mm;
	int exit_state;
	int exit_code;
	pid_t pid;
	pid_t tgid;
	struct task_struct *real_parent;
	struct task_struct *parent;
	struct task_struct *group_leader;
	char comm[TASK_COMM_LEN];
};

void set_current_state(unsigned int state);
void __set_current_state(unsigned int state);
void set_special_state(unsigned int state);

void schedule(void);
void schedule_idle(void);
void schedule_preempt_disabled(void);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_killable(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_idle(long timeout);
void io_schedule(void);
long io_schedule_timeout(long timeout);
void yield(void);
int yield_to(struct task_struct *p, bool preempt);
int cond_resched(void);
int cond_resched_lock(spinlock_t *lock);
int cond_resched_rwlock_read(rwlock_t *lock);
int cond_resched_rwlock_write(rwlock_t *lock);
void cond_resched_rcu(void);
bool need_resched(void);
void set_tsk_need_resched(struct task_struct *tsk);

int wake_up_process(struct task_struct *tsk);
int wake_up_state(struct task_struct *tsk, unsigned int state);
void wake_up_new_task(struct task_struct *tsk);
int signal_pending(struct task_struct *p);
int fatal_signal_pending(struct task_struct *p);
int signal_pending_state(unsigned int state, struct task_struct *p);
void flush_signals(struct task_struct *t);
int send_sig(int sig, struct task_struct *p, int priv);
void allow_signal(int sig);

struct task_struct *get_task_struct(struct task_struct *t);
void put_task_struct(struct task_struct *t);
struct task_struct *find_task_by_vpid(pid_t nr);
pid_t task_pid_nr(struct task_struct *tsk);
pid_t task_pid_vnr(struct task_struct *tsk);
pid_t task_tgid_nr(struct task_struct *tsk);
unsigned int task_cpu(const struct task_struct *p);
int task_nice(const struct task_struct *p);
bool is_idle_task(const struct task_struct *p);
char *get_task_comm(char *buf, struct task_struct *tsk);
void set_task_comm(struct task_struct *tsk, const char *from);

void set_user_nice(struct task_struct *p, long nice);
void sched_set_fifo(struct task_struct *p);
void sched_set_fifo_low(struct task_struct *p);
void sched_set_normal(struct task_struct *p, int nice);
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new_mask);

u64 sched_clock(void);
u64 local_clock(void);
u64 running_clock(void);

void do_exit(long code) __noreturn;
void make_task_dead(int signr) __noreturn;

#endif /* _LINUX_SCHED_H */
