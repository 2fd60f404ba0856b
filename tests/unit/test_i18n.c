/* test_i18n.c - .mo loading, lookup and Accept-Language negotiation. */
#include "testutil.h"

#include "base/asset.h"
#include "base/limits.h"
#include "web/i18n.h"

/* One catalogue entry for the .mo writer below; lengths allow NULs. */
struct pair {
	const char	*id;
	size_t		 idn;
	const char	*str;
	size_t		 strn;
};

#define P(a, b)	{ (a), sizeof(a) - 1, (b), sizeof(b) - 1 }

#define MO_CAP	16384

/* A hand-made .mo image and the offsets tests corrupt. */
struct mo {
	unsigned char	 b[MO_CAP];
	size_t		 n;
	bool		 be;
	size_t		 otab, ttab, hash;
};

static void
put32(struct mo *mo, size_t off, uint32_t v)
{
	unsigned char	*p = mo->b + off;

	if (mo->be) {
		p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
	} else {
		p[3] = v >> 24; p[2] = v >> 16; p[1] = v >> 8; p[0] = v;
	}
}

/* Write a GNU .mo with `n` (already sorted) entries in the chosen byte
 * order: header, msgid table, msgstr table, hash table, then strings. */
static void
build(struct mo *mo, const struct pair *p, size_t n, bool be,
    uint32_t hsize)
{
	size_t	i, pos;

	memset(mo, 0, sizeof(*mo));
	mo->be = be;
	mo->otab = 28;
	mo->ttab = 28 + 8 * n;
	mo->hash = 28 + 16 * n;
	put32(mo, 0, 0x950412de);
	put32(mo, 4, 0);
	put32(mo, 8, (uint32_t)n);
	put32(mo, 12, (uint32_t)mo->otab);
	put32(mo, 16, (uint32_t)mo->ttab);
	put32(mo, 20, hsize);
	put32(mo, 24, (uint32_t)mo->hash);
	pos = mo->hash + 4 * (size_t)hsize;
	for (i = 0; i < n; i++) {
		assert_true(pos + p[i].idn + 1 < MO_CAP);
		put32(mo, mo->otab + 8 * i, (uint32_t)p[i].idn);
		put32(mo, mo->otab + 8 * i + 4, (uint32_t)pos);
		memcpy(mo->b + pos, p[i].id, p[i].idn);
		pos += p[i].idn + 1;
	}
	for (i = 0; i < n; i++) {
		assert_true(pos + p[i].strn + 1 < MO_CAP);
		put32(mo, mo->ttab + 8 * i, (uint32_t)p[i].strn);
		put32(mo, mo->ttab + 8 * i + 4, (uint32_t)pos);
		memcpy(mo->b + pos, p[i].str, p[i].strn);
		pos += p[i].strn + 1;
	}
	mo->n = pos;
}

static const struct pair basic[] = {
	P("", "Content-Type: text/plain; charset=UTF-8\nLanguage: en\n"),
	P("Er ging iets mis", "Something went wrong"),
	P("Leeg", ""),
	P("Uitloggen", "Log out"),
	P("ctx\004Opslaan", "Save (context)"),
	P("één cliënt\0%d cliënten", "one client\0%d clients"),
};

static int
parse(const struct mo *mo, size_t n, struct wb_locale **out)
{
	struct wb_err	err;

	wb_err_clear(&err);
	return wb_locale_parse("en", (const char *)mo->b, n, out, &err);
}

/* Parsing must fail with `want`, and leave *out NULL. */
static void
expect_fail(const struct mo *mo, size_t n, int want)
{
	struct wb_locale	*loc = (struct wb_locale *)1;

	assert_int_equal(parse(mo, n, &loc), want);
	assert_null(loc);
}

