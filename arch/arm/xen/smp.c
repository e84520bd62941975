/*
 * The second vCPU (include/erika/arch/smp.h): vCPU 0 registers vCPU 1's
 * vcpu_info, hands it the MMU set-up and starts it with PSCI CPU_ON, then waits
 * (bounded) until vCPU 1 says it is up. Compiled only when the devicetree has
 * two okay cpu nodes, so a one-core image does not change by a byte.
 */

#include <erika/devicetree.h>

#if DT_CPU_COUNT > 1

#include <stdint.h>

#include <erika/arch/cpu.h>
#include <erika/arch/mmu.h>
#include <erika/arch/smp.h>
#include <erika/errno.h>
#include <erika/init.h>
#include <erika/printk.h>
#include <erika/xen/hypercall.h>

_Static_assert(DT_CPU_COUNT == 2, "one secondary vCPU is supported (a second stack set)");

#define SECONDARY_CPU 1u
/* How long vCPU 0 waits for vCPU 1 to come up, in system counter time: a hang guard. */
#define START_TIMEOUT_MS 5000u
#define START_MIN_POLLS	 1000000u

/*
 * Read by vCPU 1 with its MMU and caches off (smp_entry.S): one cache line of its own,
 * cleaned to memory by vCPU 0 before CPU_ON. Words: TTBR0, SCTLR.
 */
uint32_t arch_smp_boot_regs[16] __attribute__((aligned(64)));

/*
 * vCPU 1's vcpu_info: Normal write-back RAM, not crossing a page (Xen's map_vcpu_info),
 * in a cache line of its own.
 */
static struct vcpu_info secondary_vcpu_info __attribute__((aligned(64)));
static int vcpu_info_rc = 1;
/* Written by vCPU 1 once it is up (arch_secondary_boot), polled by vCPU 0. */
#define SECONDARY_UP	 1u
#define SECONDARY_FAILED 2u
static volatile uint32_t secondary_up;
/* A SYS_INIT_SECONDARY record that failed on vCPU 1: its name and answer. */
static const char *secondary_failed;
static int secondary_rc;

int psci_call(uint32_t fn, uint32_t a1, uint32_t a2, uint32_t a3)
{
	register uint32_t r0 __asm__("r0") = fn;
	register uint32_t r1 __asm__("r1") = a1;
	register uint32_t r2 __asm__("r2") = a2;
	register uint32_t r3 __asm__("r3") = a3;

	/* SMCCC over HVC: immediate 0 is Xen's PSCI/SMCCC handler (not #0xEA1, the hypercall). */
	__asm__ volatile("hvc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "memory");
	return (int)r0;
}

int psci_cpu_on(uint32_t mpidr, uintptr_t entry, uint32_t context)
{
	return psci_call(PSCI_0_2_FN_CPU_ON, mpidr, (uint32_t)entry, context);
}

int arch_smp_vcpu_info_rc(void)
{
	return vcpu_info_rc;
}

volatile struct vcpu_info *arch_secondary_vcpu_info(void)
{
	return &secondary_vcpu_info;
}

/* DCCMVAC over [p, p + size): to the point of coherency, for a reader with caches off. */
static void clean_to_poc(const void *p, uint32_t size)
{
	for (uintptr_t a = (uintptr_t)p & ~63u; a < (uintptr_t)p + size; a += 32)
		CP15_WRITE(0, c7, c10, 1, a);
	dsb();
}

static uint64_t counter_now(void)
{
	uint32_t lo, hi;

	isb();
	__asm__ volatile("mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi)); /* CNTVCT */
	return ((uint64_t)hi << 32) | lo;
}

static int register_secondary_vcpu_info(void)
{
	uintptr_t pa = (uintptr_t)&secondary_vcpu_info; /* identity map: virtual = physical */
	struct vcpu_register_vcpu_info info = {
		.mfn = pa >> 12,
		.offset = pa & 0xfffu,
	};

	/* Allowed on a vCPU that is still off (Xen map_vcpu_info); once per vCPU. */
	return HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, SECONDARY_CPU, &info);
}

/*
 * KERNEL level: every PLATFORM driver is up (the distributor enabled, the consoles, event
 * channels), so vCPU 1 finds a finished platform; and the core is running before the
 * kernel's and the application's own set-up, which is where a multicore kernel will
 * meet it (its start barrier). Last in the level (99): no KERNEL-level set-up of vCPU 0
 * runs while vCPU 1 starts.
 */
static int smp_start_secondary(void)
{
	uint64_t start, limit;
	uint32_t polls = 0;
	int rc;

	vcpu_info_rc = register_secondary_vcpu_info();
	if (vcpu_info_rc != 0)
		printk("*** SMP: VCPUOP_register_vcpu_info for vCPU 1 failed (%d)\n", vcpu_info_rc);
	arch_mmu_secondary_regs(&arch_smp_boot_regs[0], &arch_smp_boot_regs[1]);
	clean_to_poc(arch_smp_boot_regs, sizeof(arch_smp_boot_regs));
	rc = psci_cpu_on(SECONDARY_CPU, (uintptr_t)arch_secondary_entry, SECONDARY_CPU);
	if (rc != PSCI_SUCCESS) {
		printk("*** SMP: PSCI CPU_ON of vCPU 1 failed (%d)\n", rc);
		return -ENODEV;
	}
	start = counter_now();
	limit = (uint64_t)CP15_READ(0, c14, c0, 0) * START_TIMEOUT_MS / 1000u; /* CNTFRQ */
	/* Bounded by time and by polls made: under TCG a busy host slows the guest, not Xen's clock. */
	while (!secondary_up)
		if (++polls >= START_MIN_POLLS && counter_now() - start > limit) {
			printk("*** SMP: vCPU 1 did not come up\n");
			return -ETIMEDOUT;
		}
	dmb(); /* what vCPU 1 wrote before secondary_up is seen after it */
	if (secondary_up == SECONDARY_FAILED) {
		printk("*** INIT: %s failed on vCPU 1 (%d)\n", secondary_failed, secondary_rc);
		return -EIO;
	}
	return vcpu_info_rc == 0 ? 0 : -EIO;
}
SYS_INIT(smp_start_secondary, KERNEL, 99);

void arch_secondary_boot(unsigned int cpu) __attribute__((noreturn));

/*
 * vCPU 1 in C: its SYS_INIT_SECONDARY records (the banked halves of the
 * drivers), then "up", or the failed record's name for vCPU 0 to report.
 */
void arch_secondary_boot(unsigned int cpu)
{
	for (const struct init_entry *e = __init_secondary_start; e < __init_secondary_end; e++) {
		secondary_rc = e->fn();
		if (secondary_rc != 0) {
			secondary_failed = e->name;
			dmb();
			secondary_up = SECONDARY_FAILED;
			for (;;)
				arch_wait_for_interrupt(); /* IRQs masked: vCPU 0 stops the boot */
		}
	}
	dmb();
	secondary_up = SECONDARY_UP;
	dsb();
	arch_secondary_main(cpu);
}

__attribute__((weak)) void arch_secondary_main(unsigned int cpu)
{
	(void)cpu;
	for (;;)
		arch_wait_for_interrupt();
}

#endif /* DT_CPU_COUNT > 1 */
