/*
 * Kernel-internal state and the functions the kernel files call each other.
 *
 * Naming of the calling context (ChibiOS style):
 *   Xxx()          OSEK service: takes the kernel lock itself
 *   os_xxx_locked  kernel lock held (IRQs masked), task or interrupt level
 *   os_xxx_task    kernel lock held, task level only (may switch tasks)
 *   os_xxx_isr     interrupt level (the IRQ entry, the system tick)
 * The kernel lock is the GIC's priority mask at OS_LOCK_PMR (one core): it
 * keeps out every category 2 ISR and every interrupt of the kernel and its
 * drivers (the system timer's), not the category 1 ISRs, which the
 * generator puts above them all and which call no kernel service.
 *
 * Scheduling model: the running task, the list of tasks it preempted (each
 * preempted by the one above it, so their levels increase upwards; the idle
 * loop is always at the bottom), and the ready queue of tasks that are not
 * started yet or were woken from WAITING. A queued task preempts the running
 * one when its level is strictly higher; when the running task ends or waits,
 * the higher of the queue's top and the most recently preempted task runs,
 * the preempted one winning a tie (OSEK: it is the oldest of its priority).
 */
#ifndef ERIKA_OS_KERNEL_H
#define ERIKA_OS_KERNEL_H

#include <stdint.h>

#include <erika/arch/arm_regs.h>
#include <erika/arch/cpu.h>
#include <erika/drivers/irq_mask.h>
#include <erika/os.h>

#include "os_cfg_types.h"

#ifdef CONFIG_OS_STATUS_EXTENDED
#define OS_EXTENDED 1
#else
#define OS_EXTENDED 0
#endif

#define OS_LEVEL_ISR0 (OS_NUM_TASK_LEVELS + 1) /* the lowest interrupt level */

/* The guard pattern of the two lowest words of every stack. */
#define OS_STACK_GUARD 0xe7fedef0u

struct os_kernel {
	struct os_tcb *running;	      /* OS_IDLE when no task runs */
	struct os_tcb *stacked;	      /* preempted tasks, the latest first */
	uint32_t ready;		      /* bit n: the ready queue has a task of level n */
	const struct os_isr_cfg *isr; /* the OIL ISR running, NULL at task level */
	uint8_t isr_prio;	      /* its level, raised by the resources it takes */
	uint8_t isr_res;	      /* the last resource it took */
	uint8_t in_error_hook;
	AppModeType appmode;
};

#if OS_NUM_CORES > 1

/*
 * What one core's scheduler owns (core.c): its kernel state, the counters of
 * its interrupt hooks and services, its RES_SCHEDULER. Written by that core
 * only; a cache line of its own per core (Cortex-A7/A15: 64 bytes).
 */
struct os_core {
	struct os_kernel k;
	struct os_tcb *idle;		  /* this core's idle loop */
	const struct os_stack *shared;	  /* its basic tasks' stack */
	const struct os_stack *isr_stack; /* its interrupt stack */
	uint32_t isr_nesting;		  /* os_isr_nesting */
	uint8_t pmr;			  /* os_pmr */
	uint8_t id;			  /* CoreIdType */
	struct os_rcb res_scheduler;	  /* RES_SCHEDULER: each core has its own */
	uint32_t disable_all_psr;	  /* interrupt.c */
	uint32_t suspend_all_psr;
	uint32_t suspend_all_depth;
	uint32_t suspend_os_psr;
	uint32_t suspend_os_depth;
} __attribute__((aligned(64)));

extern struct os_core os_core[OS_NUM_CORES];

/*
 * The running core's state: TPIDRPRW (CP15 c13, c0, 4), a PL1-only register
 * of each vCPU (Xen saves it with the vCPU), set once per core before the
 * kernel runs there (core.c). Not volatile: a task never changes core, so the
 * compiler may reuse the value within a function.
 */
static inline struct os_core *os_this_core(void)
{
	struct os_core *c;

	__asm__("mrc p15, 0, %0, c13, c0, 4" : "=r"(c));
	return c;
}

/* The single-core names, now this core's. */
#define os_k	       (os_this_core()->k)
#define os_isr_nesting (os_this_core()->isr_nesting)
#define os_pmr	       (os_this_core()->pmr)
#define OS_IDLE	       (os_this_core()->idle)

