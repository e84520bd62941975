// SPDX-License-Identifier: GPL-2.0
/*
 * erika-xen: finding the pin server in XenStore and following it.
 *
 * The server is the domain whose /local/domain/<id>/name is domain_name; it
 * advertises its ring in /local/domain/<id>/data/pin-server and sets `state`
 * to 4 (Connected) last. One watch on /local/domain (watches are recursive)
 * tells us about domains appearing, disappearing (`xl destroy` removes the
 * whole home) and changing their pin-server keys; each relevant event
 * queues a rescan, which tears a stale connection down and connects to the
 * server when there is one. Rescans are serialised and coalesced by an
 * ordered workqueue, so a burst of XenStore writes costs one or two scans.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <xen/xenbus.h>

#include "discovery.h"
#include "ring.h"

#define DOMAIN_ROOT   "/local/domain"
#define SERVER_SUBDIR "/data/pin-server"

/* Read an unsigned decimal key; a missing key, garbage or overflow is an error. */
static int read_uint(const char *dir, const char *node, unsigned int *val)
{
	/* xenbus_read bounds the value by XenStore's own limit (4 KiB). */
	char *s = xenbus_read(XBT_NIL, dir, node, NULL);
	int err;

	if (IS_ERR(s))
		return PTR_ERR(s);
	err = kstrtouint(s, 10, val);
	kfree(s);
	return err;
}

/*
 * Write client-state only while the server's state key exists, in one
 * transaction: a write into the home of a domain that is being destroyed
 * would otherwise re-create its directory, owned by dom0, for good.
 */
static int write_client_state(const char *dir, int state)
{
	struct xenbus_transaction xbt;
	int err, tries;

	for (tries = 0; tries < 5; tries++) {
		char *s;

		err = xenbus_transaction_start(&xbt);
		if (err)
			return err;
		s = xenbus_read(xbt, dir, "state", NULL);
		if (IS_ERR(s)) {
			xenbus_transaction_end(xbt, 1);
			return PTR_ERR(s);
		}
		kfree(s);
		err = xenbus_printf(xbt, dir, "client-state", "%d", state);
		if (err) {
			xenbus_transaction_end(xbt, 1);
			return err;
		}
		err = xenbus_transaction_end(xbt, 0);
		if (err != -EAGAIN)
			return err;
	}
	return err;
}

/* Tear the connection down; tell the server when it is still there. ex->lock held. */
static void disconnect(struct erika_xen *ex, const char *why)
{
	int err;

	erika_xen_ring_disconnect(ex);
	err = write_client_state(ex->dir, XenbusStateClosed);
	WRITE_ONCE(ex->connected, false); /* read locklessly by the stats file */
	ex->stats.disconnects++;
	pr_info_ratelimited("disconnected from domain %u (%s)%s\n", ex->domid, why,
			    err ? "" : ", client-state 6 written");
}

/* The keys a connection is made with (doc/protocol.md, "XenStore keys"). */
struct server_keys {
	unsigned int version, ref, port, pins;
};

/*
 * Read and check the server's keys; the guest wrote them, so each one is a
 * claim to check: a decimal number (xenbus keys are text) in its range.
 * Returns 0 when they are usable, else -EINVAL with what is wrong in @why.
 */
static int read_keys(const char *dir, struct server_keys *k, char *why, size_t size)
{
	if (read_uint(dir, "protocol-version", &k->version)) {
		snprintf(why, size, "no usable protocol-version");
	} else if (k->version != PIN_SERVER_PROTOCOL_VERSION) {
		snprintf(why, size, "protocol-version %u, this module speaks %d", k->version,
			 PIN_SERVER_PROTOCOL_VERSION);
	} else if (read_uint(dir, "ring-ref", &k->ref)) {
		snprintf(why, size, "no usable ring-ref");
	} else if (read_uint(dir, "event-channel", &k->port) || k->port == 0 ||
		   k->port > ERIKA_XEN_MAX_PORT) {
		/* Xen never allocates port 0 */
		snprintf(why, size, "no usable event-channel (1..%u)", ERIKA_XEN_MAX_PORT);
	} else if (read_uint(dir, "pins", &k->pins) || k->pins == 0 ||
		   k->pins > ERIKA_XEN_MAX_PINS) {
		/* This module drives pin 0, so it must exist; a request's byte indexes pins. */
		snprintf(why, size, "no usable pins (1..%u)", ERIKA_XEN_MAX_PINS);
	} else {
		return 0;
	}
	return -EINVAL;
}

