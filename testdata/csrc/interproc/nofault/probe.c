/*
 * Callers in atomic context of the helpers of uaccess.c: those that
 * disable page faults around a user access do not sleep; one that
 * allocates as well still does.
 */
#include <linux/spinlock.h>
#include <linux/uaccess.h>

long demo_strncpy_nofault(char *dst, const char __user *src, long count);
int demo_fetch_user(void *dst, const void __user *src, unsigned long n);
void *demo_fetch_dup(const void __user *src, unsigned long n);

static DEFINE_SPINLOCK(demo_lock);

long demo_probe_string(char *buf, const char __user *ustr)
{
	long ret;

	spin_lock(&demo_lock);
	ret = demo_strncpy_nofault(buf, ustr, 64);
	spin_unlock(&demo_lock);
	return ret;
}

int demo_probe_fetch(void *buf, const void __user *uptr)
{
	int ret;

	spin_lock(&demo_lock);
	pagefault_disable();
	ret = demo_fetch_user(buf, uptr, 16);
	if (!ret)
		ret = copy_from_user(buf, uptr, 8);
	pagefault_enable();
	spin_unlock(&demo_lock);
	return ret;
}

int demo_probe_fetch_late(void *buf, const void __user *uptr)
{
	int ret;

	spin_lock(&demo_lock);
	pagefault_disable();
	ret = demo_fetch_user(buf, uptr, 16);
	pagefault_enable();
	if (!ret)
		ret = demo_fetch_user(buf, uptr, 8); /* want "demo_fetch_user\\(\\) may sleep in atomic context \\(it calls copy_from_user\\(\\)\\)" */
	spin_unlock(&demo_lock);
	return ret;
}

void *demo_probe_dup(const void __user *uptr)
{
	void *p;

	spin_lock(&demo_lock);
	pagefault_disable();
	p = demo_fetch_dup(uptr, 16); /* want "demo_fetch_dup\\(\\) may sleep in atomic context \\(it calls kmalloc\\(\\)\\)" */
	pagefault_enable();
	spin_unlock(&demo_lock);
	return p;
}
