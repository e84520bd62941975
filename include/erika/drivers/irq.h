/*
 * Interrupt controller API: the GICv2 that Xen's vGIC presents to the domain
 * (drivers/intc/gic_xen). An interrupt is named by its GIC INTID (SGI 0-15,
 * PPI 16-31, SPI 32-1019), the number the devicetree accessors give
 * (DT_IRQ_INTID_BY_IDX). Priorities are GIC priorities: 0 is the most urgent,
 * 255 the least; Xen's vGIC keeps the top 5 bits, so levels that differ only
 * in the low 3 bits are the same level.
 */
#ifndef ERIKA_DRIVERS_IRQ_H
#define ERIKA_DRIVERS_IRQ_H

/* Steps of the priority levels Xen's vGIC distinguishes (the top 5 bits). */
#define IRQ_PRIORITY_STEP    8u
#define IRQ_PRIORITY_HIGHEST 0x00u
#define IRQ_PRIORITY_DEFAULT 0xa0u
#define IRQ_PRIORITY_LOWEST  0xf0u

typedef void (*irq_handler_t)(void *arg);

/*
 * The driver sets the distributor and this vCPU's CPU interface up at boot
 * (SYS_INIT, PLATFORM level, include/erika/init.h): every line disabled and
 * idle, the priority threshold open, both interfaces on. A missing
 * distributor stops the boot.
 *
 * With two vCPUs (two okay cpu nodes) every call acts for the vCPU it runs
 * on: SGIs and PPIs (INTID < 32) are banked, each vCPU has its own handler,
 * priority and enable bit for them; an SPI is routed to the vCPU that last
 * enabled it.
 */

/*
 * Install handler(arg) for intid with the given priority. The line stays
 * disabled until irq_enable(). Boot or task context. Returns 0, -EINVAL
 * (intid beyond the controller, priority > 255, no handler) or -EBUSY (the
 * line already has a handler).
 */
int irq_connect(unsigned int intid, unsigned int priority, irq_handler_t handler, void *arg);

/*
 * Level or edge, as the devicetree's flags cell for the line says
 * (DT_IRQ_FLAGS_BY_IDX(node, idx): IRQ_TYPE_EDGE_* or IRQ_TYPE_LEVEL_*).
 * Call while the line is disabled. Xen's vGIC keeps SGIs edge and PPIs as Xen
 * set them (their GICD_ICFGR is read-only there); the write matters for SPIs.
 * Boot or task context. Returns 0 or -EINVAL.
 */
int irq_configure(unsigned int intid, unsigned int dt_flags);

/*
 * Remove the handler of a disabled line. Boot or task context. Returns 0 or
 * -EINVAL.
 */
int irq_disconnect(unsigned int intid);

/*
 * Let the line interrupt the vCPU (GICD_ISENABLER) / stop it (GICD_ICENABLER;
 * an interrupt already acknowledged still runs to its end). Any context.
 * Return 0 or -EINVAL for an INTID the driver does not handle.
 */
int irq_enable(unsigned int intid);
int irq_disable(unsigned int intid);

/*
 * Raise SGI intid (0-15) on this vCPU (GICD_SGIR, target "self"). Any context.
 * Returns 0 or -EINVAL.
 */
int irq_raise_sgi(unsigned int intid);

/*
 * Raise SGI intid (0-15) on vCPU cpu (0-7; GICD_SGIR target list filter 0,
 * CPU target list bit cpu): how one vCPU interrupts the other. Any context.
 * Returns 0 or -EINVAL. The SGI must be enabled in the target vCPU's own
 * (banked) enable register: irq_connect()/irq_enable() run there.
 */
int irq_raise_sgi_to(unsigned int cpu, unsigned int intid);

/*
 * The IRQ exception's work: acknowledge (GICC_IAR), run the handler, end
 * (GICC_EOIR), again until the CPU interface answers spurious (1023). A line
 * without a handler is disabled and counted. Called by the IRQ vector with
 * IRQs masked, between arch_isr_enter() and arch_isr_exit()
 * (<erika/arch/irq_entry.h>, the OS kernel's side); knows nothing of the OS
 * kernel. One table for every handler: a driver's, or the OSEK kernel's
 * wrapper of an OIL ISR.
 */
void irq_dispatch(void);

/* Interrupts acknowledged that had no handler (each is disabled). Any context. */
unsigned int irq_unhandled_count(void);

#endif /* ERIKA_DRIVERS_IRQ_H */
