/*
 * Scheduling policy (OSEK test plan: full, non-preemptive and mixed
 * preemption, Schedule, internal resources). NonPre (3) has SCHEDULE = NON;
 * GrpA (5) and GrpB (6) share the internal resource Grp (ceiling 6).
 */

#include <erika/drivers/irq.h>

#include "suite.h"

static void h_step(void)
{
	kt_step(50);
}

static void np_activates_h(void)
{
	kt_step(2);
	KT_EQ(ActivateTask(TaskH), E_OK);
	kt_step(3);
}

/* A non-preemptive task is not preempted by a task of higher priority. */
static void test_nonpreemptive(void)
{
	kt_reset();
	kt_on(NonPre, np_activates_h);
	kt_on(TaskH, h_step);
	kt_step(1);
	TEST_CHECK_EQ(ActivateTask(NonPre), E_OK);
	kt_step(4);
	KT_EXPECT(1, 2, 3, 50, 4);
}

static void np_schedules(void)
{
	kt_step(2);
	KT_EQ(ActivateTask(TaskH), E_OK);
	kt_step(3);
	KT_EQ(Schedule(), E_OK);
	kt_step(4);
}

/* Schedule() in a non-preemptive task lets the ready task of higher priority run. */
static void test_nonpreemptive_schedule(void)
{
	kt_reset();
	kt_on(NonPre, np_schedules);
	kt_on(TaskH, h_step);
	TEST_CHECK_EQ(ActivateTask(NonPre), E_OK);
	KT_EXPECT(2, 3, 50, 4);
}

static void isr_activates_h(void)
{
	kt_step(10);
	KT_EQ(ActivateTask(TaskH), E_OK);
}

static volatile int np_isr_seen;

static void isr_mark(void)
{
	isr_activates_h();
	np_isr_seen = 1;
}

static void np_raises_isr(void)
{
	kt_step(2);
	np_isr_seen = 0;
	KT_EQ(irq_raise_sgi(1), 0);
	KT_CHECK(kt_wait(&np_isr_seen), "IsrLow did not run");
	kt_step(3);
}

/* Interrupts still preempt a non-preemptive task; the task they activate waits. */
static void test_nonpreemptive_isr(void)
{
	kt_reset();
	isr_low_fn = isr_mark;
	kt_on(NonPre, np_raises_isr);
	kt_on(TaskH, h_step);
	TEST_CHECK_EQ(ActivateTask(NonPre), E_OK);
	isr_low_fn = 0;
	KT_EXPECT(2, 10, 3, 50);
}

static void b_step(void)
{
	kt_step(60);
}

static void a_activates_b_and_h(void)
{
	kt_step(2);
	KT_EQ(ActivateTask(GrpB), E_OK); /* same group: waits */
	kt_step(3);
	KT_EQ(ActivateTask(TaskH), E_OK); /* above the group: preempts */
	kt_step(4);
}

/* An internal resource: tasks of a group do not preempt each other. */
static void test_internal_resource(void)
{
	kt_reset();
	kt_on(GrpA, a_activates_b_and_h);
	kt_on(GrpB, b_step);
	kt_on(TaskH, h_step);
	TEST_CHECK_EQ(ActivateTask(GrpA), E_OK);
	KT_EXPECT(2, 3, 50, 4, 60);
}

static void a_schedules(void)
{
	kt_step(2);
	KT_EQ(ActivateTask(GrpB), E_OK);
	KT_EQ(ActivateTask(TaskM), E_OK); /* below GrpA: Schedule does not let it in */
	kt_step(3);
	KT_EQ(Schedule(), E_OK);
	kt_step(4);
}

static void m_step(void)
{
	kt_step(70);
}

/* Schedule() gives up the internal resource to tasks above the OIL priority. */
static void test_internal_resource_schedule(void)
{
	kt_reset();
	kt_on(GrpA, a_schedules);
	kt_on(GrpB, b_step);
	kt_on(TaskM, m_step);
	TEST_CHECK_EQ(ActivateTask(GrpA), E_OK);
	KT_EXPECT(2, 3, 60, 4, 70);
}

static void m_schedules(void)
{
	kt_step(2);
	KT_EQ(ActivateTask(TaskL), E_OK);
	KT_EQ(Schedule(), E_OK); /* nothing above TaskM is ready */
	kt_step(3);
}

static void l_step(void)
{
	kt_step(80);
}

/* Schedule() in a fully preemptive task changes nothing. */
static void test_schedule_no_effect(void)
{
	kt_reset();
	kt_on(TaskM, m_schedules);
	kt_on(TaskL, l_step);
	TEST_CHECK_EQ(ActivateTask(TaskM), E_OK);
	KT_EXPECT(2, 3, 80);
}

static void np_activates_grp(void)
{
	kt_step(2);
	KT_EQ(ActivateTask(GrpB), E_OK);
	KT_EQ(ActivateTask(GrpA), E_OK);
	KT_EQ(ActivateTask(TaskL), E_OK);
	kt_step(3);
}

static void a_step(void)
{
	kt_step(61);
}

/* When the non-preemptive task ends, the ready tasks run by priority. */
static void test_ready_order(void)
{
	kt_reset();
	kt_on(NonPre, np_activates_grp);
	kt_on(GrpA, a_step);
	kt_on(GrpB, b_step);
	kt_on(TaskL, l_step);
	TEST_CHECK_EQ(ActivateTask(NonPre), E_OK);
	KT_EXPECT(2, 3, 60, 61, 80);
}

void suite_sched(void)
{
	RUN_TEST(test_nonpreemptive);
	RUN_TEST(test_nonpreemptive_schedule);
	RUN_TEST(test_nonpreemptive_isr);
	RUN_TEST(test_internal_resource);
	RUN_TEST(test_internal_resource_schedule);
	RUN_TEST(test_schedule_no_effect);
	RUN_TEST(test_ready_order);
}
