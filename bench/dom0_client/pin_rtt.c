/*
 * pin_rtt: dom0's side of the round-trip benchmark. Drives the pin through
 * the erika-xen module (/proc/sys/erika-xen/pin_state, alternating 1 and 0;
 * each write returns once the server answered) and times every write with
 * CLOCK_MONOTONIC: what a dom0 user of the pin waits for, whichever domain
 * (RTOS or Linux peer) the module was loaded for.
 *
 *   pin_rtt LABEL REPEAT COUNT      COUNT timed writes, one result line:
 *     BENCH-RTT LABEL REPEAT n=<answered> errors=<failed> us=<v1>,<v2>,...
 *   pin_rtt --flood SECONDS         untimed writes for SECONDS (a request
 *     flood), then: BENCH-FLOOD n=<answered> errors=<failed>
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PIN_STATE "/proc/sys/erika-xen/pin_state"

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int usage(void)
{
	fprintf(stderr, "usage: pin_rtt LABEL REPEAT COUNT | pin_rtt --flood SECONDS\n");
	return 2;
}

static int flood(int fd, long seconds)
{
	long long end = now_ns() + seconds * 1000000000LL;
	unsigned long n = 0, errors = 0;

	while (now_ns() < end) {
		if (pwrite(fd, n % 2 ? "0\n" : "1\n", 2, 0) == 2)
			n++;
		else
			errors++;
	}
	printf("BENCH-FLOOD n=%lu errors=%lu\n", n, errors);
	return 0;
}

int main(int argc, char **argv)
{
	int fd = open(PIN_STATE, O_WRONLY);
	unsigned long n = 0, errors = 0;
	long count;

	if (fd < 0) {
		perror(PIN_STATE);
		return 1;
	}
	if (argc == 3 && !strcmp(argv[1], "--flood"))
		return flood(fd, strtol(argv[2], NULL, 10));
	if (argc != 4)
		return usage();
	count = strtol(argv[3], NULL, 10);
	if (count <= 0 || count > 1000000)
		return usage();
	printf("BENCH-RTT %s %s", argv[1], argv[2]);
	/* Collect first, print after: the console must not slow the loop. */
	unsigned int *us = calloc((size_t)count, sizeof(*us));

	if (!us)
		return 1;
	for (long i = 0; i < count; i++) {
		long long t0 = now_ns();

		if (pwrite(fd, i % 2 ? "0\n" : "1\n", 2, 0) == 2)
			us[n++] = (unsigned int)((now_ns() - t0 + 500) / 1000);
		else
			errors++;
	}
	printf(" n=%lu errors=%lu us=", n, errors);
	for (unsigned long i = 0; i < n; i++)
		printf(i ? ",%u" : "%u", us[i]);
	printf("\n");
	free(us);
	return 0;
}
