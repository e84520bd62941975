/*
 * Half of the test's start-up functions, declared in an order unrelated to
 * the one they must run in (the other half is in levels_b.c).
 */

#include <erika/errno.h>
#include <erika/init.h>
#include <erika/printk.h>

#include "init_log.h"

static int app_late(void)
{
#ifdef INIT_FAIL
	/* Never reached: the boot stops at the failing function before it. */
	printk("ERIKA-TEST FAIL init_stops_boot APPLICATION 99 ran after a failed init\n");
#endif
	return init_log_step(9);
}
SYS_INIT(app_late, APPLICATION, 99);

static int platform_after_gic(void)
{
	return init_log_step(5);
}
SYS_INIT(platform_after_gic, PLATFORM, 50);

static int early_second(void)
{
	return init_log_step(2);
}
SYS_INIT(early_second, EARLY, 7);

static int app_first(void)
{
	return init_log_step(7);
}
SYS_INIT(app_first, APPLICATION, 5);

#ifdef INIT_FAIL
/* Between app_first (5) and app_late (99): the one that stops the boot. */
static int init_fails(void)
{
	printk("ERIKA-TEST PASS init_before_failure_ran %u steps\n", init_log_len);
	return -EIO;
}
SYS_INIT(init_fails, APPLICATION, 50);
#endif
