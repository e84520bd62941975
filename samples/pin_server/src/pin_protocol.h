/*
 * The pin server's view of the protocol: the shared layout with Xen's ring
 * macros, and the barriers those macros expect from their includer (a full
 * fence compiles to `dmb ish` on ARMv7, and to the host's fence in host tests).
 */
#ifndef PIN_PROTOCOL_H
#define PIN_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

#define xen_mb()  __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define xen_rmb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define xen_wmb() __atomic_thread_fence(__ATOMIC_SEQ_CST)

#include <xen/io/ring.h>

#include <pin_server/protocol.h>

/* What executes requests: the GPIO pins the devicetree allows, by index. */
struct pin_backend {
	unsigned int pins;
	/* Drive pin (< pins) to value; 0 or a negative errno. */
	int (*set)(unsigned int pin, int value);
	/* Read pin (< pins) back: 0 or 1, or a negative errno. */
	int (*get)(unsigned int pin);
};

/* What the server counts; read by the application for its reports. */
struct pin_stats {
	unsigned int requests;	   /* requests answered, good or bad */
	unsigned int rejected;	   /* answered with an error status */
	unsigned int bogus_prod;   /* producer index beyond what the ring can hold */
	unsigned int budget_stops; /* batches cut short to let other tasks run */
};

/*
 * Validate the request (a private copy, never the shared slot) and execute it;
 * fill rsp with its id, status and the pin's level. Task context.
 */
void pin_request_execute(const struct pin_request *req, struct pin_response *rsp,
			 const struct pin_backend *backend);

/*
 * Answer up to budget requests from the ring. Returns 1 if the client must be
 * notified. A producer index the client could not have produced is counted
 * and skipped; more work than the budget is left for the next call
 * (*more set). Task context.
 */
int pin_ring_service(struct pin_back_ring *ring, const struct pin_backend *backend,
		     unsigned int budget, struct pin_stats *stats, int *more);

#endif /* PIN_PROTOCOL_H */
