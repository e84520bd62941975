/* SPDX-License-Identifier: GPL-2.0 */
/*
 * erika-xen: the dom0 client of the pin server protocol
 * (samples/pin_server/doc/protocol.md). Shared state of the module's three
 * parts: erika_xen.c (module, sysctl files), discovery.c (finding the RTOS
 * domain in XenStore, connecting, reconnecting) and ring.c (the shared page,
 * the event channel, one request at a time).
 */
#ifndef ERIKA_XEN_H
#define ERIKA_XEN_H

#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>
#include <xen/interface/io/ring.h>

#include <erika/protocol/pin_server.h>

/* Longest XenStore path the module builds ("/local/domain/<id>/data/pin-server"). */
#define ERIKA_XEN_PATH_MAX 64

/* Counters shown in /proc/sys/erika-xen/stats. */
/* Round-trip times kept for /proc/sys/erika-xen/rtt (the most recent ones). */
#define ERIKA_XEN_RTT_SAMPLES 2048

struct erika_xen_rtt {
	u32 us[ERIKA_XEN_RTT_SAMPLES];
	unsigned long count; /* answered requests measured since the last reset */
};

struct erika_xen_stats {
	unsigned long requests;	   /* sent to the server */
	unsigned long timeouts;	   /* no answer within timeout_ms */
	unsigned long dropped;	   /* responses whose id matched no waiting request */
	unsigned long invalid;	   /* producer index beyond what we asked, bad status/value */
	unsigned long connects;	   /* successful connections */
	unsigned long disconnects; /* connections torn down */
};

/*
 * One connection to one server domain. Lock order: @lock, then @ring_lock.
 *   @lock      (mutex) connection set-up and tear-down, and one request at a
 *              time; held for a whole request, so tear-down waits for it.
 *   @ring_lock (spinlock, taken in the event handler) the front ring's
 *              private indices and the waiting request.
 */
struct erika_xen {
	struct mutex lock;
	bool connected;		      /* @lock; read locklessly by the stats file */
	domid_t domid;		      /* server domain, while connected */
	char dir[ERIKA_XEN_PATH_MAX]; /* its data/pin-server directory */
	grant_ref_t ring_ref;	      /* what we mapped and bound, to notice a change */
	evtchn_port_t port;
	unsigned int pins; /* the server's `pins` key (informational) */
	int refused_domid; /* last domain whose version we refused, or -1 */

	/* The mapped page and the event channel (ring.c). */
	struct xenbus_device xbdev; /* only otherend_id is used, for the binding */
	struct page *page;
	grant_handle_t handle;
	int irq;

	spinlock_t ring_lock;
	struct pin_front_ring ring;
	u32 next_id;
	bool waiting;  /* a request waits for response @wait_id */
	bool have_rsp; /* ... and @rsp holds it */
	u32 wait_id;
	struct pin_response rsp;
	wait_queue_head_t wq;

	/* XenStore side (discovery.c). */
	struct notifier_block xenstore_nb;
	struct xenbus_watch watch;
	bool watch_registered;
	struct workqueue_struct *wq_rescan;
	struct work_struct rescan;

	struct erika_xen_stats stats;
	struct erika_xen_rtt rtt; /* under @lock */
};

/* Module parameters (erika_xen.c). */
extern char *erika_xen_domain_name;
unsigned int erika_xen_timeout_ms(void);

/* rtt.c: the caller holds ex->lock. */
void erika_xen_rtt_record(struct erika_xen *ex, ktime_t sent);
int erika_xen_rtt_text(struct erika_xen *ex, char *text, size_t size);

/* discovery.c */
int erika_xen_discovery_start(struct erika_xen *ex);
void erika_xen_discovery_stop(struct erika_xen *ex);

/* ring.c: the caller holds ex->lock. */
int erika_xen_ring_connect(struct erika_xen *ex, domid_t domid, grant_ref_t ref,
			   evtchn_port_t port);
void erika_xen_ring_disconnect(struct erika_xen *ex);
int erika_xen_ring_request(struct erika_xen *ex, u8 op, u8 value, u8 *level);

#endif /* ERIKA_XEN_H */
