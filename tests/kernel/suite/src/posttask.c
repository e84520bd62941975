/*
 * PostTaskHook sees its task RUNNING (OSEK 2.2.3 11.5: called "after
 * executing the current task, but before leaving the task's running state
 * (to allow evaluation of the TaskID)"), on every way a task leaves
 * RUNNING: preempted by a task or at the end of an ISR2, TerminateTask,
 * ChainTask (another task or itself), WaitEvent, and an end with an
 * activation still queued. The hook logs 200 + TaskID and 300 + the state
 * GetTaskState gives for that task in the hook (300 is RUNNING); after the
 * switch the new state is checked from the next task (400 + state).
 */

#include <erika/drivers/irq.h>

#include "suite.h"

#define POST(t)	 (200 + (t)), (300 + RUNNING)
#define SEEN(st) (400 + (st))

static void log_state(TaskType t)
{
	TaskStateType st = 0xff;

	KT_EQ(GetTaskState(t, &st), E_OK);
	kt_step(SEEN(st));
}

static void h_sees_main(void)
{
	log_state(Main);
}

/* Main preempted by TaskH, TaskH ends with TerminateTask. */
static void test_post_state_preempt_terminate(void)
{
	kt_reset();
	kt_on(TaskH, h_sees_main);
	kt_trace_post_state = 1;
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	kt_trace_post_state = 0;
	log_state(TaskH);
	KT_EXPECT(POST(Main), SEEN(READY), POST(TaskH), SEEN(SUSPENDED));
}

static void h_chains_m(void)
{
	KT_EQ(ChainTask(TaskM), E_OK); /* only returns on an error */
}

static void m_sees_h(void)
{
	log_state(TaskH);
}

/* TaskH ends with ChainTask(TaskM). */
static void test_post_state_chain(void)
{
	kt_reset();
	kt_on(TaskH, h_chains_m);
	kt_on(TaskM, m_sees_h);
	kt_trace_post_state = 1;
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	kt_trace_post_state = 0;
	KT_EXPECT(POST(Main), POST(TaskH), SEEN(SUSPENDED), POST(TaskM));
}

static int h_runs;

static void h_chains_itself_once(void)
{
	kt_step(60 + h_runs);
	if (h_runs++ == 0)
		KT_EQ(ChainTask(TaskH), E_OK);
}

/* ChainTask of the caller itself: RUNNING in the hook, then READY, then runs again. */
static void test_post_state_chain_self(void)
{
	kt_reset();
	h_runs = 0;
	kt_on(TaskH, h_chains_itself_once);
	kt_trace_post_state = 1;
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	kt_trace_post_state = 0;
	KT_EXPECT(POST(Main), 60, POST(TaskH), 61, POST(TaskH));
}

static volatile int low_ran;

static void low_activates_h(void)
{
	KT_EQ(ActivateTask(TaskH), E_OK);
	low_ran = 1;
}

/* Preempted at the end of an ISR2: Main's hook runs with Main still RUNNING. */
static void test_post_state_isr_preempt(void)
{
	kt_reset();
	low_ran = 0;
	isr_low_fn = low_activates_h;
	kt_on(TaskH, h_sees_main);
	kt_trace_post_state = 1;
	TEST_CHECK_EQ(irq_raise_sgi(1), 0);
	TEST_CHECK(kt_wait(&low_ran), "IsrLow did not run");
	kt_trace_post_state = 0;
	isr_low_fn = 0;
	KT_EXPECT(POST(Main), SEEN(READY), POST(TaskH));
}

#ifdef CONFIG_OS_EXTENDED_TASKS
static void a_waits(void)
{
	KT_EQ(WaitEvent(EvA), E_OK);
	KT_EQ(ClearEvent(EvA), E_OK);
}

/* WaitEvent: RUNNING in the hook, WAITING after it; woken, it ends. */
static void test_post_state_wait(void)
{
	kt_reset();
	kt_on(ExtA, a_waits);
	kt_trace_post_state = 1;
	TEST_CHECK_EQ(ActivateTask(ExtA), E_OK);
	log_state(ExtA);
	TEST_CHECK_EQ(SetEvent(ExtA, EvA), E_OK);
	kt_trace_post_state = 0;
	log_state(ExtA);
	KT_EXPECT(POST(Main), POST(ExtA), SEEN(WAITING), POST(Main), POST(ExtA), SEEN(SUSPENDED));
}
#endif

#ifdef CONFIG_OS_MULTI_ACTIVATION
static int a_runs;

static void a_step(void)
{
	kt_step(70 + a_runs++);
}

/* TerminateTask with an activation queued: RUNNING in the hook, READY after it. */
static void test_post_state_queued(void)
{
	kt_reset();
	a_runs = 0;
	kt_on(MultiA, a_step);
	TEST_CHECK_EQ(GetResource(RES_SCHEDULER), E_OK);
	TEST_CHECK_EQ(ActivateTask(MultiA), E_OK);
	TEST_CHECK_EQ(ActivateTask(MultiA), E_OK);
	kt_trace_post_state = 1;
	TEST_CHECK_EQ(ReleaseResource(RES_SCHEDULER), E_OK);
	kt_trace_post_state = 0;
	KT_EXPECT(POST(Main), 70, POST(MultiA), 71, POST(MultiA));
}
#endif

void suite_post_task_hook(void)
{
	RUN_TEST(test_post_state_preempt_terminate);
	RUN_TEST(test_post_state_chain);
	RUN_TEST(test_post_state_chain_self);
	RUN_TEST(test_post_state_isr_preempt);
#ifdef CONFIG_OS_EXTENDED_TASKS
	RUN_TEST(test_post_state_wait);
#endif
#ifdef CONFIG_OS_MULTI_ACTIVATION
	RUN_TEST(test_post_state_queued);
#endif
}
