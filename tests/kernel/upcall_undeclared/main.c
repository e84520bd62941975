/*
 * Xen events built in (prj.conf), set up at boot by the driver, but no OIL ISR
 * for the upcall: nothing would ever deliver an event, so the link fails.
 */

#include <erika/os.h>

TASK(Main)
{
	ShutdownOS(E_OK);
}

int main(void)
{
	StartOS(OSDEFAULTAPPMODE);
	return 0;
}
