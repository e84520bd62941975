/*
 * The Xen event upcall as an OIL ISR2 (app.oil: XenEvents, HANDLER =
 * "evtchn_upcall_isr"), on real Xen: a channel from the domain to itself
 * (alloc_unbound for DOMID_SELF + bind_interdomain) raises the upcall, and
 * the handler bound to the port runs inside the ISR2 with its semantics:
 *   - it is category 2 interrupt level: GetISRID() names XenEvents
 *     (AUTOSAR OS SWS_Os_00263; INVALID_ISR in a task, SWS_Os_00264),
 *     GetTaskID() the interrupted task, Schedule() is E_OS_CALLEVEL
 *     (OSEK/VDX OS 2.2.3, 13.2.3.5 and 13.2.3.4);
 *   - a task it activates runs when the ISR ends, before the interrupted
 *     task goes on (OSEK 2.2.3, Interrupt processing: rescheduling at the
 *     end of the ISR2);
 *   - it takes the resource its OIL entry names and is refused one whose
 *     ceiling is a task level (OSEK 8.6, 13.4.3.1: E_OS_ACCESS);
 *   - a task holding that resource keeps it out until ReleaseResource, and
 *     SuspendOSInterrupts does too (OSEK 8.6, 13.3.2.6);
 *   - a category 1 ISR above it nests inside it (category 1 ISRs are never
 *     held up by the OS: kernel/erika/README.md).
 * Each case asserts its order of events with the kernel tests' step log.
 */

#include <erika/drivers/irq.h>
#include <erika/printk.h>
#include <erika/xen/events.h>

#include "kt.h"

static evtchn_port_t port_a, port_b; /* events sent on b arrive at a */
static volatile int upcall_done;
static volatile unsigned int upcall_hits;
static kt_fn upcall_fn;

/* The handler bound to port_a; arg is the delivery count it keeps. */
static void on_event(evtchn_port_t port, void *arg)
{
	volatile unsigned int *hits = arg;

	KT_EQ(port, port_a);
	KT_CHECK(hits == &upcall_hits, "wrong handler argument");
	if (upcall_fn)
		upcall_fn();
	*hits = *hits + 1;
	upcall_done = 1;
}

static volatile int quick_done;

/* The category 1 ISR: the step log only (no OS service). */
ISR(Quick)
{
	kt_step(30);
	quick_done = 1;
}

TASK(High)
{
	kt_task_body(High);
}

static void reset(void)
{
	kt_reset();
	upcall_fn = 0;
	upcall_done = 0;
}

static void send(void)
{
	KT_EQ(evtchn_notify(port_b), 0);
}

/*
 * The driver masked every port at boot (SYS_INIT, before main) and the kernel
 * connected and enabled the upcall at StartOS: a self channel whose events
 * stay masked until a handler is bound to its port.
 */
static void test_channel_setup(void)
{
	TEST_CHECK(xen_shared_info() != 0, "the driver was not set up at boot");
	TEST_CHECK_EQ(evtchn_alloc_unbound(DOMID_SELF, &port_a), 0);
	TEST_CHECK_EQ(evtchn_bind_interdomain(DOMID_SELF, port_a, &port_b), 0);
	/* Xen marks a freshly bound port pending once: start clean. */
	TEST_CHECK_EQ(evtchn_clear(port_a), 0);
	TEST_CHECK_EQ(evtchn_clear(port_b), 0);
	TEST_CHECK_EQ(evtchn_bind(port_a, on_event, (void *)&upcall_hits), 0);
	printk("upcall: self channel %u <- %u\n", (unsigned int)port_a, (unsigned int)port_b);
}

static ISRType isr_seen;
static TaskType task_seen;
static StatusType schedule_rc;

static void identify(void)
{
	kt_step(2);
	isr_seen = GetISRID();
	(void)GetTaskID(&task_seen);
	schedule_rc = Schedule();
}

/* The handler runs at once, at category 2 interrupt level, as XenEvents. */
static void test_handler_is_isr2(void)
{
	reset();
	upcall_fn = identify;
	TEST_CHECK_EQ(GetISRID(), INVALID_ISR);
	kt_step(1);
	send();
	TEST_CHECK(kt_wait(&upcall_done), "the upcall did not run");
	kt_step(3);
	KT_EXPECT(1, 2, 3);
	TEST_CHECK_EQ(isr_seen, XenEvents);
	TEST_CHECK_EQ(task_seen, Main);
	TEST_CHECK_EQ(schedule_rc, E_OS_CALLEVEL);
	TEST_CHECK_EQ(GetISRID(), INVALID_ISR);
}

