/*
 * libFuzzer target: the pin server's back end (samples/pin_server/src/
 * pin_ring.c, pin_request.c) on a ring page that dom0 controls. The input is
 * dom0: it writes request slots and any producer/event index, and scribbles
 * on the page again while the server is inside a GPIO call (the backend
 * below lets it act there), as a hostile front end running on another CPU
 * could.
 *
 * Beyond the sanitizers, the server's promises are checked: only an allowed
 * pin is ever driven, only to 0 or 1; every response status is one of the
 * protocol's; the consumer index never passes the producer value read; a
 * batch never answers more than the budget.
 */

#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "pin_protocol.h"

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

#define PINS 3

static struct pin_sring *page;
static struct fuzz_input in;
static int level[PINS];
/* Set when dom0 wrote into the slots: then answers given may be overwritten. */
static int scribbled;

/* dom0 on another CPU: one write somewhere in the page. */
static void scribble(void)
{
	uint8_t op = take_u8(&in);

	if (op & 0x80)
		return;
	if (op & 1) {
		page->req_prod = take_u32(&in);
	} else {
		((uint8_t *)page)[take_u32(&in) % 4096] = take_u8(&in);
		scribbled = 1;
	}
}

static int fake_set(unsigned int pin, int value)
{
	CHECK(pin < PINS && (value == 0 || value == 1));
	scribble();
	if (take_u8(&in) == 0xee)
		return -5; /* the GPIO driver failed */
	level[pin] = value;
	return 0;
}

static int fake_get(unsigned int pin)
{
	CHECK(pin < PINS);
	scribble();
	return take_u8(&in) == 0xee ? -5 : level[pin];
}

static const struct pin_backend backend = { .pins = PINS, .set = fake_set, .get = fake_get };

static int status_known(int32_t s)
{
	return s == PIN_STATUS_OK || s == PIN_STATUS_EPERM || s == PIN_STATUS_EIO ||
	       s == PIN_STATUS_EINVAL || s == PIN_STATUS_EOPNOTSUPP;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pin_back_ring back;
	struct pin_stats stats = { 0 };
	RING_IDX start;

	if (!page)
		page = aligned_alloc(4096, 4096);
	in = (struct fuzz_input){ data, size };
	memset(level, 0, sizeof(level));
	start = take_u32(&in);
	SHARED_RING_INIT(page);
	page->req_prod = page->rsp_prod = start;
	page->req_event = page->rsp_event = start + 1;
	BACK_RING_ATTACH(&back, page, start, 4096);
	for (int batch = 0; batch < 32 && in.size > 0; batch++) {
		unsigned int budget = 1 + take_u8(&in) % 8, requests = stats.requests;
		RING_IDX cons = back.req_cons, rsp = back.rsp_prod_pvt, prod = page->req_prod;
		uint8_t sent = take_u8(&in);
		int more = 0;

		scribbled = 0;
		/* A front end's requests (any bytes), then its producer index. */
		for (unsigned int i = 0; i < sent % 8u; i++)
			take_bytes(&in, &page->ring[(prod + i) % RING_SIZE(&back)].req,
				   sizeof(struct pin_request));
		page->req_prod = sent & 0x80 ? take_u32(&in) : prod + sent % 8u;
		(void)pin_ring_service(&back, &backend, budget, &stats, &more);
		if (stats.requests != requests) {
			CHECK(stats.requests - requests <= budget);
			CHECK(back.req_cons - cons == stats.requests - requests);
			for (RING_IDX i = rsp; !scribbled && i != back.rsp_prod_pvt; i++)
				CHECK(status_known(RING_GET_RESPONSE(&back, i)->status));
		}
		CHECK(back.rsp_prod_pvt - back.req_cons == rsp - cons);
		CHECK(back.req_cons - cons <= RING_SIZE(&back) || stats.bogus_prod > 0);
	}
	return 0;
}
