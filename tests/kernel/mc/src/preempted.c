/*
 * A sender that Xen deschedules in the middle of a cross-core request cannot
 * stall the other core (issue 12; kernel/erika/README.md, "Two cores"). Core
 * 1's Sender1 calls ActivateTask(T0r) of core 0; the kernel's test hook
 * (CONFIG_OS_XCORE_TEST_HOOK), between writing the request and publishing
 * it, parks vCPU 1 in Xen: SCHEDOP_poll (xen/include/public/sched.h) on an
 * event channel of its own (EVTCHNOP_bind_ipi), with IRQs masked so that
 * Xen does not return for a pending interrupt; vCPU 1 leaves the pCPU until
 * the port is signalled. Meanwhile core 0, whose kernel shares no lock with
 * core 1, must:
 *  - run M local activations and an alarm's (OSEK 2.2.3 13.2.3.1, 13.6);
 *  - queue requests to the parked core: E_OK for as many as its ring holds
 *    (CONFIG_OS_XCORE_QUEUE_LEN = 4), E_OS_LIMIT at once for the next one
 *    (no waiting: README's cross-core table);
 *  - see neither core 1's unpublished request (T0r not run) nor its own
 *    requests run (core 1 is parked).
 * Only then it signals the port. Core 1 then publishes (T0r runs on core 0)
 * and takes core 0's requests, in the order they were made. With a lock
 * shared by the cores instead of the rings, core 0 would wait for the parked
 * vCPU and never signal it: the case would hang and fail at the runner's
 * timeout.
 */

#include <erika/arch/cpu.h>
#include <erika/printk.h>
#include <erika/xen/hypercall.h>

#include "mc.h"

#define M 5

enum {
	EV_HOOK_ENTER = 1,
	EV_HOOK_EXIT,
	EV_LOC0,
	EV_QUEUED,
	EV_KICK,
	EV_T0R,
	EV_A1 = 10,
	EV_B1,
	EV_C1,
	EV_D1,
};

static evtchn_port_t park_port;
static volatile unsigned int armed, in_hook, kicked;
static volatile unsigned int hook_polls, loc0_runs, t0r_runs, core1_runs, wrong_core;
static volatile StatusType sender_rc = 0xff;

/* Core 1, kernel locked, the request to core 0 written and not yet published. */
void os_xcore_test_before_publish(CoreIdType to)
{
	evtchn_port_t ports[1] = { park_port };
	struct sched_poll poll = { .nr_ports = 1, .timeout = 0 };

	/* cppcheck-suppress knownConditionTrueFalse ; GetCoreID() is 0 only with one core */
	if (GetCoreID() != 1 || to != 0 || !armed)
		return;
	armed = 0;
	set_xen_guest_handle(poll.ports, ports);
	/* Masked: Xen's poll returns at once if an interrupt could be delivered. */
	arch_irq_disable();
	mc_log(EV_HOOK_ENTER);
	in_hook = 1;
	while (!kicked) {
		(void)HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
		hook_polls = hook_polls + 1;
	}
	mc_log(EV_HOOK_EXIT);
	/* The kernel's unlock at the end of ActivateTask unmasks again. */
}

TASK(Sender1)
{
	sender_rc = ActivateTask(T0r);
	(void)TerminateTask();
}

static void on_core1(int ev)
{
	/* cppcheck-suppress knownConditionTrueFalse ; GetCoreID() is 0 only with one core */
	if (GetCoreID() != 1)
		wrong_core = wrong_core + 1;
	core1_runs = core1_runs + 1;
	mc_log(ev);
}

TASK(A1)
{
	on_core1(EV_A1);
	(void)TerminateTask();
}

TASK(B1)
{
	on_core1(EV_B1);
	(void)TerminateTask();
}

TASK(C1)
{
	on_core1(EV_C1);
	(void)TerminateTask();
}

TASK(D1)
{
	on_core1(EV_D1);
	(void)TerminateTask();
}

TASK(Loc0)
{
	loc0_runs = loc0_runs + 1;
	mc_log(EV_LOC0);
	(void)TerminateTask();
}

TASK(T0r)
{
	/* cppcheck-suppress knownConditionTrueFalse ; GetCoreID() is 0 only with one core */
	if (GetCoreID() != 0)
		wrong_core = wrong_core + 1;
	t0r_runs = t0r_runs + 1;
	mc_log(EV_T0R);
	(void)TerminateTask();
}

static int find(int ev, unsigned int from)
{
	for (unsigned int i = from; i < mc_log_len(); i++)
		if (mc_log_at(i) == ev)
			return (int)i;
	return -1;
}

