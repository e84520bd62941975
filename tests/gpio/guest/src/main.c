/*
 * GPIO on the domain's own controller under Xen: the pin of the `gpio_test` node is made
 * an output, driven high, then low, toggled, and read back through the driver each time.
 * On a PL061 the test also reads GPIODATA's full-word view and GPIODIR itself, so a
 * masked access that reached the wrong pin, or a direction change that disturbed the
 * other pins, is seen too.
 */

#include <stdint.h>

#include <erika/devicetree.h>
#include <erika/drivers/gpio.h>
#include <erika/errno.h>
#include <erika/printk.h>
#include <erika/sys/mmio.h>

#include <erika_test.h>

#define TEST_NODE DT_NODELABEL(gpio_test)

#if !DT_NODE_EXISTS(TEST_NODE)
#error "no gpio_test node: build with -DDTC_OVERLAY_FILE=boards/<board>.overlay"
#endif

static const struct gpio_dt_spec pin = GPIO_DT_SPEC_GET(TEST_NODE, gpios);

#define PL061_DATA_ALL 0x3fcu /* GPIODATA with every pin unmasked */
#define PL061_DIR      0x400u
#define PL061_NR_PINS  8u

/* The PL061 checks read its registers directly; on other controllers they are skipped. */
#if DT_HAS_COMPAT_STATUS_OKAY(arm_pl061)
#define IS_PL061(spec) ((spec)->port == GPIO_PORT_DT_GET(DT_INST(0, arm_pl061)))

static uint32_t pl061_read(uint32_t off)
{
	return mmio_read32(DT_REG_ADDR(DT_INST(0, arm_pl061)) + off) & 0xffu;
}
#else
#define IS_PL061(spec) 0

static uint32_t pl061_read(uint32_t off)
{
	(void)off;
	return 0;
}
#endif

/* The other pins' data and direction bits when the test started. */
static uint32_t others_data, others_dir;

/* The pin's bit in the PL061's registers; 0 on other controllers, whose pins go past 31. */
static uint32_t pin_mask(void)
{
	return IS_PL061(&pin) ? 1u << pin.pin : 0;
}

/* The level in the controller's own full view of the data register (PL061 only). */
static int full_view_level(void)
{
	return (pl061_read(PL061_DATA_ALL) & pin_mask()) != 0;
}

static void test_configure_output_low(void)
{
	others_data = pl061_read(PL061_DATA_ALL) & ~pin_mask();
	others_dir = pl061_read(PL061_DIR) & ~pin_mask();
	printk("gpio: pin %u of %s\n", (unsigned int)pin.pin, pin.port->name);

	TEST_CHECK_EQ(gpio_configure_dt(&pin, GPIO_OUTPUT_LOW), 0);
	TEST_CHECK_EQ(gpio_get_dt(&pin), 0);
	if (IS_PL061(&pin)) {
		TEST_CHECK_EQ(pl061_read(PL061_DIR), others_dir | pin_mask());
		TEST_CHECK_EQ(full_view_level(), 0);
	}
}

static void test_drive_high(void)
{
	TEST_CHECK_EQ(gpio_set_dt(&pin, 1), 0);
	TEST_CHECK_EQ(gpio_get_dt(&pin), 1);
	if (IS_PL061(&pin))
		TEST_CHECK_EQ(full_view_level(), 1);
}

static void test_drive_low(void)
{
	TEST_CHECK_EQ(gpio_set_dt(&pin, 0), 0);
	TEST_CHECK_EQ(gpio_get_dt(&pin), 0);
	if (IS_PL061(&pin))
		TEST_CHECK_EQ(full_view_level(), 0);
}

static void test_toggle(void)
{
	TEST_CHECK_EQ(gpio_toggle_dt(&pin), 0);
	TEST_CHECK_EQ(gpio_get_dt(&pin), 1);
	TEST_CHECK_EQ(gpio_toggle_dt(&pin), 0);
	TEST_CHECK_EQ(gpio_get_dt(&pin), 0);
}

static void test_pin_it_does_not_have(void)
{
	gpio_pin_t bad = IS_PL061(&pin) ? PL061_NR_PINS : GPIO_BANK_PIN(31, 0);

	TEST_CHECK_EQ(gpio_pin_set(pin.port, bad, 1), -EINVAL);
	TEST_CHECK_EQ(gpio_pin_get(pin.port, bad), -EINVAL);
	TEST_CHECK_EQ(gpio_pin_configure(pin.port, bad, GPIO_OUTPUT), -EINVAL);
	TEST_CHECK_EQ(gpio_pin_configure(pin.port, pin.pin, GPIO_INPUT | GPIO_OUTPUT), -EINVAL);
}

static void test_other_pins_untouched(void)
{
	if (!IS_PL061(&pin))
		return;
	TEST_CHECK_EQ(pl061_read(PL061_DIR) & ~pin_mask(), others_dir);
	TEST_CHECK_EQ(pl061_read(PL061_DATA_ALL) & ~pin_mask(), others_data);
}

int main(void)
{
	RUN_TEST(test_configure_output_low);
	RUN_TEST(test_drive_high);
	RUN_TEST(test_drive_low);
	RUN_TEST(test_toggle);
	RUN_TEST(test_pin_it_does_not_have);
	RUN_TEST(test_other_pins_untouched);
	return test_summary();
}