/*
 * Keys refused: count, and say why once per domain and reason, not at every
 * event; rate-limited too, like every message a guest can cause, so a guest
 * flipping its keys cannot flood the kernel log.
 */
static void refuse(struct erika_xen *ex, domid_t domid, const char *why)
{
	ex->stats.refused++;
	if (ex->refused_domid == domid && !strcmp(ex->refused_why, why))
		return;
	ex->refused_domid = domid;
	strscpy(ex->refused_why, why, sizeof(ex->refused_why));
	pr_warn_ratelimited("domain %u: %s\n", domid, why);
}

/*
 * Connect to the server in domain @domid, whose state is Connected: check
 * its keys, map and bind, say so in client-state. ex->lock held.
 */
static void connect(struct erika_xen *ex, domid_t domid)
{
	char why[sizeof(ex->refused_why)];
	struct server_keys k;
	int err;

	snprintf(ex->dir, sizeof(ex->dir), DOMAIN_ROOT "/%u" SERVER_SUBDIR, domid);
	if (read_keys(ex->dir, &k, why, sizeof(why))) {
		refuse(ex, domid, why);
		return;
	}
	err = erika_xen_ring_connect(ex, domid, k.ref, k.port);
	if (err) {
		ex->stats.refused++;
		return;
	}
	err = write_client_state(ex->dir, XenbusStateConnected);
	if (err) {
		/* Most likely the server went away meanwhile: its removal queues a rescan. */
		pr_warn_ratelimited("domain %u: cannot write client-state (%d)\n", domid, err);
		erika_xen_ring_disconnect(ex);
		return;
	}
	WRITE_ONCE(ex->pins, k.pins);
	WRITE_ONCE(ex->connected, true);
	ex->refused_domid = -1;
	ex->stats.connects++;
	pr_info_ratelimited("connected to domain %u (ring-ref %u, event channel %u, %u pins)\n",
			    domid, k.ref, k.port, k.pins);
}

/*
 * Is the connected server still Connected, with the keys we connected with?
 * Any change (a new ring, another port, pins, version, or garbage) ends the
 * connection; the same rescan then checks the new keys from scratch.
 */
static const char *server_gone(struct erika_xen *ex)
{
	struct server_keys k;
	unsigned int state;
	char why[sizeof(ex->refused_why)];

	if (read_uint(ex->dir, "state", &state))
		return "server gone";
	if (state != XenbusStateConnected)
		return "server left the Connected state";
	if (read_keys(ex->dir, &k, why, sizeof(why)) || k.ref != ex->ring_ref ||
	    k.port != ex->port || k.pins != ex->pins)
		return "keys changed";
	return NULL;
}

/* The first domain called @domain_name whose server is Connected, or -1. */
static int find_server(const char *domain_name)
{
	char path[ERIKA_XEN_PATH_MAX];
	unsigned int i, n, state;
	int found = -1;
	char **doms;
	u16 domid;
	char *name;

	doms = xenbus_directory(XBT_NIL, DOMAIN_ROOT, "", &n);
	if (IS_ERR(doms))
		return -1;
	for (i = 0; i < n && found < 0; i++) {
		if (kstrtou16(doms[i], 10, &domid))
			continue;
		snprintf(path, sizeof(path), DOMAIN_ROOT "/%u", domid);
		name = xenbus_read(XBT_NIL, path, "name", NULL);
		if (IS_ERR(name))
			continue;
		if (!strcmp(name, domain_name)) {
			strlcat(path, SERVER_SUBDIR, sizeof(path));
			if (!read_uint(path, "state", &state) && state == XenbusStateConnected)
				found = domid;
		}
		kfree(name);
	}
	kfree(doms); /* one allocation holds the array and the strings */
	return found;
}

