/*
 * The pin server's side of the connection (doc/protocol.md): one page granted
 * to the client, an event channel allocated for it, the keys under our own
 * XenStore home. Nothing is written outside data/pin-server/.
 */

#include <erika/arch/mmu.h>
#include <erika/printk.h>
#include <erika/xen/events.h>
#include <erika/xen/gnttab.h>
#include <erika/xen/xenstore.h>

#include <xen/io/xenbus.h>

#include "pin_app.h"

#define DIR "data/pin-server/"

/*
 * The ring page: a whole page of its own, since the grant gives dom0 the whole
 * page (struct pin_sring declares only one slot; the ring fills the page).
 */
static union {
	struct pin_sring sring;
	uint8_t bytes[PAGE_SIZE]; /* cppcheck-suppress unusedStructMember ; sizes the page */
} ring_page __attribute__((aligned(PAGE_SIZE)));

static int write_uint(const char *key, unsigned int value)
{
	char path[64];
	char text[12];

	(void)snprintk(path, sizeof(path), DIR "%s", key);
	(void)snprintk(text, sizeof(text), "%u", value);
	return xs_write(XS_TX_NONE, path, text);
}

static int publish(const struct pin_transport *t)
{
	int rc = write_uint("state", XenbusStateInitialising);

	rc = rc ? rc : write_uint("protocol-version", PIN_SERVER_PROTOCOL_VERSION);
	rc = rc ? rc : write_uint("ring-ref", t->ref);
	rc = rc ? rc : write_uint("event-channel", t->port);
	rc = rc ? rc : write_uint("pins", pin_gpio_backend.pins);
	/* Last: a client that sees Connected sees every other key. */
	return rc ? rc : write_uint("state", XenbusStateConnected);
}

int pin_transport_open(struct pin_transport *t, domid_t client,
		       void (*on_event)(evtchn_port_t port, void *arg))
{
	int rc;

	t->client = client;
	SHARED_RING_INIT(&ring_page.sring);
	BACK_RING_INIT(&t->ring, &ring_page.sring, PAGE_SIZE);
	rc = gnttab_grant_page(client, &ring_page, 0);
	if (rc < 0)
		return rc;
	t->ref = (grant_ref_t)rc;
	rc = evtchn_alloc_unbound(client, &t->port);
	rc = rc ? rc : evtchn_bind(t->port, on_event, t);
	rc = rc ? rc : xs_status();
	rc = rc ? rc : publish(t);
	if (rc == 0)
		printk("pin-server: ring-ref %u, event-channel %u, for domain %u\n",
		       (unsigned int)t->ref, (unsigned int)t->port, (unsigned int)client);
	return rc;
}

void pin_transport_notify(const struct pin_transport *t)
{
	(void)evtchn_notify(t->port);
}
