/*
 * The XenStore client against a real xenstored in a Linux dom0 (`xl create`):
 * the domain's own keys (domid, name), write and read back under data/, a
 * value longer than the ring, a missing key, a key we may not write,
 * mkdir/directory/rm, transactions (commit and abort), watches; then a
 * conversation with the dom0 side of the test (dom0/running.sh): dom0 reads
 * what we wrote and answers in a key we watch.
 * Without a store (dom0less), xs_status() must say so and nothing may crash.
 */

#include <stdint.h>

#include <erika/boot.h>
#include <erika/errno.h>
#include <erika/printk.h>
#include <erika/string.h>
#include <erika/xen/domain.h>
#include <erika/xen/xenstore.h>
#include <erika/xen/xs_codec.h>

#include <erika_test.h>

#define BASE	     "data/erika-test"
#define DOM0_WAIT_MS 30000u

static char buf[4096 + 1];

static void test_no_store(void)
{
	TEST_CHECK_EQ(xs_status(), -ENODEV);
	TEST_CHECK_EQ(xs_read(XS_TX_NONE, "domid", buf, sizeof(buf)), -ENODEV);
	TEST_CHECK_EQ(xs_write(XS_TX_NONE, "data/x", "1"), -ENODEV);
	printk("no XenStore in this domain (dom0less): -ENODEV\n");
}

static void test_own_keys(void)
{
	int domid = xen_domain_id();
	uint32_t key;
	int n;

	TEST_CHECK_EQ(xs_status(), 0);
	n = xs_read(XS_TX_NONE, "domid", buf, sizeof(buf));
	TEST_CHECK(n > 0, "read domid: %d", n);
	printk("domid key \"%s\", xen_domain_id() %d\n", buf, domid);
	TEST_CHECK(domid > 0, "xen_domain_id() %d", domid);
	TEST_CHECK_EQ(xs_domid(), domid);
	TEST_CHECK(xs_parse_u32(buf, (uint32_t)n, &key) == 0 && key == (uint32_t)domid,
		   "domid key \"%s\" is not %d", buf, domid);
	n = xs_read(XS_TX_NONE, "name", buf, sizeof(buf));
	TEST_CHECK(n > 0, "read name: %d", n);
	TEST_CHECK(strcmp(buf, CONFIG_XEN_DOMAIN_NAME) == 0, "name \"%s\"", buf);
	/* Absolute paths work the same. */
	snprintk(buf, sizeof(buf), "/local/domain/%d/name", domid);
	n = xs_read(XS_TX_NONE, buf, buf, sizeof(buf));
	TEST_CHECK(n > 0 && strcmp(buf, CONFIG_XEN_DOMAIN_NAME) == 0, "absolute name: %d", n);
}

static void test_write_read_back(void)
{
	TEST_CHECK_EQ(xs_write(XS_TX_NONE, BASE "/value", "41"), 0);
	TEST_CHECK_EQ(xs_write(XS_TX_NONE, BASE "/value", "42"), 0);
	TEST_CHECK_EQ(xs_read(XS_TX_NONE, BASE "/value", buf, sizeof(buf)), 2);
	TEST_CHECK(strcmp(buf, "42") == 0, "read back \"%s\"", buf);
	/* Too small a buffer: an error, not a truncated value. */
	TEST_CHECK_EQ(xs_read(XS_TX_NONE, BASE "/value", buf, 2), -E2BIG);
	TEST_CHECK_EQ(xs_read(XS_TX_NONE, BASE "/missing", buf, sizeof(buf)), -ENOENT);
}

/*
 * 2000 bytes: the message is almost twice the 1024-byte ring both ways, and
 * below xenstored's default per-node quota for a domU (2048 bytes).
 */
