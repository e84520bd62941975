/*
 * Early console: HYPERVISOR_console_io writes to Xen's own console. Needs
 * neither MMU nor shared page, so it works from the first instruction of C.
 * A domain created by `xl` gets -EPERM from a non-debug Xen: harmless.
 */

#include <erika/console.h>
#include <erika/xen/hypercall.h>

static void console_io_write(const char *buf, size_t len)
{
	(void)HYPERVISOR_console_io(CONSOLEIO_write, (int)len, buf);
}

CONSOLE_BACKEND_DEFINE(xen_console_io, .name = "xen-console-io", .init = 0,
		       .write = console_io_write, .early = 1);
