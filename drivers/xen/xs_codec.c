/*
 * XenStore wire format: framing and validation (see xs_codec.h). Pure code,
 * also compiled natively by the host tests.
 */

#include <stddef.h>
#include <stdint.h>

#include <erika/xen/ring_idx.h>
#include <erika/xen/xs_codec.h>

/* Length of s, but at most max (s need not be terminated within max). */
static uint32_t bounded_len(const char *s, uint32_t max)
{
	uint32_t n = 0;

	while (n < max && s[n] != '\0')
		n++;
	return n;
}

static uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

void xs_msg_init(struct xs_msg *m, uint32_t type, uint32_t req_id, uint32_t tx_id)
{
	m->hdr.type = type;
	m->hdr.req_id = req_id;
	m->hdr.tx_id = tx_id;
	m->hdr.len = 0;
}

int xs_msg_append(struct xs_msg *m, const char *s, int nul)
{
	uint32_t room = XENSTORE_PAYLOAD_MAX - m->hdr.len;
	uint32_t n = bounded_len(s, room + 1);
	uint32_t total = n + (nul ? 1u : 0u);

	if (total > room)
		return -E2BIG;
	for (uint32_t i = 0; i < n; i++)
		m->payload[m->hdr.len + i] = s[i];
	if (nul)
		m->payload[m->hdr.len + n] = '\0';
	m->hdr.len += total;
	return 0;
}

int xs_ring_put(char *ring, uint32_t prod, uint32_t cons, const void *msg, uint32_t size,
		uint32_t done)
{
	uint32_t n;

	if (!ring_sane(prod, cons, XENSTORE_RING_SIZE) || done > size)
		return -EIO;
	n = min_u32(ring_free(prod, cons, XENSTORE_RING_SIZE), size - done);
	ring_copy_in(ring, XENSTORE_RING_SIZE, prod, (const char *)msg + done, n);
	return (int)n;
}

void xs_reader_reset(struct xs_reader *r)
{
	r->have = 0;
	r->hdr.len = 0;
}

static int header_check(const struct xsd_sockmsg *hdr)
{
	if (hdr->len > XENSTORE_PAYLOAD_MAX)
		return -EMSGSIZE;
	if (hdr->type >= XS_TYPE_COUNT)
		return -EPROTO;
	return 0;
}

int xs_reader_feed(struct xs_reader *r, const char *ring, uint32_t *cons, uint32_t prod)
{
	if (!ring_sane(prod, *cons, XENSTORE_RING_SIZE))
		return -EIO;
	for (;;) {
		uint32_t avail = ring_used(prod, *cons);
		uint32_t n;

		if (r->have >= XS_HEADER_SIZE && r->have - XS_HEADER_SIZE == r->hdr.len) {
			r->body[r->hdr.len] = '\0';
			return XS_READER_DONE;
		}
		if (avail == 0)
			return XS_READER_MORE;
		if (r->have < XS_HEADER_SIZE) {
			n = min_u32(XS_HEADER_SIZE - r->have, avail);
			ring_copy_out(ring, XENSTORE_RING_SIZE, *cons, (char *)&r->hdr + r->have,
				      n);
			r->have += n;
			*cons += n;
			if (r->have == XS_HEADER_SIZE) {
				int rc = header_check(&r->hdr);

				if (rc < 0)
					return rc;
			}
		} else {
			uint32_t got = r->have - XS_HEADER_SIZE;

			n = min_u32(r->hdr.len - got, avail);
			ring_copy_out(ring, XENSTORE_RING_SIZE, *cons, r->body + got, n);
			r->have += n;
			*cons += n;
		}
	}
}

int xs_error_code(const char *body, uint32_t len)
{
	uint32_t n = bounded_len(body, len);

	for (size_t i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++) {
		const char *name = xsd_errors[i].errstring;
		uint32_t j = 0;

		while (j < n && name[j] != '\0' && name[j] == body[j])
			j++;
		if (j == n && name[j] == '\0')
			return -xsd_errors[i].errnum;
	}
	return -EIO;
}

int xs_reply_check(const struct xs_reader *r, uint32_t type, uint32_t req_id)
{
	if (r->hdr.req_id != req_id)
		return -EPROTO;
	if (r->hdr.type == XS_ERROR)
		return xs_error_code(r->body, r->hdr.len);
	if (r->hdr.type != type)
		return -EPROTO;
	return 0;
}

int xs_watch_event_parse(const char *body, uint32_t len, const char **path, const char **token)
{
	uint32_t p = bounded_len(body, len);
	uint32_t t;

	if (p == len)
		return -EPROTO;
	t = bounded_len(body + p + 1, len - p - 1);
	if (p + 1 + t == len)
		return -EPROTO;
	*path = body;
	*token = body + p + 1;
	return 0;
}

int xs_count_strings(const char *body, uint32_t len)
{
	int count = 0;

	for (uint32_t i = 0; i < len; i++)
		if (body[i] == '\0')
			count++;
	if (len > 0 && body[len - 1] != '\0')
		return -EPROTO;
	return count;
}

int xs_parse_u32(const char *body, uint32_t len, uint32_t *value)
{
	uint32_t n = bounded_len(body, len);
	uint64_t v = 0;

	if (n == 0 || n > 10)
		return -EPROTO;
	for (uint32_t i = 0; i < n; i++) {
		if (body[i] < '0' || body[i] > '9')
			return -EPROTO;
		v = v * 10u + (uint32_t)(body[i] - '0');
	}
	if (v > UINT32_MAX)
		return -EPROTO;
	*value = (uint32_t)v;
	return 0;
}

/* Append s to out[*len ...], keeping room for the NUL. */
static int put(char *out, size_t size, size_t *len, const char *s, size_t n)
{
	if (n >= size - *len)
		return -E2BIG;
	for (size_t i = 0; i < n; i++)
		out[*len + i] = s[i];
	*len += n;
	out[*len] = '\0';
	return 0;
}

int xs_path_expand(char *out, size_t size, unsigned int domid, const char *path)
{
	char digits[10];
	size_t nd = 0, len = 0;
	uint32_t plen = bounded_len(path, XENSTORE_ABS_PATH_MAX + 1);

	if (size == 0)
		return -E2BIG;
	out[0] = '\0';
	if (plen == 0)
		return -EINVAL;
	if (path[0] != '/' && path[0] != '@') {
		do {
			digits[sizeof(digits) - 1 - nd++] = (char)('0' + domid % 10u);
			domid /= 10u;
		} while (domid != 0);
		if (put(out, size, &len, "/local/domain/", 14) < 0 ||
		    put(out, size, &len, digits + sizeof(digits) - nd, nd) < 0 ||
		    put(out, size, &len, "/", 1) < 0)
			goto too_long;
	}
	if (put(out, size, &len, path, plen) < 0 || len > XENSTORE_ABS_PATH_MAX)
		goto too_long;
	return (int)len;

too_long:
	out[0] = '\0'; /* no half path for a caller that ignores the error */
	return -E2BIG;
}

int xs_msg_append_path(struct xs_msg *m, unsigned int domid, const char *path)
{
	int n = xs_path_expand(m->payload + m->hdr.len, XENSTORE_PAYLOAD_MAX - m->hdr.len, domid,
			       path);

	if (n < 0)
		return n;
	m->hdr.len += (uint32_t)n + 1u; /* and the NUL xs_path_expand wrote */
	return 0;
}
