#include <linux/list.h>

void __big_unlock(void);

static LIST_HEAD(todo_list);

void run_todo(void)
{
	LIST_HEAD(list);

	list_splice_init(&todo_list, &list);
	__big_unlock();
}
