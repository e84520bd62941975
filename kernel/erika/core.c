/*
 * The cores (CONFIG_OS_NUM_CORES = 2): each core's scheduler state, StartOS
 * on both cores, GetCoreID, ShutdownOS from either (startup.c has the
 * one-core StartOS and ShutdownOS).
 *
 * Start (AUTOSAR OS SWS_Os_00579/00580): core 0's StartOS initialises what
 * every core reads (task control blocks, stack guards) and its own part
 * (autostart, ISRs, the cross-core SGI), then lets core 1 go. Core 1 waits in
 * arch_secondary_main() (arch/arm/xen/smp.c brought it up before main()),
 * does its own part and arrives at barrier 1; core 0 waits there (bounded:
 * a core that never arrives stops the OS), runs the StartupHook once and
 * opens barrier 2; then each core enters its idle loop and its autostarted
 * tasks run. Each core connects its ISRs while the other waits, so the two
 * never change the distributor at the same time.
 *
 * Nothing here is written by both cores but os_shutting_down (one atomic
 * compare-and-swap); each start word has one writer.
 */

#include <erika/arch/cpu.h>
#include <erika/arch/smp.h>
#include <erika/devicetree.h>
#include <erika/drivers/irq_mask.h>
#include <erika/init.h>
#include <erika/platform.h>

#include <erika/drivers/timer.h>

#include "os_kernel.h"
#include "os_start.h"

#if DT_CPU_COUNT < OS_NUM_CORES
#error "CONFIG_OS_NUM_CORES = 2 needs a devicetree with two okay cpu nodes (a cpu@1 overlay)"
#endif

extern const struct os_stack os_isr_stack_area;
extern const struct os_stack os_isr_stack_area1;

/* Before StartOS each idle loop is "running": an early interrupt dispatches nothing. */
struct os_core os_core[OS_NUM_CORES] = {
	{
		.k = { .running = &os_tcb[OS_NUM_TASKS] },
		.idle = &os_tcb[OS_NUM_TASKS],
		.shared = &os_shared_stacks[0],
		.isr_stack = &os_isr_stack_area,
		.pmr = IRQ_MASK_NONE,
		.id = 0,
	},
	{
		.k = { .running = &os_tcb[OS_NUM_TASKS + 1] },
		.idle = &os_tcb[OS_NUM_TASKS + 1],
		.shared = &os_shared_stacks[1],
		.isr_stack = &os_isr_stack_area1,
		.pmr = IRQ_MASK_NONE,
		.id = 1,
	},
};

/* The start handshake: each word has one writer. */
static struct {
	uint32_t go;	/* core 0: the common part is done, mode is valid */
	uint32_t mode;	/* core 0: StartOS's application mode */
	uint32_t ready; /* core 1: its part is done (barrier 1) */
	uint32_t run;	/* core 0: the StartupHook ran (barrier 2) */
} start;

/* 0 until the first ShutdownOS: then 1 + the core that called it. */
uint32_t os_shutting_down;

/* How long core 0 waits at barrier 1, in counter time and polls: a hang guard. */
#define START_TIMEOUT_MS 5000u
#define START_MIN_POLLS	 1000000u

static void bind_core(unsigned int core)
{
	CP15_WRITE(0, c13, c0, 4, (uint32_t)(uintptr_t)&os_core[core]); /* TPIDRPRW */
	isb();
}

/* Core 0's state from the first start-up level on: an interrupt's hooks read it. */
static int bind_core0(void)
{
	bind_core(0);
	return 0;
}
SYS_INIT(bind_core0, EARLY, 0);

CoreIdType GetCoreID(void)
{
	return os_core_id();
}

static void signal(uint32_t *word, uint32_t value)
{
	__atomic_store_n(word, value, __ATOMIC_RELEASE);
	dsb();
	__asm__ volatile("sev" ::: "memory");
}

static void wait_for(const uint32_t *word)
{
	while (!__atomic_load_n(word, __ATOMIC_ACQUIRE))
		__asm__ volatile("wfe" ::: "memory"); /* Xen traps WFE: a yield */
}

