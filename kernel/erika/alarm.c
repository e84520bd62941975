/*
 * Alarms: GetAlarmBase, GetAlarm, SetRelAlarm, SetAbsAlarm, CancelAlarm,
 * their actions when they expire (activate a task, set an event, call an
 * alarm callback) and the autostart of StartOS. An armed alarm sits in its
 * counter's list with the counter value it expires at (counter.c).
 */

#include <stddef.h>

#include "os_kernel.h"

#if OS_NUM_ALARMS > 0

/* (a + b) modulo (max + 1), for a, b <= max. */
static TickType tick_add(TickType a, TickType b, TickType max)
{
	return b > max - a ? b - (max - a) - 1 : a + b;
}

static void arm_locked(AlarmType id, TickType expiry, TickType cycle)
{
	struct os_alarm *a = &os_alarm[id];
	struct os_counter *k = &os_counter[os_alarm_cfg[id].counter];

	a->expiry = expiry;
	a->cycle = cycle;
	a->armed = 1;
	a->next = k->armed;
	k->armed = a;
}

/* Is alarm id of the running core (its counter's)? AUTOSAR OS SWS_Os_00589. */
static int of_this_core(AlarmType id)
{
#if OS_NUM_CORES > 1
	return os_counter_cfg[os_alarm_cfg[id].counter].core == os_core_id();
#else
	(void)id;
	return 1;
#endif
}

/*
 * Run the action of alarm a, which just expired. Kernel locked, interrupt
 * level (a hardware counter) or the caller's (IncrementCounter). A failing activation or event goes to the ErrorHook as the
 * service's own error would (OSEK 11.1).
 */
void os_alarm_expire_locked(struct os_alarm *a)
{
	const struct os_alarm_cfg *c = &os_alarm_cfg[a - os_alarm];
	StatusType rc;

#if OS_NUM_CORES > 1
	/* A task of another core: through the ring to it, as ActivateTask/SetEvent would. */
	if (c->action != OS_ALARM_CALLBACK && os_task_core(c->task) != os_core_id()) {
		OSServiceIdType service = c->action == OS_ALARM_ACTIVATETASK
						  ? OSServiceId_ActivateTask
						  : OSServiceId_SetEvent;

		rc = os_xcore_send_locked(os_task_core(c->task), service, c->task, c->event);
		if (rc != E_OK)
			(void)os_error(rc, service, c->task, c->event, 0);
		return;
	}
#endif
	switch (c->action) {
	case OS_ALARM_ACTIVATETASK:
		rc = os_task_activate_locked(&os_tcb[c->task]);
		if (rc != E_OK)
			(void)os_error(rc, OSServiceId_ActivateTask, c->task, 0, 0);
		break;
#ifdef CONFIG_OS_EXTENDED_TASKS
	case OS_ALARM_SETEVENT:
		rc = os_event_set_locked(c->task, c->event);
		if (rc != E_OK)
			(void)os_error(rc, OSServiceId_SetEvent, c->task, c->event, 0);
		break;
#endif
	default:
		c->callback();
		break;
	}
}

/* Arm the alarms of application mode mode. StartOS, kernel locked. */
void os_alarm_autostart(AppModeType mode)
{
	for (AlarmType id = 0; id < OS_NUM_ALARMS; id++) {
		const struct os_alarm_cfg *c = &os_alarm_cfg[id];

		if ((c->autostart & (1u << mode)) && of_this_core(id))
			arm_locked(id,
				   tick_add(os_counter[c->counter].value, c->alarmtime,
					    os_counter_cfg[c->counter].maxallowedvalue),
				   c->cycletime);
	}
}

StatusType GetAlarmBase(AlarmType AlarmID, AlarmBaseRefType Info)
{
	const struct os_counter_cfg *k;
	uint32_t psr;
	StatusType rc;

	if (!OS_EXTENDED || AlarmID < OS_NUM_ALARMS) {
		k = &os_counter_cfg[os_alarm_cfg[AlarmID].counter];
		Info->maxallowedvalue = k->maxallowedvalue;
		Info->ticksperbase = k->ticksperbase;
		Info->mincycle = k->mincycle;
		return E_OK;
	}
	psr = os_lock();
	rc = os_error(E_OS_ID, OSServiceId_GetAlarmBase, AlarmID, (uintptr_t)Info, 0);
	os_unlock(psr);
	return rc;
}

