/*
 * Devicetree accessors: how C code learns an address, an interrupt or a property of the
 * hardware the domain sees. The devicetree is the single source of truth for those
 * (DESIGN.md, section 2), so C code never writes such a number itself.
 *
 * The values come from devicetree_generated.h, which scripts/dts/gen_defines writes into
 * the build directory from the board's DTB. A node is named by a node identifier, a token
 * such as DT_N_S_cpus_S_cpu_0 (its path with '/' as _S_ and every other character that is
 * not a letter or digit as '_'). Get one with DT_NODELABEL(), DT_CHOSEN(), DT_INST(),
 * DT_MEMORY or DT_ROOT; every accessor expands its node argument before use, so node
 * identifiers can be passed around in macros of your own.
 *
 *   DT_REG_ADDR_BY_IDX(DT_NODELABEL(gic), 1)           0x03002000U, the GICC
 *   DT_IRQ_INTID_BY_IDX(DT_NODELABEL(arch_timer), 2)   27, the virtual timer
 *   DT_IRQ_INTID(DT_INST(0, xen_xen))                  31, the event upcall
 *   #if DT_HAS_COMPAT_STATUS_OKAY(arm_pl061)
 *   DT_FOREACH_STATUS_OKAY(arm_pl061, fn)              fn(DT_N_S_gpio_9030000)
 *
 * Labels, chosen properties, compatibles and property names are written the way the
 * generator spells them: every character that is not a letter or a digit becomes '_'
 * (arm,pl061 -> arm_pl061, erika,console -> erika_console, #gpio-cells -> _gpio_cells).
 * Those names are pasted as they are, never macro-expanded. Indexes may be macros.
 *
 * Numbers are hexadecimal with a U suffix in C (so DT_REG_ADDR() is unsigned); where
 * __ASSEMBLER__ is defined (.S files, linker scripts run through cpp) they have no suffix,
 * which as and ld would refuse. Counts (DT_NUM_REGS(), DT_CPU_COUNT, ...) are plain decimal.
 *
 * Only nodes with status "okay" (or no status) have values. Asking for something the
 * devicetree does not have is a compile error (an undeclared identifier), except in
 * DT_NODE_EXISTS(), DT_PASSTHROUGH(), DT_HAS_COMPAT_STATUS_OKAY() and
 * DT_NUM_INST_STATUS_OKAY(), which give 0 and can be used in #if.
 */
#ifndef ERIKA_DEVICETREE_H
#define ERIKA_DEVICETREE_H

#include "devicetree_generated.h"

/*
 * Pasting helpers. The outer macro expands its arguments (a node identifier passed as
 * DT_NODELABEL(x) becomes its token) before the inner one pastes them.
 */
#define DT_PRIV_CAT(a, b)	     DT_PRIV_CAT_(a, b)
#define DT_PRIV_CAT_(a, b)	     a##b
#define DT_PRIV_CAT3(a, b, c)	     DT_PRIV_CAT3_(a, b, c)
#define DT_PRIV_CAT3_(a, b, c)	     a##b##c
#define DT_PRIV_CAT4(a, b, c, d)     DT_PRIV_CAT4_(a, b, c, d)
#define DT_PRIV_CAT4_(a, b, c, d)    a##b##c##d
#define DT_PRIV_CAT5(a, b, c, d, e)  DT_PRIV_CAT5_(a, b, c, d, e)
#define DT_PRIV_CAT5_(a, b, c, d, e) a##b##c##d##e

/*
 * DT_PRIV_IS_1(x) is 1 if x expands to 1 and 0 for anything else, including an undefined
 * identifier: DT_PRIV_PROBE_1_1 turns into two arguments and shifts the 1 into place.
 */
#define DT_PRIV_IS_1(x)		   DT_PRIV_IS_1_(x)
#define DT_PRIV_IS_1_(x)	   DT_PRIV_SECOND(DT_PRIV_PROBE_1_##x, 0, ~)
#define DT_PRIV_PROBE_1_1	   ~, 1
#define DT_PRIV_SECOND(...)	   DT_PRIV_SECOND_(__VA_ARGS__)
#define DT_PRIV_SECOND_(a, b, ...) b

/* DT_PRIV_IF(c)(then, else) for c being 0 or 1. */
#define DT_PRIV_IF(c)	   DT_PRIV_CAT(DT_PRIV_IF_, c)
#define DT_PRIV_IF_1(t, f) t
#define DT_PRIV_IF_0(t, f) f

/* Node identifiers. */
#define DT_ROOT		      DT_N
#define DT_NODELABEL(label)   DT_N_NODELABEL_##label
#define DT_CHOSEN(prop)	      DT_N_CHOSEN_##prop
#define DT_INST(inst, compat) DT_PRIV_CAT3(DT_N_INST_, inst, _##compat)
#define DT_MEMORY	      DT_N_MEMORY

