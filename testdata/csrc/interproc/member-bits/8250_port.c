/*
 * drivers/tty/serial/8250/8250_port.c, cut down: serial8250_rpm_get()
 * resumes the device, which may sleep, only for a port with
 * UART_CAP_RPM. Only 8250_omap.c sets that capability, and an x86_64
 * defconfig does not build it: every capability the program gives a
 * port comes from uart_config[]'s flags, which leave it out. The
 * interrupt handler's transmit path calls it under the port lock and
 * does not sleep. UART_CAP_SLEEP is in the table, so its path is taken.
 */
#include <linux/delay.h>
#include <linux/mutex.h>
#include "8250.h"

static DEFINE_MUTEX(sleep_mutex_demo);

static const struct serial8250_config_demo uart_config_demo[] = {
	[0] = {
		.name		= "16550A",
		.fifo_size	= 16,
		.flags		= UART_CAP_FIFO,
	},
	[1] = {
		.name		= "ST16650",
		.fifo_size	= 1,
		.flags		= UART_CAP_FIFO | UART_CAP_EFR | UART_CAP_SLEEP,
	},
};

void serial8250_set_type_demo(struct uart_8250_port_demo *up, int type)
{
	up->type = type;
	up->capabilities = uart_config_demo[type].flags;
	up->capabilities &= ~UART_CAP_EFR;
	up->bugs = 0;
}

void serial8250_rpm_get_demo(struct uart_8250_port_demo *p)
{
	if (!(p->capabilities & UART_CAP_RPM))
		return;
	msleep(1);	/* pm_runtime_get_sync(p->port.dev) */
}

void serial8250_set_sleep_demo(struct uart_8250_port_demo *p)
{
	if (p->capabilities & UART_CAP_SLEEP) {
		mutex_lock(&sleep_mutex_demo);
		mutex_unlock(&sleep_mutex_demo);
	}
}

/* UART_BUG_QUOT is set by a probe, UART_BUG_TXEN by nothing. */
void serial8250_quot_demo(struct uart_8250_port_demo *p)
{
	if (p->bugs & UART_BUG_QUOT)
		msleep(1);
}

void serial8250_txen_demo(struct uart_8250_port_demo *p)
{
	if (p->bugs & UART_BUG_TXEN)
		msleep(1);
}

/* A member a hook the program sets writes through its address. */
void serial8250_quirky_demo(struct uart_8250_port_demo *p)
{
	if (p->quirks & 0x10)
		msleep(1);
}

/* A member only the device writes: its bits are not known. */
void serial8250_wait_hw_demo(struct uart_8250_port_demo *p)
{
	if (p->hw_status & 0x4)
		msleep(1);
}

void serial8250_mark_demo(struct uart_8250_port_demo *p, int nr)
{
	set_bit(nr, &p->flags);
}

/* A member whose bits set_bit() writes through its address. */
void serial8250_wait_flag_demo(struct uart_8250_port_demo *p)
{
	if (p->flags & 0x2)
		msleep(1);
}
