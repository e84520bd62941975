/*
 * Host test of the GPIO API and both controller drivers, compiled natively against the
 * devicetree header gen_defines writes for gpio_test.dts and against fake registers
 * (fake_mmio.c). Each case fills the registers with a pattern, acts, and checks which
 * accesses were made and exactly which register bits changed: only the pin's own bits of
 * the register it must change, nothing in any other register, bank or controller.
 */

#include <stdio.h>
#include <string.h>

#include <erika/devicetree.h>
#include <erika/drivers/gpio.h>
#include <erika/errno.h>
#include <erika/soc/sun7i_a20_pio.h>

#include "fake_mmio.h"

#define PIO_NODE    DT_NODELABEL(pio)
#define PL061_NODE  DT_NODELABEL(gpio0)
#define PIO_BASE    DT_REG_ADDR(PIO_NODE)
#define PL061_BASE  DT_REG_ADDR(PL061_NODE)
#define TEST_NODE   DT_NODELABEL(gpio_test)

#define PL061_DIR   0x400u
#define PL061_AFSEL 0x420u

#define BANK_H	    SUN7I_PIO_BANK_H
#define BANK_I	    SUN7I_PIO_BANK_I
#define PH10	    GPIO_BANK_PIN(BANK_H, 10)

static const struct gpio_port *const pio = GPIO_PORT_DT_GET(PIO_NODE);
static const struct gpio_port *const pl061 = GPIO_PORT_DT_GET(PL061_NODE);

/* Built at compile time from the devicetree: a static const array must accept them. */
static const struct gpio_dt_spec test_pins[] = {
	GPIO_DT_SPEC_GET_BY_IDX(TEST_NODE, gpios, 0),
	GPIO_DT_SPEC_GET_BY_IDX(TEST_NODE, gpios, 1),
	GPIO_DT_SPEC_GET_BY_IDX(TEST_NODE, gpios, 2),
};
static const struct gpio_dt_spec led = GPIO_DT_SPEC_GET(TEST_NODE, led_gpios);

static const uint8_t bank_pins[SUN7I_PIO_NR_BANKS] = SUN7I_PIO_BANK_PINS;

/* ---- harness ---- */

static int case_failed;

#define CHECK_EQ(actual, expected)                                                                 \
	check_eq(#actual, (long long)(actual), (long long)(expected), __FILE__, __LINE__)
#define CHECK(cond) CHECK_EQ(!!(cond), 1)

static void check_eq(const char *what, long long actual, long long expected, const char *file,
		     int line)
{
	if (actual == expected)
		return;
	case_failed = 1;
	printf("  %s:%d: %s is %lld (0x%llx), expected %lld (0x%llx)\n", file, line, what, actual,
	       (unsigned long long)actual, expected, (unsigned long long)expected);
}

/* ---- register expectations ---- */

static struct fake_regs before;
static struct fake_regs allowed; /* bits each register may change in this step */

/* Start a step: fill the registers, remember them, allow no change yet. */
static void start(uint32_t seed)
{
	fake_reset(seed);
	memcpy(&before, &fake, sizeof(fake));
	memset(&allowed, 0, sizeof(allowed));
}

/* Re-take the snapshot after the test set registers up by hand. */
static void snapshot(void)
{
	memcpy(&before, &fake, sizeof(fake));
	memset(&allowed, 0, sizeof(allowed));
	fake_log_len = 0;
}

static void allow_pio(uint32_t off, uint32_t mask)
{
	allowed.pio[off / 4] |= mask;
}

static void allow_pl061(uint32_t off, uint32_t mask)
{
	allowed.pl061[off / 4] |= mask;
}

static int words_changed_only_as_allowed(const char *dev, const uint32_t *now, const uint32_t *was,
					 const uint32_t *ok, size_t n)
{
	size_t i;
	int good = 1;

	for (i = 0; i < n; i++) {
		uint32_t diff = now[i] ^ was[i];

		if (diff & ~ok[i]) {
			printf("  %s register +0x%03zx: 0x%08x -> 0x%08x, may change only 0x%08x\n",
			       dev, i * 4, was[i], now[i], ok[i]);
			good = 0;
		}
	}
	return good;
}

/* Every register of both controllers differs from the snapshot only in allowed bits. */
#define CHECK_ONLY_ALLOWED_CHANGES()                                                               \
	CHECK(words_changed_only_as_allowed("PIO", fake.pio, before.pio, allowed.pio,              \
					    FAKE_PIO_SIZE / 4) &&                                  \
	      words_changed_only_as_allowed("PL061", fake.pl061, before.pl061, allowed.pl061,      \
					    FAKE_PL061_SIZE / 4))

static uint32_t pio_reg(uint32_t off)
{
	return fake.pio[off / 4];
}

static uint32_t bank_reg(unsigned int bank, uint32_t reg)
{
	return bank * SUN7I_PIO_BANK_STRIDE + reg;
}

static unsigned int writes(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < fake_log_len; i++)
		n += fake_log[i].write != 0;
	return n;
}

