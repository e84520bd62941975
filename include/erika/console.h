/*
 * The console: every byte written goes to each console backend the build has
 * and that found its device at boot (Xen PV console ring, vpl011, the early
 * HYPERVISOR_console_io).
 */
#ifndef ERIKA_CONSOLE_H
#define ERIKA_CONSOLE_H

#include <stddef.h>

struct console_backend {
	const char *name;
	/* Find the device; 0 when usable. Boot context, MMU on. */
	int (*init)(void);
	/* Write len bytes; may wait for room but must not drop silently. */
	void (*write)(const char *buf, size_t len);
	/*
	 * An early backend (console_io) writes only until a regular one is up,
	 * so the same line does not reach Xen's console twice.
	 */
	int early;
};

/* Place a backend in the table the console probes at boot (PLATFORM level, first). */
#define CONSOLE_BACKEND_DEFINE(id, ...)                                                            \
	static const struct console_backend console_backend_##id                                   \
		__attribute__((used, section(".console_backends"), aligned(4))) = { __VA_ARGS__ }

/* Write to every usable backend. Before the probe only early ones write. */
void console_write(const char *buf, size_t len);

#endif /* ERIKA_CONSOLE_H */
