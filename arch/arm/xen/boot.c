/*
 * From the assembly entry to main(): the EARLY start-up level, MMU and
 * caches, the other levels (consoles first), then the application; its
 * return value decides how the system ends.
 */

#include <stdint.h>

#include <erika/arch/cpu.h>
#include <erika/arch/mmu.h>
#include <erika/boot.h>
#include <erika/devicetree.h>
#include <erika/drivers/irq.h>
#include <erika/init.h>
#include <erika/platform.h>
#include <erika/printk.h>

#define FDT_MAGIC 0xd00dfeedu

const void *boot_fdt;
/* What Xen passed in r2, checked once the console is up. */
static const void *boot_r2;

static int in_ram(const void *p, uint32_t size)
{
	uintptr_t a = (uintptr_t)p;

	return a >= DT_REG_ADDR(DT_MEMORY) &&
	       a - DT_REG_ADDR(DT_MEMORY) <= DT_REG_SIZE(DT_MEMORY) - size;
}

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;

	return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

/* The first words after the consoles: what the MMU set-up refused or left, and r2. */
static int boot_report(void)
{
	/* A devicetree region the MMU could not map: a build error that no driver may meet. */
	const struct mmu_region *bad = arch_mmu_bad_region();

	if (bad != 0) {
		printk("*** FAULT: devicetree: %s reg[%u] cannot be mapped (empty, past 4 GiB "
		       "or a memory type clash in its 1 MiB section)\n",
		       bad->path, bad->index);
		platform_crash();
	}
	if (arch_mmu_guards_left_mapped() != 0)
		printk("warning: %u stack guard pages left mapped\n",
		       arch_mmu_guards_left_mapped());
	/* Only RAM is mapped: a pointer elsewhere is not a devicetree from Xen. */
	if (in_ram(boot_r2, 4) && be32(boot_r2) == FDT_MAGIC)
		boot_fdt = boot_r2;
	else
		printk("warning: no devicetree from Xen in r2 (%p)\n", boot_r2);
	return 0;
}
SYS_INIT(boot_report, PLATFORM, 1);

/* Run the records from first up to (not including) end; stop the boot on a failure. */
static void run_inits(const struct init_entry *first, const struct init_entry *end)
{
	for (const struct init_entry *e = first; e < end; e++) {
		int rc = e->fn();

		if (rc != 0) {
			printk("*** INIT: %s failed (%d)\n", e->name, rc);
			platform_crash();
		}
	}
}

void arch_boot(const void *fdt) __attribute__((noreturn));

void arch_boot(const void *fdt)
{
	boot_r2 = fdt;
	/* EARLY runs before the MMU and caches are on; the others after. */
	run_inits(__init_start, __init_early_end);
	arch_mmu_init();
	run_inits(__init_early_end, __init_end);
	if (main() == 0)
		platform_power_off();
	platform_crash();
}

/*
 * The IRQ vector's dispatch (<erika/drivers/irq.h>) when the build has no
 * interrupt controller driver: then an IRQ is a bug.
 */
__attribute__((weak)) void irq_dispatch(void)
{
	printk("*** FAULT: unexpected IRQ with no handler\n");
	platform_crash();
}
