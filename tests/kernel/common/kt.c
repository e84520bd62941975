/*
 * Kernel test support (see kt.h) and the hooks every kernel test image
 * shares: the ErrorHook records the error, the task hooks can trace.
 */

#include <erika/drivers/timer.h>
#include <erika/printk.h>

#include "kt.h"

static int log_buf[KT_LOG_MAX];
static unsigned int log_len;
static kt_fn bodies[OS_NUM_TASKS];

struct kt_error kt_last_error;
int kt_forget_terminate;
volatile int kt_trace_hooks;
volatile int kt_trace_post_state;
volatile int kt_error_hook_calls_service;

void kt_reset(void)
{
	log_len = 0;
	kt_trace_hooks = 0;
	kt_trace_post_state = 0;
	for (unsigned int i = 0; i < OS_NUM_TASKS; i++)
		bodies[i] = 0;
	kt_last_error = (struct kt_error){ 0 };
}

void kt_step(int n)
{
	SuspendAllInterrupts();
	if (log_len < KT_LOG_MAX)
		log_buf[log_len] = n;
	log_len++;
	ResumeAllInterrupts();
}

void kt_on(TaskType id, kt_fn fn)
{
	bodies[id] = fn;
}

void kt_task_body(TaskType self)
{
	if (bodies[self] != 0)
		bodies[self]();
	if (kt_forget_terminate) {
		kt_forget_terminate = 0;
		return;
	}
	(void)TerminateTask();
}

/*
 * Under TCG the virtual counter is the host's clock: a host-time bound fails
 * when the host is busy and the guest gets little CPU. Give up only after
 * the guest itself has made progress on both scales: KT_WAIT_SPINS polls
 * (an interrupt the guest raised on itself is taken within a few
 * instructions) and KT_WAIT_TICKS system ticks handled (every alarm of the
 * suite is due well before). KT_WAIT_HOST_S is a last resort for a timer
 * that stopped, far beyond any host load.
 */
#define KT_WAIT_SPINS  1000000u
#define KT_WAIT_TICKS  100u
#define KT_WAIT_HOST_S 10u

int kt_wait(const volatile int *flag)
{
	uint64_t tick0 = vtimer_tick_count();
	uint64_t end = vtimer_count() + vtimer_ms_to_ticks(KT_WAIT_HOST_S * 1000u);
	unsigned int spins = 0;

	while (!*flag) {
		if (spins < KT_WAIT_SPINS)
			spins++;
		else if (vtimer_tick_count() - tick0 >= KT_WAIT_TICKS)
			break;
		if (vtimer_count() >= end)
			break;
	}
	return *flag;
}

uint64_t kt_ticks_since(uint64_t tick0)
{
	return vtimer_tick_count() - tick0;
}

void kt_wait_ticks(unsigned int n)
{
	uint64_t tick0 = vtimer_tick_count();
	uint64_t end = vtimer_count() + vtimer_ms_to_ticks(KT_WAIT_HOST_S * 1000u);

	while (vtimer_tick_count() - tick0 < n && vtimer_count() < end)
		;
}

static void print_log(const char *what, const int *v, unsigned int n)
{
	printk("  %s:", what);
	for (unsigned int i = 0; i < n && i < KT_LOG_MAX; i++)
		printk(" %d", v[i]);
	printk("\n");
}

void kt_expect(const char *file, int line, const int *expected, unsigned int n)
{
	int same = log_len == n;

	for (unsigned int i = 0; same && i < n; i++)
		same = log_buf[i] == expected[i];
	if (same)
		return;
	test_fail(file, line, "step log differs");
	print_log("expected", expected, n);
	print_log("actual  ", log_buf, log_len);
}

#if OS_HOOK_ERROR
void ErrorHook(StatusType Error)
{
	kt_last_error.count++;
	kt_last_error.error = Error;
	kt_last_error.service = OSErrorGetServiceId();
	for (int i = 0; i < 3; i++)
		kt_last_error.param[i] = OS_ERROR_PARAM(i, uintptr_t);
	(void)GetTaskID(&kt_last_error.task);
	if (kt_error_hook_calls_service)
		(void)ActivateTask(kt_last_error.task == INVALID_TASK ? 0 : kt_last_error.task);
}
#endif

#if OS_HOOK_PRETASK
void PreTaskHook(void)
{
	TaskType id;

	if (kt_trace_hooks) {
		(void)GetTaskID(&id);
		kt_step(100 + (int)id);
	}
}
#endif

#if OS_HOOK_POSTTASK
void PostTaskHook(void)
{
	TaskType id;
	TaskStateType st = 0xff;

	if (kt_trace_hooks || kt_trace_post_state) {
		(void)GetTaskID(&id);
		kt_step(200 + (int)id);
	}
	if (kt_trace_post_state) {
		KT_EQ(GetTaskState(id, &st), E_OK);
		kt_step(300 + (int)st);
	}
}
#endif
