/*
 * The hostile guest: a pin server that misbehaves towards dom0 on command.
 * dom0's test writes a case into data/hostile/case; the PinServer task
 * applies it (commands.c) and the ring back end answers accordingly
 * (hostile_ring.c). Test build only (CONFIG_PIN_TEST_HOSTILE).
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <stdint.h>

#include "pin_app.h"

enum hostile_kind {
	CASE_NORMAL, /* answer as the protocol says */
	CASE_STATUS, /* every answer has status arg */
	CASE_VALUE,  /* status 0 and level arg */
	CASE_ID,     /* the answer's id is not the request's */
	CASE_PROD,   /* rsp_prod published as the true index + arg (beyond or behind) */
	CASE_FLOOD,  /* each answer followed by arg copies: more answers than requests */
	CASE_NOTIFY, /* answer well, and notify dom0 without pause meanwhile */
	CASE_SILENT, /* take the requests, never answer */
	CASE_PAIR,   /* publish answers two at a time: a lone request waits for the next */
};

struct hostile_case {
	enum hostile_kind kind;
	int32_t arg;
};

/* The case in force; written by PinServer only, read by Flooder too. */
extern volatile struct hostile_case hostile_case;

/*
 * Parse "normal", "status N", "value N", "id", "prod N", "flood N", "notify",
 * "silent", "pair" (N a decimal int32). Returns 0, or -1 for anything else.
 */
int hostile_parse(const char *text, struct hostile_case *c);

/* Watch data/hostile/case and act on it; PinServer, after pin_transport_open. */
int hostile_commands_init(struct pin_transport *t);

/*
 * Answer the requests on the ring as the current case says, counting in
 * stats; *more is set when requests arrived meanwhile. PinServer.
 */
void hostile_service(struct pin_transport *t, struct pin_stats *stats, int *more);

/* A case ends: publish the true response index again and notify. PinServer. */
void hostile_resync(struct pin_transport *t);

#endif /* HOSTILE_H */
