/*
 * Tiny check helpers for the devicetree macro tests: every failed check prints the
 * expression and both values, and the program exits non-zero at the end, so one run
 * shows every broken macro at once.
 */
#ifndef CHECK_H
#define CHECK_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

static inline void check_u64(const char *expr, uint64_t actual, uint64_t expected, int line)
{
	check_count++;
	if (actual == expected)
		return;
	check_failures++;
	printf("line %d: %s is 0x%" PRIx64 ", expected 0x%" PRIx64 "\n", line, expr, actual,
	       expected);
}

static inline void check_str(const char *expr, const char *actual, const char *expected, int line)
{
	check_count++;
	if (strcmp(actual, expected) == 0)
		return;
	check_failures++;
	printf("line %d: %s is \"%s\", expected \"%s\"\n", line, expr, actual, expected);
}

static inline int check_report(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
	return check_failures ? 1 : 0;
}

#define CHECK_EQ(actual, expected)                                                                 \
	check_u64(#actual, (uint64_t)(actual), (uint64_t)(expected), __LINE__)
#define CHECK_STR(actual, expected) check_str(#actual, (actual), (expected), __LINE__)

/* A node identifier is a token: compare its spelling after expansion. */
#define CHECK_STRINGIFY_(x)	#x
#define CHECK_STRINGIFY(x)	CHECK_STRINGIFY_(x)
#define CHECK_NODE(node, token) CHECK_STR(CHECK_STRINGIFY(node), token)

/* U-suffixed values are unsigned: 0 - 1 wraps around instead of going negative. */
#define CHECK_UNSIGNED(value) _Static_assert((value) - (value)-1 > 0, #value " is unsigned")

#endif /* CHECK_H */
