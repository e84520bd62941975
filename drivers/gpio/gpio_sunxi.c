/*
 * Allwinner A20 PIO as a GPIO controller: pin function input/output in the bank's CFG
 * registers, levels in its DAT register. Pin numbers are GPIO_BANK_PIN(bank, pin), the
 * cells of `gpios = <&pio BANK PIN FLAGS>`. One port per okay
 * `allwinner,sun7i-a20-pinctrl` node (the A20 has one), its base the node's reg; the
 * layout is include/erika/soc/sun7i_a20_pio.h.
 *
 * Every change is a read-modify-write that keeps the other pins' bits (and the reserved
 * bit 3 of each CFG field) as they are: dom0 or firmware may have set up the rest of the
 * bank for other functions.
 */

#include <stdint.h>

#include <erika/devicetree.h>
#include <erika/drivers/gpio.h>
#include <erika/errno.h>
#include <erika/soc/sun7i_a20_pio.h>
#include <erika/sys/mmio.h>

#define DT_DRV_COMPAT allwinner_sun7i_a20_pinctrl

static const uint8_t bank_pins[SUN7I_PIO_NR_BANKS] = SUN7I_PIO_BANK_PINS;

/* Where a pin's registers are: its bank's first register and its number in the bank. */
struct pio_pin {
	uintptr_t bank;
	unsigned int n;
};

/* Fills *p for a pin the PIO has; -EINVAL for any other, computed without any access. */
static int pio_pin(const struct gpio_port *port, gpio_pin_t pin, struct pio_pin *p)
{
	unsigned int bank = pin / GPIO_PINS_PER_BANK;

	p->n = pin % GPIO_PINS_PER_BANK;
	if (bank >= SUN7I_PIO_NR_BANKS || p->n >= bank_pins[bank])
		return -EINVAL;
	p->bank = port->base + bank * SUN7I_PIO_BANK_STRIDE;
	return 0;
}

static void update_bits(uintptr_t reg, uint32_t mask, uint32_t bits)
{
	mmio_write32(reg, (mmio_read32(reg) & ~mask) | (bits & mask));
}

static void set_level(const struct pio_pin *p, int value)
{
	uint32_t bit = 1u << p->n;

	update_bits(p->bank + SUN7I_PIO_DAT, bit, value ? bit : 0);
}

static int sunxi_configure(const struct gpio_port *port, gpio_pin_t pin, gpio_flags_t flags)
{
	unsigned int shift, func = SUN7I_PIO_FUNC_INPUT;
	struct pio_pin p;

	if (pio_pin(port, pin, &p))
		return -EINVAL;
	if (flags & GPIO_OUTPUT) {
		/* The level first, so the pin drives it from its first instant. */
		if (flags & GPIO_OUTPUT_INIT_HIGH)
			set_level(&p, 1);
		else if (flags & GPIO_OUTPUT_INIT_LOW)
			set_level(&p, 0);
		func = SUN7I_PIO_FUNC_OUTPUT;
	}
	shift = (p.n % SUN7I_PIO_CFG_PINS_PER_REG) * SUN7I_PIO_CFG_FIELD_BITS;
	update_bits(p.bank + SUN7I_PIO_CFG(p.n / SUN7I_PIO_CFG_PINS_PER_REG),
		    SUN7I_PIO_CFG_FUNC_MASK << shift, (uint32_t)func << shift);
	return 0;
}

static int sunxi_set(const struct gpio_port *port, gpio_pin_t pin, int value)
{
	struct pio_pin p;

	if (pio_pin(port, pin, &p))
		return -EINVAL;
	set_level(&p, value);
	return 0;
}

static int sunxi_get(const struct gpio_port *port, gpio_pin_t pin)
{
	struct pio_pin p;

	if (pio_pin(port, pin, &p))
		return -EINVAL;
	return (int)((mmio_read32(p.bank + SUN7I_PIO_DAT) >> p.n) & 1u);
}

static int sunxi_toggle(const struct gpio_port *port, gpio_pin_t pin)
{
	struct pio_pin p;
	uintptr_t dat;

	if (pio_pin(port, pin, &p))
		return -EINVAL;
	dat = p.bank + SUN7I_PIO_DAT;
	mmio_write32(dat, mmio_read32(dat) ^ (1u << p.n));
	return 0;
}

static const struct gpio_driver_ops sunxi_ops = {
	.configure = sunxi_configure,
	.set = sunxi_set,
	.get = sunxi_get,
	.toggle = sunxi_toggle,
};

/* One port per okay node of the compatible. */
#define PIO_PORT(inst)                                                                             \
	_Static_assert(SUN7I_PIO_REGS_SIZE <= DT_REG_SIZE(DT_DRV_INST(inst)),                      \
		       "the PIO node's reg must cover the registers of banks A to I");             \
	GPIO_PORT_DEFINE(DT_DRV_INST(inst), sunxi_ops);
DT_INST_FOREACH_STATUS_OKAY(PIO_PORT)