/* Barrier 1, core 0's side: 1 when core 1 arrived in time. */
static int wait_bounded(const uint32_t *word)
{
	uint64_t begin = vtimer_count();
	uint64_t limit = vtimer_ms_to_ticks(START_TIMEOUT_MS);
	uint32_t polls = 0;

	/* Time and polls: under TCG a busy host slows the guest, not the counter. */
	while (!__atomic_load_n(word, __ATOMIC_ACQUIRE))
		if (++polls >= START_MIN_POLLS && vtimer_count() - begin > limit)
			return 0;
	return 1;
}

/*
 * The running core's part of StartOS (core 0 first, then core 1): its
 * autostart tasks and alarms, its ISRs and the cross-core SGI. Interrupts
 * stay masked until the core's idle loop. Kernel locked.
 */
static void core_init_locked(AppModeType mode)
{
	os_isr_nesting = 1; /* until the idle loop: services queue tasks as an ISR's would */
	os_k.appmode = mode;
	os_k.isr_res = OS_NO_RES;
	os_autostart_tasks_locked(mode);
#if OS_NUM_ALARMS > 0
	if (mode < OS_NUM_APPMODES)
		os_alarm_autostart(mode);
#endif
	os_isr_connect();
	os_xcore_connect();
}

/*
 * Core 0, from main(): what every core reads (task control blocks, stack
 * guards), its own part, then core 1's, the StartupHook between the two
 * barriers, the idle loop.
 */
void StartOS(AppModeType mode)
{
	(void)os_lock();
	os_stack_init();
	os_init_tasks_locked();
	core_init_locked(mode);
	start.mode = mode;
	signal(&start.go, 1);
	if (!wait_bounded(&start.ready))
		os_fatal(E_OS_SYS_INIT, OSServiceId_StartOS, "core did not start", "core 1");
#if OS_HOOK_STARTUP
	StartupHook();
#endif
	os_counter_start(); /* core 0's system counter, if it has one */
	signal(&start.run, 1);
	os_sched_start_idle();
}

/*
 * Core 1's part of StartOS. Not inlined: os_this_core()'s read of TPIDRPRW
 * is not volatile, so within one function the compiler could move it above
 * bind_core()'s write.
 */
static void __attribute__((noinline, noreturn)) secondary_start(void)
{
	(void)os_lock();
	wait_for(&start.go); /* until core 0's StartOS: not bounded, main() may run long */
	core_init_locked(start.mode);
	signal(&start.ready, 1);
	wait_for(&start.run);
	os_counter_start(); /* core 1's system counter, on its own virtual timer */
	os_sched_start_idle();
}

/* vCPU 1, up with its MMU, stacks and GIC CPU interface, IRQs masked (smp.c). */
void arch_secondary_main(unsigned int cpu)
{
	if (cpu >= OS_NUM_CORES) {
		for (;;)
			arch_wait_for_interrupt(); /* IRQs masked: a core the kernel does not use */
	}
	bind_core(cpu);
	secondary_start();
}

void os_core_halt(void)
{
	arch_irq_disable();
#if OS_HAS_SYSTEM_COUNTER
	vtimer_stop(); /* this core's timer (a core without a system counter has none running) */
#endif
	for (;;)
		arch_wait_for_interrupt();
}

/*
 * The first caller on any core: the other core is told to stop (the
 * cross-core SGI), the ShutdownHook runs once, here, then the domain ends,
 * which stops every vCPU. The other core calling it meanwhile just stops;
 * the same core calling it again (from its ShutdownHook) ends the domain.
 */
void ShutdownOS(StatusType Error)
{
	uint32_t first = 0, me = os_core_id() + 1u;

	(void)os_lock();
	if (__atomic_compare_exchange_n(&os_shutting_down, &first, me, 0, __ATOMIC_SEQ_CST,
					__ATOMIC_SEQ_CST)) {
		os_xcore_shutdown();
#if OS_HOOK_SHUTDOWN
		ShutdownHook(Error);
#endif
	} else if (first != me) {
		os_core_halt();
	}
#if OS_HAS_SYSTEM_COUNTER
	vtimer_stop(); /* the calling core's; the other's stopped with its core */
#endif
	if (Error == E_OK)
		platform_power_off();
	platform_crash();
}
