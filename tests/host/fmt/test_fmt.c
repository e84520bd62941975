/*
 * Host tests of the printk formatter (lib/os/fmt.c): each conversion, flag,
 * width and length, against the exact text expected.
 */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <erika/printk.h>

struct sink {
	char buf[256];
	size_t len;
};

static void sink_out(void *ctx, const char *buf, size_t len)
{
	struct sink *s = ctx;

	if (s->len + len < sizeof(s->buf)) {
		memcpy(s->buf + s->len, buf, len);
		s->len += len;
	}
}

static int failures;
static int passes;

static void check(const char *expected, const char *fmt, ...)
{
	struct sink s = { .len = 0 };
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vformat(sink_out, &s, fmt, ap);
	va_end(ap);
	s.buf[s.len] = '\0';
	if (strcmp(s.buf, expected) != 0 || n != (int)strlen(expected)) {
		printf("FAIL: format \"%s\": got \"%s\" (%d), expected \"%s\"\n", fmt, s.buf, n,
		       expected);
		failures++;
	} else {
		passes++;
	}
}

int main(void)
{
	check("plain text", "plain text");
	check("42 -42 0", "%d %i %d", 42, -42, 0);
	check("-2147483648", "%d", INT32_MIN);
	check("4294967295", "%u", UINT32_MAX);
	check("ff FF", "%x %X", 255, 255);
	check("0x0000beef", "0x%08x", 0xbeef);
	check("[   7][7   ][0007]", "[%4d][%-4d][%04d]", 7, 7, 7);
	check("-007", "%04d", -7);
	check("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
	check("-9223372036854775808", "%lld", (long long)INT64_MIN);
	check("123456789abcdef0", "%llx", 0x123456789abcdef0ull);
	check("4000000000", "%lu", 4000000000ul);
	check("abc|  abc|abc  ", "%s|%5s|%-5s", "abc", "abc", "abc");
	check("(null)", "%s", (const char *)NULL);
	check("x y", "%c %c", 'x', 'y');
	check("100%", "100%%");
	check("%q", "%q");
	check("trailing ", "trailing %");
	check("short", "%s", "short");

	printf("%d passed, %d failed\n", passes, failures);
	return failures ? 1 : 0;
}
