/*
 * hostile DOMID REF PORT: a dom0 program that abuses the pin server's ring, as
 * a buggy or malicious client could, and checks that the server keeps going.
 * It maps the granted page (/dev/xen/gntdev), binds the event channel
 * (/dev/xen/evtchn; the erika-xen module must be unloaded first), then
 *   1. garbage: 200 requests of random bytes; every one must be answered,
 *      in order, with its id, and none of the invalid ones with success;
 *   2. flood: 20000 notifications with nothing to do;
 *   3. bogus index: req_prod far beyond what the ring can hold;
 *   4. recovery: a client attaching at the indices now in the page sends a
 *      valid request, which must be answered OK.
 * Prints ERIKA-TEST PASS/FAIL lines (pin.hostile_*). A static armhf program
 * built by payload.cmake; the pin server's checks are in system/running.sh.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <xen/xen.h> /* domid_t, grant_ref_t for Linux's gntdev.h and evtchn.h */
#include <xen/grant_table.h>
#include <xen/gntdev.h>
#include <xen/evtchn.h>

#define xen_mb()  __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define xen_rmb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define xen_wmb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#include <xen/io/ring.h>
#include <pin_server/protocol.h>

#define PAGE	4096
#define GARBAGE 200
/* Slots in the page (256): the server's ring size, from the same macros. */
#define SLOTS	__CONST_RING_SIZE(pin, PAGE)
#define SLOT(i) ((i) & (SLOTS - 1))

static struct pin_sring *ring;
static int evtchn_fd;
static unsigned int local_port;

static void result(const char *name, int ok, const char *why)
{
	if (ok)
		printf("ERIKA-TEST PASS pin.hostile_%s\n", name);
	else
		printf("ERIKA-TEST FAIL pin.hostile_%s %s\n", name, why);
	fflush(stdout);
}

static void notify(void)
{
	struct ioctl_evtchn_notify n = { .port = local_port };

	(void)ioctl(evtchn_fd, IOCTL_EVTCHN_NOTIFY, &n);
}

/* Wait up to two seconds for rsp_prod to reach want. */
static int wait_responses(RING_IDX want)
{
	for (int i = 0; i < 200; i++) {
		if ((RING_IDX)(*(volatile RING_IDX *)&ring->rsp_prod - want) < 0x80000000u)
			return 1;
		usleep(10000);
	}
	return 0;
}

static void *map_grant(unsigned int domid, unsigned int ref)
{
	struct ioctl_gntdev_map_grant_ref map = { .count = 1 };
	int fd = open("/dev/xen/gntdev", O_RDWR);
	void *page;

	map.refs[0].domid = domid;
	map.refs[0].ref = ref;
	if (fd < 0 || ioctl(fd, IOCTL_GNTDEV_MAP_GRANT_REF, &map) < 0)
		return NULL;
	page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)map.index);
	return page == MAP_FAILED ? NULL : page;
}

static int bind_port(unsigned int domid, unsigned int port)
{
	struct ioctl_evtchn_bind_interdomain bind = { .remote_domain = domid, .remote_port = port };
	int rc;

	evtchn_fd = open("/dev/xen/evtchn", O_RDWR);
	if (evtchn_fd < 0)
		return -1;
	rc = ioctl(evtchn_fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &bind);
	if (rc < 0)
		return -1;
	local_port = (unsigned int)rc;
	return 0;
}

static void garbage(void)
{
	RING_IDX prod = ring->req_prod, start = prod;
	int answered = 1, wrong_ok = 0;
	char why[96] = "";

	for (unsigned int i = 0; i < GARBAGE; i++, prod++) {
		struct pin_request *req = &ring->ring[SLOT(prod)].req;
		uint8_t *bytes = (uint8_t *)req;

		for (size_t b = 0; b < sizeof(*req); b++)
			bytes[b] = (uint8_t)rand();
		req->id = 1000 + i;
		/* Every fourth request is well formed but asks for a pin that is not there. */
		if (i % 4 == 0) {
			req->op = PIN_OP_SET;
			req->pin = 200;
			req->value = 1;
			req->reserved = 0;
		}
		/* Each batch must fit the ring: push and wait every 100. */
		if (i % 100 == 99) {
			xen_wmb();
			ring->req_prod = prod + 1;
			xen_mb();
			notify();
			answered &= wait_responses(prod + 1);
		}
	}
	for (RING_IDX i = start; i != prod; i++) {
		struct pin_response rsp = ring->ring[SLOT(i)].rsp;

		if (rsp.id != 1000 + (i - start))
			answered = 0;
		else if (rsp.status == PIN_STATUS_OK)
			wrong_ok++; /* random bytes that happen to form a valid request are fine */
	}
	snprintf(why, sizeof(why), "rsp_prod %u of %d", ring->rsp_prod - start, GARBAGE);
	result("garbage_answered_in_order", answered, why);
	/* A random op is valid with probability 3/256 and must then also pass the other checks. */
	snprintf(why, sizeof(why), "%d of %d garbage requests succeeded", wrong_ok, GARBAGE);
	result("garbage_refused", wrong_ok <= 3, why);
}

static void flood(void)
{
	for (int i = 0; i < 20000; i++)
		notify();
	result("flood_sent", 1, "");
}

static void bogus_index_then_recovery(void)
{
	RING_IDX base = ring->rsp_prod;
	struct pin_request *req;
	char why[96];

	ring->req_prod = base + 100000;
	xen_mb();
	notify();
	usleep(500000);
	/* Attach where the server now stands, as a reloaded client does. */
	base = ring->rsp_prod;
	req = &ring->ring[SLOT(base)].req;
	*req = (struct pin_request){ .id = 4242, .op = PIN_OP_GET, .pin = 0 };
	xen_wmb();
	ring->req_prod = base + 1;
	xen_mb();
	notify();
	snprintf(why, sizeof(why), "rsp_prod %u, want %u", ring->rsp_prod, base + 1);
	if (!wait_responses(base + 1)) {
		result("served_after_bogus_index", 0, why);
		return;
	}
	snprintf(why, sizeof(why), "id %u status %d", ring->ring[SLOT(base)].rsp.id,
		 ring->ring[SLOT(base)].rsp.status);
	result("served_after_bogus_index",
	       ring->ring[SLOT(base)].rsp.id == 4242 &&
		       ring->ring[SLOT(base)].rsp.status == PIN_STATUS_OK,
	       why);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: %s DOMID RING_REF EVENT_CHANNEL\n", argv[0]);
		return 2;
	}
	srand((unsigned int)time(NULL));
	ring = map_grant((unsigned int)atoi(argv[1]), (unsigned int)atoi(argv[2]));
	result("map_grant", ring != NULL, strerror(errno));
	if (ring == NULL)
		return 1;
	result("bind_port",
	       bind_port((unsigned int)atoi(argv[1]), (unsigned int)atoi(argv[3])) == 0,
	       strerror(errno));
	garbage();
	flood();
	bogus_index_then_recovery();
	return 0;
}
