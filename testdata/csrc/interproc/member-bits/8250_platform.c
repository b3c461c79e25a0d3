/* drivers/tty/serial/8250/8250_platform.c, cut down: a port's capabilities handed to a platform hook. */
#include "8250.h"

isa_config_fn_demo serial8250_isa_config_demo;
isa_config_fn_demo serial8250_quirk_demo;

void serial8250_set_isa_configurator_demo(isa_config_fn_demo v)
{
	serial8250_isa_config_demo = v;
}

static void quirk_demo(int port, unsigned int *quirks)
{
	*quirks |= 0x10;
}

void serial8250_probe_demo(struct uart_8250_port_demo *up, int i)
{
	if (serial8250_isa_config_demo != NULL)
		serial8250_isa_config_demo(i, &up->capabilities);
	serial8250_quirk_demo = quirk_demo;
	serial8250_quirk_demo(i, &up->quirks);
}
