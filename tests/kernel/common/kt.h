/*
 * Kernel test support, on top of tests/lib (erika_test.h):
 *   - a step log: task bodies, ISRs and hooks append numbers with
 *     kt_step(); KT_EXPECT(1, 2, 3) then asserts the exact order, which is
 *     how a case asserts who preempted whom;
 *   - task bodies set per case: each OIL task's body calls kt_task_body();
 *     a case installs what the task does with kt_on(name, fn) (the body
 *     ends with TerminateTask when fn returns);
 *   - KT_CHECK: a check that records a failure and carries on, usable in
 *     task bodies and ISRs (TEST_CHECK returns from the calling function).
 */
#ifndef KT_H
#define KT_H

#include <erika/os.h>
#include <erika_test.h>

#define KT_LOG_MAX 64

typedef void (*kt_fn)(void);

/* Empty the step log and forget every installed body. */
void kt_reset(void);

/* Append n to the step log. Any context. */
void kt_step(int n);

/* What task id does when activated until kt_reset() (NULL: nothing). */
void kt_on(TaskType id, kt_fn fn);

/*
 * The body every test task calls: run what kt_on() installed, then
 * terminate: TASK(TaskL) { kt_task_body(TaskL); }
 */
void kt_task_body(TaskType self);

/*
 * Busy-wait until *flag is non-zero (an interrupt or a task of higher
 * priority sets it). Gives up only once the guest has polled a million times
 * and handled 100 system ticks, whatever the host's load. Returns the flag.
 */
int kt_wait(const volatile int *flag);

/* Busy-wait until the guest has handled n more system ticks. */
void kt_wait_ticks(unsigned int n);

/* System ticks handled since vtimer_tick_count() said tick0. */
uint64_t kt_ticks_since(uint64_t tick0);

/* The next body run by kt_task_body() returns without TerminateTask. */
extern int kt_forget_terminate;

/* Compare the step log with expected[0..n-1]; report a mismatch with both logs. */
void kt_expect(const char *file, int line, const int *expected, unsigned int n);

#define KT_EXPECT(...)                                                                             \
	kt_expect(__FILE__, __LINE__, (const int[]){ __VA_ARGS__ },                                \
		  sizeof((const int[]){ __VA_ARGS__ }) / sizeof(int))

#define KT_CHECK(cond, ...)                                                                        \
	do {                                                                                       \
		if (!(cond))                                                                       \
			test_fail(__FILE__, __LINE__, __VA_ARGS__);                                \
	} while (0)

#define KT_EQ(actual, expected)                                                                    \
	KT_CHECK((long long)(actual) == (long long)(expected), "%s is %lld, expected %lld",        \
		 #actual, (long long)(actual), (long long)(expected))

/* The last ErrorHook call, and how many there were since kt_reset(). */
struct kt_error {
	unsigned int count;
	StatusType error;
	OSServiceIdType service;
	uintptr_t param[3];
	TaskType task; /* GetTaskID in the hook */
};

extern struct kt_error kt_last_error;

/* 1: the ErrorHook calls a failing service (which must not call it again). */
extern volatile int kt_error_hook_calls_service;

/* 1: PreTaskHook logs 100 + TaskID, PostTaskHook 200 + TaskID. */
extern volatile int kt_trace_hooks;

/*
 * 1: PostTaskHook logs 200 + TaskID, then 300 + the state GetTaskState gives
 * for that task in the hook (300: RUNNING, OSEK 2.2.3 11.5).
 */
extern volatile int kt_trace_post_state;

#endif /* KT_H */
