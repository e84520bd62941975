/*
 * GICv2 as Xen's vGIC presents it: the distributor is emulated by Xen (every
 * access traps), the CPU interface is the hardware's virtual CPU interface
 * (GICV) mapped where the devicetree says GICC is. Both addresses come from
 * the devicetree's GIC node. SPIs are routed to the CPU interface of vCPU 0,
 * which sets the distributor up; SGIs and PPIs are banked per vCPU (a second
 * vCPU sets its own bank up at its start, SYS_INIT_SECONDARY).
 *
 * With two vCPUs the handler table is banked like the distributor: an SGI or
 * PPI connected on vCPU 1 is vCPU 1's (the same INTID may have another
 * handler on vCPU 0), and enabling an SPI routes it to the vCPU that enables
 * it. Every call acts for the vCPU it runs on.
 */

#include <stdint.h>

#include <erika/arch/cpu.h>
#include <erika/arch/smp.h>
#include <erika/devicetree.h>
#include <erika/drivers/irq.h>
#include <erika/errno.h>
#include <erika/init.h>
#include <erika/sys/mmio.h>

#include "gic_regs.h"

#define GIC_NODE DT_INST(0, arm_cortex_a15_gic)
#define GICD	 ((uintptr_t)DT_REG_ADDR_BY_IDX(GIC_NODE, 0))
#define GICC	 ((uintptr_t)DT_REG_ADDR_BY_IDX(GIC_NODE, 1))

/* The handler table covers INTIDs 0 .. CONFIG_GIC_XEN_NR_IRQS - 1. */
#define NR_IRQS CONFIG_GIC_XEN_NR_IRQS
_Static_assert(NR_IRQS >= GIC_FIRST_SPI && NR_IRQS <= GIC_MAX_INTID + 1,
	       "GIC_XEN_NR_IRQS must cover the PPIs and stay below the special INTIDs");

struct irq_entry {
	irq_handler_t handler;
	void *arg;
};

static struct irq_entry irq_table[NR_IRQS];
#if DT_CPU_COUNT > 1
/* vCPU 1's SGIs and PPIs; vCPU 0's are the start of irq_table. */
static struct irq_entry secondary_bank[GIC_FIRST_SPI];
#endif
/* INTIDs below this exist both in the table and in the distributor. */
static unsigned int nr_lines;
static unsigned int unhandled;

static uint32_t gicd_read(uint32_t offset)
{
	return mmio_read32(GICD + offset);
}

static void gicd_write(uint32_t offset, uint32_t value)
{
	mmio_write32(GICD + offset, value);
}

/* This vCPU's bit in the target registers: GICD_ITARGETSR0 reads it back. */
static uint8_t own_cpu_mask(void)
{
	return (uint8_t)(gicd_read(GICD_ITARGETSR) & 0xffu);
}

/* Every line off and idle, the CPU interface open: before any driver connects one. */
static int irq_init(void)
{
	uint32_t typer;
	unsigned int lines;
	uint8_t cpu;

	typer = gicd_read(GICD_TYPER);
	if (typer == 0xffffffffu)
		return -ENODEV;
	lines = GICD_TYPER_LINES(typer);
	lines = lines < NR_IRQS ? lines : NR_IRQS;

	gicd_write(GICD_CTLR, 0);
	cpu = own_cpu_mask();
	for (unsigned int i = 0; i < lines; i += 32) {
		gicd_write(gic_bit_reg(GICD_ICENABLER, i), 0xffffffffu);
		gicd_write(gic_bit_reg(GICD_ICPENDR, i), 0xffffffffu);
	}
	for (unsigned int i = 0; i < lines; i += 4) {
		uint32_t prio = IRQ_PRIORITY_DEFAULT * 0x01010101u;

		gicd_write(gic_byte_reg(GICD_IPRIORITYR, i), prio);
		/* SGI/PPI targets are read-only (banked per CPU): only SPIs. */
		if (i >= GIC_FIRST_SPI)
			gicd_write(gic_byte_reg(GICD_ITARGETSR, i), cpu * 0x01010101u);
	}
	gicd_write(GICD_CTLR, GICD_CTLR_ENABLE);

	/* Let every priority through; group priority on all bits (preemption). */
	mmio_write32(GICC + GICC_PMR, 0xffu);
	mmio_write32(GICC + GICC_BPR, 0);
	mmio_write32(GICC + GICC_CTLR, GICC_CTLR_ENABLE);
	dsb();
	nr_lines = lines;
	return 0;
}
SYS_INIT(irq_init, PLATFORM, 10);

static int valid(unsigned int intid)
{
	return intid < nr_lines;
}

/* The table entry of intid for the calling vCPU. */
static struct irq_entry *entry_of(unsigned int intid)
{
#if DT_CPU_COUNT > 1
	if (intid < GIC_FIRST_SPI && arch_cpu_id() != 0)
		return &secondary_bank[intid];
#endif
	return &irq_table[intid];
}

