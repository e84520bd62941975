/*
 * Assembly only: the mode_stack macro that reserves one exception-mode stack,
 * shared by the boot CPU's stacks (head.S) and the second vCPU's
 * (smp_entry.S).
 */
#ifndef ERIKA_ARCH_MODE_STACK_H
#define ERIKA_ARCH_MODE_STACK_H

#include <erika/arch/stack_guard.h>

/*
 * One stack per mode, each on a page boundary with its guard page below
 * (include/erika/arch/stack_guard.h); name is what a fault report says.
 */
.macro mode_stack top, size, name
	.section .bss.stacks.\top, "aw", %nobits
#if ARCH_STACK_GUARD_SIZE
	.balign	ARCH_STACK_GUARD_SIZE
guard_\top:
	.space	ARCH_STACK_GUARD_SIZE
	.section .stack_guards, "a"
	.word	guard_\top, name_\top
	.section .rodata.stack_names, "a"
name_\top:
	.asciz	"\name"
	.section .bss.stacks.\top, "aw", %nobits
#else
	.balign	8
#endif
	.space	\size
	.global	\top
\top:
.endm

#endif /* ERIKA_ARCH_MODE_STACK_H */
