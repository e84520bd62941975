/*
 * The pin backend: the pins dom0 may address are the `gpios` of the
 * devicetree's erika,pin-server node, in order. Nothing else can be reached.
 */

#include <erika/devicetree.h>
#include <erika/drivers/gpio.h>
#include <erika/errno.h>

#include "pin_app.h"

#define PIN_SERVER_NODE DT_INST(0, erika_pin_server)
#define PIN_SPEC(idx)	GPIO_DT_SPEC_GET_BY_IDX(PIN_SERVER_NODE, gpios, idx)

#if DT_PROP_LEN(PIN_SERVER_NODE, gpios) != 1
#error "this sample lists exactly one pin in the erika,pin-server node's gpios"
#endif

static const struct gpio_dt_spec allowed[] = { PIN_SPEC(0) };

static int pin_set(unsigned int pin, int value)
{
	return pin < ARRAY_LEN(allowed) ? gpio_set_dt(&allowed[pin], value) : -EINVAL;
}

static int pin_get(unsigned int pin)
{
	return pin < ARRAY_LEN(allowed) ? gpio_get_dt(&allowed[pin]) : -EINVAL;
}

const struct pin_backend pin_gpio_backend = {
	.pins = ARRAY_LEN(allowed),
	.set = pin_set,
	.get = pin_get,
};

int pin_gpio_init(void)
{
	for (unsigned int i = 0; i < ARRAY_LEN(allowed); i++) {
		int rc = gpio_configure_dt(&allowed[i], GPIO_OUTPUT_LOW);

		if (rc < 0)
			return rc;
	}
	return 0;
}
