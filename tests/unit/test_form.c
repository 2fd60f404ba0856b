/* test_form.c - the strict urlencoded decoder and the percent-encoder. */
#include "testutil.h"

#include "base/common.h"
#include "base/limits.h"
#include "web/form.h"

/* One decoder case: input (len 0 = strlen), expected code, and for success
 * the fields rendered as "[name]=[value]" one after the other. */
struct dcase {
	const char	*in;
	size_t		 len;
	int		 rc;
	const char	*want;		/* rendering, or the err->field */
};

static const struct dcase good[] = {
	{ "", 0, 0, "" },
	{ "a=1", 0, 0, "[a]=[1]" },
	{ "a=1&b=2", 0, 0, "[a]=[1][b]=[2]" },
	{ "&a=1&&b=2&", 0, 0, "[a]=[1][b]=[2]" },
	{ "&&&", 0, 0, "" },
	{ "a", 0, 0, "[a]=[]" },
	{ "a=", 0, 0, "[a]=[]" },
	{ "a&b", 0, 0, "[a]=[][b]=[]" },
	{ "a==b", 0, 0, "[a]=[=b]" },
	{ "a=1&a=2&A=3", 0, 0, "[a]=[1][a]=[2][A]=[3]" },
	{ "a=1+2", 0, 0, "[a]=[1 2]" },
	{ "a=%2B%20", 0, 0, "[a]=[+ ]" },
	{ "%61+b=%3d%26", 0, 0, "[a b]=[=&]" },
	{ "naam=Ren%C3%A9e", 0, 0, "[naam]=[Renée]" },
	{ "naam=Ren%c3%a9e", 0, 0, "[naam]=[Renée]" },
	{ "t=%E2%82%AC+%F0%9F%98%80", 0, 0, "[t]=[€ 😀]" },
	{ "t=Ren\xc3\xa9" "e", 0, 0, "[t]=[Renée]" },
	{ "t=a%09b%0D%0Ac", 0, 0, "[t]=[a\tb\r\nc]" },
	{ "t=a\tb", 0, 0, "[t]=[a\tb]" },
	{ "%C3%A9=1", 0, 0, "[é]=[1]" },
	{ "a=%25%32", 0, 0, "[a]=[%2]" },
	{ "a=b=c&d", 0, 0, "[a]=[b=c][d]=[]" },
};

static const struct dcase bad[] = {
	{ "a=%G1", 0, WB_EINVAL, "a" },
	{ "a=%1G", 0, WB_EINVAL, "a" },
	{ "a=%4", 0, WB_EINVAL, "a" },
	{ "a=%", 0, WB_EINVAL, "a" },
	{ "a=%%41", 0, WB_EINVAL, "a" },
	{ "a=1%&b=2", 0, WB_EINVAL, "a" },
	{ "%zz=1", 0, WB_EINVAL, "" },
	{ "a%=1", 0, WB_EINVAL, "" },
	{ "=1", 0, WB_EINVAL, "" },
	{ "=", 0, WB_EINVAL, "" },
	{ "b=1&=2", 0, WB_EINVAL, "" },
	{ "%00=1", 0, WB_EINVAL, "" },
	{ "a%09=1", 0, WB_EINVAL, "" },
	{ "a\tb=1", 0, WB_EINVAL, "" },
	{ "a%0A=1", 0, WB_EINVAL, "" },
	{ "a%0D=1", 0, WB_EINVAL, "" },
	{ "a%7F=1", 0, WB_EINVAL, "" },
	{ "%FF=1", 0, WB_EINVAL, "" },
	{ "a=%00", 0, WB_EINVAL, "a" },
	{ "a=x\0y", 5, WB_EINVAL, "a" },
	{ "a\0=1", 4, WB_EINVAL, "" },
	{ "a=%01", 0, WB_EINVAL, "a" },
	{ "a=%1B", 0, WB_EINVAL, "a" },
	{ "a=%7F", 0, WB_EINVAL, "a" },
	{ "a=%C2%80", 0, WB_EINVAL, "a" },	/* C1 control */
	{ "a=%C2%9F", 0, WB_EINVAL, "a" },
	{ "a=%FF", 0, WB_EINVAL, "a" },
	{ "a=\xff", 0, WB_EINVAL, "a" },
	{ "a=%C3", 0, WB_EINVAL, "a" },		/* truncated */
	{ "a=%C3%28", 0, WB_EINVAL, "a" },
	{ "a=%C0%80", 0, WB_EINVAL, "a" },	/* overlong NUL */
	{ "a=%E0%80%80", 0, WB_EINVAL, "a" },
	{ "a=%ED%A0%80", 0, WB_EINVAL, "a" },	/* surrogate */
	{ "a=%F4%90%80%80", 0, WB_EINVAL, "a" },	/* > U+10FFFF */
	{ "ok=1&b=%ZZ", 0, WB_EINVAL, "b" },
};