StatusType GetAlarm(AlarmType AlarmID, TickRefType Tick)
{
	uint32_t psr = os_lock();
	StatusType rc = E_OK;
	const struct os_alarm *a;
	TickType now, max;

	if (OS_EXTENDED && AlarmID >= OS_NUM_ALARMS)
		rc = E_OS_ID;
	else if (OS_EXTENDED && !of_this_core(AlarmID))
		rc = E_OS_CORE;
	else if (!os_alarm[AlarmID].armed)
		rc = E_OS_NOFUNC;
	if (rc != E_OK) {
		rc = os_error(rc, OSServiceId_GetAlarm, AlarmID, (uintptr_t)Tick, 0);
		goto out;
	}
	a = &os_alarm[AlarmID];
	now = os_counter[os_alarm_cfg[AlarmID].counter].value;
	max = os_counter_cfg[os_alarm_cfg[AlarmID].counter].maxallowedvalue;
	/* Ticks to go; an expiry equal to now is a whole counter period away. */
	*Tick = a->expiry > now ? a->expiry - now : max - now + a->expiry + 1;
out:
	os_unlock(psr);
	return rc;
}

/*
 * The checks and the arming shared by SetRelAlarm (rel) and SetAbsAlarm.
 * Kernel locked.
 */
static StatusType set_locked(AlarmType id, TickType when, TickType cycle, int rel)
{
	const struct os_counter_cfg *k;
	TickType now;

	if (OS_EXTENDED && id >= OS_NUM_ALARMS)
		return E_OS_ID;
	if (OS_EXTENDED && !of_this_core(id))
		return E_OS_CORE;
	/* Both statuses (AUTOSAR OS SWS_Os_00304): not a silent whole counter period. */
	if (rel && when == 0)
		return E_OS_VALUE;
	k = &os_counter_cfg[os_alarm_cfg[id].counter];
	if (OS_EXTENDED && (when > k->maxallowedvalue ||
			    (cycle != 0 && (cycle < k->mincycle || cycle > k->maxallowedvalue))))
		return E_OS_VALUE;
	if (os_alarm[id].armed)
		return E_OS_STATE;
	now = os_counter[os_alarm_cfg[id].counter].value;
	arm_locked(id, rel ? tick_add(now, when, k->maxallowedvalue) : when, cycle);
	return E_OK;
}

StatusType SetRelAlarm(AlarmType AlarmID, TickType increment, TickType cycle)
{
	uint32_t psr = os_lock();
	StatusType rc = set_locked(AlarmID, increment, cycle, 1);

	if (rc != E_OK)
		rc = os_error(rc, OSServiceId_SetRelAlarm, AlarmID, increment, cycle);
	os_unlock(psr);
	return rc;
}

StatusType SetAbsAlarm(AlarmType AlarmID, TickType start, TickType cycle)
{
	uint32_t psr = os_lock();
	StatusType rc = set_locked(AlarmID, start, cycle, 0);

	if (rc != E_OK)
		rc = os_error(rc, OSServiceId_SetAbsAlarm, AlarmID, start, cycle);
	os_unlock(psr);
	return rc;
}

StatusType CancelAlarm(AlarmType AlarmID)
{
	uint32_t psr = os_lock();
	StatusType rc = E_OK;
	struct os_alarm **link;

	if (OS_EXTENDED && AlarmID >= OS_NUM_ALARMS) {
		rc = E_OS_ID;
	} else if (OS_EXTENDED && !of_this_core(AlarmID)) {
		rc = E_OS_CORE;
	} else if (!os_alarm[AlarmID].armed) {
		rc = E_OS_NOFUNC;
	} else {
		link = &os_counter[os_alarm_cfg[AlarmID].counter].armed;
		while (*link != &os_alarm[AlarmID]) {
			OS_ASSERT(*link != NULL); /* an armed alarm is in its counter's list */
			link = &(*link)->next;
		}
		*link = os_alarm[AlarmID].next;
		os_alarm[AlarmID].armed = 0;
	}
	if (rc != E_OK)
		rc = os_error(rc, OSServiceId_CancelAlarm, AlarmID, 0, 0);
	os_unlock(psr);
	return rc;
}

#endif /* OS_NUM_ALARMS > 0 */
