/*
 * Fan-out of console output to the backends found at boot.
 */

#include <stdint.h>

#include <erika/console.h>
#include <erika/init.h>

extern const struct console_backend __console_backends_start[];
extern const struct console_backend __console_backends_end[];

/* The linker collects the backends between these two symbols. */
static size_t backend_count(void)
{
	return ((uintptr_t)__console_backends_end - (uintptr_t)__console_backends_start) /
	       sizeof(struct console_backend);
}

/* Bit i set: backend i found its device. Up to 32 backends. */
static uint32_t usable;
static int initialised;

/* Probe every backend: the first PLATFORM set-up, so later ones can print. */
static int console_init(void)
{
	uint32_t regular = 0;

	for (size_t i = 0; i < backend_count(); i++) {
		const struct console_backend *b = &__console_backends_start[i];

		if (b->init == 0 || b->init() == 0) {
			usable |= 1u << i;
			if (!b->early)
				regular |= 1u << i;
		}
	}
	if (regular != 0)
		usable = regular;
	initialised = 1;
	return 0;
}
SYS_INIT(console_init, PLATFORM, 0);

void console_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < backend_count(); i++) {
		const struct console_backend *b = &__console_backends_start[i];
		int wanted = initialised ? (int)((usable >> i) & 1) : b->early;

		if (wanted)
			b->write(buf, len);
	}
}
