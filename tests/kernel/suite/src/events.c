/*
 * Events (OSEK test plan: SetEvent, ClearEvent, GetEvent, WaitEvent) in the
 * ECC classes. ExtA (9) owns EvA, EvB, EvTick; ExtB (10) owns EvA, EvC; Main
 * is extended too (EvMain) so it can wait while the idle loop runs.
 */

#include <erika/drivers/irq.h>

#include "suite.h"

#ifdef CONFIG_OS_EXTENDED_TASKS

static EventMaskType got;
static volatile int a_woke;

static void a_waits_eva(void)
{
	kt_step(2);
	KT_EQ(WaitEvent(EvA), E_OK);
	kt_step(4);
	KT_EQ(GetEvent(ExtA, &got), E_OK);
	KT_EQ(ClearEvent(EvA), E_OK);
	a_woke = 1;
}

/* WaitEvent blocks; SetEvent from a lower task wakes and switches at once. */
static void test_wait_set(void)
{
	TaskStateType st;

	kt_reset();
	kt_on(ExtA, a_waits_eva);
	kt_step(1);
	TEST_CHECK_EQ(ActivateTask(ExtA), E_OK);
	TEST_CHECK_EQ(GetTaskState(ExtA, &st), E_OK);
	TEST_CHECK_EQ(st, WAITING);
	kt_step(3);
	TEST_CHECK_EQ(SetEvent(ExtA, EvA), E_OK);
	kt_step(5);
	KT_EXPECT(1, 2, 3, 4, 5);
	TEST_CHECK_EQ(got, EvA);
}

/* Events set while the task is READY stay set; WaitEvent then returns at once. */
static void test_set_before_wait(void)
{
	kt_reset();
	kt_on(ExtA, a_waits_eva);
	TEST_CHECK_EQ(GetResource(RES_SCHEDULER), E_OK);
	TEST_CHECK_EQ(ActivateTask(ExtA), E_OK);
	TEST_CHECK_EQ(SetEvent(ExtA, EvA | EvB), E_OK);
	kt_step(1);
	TEST_CHECK_EQ(ReleaseResource(RES_SCHEDULER), E_OK);
	KT_EXPECT(1, 2, 4);
	TEST_CHECK_EQ(got, EvA | EvB);
}

static void a_checks_events(void)
{
	KT_EQ(GetEvent(ExtA, &got), E_OK);
}

/* Activation clears the events a task had when it terminated. */
static void test_activation_clears(void)
{
	kt_reset();
	kt_on(ExtA, a_waits_eva);
	TEST_CHECK_EQ(GetResource(RES_SCHEDULER), E_OK);
	TEST_CHECK_EQ(ActivateTask(ExtA), E_OK);
	TEST_CHECK_EQ(SetEvent(ExtA, EvA | EvB), E_OK);
	TEST_CHECK_EQ(ReleaseResource(RES_SCHEDULER), E_OK); /* ends with EvB set */
	kt_on(ExtA, a_checks_events);
	TEST_CHECK_EQ(ActivateTask(ExtA), E_OK);
	TEST_CHECK_EQ(got, 0);
}

static void b_waits_any(void)
{
	kt_step(2);
	KT_EQ(WaitEvent(EvA | EvC), E_OK);
	KT_EQ(GetEvent(ExtB, &got), E_OK);
	kt_step(20);
}

static void a_waits_step(void)
{
	kt_step(3);
	KT_EQ(WaitEvent(EvA), E_OK);
	kt_step(10);
}

/* Two woken tasks run by priority; one of several events is enough. */
static void test_wake_order(void)
{
	kt_reset();
	kt_on(ExtB, b_waits_any);
	kt_on(ExtA, a_waits_step);
	TEST_CHECK_EQ(ActivateTask(ExtB), E_OK);
	TEST_CHECK_EQ(ActivateTask(ExtA), E_OK);
	TEST_CHECK_EQ(GetResource(RES_SCHEDULER), E_OK);
	TEST_CHECK_EQ(SetEvent(ExtA, EvA), E_OK);
	TEST_CHECK_EQ(SetEvent(ExtB, EvC), E_OK);
	kt_step(4);
	TEST_CHECK_EQ(ReleaseResource(RES_SCHEDULER), E_OK);
	KT_EXPECT(2, 3, 4, 20, 10);
	TEST_CHECK_EQ(got, EvC);
}

static void isr_sets_eva(void)
{
	kt_step(3);
	KT_EQ(SetEvent(ExtA, EvA), E_OK);
}

/* SetEvent from an ISR2 wakes the task at the end of the ISR. */
static void test_set_from_isr(void)
{
	kt_reset();
	a_woke = 0;
	kt_on(ExtA, a_waits_eva);
	TEST_CHECK_EQ(ActivateTask(ExtA), E_OK);
	isr_low_fn = isr_sets_eva;
	TEST_CHECK_EQ(irq_raise_sgi(1), 0);
	TEST_CHECK(kt_wait(&a_woke), "ExtA did not wake");
	isr_low_fn = 0;
	kt_step(5);
	KT_EXPECT(2, 3, 4, 5);
}

static void a_waits_tick(void)
{
	KT_EQ(WaitEvent(EvTick), E_OK);
	kt_step(2);
	a_woke = 1;
}

/* An alarm's SETEVENT action wakes a task from the timer interrupt. */
static void test_set_from_alarm(void)
{
	kt_reset();
	a_woke = 0;
	kt_on(ExtA, a_waits_tick);
	TEST_CHECK_EQ(ActivateTask(ExtA), E_OK);
	kt_step(1);
	TEST_CHECK_EQ(SetRelAlarm(AlarmEv, 3, 0), E_OK);
	TEST_CHECK(kt_wait(&a_woke), "the alarm did not wake ExtA");
	kt_step(3);
	KT_EXPECT(1, 2, 3);
}

/* Main waits: the idle loop runs until the timer's alarm sets Main's event. */
static void test_idle_wakeup(void)
{
	EventMaskType ev = 0;

	kt_reset();
	TEST_CHECK_EQ(SetRelAlarm(AlarmMain, 5, 0), E_OK);
	TEST_CHECK_EQ(WaitEvent(EvMain), E_OK);
	TEST_CHECK_EQ(GetEvent(Main, &ev), E_OK);
	TEST_CHECK_EQ(ev, EvMain);
	TEST_CHECK_EQ(ClearEvent(EvMain), E_OK);
	TEST_CHECK_EQ(GetEvent(Main, &ev), E_OK);
	TEST_CHECK_EQ(ev, 0);
}

/* The generator gave AUTO masks the lowest bits free in every owner. */
static void test_auto_masks(void)
{
	TEST_CHECK_EQ(EvB, 0x10);
	TEST_CHECK_EQ(EvA, 0x1);
	TEST_CHECK_EQ(EvC, 0x2);
	TEST_CHECK_EQ(EvTick, 0x2);
	TEST_CHECK_EQ(EvMain, 0x1);
}

#endif /* CONFIG_OS_EXTENDED_TASKS */

void suite_events(void)
{
#ifdef CONFIG_OS_EXTENDED_TASKS
	RUN_TEST(test_wait_set);
	RUN_TEST(test_set_before_wait);
	RUN_TEST(test_activation_clears);
	RUN_TEST(test_wake_order);
	RUN_TEST(test_set_from_isr);
	RUN_TEST(test_set_from_alarm);
	RUN_TEST(test_idle_wakeup);
	RUN_TEST(test_auto_masks);
#endif
}