/* ---- A20 PIO ---- */

static void test_sunxi_ph10_output_changes_only_its_cfg_field(void)
{
	uint32_t cfg1 = bank_reg(BANK_H, SUN7I_PIO_CFG(1));

	start(1);
	fake.pio[cfg1 / 4] = 0x77777777u; /* every pin of PH8..PH15 disabled (function 7) */
	snapshot();
	allow_pio(cfg1, 0x00000f00u); /* PH10 is field 2 of CFG1: bits 8..11 */

	CHECK_EQ(gpio_pin_configure(pio, PH10, GPIO_OUTPUT), 0);
	CHECK_ONLY_ALLOWED_CHANGES();
	CHECK_EQ(pio_reg(cfg1), 0x77777177u);
	CHECK_EQ(writes(), 1);
	CHECK_EQ(fake_log[fake_log_len - 1].addr, PIO_BASE + cfg1);
}

static void test_sunxi_ph10_input_and_reserved_bit_kept(void)
{
	uint32_t cfg1 = bank_reg(BANK_H, SUN7I_PIO_CFG(1));

	start(2);
	fake.pio[cfg1 / 4] = 0xffffffffu; /* also the reserved bit 3 of each field */
	snapshot();
	allow_pio(cfg1, 0x00000f00u);

	CHECK_EQ(gpio_pin_configure(pio, PH10, GPIO_INPUT), 0);
	CHECK_ONLY_ALLOWED_CHANGES();
	CHECK_EQ(pio_reg(cfg1), 0xfffff8ffu);
}

static void test_sunxi_output_level_written_before_function(void)
{
	uint32_t cfg1 = bank_reg(BANK_H, SUN7I_PIO_CFG(1)), dat = bank_reg(BANK_H, SUN7I_PIO_DAT);

	start(3);
	fake.pio[dat / 4] &= ~(1u << 10);
	snapshot();
	allow_pio(cfg1, 0x00000f00u);
	allow_pio(dat, 1u << 10);

	CHECK_EQ(gpio_pin_configure(pio, PH10, GPIO_OUTPUT_HIGH), 0);
	CHECK_ONLY_ALLOWED_CHANGES();
	CHECK_EQ((pio_reg(dat) >> 10) & 1u, 1);
	CHECK_EQ((pio_reg(cfg1) >> 8) & 7u, SUN7I_PIO_FUNC_OUTPUT);
	CHECK_EQ(writes(), 2);
	CHECK_EQ(fake_log[1].addr, PIO_BASE + dat); /* read DAT, write DAT, read CFG1, ... */
	CHECK_EQ(fake_log[3].addr, PIO_BASE + cfg1);

	snapshot();
	allow_pio(cfg1, 0x00000f00u);
	allow_pio(dat, 1u << 10);
	CHECK_EQ(gpio_pin_configure(pio, PH10, GPIO_OUTPUT_LOW), 0);
	CHECK_ONLY_ALLOWED_CHANGES();
	CHECK_EQ((pio_reg(dat) >> 10) & 1u, 0);
}

static void test_sunxi_set_changes_only_its_dat_bit(void)
{
	uint32_t dat = bank_reg(BANK_H, SUN7I_PIO_DAT);
	int value;

	for (value = 1; value >= 0; value--) {
		start(4);
		fake.pio[dat / 4] = value ? 0xaaaaaaaau : 0x55555555u; /* bit 10: 0, 1 */
		snapshot();
		allow_pio(dat, 1u << 10);

		CHECK_EQ(gpio_pin_set(pio, PH10, value ? 7 : 0), 0); /* any non-zero is high */
		CHECK_ONLY_ALLOWED_CHANGES();
		CHECK_EQ(pio_reg(dat), value ? 0xaaaaaeaau : 0x55555155u);
		CHECK_EQ(writes(), 1);
		CHECK_EQ(fake_log[fake_log_len - 1].addr, PIO_BASE + dat);
	}
}

