/*
 * Context switch of the OSEK kernel (kernel/erika/sched.c). Tasks run in SVC
 * mode; a switch happens only inside the kernel, IRQs masked, as a function
 * call: the callee-saved registers and the return address are the whole
 * context (the caller-saved ones are dead across a call by the AAPCS). A task
 * interrupted by an IRQ is switched out at the end of the interrupt, inside
 * arch_isr_exit() (kernel/erika/isr.c), with the interrupt frame below that
 * call on its stack.
 *
 * Saved context, 10 words (8-byte aligned): r3 (padding), r4-r11, lr.
 */

	.syntax unified
	.arm
	.text

/* void os_arch_switch(uint32_t **save, uint32_t *sp) */
	.global	os_arch_switch
	.type	os_arch_switch, %function
os_arch_switch:
	push	{r3-r11, lr}
	cmp	r0, #0
	strne	sp, [r0]		/* NULL: the task ended, nothing to keep */
	mov	sp, r1
	pop	{r3-r11, pc}
	.size	os_arch_switch, . - os_arch_switch

/* void os_arch_start(uint32_t **save, uint32_t *top, void (*entry)(void)) */
	.global	os_arch_start
	.type	os_arch_start, %function
os_arch_start:
	push	{r3-r11, lr}
	cmp	r0, #0
	strne	sp, [r0]
	cmp	r1, #0
	movne	sp, r1			/* NULL: start just below the saved context */
	mov	lr, #0			/* entry never returns: end of backtraces */
	bx	r2
	.size	os_arch_start, . - os_arch_start
