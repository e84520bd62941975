/*
 * Formatted output: printk() to the console, snprintk() to a buffer.
 * Conversions: %d %i %u %x %X %p %s %c %%, flags '-' and '0', a width, and
 * the length modifiers l and ll. Any context; printk() output of one call is
 * not interleaved with another only if the caller does not preempt itself.
 */
#ifndef ERIKA_PRINTK_H
#define ERIKA_PRINTK_H

#include <stdarg.h>
#include <stddef.h>

/* Called for each chunk of formatted output. */
typedef void (*fmt_out_fn)(void *ctx, const char *buf, size_t len);

/* Format fmt/ap, handing the output to out in chunks. Returns the byte count. */
int fmt_vformat(fmt_out_fn out, void *ctx, const char *fmt, va_list ap);

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap);

/* Like snprintf: always NUL-terminates when size > 0; returns the full length. */
int snprintk(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif /* ERIKA_PRINTK_H */
