/*
 * Interrupt service routines of category 1 and 2. The IRQ vector runs every
 * interrupt between the two hooks of <erika/arch/irq_entry.h>, which the
 * kernel provides here: arch_isr_enter() counts the interrupts in progress in
 * os_isr_nesting and moves the outermost one to the interrupt stack; the
 * interrupt controller's table (irq_dispatch) then calls isr_handler() for
 * an OIL ISR (or a driver's handler: the system timer).
 * The GIC's running priority keeps out interrupts of the same or a lower
 * priority, so the body runs with the CPU's IRQs unmasked: ISRs nest by
 * priority. The kernel lock is the GIC's priority mask at OS_LOCK_PMR, so a
 * category 1 ISR (above it) also comes in while a task or an ISR2 is inside
 * the kernel. After the outermost interrupt arch_isr_exit() lets a task made
 * ready meanwhile preempt the interrupted one, unless the interrupted code
 * held the lock (an ISR1 in the kernel: it made nothing ready).
 */

#include <stddef.h>

#include <erika/arch/cpu.h>
#include <erika/arch/irq_entry.h>
#include <erika/arch/stack_guard.h>
#include <erika/drivers/irq.h>

#include "os_kernel.h"

#if OS_NUM_CORES == 1
uint32_t os_isr_nesting;
#endif

/* The interrupt stack, its guard page below it (one per core). */
_Static_assert(CONFIG_OS_ISR_STACK_SIZE % 8 == 0, "CONFIG_OS_ISR_STACK_SIZE: a multiple of 8");
/* The generator sums one frame per nesting priority level (OIL STACKSIZE of ISRs). */
_Static_assert(CONFIG_OS_ISR_STACK_SIZE >= OS_ISR_STACK_NEED,
	       "CONFIG_OS_ISR_STACK_SIZE is below what the nested ISRs need (oil_gen.py)");
ARCH_STACK_DEFINE(, os_isr_stack, CONFIG_OS_ISR_STACK_SIZE, "interrupt stack");
const struct os_stack os_isr_stack_area = {
	.base = ARCH_STACK_BASE(os_isr_stack),
	.top = ARCH_STACK_TOP(os_isr_stack),
};
#if OS_NUM_CORES > 1
ARCH_STACK_DEFINE(, os_isr_stack1, CONFIG_OS_ISR_STACK_SIZE, "interrupt stack 1");
const struct os_stack os_isr_stack_area1 = {
	.base = ARCH_STACK_BASE(os_isr_stack1),
	.top = ARCH_STACK_TOP(os_isr_stack1),
};
#define ISR_STACK (os_this_core()->isr_stack)
#else
#define ISR_STACK (&os_isr_stack_area)
#endif

#if OS_NUM_ISRS > 0

/*
 * An OIL ISR's interrupt: run its body with interrupts unmasked. An ISR2
 * body that ends holding resources has them released. Called by the
 * interrupt controller driver (irq_dispatch) with IRQs masked.
 */
static void isr_handler(void *arg)
{
	const struct os_isr_cfg *isr = arg;
	const struct os_isr_cfg *outer = os_k.isr;
	uint8_t outer_prio = os_k.isr_prio;
	uint8_t outer_res = os_k.isr_res;
	uint8_t outer_pmr = os_pmr;

	os_k.isr = isr;
	os_k.isr_prio = isr->level;
	os_k.isr_res = OS_NO_RES;
	arch_irq_enable();
	isr->body();
	arch_irq_disable();
	while (os_k.isr_res != OS_NO_RES) {
		os_rcb_of(os_k.isr_res)->taken = 0;
		os_k.isr_res = os_rcb_of(os_k.isr_res)->next;
	}
	os_unlock(outer_pmr | OS_IRQ_OFF); /* a resource it kept raised the mask */
	os_k.isr = outer;
	os_k.isr_prio = outer_prio;
	os_k.isr_res = outer_res;
}

ISRType GetISRID(void)
{
	const struct os_isr_cfg *isr = os_k.isr; /* one read: an ISR may nest meanwhile */

	return isr != NULL && isr->category == 2 ? (ISRType)(isr - os_isr_cfg) : INVALID_ISR;
}

/*
 * Connect and enable every OIL ISR (with two cores: those of the running
 * core; the GIC driver banks SGIs and PPIs per vCPU and routes an SPI to the
 * vCPU that enables it). StartOS, kernel locked.
 */
void os_isr_connect(void)
{
	for (unsigned int i = 0; i < OS_NUM_ISRS; i++) {
		const struct os_isr_cfg *isr = &os_isr_cfg[i];

#if OS_NUM_CORES > 1
		/* Its own core enables it: an SPI is routed to the vCPU that enables it. */
		if (isr->core != os_core_id())
			continue;
#endif

		if (irq_connect(isr->intid, isr->gic_prio, isr_handler, (void *)isr) != 0)
			os_fatal(E_OS_SYS_INIT, OSServiceId_StartOS, "cannot connect ISR",
				 isr->name);
		if (isr->configure)
			(void)irq_configure(isr->intid, isr->dt_flags);
		(void)irq_enable(isr->intid);
	}
}

#else

ISRType GetISRID(void)
{
	return INVALID_ISR;
}

void os_isr_connect(void)
{
}

#endif

/* The IRQ vector's first hook: count, and take the outermost to the interrupt stack. */
uintptr_t arch_isr_enter(uintptr_t sp)
{
	if (os_isr_nesting++ == 0)
		return (uintptr_t)ISR_STACK->top;
	return sp;
}

/*
 * The IRQ vector's last hook, back on the interrupted stack with IRQs masked.
 * At the end of the outermost interrupt: check the interrupt stack's guard
 * and dispatch. Returns when the interrupted task runs again.
 */
void arch_isr_exit(void)
{
	if (--os_isr_nesting != 0)
		return;
	os_stack_check(ISR_STACK, "interrupt stack");
	OS_ASSERT(os_k.isr == NULL);
	/*
	 * Any mask but the open one: an ISR1 interrupted the kernel (even as
	 * it took or left the lock: the hardware's mask, not the copy, says),
	 * a SuspendOSInterrupts section, or a task at an interrupt-level
	 * ceiling (no task preempts it): the interrupted code goes on.
	 */
#if OS_NUM_ISRS > 0
	if ((irq_priority_mask_get() | 7u) != IRQ_MASK_NONE || os_rq_top() <= os_k.running->prio)
		return;
	(void)os_lock();
	os_sched_preempt_locked();
	os_unlock(IRQ_MASK_NONE | OS_IRQ_OFF); /* back in the task: the exception return unmasks */
#else
	if (os_rq_top() > os_k.running->prio)
		os_sched_preempt_locked(); /* the IRQ bit is the lock, set here */
#endif
}
