/*
 * What the pin server's parts share.
 */
#ifndef PIN_APP_H
#define PIN_APP_H

#include <erika/xen/xen.h>

#include "pin_protocol.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The devicetree's allowed pins as a request backend. */
extern const struct pin_backend pin_gpio_backend;

/* Configure the allowed pins as outputs, low. Task context. */
int pin_gpio_init(void);

/* The shared ring, its grant and event channel, and the XenStore keys. */
struct pin_transport {
	domid_t client;
	grant_ref_t ref;
	evtchn_port_t port;
	struct pin_back_ring ring;
};

/*
 * Grant the ring page to the client domain, allocate its event channel, bind
 * on_event to it and publish everything under data/pin-server/, state last.
 * Task context (XenStore calls wait). Returns 0 or a negative errno.
 */
int pin_transport_open(struct pin_transport *t, domid_t client,
		       void (*on_event)(evtchn_port_t port, void *arg));

/* Notify the client. Any context. */
void pin_transport_notify(const struct pin_transport *t);

/* Heartbeat: configure its pin and learn its period. Before StartOS. */
void heartbeat_init(void);

/* Toggle the pin and measure this activation. Heartbeat task. */
void heartbeat_tick(void);

struct heartbeat_report {
	unsigned int worst_us; /* worst distance from the period grid since the last report */
	unsigned int beats;    /* activations so far */
	unsigned int missed;   /* activations the grid called for that never ran */
};

/* Fill report and start a new measurement window. Task context. */
void heartbeat_take_report(struct heartbeat_report *report);

#endif /* PIN_APP_H */
