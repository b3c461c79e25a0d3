/*
 * Markup in source text must be shown as text, in the comment above a
 * function (which the report shows with it) as in its strings.
 */
#include <linux/smp.h>
#include <linux/printk.h>

static int esc_hits[NR_CPUS];

/**
 * esc_count() - </script><script>alert(1)</script>
 * @why: <img src=x onerror="alert(2)"> &amp; an entity,
 *	<!-- not a comment --> ]]> <b>bold?</b>
 */
void esc_count(const char *why)
{
	const char *tag = "</script><img src=x onerror=alert(3)>";

	pr_info("%s %s\n", tag, why);
	esc_hits[smp_processor_id()]++;	/* want "smp_processor_id\\(\\) used in preemptible code" */
}
