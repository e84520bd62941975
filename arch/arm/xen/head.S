/*
 * Entry of the guest image: the ARM zImage header Xen's loaders look for, then
 * the boot path to C. Xen enters in SVC mode, MMU and caches off, r2 = physical
 * address of the devicetree it built for the domain.
 */

#include <erika/arch/arm_regs.h>
#include <erika/arch/mode_stack.inc>
#include <erika/arch/stack_guard.h>

	.syntax unified
	.arm
	.section .text.head, "ax"
	.global _start
_start:
	/* zImage header: 9 words of code (offset 0..0x23) then magic, start, end. */
	b	boot
	.rept	8
	nop
	.endr
	.word	ZIMAGE_MAGIC
	.word	_image_start	/* load and entry address: see linker.ld.S */
	.word	_image_end	/* end of the file = start + its size */

boot:
	cpsid	aif
	mov	r10, r2		/* the devicetree pointer survives in r10 */

	/*
	 * A loader that put us elsewhere than where we are linked would make
	 * every absolute address wrong: say so through the only output that
	 * needs no address (console_io), then crash the domain.
	 */
	adr	r0, _start
	ldr	r1, =_start
	cmp	r0, r1
	bne	wrong_load_address

	/* One stack per exception mode, then back to SVC for C. */
	set_mode_stacks irq_stack_top, abt_stack_top, und_stack_top, main_stack_top

	ldr	r0, =_bss_start
	ldr	r1, =_bss_end
	mov	r2, #0
	mov	r3, #0
1:	cmp	r0, r1
	strdlo	r2, r3, [r0], #8
	blo	1b

	ldr	r0, =vector_table
	mcr	p15, 0, r0, c12, c0, 0	/* VBAR */
	isb

	mov	r0, r10
	bl	arch_boot		/* never returns */
2:	wfi
	b	2b

wrong_load_address:
	mov	r0, #0			/* CONSOLEIO_write */
	mov	r1, #(wrong_load_message_end - wrong_load_message)
	adr	r2, wrong_load_message
	mov	r12, #XEN_HYPERCALL_CONSOLE_IO
	hvc	#XEN_HVC_IMM
	mov	r0, #XEN_SCHEDOP_SHUTDOWN
	adr	r1, crash_reason
	mov	r12, #XEN_HYPERCALL_SCHED_OP
	hvc	#XEN_HVC_IMM
	b	.

crash_reason:
	.word	XEN_SHUTDOWN_CRASH
wrong_load_message:
	.ascii	"*** FAULT: image not at its link address (see CONFIG_IMAGE_LOAD_OFFSET)\n"
wrong_load_message_end:
	.balign	4
	.ltorg


	mode_stack irq_stack_top, CONFIG_EXCEPTION_STACK_SIZE, "IRQ mode stack"
	mode_stack abt_stack_top, CONFIG_EXCEPTION_STACK_SIZE, "abort mode stack"
	mode_stack und_stack_top, CONFIG_EXCEPTION_STACK_SIZE, "undefined mode stack"
	mode_stack main_stack_top, CONFIG_MAIN_STACK_SIZE, "boot stack (main)"