/* Render decoded fields as "[name]=[value]..." into buf. */
static void
render(const struct wb_fields *f, struct wb_buf *b)
{
	size_t	i;

	for (i = 0; i < f->n; i++) {
		assert_int_equal(strlen(f->v[i].name), f->v[i].name_len);
		assert_int_equal(f->v[i].name[f->v[i].name_len], '\0');
		assert_int_equal(f->v[i].value[f->v[i].value_len], '\0');
		wb_buf_putc(b, '[');
		wb_buf_append(b, f->v[i].name, f->v[i].name_len);
		wb_buf_puts(b, "]=[");
		wb_buf_append(b, f->v[i].value, f->v[i].value_len);
		wb_buf_putc(b, ']');
	}
}

/* Decode s[0..n) with a fresh arena; return the code, render on success. */
static int
decode(const char *s, size_t n, struct wb_buf *b, struct wb_err *err)
{
	struct wb_arena		a;
	struct wb_fields	f = { (void *)1, 99 };
	int			rc;

	wb_arena_init(&a);
	wb_err_clear(err);
	rc = wb_form_decode(&a, s, n, &f, err);
	if (rc == 0)
		render(&f, b);
	else {
		assert_null(f.v);
		assert_int_equal(f.n, 0);
		assert_int_equal(err->code, rc);
		assert_true(err->msg[0] != '\0');
	}
	wb_arena_free(&a);
	return rc;
}

static void
test_decode_good(void **state)
{
	struct wb_buf	b;
	struct wb_err	err;
	size_t		i;

	(void)state;
	for (i = 0; i < WB_NELEM(good); i++) {
		const struct dcase *c = &good[i];
		size_t n = c->len ? c->len : strlen(c->in);

		wb_buf_init(&b, 1 << 20);
		if (decode(c->in, n, &b, &err) != 0)
			fail_msg("case %zu (%s): %s", i, c->in, err.msg);
		assert_string_equal(wb_buf_cstr(&b), c->want);
		wb_buf_free(&b);
	}
}

static void
test_decode_bad(void **state)
{
	struct wb_buf	b;
	struct wb_err	err;
	size_t		i;

	(void)state;
	for (i = 0; i < WB_NELEM(bad); i++) {
		const struct dcase *c = &bad[i];
		size_t n = c->len ? c->len : strlen(c->in);

		wb_buf_init(&b, 1 << 20);
		if (decode(c->in, n, &b, &err) != c->rc)
			fail_msg("case %zu (%s) was accepted", i, c->in);
		assert_string_equal(err.field, c->want);
		wb_buf_free(&b);
	}
}

static void
test_decode_null_empty(void **state)
{
	struct wb_arena		a;
	struct wb_fields	f;

	(void)state;
	wb_arena_init(&a);
	assert_int_equal(wb_form_decode(&a, NULL, 0, &f, NULL), 0);
	assert_int_equal(f.n, 0);
	assert_null(wb_form_get(&f, "a"));
	/* A NULL err is allowed on failure too. */
	assert_int_equal(wb_form_decode(&a, "=", 1, &f, NULL), WB_EINVAL);
	wb_arena_free(&a);
}

/* Build "name=value" with a name of `nl` 'n's and a value of `vl` 'v's;
 * with `escaped`, every byte of both is written as %XX. */
static void
make_pair(struct wb_buf *b, size_t nl, size_t vl, bool escaped)
{
	size_t	i;

	for (i = 0; i < nl; i++)
		wb_buf_puts(b, escaped ? "%6E" : "n");
	wb_buf_putc(b, '=');
	for (i = 0; i < vl; i++)
		wb_buf_puts(b, escaped ? "%76" : "v");
}

static void
test_decode_limits(void **state)
{
	struct {
		size_t	nl, vl;
		bool	escaped;
		int	rc;
	} t[] = {
		{ WB_MAX_NAME, 1, false, 0 },
		{ WB_MAX_NAME + 1, 1, false, WB_EINVAL },
		{ WB_MAX_NAME, 1, true, 0 },
		{ WB_MAX_NAME + 1, 1, true, WB_EINVAL },
		{ 1, WB_MAX_FIELD, false, 0 },
		{ 1, WB_MAX_FIELD + 1, false, WB_EINVAL },
		{ 1, WB_MAX_FIELD, true, 0 },
		{ 1, WB_MAX_FIELD + 1, true, WB_EINVAL },
	};
	struct wb_buf	b, r;
	struct wb_err	err;
	size_t		i;

	(void)state;
	for (i = 0; i < WB_NELEM(t); i++) {
		wb_buf_init(&b, 1 << 20);
		wb_buf_init(&r, 1 << 20);
		make_pair(&b, t[i].nl, t[i].vl, t[i].escaped);
		if (decode(b.p, b.n, &r, &err) != t[i].rc)
			fail_msg("limit case %zu: %s", i, err.msg);
		if (t[i].rc == 0)
			assert_int_equal(r.n, t[i].nl + t[i].vl + 5);
		wb_buf_free(&b);
		wb_buf_free(&r);
	}
}

