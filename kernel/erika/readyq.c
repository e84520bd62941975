/*
 * The ready queue: tasks activated and not started yet, and extended tasks
 * woken from WAITING. A bitmap of the levels that hold a task gives the top
 * level with one CLZ. With one task per level and one activation (BCC1,
 * ECC1) the bit alone says which task is queued (os_level_task[]); with
 * queued activations and shared levels (BCC2, ECC2) each level is a FIFO
 * ring of task ids sized by the generator for every activation it can hold.
 */

#include "os_kernel.h"

#ifdef CONFIG_OS_MULTI_ACTIVATION

/* Queue t at the end of its level. Kernel locked. */
void os_rq_push_locked(struct os_tcb *t)
{
	unsigned int level = t->cfg->base_prio;
	const struct os_fifo_cfg *c = &os_fifo_cfg[level];
	struct os_fifo *q = &os_fifo[level];
	unsigned int slot = q->head + q->count;

	if (slot >= c->size)
		slot -= c->size;
	/* The generator gives every level room for all its activations. */
	OS_ASSERT(q->count < c->size);
	os_fifo_slots[c->first + slot] = t->id;
	q->count++;
	os_k.ready |= 1u << level;
}

/* Take the oldest task of the top level; the queue is not empty. Kernel locked. */
struct os_tcb *os_rq_pop_locked(void)
{
	unsigned int level = os_rq_top();
	const struct os_fifo_cfg *c = &os_fifo_cfg[level];
	struct os_fifo *q = &os_fifo[level];
	struct os_tcb *t = &os_tcb[os_fifo_slots[c->first + q->head]];

	OS_ASSERT(q->count != 0);
	if (++q->head == c->size)
		q->head = 0;
	if (--q->count == 0)
		os_k.ready &= ~(1u << level);
	return t;
}

#else /* one task per level, one activation */

void os_rq_push_locked(struct os_tcb *t)
{
	os_k.ready |= 1u << t->cfg->base_prio;
}

struct os_tcb *os_rq_pop_locked(void)
{
	unsigned int level = os_rq_top();

	OS_ASSERT(level != 0);
	os_k.ready &= ~(1u << level);
	return &os_tcb[os_level_task[level]];
}

#endif
