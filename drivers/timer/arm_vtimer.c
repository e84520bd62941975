/*
 * Periodic tick from the ARM virtual timer. The next deadline is always the
 * previous deadline plus one period (CNTV_CVAL), so interrupt latency never
 * accumulates into drift. Xen sets CNTV_CTL.IMASK when it injects the timer
 * interrupt; re-arming writes ENABLE without IMASK again.
 *
 * The timer and its PPI are per vCPU (Xen saves CNTV_CTL/CVAL per vCPU; the
 * count is the domain's): with two vCPUs each has its own tick, started and
 * stopped on it.
 */

#include <stdint.h>

#include <erika/arch/cpu.h>
#include <erika/arch/smp.h>
#include <erika/devicetree.h>
#include <erika/drivers/irq.h>
#include <erika/drivers/timer.h>
#include <erika/errno.h>

/* arch_timer interrupts: secure phys, non-secure phys, virtual, hyp. */
#define TIMER_NODE	DT_INST(0, arm_armv7_timer)
#define VTIMER_IRQ	DT_IRQ_INTID_BY_IDX(TIMER_NODE, 2)
#define VTIMER_FLAGS	DT_IRQ_FLAGS_BY_IDX(TIMER_NODE, 2)

#define CNTV_CTL_ENABLE (1u << 0)
#define CNTV_CTL_IMASK	(1u << 1)

/* Ticks delivered in one interrupt at most; the rest follow at once after. */
#define MAX_CATCH_UP 16u

struct vtimer {
	void (*tick_fn)(void *arg);
	void *tick_arg;
	uint64_t period;
	uint64_t deadline;
	volatile uint64_t ticks;
	int connected;
};

#if DT_CPU_COUNT > 1
/* One per vCPU, each in a cache line of its own: written only by its vCPU. */
static struct vtimer per_cpu[DT_CPU_COUNT] __attribute__((aligned(64)));
#define THIS (&per_cpu[arch_cpu_id()])
#else
static struct vtimer one;
#define THIS (&one)
#endif

static void cntv_ctl_write(uint32_t ctl)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 1" ::"r"(ctl) : "memory");
	isb();
}

static void cntv_cval_write(uint64_t cval)
{
	__asm__ volatile("mcrr p15, 3, %0, %1, c14" ::"r"((uint32_t)cval),
			 "r"((uint32_t)(cval >> 32))
			 : "memory");
}

/* Arm for deadline: compare value first, then enable without the mask. */
static void arm_timer(uint64_t when)
{
	cntv_cval_write(when);
	cntv_ctl_write(CNTV_CTL_ENABLE);
}

static void vtimer_isr(void *arg)
{
	struct vtimer *t = arg;
	unsigned int n = 0;

	/* Early or stray injection: the loop runs zero times and re-arms. */
	while (vtimer_count() >= t->deadline && n < MAX_CATCH_UP) {
		t->deadline += t->period;
		t->ticks = t->ticks + 1;
		n++;
		t->tick_fn(t->tick_arg);
	}
	arm_timer(t->deadline);
}

int vtimer_start_periodic(uint32_t period_ticks, void (*tick)(void *arg), void *arg)
{
	struct vtimer *t = THIS;

	if (period_ticks == 0 || tick == 0)
		return -EINVAL;
	if (t->tick_fn != 0)
		return -EBUSY;
	if (!t->connected) {
		/* The PPI is banked: connected in this vCPU's own table entry. */
		int rc = irq_connect(VTIMER_IRQ, CONFIG_ARM_VTIMER_IRQ_PRIORITY, vtimer_isr, t);

		if (rc < 0)
			return rc;
		(void)irq_configure(VTIMER_IRQ, VTIMER_FLAGS);
		t->connected = 1;
	}
	t->tick_fn = tick;
	t->tick_arg = arg;
	t->period = period_ticks;
	t->ticks = 0;
	t->deadline = vtimer_count() + t->period;
	arm_timer(t->deadline);
	return irq_enable(VTIMER_IRQ);
}

void vtimer_stop(void)
{
	struct vtimer *t = THIS;

	cntv_ctl_write(CNTV_CTL_IMASK);
	if (t->connected)
		(void)irq_disable(VTIMER_IRQ);
	t->tick_fn = 0;
}

uint64_t vtimer_tick_count(void)
{
	uint64_t a, b;

	/* Two 32-bit loads can straddle an update by the interrupt: read until stable. */
	struct vtimer *t = THIS;

	do {
		a = t->ticks;
		b = t->ticks;
	} while (a != b);
	return a;
}
