/*
 * The one hypercall instruction of the guest. C calls
 *   long arch_hypercall(a0, a1, a2, a3, a4, op)
 * with a0-a3 already in r0-r3 (AAPCS); a4 and op come from the stack into
 * r4 and r12, where Xen's ARM ABI wants them. Result in r0.
 */

#include <erika/arch/arm_regs.h>

	.syntax unified
	.arm
	.text
	.global	arch_hypercall
	.type	arch_hypercall, %function
arch_hypercall:
	push	{r4}
	ldr	r4, [sp, #4]
	ldr	r12, [sp, #8]
	hvc	#XEN_HVC_IMM
	pop	{r4}
	bx	lr
	.size	arch_hypercall, . - arch_hypercall
