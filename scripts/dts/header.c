/*
 * gen_defines: devicetree_generated.h as a whole. The per-node macros (nodes.c), then the
 * sections about the whole tree: labels, /chosen, memory, compatibles, CPU count, model.
 */

#define _POSIX_C_SOURCE 200809L

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "gen_defines.h"

static int emit_labels(struct gen *g)
{
	char tok[MAX_NAME_LEN];
	char name[MAX_NAME_LEN];
	int syms, off;

	syms = fdt_path_offset(g->fdt, "/__symbols__");
	if (syms < 0) {
		fprintf(stderr,
			PROG ": %s: note: no /__symbols__ (compile with dtc -@): "
			     "no DT_N_NODELABEL_ macros\n",
			g->dtb_name);
		return 0;
	}
	fputs("\n/* Node labels (/__symbols__) */\n", g->hdr);
	fdt_for_each_property_offset(off, g->fdt, syms)
	{
		const char *label = NULL;
		int len, target;
		const char *path = fdt_getprop_by_offset(g->fdt, off, &label, &len);

		if (!path || !is_c_identifier(label))
			return node_error(g, syms, label ? label : "?",
					  "label is not a C identifier");
		target = is_single_string(path, len) ? fdt_path_offset(g->fdt, path) : -1;
		if (target < 0)
			return node_error(g, syms, label, "does not name an existing node path");
		if (node_token(g, target, tok, sizeof(tok)) ||
		    make_name(g, target, name, sizeof(name), "DT_N_NODELABEL_%s", label) ||
		    emit(g, target, name, "%s", tok))
			return -1;
	}
	return 0;
}

/* A /chosen property names a node by path (`&label` outside <>) or by phandle (<&label>). */
static int chosen_target(const struct gen *g, const char *v, int len)
{
	if (is_single_string(v, len)) {
		/* stdout-path style "path:options": the node is before the colon. */
		const char *colon = strchr(v, ':');
		int node = fdt_path_offset_namelen(g->fdt, v, colon ? (int)(colon - v) : len - 1);
		if (node >= 0)
			return node;
	}
	if (len == 4)
		return fdt_node_offset_by_phandle(g->fdt, fdt32_ld((const fdt32_t *)v));
	return -1;
}

static int emit_chosen(struct gen *g)
{
	char tok[MAX_NAME_LEN];
	char name[MAX_NAME_LEN];
	int chosen, off;

	chosen = fdt_path_offset(g->fdt, "/chosen");
	if (chosen < 0)
		return 0;
	fputs("\n/* /chosen */\n", g->hdr);
	fdt_for_each_property_offset(off, g->fdt, chosen)
	{
		const char *prop;
		int len;
		const void *v = fdt_getprop_by_offset(g->fdt, off, &prop, &len);
		int target = v ? chosen_target(g, v, len) : -1;

		if (target < 0)
			continue; /* a setting such as bootargs, not a node reference */
		if (node_token(g, target, tok, sizeof(tok)) ||
		    make_name(g, chosen, name, sizeof(name), "DT_N_CHOSEN_%s", prop))
			return -1;
		mangle(name + strlen("DT_N_CHOSEN_"));
		if (emit(g, chosen, name, "%s", tok))
			return -1;
	}
	return 0;
}

static bool is_memory_name(const char *name)
{
	return strcmp(name, "memory") == 0 || strncmp(name, "memory@", 7) == 0;
}

/* The error for a board without a usable RAM node says which of the two things is missing. */
static int no_memory_error(const struct gen *g)
{
	int node;

	fdt_for_each_subnode(node, g->fdt, 0)
	{
		const char *name = fdt_get_name(g->fdt, node, NULL);

		if (name && is_memory_name(name) && is_okay(g, node))
			return node_error(g, node, "device_type",
					  "missing or not \"memory\": add device_type = "
					  "\"memory\";");
	}
	return node_error(g, 0, "device_type",
			  "no memory node: add memory@<base> { device_type = \"memory\"; "
			  "reg = <base size>; }");
}

static int emit_memory(struct gen *g)
{
	char tok[MAX_NAME_LEN];
	int node, depth = 0;

	for (node = 0; node >= 0 && depth >= 0; node = fdt_next_node(g->fdt, node, &depth)) {
		if (!prop_is(g, node, "device_type", "memory") || !is_okay(g, node))
			continue;
		if (!fdt_getprop(g->fdt, node, "reg", NULL))
			return node_error(g, node, "reg",
					  "missing: the memory node gives the RAM base and size");
		fputs("\n/* Guest RAM */\n", g->hdr);
		if (node_token(g, node, tok, sizeof(tok)))
			return -1;
		return emit(g, node, "DT_N_MEMORY", "%s", tok);
	}
	return no_memory_error(g);
}

