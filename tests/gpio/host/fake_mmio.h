/*
 * The fake register files behind tests/gpio/host/include/erika/sys/mmio.h: one per GPIO
 * controller of gpio_test.dts, at the addresses its devicetree gives, and a log of every
 * access. The PL061's GPIODATA behaves as QEMU's model does: an access at offset
 * 4 * mask (mask = 1..255) sees only the masked pins, and a write changes only those of
 * them that GPIODIR makes outputs.
 */
#ifndef FAKE_MMIO_H
#define FAKE_MMIO_H

#include <stddef.h>
#include <stdint.h>

#define FAKE_PIO_SIZE	 0x400u
#define FAKE_PL061_SIZE	 0x1000u
#define FAKE_PL061_DATA	 0x3fcu /* where the fake keeps GPIODATA: its full-word view */
#define FAKE_LOG_ENTRIES 64u

struct fake_regs {
	uint32_t pio[FAKE_PIO_SIZE / 4];     /* indexed by offset / 4 */
	uint32_t pl061[FAKE_PL061_SIZE / 4]; /* indexed by offset / 4 */
};

struct fake_access {
	int write;
	uintptr_t addr;
	uint32_t value; /* written, or returned by the read */
};

extern struct fake_regs fake;
extern struct fake_access fake_log[FAKE_LOG_ENTRIES];
extern unsigned int fake_log_len;
/* Accesses outside both controllers, unaligned, or beyond the log: each is a test failure. */
extern unsigned int fake_stray;
/* The address of the last stray write (a test that expects one checks where it went). */
extern uintptr_t fake_last_stray;

/* Fills every register with a pattern of mixed bits from seed; clears the log. */
void fake_reset(uint32_t seed);

#endif /* FAKE_MMIO_H */
