/*
 * The formatter behind printk() and snprintk(): no allocation, no floating
 * point, output in chunks through a callback. Pure logic, tested on the host.
 */

#include <stdint.h>

#include <erika/printk.h>

struct spec {
	int left; /* '-' */
	int zero; /* '0' */
	unsigned int width;
	int length; /* 0, 1 = l, 2 = ll */
};

static size_t str_len(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void pad(fmt_out_fn out, void *ctx, char c, unsigned int n)
{
	while (n-- > 0)
		out(ctx, &c, 1);
}

/* Emit text of length len in a field of the spec's width. */
static int emit_field(fmt_out_fn out, void *ctx, const struct spec *sp, const char *text,
		      size_t len, int negative)
{
	unsigned int used = (unsigned int)len + (negative ? 1 : 0);
	unsigned int fill = sp->width > used ? sp->width - used : 0;

	if (!sp->left && !sp->zero)
		pad(out, ctx, ' ', fill);
	if (negative)
		out(ctx, "-", 1);
	if (!sp->left && sp->zero)
		pad(out, ctx, '0', fill);
	out(ctx, text, len);
	if (sp->left)
		pad(out, ctx, ' ', fill);
	return (int)(used + fill);
}

static int emit_number(fmt_out_fn out, void *ctx, const struct spec *sp, uint64_t value,
		       unsigned int base, int upper, int negative)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	size_t pos = sizeof(buf);

	do {
		buf[--pos] = digits[value % base];
		value /= base;
	} while (value != 0);
	return emit_field(out, ctx, sp, buf + pos, sizeof(buf) - pos, negative);
}

static uint64_t take_unsigned(va_list *ap, int length)
{
	if (length == 2)
		return va_arg(*ap, unsigned long long);
	if (length == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static int64_t take_signed(va_list *ap, int length)
{
	if (length == 2)
		return va_arg(*ap, long long);
	if (length == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

/* Parse flags, width and length after '%'; returns the conversion character's address. */
static const char *parse_spec(const char *p, struct spec *sp)
{
	*sp = (struct spec){ 0 };
	for (; *p == '-' || *p == '0'; p++) {
		if (*p == '-')
			sp->left = 1;
		else
			sp->zero = 1;
	}
	while (is_digit(*p))
		sp->width = sp->width * 10 + (unsigned int)(*p++ - '0');
	while (*p == 'l' && sp->length < 2) {
		sp->length++;
		p++;
	}
	return p;
}

static int convert(fmt_out_fn out, void *ctx, char conv, const struct spec *sp, va_list *ap)
{
	switch (conv) {
	case 'd':
	case 'i': {
		int64_t v = take_signed(ap, sp->length);
		uint64_t magnitude = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

		return emit_number(out, ctx, sp, magnitude, 10, 0, v < 0);
	}
	case 'u':
		return emit_number(out, ctx, sp, take_unsigned(ap, sp->length), 10, 0, 0);
	case 'x':
	case 'X':
		return emit_number(out, ctx, sp, take_unsigned(ap, sp->length), 16, conv == 'X', 0);
	case 'p': {
		struct spec hex = { .zero = 1, .width = 2 * sizeof(void *) };

		out(ctx, "0x", 2);
		return 2 + emit_number(out, ctx, &hex, (uintptr_t)va_arg(*ap, void *), 16, 0, 0);
	}
	case 's': {
		const char *s = va_arg(*ap, const char *);

		if (s == NULL)
			s = "(null)";
		return emit_field(out, ctx, sp, s, str_len(s), 0);
	}
	case 'c': {
		char c = (char)va_arg(*ap, int);

		return emit_field(out, ctx, sp, &c, 1, 0);
	}
	case '%':
		out(ctx, "%", 1);
		return 1;
	default:
		/* Unknown conversion: show it rather than guess at the argument. */
		out(ctx, "%", 1);
		out(ctx, &conv, 1);
		return 2;
	}
}

int fmt_vformat(fmt_out_fn out, void *ctx, const char *fmt, va_list ap)
{
	va_list args;
	int count = 0;
	const char *p = fmt;

	va_copy(args, ap);
	while (*p != '\0') {
		const char *start = p;
		struct spec sp;

		while (*p != '\0' && *p != '%')
			p++;
		if (p > start) {
			out(ctx, start, (size_t)(p - start));
			count += (int)(p - start);
		}
		if (*p == '\0')
			break;
		p = parse_spec(p + 1, &sp);
		if (*p == '\0')
			break;
		count += convert(out, ctx, *p++, &sp, &args);
	}
	va_end(args);
	return count;
}
