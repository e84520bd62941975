/* Never compiled: the OIL generator stops the build first. */

#include <erika/os.h>

TASK(Waiter)
{
	(void)WaitEvent(Ev);
	(void)TerminateTask();
}

int main(void)
{
	StartOS(OSDEFAULTAPPMODE);
}
