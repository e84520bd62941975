/*
 * XenStore client (drivers/xen/xenstore.c, xs_ops.c, xs_watch.c) over the ring
 * page and event channel Xen gives a domain created by a toolstack
 * (HVM_PARAM_STORE_PFN/EVTCHN); xenstored runs in dom0.
 *
 * Paths not starting with '/' are relative to the domain's home:
 * "data/x" is "/local/domain/<domid>/data/x".
 *
 * Calling context: task or boot context, one caller at a time (the client
 * keeps one request in flight; a later step will add a lock for tasks).
 * Waiting is by polling: the client checks the ring, and between checks lets
 * Xen run other vCPUs (SCHEDOP_yield), until the reply is complete or
 * CONFIG_XENSTORE_TIMEOUT_MS of virtual counter time has passed (-ETIMEDOUT).
 * It needs neither interrupts nor the event channel driver.
 *
 * Every reply is checked (length, type, request id); a malformed one gives an
 * error, and one that breaks the framing (-EMSGSIZE, -EPROTO for an unknown
 * type, -EIO for impossible indices) makes every later call fail with -EIO.
 */
#ifndef ERIKA_XEN_XENSTORE_H
#define ERIKA_XEN_XENSTORE_H

#include <stddef.h>
#include <stdint.h>

/* A transaction id; XS_TX_NONE outside transactions. */
typedef uint32_t xs_tx_t;
#define XS_TX_NONE 0u

/*
 * The driver finds the XenStore ring and port and learns the domain id at
 * boot (SYS_INIT, APPLICATION level). Whether it found a store: 0, or
 * -ENODEV (a dom0less domain without xen,enhanced), which every request
 * then returns too. Any context.
 */
int xs_status(void);

/* This domain's id, as used for relative paths (when xs_status() is 0). */
unsigned int xs_domid(void);

/*
 * Read path into buf (NUL-terminated). Returns the value's length, -E2BIG if
 * it does not fit in size - 1 bytes, or xenstored's error (-ENOENT, -EACCES...).
 */
int xs_read(xs_tx_t tx, const char *path, char *buf, size_t size);

/* Write value (a string) to path, creating it. Returns 0 or a negative errno. */
int xs_write(xs_tx_t tx, const char *path, const char *value);

/* Create the node path (empty value) if missing. Returns 0 or a negative errno. */
int xs_mkdir(xs_tx_t tx, const char *path);

/* Remove path and everything under it. Returns 0 or a negative errno. */
int xs_rm(xs_tx_t tx, const char *path);

/*
 * List the children of path into buf as consecutive NUL-terminated names.
 * Returns the number of children, -E2BIG if the list does not fit, or a
 * negative errno.
 */
int xs_directory(xs_tx_t tx, const char *path, char *buf, size_t size);

/* Start a transaction; *tx is its id. Returns 0 or a negative errno. */
int xs_transaction_start(xs_tx_t *tx);

/*
 * Commit (abort = 0) or abandon (abort = 1) tx. -EAGAIN: another writer
 * changed what the transaction read; start it again.
 */
int xs_transaction_end(xs_tx_t tx, int abort);

/*
 * Called for each watch event: path is the node that changed (absolute),
 * token the watch's token. Runs from xs_watch_dispatch(), which may call the
 * other functions of this file again.
 */
typedef void (*xs_watch_fn)(const char *path, const char *token, void *arg);

/*
 * Watch path (and everything below it) under token (at most
 * CONFIG_XENSTORE_TOKEN_MAX - 1 characters, unique among our watches).
 * xenstored fires a watch once right after it is set. Returns 0, -ENOSPC (no
 * free watch slot), -EEXIST (token in use) or a negative errno.
 */
int xs_watch(const char *path, const char *token, xs_watch_fn fn, void *arg);

/* Remove the watch set with path and token. Returns 0 or a negative errno. */
int xs_unwatch(const char *path, const char *token);

/*
 * Deliver watch events: those received while waiting for replies, and those
 * that arrive within timeout_ms (0: only what is already there). Returns the
 * number of callbacks run, or a negative errno if the connection is unusable.
 */
int xs_watch_dispatch(uint32_t timeout_ms);

/* Watch events lost because the queue was full or they did not fit. */
unsigned int xs_watch_dropped(void);

#endif /* ERIKA_XEN_XENSTORE_H */
