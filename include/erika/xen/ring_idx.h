/*
 * Byte rings shared with a backend (PV console, XenStore) with free-running
 * 32-bit producer/consumer indices: only their difference and their value
 * modulo the ring size mean anything. Indices start wherever the other side
 * left them and wrap through UINT32_MAX; unsigned subtraction gets both right.
 * Pure functions on plain memory (host-tested by tests/xen/host); the caller
 * adds the barriers and reads/writes the shared indices.
 */
#ifndef ERIKA_XEN_RING_IDX_H
#define ERIKA_XEN_RING_IDX_H

#include <stdint.h>

/* Bytes produced and not yet consumed. */
static inline uint32_t ring_used(uint32_t prod, uint32_t cons)
{
	return prod - cons;
}

/*
 * Whether the indices are possible for a ring of size bytes (a power of two):
 * the producer is never more than size ahead. The other side writes one of
 * them, so check before trusting them.
 */
static inline int ring_sane(uint32_t prod, uint32_t cons, uint32_t size)
{
	return ring_used(prod, cons) <= size;
}

/* Bytes that can be produced (for sane indices). */
static inline uint32_t ring_free(uint32_t prod, uint32_t cons, uint32_t size)
{
	return size - ring_used(prod, cons);
}

/* Copy len bytes into the ring from index prod on, wrapping at the end. */
static inline void ring_copy_in(char *ring, uint32_t size, uint32_t prod, const void *src,
				uint32_t len)
{
	const char *s = src;

	for (uint32_t i = 0; i < len; i++)
		ring[(prod + i) & (size - 1)] = s[i];
}

/* Copy len bytes out of the ring from index cons on, wrapping at the end. */
static inline void ring_copy_out(const char *ring, uint32_t size, uint32_t cons, void *dst,
				 uint32_t len)
{
	char *d = dst;

	for (uint32_t i = 0; i < len; i++)
		d[i] = ring[(cons + i) & (size - 1)];
}

#endif /* ERIKA_XEN_RING_IDX_H */
