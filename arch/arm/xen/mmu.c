/*
 * Stage-1 identity map in 1 MiB sections, built from the devicetree's region
 * table (every reg entry of every okay memory-mapped node): guest RAM as
 * cacheable Normal memory (Xen requires shared pages to be Normal, write-back,
 * shareable), the vGIC and the devices as Device memory, the grant-table
 * window as Normal never executed. Everything else faults,
 * so a stray pointer is reported instead of reaching whatever Xen put there.
 * The sections holding stack guard pages are split into 4 KiB pages (a
 * second-level table each) so that those pages alone can be left unmapped.
 */

#include <stdint.h>

#include <erika/arch/arm_regs.h>
#include <erika/arch/cpu.h>
#include <erika/arch/mmu.h>
#include <erika/arch/stack_guard.h>
#include <erika/devicetree.h>
#include <erika/errno.h>

#define SECTION_SHIFT 20
#define SECTION_SIZE  (1u << SECTION_SHIFT)
#define L1_ENTRIES    4096

/* Short-descriptor section entry bits (ARMv7-A, TEX remap off). */
#define SECT_TYPE      (2u << 0)
#define SECT_B	       (1u << 2)
#define SECT_C	       (1u << 3)
#define SECT_XN	       (1u << 4)
#define SECT_AP_RW     (3u << 10) /* read/write at every privilege level */
#define SECT_TEX(x)    ((uint32_t)(x) << 12)
#define SECT_S	       (1u << 16)

#define SECT_NORMAL_WB (SECT_TYPE | SECT_TEX(1) | SECT_C | SECT_B | SECT_S | SECT_AP_RW)
#define SECT_DEVICE    (SECT_TYPE | SECT_B | SECT_XN | SECT_AP_RW)

/* TTBR0 walk attributes: inner and outer write-back write-allocate, shareable. */
#define TTBR_IRGN_WBWA	    (1u << 6)
#define TTBR_RGN_WBWA	    (1u << 3)
#define TTBR_S		    (1u << 1)
#define TTBR_NOS	    (1u << 5)

#define DACR_DOMAIN0_CLIENT 1u

/* First-level entry types (bits 1:0) and the second-level small page. */
#define L1_TYPE_MASK  3u
#define L1_PAGE_TABLE 1u
#define L1_SECTION    2u
#define L2_ENTRIES    256
/* Small page, Normal write-back shareable read/write: the RAM section's attributes. */
#define PAGE_NORMAL_WB ((2u << 0) | (1u << 6) | (1u << 3) | (1u << 2) | (1u << 10) | (3u << 4))
/*
 * Second-level tables for the sections that hold guard pages. The stacks are
 * contiguous (the .stacks output section), so they span few sections: four
 * cover 3 MiB of stacks.
 */
#define L2_TABLES 4

static uint32_t l1_table[L1_ENTRIES] __attribute__((aligned(16384), section(".bss.mmu_table")));
static uint32_t l2_tables[L2_TABLES][L2_ENTRIES] __attribute__((aligned(1024)));
static unsigned int l2_used;
static unsigned int guards_left_mapped;

static uint32_t section_bits(enum mmu_memory_type type)
{
	switch (type) {
	case MMU_NORMAL:
		return SECT_NORMAL_WB;
	case MMU_NORMAL_NOEXEC:
		return SECT_NORMAL_WB | SECT_XN;
	case MMU_DEVICE:
	default:
		return SECT_DEVICE;
	}
}

static int fill_sections(uint32_t phys, uint32_t size, enum mmu_memory_type type)
{
	uint64_t end = (uint64_t)phys + size;
	uint32_t first = phys >> SECTION_SHIFT;
	uint32_t last = (uint32_t)((end + SECTION_SIZE - 1) >> SECTION_SHIFT);
	uint32_t bits = section_bits(type);

	if (size == 0 || end > ((uint64_t)1 << 32))
		return -EINVAL;
	/* Two regions of different types in one section: a devicetree error. */
	for (uint32_t i = first; i < last; i++)
		if (l1_table[i] != 0 && l1_table[i] != ((i << SECTION_SHIFT) | bits))
			return -EINVAL;
	for (uint32_t i = first; i < last; i++)
		l1_table[i] = (i << SECTION_SHIFT) | bits;
	return 0;
}

/*
 * Every reg region of every okay memory-mapped node, with the memory type the devicetree
 * generator gave it (contract: include/erika/devicetree.h, DT_FOREACH_MMIO_REGION). No
 * device is named here: a new controller is mapped because its node is in the tree.
 */
#define MMU_REGION(node, idx, addr_, size_, type_)                                                 \
	{ .path = DT_PATH_STR(node),                                                               \
	  .phys = (uint32_t)(addr_),                                                               \
	  .size = MMU_FITS_32(addr_, size_) ? (uint32_t)(size_) : 0,                               \
	  .type = MMU_##type_,                                                                     \
	  .index = (idx) },
