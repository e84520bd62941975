/* SPDX-License-Identifier: GPL-2.0 */
/*
 * erika-xen: the client end of the shared ring (ring.c). Connect and
 * disconnect with ex->lock held (discovery.c); requests without it.
 */
#ifndef ERIKA_XEN_RING_H
#define ERIKA_XEN_RING_H

#include <linux/types.h>
#include <xen/grant_table.h>
#include <xen/interface/event_channel.h>

#include "state.h"

int erika_xen_ring_connect(struct erika_xen *ex, domid_t domid, grant_ref_t ref,
			   evtchn_port_t port);
void erika_xen_ring_disconnect(struct erika_xen *ex);
void erika_xen_ring_unload(struct erika_xen *ex);
int erika_xen_ring_request(struct erika_xen *ex, u8 op, u8 value, unsigned int timeout_ms,
			   u8 *level);

#endif /* ERIKA_XEN_RING_H */
