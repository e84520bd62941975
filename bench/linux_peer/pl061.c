/*
 * The pin of the Linux peer: bit 0 of QEMU virt's PL061, the page given to
 * the domain by `iomem` in its xl config and mapped through /dev/mem (no
 * driver owns it in the domU, whose devicetree does not list it). The same
 * pin the RTOS drives; only one of the two servers is asked at a time.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "peer.h"

#define PL061_DIR  0x400 /* 1 = output */
#define PL061_DATA 0x000 /* + (mask << 2): only the masked bits are accessed */
#define PIN_MASK   0x01u

static volatile uint32_t *regs;

int pl061_open(unsigned long phys)
{
	int fd = open("/dev/mem", O_RDWR | O_SYNC);
	void *p;

	if (fd < 0)
		return -1;
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)phys);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	regs = p;
	regs[PL061_DIR / 4] |= PIN_MASK;
	return 0;
}

static int pin_set(unsigned int pin, int value)
{
	if (pin != 0)
		return -22;
	regs[(PL061_DATA + (PIN_MASK << 2)) / 4] = value ? PIN_MASK : 0;
	return 0;
}

static int pin_get(unsigned int pin)
{
	if (pin != 0)
		return -22;
	return (regs[(PL061_DATA + (PIN_MASK << 2)) / 4] & PIN_MASK) ? 1 : 0;
}

const struct pin_backend pl061_backend = { .pins = 1, .set = pin_set, .get = pin_get };
