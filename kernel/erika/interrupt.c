/*
 * The interrupt services of OSEK 13.3: DisableAllInterrupts and
 * EnableAllInterrupts (a pair that does not nest), SuspendAllInterrupts and
 * ResumeAllInterrupts, SuspendOSInterrupts and ResumeOSInterrupts (pairs
 * that nest: only the outermost pair masks and restores). Task, ISR1, ISR2
 * and hook level.
 *
 * "All" is the CPU's IRQ bit: every interrupt, category 1 too. "OS" is the
 * kernel lock, the GIC's priority mask at OS_LOCK_PMR: the category 2 ISRs
 * and the kernel's own interrupts, while category 1 ISRs still come in.
 */

#include "os_kernel.h"

#if OS_NUM_CORES > 1
/* Each core's own (struct os_core). */
#define disable_all_psr	  (os_this_core()->disable_all_psr)
#define suspend_all_psr	  (os_this_core()->suspend_all_psr)
#define suspend_all_depth (os_this_core()->suspend_all_depth)
#define suspend_os_psr	  (os_this_core()->suspend_os_psr)
#define suspend_os_depth  (os_this_core()->suspend_os_depth)
#else
static uint32_t disable_all_psr;
static uint32_t suspend_all_psr;
static uint32_t suspend_all_depth;
static uint32_t suspend_os_psr;
static uint32_t suspend_os_depth;
#endif

void DisableAllInterrupts(void)
{
	disable_all_psr = arch_irq_save();
}

void EnableAllInterrupts(void)
{
	arch_irq_restore(disable_all_psr);
}

void SuspendAllInterrupts(void)
{
	uint32_t psr = arch_irq_save();

	if (suspend_all_depth++ == 0)
		suspend_all_psr = psr;
}

void ResumeAllInterrupts(void)
{
	/* A Resume without its Suspend changes nothing. */
	if (suspend_all_depth != 0 && --suspend_all_depth == 0)
		arch_irq_restore(suspend_all_psr);
}

void SuspendOSInterrupts(void)
{
	uint32_t psr = os_lock();

	if (suspend_os_depth++ == 0)
		suspend_os_psr = psr;
}

void ResumeOSInterrupts(void)
{
	if (suspend_os_depth != 0 && --suspend_os_depth == 0)
		os_unlock_os_interrupts(suspend_os_psr);
}
