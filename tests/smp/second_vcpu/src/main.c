/*
 * The second vCPU, without a multicore kernel (include/erika/arch/smp.h). The
 * image's devicetree has two cpu nodes, so vCPU 1 was started before main()
 * by PSCI CPU_ON (Arm DEN 0022D 5.1.4) and runs arch_secondary_main() below.
 * vCPU 0 checks, in order:
 *  - what vCPU 1 reported on arrival: the cpu number it was given, its MPIDR
 *    (Aff0 = 1, Xen's vCPU n), its SCTLR equal to vCPU 0's (MMU, caches on),
 *    a stack pointer inside its own boot stack;
 *  - a counter both vCPUs increment with atomics ends at the sum of both;
 *  - an SGI sent to vCPU 1 by target list (GICv2 arch spec 4.3.15, GICD_SGIR
 *    filter 0) runs its handler on vCPU 1, which answers with an SGI to vCPU 0;
 *    the four events in that order;
 *  - vCPU 1's vcpu_info was registered: a second registration is refused
 *    (xen/include/public/vcpu.h: "only once per vCPU", -EINVAL);
 *  - an event channel moved to vCPU 1 (EVTCHNOP_bind_vcpu,
 *    xen/include/public/event_channel.h) runs its handler in vCPU 1's upcall
 *    while vCPU 0 has IRQs masked; a port of the same event word that stays
 *    with vCPU 0 is pending meanwhile and is not run by vCPU 1 (the 2-level
 *    pending words are the domain's: the driver scans only its own ports),
 *    but by vCPU 0 once it unmasks; moved back, the first runs on vCPU 0;
 *  - each vCPU's virtual timer ticks on that vCPU only (CNTV_* and PPI 27
 *    are per vCPU, ARM ARM B8.1; Xen saves them per vCPU): both tick at
 *    once, every tick function runs on its own vCPU, and stopping vCPU 1's
 *    tick does not stop vCPU 0's;
 *  - PSCI: version >= 0.2, CPU_ON of vCPU 1 again gives ALREADY_ON, of a
 *    vCPU the domain does not have gives INVALID_PARAMETERS (DEN 0022D 5.1.4).
 * vCPU 1 never prints (one console, one writer): it writes what it saw to
 * memory and vCPU 0 reports.
 */

#include <stdint.h>

#include <erika/arch/cpu.h>
#include <erika/arch/smp.h>
#include <erika/drivers/irq.h>
#include <erika/drivers/timer.h>
#include <erika/xen/events.h>
#include <erika/xen/evtchn_bits.h>
#include <erika/xen/hypercall.h>

#include <erika_test.h>

#define SGI_TO_CPU1 3
#define SGI_TO_CPU0 4
#define COUNT_EACH  100000u
#define WAIT_MS	    5000u
/* A wait gives up only after this many polls too: the host's load slows the guest, not its clock. */
#define WAIT_MIN_POLLS 1000000u

/* xen/include/public/errno.h */
#define XEN_ENOENT 2
#define XEN_EINVAL 22

/* What vCPU 1 saw on arrival, written before cpu1_ready. */
static struct {
	unsigned int cpu_arg;
	unsigned int cpu_id;
	uint32_t mpidr;
	uint32_t sctlr;
	uintptr_t sp;
	int connect_rc;
	int enable_rc;
} cpu1;

static volatile unsigned int cpu1_ready;
static volatile unsigned int cpu1_go;
static volatile unsigned int cpu1_count_done;

/* Requests vCPU 0 makes of vCPU 1 once the counting is done, and vCPU 1's answers. */
enum { CMD_NONE, CMD_TIMER_START, CMD_TIMER_STOP };
static volatile unsigned int cpu1_cmd, cpu1_cmd_done;
static volatile int cpu1_cmd_rc;
static unsigned int shared_counter;

/* The order of the SGI exchange, over both vCPUs. */
enum { EV_CPU0_RAISED = 1, EV_CPU1_HANDLER, EV_CPU1_RAISED, EV_CPU0_HANDLER };
#define LOG_MAX 8
static volatile unsigned int event_log[LOG_MAX];
static unsigned int event_len;

static volatile unsigned int sgi_cpu1_hits, sgi_cpu1_ran_on = 99;
static volatile unsigned int sgi_cpu0_hits, sgi_cpu0_ran_on = 99;
static volatile int reply_rc = 1;

static void log_event(unsigned int ev)
{
	unsigned int i = __atomic_fetch_add(&event_len, 1u, __ATOMIC_SEQ_CST);

	if (i < LOG_MAX)
		event_log[i] = ev;
}

