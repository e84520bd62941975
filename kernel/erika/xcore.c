/*
 * Cross-core requests (CONFIG_OS_NUM_CORES = 2): ActivateTask, ChainTask's
 * activation and SetEvent towards a task of the other core, and an alarm's
 * action on one, are queued in a ring and signalled with an SGI; the target
 * runs them in its SGI handler, an interrupt of the kernel, and a task they
 * make ready preempts at the end of it like after an ISR2.
 *
 * One single-producer single-consumer ring per ordered pair of cores. The
 * sender writes a slot and then `head`, under its own kernel lock (so all
 * tasks and ISR2s of a core are one producer); the receiver reads slots and
 * writes `tail`. No lock is shared by the cores and nobody waits for the
 * other core: a full ring is E_OS_LIMIT at once. So a vCPU that Xen
 * deschedules in the middle of a request (slot written, head not yet) delays
 * only that request: the other core keeps scheduling, and even its requests
 * to the descheduled core are queued (issue 12, the lock-holder problem).
 *
 * The doorbell is coalesced: `bell` says an SGI is on its way. The sender
 * raises one only when it sets bell from 0; the receiver clears bell before
 * it reads head, so a request published after that read rings again: no
 * wake-up is lost. bell is the one word both cores write, with atomic
 * instructions only, never waited on.
 */

#include <stddef.h>

#include <erika/arch/cpu.h>
#include <erika/drivers/irq.h>

#include "os_kernel.h"

#define QLEN CONFIG_OS_XCORE_QUEUE_LEN
_Static_assert((QLEN & (QLEN - 1)) == 0, "CONFIG_OS_XCORE_QUEUE_LEN must be a power of two");

struct xreq {
	EventMaskType mask; /* SetEvent */
	uint8_t service;    /* OSServiceId_ActivateTask, _ChainTask or _SetEvent */
	uint8_t task;
};

/* Each index in a cache line of its own: the sender's, the receiver's, the shared bell. */
struct ring {
	uint32_t head __attribute__((aligned(64))); /* sender: requests published */
	uint32_t tail __attribute__((aligned(64))); /* receiver: requests taken */
	uint32_t bell __attribute__((aligned(64))); /* both, atomically: an SGI is on its way */
	struct xreq slot[QLEN] __attribute__((aligned(64)));
};

/* rings[from][to]; the diagonal is not used. */
static struct ring rings[OS_NUM_CORES][OS_NUM_CORES];

StatusType os_xcore_send_locked(CoreIdType to, OSServiceIdType service, TaskType task,
				EventMaskType mask)
{
	struct ring *q = &rings[os_core_id()][to];
	uint32_t head = q->head;
	struct xreq *r;

	/* The receiver copies a slot out before it moves tail past it. */
	if (head - __atomic_load_n(&q->tail, __ATOMIC_ACQUIRE) >= QLEN)
		return E_OS_LIMIT;
	r = &q->slot[head % QLEN];
	r->service = service;
	r->task = (uint8_t)task;
	r->mask = mask;
#ifdef CONFIG_OS_XCORE_TEST_HOOK
	os_xcore_test_before_publish(to);
#endif
	__atomic_store_n(&q->head, head + 1u, __ATOMIC_RELEASE);
	if (__atomic_exchange_n(&q->bell, 1u, __ATOMIC_SEQ_CST) == 0)
		(void)irq_raise_sgi_to(to, CONFIG_OS_XCORE_SGI);
	return E_OK;
}

/* Run one request on its target core; errors go to the ErrorHook here. Kernel locked. */
static void run_locked(const struct xreq *r)
{
	StatusType rc;

#ifdef CONFIG_OS_EXTENDED_TASKS
	if (r->service == OSServiceId_SetEvent) {
		rc = os_event_set_locked(r->task, r->mask);
		if (rc != E_OK)
			(void)os_error(rc, OSServiceId_SetEvent, r->task, r->mask, 0);
		return;
	}
#endif
	rc = os_task_activate_locked(&os_tcb[r->task]);
	if (rc != E_OK)
		(void)os_error(rc, r->service, r->task, 0, 0);
}

/* Take what the ring holds now (at most QLEN requests), oldest first. */
static void drain_locked(struct ring *q)
{
	uint32_t tail = q->tail;
	uint32_t head;

	/* Cleared before head is read: a request published after the read rings again. */
	__atomic_store_n(&q->bell, 0u, __ATOMIC_SEQ_CST);
	head = __atomic_load_n(&q->head, __ATOMIC_ACQUIRE);
	while (tail != head) {
		struct xreq r = q->slot[tail % QLEN];

		__atomic_store_n(&q->tail, ++tail, __ATOMIC_RELEASE); /* the slot is free again */
		run_locked(&r);
	}
}

/* The cross-core SGI: shut down, or run the requests of every other core. IRQs masked. */
static void xcore_isr(void *unused)
{
	CoreIdType me = os_core_id();

	(void)unused;
	if (__atomic_load_n(&os_shutting_down, __ATOMIC_ACQUIRE) != 0)
		os_core_halt();
	for (CoreIdType from = 0; from < OS_NUM_CORES; from++)
		if (from != me)
			drain_locked(&rings[from][me]);
}

void os_xcore_connect(void)
{
	int rc;

	/* SGIs are banked per vCPU (handler, priority, enable): each core connects its own. */
	rc = irq_connect(CONFIG_OS_XCORE_SGI, CONFIG_OS_XCORE_IRQ_PRIORITY, xcore_isr, NULL);
	if (rc == 0)
		rc = irq_enable(CONFIG_OS_XCORE_SGI);
	if (rc != 0)
		os_fatal(E_OS_SYS_INIT, OSServiceId_StartOS, "cannot connect",
			 "the cross-core SGI");
}

void os_xcore_shutdown(void)
{
	for (CoreIdType c = 0; c < OS_NUM_CORES; c++)
		if (c != os_core_id())
			(void)irq_raise_sgi_to(c, CONFIG_OS_XCORE_SGI);
}
