/*
 * Event channel delivery, 2-level ABI: the upcall interrupt, the scan of the
 * selector and pending words, the port -> handler table, mask and unmask.
 * vCPU 0's vcpu_info is the one inside the shared info page. With two vCPUs
 * (two okay cpu nodes) vCPU 1 has its own (registered by arch/arm/xen/smp.c)
 * and its own upcall (PPI 31 is banked): each vCPU scans its own selector and
 * runs only the ports bound to it (evtchn_bind_vcpu), as the pending and mask
 * words are the domain's and one word holds ports of both.
 */

#include <stdint.h>

#include <erika/arch/cpu.h>
#include <erika/arch/smp.h>
#include <erika/devicetree.h>
#include <erika/drivers/irq.h>
#include <erika/errno.h>
#include <erika/init.h>
#include <erika/xen/events.h>
#include <erika/xen/evtchn_bits.h>
#include <erika/xen/hypercall.h>

#include "shared_info.h"
#include "xen_atomic.h"

#define XEN_NODE     DT_INST(0, xen_xen)
#define UPCALL_IRQ   DT_IRQ_INTID(XEN_NODE)
#define UPCALL_FLAGS DT_IRQ_FLAGS(XEN_NODE)

_Static_assert(sizeof(xen_ulong_t) == sizeof(evtchn_word_t), "ARM event words are 64-bit");
_Static_assert(EVTCHN_NR_PORTS == EVTCHN_2L_NR_CHANNELS, "4096 ports in the 2-level ABI");

struct binding {
	evtchn_handler_t handler;
	void *arg;
};

static struct binding bindings[EVTCHN_NR_PORTS];
static struct shared_info *shared;
static uint32_t delivered;
#if DT_CPU_COUNT > 1
/* Bit per port: Xen notifies vCPU 1 of it (evtchn_bind_vcpu); clear: vCPU 0. */
static evtchn_word_t on_vcpu1[EVTCHN_NR_WORDS];
#endif

static volatile uint64_t *pending_word(evtchn_port_t port)
{
	return (volatile uint64_t *)&shared->evtchn_pending[evtchn_word_index(port)];
}

static volatile uint64_t *mask_word(evtchn_port_t port)
{
	return (volatile uint64_t *)&shared->evtchn_mask[evtchn_word_index(port)];
}

/*
 * The upcall's body, run by whoever owns the line: the OS kernel as an OIL
 * ISR2 (HANDLER = "evtchn_upcall_isr"), else this driver's irq_connect().
 * evtchn_init() ran at boot, before either can enable the line.
 */
void evtchn_upcall_isr(void)
{
	evtchn_dispatch();
}

#ifdef CONFIG_XEN_EVENTS_UPCALL_ISR
/*
 * The OS kernel connects and enables the upcall at StartOS, as the ISR its OIL
 * file declares; a build whose OIL does not fails to link on this symbol
 * (scripts/oil).
 */
extern const uint8_t oil_declares_isr_evtchn_upcall_isr;

static int upcall_line_ready(void)
{
	return *(const volatile uint8_t *)&oil_declares_isr_evtchn_upcall_isr == 1 ? 0 : -ENODEV;
}
#else
static void upcall_irq(void *unused)
{
	(void)unused;
	evtchn_upcall_isr();
}

/* No OS kernel: the driver's own entry in the interrupt controller's table. */
static int upcall_line_ready(void)
{
	int rc = irq_connect(UPCALL_IRQ, CONFIG_XEN_EVENTS_IRQ_PRIORITY, upcall_irq, 0);

	if (rc < 0)
		return rc;
	(void)irq_configure(UPCALL_IRQ, UPCALL_FLAGS);
	return irq_enable(UPCALL_IRQ);
}
#endif

