/*
 * Event channel operations: one hypercall each, errors passed through.
 */

#include <erika/xen/events.h>
#include <erika/xen/hypercall.h>

int evtchn_notify(evtchn_port_t port)
{
	struct evtchn_send op = { .port = port };

	return HYPERVISOR_event_channel_op(EVTCHNOP_send, &op);
}

int evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound op = { .dom = DOMID_SELF, .remote_dom = remote };
	int rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &op);

	if (rc == 0)
		*port = op.port;
	return rc;
}

int evtchn_bind_interdomain(domid_t remote, evtchn_port_t remote_port, evtchn_port_t *port)
{
	struct evtchn_bind_interdomain op = { .remote_dom = remote, .remote_port = remote_port };
	int rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &op);

	if (rc == 0)
		*port = op.local_port;
	return rc;
}

int evtchn_close(evtchn_port_t port)
{
	struct evtchn_close op = { .port = port };

	/* No handler may run for a port Xen will hand out again. */
	(void)evtchn_unbind(port);
	return HYPERVISOR_event_channel_op(EVTCHNOP_close, &op);
}
