/*
 * interproc: an interrupt chip's operations and its flow handlers, in the
 * shape of arch/x86/kernel/apic/vector.c and kernel/irq/chip.c. Nothing
 * in the program calls them by name: the chip's ack runs under the
 * descriptor's raw spinlock with interrupts off, the flow handler from
 * the interrupt entry (kapi roots on struct irq_chip's fields and on the
 * handler setters), so per-CPU data is safe there and sleeping is not. A
 * function of the same shape that nothing registers is entered
 * preemptible.
 */
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/delay.h>

struct irq_data { unsigned int irq; };
struct irq_desc { struct irq_data irq_data; };

struct irq_chip {
	const char *name;
	void (*irq_ack)(struct irq_data *data);
	void (*irq_bus_lock)(struct irq_data *data);
};

typedef void (*irq_flow_handler_t)(struct irq_desc *desc);
void irq_set_chip_and_handler_name(unsigned int irq, const struct irq_chip *chip,
				   irq_flow_handler_t handle, const char *name);

DEFINE_PER_CPU(unsigned int, vector_demo);

/* Not flagged: the CPU cannot change under the chip's ack. */
static void irq_complete_move_demo(struct irq_data *data)
{
	if (__this_cpu_read(vector_demo) == data->irq)
		__this_cpu_write(vector_demo, 0);
}

static void apic_ack_edge_demo(struct irq_data *data)
{
	irq_complete_move_demo(data);
	msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
}

/* Flagged: a chip's bus lock runs in process context, and sleeps. */
static void bus_lock_demo(struct irq_data *data)
{
	__this_cpu_write(vector_demo, data->irq);	/* want "__this_cpu_write\\(\\) used in preemptible code" */
	msleep(1);
}

static const struct irq_chip lapic_demo = {
	.name = "APIC",
	.irq_ack = apic_ack_edge_demo,
	.irq_bus_lock = bus_lock_demo,
};

/* A flow handler runs in hard interrupt context. */
static void handle_percpu_demo(struct irq_desc *desc)
{
	__this_cpu_write(vector_demo, desc->irq_data.irq);
	msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
}

/* Flagged: nothing registers it, so nothing says how it is entered. */
static void handle_unregistered_demo(struct irq_desc *desc)
{
	__this_cpu_write(vector_demo, desc->irq_data.irq);	/* want "__this_cpu_write\\(\\) used in preemptible code" */
}

void vector_setup_demo(unsigned int irq)
{
	irq_set_chip_and_handler_name(irq, &lapic_demo, handle_percpu_demo, "edge");
	handle_unregistered_demo(0);
}
