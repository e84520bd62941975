/*
 * The OSEK services across two cores (kernel/erika/README.md, "Two cores").
 * Main, on core 0, runs the cases; the tasks of core 1 log what they do in
 * the shared event log, which each case compares with the order the
 * specification gives:
 *  - start: StartupHook once, on core 0, before any task of either core
 *    (AUTOSAR OS SWS_Os_00579/00580: the cores synchronise before and after it);
 *  - ActivateTask of core 1's tasks from core 0 (OSEK 2.2.3 13.2.3.1, AUTOSAR
 *    SWS_Os_00596): E_OK once queued, run in the order requested (one
 *    priority: the FIFO of OSEK 4.5), interleaved with SetEvent (13.5.3.1);
 *  - SetEvent to a task waiting on core 1 wakes it with exactly that mask;
 *    to a suspended task: E_OS_STATE, found on core 1, to its ErrorHook; to a
 *    basic task: E_OS_ACCESS at once on core 0 (AUTOSAR SWS_Os_00816, the
 *    Asyn variants: what only the target knows goes to its ErrorHook);
 *  - ActivateTask beyond ACTIVATION: E_OK at the caller, E_OS_LIMIT on core 1;
 *  - ChainTask to core 1 (13.2.3.3, SWS_Os_00600): the caller is SUSPENDED,
 *    the target runs once; at the target's limit the caller still ends and
 *    E_OS_LIMIT goes to core 1's ErrorHook with service ChainTask;
 *  - an alarm of core 0 activating a task of core 1;
 *  - an ISR2 on each core (OSEK 10, SGIs raised by target list): each body
 *    runs on its core (GetCoreID, SWS_Os_00674), not on the other;
 *  - a resource, alarm or counter of core 1 used from core 0: E_OS_CORE
 *    (SWS_Os_00589, extended status) to core 0's ErrorHook; core 1 uses them;
 *  - ShutdownOS on core 0: the ShutdownHook once, there; the domain powers off.
 */

#include <erika/drivers/irq.h>
#include <erika/printk.h>

#include "mc.h"

enum {
	EV_STARTUP = 1,
	EV_W1_START,
	EV_A1 = 10,
	EV_B1,
	EV_C1,
	EV_D1,
	EV_L1_START,
	EV_L1_END,
	EV_CHAINER = 30,
	EV_CHAIN_RETURNED,
	EV_ISR0 = 40,
	EV_ISR1,
	EV_R1U = 50,
	EV_W1_WOKE = 100, /* + the events it woke with */
};

static unsigned int startup_calls, shutdown_calls;
static CoreIdType startup_core = 99;
static TaskType startup_task;
static volatile unsigned int wrong_core; /* a body ran on the other core */
static volatile unsigned int l1_release, l1_runs, d1_runs;
static volatile ISRType isr0_id = INVALID_ISR, isr1_id = INVALID_ISR;
static volatile StatusType r1u_rc[4] = { 0xff, 0xff, 0xff, 0xff };

static void on_core(CoreIdType core, int ev)
{
	if (GetCoreID() != core)
		wrong_core = wrong_core + 1;
	mc_log(ev);
}

/* Counter value when A1 last started: CNTVCT is one timeline on both vCPUs. */
static volatile uint64_t a1_started;

static uint64_t counter_now(void)
{
	uint32_t lo, hi;

	__asm__ volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi)); /* CNTVCT */
	return ((uint64_t)hi << 32) | lo;
}

TASK(A1)
{
	a1_started = counter_now();
	on_core(1, EV_A1);
	(void)TerminateTask();
}

TASK(B1)
{
	on_core(1, EV_B1);
	(void)TerminateTask();
}

TASK(C1)
{
	on_core(1, EV_C1);
	(void)TerminateTask();
}

TASK(D1)
{
	d1_runs = d1_runs + 1;
	on_core(1, EV_D1);
	(void)TerminateTask();
}

/* Runs until core 0 releases it: its second activation arrives while it runs. */
TASK(L1)
{
	l1_runs = l1_runs + 1;
	on_core(1, EV_L1_START);
	while (!l1_release)
		;
	mc_log(EV_L1_END);
	(void)TerminateTask();
}

TASK(W1)
{
	on_core(1, EV_W1_START);
	for (;;) {
		EventMaskType got = 0;

		(void)WaitEvent(Ev1 | Ev2);
		(void)GetEvent(W1, &got);
		(void)ClearEvent(got);
		on_core(1, EV_W1_WOKE + (int)got);
	}
}

TASK(X1)
{
	(void)TerminateTask(); /* never activated */
}

