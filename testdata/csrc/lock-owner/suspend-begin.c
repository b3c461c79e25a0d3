/*
 * lock-owner: the suspend core calls the platform's .end after its
 * .begin, whatever .begin returned, and .end releases what .begin took
 * (drivers/acpi/sleep.c acpi_suspend_begin_old() takes acpi_scan_lock
 * through acpi_suspend_begin() and may then fail in __acpi_pm_prepare()
 * with it held; acpi_pm_end() releases it): a lock handed over by
 * design, not flagged. The same function stored where no framework pairs
 * it with a release is flagged.
 */
#include <linux/mutex.h>
#include <linux/errno.h>

typedef int suspend_state_t;

struct platform_suspend_ops {
	int (*valid)(suspend_state_t state);
	int (*begin)(suspend_state_t state);
	void (*end)(void);
};

struct other_ops_demo {
	int (*begin)(suspend_state_t state);
};

static DEFINE_MUTEX(scan_lock_demo);
static int target_demo;

int pm_prepare_demo(void);

static int suspend_begin_demo(suspend_state_t state)
{
	if (state > 3)
		return -ENOSYS;
	target_demo = state;
	mutex_lock(&scan_lock_demo);
	return 0;
}

static int suspend_begin_old_demo(suspend_state_t state)
{
	int error = suspend_begin_demo(state);

	if (!error)
		error = pm_prepare_demo();
	return error;
}

static void pm_end_demo(void)
{
	target_demo = 0;
	mutex_unlock(&scan_lock_demo);
}

static const struct platform_suspend_ops suspend_ops_old_demo = {
	.begin = suspend_begin_old_demo,
	.end = pm_end_demo,
};

static int other_begin_demo(suspend_state_t state)
{
	int error = suspend_begin_demo(state);

	if (!error)
		error = pm_prepare_demo();
	return error; /* want "returns with \"scan_lock_demo\" held" */
}

static const struct other_ops_demo other_ops_demo = {
	.begin = other_begin_demo,
};
