/*
 * Support of the multicore kernel tests (mc.h) and their ErrorHook.
 */

#include <erika/arch/cpu.h>
#include <erika/printk.h>

#include "mc.h"

#define WAIT_MS	       10000u
#define WAIT_MIN_POLLS 1000000u

static volatile int log_entries[MC_LOG_MAX];
static unsigned int log_len;

struct mc_error mc_errors[MC_ERRORS_MAX];
static unsigned int errors_len;	 /* slots taken */
static unsigned int errors_done; /* records complete (a hook on each core may write at once) */

void mc_log(int ev)
{
	unsigned int i = __atomic_fetch_add(&log_len, 1u, __ATOMIC_SEQ_CST);

	if (i < MC_LOG_MAX)
		log_entries[i] = ev;
	dmb();
}

unsigned int mc_log_len(void)
{
	return __atomic_load_n(&log_len, __ATOMIC_SEQ_CST);
}

int mc_log_at(unsigned int i)
{
	return i < MC_LOG_MAX ? log_entries[i] : -1;
}

void mc_log_reset(void)
{
	__atomic_store_n(&log_len, 0u, __ATOMIC_SEQ_CST);
}

static void print_log(void)
{
	unsigned int n = mc_log_len();

	printk("  log (%u):", n);
	for (unsigned int i = 0; i < n && i < MC_LOG_MAX; i++)
		printk(" %d", log_entries[i]);
	printk("\n");
}

void mc_expect(const char *file, int line, const int *expected, unsigned int n)
{
	unsigned int len = mc_log_len();
	unsigned int i = 0;

	while (i < n && i < len && log_entries[i] == expected[i])
		i++;
	if (i == n && len == n)
		return;
	test_fail(file, line, "event log differs at entry %u (%u entries, %u expected)", i, len, n);
	print_log();
	printk("  expected:");
	for (i = 0; i < n; i++)
		printk(" %d", expected[i]);
	printk("\n");
}

/* Both cores: record the call (AUTOSAR OS: the ErrorHook runs on the core that found it). */
void ErrorHook(StatusType Error)
{
	unsigned int i = __atomic_fetch_add(&errors_len, 1u, __ATOMIC_SEQ_CST);

	if (i < MC_ERRORS_MAX) {
		mc_errors[i] = (struct mc_error){
			.error = Error,
			.service = OSErrorGetServiceId(),
			.core = GetCoreID(),
			.param0 = OS_ERROR_PARAM(0, uintptr_t),
			.param1 = OS_ERROR_PARAM(1, uintptr_t),
		};
	}
	__atomic_fetch_add(&errors_done, 1u, __ATOMIC_SEQ_CST);
}

unsigned int mc_error_count(void)
{
	return __atomic_load_n(&errors_done, __ATOMIC_SEQ_CST);
}

void mc_errors_reset(void)
{
	__atomic_store_n(&errors_len, 0u, __ATOMIC_SEQ_CST);
	__atomic_store_n(&errors_done, 0u, __ATOMIC_SEQ_CST);
}

static uint64_t counter_now(void)
{
	uint32_t lo, hi;

	isb();
	__asm__ volatile("mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi)); /* CNTVCT */
	return ((uint64_t)hi << 32) | lo;
}

/* Poll done() until it says 1: bounded by polls and by counter time, both. */
static int wait_until(int (*done)(const void *), const void *arg)
{
	uint64_t begin = counter_now();
	uint64_t limit = (uint64_t)CP15_READ(0, c14, c0, 0) * WAIT_MS / 1000u; /* CNTFRQ */
	unsigned int polls = 0;

	while (!done(arg))
		if (++polls >= WAIT_MIN_POLLS && counter_now() - begin > limit)
			return 0;
	dmb();
	return 1;
}

struct target {
	const volatile unsigned int *value;
	unsigned int n;
};

static int reached(const void *arg)
{
	const struct target *t = arg;

	return *t->value >= t->n;
}

int mc_wait(const volatile unsigned int *value, unsigned int target)
{
	struct target t = { value, target };

	return wait_until(reached, &t);
}

int mc_wait_log(unsigned int n)
{
	return mc_wait(&log_len, n);
}

int mc_wait_errors(unsigned int n)
{
	return mc_wait(&errors_done, n);
}

struct state_of {
	TaskType id;
	TaskStateType state;
};

static int in_state(const void *arg)
{
	const struct state_of *s = arg;
	TaskStateType now = 0xff;

	return GetTaskState(s->id, &now) == E_OK && now == s->state;
}

int mc_wait_state(TaskType id, TaskStateType state)
{
	struct state_of s = { id, state };

	return wait_until(in_state, &s);
}

/* Every case starts the OS from core 0's main() alike. */
int main(void)
{
	StartOS(OSDEFAULTAPPMODE);
}

/* A case without a ShutdownHook of its own: the summary line. */
__attribute__((weak)) void ShutdownHook(StatusType Error)
{
	(void)Error;
	(void)test_summary();
}