/* The owner core uses what core 0 may not. */
TASK(R1u)
{
	on_core(1, EV_R1U);
	r1u_rc[0] = GetResource(R1);
	r1u_rc[1] = ReleaseResource(R1);
	r1u_rc[2] = SetRelAlarm(Al1, 1, 0);
	r1u_rc[3] = IncrementCounter(Cnt1); /* Al1 expires: A1, after this task */
	(void)TerminateTask();
}

static TaskType chain_target = D1;

TASK(Chainer)
{
	on_core(0, EV_CHAINER);
	(void)ChainTask(chain_target);
	mc_log(EV_CHAIN_RETURNED);
	(void)TerminateTask();
}

ISR(Isr0)
{
	isr0_id = GetISRID();
	on_core(0, EV_ISR0);
}

ISR(Isr1)
{
	isr1_id = GetISRID();
	on_core(1, EV_ISR1);
}

void StartupHook(void)
{
	__atomic_fetch_add(&startup_calls, 1u, __ATOMIC_SEQ_CST);
	startup_core = GetCoreID();
	(void)GetTaskID(&startup_task);
	mc_log(EV_STARTUP);
}

/* Core 1 idle: its basic tasks suspended, W1 waiting. */
static int core1_quiet(void)
{
	static const TaskType basic[] = { A1, B1, C1, D1, L1, R1u };

	for (unsigned int i = 0; i < sizeof(basic) / sizeof(basic[0]); i++)
		if (!mc_wait_state(basic[i], SUSPENDED))
			return 0;
	return mc_wait_state(W1, WAITING);
}

#define CHECK_ERROR(i, e, svc, c, p0)                                                              \
	do {                                                                                       \
		TEST_CHECK_EQ(mc_errors[i].error, e);                                              \
		TEST_CHECK_EQ(mc_errors[i].service, svc);                                          \
		TEST_CHECK_EQ(mc_errors[i].core, c);                                               \
		TEST_CHECK_EQ(mc_errors[i].param0, p0);                                            \
	} while (0)

static void test_start(void)
{
	TEST_CHECK_EQ(GetCoreID(), 0);
	TEST_CHECK_EQ(startup_calls, 1);
	TEST_CHECK_EQ(startup_core, 0);
	TEST_CHECK_EQ(startup_task, INVALID_TASK);
	TEST_CHECK(mc_wait_log(2), "W1 never started on core 1");
	/* Core 1's autostart task ran after the hook (barrier 2). */
	MC_EXPECT(EV_STARTUP, EV_W1_START);
	TEST_CHECK(core1_quiet(), "core 1 not idle");
	TEST_CHECK_EQ(wrong_core, 0);
}

static void test_activate_order(void)
{
	uint64_t sent;

	mc_log_reset();
	sent = counter_now();
	TEST_CHECK_EQ(ActivateTask(A1), E_OK);
	TEST_CHECK_EQ(ActivateTask(B1), E_OK);
	TEST_CHECK_EQ(ActivateTask(C1), E_OK);
	TEST_CHECK(mc_wait_log(3), "core 1 ran %u of 3 activations", mc_log_len());
	MC_EXPECT(EV_A1, EV_B1, EV_C1);
	TEST_CHECK_EQ(wrong_core, 0);
	TEST_CHECK(core1_quiet(), "core 1 not idle");
	/* A figure, not a check: wall clock under TCG, two vCPUs sharing host CPUs. */
	printk("figure: ActivateTask on core 0 -> task starts on core 1: %u counter ticks\n",
	       (unsigned int)(a1_started - sent));
}

static void test_interleaved_order(void)
{
	TEST_CHECK(core1_quiet(), "core 1 not idle");
	mc_log_reset();
	TEST_CHECK_EQ(ActivateTask(A1), E_OK);
	TEST_CHECK_EQ(SetEvent(W1, Ev1), E_OK);
	TEST_CHECK_EQ(ActivateTask(B1), E_OK);
	TEST_CHECK(mc_wait_log(3), "core 1 ran %u of 3 requests", mc_log_len());
	/* W1 woke with Ev1 only, queued behind A1 and before B1. */
	MC_EXPECT(EV_A1, EV_W1_WOKE + (int)Ev1, EV_B1);
	TEST_CHECK_EQ(wrong_core, 0);
	TEST_CHECK(core1_quiet(), "core 1 not idle");
}

static void test_setevent_errors(void)
{
	TEST_CHECK(core1_quiet(), "core 1 not idle");
	mc_errors_reset();
	/* Suspended on core 1: only core 1 knows; its ErrorHook gets it. */
	TEST_CHECK_EQ(SetEvent(X1, Ev1), E_OK);
	TEST_CHECK(mc_wait_errors(1), "no ErrorHook call for SetEvent(X1)");
	CHECK_ERROR(0, E_OS_STATE, OSServiceId_SetEvent, 1, X1);
	TEST_CHECK_EQ(mc_errors[0].param1, Ev1);
	/* A basic task and a bad id: the caller knows at once. */
	TEST_CHECK_EQ(SetEvent(A1, Ev1), E_OS_ACCESS);
	TEST_CHECK_EQ(SetEvent((TaskType)99, Ev1), E_OS_ID);
	TEST_CHECK_EQ(mc_error_count(), 3);
	CHECK_ERROR(1, E_OS_ACCESS, OSServiceId_SetEvent, 0, A1);
	CHECK_ERROR(2, E_OS_ID, OSServiceId_SetEvent, 0, 99);
}

