/*
 * Two GPIO controller kinds in one image, each served by its own driver through the one
 * API (include/erika/drivers/gpio.h): the board's PL061 and the test-only latch
 * controller of driver/ (`erika,test-latch-gpio`, QEMU's PL031 match register as 32
 * output latches). Every pin comes from the devicetree with GPIO_DT_SPEC_GET; each step
 * is read back through the driver and in the register itself, and the register must
 * change in the pin's bit only. The last state is left for dom0's post.sh to read in
 * QEMU's own model through the monitor, after this domain is gone (XENRUN-MONITOR-CHECK).
 */

#include <stdint.h>

#include <erika/devicetree.h>
#include <erika/drivers/gpio.h>
#include <erika/errno.h>
#include <erika/printk.h>
#include <erika/sys/mmio.h>

#include <erika_test.h>

#define TEST_NODE  DT_NODELABEL(latch_test)
#define LATCH_NODE DT_NODELABEL(latch)
#define PL061_NODE DT_NODELABEL(gpio0)

static const struct gpio_dt_spec out = GPIO_DT_SPEC_GET(TEST_NODE, out_gpios);
static const struct gpio_dt_spec inverted = GPIO_DT_SPEC_GET(TEST_NODE, inverted_gpios);
static const struct gpio_dt_spec pl061_pin = GPIO_DT_SPEC_GET(TEST_NODE, pl061_gpios);

/* The latch register and the PL061's GPIODATA (all pins) as the hardware holds them. */
#define LATCH_REG      (DT_REG_ADDR(LATCH_NODE) + DT_PROP(LATCH_NODE, latch_offset))
#define PL061_DATA_ALL (DT_REG_ADDR(PL061_NODE) + 0x3fcu)

/* The latch's final value, which dom0's post.sh expects: pins 0 and 7 high, pin 31 high. */
#define LATCH_FINAL 0x80000081u

static uint32_t latch_raw(void)
{
	return mmio_read32(LATCH_REG);
}

static uint32_t latch_start;

static void test_two_kinds_two_drivers(void)
{
	printk("gpio-latch: %s pins %u and %u, %s pin %u\n", out.port->name, (unsigned int)out.pin,
	       (unsigned int)inverted.pin, pl061_pin.port->name, (unsigned int)pl061_pin.pin);
	TEST_CHECK(out.port == GPIO_PORT_DT_GET(LATCH_NODE), "out-gpios is not on the latch");
	TEST_CHECK(inverted.port == out.port, "inverted-gpios is not on the latch");
	TEST_CHECK(pl061_pin.port == GPIO_PORT_DT_GET(PL061_NODE), "pl061-gpios not on gpio0");
	/* Each controller kind is served by its own driver. */
	TEST_CHECK(out.port->ops != pl061_pin.port->ops, "one driver serves both kinds");
	TEST_CHECK(out.port->base == DT_REG_ADDR(LATCH_NODE), "latch base 0x%lx",
		   (unsigned long)out.port->base);
	TEST_CHECK_EQ(out.pin, 0);
	TEST_CHECK_EQ(inverted.pin, 31);
	TEST_CHECK_EQ(inverted.dt_flags, GPIO_ACTIVE_LOW);
}

static void test_latch_output_low(void)
{
	latch_start = latch_raw();
	printk("gpio-latch: register 0x%08x at start\n", (unsigned int)latch_start);
	TEST_CHECK_EQ(gpio_configure_dt(&out, GPIO_OUTPUT_LOW), 0);
	TEST_CHECK_EQ(gpio_get_dt(&out), 0);
	TEST_CHECK_EQ(latch_raw(), latch_start & ~1u);
}

static void test_latch_set_reads_back(void)
{
	uint32_t before = latch_raw();

	TEST_CHECK_EQ(gpio_set_dt(&out, 1), 0);
	TEST_CHECK_EQ(gpio_get_dt(&out), 1);
	TEST_CHECK_EQ(latch_raw(), before | 1u);
	TEST_CHECK_EQ(gpio_set_dt(&out, 0), 0);
	TEST_CHECK_EQ(gpio_get_dt(&out), 0);
	TEST_CHECK_EQ(latch_raw(), before & ~1u);
}

