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
static uint64_t first;	/* the first activation */
static uint64_t last;	/* the previous activation */
static uint64_t worst;	/* since the last report */
static uint64_t beats;

void heartbeat_init(void)
{
	(void)gpio_configure_dt(&heartbeat_pin, GPIO_OUTPUT_LOW);
	period = (uint64_t)vtimer_frequency() * CONFIG_OS_TICK_US * PERIOD_OS_TICKS / 1000000u;
}

void heartbeat_tick(void)
{
	uint64_t now = vtimer_count();
	uint64_t interval = now - last;
	uint64_t deviation;

	(void)gpio_toggle_dt(&heartbeat_pin);
	last = now;
	if (beats++ == 0) {
		first = now;
		return;
	}
	/* Several periods in one interval: activations were missed, counted below. */
	interval %= period;
	deviation = interval <= period / 2 ? interval : period - interval;
	if (deviation > worst)
		worst = deviation;
}

void heartbeat_take_report(struct heartbeat_report *report)
{
	uint64_t now, due, taken_worst, taken_beats;

	/* The Heartbeat task preempts the caller: take its figures in one piece. */
	SuspendOSInterrupts();
	now = vtimer_count();
	taken_worst = worst;
	taken_beats = beats;
	worst = 0;
	ResumeOSInterrupts();
	due = taken_beats == 0 ? 0 : (now - first) / period + 1;
	report->worst_us = (unsigned int)(taken_worst * 1000000u / vtimer_frequency());
	report->beats = (unsigned int)taken_beats;
	report->missed = due > taken_beats ? (unsigned int)(due - taken_beats) : 0;
}
