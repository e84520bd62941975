/*
 * gen_defines: error messages and growing arrays.
 *
 * Every message starts with "gen_defines: <file>: " so the build log names what to fix; a
 * problem of one node adds "<node path>: <property>: ".
 */

#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "gen_defines.h"

int file_error(const char *file, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, PROG ": %s: ", file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

/* Reports a problem of one property of one node; returns -1 so callers can return it. */
int node_error(const struct gen *g, int node, const char *prop, const char *fmt, ...)
{
	char path[MAX_PATH_LEN];
	va_list ap;

	if (node < 0 || fdt_get_path(g->fdt, node, path, sizeof(path)) < 0)
		strcpy(path, "?");
	fprintf(stderr, PROG ": %s: %s: %s: ", g->dtb_name, path, prop);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

/* Makes room for one more element of a growing array. */
int grow(void **array, int *cap, int count, size_t elem)
{
	void *bigger;
	int new_cap;

	if (count < *cap)
		return 0;
	new_cap = *cap ? 2 * *cap : 16;
	bigger = realloc(*array, (size_t)new_cap * elem);
	if (!bigger) {
		fprintf(stderr, PROG ": out of memory\n");
		return -1;
	}
	*array = bigger;
	*cap = new_cap;
	return 0;
}