static inline CoreIdType os_core_id(void)
{
	return os_this_core()->id;
}

/* Core of task id (OIL CPU_ID). */
static inline CoreIdType os_task_core(TaskType id)
{
	return os_task_cfg[id].core;
}

/* Is task id the running core's? */
#define OS_TASK_HERE(id) (os_task_core(id) == os_core_id())

#else

#define OS_IDLE		 (&os_tcb[OS_NUM_TASKS])
#define OS_TASK_HERE(id) 1

extern struct os_kernel os_k;

/* Interrupts being handled; counted by the IRQ vector's hooks (isr.c). */
extern uint32_t os_isr_nesting;

#endif

#if OS_NUM_ISRS > 0
#if OS_NUM_CORES == 1
/* GICC_PMR as the kernel last wrote it (interrupt entry does not change it). */
extern uint8_t os_pmr;
#endif

/* In an os_lock() value, above the mask's byte: the CPU's IRQ bit was set. */
#define OS_IRQ_OFF 0x100u

/*
 * Take the kernel lock. Returns what os_unlock() restores: the priority mask
 * (low byte) and the CPU's IRQ mask bit. The hardware mask is written before
 * its copy: an interrupt taken as the write lands is acknowledged as
 * spurious, and arch_isr_exit() sees the lock and dispatches nothing.
 */
static inline uint32_t os_lock(void)
{
	uint32_t psr, old = os_pmr;

	__asm__ volatile("mrs %0, cpsr" : "=r"(psr)::"memory");
	if (old > OS_LOCK_PMR) {
		irq_priority_mask(OS_LOCK_PMR);
		os_pmr = OS_LOCK_PMR;
	}
	return (psr & PSR_I_BIT ? OS_IRQ_OFF : 0u) | old;
}

/* Set the priority mask back to pmr: the copy first (see os_unlock()). */
static inline void os_pmr_restore(uint8_t pmr)
{
	if (pmr != os_pmr) {
		os_pmr = pmr;
		irq_priority_mask(pmr);
	}
}

/*
 * Restore what os_lock() returned (or OS_UNLOCKED): the copy first, so an
 * ISR1 that comes in meanwhile sees the kernel open; the IRQ bit last (a
 * task resumed after a switch at the end of an interrupt runs with it set).
 */
static inline void os_unlock(uint32_t saved)
{
	os_pmr_restore((uint8_t)saved);
	if (!(saved & OS_IRQ_OFF))
		arch_irq_enable();
}

#else /* no OIL ISR: nothing above the kernel, the CPU's IRQ mask is the lock */

static inline uint32_t os_lock(void)
{
	return arch_irq_save();
}

static inline void os_unlock(uint32_t psr)
{
	arch_irq_restore(psr);
}

#endif

/* A task starting, the idle loop: the lock open, the IRQ bit clear. */
static inline void os_unlock_all(void)
{
#if OS_NUM_ISRS > 0
	os_unlock(IRQ_MASK_NONE);
#else
	arch_irq_enable();
#endif
}

/* ResumeOSInterrupts: the lock as SuspendOSInterrupts found it, not the IRQ bit. */
static inline void os_unlock_os_interrupts(uint32_t saved)
{
#if OS_NUM_ISRS > 0
	os_pmr_restore((uint8_t)saved);
#else
	os_unlock(saved);
#endif
}

static inline TaskType os_task_id(const struct os_tcb *t)
{
	return t == OS_IDLE ? INVALID_TASK : t->id;
}

/* Ready queue (readyq.c). Kernel locked. */
void os_rq_push_locked(struct os_tcb *t);
struct os_tcb *os_rq_pop_locked(void);

/* The highest level with a queued task, 0 (idle) when none. */
static inline unsigned int os_rq_top(void)
{
	return 31u - (unsigned int)__builtin_clz(os_k.ready | 1u);
}

/* Dispatcher (sched.c). */
void os_sched_preempt_locked(void);
void os_sched_leave_task(uint32_t **save, uint8_t state);
void os_sched_start_idle(void) __attribute__((noreturn));

/* Let the top of the ready queue preempt the running task if it must. */
static inline void os_sched_check_task(void)
{
	if (os_isr_nesting == 0 && os_rq_top() > os_k.running->prio)
		os_sched_preempt_locked();
}

