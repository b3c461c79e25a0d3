#include <linux/spinlock.h>
#include <linux/rcupdate.h>
struct perm_demo { spinlock_t lock; int id; int mode; };
static inline void unlock_object_demo(struct perm_demo *perm) { spin_unlock(&perm->lock); }
static inline void ipc_unlock_demo(struct perm_demo *perm) { unlock_object_demo(perm); rcu_read_unlock(); }
