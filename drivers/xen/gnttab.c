/*
 * Grant table v1. Xen puts the table frames where the guest asks; on ARM the
 * devicetree's xen,xen node reserves a window for them (GUEST_GNTTAB_BASE).
 * Free references form a singly linked list through next_free[]; an entry in
 * use is marked REF_IN_USE there, so a double end_access is refused.
 */

#include <stdint.h>

#include <erika/arch/cpu.h>
#include <erika/arch/mmu.h>
#include <erika/devicetree.h>
#include <erika/errno.h>
#include <erika/init.h>
#include <erika/xen/gnttab.h>
#include <erika/xen/hypercall.h>

#include "xen_atomic.h"

#define XEN_NODE       DT_INST(0, xen_xen)
#define WINDOW_BASE    DT_REG_ADDR(XEN_NODE)
#define NR_FRAMES      CONFIG_XEN_GNTTAB_FRAMES
#define NR_ENTRIES     (NR_FRAMES * (PAGE_SIZE / sizeof(grant_entry_v1_t)))
#define FIRST_FREE_REF GNTTAB_NR_RESERVED_ENTRIES
#define REF_END	       0xffffffffu /* end of the free list */
#define REF_IN_USE     0xfffffffeu

_Static_assert(NR_FRAMES *PAGE_SIZE <= DT_REG_SIZE(XEN_NODE),
	       "XEN_GNTTAB_FRAMES must fit the devicetree's xen,xen grant window");
_Static_assert(NR_ENTRIES > FIRST_FREE_REF, "room for references after the reserved ones");

static grant_entry_v1_t *table;
static grant_ref_t next_free[NR_ENTRIES];
static grant_ref_t free_head = REF_END;
static unsigned int free_count;

static int map_frames(void)
{
	struct gnttab_query_size query = { .dom = DOMID_SELF };
	int rc = HYPERVISOR_grant_table_op(GNTTABOP_query_size, &query, 1);

	if (rc < 0)
		return rc;
	if (query.status != GNTST_okay)
		return -EINVAL;
	if (query.max_nr_frames < NR_FRAMES)
		return -ENOSPC;
	rc = arch_mmu_map(WINDOW_BASE, NR_FRAMES * PAGE_SIZE, MMU_NORMAL_NOEXEC);
	if (rc < 0)
		return rc;
	for (unsigned int i = 0; i < NR_FRAMES; i++) {
		struct xen_add_to_physmap xatp = {
			.domid = DOMID_SELF,
			.space = XENMAPSPACE_grant_table,
			.idx = i,
			.gpfn = (xen_pfn_t)((WINDOW_BASE >> PAGE_SHIFT) + i),
		};

		rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &xatp);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The table frames in the grant window and every free reference listed. */
static int gnttab_init(void)
{
	int rc = map_frames();

	if (rc < 0)
		return rc;
	/* Hand out low references first: push from the top down. */
	for (grant_ref_t ref = NR_ENTRIES; ref-- > FIRST_FREE_REF;) {
		next_free[ref] = free_head;
		free_head = ref;
		free_count++;
	}
	table = (grant_entry_v1_t *)(uintptr_t)WINDOW_BASE;
	return 0;
}
SYS_INIT(gnttab_init, PLATFORM, 40);

static int ref_alloc(void)
{
	uint32_t cpsr = arch_irq_save();
	grant_ref_t ref = free_head;

	if (ref != REF_END) {
		free_head = next_free[ref];
		next_free[ref] = REF_IN_USE;
		free_count--;
	}
	arch_irq_restore(cpsr);
	return ref == REF_END ? -ENOSPC : (int)ref;
}

static void ref_free(grant_ref_t ref)
{
	uint32_t cpsr = arch_irq_save();

	next_free[ref] = free_head;
	free_head = ref;
	free_count++;
	arch_irq_restore(cpsr);
}

int gnttab_grant_access(domid_t domid, uint32_t gfn, int readonly)
{
	int ref = ref_alloc();

	if (ref < 0)
		return ref;
	table[ref].frame = gfn;
	table[ref].domid = domid;
	/* Xen must never see the flags valid with a stale frame or domid. */
	wmb();
	*(volatile uint16_t *)&table[ref].flags =
		(uint16_t)(GTF_permit_access | (readonly ? GTF_readonly : 0));
	return ref;
}

int gnttab_grant_page(domid_t domid, const void *page, int readonly)
{
	uintptr_t addr = (uintptr_t)page;

	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	return gnttab_grant_access(domid, (uint32_t)(addr >> PAGE_SHIFT), readonly);
}

static int granted(grant_ref_t ref)
{
	return table != 0 && ref >= FIRST_FREE_REF && ref < NR_ENTRIES &&
	       next_free[ref] == REF_IN_USE;
}

int gnttab_end_access(grant_ref_t ref)
{
	volatile uint16_t *flags;
	uint16_t seen;

	if (!granted(ref))
		return -EINVAL;
	flags = (volatile uint16_t *)&table[ref].flags;
	seen = *flags;
	/* Xen sets GTF_reading/writing with its own atomics when it maps the page. */
	do {
		if (seen & (GTF_reading | GTF_writing))
			return -EBUSY;
	} while (!xen_cmpxchg16(flags, &seen, 0));
	ref_free(ref);
	return 0;
}

int gnttab_in_use(grant_ref_t ref)
{
	if (!granted(ref))
		return -EINVAL;
	return (*(volatile uint16_t *)&table[ref].flags & (GTF_reading | GTF_writing)) != 0;
}

unsigned int gnttab_free_count(void)
{
	return free_count;
}
