/*
 * gen_defines - turn the board's flattened devicetree (DTB) into C macros and Kconfig symbols.
 *
 * The devicetree is the single source of truth for addresses, interrupts and the domain's
 * hardware view (DESIGN.md, section 2). This host tool is how that truth reaches C code
 * (devicetree_generated.h, read through include/erika/devicetree.h) and Kconfig
 * (DT_HAS_<COMPAT>_ENABLED symbols), so nothing else has to repeat a number.
 *
 * Both outputs are built in memory and only then published with rename(): a reader never
 * sees half a file. On any error both outputs are removed, so a header generated from an
 * older devicetree cannot be compiled by mistake.
 *
 * Error messages name what to fix: "gen_defines: <dtb>: <node path>: <property>: <problem>".
 * Problems with a whole file (unreadable, not a DTB) omit the node and property.
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libfdt.h>

#define PROG "gen_defines"

/* A board DTB is a few KiB; refusing huge inputs keeps a wrong --dtb argument harmless. */
#define MAX_DTB_SIZE (16u << 20)
/* Longest node path accepted; also bounds every generated macro name. */
#define MAX_PATH_LEN 1024
/* Each '/' of a path becomes "_S_", so a token is at most three times the path. */
#define MAX_NAME_LEN (3 * MAX_PATH_LEN + 256)
/* #address-cells/#size-cells above this are not used by any real binding. */
#define MAX_NCELLS 4
/* An interrupt parent chain longer than this can only be a loop of phandles. */
#define MAX_PARENT_HOPS 64
/* Highest SPI number of a GICv2 (INTID 1019). */
#define GIC_MAX_SPI 987
#define GIC_MAX_PPI 15

struct macro {
	char *name;
	int node; /* the node the macro describes, to name it if two macros collide */
};

struct compat {
	const char *name; /* points into the DTB, which lives as long as the run */
	int *okay;	  /* okay nodes in tree order: the index is the instance number */
	int n_okay;
	int cap_okay;
};

struct gen {
	const char *dtb_name;
	const void *fdt;
	FILE *hdr; /* memory stream: nothing reaches the disk before the end */
	char *hdr_text;
	size_t hdr_len;
	struct macro *macros;
	int n_macros;
	int cap_macros;
	struct compat *compats;
	int n_compats;
	int cap_compats;
	char **known; /* compatibles from --known-compats */
	int n_known;
	int cap_known;
};

struct ksym {
	char *name;
	bool enabled;
};

static const char *const gic_compats[] = {
	"arm,cortex-a15-gic", "arm,cortex-a9-gic", "arm,cortex-a7-gic", "arm,gic-400",
	"arm,arm11mp-gic",    "arm,pl390",	   "arm,gic-v3",
};

__attribute__((format(printf, 2, 3))) static int file_error(const char *file, const char *fmt, ...)
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
__attribute__((format(printf, 4, 5))) static int node_error(const struct gen *g, int node,
							    const char *prop, const char *fmt, ...)
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
static int grow(void **array, int *cap, int count, size_t elem)
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

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_printable(char c)
{
	return c >= 0x20 && c <= 0x7e;
}

/* Macro names may only hold [A-Za-z0-9_]: everything else becomes '_'. */
static void mangle(char *s)
{
	for (; *s; s++)
		if (!is_alnum(*s))
			*s = '_';
}

static void mangle_upper(char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
		else if (!is_alnum(*s))
			*s = '_';
}

static bool is_c_identifier(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++)
		if (!is_alnum(*s) && *s != '_')
			return false;
	return true;
}

/* "text" in DTS: printable, NUL-terminated, nothing after the NUL, not empty. */
static bool is_single_string(const char *v, int len)
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
static bool is_string_list(const char *v, int len)
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

static bool prop_is(const struct gen *g, int node, const char *prop, const char *value)
{
	int len;
	const char *v = fdt_getprop(g->fdt, node, prop, &len);

	return v && (size_t)len == strlen(value) + 1 && memcmp(v, value, (size_t)len) == 0;
}

