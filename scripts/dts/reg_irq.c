/*
 * gen_defines: the reg and interrupts properties of a node, decoded with the parent's
 * #address-cells/#size-cells and the interrupt parent (a GIC) into addresses, sizes and
 * INTIDs.
 */

#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <libfdt.h>

#include "gen_defines.h"

/* #address-cells/#size-cells above this are not used by any real binding. */
#define MAX_NCELLS 4

/* An interrupt parent chain longer than this can only be a loop of phandles. */
#define MAX_PARENT_HOPS 64

/* Highest SPI number of a GICv2 (INTID 1019). */
#define GIC_MAX_SPI 987
#define GIC_MAX_PPI 15

static const char *const gic_compats[] = {
	"arm,cortex-a15-gic", "arm,cortex-a9-gic", "arm,cortex-a7-gic", "arm,gic-400",
	"arm,arm11mp-gic",    "arm,pl390",	   "arm,gic-v3",
};

/* #address-cells and friends: one small cell, or the default when absent. */
static int read_ncells(const struct gen *g, int node, const char *prop, int dflt, int *out)
{
	const fdt32_t *v;
	int len;

	*out = dflt;
	if (node < 0)
		return 0;
	v = fdt_getprop(g->fdt, node, prop, &len);
	if (!v)
		return 0;
	if (len != 4 || fdt32_ld(v) > MAX_NCELLS)
		return node_error(g, node, prop, "must be one cell of at most %d", MAX_NCELLS);
	*out = (int)fdt32_ld(v);
	return 0;
}

/* Folds n big-endian cells into one number; false if it needs more than 64 bits. */
static bool cells_to_u64(const fdt32_t *cells, int n, uint64_t *out)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (v >> 32)
			return false;
		v = (v << 32) | fdt32_ld(&cells[i]);
	}
	*out = v;
	return true;
}

/* How many <address size> entries reg has, with the parent's cell counts. */
static int count_regs(const struct gen *g, int node, int len, int *ac, int *sc, int *n)
{
	int parent = node ? fdt_parent_offset(g->fdt, node) : -1;
	int entry;

	if (read_ncells(g, parent, "#address-cells", 2, ac) ||
	    read_ncells(g, parent, "#size-cells", 1, sc))
		return -1;
	entry = 4 * (*ac + *sc);
	if (entry == 0 || len == 0 || len % entry)
		return node_error(g, node, "reg",
				  "length %d is not a non-zero multiple of %d bytes "
				  "(#address-cells = <%d>, #size-cells = <%d> in the parent)",
				  len, entry, *ac, *sc);
	*n = len / entry;
	return 0;
}

int emit_regs(struct gen *g, int node, const char *tok)
{
	char name[MAX_NAME_LEN];
	const fdt32_t *reg;
	uint64_t addr, size;
	int len, ac = 0, sc = 0, i, n = 0;

	reg = fdt_getprop(g->fdt, node, "reg", &len);
	if (reg && count_regs(g, node, len, &ac, &sc, &n))
		return -1;
	if (make_name(g, node, name, sizeof(name), "%s_REG_NUM", tok) ||
	    emit(g, node, name, "%d", n))
		return -1;
	for (i = 0; i < n; i++) {
		const fdt32_t *e = reg + i * (ac + sc);

		if (!cells_to_u64(e, ac, &addr) || !cells_to_u64(e + ac, sc, &size))
			return node_error(g, node, "reg", "entry %d does not fit in 64 bits", i);
		if (make_name(g, node, name, sizeof(name), "%s_REG_IDX_%d_ADDR", tok, i) ||
		    emit(g, node, name, "DT_PRIV_U(0x%08" PRIx64 ")", addr) ||
		    make_name(g, node, name, sizeof(name), "%s_REG_IDX_%d_SIZE", tok, i) ||
		    emit(g, node, name, "DT_PRIV_U(0x%08" PRIx64 ")", size))
			return -1;
	}
	return 0;
}

/* The memory type of a node's regions (contract 1 of issue 11, until bindings say it). */
static const char *memory_type(const struct gen *g, int node)
{
	const char *compat;
	int len;

	if (prop_is(g, node, "device_type", "memory"))
		return "NORMAL";
	compat = fdt_getprop(g->fdt, node, "compatible", &len);
	if (compat && has_string(compat, len, "xen,xen"))
		return "NORMAL_NOEXEC";
	return "DEVICE";
}

/* The fn(...) entries of one node; reg was checked by emit_regs() in the walk. */
static int put_node_regions(struct gen *g, int node)
{
	char tok[MAX_NAME_LEN];
	const fdt32_t *reg;
	uint64_t addr, size;
	int len, ac = 0, sc = 0, i, n = 0;

	reg = fdt_getprop(g->fdt, node, "reg", &len);
	if (!reg || node == 0)
		return 0;
	if (count_regs(g, node, len, &ac, &sc, &n))
		return -1;
	if (sc == 0) /* cpus and the like: reg is an id, not memory */
		return 0;
	if (node_token(g, node, tok, sizeof(tok)))
		return -1;
	for (i = 0; i < n; i++) {
		const fdt32_t *e = reg + i * (ac + sc);

		if (!cells_to_u64(e, ac, &addr) || !cells_to_u64(e + ac, sc, &size))
			return node_error(g, node, "reg", "entry %d does not fit in 64 bits", i);
		fprintf(g->hdr,
			" \\\n\tfn(%s, %d, DT_PRIV_U(0x%08" PRIx64 "), DT_PRIV_U(0x%08" PRIx64
			"), %s)",
			tok, i, addr, size, memory_type(g, node));
	}
	return 0;
}

