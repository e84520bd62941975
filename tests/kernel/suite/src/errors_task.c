/*
 * Extended-status errors of ActivateTask, TerminateTask, ChainTask, Schedule and GetTaskState.
 */

#include "errors.h"

#ifdef CONFIG_OS_STATUS_EXTENDED

static void test_ActivateTask_E_OS_ID(void)
{
	kt_reset();
	err_rc = ActivateTask(BAD_TASK);
	CHECK_HOOK(E_OS_ID, OSServiceId_ActivateTask, BAD_TASK);
}

static void h_terminates_holding(void)
{
	(void)GetResource(Res2);
	err_rc = TerminateTask();
	(void)ReleaseResource(Res2);
}

static void test_TerminateTask_E_OS_RESOURCE(void)
{
	kt_reset();
	err_in_task(TaskH, h_terminates_holding);
	CHECK_HOOK(E_OS_RESOURCE, OSServiceId_TerminateTask, 0);
}

static void isr_terminates(void)
{
	err_rc = TerminateTask();
}

static void test_TerminateTask_E_OS_CALLEVEL(void)
{
	kt_reset();
	err_in_isr(isr_terminates);
	CHECK_HOOK(E_OS_CALLEVEL, OSServiceId_TerminateTask, 0);
}

static void test_ChainTask_E_OS_ID(void)
{
	kt_reset();
	err_rc = ChainTask(BAD_TASK);
	CHECK_HOOK(E_OS_ID, OSServiceId_ChainTask, BAD_TASK);
}

static void test_ChainTask_E_OS_RESOURCE(void)
{
	kt_reset();
	TEST_CHECK_EQ(GetResource(Res1), E_OK);
	err_rc = ChainTask(TaskL);
	TEST_CHECK_EQ(ReleaseResource(Res1), E_OK);
	CHECK_HOOK(E_OS_RESOURCE, OSServiceId_ChainTask, TaskL);
}

static void isr_chains(void)
{
	err_rc = ChainTask(TaskL);
}

static void test_ChainTask_E_OS_CALLEVEL(void)
{
	kt_reset();
	err_in_isr(isr_chains);
	CHECK_HOOK(E_OS_CALLEVEL, OSServiceId_ChainTask, TaskL);
}

static void isr_schedules(void)
{
	err_rc = Schedule();
}

static void test_Schedule_E_OS_CALLEVEL(void)
{
	kt_reset();
	err_in_isr(isr_schedules);
	CHECK_HOOK(E_OS_CALLEVEL, OSServiceId_Schedule, 0);
}

static void test_Schedule_E_OS_RESOURCE(void)
{
	kt_reset();
	TEST_CHECK_EQ(GetResource(Res1), E_OK);
	err_rc = Schedule();
	TEST_CHECK_EQ(ReleaseResource(Res1), E_OK);
	CHECK_HOOK(E_OS_RESOURCE, OSServiceId_Schedule, 0);
}

static void test_GetTaskState_E_OS_ID(void)
{
	TaskStateType st;

	kt_reset();
	err_rc = GetTaskState(BAD_TASK, &st);
	CHECK_HOOK(E_OS_ID, OSServiceId_GetTaskState, BAD_TASK);
	TEST_CHECK(OSError_GetTaskState_State() == &st, "wrong pointer argument");
}

void suite_errors_tasks(void)
{
	RUN_TEST(test_ActivateTask_E_OS_ID);
	RUN_TEST(test_TerminateTask_E_OS_RESOURCE);
	RUN_TEST(test_TerminateTask_E_OS_CALLEVEL);
	RUN_TEST(test_ChainTask_E_OS_ID);
	RUN_TEST(test_ChainTask_E_OS_RESOURCE);
	RUN_TEST(test_ChainTask_E_OS_CALLEVEL);
	RUN_TEST(test_Schedule_E_OS_CALLEVEL);
	RUN_TEST(test_Schedule_E_OS_RESOURCE);
	RUN_TEST(test_GetTaskState_E_OS_ID);
}

#endif /* CONFIG_OS_STATUS_EXTENDED */
