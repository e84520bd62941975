/*
 * Fake register files for the host GPIO test (see fake_mmio.h).
 */

#include <erika/devicetree.h>
#include <erika/sys/mmio.h>

#include "fake_mmio.h"

#define PIO_BASE   DT_REG_ADDR(DT_NODELABEL(pio))
#define PL061_BASE DT_REG_ADDR(DT_NODELABEL(gpio0))
#define PL061_DIR  0x400u

struct fake_regs fake;
struct fake_access fake_log[FAKE_LOG_ENTRIES];
unsigned int fake_log_len;
unsigned int fake_stray;
uintptr_t fake_last_stray;

void fake_reset(uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 1u;
	size_t i;

	for (i = 0; i < sizeof(fake.pio) / sizeof(fake.pio[0]); i++) {
		x = x * 1103515245u + 12345u;
		fake.pio[i] = x ^ (x >> 16);
	}
	/* A PL061 register has 8 bits; the rest read as zero. */
	for (i = 0; i < sizeof(fake.pl061) / sizeof(fake.pl061[0]); i++) {
		x = x * 1103515245u + 12345u;
		fake.pl061[i] = (x >> 16) & 0xffu;
	}
	fake_log_len = 0;
	fake_stray = 0;
}

static void log_access(int write, uintptr_t addr, uint32_t value)
{
	if (fake_log_len >= FAKE_LOG_ENTRIES) {
		fake_stray++;
		return;
	}
	fake_log[fake_log_len].write = write;
	fake_log[fake_log_len].addr = addr;
	fake_log[fake_log_len].value = value;
	fake_log_len++;
}

/* The word behind addr, or NULL (a stray access) if no controller has it. */
static uint32_t *reg(uintptr_t addr, uintptr_t *pl061_off)
{
	*pl061_off = FAKE_PL061_SIZE;
	if (addr % 4)
		return NULL;
	if (addr >= PIO_BASE && addr - PIO_BASE < FAKE_PIO_SIZE)
		return &fake.pio[(addr - PIO_BASE) / 4];
	if (addr >= PL061_BASE && addr - PL061_BASE < FAKE_PL061_SIZE) {
		*pl061_off = addr - PL061_BASE;
		return &fake.pl061[*pl061_off / 4];
	}
	return NULL;
}

uint32_t mmio_read32(uintptr_t addr)
{
	uintptr_t off;
	uint32_t *r = reg(addr, &off);
	uint32_t v;

	if (!r) {
		fake_stray++;
		return 0xdeadbeefu;
	}
	if (off < PL061_DIR)
		v = fake.pl061[FAKE_PL061_DATA / 4] & (uint32_t)(off >> 2);
	else
		v = *r;
	log_access(0, addr, v);
	return v;
}

void mmio_write32(uintptr_t addr, uint32_t value)
{
	uintptr_t off;
	uint32_t *r = reg(addr, &off);
	uint32_t mask;

	if (!r) {
		fake_stray++;
		fake_last_stray = addr;
		return;
	}
	log_access(1, addr, value);
	if (off < PL061_DIR) {
		mask = (uint32_t)(off >> 2) & fake.pl061[PL061_DIR / 4];
		r = &fake.pl061[FAKE_PL061_DATA / 4];
		*r = (*r & ~mask) | (value & mask);
	} else if (off < FAKE_PL061_SIZE) {
		*r = value & 0xffu;
	} else {
		*r = value;
	}
}
