/*
 * Interrupts (OSEK test plan: ISR categories, nesting, rescheduling at the
 * end of the outermost ISR2, the interrupt services) driven by
 * software-generated interrupts the guest raises on itself: SGI1 = IsrLow
 * (ISR2, priority 2), SGI2 = IsrHigh (ISR2, 6), SGI3 = IsrCat1 (ISR1, 20).
 */

#include <erika/drivers/irq.h>

#include "suite.h"

kt_fn isr_low_fn, isr_high_fn, isr_cat1_fn;
static volatile int low_done, high_done, cat1_done;

ISR(IsrLow)
{
	if (isr_low_fn)
		isr_low_fn();
	low_done = 1;
}

ISR(IsrHigh)
{
	if (isr_high_fn)
		isr_high_fn();
	high_done = 1;
}

static volatile int uart_isr_runs;

ISR(IsrUart)
{
	uart_isr_runs++;
}

ISR(IsrCat1)
{
	if (isr_cat1_fn)
		isr_cat1_fn();
	cat1_done = 1;
}

static void reset(void)
{
	kt_reset();
	isr_low_fn = isr_high_fn = isr_cat1_fn = 0;
	low_done = high_done = cat1_done = 0;
}

static void h_step(void)
{
	kt_step(50);
}

static TaskType isr_seen_task;

static void low_activates_h(void)
{
	(void)GetTaskID(&isr_seen_task);
	kt_step(2);
	KT_EQ(ActivateTask(TaskH), E_OK);
	kt_step(3); /* TaskH waits for the end of the ISR */
}

/* An ISR2 activates a task: it runs when the ISR ends, before Main goes on. */
static void test_isr_activates_task(void)
{
	reset();
	isr_low_fn = low_activates_h;
	kt_on(TaskH, h_step);
	kt_step(1);
	TEST_CHECK_EQ(irq_raise_sgi(1), 0);
	TEST_CHECK(kt_wait(&low_done), "IsrLow did not run");
	kt_step(4);
	KT_EXPECT(1, 2, 3, 50, 4);
	TEST_CHECK_EQ(isr_seen_task, Main); /* GetTaskID in an ISR: the interrupted task */
}

static void high_step(void)
{
	kt_step(3);
}

static void low_raises_high(void)
{
	kt_step(2);
	KT_EQ(irq_raise_sgi(2), 0);
	KT_CHECK(kt_wait(&high_done), "IsrHigh did not nest");
	kt_step(4);
}

/* An ISR of higher priority nests inside a running one. */
static void test_nesting(void)
{
	reset();
	isr_low_fn = low_raises_high;
	isr_high_fn = high_step;
	TEST_CHECK_EQ(irq_raise_sgi(1), 0);
	TEST_CHECK(kt_wait(&low_done), "IsrLow did not run");
	KT_EXPECT(2, 3, 4);
}

static void low_step(void)
{
	kt_step(4);
}

static void high_raises_low(void)
{
	kt_step(2);
	KT_EQ(irq_raise_sgi(1), 0);
	for (volatile int i = 0; i < 100000; i++)
		;
	kt_step(3);
}

/* An ISR of lower priority waits for the running one. */
static void test_no_nesting_below(void)
{
	reset();
	isr_high_fn = high_raises_low;
	isr_low_fn = low_step;
	TEST_CHECK_EQ(irq_raise_sgi(2), 0);
	TEST_CHECK(kt_wait(&low_done), "IsrLow did not run");
	KT_EXPECT(2, 3, 4);
}

static void high_activates_h(void)
{
	kt_step(3);
	KT_EQ(ActivateTask(TaskH), E_OK);
}

/* A task activated by a nested ISR runs only after the outermost ISR. */
static void test_dispatch_after_outermost(void)
{
	reset();
	isr_low_fn = low_raises_high;
	isr_high_fn = high_activates_h;
	kt_on(TaskH, h_step);
	TEST_CHECK_EQ(irq_raise_sgi(1), 0);
	TEST_CHECK(kt_wait(&low_done), "IsrLow did not run");
	kt_step(5);
	KT_EXPECT(2, 3, 4, 50, 5);
}

