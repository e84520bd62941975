/*
 * Error handling tests (errors*.c): run a service in a given context and
 * check the code it returned and what the ErrorHook saw.
 */
#ifndef ERRORS_H
#define ERRORS_H

#include "suite.h"

/* What the service under test returned. */
extern StatusType err_rc;

/* Run fn as the body of task t (of higher priority than Main). */
void err_in_task(TaskType t, kt_fn fn);

/* Run fn in the ISR2 IsrLow. */
void err_in_isr(kt_fn fn);

/* The ErrorHook saw exactly one error: e from service sid with first argument p0. */
#define CHECK_HOOK(e, sid, p0)                                                                     \
	do {                                                                                       \
		TEST_CHECK_EQ(err_rc, e);                                                          \
		TEST_CHECK_EQ(kt_last_error.count, 1);                                             \
		TEST_CHECK_EQ(kt_last_error.error, e);                                             \
		TEST_CHECK_EQ(kt_last_error.service, sid);                                         \
		TEST_CHECK_EQ(kt_last_error.param[0], p0);                                         \
	} while (0)

#define BAD_TASK  ((TaskType)OS_NUM_TASKS)
#define BAD_RES	  ((ResourceType)OS_NUM_RESOURCES)
#define BAD_ALARM ((AlarmType)OS_NUM_ALARMS)

/* The extended-status cases, by service group. */
void suite_errors_tasks(void);
void suite_errors_resources(void);
void suite_errors_alarms(void);
void suite_errors_events(void);

#endif /* ERRORS_H */
