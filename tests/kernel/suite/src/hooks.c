/*
 * Hook routines (OSEK test plan: StartupHook, PreTaskHook, PostTaskHook,
 * ErrorHook with OSErrorGetServiceId and the parameter macros; the
 * ShutdownHook's line is checked by the runner).
 */

#include "suite.h"

static void h_step(void)
{
	kt_step(1);
}

/* PostTaskHook of the task leaving, PreTaskHook of the one coming, each switch. */
static void test_task_hooks(void)
{
	kt_reset();
	kt_on(TaskH, h_step);
	kt_trace_hooks = 1;
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	kt_trace_hooks = 0;
	KT_EXPECT(200 + Main, 100 + TaskH, 1, 200 + TaskH, 100 + Main);
}

/* The ErrorHook sees the service, its arguments and the caller. */
static void test_error_hook(void)
{
	kt_reset();
	TEST_CHECK_EQ(ActivateTask(Main), E_OS_LIMIT);
	TEST_CHECK_EQ(kt_last_error.count, 1);
	TEST_CHECK_EQ(kt_last_error.error, E_OS_LIMIT);
	TEST_CHECK_EQ(kt_last_error.service, OSServiceId_ActivateTask);
	TEST_CHECK_EQ(kt_last_error.param[0], Main);
	TEST_CHECK_EQ(kt_last_error.task, Main);
	TEST_CHECK_EQ(OSError_ActivateTask_TaskID(), Main);
}

/* No ErrorHook for the errors of services the ErrorHook itself calls. */
static void test_error_hook_not_nested(void)
{
	kt_reset();
	kt_error_hook_calls_service = 1;
	TEST_CHECK_EQ(CancelAlarm(AlarmSlow), E_OS_NOFUNC);
	kt_error_hook_calls_service = 0;
	TEST_CHECK_EQ(kt_last_error.count, 1);
	TEST_CHECK_EQ(kt_last_error.service, OSServiceId_CancelAlarm);
}

/* StartupHook ran before any task, in the mode StartOS was given. */
static void test_startup_hook(void)
{
	TEST_CHECK(startup_hook_ok, "StartupHook saw a task or the wrong mode");
}

void suite_hooks(void)
{
	RUN_TEST(test_startup_hook);
	RUN_TEST(test_task_hooks);
	RUN_TEST(test_error_hook);
	RUN_TEST(test_error_hook_not_nested);
}
