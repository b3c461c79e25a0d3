/* threads.h: NR_CPUS and pid limits; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_THREADS_H
#define _LINUX_THREADS_H

#define NR_CPUS			64
#define PID_MAX_DEFAULT		0x8000
#define PID_MAX_LIMIT		(4 * 1024 * 1024)

#endif /* _LINUX_THREADS_H */
