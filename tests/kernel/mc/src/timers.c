/*
 * Each core's alarms on its own system counter (OSEK 2.2.3 9.1, 9.2: an
 * alarm is based on one counter; here every counter, hence every alarm,
 * belongs to one core, kernel/erika/README.md "Two cores"). Core 0's Sys0
 * and core 1's Sys1 tick from each core's own virtual timer (ARM ARM B8:
 * CNTV_* and PPI 27 are per vCPU), Half1 from every second tick of Sys1.
 * Checked by counts, never by time:
 *  - both cores' cyclic alarms expire, each action on the alarm's own core;
 *  - Half1 ticks on every second tick of Sys1: at each expiry of Half1's
 *    alarm (a callback, OSEK 9.2, run at every expiry, in core 1's timer
 *    interrupt) Sys1's alarm has expired exactly twice as often;
 *  - core 0 may not set, read or cancel core 1's alarm (E_OS_CORE);
 *  - once core 1 cancels its alarms, they expire no more while core 0's
 *    alarm goes on: one core's timer does not drive the other's alarms.
 */

#include <erika/printk.h>

#include "mc.h"

DeclareTask(Stopper1);

static volatile unsigned int t0_runs, tick1_expiries, half1_expiries, wrong_core;
static volatile unsigned int ratio_wrong;
static volatile unsigned int stopped, stop_rc;
/* Read on core 1 by Stopper1 once both its alarms are cancelled. */
static volatile unsigned int tick1_at_stop, half1_at_stop;

static void count(volatile unsigned int *n, CoreIdType core)
{
	if (GetCoreID() != core)
		wrong_core = wrong_core + 1;
	*n = *n + 1;
}

TASK(T0)
{
	count(&t0_runs, 0);
	(void)TerminateTask();
}

ALARMCALLBACK(OnTick1)
{
	count(&tick1_expiries, 1);
}

/* In the same timer interrupt as Sys1's tick that made Half1 tick, after Tick1's callback. */
ALARMCALLBACK(OnHalf1)
{
	count(&half1_expiries, 1);
	if (tick1_expiries != 2 * half1_expiries)
		ratio_wrong = ratio_wrong + 1;
}

/* Core 1: its alarm callbacks run in its timer interrupt, never inside this task. */
TASK(Stopper1)
{
	unsigned int rc = 0;

	rc |= CancelAlarm(Tick1);
	rc |= CancelAlarm(Half1Alarm);
	tick1_at_stop = tick1_expiries;
	half1_at_stop = half1_expiries;
	stop_rc = rc;
	__atomic_store_n(&stopped, 1u, __ATOMIC_SEQ_CST);
	(void)TerminateTask();
}

static void test_both_cores_tick(void)
{
	TEST_CHECK(mc_wait(&t0_runs, 20), "core 0's alarm activated T0 %u times", t0_runs);
	TEST_CHECK(mc_wait(&tick1_expiries, 20), "core 1's Tick1 expired %u times", tick1_expiries);
	TEST_CHECK(mc_wait(&half1_expiries, 10), "core 1's Half1Alarm expired %u times",
		   half1_expiries);
	TEST_CHECK_EQ(wrong_core, 0);
}

static void test_other_core_alarm_refused(void)
{
	TickType left = 0;

	TEST_CHECK_EQ(GetAlarm(Tick1, &left), E_OS_CORE);
	TEST_CHECK_EQ(SetRelAlarm(Tick1, 5, 0), E_OS_CORE);
	TEST_CHECK_EQ(CancelAlarm(Tick1), E_OS_CORE);
	TEST_CHECK_EQ(GetAlarm(Tick0, &left), E_OK);
}

static void test_core1_stops_alone(void)
{
	unsigned int t0_then;

	TEST_CHECK_EQ(ActivateTask(Stopper1), E_OK);
	TEST_CHECK(mc_wait(&stopped, 1), "Stopper1 never ran");
	TEST_CHECK_EQ(stop_rc, E_OK);
	TEST_CHECK_EQ(ratio_wrong, 0);
	/* Core 0's alarm goes on for 20 more activations; core 1's expire no more. */
	t0_then = t0_runs;
	TEST_CHECK(mc_wait(&t0_runs, t0_then + 20), "core 0's alarm stopped with core 1's");
	TEST_CHECK_EQ(tick1_expiries, tick1_at_stop);
	TEST_CHECK_EQ(half1_expiries, half1_at_stop);
	TEST_CHECK_EQ(wrong_core, 0);
	printk("figure: core 1's alarms stopped after %u and %u expiries; T0 ran %u times\n",
	       tick1_at_stop, half1_at_stop, t0_runs);
}

TASK(Main)
{
	RUN_TEST(test_both_cores_tick);
	RUN_TEST(test_other_core_alarm_refused);
	RUN_TEST(test_core1_stops_alone);
	ShutdownOS(E_OK);
}