static void test_sunxi_get_reads_dat(void)
{
	uint32_t dat = bank_reg(BANK_H, SUN7I_PIO_DAT);

	start(5);
	fake.pio[dat / 4] = ~(1u << 10);
	snapshot();
	CHECK_EQ(gpio_pin_get(pio, PH10), 0);
	CHECK_EQ(fake_log_len, 1);
	CHECK_EQ(fake_log[0].write, 0);
	CHECK_EQ(fake_log[0].addr, PIO_BASE + dat);

	fake.pio[dat / 4] = 1u << 10;
	snapshot();
	CHECK_EQ(gpio_pin_get(pio, PH10), 1);
	CHECK_EQ(writes(), 0);
	CHECK_ONLY_ALLOWED_CHANGES();
}

static void test_sunxi_toggle(void)
{
	uint32_t dat = bank_reg(BANK_H, SUN7I_PIO_DAT);
	uint32_t was;

	start(6);
	allow_pio(dat, 1u << 10);
	was = pio_reg(dat);
	CHECK_EQ(gpio_pin_toggle(pio, PH10), 0);
	CHECK_ONLY_ALLOWED_CHANGES();
	CHECK_EQ(pio_reg(dat), was ^ (1u << 10));
	CHECK_EQ(gpio_pin_toggle(pio, PH10), 0);
	CHECK_EQ(pio_reg(dat), was);
}

/* Every pin of every bank: its CFG register and field, its DAT bit. */
static void test_sunxi_every_pin_register_and_bit(void)
{
	unsigned int bank, n, pins = 0;

	for (bank = 0; bank < SUN7I_PIO_NR_BANKS; bank++) {
		for (n = 0; n < bank_pins[bank]; n++) {
			uint32_t cfg = bank_reg(bank, SUN7I_PIO_CFG(n / 8));
			uint32_t dat = bank_reg(bank, SUN7I_PIO_DAT);
			unsigned int shift = (n % 8) * 4;

			start(100 + bank * 32 + n);
			allow_pio(cfg, 0xfu << shift);
			CHECK_EQ(gpio_pin_configure(pio, GPIO_BANK_PIN(bank, n), GPIO_OUTPUT), 0);
			CHECK_EQ((pio_reg(cfg) >> shift) & 7u, SUN7I_PIO_FUNC_OUTPUT);
			allow_pio(dat, 1u << n);
			CHECK_EQ(gpio_pin_set(pio, GPIO_BANK_PIN(bank, n), 1), 0);
			CHECK_EQ((pio_reg(dat) >> n) & 1u, 1);
			CHECK_EQ(gpio_pin_get(pio, GPIO_BANK_PIN(bank, n)), 1);
			CHECK_ONLY_ALLOWED_CHANGES();
			if (case_failed) {
				printf("  at P%c%u\n", 'A' + bank, n);
				return;
			}
			pins++;
		}
	}
	CHECK_EQ(pins, 175);
}

static void test_sunxi_invalid_pins_touch_nothing(void)
{
	static const gpio_pin_t bad[] = {
		GPIO_BANK_PIN(0, 18),
		GPIO_BANK_PIN(1, 24),
		GPIO_BANK_PIN(2, 25),
		GPIO_BANK_PIN(3, 28),
		GPIO_BANK_PIN(4, 12),
		GPIO_BANK_PIN(5, 6),
		GPIO_BANK_PIN(6, 12),
		GPIO_BANK_PIN(7, 28),
		GPIO_BANK_PIN(8, 22),
		GPIO_BANK_PIN(0, 31),
		GPIO_BANK_PIN(9, 0),
		GPIO_BANK_PIN(15, 3),
		0xffff,
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		start(7);
		CHECK_EQ(gpio_pin_configure(pio, bad[i], GPIO_OUTPUT_HIGH), -EINVAL);
		CHECK_EQ(gpio_pin_configure(pio, bad[i], GPIO_INPUT), -EINVAL);
		CHECK_EQ(gpio_pin_set(pio, bad[i], 1), -EINVAL);
		CHECK_EQ(gpio_pin_get(pio, bad[i]), -EINVAL);
		CHECK_EQ(gpio_pin_toggle(pio, bad[i]), -EINVAL);
		CHECK_EQ(fake_log_len, 0);
		CHECK_ONLY_ALLOWED_CHANGES();
		if (case_failed) {
			printf("  at pin %u\n", bad[i]);
			return;
		}
	}
}

