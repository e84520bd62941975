/*
 * XenStore wire format (xen/io/xs_wire.h) as pure functions on plain memory:
 * framing requests into the request ring, reassembling replies from the
 * response ring (a message may be longer than the ring and arrive in pieces),
 * validating what xenstored sent, and the small parsers. No hardware, no
 * barriers: drivers/xen/xenstore.c adds those; tests/xen/host tests this.
 * Everything read from the ring is untrusted: errors, never crashes.
 */
#ifndef ERIKA_XEN_XS_CODEC_H
#define ERIKA_XEN_XS_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include <erika/errno.h>

#include <xen/io/xs_wire.h>

#define XS_HEADER_SIZE ((uint32_t)sizeof(struct xsd_sockmsg))

/* A message being built: header then payload, contiguous, ready to send. */
struct xs_msg {
	struct xsd_sockmsg hdr;
	char payload[XENSTORE_PAYLOAD_MAX];
};

/* Start a request of the given type (payload empty). */
void xs_msg_init(struct xs_msg *m, uint32_t type, uint32_t req_id, uint32_t tx_id);

/*
 * Append s to the payload, with its NUL when nul is 1 (paths, tokens) or
 * without (the value of XS_WRITE). Returns 0 or -E2BIG past XENSTORE_PAYLOAD_MAX.
 */
int xs_msg_append(struct xs_msg *m, const char *s, int nul);

/*
 * Append path made absolute with xs_path_expand(), with its NUL. Returns 0,
 * -EINVAL (empty path) or -E2BIG.
 */
int xs_msg_append_path(struct xs_msg *m, unsigned int domid, const char *path);

/* Bytes of header + payload. */
static inline uint32_t xs_msg_size(const struct xs_msg *m)
{
	return XS_HEADER_SIZE + m->hdr.len;
}

/*
 * Copy as much of msg[done .. size) as fits into a request ring whose indices
 * are prod/cons. Returns the byte count copied (the caller adds it to prod
 * after a write barrier), or -EIO if the indices are impossible.
 */
int xs_ring_put(char *ring, uint32_t prod, uint32_t cons, const void *msg, uint32_t size,
		uint32_t done);

/* Reassembly of one reply (or watch event) from the response ring. */
struct xs_reader {
	struct xsd_sockmsg hdr;
	uint32_t have;			     /* bytes of header + body received so far */
	char body[XENSTORE_PAYLOAD_MAX + 1]; /* + 1: always NUL-terminated */
};

#define XS_READER_MORE 0
#define XS_READER_DONE 1

/* Forget any partial message. */
void xs_reader_reset(struct xs_reader *r);

/*
 * Take bytes from the response ring [*cons, prod) into r, advancing *cons
 * past what it took (never past the end of the current message). Returns
 * XS_READER_DONE when r holds a whole message (call xs_reader_reset before
 * the next), XS_READER_MORE when it needs more bytes, or an error that leaves
 * the stream unusable: -EIO (impossible indices), -EMSGSIZE (len above
 * XENSTORE_PAYLOAD_MAX), -EPROTO (unknown message type).
 */
int xs_reader_feed(struct xs_reader *r, const char *ring, uint32_t *cons, uint32_t prod);

/*
 * Judge a whole reply to a request of `type` with `req_id`: 0 if it is that
 * reply, -EPROTO if it answers another request or has another type, the
 * errno xenstored named if it is XS_ERROR (-EIO for a name it should not send).
 */
int xs_reply_check(const struct xs_reader *r, uint32_t type, uint32_t req_id);

/* The negative errno for an XS_ERROR payload such as "ENOENT". */
int xs_error_code(const char *body, uint32_t len);

/*
 * A watch event's payload is "path\0token\0" (possibly more strings after).
 * Points *path and *token into body. Returns 0 or -EPROTO.
 */
int xs_watch_event_parse(const char *body, uint32_t len, const char **path, const char **token);

/*
 * The number of NUL-terminated strings filling body[0 .. len) (a directory
 * listing), or -EPROTO when the last one is unterminated.
 */
int xs_count_strings(const char *body, uint32_t len);

/* A decimal number filling body[0 .. len) (a NUL may end it). Returns 0 or -EPROTO. */
int xs_parse_u32(const char *body, uint32_t len, uint32_t *value);

/*
 * The absolute path for path: itself if it starts with '/' or '@' (special
 * watches), else "/local/domain/<domid>/" + path (the domain's home). Returns
 * the length, -EINVAL for an empty path, or -E2BIG when it exceeds
 * XENSTORE_ABS_PATH_MAX or size - 1.
 */
int xs_path_expand(char *out, size_t size, unsigned int domid, const char *path);

#endif /* ERIKA_XEN_XS_CODEC_H */
