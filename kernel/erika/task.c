/*
 * Task management: ActivateTask, TerminateTask, ChainTask, GetTaskID,
 * GetTaskState, and the first and last instructions of every task.
 *
 * Task states (OSEK 4.2): SUSPENDED -activate-> READY -dispatch-> RUNNING;
 * RUNNING -preempt-> READY; RUNNING -terminate-> SUSPENDED (or READY again
 * with activations queued, BCC2/ECC2); RUNNING -wait-> WAITING -event->
 * READY (event.c).
 */

#include <stddef.h>

#include <erika/arch/cpu.h>

#include "os_kernel.h"

/*
 * One more activation of t: queued in the ready queue. Returns E_OK or
 * E_OS_LIMIT (OIL ACTIVATION reached). Kernel locked, any level; the caller
 * decides about preemption.
 */
StatusType os_task_activate_locked(struct os_tcb *t)
{
	OS_ASSERT(t != OS_IDLE);
#ifdef CONFIG_OS_MULTI_ACTIVATION
	if (t->act >= t->cfg->max_act)
		return E_OS_LIMIT;
	if (t->act++ != 0)
		goto queue; /* READY, RUNNING or WAITING already */
#else
	if (t->state != SUSPENDED)
		return E_OS_LIMIT;
#endif
	t->state = READY;
#ifdef CONFIG_OS_EXTENDED_TASKS
	t->ev_set = 0; /* OSEK 4.6.1: a task leaving SUSPENDED has no event set */
#endif
#ifdef CONFIG_OS_MULTI_ACTIVATION
queue:
#endif
	os_rq_push_locked(t);
	return E_OK;
}

/*
 * The running task ends this activation: returns the state it leaves
 * RUNNING for (os_sched_leave_task sets it after the PostTaskHook). Kernel
 * locked, task level.
 */
static uint8_t task_end_locked(struct os_tcb *self)
{
#ifdef CONFIG_OS_MULTI_ACTIVATION
	if (--self->act != 0)
		return READY; /* the next activation is in the ready queue */
#endif
	(void)self;
	return SUSPENDED;
}

/* Extended status: may the running task end now? Kernel locked. */
static StatusType end_check_locked(void)
{
	if (!OS_EXTENDED)
		return E_OK;
	if (os_isr_nesting != 0)
		return E_OS_CALLEVEL;
	if (os_k.running->res != OS_NO_RES)
		return E_OS_RESOURCE;
	return E_OK;
}

StatusType ActivateTask(TaskType TaskID)
{
	uint32_t psr = os_lock();
	StatusType rc;

	if (OS_EXTENDED && TaskID >= OS_NUM_TASKS) {
		rc = E_OS_ID;
#if OS_NUM_CORES > 1
	} else if (os_task_core(TaskID) != os_core_id()) {
		/* AUTOSAR ActivateTaskAsyn style: E_OK once queued (README). */
		rc = os_xcore_send_locked(os_task_core(TaskID), OSServiceId_ActivateTask, TaskID,
					  0);
#endif
	} else {
		rc = os_task_activate_locked(&os_tcb[TaskID]);
		if (rc == E_OK)
			os_sched_check_task();
	}
	if (rc != E_OK)
		rc = os_error(rc, OSServiceId_ActivateTask, TaskID, 0, 0);
	os_unlock(psr);
	return rc;
}

StatusType TerminateTask(void)
{
	uint32_t psr = os_lock();
	StatusType rc = end_check_locked();

	if (rc == E_OK)
		os_sched_leave_task(NULL, task_end_locked(os_k.running));
	rc = os_error(rc, OSServiceId_TerminateTask, 0, 0, 0);
	os_unlock(psr);
	return rc;
}

StatusType ChainTask(TaskType TaskID)
{
	uint32_t psr = os_lock();
	struct os_tcb *self = os_k.running;
	StatusType rc = end_check_locked();
	uint8_t state;

	if (OS_EXTENDED && TaskID >= OS_NUM_TASKS)
		rc = E_OS_ID;
	if (rc != E_OK)
		goto err;
	if (&os_tcb[TaskID] == self) {
		/*
		 * Ends and is activated again: never beyond its limit. The
		 * activation sees the ended state; the task stays RUNNING for
		 * its PostTaskHook.
		 */
		self->state = task_end_locked(self);
		(void)os_task_activate_locked(self);
		state = self->state;
		self->state = RUNNING;
#if OS_NUM_CORES > 1
	} else if (os_task_core(TaskID) != os_core_id()) {
		/* Queued before the caller ends: the target cannot miss it. */
		rc = os_xcore_send_locked(os_task_core(TaskID), OSServiceId_ChainTask, TaskID, 0);
		if (rc != E_OK)
			goto err;
		state = task_end_locked(self);
#endif
	} else {
		rc = os_task_activate_locked(&os_tcb[TaskID]);
		if (rc != E_OK)
			goto err;
		state = task_end_locked(self);
	}
	os_sched_leave_task(NULL, state);
err:
	rc = os_error(rc, OSServiceId_ChainTask, TaskID, 0, 0);
	os_unlock(psr);
	return rc;
}

StatusType GetTaskID(TaskRefType TaskID)
{
	*TaskID = os_task_id(os_k.running);
	return E_OK;
}

StatusType GetTaskState(TaskType TaskID, TaskStateRefType State)
{
	if (OS_EXTENDED && TaskID >= OS_NUM_TASKS) {
		uint32_t psr = os_lock();
		StatusType rc =
			os_error(E_OS_ID, OSServiceId_GetTaskState, TaskID, (uintptr_t)State, 0);

		os_unlock(psr);
		return rc;
	}
	*State = os_tcb[TaskID].state;
	return E_OK;
}

/*
 * The first C function of every task activation, on the task's fresh stack,
 * kernel locked: unlock and run the body. A body that returns has forgotten
 * TerminateTask: report it (extended status), give back what it holds and
 * end it all the same.
 */
void os_task_entry(void)
{
	struct os_tcb *self = os_k.running;

	os_unlock_all();
	self->cfg->entry();

	(void)os_lock();
	if (OS_EXTENDED)
		(void)os_error(E_OS_SYS_MISSINGEND, OSServiceId_TaskReturn, os_task_id(self), 0, 0);
	while (self->res != OS_NO_RES) {
		os_rcb_of(self->res)->taken = 0;
		self->res = os_rcb_of(self->res)->next;
	}
	os_sched_leave_task(NULL, task_end_locked(self));
	__builtin_unreachable();
}
