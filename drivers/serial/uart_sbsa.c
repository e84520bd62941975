/*
 * Console on the SBSA UART (the PL011 subset) that Xen emulates as vpl011:
 * `vpl011` for a dom0less domain, `vuart = "sbsa_uart"` in an xl config.
 * Polled output only. One console backend per okay `arm,sbsa-uart` node (Xen
 * emulates one), its address the node's reg.
 */

#include <erika/console.h>
#include <erika/devicetree.h>
#include <erika/printk.h>
#include <erika/sys/mmio.h>
#include <erika/xen/hypercall.h>

#define DT_DRV_COMPAT arm_sbsa_uart

#define UARTDR	      0x000
#define UARTFR	      0x018
#define UARTFR_TXFF   (1u << 5)

/* How often to let Xen run its backend before giving up on a full FIFO. */
#define FULL_FIFO_YIELDS 10000

/* One UART. */
struct uart_sbsa {
	uintptr_t base;
	unsigned int dropped; /* bytes lost to a FIFO nobody drained, not yet reported */
};

static int wait_for_room(const struct uart_sbsa *uart)
{
	for (unsigned int i = 0; i < FULL_FIFO_YIELDS; i++) {
		if ((mmio_read32(uart->base + UARTFR) & UARTFR_TXFF) == 0)
			return 1;
		(void)HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	}
	return 0;
}

static size_t put(const struct uart_sbsa *uart, const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (!wait_for_room(uart))
			break;
		mmio_write32(uart->base + UARTDR, (uint8_t)buf[i]);
	}
	return i;
}

static void uart_sbsa_write(struct uart_sbsa *uart, const char *buf, size_t len)
{
	size_t done;

	/* Output resumes after a loss: say how much was lost before going on. */
	if (uart->dropped != 0 && (mmio_read32(uart->base + UARTFR) & UARTFR_TXFF) == 0) {
		char notice[48];
		int n = snprintk(notice, sizeof(notice), "\n[console: %u bytes dropped]\n",
				 uart->dropped);

		uart->dropped = 0;
		(void)put(uart, notice, (size_t)n);
	}
	/* Once a loss is pending, do not wait again for a FIFO nobody drains. */
	done = uart->dropped != 0 ? 0 : put(uart, buf, len);
	uart->dropped += (unsigned int)(len - done);
}

/* Each node's UART and its backend (the backend's write takes no device argument). */
#define UART_SBSA_DEFINE(inst)                                                                     \
	static struct uart_sbsa uart_sbsa_##inst = { .base = DT_REG_ADDR(DT_DRV_INST(inst)) };     \
	static void uart_sbsa_write_##inst(const char *buf, size_t len)                            \
	{                                                                                          \
		uart_sbsa_write(&uart_sbsa_##inst, buf, len);                                      \
	}                                                                                          \
	CONSOLE_BACKEND_DEFINE(uart_sbsa_##inst, .name = "vpl011", .init = 0,                      \
			       .write = uart_sbsa_write_##inst, .early = 0);
DT_INST_FOREACH_STATUS_OKAY(UART_SBSA_DEFINE)