/* ---- PL061 ---- */

static void test_pl061_output_keeps_other_directions(void)
{
	start(10);
	fake.pl061[PL061_DIR / 4] = 0xa4u;   /* pins 2, 5, 7 outputs */
	fake.pl061[PL061_AFSEL / 4] = 0xffu; /* every pin under hardware control */
	snapshot();
	allow_pl061(PL061_DIR, 1u << 0);
	allow_pl061(PL061_AFSEL, 1u << 0);

	CHECK_EQ(gpio_pin_configure(pl061, 0, GPIO_OUTPUT), 0);
	CHECK_ONLY_ALLOWED_CHANGES();
	CHECK_EQ(fake.pl061[PL061_DIR / 4], 0xa5u);
	CHECK_EQ(fake.pl061[PL061_AFSEL / 4], 0xfeu);
}

static void test_pl061_input_keeps_other_directions(void)
{
	start(11);
	fake.pl061[PL061_DIR / 4] = 0xffu;
	snapshot();
	allow_pl061(PL061_DIR, 1u << 6);
	allow_pl061(PL061_AFSEL, 1u << 6);

	CHECK_EQ(gpio_pin_configure(pl061, 6, GPIO_INPUT), 0);
	CHECK_ONLY_ALLOWED_CHANGES();
	CHECK_EQ(fake.pl061[PL061_DIR / 4], 0xbfu);
}

static void test_pl061_output_high_reaches_data(void)
{
	unsigned int i;

	start(12);
	fake.pl061[PL061_DIR / 4] = 0x00u;
	fake.pl061[FAKE_PL061_DATA / 4] = 0x00u;
	snapshot();
	allow_pl061(PL061_DIR, 1u << 1);
	allow_pl061(PL061_AFSEL, 1u << 1);
	allow_pl061(FAKE_PL061_DATA, 1u << 1);

	CHECK_EQ(gpio_pin_configure(pl061, 1, GPIO_OUTPUT_HIGH), 0);
	CHECK_ONLY_ALLOWED_CHANGES();
	CHECK_EQ(fake.pl061[FAKE_PL061_DATA / 4], 0x02u);
	CHECK_EQ(fake.pl061[PL061_DIR / 4], 0x02u);
	/* Data goes only through pin 1's masked word. */
	for (i = 0; i < fake_log_len; i++)
		if (fake_log[i].addr - PL061_BASE < PL061_DIR)
			CHECK_EQ(fake_log[i].addr, PL061_BASE + (1u << (1 + 2)));
}

static void test_pl061_set_uses_masked_word_only(void)
{
	start(13);
	fake.pl061[PL061_DIR / 4] = 0xffu;
	fake.pl061[FAKE_PL061_DATA / 4] = 0xdau;
	snapshot();
	allow_pl061(FAKE_PL061_DATA, 1u << 0);

	CHECK_EQ(gpio_pin_set(pl061, 0, 1), 0);
	CHECK_ONLY_ALLOWED_CHANGES();
	CHECK_EQ(fake.pl061[FAKE_PL061_DATA / 4], 0xdbu);
	CHECK_EQ(fake_log_len, 1); /* one write, no read-modify-write */
	CHECK_EQ(fake_log[0].write, 1);
	CHECK_EQ(fake_log[0].addr, PL061_BASE + 0x004u);

	snapshot();
	allow_pl061(FAKE_PL061_DATA, 1u << 7);
	CHECK_EQ(gpio_pin_set(pl061, 7, 0), 0);
	CHECK_ONLY_ALLOWED_CHANGES();
	CHECK_EQ(fake.pl061[FAKE_PL061_DATA / 4], 0x5bu);
	CHECK_EQ(fake_log_len, 1);
	CHECK_EQ(fake_log[0].addr, PL061_BASE + 0x200u);
}

static void test_pl061_get_reads_masked_word(void)
{
	start(14);
	fake.pl061[FAKE_PL061_DATA / 4] = 0xfeu;
	snapshot();

	CHECK_EQ(gpio_pin_get(pl061, 0), 0);
	CHECK_EQ(fake_log_len, 1);
	CHECK_EQ(fake_log[0].write, 0);
	CHECK_EQ(fake_log[0].addr, PL061_BASE + 0x004u);
	CHECK_EQ(gpio_pin_get(pl061, 5), 1);
	CHECK_EQ(fake_log[1].addr, PL061_BASE + 0x080u);
	CHECK_EQ(writes(), 0);
	CHECK_ONLY_ALLOWED_CHANGES();
}

