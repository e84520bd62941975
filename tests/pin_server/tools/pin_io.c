/*
 * pin_io: one access to /proc/sys/erika-xen/pin_state from dom0, reported
 * so that a test script can assert the errno (busybox's echo and cat print
 * only its text, and not for every error).
 *
 *   pin_io [-u UID:GID] [-a SECONDS] read|write0|write1
 *       prints "ok MS [LEVEL]" or "ENAME MS": the result (errno name) and
 *       how long the system call took. -u drops to those ids first (every
 *       supplementary group is dropped too); -a sends this process SIGALRM
 *       after SECONDS, with a handler and without SA_RESTART, so a wait the
 *       signal interrupts ends with EINTR.
 *   pin_io load STOPFILE
 *       writes 0/1 and reads back, over and over, until STOPFILE exists;
 *       then prints "load N ok A ENODEV B ..." (a tally of the results).
 *       After a failure it pauses 10 ms: a loop spinning on ENODEV would
 *       take dom0's only vCPU from xl and measure itself, not a restart.
 *
 * A static armhf program (payload.cmake); busybox sh runs it.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PIN_STATE "/proc/sys/erika-xen/pin_state"

static const struct {
	int err;
	const char *name;
} names[] = {
	{ EPROTO, "EPROTO" },	      { ENODEV, "ENODEV" }, { ETIMEDOUT, "ETIMEDOUT" },
	{ EINTR, "EINTR" },	      { EIO, "EIO" },	    { EPERM, "EPERM" },
	{ EINVAL, "EINVAL" },	      { EBUSY, "EBUSY" },   { EACCES, "EACCES" },
	{ EOPNOTSUPP, "EOPNOTSUPP" },
};

/* The errno's name, or "E<number>" for one the tests do not expect. */
static const char *errno_name(int err)
{
	static char other[16];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err)
			return names[i].name;
	snprintf(other, sizeof(other), "E%d", err);
	return other;
}

/* One access; returns 0 and the level read (or -1 for a write), or an errno. */
static int access_pin(const char *what, int *level)
{
	char buf[8];
	int write_value = !strcmp(what, "write1") ? 1 : !strcmp(what, "write0") ? 0 : -1;
	int fd = open(PIN_STATE, write_value < 0 ? O_RDONLY : O_WRONLY);
	int err = 0;

	*level = -1;
	if (fd < 0)
		return errno;
	if (write_value < 0) {
		ssize_t n = read(fd, buf, sizeof(buf) - 1);

		if (n < 0)
			err = errno;
		else if (n == 2 && (buf[0] == '0' || buf[0] == '1') && buf[1] == '\n')
			*level = buf[0] - '0';
		else
			err = EBADMSG; /* not what the module's read gives: a test failure */
	} else {
		buf[0] = (char)('0' + write_value);
		buf[1] = '\n';
		if (write(fd, buf, 2) < 0)
			err = errno;
	}
	close(fd);
	return err;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static int drop_to(const char *ids)
{
	unsigned int uid, gid;
	gid_t none[1];

	if (sscanf(ids, "%u:%u", &uid, &gid) != 2)
		return -1;
	none[0] = (gid_t)gid;
	if (setgroups(1, none) < 0 || setgid((gid_t)gid) < 0 || setuid((uid_t)uid) < 0)
		return -1;
	return 0;
}

static int load(const char *stopfile)
{
	int counts[64] = { 0 }, codes[64] = { 0 }, kinds = 0;
	unsigned long total = 0;

	while (access(stopfile, F_OK) != 0) {
		static const char *const ops[] = { "write0", "read", "write1", "read" };
		int level, err = access_pin(ops[total % 4], &level), k;

		for (k = 0; k < kinds && codes[k] != err; k++)
			;
		if (k == kinds && kinds < 64)
			codes[kinds++] = err;
		if (k < 64)
			counts[k]++;
		total++;
		if (err)
			usleep(10000);
	}
	printf("load %lu", total);
	for (int k = 0; k < kinds; k++)
		printf(" %s %d", codes[k] ? errno_name(codes[k]) : "ok", counts[k]);
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	int opt, level, err;
	unsigned int alarm_s = 0;
	long start;

	while ((opt = getopt(argc, argv, "u:a:")) != -1) {
		if (opt == 'u' && drop_to(optarg) == 0)
			continue;
		if (opt == 'a') {
			alarm_s = (unsigned int)atoi(optarg);
			continue;
		}
		fprintf(stderr, "pin_io: bad option or cannot drop to %s\n", optarg);
		return 2;
	}
	if (optind + 2 == argc && !strcmp(argv[optind], "load"))
		return load(argv[optind + 1]);
	if (optind + 1 != argc || (strcmp(argv[optind], "read") && strcmp(argv[optind], "write0") &&
				   strcmp(argv[optind], "write1"))) {
		fprintf(stderr, "usage: pin_io [-u UID:GID] [-a SECONDS] read|write0|write1\n"
				"       pin_io load STOPFILE\n");
		return 2;
	}
	if (alarm_s > 0) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alarm; /* no SA_RESTART: the system call ends with EINTR */
		sigaction(SIGALRM, &sa, NULL);
		alarm(alarm_s);
	}
	start = now_ms();
	err = access_pin(argv[optind], &level);
	if (err)
		printf("%s %ld\n", errno_name(err), now_ms() - start);
	else if (level >= 0)
		printf("ok %ld %d\n", now_ms() - start, level);
	else
		printf("ok %ld\n", now_ms() - start);
	return 0;
}
