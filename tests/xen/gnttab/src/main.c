/*
 * The grant table on real Xen: grants to dom0 and to ourselves get
 * references from 8 up (0-7 are the toolstack's), ending a grant nobody
 * mapped succeeds and frees the reference for reuse, every reference can be
 * used and the table then reports -ENOSPC, and a grant we map ourselves
 * (GNTTABOP_map_grant_ref on our own domain) shows the page's contents,
 * cannot be ended (-EBUSY) until it is unmapped.
 */

#include <stdint.h>

#include <erika/boot.h>
#include <erika/devicetree.h>
#include <erika/errno.h>
#include <erika/string.h>
#include <erika/xen/domain.h>
#include <erika/xen/gnttab.h>
#include <erika/xen/hypercall.h>

#include <erika_test.h>

#define PAGE_SIZE 4096u
#define NR_REFS	  (CONFIG_XEN_GNTTAB_FRAMES * (PAGE_SIZE / 8u))
#define FIRST_REF 8u
/* Where we map our own grant: in the grant window, past the table frames. */
#define MAP_ADDRESS (DT_REG_ADDR(DT_INST(0, xen_xen)) + 0x100000u)

static uint8_t page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static grant_ref_t refs[NR_REFS];

static void test_init(void)
{
	/* The driver's SYS_INIT mapped the frames and built the free list before main(). */
	TEST_CHECK_EQ(gnttab_free_count(), NR_REFS - FIRST_REF);
}

static void test_grant_and_end_to_dom0(void)
{
	int ref = gnttab_grant_page(0, page, 1);

	TEST_CHECK(ref >= (int)FIRST_REF, "grant returned %d", ref);
	TEST_CHECK_EQ(gnttab_free_count(), NR_REFS - FIRST_REF - 1);
	TEST_CHECK_EQ(gnttab_in_use((grant_ref_t)ref), 0);
	/* Nobody mapped it: ending succeeds (0, not an inverted "true"). */
	TEST_CHECK_EQ(gnttab_end_access((grant_ref_t)ref), 0);
	TEST_CHECK_EQ(gnttab_free_count(), NR_REFS - FIRST_REF);
	/* Ending it again, or a reserved or unknown reference, is refused. */
	TEST_CHECK_EQ(gnttab_end_access((grant_ref_t)ref), -EINVAL);
	TEST_CHECK_EQ(gnttab_end_access(1), -EINVAL);
	TEST_CHECK_EQ(gnttab_end_access(NR_REFS), -EINVAL);
	TEST_CHECK_EQ(gnttab_grant_page(0, page + 1, 0), -EINVAL);
}

static void test_ref_reuse(void)
{
	int a = gnttab_grant_page(DOMID_SELF, page, 0), b;

	TEST_CHECK(a >= (int)FIRST_REF, "grant returned %d", a);
	TEST_CHECK_EQ(gnttab_end_access((grant_ref_t)a), 0);
	b = gnttab_grant_page(0, page, 0);
	TEST_CHECK_EQ(b, a);
	TEST_CHECK_EQ(gnttab_end_access((grant_ref_t)b), 0);
}

static void test_all_refs_then_enospc(void)
{
	unsigned int n = NR_REFS - FIRST_REF;

	for (unsigned int i = 0; i < n; i++) {
		int ref = gnttab_grant_page(0, page, 1);

		TEST_CHECK(ref >= (int)FIRST_REF && ref < (int)NR_REFS, "grant %u returned %d", i,
			   ref);
		refs[i] = (grant_ref_t)ref;
	}
	TEST_CHECK_EQ(gnttab_grant_page(0, page, 1), -ENOSPC);
	TEST_CHECK_EQ(gnttab_free_count(), 0);
	for (unsigned int i = 0; i < n; i++)
		TEST_CHECK_EQ(gnttab_end_access(refs[i]), 0);
	TEST_CHECK_EQ(gnttab_free_count(), n);
}

static int map_own_grant(domid_t self, grant_ref_t ref, grant_handle_t *handle)
{
	struct gnttab_map_grant_ref map = {
		.host_addr = MAP_ADDRESS,
		.flags = GNTMAP_host_map,
		.ref = ref,
		.dom = self,
	};
	int rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &map, 1);

	if (rc < 0)
		return rc;
	*handle = map.handle;
	return map.status;
}

static int unmap_own_grant(grant_handle_t handle)
{
	struct gnttab_unmap_grant_ref unmap = {
		.host_addr = MAP_ADDRESS,
		.handle = handle,
	};
	int rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &unmap, 1);

	return rc < 0 ? rc : unmap.status;
}

static void test_mapped_grant_is_busy(void)
{
	volatile uint8_t *mapped = (volatile uint8_t *)MAP_ADDRESS;
	int self = xen_domain_id();
	grant_handle_t handle = 0;
	int ref, st;

	TEST_CHECK(self >= 0, "domain id: %d", self);
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		page[i] = (uint8_t)(i * 7u);
	ref = gnttab_grant_page((domid_t)self, page, 0);
	TEST_CHECK(ref >= (int)FIRST_REF, "grant returned %d", ref);
	st = map_own_grant((domid_t)self, (grant_ref_t)ref, &handle);
	TEST_CHECK_EQ(st, GNTST_okay);
	TEST_CHECK_EQ(gnttab_in_use((grant_ref_t)ref), 1);

	/* The mapping is our page: same bytes, writes through it land there. */
	TEST_CHECK_EQ(mapped[123], (uint8_t)(123u * 7u));
	TEST_CHECK_EQ(mapped[4095], (uint8_t)(4095u * 7u));
	mapped[10] = 0x5a;
	TEST_CHECK_EQ(page[10], 0x5a);

	TEST_CHECK_EQ(gnttab_end_access((grant_ref_t)ref), -EBUSY);
	TEST_CHECK_EQ(unmap_own_grant(handle), GNTST_okay);
	TEST_CHECK_EQ(gnttab_in_use((grant_ref_t)ref), 0);
	TEST_CHECK_EQ(gnttab_end_access((grant_ref_t)ref), 0);
	/* Ended: mapping it again is refused by Xen. */
	TEST_CHECK(map_own_grant((domid_t)self, (grant_ref_t)ref, &handle) != GNTST_okay,
		   "ended grant %d could still be mapped", ref);
}

int main(void)
{
	RUN_TEST(test_init);
	RUN_TEST(test_grant_and_end_to_dom0);
	RUN_TEST(test_ref_reuse);
	RUN_TEST(test_all_refs_then_enospc);
	RUN_TEST(test_mapped_grant_is_busy);
	return test_summary();
}
