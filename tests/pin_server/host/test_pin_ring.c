/*
 * Host tests of the pin server's request handling (samples/pin_server/src/
 * pin_request.c, pin_ring.c): a front end written here plays dom0 on a page
 * in memory, well-behaved and hostile, and the responses are checked.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pin_protocol.h"

static int pins_level[4];
static int fail_gpio;
static int passes;
static int failures;

static int fake_set(unsigned int pin, int value)
{
	if (fail_gpio)
		return -5;
	pins_level[pin] = value;
	return 0;
}

static int fake_get(unsigned int pin)
{
	return fail_gpio ? -5 : pins_level[pin];
}

static const struct pin_backend backend = { .pins = 2, .set = fake_set, .get = fake_get };

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (cond) {                                                                        \
			passes++;                                                                  \
		} else {                                                                           \
			failures++;                                                                \
			printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, #cond);                    \
		}                                                                                  \
	} while (0)

struct rig {
	struct pin_sring *page;
	struct pin_front_ring front;
	struct pin_back_ring back;
	struct pin_stats stats;
};

/* A fresh ring whose free-running indices start at start (to test wrap-around). */
static void rig_init(struct rig *r, RING_IDX start)
{
	memset(r, 0, sizeof(*r));
	r->page = aligned_alloc(4096, 4096);
	SHARED_RING_INIT(r->page);
	r->page->req_prod = r->page->rsp_prod = start;
	r->page->req_event = r->page->rsp_event = start + 1;
	FRONT_RING_ATTACH(&r->front, r->page, start, 4096);
	BACK_RING_ATTACH(&r->back, r->page, start, 4096);
	memset(pins_level, 0, sizeof(pins_level));
	fail_gpio = 0;
}

static void send(struct rig *r, uint32_t id, uint8_t op, uint8_t pin, uint8_t value)
{
	struct pin_request *req = RING_GET_REQUEST(&r->front, r->front.req_prod_pvt);

	*req = (struct pin_request){ .id = id, .op = op, .pin = pin, .value = value };
	r->front.req_prod_pvt++;
	RING_PUSH_REQUESTS(&r->front);
}

static struct pin_response receive(struct rig *r)
{
	struct pin_response rsp = *RING_GET_RESPONSE(&r->front, r->front.rsp_cons);

	r->front.rsp_cons++;
	return rsp;
}

static int serve(struct rig *r, unsigned int budget, int *more)
{
	return pin_ring_service(&r->back, &backend, budget, &r->stats, more);
}

static void test_set_get_ping(RING_IDX start)
{
	struct rig r;
	struct pin_response rsp;
	int more;

	rig_init(&r, start);
	send(&r, 1, PIN_OP_SET, 1, 1);
	send(&r, 2, PIN_OP_GET, 1, 0);
	send(&r, 3, PIN_OP_PING, 0, 0);
	send(&r, 4, PIN_OP_SET, 1, 0);
	CHECK(serve(&r, 16, &more) == 1);
	CHECK(more == 0);
	CHECK(r.page->rsp_prod == start + 4);
	rsp = receive(&r);
	CHECK(rsp.id == 1 && rsp.status == PIN_STATUS_OK && rsp.value == 1);
	rsp = receive(&r);
	CHECK(rsp.id == 2 && rsp.status == PIN_STATUS_OK && rsp.value == 1);
	rsp = receive(&r);
	CHECK(rsp.id == 3 && rsp.status == PIN_STATUS_OK && rsp.value == 0);
	rsp = receive(&r);
	CHECK(rsp.id == 4 && rsp.status == PIN_STATUS_OK && rsp.value == 0);
	CHECK(pins_level[1] == 0 && r.stats.requests == 4 && r.stats.rejected == 0);
	free(r.page);
}