static void
check_basic(struct wb_locale *loc)
{
	assert_string_equal(wb_locale_lang(loc), "en");
	assert_int_equal(wb_locale_count(loc), WB_NELEM(basic));
	assert_string_equal(wb_tr(loc, "Uitloggen"), "Log out");
	assert_string_equal(wb_tr(loc, "Er ging iets mis"), "Something went wrong");
	assert_string_equal(wb_tr(loc, "één cliënt"), "one client");
	/* No entry, empty msgstr, the header and a prefix: the msgid. */
	assert_string_equal(wb_tr(loc, "Onbekend"), "Onbekend");
	assert_string_equal(wb_tr(loc, "Leeg"), "Leeg");
	assert_string_equal(wb_tr(loc, ""), "");
	assert_string_equal(wb_tr(loc, "Uitlog"), "Uitlog");
	assert_string_equal(wb_tr(loc, "Uitloggen "), "Uitloggen ");
	assert_string_equal(wb_tr(loc, "Opslaan"), "Opslaan");
}

static void
test_parse_little_endian(void **state)
{
	static struct mo	 mo;
	struct wb_locale	*loc = NULL;

	(void)state;
	build(&mo, basic, WB_NELEM(basic), false, 0);
	assert_int_equal(parse(&mo, mo.n, &loc), 0);
	check_basic(loc);
	wb_locale_free(loc);
}

static void
test_parse_big_endian_with_hash(void **state)
{
	static struct mo	 mo;
	struct wb_locale	*loc = NULL;

	(void)state;
	build(&mo, basic, WB_NELEM(basic), true, 7);
	assert_int_equal(mo.b[0], 0x95);
	assert_int_equal(parse(&mo, mo.n, &loc), 0);
	check_basic(loc);
	wb_locale_free(loc);
}

/* The catalogue keeps its own copy of the bytes. */
static void
test_parse_copies_input(void **state)
{
	static struct mo	 mo;
	struct wb_locale	*loc = NULL;

	(void)state;
	build(&mo, basic, WB_NELEM(basic), false, 0);
	assert_int_equal(parse(&mo, mo.n, &loc), 0);
	memset(mo.b, 'x', sizeof(mo.b));
	assert_string_equal(wb_tr(loc, "Uitloggen"), "Log out");
	wb_locale_free(loc);
}

static void
test_tr_without_catalogue(void **state)
{
	(void)state;
	assert_string_equal(wb_tr(NULL, "Uitloggen"), "Uitloggen");
	wb_locale_free(NULL);
}

static void
test_empty_catalogue(void **state)
{
	static struct mo	 mo;
	struct wb_locale	*loc = NULL;

	(void)state;
	build(&mo, NULL, 0, false, 0);
	assert_int_equal(mo.n, 28);
	assert_int_equal(parse(&mo, mo.n, &loc), 0);
	assert_string_equal(wb_tr(loc, "Uitloggen"), "Uitloggen");
	wb_locale_free(loc);
}

/* Many entries: every one is found by the binary search, gaps are not. */
static void
test_binary_search(void **state)
{
	static struct mo	 mo;
	static struct pair	 p[300];
	static char		 ids[300][8], strs[300][8];
	struct wb_locale	*loc = NULL;
	char			 probe[8];
	size_t			 i;

	(void)state;
	for (i = 0; i < WB_NELEM(p); i++) {
		snprintf(ids[i], sizeof(ids[i]), "k%04zu", i * 2);
		snprintf(strs[i], sizeof(strs[i]), "v%04zu", i * 2);
		p[i] = (struct pair){ ids[i], 5, strs[i], 5 };
	}
	build(&mo, p, WB_NELEM(p), false, 0);
	assert_int_equal(parse(&mo, mo.n, &loc), 0);
	for (i = 0; i < 2 * WB_NELEM(p); i++) {
		snprintf(probe, sizeof(probe), "k%04zu", i);
		if (i % 2 == 0)
			assert_string_equal(wb_tr(loc, probe), strs[i / 2]);
		else
			assert_string_equal(wb_tr(loc, probe), probe);
	}
	assert_string_equal(wb_tr(loc, "a"), "a");
	assert_string_equal(wb_tr(loc, "z"), "z");
	wb_locale_free(loc);
}

/* Every proper prefix of a valid file is rejected (in both byte orders). */
static void
test_truncated(void **state)
{
	static struct mo	 mo;
	size_t			 k;
	int			 be;

	(void)state;
	for (be = 0; be < 2; be++) {
		build(&mo, basic, WB_NELEM(basic), be, 3);
		for (k = 0; k < mo.n; k++)
			expect_fail(&mo, k, WB_EINVAL);
	}
}

