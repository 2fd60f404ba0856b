/* test_bsn.c - the 11-proef and masking (src/domain/bsn.c, domain.md §4.3).
 *
 * The worked examples of domain.md, the accepted notations (spaces, dots,
 * eight digits with a leading zero), what is refused, and two properties
 * of the check itself: a single changed digit and a swap of two adjacent
 * different digits are always caught.
 */
#include "testutil.h"

#include "base/common.h"
#include "domain/bsn.h"

struct ncase {
	const char	*in;
	const char	*want;	/* normalised, or NULL: refused */
};

static const struct ncase ncases[] = {
	/* domain.md §4.3: the worked examples */
	{ "123456782", "123456782" },
	{ "249566758", "249566758" },
	{ "123456789", NULL },
	{ "000000000", NULL },
	/* other valid numbers; a BSN may end in 0 */
	{ "111222333", "111222333" },
	{ "987654329", "987654329" },
	{ "100000010", "100000010" },
	/* eight digits: an old number, a leading zero added */
	{ "12345672", "012345672" },
	{ "23456784", "023456784" },
	{ "1234.5672", "012345672" },
	{ "012345672", "012345672" },
	{ "12345678", NULL },		/* 012345678 fails the check */
	{ "00000000", NULL },		/* 000000000: sum 0 */
	/* spaces and dots anywhere between the digits */
	{ "1234 56 782", "123456782" },
	{ "123.456.782", "123456782" },
	{ " 123456782 ", "123456782" },
	{ "1 2 3 4 5 6 7 8 2", "123456782" },
	{ "12.34.56.78.2", "123456782" },
	{ "123..456  782", "123456782" },
	/* refused: letters, other separators, wrong lengths, nothing */
	{ "12345678a", NULL },
	{ "a123456782", NULL },
	{ "123-456-782", NULL },
	{ "123,456,782", NULL },
	{ "123\t456782", NULL },
	{ "123456782\n", NULL },
	{ "+123456782", NULL },
	{ "1234567820", NULL },		/* ten digits */
	{ "0123456782", NULL },		/* ten digits, even with a zero */
	{ "1234567", NULL },		/* seven */
	{ "1", NULL },
	{ "", NULL },
	{ " ", NULL },
	{ "...", NULL },
	{ "12345678\xc2\xb2", NULL },	/* superscript two is no digit */
	{ "\xef\xbc\x91" "23456782", NULL },	/* fullwidth one */
};

static void
test_normalise_table(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(ncases); i++) {
		const struct ncase	*c = &ncases[i];
		char			 out[10];
		bool			 ok;

		memset(out, 'x', sizeof(out));
		ok = wb_bsn_normalise(c->in, out);
		if (ok != (c->want != NULL))
			fail_msg("\"%s\": %s, want %s", c->in,
			    ok ? "valid" : "refused",
			    c->want != NULL ? "valid" : "refused");
		if (c->want != NULL && strcmp(out, c->want) != 0)
			fail_msg("\"%s\" normalises to \"%s\", want \"%s\"",
			    c->in, out, c->want);
		/* a refusal leaves no half-normalised number behind */
		if (c->want == NULL && out[0] != '\0')
			fail_msg("\"%s\": refused but out is not empty", c->in);
	}
}

static void
test_null_is_refused(void **state)
{
	char	out[10] = "xxxxxxxxx";

	(void)state;
	assert_false(wb_bsn_normalise(NULL, out));
	assert_string_equal(out, "");
}

/* What is accepted is nine digits that pass the check again. */
static void
test_normalised_is_a_fixed_point(void **state)
{
	char	out[10], again[10];
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(ncases); i++) {
		if (!wb_bsn_normalise(ncases[i].in, out))
			continue;
		assert_int_equal(strlen(out), 9);
		assert_int_equal(strspn(out, "0123456789"), 9);
		assert_true(wb_bsn_normalise(out, again));
		assert_string_equal(out, again);
	}
}

/* Weights 9..2 and -1 are all non-zero modulo 11, so changing any one
 * digit of a valid number to any other digit makes it invalid. */
static void
test_single_digit_change_is_caught(void **state)
{
	static const char *const valid[] = { "123456782", "249566758",
	    "111222333", "987654329", "100000010", "012345672" };
	char	bsn[10], out[10];
	size_t	v, pos;
	char	d;

	(void)state;
	for (v = 0; v < WB_NELEM(valid); v++) {
		assert_true(wb_bsn_normalise(valid[v], out));
		for (pos = 0; pos < 9; pos++)
			for (d = '0'; d <= '9'; d++) {
				if (d == valid[v][pos])
					continue;
				memcpy(bsn, valid[v], sizeof(bsn));
				bsn[pos] = d;
				if (wb_bsn_normalise(bsn, out))
					fail_msg("%s accepted (from %s)", bsn,
					    valid[v]);
			}
	}
}

/* Adjacent weights differ by 1 (and the last pair by 3), so swapping two
 * adjacent different digits is caught as well. */
static void
test_adjacent_swap_is_caught(void **state)
{
	static const char *const valid[] = { "123456782", "249566758",
	    "987654329", "100000010" };
	char	bsn[10], out[10], c;
	size_t	v, pos;

	(void)state;
	for (v = 0; v < WB_NELEM(valid); v++)
		for (pos = 0; pos < 8; pos++) {
			memcpy(bsn, valid[v], sizeof(bsn));
			if (bsn[pos] == bsn[pos + 1])
				continue;
			c = bsn[pos];
			bsn[pos] = bsn[pos + 1];
			bsn[pos + 1] = c;
			if (wb_bsn_normalise(bsn, out))
				fail_msg("%s accepted (from %s)", bsn,
				    valid[v]);
		}
}

struct mcase {
	const char	*in;
	const char	*want;
};

static const struct mcase mcases[] = {
	{ "123456782", "*****6782" },
	{ "249566758", "*****6758" },
	{ "012345672", "*****5672" },
	/* anything but nine characters gives nothing, never a partial
	 * number */
	{ "12345678", "" },
	{ "1234567820", "" },
	{ "", "" },
	{ NULL, "" },
};

static void
test_mask_shows_last_four_only(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(mcases); i++) {
		char	out[10];

		memset(out, 'x', sizeof(out));
		wb_bsn_mask(mcases[i].in, out);
		if (strcmp(out, mcases[i].want) != 0)
			fail_msg("mask of \"%s\": \"%s\", want \"%s\"",
			    mcases[i].in != NULL ? mcases[i].in : "(null)",
			    out, mcases[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise_table),
		cmocka_unit_test(test_null_is_refused),
		cmocka_unit_test(test_normalised_is_a_fixed_point),
		cmocka_unit_test(test_single_digit_change_is_caught),
		cmocka_unit_test(test_adjacent_swap_is_caught),
		cmocka_unit_test(test_mask_shows_last_four_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
