/*
 * Queued activations and several tasks per priority (BCC2, ECC2): MultiA
 * (ACTIVATION = 3) and MultiB (2) share priority 2 with TaskL (1); the
 * queue of a priority is served first in, first out.
 */

#include "suite.h"

#ifdef CONFIG_OS_MULTI_ACTIVATION

static int a_runs;

static void a_step(void)
{
	kt_step(10 + a_runs++);
}

static void b_step(void)
{
	kt_step(20);
}

static void l_step(void)
{
	kt_step(30);
}

static StatusType fourth_rc;

static void h_activates_a_4_times(void)
{
	for (int i = 0; i < 3; i++)
		KT_EQ(ActivateTask(MultiA), E_OK);
	fourth_rc = ActivateTask(MultiA);
}

/* Activations queue up to ACTIVATION; each runs the task once more. */
static void test_multiple_activation(void)
{
	kt_reset();
	a_runs = 0;
	kt_on(TaskH, h_activates_a_4_times);
	kt_on(MultiA, a_step);
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	TEST_CHECK_EQ(fourth_rc, E_OS_LIMIT);
	KT_EXPECT(10, 11, 12);
}

static void h_activates_mixed(void)
{
	KT_EQ(ActivateTask(MultiA), E_OK);
	KT_EQ(ActivateTask(MultiB), E_OK);
	KT_EQ(ActivateTask(TaskL), E_OK);
	KT_EQ(ActivateTask(MultiA), E_OK);
	KT_EQ(ActivateTask(MultiB), E_OK);
}

/* Tasks of one priority run in the order of their activations. */
static void test_fifo(void)
{
	kt_reset();
	a_runs = 0;
	kt_on(TaskH, h_activates_mixed);
	kt_on(MultiA, a_step);
	kt_on(MultiB, b_step);
	kt_on(TaskL, l_step);
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	KT_EXPECT(10, 20, 30, 11, 20);
}

static void h_activates_a(void)
{
	KT_EQ(ActivateTask(MultiA), E_OK);
}

static void l_is_preempted(void)
{
	kt_step(1);
	KT_EQ(ActivateTask(TaskH), E_OK);
	kt_step(2);
}

/* A preempted task goes on before the tasks of its priority that are queued. */
static void test_preempted_first(void)
{
	kt_reset();
	a_runs = 0;
	kt_on(TaskL, l_is_preempted);
	kt_on(TaskH, h_activates_a);
	kt_on(MultiA, a_step);
	TEST_CHECK_EQ(ActivateTask(TaskL), E_OK);
	KT_EXPECT(1, 2, 10);
}

static void a_chains_itself_once(void)
{
	kt_step(10 + a_runs++);
	if (a_runs == 1)
		(void)ChainTask(MultiA);
}

static void h_activates_a_b(void)
{
	KT_EQ(ActivateTask(MultiA), E_OK);
	KT_EQ(ActivateTask(MultiB), E_OK);
}

/* ChainTask to itself queues the new activation behind the others. */
static void test_chain_self_queued(void)
{
	kt_reset();
	a_runs = 0;
	kt_on(TaskH, h_activates_a_b);
	kt_on(MultiA, a_chains_itself_once);
	kt_on(MultiB, b_step);
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	KT_EXPECT(10, 20, 11);
}

static StatusType chain_rc;
static TaskStateType b_state;

static void h_fills_b(void)
{
	KT_EQ(ActivateTask(MultiB), E_OK);
	KT_EQ(ActivateTask(MultiB), E_OK);
	chain_rc = ChainTask(MultiB); /* a third: refused, TaskH goes on */
	(void)GetTaskState(MultiB, &b_state);
	kt_step(1);
}

/* ChainTask to a task at its activation limit fails and returns. */
static void test_chain_limit(void)
{
	kt_reset();
	kt_on(TaskH, h_fills_b);
	kt_on(MultiB, b_step);
	TEST_CHECK_EQ(ActivateTask(TaskH), E_OK);
	TEST_CHECK_EQ(chain_rc, E_OS_LIMIT);
	TEST_CHECK_EQ(b_state, READY);
	KT_EXPECT(1, 20, 20);
	TEST_CHECK_EQ(kt_last_error.service, OSServiceId_ChainTask);
	TEST_CHECK_EQ(kt_last_error.param[0], MultiB);
}

#endif /* CONFIG_OS_MULTI_ACTIVATION */

void suite_multi(void)
{
#ifdef CONFIG_OS_MULTI_ACTIVATION
	RUN_TEST(test_multiple_activation);
	RUN_TEST(test_fifo);
	RUN_TEST(test_preempted_first);
	RUN_TEST(test_chain_self_queued);
	RUN_TEST(test_chain_limit);
#endif
}