/* Active low: logical 1 is the register bit cleared (gpio.h, devicetree flags cell). */
static void test_latch_active_low(void)
{
	uint32_t bit = 1u << 31;
	uint32_t others;

	TEST_CHECK_EQ(gpio_configure_dt(&inverted, GPIO_OUTPUT_HIGH), 0);
	others = latch_raw() & ~bit;
	TEST_CHECK_EQ(latch_raw(), others);
	TEST_CHECK_EQ(gpio_get_dt(&inverted), 1);
	TEST_CHECK_EQ(gpio_set_dt(&inverted, 0), 0);
	TEST_CHECK_EQ(latch_raw(), others | bit);
	TEST_CHECK_EQ(gpio_get_dt(&inverted), 0);
	TEST_CHECK_EQ(gpio_pin_get(inverted.port, inverted.pin), 1);
}

static void test_latch_toggle(void)
{
	uint32_t before = latch_raw();

	TEST_CHECK_EQ(gpio_toggle_dt(&out), 0);
	TEST_CHECK_EQ(latch_raw(), before ^ 1u);
	TEST_CHECK_EQ(gpio_toggle_dt(&out), 0);
	TEST_CHECK_EQ(latch_raw(), before);
}

/* A pin or a direction the latch does not have: -EINVAL and the register untouched. */
static void test_latch_refuses(void)
{
	uint32_t before = latch_raw();

	TEST_CHECK_EQ(gpio_pin_set(out.port, 32, 1), -EINVAL);
	TEST_CHECK_EQ(gpio_pin_get(out.port, 32), -EINVAL);
	TEST_CHECK_EQ(gpio_pin_toggle(out.port, 32), -EINVAL);
	TEST_CHECK_EQ(gpio_pin_configure(out.port, 32, GPIO_OUTPUT_HIGH), -EINVAL);
	TEST_CHECK_EQ(gpio_pin_configure(out.port, 1, GPIO_INPUT), -EINVAL);
	TEST_CHECK_EQ(latch_raw(), before);
}

/* The PL061 in the same image, through the same API, its own driver. */
static void test_pl061_beside_latch(void)
{
	uint32_t latch_before = latch_raw();
	uint32_t bit = 1u << pl061_pin.pin;

	TEST_CHECK_EQ(gpio_configure_dt(&pl061_pin, GPIO_OUTPUT_LOW), 0);
	TEST_CHECK_EQ(mmio_read32(PL061_DATA_ALL) & bit, 0);
	TEST_CHECK_EQ(gpio_set_dt(&pl061_pin, 1), 0);
	TEST_CHECK_EQ(gpio_get_dt(&pl061_pin), 1);
	TEST_CHECK_EQ(mmio_read32(PL061_DATA_ALL) & bit, bit);
	/* The other controller did not move. */
	TEST_CHECK_EQ(latch_raw(), latch_before);
}

/* The state post.sh checks in QEMU's model: latch LATCH_FINAL, PL061 pin 1 high. */
static void test_leave_final_state(void)
{
	TEST_CHECK_EQ(gpio_set_dt(&out, 1), 0);
	TEST_CHECK_EQ(gpio_pin_configure(out.port, 7, GPIO_OUTPUT_HIGH), 0);
	TEST_CHECK_EQ(gpio_set_dt(&inverted, 0), 0); /* logical 0: bit 31 set */
	TEST_CHECK_EQ(latch_raw(), LATCH_FINAL);
	TEST_CHECK_EQ(gpio_get_dt(&pl061_pin), 1);
	printk("gpio-latch: left register 0x%08x, PL061 data 0x%02x\n", (unsigned int)latch_raw(),
	       (unsigned int)(mmio_read32(PL061_DATA_ALL) & 0xffu));
}

int main(void)
{
	RUN_TEST(test_two_kinds_two_drivers);
	RUN_TEST(test_latch_output_low);
	RUN_TEST(test_latch_set_reads_back);
	RUN_TEST(test_latch_active_low);
	RUN_TEST(test_latch_toggle);
	RUN_TEST(test_latch_refuses);
	RUN_TEST(test_pl061_beside_latch);
	RUN_TEST(test_leave_final_state);
	return test_summary();
}
