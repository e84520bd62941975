/*
 * dtb_corrupt: feeds gen_defines damaged DTBs and checks that it fails cleanly.
 *
 * usage: dtb_corrupt GEN_DEFINES GOOD.dtb WORKDIR
 *
 * A few named cases (empty, bad magic, truncated, lying header) must be rejected with
 * "not a valid DTB". Then every truncation at an 8-byte step and every 32-bit word
 * inverted in turn is tried: gen_defines may accept the result (the damage hit a value) or
 * reject it, but it must exit with 0 or 1, print an error only in its own format, leave
 * no output behind when it fails, and never trip a sanitizer (build it with
 * -fsanitize=address,undefined and run this with ASAN_OPTIONS/UBSAN_OPTIONS exit codes
 * other than 1).
 */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_PATH 4096
#define MAX_DTB	 (1u << 20)

struct env {
	const char *tool;
	char dtb[MAX_PATH];
	char header[MAX_PATH];
	char kconfig[MAX_PATH];
	char errors[MAX_PATH];
	int runs;
	int failures;
};

static int load(const char *name, unsigned char **data, size_t *size)
{
	FILE *f = fopen(name, "rb");
	unsigned char *buf;
	size_t n;

	if (!f) {
		perror(name);
		return -1;
	}
	buf = malloc(MAX_DTB);
	n = buf ? fread(buf, 1, MAX_DTB, f) : 0;
	fclose(f);
	if (!buf || n == 0 || n == MAX_DTB) {
		fprintf(stderr, "%s: empty, unreadable or too big\n", name);
		free(buf);
		return -1;
	}
	*data = buf;
	*size = n;
	return 0;
}

static int save(const char *name, const unsigned char *data, size_t size)
{
	FILE *f = fopen(name, "wb");
	bool ok;

	if (!f) {
		perror(name);
		return -1;
	}
	ok = fwrite(data, 1, size, f) == size;
	if (fclose(f) || !ok) {
		perror(name);
		return -1;
	}
	return 0;
}

static bool exists(const char *name)
{
	struct stat st;

	return stat(name, &st) == 0;
}

