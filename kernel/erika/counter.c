/*
 * Counters: each counts ticks from 0 to its OIL MAXALLOWEDVALUE and wraps.
 * A tick expires the alarms set for the counter's new value. The system
 * counter (the OIL counter SystemTimer) ticks every CONFIG_OS_TICK_US from
 * the virtual timer, whose deadlines follow each other by exactly one period,
 * so the counter keeps time with the virtual count without drift.
 */

#include <stddef.h>

#include "os_kernel.h"

#if OS_NUM_COUNTERS > 0

/*
 * Advance counter c by one tick and expire its alarms. Kernel locked,
 * interrupt level (the system tick), so any task they make ready runs at
 * the end of the interrupt.
 */
void os_counter_tick_isr(unsigned int c)
{
	struct os_counter *k = &os_counter[c];
	TickType max = os_counter_cfg[c].maxallowedvalue;
	struct os_alarm **link = &k->armed;
	struct os_alarm *a;

	k->value = k->value == max ? 0 : k->value + 1;
	while ((a = *link) != NULL) {
		if (a->expiry != k->value) {
			link = &a->next;
			continue;
		}
		if (a->cycle != 0) {
			/* From the expiry, not from now: cyclic alarms do not drift. */
			a->expiry = a->cycle > max - a->expiry ? a->cycle - (max - a->expiry) - 1
							       : a->expiry + a->cycle;
			link = &a->next;
		} else {
			a->armed = 0;
			*link = a->next;
		}
		os_alarm_expire_isr(a);
	}
}

#endif

#if OS_HAS_SYSTEM_COUNTER

#ifndef CONFIG_ARM_VTIMER
#error "the OIL counter SystemTimer needs the virtual timer driver (CONFIG_ARM_VTIMER)"
#endif

#include <erika/drivers/timer.h>

static void systick(void *unused)
{
	(void)unused;
	os_counter_tick_isr(OS_SYSTEM_COUNTER);
}

/* Start the system counter's tick. StartOS, kernel locked. */
void os_counter_start(void)
{
	uint64_t period = (uint64_t)vtimer_frequency() * CONFIG_OS_TICK_US / 1000000u;

	if (vtimer_start_periodic((uint32_t)period, systick, NULL) != 0)
		os_fatal(E_OS_SYS_INIT, OSServiceId_StartOS, "the system timer did not start",
			 "SystemTimer");
}

#else

void os_counter_start(void)
{
}

#endif
