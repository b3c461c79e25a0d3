/* list.h: doubly linked lists and hash lists; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_LIST_H
#define _LINUX_LIST_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stddef.h>
#include <linux/container_of.h>

#define LIST_HEAD_INIT(name)	{ &(name), &(name) }
#define LIST_HEAD(name)		struct list_head name = LIST_HEAD_INIT(name)

void INIT_LIST_HEAD(struct list_head *list);
void list_add(struct list_head *new, struct list_head *head);
void list_add_tail(struct list_head *new, struct list_head *head);
void list_del(struct list_head *entry);
void list_del_init(struct list_head *entry);
void list_replace(struct list_head *old, struct list_head *new);
void list_replace_init(struct list_head *old, struct list_head *new);
void list_move(struct list_head *list, struct list_head *head);
void list_move_tail(struct list_head *list, struct list_head *head);
int list_is_first(const struct list_head *list, const struct list_head *head);
int list_is_last(const struct list_head *list, const struct list_head *head);
int list_is_head(const struct list_head *list, const struct list_head *head);
int list_empty(const struct list_head *head);
int list_empty_careful(const struct list_head *head);
int list_is_singular(const struct list_head *head);
void list_rotate_left(struct list_head *head);
void list_splice(const struct list_head *list, struct list_head *head);
void list_splice_tail(struct list_head *list, struct list_head *head);
void list_splice_init(struct list_head *list, struct list_head *head);
void list_splice_tail_init(struct list_head *list, struct list_head *head);
void list_cut_position(struct list_head *list, struct list_head *head, struct list_head *entry);
size_t list_count_nodes(struct list_head *head);

#define list_entry(ptr, type, member)	container_of(ptr, type, member)
#define list_first_entry(ptr, type, member) container_of((ptr)->next, type, member)
#define list_last_entry(ptr, type, member) container_of((ptr)->prev, type, member)
#define list_first_entry_or_null(ptr, type, member) \
	({ struct list_head *__kp_head = (ptr); struct list_head *__kp_pos = __kp_head->next; \
	   __kp_pos != __kp_head ? container_of(__kp_pos, type, member) : NULL; })
#define list_next_entry(pos, member) \
	container_of((pos)->member.next, __typeof__(*(pos)), member)
#define list_prev_entry(pos, member) \
	container_of((pos)->member.prev, __typeof__(*(pos)), member)
#define list_entry_is_head(pos, head, member) (&(pos)->member == (head))

#define list_for_each(pos, head) \
	for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)
#define list_for_each_prev(pos, head) \
	for ((pos) = (head)->prev; (pos) != (head); (pos) = (pos)->prev)
#define list_for_each_safe(pos, n, head) \
	for ((pos) = (head)->next, (n) = (pos)->next; (pos) != (head); \
	     (pos) = (n), (n) = (pos)->next)
#define list_for_each_entry(pos, head, member) \
	for ((pos) = container_of((head)->next, __typeof__(*(pos)), member); \
	     &(pos)->member != (head); \
	     (pos) = container_of((pos)->member.next, __typeof__(*(pos)), member))
#define list_for_each_entry_reverse(pos, head, member) \
	for ((pos) = container_of((head)->prev, __typeof__(*(pos)), member); \
	     &(pos)->member != (head); \
	     (pos) = container_of((pos)->member.prev, __typeof__(*(pos)), member))
#define list_for_each_entry_continue(pos, head, member) \
	for ((pos) = container_of((pos)->member.next, __typeof__(*(pos)), member); \
	     &(pos)->member != (head); \
	     (pos) = container_of((pos)->member.next, __typeof__(*(pos)), member))
#define list_for_each_entry_from(pos, head, member) \
	for (; &(pos)->member != (head); \
	     (pos) = container_of((pos)->member.next, __typeof__(*(pos)), member))
#define list_for_each_entry_safe(pos, n, head, member) \
	for ((pos) = container_of((head)->next, __typeof__(*(pos)), member), \
	     (n) = container_of((pos)->member.next, __typeof__(*(pos)), member); \
	     &(pos)->member != (head); \
	     (pos) = (n), (n) = container_of((n)->member.next, __typeof__(*(n)), member))
#define list_for_each_entry_safe_reverse(pos, n, head, member) \
	for ((pos) = container_of((head)->prev, __typeof__(*(pos)), member), \
	     (n) = container_of((pos)->member.prev, __typeof__(*(pos)), member); \
	     &(pos)->member != (head); \
	     (pos) = (n), (n) = container_of((n)->member.prev, __typeof__(*(n)), member))

#define HLIST_HEAD_INIT		{ .first = NULL }
#define HLIST_HEAD(name)	struct hlist_head name = { .first = NULL }
#define INIT_HLIST_HEAD(ptr)	((ptr)->first = NULL)

void INIT_HLIST_NODE(struct hlist_node *h);
int hlist_unhashed(const struct hlist_node *h);
int hlist_empty(const struct hlist_head *h);
void hlist_add_head(struct hlist_node *n, struct hlist_head *h);
void hlist_add_before(struct hlist_node *n, struct hlist_node *next);
void hlist_add_behind(struct hlist_node *n, struct hlist_node *prev);
void hlist_del(struct hlist_node *n);
void hlist_del_init(struct hlist_node *n);

#define hlist_entry(ptr, type, member)	container_of(ptr, type, member)
#define hlist_entry_safe(ptr, type, member) \
	({ __typeof__(ptr) __kp_hptr = (ptr); __kp_hptr ? hlist_entry(__kp_hptr, type, member) : NULL; })
#define hlist_for_each(pos, head) \
	for ((pos) = (head)->first; (pos); (pos) = (pos)->next)
#define hlist_for_each_safe(pos, n, head) \
	for ((pos) = (head)->first; (pos) && ({ (n) = (pos)->next; 1; }); (pos) = (n))
#define hlist_for_each_entry(pos, head, member) \
	for ((pos) = hlist_entry_safe((head)->first, __typeof__(*(pos)), member); \
	     (pos); \
	     (pos) = hlist_entry_safe((pos)->member.next, __typeof__(*(pos)), member))
#define hlist_for_each_entry_safe(pos, n, head, member) \
	for ((pos) = hlist_entry_safe((head)->first, __typeof__(*(pos)), member); \
	     (pos) && ({ (n) = (pos)->member.next; 1; }); \
	     (pos) = hlist_entry_safe((n), __typeof__(*(pos)), member))

#endif /* _LINUX_LIST_H */
