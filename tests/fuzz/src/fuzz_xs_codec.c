/*
 * libFuzzer target: the XenStore wire codec (drivers/xen/xs_codec.c), all of
 * whose input comes from xenstored in dom0 and is untrusted. The input plays
 * xenstored: bytes it writes into the response ring in pieces, indices it
 * sets (hostile ones included); every complete message is judged and parsed
 * by each parser. The same input then drives the request side (framing paths
 * and values, copying into a ring with the input's indices).
 *
 * Beyond the sanitizers, the codec's contracts are checked: indices never
 * pass the producer, a complete body is NUL-terminated within its length,
 * parsed strings lie inside the body, numbers are what the digits say.
 */

#include <stdlib.h>
#include <string.h>

#include <erika/xen/ring_idx.h>
#include <erika/xen/xs_codec.h>

#include "fuzz_input.h"

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

static void parse_body(const struct xs_reader *r, struct fuzz_input *in)
{
	const char *path, *token;
	uint32_t value;
	int n;

	CHECK(r->hdr.len <= XENSTORE_PAYLOAD_MAX && r->body[r->hdr.len] == '\0');
	n = xs_reply_check(r, take_u8(in) % (XS_TYPE_COUNT + 1), take_u32(in));
	CHECK(n <= 0);
	n = xs_error_code(r->body, r->hdr.len);
	CHECK(n < 0);
	if (xs_watch_event_parse(r->body, r->hdr.len, &path, &token) == 0) {
		CHECK(path == r->body);
		CHECK(token > path && token + strlen(token) < r->body + r->hdr.len);
	}
	n = xs_count_strings(r->body, r->hdr.len);
	CHECK(n >= -EPROTO && (uint32_t)(n < 0 ? 0 : n) <= r->hdr.len);
	if (xs_parse_u32(r->body, r->hdr.len, &value) == 0)
		CHECK(strtoull(r->body, NULL, 10) == value);
}

/* xenstored writes; the reader takes what is there, piece by piece. */
static void response_side(struct fuzz_input *in)
{
	static char ring[XENSTORE_RING_SIZE];
	static struct xs_reader r;
	uint32_t cons = take_u32(in), prod = cons;

	xs_reader_reset(&r);
	for (unsigned int step = 0; step < 64 && in->size > 0; step++) {
		uint8_t op = take_u8(in);
		uint32_t before;
		int rc;

		if (op == 0xff) {
			prod = take_u32(in); /* a hostile index */
		} else {
			uint32_t n = op % 64;
			char chunk[64];

			if (n > ring_free(prod, cons, XENSTORE_RING_SIZE))
				n = ring_free(prod, cons, XENSTORE_RING_SIZE);
			n = (uint32_t)take_bytes(in, chunk, n);
			ring_copy_in(ring, XENSTORE_RING_SIZE, prod, chunk, n);
			prod += n;
		}
		before = cons;
		rc = xs_reader_feed(&r, ring, &cons, prod);
		CHECK(rc == XS_READER_MORE || rc == XS_READER_DONE || rc == -EIO ||
		      rc == -EMSGSIZE || rc == -EPROTO);
		if (rc == -EIO) {
			CHECK(cons == before);
			return;
		}
		CHECK(cons - before <= prod - before);
		if (rc < 0)
			return; /* the stream is unusable: the client stops here too */
		if (rc == XS_READER_DONE) {
			parse_body(&r, in);
			xs_reader_reset(&r);
		}
	}
}

/* The request side: framing what the caller passes, copying into the ring. */
static void request_side(struct fuzz_input *in)
{
	static struct xs_msg m;
	static char ring[XENSTORE_RING_SIZE];
	char s[XENSTORE_ABS_PATH_MAX + 64], out[XENSTORE_ABS_PATH_MAX + 1];
	uint32_t prod, cons, done, size;
	int n;

	xs_msg_init(&m, XS_WRITE, take_u32(in), take_u32(in));
	while (in->size > 0 && m.hdr.len < XENSTORE_PAYLOAD_MAX) {
		uint8_t op = take_u8(in);
		uint32_t len = m.hdr.len;

		take_string(in, s, op & 1 ? sizeof(s) : 255);
		if (op & 2) {
			n = xs_msg_append_path(&m, take_u8(in) * 1000u, s);
			CHECK(n == 0 || n == -EINVAL || n == -E2BIG);
			if (n == 0)
				CHECK(m.payload[m.hdr.len - 1] == '\0');
		} else {
			n = xs_msg_append(&m, s, op & 4);
			CHECK(n == 0 || n == -E2BIG);
		}
		CHECK(m.hdr.len <= XENSTORE_PAYLOAD_MAX && (n == 0 || m.hdr.len == len));
		n = xs_path_expand(out, 1 + take_u8(in) * 2u, take_u32(in), s);
		if (n >= 0)
			CHECK((size_t)n == strlen(out) && n <= XENSTORE_ABS_PATH_MAX);
	}
	prod = take_u32(in);
	cons = take_u32(in);
	size = xs_msg_size(&m);
	done = take_u32(in) % (size + 2);
	n = xs_ring_put(ring, prod, cons, &m, size, done);
	if (n >= 0)
		CHECK((uint32_t)n <= size - done &&
		      (uint32_t)n <= ring_free(prod, cons, XENSTORE_RING_SIZE));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };

	response_side(&in);
	request_side(&in);
	return 0;
}
