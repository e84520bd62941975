/*
 * Build-time checks that the numbers the boot assembly spells out (because it
 * cannot include <xen/sched.h>) are Xen's.
 */

#include <erika/arch/arm_regs.h>
#include <erika/xen/xen.h>

_Static_assert(XEN_SCHEDOP_SHUTDOWN == SCHEDOP_shutdown, "SCHEDOP_shutdown changed");
_Static_assert(XEN_SHUTDOWN_CRASH == SHUTDOWN_crash, "SHUTDOWN_crash changed");
_Static_assert(sizeof(xen_ulong_t) == 8, "ARM event words are 64 bits (see DESIGN.md)");
