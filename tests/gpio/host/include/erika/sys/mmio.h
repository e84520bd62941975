/*
 * Test replacement for include/erika/sys/mmio.h, first on the include path of the host
 * GPIO test: the drivers' register accesses go to fake_mmio.c, which keeps a register
 * file per controller and a log of every access.
 */
#ifndef ERIKA_SYS_MMIO_H
#define ERIKA_SYS_MMIO_H

#include <stdint.h>

uint32_t mmio_read32(uintptr_t addr);
void mmio_write32(uintptr_t addr, uint32_t value);

#endif /* ERIKA_SYS_MMIO_H */
