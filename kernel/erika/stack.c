/*
 * Stack guards: the two lowest words of every task stack, of the shared
 * stack and of the interrupt stack hold OS_STACK_GUARD. A stack that grew
 * past its end has overwritten them; the dispatcher checks the leaving
 * task's guard at every switch and the end of each outermost interrupt
 * checks the interrupt stack (os_stack_check()).
 */

#include "os_kernel.h"

extern const struct os_stack os_isr_stack_area;
#if OS_NUM_CORES > 1
extern const struct os_stack os_isr_stack_area1;
#endif

static void guard(const struct os_stack *s)
{
	s->base[0] = OS_STACK_GUARD;
	s->base[1] = OS_STACK_GUARD;
}

/* Write every guard. StartOS, before any task runs. */
void os_stack_init(void)
{
	for (unsigned int i = 0; i < OS_NUM_STACKS; i++)
		guard(os_stacks[i]);
	guard(&os_isr_stack_area);
#if OS_NUM_CORES > 1
	guard(&os_isr_stack_area1);
#endif
}

/* A damaged guard in the stack of name: stop the OS. Kernel locked. */
void os_stack_fault(const char *name)
{
	os_fatal(E_OS_SYS_STACKFAULT, OSServiceId_StackCheck, "stack overflow", name);
}
