/*
 * Device register access. Always through these: the volatile access keeps the
 * compiler from merging, reordering or eliding register reads and writes.
 */
#ifndef ERIKA_SYS_MMIO_H
#define ERIKA_SYS_MMIO_H

#include <stdint.h>

static inline uint32_t mmio_read32(uintptr_t addr)
{
	return *(const volatile uint32_t *)addr;
}

static inline void mmio_write32(uintptr_t addr, uint32_t value)
{
	*(volatile uint32_t *)addr = value;
}

#endif /* ERIKA_SYS_MMIO_H */
