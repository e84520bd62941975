/*
 * XenStore watches: the table of our watches (token -> callback) and the
 * queue of events received while the transport waited for something else.
 * Callbacks run only from xs_watch_dispatch(), never from inside a request,
 * so they may issue requests themselves.
 */

#include <stdint.h>

#include <erika/drivers/timer.h>
#include <erika/errno.h>
#include <erika/xen/xenstore.h>

#include "xenstore_priv.h"

#define MAX_WATCHES CONFIG_XENSTORE_MAX_WATCHES
#define TOKEN_MAX   CONFIG_XENSTORE_TOKEN_MAX
#define QUEUE_LEN   CONFIG_XENSTORE_WATCH_QUEUE
#define EVENT_SIZE  CONFIG_XENSTORE_WATCH_EVENT_SIZE

struct watch {
	char token[TOKEN_MAX];
	xs_watch_fn fn;
	void *arg;
};

struct event {
	uint32_t len;
	char data[EVENT_SIZE];
};

static struct watch watches[MAX_WATCHES];
static struct event queue[QUEUE_LEN];
static unsigned int queue_head;
static unsigned int queue_count;
static unsigned int dropped;

static int token_equal(const char *a, const char *b)
{
	unsigned int i = 0;

	while (i < TOKEN_MAX && a[i] == b[i] && a[i] != '\0')
		i++;
	return i < TOKEN_MAX && a[i] == b[i];
}

static struct watch *find(const char *token)
{
	for (unsigned int i = 0; i < MAX_WATCHES; i++)
		if (watches[i].fn != 0 && token_equal(watches[i].token, token))
			return &watches[i];
	return 0;
}

void xs_watch_queue(const char *body, uint32_t len)
{
	struct event *e;

	if (queue_count == QUEUE_LEN || len > EVENT_SIZE) {
		dropped++;
		return;
	}
	e = &queue[(queue_head + queue_count) % QUEUE_LEN];
	for (uint32_t i = 0; i < len; i++)
		e->data[i] = body[i];
	e->len = len;
	queue_count++;
}

int xs_watch_pending(void)
{
	return queue_count != 0;
}

unsigned int xs_watch_dropped(void)
{
	return dropped;
}

/* Path and token as one payload, for XS_WATCH and XS_UNWATCH. */
static int watch_request(uint32_t type, const char *path, const char *token)
{
	struct xs_msg *m;
	int rc = xs_begin(&m, type, XS_TX_NONE);

	if (rc == 0)
		rc = xs_msg_append_path(m, xs_domid(), path);
	if (rc == 0)
		rc = xs_msg_append(m, token, 1);
	if (rc == 0)
		rc = xs_request(m, 0, 0, 0);
	return rc;
}

int xs_watch(const char *path, const char *token, xs_watch_fn fn, void *arg)
{
	struct watch *w = 0;
	unsigned int n = 0;
	int rc;

	if (fn == 0 || token == 0)
		return -EINVAL;
	while (n < TOKEN_MAX && token[n] != '\0')
		n++;
	if (n == 0 || n == TOKEN_MAX)
		return -EINVAL;
	if (find(token))
		return -EEXIST;
	for (unsigned int i = 0; i < MAX_WATCHES && w == 0; i++)
		if (watches[i].fn == 0)
			w = &watches[i];
	if (w == 0)
		return -ENOSPC;
	/* Fill the slot first: the first event may arrive with the reply. */
	for (unsigned int i = 0; i <= n; i++)
		w->token[i] = token[i];
	w->arg = arg;
	w->fn = fn;
	rc = watch_request(XS_WATCH, path, token);
	if (rc < 0)
		w->fn = 0;
	return rc;
}

int xs_unwatch(const char *path, const char *token)
{
	struct watch *w = find(token);
	int rc;

	if (w == 0)
		return -ENOENT;
	rc = watch_request(XS_UNWATCH, path, token);
	/* Queued events for the token find no watch and are ignored. */
	w->fn = 0;
	return rc;
}

int xs_watch_dispatch(uint32_t timeout_ms)
{
	uint64_t deadline = timeout_ms ? vtimer_count() + vtimer_ms_to_ticks(timeout_ms) : 0;
	int delivered = 0;
	int rc = xs_pump(deadline);

	if (rc < 0)
		return rc;
	/* At most one queue's worth: a callback that causes events cannot loop us. */
	for (unsigned int n = 0; n < QUEUE_LEN && queue_count != 0; n++) {
		struct event e = queue[queue_head];
		const char *path, *token;
		const struct watch *w;

		queue_head = (queue_head + 1) % QUEUE_LEN;
		queue_count--;
		if (xs_watch_event_parse(e.data, e.len, &path, &token) < 0)
			continue; /* malformed: not two terminated strings */
		w = find(token);
		if (w == 0)
			continue;
		w->fn(path, token, w->arg);
		delivered++;
	}
	return delivered;
}