static void test_value_longer_than_ring(void)
{
	static char value[2001];
	int n;

	for (unsigned int i = 0; i < sizeof(value) - 1; i++)
		value[i] = (char)('a' + i % 26);
	value[sizeof(value) - 1] = '\0';
	TEST_CHECK_EQ(xs_write(XS_TX_NONE, BASE "/long", value), 0);
	n = xs_read(XS_TX_NONE, BASE "/long", buf, sizeof(buf));
	TEST_CHECK_EQ(n, sizeof(value) - 1);
	TEST_CHECK(memcmp(buf, value, sizeof(value)) == 0, "long value differs");
	TEST_CHECK_EQ(xs_rm(XS_TX_NONE, BASE "/long"), 0);
}

static void test_not_ours(void)
{
	/* dom0's home is not writable by a domU. */
	TEST_CHECK_EQ(xs_write(XS_TX_NONE, "/local/domain/0/erika-test", "x"), -EACCES);
}

static int has_name(const char *list, int count, const char *name)
{
	for (int i = 0; i < count; i++) {
		if (strcmp(list, name) == 0)
			return 1;
		list += strlen(list) + 1;
	}
	return 0;
}

static void test_directory(void)
{
	int n;

	TEST_CHECK_EQ(xs_mkdir(XS_TX_NONE, BASE "/dir"), 0);
	TEST_CHECK_EQ(xs_directory(XS_TX_NONE, BASE "/dir", buf, sizeof(buf)), 0);
	TEST_CHECK_EQ(xs_write(XS_TX_NONE, BASE "/dir/alpha", "1"), 0);
	TEST_CHECK_EQ(xs_write(XS_TX_NONE, BASE "/dir/beta", "2"), 0);
	TEST_CHECK_EQ(xs_mkdir(XS_TX_NONE, BASE "/dir/gamma"), 0);
	n = xs_directory(XS_TX_NONE, BASE "/dir", buf, sizeof(buf));
	TEST_CHECK_EQ(n, 3);
	TEST_CHECK(has_name(buf, n, "alpha") && has_name(buf, n, "beta") &&
			   has_name(buf, n, "gamma"),
		   "listing lacks a child");
	TEST_CHECK_EQ(xs_directory(XS_TX_NONE, BASE "/dir", buf, 8), -E2BIG);
	TEST_CHECK_EQ(xs_rm(XS_TX_NONE, BASE "/dir"), 0);
	TEST_CHECK_EQ(xs_read(XS_TX_NONE, BASE "/dir/alpha", buf, sizeof(buf)), -ENOENT);
	TEST_CHECK_EQ(xs_directory(XS_TX_NONE, BASE "/dir", buf, sizeof(buf)), -ENOENT);
}

static void test_transactions(void)
{
	xs_tx_t tx;

	TEST_CHECK_EQ(xs_write(XS_TX_NONE, BASE "/tx", "before"), 0);
	TEST_CHECK_EQ(xs_transaction_start(&tx), 0);
	TEST_CHECK(tx != XS_TX_NONE, "transaction id 0");
	TEST_CHECK_EQ(xs_write(tx, BASE "/tx", "inside"), 0);
	TEST_CHECK_EQ(xs_read(tx, BASE "/tx", buf, sizeof(buf)), 6);
	/* Outside the transaction the old value stays until the commit. */
	TEST_CHECK_EQ(xs_read(XS_TX_NONE, BASE "/tx", buf, sizeof(buf)), 6);
	TEST_CHECK(strcmp(buf, "before") == 0, "outside: \"%s\"", buf);
	TEST_CHECK_EQ(xs_transaction_end(tx, 0), 0);
	TEST_CHECK_EQ(xs_read(XS_TX_NONE, BASE "/tx", buf, sizeof(buf)), 6);
	TEST_CHECK(strcmp(buf, "inside") == 0, "after commit: \"%s\"", buf);

	TEST_CHECK_EQ(xs_transaction_start(&tx), 0);
	TEST_CHECK_EQ(xs_write(tx, BASE "/tx", "aborted"), 0);
	TEST_CHECK_EQ(xs_transaction_end(tx, 1), 0);
	TEST_CHECK_EQ(xs_read(XS_TX_NONE, BASE "/tx", buf, sizeof(buf)), 6);
	TEST_CHECK(strcmp(buf, "inside") == 0, "after abort: \"%s\"", buf);
	/* An ended transaction is gone. */
	TEST_CHECK(xs_read(tx, BASE "/tx", buf, sizeof(buf)) < 0, "ended transaction usable");
}

