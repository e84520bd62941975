/*
 * Console on the SBSA UART (the PL011 subset) that Xen emulates as vpl011:
 * `vpl011` for a dom0less domain, `vuart = "sbsa_uart"` in an xl config.
 * Polled output only. The address comes from the devicetree.
 */

#include <erika/console.h>
#include <erika/devicetree.h>
#include <erika/printk.h>
#include <erika/sys/mmio.h>
#include <erika/xen/hypercall.h>

#define UART_BASE   DT_REG_ADDR(DT_INST(0, arm_sbsa_uart))
#define UARTDR	    0x000
#define UARTFR	    0x018
#define UARTFR_TXFF (1u << 5)

/* How often to let Xen run its backend before giving up on a full FIFO. */
#define FULL_FIFO_YIELDS 10000

/* Bytes lost to a FIFO nobody drained, not yet reported. */
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

static size_t put(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (!wait_for_room())
			break;
		mmio_write32(UART_BASE + UARTDR, (uint8_t)buf[i]);
	}
	return i;
}

static void uart_sbsa_write(const char *buf, size_t len)
{
	size_t done;

	/* Output resumes after a loss: say how much was lost before going on. */
	if (dropped != 0 && (mmio_read32(UART_BASE + UARTFR) & UARTFR_TXFF) == 0) {
		char notice[48];
		int n = snprintk(notice, sizeof(notice), "\n[console: %u bytes dropped]\n",
				 dropped);

		dropped = 0;
		(void)put(notice, (size_t)n);
	}
	/* Once a loss is pending, do not wait again for a FIFO nobody drains. */
	done = dropped != 0 ? 0 : put(buf, len);
	dropped += (unsigned int)(len - done);
}

CONSOLE_BACKEND_DEFINE(uart_sbsa, .name = "vpl011", .init = 0, .write = uart_sbsa_write,
		       .early = 0);
