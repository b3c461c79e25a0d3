/*
 * Bits of a member of a parameter's object, tested by the caller and
 * again by the callee, in the shape of fs/file_table.c: fput() frees a
 * file at once only when f_mode has neither FMODE_BACKING nor
 * FMODE_OPENED, and file_free() reaches the backing file's free (which
 * may sleep) only with FMODE_BACKING. What the caller knew at the call
 * rules the callee's path out: a put under a spinlock is not flagged. A
 * caller that tests other bits, or none, still reaches it.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>

#define DEMO_FMODE_OPENED	0x80000
#define DEMO_FMODE_BACKING	0x2000000

struct demo_file {
	unsigned int f_mode;
	int f_count;
};

static DEFINE_MUTEX(backing_mutex);
static DEFINE_SPINLOCK(files_lock);

void demo_cache_free(struct demo_file *f);
void demo_defer(struct demo_file *f);

static void demo_backing_free(struct demo_file *f)
{
	mutex_lock(&backing_mutex);
	mutex_unlock(&backing_mutex);
}

static void demo_file_free(struct demo_file *f)
{
	if (f->f_mode & DEMO_FMODE_BACKING)
		demo_backing_free(f);
	else
		demo_cache_free(f);
}

void demo_fput(struct demo_file *file)
{
	if (--file->f_count == 0) {
		if (!(file->f_mode & (DEMO_FMODE_BACKING | DEMO_FMODE_OPENED))) {
			demo_file_free(file);
			return;
		}
		demo_defer(file);
	}
}

/* Frees at once files not opened: the backing bit may be set. */
void demo_fput_unopened(struct demo_file *file)
{
	if (--file->f_count == 0 && !(file->f_mode & DEMO_FMODE_OPENED))
		demo_file_free(file);
}

void demo_put_locked(struct demo_file *a, struct demo_file *b)
{
	spin_lock(&files_lock);
	demo_fput(a);
	demo_fput_unopened(b);	/* want "demo_fput_unopened\\(\\) may sleep in atomic context" */
	spin_unlock(&files_lock);
}
