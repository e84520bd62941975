/*
 * How the platform ends the system. The kernel and arch stop through these
 * two calls only; the Xen layer provides them (drivers/xen/domain.c) as a
 * domain shutdown, so nothing above it needs to know it runs on Xen.
 */
#ifndef ERIKA_PLATFORM_H
#define ERIKA_PLATFORM_H

/* Orderly end: the system is done (Xen: SHUTDOWN_poweroff). Any context. */
void platform_power_off(void) __attribute__((noreturn));

/* The system cannot go on (Xen: SHUTDOWN_crash, the toolstack's on_crash). Any context. */
void platform_crash(void) __attribute__((noreturn));

#endif /* ERIKA_PLATFORM_H */
