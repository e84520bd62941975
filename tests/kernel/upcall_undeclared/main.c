/* Binds an event channel handler that no upcall ISR would ever run. */

#include <erika/os.h>
#include <erika/xen/events.h>

TASK(Main)
{
	(void)evtchn_init();
	ShutdownOS(E_OK);
}

int main(void)
{
	StartOS(OSDEFAULTAPPMODE);
	return 0;
}
