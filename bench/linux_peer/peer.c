/*
 * pin-peer: pin protocol v1 (samples/pin_server/doc/protocol.md) served by a
 * Linux domU's userspace, the alternative to the RTOS domain that the
 * benchmarks compare with. What the RTOS does with its own drivers, this
 * does with Xen's libraries, unchanged protocol:
 *   - the ring page: allocated and granted to domain 0 by gntalloc
 *     (xengntshr_share_pages, read-write);
 *   - the event channel: an unbound port for domain 0 (libxenevtchn);
 *   - the keys: under the domain's own home, data/pin-server/ (libxenstore;
 *     relative paths are the caller's home, and libxl made data/ writable
 *     by the domain).
 * It then answers requests with the RTOS sample's ring code and prints, every
 * --report-ms, the same report line as the RTOS pin server, so one parser reads
 * both.
 *
 *   pin-peer [--gpio PHYS_HEX] [--period-us N] [--report-ms N]
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xenevtchn.h>
#include <xengnttab.h>
#include <xenstore.h>

#include "peer.h"

#define HOME   "data/pin-server/"
#define BUDGET 64u /* requests per batch, as the RTOS's REQUEST_BUDGET order */

static void die(const char *what)
{
	fprintf(stderr, "pin-peer: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void put(struct xs_handle *xs, const char *key, unsigned long value)
{
	char path[64], text[16];

	snprintf(path, sizeof(path), HOME "%s", key);
	snprintf(text, sizeof(text), "%lu", value);
	if (!xs_write(xs, XBT_NULL, path, text, strlen(text)))
		die(path);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void report(const struct pin_stats *stats)
{
	struct periodic_report hb;

	periodic_take_report(&hb);
	printf("pin-server: requests %u rejected %u bogus-index %u; "
	       "heartbeat beats %u missed %u worst %u us\n",
	       stats->requests, stats->rejected, stats->bogus_prod, hb.beats, hb.missed,
	       hb.worst_us);
}

static void serve(xenevtchn_handle *xce, evtchn_port_t port, struct pin_back_ring *ring,
		  unsigned int report_ms)
{
	struct pollfd pfd = { .fd = xenevtchn_fd(xce), .events = POLLIN };
	struct pin_stats stats = { 0 };
	long long next = now_ms() + report_ms;

	for (;;) {
		long long left = next - now_ms();
		int more;

		if (left <= 0) {
			report(&stats);
			next += report_ms;
			continue;
		}
		if (poll(&pfd, 1, (int)left) <= 0)
			continue;
		xenevtchn_port_or_error_t p = xenevtchn_pending(xce);

		if (p < 0)
			die("xenevtchn_pending");
		xenevtchn_unmask(xce, (evtchn_port_t)p);
		do {
			if (pin_ring_service(ring, &pl061_backend, BUDGET, &stats, &more))
				xenevtchn_notify(xce, port);
		} while (more);
	}
}

int main(int argc, char **argv)
{
	unsigned long gpio = 0x09030000ul;
	unsigned int period_us = 1000, report_ms = 2000;
	struct pin_back_ring ring;
	struct pin_sring *sring;
	uint32_t ref;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--gpio"))
			gpio = strtoul(argv[i + 1], NULL, 16);
		else if (!strcmp(argv[i], "--period-us"))
			period_us = (unsigned int)strtoul(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--report-ms"))
			report_ms = (unsigned int)strtoul(argv[i + 1], NULL, 10);
	}
	if (period_us == 0 || report_ms == 0) {
		fprintf(stderr, "pin-peer: --period-us and --report-ms must be > 0\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (pl061_open(gpio) < 0)
		die("/dev/mem (PL061)");
	if (periodic_start(period_us) != 0)
		die("periodic thread");

	struct xs_handle *xs = xs_open(0);
	xengntshr_handle *gs = xengntshr_open(NULL, 0);
	xenevtchn_handle *xce = xenevtchn_open(NULL, 0);

	if (!xs || !gs || !xce)
		die("opening xenstore / gntalloc / evtchn");
	put(xs, "state", 1);
	sring = xengntshr_share_pages(gs, 0, 1, &ref, 1);
	if (!sring)
		die("xengntshr_share_pages");
	xenevtchn_port_or_error_t port = xenevtchn_bind_unbound_port(xce, 0);

	if (port < 0)
		die("xenevtchn_bind_unbound_port");
	SHARED_RING_INIT(sring);
	BACK_RING_INIT(&ring, sring, 4096);
	put(xs, "protocol-version", PIN_SERVER_PROTOCOL_VERSION);
	put(xs, "ring-ref", ref);
	put(xs, "event-channel", (unsigned long)port);
	put(xs, "pins", pl061_backend.pins);
	put(xs, "state", 4); /* last: a client that sees 4 sees every key */
	printf("pin-server: ready (Linux peer: ring-ref %u port %d)\n", ref, port);
	serve(xce, (evtchn_port_t)port, &ring, report_ms);
	return 0;
}