static int wait_for(const volatile unsigned int *flag, unsigned int target)
{
	uint64_t deadline = vtimer_count() + vtimer_ms_to_ticks(WAIT_MS);
	unsigned int polls = 0;

	while (*flag < target)
		if (++polls >= WAIT_MIN_POLLS && vtimer_count() >= deadline)
			return 0;
	dmb();
	return 1;
}

static void on_sgi_cpu1(void *arg)
{
	(void)arg;
	sgi_cpu1_ran_on = arch_cpu_id();
	sgi_cpu1_hits = sgi_cpu1_hits + 1;
	log_event(EV_CPU1_HANDLER);
	/* Logged before the raise: vCPU 0's handler may run before this one returns. */
	log_event(EV_CPU1_RAISED);
	reply_rc = irq_raise_sgi_to(0, SGI_TO_CPU0);
}

static void on_sgi_cpu0(void *arg)
{
	(void)arg;
	sgi_cpu0_ran_on = arch_cpu_id();
	log_event(EV_CPU0_HANDLER);
	sgi_cpu0_hits = sgi_cpu0_hits + 1;
}

/* Per-vCPU timer ticks: how many ran on each vCPU, and any that ran on the wrong one. */
static volatile unsigned int tick_hits[2], tick_wrong_cpu;

static void on_tick(void *arg)
{
	unsigned int want = (unsigned int)(uintptr_t)arg;

	if (arch_cpu_id() != want)
		tick_wrong_cpu = tick_wrong_cpu + 1;
	tick_hits[want] = tick_hits[want] + 1;
}

/* vCPU 1 runs what vCPU 0 asks (only on vCPU 1 can its own timer be started). */
static void serve_cpu1_cmd(void)
{
	unsigned int cmd = cpu1_cmd;

	if (cmd == CMD_NONE)
		return;
	if (cmd == CMD_TIMER_START) {
		cpu1_cmd_rc =
			vtimer_start_periodic((uint32_t)vtimer_ms_to_ticks(1), on_tick, (void *)1u);
	} else {
		vtimer_stop();
		cpu1_cmd_rc = 0;
	}
	cpu1_cmd = CMD_NONE;
	dmb();
	cpu1_cmd_done = cpu1_cmd_done + 1;
}

void arch_secondary_main(unsigned int cpu)
{
	volatile uint32_t probe = 0;

	cpu1.cpu_arg = cpu;
	cpu1.cpu_id = arch_cpu_id();
	cpu1.mpidr = arch_mpidr();
	cpu1.sctlr = CP15_READ(0, c1, c0, 0);
	cpu1.sp = (uintptr_t)&probe;
	/* SGI enables are banked: only this vCPU can enable its SGI. */
	cpu1.connect_rc = irq_connect(SGI_TO_CPU1, 0x80, on_sgi_cpu1, 0);
	cpu1.enable_rc = irq_enable(SGI_TO_CPU1);
	dmb();
	cpu1_ready = 1;
	arch_irq_enable();
	while (!cpu1_go)
		;
	for (unsigned int i = 0; i < COUNT_EACH; i++)
		__atomic_fetch_add(&shared_counter, 1u, __ATOMIC_RELAXED);
	dmb();
	cpu1_count_done = 1;
	for (;;)
		serve_cpu1_cmd();
}

static void test_cpu1_arrived(void)
{
	uintptr_t bottom = (uintptr_t)ARCH_SECONDARY_MAIN_STACK_BOTTOM;
	uintptr_t top = (uintptr_t)secondary_main_stack_top;
	uint32_t sctlr0 = CP15_READ(0, c1, c0, 0);
	volatile uint32_t probe0 = 0;

	TEST_CHECK(wait_for(&cpu1_ready, 1), "vCPU 1 never reached arch_secondary_main");
	printk("vCPU 1: cpu %u, MPIDR 0x%08x, SCTLR 0x%08x, sp %p (stack %p..%p)\n", cpu1.cpu_arg,
	       (unsigned int)cpu1.mpidr, (unsigned int)cpu1.sctlr, (void *)cpu1.sp, (void *)bottom,
	       (void *)top);
	TEST_CHECK_EQ(arch_cpu_id(), 0);
	TEST_CHECK_EQ(cpu1.cpu_arg, 1);
	TEST_CHECK_EQ(cpu1.cpu_id, 1);
	/* Multiprocessing-format MPIDR (bit 31), Aff2.Aff1.Aff0 = 0.0.1. */
	TEST_CHECK((cpu1.mpidr & 0x80ffffffu) == 0x80000001u, "vCPU 1 MPIDR 0x%08x",
		   (unsigned int)cpu1.mpidr);
	TEST_CHECK((cpu1.sctlr & 0x1805u) == 0x1805u, "vCPU 1 SCTLR 0x%08x: M, C, Z, I not all on",
		   (unsigned int)cpu1.sctlr);
	TEST_CHECK(cpu1.sctlr == sctlr0, "vCPU 1 SCTLR 0x%08x, vCPU 0's 0x%08x",
		   (unsigned int)cpu1.sctlr, (unsigned int)sctlr0);
	TEST_CHECK(cpu1.sp > bottom && cpu1.sp < top, "vCPU 1 sp %p outside its stack",
		   (void *)cpu1.sp);
	TEST_CHECK(!((uintptr_t)&probe0 > bottom && (uintptr_t)&probe0 < top),
		   "vCPU 0 runs on vCPU 1's stack (%p)", (void *)&probe0);
	TEST_CHECK_EQ(cpu1.connect_rc, 0);
	TEST_CHECK_EQ(cpu1.enable_rc, 0);
}

