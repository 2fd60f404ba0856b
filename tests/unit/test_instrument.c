/* test_instrument.c - the measurement instruments (src/domain/
 * instrument.c, domain.md §3.1 and §3.2).
 *
 * The bands are checked at both sides of every cut-off against a table
 * written from domain.md alone, and every total of every questionnaire is
 * reached by real answers and scored.  Refusals: answers out of range at
 * the first, a middle and the last item, the wrong number of answers,
 * ladder rungs 0 and 7, licensed totals one past each edge, and malformed
 * answer strings in both text forms.  Every Dutch text and message the
 * module can produce must have an English entry in the embedded catalogue.
 */
#include "testutil.h"

#include <limits.h>

#include "base/common.h"
#include "base/limits.h"
#include "domain/access.h"
#include "domain/instrument.h"
#include "web/i18n.h"

#define PHQ9	(wb_instrument_get("phq9"))
#define GAD7	(wb_instrument_get("gad7"))
#define K10	(wb_instrument_get("k10"))
#define LADDER	(wb_instrument_get("ladder"))

/* Answers of `in` that add up to `total` (which must be in range): each
 * item at its minimum, then raised from the first item on. */
static void
answers_for(const struct wb_instrument *in, int total, int *items)
{
	int	i, left = total - in->nitems * in->item_min;

	for (i = 0; i < in->nitems; i++) {
		int	up = left < in->item_max - in->item_min ? left :
		    in->item_max - in->item_min;

		items[i] = in->item_min + up;
		left -= up;
	}
	assert_int_equal(left, 0);
}

/* -- the registry -- */

static void
test_registry(void **state)
{
	static const char *const order[] = { "ladder", "phq9", "gad7", "k10",
	    "oq45", "scl90", "honos", "mansa", "whodas12" };
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(order); i++) {
		assert_non_null(wb_instruments[i]);
		assert_string_equal(wb_instruments[i]->code, order[i]);
		assert_ptr_equal(wb_instrument_get(order[i]),
		    wb_instruments[i]);
	}
	assert_null(wb_instruments[WB_NELEM(order)]);
	assert_null(wb_instrument_get(NULL));
	assert_null(wb_instrument_get(""));
	assert_null(wb_instrument_get("PHQ9"));
	assert_null(wb_instrument_get("phq-9"));
	assert_null(wb_instrument_get("phq9 "));
	assert_null(wb_instrument_get("phq"));
	assert_null(wb_instrument_get("sdq"));
}

struct shape {
	const char	*code;
	enum wb_instrument_kind kind;
	unsigned	 category;
	int		 nitems, item_min, item_max, min, max;
	bool		 worse;
};

/* domain.md §3.1 and §3.2, and the brief's ranges. */
static const struct shape shapes[] = {
	{ "ladder", WB_INSTRUMENT_LADDER, WB_CAT_WORK, 0, 0, 0, 1, 6, false },
	{ "phq9", WB_INSTRUMENT_QUESTIONNAIRE, WB_CAT_HEALTH, 9, 0, 3, 0, 27,
	    true },
	{ "gad7", WB_INSTRUMENT_QUESTIONNAIRE, WB_CAT_HEALTH, 7, 0, 3, 0, 21,
	    true },
	{ "k10", WB_INSTRUMENT_QUESTIONNAIRE, WB_CAT_HEALTH, 10, 1, 5, 10, 50,
	    true },
	{ "oq45", WB_INSTRUMENT_TOTAL, WB_CAT_HEALTH, 0, 0, 0, 0, 180, true },
	{ "scl90", WB_INSTRUMENT_TOTAL, WB_CAT_HEALTH, 0, 0, 0, 90, 450,
	    true },
	{ "honos", WB_INSTRUMENT_TOTAL, WB_CAT_HEALTH, 0, 0, 0, 0, 48, true },
	{ "mansa", WB_INSTRUMENT_TOTAL, WB_CAT_HEALTH, 0, 0, 0, 12, 84,
	    false },
	{ "whodas12", WB_INSTRUMENT_TOTAL, WB_CAT_HEALTH, 0, 0, 0, 12, 60,
	    true },
};

