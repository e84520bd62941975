/*
 * libFuzzer target: scripts/dts/gen_defines, the host tool that reads the
 * board's DTB (a file a user or a broken build may damage) and the
 * known-compatibles list. An input starting with the FDT magic is a DTB: it
 * goes through the tool's checks and both generators (with the known list
 * below for inputs of odd size, none for even, as without --known-compats);
 * anything else is a known-compatibles file. The tool's own contract is
 * checked: 0 with both texts complete, or -1 after an error message.
 *
 * The tool's main() is renamed by the build (-Dmain=gen_defines_main), so
 * all of its files link here unchanged.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_defines.h"

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

static const char *const known[] = { "arm,pl061", "arm,sbsa-uart", "xen,xen",
				     "allwinner,sun7i-a20-pinctrl" };

static void fuzz_dtb(const uint8_t *data, size_t size)
{
	struct gen g = { .dtb_name = "fuzz.dtb" };
	char *blob = malloc(size), *kc = NULL;
	size_t kc_len = 0;
	int err;

	CHECK(blob);
	memcpy(blob, data, size); /* the tool reads into its own buffer too */
	if (size & 1) {
		g.known = malloc(sizeof(known));
		CHECK(g.known);
		for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			CHECK((g.known[g.n_known++] = strdup(known[i])) != NULL);
		g.cap_known = g.n_known;
	}
	err = check_dtb(g.dtb_name, blob, size);
	if (!err) {
		g.fdt = blob;
		err = generate_header(&g) || generate_kconfig(&g, &kc, &kc_len);
		if (!err)
			CHECK(g.hdr_text && strlen(g.hdr_text) == g.hdr_len && kc &&
			      strlen(kc) == kc_len);
	}
	free(kc);
	free(blob);
	free_gen(&g);
}

static void fuzz_known(const uint8_t *data, size_t size)
{
	struct gen g = { .dtb_name = "fuzz.dtb" };
	FILE *f = fmemopen((void *)data, size, "r");

	if (!f)
		return; /* fmemopen refuses size 0 */
	if (read_known_stream(&g, "fuzz_known.txt", f) == 0)
		for (int i = 0; i < g.n_known; i++)
			CHECK(g.known[i][0] != '\0' && !strpbrk(g.known[i], " \t\n#"));
	fclose(f);
	free_gen(&g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t magic[4] = { 0xd0, 0x0d, 0xfe, 0xed };

	if (size >= 4 && memcmp(data, magic, 4) == 0)
		fuzz_dtb(data, size);
	else
		fuzz_known(data, size);
	return 0;
}
