// SPDX-License-Identifier: GPL-2.0
/*
 * erika-xen: the client end of the pin server's shared ring. Maps the page
 * the server granted, binds its event channel, sends requests and hands each
 * answer to the caller waiting for it, from the event handler.
 *
 * The page is shared with a domain dom0 does not trust: every index read from
 * it is checked against what this side produced, every response is copied
 * out of the page once before it is looked at, and only the statuses the
 * protocol documents reach user space. Several requests may wait at once
 * (one per ring slot); answers come in order, so a slot's answer belongs to
 * the request sent in that slot and must carry its id.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/page.h>

#include "ring.h"
#include "rtt.h"

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

/* Decide @req (ex->ring_lock held): wake its caller, forget it. */
static void erika_xen_finish(struct erika_xen *ex, struct erika_xen_req *req, int result)
{
	req->result = result;
	list_del_init(&req->node);
	ex->nr_waiting--;
	wake_up_all(&ex->wq);
}

/* Every waiting request ends with @err (ex->ring_lock held); how many did. */
static unsigned int erika_xen_finish_all(struct erika_xen *ex, int err)
{
	unsigned int n = 0;

	while (!list_empty(&ex->inflight)) {
		erika_xen_finish(ex, list_first_entry(&ex->inflight, struct erika_xen_req, node),
				 err);
		n++;
	}
	return n;
}

/*
 * The statuses of doc/protocol.md, the only ones a user may see. Anything
 * else (e.g. -EIOCBQUEUED, which the VFS treats as "queued" and BUG()s on,
 * or -ERESTARTSYS, which must never leave the kernel) means a broken server.
 */
static bool erika_xen_status_documented(s32 status)
{
	switch (status) {
	case PIN_STATUS_OK:
	case PIN_STATUS_EPERM:
	case PIN_STATUS_EIO:
	case PIN_STATUS_EINVAL:
	case PIN_STATUS_EOPNOTSUPP:
		return true;
	default:
		return false;
	}
}

/* The answer @rsp arrived in @req's slot (ex->ring_lock held): judge it. */
static void erika_xen_answer(struct erika_xen *ex, struct erika_xen_req *req,
			     const struct pin_response *rsp)
{
	if (rsp->id != req->id) {
		ex->stats.bad_id++;
		pr_warn_ratelimited("domain %u: answer id %u in the slot of request %u\n",
				    ex->domid, rsp->id, req->id);
		erika_xen_finish(ex, req, -EPROTO);
	} else if (!erika_xen_status_documented(rsp->status) ||
		   (rsp->status == PIN_STATUS_OK && rsp->value > 1)) {
		ex->stats.bad_status++;
		pr_warn_ratelimited("domain %u: bad answer (status %d, value %u)\n", ex->domid,
				    rsp->status, rsp->value);
		erika_xen_finish(ex, req, -EPROTO);
	} else {
		req->level = rsp->value;
		erika_xen_finish(ex, req, rsp->status);
	}
}

/*
 * Collect the responses the server produced; ex->ring_lock held. Returns
 * whether any was consumed (an event that brought none is spurious).
 *
 * A producer index is valid only within what this side requested: a server
 * cannot answer a request it was never sent. Anything else (a response
 * flood, an index more than RING_SIZE ahead or behind) is counted and
 * consumes nothing; the requests waiting then end with -EPROTO at once. The
 * loop runs once more only after consuming something, so a server rewriting
 * rsp_prod cannot keep us in interrupt context.
 */
static bool erika_xen_consume(struct erika_xen *ex)
{
	struct pin_front_ring *r = &ex->ring;
	struct pin_response rsp;
	bool any = false, progress;
	RING_IDX prod;

	do {
		progress = false;
		prod = READ_ONCE(r->sring->rsp_prod);
		/* Read the responses only after the index that publishes them. */
		virt_rmb();
		if (prod - r->rsp_cons > r->req_prod_pvt - r->rsp_cons) {
			ex->stats.bad_index++;
			pr_warn_ratelimited("domain %u: response producer %u outside [%u, %u]\n",
					    ex->domid, prod, r->rsp_cons, r->req_prod_pvt);
			erika_xen_finish_all(ex, -EPROTO);
			break;
		}
		while (r->rsp_cons != prod) {
			struct erika_xen_req *req;

			RING_COPY_RESPONSE(r, r->rsp_cons, &rsp);
			req = list_first_entry_or_null(&ex->inflight, struct erika_xen_req, node);
			if (req && req->idx == r->rsp_cons)
				erika_xen_answer(ex, req, &rsp);
			else
				/* Its caller gave up (timeout, signal) or was a previous client. */
				ex->stats.dropped++;
			r->rsp_cons++;
			progress = true;
		}
		any |= progress;
		/*
		 * Ask for an event at the next response, then look again: one
		 * may have been produced before the server could see rsp_event.
		 */
		WRITE_ONCE(r->sring->rsp_event, r->rsp_cons + 1);
		virt_mb();
	} while (progress && READ_ONCE(r->sring->rsp_prod) != r->rsp_cons);
	return any;
}