static void cat1_step(void)
{
	kt_step(3);
}

static void low_raises_cat1(void)
{
	kt_step(2);
	KT_EQ(irq_raise_sgi(3), 0);
	KT_CHECK(kt_wait(&cat1_done), "IsrCat1 did not nest");
	kt_step(4);
}

/* An ISR1 above the ISR2s nests in them. */
static void test_cat1(void)
{
	reset();
	isr_low_fn = low_raises_cat1;
	isr_cat1_fn = cat1_step;
	TEST_CHECK_EQ(irq_raise_sgi(1), 0);
	TEST_CHECK(kt_wait(&low_done), "IsrLow did not run");
	KT_EXPECT(2, 3, 4);
}

static void spin(void)
{
	for (volatile int i = 0; i < 100000; i++)
		;
}

/* DisableAllInterrupts keeps interrupts pending until EnableAllInterrupts. */
static void test_disable_all(void)
{
	reset();
	DisableAllInterrupts();
	(void)irq_raise_sgi(1);
	spin();
	kt_step(low_done ? 99 : 1);
	EnableAllInterrupts();
	TEST_CHECK(kt_wait(&low_done), "IsrLow did not run");
	KT_EXPECT(1);
}

/* Suspend/Resume pairs nest: only the outermost Resume lets interrupts in. */
static void test_suspend_nesting(void)
{
	reset();
	SuspendAllInterrupts();
	SuspendOSInterrupts();
	SuspendAllInterrupts();
	(void)irq_raise_sgi(1);
	(void)irq_raise_sgi(3);
	ResumeAllInterrupts();
	spin();
	kt_step(low_done || cat1_done ? 99 : 1);
	ResumeOSInterrupts();
	spin();
	kt_step(low_done || cat1_done ? 99 : 2);
	ResumeAllInterrupts();
	TEST_CHECK(kt_wait(&low_done) && kt_wait(&cat1_done), "the ISRs did not run");
	KT_EXPECT(1, 2);
}

#ifdef CONFIG_OS_STATUS_EXTENDED
static StatusType rc_terminate, rc_chain, rc_schedule;

static void low_calls_task_services(void)
{
	rc_terminate = TerminateTask();
	rc_chain = ChainTask(TaskH);
	rc_schedule = Schedule();
}

/* Task-level services refuse to run in an ISR (extended status). */
static void test_callevel(void)
{
	reset();
	isr_low_fn = low_calls_task_services;
	kt_on(TaskH, h_step);
	TEST_CHECK_EQ(irq_raise_sgi(1), 0);
	TEST_CHECK(kt_wait(&low_done), "IsrLow did not run");
	TEST_CHECK_EQ(rc_terminate, E_OS_CALLEVEL);
	TEST_CHECK_EQ(rc_chain, E_OS_CALLEVEL);
	TEST_CHECK_EQ(rc_schedule, E_OS_CALLEVEL);
	KT_EXPECT(); /* TaskH was not activated */
}
#endif

/* An ISR whose source is a devicetree node label was connected by StartOS. */
static void test_devicetree_source(void)
{
	TEST_CHECK_EQ(uart_isr_runs, 0);
	TEST_CHECK_EQ(irq_unhandled_count(), 0);
}

void suite_isrs(void)
{
	RUN_TEST(test_devicetree_source);
	RUN_TEST(test_isr_activates_task);
	RUN_TEST(test_nesting);
	RUN_TEST(test_no_nesting_below);
	RUN_TEST(test_dispatch_after_outermost);
	RUN_TEST(test_cat1);
	RUN_TEST(test_disable_all);
	RUN_TEST(test_suspend_nesting);
#ifdef CONFIG_OS_STATUS_EXTENDED
	RUN_TEST(test_callevel);
#endif
}
