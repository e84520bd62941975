/*
 * The virtual timer on real Xen: CNTFRQ and CNTVCT are sane; a periodic tick
 * at a configured rate delivers exactly one tick per elapsed period, counted
 * against CNTVCT, while event channel interrupts arrive at the same time; no
 * tick comes before its deadline (deadlines advance from the previous one,
 * so there is no drift); stop stops it; a restart at another rate works.
 */

#include <erika/arch/cpu.h>
#include <erika/boot.h>
#include <erika/drivers/irq.h>
#include <erika/drivers/timer.h>
#include <erika/errno.h>
#include <erika/xen/events.h>

#include <erika_test.h>
#include <xen_test_util.h>

#define RATE_HZ 1000u
#define RUN_MS	300u
#define SLOW_HZ 250u
/*
 * How long to wait for an interrupt that is already due. Under TCG the
 * guest's clock is the host's, so latency is a figure (printed), not a
 * check: on a busy host any guest sees long ones.
 */
#define MAX_LATENCY_MS 100u
/*
 * Events sent round while the timer runs, however slowly the host runs us;
 * bounded in loop iterations (instructions, not time) so that events that
 * never arrive fail the check instead of hanging the test.
 */
#define MIN_EVENTS	20u
#define MAX_EVENT_SPINS 100000000u

static volatile unsigned int tick_hits;
static volatile unsigned int early_ticks;
static volatile uint64_t max_latency;
static uint64_t t0, period_ticks;
static volatile unsigned int event_hits;
static evtchn_port_t port_a, port_b;

/* Tick n (from 1) must not run before t0 + n periods. */
static void on_tick(void *arg)
{
	unsigned int n = tick_hits + 1;

	uint64_t now = vtimer_count(), deadline = t0 + n * period_ticks;

	(void)arg;
	if (now < deadline)
		early_ticks = early_ticks + 1;
	else if (now - deadline > max_latency)
		max_latency = now - deadline;
	tick_hits = n;
}

static void on_event(evtchn_port_t port, void *arg)
{
	(void)port;
	(void)arg;
	event_hits = event_hits + 1;
}

static void test_counter(void)
{
	uint32_t hz = vtimer_frequency();
	uint64_t a = vtimer_count(), b;

	printk("CNTFRQ %u Hz\n", (unsigned int)hz);
	TEST_CHECK(hz >= 1000000u && hz <= 1000000000u, "CNTFRQ %u Hz is implausible",
		   (unsigned int)hz);
	spin_ms(1);
	b = vtimer_count();
	TEST_CHECK(b > a, "CNTVCT does not advance");
	TEST_CHECK_EQ(vtimer_ms_to_ticks(1000), hz);
}

static void test_bad_arguments(void)
{
	TEST_CHECK_EQ(vtimer_start_periodic(0, on_tick, 0), -EINVAL);
	TEST_CHECK_EQ(vtimer_start_periodic(1000, 0, 0), -EINVAL);
}

static int start(uint32_t hz)
{
	period_ticks = vtimer_frequency() / hz;
	tick_hits = 0;
	early_ticks = 0;
	max_latency = 0;
	t0 = vtimer_count();
	return vtimer_start_periodic((uint32_t)period_ticks, on_tick, 0);
}

/*
 * The tick count against the periods CNTVCT says have elapsed: never ahead
 * (no tick before its deadline), and every elapsed period delivered once the
 * interrupt has caught up (QEMU's TCG delays interrupts by several ms now and
 * then; the driver then delivers the missed ticks together).
 */
static void check_rate(uint32_t hz, uint32_t ms, int with_events)
{
	uint64_t end = t0 + vtimer_ms_to_ticks(ms);
	unsigned int sent = 0, elapsed, spins = 0;

	while (vtimer_count() < end ||
	       (with_events && sent < MIN_EVENTS && ++spins < MAX_EVENT_SPINS)) {
		if (with_events && event_hits == sent) {
			TEST_CHECK_EQ(evtchn_notify(port_b), 0);
			sent++;
		}
	}
	elapsed = (unsigned int)((vtimer_count() - t0) / period_ticks);
	TEST_CHECK(wait_for_count(&tick_hits, elapsed, MAX_LATENCY_MS),
		   "%u ticks in %u periods: ticks lost", tick_hits, elapsed);
	printk("%u Hz for %u ms: %u periods, %u ticks, %u events, max latency %u us\n",
	       (unsigned int)hz, (unsigned int)ms, elapsed, tick_hits, sent,
	       (unsigned int)(max_latency * 1000000u / vtimer_frequency()));
	TEST_CHECK_EQ(early_ticks, 0);
	if (with_events) {
		TEST_CHECK(sent >= MIN_EVENTS, "only %u events went round", sent);
		TEST_CHECK(wait_for_count(&event_hits, sent, 100), "%u of %u events delivered",
			   event_hits, sent);
	}
}

static void test_periodic_with_events(void)
{
	TEST_CHECK_EQ(evtchn_alloc_unbound(DOMID_SELF, &port_a), 0);
	TEST_CHECK_EQ(evtchn_bind_interdomain(DOMID_SELF, port_a, &port_b), 0);
	TEST_CHECK_EQ(evtchn_clear(port_a), 0);
	TEST_CHECK_EQ(evtchn_bind(port_a, on_event, 0), 0);
	arch_irq_enable();

	TEST_CHECK_EQ(start(RATE_HZ), 0);
	TEST_CHECK_EQ(vtimer_start_periodic(1000, on_tick, 0), -EBUSY);
	check_rate(RATE_HZ, RUN_MS, 1);
	arch_irq_disable();
	TEST_CHECK_EQ(vtimer_tick_count(), tick_hits);
	arch_irq_enable();
}

static void test_stop(void)
{
	unsigned int ticks;

	vtimer_stop();
	ticks = tick_hits;
	spin_ms(20);
	TEST_CHECK_EQ(tick_hits, ticks);
}

static void test_restart_other_rate(void)
{
	TEST_CHECK_EQ(start(SLOW_HZ), 0);
	check_rate(SLOW_HZ, 200, 0);
	vtimer_stop();
	TEST_CHECK(tick_hits >= 45, "only %u ticks at %u Hz in 200 ms", tick_hits, SLOW_HZ);
}

int main(void)
{
	RUN_TEST(test_counter);
	RUN_TEST(test_bad_arguments);
	RUN_TEST(test_periodic_with_events);
	RUN_TEST(test_stop);
	RUN_TEST(test_restart_other_rate);
	printk("unhandled interrupts: %u\n", irq_unhandled_count());
	return test_summary();
}