/* Tasks (task.c). */
StatusType os_task_activate_locked(struct os_tcb *t);
void os_task_entry(void) __attribute__((noreturn));

/* The control block of resource id: RES_SCHEDULER's is the running core's. */
static inline struct os_rcb *os_rcb_of(unsigned int id)
{
#if OS_NUM_CORES > 1
	if (os_res_cfg[id].core == OS_CORE_ANY)
		return &os_this_core()->res_scheduler;
#endif
	return &os_rcb[id];
}

#if OS_NUM_CORES > 1
/*
 * Cross-core requests (xcore.c): ask core `to` to run service (ActivateTask,
 * ChainTask's activation, SetEvent) on its task. E_OK once queued,
 * E_OS_LIMIT when the ring to that core is full (nothing queued). What the
 * target finds wrong goes to the ErrorHook there. Kernel locked.
 */
StatusType os_xcore_send_locked(CoreIdType to, OSServiceIdType service, TaskType task,
				EventMaskType mask);
/* Connect and enable the cross-core SGI on the running core. StartOS, kernel locked. */
void os_xcore_connect(void);
/* Tell the other cores to stop (ShutdownOS). */
void os_xcore_shutdown(void);
/* Stop the running core for good: interrupts masked, no more dispatching. */
void os_core_halt(void) __attribute__((noreturn));
/* Set once by the first ShutdownOS of any core. */
extern uint32_t os_shutting_down;
#endif

/* Events (event.c), for alarms. */
StatusType os_event_set_locked(TaskType id, EventMaskType mask);

/* Counters and alarms (counter.c, alarm.c). */
void os_counter_tick_locked(unsigned int counter);
void os_counter_start(void);
void os_alarm_autostart(AppModeType mode);
void os_alarm_expire_locked(struct os_alarm *a);

/* Interrupts (isr.c, startup.c). */
void os_isr_connect(void);

/* Stacks (stack.c). */
void os_stack_init(void);
void os_stack_fault(const char *name) __attribute__((noreturn));

/* A damaged guard of stack s (of task or ISR stack `name`) stops the OS. */
static inline void os_stack_check(const struct os_stack *s, const char *name)
{
#ifdef CONFIG_OS_STACK_CHECK
	if (s->base[0] != OS_STACK_GUARD || s->base[1] != OS_STACK_GUARD)
		os_stack_fault(name);
#else
	(void)s;
	(void)name;
#endif
}

/*
 * An error the OS cannot continue after: print what and name, call the
 * ErrorHook with e and service (the running task is still the one at
 * fault), then ShutdownOS(e). Kernel locked.
 */
void os_fatal(StatusType e, OSServiceIdType service, const char *what, const char *name)
	__attribute__((noreturn));

/* A kernel invariant (CONFIG_OS_ASSERT): broken, it stops the OS. */
#ifdef CONFIG_OS_ASSERT
#define OS_ASSERT(cond)                                                                            \
	do {                                                                                       \
		if (!(cond))                                                                       \
			os_fatal(E_OS_SYS_ASSERT, OSServiceId_Kernel, "kernel invariant broken",   \
				 #cond);                                                           \
	} while (0)
#else
#define OS_ASSERT(cond) ((void)0)
#endif

/* Errors (error.c): report to the ErrorHook, give e back. Kernel locked. */
#if OS_HOOK_ERROR
StatusType os_error(StatusType e, OSServiceIdType service, uintptr_t p0, uintptr_t p1,
		    uintptr_t p2);
#else
static inline StatusType os_error(StatusType e, OSServiceIdType service, uintptr_t p0, uintptr_t p1,
				  uintptr_t p2)
{
	(void)service;
	(void)p0;
	(void)p1;
	(void)p2;
	return e;
}
#endif

/* Context switch primitives (arch/arm/xen/os_switch.S). Kernel locked. */

/* Save the current context at *save (unless save is NULL), resume sp. */
void os_arch_switch(uint32_t **save, uint32_t *sp);

/*
 * Save the current context at *save (unless NULL), then run entry on a new
 * stack: from top, or just below the saved context when top is NULL.
 */
void os_arch_start(uint32_t **save, uint32_t *top, void (*entry)(void));

#endif /* ERIKA_OS_KERNEL_H */
