/*
 * Fault reports. A bug in the guest must show as a message and a crashed
 * domain (Xen then applies on_crash), never as a silent hang. A data abort
 * in a stack's guard page names the stack that overflowed.
 */

#include <erika/arch/arm_regs.h>
#include <erika/arch/cpu.h>
#include <erika/arch/fault.h>
#include <erika/arch/stack_guard.h>
#include <erika/platform.h>
#include <erika/printk.h>

static const char *const fault_names[] = {
	[FAULT_RESET] = "reset vector",	   [FAULT_UNDEFINED] = "undefined instruction",
	[FAULT_SVC] = "unexpected SVC",	   [FAULT_PREFETCH_ABORT] = "prefetch abort",
	[FAULT_DATA_ABORT] = "data abort", [FAULT_FIQ] = "unexpected FIQ",
};

/* The faulting instruction: the exception LR is ahead of it by this much. */
static unsigned int fault_pc(unsigned int kind, const struct arch_fault_frame *frame,
			     unsigned int spsr)
{
	if (kind == FAULT_DATA_ABORT)
		return frame->lr - 8;
	if (kind == FAULT_UNDEFINED && (spsr & PSR_T_BIT))
		return frame->lr - 2;
	return frame->lr - 4;
}

static void print_registers(const struct arch_fault_frame *frame, unsigned int spsr)
{
	for (unsigned int i = 0; i < 13; i++)
		printk("  r%-2u 0x%08x%s", i, frame->r[i], (i % 4 == 3) ? "\n" : "");
	printk("  spsr 0x%08x (mode 0x%02x)\n", spsr, spsr & MODE_MASK);
}

void arch_fault(unsigned int kind, const struct arch_fault_frame *frame, unsigned int spsr)
{
	static int in_fault;
	const char *name =
		kind < sizeof(fault_names) / sizeof(fault_names[0]) ? fault_names[kind] : "unknown";

	/* A fault while reporting one: printing is what broke, just crash. */
	if (in_fault++)
		platform_crash();

	printk("*** FAULT: %s at pc 0x%08x\n", name, fault_pc(kind, frame, spsr));
	if (kind == FAULT_DATA_ABORT) {
		unsigned int addr = (unsigned int)CP15_READ(0, c6, c0, 0);
		const char *stack = arch_stack_guard_hit(addr);

		printk("*** FAULT: address 0x%08x, DFSR 0x%08x\n", addr,
		       (unsigned int)CP15_READ(0, c5, c0, 0));
		if (stack)
			printk("*** FAULT: stack overflow: %s (guard page hit)\n", stack);
	} else if (kind == FAULT_PREFETCH_ABORT)
		printk("*** FAULT: address 0x%08x, IFSR 0x%08x\n",
		       (unsigned int)CP15_READ(0, c6, c0, 2),
		       (unsigned int)CP15_READ(0, c5, c0, 1));
	print_registers(frame, spsr);
	printk("*** FAULT: crashing the domain\n");
	platform_crash();
}
