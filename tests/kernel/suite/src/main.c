/*
 * The kernel suite's entry, task bodies, ISRs, callbacks and the startup
 * and shutdown hooks. Main runs every area, prints the summary and shuts
 * the OS down.
 */

#include <erika/boot.h>
#include <erika/printk.h>

#include "suite.h"

TASK(TaskL)
{
	kt_task_body(TaskL);
}

TASK(NonPre)
{
	kt_task_body(NonPre);
}

TASK(TaskM)
{
	kt_task_body(TaskM);
}

TASK(GrpA)
{
	kt_task_body(GrpA);
}

TASK(GrpB)
{
	kt_task_body(GrpB);
}

TASK(TaskH)
{
	kt_task_body(TaskH);
}

#ifdef CONFIG_OS_EXTENDED_TASKS
TASK(ExtA)
{
	kt_task_body(ExtA);
}

TASK(ExtB)
{
	kt_task_body(ExtB);
}

#endif
#ifdef CONFIG_OS_MULTI_ACTIVATION
TASK(MultiA)
{
	kt_task_body(MultiA);
}

TASK(MultiB)
{
	kt_task_body(MultiB);
}

#endif

int startup_hook_ok;
int bonly_ran;
static int main_started;

/* Autostarted in ModeB only, above Main: runs first. */
TASK(BOnly)
{
	bonly_ran = main_started ? 2 : 1;
	(void)TerminateTask();
}

TASK(Main)
{
	main_started = 1;
	printk("kernel suite: class %s, %s status, mode %s\n", SUITE_CLASS, SUITE_STATUS,
	       GetActiveApplicationMode() == ModeB ? "ModeB" : "OSDEFAULTAPPMODE");
	suite_tasks();
	suite_sched();
	suite_resources();
	suite_linked();
	suite_events();
	suite_multi();
	suite_alarms();
	suite_counters();
	suite_isrs();
	suite_isr_levels();
	suite_hooks();
	suite_post_task_hook();
	suite_errors();
	ShutdownOS(E_OK);
}

void StartupHook(void)
{
	TaskType id;

	(void)GetTaskID(&id);
#ifdef CONFIG_OS_STATUS_STANDARD
	startup_hook_ok = id == INVALID_TASK && GetActiveApplicationMode() == ModeB;
#else
	startup_hook_ok = id == INVALID_TASK && GetActiveApplicationMode() == OSDEFAULTAPPMODE;
#endif
}

static StatusType shutdown_error = 0xff;

static void test_shutdown_hook(void)
{
	TEST_CHECK_EQ(shutdown_error, E_OK);
}

/* The last case: ShutdownOS(E_OK) reached the hook. Then the summary. */
void ShutdownHook(StatusType Error)
{
	shutdown_error = Error;
	RUN_TEST(test_shutdown_hook);
	(void)test_summary();
}

/* The standard-status build also checks the autostart of another mode. */
int main(void)
{
#ifdef CONFIG_OS_STATUS_STANDARD
	StartOS(ModeB);
#else
	StartOS(OSDEFAULTAPPMODE);
#endif
}
