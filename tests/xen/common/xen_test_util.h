/*
 * Helpers shared by the Xen driver guest tests: waiting for something an
 * interrupt handler does, bounded by both time and the guest's own progress.
 */
#ifndef XEN_TEST_UTIL_H
#define XEN_TEST_UTIL_H

#include <stdint.h>

#include <erika/drivers/timer.h>

/*
 * Polls that a wait makes at least before it gives up. Under TCG the
 * virtual counter follows the host's clock: on a busy host the guest runs
 * few instructions per millisecond, and a wait bounded by time alone would
 * give up before the guest could take the interrupt. Counting polls makes
 * the bound the guest's own progress.
 */
#define WAIT_MIN_POLLS 1000000u

/*
 * Spin until *counter reaches target; give up once ms have passed and at
 * least WAIT_MIN_POLLS polls were made. Returns 1 if it reached target.
 */
static inline int wait_for_count(const volatile unsigned int *counter, unsigned int target,
				 uint32_t ms)
{
	uint64_t deadline = vtimer_count() + vtimer_ms_to_ticks(ms);
	unsigned int polls = 0;

	while (*counter < target)
		if (++polls >= WAIT_MIN_POLLS && vtimer_count() >= deadline)
			return 0;
	return 1;
}

/* Spin for ms milliseconds of virtual counter time. */
static inline void spin_ms(uint32_t ms)
{
	uint64_t deadline = vtimer_count() + vtimer_ms_to_ticks(ms);

	while (vtimer_count() < deadline)
		;
}

#endif /* XEN_TEST_UTIL_H */
