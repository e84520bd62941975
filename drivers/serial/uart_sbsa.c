/*
 * Console on the SBSA UART (the PL011 subset) that Xen emulates as vpl011:
 * `vpl011` for a dom0less domain, `vuart = "sbsa_uart"` in an xl config.
 * Polled output only. The address comes from the devicetree.
 */

#include <erika/console.h>
#include <erika/devicetree.h>
#include <erika/sys/mmio.h>
#include <erika/xen/hypercall.h>

#define UART_BASE   DT_REG_ADDR(DT_INST(0, arm_sbsa_uart))
#define UARTDR	    0x000
#define UARTFR	    0x018
#define UARTFR_TXFF (1u << 5)

/* How often to let Xen run its backend before giving up on a full FIFO. */
#define FULL_FIFO_YIELDS 10000

static unsigned int dropped;

static int wait_for_room(void)
{
	for (unsigned int i = 0; i < FULL_FIFO_YIELDS; i++) {
		if ((mmio_read32(UART_BASE + UARTFR) & UARTFR_TXFF) == 0)
			return 1;
		(void)HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	}
	return 0;
}

static void uart_sbsa_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (!wait_for_room()) {
			/* Nobody drains the UART: count what is lost, do not hang. */
			dropped += (unsigned int)(len - i);
			return;
		}
		mmio_write32(UART_BASE + UARTDR, (uint8_t)buf[i]);
	}
}

CONSOLE_BACKEND_DEFINE(uart_sbsa, .name = "vpl011", .init = 0, .write = uart_sbsa_write,
		       .early = 0);
