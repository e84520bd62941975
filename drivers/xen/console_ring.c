/*
 * Xen PV console: the ring page and event channel that Xen gives a domain
 * created by `xl` (HVM_PARAM_CONSOLE_PFN/EVTCHN); xenconsoled in dom0 drains
 * it into `xl console` and its guest log. The indices are free-running: only
 * their difference and their value masked by the ring size mean anything.
 */

#include <erika/arch/cpu.h>
#include <erika/arch/mmu.h>
#include <erika/console.h>
#include <erika/errno.h>
#include <erika/xen/domain.h>
#include <erika/xen/hypercall.h>

#include <xen/io/console.h>

#define PAGE_SHIFT 12
/* How often to let dom0 run before declaring the ring stuck. */
#define FULL_RING_YIELDS 10000

static struct xencons_interface *ring;
static evtchn_port_t ring_port;
static unsigned int dropped;

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
	ring = (struct xencons_interface *)(uintptr_t)(pfn << PAGE_SHIFT);
	ring_port = (evtchn_port_t)port;
	return 0;
}

/* Free bytes in the output ring, as the backend's last published index says. */
static uint32_t room(XENCONS_RING_IDX prod)
{
	XENCONS_RING_IDX cons = *(volatile XENCONS_RING_IDX *)&ring->out_cons;

	dmb(); /* read the index before reusing the slots it frees */
	return (uint32_t)sizeof(ring->out) - (prod - cons);
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

static void console_ring_write(const char *buf, size_t len)
{
	XENCONS_RING_IDX prod = ring->out_prod;
	size_t i;

	for (i = 0; i < len; i++) {
		if (room(prod) == 0) {
			/* Publish what we have so the backend can drain it, then wait. */
			wmb();
			ring->out_prod = prod;
			if (!wait_for_room(prod))
				break;
		}
		ring->out[MASK_XENCONS_IDX(prod, ring->out)] = buf[i];
		prod++;
	}
	dropped += (unsigned int)(len - i);
	wmb(); /* the bytes before the index that publishes them */
	ring->out_prod = prod;
	notify_backend();
}

CONSOLE_BACKEND_DEFINE(xen_console_ring, .name = "xen-pv-console", .init = console_ring_init,
		       .write = console_ring_write, .early = 0);