static void test_pl061_toggle(void)
{
	unsigned int i;

	start(15);
	fake.pl061[PL061_DIR / 4] = 0xffu;
	fake.pl061[FAKE_PL061_DATA / 4] = 0x5au;
	snapshot();
	allow_pl061(FAKE_PL061_DATA, 1u << 0);

	CHECK_EQ(gpio_pin_toggle(pl061, 0), 0);
	CHECK_EQ(fake.pl061[FAKE_PL061_DATA / 4], 0x5bu);
	CHECK_EQ(gpio_pin_toggle(pl061, 0), 0);
	CHECK_EQ(fake.pl061[FAKE_PL061_DATA / 4], 0x5au);
	CHECK_ONLY_ALLOWED_CHANGES();
	for (i = 0; i < fake_log_len; i++)
		CHECK_EQ(fake_log[i].addr, PL061_BASE + 0x004u);
}

static void test_pl061_invalid_pins_touch_nothing(void)
{
	static const gpio_pin_t bad[] = { 8, 9, 31, 32, 0xffff };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		start(16);
		CHECK_EQ(gpio_pin_configure(pl061, bad[i], GPIO_OUTPUT_LOW), -EINVAL);
		CHECK_EQ(gpio_pin_set(pl061, bad[i], 1), -EINVAL);
		CHECK_EQ(gpio_pin_get(pl061, bad[i]), -EINVAL);
		CHECK_EQ(gpio_pin_toggle(pl061, bad[i]), -EINVAL);
		CHECK_EQ(fake_log_len, 0);
		CHECK_ONLY_ALLOWED_CHANGES();
	}
}

/* ---- API and devicetree ---- */

static void test_invalid_flags_touch_nothing(void)
{
	static const gpio_flags_t bad[] = {
		0,
		GPIO_INPUT | GPIO_OUTPUT,
		GPIO_OUTPUT_INIT_LOW,
		GPIO_INPUT | GPIO_OUTPUT_INIT_HIGH,
		GPIO_OUTPUT | GPIO_OUTPUT_INIT_LOW | GPIO_OUTPUT_INIT_HIGH,
		GPIO_OUTPUT | GPIO_ACTIVE_LOW, /* a devicetree flag, not a configure flag */
		GPIO_INPUT | (1u << 31),
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		start(20);
		CHECK_EQ(gpio_pin_configure(pio, PH10, bad[i]), -EINVAL);
		CHECK_EQ(gpio_pin_configure(pl061, 0, bad[i]), -EINVAL);
		CHECK_EQ(fake_log_len, 0);
		CHECK_ONLY_ALLOWED_CHANGES();
	}
}

static void test_ports_from_devicetree(void)
{
	CHECK_EQ(pio->base, 0x01c20800u);
	CHECK_EQ(pl061->base, 0x09030000u);
	CHECK(strcmp(pio->name, "/pinctrl@1c20800") == 0);
	CHECK(strcmp(pl061->name, "/gpio@9030000") == 0);
	CHECK(pio->ops != pl061->ops);
}

/* One port per okay node: the second PL061 is its own port, its accesses its own. */
static void test_second_pl061_instance(void)
{
	const struct gpio_port *second = GPIO_PORT_DT_GET(DT_NODELABEL(gpio1));

	start(40);
	CHECK(second != pl061);
	CHECK(second->ops == pl061->ops);
	CHECK_EQ(second->base, 0x09040000u);
	CHECK(strcmp(second->name, "/gpio@9040000") == 0);
	CHECK_EQ(gpio_pin_set(second, 2, 1), 0);
	/* Nothing reached the first PL061 (or the PIO); one write went to the second's pin 2. */
	CHECK_EQ(fake_log_len, 0);
	CHECK_EQ(fake_stray, 1);
	CHECK_EQ(fake_last_stray, 0x09040000u + (1u << (2 + 2)));
	fake_stray = 0;
	CHECK_ONLY_ALLOWED_CHANGES();
}

