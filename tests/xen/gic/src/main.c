/*
 * The GIC driver on Xen's vGIC: priorities land in the right byte of
 * GICD_IPRIORITYR (register intid / 4, byte intid % 4); an SGI sent to
 * ourselves runs its handler once with its argument; a disabled line keeps
 * its interrupt pending until enabled; a line without a handler is counted
 * and disabled; the dispatcher returns on spurious (1023) when nothing is
 * pending; SPI trigger configuration follows the devicetree flags.
 */

#include <erika/arch/cpu.h>
#include <erika/boot.h>
#include <erika/devicetree.h>
#include <erika/drivers/irq.h>
#include <erika/errno.h>
#include <erika/sys/mmio.h>

#include <erika_test.h>
#include <xen_test_util.h>

#define GICD		((uintptr_t)DT_REG_ADDR_BY_IDX(DT_NODELABEL(gic), 0))
#define GICD_CTLR	0x000u
#define GICD_TYPER	0x004u
#define GICD_IPRIORITYR 0x400u
#define GICD_ICFGR	0xc00u

#define WAIT_MS		100

static volatile unsigned int hits[16];
static void *volatile last_arg;

static void on_sgi(void *arg)
{
	unsigned int sgi = (unsigned int)(uintptr_t)arg;

	last_arg = arg;
	hits[sgi] = hits[sgi] + 1;
}

static void test_init(void)
{
	uint32_t typer;

	/* The driver's SYS_INIT ran before main(): the distributor is on. */
	TEST_CHECK_EQ(mmio_read32(GICD + GICD_CTLR) & 1u, 1u);
	typer = mmio_read32(GICD + GICD_TYPER);
	printk("GICD_TYPER 0x%08x: %u lines\n", (unsigned int)typer,
	       (unsigned int)((typer & 0x1fu) + 1u) * 32u);
	arch_irq_enable();
}

static void test_priority_bytes(void)
{
	uint32_t word;

	TEST_CHECK_EQ(irq_connect(1, 0x40, on_sgi, (void *)1), 0);
	TEST_CHECK_EQ(irq_connect(2, 0x80, on_sgi, (void *)2), 0);
	/* INTIDs 0-3 share GICD_IPRIORITYR0: 0 and 3 keep the default. */
	word = mmio_read32(GICD + GICD_IPRIORITYR);
	TEST_CHECK(word == 0xa08040a0u, "IPRIORITYR0 is 0x%08x, expected 0xa08040a0",
		   (unsigned int)word);
	TEST_CHECK_EQ(irq_connect(27, 0x10, on_sgi, (void *)0), 0);
	/* INTID 27 is byte 3 of IPRIORITYR6, next to 24-26 (defaults). */
	word = mmio_read32(GICD + GICD_IPRIORITYR + 6 * 4);
	TEST_CHECK(word == 0x10a0a0a0u, "IPRIORITYR6 is 0x%08x, expected 0x10a0a0a0",
		   (unsigned int)word);
	TEST_CHECK_EQ(irq_disconnect(27), 0);
}

static void test_sgi_runs_handler(void)
{
	TEST_CHECK_EQ(irq_enable(1), 0);
	TEST_CHECK_EQ(irq_raise_sgi(1), 0);
	TEST_CHECK(wait_for_count(&hits[1], 1, WAIT_MS), "SGI 1 not delivered");
	TEST_CHECK(last_arg == (void *)1, "wrong argument");
	spin_ms(5);
	TEST_CHECK_EQ(hits[1], 1);
	for (unsigned int i = 0; i < 20; i++)
		TEST_CHECK_EQ(irq_raise_sgi(1), 0);
	/* SGIs raised while one is pending merge; at least one more runs. */
	TEST_CHECK(wait_for_count(&hits[1], 2, WAIT_MS), "repeated SGI not delivered");
}

