/*
 * XenStore operations: build each request, send it, interpret the reply.
 */

#include <stddef.h>
#include <stdint.h>

#include <erika/errno.h>
#include <erika/xen/xenstore.h>

#include "xenstore_priv.h"

/* A request whose payload is one path; the reply copied to out (may be NULL). */
static int path_request(uint32_t type, xs_tx_t tx, const char *path, char *out, size_t size,
			uint32_t *len)
{
	struct xs_msg *m;
	int rc = xs_begin(&m, type, tx);

	if (rc == 0)
		rc = xs_msg_append_path(m, xs_domid(), path);
	if (rc == 0)
		rc = xs_request(m, out, size, len);
	return rc;
}

int xs_read(xs_tx_t tx, const char *path, char *buf, size_t size)
{
	uint32_t len;
	int rc = path_request(XS_READ, tx, path, buf, size, &len);

	return rc < 0 ? rc : (int)len;
}

int xs_write(xs_tx_t tx, const char *path, const char *value)
{
	struct xs_msg *m;
	int rc = xs_begin(&m, XS_WRITE, tx);

	if (rc == 0)
		rc = xs_msg_append_path(m, xs_domid(), path);
	/* The value is the rest of the payload, without a NUL of its own. */
	if (rc == 0)
		rc = xs_msg_append(m, value, 0);
	if (rc == 0)
		rc = xs_request(m, 0, 0, 0);
	return rc;
}

int xs_mkdir(xs_tx_t tx, const char *path)
{
	return path_request(XS_MKDIR, tx, path, 0, 0, 0);
}

int xs_rm(xs_tx_t tx, const char *path)
{
	return path_request(XS_RM, tx, path, 0, 0, 0);
}

int xs_directory(xs_tx_t tx, const char *path, char *buf, size_t size)
{
	uint32_t len;
	int rc = path_request(XS_DIRECTORY, tx, path, buf, size, &len);

	return rc < 0 ? rc : xs_count_strings(buf, len);
}

int xs_transaction_start(xs_tx_t *tx)
{
	char reply[16];
	uint32_t len;
	struct xs_msg *m;
	int rc = xs_begin(&m, XS_TRANSACTION_START, XS_TX_NONE);

	/* The payload is an empty string: just its NUL. */
	if (rc == 0)
		rc = xs_msg_append(m, "", 1);
	if (rc == 0)
		rc = xs_request(m, reply, sizeof(reply), &len);
	if (rc == 0)
		rc = xs_parse_u32(reply, len, tx);
	return rc;
}

int xs_transaction_end(xs_tx_t tx, int abort)
{
	struct xs_msg *m;
	int rc = xs_begin(&m, XS_TRANSACTION_END, tx);

	if (rc == 0)
		rc = xs_msg_append(m, abort ? "F" : "T", 1);
	if (rc == 0)
		rc = xs_request(m, 0, 0, 0);
	return rc;
}
