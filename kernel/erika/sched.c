/*
 * The dispatcher and Schedule(). Who runs next is decided here only; see
 * os_kernel.h for the model (running task, preempted list, ready queue).
 *
 * Stacks: an extended task (and a basic one with a private stack) starts at
 * the top of its own stack. Basic tasks on the shared stack run strictly
 * nested (a basic task never waits, so a preempted one resumes only after
 * every task that preempted it has ended): a fresh one starts just below the
 * most recent context saved on the shared stack, which the idle loop, always
 * at the bottom of the preempted list, guarantees to exist.
 */

#include <stddef.h>

#include <erika/arch/cpu.h>

#include "os_kernel.h"

#if OS_NUM_CORES > 1
#define OS_SHARED_STACK (os_this_core()->shared)
#else
#define OS_SHARED_STACK (&os_shared_stack)
#endif

static int on_shared_stack(const struct os_tcb *t)
{
	return t->cfg->stack == OS_SHARED_STACK;
}

/* Where a fresh task's stack begins (not when it starts below the caller). */
static uint32_t *start_top(const struct os_tcb *to)
{
	const struct os_tcb *t = os_k.stacked;

	if (!on_shared_stack(to))
		return to->cfg->stack->top;
	while (!on_shared_stack(t))
		t = t->below;
	return t->sp;
}

/*
 * Hand the CPU from the running task to `to`: guard check and hooks of the
 * task leaving, then the context switch. The leaving task is still RUNNING
 * in its PostTaskHook (OSEK 2.2.3 11.5: "before leaving the task's running
 * state"); it takes state (READY, WAITING, SUSPENDED) after the hook. save
 * receives its context (NULL: it ended); below: a fresh `to` starts just
 * below that saved context (both on the shared stack). Returns when the
 * leaving task is resumed. Kernel locked, task level or the end of the
 * outermost interrupt.
 */
static void dispatch(struct os_tcb *to, uint32_t **save, int below, uint8_t state)
{
	struct os_tcb *from = os_k.running;
	uint32_t *sp = to->sp;

	OS_ASSERT(to != from || save == NULL);
	os_stack_check(from->cfg->stack, from->cfg->name);
#if OS_HOOK_POSTTASK
	if (from != OS_IDLE)
		PostTaskHook();
#endif
	from->state = state;
	OS_ASSERT(to->state == READY || to == OS_IDLE);
	os_k.running = to;
	to->state = RUNNING;
	/* A task holding no resource runs at its level with the internal resource. */
	if (to->res == OS_NO_RES)
		to->prio = to->cfg->run_prio;
#if OS_HOOK_PRETASK
	if (to != OS_IDLE)
		PreTaskHook();
#endif
	if (sp != NULL) {
		to->sp = NULL;
		os_arch_switch(save, sp);
	} else {
		os_arch_start(save, below ? NULL : start_top(to), os_task_entry);
	}
}

/*
 * The top of the ready queue preempts the running task, which goes on the
 * preempted list and resumes later where it was. The caller has checked
 * that the queue's top level is above the running task's. Kernel locked,
 * task level or the end of the outermost interrupt.
 */
void os_sched_preempt_locked(void)
{
	struct os_tcb *from = os_k.running;
	struct os_tcb *to;

	OS_ASSERT(os_rq_top() > from->prio);
	to = os_rq_pop_locked();
	from->below = os_k.stacked;
	os_k.stacked = from;
	dispatch(to, &from->sp, on_shared_stack(from) && on_shared_stack(to), READY);
}

/*
 * The running task leaves RUNNING for state (taken after its PostTaskHook):
 * run the higher of the ready queue's top and the last preempted task, the
 * latter on a tie. save: where the leaving task's context goes, NULL when
 * it ended (then this does not return). Kernel locked, task level.
 */
void os_sched_leave_task(uint32_t **save, uint8_t state)
{
	struct os_tcb *last = os_k.stacked;
	struct os_tcb *to;

	/* The idle loop is below every task that runs. */
	OS_ASSERT(last != NULL && os_k.running != OS_IDLE && state != RUNNING);
	if (os_rq_top() > last->prio) {
		to = os_rq_pop_locked();
	} else {
		to = last;
		os_k.stacked = last->below;
	}
	dispatch(to, save, 0, state);
}

static void __attribute__((noreturn)) idle_loop(void)
{
	os_isr_nesting = 0; /* StartOS ran as if at interrupt level */
	if (os_rq_top() > 0)
		os_sched_preempt_locked();
	os_unlock_all();
	for (;;)
		arch_wait_for_interrupt();
}

/*
 * Leave the boot stack for the idle loop at the bottom of the shared stack;
 * the autostarted tasks run from there. StartOS only.
 */
void os_sched_start_idle(void)
{
	os_k.running = OS_IDLE;
	os_arch_start(NULL, OS_SHARED_STACK->top, idle_loop);
	__builtin_unreachable();
}

StatusType Schedule(void)
{
	uint32_t psr = os_lock();
	struct os_tcb *self = os_k.running;
	StatusType rc = E_OK;

	if (OS_EXTENDED && os_isr_nesting != 0)
		rc = E_OS_CALLEVEL;
	else if (OS_EXTENDED && self->res != OS_NO_RES)
		rc = E_OS_RESOURCE;
	if (rc != E_OK) {
		rc = os_error(rc, OSServiceId_Schedule, 0, 0, 0);
		goto out;
	}
	/* Give up the internal resource while a task above the OIL priority runs. */
	if (os_rq_top() > self->cfg->base_prio) {
		self->prio = self->cfg->base_prio;
		os_sched_preempt_locked();
	}
out:
	os_unlock(psr);
	return rc;
}
