/*
 * gen_defines: what the files of the tool share. Internal to scripts/dts/; gen_defines.c
 * describes the tool and lists which file does what.
 *
 * Every function that can fail reports the problem itself (report.c) and returns -1, so
 * callers only pass the -1 on.
 */
#ifndef GEN_DEFINES_H
#define GEN_DEFINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define PROG "gen_defines"

/* Longest node path accepted; also bounds every generated macro name. */
#define MAX_PATH_LEN 1024
/* Each '/' of a path becomes "_S_", so a token is at most three times the path. */
#define MAX_NAME_LEN (3 * MAX_PATH_LEN + 256)

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

/* The state of one run; free_gen() releases it. */
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

/* gen_defines.c: the run */

/* Releases everything a run allocated in g (not g->fdt, which the caller owns). */
void free_gen(struct gen *g);

/* report.c: errors and growing arrays */

/* Reports a problem of a whole file ("gen_defines: <file>: ..."); returns -1. */
__attribute__((format(printf, 2, 3))) int file_error(const char *file, const char *fmt, ...);
/* Reports a problem of one property of one node; returns -1 so callers can return it. */
__attribute__((format(printf, 4, 5))) int node_error(const struct gen *g, int node,
						     const char *prop, const char *fmt, ...);
/* Makes room for one more element of a growing array (count used of *cap, elem bytes each). */
int grow(void **array, int *cap, int count, size_t elem);

/* names.c: macro names */

/* Whether c is printable ASCII (space to '~'). */
bool is_printable(char c);
/* Macro names may only hold [A-Za-z0-9_]: everything else becomes '_'. */
void mangle(char *s);
/* As mangle(), and lower case becomes upper case (Kconfig symbol names). */
void mangle_upper(char *s);
/* Whether s is a non-empty C identifier. */
bool is_c_identifier(const char *s);
/* The node token: "/" -> DT_N, "/cpus/cpu@0" -> DT_N_S_cpus_S_cpu_0. */
int node_token(const struct gen *g, int node, char *tok, size_t size);
/* Formats a macro name; a name that does not fit is an error, never a silent truncation. */
__attribute__((format(printf, 5, 6))) int make_name(const struct gen *g, int node, char *buf,
						    size_t size, const char *fmt, ...);
/* The last component of a file path. */
const char *base_name(const char *path);

/* dtb.c: the DTB and its property values */

/* Reads and fully checks the DTB; on success *blob holds it (the caller frees it). */
int load_dtb(const char *name, char **blob);
/* Checks a DTB held in memory (size bytes) before any other libfdt call; 0 or -1. */
int check_dtb(const char *name, const void *blob, size_t size);
/* "text" in DTS: printable, NUL-terminated, nothing after the NUL, not empty. */
bool is_single_string(const char *v, int len);
/* "a", "b" in DTS: non-empty printable strings, each NUL-terminated. */
bool is_string_list(const char *v, int len);
/* Whether the node's property prop is exactly the string value. */
bool prop_is(const struct gen *g, int node, const char *prop, const char *value);
/* No status means okay; Linux also accepts "ok", so a board file written for it works. */
bool is_okay(const struct gen *g, int node);
/* Whether a string list holds s; bounded by len, since the list may not be checked yet. */
bool has_string(const char *list, int len, const char *s);

/* macros.c: the lines of the header */

/* Starts one "#define NAME " line and remembers NAME; the caller writes the value and '\n'. */
int begin_define(struct gen *g, int node, const char *name);
/* Writes "#define NAME <fmt...>" for the node, remembering NAME for check_collisions(). */
__attribute__((format(printf, 4, 5))) int emit(struct gen *g, int node, const char *name,
					       const char *fmt, ...);
/* Writes "#define NAME "value"", the value escaped as a C string literal. */
int emit_string(struct gen *g, int node, const char *name, const char *value);
/* Text that goes into a comment: nothing that could end the comment or the line. */
void put_comment_text(FILE *f, const char *s);
/* Different names can mangle to one macro ("a-b" and "a_b"): that must not compile silently. */
int check_collisions(struct gen *g);

/* reg_irq.c: reg and interrupts */

/* <tok>_REG_NUM and the address and size of each reg entry. */
int emit_regs(struct gen *g, int node, const char *tok);
/* <tok>_IRQ_NUM and the INTID and flags of each interrupts entry (GIC specifiers). */
int emit_irqs(struct gen *g, int node, const char *tok);
/*
 * DT_FOREACH_MMIO_REGION(fn): fn(node id, index, addr, size, memory type) for each reg
 * entry of every okay node whose parent has #size-cells > 0, in tree order. The type is
 * NORMAL for RAM (device_type = "memory"), NORMAL_NOEXEC for xen,xen (the grant-table
 * window), DEVICE for everything else.
 */
int emit_mmio_regions(struct gen *g);

/* props.c: the other properties */

/* <tok>_PASSTHROUGH for a node with the erika,passthrough flag. */
int emit_passthrough(struct gen *g, int node, const char *tok);
/* <tok>_P_<prop> for each property of the node that has a plain value, and gpios. */
int emit_props(struct gen *g, int node, const char *tok);

/* nodes.c: the walk over the tree */

/* dtc -@ bookkeeping, not hardware: /__symbols__ is read for labels, the rest ignored. */
bool is_overlay_node(const struct gen *g, int node);
/* The macros of every okay node, in tree order; records every node's compatibles. */
int walk_nodes(struct gen *g);

/* header.c: devicetree_generated.h */

/* Builds the whole header in g->hdr_text; nothing is written to disk. */
int generate_header(struct gen *g);

/* kconfig.c: the Kconfig fragment */

/* One compatible per line; '#' starts a comment; blank lines are ignored. */
int read_known(struct gen *g, const char *file);
/* As read_known(), from an open stream (file names it in messages). */
int read_known_stream(struct gen *g, const char *file, FILE *f);
/* Builds the Kconfig fragment in *text (the caller frees it); needs generate_header() first. */
int generate_kconfig(struct gen *g, char **text, size_t *len);

/* publish.c: the outputs on disk */

/* Both files are complete on disk before either is renamed: they appear (almost) together. */
int publish(const char *hdr_path, const char *hdr, size_t hdr_len, const char *kc_path,
	    const char *kc, size_t kc_len);

#endif /* GEN_DEFINES_H */
