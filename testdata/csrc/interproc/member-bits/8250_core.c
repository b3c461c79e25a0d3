/* drivers/tty/serial/8250/8250_core.c, cut down: the transmit path of the interrupt handler, under the port lock. */
#include "8250.h"

void serial8250_register_demo(struct uart_8250_port_demo *uart, struct uart_8250_port_demo *up)
{
	uart->capabilities = up->capabilities;	/* a copy adds no bit */
}

/* Not flagged: no port of the program has UART_CAP_RPM (its capabilities
 * are handed to a hook no unit sets), nor UART_BUG_TXEN. */
void serial8250_tx_chars_demo(struct uart_8250_port_demo *up)
{
	unsigned long flags;

	spin_lock_irqsave(&up->lock, flags);
	serial8250_rpm_get_demo(up);
	serial8250_txen_demo(up);
	spin_unlock_irqrestore(&up->lock, flags);
}

/* Flagged: the table gives ports UART_CAP_SLEEP, a probe UART_BUG_QUOT;
 * the other two members' bits are not known. */
void serial8250_pm_demo(struct uart_8250_port_demo *up)
{
	unsigned long flags;

	spin_lock_irqsave(&up->lock, flags);
	serial8250_set_sleep_demo(up);	/* want "serial8250_set_sleep_demo\\(\\) may sleep in atomic context" */
	serial8250_quirky_demo(up);	/* want "serial8250_quirky_demo\\(\\) may sleep in atomic context" */
	serial8250_quot_demo(up);	/* want "serial8250_quot_demo\\(\\) may sleep in atomic context" */
	serial8250_wait_hw_demo(up);	/* want "serial8250_wait_hw_demo\\(\\) may sleep in atomic context" */
	serial8250_wait_flag_demo(up);	/* want "serial8250_wait_flag_demo\\(\\) may sleep in atomic context" */
	spin_unlock_irqrestore(&up->lock, flags);
}
