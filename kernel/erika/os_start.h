/*
 * The steps of StartOS shared by the one-core start (startup.c) and the
 * two-core one (core.c). Static inline: each start inlines them as before.
 */
#ifndef ERIKA_OS_START_H
#define ERIKA_OS_START_H

#include "os_kernel.h"

/* Every task and idle loop SUSPENDED (two cores: core 0, before core 1 starts). */
static inline void os_init_tasks_locked(void)
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

/* Activate the running core's autostart tasks of mode. Kernel locked. */
static inline void os_autostart_tasks_locked(AppModeType mode)
{
	if (mode >= OS_NUM_APPMODES)
		return; /* not a mode of the OIL file: nothing starts by itself */
	for (unsigned int i = 0; i < OS_NUM_TASKS; i++)
		if ((os_task_cfg[i].autostart & (1u << mode)) && OS_TASK_HERE(i))
			(void)os_task_activate_locked(&os_tcb[i]);
}

#endif /* ERIKA_OS_START_H */