static void
test_bad_magic_and_revision(void **state)
{
	static struct mo	 mo;

	(void)state;
	build(&mo, basic, WB_NELEM(basic), false, 0);
	mo.b[0] ^= 1;
	expect_fail(&mo, mo.n, WB_EINVAL);

	build(&mo, basic, WB_NELEM(basic), false, 0);
	put32(&mo, 4, 0x00010000);	/* major revision 1 */
	expect_fail(&mo, mo.n, WB_EINVAL);

	build(&mo, basic, WB_NELEM(basic), false, 0);
	put32(&mo, 4, 1);		/* minor revision 1 is fine */
	{
		struct wb_locale *loc = NULL;

		assert_int_equal(parse(&mo, mo.n, &loc), 0);
		wb_locale_free(loc);
	}
}

static void
test_bad_tables(void **state)
{
	static struct mo	 mo;

	(void)state;
	/* Entry count larger than the file can hold. */
	build(&mo, basic, WB_NELEM(basic), false, 0);
	put32(&mo, 8, 0xffffffff);
	expect_fail(&mo, mo.n, WB_EINVAL);
	build(&mo, basic, WB_NELEM(basic), true, 0);
	put32(&mo, 8, (uint32_t)(mo.n / 16 + 1));
	expect_fail(&mo, mo.n, WB_EINVAL);

	/* Tables that start, or end, past the end of the file. */
	build(&mo, basic, WB_NELEM(basic), false, 0);
	put32(&mo, 12, 0xfffffff0);
	expect_fail(&mo, mo.n, WB_EINVAL);
	build(&mo, basic, WB_NELEM(basic), false, 0);
	put32(&mo, 16, (uint32_t)(mo.n - 8));
	expect_fail(&mo, mo.n, WB_EINVAL);

	/* A hash table past the end, or one that would overflow. */
	build(&mo, basic, WB_NELEM(basic), false, 0);
	put32(&mo, 20, 2);
	put32(&mo, 24, (uint32_t)(mo.n - 4));
	expect_fail(&mo, mo.n, WB_EINVAL);
	build(&mo, basic, WB_NELEM(basic), false, 0);
	put32(&mo, 20, 0x40000001);
	put32(&mo, 24, 28);
	expect_fail(&mo, mo.n, WB_EINVAL);
}

static void
test_bad_strings(void **state)
{
	static struct mo	 mo;
	size_t			 off;

	(void)state;
	/* Offset beyond the end; offset + length beyond the end. */
	build(&mo, basic, WB_NELEM(basic), false, 0);
	put32(&mo, mo.otab + 8 + 4, (uint32_t)mo.n);
	expect_fail(&mo, mo.n, WB_EINVAL);
	build(&mo, basic, WB_NELEM(basic), false, 0);
	put32(&mo, mo.ttab + 8, 0xffffffff);
	expect_fail(&mo, mo.n, WB_EINVAL);
	build(&mo, basic, WB_NELEM(basic), true, 0);
	put32(&mo, mo.ttab + 8 * 3, (uint32_t)mo.n);
	expect_fail(&mo, mo.n, WB_EINVAL);
	/* Offsets far past the end (n - off would wrap). */
	build(&mo, basic, WB_NELEM(basic), false, 0);
	put32(&mo, mo.otab + 8 * 2 + 4, 0xfffffff0);
	expect_fail(&mo, mo.n, WB_EINVAL);
	build(&mo, basic, WB_NELEM(basic), false, 0);
	put32(&mo, mo.ttab + 8 * 2 + 4, (uint32_t)mo.n + 1000);
	expect_fail(&mo, mo.n, WB_EINVAL);
	/* The last string reaching the very end: its NUL would be at b[n]. */
	build(&mo, basic, WB_NELEM(basic), false, 0);
	off = mo.b[mo.ttab + 8 * 5 + 4] | mo.b[mo.ttab + 8 * 5 + 5] << 8;
	put32(&mo, mo.ttab + 8 * 5, (uint32_t)(mo.n - off));
	expect_fail(&mo, mo.n, WB_EINVAL);

	/* Missing NUL terminator after a msgid and after a msgstr. */
	build(&mo, basic, WB_NELEM(basic), false, 0);
	off = mo.b[mo.otab + 8 * 3 + 4] | mo.b[mo.otab + 8 * 3 + 5] << 8;
	assert_int_equal(mo.b[off + 9], '\0');
	mo.b[off + 9] = 'x';
	expect_fail(&mo, mo.n, WB_EINVAL);
	build(&mo, basic, WB_NELEM(basic), false, 0);
	put32(&mo, mo.ttab + 8 * 3, 6);	/* "Log ou" + 't' */
	expect_fail(&mo, mo.n, WB_EINVAL);

	/* Invalid UTF-8 and control characters. */
	{
		static const struct pair bad1[] = { P("a\xff", "b") };
		static const struct pair bad2[] = { P("a", "b\xc3") };
		static const struct pair bad3[] = { P("a", "b\x01") };
		static const struct pair bad4[] = { P("a\001b", "c") };

		build(&mo, bad1, 1, false, 0);
		expect_fail(&mo, mo.n, WB_EINVAL);
		build(&mo, bad2, 1, false, 0);
		expect_fail(&mo, mo.n, WB_EINVAL);
		build(&mo, bad3, 1, false, 0);
		expect_fail(&mo, mo.n, WB_EINVAL);
		build(&mo, bad4, 1, false, 0);
		expect_fail(&mo, mo.n, WB_EINVAL);
	}
}

