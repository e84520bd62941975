/*
 * The shared info page: event pending/mask words and vCPU 0's upcall state.
 * An ARM guest chooses where it appears: Xen maps it over a guest frame we
 * name. That frame is a page-aligned page of our own RAM, so the MMU already
 * maps it Normal write-back shareable, as Xen requires of shared pages.
 */

#include <stdint.h>

#include <erika/arch/cpu.h>
#include <erika/arch/mmu.h>
#include <erika/xen/events.h>
#include <erika/xen/hypercall.h>

#include "shared_info.h"

/* Nothing else may share this page: Xen replaces the whole frame. */
static uint8_t shared_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static struct shared_info *shared;

_Static_assert(sizeof(struct shared_info) <= PAGE_SIZE, "shared_info fits a page");

/*
 * Write back and drop every cache line of the page: a dirty line of the old
 * RAM frame written back later would land on Xen's page instead.
 */
static void clean_invalidate_page(const void *page)
{
	uint32_t ctr = CP15_READ(0, c0, c0, 1);
	uint32_t line = 4u << ((ctr >> 16) & 0xfu); /* CTR.DminLine: log2 of words */
	uintptr_t p = (uintptr_t)page;

	dsb();
	for (uintptr_t a = p; a < p + PAGE_SIZE; a += line)
		CP15_WRITE(0, c7, c14, 1, a); /* DCCIMVAC */
	dsb();
}

int xen_shared_info_map(void)
{
	struct xen_add_to_physmap xatp = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = (xen_pfn_t)((uintptr_t)shared_page >> PAGE_SHIFT),
	};
	int rc;

	if (shared != 0)
		return 0;
	clean_invalidate_page(shared_page);
	rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &xatp);
	if (rc < 0)
		return rc;
	shared = (struct shared_info *)shared_page;
	return 0;
}

struct shared_info *xen_shared_info(void)
{
	return shared;
}
