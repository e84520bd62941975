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

int kt_wait(const volatile int *flag)
{
	uint64_t end = vtimer_count() + vtimer_ms_to_ticks(100);

	while (!*flag && vtimer_count() < end)
		;
	return *flag;
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
		kt_last_error.param[i] = os_error_param[i];
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