static void
test_shapes(void **state)
{
	size_t	i;
	int	k;

	(void)state;
	for (i = 0; i < WB_NELEM(shapes); i++) {
		const struct shape	*s = &shapes[i];
		const struct wb_instrument *in = wb_instrument_get(s->code);

		assert_non_null(in);
		assert_int_equal(in->kind, s->kind);
		assert_int_equal(in->category, s->category);
		assert_int_equal(in->nitems, s->nitems);
		assert_int_equal(in->min, s->min);
		assert_int_equal(in->max, s->max);
		assert_int_equal(in->higher_is_worse, s->worse);
		assert_non_null(in->name);
		assert_non_null(in->source);
		assert_true(strlen(in->source) > 10);
		if (s->kind != WB_INSTRUMENT_QUESTIONNAIRE) {
			/* licensed: never an item text, never a band */
			assert_null(in->items_nl);
			assert_null(in->items_en);
			assert_null(in->options_nl);
			assert_null(in->options_en);
			assert_int_equal(in->nbands, 0);
			continue;
		}
		assert_int_equal(in->item_min, s->item_min);
		assert_int_equal(in->item_max, s->item_max);
		assert_non_null(in->intro_nl);
		assert_non_null(in->intro_en);
		for (k = 0; k < in->nitems; k++) {
			assert_true(strlen(in->items_nl[k]) > 5);
			assert_true(strlen(in->items_en[k]) > 5);
		}
		for (k = 0; k <= in->item_max - in->item_min; k++) {
			assert_non_null(in->options_nl[k]);
			assert_non_null(in->options_en[k]);
		}
	}
	/* the instruction lines name the period */
	assert_non_null(strstr(PHQ9->intro_nl, "afgelopen 2 weken"));
	assert_non_null(strstr(GAD7->intro_nl, "afgelopen 2 weken"));
	assert_non_null(strstr(K10->intro_nl, "afgelopen 4 weken"));
	/* Pfizer's Dutch options, by score */
	assert_string_equal(PHQ9->options_nl[0], "Helemaal niet");
	assert_string_equal(PHQ9->options_nl[1], "Meerdere dagen");
	assert_string_equal(PHQ9->options_nl[2],
	    "Meer dan de helft van de dagen");
	assert_string_equal(PHQ9->options_nl[3], "Bijna elke dag");
	assert_string_equal(PHQ9->options_en[3], "Nearly every day");
	assert_ptr_equal(GAD7->options_nl, PHQ9->options_nl);
	/* K10: score 1 is "Nooit", 5 "Altijd"; the item order of the
	 * original, from tired to worthless */
	assert_string_equal(K10->options_nl[0], "Nooit");
	assert_string_equal(K10->options_nl[4], "Altijd");
	assert_string_equal(K10->options_en[0], "None of the time");
	assert_string_equal(K10->options_en[4], "All of the time");
	assert_non_null(strstr(K10->items_nl[0], "vermoeid"));
	assert_non_null(strstr(K10->items_en[0], "tired out"));
	assert_non_null(strstr(K10->items_nl[2], "zenuwachtig"));
	assert_non_null(strstr(K10->items_nl[5], "stil kon zitten"));
	assert_non_null(strstr(K10->items_nl[9], "waardeloos"));
	assert_non_null(strstr(K10->items_en[9], "worthless"));
	/* PHQ-9 item 9 is the one to follow up */
	assert_non_null(strstr(PHQ9->items_nl[8], "dood"));
	assert_non_null(strstr(PHQ9->items_en[8], "better off dead"));
	/* licences */
	assert_non_null(strstr(PHQ9->source, "Pfizer"));
	assert_non_null(strstr(GAD7->source, "Pfizer"));
	assert_non_null(strstr(K10->source, "Kessler"));
	assert_non_null(strstr(K10->source, "2003"));
}

/* The bands of every instrument are ascending and cover min..max without
 * a gap or an overlap. */
static void
test_bands_cover_the_range(void **state)
{
	size_t	i, b;

	(void)state;
	for (i = 0; wb_instruments[i] != NULL; i++) {
		const struct wb_instrument *in = wb_instruments[i];

		if (in->nbands == 0)
			continue;
		assert_int_equal(in->bands[0].lo, in->min);
		assert_int_equal(in->bands[in->nbands - 1].hi, in->max);
		for (b = 0; b < in->nbands; b++) {
			assert_true(in->bands[b].lo <= in->bands[b].hi);
			if (b > 0)
				assert_int_equal(in->bands[b].lo,
				    in->bands[b - 1].hi + 1);
			assert_non_null(wb_instrument_band_label(
			    in->bands[b].code));
		}
	}
}

/* -- scoring and bands -- */

struct bcase {
	const char	*code;
	int		 total;
	const char	*band;	/* NULL: out of range */
};

/* Both sides of every cut-off (domain.md §3.1), the ends, and one past. */
static const struct bcase bcases[] = {
	{ "phq9", -1, NULL },
	{ "phq9", 0, "minimal" }, { "phq9", 4, "minimal" },
	{ "phq9", 5, "mild" }, { "phq9", 9, "mild" },
	{ "phq9", 10, "moderate" }, { "phq9", 14, "moderate" },
	{ "phq9", 15, "moderately-severe" },
	{ "phq9", 19, "moderately-severe" },
	{ "phq9", 20, "severe" }, { "phq9", 27, "severe" },
	{ "phq9", 28, NULL },
	{ "gad7", -1, NULL },
	{ "gad7", 0, "minimal" }, { "gad7", 4, "minimal" },
	{ "gad7", 5, "mild" }, { "gad7", 9, "mild" },
	{ "gad7", 10, "moderate" }, { "gad7", 14, "moderate" },
	{ "gad7", 15, "severe" }, { "gad7", 21, "severe" },
	{ "gad7", 22, NULL },
	{ "k10", 9, NULL },
	{ "k10", 10, "low" }, { "k10", 15, "low" },
	{ "k10", 16, "mild" }, { "k10", 21, "mild" },
	{ "k10", 22, "moderate" }, { "k10", 29, "moderate" },
	{ "k10", 30, "high" }, { "k10", 50, "high" },
	{ "k10", 51, NULL },
};

