/*
 * Entry of the second vCPU, started by PSCI CPU_ON (arch/arm/xen/smp.c).
 * Xen enters in SVC mode with IRQs, FIQs and aborts masked, MMU and caches
 * off, VBAR 0, r0 = the context id (our vCPU number); every other register 0.
 * Before anything touches memory through the stack, the MMU and caches go on
 * with vCPU 0's table and SCTLR bits, read from the boot block vCPU 0 cleaned
 * to memory (arch_smp_boot_regs): a stack written with caches off could be
 * shadowed by a stale line once they are on. Compiled only with two cpu nodes.
 */

#include <erika/arch/arm_regs.h>
#include <erika/arch/mode_stack.inc>
#include <erika/devicetree.h>

#if DT_CPU_COUNT > 1

	.syntax unified
	.arm
	.text
	.global	arch_secondary_entry
	.type	arch_secondary_entry, %function
arch_secondary_entry:
	cpsid	aif
	mov	r11, r0			/* the vCPU number survives in r11 */

	ldr	r1, =arch_smp_boot_regs
	ldr	r2, [r1]		/* TTBR0 value of vCPU 0 */
	ldr	r3, [r1, #4]		/* SCTLR value of vCPU 0 */
	mov	r4, #0
	mcr	p15, 0, r4, c2, c0, 2	/* TTBCR: TTBR0 only, short descriptors */
	mcr	p15, 0, r2, c2, c0, 0	/* TTBR0: the one identity map */
	mov	r4, #1
	mcr	p15, 0, r4, c3, c0, 0	/* DACR: domain 0 client */
	mov	r4, #0
	mcr	p15, 0, r4, c8, c7, 0	/* TLBIALL */
	mcr	p15, 0, r4, c7, c5, 0	/* ICIALLU */
	mcr	p15, 0, r4, c7, c5, 6	/* BPIALL */
	dsb	ish
	isb
	mcr	p15, 0, r3, c1, c0, 0	/* SCTLR: MMU, caches, branch prediction */
	isb

	/* This vCPU's own stack per mode, then SVC for C. */
	set_mode_stacks secondary_irq_stack_top, secondary_abt_stack_top, \
		secondary_und_stack_top, secondary_main_stack_top

	ldr	r0, =vector_table
	mcr	p15, 0, r0, c12, c0, 0	/* VBAR: the same vectors (code only) */
	isb

	mov	r0, r11
	bl	arch_secondary_boot	/* never returns */
1:	wfi
	b	1b
	.ltorg
	.size	arch_secondary_entry, . - arch_secondary_entry


	mode_stack secondary_irq_stack_top, CONFIG_EXCEPTION_STACK_SIZE, "vCPU 1 IRQ mode stack"
	mode_stack secondary_abt_stack_top, CONFIG_EXCEPTION_STACK_SIZE, "vCPU 1 abort mode stack"
	mode_stack secondary_und_stack_top, CONFIG_EXCEPTION_STACK_SIZE, "vCPU 1 undefined mode stack"
	mode_stack secondary_main_stack_top, CONFIG_MAIN_STACK_SIZE, "vCPU 1 boot stack"

#endif /* DT_CPU_COUNT > 1 */
