/*
 * GPIO API: checks what every controller would check the same way (the flags), then
 * calls the driver of the pin's port. The drivers check the pins.
 */

#include <erika/drivers/gpio.h>
#include <erika/errno.h>

#define OUTPUT_INIT (GPIO_OUTPUT_INIT_LOW | GPIO_OUTPUT_INIT_HIGH)

/* Exactly one direction; an initial level only for an output, and only one. */
static int flags_valid(gpio_flags_t flags)
{
	if (flags & ~(GPIO_INPUT | GPIO_OUTPUT | OUTPUT_INIT))
		return 0;
	if (flags == GPIO_INPUT)
		return 1;
	return (flags & GPIO_OUTPUT) && !(flags & GPIO_INPUT) &&
	       (flags & OUTPUT_INIT) != OUTPUT_INIT;
}

int gpio_pin_configure(const struct gpio_port *port, gpio_pin_t pin, gpio_flags_t flags)
{
	if (!flags_valid(flags))
		return -EINVAL;
	return port->ops->configure(port, pin, flags);
}

int gpio_pin_set(const struct gpio_port *port, gpio_pin_t pin, int value)
{
	return port->ops->set(port, pin, value != 0);
}

int gpio_pin_get(const struct gpio_port *port, gpio_pin_t pin)
{
	return port->ops->get(port, pin);
}

int gpio_pin_toggle(const struct gpio_port *port, gpio_pin_t pin)
{
	return port->ops->toggle(port, pin);
}

static int active_low(const struct gpio_dt_spec *spec)
{
	return (spec->dt_flags & GPIO_ACTIVE_LOW) != 0;
}

int gpio_configure_dt(const struct gpio_dt_spec *spec, gpio_flags_t flags)
{
	/* A logical initial level is the other physical one on an active-low pin. */
	if (active_low(spec) && (flags & OUTPUT_INIT) && (flags & OUTPUT_INIT) != OUTPUT_INIT)
		flags ^= OUTPUT_INIT;
	return gpio_pin_configure(spec->port, spec->pin, flags);
}

int gpio_set_dt(const struct gpio_dt_spec *spec, int value)
{
	return gpio_pin_set(spec->port, spec->pin, (value != 0) ^ active_low(spec));
}

int gpio_get_dt(const struct gpio_dt_spec *spec)
{
	int level = gpio_pin_get(spec->port, spec->pin);

	return level < 0 ? level : level ^ active_low(spec);
}

int gpio_toggle_dt(const struct gpio_dt_spec *spec)
{
	return gpio_pin_toggle(spec->port, spec->pin);
}
