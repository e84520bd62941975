/*
 * Host stand-in for the ARMv7-A helpers (include/erika/arch/cpu.h) when a
 * fuzz target compiles guest driver code natively: barriers become the
 * compiler's fences, interrupts do not exist.
 */
#ifndef ERIKA_ARCH_CPU_H
#define ERIKA_ARCH_CPU_H

#define dmb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define dsb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define isb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define wmb() __atomic_thread_fence(__ATOMIC_SEQ_CST)

#endif /* ERIKA_ARCH_CPU_H */
