/* test_str.c - string slices and the strict parsers of src/base/str.c. */
#include "testutil.h"

#include "base/common.h"
#include "base/err.h"
#include "base/str.h"

/* -- wb_parse_int64 -- */

struct icase {
	const char	*in;
	size_t		 len;		/* 0 = strlen(in) */
	int64_t		 min, max;
	int		 rc;
	int64_t		 want;
};

static const struct icase icases[] = {
	{ "0", 0, INT64_MIN, INT64_MAX, 0, 0 },
	{ "-0", 0, INT64_MIN, INT64_MAX, 0, 0 },
	{ "42", 0, INT64_MIN, INT64_MAX, 0, 42 },
	{ "-42", 0, INT64_MIN, INT64_MAX, 0, -42 },
	{ "007", 0, INT64_MIN, INT64_MAX, 0, 7 },
	{ "9223372036854775807", 0, INT64_MIN, INT64_MAX, 0, INT64_MAX },
	{ "-9223372036854775808", 0, INT64_MIN, INT64_MAX, 0, INT64_MIN },
	{ "00000000000000000001", 0, INT64_MIN, INT64_MAX, 0, 1 },
	{ "123abc", 3, INT64_MIN, INT64_MAX, 0, 123 },	/* only n bytes */
	/* the range, at the limits and one past them */
	{ "1", 0, 1, 10, 0, 1 },
	{ "10", 0, 1, 10, 0, 10 },
	{ "0", 0, 1, 10, WB_EINVAL, 0 },
	{ "11", 0, 1, 10, WB_EINVAL, 0 },
	{ "-5", 0, -5, 5, 0, -5 },
	{ "-6", 0, -5, 5, WB_EINVAL, 0 },
	{ "-1", 0, 0, INT64_MAX, WB_EINVAL, 0 },
	{ "9223372036854775807", 0, 0, INT64_MAX - 1, WB_EINVAL, 0 },
	/* overflow */
	{ "9223372036854775808", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ "-9223372036854775809", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ "18446744073709551616", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ "99999999999999999999", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ "000000000000000000001", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	/* garbage */
	{ "", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ "-", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ "+1", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ " 1", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ "1 ", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ "1a", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ "0x10", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ "1e3", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ "1.0", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ "--1", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ "1-", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
	{ "\xd9\xa1", 0, INT64_MIN, INT64_MAX, WB_EINVAL, 0 }, /* Arabic 1 */
	{ "1\0" "2", 3, INT64_MIN, INT64_MAX, WB_EINVAL, 0 },
};

static void
test_parse_int64(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(icases); i++) {
		const struct icase	*c = &icases[i];
		size_t			 n;
		int64_t			 v = -777;
		int			 rc;

		n = c->len ? c->len : strlen(c->in);
		rc = wb_parse_int64(c->in, n, c->min, c->max, &v);
		if (rc != c->rc)
			fail_msg("case %zu \"%s\": rc %d, want %d", i, c->in,
			    rc, c->rc);
		if (rc == 0 && v != c->want)
			fail_msg("case %zu \"%s\": %lld, want %lld", i, c->in,
			    (long long)v, (long long)c->want);
		if (rc != 0 && v != -777)
			fail_msg("case %zu \"%s\": output written on error",
			    i, c->in);
	}
}

/* -- wb_utf8_valid and wb_utf8_len -- */

struct ucase {
	const char	*in;
	size_t		 len;		/* 0 = strlen(in) */
	bool		 ok;		/* without newlines */
	bool		 ok_nl;		/* with newlines allowed */
	size_t		 cps;		/* code points, when valid */
};

static const struct ucase ucases[] = {
	{ "", 0, true, true, 0 },
	{ "abc", 0, true, true, 3 },
	{ "Ren\xc3\xa9" "e", 0, true, true, 5 },
	{ "\xe2\x82\xac", 0, true, true, 1 },		/* euro */
	{ "\xf0\x9f\x98\x80", 0, true, true, 1 },	/* emoji */
	{ "\xf4\x8f\xbf\xbf", 0, true, true, 1 },	/* U+10FFFF */
	{ "\xef\xbf\xbf", 0, true, true, 1 },		/* U+FFFF */
	{ "\xc2\xa0", 0, true, true, 1 },		/* U+00A0, after C1 */
	{ "a\tb", 0, true, true, 3 },
	{ "a\nb", 0, false, true, 3 },
	{ "a\r\nb", 0, false, true, 4 },
	{ "\x7f", 0, false, false, 0 },
	{ "\x01", 0, false, false, 0 },
	{ "\x1b[0m", 0, false, false, 0 },
	{ "a\0b", 3, false, false, 0 },
	{ "\xc2\x80", 0, false, false, 0 },		/* C1 control */
	{ "\xc2\x9f", 0, false, false, 0 },
	{ "\xc0\x80", 0, false, false, 0 },		/* overlong NUL */
	{ "\xc1\xbf", 0, false, false, 0 },
	{ "\xe0\x80\xaf", 0, false, false, 0 },	/* overlong '/' */
	{ "\xf0\x80\x80\xaf", 0, false, false, 0 },
	{ "\xed\xa0\x80", 0, false, false, 0 },		/* surrogate */
	{ "\xed\xbf\xbf", 0, false, false, 0 },
	{ "\xf4\x90\x80\x80", 0, false, false, 0 },	/* > U+10FFFF */
	{ "\xf5\x80\x80\x80", 0, false, false, 0 },
	{ "\xff", 0, false, false, 0 },
	{ "\x80", 0, false, false, 0 },		/* continuation */
	{ "\xc3", 0, false, false, 0 },			/* truncated */
	{ "\xe2\x82", 0, false, false, 0 },
	{ "\xf0\x9f\x98", 0, false, false, 0 },
	{ "\xc3(", 0, false, false, 0 },
	{ "\xe2\x28\xa1", 0, false, false, 0 },
	{ "\xc3\xa9", 1, false, false, 0 },		/* cut by length */
};

static void
test_utf8(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(ucases); i++) {
		const struct ucase	*c = &ucases[i];
		size_t			 n;

		n = c->len ? c->len : strlen(c->in);

		if (wb_utf8_valid(c->in, n, false) != c->ok)
			fail_msg("case %zu: valid(no newlines) != %d", i,
			    c->ok);
		if (wb_utf8_valid(c->in, n, true) != c->ok_nl)
			fail_msg("case %zu: valid(newlines) != %d", i,
			    c->ok_nl);
		if (c->ok_nl && wb_utf8_len(c->in, n) != c->cps)
			fail_msg("case %zu: %zu code points, want %zu", i,
			    wb_utf8_len(c->in, n), c->cps);
	}
}