static void test_disabled_line_stays_pending(void)
{
	TEST_CHECK_EQ(irq_disable(2), 0);
	TEST_CHECK_EQ(irq_raise_sgi(2), 0);
	spin_ms(10);
	TEST_CHECK_EQ(hits[2], 0);
	TEST_CHECK_EQ(irq_enable(2), 0);
	TEST_CHECK(wait_for_count(&hits[2], 1, WAIT_MS), "pending SGI 2 lost on enable");
	TEST_CHECK(last_arg == (void *)2, "wrong argument");
}

static void test_unhandled_line_disabled(void)
{
	unsigned int before = irq_unhandled_count();

	TEST_CHECK_EQ(irq_enable(3), 0);
	TEST_CHECK_EQ(irq_raise_sgi(3), 0);
	spin_ms(10);
	TEST_CHECK_EQ(irq_unhandled_count(), before + 1);
	/* The dispatcher disabled it: a second one is not taken. */
	TEST_CHECK_EQ(irq_raise_sgi(3), 0);
	spin_ms(10);
	TEST_CHECK_EQ(irq_unhandled_count(), before + 1);
}

static void test_spurious_returns(void)
{
	unsigned int h1 = hits[1], h2 = hits[2], unhandled = irq_unhandled_count();

	/* Nothing pending: GICC_IAR answers 1023 and the dispatcher returns. */
	arch_irq_disable();
	irq_dispatch();
	arch_irq_enable();
	TEST_CHECK_EQ(hits[1], h1);
	TEST_CHECK_EQ(hits[2], h2);
	TEST_CHECK_EQ(irq_unhandled_count(), unhandled);
}

static void test_bad_arguments(void)
{
	TEST_CHECK_EQ(irq_connect(1, 0x40, on_sgi, 0), -EBUSY);
	TEST_CHECK_EQ(irq_connect(4, 0x100, on_sgi, 0), -EINVAL);
	TEST_CHECK_EQ(irq_connect(4, 0x40, 0, 0), -EINVAL);
	TEST_CHECK_EQ(irq_connect(1020, 0x40, on_sgi, 0), -EINVAL);
	TEST_CHECK_EQ(irq_connect(1023, 0x40, on_sgi, 0), -EINVAL);
	TEST_CHECK_EQ(irq_enable(1023), -EINVAL);
	TEST_CHECK_EQ(irq_raise_sgi(16), -EINVAL);
}

#if DT_HAS_COMPAT_STATUS_OKAY(arm_sbsa_uart)
/* The vpl011's SPI: its configuration register is writable in Xen's vGIC. */
static void test_spi_trigger_from_devicetree(void)
{
	unsigned int intid = DT_IRQ_INTID(DT_INST(0, arm_sbsa_uart));
	uintptr_t reg = GICD + GICD_ICFGR + (intid / 16u) * 4u;
	uint32_t edge_bit = 2u << ((intid % 16u) * 2u);

	TEST_CHECK_EQ(irq_configure(intid, 1 /* edge rising */), 0);
	TEST_CHECK(mmio_read32(reg) & edge_bit, "INTID %u not edge", intid);
	TEST_CHECK_EQ(irq_configure(intid, DT_IRQ_FLAGS(DT_INST(0, arm_sbsa_uart))), 0);
	TEST_CHECK((mmio_read32(reg) & edge_bit) == 0, "INTID %u not level (flags 0x%x)", intid,
		   (unsigned int)DT_IRQ_FLAGS(DT_INST(0, arm_sbsa_uart)));
}
#endif

int main(void)
{
	RUN_TEST(test_init);
	RUN_TEST(test_priority_bytes);
	RUN_TEST(test_sgi_runs_handler);
	RUN_TEST(test_disabled_line_stays_pending);
	RUN_TEST(test_unhandled_line_disabled);
	RUN_TEST(test_spurious_returns);
	RUN_TEST(test_bad_arguments);
#if DT_HAS_COMPAT_STATUS_OKAY(arm_sbsa_uart)
	RUN_TEST(test_spi_trigger_from_devicetree);
#endif
	return test_summary();
}
