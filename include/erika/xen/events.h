/*
 * Xen event channels, 2-level ABI (drivers/xen/events.c, evtchn_ops.c,
 * shared_info.c). Xen raises the upcall interrupt (the devicetree's xen,xen
 * interrupt, PPI 15 = INTID 31) when a port that is not masked becomes
 * pending; the driver then runs the handler bound to each pending port.
 * Ports are 1 .. 4095 (see evtchn_bits.h).
 */
#ifndef ERIKA_XEN_EVENTS_H
#define ERIKA_XEN_EVENTS_H

#include <stdint.h>

#include <erika/xen/xen.h>

typedef void (*evtchn_handler_t)(evtchn_port_t port, void *arg);

/*
 * The driver maps the shared info page and masks every port at boot
 * (SYS_INIT, PLATFORM level, after the GIC; a failure stops the boot). Without
 * an OS kernel it also connects and enables the upcall interrupt itself
 * (irq_connect, at CONFIG_XEN_EVENTS_IRQ_PRIORITY). With the OSEK kernel the
 * upcall is an ISR2 of the application's OIL file, which the kernel connects
 * and enables at StartOS:
 *
 *     ISR XenEvents {
 *         CATEGORY = 2;
 *         PRIORITY = 11;                  GIC priority 0xa0, or as needed
 *         SOURCE = "xen_hypervisor";      the devicetree's xen,xen node
 *         HANDLER = "evtchn_upcall_isr";  the body: this driver's
 *         STACKSIZE = 256;                the bound handlers' needs
 *     };
 *
 * (a build with the kernel and CONFIG_XEN_EVENTS whose OIL lacks it fails to
 * link, on oil_declares_isr_evtchn_upcall_isr).
 *
 * evtchn_upcall_isr() is the upcall interrupt's body (evtchn_dispatch()): the
 * OIL ISR names it; without an OS kernel the driver's own handler calls it.
 */
void evtchn_upcall_isr(void);

/* The shared info page (mapped at boot). Any context. */
struct shared_info *xen_shared_info(void);

/*
 * Run handler(port, arg) for each event on port, then unmask the port.
 * Handlers run in the upcall interrupt: with the OSEK kernel inside the
 * XenEvents ISR2 (OS services of an ISR2 allowed, GetISRID names it, IRQs
 * unmasked so that higher priorities nest), without it with IRQs masked. The
 * port's pending bit is already clear when they run, so an event sent
 * meanwhile runs them again.
 * Task or boot context. Returns 0, -EINVAL (bad port or no handler) or
 * -EBUSY (port already bound).
 */
int evtchn_bind(evtchn_port_t port, evtchn_handler_t handler, void *arg);

/* Mask the port and forget its handler. Task or boot context. Returns 0 or -EINVAL. */
int evtchn_unbind(evtchn_port_t port);

/*
 * Mask / unmask the port. While masked, an event leaves the port pending
 * without an upcall; unmask asks Xen (EVTCHNOP_unmask) to deliver an event
 * that arrived meanwhile. Any context. Return 0, -EINVAL or Xen's error.
 */
int evtchn_mask(evtchn_port_t port);
int evtchn_unmask(evtchn_port_t port);

/* Clear / test the port's pending bit (for polling). Any context. */
int evtchn_clear(evtchn_port_t port);
int evtchn_is_pending(evtchn_port_t port);

/* Events delivered to handlers since boot. Any context. */
uint32_t evtchn_delivered_count(void);

/*
 * Upcall work, exported for the interrupt handler and for tests: scan the
 * selector and the pending words and run the handlers. Interrupt context,
 * or any context with IRQs masked.
 */
void evtchn_dispatch(void);

/* --- Channel operations (hypercalls); task or boot context. ---------------- */

/* EVTCHNOP_send: raise an event at the other end of port. Returns 0 or Xen's error. */
int evtchn_notify(evtchn_port_t port);

/*
 * EVTCHNOP_alloc_unbound: a new local port that domain `remote` may bind to
 * (DOMID_SELF allowed). On success *port is the new port. Returns 0 or Xen's error.
 */
int evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port);

/*
 * EVTCHNOP_bind_interdomain: connect a new local port to remote_port, an
 * unbound port that domain `remote` allocated for us. Returns 0 or Xen's error.
 */
int evtchn_bind_interdomain(domid_t remote, evtchn_port_t remote_port, evtchn_port_t *port);

/*
 * EVTCHNOP_bind_vcpu: Xen notifies vCPU vcpu of the port's events from now on
 * (its vcpu_info's selector and upcall; new ports notify vCPU 0). For
 * unbound, interdomain and global-VIRQ ports. Returns 0 or Xen's error
 * (-ENOENT: no such vCPU; -EINVAL: an IPI or per-vCPU VIRQ port, or a port
 * number out of range). From then on the port's handler runs on that vCPU, in
 * its upcall; the port is masked while it moves. Task or boot context.
 */
int evtchn_bind_vcpu(evtchn_port_t port, unsigned int vcpu);

/* EVTCHNOP_close, after unbinding the handler. Returns 0 or Xen's error. */
int evtchn_close(evtchn_port_t port);

#endif /* ERIKA_XEN_EVENTS_H */
