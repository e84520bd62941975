/*
 * Hello: the smallest useful guest. Prints who and where it is, then returns,
 * which powers the domain off. The test runner checks this banner on both boot
 * paths (dom0less and `xl create`).
 */

#include <erika/boot.h>
#include <erika/printk.h>
#include <erika/xen/domain.h>

int main(void)
{
	unsigned int version = xen_version();
	char extra[16] = "";
	int domid = xen_domain_id();

	(void)xen_extra_version(extra);
	printk("*** ERIKA Enterprise on Xen: board %s (%s) ***\n", CONFIG_BOARD, CONFIG_SOC);
	printk("Xen version: %u.%u%s\n", version >> 16, version & 0xffff, extra);
	printk("Domain id: %d\n", domid);
	printk("Devicetree from Xen: %s\n", boot_fdt ? "yes" : "no");
	printk("Hello from the domU: shutting down (poweroff)\n");
	return 0;
}
