/*
 * The back end of the request ring. The page is shared with dom0, which may
 * write anything at any time: the producer index is read once per batch and
 * checked, each request is copied out once and only the copy is looked at.
 */

#include "pin_protocol.h"

int pin_ring_service(struct pin_back_ring *ring, const struct pin_backend *backend,
		     unsigned int budget, struct pin_stats *stats, int *more)
{
	RING_IDX prod = *(volatile RING_IDX *)&ring->sring->req_prod;
	unsigned int done = 0;
	int notify = 0;

	xen_rmb(); /* the requests after the index that published them */
	if (RING_REQUEST_PROD_OVERFLOW(ring, prod)) {
		/*
		 * More requests than slots: the client is broken or hostile. Skip
		 * to its index; the responses of that range are not answers (the
		 * client checks ids), and a client that re-attaches is served.
		 */
		stats->bogus_prod++;
		ring->req_cons = prod;
		ring->rsp_prod_pvt = prod;
		RING_PUSH_RESPONSES(ring);
		/* Keep req_event current, or a recovered client stops notifying. */
		RING_FINAL_CHECK_FOR_REQUESTS(ring, *more);
		return 1;
	}
	while (ring->req_cons != prod && done < budget) {
		struct pin_request req;
		struct pin_response *rsp;

		RING_COPY_REQUEST(ring, ring->req_cons, &req);
		ring->req_cons++;
		rsp = RING_GET_RESPONSE(ring, ring->rsp_prod_pvt);
		pin_request_execute(&req, rsp, backend);
		stats->requests++;
		if (rsp->status != PIN_STATUS_OK)
			stats->rejected++;
		ring->rsp_prod_pvt++;
		done++;
	}
	if (done > 0)
		RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(ring, notify);
	*more = ring->req_cons != prod;
	if (*more)
		stats->budget_stops++;
	else
		RING_FINAL_CHECK_FOR_REQUESTS(ring, *more);
	return notify;
}
