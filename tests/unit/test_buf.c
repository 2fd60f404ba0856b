/* test_buf.c - the growable buffer with a maximum and a sticky error. */
#include "testutil.h"

#include "base/common.h"
#include "base/buf.h"
#include "base/err.h"

static void
test_empty(void **state)
{
	struct wb_buf	b;
	size_t		n = 99;
	char		*p;

	(void)state;
	wb_buf_init(&b, 100);
	assert_null(b.p);
	assert_int_equal(b.n, 0);
	assert_string_equal(wb_buf_cstr(&b), "");
	assert_int_equal(wb_buf_error(&b), 0);
	/* detaching an empty buffer gives an empty string, never NULL */
	p = wb_buf_detach(&b, &n);
	assert_non_null(p);
	assert_string_equal(p, "");
	assert_int_equal(n, 0);
	free(p);
	wb_buf_free(&b);
	wb_buf_free(&b);	/* twice is harmless */
}

static void
test_appends(void **state)
{
	struct wb_buf	b;

	(void)state;
	wb_buf_init(&b, 1000);
	wb_buf_append(&b, "ab", 2);
	wb_buf_append(&b, NULL, 0);
	wb_buf_puts(&b, "cd");
	wb_buf_putc(&b, 'e');
	wb_buf_printf(&b, "[%d|%s|%05.1f]", -7, "x", 2.5);
	wb_buf_append(&b, "z\0y", 3);	/* bytes, NUL included */
	assert_int_equal(b.n, 5 + 12 + 3);
	assert_memory_equal(b.p, "abcde[-7|x|002.5]z\0y", b.n);
	assert_int_equal(b.p[b.n], '\0');
	assert_int_equal(wb_buf_error(&b), 0);

	wb_buf_reset(&b);
	assert_int_equal(b.n, 0);
	assert_string_equal(wb_buf_cstr(&b), "");
	wb_buf_puts(&b, "again");
	assert_string_equal(wb_buf_cstr(&b), "again");
	wb_buf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.max, 1000);	/* free keeps the maximum */
}

/* Growth past the first allocation keeps every byte. */
static void
test_growth(void **state)
{
	struct wb_buf	b;
	size_t		i;

	(void)state;
	wb_buf_init(&b, 1 << 20);
	for (i = 0; i < 100000; i++)
		wb_buf_putc(&b, (char)('a' + i % 26));
	assert_int_equal(wb_buf_error(&b), 0);
	assert_int_equal(b.n, 100000);
	assert_true(b.cap > b.n);
	for (i = 0; i < 100000; i++)
		if (b.p[i] != (char)('a' + i % 26))
			fail_msg("byte %zu changed", i);
	assert_int_equal(b.p[b.n], '\0');
	wb_buf_free(&b);
}

/* One case of the maximum: what is appended and what must remain. */
struct mcase {
	const char	*name;
	size_t		 max;
	void		(*fill)(struct wb_buf *);
	const char	*want;		/* content after fill */
	bool		 toobig;
};

static void fill_exact(struct wb_buf *b) { wb_buf_puts(b, "12345"); }
static void fill_over(struct wb_buf *b) { wb_buf_puts(b, "123456"); }
static void
fill_parts(struct wb_buf *b)
{
	wb_buf_puts(b, "123");
	wb_buf_puts(b, "456");	/* refused: keeps "123" */
	wb_buf_puts(b, "4");	/* sticky: refused although it would fit */
}
static void
fill_printf(struct wb_buf *b)
{
	wb_buf_puts(b, "ab");
	wb_buf_printf(b, "%s", "cdef");
}
static void
fill_printf_exact(struct wb_buf *b)
{
	wb_buf_printf(b, "%d", 12345);
}
static void
fill_putc(struct wb_buf *b)
{
	int	i;

	for (i = 0; i < 6; i++)
		wb_buf_putc(b, 'x');
}
static void
fill_html(struct wb_buf *b)
{
	/* "a&lt;b" is 6 bytes: the b is refused */
	wb_buf_html(b, "a<b", 3);
}
static void
fill_zero(struct wb_buf *b)
{
	wb_buf_append(b, "", 0);
	wb_buf_putc(b, 'x');
}

