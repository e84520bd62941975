/*
 * XenStore wire codec: request framing, the request ring (wrap at the end,
 * free-running indices near UINT32_MAX, messages longer than the ring),
 * reply reassembly, and rejection of malformed replies with error codes.
 */

#include <string.h>

#include <erika/xen/ring_idx.h>
#include <erika/xen/xs_codec.h>

#include "check.h"

static char ring[XENSTORE_RING_SIZE];
static struct xs_msg msg;
static struct xs_reader reader;

/* Put a whole message (header + payload) into the response ring at prod. */
static uint32_t put_reply(uint32_t prod, uint32_t type, uint32_t req_id, const void *payload,
			  uint32_t len)
{
	struct xsd_sockmsg hdr = { .type = type, .req_id = req_id, .tx_id = 0, .len = len };

	ring_copy_in(ring, sizeof(ring), prod, &hdr, sizeof(hdr));
	ring_copy_in(ring, sizeof(ring), prod + sizeof(hdr), payload, len);
	return prod + (uint32_t)sizeof(hdr) + len;
}

static void test_build(void)
{
	static char long_value[XENSTORE_PAYLOAD_MAX + 8];

	xs_msg_init(&msg, XS_WRITE, 7, 3);
	CHECK_EQ(xs_msg_append_path(&msg, 5, "data/x"), 0);
	CHECK_EQ(xs_msg_append(&msg, "42", 0), 0);
	CHECK_EQ(msg.hdr.type, XS_WRITE);
	CHECK_EQ(msg.hdr.req_id, 7);
	CHECK_EQ(msg.hdr.tx_id, 3);
	/* "/local/domain/5/data/x\0" then the value without a NUL. */
	CHECK_EQ(msg.hdr.len, 23 + 2);
	CHECK_EQ(memcmp(msg.payload,
			"/local/domain/5/data/x\0"
			"42",
			25),
		 0);
	CHECK_EQ(xs_msg_size(&msg), 16 + 25);

	memset(long_value, 'v', sizeof(long_value) - 1);
	xs_msg_init(&msg, XS_WRITE, 8, 0);
	CHECK_EQ(xs_msg_append(&msg, "/p", 1), 0);
	CHECK_EQ(xs_msg_append(&msg, long_value, 0), -E2BIG);
	CHECK_EQ(msg.hdr.len, 3); /* unchanged by the refused append */
	long_value[XENSTORE_PAYLOAD_MAX - 3] = '\0';
	CHECK_EQ(xs_msg_append(&msg, long_value, 0), 0);
	CHECK_EQ(msg.hdr.len, XENSTORE_PAYLOAD_MAX);
	CHECK_EQ(xs_msg_append(&msg, "", 1), -E2BIG);
}

static void test_paths(void)
{
	char out[64];
	static char huge[XENSTORE_ABS_PATH_MAX + 16];

	CHECK_EQ(xs_path_expand(out, sizeof(out), 1, "data/x"), 22);
	CHECK_EQ(strcmp(out, "/local/domain/1/data/x"), 0);
	CHECK_EQ(xs_path_expand(out, sizeof(out), 32753, "domid"), 25);
	CHECK_EQ(strcmp(out, "/local/domain/32753/domid"), 0);
	CHECK_EQ(xs_path_expand(out, sizeof(out), 0, "name"), 20);
	CHECK_EQ(strcmp(out, "/local/domain/0/name"), 0);
	CHECK_EQ(xs_path_expand(out, sizeof(out), 7, "/vm"), 3);
	CHECK_EQ(strcmp(out, "/vm"), 0);
	CHECK_EQ(xs_path_expand(out, sizeof(out), 7, "@releaseDomain"), 14);
	CHECK_EQ(xs_path_expand(out, sizeof(out), 7, ""), -EINVAL);
	CHECK_EQ(xs_path_expand(out, 16, 7, "data/x"), -E2BIG);
	CHECK_EQ(out[0], '\0');
	memset(huge, 'a', sizeof(huge) - 1);
	huge[0] = '/';
	CHECK_EQ(xs_path_expand(huge, sizeof(huge), 1, huge + 0), -E2BIG);
}

