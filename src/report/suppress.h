/* suppress.h - small-cell suppression of figures that leave an organisation.
 *
 * The one place where counts are protected before they are shown to anyone
 * outside the organisation that holds the clients (domain.md §4.6).  Every
 * table of counts that a report, dashboard or export shows goes through
 * wb_suppress(); derived figures ask wb_sup_rate_shown() and
 * wb_sup_stat_shown().  Pure code: no database, no allocation that outlives
 * a call, safe from any thread.
 *
 * The rules, with threshold T (WB_SUP_THRESHOLD, 10, unless the caller
 * chooses otherwise):
 *
 *  1. Primary: a count 1 .. T-1 is suppressed.  0 is shown.
 *  2. Secondary: a table is a set of cells plus linear sum constraints
 *     ("cell `total` is the sum of cells `parts`").  Whenever a constraint
 *     has exactly one suppressed member (its total counts as a member), one
 *     more member is suppressed: the smallest non-zero shown one, parts
 *     before the constraint's own total, the lowest index on a tie.
 *     Repeated until nothing changes.
 *  3. That "two per line" rule is not enough in two dimensions (a
 *     suppressed cell can be the only link between two groups of suppressed
 *     cells and be recomputed from the margins), so wb_suppress() then asks
 *     wb_sup_determined() which suppressed cells can still be recomputed
 *     exactly and suppresses one more cell next to the first such cell (the
 *     smallest non-zero shown cell that shares a constraint with it,
 *     interior cells before totals), applies rule 2 again, and repeats until
 *     no suppressed cell is determined.  This ends: every round suppresses a
 *     cell, and once every non-zero cell is suppressed nothing is
 *     determined (the shown cells are then all 0, so any value that follows
 *     from them and the constraints is 0, and no suppressed cell is 0).
 *  4. Derived figures: a rate is shown only when numerator and denominator
 *     are both shown and both >= T; a mean or median only when its n is
 *     shown and >= T.
 *
 * How "determined" is decided (wb_sup_determined): write every constraint
 * as  sum(parts) - total = 0  and move the shown cells to the right-hand
 * side; what is left is a system M x = b in the suppressed cells x, with M
 * the constraint rows restricted to the suppressed columns.  Suppressed
 * cell i is determined iff the unit vector e_i lies in the row space of M
 * (then x_i is that combination of b), i.e. iff every vector of M's null
 * space is 0 at i.  M is brought to reduced row echelon form by exact
 * integer Gauss-Jordan elimination (rows scaled instead of divided, then
 * divided by the gcd of their entries, so no rounding and, for the 0/±1
 * matrices of real tables, small entries); e_i is in the row space iff
 * column i holds a pivot whose row has no other non-zero entry.  An entry
 * that would overflow int64_t makes the check fail with WB_ETOOBIG rather
 * than guess.  Known limit of the method: it finds exact disclosure only,
 * not narrow intervals (an attacker who also uses "counts are >= 0" may
 * bound a suppressed cell; suppressing the smallest shown cells keeps such
 * bounds wide).
 *
 * Ownership: the table's arrays belong to the caller; wb_suppress() writes
 * only `state`.
 */
#ifndef WB_SUPPRESS_H
#define WB_SUPPRESS_H

#include "base/common.h"
#include "base/buf.h"
#include "base/err.h"

#define WB_SUP_THRESHOLD	10	/* counts 1..9 are not shown */
#define WB_SUP_MAX_CELLS	2048	/* cells of one table */
#define WB_SUP_MAX_SUMS		512	/* sum constraints of one table */
#define WB_SUP_TEXT		24	/* bytes for wb_sup_text() */

/* Translation hook, the shape of web/i18n.h's wb_tr() and the template's
 * wb_tmpl_tr_fn: handlers pass wb_tr and the request's catalogue; NULL
 * means Dutch.  A NULL return counts as "no translation". */
typedef const char *(*wb_report_tr_fn)(const void *trctx, const char *msgid);