static void
test_band_boundaries(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(bcases); i++) {
		const struct bcase	*c = &bcases[i];
		const struct wb_instrument *in = wb_instrument_get(c->code);
		const char		*got = wb_instrument_band(in, c->total);

		if (c->band == NULL ? got != NULL :
		    got == NULL || strcmp(got, c->band) != 0)
			fail_msg("%s total %d: band %s, want %s", c->code,
			    c->total, got != NULL ? got : "NULL",
			    c->band != NULL ? c->band : "NULL");
	}
	assert_null(wb_instrument_band(NULL, 0));
	assert_null(wb_instrument_band(PHQ9, INT_MIN));
	assert_null(wb_instrument_band(PHQ9, INT_MAX));
}

/* The same boundaries, reached by scoring real answers. */
static void
test_score_at_band_boundaries(void **state)
{
	size_t	i;
	int	items[WB_INSTRUMENT_MAXITEMS], total;
	struct wb_err err;

	(void)state;
	for (i = 0; i < WB_NELEM(bcases); i++) {
		const struct bcase	*c = &bcases[i];
		const struct wb_instrument *in = wb_instrument_get(c->code);

		if (c->band == NULL)
			continue;
		answers_for(in, c->total, items);
		total = -99;
		assert_int_equal(wb_instrument_score(in, items,
		    (size_t)in->nitems, &total, &err), 0);
		assert_int_equal(total, c->total);
		assert_string_equal(wb_instrument_band(in, total), c->band);
	}
}

/* Every total of every questionnaire, from the lowest to the highest. */
static void
test_score_every_total(void **state)
{
	static const char *const q[] = { "phq9", "gad7", "k10" };
	size_t	i;
	int	items[WB_INSTRUMENT_MAXITEMS], t, total;
	struct wb_err err;

	(void)state;
	for (i = 0; i < WB_NELEM(q); i++) {
		const struct wb_instrument *in = wb_instrument_get(q[i]);

		for (t = in->min; t <= in->max; t++) {
			answers_for(in, t, items);
			assert_int_equal(wb_instrument_score(in, items,
			    (size_t)in->nitems, &total, &err), 0);
			assert_int_equal(total, t);
			assert_non_null(wb_instrument_band(in, total));
			assert_int_equal(wb_instrument_check_value(in, total,
			    &err), 0);
		}
	}
}

/* Score `items` and expect a refusal naming `msg` on field "items", the
 * total untouched. */
static void
expect_score_refused(const struct wb_instrument *in, const int *items,
    size_t n, const char *msg)
{
	struct wb_err	err;
	int		total = -99;

	memset(&err, 0, sizeof(err));
	assert_int_equal(wb_instrument_score(in, items, n, &total, &err),
	    WB_EINVAL);
	assert_int_equal(total, -99);
	assert_string_equal(err.field, "items");
	assert_string_equal(err.msg, msg);
}

static void
test_score_refuses_out_of_range(void **state)
{
	int	items[WB_INSTRUMENT_MAXITEMS];

	(void)state;
	/* PHQ-9: -1 and 4 at the first, a middle and the last item */
	answers_for(PHQ9, 9, items);
	items[0] = -1;
	expect_score_refused(PHQ9, items, 9,
	    "Vraag 1: kies een antwoord van 0 tot en met 3.");
	items[0] = 4;
	expect_score_refused(PHQ9, items, 9,
	    "Vraag 1: kies een antwoord van 0 tot en met 3.");
	answers_for(PHQ9, 9, items);
	items[4] = 4;
	expect_score_refused(PHQ9, items, 9,
	    "Vraag 5: kies een antwoord van 0 tot en met 3.");
	answers_for(PHQ9, 9, items);
	items[8] = 4;
	expect_score_refused(PHQ9, items, 9,
	    "Vraag 9: kies een antwoord van 0 tot en met 3.");
	items[8] = INT_MIN;
	expect_score_refused(PHQ9, items, 9,
	    "Vraag 9: kies een antwoord van 0 tot en met 3.");
	/* GAD-7 */
	answers_for(GAD7, 21, items);
	items[6] = 4;
	expect_score_refused(GAD7, items, 7,
	    "Vraag 7: kies een antwoord van 0 tot en met 3.");
	/* K10: 0 (a PHQ score) and 6 */
	answers_for(K10, 10, items);
	items[0] = 0;
	expect_score_refused(K10, items, 10,
	    "Vraag 1: kies een antwoord van 1 tot en met 5.");
	answers_for(K10, 50, items);
	items[9] = 6;
	expect_score_refused(K10, items, 10,
	    "Vraag 10: kies een antwoord van 1 tot en met 5.");
	items[9] = INT_MAX;
	expect_score_refused(K10, items, 10,
	    "Vraag 10: kies een antwoord van 1 tot en met 5.");
}