static void
test_unsorted_and_duplicates(void **state)
{
	static const struct pair unsorted[] = { P("b", "B"), P("a", "A") };
	static const struct pair dup[] = { P("a", "A"), P("a", "B") };
	static const struct pair dup_plural[] = {
		P("a\0x", "A"), P("a\0y", "B"),
	};
	static struct mo	 mo;

	(void)state;
	build(&mo, unsorted, 2, false, 0);
	expect_fail(&mo, mo.n, WB_EINVAL);
	build(&mo, dup, 2, true, 0);
	expect_fail(&mo, mo.n, WB_EINVAL);
	build(&mo, dup_plural, 2, false, 0);
	expect_fail(&mo, mo.n, WB_EINVAL);
}

static void
test_charset(void **state)
{
	static const struct pair latin1[] = {
		P("", "Content-Type: text/plain; charset=ISO-8859-1\n"),
	};
	static const struct pair lower[] = {
		P("", "Content-Type: text/plain; charset=utf-8\n"),
	};
	static const struct pair none[] = { P("", "Language: en\n") };
	static struct mo	 mo;
	struct wb_locale	*loc = NULL;

	(void)state;
	build(&mo, latin1, 1, false, 0);
	expect_fail(&mo, mo.n, WB_EINVAL);
	build(&mo, lower, 1, false, 0);
	assert_int_equal(parse(&mo, mo.n, &loc), 0);
	wb_locale_free(loc);
	build(&mo, none, 1, false, 0);
	assert_int_equal(parse(&mo, mo.n, &loc), 0);
	wb_locale_free(loc);
}

static void
test_names_and_limits(void **state)
{
	static struct mo	 mo;
	struct wb_locale	*loc = (struct wb_locale *)1;
	struct wb_err		 err;
	char			 name[WB_MAX_LANG_TAG + 2];

	(void)state;
	build(&mo, basic, WB_NELEM(basic), false, 0);
	assert_int_equal(wb_locale_parse("", (const char *)mo.b, mo.n, &loc,
	    &err), WB_EINVAL);
	assert_null(loc);
	assert_int_equal(wb_locale_parse("e/n", (const char *)mo.b, mo.n,
	    &loc, &err), WB_EINVAL);
	assert_int_equal(wb_locale_parse(NULL, (const char *)mo.b, mo.n,
	    &loc, &err), WB_EINVAL);
	memset(name, 'a', WB_MAX_LANG_TAG + 1);
	name[WB_MAX_LANG_TAG + 1] = '\0';
	assert_int_equal(wb_locale_parse(name, (const char *)mo.b, mo.n,
	    &loc, &err), WB_EINVAL);
	name[WB_MAX_LANG_TAG] = '\0';
	assert_int_equal(wb_locale_parse(name, (const char *)mo.b, mo.n,
	    &loc, &err), 0);
	assert_string_equal(wb_locale_lang(loc), name);
	wb_locale_free(loc);

	/* WB_MAX_MO + 1 bytes is refused before a byte is read. */
	assert_int_equal(wb_locale_parse("en", (const char *)mo.b,
	    (size_t)WB_MAX_MO + 1, &loc, &err), WB_ETOOBIG);
	assert_null(loc);
	assert_int_equal(err.code, WB_ETOOBIG);
	assert_int_equal(wb_locale_parse("en", NULL, 0, &loc, &err),
	    WB_EINVAL);
}

