/*
 * GPIO: configure a pin as input or output, set it, read it, toggle it.
 *
 * A pin is a controller (struct gpio_port) and a pin number of that controller. Each
 * controller driver defines one port per okay devicetree node of its compatible
 * (GPIO_PORT_DEFINE below); which driver serves a node follows from the node's compatible
 * (Kconfig GPIO_SUNXI for allwinner,sun7i-a20-pinctrl, GPIO_PL061 for arm,pl061), never
 * from the board, and this header names no driver. Pin numbers follow the devicetree:
 *
 *   #gpio-cells = <2>  gpios = <&gpio0 PIN FLAGS>       pin = PIN (PL061: 0..7)
 *   #gpio-cells = <3>  gpios = <&pio BANK PIN FLAGS>    pin = GPIO_BANK_PIN(BANK, PIN)
 *                                                       (A20: PH10 = 7 * 32 + 10)
 *
 * GPIO_DT_SPEC_GET() turns one `gpios` entry into a constant at compile time:
 *
 *   static const struct gpio_dt_spec led = GPIO_DT_SPEC_GET(DT_NODELABEL(led), gpios);
 *
 *   gpio_configure_dt(&led, GPIO_OUTPUT_LOW);
 *   gpio_set_dt(&led, 1);
 *
 * Every function returns 0 (the _get functions: the level, 0 or 1) or a negative errno:
 * -EINVAL for a pin the controller does not have or for invalid flags, and then no
 * register has been touched.
 *
 * Context: tasks, ISRs and hooks; nothing blocks or waits. Changing a pin reads, modifies
 * and writes a register that other pins share (the A20's CFG and DAT of a bank, the
 * PL061's GPIODIR), so contexts that can preempt each other and change pins of the same
 * register must be serialised by the caller (an OSEK resource, or interrupts suspended).
 * A PL061 set or toggle touches only its own pin's bit in hardware.
 */
#ifndef ERIKA_DRIVERS_GPIO_H
#define ERIKA_DRIVERS_GPIO_H

#include <stdint.h>

#include <erika/devicetree.h>

typedef uint16_t gpio_pin_t;
typedef uint32_t gpio_flags_t;

/* Pin numbers of controllers whose `gpios` cells are <BANK PIN FLAGS>. */
#define GPIO_PINS_PER_BANK	 32u
#define GPIO_BANK_PIN(bank, pin) ((bank)*GPIO_PINS_PER_BANK + (pin))

/* The devicetree's flags cell: the standard binding's values. */
#define GPIO_ACTIVE_HIGH 0x0u
#define GPIO_ACTIVE_LOW	 0x1u

/*
 * gpio_pin_configure() flags: GPIO_INPUT, or GPIO_OUTPUT with at most one initial level.
 * GPIO_OUTPUT alone keeps whatever the data register holds for the pin.
 */
#define GPIO_INPUT	      (1u << 16)
#define GPIO_OUTPUT	      (1u << 17)
#define GPIO_OUTPUT_INIT_LOW  (1u << 18)
#define GPIO_OUTPUT_INIT_HIGH (1u << 19)
#define GPIO_OUTPUT_LOW	      (GPIO_OUTPUT | GPIO_OUTPUT_INIT_LOW)
#define GPIO_OUTPUT_HIGH      (GPIO_OUTPUT | GPIO_OUTPUT_INIT_HIGH)

struct gpio_port;

/*
 * What a controller driver implements. gpio.c has checked the flags; the driver checks
 * the pin (and a direction its controller may not have) and returns -EINVAL, touching
 * nothing, for one its controller does not have.
 */
struct gpio_driver_ops {
	int (*configure)(const struct gpio_port *port, gpio_pin_t pin, gpio_flags_t flags);
	int (*set)(const struct gpio_port *port, gpio_pin_t pin, int value);
	int (*get)(const struct gpio_port *port, gpio_pin_t pin);
	int (*toggle)(const struct gpio_port *port, gpio_pin_t pin);
};

/* One controller: the driver that serves its compatible and its registers. */
struct gpio_port {
	const struct gpio_driver_ops *ops;
	uintptr_t base;	    /* the node's reg, mapped 1:1 (erika,passthrough) */
	const char *name;   /* the node's path, for messages */
	const void *config; /* the driver's own facts about the node, or NULL */
};

/* A pin as a `gpios` entry of the devicetree gives it. */
struct gpio_dt_spec {
	const struct gpio_port *port;
	gpio_pin_t pin;
	gpio_flags_t dt_flags; /* the flags cell; only GPIO_ACTIVE_LOW is acted on */
};

/* Pasting that expands its arguments first. */
#define GPIO_PRIV_CAT(a, b)	 GPIO_PRIV_CAT_(a, b)
#define GPIO_PRIV_CAT_(a, b)	 a##b
#define GPIO_PRIV_CAT3(a, b, c)	 GPIO_PRIV_CAT3_(a, b, c)
#define GPIO_PRIV_CAT3_(a, b, c) a##b##c

/*
 * The port object of a controller node, e.g. gpio_port_DT_N_S_gpio_9030000: named from the
 * node, so that GPIO_DT_SPEC_GET() reaches any controller without this header knowing
 * which driver serves it.
 */
#define GPIO_PORT_NAME(node)   GPIO_PRIV_CAT(gpio_port_, node)
#define GPIO_PORT_DT_GET(node) (&GPIO_PORT_NAME(node))

