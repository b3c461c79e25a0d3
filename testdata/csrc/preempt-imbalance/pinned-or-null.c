/*
 * preempt-imbalance: a function that returns a call's pointer with
 * preemption still disabled, and NULL after enabling it, is no
 * conditional helper: those return the object they pinned (see
 * trylock-pin.c). kernel/module/main.c __symbol_get() with the
 * preempt_enable() before its "return (void *)kernel_symbol_value(...)"
 * deleted is flagged.
 */
#include <linux/preempt.h>
#include <linux/stddef.h>

struct symbol_demo {
	unsigned long value;
};

struct symbol_demo *find_symbol_demo(const char *name);
void *symbol_value_demo(const struct symbol_demo *sym);

void *symbol_get_demo(const char *name)
{
	struct symbol_demo *sym;

	preempt_disable();
	sym = find_symbol_demo(name);
	if (!sym)
		goto fail;
	return symbol_value_demo(sym);	/* want "preempt depth at return is 1, but 0 at line 30" */
fail:
	preempt_enable();
	return NULL;
}
