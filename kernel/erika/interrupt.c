/*
 * The interrupt services of OSEK 13.3: DisableAllInterrupts and
 * EnableAllInterrupts (a pair that does not nest), SuspendAllInterrupts and
 * ResumeAllInterrupts, SuspendOSInterrupts and ResumeOSInterrupts (pairs
 * that nest: only the outermost pair masks and restores). Task, ISR1, ISR2
 * and hook level.
 *
 * The mask is the CPU's IRQ bit, so "OS interrupts" (category 2) are masked
 * together with category 1 ones: stronger than OSEK asks, never weaker.
 */

#include "os_kernel.h"

static uint32_t disable_all_psr;
static uint32_t suspend_all_psr;
static uint32_t suspend_all_depth;
static uint32_t suspend_os_psr;
static uint32_t suspend_os_depth;

void DisableAllInterrupts(void)
{
	disable_all_psr = os_lock();
}

void EnableAllInterrupts(void)
{
	os_unlock(disable_all_psr);
}

void SuspendAllInterrupts(void)
{
	uint32_t psr = os_lock();

	if (suspend_all_depth++ == 0)
		suspend_all_psr = psr;
}

void ResumeAllInterrupts(void)
{
	/* A Resume without its Suspend changes nothing. */
	if (suspend_all_depth != 0 && --suspend_all_depth == 0)
		os_unlock(suspend_all_psr);
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
		os_unlock(suspend_os_psr);
}