struct watch_seen {
	unsigned int events;
	char path[96];
	char value[64];
};

static void on_watch(const char *path, const char *token, void *arg)
{
	struct watch_seen *w = arg;
	unsigned int i;

	(void)token;
	w->events++;
	for (i = 0; i < sizeof(w->path) - 1 && path[i]; i++)
		w->path[i] = path[i];
	w->path[i] = '\0';
	/* Callbacks may talk to XenStore themselves. */
	if (xs_read(XS_TX_NONE, path, w->value, sizeof(w->value)) < 0)
		w->value[0] = '\0';
}

static void test_watch(void)
{
	static struct watch_seen seen;
	char expect[64];

	TEST_CHECK_EQ(xs_watch(BASE "/watched", "self", on_watch, &seen), 0);
	TEST_CHECK_EQ(xs_watch(BASE "/other", "self", on_watch, &seen), -EEXIST);
	/* xenstored fires a new watch once. */
	TEST_CHECK(xs_watch_dispatch(2000) >= 1, "no initial watch event");
	TEST_CHECK_EQ(seen.events, 1);
	snprintk(expect, sizeof(expect), "/local/domain/%u/" BASE "/watched", xs_domid());
	TEST_CHECK(strcmp(seen.path, expect) == 0, "event path \"%s\"", seen.path);

	TEST_CHECK_EQ(xs_write(XS_TX_NONE, BASE "/watched", "ping"), 0);
	TEST_CHECK(xs_watch_dispatch(2000) >= 1, "no event for our write");
	TEST_CHECK_EQ(seen.events, 2);
	TEST_CHECK(strcmp(seen.value, "ping") == 0, "callback read \"%s\"", seen.value);

	TEST_CHECK_EQ(xs_unwatch(BASE "/watched", "self"), 0);
	TEST_CHECK_EQ(xs_write(XS_TX_NONE, BASE "/watched", "pong"), 0);
	TEST_CHECK_EQ(xs_watch_dispatch(200), 0);
	TEST_CHECK_EQ(seen.events, 2);
	TEST_CHECK_EQ(xs_watch_dropped(), 0);
}

/* dom0/running.sh waits for ready=1, reads value, writes from-dom0. */
static void test_dom0_answers(void)
{
	static struct watch_seen seen;
	unsigned int waited = 0;

	TEST_CHECK_EQ(xs_watch(BASE "/from-dom0", "dom0", on_watch, &seen), 0);
	TEST_CHECK_EQ(xs_write(XS_TX_NONE, BASE "/ready", "1"), 0);
	printk("waiting for dom0 to write " BASE "/from-dom0\n");
	while (strcmp(seen.value, "hello from dom0") != 0 && waited < DOM0_WAIT_MS) {
		TEST_CHECK(xs_watch_dispatch(500) >= 0, "watch dispatch failed");
		waited += 500;
	}
	TEST_CHECK(strcmp(seen.value, "hello from dom0") == 0, "from-dom0 is \"%s\" after %u ms",
		   seen.value, waited);
	/* Tell dom0 we heard it; it checks this key. */
	TEST_CHECK_EQ(xs_write(XS_TX_NONE, BASE "/ack", seen.value), 0);
	TEST_CHECK_EQ(xs_unwatch(BASE "/from-dom0", "dom0"), 0);
}

int main(void)
{
	if (xs_status() == -ENODEV) {
		RUN_TEST(test_no_store);
		return test_summary();
	}
	RUN_TEST(test_own_keys);
	RUN_TEST(test_write_read_back);
	RUN_TEST(test_value_longer_than_ring);
	RUN_TEST(test_not_ours);
	RUN_TEST(test_directory);
	RUN_TEST(test_transactions);
	RUN_TEST(test_watch);
	RUN_TEST(test_dom0_answers);
	return test_summary();
}
