/*
 * The guest's stage-1 translation: an identity map built from the devicetree.
 */
#ifndef ERIKA_ARCH_MMU_H
#define ERIKA_ARCH_MMU_H

#include <stdint.h>

/* The small page: the MMU's finest granule and Xen's page (frame numbers). */
#define PAGE_SHIFT 12
#define PAGE_SIZE  (1u << PAGE_SHIFT)

enum mmu_memory_type {
	/* Normal, inner/outer write-back write-allocate, shareable: RAM, shared pages. */
	MMU_NORMAL,
	/* Normal as above but never executed: grant and magic pages from Xen. */
	MMU_NORMAL_NOEXEC,
	/* Shareable Device, never executed: registers. */
	MMU_DEVICE,
};

/* One reg entry of a devicetree node, as the MMU maps it. */
struct mmu_region {
	const char *path; /* the node's path, for messages */
	uint32_t phys;
	uint32_t size; /* 0 for a region that does not fit in 32 bits */
	uint8_t type;  /* enum mmu_memory_type */
	uint8_t index; /* which entry of the node's reg */
};

/*
 * Build the identity map from the devicetree's region table, leaving the stacks' guard
 * pages unmapped, and turn on the MMU and caches. Boot context, once, before any
 * console. A region that cannot be mapped is skipped and kept for
 * arch_mmu_bad_region(): the boot must report it and stop once a console is up.
 */
void arch_mmu_init(void);

/*
 * The first devicetree region arch_mmu_init() could not map (empty, past 4 GiB, or
 * sharing a 1 MiB section with a region of another memory type), or NULL.
 */
const struct mmu_region *arch_mmu_bad_region(void);

/* Guard pages arch_mmu_init() could not unmap (no second-level table left). */
unsigned int arch_mmu_guards_left_mapped(void);

/*
 * Map [phys, phys + size) 1:1 with the given type, in 1 MiB sections (the range
 * is widened to whole sections). Task or boot context; returns 0, or -EINVAL
 * when the range wraps or would change the type of a section already mapped.
 */
int arch_mmu_map(uint32_t phys, uint32_t size, enum mmu_memory_type type);

/*
 * The TTBR0 and SCTLR values a second vCPU loads to share this MMU set-up
 * (devicetrees with two cpu nodes only: arch/arm/xen/smp.c).
 */
void arch_mmu_secondary_regs(uint32_t *ttbr0, uint32_t *sctlr);

#endif /* ERIKA_ARCH_MMU_H */