/*
 * For a controller driver: the port of one node, served by driver_ops. A driver defines
 * one per okay node of its compatible, which is all it takes to add a controller kind:
 *
 *   #define DT_DRV_COMPAT arm_pl061
 *   #define PL061_PORT(inst) GPIO_PORT_DEFINE(DT_DRV_INST(inst), pl061_ops);
 *   DT_INST_FOREACH_STATUS_OKAY(PL061_PORT)
 *
 * A port nothing references is dropped by the linker (--gc-sections), with its driver.
 */
#define GPIO_PORT_DEFINE(node, driver_ops) GPIO_PORT_DEFINE_CONFIG(node, driver_ops, 0)
/* The same with config: a pointer to what else the driver reads from the node. */
#define GPIO_PORT_DEFINE_CONFIG(node, driver_ops, cfg)                                             \
	const struct gpio_port GPIO_PORT_NAME(node) = { .ops = &(driver_ops),                      \
							.base = DT_REG_ADDR(node),                 \
							.name = DT_PATH_STR(node),                 \
							.config = (cfg) }

/*
 * A controller is a memory-mapped node, so every such node of the devicetree has its port
 * declared here (a node with several reg entries more than once, which C allows); the
 * drivers define the ports of the nodes they serve. Taking the port of a node no built
 * driver serves (a controller without a driver, or one switched off in Kconfig) fails
 * at link time: undefined reference to gpio_port_<node>.
 */
#define GPIO_PRIV_PORT_DECLARE(node, idx, addr, size, type)                                        \
	extern const struct gpio_port GPIO_PORT_NAME(node);
/* cppcheck-suppress unknownMacro ; defined in the generated header, which cppcheck lacks */
DT_FOREACH_MMIO_REGION(GPIO_PRIV_PORT_DECLARE)

/*
 * The meaning of the cells depends on the controller's #gpio-cells, which selects one of
 * these by pasting the generated value (0x2U or 0x3U, devicetree.h's number format).
 * Any other cell count is a compile error (GPIO_PRIV_PIN_0x1U is not defined).
 */
#define GPIO_PRIV_PIN_0x2U(node, prop, idx)   DT_GPIO_CELL_BY_IDX(node, prop, idx, 0)
#define GPIO_PRIV_FLAGS_0x2U(node, prop, idx) DT_GPIO_CELL_BY_IDX(node, prop, idx, 1)
#define GPIO_PRIV_PIN_0x3U(node, prop, idx)                                                        \
	GPIO_BANK_PIN(DT_GPIO_CELL_BY_IDX(node, prop, idx, 0),                                     \
		      DT_GPIO_CELL_BY_IDX(node, prop, idx, 1))
#define GPIO_PRIV_FLAGS_0x3U(node, prop, idx) DT_GPIO_CELL_BY_IDX(node, prop, idx, 2)
#define GPIO_PRIV_CELL(what, node, prop, idx)                                                      \
	GPIO_PRIV_CAT3(GPIO_PRIV_, what,                                                           \
		       DT_PROP(DT_GPIO_CTLR_BY_IDX(node, prop, idx), _gpio_cells))                 \
	(node, prop, idx)

/* Entry idx of the gpios-type property prop of node, as a struct gpio_dt_spec initializer. */
#define GPIO_DT_SPEC_GET_BY_IDX(node, prop, idx)                                                   \
	{                                                                                          \
		.port = GPIO_PORT_DT_GET(DT_GPIO_CTLR_BY_IDX(node, prop, idx)),                    \
		.pin = GPIO_PRIV_CELL(PIN_, node, prop, idx),                                      \
		.dt_flags = GPIO_PRIV_CELL(FLAGS_, node, prop, idx),                               \
	}
#define GPIO_DT_SPEC_GET(node, prop) GPIO_DT_SPEC_GET_BY_IDX(node, prop, 0)

/*
 * Make pin an input or an output (flags: GPIO_INPUT, GPIO_OUTPUT, GPIO_OUTPUT_LOW,
 * GPIO_OUTPUT_HIGH). An initial level is in the data register before or as the pin starts
 * to drive. Any context (see above). Returns 0, or -EINVAL for a pin the controller does
 * not have, for flags that are not one of those, or for a direction the controller does
 * not have (an output-only latch refuses GPIO_INPUT).
 */
int gpio_pin_configure(const struct gpio_port *port, gpio_pin_t pin, gpio_flags_t flags);

/*
 * Drive pin high (value != 0) or low (0); the physical level, whatever the devicetree
 * flags. On an input pin the value waits in the data register where the controller keeps
 * it. Any context. Returns 0, or -EINVAL for a pin the controller does not have.
 */
int gpio_pin_set(const struct gpio_port *port, gpio_pin_t pin, int value);

/*
 * The pin's physical level as the data register reads it: the input level, or for an
 * output the level it drives. Any context. Returns 0 or 1, or -EINVAL for a pin the
 * controller does not have.
 */
int gpio_pin_get(const struct gpio_port *port, gpio_pin_t pin);

/*
 * Invert the level in the pin's data register bit. Any context. Returns 0, or -EINVAL for
 * a pin the controller does not have.
 */
int gpio_pin_toggle(const struct gpio_port *port, gpio_pin_t pin);

/*
 * The same for a devicetree pin, in logical levels: with GPIO_ACTIVE_LOW, 1 is the low
 * level (also for GPIO_OUTPUT_LOW/HIGH). Same contexts and returns as above.
 */
int gpio_configure_dt(const struct gpio_dt_spec *spec, gpio_flags_t flags);
int gpio_set_dt(const struct gpio_dt_spec *spec, int value);
int gpio_get_dt(const struct gpio_dt_spec *spec);
int gpio_toggle_dt(const struct gpio_dt_spec *spec);

#endif /* ERIKA_DRIVERS_GPIO_H */
