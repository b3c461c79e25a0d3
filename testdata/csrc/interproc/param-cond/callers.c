/* Callers in atomic context, with arguments that allow the sleep or not. */
#include <linux/spinlock.h>

struct demo_head { struct demo_head *next; };
struct demo_obj { int x; struct demo_head rcu; };

void demo_kvfree_call_rcu(struct demo_head *head, void *ptr);
void demo_update_and_free(void *obj, bool atomic);
void demo_kvfree_call_rcu2(struct demo_head *head, void *ptr);

static DEFINE_SPINLOCK(demo_lock);

void demo_release(struct demo_obj *o)
{
	spin_lock(&demo_lock);
	demo_kvfree_call_rcu(&o->rcu, o);
	demo_kvfree_call_rcu2(&o->rcu, o);
	demo_update_and_free(o, true);
	spin_unlock(&demo_lock);
}

void demo_release_headless(struct demo_obj *o)
{
	spin_lock(&demo_lock);
	demo_kvfree_call_rcu(NULL, o); /* want "demo_kvfree_call_rcu\\(\\) may sleep in atomic context \\(it calls might_sleep\\(\\)\\)" */
	demo_kvfree_call_rcu2(NULL, o); /* want "demo_kvfree_call_rcu2\\(\\) may sleep in atomic context" */
	spin_unlock(&demo_lock);
}

void demo_release_in_place(struct demo_obj *o)
{
	spin_lock(&demo_lock);
	demo_update_and_free(o, false); /* want "demo_update_and_free\\(\\) may sleep in atomic context" */
	spin_unlock(&demo_lock);
}
