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
 * Each access to pin_state is one request to the RTOS domain, answered
 * before the system call returns: -ENODEV while no server is connected (or
 * when it goes away, or the module is unloaded, during the wait),
 * -ETIMEDOUT when it does not answer within timeout_ms, -EINTR on a signal,
 * -EPROTO for an answer the protocol does not allow, otherwise one of the
 * server's documented statuses. pin_state and rtt are for root and, if the
 * `group` parameter names one, that group: they drive hardware.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <xen/xen.h>

#include "discovery.h"
#include "ring.h"
#include "rtt.h"
#include "state.h"

static char *domain_name = "ERIKA_Enterprise";
module_param(domain_name, charp, 0444);
MODULE_PARM_DESC(domain_name, "name of the RTOS domain (xl cfg `name`) to connect to");

static unsigned int timeout_ms = 1000;
module_param(timeout_ms, uint, 0644);
MODULE_PARM_DESC(timeout_ms, "how long a request waits for the RTOS's answer, 1-60000 ms");

static int group = -1;
module_param(group, int, 0444);
MODULE_PARM_DESC(group, "gid that may use pin_state and rtt besides root (-1: root only)");

/* A request's wait is bounded: a caller whose server hangs gets an answer. */
static unsigned int erika_xen_timeout_ms(void)
{
	return clamp_val(READ_ONCE(timeout_ms), 1U, 60000U);
}

static struct erika_xen erika_xen;
static struct ctl_table_header *erika_xen_sysctl;

/*
 * May the caller drive the pins? Root, or a member of `group`. sysctl files
 * belong to root:root and cannot be given to another group, so with a group
 * the files are 0666 and this check is the one that counts; like the mode
 * check of sysctl itself (proc_sys_call_handler), it runs at every read and
 * write with the caller's effective ids.
 */
static bool erika_xen_may_drive(void)
{
	if (uid_eq(current_euid(), GLOBAL_ROOT_UID))
		return true;
	return group >= 0 && in_egroup_p(make_kgid(&init_user_ns, group));
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
	struct erika_xen *ex = &erika_xen;
	const char *s = buffer;
	size_t len = *lenp;
	char text[3];
	u8 level;
	int err;

	if (!erika_xen_may_drive())
		return -EACCES;
	if (write) {
		if (len == 2 && s[1] == '\n')
			len = 1;
		if (len != 1 || (s[0] != '0' && s[0] != '1'))
			return -EINVAL;
		err = erika_xen_ring_request(ex, PIN_OP_SET, s[0] - '0', erika_xen_timeout_ms(),
					     &level);
		if (err)
			return err;
		*ppos += *lenp;
		return 0;
	}
	if (*ppos > 0) {
		*lenp = 0;
		return 0;
	}
	err = erika_xen_ring_request(ex, PIN_OP_GET, 0, erika_xen_timeout_ms(), &level);
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
	char text[512];

	if (write)
		return -EPERM;
	snprintf(text, sizeof(text),
		 "connected %d\ndomid %d\npins %u\nwaiting %u\nrequests %lu\ntimeouts %lu\n"
		 "interrupted %lu\naborted %lu\ndropped %lu\nbad_status %lu\nbad_id %lu\n"
		 "bad_index %lu\nrefused %lu\nconnects %lu\ndisconnects %lu\n",
		 connected, connected ? READ_ONCE(ex->domid) : -1,
		 connected ? READ_ONCE(ex->pins) : 0, READ_ONCE(ex->nr_waiting),
		 READ_ONCE(st->requests), READ_ONCE(st->timeouts), READ_ONCE(st->interrupted),
		 READ_ONCE(st->aborted), READ_ONCE(st->dropped), READ_ONCE(st->bad_status),
		 READ_ONCE(st->bad_id), READ_ONCE(st->bad_index), READ_ONCE(st->refused),
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

	if (!erika_xen_may_drive())
		return -EACCES;
	if (write) {
		erika_xen_rtt_reset(ex);
		*ppos += *lenp;
		return 0;
	}
	err = erika_xen_rtt_text(ex, text, sizeof(text));
	if (err)
		return err;
	erika_xen_read_text(text, buffer, lenp, ppos);
	return 0;
}

enum { FILE_PIN_STATE, FILE_STATS, FILE_RTT, FILE_COUNT };

static struct ctl_table erika_xen_table[FILE_COUNT + 1] = {
	[FILE_PIN_STATE] = {
		.procname = "pin_state",
		.mode = 0600, /* 0666 with a group: see erika_xen_may_drive() */
		.proc_handler = pin_state_handler,
	},
	[FILE_STATS] = {
		.procname = "stats",
		.mode = 0444,
		.proc_handler = stats_handler,
	},
	[FILE_RTT] = {
		.procname = "rtt",
		.mode = 0600,
		.proc_handler = rtt_handler,
	},
	[FILE_COUNT] = {} /* 6.1 still needs the sentinel */
};

static int __init erika_xen_init(void)
{
	struct erika_xen *ex = &erika_xen;
	int err;

	if (!xen_domain())
		return -ENODEV;
	if (!domain_name || !*domain_name || strlen(domain_name) > 64) {
		pr_err("domain_name must have 1 to 64 characters\n");
		return -EINVAL;
	}
	if (group < -1 || (group >= 0 && !gid_valid(make_kgid(&init_user_ns, group)))) {
		pr_err("group must be a gid, or -1 for root only\n");
		return -EINVAL;
	}
	if (group >= 0) {
		erika_xen_table[FILE_PIN_STATE].mode = 0666;
		erika_xen_table[FILE_RTT].mode = 0666;
	}
	erika_xen_state_init(ex);

	/* The files first: until a server is found they answer -ENODEV. */
	erika_xen_sysctl = register_sysctl("erika-xen", erika_xen_table);
	if (!erika_xen_sysctl)
		return -ENOMEM;
	err = erika_xen_discovery_start(ex, domain_name);
	if (err) {
		unregister_sysctl_table(erika_xen_sysctl);
		return err;
	}
	pr_info("looking for domain \"%s\"\n", domain_name);
	return 0;
}

static void __exit erika_xen_exit(void)
{
	/*
	 * The waits in progress end now with -ENODEV; unregistering the files
	 * waits for their handlers, which therefore return at once.
	 */
	erika_xen_ring_unload(&erika_xen);
	unregister_sysctl_table(erika_xen_sysctl);
	erika_xen_discovery_stop(&erika_xen);
}

module_init(erika_xen_init);
module_exit(erika_xen_exit);

MODULE_DESCRIPTION("dom0 client of the ERIKA Enterprise pin server (Xen grant + event channel)");
MODULE_LICENSE("GPL"); /* the Xen interfaces are GPL-only exports */
