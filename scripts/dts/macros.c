/*
 * gen_defines: the lines of the header. Each "#define" goes through here, so every macro
 * name is remembered and two nodes that would define the same macro are reported.
 */

#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "gen_defines.h"

int begin_define(struct gen *g, int node, const char *name)
{
	char *copy;

	if (grow((void **)&g->macros, &g->cap_macros, g->n_macros, sizeof(*g->macros)))
		return -1;
	copy = strdup(name);
	if (!copy)
		return file_error(g->dtb_name, "out of memory");
	g->macros[g->n_macros].name = copy;
	g->macros[g->n_macros].node = node;
	g->n_macros++;
	fprintf(g->hdr, "#define %s ", name);
	return 0;
}

int emit(struct gen *g, int node, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (begin_define(g, node, name))
		return -1;
	va_start(ap, fmt);
	vfprintf(g->hdr, fmt, ap);
	va_end(ap);
	fputc('\n', g->hdr);
	return 0;
}

/* Writes bytes as a C string literal body; quotes, backslashes and the rest are escaped. */
static void put_c_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if (is_printable(*s))
			fputc(*s, f);
		else
			fprintf(f, "\\%03o", (unsigned char)*s);
	}
	fputc('"', f);
}

/* Text that goes into a comment: nothing that could end the comment or the line. */
void put_comment_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(is_printable(*s) && *s != '*' ? *s : '?', f);
}

int emit_string(struct gen *g, int node, const char *name, const char *value)
{
	if (begin_define(g, node, name))
		return -1;
	put_c_string(g->hdr, value);
	fputc('\n', g->hdr);
	return 0;
}

/* By name, then by tree order, so a collision is always reported at the later node. */
static int cmp_macro(const void *a, const void *b)
{
	const struct macro *ma = a, *mb = b;
	int c = strcmp(ma->name, mb->name);

	if (c)
		return c;
	return (ma->node > mb->node) - (ma->node < mb->node);
}

/* Different names can mangle to one macro ("a-b" and "a_b"): that must not compile silently. */
int check_collisions(struct gen *g)
{
	char other[MAX_PATH_LEN];
	int i;

	qsort(g->macros, (size_t)g->n_macros, sizeof(*g->macros), cmp_macro);
	for (i = 1; i < g->n_macros; i++) {
		if (strcmp(g->macros[i - 1].name, g->macros[i].name))
			continue;
		if (fdt_get_path(g->fdt, g->macros[i - 1].node, other, sizeof(other)) < 0)
			strcpy(other, "?");
		return node_error(g, g->macros[i].node, "name",
				  "macro %s is also generated for %s: rename a node, property, "
				  "label or compatible so that they differ in letters or digits",
				  g->macros[i].name, other);
	}
	return 0;
}
