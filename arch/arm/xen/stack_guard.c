/*
 * The table of guard pages that ARCH_STACK_DEFINE() and head.S's mode stacks
 * put in .stack_guards (collected by the linker script): arch_mmu_init()
 * unmaps each page, the fault report looks up whose page was hit.
 */

#include <stdint.h>

#include <erika/arch/stack_guard.h>

extern const struct arch_stack_guard __stack_guards_start[];
extern const struct arch_stack_guard __stack_guards_end[];

const struct arch_stack_guard *arch_stack_guards(unsigned int *count)
{
	/* Two linker symbols are two objects for C: count, do not compare. */
	*count = ((uintptr_t)__stack_guards_end - (uintptr_t)__stack_guards_start) /
		 sizeof(__stack_guards_start[0]);
	return __stack_guards_start;
}

const char *arch_stack_guard_hit(uintptr_t addr)
{
#if ARCH_STACK_GUARD_SIZE
	unsigned int n;
	const struct arch_stack_guard *g = arch_stack_guards(&n);

	for (unsigned int i = 0; i < n; i++)
		if (addr - (uintptr_t)g[i].page < ARCH_STACK_GUARD_SIZE)
			return g[i].name;
#else
	(void)addr; /* no guard pages */
#endif
	return 0;
}
