/*
 * gen_defines: macro names. Node tokens (DT_N_S_...), the mangling of names into C
 * identifiers, and the bounded formatting of a macro name.
 */

#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "gen_defines.h"

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_printable(char c)
{
	return c >= 0x20 && c <= 0x7e;
}

/* Macro names may only hold [A-Za-z0-9_]: everything else becomes '_'. */
void mangle(char *s)
{
	for (; *s; s++)
		if (!is_alnum(*s))
			*s = '_';
}

void mangle_upper(char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
		else if (!is_alnum(*s))
			*s = '_';
}

bool is_c_identifier(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++)
		if (!is_alnum(*s) && *s != '_')
			return false;
	return true;
}

/* The node token: "/" -> DT_N, "/cpus/cpu@0" -> DT_N_S_cpus_S_cpu_0. */
int node_token(const struct gen *g, int node, char *tok, size_t size)
{
	char path[MAX_PATH_LEN];
	size_t n = 0;
	const char *p;
	int err;

	err = fdt_get_path(g->fdt, node, path, sizeof(path));
	if (err)
		return node_error(g, node, "name", "cannot build the path: %s (longer than %d?)",
				  fdt_strerror(err), MAX_PATH_LEN - 1);
	if (size < 5)
		return -1;
	memcpy(tok, "DT_N", 5);
	n = 4;
	for (p = path[1] ? path : path + 1; *p; p++) {
		if (n + 4 > size)
			return node_error(g, node, "name", "path too long for a macro name");
		if (*p == '/') {
			memcpy(tok + n, "_S_", 3);
			n += 3;
		} else {
			tok[n++] = is_alnum(*p) ? *p : '_';
		}
	}
	tok[n] = '\0';
	return 0;
}

/* Formats a macro name; a name that does not fit is an error, never a silent truncation. */
int make_name(const struct gen *g, int node, char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size)
		return node_error(g, node, "name", "macro name too long");
	return 0;
}

const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}
