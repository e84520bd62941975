/*
 * Operating system execution control: StartOS, ShutdownOS,
 * GetActiveApplicationMode (OSEK 13.7), and the kernel's state.
 */

#include <erika/platform.h>

#include "os_kernel.h"

#if OS_HAS_SYSTEM_COUNTER
#include <erika/drivers/timer.h>
#endif

#if OS_NUM_CORES == 1
/* Before StartOS the idle loop is "running": an early interrupt dispatches nothing. */
struct os_kernel os_k = { .running = OS_IDLE };

#if OS_NUM_ISRS > 0
/* The GIC's set-up at boot opens its priority mask; the kernel lock closes it to OS_LOCK_PMR. */
uint8_t os_pmr = IRQ_MASK_NONE;
#endif
#endif

/* Every task and idle loop SUSPENDED (with two cores: core 0, before core 1 starts). */
static void init_tasks_locked(void)
{
	for (unsigned int i = 0; i < OS_NUM_TASKS + OS_NUM_CORES; i++) {
		struct os_tcb *t = &os_tcb[i];

		t->cfg = &os_task_cfg[i];
		t->id = (uint8_t)i;
		t->state = SUSPENDED;
		t->prio = t->cfg->base_prio;
		t->res = OS_NO_RES;
	}
}

/* Activate the running core's autostart tasks of mode. */
static void autostart_tasks_locked(AppModeType mode)
{
	if (mode >= OS_NUM_APPMODES)
		return; /* not a mode of the OIL file: nothing starts by itself */
	for (unsigned int i = 0; i < OS_NUM_TASKS; i++)
#if OS_NUM_CORES > 1
		if ((os_task_cfg[i].autostart & (1u << mode)) && os_task_core(i) == os_core_id())
#else
		if (os_task_cfg[i].autostart & (1u << mode))
#endif
			(void)os_task_activate_locked(&os_tcb[i]);
}

#if OS_NUM_CORES > 1

/*
 * The running core's part of StartOS (core.c calls it on each core, core 0
 * first): its autostart tasks and alarms, its ISRs and the cross-core SGI.
 * Interrupts stay masked until the core's idle loop. Kernel locked.
 */
void os_core_init_locked(AppModeType mode)
{
	os_isr_nesting = 1; /* until the idle loop, as in StartOS */
	os_k.appmode = mode;
	os_k.isr_res = OS_NO_RES;
	autostart_tasks_locked(mode);
#if OS_NUM_ALARMS > 0
	if (mode < OS_NUM_APPMODES)
		os_alarm_autostart(mode);
#endif
	os_isr_connect();
	os_xcore_connect();
}

/*
 * Core 0, from main(): the tables every core reads (tasks, stack guards),
 * then core.c starts the OS on every core (start barriers, StartupHook).
 */
void StartOS(AppModeType Mode)
{
	(void)os_lock();
	os_isr_nesting = 1;
	os_stack_init();
	init_tasks_locked();
	os_core_start(Mode);
}

#else

void StartOS(AppModeType Mode)
{
	(void)os_lock();
	/* Until the idle loop runs, services queue tasks as an ISR's would. */
	os_isr_nesting = 1;
	os_k.appmode = Mode;
	os_k.isr_res = OS_NO_RES;
	os_stack_init();
	init_tasks_locked();
	autostart_tasks_locked(Mode);
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

#endif

#if OS_NUM_CORES == 1
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
#endif

AppModeType GetActiveApplicationMode(void)
{
	return os_k.appmode;
}
