/*
 * Fault reporting: what the exception vectors pass to arch_fault().
 */
#ifndef ERIKA_ARCH_FAULT_H
#define ERIKA_ARCH_FAULT_H

#define FAULT_RESET	     0
#define FAULT_UNDEFINED	     1
#define FAULT_SVC	     2
#define FAULT_PREFETCH_ABORT 3
#define FAULT_DATA_ABORT     4
#define FAULT_FIQ	     5

#ifndef __ASSEMBLER__
/*
 * The registers as the vector stub saved them: r0-r12, then the exception LR.
 * unsigned int, not uint32_t (long on this target), so %x prints them.
 */
struct arch_fault_frame {
	unsigned int r[13];
	unsigned int lr;
};

/*
 * Print what faulted (kind, address, PC, registers) and crash the domain.
 * Called from the vectors with the faulting mode's state; never returns.
 */
void arch_fault(unsigned int kind, const struct arch_fault_frame *frame, unsigned int spsr)
	__attribute__((noreturn));
#endif

#endif /* ERIKA_ARCH_FAULT_H */