static void test_shared_counter(void)
{
	TEST_CHECK_EQ(cpu1_count_done, 0);
	cpu1_go = 1;
	for (unsigned int i = 0; i < COUNT_EACH; i++)
		__atomic_fetch_add(&shared_counter, 1u, __ATOMIC_RELAXED);
	TEST_CHECK(wait_for(&cpu1_count_done, 1), "vCPU 1 never finished counting");
	TEST_CHECK_EQ(__atomic_load_n(&shared_counter, __ATOMIC_SEQ_CST), 2 * COUNT_EACH);
}

static void test_sgi_both_ways(void)
{
	static const unsigned int expected[] = { EV_CPU0_RAISED, EV_CPU1_HANDLER, EV_CPU1_RAISED,
						 EV_CPU0_HANDLER };

	TEST_CHECK_EQ(irq_connect(SGI_TO_CPU0, 0x80, on_sgi_cpu0, 0), 0);
	TEST_CHECK_EQ(irq_enable(SGI_TO_CPU0), 0);
	arch_irq_enable();
	TEST_CHECK_EQ(irq_raise_sgi_to(8, SGI_TO_CPU1), -22);
	TEST_CHECK_EQ(irq_raise_sgi_to(1, 16), -22);
	log_event(EV_CPU0_RAISED);
	TEST_CHECK_EQ(irq_raise_sgi_to(1, SGI_TO_CPU1), 0);
	TEST_CHECK(wait_for(&sgi_cpu1_hits, 1), "vCPU 1's SGI handler never ran");
	TEST_CHECK(wait_for(&sgi_cpu0_hits, 1), "vCPU 0 never got vCPU 1's answer");
	TEST_CHECK_EQ(sgi_cpu1_ran_on, 1);
	TEST_CHECK_EQ(sgi_cpu0_ran_on, 0);
	TEST_CHECK_EQ(reply_rc, 0);
	TEST_CHECK_EQ(sgi_cpu1_hits, 1);
	TEST_CHECK_EQ(sgi_cpu0_hits, 1);
	TEST_CHECK_EQ(__atomic_load_n(&event_len, __ATOMIC_SEQ_CST), 4);
	for (unsigned int i = 0; i < 4; i++)
		TEST_CHECK(event_log[i] == expected[i], "event %u was %u, expected %u", i,
			   event_log[i], expected[i]);
}

static void test_vcpu_info_registered(void)
{
	static struct vcpu_info other __attribute__((aligned(64)));
	struct vcpu_register_vcpu_info info = {
		.mfn = (uintptr_t)&other >> 12,
		.offset = (uintptr_t)&other & 0xfffu,
	};

	TEST_CHECK_EQ(arch_smp_vcpu_info_rc(), 0);
	TEST_CHECK_EQ(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 1, &info), -XEN_EINVAL);
}

/* Hits of the two ports of the event-channel test, and the vCPU each ran on. */
static volatile unsigned int port_hits[2];
static volatile unsigned int port_ran_on[2] = { 99, 99 };

static void on_port(evtchn_port_t port, void *arg)
{
	unsigned int which = (unsigned int)(uintptr_t)arg;

	(void)port;
	port_ran_on[which] = arch_cpu_id();
	port_hits[which] = port_hits[which] + 1;
}