/* No status means okay; Linux also accepts "ok", so a board file written for it works. */
static bool is_okay(const struct gen *g, int node)
{
	return !fdt_getprop(g->fdt, node, "status", NULL) || prop_is(g, node, "status", "okay") ||
	       prop_is(g, node, "status", "ok");
}

/* Whether a string list holds s; bounded by len, since the list may not be checked yet. */
static bool has_string(const char *list, int len, const char *s)
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

/* The node token: "/" -> DT_N, "/cpus/cpu@0" -> DT_N_S_cpus_S_cpu_0. */
static int node_token(const struct gen *g, int node, char *tok, size_t size)
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
__attribute__((format(printf, 5, 6))) static int make_name(const struct gen *g, int node, char *buf,
							   size_t size, const char *fmt, ...)
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

/* Starts one "#define NAME " line and remembers NAME, so that collisions can be reported. */
static int begin_define(struct gen *g, int node, const char *name)
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

__attribute__((format(printf, 4, 5))) static int emit(struct gen *g, int node, const char *name,
						      const char *fmt, ...)
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
static void put_comment_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(is_printable(*s) && *s != '*' ? *s : '?', f);
}

static int emit_string(struct gen *g, int node, const char *name, const char *value)
{
	if (begin_define(g, node, name))
		return -1;
	put_c_string(g->hdr, value);
	fputc('\n', g->hdr);
	return 0;
}

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

static int emit_regs(struct gen *g, int node, const char *tok)
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

static int emit_irqs(struct gen *g, int node, const char *tok)
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

static int emit_passthrough(struct gen *g, int node, const char *tok)
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

static int emit_props(struct gen *g, int node, const char *tok)
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

/* dtc -@ bookkeeping, not hardware: /__symbols__ is read for labels, the rest ignored. */
static bool is_overlay_node(const struct gen *g, int node)
{
	const char *name = fdt_get_name(g->fdt, node, NULL);

	return name && (strcmp(name, "__symbols__") == 0 || strcmp(name, "__fixups__") == 0 ||
			strcmp(name, "__local_fixups__") == 0);
}

static int walk_nodes(struct gen *g)
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
		    emit(g, c->okay[0], name, "%d", c->n_okay))
			return -1;
	}
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
static int check_collisions(struct gen *g)
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

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static int generate_header(struct gen *g)
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
	      emit_compats(g);
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

