/*
 * Xen PV console: the ring page and event channel that Xen gives a domain
 * created by `xl` (HVM_PARAM_CONSOLE_PFN/EVTCHN); xenconsoled in dom0 drains
 * the output ring into `xl console` and its guest log, and fills the input
 * ring with what is typed there. The indices are free-running: only their
 * difference and their value masked by the ring size mean anything.
 */

#include <erika/arch/cpu.h>
#include <erika/arch/mmu.h>
#include <erika/console.h>
#include <erika/errno.h>
#include <erika/printk.h>
#include <erika/xen/console_ring.h>
#include <erika/xen/domain.h>
#include <erika/xen/hypercall.h>
#include <erika/xen/ring_idx.h>

#include <xen/io/console.h>

/* How often to let dom0 run before declaring the ring stuck. */
#define FULL_RING_YIELDS 10000

static struct xencons_interface *ring;
static evtchn_port_t ring_port;
static unsigned int dropped_total;
/* Dropped since the last notice; non-zero also means "do not wait again". */
static unsigned int dropped_unreported;

static void notify_backend(void)
{
	struct evtchn_send send = { .port = ring_port };

	(void)HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);
}

static int console_ring_init(void)
{
	uint64_t pfn, port;

	if (xen_hvm_get_param(HVM_PARAM_CONSOLE_PFN, &pfn) < 0 || pfn == 0)
		return -ENODEV;
	if (xen_hvm_get_param(HVM_PARAM_CONSOLE_EVTCHN, &port) < 0)
		return -ENODEV;
	/* Xen puts the page outside guest RAM (the magic pages): map it first. */
	if (arch_mmu_map((uint32_t)(pfn << PAGE_SHIFT), 1u << PAGE_SHIFT, MMU_NORMAL_NOEXEC) < 0)
		return -EINVAL;
	ring_port = (evtchn_port_t)port;
	ring = (struct xencons_interface *)(uintptr_t)(pfn << PAGE_SHIFT);
	return 0;
}

static uint32_t shared_read(const volatile XENCONS_RING_IDX *p)
{
	return *p;
}

/* Free bytes in the output ring, as the backend's last published index says. */
static uint32_t room(XENCONS_RING_IDX prod)
{
	XENCONS_RING_IDX cons = shared_read(&ring->out_cons);

	dmb(); /* read the index before reusing the slots it frees */
	if (!ring_sane(prod, cons, sizeof(ring->out)))
		return 0; /* a backend bug: write nothing rather than overwrite */
	return ring_free(prod, cons, sizeof(ring->out));
}

static int wait_for_room(XENCONS_RING_IDX prod)
{
	for (unsigned int i = 0; i < FULL_RING_YIELDS; i++) {
		if (room(prod) > 0)
			return 1;
		notify_backend();
		(void)HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	}
	return 0;
}

/* Copy what fits of buf; wait for room unless output is being dropped already. */
static XENCONS_RING_IDX put(XENCONS_RING_IDX prod, const char *buf, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t n = room(prod);

		if (n == 0) {
			/* Publish what we have so the backend can drain it, then wait. */
			wmb();
			ring->out_prod = prod;
			if (dropped_unreported != 0 || !wait_for_room(prod))
				break;
			continue;
		}
		n = n < len - i ? n : (uint32_t)(len - i);
		ring_copy_in(ring->out, sizeof(ring->out), prod, buf + i, n);
		prod += n;
		i += n;
	}
	dropped_total += (unsigned int)(len - i);
	dropped_unreported += (unsigned int)(len - i);
	return prod;
}

static void console_ring_write(const char *buf, size_t len)
{
	XENCONS_RING_IDX prod = ring->out_prod;

	if (dropped_unreported != 0) {
		char notice[48];
		int n = snprintk(notice, sizeof(notice), "\n[console: %u bytes dropped]\n",
				 dropped_unreported);

		/* Say so once the backend drains again, before anything newer. */
		if (room(prod) >= (uint32_t)n) {
			dropped_unreported = 0;
			prod = put(prod, notice, (size_t)n);
		}
	}
	prod = put(prod, buf, len);
	wmb(); /* the bytes before the index that publishes them */
	ring->out_prod = prod;
	notify_backend();
}

int console_ring_read(char *buf, size_t len)
{
	XENCONS_RING_IDX cons, prod;
	uint32_t n;

	if (ring == 0)
		return -ENODEV;
	cons = ring->in_cons;
	prod = shared_read(&ring->in_prod);
	dmb(); /* the index before the bytes it publishes */
	if (!ring_sane(prod, cons, sizeof(ring->in)))
		return -EIO;
	n = ring_used(prod, cons);
	n = n < len ? n : (uint32_t)len;
	if (n == 0)
		return 0;
	ring_copy_out(ring->in, sizeof(ring->in), cons, buf, n);
	dmb(); /* done reading before the slots go back to the backend */
	ring->in_cons = cons + n;
	notify_backend();
	return (int)n;
}

unsigned int console_ring_dropped(void)
{
	return dropped_total;
}

CONSOLE_BACKEND_DEFINE(xen_console_ring, .name = "xen-pv-console", .init = console_ring_init,
		       .write = console_ring_write, .early = 0);