/* -- wb_email_valid -- */

struct ecase {
	const char	*in;
	bool		 ok;
};

static const struct ecase ecases[] = {
	{ "a@b.nl", true },
	{ "jan.jansen@ggz-noord.example", true },
	{ "j+tag@sub.domain.example", true },
	{ "x@y.co", true },
	{ "", false },
	{ "a@b", false },
	{ "a@b.", false },
	{ "a@b.c", false },		/* one-letter top-level domain */
	{ "@b.nl", false },
	{ "ab.nl", false },
	{ "a@@b.nl", false },
	{ "a@b@c.nl", false },
	{ "a@.nl", false },
	{ "a b@c.nl", false },
	{ "a@c .nl", false },
	{ "a\t@c.nl", false },
	{ "a<b@c.nl", false },
	{ "a@c.nl>", false },
	{ "\"a\"@c.nl", false },
	{ "a,b@c.nl", false },
	{ "a;b@c.nl", false },
	{ "a:b@c.nl", false },
	{ "a\\b@c.nl", false },
	{ "a(b)@c.nl", false },
	{ "a[b]@c.nl", false },
	{ "r\xc3\xa9@c.nl", false },	/* non-ASCII */
	{ "a@b.nl\n", false },
};

static void
test_email(void **state)
{
	char	buf[300];
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(ecases); i++)
		if (wb_email_valid(ecases[i].in, strlen(ecases[i].in)) !=
		    ecases[i].ok)
			fail_msg("case %zu \"%s\": want %d", i, ecases[i].in,
			    ecases[i].ok);

	/* local part at most 64 bytes */
	memset(buf, 'a', 64);
	memcpy(buf + 64, "@b.nl", 6);
	assert_true(wb_email_valid(buf, strlen(buf)));
	memset(buf, 'a', 65);
	memcpy(buf + 65, "@b.nl", 6);
	assert_false(wb_email_valid(buf, strlen(buf)));

	/* whole address at most 254 bytes: 1 + 1 + 249 + 3 = 254 */
	memcpy(buf, "a@", 2);
	memset(buf + 2, 'd', 249);
	memcpy(buf + 251, ".nl", 4);
	assert_int_equal(strlen(buf), 254);
	assert_true(wb_email_valid(buf, 254));
	memcpy(buf, "a@", 2);
	memset(buf + 2, 'd', 250);
	memcpy(buf + 252, ".nl", 4);
	assert_false(wb_email_valid(buf, 255));
}

