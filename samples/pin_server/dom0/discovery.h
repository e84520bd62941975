/* SPDX-License-Identifier: GPL-2.0 */
/* erika-xen: finding the server in XenStore and following it (discovery.c). */
#ifndef ERIKA_XEN_DISCOVERY_H
#define ERIKA_XEN_DISCOVERY_H

#include "state.h"

int erika_xen_discovery_start(struct erika_xen *ex, const char *domain_name);
void erika_xen_discovery_stop(struct erika_xen *ex);

#endif /* ERIKA_XEN_DISCOVERY_H */