/* Reads the tool's stderr; returns an empty string if there is none. */
static void read_errors(const char *name, char *buf, size_t size)
{
	FILE *f = fopen(name, "r");
	size_t n = 0;

	if (f) {
		n = fread(buf, 1, size - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
}

/* Runs the tool on env->dtb with stderr captured; returns the wait status or -1. */
static int run_tool(const struct env *env)
{
	pid_t pid;
	int status;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(env->errors, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, 2) < 0)
			_exit(127);
		execl(env->tool, env->tool, "--dtb", env->dtb, "--header", env->header, "--kconfig",
		      env->kconfig, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void fail(struct env *env, const char *what, const char *detail, const char *errors)
{
	env->failures++;
	printf("FAIL %s: %s\n", what, detail);
	if (errors[0])
		printf("---- stderr ----\n%s----------------\n", errors);
}

/* Checks one run; must_reject demands exit status 1 with the "not a valid DTB" message. */
static void check_run(struct env *env, const char *what, bool must_reject, const char *expect)
{
	char errors[8192];
	char prefix[MAX_PATH + 32];
	int status;

	unlink(env->header);
	unlink(env->kconfig);
	status = run_tool(env);
	env->runs++;
	read_errors(env->errors, errors, sizeof(errors));
	snprintf(prefix, sizeof(prefix), "gen_defines: %s: ", env->dtb);
	if (status < 0 || !WIFEXITED(status))
		return fail(env, what, "crashed or killed by a signal", errors);
	if (strstr(errors, "Sanitizer") || strstr(errors, "runtime error"))
		return fail(env, what, "a sanitizer reported a bug", errors);
	if (WEXITSTATUS(status) == 0) {
		if (must_reject)
			return fail(env, what, "accepted a broken DTB", errors);
		if (!exists(env->header) || !exists(env->kconfig))
			return fail(env, what, "exit 0 but an output is missing", errors);
		return;
	}
	if (WEXITSTATUS(status) != 1)
		return fail(env, what, "exit status is neither 0 nor 1", errors);
	if (strncmp(errors, prefix, strlen(prefix)) != 0)
		return fail(env, what, "error message not in gen_defines' format", errors);
	if (expect && !strstr(errors, expect))
		return fail(env, what, "error message does not say what is wrong", errors);
	if (exists(env->header) || exists(env->kconfig))
		return fail(env, what, "output left behind after an error", errors);
}

static void try_variant(struct env *env, const char *what, const unsigned char *data, size_t size,
			bool must_reject)
{
	if (save(env->dtb, data, size)) {
		env->failures++;
		return;
	}
	check_run(env, what, must_reject, must_reject ? "not a valid DTB" : NULL);
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Header fields set to values that point outside the blob. */
static void named_cases(struct env *env, const unsigned char *good, size_t size,
			unsigned char *work)
{
	static const struct {
		const char *what;
		size_t offset;
		uint32_t value;
	} lies[] = {
		{ "bad magic", 0, 0xd00dfeee },
		{ "totalsize beyond the file", 4, 0x7fffffff },
		{ "struct block beyond the file", 8, 0x7ffffff0 },
		{ "strings block beyond the file", 12, 0x7ffffff0 },
		{ "last compatible version too new", 24, 99 },
		/* Found by fuzzing (issue 15): libfdt 1.6.1 itself crashed on these. */
		{ "header version 2", 20, 2 },
		{ "header version 15", 20, 15 },
		{ "strings size beyond the file", 32, 0x7ffffff0 },
		{ "struct size beyond the file", 36, 0x7ffffff0 },
	};
	size_t i;

	try_variant(env, "empty file", good, 0, true);
	try_variant(env, "shorter than the header", good, 39, true);
	try_variant(env, "truncated to half", good, size / 2, true);
	try_variant(env, "last byte missing", good, size - 1, true);
	for (i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
		memcpy(work, good, size);
		put_be32(work + lies[i].offset, lies[i].value);
		try_variant(env, lies[i].what, work, size, true);
	}
}

static void mutations(struct env *env, const unsigned char *good, size_t size, unsigned char *work)
{
	char what[64];
	size_t pos, i;

	for (pos = 0; pos < size; pos += 8) {
		snprintf(what, sizeof(what), "truncated to %zu bytes", pos);
		try_variant(env, what, good, pos, false);
	}
	for (pos = 0; pos + 4 <= size; pos += 4) {
		memcpy(work, good, size);
		for (i = 0; i < 4; i++)
			work[pos + i] ^= 0xff;
		snprintf(what, sizeof(what), "word at %zu inverted", pos);
		try_variant(env, what, work, size, false);
	}
}

static int make_paths(struct env *env, const char *dir)
{
	int n = 0;

	n |= snprintf(env->dtb, MAX_PATH, "%s/corrupt.dtb", dir) >= MAX_PATH;
	n |= snprintf(env->header, MAX_PATH, "%s/devicetree_generated.h", dir) >= MAX_PATH;
	n |= snprintf(env->kconfig, MAX_PATH, "%s/Kconfig.dts", dir) >= MAX_PATH;
	n |= snprintf(env->errors, MAX_PATH, "%s/stderr.txt", dir) >= MAX_PATH;
	return n ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct env env = { 0 };
	unsigned char *good, *work;
	size_t size;

	if (argc != 4) {
		fprintf(stderr, "usage: dtb_corrupt GEN_DEFINES GOOD.dtb WORKDIR\n");
		return 2;
	}
	env.tool = argv[1];
	if (make_paths(&env, argv[3]) || load(argv[2], &good, &size))
		return 2;
	work = malloc(size);
	if (!work) {
		free(good);
		return 2;
	}
	named_cases(&env, good, size, work);
	mutations(&env, good, size, work);
	/* A file that is not there is an error of the same format, not a crash. */
	unlink(env.dtb);
	check_run(&env, "missing file", true, "cannot open");
	printf("dtb_corrupt: %d runs, %d failed\n", env.runs, env.failures);
	free(work);
	free(good);
	return env.failures ? 1 : 0;
}
