/*
 * Guest-side test support: checks print machine-readable lines that
 * scripts/xenrun/xenrun.py --test parses:
 *   ERIKA-TEST PASS <case>
 *   ERIKA-TEST FAIL <case> <file>:<line>: <what>
 *   ERIKA-TEST END
 * A case fails at its first failed check; the runner fails the run on any FAIL,
 * on a missing END (a hang or a crash) and on a timeout.
 *
 *   static void test_something(void)
 *   {
 *           TEST_CHECK(x == 1, "x is %d", x);
 *   }
 *   ...
 *   RUN_TEST(test_something);
 *   return test_summary();   // prints END; 0 if every case passed
 */
#ifndef ERIKA_TEST_H
#define ERIKA_TEST_H

#include <erika/printk.h>

/* Set by a failed check; RUN_TEST resets it. */
extern int test_case_failed;

/* Report a failed check of the current case (once per case). */
void test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Run one case and print its PASS or FAIL line. */
void test_run(const char *name, void (*fn)(void));

/* Print the END marker and a summary; 0 if every case passed, else 1. */
int test_summary(void);

#define RUN_TEST(fn) test_run(#fn, fn)

/* Check cond; on failure report it and leave the calling test function. */
#define TEST_CHECK(cond, ...)                                                                      \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			test_fail(__FILE__, __LINE__, __VA_ARGS__);                                \
			return;                                                                    \
		}                                                                                  \
	} while (0)

#define TEST_CHECK_EQ(actual, expected)                                                            \
	TEST_CHECK((long long)(actual) == (long long)(expected), "%s is %lld, expected %lld",      \
		   #actual, (long long)(actual), (long long)(expected))

#endif /* ERIKA_TEST_H */
