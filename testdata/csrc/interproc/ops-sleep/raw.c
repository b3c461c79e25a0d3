/*
 * interproc: calls through a struct field reach every function stored in
 * that field. Such a call sleeps when every one of them sleeps, not when
 * one protocol's does.
 */
#include <linux/mutex.h>
#include "ops.h"

static DEFINE_MUTEX(raw_mutex);

static void raw_destroy(int id)
{
	mutex_lock(&raw_mutex);
	mutex_unlock(&raw_mutex);
}

static void raw_close(int id)
{
	mutex_lock(&raw_mutex);
	mutex_unlock(&raw_mutex);
}

struct proto raw_prot = {
	.destroy = raw_destroy,
	.close = raw_close,
};
