/*
 * Internal to the XenStore client: the transport (xenstore.c) and the watch
 * queue (xs_watch.c) as the operations (xs_ops.c) use them.
 */
#ifndef XENSTORE_PRIV_H
#define XENSTORE_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include <erika/xen/xenstore.h>
#include <erika/xen/xs_codec.h>

/*
 * The one request buffer, initialised for type within tx.
 * Returns 0 with *m set, or -ENODEV (no store) / -EIO on a broken connection.
 */
int xs_begin(struct xs_msg **m, uint32_t type, xs_tx_t tx);

/*
 * Send m (from xs_begin) and wait for its reply. The reply's payload is
 * copied NUL-terminated into out (if out is not NULL) and its length stored
 * in *out_len. Returns 0, the reply's error, -E2BIG (reply larger than
 * size - 1), -ETIMEDOUT, a framing error (-EMSGSIZE, -EPROTO, -EIO: the
 * connection is unusable from then on) or -EIO (connection already broken).
 */
int xs_request(struct xs_msg *m, char *out, size_t size, uint32_t *out_len);

/*
 * Receive what xenstored sends without a request in flight (watch events),
 * until the ring is empty and an event is queued or the deadline (virtual
 * counter value; 0: do not wait) has passed. Returns 0 or a framing error
 * (see xs_request).
 */
int xs_pump(uint64_t deadline);

/* Keep a watch event's payload for xs_watch_dispatch() (transport context). */
void xs_watch_queue(const char *body, uint32_t len);

/* Whether queued watch events wait for delivery. */
int xs_watch_pending(void);

#endif /* XENSTORE_PRIV_H */