/* The real catalogue, compiled by msgfmt from po/en.po and embedded. */
static void
test_embedded_catalogue(void **state)
{
	const struct wb_locale	*en;
	struct wb_err		 err;

	(void)state;
	assert_null(wb_i18n_get("en"));		/* before init */
	assert_int_equal(wb_i18n_init(&err), 0);
	en = wb_i18n_get("en");
	assert_non_null(en);
	assert_int_equal(wb_i18n_init(&err), 0);	/* idempotent */
	assert_ptr_equal(wb_i18n_get("en"), en);
	assert_null(wb_i18n_get("nl"));
	assert_null(wb_i18n_get("de"));
	assert_null(wb_i18n_get(NULL));
	assert_string_equal(wb_tr(en, "Uitloggen"), "Log out");
	assert_string_equal(wb_tr(en, "Er ging iets mis"),
	    "Something went wrong");
	assert_string_equal(wb_tr(wb_i18n_get("nl"), "Uitloggen"),
	    "Uitloggen");
	wb_i18n_fini();
	assert_null(wb_i18n_get("en"));
}

/* Every {{_ text}} in the layout and error templates has a translation. */
static void
test_layout_texts_translated(void **state)
{
	static const char *const names[] = {
		"layout_head.html", "layout_foot.html", "error.html",
	};
	const struct wb_locale	*en;
	const struct wb_asset	*a;
	struct wb_err		 err;
	char			 id[256];
	size_t			 i, found = 0;

	(void)state;
	assert_int_equal(wb_i18n_init(&err), 0);
	en = wb_i18n_get("en");
	assert_non_null(en);
	for (i = 0; i < WB_NELEM(names); i++) {
		const char *p, *end;

		a = wb_asset_find(wb_templates, names[i]);
		assert_non_null(a);
		p = a->data;
		while ((p = strstr(p, "{{_ ")) != NULL) {
			p += 4;
			end = strstr(p, "}}");
			assert_non_null(end);
			assert_true((size_t)(end - p) < sizeof(id));
			memcpy(id, p, (size_t)(end - p));
			id[end - p] = '\0';
			if (wb_tr(en, id) == id)
				fail_msg("%s: no English for \"%s\"",
				    names[i], id);
			found++;
			p = end;
		}
	}
	assert_true(found >= 8);
	wb_i18n_fini();
}

struct nego {
	const char	*header;
	const char	*want;
};