static void test_ring_put(void)
{
	static char big[XS_HEADER_SIZE + 3000];
	uint32_t prod = UINT32_MAX - 5, cons = prod, done = 0;
	int n;

	/* 41 bytes from 6 before the wrap of both the index and the ring. */
	xs_msg_init(&msg, XS_WRITE, 1, 0);
	(void)xs_msg_append_path(&msg, 5, "data/x");
	(void)xs_msg_append(&msg, "42", 0);
	n = xs_ring_put(ring, prod, cons, &msg, xs_msg_size(&msg), 0);
	CHECK_EQ(n, 41);
	CHECK_EQ(memcmp(&ring[XENSTORE_RING_SIZE - 6], &msg, 6), 0);
	CHECK_EQ(memcmp(&ring[0], (char *)&msg + 6, 35), 0);

	/* A message longer than the ring goes in ring-sized pieces. */
	memset(big, 'q', sizeof(big));
	prod = 0xfffffe00u;
	cons = prod - 100; /* 100 bytes still unread */
	n = xs_ring_put(ring, prod, cons, big, sizeof(big), done);
	CHECK_EQ(n, XENSTORE_RING_SIZE - 100);
	done += (uint32_t)n;
	prod += (uint32_t)n;
	CHECK_EQ(xs_ring_put(ring, prod, cons, big, sizeof(big), done), 0); /* full */
	cons = prod; /* the daemon took everything */
	n = xs_ring_put(ring, prod, cons, big, sizeof(big), done);
	CHECK_EQ(n, XENSTORE_RING_SIZE);
	done += (uint32_t)n;
	prod += (uint32_t)n;
	cons = prod - 1000; /* 24 bytes taken: only those fit */
	n = xs_ring_put(ring, prod, cons, big, sizeof(big), done);
	CHECK_EQ(n, 24);
	done += (uint32_t)n;
	prod += (uint32_t)n;
	cons = prod;
	n = xs_ring_put(ring, prod, cons, big, sizeof(big), done);
	CHECK_EQ(n, XENSTORE_RING_SIZE);
	done += (uint32_t)n;
	prod += (uint32_t)n;
	cons = prod;
	n = xs_ring_put(ring, prod, cons, big, sizeof(big), done);
	CHECK_EQ((uint32_t)n, sizeof(big) - done); /* the last 20 bytes */
	CHECK_EQ(n, 20);
	CHECK_EQ(xs_ring_put(ring, prod, cons, big, sizeof(big), sizeof(big)), 0);
	CHECK_EQ(xs_ring_put(ring, prod, cons, big, sizeof(big), sizeof(big) + 1), -EIO);

	/* Indices the daemon could not have produced. */
	CHECK_EQ(xs_ring_put(ring, 10, 2000, big, 10, 0), -EIO);
	CHECK_EQ(xs_ring_put(ring, 5000, 10, big, 10, 0), -EIO);
}

static void test_reader_wrap(void)
{
	uint32_t start = UINT32_MAX - 9; /* header split across the index wrap */
	uint32_t prod, cons = start;

	xs_reader_reset(&reader);
	prod = put_reply(start, XS_READ, 9, "hello", 5);
	/* Only half the header has arrived. */
	CHECK_EQ(xs_reader_feed(&reader, ring, &cons, start + 8), XS_READER_MORE);
	CHECK_EQ(cons, start + 8);
	CHECK_EQ(xs_reader_feed(&reader, ring, &cons, start + 18), XS_READER_MORE);
	CHECK_EQ(xs_reader_feed(&reader, ring, &cons, prod), XS_READER_DONE);
	CHECK_EQ(cons, prod);
	CHECK_EQ(reader.hdr.type, XS_READ);
	CHECK_EQ(reader.hdr.len, 5);
	CHECK_EQ(strcmp(reader.body, "hello"), 0);
	CHECK_EQ(xs_reply_check(&reader, XS_READ, 9), 0);

	/* Two messages back to back: the reader stops at the end of the first. */
	xs_reader_reset(&reader);
	prod = put_reply(cons, XS_WATCH_EVENT, 0, "a/b\0tok\0", 8);
	prod = put_reply(prod, XS_WRITE, 10, "OK", 3);
	CHECK_EQ(xs_reader_feed(&reader, ring, &cons, prod), XS_READER_DONE);
	CHECK_EQ(reader.hdr.type, XS_WATCH_EVENT);
	CHECK(cons != prod);
	xs_reader_reset(&reader);
	CHECK_EQ(xs_reader_feed(&reader, ring, &cons, prod), XS_READER_DONE);
	CHECK_EQ(xs_reply_check(&reader, XS_WRITE, 10), 0);
	CHECK_EQ(cons, prod);

	/* An empty payload is a whole message as soon as the header is in. */
	xs_reader_reset(&reader);
	prod = put_reply(cons, XS_RM, 11, "", 0);
	CHECK_EQ(xs_reader_feed(&reader, ring, &cons, prod), XS_READER_DONE);
	CHECK_EQ(reader.body[0], '\0');
}