static void test_activate_limit(void)
{
	TEST_CHECK(core1_quiet(), "core 1 not idle");
	mc_log_reset();
	mc_errors_reset();
	l1_release = 0;
	l1_runs = 0;
	TEST_CHECK_EQ(ActivateTask(L1), E_OK);
	TEST_CHECK(mc_wait_log(1), "L1 never started");
	/* L1 runs (ACTIVATION = 1): the second activation is refused on core 1. */
	TEST_CHECK_EQ(ActivateTask(L1), E_OK);
	TEST_CHECK(mc_wait_errors(1), "no ErrorHook call on core 1");
	CHECK_ERROR(0, E_OS_LIMIT, OSServiceId_ActivateTask, 1, L1);
	l1_release = 1;
	/* Behind L1 in its level's FIFO: a queued second L1 would run before A1. */
	TEST_CHECK_EQ(ActivateTask(A1), E_OK);
	TEST_CHECK(mc_wait_log(3), "core 1 logged %u of 3", mc_log_len());
	MC_EXPECT(EV_L1_START, EV_L1_END, EV_A1);
	TEST_CHECK_EQ(l1_runs, 1);
	TEST_CHECK_EQ(mc_error_count(), 1);
}

static void test_chain_remote(void)
{
	TaskStateType st = 0xff;

	TEST_CHECK(core1_quiet(), "core 1 not idle");
	mc_log_reset();
	d1_runs = 0;
	/* Chainer (above Main) runs at once and chains to D1 of core 1. */
	TEST_CHECK_EQ(ActivateTask(Chainer), E_OK);
	TEST_CHECK_EQ(GetTaskState(Chainer, &st), E_OK);
	TEST_CHECK_EQ(st, SUSPENDED);
	TEST_CHECK(mc_wait_log(2), "D1 never ran");
	MC_EXPECT(EV_CHAINER, EV_D1);
	TEST_CHECK(core1_quiet(), "core 1 not idle");
	TEST_CHECK_EQ(d1_runs, 1);
	TEST_CHECK_EQ(wrong_core, 0);
}

/* ChainTask to a task of core 1 at its ACTIVATION limit: the caller ends all the same. */
static void test_chain_remote_limit(void)
{
	TaskStateType st = 0xff;

	TEST_CHECK(core1_quiet(), "core 1 not idle");
	mc_log_reset();
	mc_errors_reset();
	l1_release = 0;
	l1_runs = 0;
	TEST_CHECK_EQ(ActivateTask(L1), E_OK);
	TEST_CHECK(mc_wait_log(1), "L1 never started");
	chain_target = L1;
	TEST_CHECK_EQ(ActivateTask(Chainer), E_OK);
	chain_target = D1;
	TEST_CHECK_EQ(GetTaskState(Chainer, &st), E_OK);
	TEST_CHECK_EQ(st, SUSPENDED);
	TEST_CHECK(mc_wait_errors(1), "no ErrorHook call on core 1");
	CHECK_ERROR(0, E_OS_LIMIT, OSServiceId_ChainTask, 1, L1);
	l1_release = 1;
	TEST_CHECK(mc_wait_log(3), "L1 never ended");
	MC_EXPECT(EV_L1_START, EV_CHAINER, EV_L1_END);
	TEST_CHECK(core1_quiet(), "core 1 not idle");
	TEST_CHECK_EQ(l1_runs, 1);
}

static void test_alarm_remote(void)
{
	TEST_CHECK(core1_quiet(), "core 1 not idle");
	mc_log_reset();
	mc_errors_reset();
	/* Al0 on core 0's counter Cnt0 activates B1 of core 1: through the ring. */
	TEST_CHECK_EQ(SetRelAlarm(Al0, 1, 0), E_OK);
	TEST_CHECK_EQ(IncrementCounter(Cnt0), E_OK);
	TEST_CHECK(mc_wait_log(1), "B1 never ran");
	MC_EXPECT(EV_B1);
	TEST_CHECK_EQ(mc_error_count(), 0);
	TEST_CHECK_EQ(wrong_core, 0);
}

