/*
 * libFuzzer target: the whole XenStore client (drivers/xen/xenstore.c,
 * xs_ops.c, xs_watch.c) against a hostile xenstored. The client's code is
 * included here, so that its static state can be reset before every input;
 * Xen is replaced by the functions below: the store page is a page of this
 * program, and each notification or yield lets the input act as xenstored
 * (consume requests, answer them rightly or wrongly, write raw bytes, set
 * impossible indices, send watch events, or stay silent until the client
 * times out). The rest of the input is the sequence of client calls.
 *
 * Beyond the sanitizers, the API's contracts are checked: results are 0, a
 * count or a negative errno; a value read fits its buffer and is terminated;
 * a watch callback gets terminated strings and a token we registered.
 */

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <erika/arch/mmu.h>
#include <erika/printk.h>
#include <erika/xen/domain.h>
#include <erika/xen/hypercall.h>
#include <erika/xen/ring_idx.h>

#include "fuzz_input.h"

#include "../../../drivers/xen/xenstore.c"
#include "../../../drivers/xen/xs_ops.c"
#include "../../../drivers/xen/xs_watch.c"

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

static struct xenstore_domain_interface page __attribute__((aligned(4096)));
static struct fuzz_input in;
static uint64_t clock_now;
/* The last request header xenstored consumed: what a right answer names. */
static struct xsd_sockmsg last_req;

/* ---- Xen, as the client sees it ---------------------------------------------- */

uint64_t vtimer_count(void)
{
	return clock_now++;
}

