/*
 * Check helpers for the host tests of the Xen drivers' pure code: a failed
 * check prints the expression and both values; the run goes on, and the
 * program exits non-zero at the end if anything failed.
 */
#ifndef XEN_HOST_CHECK_H
#define XEN_HOST_CHECK_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static int check_failures;
static int check_count;

static inline void check_i64(const char *expr, int64_t actual, int64_t expected, const char *file,
			     int line)
{
	check_count++;
	if (actual == expected)
		return;
	check_failures++;
	printf("%s:%d: %s is %" PRId64 " (0x%" PRIx64 "), expected %" PRId64 " (0x%" PRIx64 ")\n",
	       file, line, expr, actual, (uint64_t)actual, expected, (uint64_t)expected);
}

#define CHECK_EQ(actual, expected)                                                                 \
	check_i64(#actual, (int64_t)(actual), (int64_t)(expected), __FILE__, __LINE__)
#define CHECK(cond) CHECK_EQ(!!(cond), 1)

static inline int check_report(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
	return check_failures ? 1 : 0;
}

#endif /* XEN_HOST_CHECK_H */
