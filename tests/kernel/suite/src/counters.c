/*
 * More than one counter (AUTOSAR OS 8.4.17 IncrementCounter; OSEK 2.2.3
 * 13.6 alarms on any counter). SoftCounter (MAXALLOWEDVALUE 7, MINCYCLE 2)
 * is advanced by IncrementCounter only, so every case here states exactly
 * which tick expires what; DivCounter ticks from the system tick's
 * interrupt once every 4 system ticks (OIL DIVIDER = 4), checked against the
 * system ticks the guest handled, not against host time.
 */

#include <erika/drivers/irq.h>
#include <erika/drivers/timer.h>

#include "suite.h"

static unsigned int soft_cb_runs;
kt_fn soft_cb_fn;

ALARMCALLBACK(soft_cb)
{
	if (soft_cb_fn)
		soft_cb_fn();
	else
		kt_step(60 + (int)soft_cb_runs++);
}

#define DIV_AT 8u
static volatile unsigned int div_runs;
static unsigned int div_at[DIV_AT];

ALARMCALLBACK(div_cb)
{
	if (div_runs < DIV_AT)
		div_at[div_runs] = (unsigned int)vtimer_tick_count();
	div_runs = div_runs + 1;
}

static void step_h(void)
{
	kt_step(50);
}

static void increment(unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		KT_EQ(IncrementCounter(SoftCounter), E_OK);
}

/* Each alarm reports its own counter's constants, whatever the counter. */
static void test_counter_alarm_base(void)
{
	AlarmBaseType b;

	TEST_CHECK_EQ(GetAlarmBase(AlarmSoftAct, &b), E_OK);
	TEST_CHECK_EQ(b.maxallowedvalue, 7);
	TEST_CHECK_EQ(b.ticksperbase, 1);
	TEST_CHECK_EQ(b.mincycle, 2);
	TEST_CHECK_EQ(GetAlarmBase(AlarmDiv, &b), E_OK);
	TEST_CHECK_EQ(b.maxallowedvalue, OSMAXALLOWEDVALUE_DivCounter);
	TEST_CHECK_EQ(b.maxallowedvalue, 0xff);
}

/*
 * From a task: the alarm expires on the third IncrementCounter, and the task
 * it activates (above Main) runs before IncrementCounter returns.
 */
static void test_increment_counter_task(void)
{
	TickType t = 0;

	kt_reset();
	kt_on(TaskH, step_h);
	TEST_CHECK_EQ(SetRelAlarm(AlarmSoftAct, 3, 0), E_OK);
	increment(2);
	TEST_CHECK_EQ(GetAlarm(AlarmSoftAct, &t), E_OK);
	TEST_CHECK_EQ(t, 1);
	kt_step(1);
	increment(1);
	kt_step(2);
	KT_EXPECT(1, 50, 2);
	TEST_CHECK_EQ(GetAlarm(AlarmSoftAct, &t), E_OS_NOFUNC);
}

/* A cyclic alarm across the counter's wrap (8 values), then cancelled. */
static void test_increment_counter_cyclic(void)
{
	kt_reset();
	soft_cb_runs = 0;
	TEST_CHECK_EQ(SetRelAlarm(AlarmSoftCb, 6, 3), E_OK);
	increment(5);
	kt_step(1);
	increment(1); /* the 6th: first expiry */
	kt_step(2);
	increment(3); /* one cycle: second expiry */
	kt_step(3);
	TEST_CHECK_EQ(CancelAlarm(AlarmSoftCb), E_OK);
	increment(8); /* a whole wrap: nothing */
	KT_EXPECT(1, 60, 2, 61, 3);
}

static volatile int low_ran;

static void low_increments(void)
{
	kt_step(2);
	KT_EQ(IncrementCounter(SoftCounter), E_OK);
	kt_step(3); /* TaskH waits for the end of the ISR */
	low_ran = 1;
}

/* From an ISR2: the task the alarm activates runs when the ISR ends. */
static void test_increment_counter_isr(void)
{
	kt_reset();
	low_ran = 0;
	kt_on(TaskH, step_h);
	isr_low_fn = low_increments;
	TEST_CHECK_EQ(SetRelAlarm(AlarmSoftAct, 1, 0), E_OK);
	kt_step(1);
	TEST_CHECK_EQ(irq_raise_sgi(1), 0);
	TEST_CHECK(kt_wait(&low_ran), "IsrLow did not run");
	isr_low_fn = 0;
	kt_step(4);
	KT_EXPECT(1, 2, 3, 50, 4);
}

/*
 * DIVIDER = 4: a cycle-1 alarm on DivCounter expires on every 4th system
 * tick, exactly (the expiries' system tick numbers are 4 apart).
 */
static void test_divider_counter(void)
{
	uint64_t tick0 = vtimer_tick_count(), tick1;
	unsigned int n;

	div_runs = 0;
	TEST_CHECK_EQ(SetRelAlarm(AlarmDiv, 1, 1), E_OK);
	tick1 = vtimer_tick_count(); /* a busy host may deliver ticks in between */
	while (div_runs < 6 && kt_ticks_since(tick0) < 100)
		;
	TEST_CHECK_EQ(CancelAlarm(AlarmDiv), E_OK);
	n = div_runs;
	TEST_CHECK(n >= 6, "%u expiries in %u system ticks", n,
		   (unsigned int)kt_ticks_since(tick0));
	/* Set between system ticks tick0 and tick1: the next DivCounter tick is at most 4 later. */
	TEST_CHECK(div_at[0] > (unsigned int)tick0 && div_at[0] <= (unsigned int)tick1 + 4,
		   "first expiry at system tick %u, set between %u and %u", div_at[0],
		   (unsigned int)tick0, (unsigned int)tick1);
	for (unsigned int k = 1; k < n && k < DIV_AT; k++)
		TEST_CHECK(div_at[k] - div_at[k - 1] == 4,
			   "expiries %u and %u at system ticks %u, %u", k - 1, k, div_at[k - 1],
			   div_at[k]);
}

#ifdef CONFIG_OS_STATUS_EXTENDED
/* Extended status: no such counter, or one the hardware drives (SWS_Os_00285). */
static void test_increment_counter_errors(void)
{
	kt_reset();
	TEST_CHECK_EQ(IncrementCounter((CounterType)OS_NUM_COUNTERS), E_OS_ID);
	TEST_CHECK_EQ(kt_last_error.service, OSServiceId_IncrementCounter);
	TEST_CHECK_EQ(OSError_IncrementCounter_CounterID(), OS_NUM_COUNTERS);
	TEST_CHECK_EQ(IncrementCounter(SystemTimer), E_OS_ID);
	TEST_CHECK_EQ(IncrementCounter(DivCounter), E_OS_ID);
	TEST_CHECK_EQ(kt_last_error.count, 3);
	TEST_CHECK_EQ(OSError_IncrementCounter_CounterID(), DivCounter);
}
#endif

void suite_counters(void)
{
	RUN_TEST(test_counter_alarm_base);
	RUN_TEST(test_increment_counter_task);
	RUN_TEST(test_increment_counter_cyclic);
	RUN_TEST(test_increment_counter_isr);
	RUN_TEST(test_divider_counter);
#ifdef CONFIG_OS_STATUS_EXTENDED
	RUN_TEST(test_increment_counter_errors);
#endif
}
