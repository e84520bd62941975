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
 *
 * The tool is split by job; gen_defines.h declares what the files share:
 *   gen_defines.c  command line, the run, exit status
 *   dtb.c          loading the DTB, reading property values
 *   nodes.c        the walk over the tree, the per-node macros
 *   reg_irq.c      reg and interrupts decoding
 *   props.c        erika,passthrough, gpios and the other properties
 *   header.c       devicetree_generated.h as a whole (labels, chosen, memory, ...)
 *   names.c        node tokens and macro names
 *   macros.c       #define lines, collision check
 *   kconfig.c      --known-compats and the Kconfig fragment
 *   publish.c      atomic output
 *   report.c       error messages, growing arrays
 */

#define _POSIX_C_SOURCE 200809L

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "gen_defines.h"

void free_gen(struct gen *g)
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
