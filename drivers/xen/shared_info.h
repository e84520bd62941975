/*
 * Internal to drivers/xen: mapping the shared info page.
 */
#ifndef XEN_SHARED_INFO_H
#define XEN_SHARED_INFO_H

/*
 * Ask Xen to put the shared info page over a page of our RAM
 * (XENMEM_add_to_physmap, XENMAPSPACE_shared_info). Boot or task context.
 * Returns 0 (also when already mapped) or Xen's error.
 */
int xen_shared_info_map(void);

#endif /* XEN_SHARED_INFO_H */