static const struct mcase mcases[] = {
	{ "exact", 5, fill_exact, "12345", false },
	{ "over", 5, fill_over, "", true },
	{ "sticky", 5, fill_parts, "123", true },
	{ "printf", 5, fill_printf, "ab", true },
	{ "printf exact", 5, fill_printf_exact, "12345", false },
	{ "putc", 5, fill_putc, "xxxxx", true },
	{ "html", 5, fill_html, "a&lt;", true },
	{ "max 0", 0, fill_zero, "", true },
};

static void
test_max(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(mcases); i++) {
		const struct mcase	*c = &mcases[i];
		struct wb_buf		 b;

		wb_buf_init(&b, c->max);
		c->fill(&b);
		if (strcmp(wb_buf_cstr(&b), c->want) != 0)
			fail_msg("%s: \"%s\", want \"%s\"", c->name,
			    wb_buf_cstr(&b), c->want);
		if (b.n != strlen(c->want))
			fail_msg("%s: n %zu", c->name, b.n);
		if (wb_buf_error(&b) != (c->toobig ? WB_ETOOBIG : 0))
			fail_msg("%s: error %d", c->name, wb_buf_error(&b));
		/* reset clears the sticky error */
		wb_buf_reset(&b);
		assert_int_equal(wb_buf_error(&b), 0);
		wb_buf_free(&b);
	}
}

/* A size_t overflow in n + len is refused, not wrapped. */
static void
test_overflow(void **state)
{
	struct wb_buf	b;

	(void)state;
	wb_buf_init(&b, SIZE_MAX);
	wb_buf_puts(&b, "abc");
	wb_buf_append(&b, "x", SIZE_MAX - 1);
	assert_int_equal(wb_buf_error(&b), WB_ETOOBIG);
	assert_string_equal(wb_buf_cstr(&b), "abc");
	wb_buf_free(&b);
}

struct hcase {
	const char	*in;
	const char	*want;
};

static const struct hcase hcases[] = {
	{ "", "" },
	{ "plain", "plain" },
	{ "&", "&amp;" },
	{ "<script>alert('x')</script>",
	    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" },
	{ "a\"b", "a&quot;b" },
	{ "&amp;", "&amp;amp;" },
	{ "\xc3\xa9<", "\xc3\xa9&lt;" },
	{ "`=/", "`=/" },
};

static void
test_html(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(hcases); i++) {
		struct wb_buf	b;

		wb_buf_init(&b, 1000);
		wb_buf_puts(&b, "[");
		wb_buf_html(&b, hcases[i].in, strlen(hcases[i].in));
		wb_buf_puts(&b, "]");
		if (strncmp(wb_buf_cstr(&b) + 1, hcases[i].want,
		    strlen(hcases[i].want)) != 0 ||
		    b.n != strlen(hcases[i].want) + 2)
			fail_msg("case %zu: \"%s\"", i, wb_buf_cstr(&b));
		wb_buf_free(&b);
	}
}

static void
test_detach(void **state)
{
	struct wb_buf	b;
	size_t		n = 0;
	char		*p;

	(void)state;
	wb_buf_init(&b, 10);
	wb_buf_puts(&b, "hello");
	p = wb_buf_detach(&b, &n);
	assert_string_equal(p, "hello");
	assert_int_equal(n, 5);
	assert_null(b.p);
	assert_int_equal(b.n, 0);
	/* the buffer is usable again, with the same maximum */
	wb_buf_puts(&b, "0123456789");
	assert_int_equal(wb_buf_error(&b), 0);
	wb_buf_putc(&b, 'x');
	assert_int_equal(wb_buf_error(&b), WB_ETOOBIG);
	free(p);
	p = wb_buf_detach(&b, NULL);
	assert_string_equal(p, "0123456789");
	assert_int_equal(wb_buf_error(&b), 0);
	free(p);
	wb_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_max),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_detach),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
