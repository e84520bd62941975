/*
 * gen_defines: the walk over the tree. Each okay node gets its macros; every node's
 * compatibles are recorded for the instance macros and the Kconfig symbols.
 */

#define _POSIX_C_SOURCE 200809L

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "gen_defines.h"

static struct compat *find_compat(struct gen *g, const char *name)
{
	int i;

	for (i = 0; i < g->n_compats; i++)
		if (strcmp(g->compats[i].name, name) == 0)
			return &g->compats[i];
	if (grow((void **)&g->compats, &g->cap_compats, g->n_compats, sizeof(*g->compats)))
		return NULL;
	memset(&g->compats[g->n_compats], 0, sizeof(g->compats[0]));
	g->compats[g->n_compats].name = name;
	return &g->compats[g->n_compats++];
}

/* Disabled nodes count too: their compatibles become DT_HAS_..._ENABLED = n. */
static int record_compats(struct gen *g, int node, bool okay)
{
	struct compat *c;
	const char *v;
	int len, pos;

	v = fdt_getprop(g->fdt, node, "compatible", &len);
	if (!v)
		return 0;
	if (!is_string_list(v, len))
		return node_error(g, node, "compatible",
				  "not a list of non-empty printable strings");
	for (pos = 0; pos < len; pos += (int)strlen(v + pos) + 1) {
		c = find_compat(g, v + pos);
		if (!c)
			return -1;
		if (!okay)
			continue;
		if (grow((void **)&c->okay, &c->cap_okay, c->n_okay, sizeof(*c->okay)))
			return -1;
		c->okay[c->n_okay++] = node;
	}
	return 0;
}

static int emit_node(struct gen *g, int node)
{
	char path[MAX_PATH_LEN];
	char tok[MAX_NAME_LEN];
	char name[MAX_NAME_LEN];

	if (node_token(g, node, tok, sizeof(tok)) ||
	    fdt_get_path(g->fdt, node, path, sizeof(path)) < 0)
		return -1;
	fputs("\n/* ", g->hdr);
	put_comment_text(g->hdr, path);
	fputs(" */\n", g->hdr);
	if (make_name(g, node, name, sizeof(name), "%s_EXISTS", tok) || emit(g, node, name, "1") ||
	    make_name(g, node, name, sizeof(name), "%s_PATH", tok) ||
	    emit_string(g, node, name, path))
		return -1;
	if (emit_regs(g, node, tok) || emit_irqs(g, node, tok) || emit_passthrough(g, node, tok) ||
	    emit_props(g, node, tok))
		return -1;
	return 0;
}

bool is_overlay_node(const struct gen *g, int node)
{
	const char *name = fdt_get_name(g->fdt, node, NULL);

	return name && (strcmp(name, "__symbols__") == 0 || strcmp(name, "__fixups__") == 0 ||
			strcmp(name, "__local_fixups__") == 0);
}

int walk_nodes(struct gen *g)
{
	int node, depth = 0, skip_below = -1;
	bool okay;

	for (node = 0; node >= 0 && depth >= 0; node = fdt_next_node(g->fdt, node, &depth)) {
		if (skip_below >= 0 && depth > skip_below)
			continue;
		skip_below = -1;
		if (depth == 1 && is_overlay_node(g, node)) {
			skip_below = depth;
			continue;
		}
		okay = is_okay(g, node);
		if (record_compats(g, node, okay) || (okay && emit_node(g, node)))
			return -1;
	}
	if (node < 0 && node != -FDT_ERR_NOTFOUND)
		return node_error(g, 0, "?", "broken structure: %s", fdt_strerror(node));
	return 0;
}
