/*
 * The hostile back end of the pin ring. Requests are taken as the product
 * takes them (producer index checked, each request copied once); the answers
 * are then spoiled as the current case says, which is what dom0 must
 * survive (samples/pin_server/doc/protocol.md, "What each side must validate").
 */

#include <erika/string.h>

#include "hostile.h"

volatile struct hostile_case hostile_case = { .kind = CASE_NORMAL };

/* Write the answer to req into the next response slot, spoiled as c says. */
static void answer(struct pin_back_ring *ring, const struct pin_request *req,
		   const struct hostile_case *c)
{
	struct pin_response *rsp = RING_GET_RESPONSE(ring, ring->rsp_prod_pvt);
	struct pin_response copy;

	pin_request_execute(req, rsp, &pin_gpio_backend);
	if (c->kind == CASE_STATUS) {
		rsp->status = c->arg;
	} else if (c->kind == CASE_VALUE) {
		rsp->status = PIN_STATUS_OK;
		rsp->value = (uint8_t)c->arg;
	} else if (c->kind == CASE_ID) {
		rsp->id ^= 0x80000000u;
	}
	ring->rsp_prod_pvt++;
	if (c->kind != CASE_FLOOD)
		return;
	/* The same answer again: the client gets more answers than it asked for. */
	memcpy(&copy, rsp, sizeof(copy));
	for (int32_t i = 0; i < c->arg; i++) {
		memcpy(RING_GET_RESPONSE(ring, ring->rsp_prod_pvt), &copy, sizeof(copy));
		ring->rsp_prod_pvt++;
	}
}

void hostile_service(struct pin_transport *t, struct pin_stats *stats, int *more)
{
	struct pin_back_ring *ring = &t->ring;
	RING_IDX prod = *(volatile RING_IDX *)&ring->sring->req_prod;
	struct hostile_case c = { hostile_case.kind, hostile_case.arg };
	unsigned int answered = 0;

	xen_rmb();
	if (RING_REQUEST_PROD_OVERFLOW(ring, prod)) {
		/* dom0 is not the one under test here: skip, as the product does. */
		stats->bogus_prod++;
		ring->req_cons = prod;
		ring->rsp_prod_pvt = prod;
		RING_PUSH_RESPONSES(ring);
	}
	while (ring->req_cons != prod) {
		struct pin_request req;

		RING_COPY_REQUEST(ring, ring->req_cons, &req);
		ring->req_cons++;
		stats->requests++;
		if (c.kind == CASE_SILENT)
			continue;
		answer(ring, &req, &c);
		answered++;
	}
	if (answered > 0) {
		if (c.kind == CASE_PROD) {
			xen_wmb(); /* the answers before the (bogus) index */
			ring->sring->rsp_prod = ring->rsp_prod_pvt + (RING_IDX)c.arg;
			xen_mb();
			pin_transport_notify(t);
		} else if (c.kind != CASE_PAIR ||
			   (ring->rsp_prod_pvt - ring->sring->rsp_prod) % 2 == 0) {
			RING_PUSH_RESPONSES(ring);
			pin_transport_notify(t);
		}
	}
	RING_FINAL_CHECK_FOR_REQUESTS(ring, *more);
}

void hostile_resync(struct pin_transport *t)
{
	struct pin_back_ring *ring = &t->ring;

	/* Unanswered slots (silent) are published as they are: dom0 gave up on them. */
	ring->rsp_prod_pvt = ring->req_cons;
	RING_PUSH_RESPONSES(ring);
	pin_transport_notify(t);
}