int printk(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* Chosen by the input: relative paths then expand with any domain id. */
static int domain_id;

int xen_domain_id(void)
{
	return domain_id;
}

int xen_hvm_get_param(uint32_t index, uint64_t *value)
{
	if (index == HVM_PARAM_STORE_PFN)
		*value = (uintptr_t)&page >> 12;
	else
		*value = 1; /* the event channel port */
	return 0;
}

int arch_mmu_map(uint32_t phys, uint32_t size, enum mmu_memory_type type)
{
	(void)phys;
	(void)size;
	(void)type;
	return 0;
}

/* Response bytes at rsp_prod, as much as the ring takes. */
static void put_rsp(const void *data, uint32_t n)
{
	uint32_t prod = page.rsp_prod;
	uint32_t room = XENSTORE_RING_SIZE - (prod - page.rsp_cons);

	if (prod - page.rsp_cons > XENSTORE_RING_SIZE)
		return; /* indices already broken by an earlier step */
	if (n > room)
		n = room;
	ring_copy_in(page.rsp, XENSTORE_RING_SIZE, prod, data, n);
	page.rsp_prod = prod + n;
}

static void put_message(uint32_t type, uint32_t req_id, const char *payload, uint32_t len)
{
	struct xsd_sockmsg hdr = { .type = type, .req_id = req_id, .tx_id = 0, .len = len };

	put_rsp(&hdr, sizeof(hdr));
	put_rsp(payload, len);
}

static void consume_requests(void)
{
	uint32_t cons = page.req_cons, prod = page.req_prod;

	if (prod - cons >= sizeof(last_req) && prod - cons <= XENSTORE_RING_SIZE)
		ring_copy_out(page.req, XENSTORE_RING_SIZE, cons, &last_req, sizeof(last_req));
	page.req_cons = prod;
}

/* One move of the hostile xenstored; none once the input is used up. */
static void xenstored_act(void)
{
	char payload[XENSTORE_PAYLOAD_MAX];
	uint32_t n;
	uint8_t op;

	if (in.size == 0)
		return;
	op = take_u8(&in);
	switch (op % 8) {
	case 0:
		break; /* silence */
	case 1:
	case 2: /* the awaited answer, or an error reply, with input payload */
		consume_requests();
		n = (uint32_t)take_bytes(&in, payload, take_u8(&in));
		put_message(op & 0x80 ? XS_ERROR : last_req.type, last_req.req_id, payload, n);
		break;
	case 3: /* raw bytes: any header, any length */
		n = (uint32_t)take_bytes(&in, payload, take_u8(&in) % 64);
		put_rsp(payload, n);
		break;
	case 4:
		page.rsp_prod = take_u32(&in);
		break;
	case 5:
		if (op & 0x80)
			page.req_cons = take_u32(&in);
		else
			page.rsp_cons = take_u32(&in);
		break;
	case 6: /* a watch event for one of our tokens, or for any */
		n = (uint32_t)take_bytes(&in, payload, take_u8(&in) % 48);
		if (op & 0x80 && n + TOKEN_MAX + 1 <= sizeof(payload)) {
			const char *t = watches[op % MAX_WATCHES].token;
			size_t tl = strnlen(t, TOKEN_MAX - 1);

			payload[n++] = '\0';
			memcpy(payload + n, t, tl);
			n += (uint32_t)tl;
			payload[n++] = '\0';
		}
		put_message(XS_WATCH_EVENT, 0, payload, n);
		break;
	default: /* a reply to another request id */
		consume_requests();
		put_message(last_req.type, last_req.req_id + 1 + take_u8(&in), "", 0);
		break;
	}
}

long arch_hypercall(unsigned long a0, unsigned long a1, unsigned long a2, unsigned long a3,
		    unsigned long a4, unsigned long op)
{
	(void)a1;
	(void)a2;
	(void)a3;
	(void)a4;
	if ((op == __HYPERVISOR_event_channel_op && a0 == EVTCHNOP_send) ||
	    (op == __HYPERVISOR_sched_op && a0 == SCHEDOP_yield))
		xenstored_act();
	return 0;
}

/* ---- the client's calls -------------------------------------------------------- */

static int callbacks;

static void on_watch(const char *path, const char *token, void *arg)
{
	CHECK(arg == &callbacks);
	CHECK(strlen(path) < XENSTORE_PAYLOAD_MAX);
	CHECK(find(token) != 0); /* only tokens we registered reach a callback */
	(*(int *)arg)++;
}

static void check_errno(int rc)
{
	CHECK(rc <= 0 && rc > -4096);
}

static void client_call(uint8_t op)
{
	char path[64], value[64], buf[96];
	xs_tx_t tx = op & 0x80 ? take_u8(&in) : XS_TX_NONE;
	int rc;

	take_string(&in, path, sizeof(path));
	switch (op % 10) {
	case 0:
		rc = xs_read(tx, path, buf, 1 + take_u8(&in) % sizeof(buf));
		if (rc >= 0)
			CHECK((size_t)rc < sizeof(buf) && buf[rc] == '\0');
		else
			check_errno(rc);
		break;
	case 1:
		take_string(&in, value, sizeof(value));
		check_errno(xs_write(tx, path, value));
		break;
	case 2:
		check_errno(xs_mkdir(tx, path));
		break;
	case 3:
		check_errno(xs_rm(tx, path));
		break;
	case 4:
		rc = xs_directory(tx, path, buf, 1 + take_u8(&in) % sizeof(buf));
		if (rc < 0)
			check_errno(rc);
		else
			CHECK((size_t)rc < sizeof(buf));
		break;
	case 5:
		check_errno(xs_transaction_start(&tx));
		break;
	case 6:
		check_errno(xs_transaction_end(tx, op & 1));
		break;
	case 7:
		take_string(&in, value, TOKEN_MAX + 2);
		rc = xs_watch(path, value, on_watch, &callbacks);
		check_errno(rc);
		break;
	case 8:
		take_string(&in, value, TOKEN_MAX + 2);
		check_errno(xs_unwatch(path, value));
		break;
	default:
		rc = xs_watch_dispatch(take_u8(&in) % 8);
		CHECK(rc >= -4095 && rc <= QUEUE_LEN);
		break;
	}
}

/* Every input starts from a fresh client and an empty store page. */
static void reset(void)
{
	intf = 0;
	broken = 0;
	next_req_id = 1;
	memset(&page, 0, sizeof(page));
	memset(watches, 0, sizeof(watches));
	queue_head = queue_count = dropped = 0;
	memset(&last_req, 0, sizeof(last_req));
	callbacks = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	in = (struct fuzz_input){ data, size };
	reset();
	domain_id = take_u8(&in) == 0xff ? (int)(take_u32(&in) & 0x7fffffff) : 1;
	/* What the boot does (SYS_INIT): without it every call would be -ENODEV. */
	CHECK(xs_connect() == 0 && xs_status() == 0);
	for (int calls = 0; calls < 16 && in.size > 0; calls++)
		client_call(take_u8(&in));
	return 0;
}
