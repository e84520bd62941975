/*
 * The Linux counterpart of the pin server's heartbeat: a thread at the
 * highest SCHED_FIFO priority wakes every period with clock_nanosleep
 * (TIMER_ABSTIME, CLOCK_MONOTONIC), which is what a Linux user writes for a
 * periodic task. Each interval between two wake-ups is compared with the
 * period exactly as the RTOS heartbeat does (heartbeat.c): the deviation is
 * the interval modulo the period, folded to the nearer multiple; wake-ups
 * that never happened are counted as missed, not as long intervals.
 */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <time.h>

#include "peer.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t period_ns, first, worst;
static unsigned int beats;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void tick(uint64_t now, uint64_t *last)
{
	uint64_t interval = (now - *last) % period_ns;
	uint64_t deviation = interval <= period_ns / 2 ? interval : period_ns - interval;

	pthread_mutex_lock(&lock);
	if (beats++ == 0)
		first = now;
	else if (deviation > worst)
		worst = deviation;
	pthread_mutex_unlock(&lock);
	*last = now;
}

static void *run(void *arg)
{
	struct timespec next;
	uint64_t last = 0;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (;;) {
		next.tv_nsec += (long)period_ns;
		while (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
		tick(now_ns(), &last);
	}
	return NULL;
}

int periodic_start(unsigned int period_us)
{
	pthread_attr_t attr;
	struct sched_param sp = { .sched_priority = sched_get_priority_max(SCHED_FIFO) };
	pthread_t thread;
	int rc;

	period_ns = (uint64_t)period_us * 1000u;
	pthread_attr_init(&attr);
	pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
	pthread_attr_setschedpolicy(&attr, SCHED_FIFO);
	pthread_attr_setschedparam(&attr, &sp);
	rc = pthread_create(&thread, &attr, run, NULL);
	if (rc != 0) /* no real-time scheduling allowed: plain priority */
		rc = pthread_create(&thread, NULL, run, NULL);
	pthread_attr_destroy(&attr);
	return rc;
}

void periodic_take_report(struct periodic_report *report)
{
	uint64_t now = now_ns();

	pthread_mutex_lock(&lock);
	uint64_t due = beats == 0 ? 0 : (now - first) / period_ns + 1;

	report->worst_us = (unsigned int)(worst / 1000u);
	report->beats = beats;
	report->missed = due > beats ? (unsigned int)(due - beats) : 0;
	worst = 0;
	pthread_mutex_unlock(&lock);
}