/* What happened to one cell. */
enum wb_sup_state {
	WB_SUP_SHOWN = 0,
	WB_SUP_PRIMARY = 1,	/* a small count (or forced by the caller) */
	WB_SUP_SECONDARY = 2,	/* suppressed to protect another cell */
};

/* value[total] == sum of value[parts[i]].  A part may not be the total. */
struct wb_sup_sum {
	size_t		 total;
	const size_t	*parts;
	size_t		 nparts;
};

struct wb_sup_table {
	size_t			 ncells;
	const int64_t		*value;		/* ncells counts, >= 0 */
	unsigned char		*state;		/* ncells enum wb_sup_state */
	size_t			 nsums;
	const struct wb_sup_sum	*sums;
	int			 threshold;	/* >= 1; WB_SUP_THRESHOLD */
};

/* Apply the rules above to `t`.  On entry `state` must hold WB_SUP_SHOWN
 * (0) for every cell, except that a caller may mark a cell WB_SUP_PRIMARY
 * to force it to be suppressed for its own reason; WB_SUP_SECONDARY marks
 * from an earlier call are cleared and worked out again, so calling twice
 * gives the same result.  On return every cell's state is final and
 * wb_sup_disclosed(t) is false.  On error `state` is undefined and nothing
 * may be shown.
 * Errors (messages for the log): WB_EINVAL (threshold < 1, a negative
 * count, an index out of range, a part equal to its total, a constraint
 * that does not add up, a bad state, or a forced zero that cannot be
 * protected), WB_ETOOBIG (more than WB_SUP_MAX_CELLS cells or
 * WB_SUP_MAX_SUMS constraints, or an elimination entry beyond int64_t). */
int	wb_suppress(struct wb_sup_table *t, struct wb_err *err) WB_WARN_UNUSED;

/* Mark in det[i] (ncells bytes, written for every cell) whether suppressed
 * cell i can be recomputed exactly from the shown cells and the
 * constraints (1) or not (0; shown cells get 0).  Returns the number of
 * determined cells, or WB_EINVAL / WB_ETOOBIG as wb_suppress() does (the
 * table is not required to add up here: only its shape matters). */
int	wb_sup_determined(const struct wb_sup_table *t, unsigned char *det,
	    struct wb_err *err) WB_WARN_UNUSED;

/* True when any suppressed cell of `t` can be recomputed exactly; also
 * true when the check itself fails (the safe answer).  For assertions. */
bool	wb_sup_disclosed(const struct wb_sup_table *t);

/* True for a count that rule 1 suppresses: 1 <= v < threshold. */
bool	wb_sup_small(int64_t v, int threshold);

/* True when cell `i` may be shown (false for an index out of range). */
bool	wb_sup_shown(const struct wb_sup_table *t, size_t i);

/* True when the rate value[num] / value[den] may be shown: both cells
 * shown and both counts >= the threshold. */
bool	wb_sup_rate_shown(const struct wb_sup_table *t, size_t num,
	    size_t den);

/* True when a mean or median over the clients counted in cell `n` may be
 * shown: that cell shown and its count >= the threshold. */
bool	wb_sup_stat_shown(const struct wb_sup_table *t, size_t n);

/* The page text of cell `i` in buf: the count in decimal ("12", "0") or
 * "<10" (the threshold) when suppressed; "" for an index out of range.
 * Returns buf.  Not HTML-escaped. */
const char *wb_sup_text(const struct wb_sup_table *t, size_t i,
	    char buf[WB_SUP_TEXT]);

/* Append the screen-reader text for a suppressed count to `out`, Dutch
 * "minder dan 10, niet getoond" (msgid "minder dan {n}, niet getoond",
 * {n} replaced by the threshold) or its translation through `tr`.  Not
 * HTML-escaped. */
void	wb_sup_reason(struct wb_buf *out, int threshold, wb_report_tr_fn tr,
	    const void *trctx);

#endif /* WB_SUPPRESS_H */
