/*
 * Kernel benchmark. Each figure is the mean over ROUNDS runs of the
 * virtual counter's ticks, the cost of reading the counter taken out, and
 * the same in ns. Under QEMU's `-icount shift=4` with -smp 1 every
 * instruction takes 16 ns of virtual time, one tick of the 62.5 MHz counter:
 * the ticks are instruction counts (Xen's own instructions on the interrupt
 * path included). Printed as `bench: <what>: <ticks> ticks <ns> ns`, then
 * the test protocol's END line; the figures are reported, not checked.
 */

#include <erika/drivers/irq.h>
#include <erika/drivers/timer.h>
#include <erika/os.h>
#include <erika_test.h>

#define ROUNDS 200u

static uint32_t read_cost;
/* Counter at main() before StartOS, and at the first instruction of the first task. */
static uint64_t t_main, t_first_task;
static volatile uint32_t t_task, t_task_end, t_isr;
static volatile int lo_runs, isr_seen;

static inline uint32_t now(void)
{
	return (uint32_t)vtimer_count();
}

/* Mean ticks and ns of `counts` over `n` runs of `reads` counter reads each. */
static void report(const char *what, uint64_t counts, uint32_t n, uint32_t reads)
{
	uint64_t overhead = (uint64_t)reads * read_cost * n;
	uint64_t c = counts > overhead ? counts - overhead : 0;
	uint64_t ticks10 = c * 10 / n;
	uint64_t ns = c * 1000000000ull / vtimer_frequency() / n;

	printk("bench: %-46s %6u.%u ticks %7u ns\n", what, (unsigned int)(ticks10 / 10),
	       (unsigned int)(ticks10 % 10), (unsigned int)ns);
}

TASK(Hi)
{
	t_task = now();
	t_task_end = now();
	(void)TerminateTask();
}

TASK(Lo)
{
	if (++lo_runs == (int)ROUNDS)
		(void)SetEvent(Main, EvDone);
	(void)TerminateTask();
}

TASK(Ping)
{
	for (;;) {
		(void)WaitEvent(EvPing);
		t_task = now();
		(void)ClearEvent(EvPing);
		t_task_end = now();
	}
}

/* The instructions of a long kernel critical section, about 4 per turn. */
#define BUSY_TURNS 5000u
static volatile uint32_t t_raise, t_isr1;
static volatile int isr1_seen;

ISR(Fast)
{
	t_isr1 = now();
	isr1_seen = 1;
}

/*
 * An alarm callback: it runs inside IncrementCounter with the kernel lock
 * held. It raises Fast's SGI, then stays BUSY_TURNS turns in the kernel.
 */
ALARMCALLBACK(busy_section)
{
	t_raise = now();
	(void)irq_raise_sgi(8);
	for (volatile uint32_t i = 0; i < BUSY_TURNS; i++)
		;
}

ISR(Sgi)
{
	t_isr = now();
	(void)ActivateTask(Hi);
	isr_seen = 1;
}

static void bench_activate(void)
{
	uint64_t in = 0, out = 0;

	for (uint32_t i = 0; i < ROUNDS; i++) {
		uint32_t t0 = now();

		(void)ActivateTask(Hi);
		out += now() - t_task_end;
		in += t_task - t0;
	}
	report("ActivateTask, preempting (call -> task)", in, ROUNDS, 1);
	report("TerminateTask -> preempted task resumes", out, ROUNDS, 1);
}

static void bench_activate_no_preempt(void)
{
	uint64_t sum = 0;

	lo_runs = 0;
	for (uint32_t i = 0; i < ROUNDS; i++) {
		uint32_t t0 = now();

		(void)ActivateTask(Lo);
		sum += now() - t0;
	}
	report("ActivateTask, not preempting", sum, ROUNDS, 1);
	(void)WaitEvent(EvDone); /* Lo runs its activations meanwhile */
	(void)ClearEvent(EvDone);
}

static void bench_events(void)
{
	uint64_t in = 0, out = 0;

	(void)ActivateTask(Ping); /* runs up to its WaitEvent */
	for (uint32_t i = 0; i < ROUNDS; i++) {
		uint32_t t0 = now();

		(void)SetEvent(Ping, EvPing);
		out += now() - t_task_end;
		in += t_task - t0;
	}
	report("SetEvent -> WaitEvent returns (switch)", in, ROUNDS, 1);
	report("WaitEvent -> setter resumes (switch)", out, ROUNDS, 1);
}

