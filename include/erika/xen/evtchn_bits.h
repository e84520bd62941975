/*
 * Where an event channel port lives in Xen's 2-level event ABI on ARM, as pure
 * functions (host-tested by tests/xen/host/test_evtchn_bits.c).
 *
 * On ARM xen_ulong_t is 64 bits even for a 32-bit guest: the shared page has
 * 64 pending words and 64 mask words of 64 bits each, and the per-vCPU
 * selector has one bit per word. Port p is bit p % 64 of word p / 64, and
 * there are 64 * 64 = 4096 ports. A guest that does this arithmetic on
 * 32-bit words silently tests the wrong bit for every port from 32 up.
 */
#ifndef ERIKA_XEN_EVTCHN_BITS_H
#define ERIKA_XEN_EVTCHN_BITS_H

#include <stdint.h>

#define EVTCHN_WORD_BITS 64u
#define EVTCHN_NR_WORDS	 64u
#define EVTCHN_NR_PORTS	 (EVTCHN_WORD_BITS * EVTCHN_NR_WORDS)

typedef uint64_t evtchn_word_t;

/* Whether port exists in the 2-level ABI (0 .. 4095; port 0 is never bound). */
static inline int evtchn_port_valid(uint32_t port)
{
	return port < EVTCHN_NR_PORTS;
}

/* Index of the pending/mask word, and of the selector bit, that hold port. */
static inline unsigned int evtchn_word_index(uint32_t port)
{
	return port / EVTCHN_WORD_BITS;
}

/* Bit number of port inside its word. */
static inline unsigned int evtchn_bit_index(uint32_t port)
{
	return port % EVTCHN_WORD_BITS;
}

/* The 64-bit mask of port inside its word (the shift is done in 64 bits). */
static inline evtchn_word_t evtchn_bit_mask(uint32_t port)
{
	return (evtchn_word_t)1 << evtchn_bit_index(port);
}

/* The selector bit of the word holding port. */
static inline evtchn_word_t evtchn_selector_mask(uint32_t port)
{
	return (evtchn_word_t)1 << evtchn_word_index(port);
}

/* The port of bit `bit` of word `word`. */
static inline uint32_t evtchn_port_of(unsigned int word, unsigned int bit)
{
	return word * EVTCHN_WORD_BITS + bit;
}

/* Lowest set bit of a non-zero 64-bit word (64-bit count, not 32-bit ctz). */
static inline unsigned int evtchn_lowest_bit(evtchn_word_t w)
{
	return (unsigned int)__builtin_ctzll(w);
}

/* Ports of word that are ready to deliver: pending and not masked. */
static inline evtchn_word_t evtchn_ready(evtchn_word_t pending, evtchn_word_t mask)
{
	return pending & ~mask;
}

#endif /* ERIKA_XEN_EVTCHN_BITS_H */
