/*
 * dom0's test chooses how this guest misbehaves: it writes a case into
 * data/hostile/case (hostile.h lists them, plus "key NAME VALUE", which
 * rewrites one of the pin server's XenStore keys while dom0 is connected,
 * and "restore", which publishes the true keys again, state last). The case
 * is applied in the PinServer task and acknowledged by writing the same text
 * to data/hostile/ack, so the test knows when it is in force.
 */

#include <erika/os.h>
#include <erika/printk.h>
#include <erika/string.h>
#include <erika/xen/xenstore.h>

#include <xen/io/xenbus.h>

#include "hostile.h"

#define CASE_KEY "data/hostile/case"
#define ACK_KEY	 "data/hostile/ack"
#define KEY_DIR	 "data/pin-server/"

DeclareTask(Flooder);
DeclareEvent(EvFlood);

static struct pin_transport *transport;

/* A decimal int32 ("-529"); returns 0 or -1. */
static int parse_int(const char *s, int32_t *out)
{
	int negative = *s == '-';
	int64_t v = 0;

	if (negative)
		s++;
	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > 2147483648LL)
			return -1;
	}
	v = negative ? -v : v;
	if (v > 2147483647LL)
		return -1;
	*out = (int32_t)v;
	return 0;
}

/* Does text start with word followed by the end or a space? Then where the rest starts. */
static const char *word(const char *text, const char *w)
{
	size_t n = strlen(w);

	if (memcmp(text, w, n) != 0 || (text[n] != '\0' && text[n] != ' '))
		return NULL;
	return text[n] == ' ' ? text + n + 1 : text + n;
}

int hostile_parse(const char *text, struct hostile_case *c)
{
	static const struct {
		const char *name;
		enum hostile_kind kind;
		int has_arg;
	} cases[] = {
		{ "normal", CASE_NORMAL, 0 }, { "status", CASE_STATUS, 1 },
		{ "value", CASE_VALUE, 1 },   { "id", CASE_ID, 0 },
		{ "prod", CASE_PROD, 1 },     { "flood", CASE_FLOOD, 1 },
		{ "notify", CASE_NOTIFY, 0 }, { "silent", CASE_SILENT, 0 },
		{ "pair", CASE_PAIR, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *rest = word(text, cases[i].name);

		if (rest == NULL)
			continue;
		c->kind = cases[i].kind;
		c->arg = 0;
		if (!cases[i].has_arg)
			return *rest == '\0' ? 0 : -1;
		if (parse_int(rest, &c->arg) < 0)
			return -1;
		/* A flood fits the ring: at most 64 extra answers per request. */
		return c->kind != CASE_FLOOD || (c->arg > 0 && c->arg <= 64) ? 0 : -1;
	}
	return -1;
}

static int write_key(const char *key, const char *value)
{
	char path[64];

	(void)snprintk(path, sizeof(path), KEY_DIR "%s", key);
	return xs_write(XS_TX_NONE, path, value);
}

static int write_uint_key(const char *key, unsigned int value)
{
	char text[12];

	(void)snprintk(text, sizeof(text), "%u", value);
	return write_key(key, text);
}

/* The true keys again, as pin_transport_open published them: state last. */
static int restore_keys(void)
{
	int rc = write_uint_key("state", XenbusStateInitialising);

	rc = rc ? rc : write_uint_key("protocol-version", PIN_SERVER_PROTOCOL_VERSION);
	rc = rc ? rc : write_uint_key("ring-ref", transport->ref);
	rc = rc ? rc : write_uint_key("event-channel", transport->port);
	rc = rc ? rc : write_uint_key("pins", pin_gpio_backend.pins);
	return rc ? rc : write_uint_key("state", XenbusStateConnected);
}

/* "key NAME VALUE": NAME one of the pin server's keys. */
static int rewrite_key(const char *args)
{
	char name[24];
	size_t n = 0;

	while (args[n] != '\0' && args[n] != ' ' && n < sizeof(name) - 1) {
		name[n] = args[n];
		n++;
	}
	name[n] = '\0';
	if (args[n] != ' ' || n == 0)
		return -1;
	return write_key(name, args + n + 1);
}

static int apply(const char *text)
{
	struct hostile_case c;
	const char *args;

	if ((args = word(text, "key")) != NULL)
		return rewrite_key(args);
	if (word(text, "restore") != NULL)
		return restore_keys();
	if (hostile_parse(text, &c) < 0)
		return -1;
	hostile_case.kind = CASE_NORMAL; /* stops Flooder before the ring moves */
	hostile_resync(transport);
	hostile_case.arg = c.arg;
	hostile_case.kind = c.kind;
	if (c.kind == CASE_NOTIFY)
		(void)SetEvent(Flooder, EvFlood);
	return 0;
}

/* Task context (xs_watch_dispatch in PinServer). */
static void on_case(const char *path, const char *token, void *arg)
{
	char text[64];

	(void)token;
	(void)arg;
	if (xs_read(XS_TX_NONE, path, text, sizeof(text)) <= 0)
		return; /* not written yet (the watch fires once when set) */
	if (apply(text) < 0) {
		printk("hostile: cannot apply '%s'\n", text);
		(void)xs_write(XS_TX_NONE, ACK_KEY, "error");
		return;
	}
	printk("hostile: case '%s'\n", text);
	(void)xs_write(XS_TX_NONE, ACK_KEY, text);
}

int hostile_commands_init(struct pin_transport *t)
{
	int rc;

	transport = t;
	rc = xs_write(XS_TX_NONE, ACK_KEY, "ready");
	return rc ? rc : xs_watch(CASE_KEY, "case", on_case, 0);
}