int emit_mmio_regions(struct gen *g)
{
	int node, depth = 0, skip_below = -1;

	fputs("\n/* Memory-mapped regions of the okay nodes (arch's MMU map) */\n", g->hdr);
	if (begin_define(g, 0, "DT_FOREACH_MMIO_REGION(fn)"))
		return -1;
	for (node = 0; node >= 0 && depth >= 0; node = fdt_next_node(g->fdt, node, &depth)) {
		if (skip_below >= 0 && depth > skip_below)
			continue;
		skip_below = -1;
		if (depth == 1 && is_overlay_node(g, node)) {
			skip_below = depth;
			continue;
		}
		if (is_okay(g, node) && put_node_regions(g, node))
			return -1;
	}
	fputc('\n', g->hdr);
	return 0;
}

/*
 * The interrupt parent as Linux finds it: the node's interrupt-parent, else its parent
 * node, repeated until a node that has #interrupt-cells.
 */
static int find_irq_parent(const struct gen *g, int node, int *ctrl)
{
	int cur = node, next, hops, len;

	for (hops = 0; hops < MAX_PARENT_HOPS; hops++) {
		const fdt32_t *ph = fdt_getprop(g->fdt, cur, "interrupt-parent", &len);
		if (ph) {
			if (len != 4)
				return node_error(g, cur, "interrupt-parent",
						  "must be one phandle");
			next = fdt_node_offset_by_phandle(g->fdt, fdt32_ld(ph));
			if (next < 0)
				return node_error(g, cur, "interrupt-parent",
						  "phandle 0x%x matches no node", fdt32_ld(ph));
		} else if (cur == 0) {
			return node_error(g, node, "interrupts",
					  "no interrupt-parent in the node or its ancestors");
		} else {
			next = fdt_parent_offset(g->fdt, cur);
			if (next < 0)
				return node_error(g, cur, "interrupts", "no parent node: %s",
						  fdt_strerror(next));
		}
		if (fdt_getprop(g->fdt, next, "#interrupt-cells", NULL)) {
			*ctrl = next;
			return 0;
		}
		cur = next;
	}
	return node_error(g, node, "interrupt-parent", "the interrupt parents form a loop");
}

/* The INTIDs we generate assume a GIC's <type number flags> specifiers. */
static int check_gic(const struct gen *g, int node, int ctrl)
{
	char path[MAX_PATH_LEN];
	const fdt32_t *cells;
	const char *compat;
	size_t i;
	int len, clen;
	bool gic = false;

	cells = fdt_getprop(g->fdt, ctrl, "#interrupt-cells", &len);
	compat = fdt_getprop(g->fdt, ctrl, "compatible", &clen);
	for (i = 0; compat && i < sizeof(gic_compats) / sizeof(gic_compats[0]); i++)
		gic = gic || has_string(compat, clen, gic_compats[i]);
	if (gic && len == 4 && fdt32_ld(cells) == 3 &&
	    fdt_getprop(g->fdt, ctrl, "interrupt-controller", NULL))
		return 0;
	if (fdt_get_path(g->fdt, ctrl, path, sizeof(path)) < 0)
		strcpy(path, "?");
	return node_error(g, node, "interrupts",
			  "interrupt parent %s is not a 3-cell GIC (an interrupt-controller "
			  "compatible with arm,gic-400 or alike, #interrupt-cells = <3>)",
			  path);
}

/* GIC specifier <type number flags> to the INTID the GIC driver programs. */
static int gic_intid(const struct gen *g, int node, int idx, uint32_t type, uint32_t num,
		     uint32_t *intid)
{
	if (type == 0 && num <= GIC_MAX_SPI) {
		*intid = 32 + num;
		return 0;
	}
	if (type == 1 && num <= GIC_MAX_PPI) {
		*intid = 16 + num;
		return 0;
	}
	return node_error(g, node, "interrupts",
			  "entry %d <%u %u ...> is neither an SPI (type 0, 0-%d) nor a PPI "
			  "(type 1, 0-%d)",
			  idx, type, num, GIC_MAX_SPI, GIC_MAX_PPI);
}

int emit_irqs(struct gen *g, int node, const char *tok)
{
	char name[MAX_NAME_LEN];
	const fdt32_t *irq;
	uint32_t intid = 0;
	int len, ctrl = -1, i, n = 0;

	irq = fdt_getprop(g->fdt, node, "interrupts", &len);
	if (irq) {
		if (find_irq_parent(g, node, &ctrl) || check_gic(g, node, ctrl))
			return -1;
		if (len == 0 || len % 12)
			return node_error(g, node, "interrupts",
					  "length %d is not a non-zero multiple of 3 cells", len);
		n = len / 12;
	}
	if (make_name(g, node, name, sizeof(name), "%s_IRQ_NUM", tok) ||
	    emit(g, node, name, "%d", n))
		return -1;
	for (i = 0; i < n; i++) {
		if (gic_intid(g, node, i, fdt32_ld(&irq[3 * i]), fdt32_ld(&irq[3 * i + 1]),
			      &intid) ||
		    make_name(g, node, name, sizeof(name), "%s_IRQ_IDX_%d_INTID", tok, i) ||
		    emit(g, node, name, "DT_PRIV_U(0x%x)", intid) ||
		    make_name(g, node, name, sizeof(name), "%s_IRQ_IDX_%d_FLAGS", tok, i) ||
		    emit(g, node, name, "DT_PRIV_U(0x%x)", fdt32_ld(&irq[3 * i + 2])))
			return -1;
	}
	return 0;
}