static int emit_cpu_count(struct gen *g)
{
	int cpus, n = 0;

	cpus = fdt_path_offset(g->fdt, "/cpus");
	if (cpus >= 0) {
		int node;

		fdt_for_each_subnode(node, g->fdt, cpus)
		{
			if (prop_is(g, node, "device_type", "cpu") && is_okay(g, node))
				n++;
		}
	}
	return emit(g, cpus >= 0 ? cpus : 0, "DT_CPU_COUNT", "%d", n);
}

static int emit_model(struct gen *g)
{
	const char *model;
	int len;

	model = fdt_getprop(g->fdt, 0, "model", &len);
	if (model && !is_single_string(model, len))
		return node_error(g, 0, "model", "not a printable string");
	return emit_string(g, 0, "DT_MODEL", model ? model : "");
}

/*
 * DT_N_COMPAT_<compat>_FOREACH_OKAY(fn): fn(node id) per okay node, and
 * DT_N_COMPAT_<compat>_FOREACH_OKAY_INST(fn): fn(instance number), in instance order.
 */
static int emit_foreach(struct gen *g, const struct compat *c, const char *mangled)
{
	char name[MAX_NAME_LEN];
	char tok[MAX_NAME_LEN];
	int j;

	if (make_name(g, c->okay[0], name, sizeof(name), "DT_N_COMPAT_%s_FOREACH_OKAY(fn)",
		      mangled) ||
	    begin_define(g, c->okay[0], name))
		return -1;
	for (j = 0; j < c->n_okay; j++) {
		if (node_token(g, c->okay[j], tok, sizeof(tok)))
			return -1;
		fprintf(g->hdr, "%sfn(%s)", j ? " " : "", tok);
	}
	fputc('\n', g->hdr);
	if (make_name(g, c->okay[0], name, sizeof(name), "DT_N_COMPAT_%s_FOREACH_OKAY_INST(fn)",
		      mangled) ||
	    begin_define(g, c->okay[0], name))
		return -1;
	for (j = 0; j < c->n_okay; j++)
		fprintf(g->hdr, "%sfn(%d)", j ? " " : "", j);
	fputc('\n', g->hdr);
	return 0;
}

static int emit_compats(struct gen *g)
{
	char mangled[MAX_NAME_LEN];
	char name[MAX_NAME_LEN];
	char tok[MAX_NAME_LEN];
	int i, j;

	for (i = 0; i < g->n_compats; i++) {
		const struct compat *c = &g->compats[i];

		if (!c->n_okay)
			continue;
		fprintf(g->hdr, "\n/* compatible = \"");
		put_comment_text(g->hdr, c->name);
		fprintf(g->hdr, "\" */\n");
		if (make_name(g, c->okay[0], mangled, sizeof(mangled), "%s", c->name))
			return -1;
		mangle(mangled);
		for (j = 0; j < c->n_okay; j++)
			if (node_token(g, c->okay[j], tok, sizeof(tok)) ||
			    make_name(g, c->okay[j], name, sizeof(name), "DT_N_INST_%d_%s", j,
				      mangled) ||
			    emit(g, c->okay[j], name, "%s", tok))
				return -1;
		if (make_name(g, c->okay[0], name, sizeof(name), "DT_N_COMPAT_%s_NUM_OKAY",
			      mangled) ||
		    emit(g, c->okay[0], name, "%d", c->n_okay) || emit_foreach(g, c, mangled))
			return -1;
	}
	return 0;
}

int generate_header(struct gen *g)
{
	int err;

	g->hdr = open_memstream(&g->hdr_text, &g->hdr_len);
	if (!g->hdr)
		return file_error(g->dtb_name, "out of memory");
	fputs("/*\n * Generated by scripts/dts/gen_defines from ", g->hdr);
	put_comment_text(g->hdr, base_name(g->dtb_name));
	fputs(": do not edit, change the devicetree.\n"
	      " * C code reads it through include/erika/devicetree.h.\n */\n"
	      "#ifndef ERIKA_DEVICETREE_GENERATED_H\n#define ERIKA_DEVICETREE_GENERATED_H\n"
	      "\n/* Numbers are unsigned (U) in C; assembler and linker scripts take no suffix. "
	      "*/\n"
	      "#ifdef __ASSEMBLER__\n#define DT_PRIV_U(x) x\n#else\n#define DT_PRIV_U(x) x##U\n"
	      "#endif\n",
	      g->hdr);
	err = walk_nodes(g) || emit_labels(g) || emit_chosen(g) || emit_memory(g) ||
	      emit_compats(g) || emit_mmio_regions(g);
	if (!err) {
		fputs("\n/* Whole tree */\n", g->hdr);
		err = emit_cpu_count(g) || emit_model(g) || check_collisions(g);
	}
	fputs("\n#endif /* ERIKA_DEVICETREE_GENERATED_H */\n", g->hdr);
	if (fclose(g->hdr))
		err = file_error(g->dtb_name, "out of memory");
	g->hdr = NULL;
	return err ? -1 : 0;
}
