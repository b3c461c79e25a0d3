/*
 * A lock spelled through an accessor call and through a variable given
 * the same call's value (fs/ext4/fast_commit.c ext4_fc_del(): sbi =
 * EXT4_SB(inode->i_sb), then spin_lock(&EXT4_SB(inode->i_sb)->s_fc_lock)
 * and spin_unlock(&sbi->s_fc_lock)), with a helper that drops it before
 * sleeping. One lock, released on every way out: not flagged. A way out
 * that keeps it still is.
 */
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/types.h>

struct sbi_demo { spinlock_t s_fc_lock; int n; };
struct sb_demo { void *s_fs_info; };
struct inode_demo { struct sb_demo *i_sb; int state; int list; };

static inline struct sbi_demo *SBI_DEMO(struct sb_demo *sb)
{
	return sb->s_fs_info;
}

static void wait_committing_demo(struct inode_demo *inode)
	__releases(&SBI_DEMO(inode->i_sb)->s_fc_lock)
{
	spin_unlock(&SBI_DEMO(inode->i_sb)->s_fc_lock);
	schedule();
}

void fc_del_demo(struct inode_demo *inode)
{
	struct sbi_demo *sbi = SBI_DEMO(inode->i_sb);

restart:
	spin_lock(&SBI_DEMO(inode->i_sb)->s_fc_lock);
	if (!inode->list) {
		spin_unlock(&SBI_DEMO(inode->i_sb)->s_fc_lock);
		return;
	}
	if (inode->state) {
		wait_committing_demo(inode);
		goto restart;
	}
	if (!inode->list) {
		spin_unlock(&sbi->s_fc_lock);
		return;
	}
	sbi->n--;
	spin_unlock(&sbi->s_fc_lock);
}

void fc_del_leaky_demo(struct inode_demo *inode)
{
	struct sbi_demo *sbi = SBI_DEMO(inode->i_sb);

	spin_lock(&SBI_DEMO(inode->i_sb)->s_fc_lock);
	if (!inode->list)
		return; /* want `returns with "SBI_DEMO\(inode->i_sb\)->s_fc_lock" held` */
	sbi->n--;
	spin_unlock(&sbi->s_fc_lock);
}
