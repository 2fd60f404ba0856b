/* instrument.h - the measurement instruments: the participatieladder and
 * the complaint measures (domain.md §3.1, §3.2).
 *
 * Three kinds.  The shipped questionnaires (PHQ-9, GAD-7, K10) are free to
 * reproduce and come complete: Dutch and English item texts, instruction
 * line, answer options, scoring and severity bands.  The participatieladder
 * is one value, the rung 1-6.  The licensed instruments (OQ-45, SCL-90,
 * HoNOS, MANSA, WHODAS 2.0) are administered elsewhere and recorded here as
 * a total only: no item texts, and no bands, whose cut-offs belong to the
 * licensees' manuals.  The ladder is work & income data, everything else
 * health.
 *
 * Everything here is constant data and pure functions: nothing allocates,
 * every returned string is static, and any thread may call anything.
 * Codes are stable and stored in the database; labels are Dutch, the
 * English interface translates them through po/en.po.  Answers are stored
 * as one digit per item ("012301230" for a PHQ-9); an answer is the score
 * of the option chosen (K10: "Nooit" is 1, "Altijd" is 5).
 */
#ifndef WB_INSTRUMENT_H
#define WB_INSTRUMENT_H

#include "base/common.h"
#include "base/err.h"

#define WB_INSTRUMENT_MAXITEMS	10	/* items of the longest questionnaire */
#define WB_INSTRUMENT_MAXOPTIONS 5	/* answer options of the widest one */

enum wb_instrument_kind {
	WB_INSTRUMENT_QUESTIONNAIRE,	/* shipped, answered item by item */
	WB_INSTRUMENT_LADDER,		/* one rung, 1-6 */
	WB_INSTRUMENT_TOTAL,		/* licensed: the total only */
};

/* A severity band: totals lo..hi (inclusive) are `code`. */
struct wb_instrument_band {
	int		 lo, hi;
	const char	*code;
};

struct wb_instrument {
	const char	*code;		/* "phq9", stored */
	const char	*name;		/* "PHQ-9", for display */
	enum wb_instrument_kind kind;
	unsigned	 category;	/* WB_CAT_WORK or WB_CAT_HEALTH */
	int		 nitems;	/* questionnaires; else 0 */
	int		 item_min, item_max; /* score of one answer */
	int		 min, max;	/* total (or rung) range */
	const char *const *items_nl, *const *items_en;	/* nitems texts */
	const char *const *options_nl, *const *options_en; /* by score -
					   item_min */
	const char	*intro_nl, *intro_en;	/* the instruction line */
	const char	*source;	/* copyright and licence line */
	bool		 higher_is_worse;
	const struct wb_instrument_band *bands;	/* ascending, cover min..max */
	size_t		 nbands;	/* 0: the instrument has no bands */
};

/* Every instrument, in display order, ending in NULL. */
extern const struct wb_instrument *const wb_instruments[];

/* The instrument with this code, or NULL (also for NULL). */
const struct wb_instrument *wb_instrument_get(const char *code);

/* Score the `n` answers of a questionnaire into *total.  Errors:
 * WB_EINVAL with field "items" when `in` is not a questionnaire, when n is
 * not its nitems, or when an answer is out of range (the Dutch message
 * names the item number). */
int	wb_instrument_score(const struct wb_instrument *in, const int *items,
	    size_t n, int *total, struct wb_err *err) WB_WARN_UNUSED;

/* 0 when `value` is in range for `in`: the rung of the ladder, the total
 * of a licensed instrument or of a questionnaire.  Errors: WB_EINVAL with
 * field "value" and a Dutch message giving the range. */
int	wb_instrument_check_value(const struct wb_instrument *in, int value,
	    struct wb_err *err) WB_WARN_UNUSED;

/* The band code of `total` ("minimal", "mild", "moderate",
 * "moderately-severe", "severe", "low", "high"), or NULL when the
 * instrument has no bands or the total is out of range. */
const char *wb_instrument_band(const struct wb_instrument *in, int total);

/* The Dutch label of a band code ("matig ernstig"), or NULL for an unknown
 * code.  The English interface translates it (po/en.po). */
const char *wb_instrument_band_label(const char *band);

/* The Dutch name of rung 1-6 of the participatieladder, or NULL. */
const char *wb_ladder_label(int rung);
/* One Dutch line on what the rung means, or NULL outside 1-6. */
const char *wb_ladder_explanation(int rung);

/* True when the PHQ-9's nine answers have item 9 (thoughts of death or
 * self-harm) above 0: the professional must follow it up.  False when n
 * is not 9. */
bool	wb_phq9_needs_followup(const int *items, size_t n);

/* Parse the storage form of a questionnaire's answers: exactly nitems
 * digits, each in range, nothing else.  Writes nitems answers to items
 * (capacity `cap`).  Errors: WB_EINVAL with field "items" (not a
 * questionnaire, wrong length, a bad answer: the message names its item),
 * WB_ETOOBIG when cap < nitems (a programming error). */
int	wb_instrument_items_parse(const struct wb_instrument *in,
	    const char *s, int *items, size_t cap, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Write the storage form of n answers to out: one digit each, NUL
 * terminated.  out gets "" when outsz < n + 1 or an answer is not 0-9. */
void	wb_instrument_items_format(const int *items, size_t n, char *out,
	    size_t outsz);

/* Parse answers written as a list, as the API and CSV import take them:
 * numbers separated by a comma (spaces and tabs around it allowed) or by
 * spaces alone, leading and trailing spaces allowed: "0, 1, 2 3".  Exactly
 * nitems numbers, each in range; an empty element ("1,,2") is a bad answer
 * at that position.  At most WB_MAX_ANSWERS_TEXT bytes.  Errors as for
 * wb_instrument_items_parse(). */
int	wb_instrument_items_parse_list(const struct wb_instrument *in,
	    const char *s, int *items, size_t cap, struct wb_err *err)
	    WB_WARN_UNUSED;

#endif /* WB_INSTRUMENT_H */
