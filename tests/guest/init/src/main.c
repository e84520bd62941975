/*
 * Start-up levels (include/erika/init.h, after Zephyr's SYS_INIT): every
 * function declared with SYS_INIT runs once before main(), level by level
 * (EARLY, PLATFORM, KERNEL, APPLICATION), by priority within a level, whatever
 * the order of declaration and of the files; EARLY before the MMU is on; the
 * GIC driver's own set-up (PLATFORM 10) between PLATFORM 9 and PLATFORM 50.
 * With INIT_FAIL, a failing function stops the boot before main().
 */

#include <stdint.h>

#include <erika/arch/cpu.h>
#include <erika/boot.h>
#include <erika/devicetree.h>
#include <erika/sys/mmio.h>

#include <erika_test.h>

#include "init_log.h"

#define GICD ((uintptr_t)DT_REG_ADDR_BY_IDX(DT_NODELABEL(gic), 0))

struct init_step init_log[INIT_LOG_MAX];
unsigned int init_log_len;

int init_log_step(unsigned int id)
{
	/* SCTLR.M: EARLY runs before arch_mmu_init(). */
	int mmu_on = (CP15_READ(0, c1, c0, 0) & 1u) != 0;

	if (init_log_len < INIT_LOG_MAX) {
		struct init_step *s = &init_log[init_log_len];

		s->id = (uint8_t)id;
		s->mmu_on = (uint8_t)mmu_on;
		/* The distributor is reachable only through the MMU's device mapping. */
		s->gic_on = (uint8_t)(mmu_on && (mmio_read32(GICD) & 1u));
	}
	init_log_len++;
	return 0;
}

#ifdef INIT_FAIL
int main(void)
{
	printk("ERIKA-TEST FAIL init_stops_boot main() ran after a failed init\n");
	return 1;
}
#else
static void test_levels_run_in_order(void)
{
	/* Step n is the n-th to run: EARLY 0, 7; PLATFORM 2, 9, 50; KERNEL 0; APPLICATION 5, 60, 99. */
	TEST_CHECK_EQ(init_log_len, 9);
	for (unsigned int i = 0; i < init_log_len; i++)
		TEST_CHECK(init_log[i].id == i + 1, "run %u was step %u, expected step %u", i + 1,
			   init_log[i].id, i + 1);
}

static void test_early_before_mmu(void)
{
	for (unsigned int i = 0; i < init_log_len; i++)
		TEST_CHECK(init_log[i].mmu_on == (i >= 2), "step %u ran with the MMU %s",
			   init_log[i].id, init_log[i].mmu_on ? "on" : "off");
}

static void test_gic_driver_between(void)
{
	/* Steps 4 and 5: PLATFORM 9 and 50 around the GIC driver's PLATFORM 10. */
	TEST_CHECK(init_log[3].gic_on == 0, "the distributor was on before the GIC's set-up");
	TEST_CHECK(init_log[4].gic_on == 1, "the distributor was off after the GIC's set-up");
}

int main(void)
{
	RUN_TEST(test_levels_run_in_order);
	RUN_TEST(test_early_before_mmu);
	RUN_TEST(test_gic_driver_between);
	return test_summary();
}
#endif
