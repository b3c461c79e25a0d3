/* Callers in atomic context, in another unit. */
#include <linux/spinlock.h>
#include <linux/gfp.h>

struct inode_demo;
int inode_alloc_priv_demo(struct inode_demo *inode, gfp_t gfp);
int inode_alloc_priv_kernel_demo(struct inode_demo *inode);
int inode_alloc_priv_atomic_demo(struct inode_demo *inode);

static DEFINE_SPINLOCK(table_lock_demo);

void table_update_demo(struct inode_demo *inode)
{
	spin_lock(&table_lock_demo);
	inode_alloc_priv_demo(inode, GFP_KERNEL);	/* want "inode_alloc_priv_demo\\(\\) may sleep in atomic context \\(it calls kmalloc\\(\\)\\)" */
	inode_alloc_priv_kernel_demo(inode);	/* want "inode_alloc_priv_kernel_demo\\(\\) may sleep in atomic context" */
	inode_alloc_priv_demo(inode, GFP_ATOMIC);
	inode_alloc_priv_atomic_demo(inode);
	spin_unlock(&table_lock_demo);
}
