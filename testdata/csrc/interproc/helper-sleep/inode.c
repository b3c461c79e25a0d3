/* Functions that allocate only inside the header helper they call. */
#include "demo_fs.h"

/* Sleeps as its callers' flags allow: the helper's flags are its own. */
int inode_alloc_priv_demo(struct inode_demo *inode, gfp_t gfp)
{
	inode->priv = priv_alloc_demo(gfp);
	return inode->priv ? 0 : -12;
}

/* Sleeps wherever it is called. */
int inode_alloc_priv_kernel_demo(struct inode_demo *inode)
{
	inode->priv = priv_alloc_demo(GFP_KERNEL);
	return inode->priv ? 0 : -12;
}

/* Never sleeps: the helper gets flags that do not reclaim. */
int inode_alloc_priv_atomic_demo(struct inode_demo *inode)
{
	inode->priv = priv_alloc_demo(GFP_ATOMIC);
	return inode->priv ? 0 : -12;
}
