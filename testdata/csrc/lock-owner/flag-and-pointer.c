/*
 * lock-owner: a lock taken where two variables change with it, a flag
 * set to 1 and the pointer the lock is reached through, and released
 * under a test of the flag (drivers/acpi/cppc_acpi.c
 * cppc_get_perf_caps(): regs_in_pcc = 1 and pcc_ss_data =
 * pcc_data[pcc_ss_id] before down_write(&pcc_ss_data->pcc_lock), then
 * if (regs_in_pcc) up_write(&pcc_ss_data->pcc_lock) on the way out).
 * The test of the flag decides the lock; the pointer says nothing more.
 * A release under a test that does not decide it is still reported.
 */
#include <linux/rwsem.h>
#include <linux/errno.h>

struct pcc_data_demo {
	struct rw_semaphore pcc_lock;
};

extern struct pcc_data_demo *pcc_data_demo[4];
int cpc_in_pcc_demo(int cpu);
int send_pcc_cmd_demo(int id);
int cpc_read_demo(int cpu, unsigned long *val);

int cppc_get_perf_caps_demo(int cpu, int pcc_ss_id, unsigned long *perf)
{
	struct pcc_data_demo *pcc_ss_data = NULL;
	int ret = 0, regs_in_pcc = 0;
	unsigned long high;

	if (!perf)
		return -ENODEV;
	if (cpc_in_pcc_demo(cpu)) {
		if (pcc_ss_id < 0)
			return -ENODEV;
		pcc_ss_data = pcc_data_demo[pcc_ss_id];
		regs_in_pcc = 1;
		down_write(&pcc_ss_data->pcc_lock);
		if (send_pcc_cmd_demo(pcc_ss_id) < 0) {
			ret = -EIO;
			goto out_err;
		}
	}
	cpc_read_demo(cpu, &high);
	*perf = high;
	if (!high)
		ret = -EFAULT;
out_err:
	if (regs_in_pcc)
		up_write(&pcc_ss_data->pcc_lock);
	return ret;
}

/* The release tests the flag the wrong way round: the flag decides the
 * lock, and says it is not held there. */
int cppc_get_perf_wrong_demo(int cpu, int pcc_ss_id, unsigned long *perf)
{
	struct pcc_data_demo *pcc_ss_data = NULL;
	int ret = 0, regs_in_pcc = 0;

	if (cpc_in_pcc_demo(cpu)) {
		pcc_ss_data = pcc_data_demo[pcc_ss_id];
		regs_in_pcc = 1;
		down_write(&pcc_ss_data->pcc_lock);
	}
	ret = cpc_read_demo(cpu, perf);
	if (!regs_in_pcc)
		up_write(&pcc_ss_data->pcc_lock);	/* want "up_write\\(\\) releases" */
	return ret;	/* want "returns with" */
}
