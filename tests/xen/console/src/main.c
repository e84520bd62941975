/*
 * The PV console ring under `xl` (xenconsoled in dom0): input typed into the
 * domain's console pty reaches console_ring_read(); output written while
 * xenconsoled is stopped is dropped and counted, not waited for forever,
 * and when output resumes a notice with the count comes first. The dom0
 * side (dom0/running.sh) types, stops and resumes xenconsoled when the
 * guest asks through XenStore.
 */

#include <stdint.h>

#include <erika/boot.h>
#include <erika/console.h>
#include <erika/drivers/timer.h>
#include <erika/errno.h>
#include <erika/printk.h>
#include <erika/string.h>
#include <erika/xen/console_ring.h>
#include <erika/xen/hypercall.h>
#include <erika/xen/xenstore.h>

#include <erika_test.h>

#define STATE	"data/console-test/state"
#define WAIT_MS 30000u

/* Ask dom0 for step `want` and wait until it reports `done`. */
static int dom0_step(const char *want, const char *done)
{
	uint64_t deadline = vtimer_count() + vtimer_ms_to_ticks(WAIT_MS);
	char state[32];

	if (want && xs_write(XS_TX_NONE, STATE, want) < 0)
		return -EIO;
	while (vtimer_count() < deadline) {
		if (xs_read(XS_TX_NONE, STATE, state, sizeof(state)) > 0 &&
		    strcmp(state, done) == 0)
			return 0;
		(void)HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	}
	return -ETIMEDOUT;
}

static void test_input(void)
{
	uint64_t deadline = vtimer_count() + vtimer_ms_to_ticks(WAIT_MS);
	char got[64];
	unsigned int len = 0;

	TEST_CHECK_EQ(xs_write(XS_TX_NONE, STATE, "want-input"), 0);
	printk("console: waiting for input from dom0\n");
	while (vtimer_count() < deadline && len < sizeof(got) - 1) {
		int n = console_ring_read(got + len, sizeof(got) - 1 - len);

		TEST_CHECK(n >= 0, "console_ring_read: %d", n);
		len += (unsigned int)n;
		got[len] = '\0';
		if (len >= 5 && (got[len - 1] == '\r' || got[len - 1] == '\n'))
			break;
		if (n == 0)
			(void)HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	}
	TEST_CHECK(len >= 5 && memcmp(got, "ping", 4) == 0, "read %u bytes: \"%s\"", len, got);
	TEST_CHECK_EQ(console_ring_read(got, sizeof(got)), 0);
}

static void test_drops_counted_and_reported(void)
{
	static char flood[3000];
	unsigned int before, after_flood, after_resume;
	int stalled, resumed;

	for (unsigned int i = 0; i < sizeof(flood); i++)
		flood[i] = (i % 100 == 99) ? '\n' : (char)('A' + i % 26);
	stalled = dom0_step("want-stall", "stalled");
	/* Nothing printed from here until dom0 resumes xenconsoled: it would be lost. */
	before = console_ring_dropped();
	console_write(flood, sizeof(flood));
	after_flood = console_ring_dropped();
	resumed = dom0_step("flooded", "resumed");
	printk("console: output resumed\n");
	after_resume = console_ring_dropped();
	printk("console: %u bytes dropped during the stall\n", after_flood - before);
	TEST_CHECK_EQ(stalled, 0);
	TEST_CHECK_EQ(resumed, 0);
	/* The 2048-byte ring held part of the flood; the rest was dropped. */
	TEST_CHECK(after_flood > before, "nothing dropped (%u)", after_flood);
	TEST_CHECK(after_flood - before < sizeof(flood), "everything dropped");
	TEST_CHECK_EQ(after_resume, after_flood);
}

int main(void)
{
	int rc = xs_status();

	if (rc < 0) {
		printk("console test needs xl (XenStore): %d\n", rc);
		return 1;
	}
	RUN_TEST(test_input);
	RUN_TEST(test_drops_counted_and_reported);
	return test_summary();
}
