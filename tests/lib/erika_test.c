/*
 * Guest-side test support (see erika_test.h).
 */

#include <stdarg.h>

#include <erika_test.h>

int test_case_failed;
static const char *current_case = "?";
static unsigned int passed;
static unsigned int failed;

void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (test_case_failed)
		return;
	test_case_failed = 1;
	printk("ERIKA-TEST FAIL %s %s:%d: ", current_case, file, line);
	va_start(ap, fmt);
	(void)vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
}

void test_run(const char *name, void (*fn)(void))
{
	current_case = name;
	test_case_failed = 0;
	fn();
	if (test_case_failed) {
		failed++;
	} else {
		passed++;
		printk("ERIKA-TEST PASS %s\n", name);
	}
}

int test_summary(void)
{
	printk("ERIKA-TEST END %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
