/*
 * Exception vectors. Faults (undefined instruction, prefetch and data abort)
 * and exceptions a Xen guest never expects (SVC, FIQ) save the registers on
 * the mode's stack and go to arch_fault(), which reports and crashes the
 * domain. IRQs run the interrupt controller's irq_dispatch() between the
 * hooks of <erika/arch/irq_entry.h> and return.
 */

#include <erika/arch/arm_regs.h>
#include <erika/arch/fault.h>

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
 * interrupts again and nest; the stack is 8-byte aligned for AAPCS. Then
 * sp = arch_isr_enter(sp), irq_dispatch() on that stack, back to the
 * interrupted stack, arch_isr_exit() (include/erika/arch/irq_entry.h). An OS
 * kernel's arch_isr_exit() may switch tasks; the frame built here then waits
 * on the interrupted task's stack until the task is resumed.
 */
irq_entry:
	sub	lr, lr, #4
	srsdb	sp!, #MODE_SVC
	cps	#MODE_SVC
	push	{r0-r3, r12, lr}
	and	r1, sp, #4
	sub	sp, sp, r1
	push	{r1, r2}
	mov	r0, sp
	bl	arch_isr_enter
	mov	r3, sp
	mov	sp, r0
	push	{r3, r4}		/* the interrupted stack pointer; r4 pads */
	bl	irq_dispatch
	pop	{r3, r4}
	mov	sp, r3
	bl	arch_isr_exit
	pop	{r1, r2}
	add	sp, sp, r1
	pop	{r0-r3, r12, lr}
	rfeia	sp!

/* The hooks' defaults without an OS kernel: stay on the stack, do nothing. */
	.weak	arch_isr_enter
	.type	arch_isr_enter, %function
arch_isr_enter:
	bx	lr			/* sp in r0 is the answer */
	.size	arch_isr_enter, . - arch_isr_enter

	.weak	arch_isr_exit
	.type	arch_isr_exit, %function
arch_isr_exit:
	bx	lr
	.size	arch_isr_exit, . - arch_isr_exit
