/*
 * Stack guard test. Within bounds, digging changes nothing; past the end,
 * the next context switch (task) or the end of the interrupt (ISR) finds
 * the guard damaged: the ErrorHook gets E_OS_SYS_STACKFAULT while the task
 * at fault is still the running one, the OS prints the stack's name and
 * shuts down with the error, which crashes the domain. The runner checks
 * the PASS lines of the hooks, the report line and the crash.
 */

#include <erika/drivers/irq.h>
#include <erika/os.h>
#include <erika_test.h>

#include "os_cfg_types.h"

void stack_dig(const void *limit);

extern const struct os_stack os_isr_stack_area;

static const void *dig_limit;
static volatile int isr_done;

static const uint32_t *base_of(TaskType t)
{
	return os_task_cfg[t].stack->base;
}

TASK(Deep)
{
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
#ifdef CONFIG_OS_CLASS_BCC1
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
