/*
 * Event channel port arithmetic of the 2-level ABI on ARM (64-bit words):
 * port <-> word/bit, 64-bit masks, the last port, round trips.
 */

#include <erika/xen/evtchn_bits.h>

#include "check.h"

struct expect {
	uint32_t port;
	unsigned int word;
	unsigned int bit;
};

static const struct expect cases[] = {
	{ 0, 0, 0 },	 { 1, 0, 1 },	   { 31, 0, 31 },   { 32, 0, 32 },
	{ 63, 0, 63 },	 { 64, 1, 0 },	   { 65, 1, 1 },    { 1023, 15, 63 },
	{ 1024, 16, 0 }, { 2047, 31, 63 }, { 4032, 63, 0 }, { 4095, 63, 63 },
};

int main(void)
{
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct expect *c = &cases[i];

		CHECK_EQ(evtchn_word_index(c->port), c->word);
		CHECK_EQ(evtchn_bit_index(c->port), c->bit);
		CHECK_EQ(evtchn_bit_mask(c->port), (uint64_t)1 << c->bit);
		CHECK_EQ(evtchn_selector_mask(c->port), (uint64_t)1 << c->word);
		CHECK_EQ(evtchn_port_of(c->word, c->bit), c->port);
		CHECK(evtchn_port_valid(c->port));
	}
	/* Bits 32-63 are real bits of the word, not aliases of 0-31. */
	CHECK_EQ(evtchn_bit_mask(32), 0x100000000ull);
	CHECK_EQ(evtchn_bit_mask(63), 0x8000000000000000ull);
	CHECK(evtchn_bit_mask(32) != evtchn_bit_mask(0));
	CHECK_EQ(evtchn_selector_mask(4095), 0x8000000000000000ull);

	CHECK_EQ(EVTCHN_NR_PORTS, 4096);
	CHECK(!evtchn_port_valid(4096));
	CHECK(!evtchn_port_valid(UINT32_MAX));

	CHECK_EQ(evtchn_lowest_bit(1), 0);
	CHECK_EQ(evtchn_lowest_bit(0x100000000ull), 32);
	CHECK_EQ(evtchn_lowest_bit(0x8000000000000000ull), 63);
	CHECK_EQ(evtchn_lowest_bit(0x8000000100000000ull), 32);

	CHECK_EQ(evtchn_ready(0xffff0000ffff0000ull, 0x00ff00000000ff00ull), 0xff000000ffff0000ull);
	CHECK_EQ(evtchn_ready(0x8000000000000000ull, 0x8000000000000000ull), 0);

	/* Every port survives the trip through word and bit. */
	for (uint32_t p = 0; p < EVTCHN_NR_PORTS; p++) {
		uint32_t back = evtchn_port_of(evtchn_word_index(p), evtchn_bit_index(p));

		if (back != p || evtchn_bit_mask(p) == 0)
			CHECK_EQ(back, p);
	}
	return check_report("evtchn_bits");
}