/* The shared info page with every port masked, and the upcall's line: after the GIC. */
static int evtchn_init(void)
{
	int rc = xen_shared_info_map();

	if (rc < 0)
		return rc;
	/* No port interrupts us until someone binds a handler to it. */
	for (unsigned int w = 0; w < EVTCHN_NR_WORDS; w++)
		__atomic_store_n((volatile uint64_t *)&xen_shared_info()->evtchn_mask[w],
				 ~(uint64_t)0, __ATOMIC_SEQ_CST);
	shared = xen_shared_info();
	return upcall_line_ready();
}
SYS_INIT(evtchn_init, PLATFORM, 30);

#if DT_CPU_COUNT > 1
/*
 * vCPU 1 at its start. Xen set its upcall flag and every selector bit when it
 * mapped its vcpu_info, and injects the upcall only when it sets the flag
 * itself: left set, no event would ever interrupt vCPU 1. A scan with no port
 * bound here yet clears both and runs nothing. Then its upcall line (the same
 * PPI in its own bank), unless the OS kernel connects it as an OIL ISR.
 */
static int evtchn_init_secondary(void)
{
	evtchn_dispatch();
#ifdef CONFIG_XEN_EVENTS_UPCALL_ISR
	return 0;
#else
	return upcall_line_ready();
#endif
}
SYS_INIT_SECONDARY(evtchn_init_secondary, 30);
#endif

static int port_ready(evtchn_port_t port)
{
	return evtchn_port_valid(port) && port != 0 ? 0 : -EINVAL;
}

static void deliver(evtchn_port_t port)
{
	const struct binding *b = &bindings[port];
	evtchn_handler_t handler = b->handler;

	if (handler == 0) {
		/* Unmasked but unbound (unbind raced an event): keep it quiet. */
		(void)xen_fetch_or64(mask_word(port), evtchn_bit_mask(port));
		return;
	}
	delivered++;
	handler(port, b->arg);
}

/* Every ready port of one word bound to this vCPU: clear its pending bit atomically, run it. */
static void scan_word(unsigned int w, unsigned int cpu)
{
	volatile uint64_t *pending = (volatile uint64_t *)&shared->evtchn_pending[w];
	const volatile uint64_t *mask = (const volatile uint64_t *)&shared->evtchn_mask[w];
	evtchn_word_t todo = evtchn_ready(xen_load64(pending), xen_load64(mask));

#if DT_CPU_COUNT > 1
	evtchn_word_t mine = xen_load64((volatile uint64_t *)&on_vcpu1[w]);

	todo &= cpu != 0 ? mine : ~mine;
#else
	(void)cpu;
#endif

	while (todo != 0) {
		unsigned int bit = evtchn_lowest_bit(todo);
		evtchn_word_t m = (evtchn_word_t)1 << bit;

		todo &= ~m;
		/* Xen may set other bits of the word meanwhile: never a plain store. */
		if (xen_fetch_and_clear64(pending, m) & m)
			deliver(evtchn_port_of(w, bit));
	}
}

/* The calling vCPU's number and vcpu_info. */
static volatile struct vcpu_info *this_vcpu_info(unsigned int *cpu)
{
#if DT_CPU_COUNT > 1
	*cpu = arch_cpu_id();
	if (*cpu != 0)
		return arch_secondary_vcpu_info();
#else
	*cpu = 0;
#endif
	return &shared->vcpu_info[0];
}

void evtchn_dispatch(void)
{
	volatile struct vcpu_info *vcpu;
	unsigned int cpu;

	if (shared == 0)
		return;
	vcpu = this_vcpu_info(&cpu);
	do {
		/*
		 * Clear the upcall flag before taking the selector: an event Xen
		 * marks after the exchange sets both again and we loop (or it
		 * raises a new upcall).
		 */
		*(volatile uint8_t *)&vcpu->evtchn_upcall_pending = 0;
		dmb();
		evtchn_word_t sel = xen_xchg64((volatile uint64_t *)&vcpu->evtchn_pending_sel, 0);

		while (sel != 0) {
			unsigned int w = evtchn_lowest_bit(sel);

			sel &= ~((evtchn_word_t)1 << w);
			scan_word(w, cpu);
		}
	} while (*(volatile uint8_t *)&vcpu->evtchn_upcall_pending != 0);
}

