/*
 * The GIC CPU interface's priority mask (GICC_PMR; under Xen the virtual CPU
 * interface, written without a trap): interrupts whose priority value is
 * the mask or more stay pending, and acknowledging one then gives the
 * spurious INTID 1023. Inline, for the OSEK kernel's lock (kernel/erika).
 */
#ifndef ERIKA_DRIVERS_IRQ_MASK_H
#define ERIKA_DRIVERS_IRQ_MASK_H

#include <stdint.h>

#include <erika/devicetree.h>
#include <erika/sys/mmio.h>

#define IRQ_MASK_NONE 0xffu /* every priority comes in */
#define IRQ_MASK_ALL  0x00u /* no priority comes in */

#define IRQ_MASK_GICC ((uintptr_t)DT_REG_ADDR_BY_IDX(DT_INST(0, arm_cortex_a15_gic), 1))

/* The compiler barriers keep memory accesses on their side of the write. */
static inline void irq_priority_mask(unsigned int mask)
{
	__asm__ volatile("" ::: "memory");
	mmio_write32(IRQ_MASK_GICC + 0x04u, mask); /* GICC_PMR */
	__asm__ volatile("" ::: "memory");
}

/* The mask as the CPU interface has it (the low bits it does not keep read 0). */
static inline unsigned int irq_priority_mask_get(void)
{
	return mmio_read32(IRQ_MASK_GICC + 0x04u);
}

#endif /* ERIKA_DRIVERS_IRQ_MASK_H */