static void test_dt_specs(void)
{
	CHECK(test_pins[0].port == pio);
	CHECK_EQ(test_pins[0].pin, PH10);
	CHECK_EQ(test_pins[0].dt_flags, GPIO_ACTIVE_HIGH);
	CHECK(test_pins[1].port == pl061);
	CHECK_EQ(test_pins[1].pin, 3);
	CHECK_EQ(test_pins[1].dt_flags, GPIO_ACTIVE_LOW);
	CHECK(test_pins[2].port == pio);
	CHECK_EQ(test_pins[2].pin, GPIO_BANK_PIN(BANK_I, 21));
	CHECK_EQ(test_pins[2].dt_flags, GPIO_ACTIVE_LOW);
	CHECK(led.port == pl061);
	CHECK_EQ(led.pin, 0);
	CHECK_EQ(DT_PROP_LEN(TEST_NODE, gpios), 3);
}

static void test_dt_active_low_is_logical(void)
{
	const struct gpio_dt_spec *pin3 = &test_pins[1];
	uint32_t data = FAKE_PL061_DATA;

	start(30);
	fake.pl061[PL061_DIR / 4] = 0x00u;
	fake.pl061[data / 4] = 0x00u;
	snapshot();
	allow_pl061(PL061_DIR, 1u << 3);
	allow_pl061(PL061_AFSEL, 1u << 3);
	allow_pl061(data, 1u << 3);

	CHECK_EQ(gpio_configure_dt(pin3, GPIO_OUTPUT_LOW), 0); /* logical low: drives high */
	CHECK_EQ(fake.pl061[data / 4], 0x08u);
	CHECK_EQ(gpio_get_dt(pin3), 0);
	CHECK_EQ(gpio_set_dt(pin3, 1), 0);
	CHECK_EQ(fake.pl061[data / 4], 0x00u);
	CHECK_EQ(gpio_get_dt(pin3), 1);
	CHECK_EQ(gpio_toggle_dt(pin3), 0);
	CHECK_EQ(gpio_get_dt(pin3), 0);
	CHECK_ONLY_ALLOWED_CHANGES();
}

static void test_dt_sunxi_pins(void)
{
	uint32_t dat_h = bank_reg(BANK_H, SUN7I_PIO_DAT), dat_i = bank_reg(BANK_I, SUN7I_PIO_DAT);

	start(31);
	fake.pio[dat_h / 4] = 0;
	fake.pio[dat_i / 4] = 0;
	snapshot();
	allow_pio(dat_h, 1u << 10);
	allow_pio(dat_i, 1u << 21);

	CHECK_EQ(gpio_set_dt(&test_pins[0], 1), 0);
	CHECK_EQ(pio_reg(dat_h), 1u << 10);
	CHECK_EQ(gpio_set_dt(&test_pins[2], 0), 0); /* PI21 is active low */
	CHECK_EQ(pio_reg(dat_i), 1u << 21);
	CHECK_EQ(gpio_get_dt(&test_pins[2]), 0);
	CHECK_ONLY_ALLOWED_CHANGES();
}

int main(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} cases[] = {
#define CASE(fn) { #fn, fn }
		CASE(test_sunxi_ph10_output_changes_only_its_cfg_field),
		CASE(test_sunxi_ph10_input_and_reserved_bit_kept),
		CASE(test_sunxi_output_level_written_before_function),
		CASE(test_sunxi_set_changes_only_its_dat_bit),
		CASE(test_sunxi_get_reads_dat),
		CASE(test_sunxi_toggle),
		CASE(test_sunxi_every_pin_register_and_bit),
		CASE(test_sunxi_invalid_pins_touch_nothing),
		CASE(test_pl061_output_keeps_other_directions),
		CASE(test_pl061_input_keeps_other_directions),
		CASE(test_pl061_output_high_reaches_data),
		CASE(test_pl061_set_uses_masked_word_only),
		CASE(test_pl061_get_reads_masked_word),
		CASE(test_pl061_toggle),
		CASE(test_pl061_invalid_pins_touch_nothing),
		CASE(test_invalid_flags_touch_nothing),
		CASE(test_ports_from_devicetree),
		CASE(test_second_pl061_instance),
		CASE(test_dt_specs),
		CASE(test_dt_active_low_is_logical),
		CASE(test_dt_sunxi_pins),
#undef CASE
	};
	unsigned int passed = 0, failed = 0;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		case_failed = 0;
		cases[i].fn();
		CHECK_EQ(fake_stray, 0); /* no access outside the two controllers */
		printf("%s %s\n", case_failed ? "FAIL" : "PASS", cases[i].name);
		if (case_failed)
			failed++;
		else
			passed++;
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
