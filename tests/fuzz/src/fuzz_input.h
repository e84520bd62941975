/*
 * The fuzzer's input as a stream of decisions: each take_*() consumes bytes
 * from the front and returns 0 once the input is used up, so every input
 * (however short) is a complete, deterministic run.
 */
#ifndef FUZZ_INPUT_H
#define FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct fuzz_input {
	const uint8_t *data;
	size_t size;
};

static inline uint8_t take_u8(struct fuzz_input *in)
{
	uint8_t v = 0;

	if (in->size > 0) {
		v = in->data[0];
		in->data++;
		in->size--;
	}
	return v;
}

static inline uint32_t take_u32(struct fuzz_input *in)
{
	uint32_t v = 0;

	for (int i = 0; i < 4; i++)
		v = (v << 8) | take_u8(in);
	return v;
}

/* Up to n bytes into out; returns how many there were. */
static inline size_t take_bytes(struct fuzz_input *in, void *out, size_t n)
{
	if (n > in->size)
		n = in->size;
	memcpy(out, in->data, n);
	in->data += n;
	in->size -= n;
	return n;
}

/* A NUL-terminated string of at most max - 1 bytes (length from one byte). */
static inline void take_string(struct fuzz_input *in, char *out, size_t max)
{
	size_t n = take_u8(in) % max;

	n = take_bytes(in, out, n);
	out[n] = '\0';
}

#endif /* FUZZ_INPUT_H */
