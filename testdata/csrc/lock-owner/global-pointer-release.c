/*
 * A helper that releases a lock of the object a file-scope pointer
 * points to on every way out, "Call with group->mark_mutex held,
 * releases it", in the shape of kernel/audit_tree.c tag_chunk() and
 * create_chunk(). The pointer is no local of the helper: its caller
 * names the lock as the helper does, and "return create_chunk(...)"
 * returns without it, as the other returns do. A caller that releases
 * it again after the call releases it twice.
 */
#include <linux/mutex.h>
#include <linux/slab.h>

struct group_demo {
	unsigned int flags;
	struct mutex mark_mutex;
};

static struct group_demo *tree_group_demo;

void *find_mark_demo(int key);

static int create_chunk_demo(int key)
{
	void *chunk = kmalloc(64, GFP_KERNEL);

	if (!chunk) {
		mutex_unlock(&tree_group_demo->mark_mutex);
		return -12;
	}
	mutex_unlock(&tree_group_demo->mark_mutex);
	kfree(chunk);
	return 0;
}

int tag_chunk_demo(int key)
{
	mutex_lock(&tree_group_demo->mark_mutex);
	if (!find_mark_demo(key))
		return create_chunk_demo(key);
	mutex_unlock(&tree_group_demo->mark_mutex);
	return 0;
}

int tag_chunk_twice_demo(int key)
{
	int ret;

	mutex_lock(&tree_group_demo->mark_mutex);
	ret = create_chunk_demo(key);
	mutex_unlock(&tree_group_demo->mark_mutex); /* want "releases \"tree_group_demo->mark_mutex\", which this function already released" */
	return ret;
}
