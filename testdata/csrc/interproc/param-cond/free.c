/*
 * Functions that sleep only for some values of a parameter: the head-less
 * kvfree_call_rcu() (kernel/rcu/tree.c: might_sleep() when head is NULL),
 * and update_and_free_hugetlb_folio() (mm/hugetlb.c), which frees in
 * place, sleeping, only when its caller says it is not atomic.
 */
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/delay.h>

struct demo_head { struct demo_head *next; };

void demo_kvfree_call_rcu(struct demo_head *head, void *ptr)
{
	if (!head)
		might_sleep();
	/* queue ptr for freeing after a grace period */
}

/* As kvfree_call_rcu() writes it: the helper allocates, sleeping, when
 * told it may, which its caller says when head is NULL. */
static void demo_add_to_bulk(void *ptr, bool can_alloc)
{
	if (can_alloc)
		might_sleep();
}

void demo_kvfree_call_rcu2(struct demo_head *head, void *ptr)
{
	demo_add_to_bulk(ptr, !head);
}

static void demo_free_now(void *obj)
{
	synchronize_rcu();
}

void demo_update_and_free(void *obj, bool atomic)
{
	if (!atomic) {
		demo_free_now(obj);
		return;
	}
	/* defer to a work item */
}
