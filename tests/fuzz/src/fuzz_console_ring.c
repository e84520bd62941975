/*
 * libFuzzer target: the Xen PV console ring (drivers/xen/console_ring.c),
 * whose page xenconsoled in dom0 writes: the output consumer index and the
 * input ring with its producer index. The driver's code is included here so
 * that each input starts from a fresh page; each notification or yield lets
 * the input act as the backend (drain, set any index, type input, stay
 * silent), and the rest of the input is the guest's writes and reads.
 *
 * Beyond the sanitizers: a read returns at most what was asked, from the
 * input ring; the guest never publishes more output than the ring holds past
 * the last consumer index that made sense; every byte not written is counted.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"

#include "../../../drivers/xen/console_ring.c"

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

static struct xencons_interface page __attribute__((aligned(4096)));
static struct fuzz_input in;
/* Set when the backend wrote in_cons itself: then the read's own step is not seen. */
static int in_cons_written;

/* printk.c's sink (snprintk() is what the driver uses): nowhere here. */
void console_write(const char *buf, size_t len)
{
	(void)buf;
	(void)len;
}

int xen_hvm_get_param(uint32_t index, uint64_t *value)
{
	if (index == HVM_PARAM_CONSOLE_PFN)
		*value = (uintptr_t)&page >> PAGE_SHIFT;
	else
		*value = 2; /* the event channel port */
	return 0;
}

int arch_mmu_map(uint32_t phys, uint32_t size, enum mmu_memory_type type)
{
	(void)phys;
	(void)size;
	(void)type;
	return 0;
}

/* One move of xenconsoled; none once the input is used up. */
static void backend_act(void)
{
	char typed[64];
	uint32_t n;
	uint8_t op;

	if (in.size == 0)
		return;
	op = take_u8(&in);
	switch (op % 6) {
	case 0:
		break;
	case 1: /* drain some or all of the output in flight (all of 2^32 after a bogus cons) */
		n = page.out_prod - page.out_cons;
		page.out_cons += n == UINT32_MAX ? take_u8(&in) : take_u8(&in) % (n + 1);
		break;
	case 2:
		page.out_cons = take_u32(&in);
		break;
	case 3: /* type something */
		n = (uint32_t)take_bytes(&in, typed, take_u8(&in) % sizeof(typed));
		ring_copy_in(page.in, sizeof(page.in), page.in_prod, typed, n);
		page.in_prod += n;
		break;
	case 4:
		page.in_prod = take_u32(&in);
		break;
	default:
		page.in_cons = take_u32(&in); /* ours, but on a page dom0 can write */
		in_cons_written = 1;
		break;
	}
}

long arch_hypercall(unsigned long a0, unsigned long a1, unsigned long a2, unsigned long a3,
		    unsigned long a4, unsigned long op)
{
	(void)a1;
	(void)a2;
	(void)a3;
	(void)a4;
	if ((op == __HYPERVISOR_event_channel_op && a0 == EVTCHNOP_send) ||
	    (op == __HYPERVISOR_sched_op && a0 == SCHEDOP_yield))
		backend_act();
	return 0;
}

static void guest_write(void)
{
	static char out[3 * sizeof(page.out)];
	size_t len = take_u8(&in) * 16u;
	unsigned int dropped = console_ring_dropped();
	XENCONS_RING_IDX prod = page.out_prod;

	memset(out, 'x', len);
	console_ring_write(out, len);
	/* Every byte is in the ring or counted as dropped (plus any notice). */
	CHECK(page.out_prod - prod + (console_ring_dropped() - dropped) >= len);
	CHECK(console_ring_dropped() - dropped <= len);
}

static void guest_read(void)
{
	char buf[96];
	size_t len = take_u8(&in) % sizeof(buf);
	XENCONS_RING_IDX cons = page.in_cons;
	int n;

	in_cons_written = 0;
	n = console_ring_read(buf, len);
	CHECK(n == -EIO || (n >= 0 && (size_t)n <= len));
	if (n > 0 && !in_cons_written)
		CHECK(page.in_cons == cons + (uint32_t)n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	in = (struct fuzz_input){ data, size };
	memset(&page, 0, sizeof(page));
	ring = 0;
	dropped_total = dropped_unreported = 0;
	CHECK(console_ring_read(NULL, 0) == -ENODEV);
	CHECK(console_ring_init() == 0);
	for (int calls = 0; calls < 16 && in.size > 0; calls++) {
		if (take_u8(&in) & 1)
			guest_write();
		else
			guest_read();
	}
	return 0;
}
