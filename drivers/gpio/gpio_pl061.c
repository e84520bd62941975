/*
 * ARM PrimeCell PL061 as a GPIO controller: 8 pins, direction in GPIODIR, levels in
 * GPIODATA. One port per okay `arm,pl061` node, its base the node's reg (QEMU virt:
 * `gpio0`).
 *
 * GPIODATA is 256 words (0x000-0x3fc): address bits 9..2 mask which pins an access sees,
 * so a pin's own word, offset 1 << (pin + 2), reads only that pin's bit and a write there
 * changes only that pin, with no read-modify-write. GPIODIR and GPIOAFSEL have no such
 * view: they are read-modify-written, keeping the other pins' bits.
 */

#include <stdint.h>

#include <erika/devicetree.h>
#include <erika/drivers/gpio.h>
#include <erika/errno.h>
#include <erika/sys/mmio.h>

#define DT_DRV_COMPAT	arm_pl061

#define PL061_NR_PINS	8u
#define PL061_DATA(pin) (1u << ((pin) + 2u)) /* the masked word of one pin */
#define PL061_DIR	0x400u		     /* bit set: output */
#define PL061_AFSEL	0x420u		     /* bit set: hardware control, not GPIO */
#define PL061_REGS_SIZE 0x424u

static void update_bits(uintptr_t reg, uint32_t mask, uint32_t bits)
{
	mmio_write32(reg, (mmio_read32(reg) & ~mask) | (bits & mask));
}

static void write_level(const struct gpio_port *port, gpio_pin_t pin, int value)
{
	mmio_write32(port->base + PL061_DATA(pin), value ? 1u << pin : 0);
}

static int pl061_configure(const struct gpio_port *port, gpio_pin_t pin, gpio_flags_t flags)
{
	int level = (flags & GPIO_OUTPUT_INIT_HIGH) != 0;
	uint32_t bit;

	if (pin >= PL061_NR_PINS)
		return -EINVAL;
	bit = 1u << pin;
	/* Software control of the pin, in case firmware left it to a peripheral. */
	update_bits(port->base + PL061_AFSEL, bit, 0);
	if (!(flags & GPIO_OUTPUT)) {
		update_bits(port->base + PL061_DIR, bit, 0);
		return 0;
	}
	/*
	 * The level before and after the direction: a PL061 that keeps data written to an
	 * input drives it from the first instant; one that drops such writes (QEMU's) gets
	 * it from the second.
	 */
	if (flags & (GPIO_OUTPUT_INIT_LOW | GPIO_OUTPUT_INIT_HIGH))
		write_level(port, pin, level);
	update_bits(port->base + PL061_DIR, bit, bit);
	if (flags & (GPIO_OUTPUT_INIT_LOW | GPIO_OUTPUT_INIT_HIGH))
		write_level(port, pin, level);
	return 0;
}

static int pl061_set(const struct gpio_port *port, gpio_pin_t pin, int value)
{
	if (pin >= PL061_NR_PINS)
		return -EINVAL;
	write_level(port, pin, value);
	return 0;
}

static int pl061_get(const struct gpio_port *port, gpio_pin_t pin)
{
	if (pin >= PL061_NR_PINS)
		return -EINVAL;
	return (int)((mmio_read32(port->base + PL061_DATA(pin)) >> pin) & 1u);
}

static int pl061_toggle(const struct gpio_port *port, gpio_pin_t pin)
{
	uintptr_t data;

	if (pin >= PL061_NR_PINS)
		return -EINVAL;
	data = port->base + PL061_DATA(pin);
	/* Only this pin's bit is read and written back: the others cannot change. */
	mmio_write32(data, ~mmio_read32(data));
	return 0;
}

static const struct gpio_driver_ops pl061_ops = {
	.configure = pl061_configure,
	.set = pl061_set,
	.get = pl061_get,
	.toggle = pl061_toggle,
};

/* One port per okay node of the compatible. */
#define PL061_PORT(inst)                                                                           \
	_Static_assert(PL061_REGS_SIZE <= DT_REG_SIZE(DT_DRV_INST(inst)),                          \
		       "the PL061 node's reg must cover GPIODATA to GPIOAFSEL");                   \
	GPIO_PORT_DEFINE(DT_DRV_INST(inst), pl061_ops);
DT_INST_FOREACH_STATUS_OKAY(PL061_PORT)
