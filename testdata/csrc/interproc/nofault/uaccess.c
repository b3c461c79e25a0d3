/*
 * Accesses to user memory sleep when they fault, unless page faults are
 * disabled: strncpy_from_user_nofault() (mm/maccess.c) wraps
 * strncpy_from_user() in pagefault_disable()/pagefault_enable(), and
 * tracing calls it from its probes, which run with preemption disabled.
 */
#include <linux/uaccess.h>
#include <linux/slab.h>

long demo_strncpy_nofault(char *dst, const char __user *src, long count)
{
	long ret;

	pagefault_disable();
	ret = strncpy_from_user(dst, src, count);
	pagefault_enable();
	return ret;
}

/* Sleeps only by faulting: fine for a caller with page faults disabled. */
int demo_fetch_user(void *dst, const void __user *src, unsigned long n)
{
	return copy_from_user(dst, src, n) ? -EFAULT : 0;
}

/* Sleeps by faulting and by allocating: not fine under pagefault_disable(). */
void *demo_fetch_dup(const void __user *src, unsigned long n)
{
	void *p = kmalloc(n, GFP_KERNEL);

	if (p && copy_from_user(p, src, n)) {
		kfree(p);
		return NULL;
	}
	return p;
}
