/*
 * Facts about and control of the domain the RTOS runs in.
 */
#ifndef ERIKA_XEN_DOMAIN_H
#define ERIKA_XEN_DOMAIN_H

#include <stdint.h>

/*
 * The domain's own id. Xen has no "who am I" call; an unbound event channel
 * allocated for DOMID_SELF records the caller's real id, which
 * EVTCHNOP_status reports. Task context. Returns the id or a negative errno.
 */
int xen_domain_id(void);

/* Xen's version as major << 16 | minor (XENVER_version). Any context. */
uint32_t xen_version(void);

/* Xen's extra version string (e.g. ".11"), NUL-terminated into buf[16]. */
int xen_extra_version(char buf[16]);

/* Read an HVM parameter (HVM_PARAM_*) of this domain. Returns 0 or -errno. */
int xen_hvm_get_param(uint32_t index, uint64_t *value);

/* Shut the domain down: SHUTDOWN_poweroff, _reboot or _crash. Never returns. */
void xen_domain_shutdown(unsigned int reason) __attribute__((noreturn));

#endif /* ERIKA_XEN_DOMAIN_H */
