/*
 * Preprocessed as assembler (__ASSEMBLER__ defined), as .S files and the linker script
 * are: the devicetree numbers must come out without the U suffix that C gets, or as and
 * ld refuse them. The test compares the preprocessed lines with the expected text.
 */
#include <erika/devicetree.h>

gicd = DT_REG_ADDR(DT_NODELABEL(gic));
gicc = DT_REG_ADDR_BY_IDX(DT_NODELABEL(gic), 1);
ram_end = DT_REG_ADDR(DT_MEMORY) + DT_REG_SIZE(DT_MEMORY);
vtimer = DT_IRQ_INTID_BY_IDX(DT_NODELABEL(arch_timer), 2);
cpus = DT_CPU_COUNT;
