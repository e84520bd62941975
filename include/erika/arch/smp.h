/*
 * The second vCPU (issue 12, arch part): when the devicetree has two okay cpu
 * nodes (DT_CPU_COUNT > 1), a KERNEL-level SYS_INIT of arch/arm/xen/smp.c
 * starts vCPU 1 with PSCI CPU_ON (Xen's virtual PSCI, conduit `hvc #0`). vCPU
 * 1 runs arch/arm/xen/smp_entry.S: MMU and caches on with vCPU 0's table, its
 * own exception-mode stacks, the same vectors; then, in C, its banked GIC CPU
 * interface, and at last arch_secondary_main(1) with IRQs masked. Its
 * vcpu_info (ARM's shared_info has vCPU 0's only) is registered by vCPU 0
 * before CPU_ON. vCPU 1 then runs arch_secondary_main(): the OSEK kernel's
 * when it is built for two cores (CONFIG_OS_NUM_CORES = 2: kernel/erika/core.c
 * waits there for StartOS), else the application's (default: WFI for ever).
 * With one cpu node nothing of this is compiled.
 */
#ifndef ERIKA_ARCH_SMP_H
#define ERIKA_ARCH_SMP_H

#include <stdint.h>

#include <erika/arch/cpu.h>
#include <erika/devicetree.h>

/* PSCI 0.2+ SMC32 function IDs (Arm DEN 0022D, table 5-1) and return codes (5.2.2). */
#define PSCI_0_2_FN_PSCI_VERSION 0x84000000u
#define PSCI_0_2_FN_CPU_ON	 0x84000003u
#define PSCI_SUCCESS		 0
#define PSCI_INVALID_PARAMETERS	 (-2)
#define PSCI_ALREADY_ON		 (-4)

/* MPIDR: Aff0 names the vCPU (Xen: vCPU n has Aff0 = n for n < 16). */
#define MPIDR_AFF0(m) ((m)&0xffu)

static inline uint32_t arch_mpidr(void)
{
	return CP15_READ(0, c0, c0, 5);
}

/* The running vCPU's number (MPIDR Aff0). */
static inline unsigned int arch_cpu_id(void)
{
	return MPIDR_AFF0(arch_mpidr());
}

#if DT_CPU_COUNT > 1
/* PSCI through Xen's conduit (`hvc #0`, function ID in r0): r0 of the answer. */
int psci_call(uint32_t fn, uint32_t a1, uint32_t a2, uint32_t a3);

/* CPU_ON(target MPIDR, entry physical address, context id): a PSCI return code. */
int psci_cpu_on(uint32_t mpidr, uintptr_t entry, uint32_t context);

/* The secondary entry point (smp_entry.S); context id = the vCPU number. */
void arch_secondary_entry(void);

/*
 * What vCPU 1 runs once its MMU, stacks, vectors and GIC CPU interface are up,
 * IRQs still masked. Weak default: wait for interrupts for ever. The
 * application may provide it (then it must never return).
 */
void arch_secondary_main(unsigned int cpu) __attribute__((noreturn));

/* VCPUOP_register_vcpu_info's answer for vCPU 1 (0 = registered). */
int arch_smp_vcpu_info_rc(void);

/* vCPU 1's vcpu_info as registered with Xen (ARM's shared_info has vCPU 0's only). */
struct vcpu_info;
volatile struct vcpu_info *arch_secondary_vcpu_info(void);

/* vCPU 1's boot stack (SVC mode): [bottom, top). */
extern char secondary_main_stack_top[];
#define ARCH_SECONDARY_MAIN_STACK_BOTTOM                                                           \
	((uintptr_t)secondary_main_stack_top - CONFIG_MAIN_STACK_SIZE)
#endif

#endif /* ERIKA_ARCH_SMP_H */
