/*
 * Support of the multicore kernel tests (tests/kernel/mc): what both cores
 * write goes through atomics, and only core 0 prints (one console, one
 * writer), except in a hook of core 1 once core 0 has stopped.
 *   - one event log for both cores, in the order the events happened (one
 *     atomic index): a case asserts the order of what ran where;
 *   - the ErrorHook's calls on both cores, recorded with their core;
 *   - bounded waits: a case gives up only after a million polls and 10 s of
 *     counter time, so the host's load never fails it, a hang does.
 */
#ifndef MC_H
#define MC_H

#include <stdint.h>

#include <erika/os.h>
#include <erika_test.h>

#define MC_LOG_MAX 64

/* Append ev to the log. Any core, any context. */
void mc_log(int ev);
/* Entries so far, and entry i. */
unsigned int mc_log_len(void);
int mc_log_at(unsigned int i);
/* Empty the log; core 0, while core 1 logs nothing. */
void mc_log_reset(void);
/* Compare the log with expected[0..n-1]; a FAIL line with both on mismatch. */
void mc_expect(const char *file, int line, const int *expected, unsigned int n);

#define MC_EXPECT(...)                                                                             \
	mc_expect(__FILE__, __LINE__, (const int[]){ __VA_ARGS__ },                                \
		  sizeof((const int[]){ __VA_ARGS__ }) / sizeof(int))

/* One ErrorHook call. */
struct mc_error {
	StatusType error;
	OSServiceIdType service;
	CoreIdType core;
	uintptr_t param0;
	uintptr_t param1;
};

#define MC_ERRORS_MAX 16
/* The ErrorHook calls so far (both cores), oldest first. */
extern struct mc_error mc_errors[MC_ERRORS_MAX];
unsigned int mc_error_count(void);
void mc_errors_reset(void);

/* Wait until *value >= target (bounded); 1 if it got there. */
int mc_wait(const volatile unsigned int *value, unsigned int target);
/* Wait until the log has n entries (bounded). */
int mc_wait_log(unsigned int n);
/* Wait until n ErrorHook calls are recorded (bounded). */
int mc_wait_errors(unsigned int n);
/* Wait until task id is in state (read from the other core: a snapshot). */
int mc_wait_state(TaskType id, TaskStateType state);

#endif /* MC_H */
