/*
 * sleep-in-atomic: a function that drops its caller's lock on the paths
 * where a flag is clear, and sleeps only where the flag is clear
 * (drivers/usb/host/ohci-hub.c ohci_rh_resume(): "executed with
 * ohci->lock held and irqs disabled if and only if autostopped is
 * true"; its msleep()s are under if (!autostopped)): the caller holding
 * the lock does not sleep under it. One that sleeps where the flag is
 * set, with the lock held, is flagged at its caller.
 */
#include <linux/spinlock.h>
#include <linux/delay.h>
#include <linux/errno.h>

struct ohci_demo { spinlock_t lock; int autostop; int control; };

int restart_demo(struct ohci_demo *ohci);

static int rh_resume_demo(struct ohci_demo *ohci)
	__releases(ohci->lock)
	__acquires(ohci->lock)
{
	int status = -EINPROGRESS;
	int autostopped = ohci->autostop;

	ohci->autostop = 0;
	if (ohci->control & 3)
		status = -EBUSY;
	if (status == -EBUSY) {
		if (!autostopped) {
			spin_unlock_irq(&ohci->lock);
			status = restart_demo(ohci);
			spin_lock_irq(&ohci->lock);
		}
		return status;
	}
	if (autostopped)
		goto skip_resume;
	spin_unlock_irq(&ohci->lock);
	msleep(33);
skip_resume:
	ohci->control = 1;
	if (!autostopped)
		msleep(3);
	if (!autostopped) {
		msleep(10);
		spin_lock_irq(&ohci->lock);
	}
	return 0;
}

void irq_demo(struct ohci_demo *ohci)
{
	spin_lock(&ohci->lock);
	if (ohci->autostop)
		rh_resume_demo(ohci);
	spin_unlock(&ohci->lock);
}

static int rh_resume_wrong_demo(struct ohci_demo *ohci)
	__releases(ohci->lock)
	__acquires(ohci->lock)
{
	int autostopped = ohci->autostop;

	if (autostopped)
		goto skip_resume;
	spin_unlock_irq(&ohci->lock);
skip_resume:
	if (autostopped)
		msleep(3);
	if (!autostopped)
		spin_lock_irq(&ohci->lock);
	return 0;
}

void irq_wrong_demo(struct ohci_demo *ohci)
{
	spin_lock(&ohci->lock);
	rh_resume_wrong_demo(ohci);	/* want "rh_resume_wrong_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&ohci->lock);
}
