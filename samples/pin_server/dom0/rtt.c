// SPDX-License-Identifier: GPL-2.0
/*
 * Round-trip times of pin requests, from the request's push to the wake-up
 * with its answer: what a user of pin_state waits for. The most recent
 * ERIKA_XEN_RTT_SAMPLES are kept; reading /proc/sys/erika-xen/rtt sorts a
 * copy and reports the median, the 99th percentile and the maximum; writing
 * to it starts a new measurement.
 */

#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "rtt.h"

/* One answered request, sent at @sent; ex->ring_lock held. */
void erika_xen_rtt_record(struct erika_xen *ex, ktime_t sent)
{
	s64 us = ktime_us_delta(ktime_get(), sent);

	ex->rtt.us[ex->rtt.count % ERIKA_XEN_RTT_SAMPLES] = (u32)clamp_val(us, 0, U32_MAX);
	ex->rtt.count++;
}

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

/* The percentile p (0-100) of n sorted samples, nearest-rank. */
static u32 percentile(const u32 *sorted, size_t n, unsigned int p)
{
	size_t rank = DIV_ROUND_UP(n * p, 100);

	return sorted[rank > 0 ? rank - 1 : 0];
}

/* Start a new measurement. */
void erika_xen_rtt_reset(struct erika_xen *ex)
{
	spin_lock_irq(&ex->ring_lock);
	ex->rtt.count = 0;
	spin_unlock_irq(&ex->ring_lock);
}

/* The figures as text; process context. Returns 0 or -ENOMEM. */
int erika_xen_rtt_text(struct erika_xen *ex, char *text, size_t size)
{
	u32 *copy = kmalloc_array(ERIKA_XEN_RTT_SAMPLES, sizeof(u32), GFP_KERNEL);
	size_t n;

	if (!copy)
		return -ENOMEM;
	/* Requests record under the ring lock: copy under it, sort outside. */
	spin_lock_irq(&ex->ring_lock);
	n = min_t(unsigned long, ex->rtt.count, ERIKA_XEN_RTT_SAMPLES);
	memcpy(copy, ex->rtt.us, n * sizeof(u32));
	spin_unlock_irq(&ex->ring_lock);
	if (n == 0) {
		snprintf(text, size, "samples 0\n");
	} else {
		sort(copy, n, sizeof(u32), cmp_u32, NULL);
		snprintf(text, size, "samples %zu\nmedian_us %u\np99_us %u\nmax_us %u\nmin_us %u\n",
			 n, percentile(copy, n, 50), percentile(copy, n, 99), copy[n - 1], copy[0]);
	}
	kfree(copy);
	return 0;
}
