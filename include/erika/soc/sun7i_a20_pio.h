/*
 * Allwinner A20 (sun7i) PIO: the register layout of the port controller and the pins each
 * bank has. Offsets only: the controller's base address is the `reg` of the devicetree's
 * allwinner,sun7i-a20-pinctrl node (DESIGN.md, section 2), never a number in C.
 *
 * Sources (facts, no code): the register layout is DESIGN.md section 4 and the A20 user
 * manual's Port Controller register list as public sunxi code quotes it (Pn_CFG0..3,
 * Pn_DAT, Pn_DRV0..1, Pn_PUL0..1 at n * 0x24 + 0x00..0x20; a 3-bit function select in each
 * 4-bit CFG field). The pins per bank come from FreeBSD's A20 pin table
 * (sys/arm/allwinner/a20/a20_padconf.c), whose last pins are PA17, PB23, PC24, PD27, PE11,
 * PF5, PG11, PH27 and PI21.
 */
#ifndef ERIKA_SOC_SUN7I_A20_PIO_H
#define ERIKA_SOC_SUN7I_A20_PIO_H

/* Banks A..I are numbered 0..8, as in the first cell of `gpios = <&pio BANK PIN FLAGS>`. */
#define SUN7I_PIO_BANK_A   0
#define SUN7I_PIO_BANK_B   1
#define SUN7I_PIO_BANK_C   2
#define SUN7I_PIO_BANK_D   3
#define SUN7I_PIO_BANK_E   4
#define SUN7I_PIO_BANK_F   5
#define SUN7I_PIO_BANK_G   6
#define SUN7I_PIO_BANK_H   7
#define SUN7I_PIO_BANK_I   8
#define SUN7I_PIO_NR_BANKS 9

/* Pins of bank A..I, in that order (PA0..PA17 is 18 pins). 175 in all. */
#define SUN7I_PIO_BANK_PINS                                                                        \
	{                                                                                          \
		18, 24, 25, 28, 12, 6, 12, 28, 22                                                  \
	}

/* Each bank's registers start at base + bank * 0x24. */
#define SUN7I_PIO_BANK_STRIDE 0x24u

/* Register offsets inside a bank. */
#define SUN7I_PIO_CFG(n)  (0x00u + 4u * (n)) /* n = 0..3: pins 8n..8n+7 */
#define SUN7I_PIO_DAT	  0x10u		     /* bit p = level of pin p */
#define SUN7I_PIO_DRV(n)  (0x14u + 4u * (n)) /* n = 0..1: 2 bits per pin, 16 pins */
#define SUN7I_PIO_PULL(n) (0x1cu + 4u * (n)) /* n = 0..1: 2 bits per pin, 16 pins */

/*
 * CFG: one 4-bit field per pin, 8 pins per register. The function is bits 2..0 of the
 * field; bit 3 is reserved, so writers keep it.
 */
#define SUN7I_PIO_CFG_PINS_PER_REG 8u
#define SUN7I_PIO_CFG_FIELD_BITS   4u
#define SUN7I_PIO_CFG_FUNC_MASK	   0x7u
#define SUN7I_PIO_FUNC_INPUT	   0u
#define SUN7I_PIO_FUNC_OUTPUT	   1u

/* Bytes the registers of banks A..I span from the base: the node's reg must cover them. */
#define SUN7I_PIO_REGS_SIZE (SUN7I_PIO_NR_BANKS * SUN7I_PIO_BANK_STRIDE)

#endif /* ERIKA_SOC_SUN7I_A20_PIO_H */
