/* A driver that sets a bug bit at probe, as drivers/tty/serial/8250/8250_omap.c sets its bits. */
#include "8250.h"

void omap8250_probe_demo(struct uart_8250_port_demo *up)
{
	up->bugs |= UART_BUG_QUOT;
}