static void
test_score_refuses_wrong_count(void **state)
{
	int		items[WB_INSTRUMENT_MAXITEMS + 1] = { 0 };
	struct wb_err	err;
	int		total = -99;

	(void)state;
	expect_score_refused(PHQ9, items, 8,
	    "Geef precies 9 antwoorden, één per vraag.");
	expect_score_refused(PHQ9, items, 10,
	    "Geef precies 9 antwoorden, één per vraag.");
	expect_score_refused(PHQ9, items, 0,
	    "Geef precies 9 antwoorden, één per vraag.");
	expect_score_refused(PHQ9, NULL, 9,
	    "Geef precies 9 antwoorden, één per vraag.");
	expect_score_refused(GAD7, items, 9,
	    "Geef precies 7 antwoorden, één per vraag.");
	items[0] = 1;
	expect_score_refused(K10, items, 9,
	    "Geef precies 10 antwoorden, één per vraag.");
	expect_score_refused(K10, items, 11,
	    "Geef precies 10 antwoorden, één per vraag.");
	/* no answers to score for the ladder or a licensed total */
	expect_score_refused(LADDER, items, 0,
	    "Bij dit instrument worden geen losse antwoorden vastgelegd.");
	expect_score_refused(wb_instrument_get("oq45"), items, 1,
	    "Bij dit instrument worden geen losse antwoorden vastgelegd.");
	assert_int_equal(wb_instrument_score(NULL, items, 9, &total, &err),
	    WB_EINVAL);
	assert_int_equal(total, -99);
}

/* -- values: the ladder and the totals -- */

struct vcase {
	const char	*code;
	int		 value;
	bool		 ok;
};

static const struct vcase vcases[] = {
	{ "ladder", 0, false }, { "ladder", 1, true }, { "ladder", 6, true },
	{ "ladder", 7, false }, { "ladder", -1, false },
	{ "oq45", -1, false }, { "oq45", 0, true }, { "oq45", 180, true },
	{ "oq45", 181, false },
	{ "scl90", 89, false }, { "scl90", 90, true }, { "scl90", 450, true },
	{ "scl90", 451, false }, { "scl90", 0, false },
	{ "honos", -1, false }, { "honos", 0, true }, { "honos", 48, true },
	{ "honos", 49, false },
	{ "mansa", 11, false }, { "mansa", 12, true }, { "mansa", 84, true },
	{ "mansa", 85, false }, { "mansa", 7, false },	/* a mean is no sum */
	{ "whodas12", 11, false }, { "whodas12", 12, true },
	{ "whodas12", 60, true }, { "whodas12", 61, false },
	{ "whodas12", 100, false },
	{ "phq9", -1, false }, { "phq9", 0, true }, { "phq9", 27, true },
	{ "phq9", 28, false },
	{ "gad7", 21, true }, { "gad7", 22, false },
	{ "k10", 9, false }, { "k10", 10, true }, { "k10", 50, true },
	{ "k10", 51, false },
	{ "ladder", INT_MIN, false }, { "oq45", INT_MAX, false },
};

static void
test_check_value(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(vcases); i++) {
		const struct vcase	*c = &vcases[i];
		const struct wb_instrument *in = wb_instrument_get(c->code);
		struct wb_err		 err;
		int			 rc;

		memset(&err, 0, sizeof(err));
		rc = wb_instrument_check_value(in, c->value, &err);
		if (rc != (c->ok ? 0 : WB_EINVAL))
			fail_msg("%s %d: rc %d", c->code, c->value, rc);
		if (!c->ok)
			assert_string_equal(err.field, "value");
	}
}

