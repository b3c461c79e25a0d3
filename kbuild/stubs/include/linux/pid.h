/* pid.h: a task's ids as the caller's pid namespace sees them; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_PID_H
#define _LINUX_PID_H

#include <linux/types.h>

struct task_struct;

pid_t task_pid_vnr(struct task_struct *tsk);
pid_t task_tgid_vnr(struct task_struct *tsk);
pid_t task_session_vnr(struct task_struct *tsk);

#endif