static void bench_resource(void)
{
	uint32_t t0 = now();

	for (uint32_t i = 0; i < ROUNDS; i++) {
		(void)GetResource(Res);
		(void)ReleaseResource(Res);
	}
	report("GetResource + ReleaseResource", now() - t0, ROUNDS, 0);
	t0 = now();
	for (uint32_t i = 0; i < ROUNDS; i++)
		(void)Schedule();
	report("Schedule, nothing to do", now() - t0, ROUNDS, 0);
}

/* The virtual timer, programmed directly (CNTV_CVAL, CNTV_CTL). */
static volatile uint32_t t_vtimer;
static volatile int vtimer_seen;

static void vtimer_arm(uint64_t deadline)
{
	__asm__ volatile("mcrr p15, 3, %0, %1, c14" ::"r"((uint32_t)deadline),
			 "r"((uint32_t)(deadline >> 32))
			 : "memory");
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" ::"r"(1u) : "memory"); /* ENABLE */
}

ISR(VTimer)
{
	t_vtimer = now();
	/* Disabled, so the level-triggered line drops (Xen also set IMASK). */
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" ::"r"(0u) : "memory");
	vtimer_seen = 1;
}

static void bench_vtimer(void)
{
	uint64_t sum = 0;

	for (uint32_t i = 0; i < ROUNDS; i++) {
		uint64_t deadline = vtimer_count() + 2000u;

		vtimer_seen = 0;
		vtimer_arm(deadline);
		while (!vtimer_seen)
			;
		sum += t_vtimer - (uint32_t)deadline;
	}
	report("virtual timer deadline -> ISR2 body (Xen, vGIC)", sum, ROUNDS, 1);
}

static void bench_isr(void)
{
	uint64_t raise = 0, to_task = 0;

	for (uint32_t i = 0; i < ROUNDS; i++) {
		uint32_t t0;

		isr_seen = 0;
		t0 = now();
		(void)irq_raise_sgi(7);
		while (!isr_seen)
			;
		raise += t_isr - t0;
		to_task += t_task - t_isr;
	}
	report("SGI raised -> ISR2 body (Xen, vGIC, entry)", raise, ROUNDS, 1);
	report("ISR2 body -> task it activated (exit, switch)", to_task, ROUNDS, 1);
}

/*
 * ISR1 latency: the SGI raised from task code outside the kernel, then from
 * inside a long kernel critical section (an alarm callback of
 * IncrementCounter). A kernel that masks category 1 ISRs makes the second
 * wait for the end of the section.
 */
static void bench_isr1(void)
{
	uint64_t idle = 0, busy = 0;

	for (uint32_t i = 0; i < ROUNDS; i++) {
		uint32_t t0;

		isr1_seen = 0;
		t0 = now();
		(void)irq_raise_sgi(8);
		while (!isr1_seen)
			;
		idle += t_isr1 - t0;
	}
	report("SGI raised -> ISR1 body, kernel not busy", idle, ROUNDS, 1);
	for (uint32_t i = 0; i < ROUNDS / 4; i++) {
		isr1_seen = 0;
		(void)SetRelAlarm(Busy, 1, 0);
		(void)IncrementCounter(Soft);
		while (!isr1_seen)
			;
		busy += t_isr1 - t_raise;
	}
	report("SGI raised -> ISR1 body, in a kernel section", busy, ROUNDS / 4, 1);
}

static void test_bench(void)
{
	uint32_t t0 = now();

	for (uint32_t i = 0; i < ROUNDS; i++)
		(void)now();
	read_cost = (now() - t0) / ROUNDS;
	printk("bench: counter %u Hz, a read costs %u counts\n", (unsigned int)vtimer_frequency(),
	       (unsigned int)read_cost);
	bench_activate();
	bench_activate_no_preempt();
	bench_events();
	bench_resource();
	bench_isr();
	bench_isr1();
	bench_vtimer();
	/*
	 * Xen starts a domain's virtual counter at 0 when it creates the domain
	 * (the vtimer offset), so the counter is also the path from there.
	 */
	report("domain created -> main() (Xen + guest boot)", t_main, 1, 0);
	report("StartOS -> first task", t_first_task - t_main, 1, 1);
	report("domain created -> first task", t_first_task, 1, 0);
}

TASK(Main)
{
	if (t_first_task == 0)
		t_first_task = vtimer_count();
	RUN_TEST(test_bench);
	(void)test_summary();
	ShutdownOS(E_OK);
}

int main(void)
{
	t_main = vtimer_count();
	StartOS(OSDEFAULTAPPMODE);
}