static void
test_check_value_messages(void **state)
{
	struct wb_err	err;

	(void)state;
	assert_int_equal(wb_instrument_check_value(LADDER, 7, &err),
	    WB_EINVAL);
	assert_string_equal(err.msg, "Kies een trede van 1 tot en met 6.");
	assert_int_equal(wb_instrument_check_value(wb_instrument_get("scl90"),
	    89, &err), WB_EINVAL);
	assert_string_equal(err.msg,
	    "De totaalscore van de SCL-90 is een getal van 90 tot en met 450.");
	assert_int_equal(wb_instrument_check_value(NULL, 1, &err), WB_EINVAL);
	assert_string_equal(err.field, "instrument");
	/* no bands for the ladder and the licensed instruments */
	assert_null(wb_instrument_band(LADDER, 3));
	assert_null(wb_instrument_band(wb_instrument_get("oq45"), 90));
	assert_null(wb_instrument_band(wb_instrument_get("scl90"), 200));
	assert_null(wb_instrument_band(wb_instrument_get("honos"), 24));
	assert_null(wb_instrument_band(wb_instrument_get("mansa"), 48));
	assert_null(wb_instrument_band(wb_instrument_get("whodas12"), 30));
}

/* -- labels -- */

static void
test_ladder_labels(void **state)
{
	/* domain.md §3.2, exactly */
	static const char *const want[] = { "Geïsoleerd",
	    "Sociale contacten buitenshuis",
	    "Deelname aan georganiseerde activiteiten", "Onbetaald werk",
	    "Betaald werk met ondersteuning", "Betaald werk" };
	int	r;

	(void)state;
	for (r = 1; r <= 6; r++) {
		assert_string_equal(wb_ladder_label(r), want[r - 1]);
		assert_non_null(wb_ladder_explanation(r));
		assert_true(strlen(wb_ladder_explanation(r)) > 20);
	}
	assert_null(wb_ladder_label(0));
	assert_null(wb_ladder_label(7));
	assert_null(wb_ladder_label(-1));
	assert_null(wb_ladder_label(INT_MIN));
	assert_null(wb_ladder_explanation(0));
	assert_null(wb_ladder_explanation(7));
	assert_null(wb_ladder_explanation(INT_MAX));
	/* the definitions' key facts */
	assert_non_null(strstr(wb_ladder_explanation(2), "eens per week"));
	assert_non_null(strstr(wb_ladder_explanation(4), "onbetaald"));
	assert_non_null(strstr(wb_ladder_explanation(5), "ondersteuning"));
	assert_non_null(strstr(wb_ladder_explanation(6), "zonder"));
}

static void
test_band_labels(void **state)
{
	(void)state;
	assert_string_equal(wb_instrument_band_label("minimal"), "minimaal");
	assert_string_equal(wb_instrument_band_label("mild"), "licht");
	assert_string_equal(wb_instrument_band_label("moderate"), "matig");
	assert_string_equal(wb_instrument_band_label("moderately-severe"),
	    "matig ernstig");
	assert_string_equal(wb_instrument_band_label("severe"), "ernstig");
	assert_string_equal(wb_instrument_band_label("low"), "laag");
	assert_string_equal(wb_instrument_band_label("high"), "hoog");
	assert_null(wb_instrument_band_label("none"));
	assert_null(wb_instrument_band_label(""));
	assert_null(wb_instrument_band_label("Mild"));
	assert_null(wb_instrument_band_label(NULL));
}

/* -- the follow-up flag -- */

static void
test_phq9_followup(void **state)
{
	int	items[9] = { 0 };
	int	v;

	(void)state;
	assert_false(wb_phq9_needs_followup(items, 9));
	for (v = 1; v <= 3; v++) {
		items[8] = v;
		assert_true(wb_phq9_needs_followup(items, 9));
	}
	/* everything else at its worst, item 9 at 0: no flag */
	for (v = 0; v < 8; v++)
		items[v] = 3;
	items[8] = 0;
	assert_false(wb_phq9_needs_followup(items, 9));
	/* not a PHQ-9's answers */
	items[8] = 2;
	assert_false(wb_phq9_needs_followup(items, 8));
	assert_false(wb_phq9_needs_followup(items, 7));
	assert_false(wb_phq9_needs_followup(NULL, 9));
}

/* -- the storage form -- */

static void
test_items_round_trip(void **state)
{
	size_t	i;
	int	items[WB_INSTRUMENT_MAXITEMS], back[WB_INSTRUMENT_MAXITEMS];
	int	t;
	char	s[WB_INSTRUMENT_MAXITEMS + 1];
	struct wb_err err;

	(void)state;
	for (i = 1; i <= 3; i++) {
		const struct wb_instrument *in = wb_instruments[i];

		assert_int_equal(in->kind, WB_INSTRUMENT_QUESTIONNAIRE);
		for (t = in->min; t <= in->max; t++) {
			answers_for(in, t, items);
			wb_instrument_items_format(items, (size_t)in->nitems,
			    s, sizeof(s));
			assert_int_equal(strlen(s), (size_t)in->nitems);
			memset(back, 0x55, sizeof(back));
			assert_int_equal(wb_instrument_items_parse(in, s, back,
			    WB_NELEM(back), &err), 0);
			assert_memory_equal(items, back,
			    sizeof(int) * (size_t)in->nitems);
		}
	}
	assert_int_equal(wb_instrument_items_parse(PHQ9, "012301230", back,
	    WB_NELEM(back), &err), 0);
	assert_int_equal(back[0], 0);
	assert_int_equal(back[3], 3);
	assert_int_equal(back[8], 0);
	assert_int_equal(wb_instrument_items_parse(K10, "1234554321", back,
	    WB_NELEM(back), &err), 0);
	assert_int_equal(back[4], 5);
	assert_int_equal(back[9], 1);
}

