/*
 * The Linux peer of the pin server: pin protocol v1 served by a userspace
 * program in a Linux domU, for the benchmarks (docs/bench.md). The ring and
 * request handling are the RTOS sample's own files (pin_ring.c,
 * pin_request.c), so the two servers differ only in the OS under them.
 */
#ifndef PEER_H
#define PEER_H

#include "pin_protocol.h"

/* The PL061 pin through /dev/mem; pl061_backend serves pin 0 only. */
int pl061_open(unsigned long phys);
extern const struct pin_backend pl061_backend;

/* A 1 ms periodic thread (SCHED_FIFO, clock_nanosleep) and its report. */
struct periodic_report {
	unsigned int beats, missed, worst_us;
};
int periodic_start(unsigned int period_us);
void periodic_take_report(struct periodic_report *report);

#endif /* PEER_H */
