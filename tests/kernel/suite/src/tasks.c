/*
 * Task management (OSEK test plan: ActivateTask, TerminateTask, ChainTask,
 * GetTaskID, GetTaskState) and the preemption they cause. Priorities:
 * Main 1 < TaskL 2 < NonPre 3 < TaskM 4 < GrpA 5 < GrpB 6 < TaskH 7.
 */

#include "suite.h"

static void step2(void)
{
	kt_step(2);
}

static void step4(void)
{
	kt_step(4);
}

/* A task of higher priority runs at once and to its end. */
static void test_activate_preempts(void)
{
	kt_reset();
	kt_on(TaskH, step2);
	kt_step(1);
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	kt_step(3);
	KT_EXPECT(1, 2, 3);
}

static void m_activates_l(void)
{
	kt_step(2);
	KT_EQ(ActivateTask(TaskL), E_OK);
	kt_step(3);
}

/* A task of lower priority than the caller waits for the caller's end. */
static void test_activate_no_preempt(void)
{
	kt_reset();
	kt_on(TaskM, m_activates_l);
	kt_on(TaskL, step4);
	kt_step(1);
	TEST_CHECK_EQ(ActivateTask(TaskM), E_OK);
	kt_step(5);
	KT_EXPECT(1, 2, 3, 4, 5);
}

static void l_activates_m(void)
{
	kt_step(2);
	KT_EQ(ActivateTask(TaskM), E_OK);
	kt_step(6);
}

static void m_activates_h(void)
{
	kt_step(3);
	KT_EQ(ActivateTask(TaskH), E_OK);
	kt_step(5);
}

/* Preempted tasks resume in the reverse order of their preemption. */
static void test_nested_preemption(void)
{
	kt_reset();
	kt_on(TaskL, l_activates_m);
	kt_on(TaskM, m_activates_h);
	kt_on(TaskH, step4);
	kt_step(1);
	TEST_CHECK_EQ(ActivateTask(TaskL), E_OK);
	kt_step(7);
	KT_EXPECT(1, 2, 3, 4, 5, 6, 7);
}

static void m_chains_h(void)
{
	kt_step(2);
	(void)ChainTask(TaskH);
	kt_step(99); /* never */
}

static void h_step3(void)
{
	kt_step(3);
}

/* ChainTask ends the caller and activates the successor. */
static void test_chain_higher(void)
{
	kt_reset();
	kt_on(TaskM, m_chains_h);
	kt_on(TaskH, h_step3);
	kt_step(1);
	TEST_CHECK_EQ(ActivateTask(TaskM), E_OK);
	kt_step(4);
	KT_EXPECT(1, 2, 3, 4);
}

static void h_chains_l(void)
{
	kt_step(2);
	(void)ChainTask(TaskL);
}

static void l_step3(void)
{
	kt_step(3);
}

/* A successor of lower priority than the caller still runs before Main. */
static void test_chain_lower(void)
{
	kt_reset();
	kt_on(TaskH, h_chains_l);
	kt_on(TaskL, l_step3);
	kt_step(1);
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	kt_step(4);
	KT_EXPECT(1, 2, 3, 4);
}

static int chain_count;

static void m_chains_itself(void)
{
	kt_step(10 + chain_count);
	if (++chain_count < 3)
		(void)ChainTask(TaskM);
}

/* ChainTask to itself: a new activation each time, never E_OS_LIMIT. */
static void test_chain_self(void)
{
	kt_reset();
	chain_count = 0;
	kt_on(TaskM, m_chains_itself);
	TEST_CHECK_EQ(ActivateTask(TaskM), E_OK);
	KT_EXPECT(10, 11, 12);
	TEST_CHECK_EQ(kt_last_error.count, 0);
}

static TaskType seen_id;
static TaskStateType seen_main, seen_self, seen_l_before, seen_l_after;

