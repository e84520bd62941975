/*
 * XenStore transport: the request and response rings of the store page and
 * their event channel. One request in flight; replies are reassembled by
 * xs_codec.c and matched by request id; watch events met on the way are
 * queued. Waiting polls the ring and yields the vCPU (see xenstore.h).
 */

#include <stdint.h>

#include <erika/arch/cpu.h>
#include <erika/arch/mmu.h>
#include <erika/drivers/timer.h>
#include <erika/errno.h>
#include <erika/init.h>
#include <erika/printk.h>
#include <erika/xen/domain.h>
#include <erika/xen/hypercall.h>

#include "xenstore_priv.h"

static struct xenstore_domain_interface *intf;
static evtchn_port_t store_port;
static unsigned int domid;
/* Set when the stream can no longer be framed; everything then fails. */
static int broken;
static uint32_t next_req_id = 1;
static struct xs_msg msg;
static struct xs_reader reader;

/*
 * Find the ring and port and learn the domain id. A domain without a store
 * (dom0less) is not an error: every request then fails with -ENODEV.
 */
static int xs_connect(void)
{
	uint64_t pfn, port;
	int id;

	if (xen_hvm_get_param(HVM_PARAM_STORE_PFN, &pfn) < 0 || pfn == 0)
		return 0;
	if (xen_hvm_get_param(HVM_PARAM_STORE_EVTCHN, &port) < 0)
		return 0;
	id = xen_domain_id();
	if (id < 0)
		return id;
	/* A magic page outside guest RAM: not mapped until we ask. */
	if (arch_mmu_map((uint32_t)(pfn << PAGE_SHIFT), 1u << PAGE_SHIFT, MMU_NORMAL_NOEXEC) < 0)
		return -EINVAL;
	domid = (unsigned int)id;
	store_port = (evtchn_port_t)port;
	xs_reader_reset(&reader);
	intf = (struct xenstore_domain_interface *)(uintptr_t)(pfn << PAGE_SHIFT);
	return 0;
}
SYS_INIT(xs_connect, APPLICATION, 10);

int xs_status(void)
{
	return intf != 0 ? 0 : -ENODEV;
}

unsigned int xs_domid(void)
{
	return domid;
}

static void notify(void)
{
	struct evtchn_send send = { .port = store_port };

	(void)HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);
}

static int expired(uint64_t deadline)
{
	return vtimer_count() >= deadline;
}

static int fail(int rc)
{
	if (!broken)
		printk("xenstore: connection unusable (%d)\n", rc);
	broken = 1;
	return rc;
}

static uint32_t shared_read(const volatile uint32_t *p)
{
	return *p;
}

static int send_all(const struct xs_msg *m, uint64_t deadline)
{
	uint32_t size = xs_msg_size(m), done = 0;

	while (done < size) {
		uint32_t cons = shared_read(&intf->req_cons);
		uint32_t prod = shared_read(&intf->req_prod);
		int n;

		dmb(); /* read the consumer index before reusing the slots it frees */
		n = xs_ring_put(intf->req, prod, cons, m, size, done);
		if (n < 0)
			return fail(n);
		if (n > 0) {
			wmb(); /* the bytes before the index that publishes them */
			*(volatile uint32_t *)&intf->req_prod = prod + (uint32_t)n;
			done += (uint32_t)n;
			notify();
			continue;
		}
		if (expired(deadline))
			/* Half a message in the ring cannot be taken back. */
			return done == 0 ? -ETIMEDOUT : fail(-ETIMEDOUT);
		(void)HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	}
	return 0;
}

/* Take what the response ring holds: XS_READER_DONE, _MORE or an error. */
static int receive(void)
{
	uint32_t prod = shared_read(&intf->rsp_prod);
	uint32_t cons = shared_read(&intf->rsp_cons);
	uint32_t start = cons;
	int rc;

	dmb(); /* the index before the bytes it publishes */
	rc = xs_reader_feed(&reader, intf->rsp, &cons, prod);
	if (cons != start) {
		dmb(); /* finish reading the bytes before handing the slots back */
		*(volatile uint32_t *)&intf->rsp_cons = cons;
		notify();
	}
	return rc < 0 ? fail(rc) : rc;
}

/* A complete message that is not the reply awaited: queue or drop it. */
static void set_aside(void)
{
	if (reader.hdr.type == XS_WATCH_EVENT)
		xs_watch_queue(reader.body, reader.hdr.len);
	/* Anything else is the late reply to a request that timed out: drop it. */
	xs_reader_reset(&reader);
}

int xs_begin(struct xs_msg **m, uint32_t type, xs_tx_t tx)
{
	int rc = xs_status();

	if (rc < 0)
		return rc;
	if (broken)
		return -EIO;
	/* Request id 0 is what xenstored puts in watch events: never use it. */
	if (next_req_id == 0)
		next_req_id = 1;
	xs_msg_init(&msg, type, next_req_id++, tx);
	*m = &msg;
	return 0;
}

static int copy_reply(char *out, size_t size, uint32_t *out_len)
{
	uint32_t len = reader.hdr.len;

	if (out_len)
		*out_len = len;
	if (out == 0)
		return 0;
	if (size == 0 || len > size - 1)
		return -E2BIG;
	for (uint32_t i = 0; i <= len; i++) /* with the NUL the reader added */
		out[i] = reader.body[i];
	return 0;
}

int xs_request(struct xs_msg *m, char *out, size_t size, uint32_t *out_len)
{
	uint64_t deadline = vtimer_count() + vtimer_ms_to_ticks(CONFIG_XENSTORE_TIMEOUT_MS);
	int rc = send_all(m, deadline);

	while (rc == 0) {
		rc = receive();
		if (rc < 0)
			return rc; /* what was wrong this time; -EIO from now on */
		if (rc == XS_READER_DONE) {
			if (reader.hdr.type == XS_WATCH_EVENT ||
			    reader.hdr.req_id != m->hdr.req_id) {
				set_aside();
				rc = 0;
				continue;
			}
			rc = xs_reply_check(&reader, m->hdr.type, m->hdr.req_id);
			if (rc == 0)
				rc = copy_reply(out, size, out_len);
			xs_reader_reset(&reader);
			return rc;
		}
		if (expired(deadline))
			return -ETIMEDOUT;
		(void)HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	}
	return rc;
}

int xs_pump(uint64_t deadline)
{
	int rc = xs_status();

	if (rc < 0)
		return rc;
	for (;;) {
		if (broken)
			return -EIO;
		rc = receive();
		if (rc < 0)
			return rc;
		if (rc == XS_READER_DONE) {
			set_aside();
			continue;
		}
		if (xs_watch_pending() || deadline == 0 || expired(deadline))
			return 0;
		(void)HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	}
}
