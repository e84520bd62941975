/*
 * The other half of the test's start-up functions (see levels_a.c).
 */

#include <erika/init.h>

#include "init_log.h"

static int kernel_level(void)
{
	return init_log_step(6);
}
SYS_INIT(kernel_level, KERNEL, 0);

static int app_middle(void)
{
	return init_log_step(8);
}
SYS_INIT(app_middle, APPLICATION, 60);

static int platform_before_gic(void)
{
	return init_log_step(4);
}
SYS_INIT(platform_before_gic, PLATFORM, 9);

static int early_first(void)
{
	return init_log_step(1);
}
SYS_INIT(early_first, EARLY, 0);

/* 2 sorts after 10 as text: the linker script must sort it before. */
static int platform_after_console(void)
{
	return init_log_step(3);
}
SYS_INIT(platform_after_console, PLATFORM, 2);