static void trim(char *s)
{
	char *start = s, *end;

	while (*start == ' ' || *start == '\t')
		start++;
	end = start + strlen(start);
	while (end > start &&
	       (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	*end = '\0';
	memmove(s, start, (size_t)(end - start) + 1);
}

static int add_known(struct gen *g, const char *file, int line, const char *compat)
{
	size_t i;

	for (i = 0; compat[i]; i++)
		if (!is_printable(compat[i]) || compat[i] == ' ' || compat[i] == '\t')
			return file_error(file, "line %d: \"%s\" is not one compatible string",
					  line, compat);
	if (grow((void **)&g->known, &g->cap_known, g->n_known, sizeof(*g->known)))
		return -1;
	g->known[g->n_known] = strdup(compat);
	if (!g->known[g->n_known])
		return file_error(file, "out of memory");
	g->n_known++;
	return 0;
}

/* One compatible per line; '#' starts a comment; blank lines are ignored. */
static int read_known(struct gen *g, const char *file)
{
	char buf[512];
	FILE *f;
	int line = 0, err = 0;

	f = fopen(file, "r");
	if (!f)
		return file_error(file, "cannot open: %s", strerror(errno));
	while (!err && fgets(buf, sizeof(buf), f)) {
		char *hash = strchr(buf, '#');

		line++;
		if (!strchr(buf, '\n') && !feof(f)) {
			err = file_error(file, "line %d: too long", line);
			break;
		}
		if (hash)
			*hash = '\0';
		trim(buf);
		if (buf[0])
			err = add_known(g, file, line, buf);
	}
	if (!err && ferror(f))
		err = file_error(file, "read error");
	fclose(f);
	return err;
}

static int add_ksym(struct ksym **syms, int *n, int *cap, const char *compat, bool enabled)
{
	if (grow((void **)syms, cap, *n, sizeof(**syms)))
		return -1;
	(*syms)[*n].name = strdup(compat);
	if (!(*syms)[*n].name)
		return file_error(PROG, "out of memory");
	mangle_upper((*syms)[*n].name);
	(*syms)[*n].enabled = enabled;
	(*n)++;
	return 0;
}

static int cmp_ksym(const void *a, const void *b)
{
	return strcmp(((const struct ksym *)a)->name, ((const struct ksym *)b)->name);
}

static void write_ksyms(FILE *f, struct ksym *syms, int n)
{
	int i, j;

	qsort(syms, (size_t)n, sizeof(*syms), cmp_ksym);
	for (i = 0; i < n; i = j) {
		/* The same compatible listed twice (known and present) is one symbol. */
		bool enabled = false;

		for (j = i; j < n && strcmp(syms[j].name, syms[i].name) == 0; j++)
			enabled = enabled || syms[j].enabled;
		fprintf(f, "\nconfig DT_HAS_%s_ENABLED\n\tdef_bool %s\n", syms[i].name,
			enabled ? "y" : "n");
	}
}

static void free_ksyms(struct ksym *syms, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(syms[i].name);
	free(syms);
}

static int generate_kconfig(struct gen *g, char **text, size_t *len)
{
	struct ksym *syms = NULL;
	int n = 0, cap = 0, i, err = 0;
	FILE *f;

	for (i = 0; !err && i < g->n_known; i++)
		err = add_ksym(&syms, &n, &cap, g->known[i], false);
	for (i = 0; !err && i < g->n_compats; i++)
		err = add_ksym(&syms, &n, &cap, g->compats[i].name, g->compats[i].n_okay > 0);
	f = err ? NULL : open_memstream(text, len);
	if (f) {
		fputs("# Generated by scripts/dts/gen_defines from ", f);
		put_comment_text(f, base_name(g->dtb_name));
		fputs(": do not edit, change the devicetree\n"
		      "# or dts/bindings/compatibles.txt.\n",
		      f);
		write_ksyms(f, syms, n);
		err = fclose(f) ? file_error(g->dtb_name, "out of memory") : 0;
	} else if (!err) {
		err = file_error(g->dtb_name, "out of memory");
	}
	free_ksyms(syms, n);
	return err;
}

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

static int load_dtb(const char *name, char **blob)
{
	size_t size = 0;
	int err;

	if (read_file(name, blob, &size))
		return -1;
	/* A full check up front: every later libfdt call then walks a sound structure. */
	err = fdt_check_full(*blob, size);
	if (err)
		return file_error(name, "not a valid DTB: %s", fdt_strerror(err));
	return 0;
}

/* Writes data to a new file beside path, so that rename() can publish it atomically. */
static char *write_temp(const char *path, const char *data, size_t len)
{
	size_t plen = strlen(path);
	mode_t mask;
	char *tmp;
	FILE *f;
	bool ok;
	int fd;

	tmp = malloc(plen + sizeof(".tmpXXXXXX"));
	if (!tmp) {
		file_error(path, "out of memory");
		return NULL;
	}
	memcpy(tmp, path, plen);
	memcpy(tmp + plen, ".tmpXXXXXX", sizeof(".tmpXXXXXX"));
	fd = mkstemp(tmp);
	if (fd < 0) {
		file_error(path, "cannot create %s: %s", tmp, strerror(errno));
		free(tmp);
		return NULL;
	}
	/* mkstemp() makes the file private; outputs get the usual umask permissions. */
	mask = umask(0);
	umask(mask);
	f = fdopen(fd, "w");
	if (!f)
		close(fd);
	ok = f && fchmod(fd, 0666 & ~mask) == 0 && fwrite(data, 1, len, f) == len;
	if (f && fclose(f))
		ok = false;
	if (!ok) {
		file_error(path, "cannot write %s: %s", tmp, strerror(errno));
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

/* Renames the temporary file onto its final name; removes it if that fails. */
static int commit(char *tmp, const char *path)
{
	int err = 0;

	if (rename(tmp, path)) {
		err = file_error(path, "cannot rename %s: %s", tmp, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return err;
}

/* Both files are complete on disk before either is renamed: they appear (almost) together. */
static int publish(const char *hdr_path, const char *hdr, size_t hdr_len, const char *kc_path,
		   const char *kc, size_t kc_len)
{
	char *tmp_hdr, *tmp_kc;

	tmp_hdr = write_temp(hdr_path, hdr, hdr_len);
	if (!tmp_hdr)
		return -1;
	tmp_kc = write_temp(kc_path, kc, kc_len);
	if (!tmp_kc) {
		unlink(tmp_hdr);
		free(tmp_hdr);
		return -1;
	}
	if (commit(tmp_hdr, hdr_path)) {
		unlink(tmp_kc);
		free(tmp_kc);
		return -1;
	}
	return commit(tmp_kc, kc_path);
}

static void free_gen(struct gen *g)
{
	int i;

	for (i = 0; i < g->n_macros; i++)
		free(g->macros[i].name);
	free(g->macros);
	for (i = 0; i < g->n_compats; i++)
		free(g->compats[i].okay);
	free(g->compats);
	for (i = 0; i < g->n_known; i++)
		free(g->known[i]);
	free(g->known);
	free(g->hdr_text);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: " PROG " --dtb FILE --header OUT.h --kconfig OUT.Kconfig\n"
		   "                   [--known-compats FILE]\n"
		   "\n"
		   "Writes devicetree_generated.h (node macros read through "
		   "include/erika/devicetree.h)\n"
		   "and a Kconfig fragment (DT_HAS_<COMPAT>_ENABLED) from a DTB compiled with dtc "
		   "-@.\n"
		   "\n"
		   "  --dtb FILE             the board's compiled devicetree\n"
		   "  --header OUT.h         the C header to write\n"
		   "  --kconfig OUT.Kconfig  the Kconfig fragment to write\n"
		   "  --known-compats FILE   compatibles that get a symbol even when absent\n"
		   "                         (one per line, '#' comments; "
		   "dts/bindings/compatibles.txt)\n"
		   "  --help                 show this help\n"
		   "\n"
		   "On error nothing is written and both outputs are removed; exit status 1.\n");
}

struct args {
	const char *dtb;
	const char *header;
	const char *kconfig;
	const char *known;
};

/* Returns 0 to go on, 1 after --help, 2 on a usage error (the exit status). */
static int parse_args(int argc, char **argv, struct args *a)
{
	static const struct option opts[] = {
		{ "dtb", required_argument, NULL, 'd' },
		{ "header", required_argument, NULL, 'H' },
		{ "kconfig", required_argument, NULL, 'k' },
		{ "known-compats", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			a->dtb = optarg;
			break;
		case 'H':
			a->header = optarg;
			break;
		case 'k':
			a->kconfig = optarg;
			break;
		case 'c':
			a->known = optarg;
			break;
		case 'h':
			usage(stdout);
			return 1;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc || !a->dtb || !a->header || !a->kconfig) {
		usage(stderr);
		return 2;
	}
	return 0;
}

static int run(const struct args *a)
{
	struct gen g = { .dtb_name = a->dtb };
	char *blob = NULL, *kc = NULL;
	size_t kc_len = 0;
	int err;

	err = (a->known && read_known(&g, a->known)) || load_dtb(a->dtb, &blob);
	if (!err) {
		g.fdt = blob;
		err = generate_header(&g) || generate_kconfig(&g, &kc, &kc_len) ||
		      publish(a->header, g.hdr_text, g.hdr_len, a->kconfig, kc, kc_len);
	}
	free(kc);
	free(blob);
	free_gen(&g);
	return err ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct args a = { 0 };
	int ret;

	ret = parse_args(argc, argv, &a);
	if (ret)
		return ret == 1 ? 0 : ret;
	if (run(&a) == 0)
		return 0;
	/* Leave no output that could pass for the result of this devicetree. */
	unlink(a.header);
	unlink(a.kconfig);
	return 1;
}