static void test_isr2_per_core(void)
{
	TEST_CHECK(core1_quiet(), "core 1 not idle");
	mc_log_reset();
	TEST_CHECK_EQ(irq_raise_sgi_to(1, 2), 0); /* Isr1's SGI, to core 1 */
	TEST_CHECK(mc_wait_log(1), "Isr1 never ran");
	TEST_CHECK_EQ(irq_raise_sgi(1), 0); /* Isr0's SGI, to core 0 */
	TEST_CHECK(mc_wait_log(2), "Isr0 never ran");
	/* Each SGI at the core whose ISR it is not: enabled only in its owner's bank. */
	TEST_CHECK_EQ(irq_raise_sgi_to(0, 2), 0);
	TEST_CHECK_EQ(irq_raise_sgi_to(1, 1), 0);
	TEST_CHECK_EQ(irq_raise_sgi_to(1, 2), 0); /* a marker after them */
	TEST_CHECK(mc_wait_log(3), "Isr1 never ran again");
	MC_EXPECT(EV_ISR1, EV_ISR0, EV_ISR1);
	TEST_CHECK_EQ(isr0_id, Isr0);
	TEST_CHECK_EQ(isr1_id, Isr1);
	TEST_CHECK_EQ(wrong_core, 0);
}

static void test_misuse_core(void)
{
	TickType ticks = 0;

	TEST_CHECK(core1_quiet(), "core 1 not idle");
	mc_log_reset();
	mc_errors_reset();
	TEST_CHECK_EQ(GetResource(R1), E_OS_CORE);
	TEST_CHECK_EQ(ReleaseResource(R1), E_OS_CORE);
	TEST_CHECK_EQ(SetRelAlarm(Al1, 1, 0), E_OS_CORE);
	TEST_CHECK_EQ(SetAbsAlarm(Al1, 1, 0), E_OS_CORE);
	TEST_CHECK_EQ(CancelAlarm(Al1), E_OS_CORE);
	TEST_CHECK_EQ(GetAlarm(Al1, &ticks), E_OS_CORE);
	TEST_CHECK_EQ(IncrementCounter(Cnt1), E_OS_CORE);
	TEST_CHECK_EQ(mc_error_count(), 7);
	CHECK_ERROR(0, E_OS_CORE, OSServiceId_GetResource, 0, R1);
	CHECK_ERROR(1, E_OS_CORE, OSServiceId_ReleaseResource, 0, R1);
	CHECK_ERROR(2, E_OS_CORE, OSServiceId_SetRelAlarm, 0, Al1);
	CHECK_ERROR(3, E_OS_CORE, OSServiceId_SetAbsAlarm, 0, Al1);
	CHECK_ERROR(4, E_OS_CORE, OSServiceId_CancelAlarm, 0, Al1);
	CHECK_ERROR(5, E_OS_CORE, OSServiceId_GetAlarm, 0, Al1);
	CHECK_ERROR(6, E_OS_CORE, OSServiceId_IncrementCounter, 0, Cnt1);
	/* Their own core uses them; Al1 then activates A1 there. */
	TEST_CHECK_EQ(ActivateTask(R1u), E_OK);
	TEST_CHECK(mc_wait_log(2), "R1u and A1 logged %u of 2", mc_log_len());
	MC_EXPECT(EV_R1U, EV_A1);
	for (unsigned int i = 0; i < 4; i++)
		TEST_CHECK(r1u_rc[i] == E_OK, "R1u's call %u gave %u", i, r1u_rc[i]);
	TEST_CHECK_EQ(mc_error_count(), 7);
}

TASK(Main)
{
	printk("multicore kernel: two cores, Main on core %u\n", GetCoreID());
	RUN_TEST(test_start);
	RUN_TEST(test_activate_order);
	RUN_TEST(test_interleaved_order);
	RUN_TEST(test_setevent_errors);
	RUN_TEST(test_activate_limit);
	RUN_TEST(test_chain_remote);
	RUN_TEST(test_chain_remote_limit);
	RUN_TEST(test_alarm_remote);
	RUN_TEST(test_isr2_per_core);
	RUN_TEST(test_misuse_core);
	ShutdownOS(E_OK);
}

static StatusType shutdown_error = 0xff;
static CoreIdType shutdown_core = 99;

static void test_shutdown_hook(void)
{
	TEST_CHECK_EQ(shutdown_calls, 1);
	TEST_CHECK_EQ(shutdown_core, 0);
	TEST_CHECK_EQ(shutdown_error, E_OK);
}

/* ShutdownOS from core 0: once, on core 0, then the domain powers off. */
void ShutdownHook(StatusType Error)
{
	__atomic_fetch_add(&shutdown_calls, 1u, __ATOMIC_SEQ_CST);
	shutdown_error = Error;
	shutdown_core = GetCoreID();
	RUN_TEST(test_shutdown_hook);
	(void)test_summary();
}
