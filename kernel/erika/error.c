/*
 * Errors: every service that returns an error other than E_OK reports it
 * here, which calls the application's ErrorHook (OIL ERRORHOOK = TRUE) with
 * the service and its arguments readable through OSErrorGetServiceId() and
 * the OSError_<service>_<argument>() macros. The hook is not called again
 * for an error of a service the hook itself calls (OSEK 11.1).
 */

#include <erika/printk.h>

#include "os_kernel.h"

#if OS_NUM_CORES > 1
struct os_error_info os_error_info[OS_NUM_CORES];
#else
OSServiceIdType os_error_service;
uintptr_t os_error_param[3];
#endif

#if OS_HOOK_ERROR
/* Report e of service (arguments p0..p2) to the ErrorHook; returns e. Kernel locked. */
StatusType os_error(StatusType e, OSServiceIdType service, uintptr_t p0, uintptr_t p1, uintptr_t p2)
{
	if (e == E_OK || os_k.in_error_hook)
		return e;
#if OS_NUM_CORES > 1
	os_error_info[os_core_id()] = (struct os_error_info){ service, { p0, p1, p2 } };
#else
	os_error_service = service;
	os_error_param[0] = p0;
	os_error_param[1] = p1;
	os_error_param[2] = p2;
#endif
	os_k.in_error_hook = 1;
	ErrorHook(e);
	os_k.in_error_hook = 0;
	return e;
}
#endif

void os_fatal(StatusType e, OSServiceIdType service, const char *what, const char *name)
{
	printk("*** OS: %s: %s\n", what, name);
	(void)os_error(e, service, 0, 0, 0);
	ShutdownOS(e);
}
