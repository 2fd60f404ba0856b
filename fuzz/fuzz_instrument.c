/* fuzz_instrument.c - libFuzzer target for the answer parsers of
 * domain/instrument.c.
 *
 * Every input (up to its first NUL) goes to wb_instrument_items_parse()
 * and wb_instrument_items_parse_list() for every instrument, and each
 * verdict is checked against a reference written from instrument.h alone:
 * the storage form is exactly nitems digits in range; the list form is
 * numbers separated by commas (blanks around them allowed) or by blanks,
 * no empty element, exactly nitems numbers in range, at most
 * WB_MAX_ANSWERS_TEXT bytes.  Accepted answers must score to a total in
 * range with a band, and survive a format and parse round trip; a refusal
 * is WB_EINVAL on field "items" with a message (the ladder and licensed
 * totals always refuse).  The input also goes to wb_instrument_get().
 */
#include "base/common.h"
#include "base/limits.h"
#include "domain/instrument.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXIN	4096
#define CAP	(WB_INSTRUMENT_MAXITEMS + 2)

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The storage form: nitems digits, each in range. */
static bool
ref_storage(const struct wb_instrument *in, const char *s, int *want)
{
	size_t	i, n = strlen(s);

	if (in->kind != WB_INSTRUMENT_QUESTIONNAIRE || n != (size_t)in->nitems)
		return false;
	for (i = 0; i < n; i++) {
		if (!is_digit(s[i]) || s[i] - '0' < in->item_min ||
		    s[i] - '0' > in->item_max)
			return false;
		want[i] = s[i] - '0';
	}
	return true;
}

/* The list form: split at commas; each piece, blanks trimmed, is one or
 * more digit runs separated by blanks. */
static bool
ref_list(const struct wb_instrument *in, const char *s, int *want)
{
	size_t	i = 0, n = 0;
	long	v;

	if (in->kind != WB_INSTRUMENT_QUESTIONNAIRE ||
	    strlen(s) > WB_MAX_ANSWERS_TEXT)
		return false;
	for (;;) {
		/* one comma-separated piece */
		while (is_blank(s[i]))
			i++;
		if (!is_digit(s[i]))
			return false;		/* empty piece or junk */
		while (is_digit(s[i])) {
			v = 0;
			for (; is_digit(s[i]); i++)
				if (v < 1000000)
					v = v * 10 + (s[i] - '0');
			if (v < in->item_min || v > in->item_max)
				return false;
			if (n == (size_t)in->nitems)
				return false;
			want[n++] = (int)v;
			while (is_blank(s[i]))
				i++;
		}
		if (s[i] == '\0')
			break;
		if (s[i] != ',')
			return false;
		i++;
	}
	return n == (size_t)in->nitems;
}

/* What every accepted set of answers must satisfy. */
static void
check_accepted(const struct wb_instrument *in, const int *items,
    const int *want)
{
	struct wb_err	err;
	char		s[CAP + 1];
	int		back[CAP], total = -1;
	size_t		n = (size_t)in->nitems;

	if (memcmp(items, want, n * sizeof(int)) != 0)
		abort();
	if (wb_instrument_score(in, items, n, &total, &err) != 0)
		abort();
	if (total < in->min || total > in->max ||
	    wb_instrument_band(in, total) == NULL ||
	    wb_instrument_band_label(wb_instrument_band(in, total)) == NULL ||
	    wb_instrument_check_value(in, total, &err) != 0)
		abort();
	wb_instrument_items_format(items, n, s, sizeof(s));
	if (strlen(s) != n)
		abort();
	if (wb_instrument_items_parse(in, s, back, CAP, &err) != 0 ||
	    memcmp(items, back, n * sizeof(int)) != 0)
		abort();
	if (strcmp(in->code, "phq9") == 0 &&
	    wb_phq9_needs_followup(items, n) != (items[8] > 0))
		abort();
}

/* What every refusal must satisfy. */
static void
check_refused(int rc, const struct wb_err *err)
{
	if (rc != WB_EINVAL || strcmp(err->field, "items") != 0 ||
	    err->msg[0] == '\0')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		in[MAXIN + 1];
	int		items[CAP], want[CAP];
	struct wb_err	err;
	size_t		i;
	int		rc;
	bool		ref;

	if (size > MAXIN)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';

	if (wb_instrument_get(in) != NULL &&
	    strcmp(wb_instrument_get(in)->code, in) != 0)
		abort();
	for (i = 0; wb_instruments[i] != NULL; i++) {
		const struct wb_instrument *ins = wb_instruments[i];

		memset(&err, 0, sizeof(err));
		rc = wb_instrument_items_parse(ins, in, items, CAP, &err);
		ref = ref_storage(ins, in, want);
		if ((rc == 0) != ref)
			abort();
		if (rc == 0)
			check_accepted(ins, items, want);
		else
			check_refused(rc, &err);

		memset(&err, 0, sizeof(err));
		rc = wb_instrument_items_parse_list(ins, in, items, CAP, &err);
		ref = ref_list(ins, in, want);
		if ((rc == 0) != ref)
			abort();
		if (rc == 0)
			check_accepted(ins, items, want);
		else
			check_refused(rc, &err);
	}
	return 0;
}