static void test_reader_long(void)
{
	/* A 4096-byte reply through a 1024-byte ring: fed as the daemon refills. */
	static char payload[XENSTORE_PAYLOAD_MAX];
	struct xsd_sockmsg hdr = { .type = XS_DIRECTORY, .req_id = 12, .len = sizeof(payload) };
	uint32_t total = XS_HEADER_SIZE + sizeof(payload), sent = 0;
	uint32_t prod = 0x80000000u - 300, cons = prod;
	int rc = XS_READER_MORE;

	for (unsigned int i = 0; i < sizeof(payload); i++)
		payload[i] = (char)('a' + i % 26);
	xs_reader_reset(&reader);
	while (sent < total) {
		uint32_t n = ring_free(prod, cons, XENSTORE_RING_SIZE);

		n = n < total - sent ? n : total - sent;
		for (uint32_t i = 0; i < n; i++) {
			uint32_t off = sent + i;
			char c = off < XS_HEADER_SIZE ? ((char *)&hdr)[off]
						      : payload[off - XS_HEADER_SIZE];

			ring[(prod + i) & (XENSTORE_RING_SIZE - 1)] = c;
		}
		prod += n;
		sent += n;
		rc = xs_reader_feed(&reader, ring, &cons, prod);
		if (rc != XS_READER_MORE)
			break;
	}
	CHECK_EQ(rc, XS_READER_DONE);
	CHECK_EQ(sent, total);
	CHECK_EQ(reader.hdr.len, sizeof(payload));
	CHECK_EQ(memcmp(reader.body, payload, sizeof(payload)), 0);
	CHECK_EQ(reader.body[sizeof(payload)], '\0');
}

static void test_reader_malformed(void)
{
	uint32_t prod, cons;
	struct xsd_sockmsg hdr = { .type = XS_READ, .req_id = 1, .len = XENSTORE_PAYLOAD_MAX + 1 };

	/* len > 4096: refused as soon as the header is complete. */
	xs_reader_reset(&reader);
	cons = 100;
	ring_copy_in(ring, sizeof(ring), cons, &hdr, sizeof(hdr));
	prod = cons + sizeof(hdr);
	CHECK_EQ(xs_reader_feed(&reader, ring, &cons, prod), -EMSGSIZE);
	hdr.len = UINT32_MAX;
	xs_reader_reset(&reader);
	cons = 100;
	ring_copy_in(ring, sizeof(ring), cons, &hdr, sizeof(hdr));
	CHECK_EQ(xs_reader_feed(&reader, ring, &cons, prod), -EMSGSIZE);

	/* Unknown message types. */
	xs_reader_reset(&reader);
	prod = put_reply(cons = 0, XS_TYPE_COUNT, 1, "", 0);
	CHECK_EQ(xs_reader_feed(&reader, ring, &cons, prod), -EPROTO);
	xs_reader_reset(&reader);
	prod = put_reply(cons = 0, XS_INVALID, 1, "", 0);
	CHECK_EQ(xs_reader_feed(&reader, ring, &cons, prod), -EPROTO);

	/* A producer index more than a ring ahead of ours. */
	xs_reader_reset(&reader);
	cons = 0;
	CHECK_EQ(xs_reader_feed(&reader, ring, &cons, XENSTORE_RING_SIZE + 1), -EIO);
	cons = 10;
	CHECK_EQ(xs_reader_feed(&reader, ring, &cons, 9), -EIO);
	CHECK_EQ(cons, 10);
}

