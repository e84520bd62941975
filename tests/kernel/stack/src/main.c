/*
 * Stack guard test. Within bounds, digging changes nothing; past the end,
 * the next context switch (task) or the end of the interrupt (ISR) finds
 * the guard damaged: the ErrorHook gets E_OS_SYS_STACKFAULT while the task
 * at fault is still the running one, the OS prints the stack's name and
 * shuts down with the error, which crashes the domain. The runner checks
 * the PASS lines of the hooks, the report line and the crash.
 *
 * Built with STACK_LEAP, the overflow is one large frame that jumps over
 * the guard words (they stay intact, so the switch-time check could not see
 * it) and writes into the unmapped guard page below the stack: the write
 * itself faults and the fault report names the stack (Deep, or the
 * interrupt stack in the BCC2 build); no hook runs, the domain crashes.
 */

#include <erika/drivers/irq.h>
#include <erika/os.h>
#include <erika_test.h>

#include "os_cfg_types.h"

void stack_dig(const void *limit);
void stack_leap(const void *limit, unsigned int frame);

/* Far enough below a stack's end to pass its guard words, within the guard page. */
#define LEAP_FRAME 256

extern const struct os_stack os_isr_stack_area;

static const void *dig_limit;
static volatile int isr_done;
#ifdef STACK_LEAP
static int leap; /* the overflow case: leap instead of digging */
#endif

static const uint32_t *base_of(TaskType t)
{
	return os_task_cfg[t].stack->base;
}

TASK(Deep)
{
#ifdef STACK_LEAP
	if (leap) {
		printk("stack: Deep leaps over its guard words\n");
		stack_leap(dig_limit, LEAP_FRAME);
		printk("ERIKA-TEST FAIL guard page not hit\n");
	}
#endif
	stack_dig(dig_limit);
	(void)TerminateTask(); /* the switch checks Deep's guard */
}

TASK(Flat)
{
	stack_dig(dig_limit);
	(void)TerminateTask();
}

ISR(Digger)
{
#ifdef STACK_LEAP
	if (leap) {
		printk("stack: the ISR leaps over the interrupt stack's guard words\n");
		stack_leap(dig_limit, LEAP_FRAME);
		printk("ERIKA-TEST FAIL guard page not hit\n");
	}
#endif
	stack_dig(dig_limit);
	isr_done = 1;
}

static void test_within_bounds(void)
{
	dig_limit = base_of(Deep) + 16;
	TEST_CHECK_EQ(ActivateTask(Deep), E_OK);
	dig_limit = os_shared_stack.base + 16;
	TEST_CHECK_EQ(ActivateTask(Flat), E_OK);
	dig_limit = os_isr_stack_area.base + 16;
	TEST_CHECK_EQ(irq_raise_sgi(5), 0);
	while (!isr_done)
		;
}

TASK(Main)
{
	RUN_TEST(test_within_bounds);
#if defined(STACK_LEAP) && defined(CONFIG_OS_CLASS_BCC1)
	leap = 1;
	dig_limit = base_of(Deep) + 16;
	(void)ActivateTask(Deep);
#elif defined(STACK_LEAP)
	leap = 1;
	dig_limit = os_isr_stack_area.base + 16;
	(void)irq_raise_sgi(5);
#elif defined(CONFIG_OS_CLASS_BCC1)
	dig_limit = base_of(Deep);
	(void)ActivateTask(Deep);
#else
	dig_limit = os_isr_stack_area.base;
	(void)irq_raise_sgi(5);
#endif
	printk("ERIKA-TEST FAIL overflow not detected\n");
	ShutdownOS(E_OK);
}

static StatusType hook_error;
static OSServiceIdType hook_service;
static TaskType hook_task = INVALID_TASK;

void ErrorHook(StatusType Error)
{
	hook_error = Error;
	hook_service = OSErrorGetServiceId();
	(void)GetTaskID(&hook_task);
}

static void test_error_hook(void)
{
	TEST_CHECK_EQ(hook_error, E_OS_SYS_STACKFAULT);
	TEST_CHECK_EQ(hook_service, OSServiceId_StackCheck);
#ifdef CONFIG_OS_CLASS_BCC1
	TEST_CHECK_EQ(hook_task, Deep);
#else
	TEST_CHECK_EQ(hook_task, Main); /* the task the ISR interrupted */
#endif
}

static StatusType shutdown_error;

static void test_shutdown_hook(void)
{
	TEST_CHECK_EQ(shutdown_error, E_OS_SYS_STACKFAULT);
}

/* No END line: the crash that follows ends the run. */
void ShutdownHook(StatusType Error)
{
	shutdown_error = Error;
	RUN_TEST(test_error_hook);
	RUN_TEST(test_shutdown_hook);
}

int main(void)
{
	StartOS(OSDEFAULTAPPMODE);
}
