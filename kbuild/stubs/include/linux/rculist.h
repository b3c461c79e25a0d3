/* rculist.h: RCU-protected list operations; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_RCULIST_H
#define _LINUX_RCULIST_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/rcupdate.h>

void INIT_LIST_HEAD_RCU(struct list_head *list);
void list_add_rcu(struct list_head *new, struct list_head *head);
void list_add_tail_rcu(struct list_head *new, struct list_head *head);
void list_del_rcu(struct list_head *entry);
void list_replace_rcu(struct list_head *old, struct list_head *new);
void hlist_add_head_rcu(struct hlist_node *n, struct hlist_head *h);
void hlist_del_rcu(struct hlist_node *n);
void hlist_del_init_rcu(struct hlist_node *n);

void *__kp_rcu_list_next(const void *p);

#define list_entry_rcu(ptr, type, member) \
	container_of((__typeof__(ptr))__kp_rcu_list_next((const void *)(ptr)), type, member)
#define list_first_or_null_rcu(ptr, type, member) \
	({ struct list_head *__kp_head = (ptr); \
	   struct list_head *__kp_next = (struct list_head *)__kp_rcu_list_next(__kp_head->next); \
	   __kp_next != __kp_head ? container_of(__kp_next, type, member) : NULL; })
#define __KP_LIST_FOR_EACH_ENTRY_RCU(pos, head, member) \
	for ((pos) = container_of((struct list_head *)__kp_rcu_list_next((head)->next), __typeof__(*(pos)), member); \
	     &(pos)->member != (head); \
	     (pos) = container_of((struct list_head *)__kp_rcu_list_next((pos)->member.next), __typeof__(*(pos)), member))
#define list_for_each_entry_rcu(pos, head, member, ...) \
	__KP_LIST_FOR_EACH_ENTRY_RCU(pos, head, member)
#define list_for_each_entry_srcu(pos, head, member, cond) \
	__KP_LIST_FOR_EACH_ENTRY_RCU(pos, head, member)
#define hlist_for_each_entry_rcu(pos, head, member, ...) \
	for ((pos) = hlist_entry_safe((struct hlist_node *)__kp_rcu_list_next((head)->first), __typeof__(*(pos)), member); \
	     (pos); \
	     (pos) = hlist_entry_safe((struct hlist_node *)__kp_rcu_list_next((pos)->member.next), __typeof__(*(pos)), member))

#endif /* _LINUX_RCULIST_H */
