/*
 * Test-only GPIO controller (`erika,test-latch-gpio`, dts/bindings/ next to this test):
 * one 32-bit read/write register at the node's `latch-offset` is 32 output latches,
 * pin n = bit n, and reads back what was written. It has no input stage, so
 * GPIO_INPUT is refused. One port per okay node, like every controller driver: this file
 * and the binding are all the tree needs to serve the new kind (no arch, gpio.h or
 * Kconfig edit).
 *
 * Every change is a read-modify-write of the one register: only the pin's bit changes.
 */

#include <stdint.h>

#include <erika/devicetree.h>
#include <erika/drivers/gpio.h>
#include <erika/errno.h>
#include <erika/sys/mmio.h>

#define DT_DRV_COMPAT erika_test_latch_gpio

#define LATCH_NR_PINS 32u

/* What a port's config points to: where the latch is in the node's reg. */
struct latch_config {
	uint32_t offset; /* the node's latch-offset */
};

static uintptr_t latch_reg(const struct gpio_port *port)
{
	const struct latch_config *cfg = port->config;

	return port->base + cfg->offset;
}

static void write_bit(const struct gpio_port *port, gpio_pin_t pin, int value)
{
	uintptr_t reg = latch_reg(port);
	uint32_t bit = 1u << pin;

	mmio_write32(reg, (mmio_read32(reg) & ~bit) | (value ? bit : 0));
}

static int latch_configure(const struct gpio_port *port, gpio_pin_t pin, gpio_flags_t flags)
{
	if (pin >= LATCH_NR_PINS || !(flags & GPIO_OUTPUT))
		return -EINVAL;
	if (flags & GPIO_OUTPUT_INIT_HIGH)
		write_bit(port, pin, 1);
	else if (flags & GPIO_OUTPUT_INIT_LOW)
		write_bit(port, pin, 0);
	return 0;
}

static int latch_set(const struct gpio_port *port, gpio_pin_t pin, int value)
{
	if (pin >= LATCH_NR_PINS)
		return -EINVAL;
	write_bit(port, pin, value);
	return 0;
}

static int latch_get(const struct gpio_port *port, gpio_pin_t pin)
{
	if (pin >= LATCH_NR_PINS)
		return -EINVAL;
	return (int)((mmio_read32(latch_reg(port)) >> pin) & 1u);
}

static int latch_toggle(const struct gpio_port *port, gpio_pin_t pin)
{
	uintptr_t reg;

	if (pin >= LATCH_NR_PINS)
		return -EINVAL;
	reg = latch_reg(port);
	mmio_write32(reg, mmio_read32(reg) ^ (1u << pin));
	return 0;
}

static const struct gpio_driver_ops latch_ops = {
	.configure = latch_configure,
	.set = latch_set,
	.get = latch_get,
	.toggle = latch_toggle,
};

/* One port per okay node, with its latch-offset as config. */
#define LATCH_PORT(inst)                                                                           \
	_Static_assert(DT_PROP(DT_DRV_INST(inst), latch_offset) + 4u <=                            \
			       DT_REG_SIZE(DT_DRV_INST(inst)),                                     \
		       "latch-offset must leave a whole register inside the node's reg");          \
	static const struct latch_config latch_config_##inst = {                                   \
		.offset = DT_PROP(DT_DRV_INST(inst), latch_offset),                                \
	};                                                                                         \
	GPIO_PORT_DEFINE_CONFIG(DT_DRV_INST(inst), latch_ops, &latch_config_##inst);
DT_INST_FOREACH_STATUS_OKAY(LATCH_PORT)