static void
test_items_format_refuses(void **state)
{
	int	items[3] = { 1, 2, 3 };
	char	s[8];

	(void)state;
	memset(s, 'x', sizeof(s));
	wb_instrument_items_format(items, 3, s, 4);
	assert_string_equal(s, "123");
	memset(s, 'x', sizeof(s));
	wb_instrument_items_format(items, 3, s, 3);	/* no room for NUL */
	assert_string_equal(s, "");
	items[1] = 10;
	memset(s, 'x', sizeof(s));
	wb_instrument_items_format(items, 3, s, sizeof(s));
	assert_string_equal(s, "");
	items[1] = -1;
	wb_instrument_items_format(items, 3, s, sizeof(s));
	assert_string_equal(s, "");
	wb_instrument_items_format(items, 0, s, sizeof(s));
	assert_string_equal(s, "");
	wb_instrument_items_format(NULL, 0, s, sizeof(s));
	assert_string_equal(s, "");
	wb_instrument_items_format(items, 3, NULL, 0);	/* no crash */
}

struct pcase {
	const char	*code;
	const char	*in;
	const char	*msg;	/* NULL: accepted */
};

#define COUNT9	"Geef precies 9 antwoorden, één per vraag."
#define COUNT10	"Geef precies 10 antwoorden, één per vraag."
#define ITEM(n, lo, hi) "Vraag " #n ": kies een antwoord van " #lo \
	" tot en met " #hi "."

/* The storage form: exactly nitems digits. */
static const struct pcase scases[] = {
	{ "phq9", "000000000", NULL },
	{ "phq9", "333333333", NULL },
	{ "phq9", "", COUNT9 },
	{ "phq9", "01230123", COUNT9 },			/* eight */
	{ "phq9", "0123012301", COUNT9 },		/* ten */
	{ "phq9", "01230123012301230123", COUNT9 },
	{ "phq9", "01230123a", ITEM(9, 0, 3) },
	{ "phq9", "a12301230", ITEM(1, 0, 3) },
	{ "phq9", " 12301230", ITEM(1, 0, 3) },
	{ "phq9", "-12301230", ITEM(1, 0, 3) },
	{ "phq9", "012341230", ITEM(5, 0, 3) },		/* 4 */
	{ "phq9", "0,1,2,3,0", ITEM(2, 0, 3) },
	{ "phq9", "0123\xef\xbc\x91" "12", ITEM(5, 0, 3) },	/* fullwidth */
	{ "gad7", "0000000", NULL },
	{ "gad7", "000000000", "Geef precies 7 antwoorden, één per vraag." },
	{ "k10", "1111111111", NULL },
	{ "k10", "5555555555", NULL },
	{ "k10", "0555555555", ITEM(1, 1, 5) },
	{ "k10", "5555555556", ITEM(10, 1, 5) },
	{ "k10", "555555555", COUNT10 },
	{ "k10", "55555555555", COUNT10 },
};

