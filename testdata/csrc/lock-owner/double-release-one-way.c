/*
 * A release reached with the lock held on most ways in, and released
 * already on one: an error path that unlocks and then jumps to the common
 * unlock (cut down from ata_scsi_dev_rescan(), drivers/ata/libata-scsi.c,
 * before 79336504781e's fix).
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>

struct port {
	spinlock_t *lock;
	struct mutex scan;
	int flags;
	int n;
};

int port_resume(struct port *ap);
int port_rescan(struct port *ap);

/* Flagged: the goto after port_resume() jumps to unlock_ap with the lock released. */
void port_rescan_all(struct port *ap)
{
	unsigned long flags;
	int ret = 0, i;

	mutex_lock(&ap->scan);
	spin_lock_irqsave(ap->lock, flags);
	for (i = 0; i < ap->n; i++) {
		if (ap->flags)
			goto unlock_ap;
		spin_unlock_irqrestore(ap->lock, flags);
		ret = port_resume(ap);
		if (ret == -11)
			goto unlock_ap;
		ret = port_rescan(ap);
		spin_lock_irqsave(ap->lock, flags);
		if (ret)
			goto unlock_ap;
	}
unlock_ap:
	spin_unlock_irqrestore(ap->lock, flags);	/* want `releases "ap->lock", which is not held on one way here` */
	mutex_unlock(&ap->scan);
}

/* The fix: that path jumps past the unlock. Not flagged. */
void port_rescan_all_fixed(struct port *ap)
{
	unsigned long flags;
	int ret = 0, i;

	mutex_lock(&ap->scan);
	spin_lock_irqsave(ap->lock, flags);
	for (i = 0; i < ap->n; i++) {
		if (ap->flags)
			goto unlock_ap;
		spin_unlock_irqrestore(ap->lock, flags);
		ret = port_resume(ap);
		if (ret == -11)
			goto unlock_scan;
		ret = port_rescan(ap);
		spin_lock_irqsave(ap->lock, flags);
		if (ret)
			goto unlock_ap;
	}
unlock_ap:
	spin_unlock_irqrestore(ap->lock, flags);
unlock_scan:
	mutex_unlock(&ap->scan);
}

/* The second release is decided by the same flag as the first. Not flagged. */
void port_flush(struct port *ap, bool early)
{
	spin_lock(ap->lock);
	if (early)
		spin_unlock(ap->lock);
	ap->n = 0;
	if (!early)
		spin_unlock(ap->lock);
}
