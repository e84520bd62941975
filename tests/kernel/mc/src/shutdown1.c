/*
 * ShutdownOS from core 1 (OSEK 2.2.3 13.7.2.3; AUTOSAR OS ShutdownOS on one
 * core shuts every core down here, as ShutdownAllCores, SWS_Os_00715): core
 * 0's Main activates S1 of core 1, which calls ShutdownOS(E_OK), and then
 * spins, counting. The ShutdownHook runs once, on core 1, after which core 0
 * counts no more (stopped by the kernel's SGI, or by its own ShutdownOS,
 * which it calls as soon as it sees the hook began: a second caller only
 * stops its core). Then the domain powers off (E_OK, not E_OS_LIMIT's
 * crash): the runner expects the poweroff.
 */

#include <erika/printk.h>

#include "mc.h"

#define STOP_TRIES 100u
#define STOP_DELAY 100000u

static volatile unsigned int core0_spins;
static volatile unsigned int main_ran;
static volatile unsigned int hook_entered;
static unsigned int hook_calls;
static CoreIdType hook_core = 99;
static StatusType hook_error = 0xff;
static int core0_stopped;

TASK(Main)
{
	printk("core 0: S1 on core 1 shuts the OS down\n");
	main_ran = 1;
	/* Core 0 may be stopped as soon as this returns, before it counts once. */
	(void)ActivateTask(S1);
	for (;;) {
		core0_spins = core0_spins + 1;
		if (hook_entered)
			ShutdownOS(E_OS_LIMIT); /* too late: only this core stops */
	}
}

TASK(S1)
{
	ShutdownOS(E_OK);
}

/* Core 0's count no longer moves over a while (bounded number of tries). */
static int other_core_stopped(void)
{
	for (unsigned int t = 0; t < STOP_TRIES; t++) {
		unsigned int before = core0_spins;

		for (volatile unsigned int i = 0; i < STOP_DELAY; i++)
			;
		/* cppcheck-suppress knownConditionTrueFalse ; volatile: core 0 writes it */
		if (core0_spins == before)
			return 1;
	}
	return 0;
}

static void test_shutdown_core1(void)
{
	TEST_CHECK_EQ(hook_calls, 1);
	TEST_CHECK_EQ(hook_core, 1);
	TEST_CHECK_EQ(hook_error, E_OK);
	TEST_CHECK(main_ran, "core 0 never ran Main");
	TEST_CHECK(core0_stopped, "core 0 still runs after the ShutdownHook began");
}

void ShutdownHook(StatusType Error)
{
	if (__atomic_fetch_add(&hook_calls, 1u, __ATOMIC_SEQ_CST) != 0) {
		printk("ERIKA-TEST FAIL test_shutdown_core1 ShutdownHook again, on core %u\n",
		       GetCoreID());
		return;
	}
	hook_entered = 1;
	hook_core = GetCoreID();
	hook_error = Error;
	core0_stopped = other_core_stopped();
	/* Core 0 prints no more: this core has the console. */
	RUN_TEST(test_shutdown_core1);
}
