/*
 * Xen PV console ring (drivers/xen/console_ring.c): output is a console
 * backend (include/erika/console.h); this is input and the drop count.
 */
#ifndef ERIKA_XEN_CONSOLE_RING_H
#define ERIKA_XEN_CONSOLE_RING_H

#include <stddef.h>

/*
 * Take up to len bytes of console input (what `xl console` sends) without
 * waiting. Task context, one reader. Returns the byte count (0: nothing
 * there), -ENODEV when the domain has no PV console, -EIO when the backend's
 * indices are impossible.
 */
int console_ring_read(char *buf, size_t len);

/*
 * Output bytes dropped since boot because the ring stayed full (the backend
 * did not drain it). The next write that finds room first writes a notice
 * with the count of bytes lost since the last notice. Any context.
 */
unsigned int console_ring_dropped(void);

#endif /* ERIKA_XEN_CONSOLE_RING_H */