#if DT_CPU_COUNT > 1
/* EVTCHNOP_bind_vcpu of a masked port, and the scans follow it. */
static int route_port(evtchn_port_t port, unsigned int vcpu)
{
	struct evtchn_bind_vcpu op = { .port = port, .vcpu = vcpu };
	volatile uint64_t *mine = (volatile uint64_t *)&on_vcpu1[evtchn_word_index(port)];
	int rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &op);

	if (rc == 0 && vcpu == 1)
		(void)xen_fetch_or64(mine, evtchn_bit_mask(port));
	else if (rc == 0)
		(void)xen_fetch_and_clear64(mine, evtchn_bit_mask(port));
	return rc;
}
#endif

#if CONFIG_XEN_EVENTS_VCPU != 0
_Static_assert(CONFIG_XEN_EVENTS_VCPU < DT_CPU_COUNT,
	       "CONFIG_XEN_EVENTS_VCPU names a vCPU the devicetree has no okay cpu node for");
#endif

int evtchn_bind(evtchn_port_t port, evtchn_handler_t handler, void *arg)
{
	int rc = port_ready(port);

	if (rc < 0)
		return rc;
	if (handler == 0)
		return -EINVAL;
	if (bindings[port].handler != 0)
		return -EBUSY;
#if CONFIG_XEN_EVENTS_VCPU != 0
	/* Still masked (unbound ports are): no event runs on vCPU 0 meanwhile. */
	rc = route_port(port, CONFIG_XEN_EVENTS_VCPU);
	if (rc < 0)
		return rc;
#endif
	bindings[port].arg = arg;
	dmb(); /* the handler marks the entry valid: arg first */
	bindings[port].handler = handler;
	return evtchn_unmask(port);
}

int evtchn_unbind(evtchn_port_t port)
{
	int rc = evtchn_mask(port);

	if (rc < 0)
		return rc;
	bindings[port].handler = 0;
	dmb();
	bindings[port].arg = 0;
	return 0;
}

int evtchn_mask(evtchn_port_t port)
{
	int rc = port_ready(port);

	if (rc < 0)
		return rc;
	(void)xen_fetch_or64(mask_word(port), evtchn_bit_mask(port));
	return 0;
}

int evtchn_unmask(evtchn_port_t port)
{
	struct evtchn_unmask op = { .port = port };
	int rc = port_ready(port);

	if (rc < 0)
		return rc;
	/*
	 * Xen clears the mask and, if the port is pending, raises the upcall that
	 * masking held back. It does so only if it finds the mask set, so the
	 * guest must not clear the bit itself first.
	 */
	return HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &op);
}

int evtchn_clear(evtchn_port_t port)
{
	int rc = port_ready(port);

	if (rc < 0)
		return rc;
	(void)xen_fetch_and_clear64(pending_word(port), evtchn_bit_mask(port));
	return 0;
}

int evtchn_is_pending(evtchn_port_t port)
{
	if (port_ready(port) < 0)
		return 0;
	return (xen_load64(pending_word(port)) & evtchn_bit_mask(port)) != 0;
}

uint32_t evtchn_delivered_count(void)
{
	return delivered;
}

/*
 * EVTCHNOP_bind_vcpu, and the vCPUs' scans follow: masked meanwhile, so no
 * event is run by the vCPU that no longer owns the port or lost in between
 * (unmasking re-raises a pending one on the new vCPU).
 */
int evtchn_bind_vcpu(evtchn_port_t port, unsigned int vcpu)
{
#if DT_CPU_COUNT > 1
	evtchn_word_t bit = evtchn_bit_mask(port);
	int rc, was_masked;

	if (port_ready(port) < 0)
		return -EINVAL;
	was_masked = (xen_fetch_or64(mask_word(port), bit) & bit) != 0;
	rc = route_port(port, vcpu);
	if (!was_masked)
		(void)evtchn_unmask(port);
	return rc;
#else
	struct evtchn_bind_vcpu op = { .port = port, .vcpu = vcpu };

	return HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &op);
#endif
}