/* -- comparisons, trimming, hex -- */

static void
test_eq_prefix(void **state)
{
	(void)state;
	assert_true(wb_str_eq(WB_STRLIT("abc"), "abc"));
	assert_false(wb_str_eq(WB_STRLIT("abc"), "ab"));
	assert_false(wb_str_eq(WB_STRLIT("ab"), "abc"));
	assert_false(wb_str_eq(WB_STRLIT("abc"), "ABC"));
	assert_true(wb_str_eq((struct wb_str){ NULL, 0 }, ""));
	assert_true(wb_str_eq((struct wb_str){ "abcdef", 3 }, "abc"));

	assert_true(wb_str_caseeq(WB_STRLIT("Content-Type"), "content-type"));
	assert_true(wb_str_caseeq(WB_STRLIT("ABC"), "abc"));
	assert_false(wb_str_caseeq(WB_STRLIT("ABC"), "abd"));
	assert_false(wb_str_caseeq(WB_STRLIT("ABC"), "ab"));
	/* only ASCII folds: no locale tricks */
	assert_false(wb_str_caseeq(WB_STRLIT("\xc3\x89"), "\xc3\xa9"));
	assert_false(wb_str_caseeq(WB_STRLIT("["), "{"));

	assert_true(wb_str_prefix("sqlite:x.db", "sqlite:"));
	assert_true(wb_str_prefix("abc", ""));
	assert_true(wb_str_prefix("abc", "abc"));
	assert_false(wb_str_prefix("ab", "abc"));
	assert_false(wb_str_prefix("SQLITE:x", "sqlite:"));

	assert_int_equal(wb_str_c(NULL).n, 0);
	assert_int_equal(wb_str_c("abc").n, 3);
}

struct tcase {
	const char	*in;
	const char	*want;
};

static const struct tcase tcases[] = {
	{ "", "" },
	{ "   ", "" },
	{ "a", "a" },
	{ "  a  ", "a" },
	{ "\t\r\na b\r\n", "a b" },
	{ "\xc2\xa0x", "\xc2\xa0x" },	/* only ASCII white space */
	{ "\vx", "\vx" },
};

static void
test_trim(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(tcases); i++) {
		struct wb_str s = wb_str_trim(wb_str_c(tcases[i].in));

		if (!wb_str_eq(s, tcases[i].want))
			fail_msg("case %zu: \"%.*s\", want \"%s\"", i,
			    (int)s.n, s.p, tcases[i].want);
	}
}

static void
test_hex(void **state)
{
	const unsigned char	in[] = { 0x00, 0x01, 0x7f, 0x80, 0xab,
	    0xff };
	char			out[2 * sizeof(in) + 1];

	(void)state;
	memset(out, 'x', sizeof(out));
	wb_hex(in, sizeof(in), out);
	assert_string_equal(out, "00017f80abff");
	wb_hex(in, 0, out);
	assert_string_equal(out, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_int64),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_eq_prefix),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_hex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