int irq_connect(unsigned int intid, unsigned int priority, irq_handler_t handler, void *arg)
{
	struct irq_entry *e;
	uint32_t reg;

	if (!valid(intid) || priority > 0xffu || handler == 0)
		return -EINVAL;
	e = entry_of(intid);
	if (e->handler != 0)
		return -EBUSY;
	reg = gic_byte_reg(GICD_IPRIORITYR, intid);
	gicd_write(reg, gic_byte_update(gicd_read(reg), intid, (uint8_t)priority));
	e->arg = arg;
	/* The handler is what marks the entry valid: publish arg first. */
	dmb();
	e->handler = handler;
	return 0;
}

int irq_configure(unsigned int intid, unsigned int dt_flags)
{
	uint32_t reg;

	if (!valid(intid))
		return -EINVAL;
	/* SGIs are always edge; the ICFGR of SGIs and PPIs ignores writes under Xen. */
	if (intid < GIC_NR_SGI)
		return 0;
	reg = gic_cfg_reg(intid);
	gicd_write(reg, gic_cfg_update(gicd_read(reg), intid, gic_dt_flags_edge(dt_flags)));
	return 0;
}

int irq_disconnect(unsigned int intid)
{
	struct irq_entry *e;

	if (!valid(intid))
		return -EINVAL;
	(void)irq_disable(intid);
	e = entry_of(intid);
	e->handler = 0;
	dmb();
	e->arg = 0;
	return 0;
}

int irq_enable(unsigned int intid)
{
	if (!valid(intid))
		return -EINVAL;
#if DT_CPU_COUNT > 1
	/* An SPI goes to one vCPU (Xen keeps a single target): the one enabling it. */
	if (intid >= GIC_FIRST_SPI) {
		uint32_t reg = gic_byte_reg(GICD_ITARGETSR, intid);

		gicd_write(reg, gic_byte_update(gicd_read(reg), intid, own_cpu_mask()));
	}
#endif
	gicd_write(gic_bit_reg(GICD_ISENABLER, intid), gic_bit_mask(intid));
	return 0;
}

int irq_disable(unsigned int intid)
{
	if (!valid(intid))
		return -EINVAL;
	gicd_write(gic_bit_reg(GICD_ICENABLER, intid), gic_bit_mask(intid));
	dsb();
	return 0;
}

int irq_raise_sgi(unsigned int intid)
{
	if (intid >= GIC_NR_SGI || nr_lines == 0)
		return -EINVAL;
	dsb(); /* memory the handler reads is written before it runs */
	gicd_write(GICD_SGIR, GICD_SGIR_TO_SELF | intid);
	return 0;
}

int irq_raise_sgi_to(unsigned int cpu, unsigned int intid)
{
	if (intid >= GIC_NR_SGI || cpu >= GIC_MAX_CPUS || nr_lines == 0)
		return -EINVAL;
	dsb(); /* memory the handler reads is written before it runs */
	gicd_write(GICD_SGIR, GICD_SGIR_TO_LIST | GICD_SGIR_CPU(cpu) | intid);
	return 0;
}

#if DT_CPU_COUNT > 1
/*
 * A secondary vCPU's part: its SGIs and PPIs off, idle and at the default
 * priority, its CPU interface open. The distributor's global part and the
 * SPIs are vCPU 0's (irq_init, PLATFORM level).
 */
static int irq_init_secondary(void)
{
	/* Rank 0 (SGIs, PPIs) is banked per vCPU: this vCPU's copy, like irq_init() did vCPU 0's. */
	gicd_write(GICD_ICENABLER, 0xffffffffu);
	gicd_write(GICD_ICPENDR, 0xffffffffu);
	for (unsigned int i = 0; i < GIC_FIRST_SPI; i += 4)
		gicd_write(gic_byte_reg(GICD_IPRIORITYR, i), IRQ_PRIORITY_DEFAULT * 0x01010101u);
	/* The CPU interface (GICV) is this vCPU's own. */
	mmio_write32(GICC + GICC_PMR, 0xffu);
	mmio_write32(GICC + GICC_BPR, 0);
	mmio_write32(GICC + GICC_CTLR, GICC_CTLR_ENABLE);
	dsb();
	return 0;
}
SYS_INIT_SECONDARY(irq_init_secondary, 10);
#endif

void irq_dispatch(void)
{
	for (;;) {
		/* The whole IAR value goes back to EOIR: it names the SGI's source CPU. */
		uint32_t iar = mmio_read32(GICC + GICC_IAR);
		unsigned int intid = GICC_IAR_INTID(iar);
		const struct irq_entry *e;
		irq_handler_t handler;

		if (intid > GIC_MAX_INTID)
			break; /* 1023: nothing (more) pending; 1020-1022 not used by GICv2 */
		e = intid < nr_lines ? entry_of(intid) : 0;
		handler = e != 0 ? e->handler : 0;
		if (handler != 0) {
			handler(e->arg);
		} else {
			/* Nobody will quiet the source: keep it from storming. */
			unhandled++;
			gicd_write(gic_bit_reg(GICD_ICENABLER, intid), gic_bit_mask(intid));
		}
		mmio_write32(GICC + GICC_EOIR, iar);
	}
}

unsigned int irq_unhandled_count(void)
{
	return unhandled;
}
