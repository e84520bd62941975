/*
 * Extended-status errors of GetResource and ReleaseResource.
 */

#include "errors.h"

#ifdef CONFIG_OS_STATUS_EXTENDED

static void test_GetResource_E_OS_ID(void)
{
	kt_reset();
	err_rc = GetResource(BAD_RES);
	CHECK_HOOK(E_OS_ID, OSServiceId_GetResource, BAD_RES);
}

/* Taken already (by the caller itself). */
static void test_GetResource_E_OS_ACCESS_taken(void)
{
	TEST_CHECK_EQ(GetResource(Res1), E_OK);
	kt_reset();
	err_rc = GetResource(Res1);
	TEST_CHECK_EQ(ReleaseResource(Res1), E_OK);
	CHECK_HOOK(E_OS_ACCESS, OSServiceId_GetResource, Res1);
}

static void h_gets_res1(void)
{
	err_rc = GetResource(Res1); /* ceiling TaskM < TaskH */
}

/* The caller's priority is above the ceiling. */
static void test_GetResource_E_OS_ACCESS_ceiling(void)
{
	kt_reset();
	err_in_task(TaskH, h_gets_res1);
	CHECK_HOOK(E_OS_ACCESS, OSServiceId_GetResource, Res1);
}

static void test_ReleaseResource_E_OS_ID(void)
{
	kt_reset();
	err_rc = ReleaseResource(BAD_RES);
	CHECK_HOOK(E_OS_ID, OSServiceId_ReleaseResource, BAD_RES);
}

/* Not taken. */
static void test_ReleaseResource_E_OS_NOFUNC_free(void)
{
	kt_reset();
	err_rc = ReleaseResource(Res1);
	CHECK_HOOK(E_OS_NOFUNC, OSServiceId_ReleaseResource, Res1);
}

static void m_releases_out_of_order(void)
{
	(void)GetResource(Res1);
	(void)GetResource(Res2);
	err_rc = ReleaseResource(Res1); /* Res2 first: LIFO */
	(void)ReleaseResource(Res2);
	(void)ReleaseResource(Res1);
}

static void test_ReleaseResource_E_OS_NOFUNC_order(void)
{
	kt_reset();
	err_in_task(TaskM, m_releases_out_of_order);
	CHECK_HOOK(E_OS_NOFUNC, OSServiceId_ReleaseResource, Res1);
}

static void h_releases_res1(void)
{
	err_rc = ReleaseResource(Res1);
}

static void test_ReleaseResource_E_OS_ACCESS(void)
{
	kt_reset();
	err_in_task(TaskH, h_releases_res1);
	CHECK_HOOK(E_OS_ACCESS, OSServiceId_ReleaseResource, Res1);
}

void suite_errors_resources(void)
{
	RUN_TEST(test_GetResource_E_OS_ID);
	RUN_TEST(test_GetResource_E_OS_ACCESS_taken);
	RUN_TEST(test_GetResource_E_OS_ACCESS_ceiling);
	RUN_TEST(test_ReleaseResource_E_OS_ID);
	RUN_TEST(test_ReleaseResource_E_OS_NOFUNC_free);
	RUN_TEST(test_ReleaseResource_E_OS_NOFUNC_order);
	RUN_TEST(test_ReleaseResource_E_OS_ACCESS);
}

#endif /* CONFIG_OS_STATUS_EXTENDED */
