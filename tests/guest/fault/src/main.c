/*
 * A guest that dereferences an address its devicetree does not map. The test
 * passes when the fault report names that address and Xen sees a crash, not
 * when the guest hangs or powers off.
 */

#include <stdint.h>

#include <erika/boot.h>
#include <erika/printk.h>

/* Below the vGIC and the grant window, outside RAM: nothing is mapped here. */
#define UNMAPPED_ADDRESS 0x10000000u

int main(void)
{
	volatile const uint32_t *p = (volatile const uint32_t *)UNMAPPED_ADDRESS;

	printk("fault test: reading 0x%08x\n", UNMAPPED_ADDRESS);
	printk("fault test: read 0x%08x, which should not happen\n", (unsigned int)*p);
	return 0;
}
