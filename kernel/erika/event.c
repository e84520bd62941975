/*
 * Events (ECC1, ECC2): SetEvent, ClearEvent, GetEvent, WaitEvent. Only
 * extended tasks own events; a waiting task becomes READY when one of the
 * events it waits for is set, and joins the end of its priority's queue.
 */

#include "os_kernel.h"

#ifdef CONFIG_OS_EXTENDED_TASKS

/* Extended status checks of a service naming task id. Kernel locked. */
static StatusType target_check_locked(TaskType id)
{
	if (!OS_EXTENDED)
		return E_OK;
	if (id >= OS_NUM_TASKS)
		return E_OS_ID;
	if (!(os_task_cfg[id].flags & OS_TASK_EXTENDED))
		return E_OS_ACCESS;
	if (os_tcb[id].state == SUSPENDED)
		return E_OS_STATE;
	return E_OK;
}

/* Extended status checks of a service acting on the caller. Kernel locked. */
static StatusType self_check_locked(void)
{
	if (!OS_EXTENDED)
		return E_OK;
	if (os_isr_nesting != 0)
		return E_OS_CALLEVEL;
	if (!(os_k.running->cfg->flags & OS_TASK_EXTENDED))
		return E_OS_ACCESS;
	return E_OK;
}

/*
 * Set events mask of task id and wake it if it waits for one. Returns the
 * extended status codes of SetEvent. Kernel locked, any level; the caller
 * decides about preemption.
 */
StatusType os_event_set_locked(TaskType id, EventMaskType mask)
{
	StatusType rc = target_check_locked(id);
	struct os_tcb *t = &os_tcb[id];

	if (rc != E_OK)
		return rc;
	t->ev_set |= mask;
	if (t->state == WAITING && (t->ev_set & t->ev_wait) != 0) {
		t->state = READY;
		os_rq_push_locked(t);
	}
	return E_OK;
}

#if OS_NUM_CORES > 1
/*
 * SetEvent towards a task of another core: what the caller can check from
 * the tables at once (E_OS_ID, E_OS_ACCESS), then queued (AUTOSAR
 * SetEventAsyn style): E_OS_STATE is the target's to find. Kernel locked.
 */
static StatusType set_remote_locked(TaskType id, EventMaskType mask)
{
	if (OS_EXTENDED && !(os_task_cfg[id].flags & OS_TASK_EXTENDED))
		return E_OS_ACCESS;
	return os_xcore_send_locked(os_task_core(id), OSServiceId_SetEvent, id, mask);
}
#endif

StatusType SetEvent(TaskType TaskID, EventMaskType Mask)
{
	uint32_t psr = os_lock();
	StatusType rc;

#if OS_NUM_CORES > 1
	if (TaskID < OS_NUM_TASKS && os_task_core(TaskID) != os_core_id())
		rc = set_remote_locked(TaskID, Mask);
	else
#endif
		rc = os_event_set_locked(TaskID, Mask);
	if (rc == E_OK)
		os_sched_check_task();
	else
		rc = os_error(rc, OSServiceId_SetEvent, TaskID, Mask, 0);
	os_unlock(psr);
	return rc;
}

StatusType ClearEvent(EventMaskType Mask)
{
	uint32_t psr = os_lock();
	StatusType rc = self_check_locked();

	if (rc == E_OK)
		os_k.running->ev_set &= ~Mask;
	else
		rc = os_error(rc, OSServiceId_ClearEvent, Mask, 0, 0);
	os_unlock(psr);
	return rc;
}

StatusType GetEvent(TaskType TaskID, EventMaskRefType Event)
{
	uint32_t psr = os_lock();
	StatusType rc = target_check_locked(TaskID);

	if (rc == E_OK)
		*Event = os_tcb[TaskID].ev_set;
	else
		rc = os_error(rc, OSServiceId_GetEvent, TaskID, (uintptr_t)Event, 0);
	os_unlock(psr);
	return rc;
}

StatusType WaitEvent(EventMaskType Mask)
{
	uint32_t psr = os_lock();
	struct os_tcb *self = os_k.running;
	StatusType rc = self_check_locked();

	if (rc == E_OK && OS_EXTENDED && self->res != OS_NO_RES)
		rc = E_OS_RESOURCE;
	if (rc != E_OK) {
		rc = os_error(rc, OSServiceId_WaitEvent, Mask, 0, 0);
	} else if ((self->ev_set & Mask) == 0) {
		self->ev_wait = Mask;
		self->prio = self->cfg->base_prio; /* the internal resource goes */
		os_sched_leave_task(&self->sp, WAITING);
	}
	os_unlock(psr);
	return rc;
}

#endif /* CONFIG_OS_EXTENDED_TASKS */
