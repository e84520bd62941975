/*
 * Minimal OSEK application: Init activates Worker, which preempts it, then
 * shuts the OS down. Prints one line the runner checks.
 */

#include <erika/os.h>
#include <erika/printk.h>

static int worker_runs;

TASK(Worker)
{
	worker_runs++;
	(void)TerminateTask();
}

TASK(Init)
{
	(void)ActivateTask(Worker);
	(void)GetResource(RES_SCHEDULER);
	(void)ActivateTask(Worker);
	(void)ReleaseResource(RES_SCHEDULER);
	printk("minimal: worker ran %d times\n", worker_runs);
	ShutdownOS(E_OK);
}

int main(void)
{
	StartOS(OSDEFAULTAPPMODE);
}
