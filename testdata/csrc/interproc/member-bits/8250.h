/* drivers/tty/serial/8250/8250.h, cut down. */
#include <linux/bits.h>
#include <linux/spinlock.h>

#define UART_CAP_FIFO	BIT(8)	/* UART has FIFO */
#define UART_CAP_EFR	BIT(9)	/* UART has EFR */
#define UART_CAP_SLEEP	BIT(10)	/* UART has IER sleep */
#define UART_CAP_RPM	BIT(15)	/* Runtime PM is active while idle */

#define UART_BUG_QUOT	BIT(0)	/* UART has buggy quot LSB */
#define UART_BUG_TXEN	BIT(1)	/* UART has buggy TX IIR status */

struct serial8250_config_demo {
	const char *name;
	unsigned short fifo_size;
	unsigned int flags;
};

struct uart_8250_port_demo {
	spinlock_t lock;
	unsigned int capabilities;	/* port capabilities */
	unsigned int bugs;		/* port bugs */
	unsigned long hw_status;	/* written by the device only */
	unsigned long flags;		/* set_bit() on its address */
	int type;
	unsigned int quirks;		/* a quirk function's to set */
};

/* Platform hooks called through variables, as 8250_platform.c's
 * serial8250_isa_config: only a platform's setter gives the first one a
 * value, and no unit of the program calls it; the second is set. */
typedef void (*isa_config_fn_demo)(int port, unsigned int *capabilities);
extern isa_config_fn_demo serial8250_isa_config_demo;
extern isa_config_fn_demo serial8250_quirk_demo;
void serial8250_quirky_demo(struct uart_8250_port_demo *p);

void serial8250_rpm_get_demo(struct uart_8250_port_demo *p);
void serial8250_set_sleep_demo(struct uart_8250_port_demo *p);
void serial8250_quot_demo(struct uart_8250_port_demo *p);
void serial8250_txen_demo(struct uart_8250_port_demo *p);
void serial8250_wait_hw_demo(struct uart_8250_port_demo *p);
void serial8250_wait_flag_demo(struct uart_8250_port_demo *p);
