/*
 * The ARM generic timer's virtual counter and virtual timer, as a Xen domain
 * sees them: CNTVCT counts from the domain's creation at CNTFRQ Hz; the
 * virtual timer's interrupt is the devicetree's arch_timer interrupt index 2
 * (PPI 11, INTID 27). Xen masks the timer (CNTV_CTL.IMASK) when it injects
 * that interrupt, so every re-arm writes the control register again.
 * The timer is per vCPU: the periodic tick below is the calling vCPU's own
 * (each of two vCPUs can run one); the count is the same on both.
 */
#ifndef ERIKA_DRIVERS_TIMER_H
#define ERIKA_DRIVERS_TIMER_H

#include <stdint.h>

/* Counter frequency in Hz (CNTFRQ; 62.5 MHz on QEMU, 24 MHz on the A20). Any context. */
static inline uint32_t vtimer_frequency(void)
{
	uint32_t hz;

	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(hz));
	return hz;
}

/*
 * The 64-bit virtual count (CNTVCT). The isb keeps the read from being
 * performed before earlier instructions, as the architecture allows. Any context.
 */
static inline uint64_t vtimer_count(void)
{
	uint32_t lo, hi;

	__asm__ volatile("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi)::"memory");
	return ((uint64_t)hi << 32) | lo;
}

/* Counter ticks in ms milliseconds, rounded down. Any context. */
static inline uint64_t vtimer_ms_to_ticks(uint32_t ms)
{
	return (uint64_t)vtimer_frequency() * ms / 1000u;
}

/*
 * Call tick(arg) every period_ticks counter ticks from the virtual timer
 * interrupt, starting one period from now. Deadlines advance by exactly one
 * period from the previous deadline, never from the time the interrupt ran,
 * so the tick does not drift; ticks that were late are all delivered (tick
 * runs once per elapsed period). tick runs in interrupt context with IRQs
 * masked. Task or boot context. Returns 0, -EINVAL (period 0 or no tick),
 * -EBUSY (already running) or the interrupt controller's error.
 */
int vtimer_start_periodic(uint32_t period_ticks, void (*tick)(void *arg), void *arg);

/* Stop the periodic tick (timer disabled, interrupt off). Any context. */
void vtimer_stop(void);

/* This vCPU's ticks delivered since its vtimer_start_periodic(). Any context. */
uint64_t vtimer_tick_count(void);

#endif /* ERIKA_DRIVERS_TIMER_H */
