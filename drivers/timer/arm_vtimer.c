/*
 * Periodic tick from the ARM virtual timer. The next deadline is always the
 * previous deadline plus one period (CNTV_CVAL), so interrupt latency never
 * accumulates into drift. Xen sets CNTV_CTL.IMASK when it injects the timer
 * interrupt; re-arming writes ENABLE without IMASK again.
 */

#include <stdint.h>

#include <erika/arch/cpu.h>
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

static void (*tick_fn)(void *arg);
static void *tick_arg;
static uint64_t period;
static uint64_t deadline;
static volatile uint64_t ticks;
static int connected;

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

static void vtimer_isr(void *unused)
{
	unsigned int n = 0;

	(void)unused;
	/* Early or stray injection: the loop runs zero times and re-arms. */
	while (vtimer_count() >= deadline && n < MAX_CATCH_UP) {
		deadline += period;
		ticks = ticks + 1;
		n++;
		tick_fn(tick_arg);
	}
	arm_timer(deadline);
}

int vtimer_start_periodic(uint32_t period_ticks, void (*tick)(void *arg), void *arg)
{
	if (period_ticks == 0 || tick == 0)
		return -EINVAL;
	if (tick_fn != 0)
		return -EBUSY;
	if (!connected) {
		int rc = irq_connect(VTIMER_IRQ, CONFIG_ARM_VTIMER_IRQ_PRIORITY, vtimer_isr, 0);

		if (rc < 0)
			return rc;
		(void)irq_configure(VTIMER_IRQ, VTIMER_FLAGS);
		connected = 1;
	}
	tick_fn = tick;
	tick_arg = arg;
	period = period_ticks;
	ticks = 0;
	deadline = vtimer_count() + period;
	arm_timer(deadline);
	return irq_enable(VTIMER_IRQ);
}

void vtimer_stop(void)
{
	cntv_ctl_write(CNTV_CTL_IMASK);
	if (connected)
		(void)irq_disable(VTIMER_IRQ);
	tick_fn = 0;
}

uint64_t vtimer_tick_count(void)
{
	uint64_t a, b;

	/* Two 32-bit loads can straddle an update by the interrupt: read until stable. */
	do {
		a = ticks;
		b = ticks;
	} while (a != b);
	return a;
}
