/*
 * gen_defines: the other properties of a node: erika,passthrough, gpios and the generic
 * <node>_P_<prop> macros.
 */

#define _POSIX_C_SOURCE 200809L

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <libfdt.h>

#include "gen_defines.h"

int emit_passthrough(struct gen *g, int node, const char *tok)
{
	char name[MAX_NAME_LEN];
	int len;

	if (!fdt_getprop(g->fdt, node, "erika,passthrough", &len))
		return 0;
	if (len != 0)
		return node_error(g, node, "erika,passthrough",
				  "is a flag without a value: write `erika,passthrough;`");
	if (make_name(g, node, name, sizeof(name), "%s_PASSTHROUGH", tok))
		return -1;
	return emit(g, node, name, "1");
}

static bool is_gpio_prop(const char *prop)
{
	size_t n = strlen(prop);

	return strcmp(prop, "gpios") == 0 || (n > 6 && strcmp(prop + n - 6, "-gpios") == 0);
}

/* The controller of one gpios entry and how many cells follow its phandle. */
static int gpio_controller(const struct gen *g, int node, const char *prop, int idx,
			   uint32_t phandle, int *ctrl, uint32_t *ncells)
{
	const fdt32_t *cells;
	int len;

	*ctrl = fdt_node_offset_by_phandle(g->fdt, phandle);
	if (*ctrl < 0)
		return node_error(g, node, prop, "entry %d: phandle 0x%x matches no node", idx,
				  phandle);
	if (!fdt_getprop(g->fdt, *ctrl, "gpio-controller", NULL))
		return node_error(g, node, prop, "entry %d: the node is not a gpio-controller",
				  idx);
	cells = fdt_getprop(g->fdt, *ctrl, "#gpio-cells", &len);
	if (!cells || len != 4)
		return node_error(g, node, prop, "entry %d: the controller has no #gpio-cells",
				  idx);
	*ncells = fdt32_ld(cells);
	return 0;
}

static int emit_gpio_entry(struct gen *g, int node, const char *base, int idx, int ctrl,
			   const fdt32_t *cells, uint32_t ncells)
{
	char name[MAX_NAME_LEN];
	char ctok[MAX_NAME_LEN];
	uint32_t j;

	if (node_token(g, ctrl, ctok, sizeof(ctok)) ||
	    make_name(g, node, name, sizeof(name), "%s_IDX_%d_CTLR", base, idx) ||
	    emit(g, node, name, "%s", ctok))
		return -1;
	for (j = 0; j < ncells; j++)
		if (make_name(g, node, name, sizeof(name), "%s_IDX_%d_CELL_%u", base, idx, j) ||
		    emit(g, node, name, "DT_PRIV_U(0x%x)", fdt32_ld(&cells[j])))
			return -1;
	return 0;
}

/* gpios = <&ctrl cell...>, ...: the cell count of each entry comes from its controller. */
static int emit_gpios(struct gen *g, int node, const char *base, const char *prop, const fdt32_t *v,
		      int len)
{
	char name[MAX_NAME_LEN];
	uint32_t ncells = 0;
	int n = len / 4, pos = 0, idx = 0, ctrl;

	if (len % 4)
		return node_error(g, node, prop, "length %d is not a multiple of 4", len);
	while (pos < n) {
		if (gpio_controller(g, node, prop, idx, fdt32_ld(&v[pos]), &ctrl, &ncells))
			return -1;
		if (ncells > (uint32_t)(n - pos - 1))
			return node_error(g, node, prop,
					  "entry %d is truncated: its controller has "
					  "#gpio-cells = <%u>",
					  idx, ncells);
		if (emit_gpio_entry(g, node, base, idx, ctrl, &v[pos + 1], ncells))
			return -1;
		pos += 1 + (int)ncells;
		idx++;
	}
	if (make_name(g, node, name, sizeof(name), "%s_LEN", base))
		return -1;
	return emit(g, node, name, "%d", idx);
}

/*
 * <tok>_P_<prop> for flags (1), single strings and single cells. Without bindings the type
 * is guessed from the bytes, so a string wins over a cell: "cpu" is 4 bytes too.
 */
static int emit_prop(struct gen *g, int node, const char *tok, const char *prop, const void *v,
		     int len)
{
	char mangled[MAX_NAME_LEN];
	char name[MAX_NAME_LEN];

	/* phandle values are numbered by dtc and change with any edit: never expose them. */
	if (strcmp(prop, "phandle") == 0 || strcmp(prop, "linux,phandle") == 0 ||
	    strcmp(prop, "interrupt-parent") == 0)
		return 0;
	if (make_name(g, node, mangled, sizeof(mangled), "%s", prop))
		return -1;
	mangle(mangled);
	if (make_name(g, node, name, sizeof(name), "%s_P_%s", tok, mangled))
		return -1;
	if (is_gpio_prop(prop))
		return emit_gpios(g, node, name, prop, v, len);
	if (len == 0)
		return emit(g, node, name, "1");
	if (is_single_string(v, len))
		return emit_string(g, node, name, v);
	/* "a", "b" is four bytes too, and is no number. */
	if (len == 4 && !is_string_list(v, len))
		return emit(g, node, name, "DT_PRIV_U(0x%x)", fdt32_ld(v));
	return 0;
}

int emit_props(struct gen *g, int node, const char *tok)
{
	int off;

	fdt_for_each_property_offset(off, g->fdt, node)
	{
		const char *prop;
		int len;
		const void *v = fdt_getprop_by_offset(g->fdt, off, &prop, &len);

		if (!v)
			return node_error(g, node, "?", "unreadable property: %s",
					  fdt_strerror(len));
		if (emit_prop(g, node, tok, prop, v, len))
			return -1;
	}
	if (off != -FDT_ERR_NOTFOUND)
		return node_error(g, node, "?", "unreadable properties: %s", fdt_strerror(off));
	return 0;
}
