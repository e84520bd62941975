/*
 * The IRQ vector (arch/arm/xen/vectors.S) and the one interface through which
 * an OS kernel wraps every interrupt. The vector saves the interrupted state,
 * then runs
 *
 *     sp = arch_isr_enter(sp);   the stack to dispatch on
 *     irq_dispatch();            the interrupt controller's table (irq.h)
 *     back on the interrupted stack
 *     arch_isr_exit();           may switch to another task
 *
 * and returns from the exception. Without an OS kernel the defaults (weak, in
 * vectors.S) stay on the interrupted stack and do nothing. The OSEK kernel
 * (kernel/erika/isr.c) provides both when it is built: the nesting count, the
 * interrupt stack and the dispatch of a task made ready by an ISR2 live there
 * and nowhere else.
 */
#ifndef ERIKA_ARCH_IRQ_ENTRY_H
#define ERIKA_ARCH_IRQ_ENTRY_H

#include <stdint.h>

/*
 * First thing of every IRQ, IRQs masked, on the interrupted code's stack (SVC
 * mode) with its registers saved; sp is that stack pointer (8-byte aligned).
 * Returns the stack pointer irq_dispatch() runs on (8-byte aligned): sp to
 * stay, or the top of an interrupt stack.
 */
uintptr_t arch_isr_enter(uintptr_t sp);

/*
 * Last thing of every IRQ, after irq_dispatch(), back on the interrupted
 * stack with IRQs masked. May switch to another context; returns when the
 * interrupted code is to resume.
 */
void arch_isr_exit(void);

#endif /* ERIKA_ARCH_IRQ_ENTRY_H */
