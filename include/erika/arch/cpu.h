/*
 * Small ARMv7-A helpers: barriers, interrupt masking, coprocessor access.
 */
#ifndef ERIKA_ARCH_CPU_H
#define ERIKA_ARCH_CPU_H

#include <stdint.h>

#define dmb() __asm__ volatile("dmb ish" ::: "memory")
#define dsb() __asm__ volatile("dsb ish" ::: "memory")
#define isb() __asm__ volatile("isb" ::: "memory")
/* Order stores to shared memory before the store that publishes them. */
#define wmb() __asm__ volatile("dmb ishst" ::: "memory")

#define CP15_READ(op1, crn, crm, op2)                                                              \
	({                                                                                         \
		uint32_t v_;                                                                       \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v_));   \
		v_;                                                                                \
	})
#define CP15_WRITE(op1, crn, crm, op2, v)                                                          \
	__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 ::"r"((uint32_t)(v))   \
			 : "memory")

static inline void arch_irq_disable(void)
{
	__asm__ volatile("cpsid i" ::: "memory");
}

static inline void arch_irq_enable(void)
{
	__asm__ volatile("cpsie i" ::: "memory");
}

/*
 * Mask IRQs and return the CPSR as it was, for arch_irq_restore(): a section
 * no interrupt of this core enters, nestable. Any context.
 */
static inline uint32_t arch_irq_save(void)
{
	uint32_t cpsr;

	__asm__ volatile("mrs %0, cpsr\n\tcpsid i" : "=r"(cpsr)::"memory");
	return cpsr;
}

/* Put the IRQ mask (and the rest of the control byte) back as arch_irq_save() found it. */
static inline void arch_irq_restore(uint32_t cpsr)
{
	__asm__ volatile("msr cpsr_c, %0" ::"r"(cpsr) : "memory");
}

static inline void arch_wait_for_interrupt(void)
{
	__asm__ volatile("dsb\n\twfi" ::: "memory");
}

#endif /* ERIKA_ARCH_CPU_H */
