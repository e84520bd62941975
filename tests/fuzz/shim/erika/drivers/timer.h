/*
 * Host stand-in for the ARM virtual timer (include/erika/drivers/timer.h):
 * the fuzz target provides the counter, which advances on every read so
 * that every wait ends.
 */
#ifndef ERIKA_DRIVERS_TIMER_H
#define ERIKA_DRIVERS_TIMER_H

#include <stdint.h>

/* One tick per millisecond: timeouts are counted in counter reads. */
static inline uint32_t vtimer_frequency(void)
{
	return 1000;
}

uint64_t vtimer_count(void);

static inline uint64_t vtimer_ms_to_ticks(uint32_t ms)
{
	return (uint64_t)vtimer_frequency() * ms / 1000u;
}

#endif /* ERIKA_DRIVERS_TIMER_H */