static void activate_high(void)
{
	kt_step(2);
	KT_EQ(ActivateTask(High), E_OK);
	kt_step(3); /* High waits for the end of the ISR */
}

static void high_body(void)
{
	kt_step(4);
	KT_EQ(GetISRID(), INVALID_ISR);
}

/* A task the upcall activates preempts Main when the ISR ends. */
static void test_activation_preempts_at_exit(void)
{
	reset();
	upcall_fn = activate_high;
	kt_on(High, high_body);
	kt_step(1);
	send();
	TEST_CHECK(kt_wait(&upcall_done), "the upcall did not run");
	kt_step(5);
	KT_EXPECT(1, 2, 3, 4, 5);
}

static void use_resources(void)
{
	kt_step(2);
	KT_EQ(GetResource(ResEv), E_OK);
	kt_step(3);
	KT_EQ(ReleaseResource(ResEv), E_OK);
	/* ResTask's ceiling is High's task level, below any ISR. */
	KT_EQ(GetResource(ResTask), E_OS_ACCESS);
}

/* The upcall takes the resource its OIL entry names, and only that. */
static void test_resources_in_upcall(void)
{
	reset();
	upcall_fn = use_resources;
	kt_step(1);
	send();
	TEST_CHECK(kt_wait(&upcall_done), "the upcall did not run");
	kt_step(4);
	KT_EXPECT(1, 2, 3, 4);
	TEST_CHECK_EQ(kt_last_error.count, 1); /* E_OS_ACCESS reported to the ErrorHook */
}

static void step_3(void)
{
	kt_step(3);
}

/* While Main holds ResEv (ceiling: XenEvents's level) the upcall waits. */
static void test_ceiling_holds_upcall(void)
{
	unsigned int hits = upcall_hits;

	reset();
	upcall_fn = step_3;
	TEST_CHECK_EQ(GetResource(ResEv), E_OK);
	kt_step(1);
	send();
	/* However long this takes, the ISR cannot run: the mask holds it. */
	TEST_CHECK_EQ(upcall_hits, hits);
	TEST_CHECK(evtchn_is_pending(port_a), "the event is not pending");
	kt_step(2);
	TEST_CHECK_EQ(ReleaseResource(ResEv), E_OK);
	TEST_CHECK(kt_wait(&upcall_done), "the upcall did not run after ReleaseResource");
	kt_step(4);
	KT_EXPECT(1, 2, 3, 4);
	TEST_CHECK_EQ(upcall_hits, hits + 1);
}

/* SuspendOSInterrupts keeps the upcall out like every ISR2. */
static void test_suspend_os_holds_upcall(void)
{
	unsigned int hits = upcall_hits;

	reset();
	upcall_fn = step_3;
	SuspendOSInterrupts();
	kt_step(1);
	send();
	TEST_CHECK_EQ(upcall_hits, hits);
	kt_step(2);
	ResumeOSInterrupts();
	TEST_CHECK(kt_wait(&upcall_done), "the upcall did not run after ResumeOSInterrupts");
	kt_step(4);
	KT_EXPECT(1, 2, 3, 4);
}

static void raise_quick(void)
{
	kt_step(2);
	KT_EQ(irq_raise_sgi(3), 0);
	/* Above the upcall's priority: it comes in while the upcall runs. */
	KT_CHECK(kt_wait(&quick_done), "Quick did not nest in the upcall");
	kt_step(4);
}

/* An ISR1 above the upcall nests inside it. */
static void test_isr1_nests_in_upcall(void)
{
	reset();
	quick_done = 0;
	upcall_fn = raise_quick;
	kt_step(1);
	send();
	TEST_CHECK(kt_wait(&upcall_done), "the upcall did not run");
	kt_step(5);
	KT_EXPECT(1, 2, 30, 4, 5);
}

/* Every interrupt had its handler: none was disabled as unclaimed. */
static void test_nothing_unhandled(void)
{
	TEST_CHECK_EQ(irq_unhandled_count(), 0);
	TEST_CHECK_EQ(upcall_hits, 6);
}

TASK(Main)
{
	RUN_TEST(test_channel_setup);
	RUN_TEST(test_handler_is_isr2);
	RUN_TEST(test_activation_preempts_at_exit);
	RUN_TEST(test_resources_in_upcall);
	RUN_TEST(test_ceiling_holds_upcall);
	RUN_TEST(test_suspend_os_holds_upcall);
	RUN_TEST(test_isr1_nests_in_upcall);
	RUN_TEST(test_nothing_unhandled);
	(void)test_summary();
	ShutdownOS(E_OK);
}

int main(void)
{
	StartOS(OSDEFAULTAPPMODE);
	return 0;
}