/* The list form of the API and CSV import. */
static const struct pcase lcases[] = {
	{ "phq9", "0, 1, 2, 3, 0, 1, 2, 3, 0", NULL },
	{ "phq9", "0,1,2,3,0,1,2,3,0", NULL },
	{ "phq9", "0 1 2 3 0 1 2 3 0", NULL },
	{ "phq9", "  0 ,1\t,2 3\t0 1 , 2 3 0  ", NULL },
	{ "phq9", "00, 1, 2, 3, 0, 1, 2, 3, 03", NULL },	/* leading 0 */
	{ "phq9", "", COUNT9 },
	{ "phq9", "   ", COUNT9 },
	{ "phq9", "0, 1, 2, 3, 0, 1, 2, 3", COUNT9 },
	{ "phq9", "0, 1, 2, 3, 0, 1, 2, 3, 0, 1", COUNT9 },
	{ "phq9", "0, 1, 2, 3, 0, 1, 2, 3, 0,", COUNT9 },
	{ "phq9", "0, 1, 2, 3, 0, 1, 2, 3,", ITEM(9, 0, 3) },
	{ "phq9", "1,,2,3,0,1,2,3,0", ITEM(2, 0, 3) },
	{ "phq9", ",1,2,3,0,1,2,3,0", ITEM(1, 0, 3) },
	{ "phq9", "-1, 1, 2, 3, 0, 1, 2, 3, 0", ITEM(1, 0, 3) },
	{ "phq9", "0, 1, 2, 3, 0, 1, 2, 3, -1", ITEM(9, 0, 3) },
	{ "phq9", "+1, 1, 2, 3, 0, 1, 2, 3, 0", ITEM(1, 0, 3) },
	{ "phq9", "0, 1, 2, 4, 0, 1, 2, 3, 0", ITEM(4, 0, 3) },
	{ "phq9", "99999999999999999999, 1, 2, 3, 0, 1, 2, 3, 0",
	    ITEM(1, 0, 3) },
	{ "phq9", "0, 1, 2, 3, 0, 1, 2, 3, 4294967296", ITEM(9, 0, 3) },
	{ "phq9", "0, a, 2, 3, 0, 1, 2, 3, 0", ITEM(2, 0, 3) },
	{ "phq9", "1a, 1, 2, 3, 0, 1, 2, 3, 0", ITEM(1, 0, 3) },
	{ "phq9", "0;1;2;3;0;1;2;3;0", ITEM(1, 0, 3) },
	{ "phq9", "0.1, 1, 2, 3, 0, 1, 2, 3, 0", ITEM(1, 0, 3) },
	{ "phq9", "0\n1 2 3 0 1 2 3 0", ITEM(1, 0, 3) },
	{ "phq9", "0, 1, 2, 3, 0, 1, 2, 3, 0\n", ITEM(9, 0, 3) },
	{ "k10", "1, 2, 3, 4, 5, 5, 4, 3, 2, 1", NULL },
	{ "k10", "10, 2, 3, 4, 5, 5, 4, 3, 2, 1", ITEM(1, 1, 5) },
	{ "k10", "1, 2, 3, 4, 5, 5, 4, 3, 2, 0", ITEM(10, 1, 5) },
	{ "k10", "1, 2, 3, 4, 5, 5, 4, 3, 2", COUNT10 },
};

static void
run_pcases(const struct pcase *cases, size_t n, bool list)
{
	size_t	i;
	int	items[WB_INSTRUMENT_MAXITEMS];

	for (i = 0; i < n; i++) {
		const struct pcase	*c = &cases[i];
		const struct wb_instrument *in = wb_instrument_get(c->code);
		struct wb_err		 err;
		int			 rc;

		memset(&err, 0, sizeof(err));
		rc = list ? wb_instrument_items_parse_list(in, c->in, items,
		    WB_NELEM(items), &err) : wb_instrument_items_parse(in,
		    c->in, items, WB_NELEM(items), &err);
		if (c->msg == NULL && rc != 0)
			fail_msg("%s \"%s\": refused (%s)", c->code, c->in,
			    err.msg);
		if (c->msg != NULL && (rc != WB_EINVAL ||
		    strcmp(err.msg, c->msg) != 0 ||
		    strcmp(err.field, "items") != 0))
			fail_msg("%s \"%s\": rc %d \"%s\", want \"%s\"",
			    c->code, c->in, rc, err.msg, c->msg);
	}
}

static void
test_items_parse(void **state)
{
	(void)state;
	run_pcases(scases, WB_NELEM(scases), false);
}

static void
test_items_parse_list(void **state)
{
	int	items[WB_INSTRUMENT_MAXITEMS];
	struct wb_err err;

	(void)state;
	run_pcases(lcases, WB_NELEM(lcases), true);
	assert_int_equal(wb_instrument_items_parse_list(PHQ9,
	    " 3, 2 ,1,0 0 1 2 3 3 ", items, WB_NELEM(items), &err), 0);
	assert_int_equal(items[0], 3);
	assert_int_equal(items[3], 0);
	assert_int_equal(items[8], 3);
}

/* WB_MAX_ANSWERS_TEXT bytes are read; one more is refused. */
static void
test_items_parse_list_limit(void **state)
{
	char	s[WB_MAX_ANSWERS_TEXT + 2];
	const char *answers = "0,1,2,3,0,1,2,3,0";
	size_t	n = strlen(answers);
	int	items[WB_INSTRUMENT_MAXITEMS];
	struct wb_err err;

	(void)state;
	memset(s, ' ', sizeof(s));
	memcpy(s, answers, n);
	s[WB_MAX_ANSWERS_TEXT] = '\0';
	assert_int_equal(wb_instrument_items_parse_list(PHQ9, s, items,
	    WB_NELEM(items), &err), 0);
	s[WB_MAX_ANSWERS_TEXT] = ' ';
	s[WB_MAX_ANSWERS_TEXT + 1] = '\0';
	assert_int_equal(wb_instrument_items_parse_list(PHQ9, s, items,
	    WB_NELEM(items), &err), WB_EINVAL);
	assert_string_equal(err.msg, "Deze antwoorden zijn te lang.");
	assert_string_equal(err.field, "items");
}

