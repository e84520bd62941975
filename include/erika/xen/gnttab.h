/*
 * Grant table, version 1 entries (drivers/xen/gnttab.c): give another domain
 * access to a page of ours by a grant reference, and take it back. References
 * 0-7 are reserved by Xen convention for the toolstack (console, XenStore)
 * and are never handed out.
 */
#ifndef ERIKA_XEN_GNTTAB_H
#define ERIKA_XEN_GNTTAB_H

#include <stdint.h>

#include <erika/xen/xen.h>

/*
 * The driver maps CONFIG_XEN_GNTTAB_FRAMES grant table frames into the
 * devicetree's xen,xen grant window (XENMEM_add_to_physmap,
 * XENMAPSPACE_grant_table) and builds the free list at boot (SYS_INIT,
 * PLATFORM level); Xen allowing fewer frames (-ENOSPC) or refusing the
 * mapping stops the boot.
 */

/*
 * Let domid map or copy guest frame gfn, read-only or read-write. The entry's
 * frame and domid are written before the flags that make it valid. Task
 * context (IRQ-safe). Returns the reference (>= 8) or -ENOSPC when every
 * reference is in use.
 */
int gnttab_grant_access(domid_t domid, uint32_t gfn, int readonly);

/* As gnttab_grant_access() for the page-aligned page at addr (else -EINVAL). */
int gnttab_grant_page(domid_t domid, const void *page, int readonly);

/*
 * Revoke a grant and put the reference back on the free list. Fails with
 * -EBUSY, leaving the grant in place, while the other domain has the page
 * mapped (Xen's GTF_reading/GTF_writing): the flags are cleared with a
 * compare-and-swap, so a mapping Xen makes concurrently is never lost.
 * Task context (IRQ-safe). Returns 0, -EBUSY or -EINVAL (ref not granted).
 */
int gnttab_end_access(grant_ref_t ref);

/* Whether the other domain currently has ref mapped (1), not (0), or -EINVAL. */
int gnttab_in_use(grant_ref_t ref);

/* References free for gnttab_grant_access(). Any context. */
unsigned int gnttab_free_count(void);

#endif /* ERIKA_XEN_GNTTAB_H */
