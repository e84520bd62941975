/*
 * gen_defines: loading the DTB and reading property values the way the other files need
 * them (strings, string lists, status).
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "gen_defines.h"

/* A board DTB is a few KiB; refusing huge inputs keeps a wrong --dtb argument harmless. */
#define MAX_DTB_SIZE (16u << 20)

static int read_file(const char *name, char **data, size_t *size)
{
	size_t cap = 64 * 1024, n = 0, got;
	char *buf, *bigger;
	FILE *f;

	f = fopen(name, "rb");
	if (!f)
		return file_error(name, "cannot open: %s", strerror(errno));
	buf = malloc(cap);
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap && cap <= MAX_DTB_SIZE) {
			bigger = realloc(buf, 2 * cap);
			if (!bigger)
				free(buf);
			buf = bigger;
			cap *= 2;
		} else if (n == cap) {
			break;
		}
	}
	if (!buf || ferror(f) || n > MAX_DTB_SIZE) {
		fclose(f);
		free(buf);
		return file_error(name, "cannot read (or larger than %u bytes)", MAX_DTB_SIZE);
	}
	fclose(f);
	*data = buf;
	*size = n;
	return 0;
}

/* Version 16 is the oldest whose layout libfdt's checks handle; dtc writes 17. */
#define MIN_DTB_VERSION 16

int check_dtb(const char *name, const void *blob, size_t size)
{
	int err;

	/*
	 * Debian's libfdt 1.6.1 reads out of bounds in fdt_check_full() on a header
	 * claiming version 2..15 (found by fuzzing): judge the header first.
	 */
	if (size < FDT_V17_SIZE || fdt_magic(blob) != FDT_MAGIC)
		return file_error(name, "not a valid DTB: %s", fdt_strerror(-FDT_ERR_BADMAGIC));
	if (fdt_version(blob) < MIN_DTB_VERSION || fdt_last_comp_version(blob) > 17)
		return file_error(name,
				  "not a valid DTB: header version %u (last compatible %u); "
				  "only versions 16 and 17 are read",
				  fdt_version(blob), fdt_last_comp_version(blob));
	/* A full check up front: every later libfdt call then walks a sound structure. */
	err = fdt_check_full(blob, size);
	if (err)
		return file_error(name, "not a valid DTB: %s", fdt_strerror(err));
	return 0;
}

int load_dtb(const char *name, char **blob)
{
	size_t size = 0;

	if (read_file(name, blob, &size))
		return -1;
	return check_dtb(name, *blob, size);
}

/* "text" in DTS: printable, NUL-terminated, nothing after the NUL, not empty. */
bool is_single_string(const char *v, int len)
{
	int i;

	if (len < 2 || v[len - 1] != '\0')
		return false;
	for (i = 0; i < len - 1; i++)
		if (!is_printable(v[i]))
			return false;
	return true;
}

/* "a", "b" in DTS: non-empty printable strings, each NUL-terminated. */
bool is_string_list(const char *v, int len)
{
	int i;

	if (len < 2 || v[0] == '\0' || v[len - 1] != '\0')
		return false;
	for (i = 0; i < len - 1; i++) {
		if (v[i] == '\0' && v[i + 1] == '\0')
			return false;
		if (v[i] != '\0' && !is_printable(v[i]))
			return false;
	}
	return true;
}

bool prop_is(const struct gen *g, int node, const char *prop, const char *value)
{
	int len;
	const char *v = fdt_getprop(g->fdt, node, prop, &len);

	return v && (size_t)len == strlen(value) + 1 && memcmp(v, value, (size_t)len) == 0;
}

/* No status means okay; Linux also accepts "ok", so a board file written for it works. */
bool is_okay(const struct gen *g, int node)
{
	return !fdt_getprop(g->fdt, node, "status", NULL) || prop_is(g, node, "status", "okay") ||
	       prop_is(g, node, "status", "ok");
}

/* Whether a string list holds s; bounded by len, since the list may not be checked yet. */
bool has_string(const char *list, int len, const char *s)
{
	size_t want = strlen(s) + 1;
	int pos = 0;

	while (pos < len) {
		size_t n = strnlen(list + pos, (size_t)(len - pos));
		if (n + 1 == want && n < (size_t)(len - pos) && memcmp(list + pos, s, n) == 0)
			return true;
		pos += (int)n + 1;
	}
	return false;
}
