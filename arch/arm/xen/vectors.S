/*
 * Exception vectors. Faults (undefined instruction, prefetch and data abort)
 * and exceptions a Xen guest never expects (SVC, FIQ) save the registers on
 * the mode's stack and go to arch_fault(), which reports and crashes the
 * domain. IRQs run arch_irq_handler() on the SVC stack and return.
 */

#include <erika/arch/arm_regs.h>
#include <erika/arch/fault.h>
#include <erika/arch/stack_guard.h>

	.syntax unified
	.arm
	.text

	.balign	32
	.global	vector_table
vector_table:
	b	reset_entry
	b	undef_entry
	b	svc_entry
	b	prefetch_abort_entry
	b	data_abort_entry
	b	reset_entry		/* unused (hyp trap vector) */
	b	irq_entry
	b	fiq_entry

/*
 * Save r0-r12 and the exception LR; call arch_fault(kind, frame, spsr).
 * With a stack top given (the abort and undefined modes, whose stacks only
 * fault reports use, and a report never returns) the stack starts from its
 * top every time: a fault that hit this stack's own guard page is reported
 * instead of faulting again forever.
 */
.macro fault_entry kind, top
	.ifnb	\top
	ldr	sp, =\top
	.endif
	stmdb	sp!, {r0-r12, lr}
	mov	r0, #\kind
	mov	r1, sp
	mrs	r2, spsr
	bl	arch_fault
	b	.
	.ltorg
.endm

reset_entry:
	fault_entry FAULT_RESET
undef_entry:
	fault_entry FAULT_UNDEFINED, und_stack_top
svc_entry:
	fault_entry FAULT_SVC
prefetch_abort_entry:
	fault_entry FAULT_PREFETCH_ABORT, abt_stack_top
data_abort_entry:
	fault_entry FAULT_DATA_ABORT, abt_stack_top
fiq_entry:
	fault_entry FAULT_FIQ

/*
 * IRQ: return state goes to the SVC stack (srs), so a handler may enable
 * interrupts again and nest; the stack is 8-byte aligned for AAPCS.
 *
 * With the OSEK kernel (CONFIG_ERIKA_KERNEL) the entry also counts the
 * interrupts in progress (os_isr_nesting), runs the outermost one on the
 * interrupt stack, and at its end calls os_isr_exit() back on the
 * interrupted task's stack, which may switch to another task; the frame
 * built here then waits on that stack until the task is resumed.
 */
irq_entry:
	sub	lr, lr, #4
	srsdb	sp!, #MODE_SVC
	cps	#MODE_SVC
	push	{r0-r3, r12, lr}
	and	r1, sp, #4
	sub	sp, sp, r1
	push	{r1, r2}
#ifdef CONFIG_ERIKA_KERNEL
	ldr	r0, =os_isr_nesting
	ldr	r1, [r0]
	add	r2, r1, #1
	str	r2, [r0]
	mov	r3, sp
	cmp	r1, #0
	ldreq	sp, =os_isr_stack + ARCH_STACK_GUARD_SIZE + CONFIG_OS_ISR_STACK_SIZE
	push	{r3, r4}		/* the interrupted stack pointer; r4 pads */
	bl	arch_irq_handler
	pop	{r3, r4}
	mov	sp, r3
	ldr	r0, =os_isr_nesting
	ldr	r1, [r0]
	subs	r1, r1, #1
	str	r1, [r0]
	bleq	os_isr_exit
#else
	bl	arch_irq_handler
#endif
	pop	{r1, r2}
	add	sp, sp, r1
	pop	{r0-r3, r12, lr}
	rfeia	sp!