/*
 * Event channel handler (hard interrupt context). Binding an interdomain
 * port leaves it pending once, so the first call usually finds nothing: such
 * events are reported spurious, which also lets the event core throttle a
 * server that notifies without producing.
 */
static irqreturn_t erika_xen_interrupt(int irq, void *dev_id)
{
	struct erika_xen *ex = dev_id;
	unsigned long flags;
	bool any;

	spin_lock_irqsave(&ex->ring_lock, flags);
	any = erika_xen_consume(ex);
	spin_unlock_irqrestore(&ex->ring_lock, flags);
	xen_irq_lateeoi(irq, any ? 0 : XEN_EOI_FLAG_SPURIOUS);
	return IRQ_HANDLED;
}

static unsigned long erika_xen_page_addr(struct erika_xen *ex)
{
	return (unsigned long)pfn_to_kaddr(page_to_xen_pfn(ex->page));
}

/* Undo the mapping; the page is leaked if Xen refuses to unmap it. */
static void erika_xen_unmap(struct erika_xen *ex)
{
	struct gnttab_unmap_grant_ref unmap;
	struct gntab_unmap_queue_data q = {
		.unmap_ops = &unmap,
		.pages = &ex->page,
		.count = 1,
	};
	int err;

	gnttab_set_unmap_op(&unmap, erika_xen_page_addr(ex), GNTMAP_host_map, ex->handle);
	err = gnttab_unmap_refs_sync(&q);
	if (err || unmap.status != GNTST_okay) {
		/* Still backed by the foreign frame: never hand it back to Linux. */
		pr_err("domain %u: unmapping ring-ref %u failed (%d, status %d); page leaked\n",
		       ex->domid, ex->ring_ref, err, unmap.status);
	} else {
		gnttab_free_pages(1, &ex->page);
	}
	ex->page = NULL;
}

/**
 * erika_xen_ring_connect - map the server's ring page and bind its port
 * @ex: the module state; ex->lock held, not connected
 * @domid: the server domain
 * @ref: grant reference of the ring page (key `ring-ref`)
 * @port: the server's unbound port for dom0 (key `event-channel`)
 *
 * Process context. Returns 0 or a negative errno; on error nothing is left
 * mapped or bound.
 */
int erika_xen_ring_connect(struct erika_xen *ex, domid_t domid, grant_ref_t ref, evtchn_port_t port)
{
	struct gnttab_map_grant_ref map;
	struct pin_sring *sring;
	RING_IDX req_prod, rsp_prod;
	int err;

	WRITE_ONCE(ex->domid, domid);
	ex->ring_ref = ref;
	ex->port = port;
	err = gnttab_alloc_pages(1, &ex->page);
	if (err) {
		ex->page = NULL;
		return err;
	}
	gnttab_set_map_op(&map, erika_xen_page_addr(ex), GNTMAP_host_map, ref, domid);
	err = gnttab_map_refs(&map, NULL, &ex->page, 1);
	if (err || map.status != GNTST_okay) {
		pr_warn_ratelimited("domain %u: cannot map ring-ref %u (%d, status %d)\n", domid,
				    ref, err, map.status);
		if (map.status == GNTST_okay) {
			/* Xen mapped it, Linux's bookkeeping failed: undo in Xen too. */
			ex->handle = map.handle;
			erika_xen_unmap(ex);
		} else {
			gnttab_free_pages(1, &ex->page);
			ex->page = NULL;
		}
		return err ? err : -EACCES;
	}
	ex->handle = map.handle;

	/*
	 * The server initialised the ring (a fresh one starts at 0). Continue
	 * from its indices: new requests go after any a previous client left
	 * unanswered, and the answers to those are consumed and dropped as
	 * unknown ids instead of being mistaken for a broken producer.
	 */
	sring = (struct pin_sring *)erika_xen_page_addr(ex);
	req_prod = READ_ONCE(sring->req_prod);
	rsp_prod = READ_ONCE(sring->rsp_prod);
	spin_lock_irq(&ex->ring_lock);
	FRONT_RING_ATTACH(&ex->ring, sring, rsp_prod, XEN_PAGE_SIZE);
	ex->ring.req_prod_pvt = req_prod;
	spin_unlock_irq(&ex->ring_lock);
	if (req_prod - rsp_prod > RING_SIZE(&ex->ring)) {
		pr_warn_ratelimited(
			"domain %u: ring indices req_prod %u, rsp_prod %u make no sense\n", domid,
			req_prod, rsp_prod);
		erika_xen_unmap(ex);
		return -EPROTO;
	}

	/* The binding keeps a pointer to the device: it lives in @ex. */
	memset(&ex->xbdev, 0, sizeof(ex->xbdev));
	ex->xbdev.otherend_id = domid;
	err = bind_interdomain_evtchn_to_irqhandler_lateeoi(&ex->xbdev, port, erika_xen_interrupt,
							    0, KBUILD_MODNAME, ex);
	if (err < 0) {
		pr_warn_ratelimited("domain %u: cannot bind event channel %u (%d)\n", domid, port,
				    err);
		erika_xen_unmap(ex);
		return err;
	}
	ex->irq = err;
	/*
	 * Ask for an event at the next response (SHARED_RING_INIT set this
	 * for a ring starting at 0). Nothing is written to the page before the
	 * port is known to be the server's.
	 */
	WRITE_ONCE(sring->rsp_event, rsp_prod + 1);
	virt_mb();
	spin_lock_irq(&ex->ring_lock);
	ex->ring_up = true;
	spin_unlock_irq(&ex->ring_lock);
	return 0;
}

