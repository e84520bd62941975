/*
 * Stack guard pages: every stack (task stacks from the OIL tables, the
 * interrupt stack, the exception-mode stacks and the boot stack) sits on a
 * page boundary with one unmapped page just below it, so an overflow faults
 * at the instruction that first writes past the end, even when a large frame
 * jumps over the kernel's guard words. The table of guard pages
 * (.stack_guards) lets the MMU set-up unmap them and the fault report name
 * the stack whose guard page was hit.
 *
 * The stacks go to .bss.stacks.* input sections, placed by the linker script
 * in the NOLOAD .stacks output section: the guard pages and the alignment
 * cost RAM, not image bytes.
 */
#ifndef ERIKA_ARCH_STACK_GUARD_H
#define ERIKA_ARCH_STACK_GUARD_H

#ifdef CONFIG_ARCH_STACK_GUARD_PAGES
/* One small page (ARMv7-A short descriptors): the unit the MMU can unmap. */
#define ARCH_STACK_GUARD_SIZE 4096
#else
#define ARCH_STACK_GUARD_SIZE 0
#endif

#ifndef __ASSEMBLER__
#include <stdint.h>

/* One guard page and the name of the stack above it. */
struct arch_stack_guard {
	const void *page;
	const char *name;
};

#ifdef CONFIG_ARCH_STACK_GUARD_PAGES
/*
 * [storage] struct { guard page; stack } sym: a stack of at least bytes
 * bytes (8-byte aligned for the AAPCS) whose lowest address is a page
 * boundary, the guard page below it, and its guard table entry. label names
 * the stack in a fault report (a task name, "interrupt stack").
 */
#define ARCH_STACK_DEFINE(storage, sym, bytes, label)                                              \
	storage struct {                                                                           \
		uint8_t guard[ARCH_STACK_GUARD_SIZE];                                              \
		uint64_t stack[((bytes) + 7) / 8];                                                 \
	} sym __attribute__((section(".bss.stacks." #sym), aligned(ARCH_STACK_GUARD_SIZE)));       \
	static const struct arch_stack_guard sym##_guard                                           \
		__attribute__((used, section(".stack_guards"))) = { sym.guard, label }
#else
#define ARCH_STACK_DEFINE(storage, sym, bytes, label)                                              \
	storage struct {                                                                           \
		uint64_t stack[((bytes) + 7) / 8];                                                 \
	} sym __attribute__((section(".bss.stacks." #sym)))
#endif

/* The lowest address of a stack defined with ARCH_STACK_DEFINE, and one past its top. */
#define ARCH_STACK_BASE(sym) ((uint32_t *)(sym).stack)
#define ARCH_STACK_TOP(sym)                                                                        \
	((uint32_t *)((sym).stack + sizeof((sym).stack) / sizeof((sym).stack[0])))

/* The guard table: *count entries (none without CONFIG_ARCH_STACK_GUARD_PAGES). */
const struct arch_stack_guard *arch_stack_guards(unsigned int *count);

/*
 * The name of the stack whose guard page holds addr, or NULL. Any context
 * (the fault report calls it).
 */
const char *arch_stack_guard_hit(uintptr_t addr);
#endif /* !__ASSEMBLER__ */

#endif /* ERIKA_ARCH_STACK_GUARD_H */