static const struct nego nego_table[] = {
	{ "en-US,en;q=0.9,nl;q=0.8", "en" },
	{ "nl-NL", "nl" },
	{ "nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7", "nl" },
	{ "de", "nl" },
	{ "de-DE,de;q=0.9", "nl" },
	{ "de,en;q=0.5", "en" },
	{ "en;q=0.1, nl;q=0.5", "nl" },
	{ "en;q=0.6, nl;q=0.5", "en" },
	{ "en-GB", "en" },
	{ "EN-gb", "en" },
	{ "en", "en" },
	{ "en, nl", "en" },
	{ "nl, en", "nl" },
	{ "en;q=1.000", "en" },
	{ "en;Q=0.001", "en" },
	{ "en;q=0", "nl" },
	{ "en;q=0.000", "nl" },
	{ "en;q=0, *", "nl" },
	{ "nl;q=0, *", "en" },
	{ "nl;q=0, *;q=0.2", "en" },
	{ "*", "nl" },
	{ "*;q=0.5, en;q=0.4", "nl" },
	{ "en-US-x-private", "en" },
	{ "\ten \t;\t q=0.5 \t", "en" },
	{ ",,en,,", "en" },
	/* Malformed elements are skipped; the rest still counts. */
	{ "en;q=2, nl;q=0.1", "nl" },
	{ "en;q=1.5", "nl" },
	{ "en;q=0.1234", "nl" },
	{ "en;q=.5", "nl" },
	{ "en;q=-1", "nl" },
	{ "en;q=0.5;x=1", "nl" },
	{ "en;foo=bar", "nl" },
	{ "en;", "nl" },
	{ "en;q", "nl" },
	{ "en;q=", "nl" },
	{ "en q=0.5", "nl" },
	{ "en-", "nl" },
	{ "-en", "nl" },
	{ "en--GB", "nl" },
	{ "e1", "nl" },
	{ "english", "nl" },
	{ "eng", "nl" },
	{ "enn-GB", "nl" },
	{ "en-abcdefghi", "nl" },
	{ "en-abcdefgh", "en" },
	{ "abcdefghi-en", "nl" },
	{ "en_GB", "nl" },
	{ "en\xff", "nl" },
	{ "en;q=0.9x, nl;q=0.1", "nl" },
	{ "garbage;;;,,,==", "nl" },
	{ "", "nl" },
	{ " ", "nl" },
	{ ",", "nl" },
	{ "*;q=0", "nl" },
};

/* Each header is copied into a buffer of exactly its length (no NUL), so
 * ASan catches any read past n. */
static void
test_negotiate_table(void **state)
{
	size_t	i, n;
	char	*p;

	(void)state;
	for (i = 0; i < WB_NELEM(nego_table); i++) {
		const char *got;

		n = strlen(nego_table[i].header);
		p = malloc(n ? n : 1);
		assert_non_null(p);
		memcpy(p, nego_table[i].header, n);
		got = wb_i18n_negotiate(p, n);
		if (strcmp(got, nego_table[i].want) != 0)
			fail_msg("\"%s\": got %s, want %s",
			    nego_table[i].header, got, nego_table[i].want);
		free(p);
	}
}

static void
test_negotiate_bounds(void **state)
{
	static char	big[WB_MAX_HEADER + 1];

	(void)state;
	assert_string_equal(wb_i18n_negotiate(NULL, 0), "nl");
	/* Only the first n bytes count. */
	assert_string_equal(wb_i18n_negotiate("en", 1), "nl");
	assert_string_equal(wb_i18n_negotiate("en;q=0.5", 2), "en");
	assert_string_equal(wb_i18n_negotiate("nl,en", 2), "nl");
	assert_string_equal(wb_i18n_negotiate("en\0nl", 5), "nl");
	/* Exactly the limit is read; one byte more is refused. */
	memset(big, ' ', sizeof(big));
	memcpy(big, "en", 2);
	assert_string_equal(wb_i18n_negotiate(big, WB_MAX_HEADER), "en");
	assert_string_equal(wb_i18n_negotiate(big, WB_MAX_HEADER + 1), "nl");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_little_endian),
		cmocka_unit_test(test_parse_big_endian_with_hash),
		cmocka_unit_test(test_parse_copies_input),
		cmocka_unit_test(test_tr_without_catalogue),
		cmocka_unit_test(test_empty_catalogue),
		cmocka_unit_test(test_binary_search),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_bad_magic_and_revision),
		cmocka_unit_test(test_bad_tables),
		cmocka_unit_test(test_bad_strings),
		cmocka_unit_test(test_unsorted_and_duplicates),
		cmocka_unit_test(test_charset),
		cmocka_unit_test(test_names_and_limits),
		cmocka_unit_test(test_embedded_catalogue),
		cmocka_unit_test(test_layout_texts_translated),
		cmocka_unit_test(test_negotiate_table),
		cmocka_unit_test(test_negotiate_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
