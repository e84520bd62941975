/*
 * Xen's public headers (from Debian's libxen-dev, found through the build's
 * include path), in the order they need: stdint first, since they do not
 * include it themselves. Include this, not <xen/...> directly.
 */
#ifndef ERIKA_XEN_XEN_H
#define ERIKA_XEN_XEN_H

#include <stdint.h>

#include <xen/xen.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/version.h>
#include <xen/event_channel.h>
#include <xen/memory.h>
#include <xen/grant_table.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>

#endif /* ERIKA_XEN_XEN_H */
