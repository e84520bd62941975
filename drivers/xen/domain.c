/*
 * The domain's identity and life cycle: id, Xen version, HVM parameters,
 * shutdown, and the platform's power-off and crash (include/erika/platform.h)
 * as the domain's shutdown.
 */

#include <erika/arch/cpu.h>
#include <erika/errno.h>
#include <erika/platform.h>
#include <erika/printk.h>
#include <erika/xen/domain.h>
#include <erika/xen/hypercall.h>

int xen_domain_id(void)
{
	struct evtchn_alloc_unbound alloc = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
	struct evtchn_status status = { .dom = DOMID_SELF };
	struct evtchn_close close = { 0 };
	int rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &alloc);

	if (rc < 0)
		return rc;
	status.port = alloc.port;
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_status, &status);
	close.port = alloc.port;
	(void)HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
	if (rc < 0)
		return rc;
	return status.status == EVTCHNSTAT_unbound ? status.u.unbound.dom : -EPROTO;
}

uint32_t xen_version(void)
{
	return (uint32_t)HYPERVISOR_xen_version(XENVER_version, 0);
}

int xen_extra_version(char buf[16])
{
	xen_extraversion_t extra = { 0 };
	int rc = HYPERVISOR_xen_version(XENVER_extraversion, extra);

	if (rc < 0)
		return rc;
	for (unsigned int i = 0; i < sizeof(extra); i++)
		buf[i] = extra[i];
	buf[sizeof(extra) - 1] = '\0';
	return 0;
}

int xen_hvm_get_param(uint32_t index, uint64_t *value)
{
	struct xen_hvm_param param = { .domid = DOMID_SELF, .index = index };
	int rc = HYPERVISOR_hvm_op(HVMOP_get_param, &param);

	if (rc == 0)
		*value = param.value;
	return rc;
}

void xen_domain_shutdown(unsigned int reason)
{
	struct sched_shutdown shutdown = { .reason = reason };
	const char *name = reason == SHUTDOWN_poweroff ? "poweroff"
			   : reason == SHUTDOWN_reboot ? "reboot"
			   : reason == SHUTDOWN_crash  ? "crash"
						       : "other";

	/*
	 * Say it first: a dom0less Xen reports nothing when a domain ends, so
	 * this line is how a person or the test runner learns that it did.
	 */
	printk("*** ERIKA: domain shutdown: %s\n", name);
	(void)HYPERVISOR_sched_op(SCHEDOP_shutdown, &shutdown);
	/* Xen does not return from a successful shutdown; if it did, stay put. */
	for (;;)
		arch_wait_for_interrupt();
}

void platform_power_off(void)
{
	xen_domain_shutdown(SHUTDOWN_poweroff);
}

void platform_crash(void)
{
	xen_domain_shutdown(SHUTDOWN_crash);
}