/* 1 if the node exists and is okay, else 0. */
#define DT_NODE_EXISTS(node) DT_PRIV_IS_1(DT_PRIV_CAT(node, _EXISTS))
/* 1 if an okay node has this compatible, else 0. */
#define DT_HAS_COMPAT_STATUS_OKAY(compat) DT_NODE_EXISTS(DT_N_INST_0_##compat)
/* How many okay nodes have this compatible (0 if none). */
#define DT_NUM_INST_STATUS_OKAY(compat)                                                            \
	DT_PRIV_IF(DT_HAS_COMPAT_STATUS_OKAY(compat))(DT_N_COMPAT_##compat##_NUM_OKAY, 0)
/*
 * One expansion per okay node of a compatible, in instance order; nothing if it has none:
 *   DT_FOREACH_STATUS_OKAY(arm_pl061, fn)   fn(DT_N_S_gpio_9030000) ...
 * A driver defines DT_DRV_COMPAT (e.g. `#define DT_DRV_COMPAT arm_pl061`) before using
 *   DT_INST_FOREACH_STATUS_OKAY(fn)         fn(0) fn(1) ... (instance numbers)
 *   DT_DRV_INST(inst)                       DT_INST(inst, DT_DRV_COMPAT)
 */
#define DT_FOREACH_STATUS_OKAY(compat, fn) DT_PRIV_FOREACH_OKAY(compat, fn, _FOREACH_OKAY)
#define DT_INST_FOREACH_STATUS_OKAY(fn)                                                            \
	DT_PRIV_FOREACH_OKAY_X(DT_DRV_COMPAT, fn, _FOREACH_OKAY_INST)
#define DT_DRV_INST(inst) DT_PRIV_DRV_INST(inst, DT_DRV_COMPAT)
/* The _X level expands DT_DRV_COMPAT before the next level pastes it. */
#define DT_PRIV_FOREACH_OKAY_X(compat, fn, list) DT_PRIV_FOREACH_OKAY(compat, fn, list)
#define DT_PRIV_FOREACH_OKAY(compat, fn, list)                                                     \
	DT_PRIV_IF(DT_HAS_COMPAT_STATUS_OKAY(compat))(DT_N_COMPAT_##compat##list(fn), )
#define DT_PRIV_DRV_INST(inst, compat) DT_INST(inst, compat)

/*
 * The MMIO region table: fn(node, index, address, size, type) for each reg region of every
 * okay memory-mapped node (not cpu nodes), in tree order; type is NORMAL (RAM),
 * NORMAL_NOEXEC or DEVICE, from the node's binding (`memory-type:` in dts/bindings/).
 * DT_FOREACH_MMIO_REGION(fn) itself is in the generated header.
 */

/* 1 if the node carries erika,passthrough (Xen gives it to the domain 1:1), else 0. */
#define DT_PASSTHROUGH(node) DT_PRIV_IS_1(DT_PRIV_CAT(node, _PASSTHROUGH))

/* The node's full path as a string literal, e.g. "/cpus/cpu@0". */
#define DT_PATH_STR(node) DT_PRIV_CAT(node, _PATH)

/* reg: each region's address and size as written (not translated through a parent's ranges). */
#define DT_NUM_REGS(node)	      DT_PRIV_CAT(node, _REG_NUM)
#define DT_REG_ADDR_BY_IDX(node, idx) DT_PRIV_CAT4(node, _REG_IDX_, idx, _ADDR)
#define DT_REG_SIZE_BY_IDX(node, idx) DT_PRIV_CAT4(node, _REG_IDX_, idx, _SIZE)
#define DT_REG_ADDR(node)	      DT_REG_ADDR_BY_IDX(node, 0)
#define DT_REG_SIZE(node)	      DT_REG_SIZE_BY_IDX(node, 0)

/* interrupts: the GIC INTID (SPI n = 32 + n, PPI n = 16 + n) and the flags cell. */
#define DT_NUM_IRQS(node)	       DT_PRIV_CAT(node, _IRQ_NUM)
#define DT_IRQ_INTID_BY_IDX(node, idx) DT_PRIV_CAT4(node, _IRQ_IDX_, idx, _INTID)
#define DT_IRQ_FLAGS_BY_IDX(node, idx) DT_PRIV_CAT4(node, _IRQ_IDX_, idx, _FLAGS)
#define DT_IRQ_INTID(node)	       DT_IRQ_INTID_BY_IDX(node, 0)
#define DT_IRQ_FLAGS(node)	       DT_IRQ_FLAGS_BY_IDX(node, 0)

/* A property that is one cell (a U-suffixed number), one string or a flag (1). */
#define DT_PROP(node, prop) DT_PRIV_CAT(node, _P_##prop)

/* gpios and *-gpios: number of entries, the controller's node identifier and each cell. */
#define DT_PROP_LEN(node, prop)		     DT_PRIV_CAT(node, _P_##prop##_LEN)
#define DT_GPIO_CTLR_BY_IDX(node, prop, idx) DT_PRIV_CAT4(node, _P_##prop##_IDX_, idx, _CTLR)
#define DT_GPIO_CELL_BY_IDX(node, prop, idx, cell)                                                 \
	DT_PRIV_CAT5(node, _P_##prop##_IDX_, idx, _CELL_, cell)

#endif /* ERIKA_DEVICETREE_H */