static void test_preempted_sender(void)
{
	struct evtchn_bind_ipi ipi = { .vcpu = 1 };
	struct evtchn_send send;
	TaskStateType st = 0xff;
	unsigned int done;

	TEST_CHECK_EQ(HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &ipi), 0);
	park_port = ipi.port;
	mc_log_reset();
	mc_errors_reset();
	armed = 1;
	TEST_CHECK_EQ(ActivateTask(Sender1), E_OK);
	TEST_CHECK(mc_wait(&in_hook, 1), "core 1 never reached the hook");

	/* Core 1 is parked in Xen holding a half-made request: core 0 goes on. */
	for (unsigned int i = 0; i < M; i++)
		TEST_CHECK_EQ(ActivateTask(Loc0), E_OK);
	TEST_CHECK_EQ(SetRelAlarm(AlLoc, 1, 0), E_OK);
	TEST_CHECK_EQ(IncrementCounter(Cnt0), E_OK);
	TEST_CHECK_EQ(loc0_runs, M + 1);
	TEST_CHECK_EQ(ActivateTask(A1), E_OK);
	TEST_CHECK_EQ(ActivateTask(B1), E_OK);
	TEST_CHECK_EQ(ActivateTask(C1), E_OK);
	TEST_CHECK_EQ(ActivateTask(D1), E_OK);
	/* The ring to core 1 holds 4: the fifth is refused at once, on core 0. */
	TEST_CHECK_EQ(ActivateTask(A1), E_OS_LIMIT);
	mc_log(EV_QUEUED);
	TEST_CHECK_EQ(mc_error_count(), 1);
	TEST_CHECK_EQ(mc_errors[0].error, E_OS_LIMIT);
	TEST_CHECK_EQ(mc_errors[0].core, 0);
	TEST_CHECK_EQ(mc_errors[0].service, OSServiceId_ActivateTask);
	/* Nothing of the parked core's request, nothing run there. */
	TEST_CHECK_EQ(t0r_runs, 0);
	TEST_CHECK_EQ(GetTaskState(T0r, &st), E_OK);
	TEST_CHECK_EQ(st, SUSPENDED);
	TEST_CHECK_EQ(core1_runs, 0);
	TEST_CHECK_EQ(in_hook, 1);
	printk("core 0 went on while core 1 was parked (%u polls returned so far)\n", hook_polls);

	mc_log(EV_KICK);
	kicked = 1;
	dmb();
	send.port = park_port;
	TEST_CHECK_EQ(HYPERVISOR_event_channel_op(EVTCHNOP_send, &send), 0);
	TEST_CHECK(mc_wait(&t0r_runs, 1), "core 1's request never reached core 0");
	TEST_CHECK(mc_wait(&core1_runs, 4), "core 1 ran %u of core 0's 4 requests", core1_runs);
	TEST_CHECK(mc_wait_state(Sender1, SUSPENDED), "Sender1 never ended");
	TEST_CHECK_EQ(sender_rc, E_OK);
	TEST_CHECK_EQ(wrong_core, 0);

	/* Order: core 0's work, then the kick, then what the parked core held. */
	done = M + 4; /* hook enter, M + 1 Loc0, queued, kick */
	TEST_CHECK(mc_wait_log(done + 6), "%u events", mc_log_len());
	TEST_CHECK_EQ(mc_log_len(), done + 6);
	TEST_CHECK_EQ(mc_log_at(0), EV_HOOK_ENTER);
	for (unsigned int i = 1; i <= M + 1; i++)
		TEST_CHECK(mc_log_at(i) == EV_LOC0, "event %u: %d", i, mc_log_at(i));
	TEST_CHECK_EQ(mc_log_at(M + 2), EV_QUEUED);
	TEST_CHECK_EQ(mc_log_at(M + 3), EV_KICK);
	TEST_CHECK_EQ(mc_log_at(done), EV_HOOK_EXIT);
	TEST_CHECK(find(EV_T0R, done) > (int)done, "T0r before core 1 published");
	/* Core 0's requests in the order made, all after core 1 resumed. */
	TEST_CHECK(find(EV_A1, done) < find(EV_B1, done) && find(EV_B1, done) < find(EV_C1, done) &&
			   find(EV_C1, done) < find(EV_D1, done) && find(EV_A1, done) > (int)done,
		   "core 1 ran core 0's requests out of order");
}

TASK(Main)
{
	printk("multicore kernel: the preempted sender\n");
	RUN_TEST(test_preempted_sender);
	ShutdownOS(E_OK);
}
