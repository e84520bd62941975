/*
 * Extended-status errors of the event services (ECC1, ECC2).
 */

#include "errors.h"

#ifdef CONFIG_OS_STATUS_EXTENDED
#ifdef CONFIG_OS_EXTENDED_TASKS

static void test_SetEvent_E_OS_ID(void)
{
	kt_reset();
	err_rc = SetEvent(BAD_TASK, EvA);
	CHECK_HOOK(E_OS_ID, OSServiceId_SetEvent, BAD_TASK);
	TEST_CHECK_EQ(OSError_SetEvent_Mask(), EvA);
}

static void test_SetEvent_E_OS_ACCESS(void)
{
	kt_reset();
	err_rc = SetEvent(TaskL, EvA); /* a basic task */
	CHECK_HOOK(E_OS_ACCESS, OSServiceId_SetEvent, TaskL);
}

static void test_SetEvent_E_OS_STATE(void)
{
	kt_reset();
	err_rc = SetEvent(ExtA, EvA); /* suspended */
	CHECK_HOOK(E_OS_STATE, OSServiceId_SetEvent, ExtA);
}

static void l_clears(void)
{
	err_rc = ClearEvent(EvA);
}

static void test_ClearEvent_E_OS_ACCESS(void)
{
	kt_reset();
	err_in_task(TaskL, l_clears);
	CHECK_HOOK(E_OS_ACCESS, OSServiceId_ClearEvent, EvA);
}

static void test_ClearEvent_E_OS_CALLEVEL(void)
{
	kt_reset();
	err_in_isr(l_clears);
	CHECK_HOOK(E_OS_CALLEVEL, OSServiceId_ClearEvent, EvA);
}

static void test_GetEvent_E_OS_ID(void)
{
	EventMaskType ev;

	kt_reset();
	err_rc = GetEvent(BAD_TASK, &ev);
	CHECK_HOOK(E_OS_ID, OSServiceId_GetEvent, BAD_TASK);
	TEST_CHECK(OSError_GetEvent_Event() == &ev, "wrong pointer argument");
}

static void test_GetEvent_E_OS_ACCESS(void)
{
	EventMaskType ev;

	kt_reset();
	err_rc = GetEvent(TaskL, &ev);
	CHECK_HOOK(E_OS_ACCESS, OSServiceId_GetEvent, TaskL);
}

static void test_GetEvent_E_OS_STATE(void)
{
	EventMaskType ev;

	kt_reset();
	err_rc = GetEvent(ExtA, &ev);
	CHECK_HOOK(E_OS_STATE, OSServiceId_GetEvent, ExtA);
}

static void l_waits(void)
{
	err_rc = WaitEvent(EvA);
}

static void test_WaitEvent_E_OS_ACCESS(void)
{
	kt_reset();
	err_in_task(TaskL, l_waits);
	CHECK_HOOK(E_OS_ACCESS, OSServiceId_WaitEvent, EvA);
}

static void test_WaitEvent_E_OS_RESOURCE(void)
{
	kt_reset();
	TEST_CHECK_EQ(GetResource(Res1), E_OK);
	err_rc = WaitEvent(EvMain);
	TEST_CHECK_EQ(ReleaseResource(Res1), E_OK);
	CHECK_HOOK(E_OS_RESOURCE, OSServiceId_WaitEvent, EvMain);
}

static void test_WaitEvent_E_OS_CALLEVEL(void)
{
	kt_reset();
	err_in_isr(l_waits);
	CHECK_HOOK(E_OS_CALLEVEL, OSServiceId_WaitEvent, EvA);
}

void suite_errors_events(void)
{
	RUN_TEST(test_SetEvent_E_OS_ID);
	RUN_TEST(test_SetEvent_E_OS_ACCESS);
	RUN_TEST(test_SetEvent_E_OS_STATE);
	RUN_TEST(test_ClearEvent_E_OS_ACCESS);
	RUN_TEST(test_ClearEvent_E_OS_CALLEVEL);
	RUN_TEST(test_GetEvent_E_OS_ID);
	RUN_TEST(test_GetEvent_E_OS_ACCESS);
	RUN_TEST(test_GetEvent_E_OS_STATE);
	RUN_TEST(test_WaitEvent_E_OS_ACCESS);
	RUN_TEST(test_WaitEvent_E_OS_RESOURCE);
	RUN_TEST(test_WaitEvent_E_OS_CALLEVEL);
}

#endif /* CONFIG_OS_EXTENDED_TASKS */
#endif /* CONFIG_OS_STATUS_EXTENDED */