static void rescan(struct work_struct *work)
{
	struct erika_xen *ex = container_of(work, struct erika_xen, rescan);

	mutex_lock(&ex->lock);
	if (ex->connected) {
		const char *why = server_gone(ex);

		if (why)
			disconnect(ex, why);
	}
	if (!ex->connected) {
		int domid = find_server(ex->domain_name);

		if (domid >= 0)
			connect(ex, domid);
	}
	mutex_unlock(&ex->lock);
}

/*
 * Does a change at @path concern us? Called by xenbus with a spinlock held,
 * for every change anywhere under /local/domain: only string checks here.
 * Relevant: /local/domain itself (the initial event), a domain's home (it
 * appears or is removed), and the server directory and its keys, except the
 * client-state we write ourselves.
 */
static bool path_matters(struct xenbus_watch *watch, const char *path, const char *token)
{
	const char *p = path + strlen(DOMAIN_ROOT);

	if (strncmp(path, DOMAIN_ROOT, strlen(DOMAIN_ROOT)))
		return false;
	if (*p == '\0')
		return true;
	if (*p++ != '/' || !isdigit(*p))
		return false;
	while (isdigit(*p))
		p++;
	if (*p == '\0' || !strcmp(p, "/data") || !strcmp(p, SERVER_SUBDIR))
		return true;
	if (strncmp(p, SERVER_SUBDIR "/", strlen(SERVER_SUBDIR "/")))
		return false;
	return strcmp(p + strlen(SERVER_SUBDIR "/"), "client-state") != 0;
}

static void watch_fired(struct xenbus_watch *watch, const char *path, const char *token)
{
	struct erika_xen *ex = container_of(watch, struct erika_xen, watch);

	queue_work(ex->wq_rescan, &ex->rescan);
}

/* XenStore is up (now, or later when xenstored starts): start watching. */
static int xenstore_ready(struct notifier_block *nb, unsigned long event, void *data)
{
	struct erika_xen *ex = container_of(nb, struct erika_xen, xenstore_nb);
	int err;

	err = register_xenbus_watch(&ex->watch);
	if (err)
		pr_err("cannot watch " DOMAIN_ROOT " (%d): no server will be found\n", err);
	else
		ex->watch_registered = true;
	return NOTIFY_DONE;
}

/**
 * erika_xen_discovery_start - look for the server now and follow it
 * @ex: the module state, its locks initialised
 * @domain_name: the name of the server's domain; must stay valid until
 *	erika_xen_discovery_stop()
 *
 * Process context. When xenstored is not running yet (the module loaded early
 * at boot), the watch is set up as soon as it is. Returns 0 or -ENOMEM.
 */
int erika_xen_discovery_start(struct erika_xen *ex, const char *domain_name)
{
	ex->domain_name = domain_name;
	ex->refused_domid = -1;
	ex->wq_rescan = alloc_ordered_workqueue(KBUILD_MODNAME, 0);
	if (!ex->wq_rescan)
		return -ENOMEM;
	INIT_WORK(&ex->rescan, rescan);
	ex->watch.node = DOMAIN_ROOT;
	ex->watch.will_handle = path_matters;
	ex->watch.callback = watch_fired;
	ex->xenstore_nb.notifier_call = xenstore_ready;
	/* Registering the watch fires it once, which runs the first scan. */
	register_xenstore_notifier(&ex->xenstore_nb);
	return 0;
}

/**
 * erika_xen_discovery_stop - stop following the server and disconnect
 * @ex: the module state
 *
 * Process context; no request may be in flight (the sysctl files are gone).
 * Writes client-state 6 when the server is still there.
 */
void erika_xen_discovery_stop(struct erika_xen *ex)
{
	/* Waits for a notifier call in progress; then the flag is stable. */
	unregister_xenstore_notifier(&ex->xenstore_nb);
	if (ex->watch_registered)
		unregister_xenbus_watch(&ex->watch); /* waits for a running callback */
	destroy_workqueue(ex->wq_rescan);	     /* runs a queued rescan, then none */
	mutex_lock(&ex->lock);
	if (ex->connected)
		disconnect(ex, "module unloaded");
	mutex_unlock(&ex->lock);
}
