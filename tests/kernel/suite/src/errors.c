/*
 * Error handling (OSEK test plan: every error code of every service, each
 * reported to the ErrorHook with its service and arguments). The standard
 * codes (E_OS_LIMIT, E_OS_NOFUNC, E_OS_STATE) are checked here in every
 * build; the extended-status ones in errors_*.c, in the extended builds.
 */

#include <erika/drivers/irq.h>

#include "errors.h"

StatusType err_rc;
static volatile int done;

void err_in_task(TaskType t, kt_fn fn)
{
	kt_on(t, fn);
	(void)ActivateTask(t);
}

static void isr_done(void)
{
	done = 1;
}

static kt_fn isr_body;

static void isr_runs_body(void)
{
	isr_body();
	isr_done();
}

void err_in_isr(kt_fn fn)
{
	done = 0;
	isr_body = fn;
	isr_low_fn = isr_runs_body;
	(void)irq_raise_sgi(1);
	(void)kt_wait(&done);
	isr_low_fn = 0;
}

static void h_chains_main(void)
{
	err_rc = ChainTask(Main); /* Main is READY (preempted): one activation already */
}

static void test_ChainTask_E_OS_LIMIT(void)
{
	kt_reset();
	err_in_task(TaskH, h_chains_main);
	CHECK_HOOK(E_OS_LIMIT, OSServiceId_ChainTask, Main);
}

static void test_GetAlarm_E_OS_NOFUNC(void)
{
	TickType t;

	kt_reset();
	err_rc = GetAlarm(AlarmSlow, &t);
	CHECK_HOOK(E_OS_NOFUNC, OSServiceId_GetAlarm, AlarmSlow);
	TEST_CHECK(OSError_GetAlarm_Tick() == &t, "wrong pointer argument");
}

static void test_CancelAlarm_E_OS_NOFUNC(void)
{
	kt_reset();
	err_rc = CancelAlarm(AlarmSlow);
	CHECK_HOOK(E_OS_NOFUNC, OSServiceId_CancelAlarm, AlarmSlow);
}

static void test_SetRelAlarm_E_OS_STATE(void)
{
	TEST_CHECK_EQ(SetRelAlarm(AlarmSlow, 3, 0), E_OK);
	kt_reset();
	err_rc = SetRelAlarm(AlarmSlow, 3, 7);
	(void)CancelAlarm(AlarmSlow);
	CHECK_HOOK(E_OS_STATE, OSServiceId_SetRelAlarm, AlarmSlow);
	TEST_CHECK_EQ(OSError_SetRelAlarm_increment(), 3);
	TEST_CHECK_EQ(OSError_SetRelAlarm_cycle(), 7);
}

static void test_SetAbsAlarm_E_OS_STATE(void)
{
	TEST_CHECK_EQ(SetAbsAlarm(AlarmSlow, 3, 0), E_OK);
	kt_reset();
	err_rc = SetAbsAlarm(AlarmSlow, 4, 6);
	(void)CancelAlarm(AlarmSlow);
	CHECK_HOOK(E_OS_STATE, OSServiceId_SetAbsAlarm, AlarmSlow);
	TEST_CHECK_EQ(OSError_SetAbsAlarm_start(), 4);
	TEST_CHECK_EQ(OSError_SetAbsAlarm_cycle(), 6);
}

void suite_errors(void)
{
	RUN_TEST(test_ChainTask_E_OS_LIMIT);
	RUN_TEST(test_GetAlarm_E_OS_NOFUNC);
	RUN_TEST(test_CancelAlarm_E_OS_NOFUNC);
	RUN_TEST(test_SetRelAlarm_E_OS_STATE);
	RUN_TEST(test_SetAbsAlarm_E_OS_STATE);
#ifdef CONFIG_OS_STATUS_EXTENDED
	suite_errors_tasks();
	suite_errors_resources();
	suite_errors_alarms();
#ifdef CONFIG_OS_EXTENDED_TASKS
	suite_errors_events();
#endif
#endif
}
