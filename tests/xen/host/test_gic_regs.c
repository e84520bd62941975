/*
 * GICv2 register placement: one-bit-per-line registers, the byte-indexed
 * priority and target registers (register intid / 4, byte intid % 4) and the
 * two-bit configuration fields; devicetree trigger flags.
 */

#include "../../../drivers/intc/gic_xen/gic_regs.h"

#include "check.h"

int main(void)
{
	/* Priority of INTID n: register 0x400 + (n / 4) * 4, byte n % 4. */
	CHECK_EQ(gic_byte_reg(GICD_IPRIORITYR, 0), 0x400);
	CHECK_EQ(gic_byte_reg(GICD_IPRIORITYR, 3), 0x400);
	CHECK_EQ(gic_byte_reg(GICD_IPRIORITYR, 4), 0x404);
	CHECK_EQ(gic_byte_reg(GICD_IPRIORITYR, 27), 0x418);
	CHECK_EQ(gic_byte_shift(27), 24);
	CHECK_EQ(gic_byte_reg(GICD_IPRIORITYR, 31), 0x41c);
	CHECK_EQ(gic_byte_shift(31), 24);
	CHECK_EQ(gic_byte_reg(GICD_IPRIORITYR, 32), 0x420);
	CHECK_EQ(gic_byte_shift(32), 0);
	CHECK_EQ(gic_byte_reg(GICD_IPRIORITYR, 1019), 0x7f8);
	CHECK_EQ(gic_byte_shift(1019), 24);
	CHECK_EQ(gic_byte_reg(GICD_ITARGETSR, 33), 0x820);
	CHECK_EQ(gic_byte_shift(33), 8);

	/* Only the line's byte changes. */
	CHECK_EQ(gic_byte_update(0xa0a0a0a0u, 27, 0x10), 0x10a0a0a0u);
	CHECK_EQ(gic_byte_update(0xa0a0a0a0u, 29, 0x10), 0xa0a010a0u);
	CHECK_EQ(gic_byte_update(0xa0a0a0a0u, 32, 0xff), 0xa0a0a0ffu);
	CHECK_EQ(gic_byte_update(0xffffffffu, 34, 0x00), 0xff00ffffu);

	/* Enable/pending: bit n % 32 of register n / 32. */
	CHECK_EQ(gic_bit_reg(GICD_ISENABLER, 27), 0x100);
	CHECK_EQ(gic_bit_mask(27), 1u << 27);
	CHECK_EQ(gic_bit_reg(GICD_ISENABLER, 32), 0x104);
	CHECK_EQ(gic_bit_mask(32), 1);
	CHECK_EQ(gic_bit_reg(GICD_ICENABLER, 95), 0x188);
	CHECK_EQ(gic_bit_mask(95), 0x80000000u);

	/* Configuration: 16 lines per register, the upper bit of each pair is "edge". */
	CHECK_EQ(gic_cfg_reg(27), 0xc04);
	CHECK_EQ(gic_cfg_reg(32), 0xc08);
	CHECK_EQ(gic_cfg_update(0, 32, 1), 0x2);
	CHECK_EQ(gic_cfg_update(0, 47, 1), 0x80000000u);
	CHECK_EQ(gic_cfg_update(0xffffffffu, 33, 0), 0xfffffff7u);

	/* Devicetree flags: 1/2 edge, 4/8 level; 0xf08 = CPU mask + level low. */
	CHECK(gic_dt_flags_edge(1));
	CHECK(gic_dt_flags_edge(2));
	CHECK(!gic_dt_flags_edge(4));
	CHECK(!gic_dt_flags_edge(0xf08));
	CHECK(gic_dt_flags_edge(0xf01));

	CHECK_EQ(GICD_TYPER_LINES(0), 32);
	CHECK_EQ(GICD_TYPER_LINES(2), 96);
	CHECK_EQ(GICC_IAR_INTID(0x1c1b), 0x01b);
	return check_report("gic_regs");
}