static void
test_decode_max_fields(void **state)
{
	struct wb_buf	b, r;
	struct wb_err	err;
	size_t		n, i;

	(void)state;
	for (n = WB_MAX_FIELDS; n <= WB_MAX_FIELDS + 1; n++) {
		wb_buf_init(&b, 1 << 20);
		wb_buf_init(&r, 1 << 20);
		for (i = 0; i < n; i++)
			wb_buf_printf(&b, "&&f%zu=%zu&", i, i);
		if (n == WB_MAX_FIELDS)
			assert_int_equal(decode(b.p, b.n, &r, &err), 0);
		else
			assert_int_equal(decode(b.p, b.n, &r, &err),
			    WB_ETOOBIG);
		wb_buf_free(&b);
		wb_buf_free(&r);
	}
}

static void
test_decode_max_body(void **state)
{
	struct wb_buf	b, r;
	struct wb_err	err;

	(void)state;
	/* Empty pairs are skipped, so '&' pads a valid body to the limit. */
	wb_buf_init(&b, 1 << 20);
	wb_buf_init(&r, 1 << 20);
	wb_buf_puts(&b, "a=1");
	while (b.n < WB_MAX_BODY)
		wb_buf_putc(&b, '&');
	assert_int_equal(decode(b.p, b.n, &r, &err), 0);
	assert_string_equal(wb_buf_cstr(&r), "[a]=[1]");
	wb_buf_putc(&b, '&');
	assert_int_equal(decode(b.p, b.n, &r, &err), WB_ETOOBIG);
	wb_buf_free(&b);
	wb_buf_free(&r);
}

static void
test_get(void **state)
{
	struct wb_arena		 a;
	struct wb_fields	 f;
	const struct wb_field	*v;
	const char		*s = "kleur=rood&maat=&kleur=blauw&Kleur=x";

	(void)state;
	wb_arena_init(&a);
	assert_int_equal(wb_form_decode(&a, s, strlen(s), &f, NULL), 0);
	assert_int_equal(f.n, 4);
	v = wb_form_get(&f, "kleur");
	assert_non_null(v);
	assert_string_equal(v->value, "rood");
	v = wb_form_get(&f, "Kleur");
	assert_non_null(v);
	assert_string_equal(v->value, "x");
	v = wb_form_get(&f, "maat");
	assert_non_null(v);
	assert_int_equal(v->value_len, 0);
	assert_null(wb_form_get(&f, "kleu"));
	assert_null(wb_form_get(&f, "kleurr"));
	assert_null(wb_form_get(&f, ""));
	assert_null(wb_form_get(NULL, "kleur"));
	wb_arena_free(&a);
}

static void
test_encode(void **state)
{
	static const struct {
		const char	*in;
		size_t		 len;
		const char	*want;
	} t[] = {
		{ "", 0, "" },
		{ "abcXYZ019-._~", 0, "abcXYZ019-._~" },
		{ "a b", 0, "a%20b" },
		{ "a&b=c+d%", 0, "a%26b%3Dc%2Bd%25" },
		{ "/?#[]@!$'()*,;", 0,
		    "%2F%3F%23%5B%5D%40%21%24%27%28%29%2A%2C%3B" },
		{ "Ren\xc3\xa9" "e", 0, "Ren%C3%A9e" },
		{ "\0\n\x7f\xff", 4, "%00%0A%7F%FF" },
	};
	struct wb_buf	b;
	size_t		i;

	(void)state;
	for (i = 0; i < WB_NELEM(t); i++) {
		wb_buf_init(&b, 1 << 20);
		wb_form_encode(&b, t[i].in, t[i].len ? t[i].len :
		    strlen(t[i].in));
		assert_string_equal(wb_buf_cstr(&b), t[i].want);
		wb_buf_free(&b);
	}
	/* The encoder respects the buffer's maximum. */
	wb_buf_init(&b, 5);
	wb_form_encode(&b, "a b c", 5);
	assert_int_equal(wb_buf_error(&b), WB_ETOOBIG);
	wb_buf_free(&b);
}

static void
test_encode_decode_roundtrip(void **state)
{
	static const char *const vals[] = {
		"", "Jan & Piet", "a=b+c%d", "Renée 😀", "regel1\r\nregel2\t!",
		"~-._", "?x=1&y=2#z",
	};
	struct wb_arena		 a;
	struct wb_fields	 f;
	struct wb_buf		 b;
	size_t			 i;

	(void)state;
	for (i = 0; i < WB_NELEM(vals); i++) {
		wb_arena_init(&a);
		wb_buf_init(&b, 1 << 20);
		wb_buf_puts(&b, "v=");
		wb_form_encode(&b, vals[i], strlen(vals[i]));
		assert_int_equal(wb_form_decode(&a, b.p, b.n, &f, NULL), 0);
		assert_int_equal(f.n, 1);
		assert_string_equal(f.v[0].value, vals[i]);
		wb_buf_free(&b);
		wb_arena_free(&a);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_good),
		cmocka_unit_test(test_decode_bad),
		cmocka_unit_test(test_decode_null_empty),
		cmocka_unit_test(test_decode_limits),
		cmocka_unit_test(test_decode_max_fields),
		cmocka_unit_test(test_decode_max_body),
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_encode_decode_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
