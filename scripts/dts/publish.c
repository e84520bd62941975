/*
 * gen_defines: writing both outputs so that they appear complete or not at all.
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gen_defines.h"

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
int publish(const char *hdr_path, const char *hdr, size_t hdr_len, const char *kc_path,
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
