/*
 * Counters: each counts ticks from 0 to its OIL MAXALLOWEDVALUE and wraps.
 * A tick expires the alarms set for the counter's new value. The system
 * counter (the OIL counter SystemTimer) ticks every CONFIG_OS_TICK_US from
 * the virtual timer, whose deadlines follow each other by exactly one period,
 * so the counter keeps time with the virtual count without drift. A counter
 * with an OIL DIVIDER n ticks from the same interrupt once every n system
 * ticks; any other counter is a software one, advanced by IncrementCounter.
 */

#include <stddef.h>

#include "os_kernel.h"

#if OS_NUM_COUNTERS > 0

#if OS_NUM_ALARMS > 0
/* Expire every alarm of the counter due at its new value. */
static void expire_alarms(struct os_counter *k, TickType max)
{
	struct os_alarm **link = &k->armed;
	struct os_alarm *a;

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
		os_alarm_expire_locked(a);
	}
}
#else
/* A counter that no alarm uses (GetCounterValue, IncrementCounter only). */
static void expire_alarms(struct os_counter *k, TickType max)
{
	(void)k;
	(void)max;
}
#endif

/*
 * Advance counter c by one tick and expire its alarms. Kernel locked, any
 * level: the caller decides about preemption (the system tick: at the end
 * of the interrupt).
 */
void os_counter_tick_locked(unsigned int c)
{
	struct os_counter *k = &os_counter[c];
	TickType max = os_counter_cfg[c].maxallowedvalue;

	k->value = k->value == max ? 0 : k->value + 1;
	expire_alarms(k, max);
}

StatusType IncrementCounter(CounterType CounterID)
{
	uint32_t psr = os_lock();
	StatusType rc = E_OK;

	/* AUTOSAR OS SWS_Os_00285: not a counter the hardware drives. */
	if (OS_EXTENDED &&
	    (CounterID >= OS_NUM_COUNTERS || os_counter_cfg[CounterID].divider != 0)) {
		rc = os_error(E_OS_ID, OSServiceId_IncrementCounter, CounterID, 0, 0);
#if OS_NUM_CORES > 1
	} else if (OS_EXTENDED && os_counter_cfg[CounterID].core != os_core_id()) {
		/* AUTOSAR OS SWS_Os_00589: another core's counter. */
		rc = os_error(E_OS_CORE, OSServiceId_IncrementCounter, CounterID, 0, 0);
#endif
	} else {
		os_counter_tick_locked(CounterID);
		os_sched_check_task();
	}
	os_unlock(psr);
	return rc;
}

#endif

#if OS_HAS_SYSTEM_COUNTER

#ifndef CONFIG_ARM_VTIMER
#error "the OIL counter SystemTimer needs the virtual timer driver (CONFIG_ARM_VTIMER)"
#endif

#include <erika/drivers/timer.h>

#if OS_NUM_CORES > 1
/*
 * One core's system counter ticks (arg: its index), on that core's virtual
 * timer; the DIVIDER counters of the same core every divider-th time.
 */
static void systick(void *arg)
{
	unsigned int sc = (unsigned int)(uintptr_t)arg;

	os_counter_tick_locked(sc);
#if OS_NUM_DIVIDED_COUNTERS > 0
	unsigned int me = os_core_id();

	for (unsigned int c = 0; c < OS_NUM_COUNTERS; c++) {
		uint32_t div = os_counter_cfg[c].divider;

		if (div != 0 && c != sc && os_counter_cfg[c].core == me &&
		    ++os_counter[c].prescale == div) {
			os_counter[c].prescale = 0;
			os_counter_tick_locked(c);
		}
	}
#endif
}

/* Start the running core's system counter, if it has one. StartOS, kernel locked. */
void os_counter_start(void)
{
	uint64_t period = (uint64_t)vtimer_frequency() * CONFIG_OS_TICK_US / 1000000u;
	unsigned int sc = os_core_system_counter[os_core_id()];

	if (sc == OS_NO_COUNTER)
		return;
	if (vtimer_start_periodic((uint32_t)period, systick, (void *)(uintptr_t)sc) != 0)
		os_fatal(E_OS_SYS_INIT, OSServiceId_StartOS, "the system timer did not start",
			 "system counter");
}

#else

/* The system counter ticks; the DIVIDER counters every divider-th time. */
static void systick(void *unused)
{
	(void)unused;
	os_counter_tick_locked(OS_SYSTEM_COUNTER);
#if OS_NUM_DIVIDED_COUNTERS > 0
	for (unsigned int c = 0; c < OS_NUM_COUNTERS; c++) {
		uint32_t div = os_counter_cfg[c].divider;

		if (div != 0 && c != OS_SYSTEM_COUNTER && ++os_counter[c].prescale == div) {
			os_counter[c].prescale = 0;
			os_counter_tick_locked(c);
		}
	}
#endif
}

/* Start the system counter's tick. StartOS, kernel locked. */
void os_counter_start(void)
{
	uint64_t period = (uint64_t)vtimer_frequency() * CONFIG_OS_TICK_US / 1000000u;

	if (vtimer_start_periodic((uint32_t)period, systick, NULL) != 0)
		os_fatal(E_OS_SYS_INIT, OSServiceId_StartOS, "the system timer did not start",
			 "SystemTimer");
}

#endif

#else

void os_counter_start(void)
{
}

#endif
