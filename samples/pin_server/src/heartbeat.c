/*
 * The heartbeat: a periodic task that toggles its own pin and measures, on
 * the virtual counter, how far each interval between two activations is from
 * the period. Its worst deviation, with and without command traffic, shows
 * that serving dom0 does not disturb real-time work. An activation that never
 * ran (two alarm expiries before the task could run, as when an emulator
 * delays the timer interrupt) is counted as missed, not as a long interval.
 */

#include <erika/devicetree.h>
#include <erika/drivers/gpio.h>
#include <erika/drivers/timer.h>
#include <erika/os.h>

#include "pin_app.h"

#define PIN_SERVER_NODE DT_INST(0, erika_pin_server)
/* The heartbeat alarm's cycle in OS ticks (pin_server.oil). */
#define PERIOD_OS_TICKS 10

static const struct gpio_dt_spec heartbeat_pin = GPIO_DT_SPEC_GET(PIN_SERVER_NODE, heartbeat_gpios);
static uint64_t period; /* in virtual counter ticks */
static uint64_t last;	/* the previous activation: the Heartbeat task's own */

/*
 * What the Heartbeat task publishes for the report. It is the only writer;
 * the report, taken by PinServer (on the other core in the two-core
 * configuration), only reads it, under a sequence count that is odd while a
 * beat writes. No lock is shared, so the report can never hold a beat back.
 */
static struct {
	volatile uint32_t seq;
	uint32_t window; /* the report window `worst` belongs to */
	uint64_t first;	 /* the first activation */
	uint64_t beats;
	uint64_t worst; /* since the window began */
} pub;
/* The report window: written only by the report, which starts a new one. */
static volatile uint32_t window;

void heartbeat_init(void)
{
	(void)gpio_configure_dt(&heartbeat_pin, GPIO_OUTPUT_LOW);
	period = (uint64_t)vtimer_frequency() * CONFIG_OS_TICK_US * PERIOD_OS_TICKS / 1000000u;
}

/* Distance of this activation from the period grid; 0 for the first one. */
static uint64_t deviation_of(uint64_t now, uint64_t beats)
{
	uint64_t interval = (now - last) % period; /* several periods: misses, counted apart */

	if (beats == 0)
		return 0;
	return interval <= period / 2 ? interval : period - interval;
}

void heartbeat_tick(void)
{
	uint64_t now = vtimer_count();
	uint64_t deviation = deviation_of(now, pub.beats);
	uint32_t w = window;

	(void)gpio_toggle_dt(&heartbeat_pin);
	last = now;
	pub.seq = pub.seq + 1;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (pub.beats == 0)
		pub.first = now;
	if (pub.window != w) {
		pub.window = w;
		pub.worst = 0;
	}
	if (deviation > pub.worst)
		pub.worst = deviation;
	pub.beats++;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	pub.seq = pub.seq + 1;
}

/*
 * A consistent copy of what the beats published, then a new window. A beat
 * that runs between the copy and the new window counts in the window just
 * reported: its deviation is in neither report (at most one beat per report).
 */
void heartbeat_take_report(struct heartbeat_report *report)
{
	uint64_t now, due, first, beats, worst;
	uint32_t seq, w;

	do {
		seq = pub.seq;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		now = vtimer_count();
		w = pub.window;
		first = pub.first;
		beats = pub.beats;
		worst = pub.worst;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	} while ((seq & 1u) != 0 || seq != pub.seq);
	if (w != window)
		worst = 0; /* no beat since the last report */
	window = window + 1;
	due = beats == 0 ? 0 : (now - first) / period + 1;
	report->worst_us = (unsigned int)(worst * 1000000u / vtimer_frequency());
	report->beats = (unsigned int)beats;
	report->missed = due > beats ? (unsigned int)(due - beats) : 0;
}