static void test_evtchn_bound_to_vcpu1(void)
{
	evtchn_port_t a, b, c, d;
	int notify_rc[2], a_ran, c_pending;
	unsigned int c_hits_masked;

	/* Two loopback pairs: a is moved to vCPU 1, c stays with vCPU 0. */
	TEST_CHECK_EQ(evtchn_alloc_unbound(DOMID_SELF, &a), 0);
	TEST_CHECK_EQ(evtchn_bind_interdomain(DOMID_SELF, a, &b), 0);
	TEST_CHECK_EQ(evtchn_alloc_unbound(DOMID_SELF, &c), 0);
	TEST_CHECK_EQ(evtchn_bind_interdomain(DOMID_SELF, c, &d), 0);
	/* Both in one pending word: vCPU 1's scan of it meets c too. */
	TEST_CHECK_EQ(evtchn_word_index(a), evtchn_word_index(c));
	TEST_CHECK_EQ(evtchn_bind_vcpu(a, 5), -XEN_ENOENT);
	TEST_CHECK_EQ(evtchn_bind(a, on_port, (void *)0u), 0);
	TEST_CHECK_EQ(evtchn_bind(c, on_port, (void *)1u), 0);
	TEST_CHECK_EQ(evtchn_bind_vcpu(a, 1), 0);

	/* vCPU 0 takes no upcall until it unmasks: no check returns in between. */
	arch_irq_disable();
	notify_rc[0] = evtchn_notify(d);
	notify_rc[1] = evtchn_notify(b);
	a_ran = wait_for(&port_hits[0], 1);
	c_hits_masked = port_hits[1];
	c_pending = evtchn_is_pending(c);
	arch_irq_enable();
	TEST_CHECK_EQ(notify_rc[0], 0);
	TEST_CHECK_EQ(notify_rc[1], 0);
	TEST_CHECK(a_ran, "port %u bound to vCPU 1 never ran", (unsigned int)a);
	TEST_CHECK_EQ(port_ran_on[0], 1);
	/* vCPU 1 scanned the word c was pending in, and left c alone. */
	TEST_CHECK_EQ(c_hits_masked, 0);
	TEST_CHECK_EQ(c_pending, 1);
	TEST_CHECK(wait_for(&port_hits[1], 1), "port %u of vCPU 0 never ran", (unsigned int)c);
	TEST_CHECK_EQ(port_ran_on[1], 0);

	TEST_CHECK_EQ(evtchn_bind_vcpu(a, 0), 0);
	TEST_CHECK_EQ(evtchn_notify(b), 0);
	TEST_CHECK(wait_for(&port_hits[0], 2), "port %u bound back to vCPU 0 never ran",
		   (unsigned int)a);
	TEST_CHECK_EQ(port_ran_on[0], 0);
	TEST_CHECK_EQ(port_hits[0], 2);
	TEST_CHECK_EQ(port_hits[1], 1);
}

/* Ask vCPU 1 to run cmd; its answer. */
static int cpu1_run(unsigned int cmd)
{
	unsigned int done = cpu1_cmd_done;

	cpu1_cmd = cmd;
	if (!wait_for(&cpu1_cmd_done, done + 1))
		return -1000;
	return cpu1_cmd_rc;
}

static void test_vtimer_per_vcpu(void)
{
	unsigned int at_stop, after;

	TEST_CHECK_EQ(vtimer_start_periodic((uint32_t)vtimer_ms_to_ticks(1), on_tick, (void *)0u),
		      0);
	TEST_CHECK_EQ(cpu1_run(CMD_TIMER_START), 0);
	TEST_CHECK(wait_for(&tick_hits[1], 20), "vCPU 1's timer ticked %u times", tick_hits[1]);
	TEST_CHECK(wait_for(&tick_hits[0], 20), "vCPU 0's timer ticked %u times", tick_hits[0]);
	TEST_CHECK_EQ(cpu1_run(CMD_TIMER_STOP), 0);
	at_stop = tick_hits[1];
	after = tick_hits[0];
	/* vCPU 0's tick goes on after vCPU 1's stopped; vCPU 1's does not. */
	TEST_CHECK(wait_for(&tick_hits[0], after + 20), "vCPU 0's timer stopped with vCPU 1's");
	TEST_CHECK_EQ(tick_hits[1], at_stop);
	vtimer_stop();
	TEST_CHECK_EQ(tick_wrong_cpu, 0);
}

static void test_psci(void)
{
	int version = psci_call(PSCI_0_2_FN_PSCI_VERSION, 0, 0, 0);

	printk("PSCI version %d.%d\n", (version >> 16) & 0xffff, version & 0xffff);
	TEST_CHECK(version >= 2, "PSCI version 0x%08x, expected 0.2 or later",
		   (unsigned int)version);
	TEST_CHECK_EQ(psci_cpu_on(1, (uintptr_t)arch_secondary_entry, 1), PSCI_ALREADY_ON);
	TEST_CHECK_EQ(psci_cpu_on(2, (uintptr_t)arch_secondary_entry, 2), PSCI_INVALID_PARAMETERS);
}

int main(void)
{
	RUN_TEST(test_cpu1_arrived);
	RUN_TEST(test_shared_counter);
	RUN_TEST(test_sgi_both_ways);
	RUN_TEST(test_vcpu_info_registered);
	RUN_TEST(test_evtchn_bound_to_vcpu1);
	RUN_TEST(test_vtimer_per_vcpu);
	RUN_TEST(test_psci);
	return test_summary();
}
