/*
 * Extended-status errors of the alarm services.
 */

#include "errors.h"

#ifdef CONFIG_OS_STATUS_EXTENDED

static void test_GetAlarmBase_E_OS_ID(void)
{
	AlarmBaseType b;

	kt_reset();
	err_rc = GetAlarmBase(BAD_ALARM, &b);
	CHECK_HOOK(E_OS_ID, OSServiceId_GetAlarmBase, BAD_ALARM);
	TEST_CHECK(OSError_GetAlarmBase_Info() == &b, "wrong pointer argument");
}

static void test_GetAlarm_E_OS_ID(void)
{
	TickType t;

	kt_reset();
	err_rc = GetAlarm(BAD_ALARM, &t);
	CHECK_HOOK(E_OS_ID, OSServiceId_GetAlarm, BAD_ALARM);
}

static void test_SetRelAlarm_E_OS_ID(void)
{
	kt_reset();
	err_rc = SetRelAlarm(BAD_ALARM, 1, 0);
	CHECK_HOOK(E_OS_ID, OSServiceId_SetRelAlarm, BAD_ALARM);
}

/* Slow: MAXALLOWEDVALUE 99, MINCYCLE 5. */
static void test_SetRelAlarm_E_OS_VALUE(void)
{
	static const TickType bad[][2] = { { 100, 0 }, { 1, 4 }, { 1, 100 } };

	for (unsigned int i = 0; i < 3; i++) {
		kt_reset();
		err_rc = SetRelAlarm(AlarmSlow, bad[i][0], bad[i][1]);
		CHECK_HOOK(E_OS_VALUE, OSServiceId_SetRelAlarm, AlarmSlow);
	}
	TEST_CHECK_EQ(SetRelAlarm(AlarmSlow, 99, 99), E_OK); /* the limits themselves */
	TEST_CHECK_EQ(CancelAlarm(AlarmSlow), E_OK);
}

static void test_SetAbsAlarm_E_OS_ID(void)
{
	kt_reset();
	err_rc = SetAbsAlarm(BAD_ALARM, 1, 0);
	CHECK_HOOK(E_OS_ID, OSServiceId_SetAbsAlarm, BAD_ALARM);
}

static void test_SetAbsAlarm_E_OS_VALUE(void)
{
	static const TickType bad[][2] = { { 100, 0 }, { 1, 4 }, { 1, 100 } };

	for (unsigned int i = 0; i < 3; i++) {
		kt_reset();
		err_rc = SetAbsAlarm(AlarmSlow, bad[i][0], bad[i][1]);
		CHECK_HOOK(E_OS_VALUE, OSServiceId_SetAbsAlarm, AlarmSlow);
	}
	TEST_CHECK_EQ(SetAbsAlarm(AlarmSlow, 99, 5), E_OK);
	TEST_CHECK_EQ(CancelAlarm(AlarmSlow), E_OK);
}

static void test_CancelAlarm_E_OS_ID(void)
{
	kt_reset();
	err_rc = CancelAlarm(BAD_ALARM);
	CHECK_HOOK(E_OS_ID, OSServiceId_CancelAlarm, BAD_ALARM);
}

void suite_errors_alarms(void)
{
	RUN_TEST(test_GetAlarmBase_E_OS_ID);
	RUN_TEST(test_GetAlarm_E_OS_ID);
	RUN_TEST(test_SetRelAlarm_E_OS_ID);
	RUN_TEST(test_SetRelAlarm_E_OS_VALUE);
	RUN_TEST(test_SetAbsAlarm_E_OS_ID);
	RUN_TEST(test_SetAbsAlarm_E_OS_VALUE);
	RUN_TEST(test_CancelAlarm_E_OS_ID);
}

#endif /* CONFIG_OS_STATUS_EXTENDED */
