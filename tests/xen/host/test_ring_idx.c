/*
 * Free-running ring index arithmetic of the PV console (input ring 1024
 * bytes, output ring 2048 bytes; xen/io/console.h): used/free space, sanity
 * of indices written by the backend, copies that wrap at the ring end, and
 * indices that wrap through UINT32_MAX.
 */

#include <string.h>

#include <erika/xen/ring_idx.h>

#include <xen/io/console.h>

#include "check.h"

static struct xencons_interface cons;

static void test_space(void)
{
	CHECK_EQ(sizeof(cons.in), 1024);
	CHECK_EQ(sizeof(cons.out), 2048);
	CHECK_EQ(ring_used(0, 0), 0);
	CHECK_EQ(ring_free(0, 0, 2048), 2048);
	CHECK_EQ(ring_used(2048, 0), 2048);
	CHECK_EQ(ring_free(2048, 0, 2048), 0);
	/* Indices that have wrapped through zero. */
	CHECK_EQ(ring_used(5, UINT32_MAX - 4), 10);
	CHECK_EQ(ring_free(5, UINT32_MAX - 4, 1024), 1014);
	CHECK(ring_sane(5, UINT32_MAX - 4, 1024));
	CHECK(ring_sane(UINT32_MAX, UINT32_MAX - 1024, 1024));
	/* A producer more than a ring ahead, or a consumer ahead of it: impossible. */
	CHECK(!ring_sane(UINT32_MAX, UINT32_MAX - 1025, 1024));
	CHECK(!ring_sane(10, 11, 1024));
	CHECK(!ring_sane(2049, 0, 2048));
}

static void test_copy_wraps(void)
{
	char out[16];
	/* Producer 4 bytes before the end of the output ring, index near UINT32_MAX. */
	uint32_t prod = UINT32_MAX - 3; /* & 2047 = 2044 */

	memset(&cons, 0, sizeof(cons));
	ring_copy_in(cons.out, sizeof(cons.out), prod, "abcdefgh", 8);
	CHECK_EQ(memcmp(&cons.out[2044], "abcd", 4), 0);
	CHECK_EQ(memcmp(&cons.out[0], "efgh", 4), 0);
	CHECK_EQ(cons.out[4], 0);
	ring_copy_out(cons.out, sizeof(cons.out), prod, out, 8);
	CHECK_EQ(memcmp(out, "abcdefgh", 8), 0);
	CHECK_EQ(ring_used(prod + 8, prod), 8);

	/* Input ring: 1024 bytes, wrapping at a different place. */
	ring_copy_in(cons.in, sizeof(cons.in), 1022, "xyz", 3);
	CHECK_EQ(cons.in[1022], 'x');
	CHECK_EQ(cons.in[1023], 'y');
	CHECK_EQ(cons.in[0], 'z');
	ring_copy_out(cons.in, sizeof(cons.in), 1022 + 1024u * 7u, out, 3);
	CHECK_EQ(memcmp(out, "xyz", 3), 0);
}

static void test_fill_to_the_byte(void)
{
	static char big[2048];
	uint32_t cons_idx = 0x7ffffc00u, prod = cons_idx;

	for (unsigned int i = 0; i < sizeof(big); i++)
		big[i] = (char)i;
	ring_copy_in(cons.out, sizeof(cons.out), prod, big, ring_free(prod, cons_idx, 2048));
	prod += 2048;
	CHECK_EQ(ring_free(prod, cons_idx, 2048), 0);
	CHECK(ring_sane(prod, cons_idx, 2048));
	CHECK_EQ(cons.out[(cons_idx + 5) & 2047], 5);
}

int main(void)
{
	test_space();
	test_copy_wraps();
	test_fill_to_the_byte();
	return check_report("ring_idx");
}
