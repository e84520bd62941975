// SPDX-License-Identifier: GPL-2.0
/*
 * erika-xen: dom0 client of the ERIKA Enterprise pin server
 * (samples/pin_server/doc/protocol.md).
 *
 *   echo 1 > /proc/sys/erika-xen/pin_state    drive pin 0 high (0: low)
 *   cat /proc/sys/erika-xen/pin_state         the level the RTOS reads back
 *   cat /proc/sys/erika-xen/stats             connection and error counters
 *   cat /proc/sys/erika-xen/rtt               round-trip median, p99, max (echo 0: reset)
 *
 * Each access is one request to the RTOS domain, answered before the system
 * call returns: -ENODEV while no server is connected, -ETIMEDOUT when it does
 * not answer within timeout_ms, otherwise the server's status.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <xen/xen.h>

#include "erika_xen.h"

char *erika_xen_domain_name = "ERIKA_Enterprise";
module_param_named(domain_name, erika_xen_domain_name, charp, 0444);
MODULE_PARM_DESC(domain_name, "name of the RTOS domain (xl cfg `name`) to connect to");

static unsigned int timeout_ms = 1000;
module_param(timeout_ms, uint, 0644);
MODULE_PARM_DESC(timeout_ms, "how long a request waits for the RTOS's answer, 1-60000 ms");

/* Requests hold the connection mutex while they wait: keep that bounded. */
unsigned int erika_xen_timeout_ms(void)
{
	return clamp_val(READ_ONCE(timeout_ms), 1U, 60000U);
}

static struct erika_xen erika_xen;
static struct ctl_table_header *erika_xen_sysctl;

/* One request for pin 0 to the connected server, if any. */
static int erika_xen_request(u8 op, u8 value, u8 *level)
{
	struct erika_xen *ex = &erika_xen;
	int err;

	if (mutex_lock_killable(&ex->lock))
		return -EINTR;
	if (ex->connected)
		err = erika_xen_ring_request(ex, op, value, level);
	else
		err = -ENODEV;
	mutex_unlock(&ex->lock);
	return err;
}

/* Copy @text to a read buffer from position *ppos on, as a file would. */
static void erika_xen_read_text(const char *text, void *buffer, size_t *lenp, loff_t *ppos)
{
	size_t len = strlen(text), n = 0;

	if (*ppos < len) {
		n = min_t(size_t, *lenp, len - *ppos);
		memcpy(buffer, text + *ppos, n);
	}
	*lenp = n;
	*ppos += n;
}

/*
 * /proc/sys/erika-xen/pin_state. A write is "0" or "1", optionally followed
 * by a newline, and nothing else: anything else is refused before a request
 * is sent. A read at position 0 asks the server for the level; later reads
 * return end of file, so `cat` sends one request.
 */
static int pin_state_handler(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			     loff_t *ppos)
{
	const char *s = buffer;
	size_t len = *lenp;
	char text[3];
	u8 level;
	int err;

	if (write) {
		if (len == 2 && s[1] == '\n')
			len = 1;
		if (len != 1 || (s[0] != '0' && s[0] != '1'))
			return -EINVAL;
		err = erika_xen_request(PIN_OP_SET, s[0] - '0', &level);
		if (err)
			return err;
		*ppos += *lenp;
		return 0;
	}
	if (*ppos > 0) {
		*lenp = 0;
		return 0;
	}
	err = erika_xen_request(PIN_OP_GET, 0, &level);
	if (err)
		return err;
	snprintf(text, sizeof(text), "%u\n", level);
	erika_xen_read_text(text, buffer, lenp, ppos);
	return 0;
}

/* /proc/sys/erika-xen/stats: read-only, one "name value" line per counter. */
static int stats_handler(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			 loff_t *ppos)
{
	const struct erika_xen *ex = &erika_xen;
	const struct erika_xen_stats *st = &ex->stats;
	bool connected = READ_ONCE(ex->connected);
	char text[320];

	if (write)
		return -EPERM;
	snprintf(text, sizeof(text),
		 "connected %d\ndomid %d\npins %u\nrequests %lu\ntimeouts %lu\n"
		 "dropped %lu\ninvalid %lu\nconnects %lu\ndisconnects %lu\n",
		 connected, connected ? READ_ONCE(ex->domid) : -1,
		 connected ? READ_ONCE(ex->pins) : 0, READ_ONCE(st->requests),
		 READ_ONCE(st->timeouts), READ_ONCE(st->dropped), READ_ONCE(st->invalid),
		 READ_ONCE(st->connects), READ_ONCE(st->disconnects));
	erika_xen_read_text(text, buffer, lenp, ppos);
	return 0;
}

/* /proc/sys/erika-xen/rtt: round-trip statistics; any write resets them. */
static int rtt_handler(struct ctl_table *table, int write, void *buffer, size_t *lenp, loff_t *ppos)
{
	struct erika_xen *ex = &erika_xen;
	char text[128];
	int err;

	if (mutex_lock_killable(&ex->lock))
		return -EINTR;
	if (write) {
		ex->rtt.count = 0;
		mutex_unlock(&ex->lock);
		*ppos += *lenp;
		return 0;
	}
	err = erika_xen_rtt_text(ex, text, sizeof(text));
	mutex_unlock(&ex->lock);
	if (err)
		return err;
	erika_xen_read_text(text, buffer, lenp, ppos);
	return 0;
}

static struct ctl_table erika_xen_table[] = {
	{
		.procname = "pin_state",
		.mode = 0644,
		.proc_handler = pin_state_handler,
	},
	{
		.procname = "stats",
		.mode = 0444,
		.proc_handler = stats_handler,
	},
	{
		.procname = "rtt",
		.mode = 0644,
		.proc_handler = rtt_handler,
	},
	{} /* 6.1 still needs the sentinel */
};

static int __init erika_xen_init(void)
{
	struct erika_xen *ex = &erika_xen;
	int err;

	if (!xen_domain())
		return -ENODEV;
	if (!erika_xen_domain_name || !*erika_xen_domain_name ||
	    strlen(erika_xen_domain_name) > 64) {
		pr_err("domain_name must have 1 to 64 characters\n");
		return -EINVAL;
	}
	mutex_init(&ex->lock);
	spin_lock_init(&ex->ring_lock);
	init_waitqueue_head(&ex->wq);

	/* The files first: until a server is found they answer -ENODEV. */
	erika_xen_sysctl = register_sysctl("erika-xen", erika_xen_table);
	if (!erika_xen_sysctl)
		return -ENOMEM;
	err = erika_xen_discovery_start(ex);
	if (err) {
		unregister_sysctl_table(erika_xen_sysctl);
		return err;
	}
	pr_info("looking for domain \"%s\"\n", erika_xen_domain_name);
	return 0;
}

static void __exit erika_xen_exit(void)
{
	/* Waits for the handlers in progress: no request is in flight after it. */
	unregister_sysctl_table(erika_xen_sysctl);
	erika_xen_discovery_stop(&erika_xen);
}

module_init(erika_xen_init);
module_exit(erika_xen_exit);

MODULE_DESCRIPTION("dom0 client of the ERIKA Enterprise pin server (Xen grant + event channel)");
MODULE_LICENSE("GPL"); /* the Xen interfaces are GPL-only exports */