/**
 * erika_xen_ring_disconnect - end the waits, unbind the port, unmap the page
 * @ex: the module state; ex->lock held, connected
 *
 * Process context; may sleep until the page is no longer in use. The
 * requests waiting end with -ENODEV at once, and none can start before the
 * next connection: nothing touches the page or the port after @ring_up drops.
 */
void erika_xen_ring_disconnect(struct erika_xen *ex)
{
	spin_lock_irq(&ex->ring_lock);
	ex->ring_up = false;
	ex->stats.aborted += erika_xen_finish_all(ex, -ENODEV);
	spin_unlock_irq(&ex->ring_lock);
	/* After this no handler runs and none will: the ring can go. */
	unbind_from_irqhandler(ex->irq, ex);
	ex->irq = 0;
	erika_xen_unmap(ex);
}

/**
 * erika_xen_ring_unload - the module is going: end every wait, refuse new ones
 * @ex: the module state
 *
 * Any context that may sleep; before the sysctl files are unregistered, which
 * waits for their handlers: those return -ENODEV at once instead of waiting
 * out their timeout.
 */
void erika_xen_ring_unload(struct erika_xen *ex)
{
	spin_lock_irq(&ex->ring_lock);
	ex->unloading = true;
	ex->stats.aborted += erika_xen_finish_all(ex, -ENODEV);
	spin_unlock_irq(&ex->ring_lock);
}

/**
 * erika_xen_ring_request - send one request for pin 0 and wait for its answer
 * @ex: the module state (ex->lock not held)
 * @op: PIN_OP_SET or PIN_OP_GET
 * @value: for PIN_OP_SET, 0 or 1; otherwise 0
 * @timeout_ms: how long to wait for the answer (the caller bounds it)
 * @level: the level the server read back
 *
 * Process context. Returns 0, one of the server's documented statuses
 * (-EPERM, -EIO, -EINVAL, -EOPNOTSUPP), -EPROTO for any other answer (an
 * undocumented status, a level other than 0/1, a wrong id, a bogus response
 * index), -ETIMEDOUT when no answer came within @timeout_ms, -EBUSY when the
 * ring is full of requests the server never answered, -ENODEV when no server
 * is connected or it went away (or the module is unloading) while we
 * waited, or -EINTR when a signal came first.
 */
int erika_xen_ring_request(struct erika_xen *ex, u8 op, u8 value, unsigned int timeout_ms,
			   u8 *level)
{
	struct pin_front_ring *r = &ex->ring;
	struct erika_xen_req req = { .result = ERIKA_XEN_PENDING };
	struct pin_request *slot;
	ktime_t sent = ktime_get();
	bool notify;
	long left;
	int result;

	spin_lock_irq(&ex->ring_lock);
	if (!ex->ring_up || ex->unloading) {
		spin_unlock_irq(&ex->ring_lock);
		return -ENODEV;
	}
	if (RING_FULL(r)) {
		spin_unlock_irq(&ex->ring_lock);
		return -EBUSY;
	}
	/* Fill the shared slot directly: the server copies it before use. */
	slot = RING_GET_REQUEST(r, r->req_prod_pvt);
	/* cppcheck-suppress unreadVariable ; the event handler reads it through ex->inflight */
	req.idx = r->req_prod_pvt;
	req.id = ++ex->next_id;
	slot->id = req.id;
	slot->op = op;
	slot->pin = 0;
	slot->value = value;
	slot->reserved = 0;
	r->req_prod_pvt++;
	list_add_tail(&req.node, &ex->inflight);
	ex->nr_waiting++;
	ex->stats.requests++;
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(r, notify);
	/* Under the lock: the port stays bound while @ring_up is set. */
	if (notify)
		notify_remote_via_irq(ex->irq);
	spin_unlock_irq(&ex->ring_lock);

	left = wait_event_interruptible_timeout(ex->wq, READ_ONCE(req.result) != ERIKA_XEN_PENDING,
						msecs_to_jiffies(timeout_ms));

	spin_lock_irq(&ex->ring_lock);
	result = req.result;
	if (result == ERIKA_XEN_PENDING) {
		/* Given up: a later answer in its slot is dropped as nobody's. */
		list_del(&req.node);
		ex->nr_waiting--;
		if (left == 0) {
			ex->stats.timeouts++;
			result = -ETIMEDOUT;
		} else {
			ex->stats.interrupted++;
			result = -EINTR;
		}
	} else if (result == 0) {
		erika_xen_rtt_record(ex, sent);
		*level = req.level;
	}
	spin_unlock_irq(&ex->ring_lock);
	return result;
}