static void test_bad_requests_change_nothing(void)
{
	struct rig r;
	int more;
	static const struct {
		uint8_t op, pin, value, reserved;
		int32_t status;
	} cases[] = {
		{ 9, 0, 1, 0, PIN_STATUS_EOPNOTSUPP },	     /* unknown op */
		{ 0, 0, 0, 0, PIN_STATUS_EOPNOTSUPP },	     /* op 0 */
		{ PIN_OP_SET, 0, 7, 0, PIN_STATUS_EINVAL },  /* echo 7 */
		{ PIN_OP_SET, 2, 1, 0, PIN_STATUS_EPERM },   /* pin not allowed */
		{ PIN_OP_SET, 255, 1, 0, PIN_STATUS_EPERM }, /* pin far out */
		{ PIN_OP_SET, 0, 1, 1, PIN_STATUS_EINVAL },  /* reserved set */
		{ PIN_OP_GET, 0, 1, 0, PIN_STATUS_EINVAL },  /* GET with a value */
		{ PIN_OP_PING, 1, 0, 0, PIN_STATUS_EINVAL }, /* PING with a pin */
	};

	rig_init(&r, 0);
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pin_request *req = RING_GET_REQUEST(&r.front, r.front.req_prod_pvt);

		*req = (struct pin_request){ .id = 100 + i,
					     .op = cases[i].op,
					     .pin = cases[i].pin,
					     .value = cases[i].value,
					     .reserved = cases[i].reserved };
		r.front.req_prod_pvt++;
	}
	RING_PUSH_REQUESTS(&r.front);
	serve(&r, 64, &more);
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pin_response rsp = receive(&r);

		CHECK(rsp.id == 100 + i && rsp.status == cases[i].status);
	}
	CHECK(pins_level[0] == 0 && pins_level[1] == 0);
	CHECK(r.stats.rejected == sizeof(cases) / sizeof(cases[0]));
	free(r.page);
}

static void test_gpio_failure_is_eio(void)
{
	struct rig r;
	int more;

	rig_init(&r, 0);
	fail_gpio = 1;
	send(&r, 7, PIN_OP_SET, 0, 1);
	serve(&r, 4, &more);
	CHECK(receive(&r).status == PIN_STATUS_EIO);
	free(r.page);
}

static void test_bogus_producer_index_then_recovery(void)
{
	struct rig r;
	int more;

	rig_init(&r, 0xfffffff0u);
	/* A hostile dom0 claims a thousand requests in a ring of 256 slots. */
	r.page->req_prod = 0xfffffff0u + 1000;
	serve(&r, 16, &more);
	CHECK(r.stats.bogus_prod == 1 && r.stats.requests == 0 && more == 0);
	CHECK(pins_level[0] == 0 && pins_level[1] == 0);
	/* A client that re-attaches at the new index is served again. */
	FRONT_RING_ATTACH(&r.front, r.page, r.page->req_prod, 4096);
	r.front.rsp_cons = r.page->rsp_prod;
	send(&r, 42, PIN_OP_SET, 0, 1);
	serve(&r, 16, &more);
	CHECK(receive(&r).id == 42 && pins_level[0] == 1);
	free(r.page);
}

static void test_budget_leaves_work_for_later(void)
{
	struct rig r;
	int more;

	rig_init(&r, 0);
	for (uint32_t i = 0; i < 10; i++)
		send(&r, i, PIN_OP_PING, 0, 0);
	serve(&r, 4, &more);
	CHECK(more == 1 && r.stats.requests == 4 && r.stats.budget_stops == 1);
	serve(&r, 4, &more);
	serve(&r, 4, &more);
	CHECK(more == 0 && r.stats.requests == 10);
	for (uint32_t i = 0; i < 10; i++)
		CHECK(receive(&r).id == i);
	free(r.page);
}

static void test_ring_size(void)
{
	struct rig r;

	rig_init(&r, 0);
	/* 8-byte requests and 12-byte responses: 256 slots in one page. */
	CHECK(sizeof(struct pin_request) == 8 && sizeof(struct pin_response) == 12);
	CHECK(RING_SIZE(&r.back) == 256);
	free(r.page);
}

int main(void)
{
	test_set_get_ping(0);
	test_set_get_ping(0xfffffffeu); /* indices wrap past UINT32_MAX */
	test_bad_requests_change_nothing();
	test_gpio_failure_is_eio();
	test_bogus_producer_index_then_recovery();
	test_budget_leaves_work_for_later();
	test_ring_size();
	printf("%d passed, %d failed\n", passes, failures);
	return failures ? 1 : 0;
}
