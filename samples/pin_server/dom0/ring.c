// SPDX-License-Identifier: GPL-2.0
/*
 * erika-xen: the client end of the pin server's shared ring. Maps the page
 * the server granted, binds its event channel, sends one request at a time
 * and collects the answer in the event handler.
 *
 * The page is shared with a domain dom0 does not trust: every index read from
 * it is checked against what this side produced, and every response is
 * copied out of the page once before it is looked at.
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

#include "erika_xen.h"

/*
 * Collect the responses the server produced; ex->ring_lock held. Returns
 * whether any was consumed (an event that brought none is spurious).
 *
 * A producer index is valid only within what this side requested: a server
 * cannot answer a request it was never sent. Anything else (including an
 * index more than RING_SIZE ahead) is counted and ignored; the loop runs once
 * more only after consuming something, so a server rewriting rsp_prod cannot
 * keep us in interrupt context.
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
			ex->stats.invalid++;
			pr_warn_ratelimited("domain %u: response producer %u outside [%u, %u]\n",
					    ex->domid, prod, r->rsp_cons, r->req_prod_pvt);
			break;
		}
		while (r->rsp_cons != prod) {
			RING_COPY_RESPONSE(r, r->rsp_cons, &rsp);
			r->rsp_cons++;
			progress = true;
			if (ex->waiting && !ex->have_rsp && rsp.id == ex->wait_id) {
				ex->rsp = rsp;
				ex->have_rsp = true;
				wake_up(&ex->wq);
			} else {
				/* A late answer to a request that timed out, or garbage. */
				ex->stats.dropped++;
			}
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
		pr_warn("domain %u: cannot map ring-ref %u (%d, status %d)\n", domid, ref, err,
			map.status);
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
	ex->waiting = false;
	ex->have_rsp = false;
	spin_unlock_irq(&ex->ring_lock);
	if (req_prod - rsp_prod > RING_SIZE(&ex->ring)) {
		pr_warn("domain %u: ring indices req_prod %u, rsp_prod %u make no sense\n", domid,
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
		pr_warn("domain %u: cannot bind event channel %u (%d)\n", domid, port, err);
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
	return 0;
}

/**
 * erika_xen_ring_disconnect - unbind the port and unmap the page
 * @ex: the module state; ex->lock held, connected
 *
 * Process context; may sleep until the page is no longer in use. A request
 * cannot be waiting: requests hold ex->lock for their whole duration.
 */
void erika_xen_ring_disconnect(struct erika_xen *ex)
{
	/* After this no handler runs and none will: the ring can go. */
	unbind_from_irqhandler(ex->irq, ex);
	ex->irq = 0;
	erika_xen_unmap(ex);
}

/* A response status is 0 or a negative errno; anything else is a broken server. */
static int erika_xen_status(struct erika_xen *ex, const struct pin_response *rsp, u8 *level)
{
	if (rsp->status < 0 && rsp->status >= -MAX_ERRNO)
		return rsp->status;
	if (rsp->status != 0 || rsp->value > 1) {
		spin_lock_irq(&ex->ring_lock);
		ex->stats.invalid++;
		spin_unlock_irq(&ex->ring_lock);
		pr_warn_ratelimited("domain %u: bad response (status %d, value %u)\n", ex->domid,
				    rsp->status, rsp->value);
		return -EPROTO;
	}
	*level = rsp->value;
	return 0;
}

/**
 * erika_xen_ring_request - send one request for pin 0 and wait for its answer
 * @ex: the module state; ex->lock held, connected
 * @op: PIN_OP_SET or PIN_OP_GET
 * @value: for PIN_OP_SET, 0 or 1; otherwise 0
 * @level: the level the server read back
 *
 * Process context. Returns 0, the server's negative status, -ETIMEDOUT when
 * no answer came within timeout_ms, -EBUSY when the ring is full of requests
 * the server never answered, -EPROTO for a malformed answer, or -EINTR when
 * the caller was killed while waiting.
 */
int erika_xen_ring_request(struct erika_xen *ex, u8 op, u8 value, u8 *level)
{
	struct pin_front_ring *r = &ex->ring;
	struct pin_request *req;
	struct pin_response rsp;
	long left;
	bool notify, got;
	ktime_t sent = ktime_get();

	spin_lock_irq(&ex->ring_lock);
	if (RING_FULL(r)) {
		spin_unlock_irq(&ex->ring_lock);
		return -EBUSY;
	}
	/* Fill the shared slot directly: the server copies it before use. */
	req = RING_GET_REQUEST(r, r->req_prod_pvt);
	req->id = ++ex->next_id;
	req->op = op;
	req->pin = 0;
	req->value = value;
	req->reserved = 0;
	r->req_prod_pvt++;
	ex->wait_id = ex->next_id;
	ex->waiting = true;
	ex->have_rsp = false;
	ex->stats.requests++;
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(r, notify);
	spin_unlock_irq(&ex->ring_lock);
	if (notify)
		notify_remote_via_irq(ex->irq);

	left = wait_event_killable_timeout(ex->wq, READ_ONCE(ex->have_rsp),
					   msecs_to_jiffies(erika_xen_timeout_ms()));

	spin_lock_irq(&ex->ring_lock);
	ex->waiting = false;
	got = ex->have_rsp;
	rsp = ex->rsp;
	if (!got && left == 0)
		ex->stats.timeouts++;
	spin_unlock_irq(&ex->ring_lock);
	if (!got)
		return left < 0 ? -EINTR : -ETIMEDOUT;
	erika_xen_rtt_record(ex, sent);
	return erika_xen_status(ex, &rsp, level);
}
