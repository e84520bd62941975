/*
 * From the assembly entry to main(): MMU and caches, consoles, then the
 * application; its return value decides how the domain ends.
 */

#include <stdint.h>

#include <erika/arch/cpu.h>
#include <erika/arch/mmu.h>
#include <erika/boot.h>
#include <erika/console.h>
#include <erika/devicetree.h>
#include <erika/drivers/irq.h>
#include <erika/printk.h>
#include <erika/xen/domain.h>
#include <erika/xen/xen.h>

#define FDT_MAGIC 0xd00dfeedu

const void *boot_fdt;

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

void arch_boot(const void *fdt) __attribute__((noreturn));

void arch_boot(const void *fdt)
{
	int rc;

	arch_mmu_init();
	console_init();
	if (arch_mmu_guards_left_mapped() != 0)
		printk("warning: %u stack guard pages left mapped\n",
		       arch_mmu_guards_left_mapped());
	/* Only RAM is mapped: a pointer elsewhere is not a devicetree from Xen. */
	if (in_ram(fdt, 4) && be32(fdt) == FDT_MAGIC)
		boot_fdt = fdt;
	else
		printk("warning: no devicetree from Xen in r2 (%p)\n", fdt);

	rc = main();
	xen_domain_shutdown(rc == 0 ? SHUTDOWN_poweroff : SHUTDOWN_crash);
}

/*
 * The IRQ vector's dispatch (<erika/drivers/irq.h>) when the build has no
 * interrupt controller driver: then an IRQ is a bug.
 */
__attribute__((weak)) void irq_dispatch(void)
{
	printk("*** FAULT: unexpected IRQ with no handler\n");
	xen_domain_shutdown(SHUTDOWN_crash);
}