/* A region past 4 GiB (64-bit reg) gets size 0, which fill_sections() refuses. */
#define MMU_FITS_32(addr_, size_)                                                                  \
	((uint64_t)(addr_) <= 0xffffffffull && (uint64_t)(size_) <= 0x100000000ull - (addr_))
static const struct mmu_region regions[] = { DT_FOREACH_MMIO_REGION(MMU_REGION) };

static const struct mmu_region *bad_region;

/*
 * Maps every region; the first one that cannot be mapped is kept for
 * arch_mmu_bad_region() and the others are still mapped, so that the console works
 * to report it.
 */
static void map_devicetree(void)
{
	for (unsigned int i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		if (fill_sections(regions[i].phys, regions[i].size, regions[i].type) != 0 &&
		    bad_region == 0)
			bad_region = &regions[i];
}

const struct mmu_region *arch_mmu_bad_region(void)
{
	return bad_region;
}

/* The second-level table of a RAM section, splitting the section if needed. */
static uint32_t *page_table_of(uint32_t addr)
{
	uint32_t *l1 = &l1_table[addr >> SECTION_SHIFT];
	uint32_t *l2;

	if ((*l1 & L1_TYPE_MASK) == L1_PAGE_TABLE)
		return (uint32_t *)(*l1 & ~0x3ffu);
	/* Only RAM holds stacks; anything else is a link error to report. */
	if (*l1 != ((addr & ~(SECTION_SIZE - 1)) | SECT_NORMAL_WB) || l2_used == L2_TABLES)
		return 0;
	l2 = l2_tables[l2_used++];
	for (uint32_t i = 0; i < L2_ENTRIES; i++)
		l2[i] = (addr & ~(SECTION_SIZE - 1)) + (i << PAGE_SHIFT) + PAGE_NORMAL_WB;
	*l1 = (uint32_t)l2 | L1_PAGE_TABLE;
	return l2;
}

/* Leave every stack's guard page unmapped: an overflow faults at once. */
static void unmap_stack_guards(void)
{
	unsigned int n;
	const struct arch_stack_guard *g = arch_stack_guards(&n);

	for (unsigned int i = 0; i < n; i++) {
		uint32_t addr = (uint32_t)g[i].page;
		uint32_t *l2 = page_table_of(addr);

		if (l2 != 0 && (addr & ((1u << PAGE_SHIFT) - 1)) == 0)
			l2[(addr >> PAGE_SHIFT) & (L2_ENTRIES - 1)] = 0;
		else
			guards_left_mapped++;
	}
}

unsigned int arch_mmu_guards_left_mapped(void)
{
	return guards_left_mapped;
}

void arch_mmu_init(void)
{
	uint32_t sctlr;

	map_devicetree();
	unmap_stack_guards();
	/* The table was written with the caches off: it is in memory already. */
	dsb();
	CP15_WRITE(0, c2, c0, 2, 0); /* TTBCR: TTBR0 only, short descriptors */
	CP15_WRITE(0, c2, c0, 0,
		   (uint32_t)l1_table | TTBR_IRGN_WBWA | TTBR_RGN_WBWA | TTBR_S | TTBR_NOS);
	CP15_WRITE(0, c3, c0, 0, DACR_DOMAIN0_CLIENT);
	CP15_WRITE(0, c8, c7, 0, 0); /* TLBIALL */
	CP15_WRITE(0, c7, c5, 0, 0); /* ICIALLU */
	CP15_WRITE(0, c7, c5, 6, 0); /* BPIALL */
	dsb();
	isb();
	sctlr = CP15_READ(0, c1, c0, 0);
	sctlr |= SCTLR_M | SCTLR_C | SCTLR_Z | SCTLR_I;
	sctlr &= ~(SCTLR_A | SCTLR_TRE | SCTLR_AFE);
	CP15_WRITE(0, c1, c0, 0, sctlr);
	isb();
}

int arch_mmu_map(uint32_t phys, uint32_t size, enum mmu_memory_type type)
{
	int rc = fill_sections(phys, size, type);

	if (rc == 0) {
		dsb();
		CP15_WRITE(0, c8, c7, 0, 0); /* TLBIALL: a fault may have cached nothing */
		dsb();
		isb();
	}
	return rc;
}

#if DT_CPU_COUNT > 1
/*
 * What the second vCPU loads before it turns its MMU on (smp_entry.S): the same TTBR0
 * (table and walk attributes, so both walk one coherent table) and the SCTLR this vCPU
 * runs with. Called by vCPU 0 after arch_mmu_init(); the caller cleans the words to
 * memory, since vCPU 1 reads them with its caches off.
 */
void arch_mmu_secondary_regs(uint32_t *ttbr0, uint32_t *sctlr)
{
	*ttbr0 = (uint32_t)l1_table | TTBR_IRGN_WBWA | TTBR_RGN_WBWA | TTBR_S | TTBR_NOS;
	*sctlr = CP15_READ(0, c1, c0, 0);
}
#endif
