/*
 * Operating system execution control: StartOS, ShutdownOS,
 * GetActiveApplicationMode (OSEK 13.7), and the kernel's state.
 */

#include <erika/platform.h>

#include "os_kernel.h"
#include "os_start.h"

#if OS_HAS_SYSTEM_COUNTER
#include <erika/drivers/timer.h>
#endif

/* The two-core StartOS and ShutdownOS are core.c's. */
#if OS_NUM_CORES == 1

/* Before StartOS the idle loop is "running": an early interrupt dispatches nothing. */
struct os_kernel os_k = { .running = OS_IDLE };

#if OS_NUM_ISRS > 0
/* The GIC's set-up at boot opens its priority mask; the kernel lock closes it to OS_LOCK_PMR. */
uint8_t os_pmr = IRQ_MASK_NONE;
#endif

void StartOS(AppModeType Mode)
{
	(void)os_lock();
	/* Until the idle loop runs, services queue tasks as an ISR's would. */
	os_isr_nesting = 1;
	os_k.appmode = Mode;
	os_k.isr_res = OS_NO_RES;
	os_stack_init();
	os_init_tasks_locked();
	os_autostart_tasks_locked(Mode);
#if OS_NUM_ALARMS > 0
	if (Mode < OS_NUM_APPMODES)
		os_alarm_autostart(Mode);
#endif
#if OS_HOOK_STARTUP
	StartupHook();
#endif
	os_isr_connect();
	os_counter_start();
	os_sched_start_idle();
}

void ShutdownOS(StatusType Error)
{
	static uint8_t shutting_down;

	(void)os_lock();
	if (!shutting_down) {
		shutting_down = 1;
#if OS_HOOK_SHUTDOWN
		ShutdownHook(Error);
#endif
	}
#if OS_HAS_SYSTEM_COUNTER
	vtimer_stop();
#endif
	if (Error == E_OK)
		platform_power_off();
	platform_crash();
}

#endif /* OS_NUM_CORES == 1 */

AppModeType GetActiveApplicationMode(void)
{
	return os_k.appmode;
}