static void
test_parse_refuses_other_kinds(void **state)
{
	int	items[WB_INSTRUMENT_MAXITEMS];
	struct wb_err err;
	size_t	i;

	(void)state;
	for (i = 0; wb_instruments[i] != NULL; i++) {
		if (wb_instruments[i]->kind == WB_INSTRUMENT_QUESTIONNAIRE)
			continue;
		assert_int_equal(wb_instrument_items_parse(wb_instruments[i],
		    "3", items, WB_NELEM(items), &err), WB_EINVAL);
		assert_string_equal(err.field, "items");
		assert_int_equal(wb_instrument_items_parse_list(
		    wb_instruments[i], "3", items, WB_NELEM(items), &err),
		    WB_EINVAL);
	}
	assert_int_equal(wb_instrument_items_parse(NULL, "0", items,
	    WB_NELEM(items), &err), WB_EINVAL);
	/* NULL text: no answers */
	assert_int_equal(wb_instrument_items_parse(PHQ9, NULL, items,
	    WB_NELEM(items), &err), WB_EINVAL);
	assert_string_equal(err.msg, COUNT9);
	assert_int_equal(wb_instrument_items_parse_list(PHQ9, NULL, items,
	    WB_NELEM(items), &err), WB_EINVAL);
	/* too little room is the caller's bug, not the user's */
	assert_int_equal(wb_instrument_items_parse(PHQ9, "000000000", items,
	    8, &err), WB_ETOOBIG);
	assert_int_equal(wb_instrument_items_parse_list(K10,
	    "1 1 1 1 1 1 1 1 1 1", items, 9, &err), WB_ETOOBIG);
}

/* -- English -- */

/* `nl` must have its own English entry in the embedded catalogue. */
static void
expect_english(const void *en, const char *nl)
{
	const char	*t = wb_tr(en, nl);

	if (t == nl || strcmp(t, nl) == 0)
		fail_msg("no English for \"%s\"", nl);
}

static void
test_every_text_has_english(void **state)
{
	static const char *const bands[] = { "minimal", "mild", "moderate",
	    "moderately-severe", "severe", "low", "high" };
	const struct wb_locale *en;
	struct wb_err	err;
	int		items[WB_INSTRUMENT_MAXITEMS];
	size_t		i;
	int		k, total;

	(void)state;
	assert_int_equal(wb_i18n_init(&err), 0);
	en = wb_i18n_get("en");
	assert_non_null(en);
	expect_english(en, LADDER->name);
	for (i = 0; i < WB_NELEM(bands); i++)
		expect_english(en, wb_instrument_band_label(bands[i]));
	for (k = 1; k <= 6; k++) {
		expect_english(en, wb_ladder_label(k));
		expect_english(en, wb_ladder_explanation(k));
	}
	/* every message the module can give */
	for (i = 0; wb_instruments[i] != NULL; i++) {
		const struct wb_instrument *in = wb_instruments[i];

		assert_int_equal(wb_instrument_check_value(in, in->max + 1,
		    &err), WB_EINVAL);
		expect_english(en, err.msg);
		assert_int_equal(wb_instrument_score(in, items,
		    (size_t)in->nitems + 1, &total, &err), WB_EINVAL);
		expect_english(en, err.msg);
		for (k = 0; k < in->nitems; k++) {
			answers_for(in, in->min, items);
			items[k] = in->item_max + 1;
			assert_int_equal(wb_instrument_score(in, items,
			    (size_t)in->nitems, &total, &err), WB_EINVAL);
			expect_english(en, err.msg);
		}
	}
	assert_int_equal(wb_instrument_check_value(NULL, 0, &err), WB_EINVAL);
	expect_english(en, err.msg);
	expect_english(en, "Deze antwoorden zijn te lang.");
	wb_i18n_fini();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_bands_cover_the_range),
		cmocka_unit_test(test_band_boundaries),
		cmocka_unit_test(test_score_at_band_boundaries),
		cmocka_unit_test(test_score_every_total),
		cmocka_unit_test(test_score_refuses_out_of_range),
		cmocka_unit_test(test_score_refuses_wrong_count),
		cmocka_unit_test(test_check_value),
		cmocka_unit_test(test_check_value_messages),
		cmocka_unit_test(test_ladder_labels),
		cmocka_unit_test(test_band_labels),
		cmocka_unit_test(test_phq9_followup),
		cmocka_unit_test(test_items_round_trip),
		cmocka_unit_test(test_items_format_refuses),
		cmocka_unit_test(test_items_parse),
		cmocka_unit_test(test_items_parse_list),
		cmocka_unit_test(test_items_parse_list_limit),
		cmocka_unit_test(test_parse_refuses_other_kinds),
		cmocka_unit_test(test_every_text_has_english),
	};

	return cmocka_run_group_tests(tests, 0, NULL);
}
