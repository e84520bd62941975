/* SPDX-License-Identifier: GPL-2.0 */
/* erika-xen: round-trip times of answered requests (rtt.c). */
#ifndef ERIKA_XEN_RTT_H
#define ERIKA_XEN_RTT_H

#include <linux/ktime.h>
#include <linux/types.h>

#include "state.h"

void erika_xen_rtt_record(struct erika_xen *ex, ktime_t sent); /* ex->ring_lock held */
void erika_xen_rtt_reset(struct erika_xen *ex);
int erika_xen_rtt_text(struct erika_xen *ex, char *text, size_t size);

#endif /* ERIKA_XEN_RTT_H */