static void test_reply_check(void)
{
	uint32_t cons = 0, prod;

	xs_reader_reset(&reader);
	prod = put_reply(cons, XS_READ, 5, "x", 1);
	CHECK_EQ(xs_reader_feed(&reader, ring, &cons, prod), XS_READER_DONE);
	CHECK_EQ(xs_reply_check(&reader, XS_READ, 5), 0);
	CHECK_EQ(xs_reply_check(&reader, XS_READ, 6), -EPROTO);	 /* wrong req_id */
	CHECK_EQ(xs_reply_check(&reader, XS_WRITE, 5), -EPROTO); /* wrong type */

	xs_reader_reset(&reader);
	prod = put_reply(cons, XS_ERROR, 5, "ENOENT", 7);
	CHECK_EQ(xs_reader_feed(&reader, ring, &cons, prod), XS_READER_DONE);
	CHECK_EQ(xs_reply_check(&reader, XS_READ, 5), -ENOENT);
	CHECK_EQ(xs_reply_check(&reader, XS_READ, 4), -EPROTO);

	CHECK_EQ(xs_error_code("EACCES", 7), -EACCES);
	CHECK_EQ(xs_error_code("EAGAIN", 6), -EAGAIN); /* without the NUL */
	CHECK_EQ(xs_error_code("E2BIG", 6), -E2BIG);
	CHECK_EQ(xs_error_code("EQUOTA", 7), -EIO);  /* not a name xenstored uses */
	CHECK_EQ(xs_error_code("ENOENTX", 8), -EIO); /* prefix of a real name */
	CHECK_EQ(xs_error_code("ENOEN", 6), -EIO);
	CHECK_EQ(xs_error_code("", 0), -EIO);
}

static void test_parsers(void)
{
	const char *path, *token;
	uint32_t v;

	CHECK_EQ(xs_watch_event_parse("a/b\0tok\0", 8, &path, &token), 0);
	CHECK_EQ(strcmp(path, "a/b"), 0);
	CHECK_EQ(strcmp(token, "tok"), 0);
	CHECK_EQ(xs_watch_event_parse("a/b\0tok", 7, &path, &token), -EPROTO);
	CHECK_EQ(xs_watch_event_parse("a/b\0", 4, &path, &token), -EPROTO);
	CHECK_EQ(xs_watch_event_parse("a/b", 3, &path, &token), -EPROTO);
	CHECK_EQ(xs_watch_event_parse("", 0, &path, &token), -EPROTO);

	CHECK_EQ(xs_count_strings("a\0bb\0ccc\0", 9), 3);
	CHECK_EQ(xs_count_strings("", 0), 0);
	CHECK_EQ(xs_count_strings("a\0bb", 4), -EPROTO);

	CHECK_EQ(xs_parse_u32("123", 4, &v), 0);
	CHECK_EQ(v, 123);
	CHECK_EQ(xs_parse_u32("4294967295", 10, &v), 0);
	CHECK_EQ(v, UINT32_MAX);
	CHECK_EQ(xs_parse_u32("4294967296", 10, &v), -EPROTO);
	CHECK_EQ(xs_parse_u32("12a", 3, &v), -EPROTO);
	CHECK_EQ(xs_parse_u32("", 1, &v), -EPROTO);
	CHECK_EQ(xs_parse_u32("99999999999", 11, &v), -EPROTO);
}

int main(void)
{
	test_build();
	test_paths();
	test_ring_put();
	test_reader_wrap();
	test_reader_long();
	test_reader_malformed();
	test_reply_check();
	test_parsers();
	return check_report("xs_codec");
}
