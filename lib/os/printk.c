/*
 * printk() and snprintk() on top of the formatter. printk() collects output in
 * a small buffer so the console sees whole lines, not single characters.
 */

#include <erika/console.h>
#include <erika/printk.h>

struct line_buffer {
	char buf[96];
	size_t len;
};

static void line_flush(struct line_buffer *lb)
{
	if (lb->len > 0)
		console_write(lb->buf, lb->len);
	lb->len = 0;
}

static void line_out(void *ctx, const char *buf, size_t len)
{
	struct line_buffer *lb = ctx;

	for (size_t i = 0; i < len; i++) {
		lb->buf[lb->len++] = buf[i];
		if (lb->len == sizeof(lb->buf) || buf[i] == '\n')
			line_flush(lb);
	}
}

int vprintk(const char *fmt, va_list ap)
{
	struct line_buffer lb = { .len = 0 };
	int n = fmt_vformat(line_out, &lb, fmt, ap);

	line_flush(&lb);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

struct string_buffer {
	char *buf;
	size_t size;
	size_t len;
};

static void string_out(void *ctx, const char *buf, size_t len)
{
	struct string_buffer *sb = ctx;

	for (size_t i = 0; i < len; i++, sb->len++) {
		if (sb->len + 1 < sb->size)
			sb->buf[sb->len] = buf[i];
	}
}

int snprintk(char *buf, size_t size, const char *fmt, ...)
{
	struct string_buffer sb = { .buf = buf, .size = size, .len = 0 };
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vformat(string_out, &sb, fmt, ap);
	va_end(ap);
	if (size > 0)
		buf[sb.len < size ? sb.len : size - 1] = '\0';
	return n;
}
