/*
 * Atomic read-modify-write of words that Xen writes concurrently from another
 * physical CPU (event pending/mask words, the selector, grant entry flags).
 * GCC's __atomic builtins compile to ldrexd/strexd (64-bit) and ldrexh/strexh
 * (16-bit) retry loops between `dmb ish` barriers on ARMv7-A: nothing is
 * linked from libatomic. Xen updates the 64-bit event words 32 bits at a time
 * with its own exclusives; any such store breaks our reservation on the
 * doubleword, so the loop retries instead of losing Xen's bit.
 */
#ifndef XEN_ATOMIC_H
#define XEN_ATOMIC_H

#include <stdint.h>

/* Exchange *p with v; returns the old value. Full barrier. */
static inline uint64_t xen_xchg64(volatile uint64_t *p, uint64_t v)
{
	return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}

/* Clear the bits of m in *p; returns the old value. Full barrier. */
static inline uint64_t xen_fetch_and_clear64(volatile uint64_t *p, uint64_t m)
{
	return __atomic_fetch_and(p, ~m, __ATOMIC_SEQ_CST);
}

/* Set the bits of m in *p; returns the old value. Full barrier. */
static inline uint64_t xen_fetch_or64(volatile uint64_t *p, uint64_t m)
{
	return __atomic_fetch_or(p, m, __ATOMIC_SEQ_CST);
}

/* A 64-bit word as one access (ldrd), not two loads the compiler may split. */
static inline uint64_t xen_load64(const volatile uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/*
 * If *p equals expected, store desired. Returns 1 if it did, else 0 with
 * *expected updated to the value seen. Full barrier.
 */
static inline int xen_cmpxchg16(volatile uint16_t *p, uint16_t *expected, uint16_t desired)
{
	return __atomic_compare_exchange_n(p, expected, desired, 0, __ATOMIC_SEQ_CST,
					   __ATOMIC_SEQ_CST);
}

#endif /* XEN_ATOMIC_H */
