/*
 * The order the test's SYS_INIT functions ran in, as step numbers, and what
 * each saw of the machine when it ran.
 */
#ifndef INIT_LOG_H
#define INIT_LOG_H

#include <stdint.h>

#define INIT_LOG_MAX 16

struct init_step {
	uint8_t id;	/* the step's number (see main.c's expected order) */
	uint8_t mmu_on; /* SCTLR.M when it ran */
	uint8_t gic_on; /* GICD_CTLR.EnableGrp0 when it ran (MMU on only) */
};

extern struct init_step init_log[INIT_LOG_MAX];
extern unsigned int init_log_len;

/* Log step id and what the machine looks like now; returns 0. */
int init_log_step(unsigned int id);

#endif /* INIT_LOG_H */
