/* SPDX-License-Identifier: GPL-2.0 */
/*
 * erika-xen: the dom0 client of the pin server protocol
 * (samples/pin_server/doc/protocol.md). The state its parts share, and
 * nothing else: it sits at the bottom so that the parts depend one way,
 *
 *   erika_xen.c  module, parameters, sysctl files (the top: calls the others)
 *   discovery.c  XenStore: finding the RTOS domain, connecting, reconnecting
 *   ring.c       the shared page, the event channel, requests and answers
 *   rtt.c        round-trip times
 *   state.h      this file
 *
 * each calling only the ones below it, through their headers (discovery.h,
 * ring.h, rtt.h). What a part needs from one above it (the timeout, the
 * domain name) is passed to it as an argument, so no part reaches up.
 */
#ifndef ERIKA_XEN_STATE_H
#define ERIKA_XEN_STATE_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/spinlock.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <xen/grant_table.h>
#include <xen/interface/event_channel.h>
#include <xen/xenbus.h>
#include <xen/interface/io/ring.h>

#include <pin_server/protocol.h>

/* Longest XenStore path the module builds ("/local/domain/<id>/data/pin-server"). */
#define ERIKA_XEN_PATH_MAX 64

/* Round-trip times kept for /proc/sys/erika-xen/rtt (the most recent ones). */
#define ERIKA_XEN_RTT_SAMPLES 2048

/* A request's pin field indexes the pins: a server cannot offer more (256). */
#define ERIKA_XEN_MAX_PINS (1U << (8 * sizeof_field(struct pin_request, pin)))

/*
 * Event channel ports: Xen's FIFO ABI has the most, the 2-level ABI fewer. A
 * larger `event-channel` value cannot be a port.
 */
#define ERIKA_XEN_MAX_PORT (EVTCHN_FIFO_NR_CHANNELS - 1U)

struct erika_xen_rtt {
	u32 us[ERIKA_XEN_RTT_SAMPLES];
	unsigned long count; /* answered requests measured since the last reset */
};

/* Counters shown in /proc/sys/erika-xen/stats (updated under @ring_lock or @lock). */
struct erika_xen_stats {
	unsigned long requests;	   /* sent to the server */
	unsigned long timeouts;	   /* no answer within timeout_ms */
	unsigned long interrupted; /* the caller took a signal while waiting */
	unsigned long aborted;	   /* waits ended by a disconnect or unload (-ENODEV) */
	unsigned long dropped;	   /* answers to requests nobody waits for any more */
	unsigned long bad_status;  /* undocumented status, or a level other than 0/1 */
	unsigned long bad_id;	   /* an answer in a request's slot with another id */
	unsigned long bad_index;   /* rsp_prod beyond the requests sent */
	unsigned long refused;	   /* connection attempts refused: bad XenStore values */
	unsigned long connects;	   /* successful connections */
	unsigned long disconnects; /* connections torn down */
};

/*
 * One connection to one server domain. Lock order: @lock, then @ring_lock.
 *   @lock      (mutex) connection set-up and tear-down (discovery.c). Requests
 *              never take it, so tear-down never waits for a request.
 *   @ring_lock (spinlock, taken in the event handler) the front ring's
 *              private indices, @ring_up, @inflight, the counters and @rtt.
 */
struct erika_xen {
	struct mutex lock;
	bool connected;		      /* @lock; read locklessly by the stats file */
	domid_t domid;		      /* server domain, while connected */
	char dir[ERIKA_XEN_PATH_MAX]; /* its data/pin-server directory */
	/* What the connection was made with, to notice a change of any of it. */
	grant_ref_t ring_ref;
	evtchn_port_t port;
	unsigned int pins;    /* the server's `pins` key, 1..ERIKA_XEN_MAX_PINS */
	int refused_domid;    /* last domain whose keys we refused, or -1 */
	char refused_why[80]; /* ... and why, to say it once */

	/* The mapped page and the event channel (ring.c). */
	struct xenbus_device xbdev; /* only otherend_id is used, for the binding */
	struct page *page;
	grant_handle_t handle;
	int irq;

	spinlock_t ring_lock;
	bool ring_up;	/* page mapped, port bound: requests may be sent */
	bool unloading; /* the module is going: no request may start */
	struct pin_front_ring ring;
	u32 next_id;
	struct list_head inflight; /* of ring.c's struct erika_xen_req */
	unsigned int nr_waiting;   /* requests in @inflight, for the stats file */
	wait_queue_head_t wq;

	/* XenStore side (discovery.c). */
	const char *domain_name; /* the server domain's name; fixed while loaded */
	struct notifier_block xenstore_nb;
	struct xenbus_watch watch;
	bool watch_registered;
	struct workqueue_struct *wq_rescan;
	struct work_struct rescan;

	struct erika_xen_stats stats;
	struct erika_xen_rtt rtt;
};

/* Before anything else uses @ex (module load). */
static inline void erika_xen_state_init(struct erika_xen *ex)
{
	mutex_init(&ex->lock);
	spin_lock_init(&ex->ring_lock);
	INIT_LIST_HEAD(&ex->inflight);
	init_waitqueue_head(&ex->wq);
}

#endif /* ERIKA_XEN_STATE_H */
