/*
 * Linked resources (OSEK 2.2.3 13.4 and OIL 2.5 RESOURCEPROPERTY = LINKED):
 * ResLink links to Res1 and ResLink2 to ResLink. Each is a resource of its
 * own for GetResource/ReleaseResource (its own nesting, its own LIFO place)
 * and has the ceiling of the whole chain: Res1's users are TaskL and TaskM,
 * ResLink's and ResLink2's TaskL only, so any of them keeps TaskM out.
 */

#include "suite.h"

static void step_m(void)
{
	kt_step(50);
}

static void l_nests_res1_and_link(void)
{
	KT_EQ(GetResource(Res1), E_OK);
	KT_EQ(GetResource(ResLink), E_OK); /* Res1 again, under another name */
	KT_EQ(ActivateTask(TaskM), E_OK);  /* at the ceiling: waits */
	kt_step(1);
	KT_EQ(ReleaseResource(ResLink), E_OK); /* Res1 still held: TaskM still waits */
	kt_step(2);
	KT_EQ(ReleaseResource(Res1), E_OK); /* TaskM runs here */
	kt_step(3);
}

/* A linked resource nests inside the resource it links to; the last release lets TaskM in. */
static void test_linked_nesting(void)
{
	kt_reset();
	kt_on(TaskL, l_nests_res1_and_link);
	kt_on(TaskM, step_m);
	TEST_CHECK_EQ(ActivateTask(TaskL), E_OK);
	KT_EXPECT(1, 2, 50, 3);
}

static void l_takes(ResourceType r)
{
	KT_EQ(GetResource(r), E_OK);
	KT_EQ(ActivateTask(TaskM), E_OK); /* the chain's ceiling covers TaskM */
	kt_step(1);
	KT_EQ(ReleaseResource(r), E_OK);
	kt_step(2);
}

static void l_takes_link(void)
{
	l_takes(ResLink);
}

static void l_takes_link2(void)
{
	l_takes(ResLink2);
}

/* Alone, a linked resource (and one further down the chain) has Res1's ceiling. */
static void test_linked_ceiling(void)
{
	kt_reset();
	kt_on(TaskL, l_takes_link);
	kt_on(TaskM, step_m);
	TEST_CHECK_EQ(ActivateTask(TaskL), E_OK);
	KT_EXPECT(1, 50, 2);
	kt_reset();
	kt_on(TaskL, l_takes_link2);
	kt_on(TaskM, step_m);
	TEST_CHECK_EQ(ActivateTask(TaskL), E_OK);
	KT_EXPECT(1, 50, 2);
}

#ifdef CONFIG_OS_STATUS_EXTENDED
static StatusType twice_rc, order_rc;

static void l_checks_identity(void)
{
	KT_EQ(GetResource(Res1), E_OK);
	twice_rc = GetResource(Res1); /* the same name twice: E_OS_ACCESS */
	KT_EQ(GetResource(ResLink), E_OK);
	KT_EQ(GetResource(ResLink2), E_OK);
	order_rc = ReleaseResource(ResLink); /* not the last one taken */
	KT_EQ(ReleaseResource(ResLink2), E_OK);
	KT_EQ(ReleaseResource(ResLink), E_OK);
	KT_EQ(ReleaseResource(Res1), E_OK);
}

/* Extended status: each name is a resource of its own in the owner's LIFO order (13.4.3). */
static void test_linked_own_nesting(void)
{
	kt_reset();
	kt_on(TaskL, l_checks_identity);
	TEST_CHECK_EQ(ActivateTask(TaskL), E_OK);
	TEST_CHECK_EQ(twice_rc, E_OS_ACCESS);
	TEST_CHECK_EQ(order_rc, E_OS_NOFUNC);
	TEST_CHECK_EQ(kt_last_error.count, 2);
}
#endif

void suite_linked(void)
{
	RUN_TEST(test_linked_nesting);
	RUN_TEST(test_linked_ceiling);
#ifdef CONFIG_OS_STATUS_EXTENDED
	RUN_TEST(test_linked_own_nesting);
#endif
}
