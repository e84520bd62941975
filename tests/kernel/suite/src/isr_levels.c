/*
 * Interrupt levels instead of one interrupt mask. OSEK 2.2.3 8.6: a
 * resource shared with an ISR2 raises the level to its ceiling only, so an
 * ISR2 above the ceiling still comes in; 13.3.2.5 SuspendOSInterrupts and
 * the kernel's own critical sections keep out category 2 ISRs only, never
 * category 1 (10: ISR1s "do not use an operating system service" and run
 * regardless of the OS). IsrLow (ISR2, 2) shares ResIsr; IsrHigh (ISR2, 6)
 * is above its ceiling; IsrCat1 (ISR1, 20) above everything.
 */

#include <erika/drivers/irq.h>

#include "suite.h"

static volatile int low_ran, high_ran, cat1_ran;

static void low_logs(void)
{
	kt_step(20);
	low_ran = 1;
}

static void high_logs(void)
{
	kt_step(30);
	high_ran = 1;
}

static void cat1_logs(void)
{
	kt_step(40);
	cat1_ran = 1;
}

/* Spin until *flag or a million turns: an SGI comes in within a few thousand instructions. */
static int spin_for(const volatile int *flag)
{
	for (unsigned int i = 0; i < 1000000u && !*flag; i++)
		;
	return *flag;
}

static void reset(void)
{
	kt_reset();
	low_ran = high_ran = cat1_ran = 0;
	isr_low_fn = low_logs;
	isr_high_fn = high_logs;
	isr_cat1_fn = cat1_logs;
}

static void unset(void)
{
	isr_low_fn = isr_high_fn = isr_cat1_fn = 0;
}

static void l_holds_res_isr(void)
{
	KT_EQ(GetResource(ResIsr), E_OK);
	kt_step(1);
	KT_EQ(irq_raise_sgi(2), 0); /* IsrHigh: above the ceiling, comes in */
	KT_CHECK(spin_for(&high_ran), "IsrHigh was kept out by ResIsr");
	KT_EQ(irq_raise_sgi(1), 0); /* IsrLow: at the ceiling, waits */
	KT_CHECK(!spin_for(&low_ran), "IsrLow ran while ResIsr was held");
	kt_step(2);
	KT_EQ(ReleaseResource(ResIsr), E_OK); /* IsrLow runs here */
	kt_step(3);
}

/* 8.6: the ceiling of a resource shared with an ISR2 is that ISR's level, not "all". */
static void test_isr_ceiling_level(void)
{
	reset();
	kt_on(TaskL, l_holds_res_isr);
	TEST_CHECK_EQ(ActivateTask(TaskL), E_OK);
	unset();
	KT_EXPECT(1, 30, 2, 20, 3);
}

/* SuspendOSInterrupts keeps out the ISR2s and lets the ISR1 in. */
static void test_suspend_os_lets_isr1_in(void)
{
	reset();
	SuspendOSInterrupts();
	kt_step(1);
	(void)irq_raise_sgi(3); /* IsrCat1 */
	(void)spin_for(&cat1_ran);
	(void)irq_raise_sgi(2); /* IsrHigh, category 2 */
	(void)spin_for(&high_ran);
	kt_step(2);
	ResumeOSInterrupts(); /* IsrHigh runs here */
	kt_step(3);
	unset();
	KT_EXPECT(1, 40, 2, 30, 3);
}

static volatile int in_kernel_cat1;

/* Alarm callback: runs inside IncrementCounter, kernel lock held. */
static void cb_raises_cat1(void)
{
	kt_step(2);
	(void)irq_raise_sgi(3);
	in_kernel_cat1 = spin_for(&cat1_ran);
	(void)irq_raise_sgi(2); /* category 2: waits for the kernel to leave */
	(void)spin_for(&high_ran);
	kt_step(3);
}

/* An ISR1 comes in while the kernel runs an alarm callback; an ISR2 waits for its end. */
static void test_isr1_in_kernel(void)
{
	reset();
	in_kernel_cat1 = 0;
	soft_cb_fn = cb_raises_cat1;
	TEST_CHECK_EQ(SetRelAlarm(AlarmSoftCb, 1, 0), E_OK);
	kt_step(1);
	TEST_CHECK_EQ(IncrementCounter(SoftCounter), E_OK);
	kt_step(4);
	soft_cb_fn = 0;
	unset();
	TEST_CHECK(in_kernel_cat1, "IsrCat1 did not run inside the kernel");
	/* IsrHigh runs when IncrementCounter unlocks. */
	KT_EXPECT(1, 2, 40, 3, 30, 4);
}

void suite_isr_levels(void)
{
	RUN_TEST(test_isr_ceiling_level);
	RUN_TEST(test_suspend_os_lets_isr1_in);
	RUN_TEST(test_isr1_in_kernel);
}
