/*
 * GICv2 register layout and the arithmetic that places one interrupt's field
 * in its register. Pure functions (no MMIO), shared by the driver and the host
 * tests (tests/xen/host/test_gic_regs.c).
 */
#ifndef GIC_REGS_H
#define GIC_REGS_H

#include <stdint.h>

/* Distributor (GICD) registers, offsets from the first devicetree reg. */
#define GICD_CTLR	    0x000u
#define GICD_TYPER	    0x004u
#define GICD_ISENABLER	    0x100u
#define GICD_ICENABLER	    0x180u
#define GICD_ISPENDR	    0x200u
#define GICD_ICPENDR	    0x280u
#define GICD_ICACTIVER	    0x380u
#define GICD_IPRIORITYR	    0x400u
#define GICD_ITARGETSR	    0x800u
#define GICD_ICFGR	    0xc00u
#define GICD_SGIR	    0xf00u

#define GICD_CTLR_ENABLE    1u
#define GICD_TYPER_LINES(t) ((((t)&0x1fu) + 1u) * 32u)
/* SGIR TargetListFilter 2: "this CPU interface only". */
#define GICD_SGIR_TO_SELF (2u << 24)
/* SGIR TargetListFilter 0: the CPUs of CPUTargetList [23:16], bit n = CPU interface n. */
#define GICD_SGIR_TO_LIST (0u << 24)
#define GICD_SGIR_CPU(n)  (1u << (16u + (n)))
#define GIC_MAX_CPUS	  8u

/* CPU interface (GICC) registers, offsets from the second devicetree reg. */
#define GICC_CTLR	    0x00u
#define GICC_PMR	    0x04u
#define GICC_BPR	    0x08u
#define GICC_IAR	    0x0cu
#define GICC_EOIR	    0x10u

#define GICC_CTLR_ENABLE    1u
#define GICC_IAR_INTID(iar) ((iar)&0x3ffu)

#define GIC_NR_SGI	    16u
#define GIC_FIRST_SPI	    32u
/* INTIDs 1020-1023 are special; 1023 means "nothing pending" (spurious). */
#define GIC_INTID_SPURIOUS 1023u
#define GIC_MAX_INTID	   1019u

/* Devicetree interrupt flags cell: IRQ_TYPE_EDGE_RISING 1, _FALLING 2, LEVEL_* 4/8. */
#define DT_IRQ_TYPE_EDGE_MASK 0x3u

/* Registers with one bit per interrupt (enable, pending, active). */
static inline uint32_t gic_bit_reg(uint32_t base, unsigned int intid)
{
	return base + (intid / 32u) * 4u;
}

static inline uint32_t gic_bit_mask(unsigned int intid)
{
	return 1u << (intid % 32u);
}

/*
 * GICD_IPRIORITYR and GICD_ITARGETSR hold one byte per interrupt: register
 * intid / 4, byte intid % 4. (Indexing the register by intid itself is the
 * classic mistake: it writes the priority of some other line.)
 */
static inline uint32_t gic_byte_reg(uint32_t base, unsigned int intid)
{
	return base + (intid / 4u) * 4u;
}

static inline unsigned int gic_byte_shift(unsigned int intid)
{
	return (intid % 4u) * 8u;
}

/* The register word with intid's byte replaced by value. */
static inline uint32_t gic_byte_update(uint32_t word, unsigned int intid, uint8_t value)
{
	unsigned int shift = gic_byte_shift(intid);

	return (word & ~(0xffu << shift)) | ((uint32_t)value << shift);
}

/* GICD_ICFGR: two bits per interrupt, 16 per register; the upper one means edge. */
static inline uint32_t gic_cfg_reg(unsigned int intid)
{
	return GICD_ICFGR + (intid / 16u) * 4u;
}

static inline uint32_t gic_cfg_update(uint32_t word, unsigned int intid, int edge)
{
	uint32_t bit = 2u << ((intid % 16u) * 2u);

	return edge ? (word | bit) : (word & ~bit);
}

/* Whether a devicetree flags cell asks for an edge-triggered line. */
static inline int gic_dt_flags_edge(uint32_t flags)
{
	return (flags & DT_IRQ_TYPE_EDGE_MASK) != 0;
}

#endif /* GIC_REGS_H */