static void h_queries(void)
{
	(void)GetTaskID(&seen_id);
	(void)GetTaskState(Main, &seen_main);
	(void)GetTaskState(TaskH, &seen_self);
	(void)GetTaskState(TaskL, &seen_l_before);
	KT_EQ(ActivateTask(TaskL), E_OK);
	(void)GetTaskState(TaskL, &seen_l_after);
}

/* GetTaskID and GetTaskState from a task: RUNNING, READY, SUSPENDED. */
static void test_task_id_state(void)
{
	TaskType id = INVALID_TASK;
	TaskStateType st = RUNNING;

	kt_reset();
	TEST_CHECK_EQ(GetTaskID(&id), E_OK);
	TEST_CHECK_EQ(id, Main);
	TEST_CHECK_EQ(GetTaskState(Main, &st), E_OK);
	TEST_CHECK_EQ(st, RUNNING);
	kt_on(TaskH, h_queries);
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	TEST_CHECK_EQ(seen_id, TaskH);
	TEST_CHECK_EQ(seen_main, READY); /* preempted */
	TEST_CHECK_EQ(seen_self, RUNNING);
	TEST_CHECK_EQ(seen_l_before, SUSPENDED);
	TEST_CHECK_EQ(seen_l_after, READY);
	TEST_CHECK_EQ(GetTaskState(TaskL, &st), E_OK);
	TEST_CHECK_EQ(st, SUSPENDED); /* it ran after TaskH */
}

static StatusType limit_rc;

static void h_activates_l_twice(void)
{
	KT_EQ(ActivateTask(TaskL), E_OK);
	limit_rc = ActivateTask(TaskL);
}

/* One activation at a time (ACTIVATION = 1): the second gives E_OS_LIMIT. */
static void test_activate_limit(void)
{
	kt_reset();
	kt_on(TaskH, h_activates_l_twice);
	kt_on(TaskL, step2);
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	TEST_CHECK_EQ(limit_rc, E_OS_LIMIT);
	KT_EXPECT(2); /* TaskL ran once */
	TEST_CHECK_EQ(kt_last_error.count, 1);
	TEST_CHECK_EQ(kt_last_error.error, E_OS_LIMIT);
	TEST_CHECK_EQ(kt_last_error.service, OSServiceId_ActivateTask);
	TEST_CHECK_EQ(kt_last_error.param[0], TaskL);
	TEST_CHECK_EQ(kt_last_error.task, TaskH);
	/* The running task itself is active too. */
	TEST_CHECK_EQ(ActivateTask(Main), E_OS_LIMIT);
}

/* A task function that returns: the kernel ends the task all the same. */
static void test_missing_terminate(void)
{
	TaskStateType st = RUNNING;

	kt_reset();
	kt_on(TaskH, step2);
	kt_forget_terminate = 1;
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	KT_EXPECT(2);
	TEST_CHECK_EQ(GetTaskState(TaskH, &st), E_OK);
	TEST_CHECK_EQ(st, SUSPENDED);
#ifdef CONFIG_OS_STATUS_EXTENDED
	TEST_CHECK_EQ(kt_last_error.count, 1);
	TEST_CHECK_EQ(kt_last_error.error, E_OS_SYS_MISSINGEND);
	TEST_CHECK_EQ(kt_last_error.service, OSServiceId_TaskReturn);
#endif
	/* It can run again. */
	kt_reset();
	kt_on(TaskH, step2);
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	KT_EXPECT(2);
}

void suite_tasks(void)
{
	RUN_TEST(test_activate_preempts);
	RUN_TEST(test_activate_no_preempt);
	RUN_TEST(test_nested_preemption);
	RUN_TEST(test_chain_higher);
	RUN_TEST(test_chain_lower);
	RUN_TEST(test_chain_self);
	RUN_TEST(test_task_id_state);
	RUN_TEST(test_activate_limit);
	RUN_TEST(test_missing_terminate);
}
