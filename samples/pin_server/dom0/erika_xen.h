/* SPDX-License-Identifier: GPL-2.0 */
/*
 * erika-xen: the dom0 client of the pin server protocol
 * (samples/pin_server/doc/protocol.md). Shared state of the module's three
 * parts: erika_xen.c (module, sysctl files), discovery.c (finding the RTOS
 * domain in XenStore, connecting, reconnecting) and ring.c (the shared page,
 * the event channel, requests and their answers).
 */
#ifndef ERIKA_XEN_H
#define ERIKA_XEN_H

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
 * A request waiting for its answer; lives on the requester's stack, in
 * ex->inflight (oldest first) until it is answered or given up.
 */
struct erika_xen_req {
	struct list_head node;
	RING_IDX idx; /* the ring slot: answers come in order, one per request */
	u32 id;
	int result; /* ERIKA_XEN_PENDING until decided; then 0 or a negative errno */
	u8 level;   /* with result 0 */
};

#define ERIKA_XEN_PENDING 1

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
	struct list_head inflight;
	unsigned int nr_waiting; /* requests in @inflight, for the stats file */
	wait_queue_head_t wq;

	/* XenStore side (discovery.c). */
	struct notifier_block xenstore_nb;
	struct xenbus_watch watch;
	bool watch_registered;
	struct workqueue_struct *wq_rescan;
	struct work_struct rescan;

	struct erika_xen_stats stats;
	struct erika_xen_rtt rtt;
};

/* Module parameters (erika_xen.c). */
extern char *erika_xen_domain_name;
unsigned int erika_xen_timeout_ms(void);

/* rtt.c */
void erika_xen_rtt_record(struct erika_xen *ex, ktime_t sent); /* ex->ring_lock held */
void erika_xen_rtt_reset(struct erika_xen *ex);
int erika_xen_rtt_text(struct erika_xen *ex, char *text, size_t size);

/* discovery.c */
int erika_xen_discovery_start(struct erika_xen *ex);
void erika_xen_discovery_stop(struct erika_xen *ex);

/* ring.c: connect and disconnect with ex->lock held; requests without it. */
int erika_xen_ring_connect(struct erika_xen *ex, domid_t domid, grant_ref_t ref,
			   evtchn_port_t port);
void erika_xen_ring_disconnect(struct erika_xen *ex);
void erika_xen_ring_unload(struct erika_xen *ex);
int erika_xen_ring_request(struct erika_xen *ex, u8 op, u8 value, u8 *level);

#endif /* ERIKA_XEN_H */
