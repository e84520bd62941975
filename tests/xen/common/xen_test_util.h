/*
 * Helpers shared by the Xen driver guest tests: waiting with a deadline on
 * the virtual counter, for something an interrupt handler does.
 */
#ifndef XEN_TEST_UTIL_H
#define XEN_TEST_UTIL_H

#include <stdint.h>

#include <erika/drivers/timer.h>

/* Spin until *counter reaches target or ms pass; returns 1 if it did. */
static inline int wait_for_count(const volatile unsigned int *counter, unsigned int target,
				 uint32_t ms)
{
	uint64_t deadline = vtimer_count() + vtimer_ms_to_ticks(ms);

	while (*counter < target)
		if (vtimer_count() >= deadline)
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
