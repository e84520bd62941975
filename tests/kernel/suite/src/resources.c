/*
 * Resources (OSEK test plan: GetResource, ReleaseResource, the priority
 * ceiling, nesting, RES_SCHEDULER, resources shared with an ISR2).
 * Ceilings: Res1 = TaskM (4), Res2 = TaskH (7), ResIsr = IsrLow's level,
 * RES_SCHEDULER = the highest task priority.
 */

#include <erika/drivers/irq.h>

#include "suite.h"

static void step_m(void)
{
	kt_step(50);
}

static void step_h(void)
{
	kt_step(60);
}

static void l_holds_res1(void)
{
	kt_step(2);
	KT_EQ(GetResource(Res1), E_OK);
	KT_EQ(ActivateTask(TaskM), E_OK); /* at the ceiling: waits */
	kt_step(3);
	KT_EQ(ActivateTask(TaskH), E_OK); /* above the ceiling: preempts */
	kt_step(4);
	KT_EQ(ReleaseResource(Res1), E_OK); /* TaskM runs here */
	kt_step(5);
}

/* The ceiling keeps out the tasks sharing the resource, not those above. */
static void test_ceiling(void)
{
	kt_reset();
	kt_on(TaskL, l_holds_res1);
	kt_on(TaskM, step_m);
	kt_on(TaskH, step_h);
	TEST_CHECK_EQ(ActivateTask(TaskL), E_OK);
	KT_EXPECT(2, 3, 60, 4, 50, 5);
}

static void m_nests(void)
{
	kt_step(2);
	KT_EQ(GetResource(Res1), E_OK);
	KT_EQ(GetResource(Res2), E_OK);
	KT_EQ(ActivateTask(TaskH), E_OK);
	kt_step(3);
	KT_EQ(ReleaseResource(Res2), E_OK); /* back to Res1's ceiling: TaskH runs */
	kt_step(4);
	KT_EQ(ReleaseResource(Res1), E_OK);
	kt_step(5);
}

/* Nested resources: each release goes back to the previous ceiling. */
static void test_nested(void)
{
	kt_reset();
	kt_on(TaskM, m_nests);
	kt_on(TaskH, step_h);
	TEST_CHECK_EQ(ActivateTask(TaskM), E_OK);
	KT_EXPECT(2, 3, 60, 4, 5);
}

/* RES_SCHEDULER: no task preempts its holder. */
static void test_res_scheduler(void)
{
	kt_reset();
	kt_on(TaskH, step_h);
	kt_on(TaskM, step_m);
	TEST_CHECK_EQ(GetResource(RES_SCHEDULER), E_OK);
	TEST_CHECK_EQ(ActivateTask(TaskM), E_OK);
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	kt_step(1);
	TEST_CHECK_EQ(ReleaseResource(RES_SCHEDULER), E_OK);
	kt_step(2);
	KT_EXPECT(1, 60, 50, 2);
}

static volatile int isr_ran;

static void isr_low_step(void)
{
	kt_step(10);
	isr_ran = 1;
}

static void l_holds_res_isr(void)
{
	kt_step(2);
	KT_EQ(GetResource(ResIsr), E_OK);
	isr_ran = 0;
	KT_EQ(irq_raise_sgi(1), 0);
	for (volatile int i = 0; i < 100000; i++)
		;
	KT_CHECK(!isr_ran, "IsrLow ran while its resource was held");
	kt_step(3);
	KT_EQ(ReleaseResource(ResIsr), E_OK); /* IsrLow runs here */
	kt_step(4);
}

/* A resource shared with an ISR2 keeps the ISR out while held. */
static void test_isr_resource(void)
{
	kt_reset();
	isr_low_fn = isr_low_step;
	kt_on(TaskL, l_holds_res_isr);
	TEST_CHECK_EQ(ActivateTask(TaskL), E_OK);
	isr_low_fn = 0;
	KT_EXPECT(2, 3, 10, 4);
}

static StatusType isr_get_rc, isr_rel_rc, isr_other_rc;

static void isr_takes_res(void)
{
	isr_get_rc = GetResource(ResIsr);
	isr_rel_rc = ReleaseResource(ResIsr);
	isr_other_rc = GetResource(Res1); /* a task resource: above its ceiling */
	isr_ran = 1;
}

/* An ISR2 takes and releases its resource. */
static void test_resource_in_isr(void)
{
	kt_reset();
	isr_ran = 0;
	isr_low_fn = isr_takes_res;
	TEST_CHECK_EQ(irq_raise_sgi(1), 0);
	TEST_CHECK(kt_wait(&isr_ran), "IsrLow did not run");
	isr_low_fn = 0;
	TEST_CHECK_EQ(isr_get_rc, E_OK);
	TEST_CHECK_EQ(isr_rel_rc, E_OK);
#ifdef CONFIG_OS_STATUS_EXTENDED
	TEST_CHECK_EQ(isr_other_rc, E_OS_ACCESS);
#endif
}

void suite_resources(void)
{
	RUN_TEST(test_ceiling);
	RUN_TEST(test_nested);
	RUN_TEST(test_res_scheduler);
	RUN_TEST(test_isr_resource);
	RUN_TEST(test_resource_in_isr);
}
