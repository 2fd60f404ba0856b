/* chart.h - server-rendered SVG charts and their data tables.
 *
 * Hand-written SVG into a struct wb_buf, inline in the page (stack.md §13,
 * interface.md "Charts"): no JavaScript, no style="" attribute and no
 * <style> element (the Content-Security-Policy forbids inline style), only
 * presentation attributes (fill=, stroke=) and class names that
 * static/werkbrug.css refines.  Every text from the spec is HTML-escaped.
 * Each chart is an <svg role="img" aria-labelledby="ID-title ID-desc">
 * with a <title> and a <desc> that spells out every value (missing and
 * suppressed ones named as such), a viewBox and width="100%" so it scales
 * down to a phone.  Output is deterministic: the same spec gives the same
 * bytes (numbers are formatted with integer arithmetic, never with the C
 * locale's printf %f).
 *
 * Next to every chart belongs its data table (WCAG; interface.md):
 * wb_chart_table() and wb_chart_stack_table() write it as a scrollable
 * <div class="table-wrap"> with a <caption> and <th scope>.  A handler
 * renders chart and table into buffers and hands both to the template with
 * wb_html_json() (web/template.h), e.g.
 *
 *   <figure class="chart">{{chart}}</figure>
 *   {{chart_table}}
 *
 * The writers only draw what they are given: counts must already have been
 * through report/suppress.h, and a value the caller may not show is passed
 * with the flag WB_CHART_SUPPRESSED (drawn as a gap or an empty bar marked
 * "<10", never with its number).
 *
 * Texts the writers add themselves ("geen gegevens", the legend note, the
 * table's first heading) are Dutch msgids passed through the spec's `tr`
 * hook (po/en.po has their English).  Numbers use the spec's decimal
 * separator (',' by default).
 *
 * On error the writers return before appending anything, except for
 * WB_ETOOBIG from `out`'s maximum, after which `out` holds partial output
 * that must be discarded.
 */
#ifndef WB_CHART_H
#define WB_CHART_H

#include "base/common.h"
#include "base/buf.h"
#include "base/err.h"
#include "report/suppress.h"

#define WB_CHART_MAX_POINTS	120	/* x positions (30 years of quarters) */
#define WB_CHART_MAX_SERIES	6	/* lines in one chart (palette size) */
#define WB_CHART_MAX_REFS	8	/* reference lines, and bands */
#define WB_CHART_MAX_GROUPS	40	/* bars of a stacked chart */
#define WB_CHART_MAX_CATS	8	/* segments of one bar (palette size) */
#define WB_CHART_MAX_ID		32	/* bytes of a chart id */

/* Per value: why there is no point (0: there is one). */
enum wb_chart_flag {
	WB_CHART_OK = 0,
	WB_CHART_MISSING = 1,		/* no data for this period */
	WB_CHART_SUPPRESSED = 2,	/* small-cell suppression */
};

struct wb_chart_series {
	const char		*label;	/* legend and table heading */
	const double		*value;	/* npoints values */
	const unsigned char	*flag;	/* enum wb_chart_flag, or NULL */
};

/* A reference line at `lo` (hi is ignored), or a band lo .. hi. */
struct wb_chart_ref {
	double		 lo;
	double		 hi;
	const char	*label;		/* "41 % gemiddeld", "Goed" */
};

/* A line chart over periods (npoints x_labels; each series has npoints
 * values).  y_min < y_max; y_min == y_max == 0 means 0 .. 100
 * (percentages).  Values flagged WB_CHART_OK must be finite and within
 * y_min .. y_max.  x_title may be NULL (the table then says "Periode"),
 * y_title, unit and desc too; the grid step is 1, 2, 2.5 or 5 times a
 * power of ten unless y_step is set (25 suits the IPS-25's 25 .. 125).
 * `threshold` is the one of the suppression behind the data, for the
 * "<10" text. */
struct wb_chart {
	const char			*id;	/* [a-z0-9-], unique */
	const char			*title;
	const char			*desc;	/* a summary, or NULL */
	const char			*x_title;	/* "Kwartaal" */
	const char			*y_title;	/* "Werkend (%)" */
	const char			*unit;	/* after values: "%" */
	const char *const		*x_labels;	/* "2026K1" */
	size_t				 npoints;
	const struct wb_chart_series	*series;
	size_t				 nseries;
	double				 y_min;
	double				 y_max;
	double				 y_step;	/* grid; 0: chosen */
	int				 decimals;	/* 0..3, texts */
	const struct wb_chart_ref	*lines;	/* reference lines */
	size_t				 nlines;
	const struct wb_chart_ref	*bands;	/* reference bands */
	size_t				 nbands;
	int				 threshold;	/* 0: 10 */
	char				 decimal_point;	/* 0: ',' */
	wb_report_tr_fn			 tr;	/* NULL: Dutch */
	const void			*trctx;
};

/* A stacked horizontal bar chart: one bar per group (measurement moment
 * or period), one segment per category (the participatieladder's rungs),
 * values in percent of the bar.  A group flagged WB_CHART_SUPPRESSED is
 * drawn as an outlined empty bar with the text "<10", one flagged
 * WB_CHART_MISSING as an outlined bar with "geen gegevens".  The values of
 * a group flagged WB_CHART_OK are in 0 .. 100 and add up to at most 100.5
 * (rounding).  The caller decides whether a group may be shown at all
 * (its n against the threshold). */
struct wb_chart_stack {
	const char		*id;
	const char		*title;
	const char		*desc;
	const char		*group_title;	/* NULL: "Meetmoment" */
	const char *const	*groups;	/* ngroups bar labels */
	size_t			 ngroups;
	const char *const	*cats;		/* ncats legend labels */
	size_t			 ncats;
	const double		*value;		/* ngroups * ncats, by group */
	const unsigned char	*flag;		/* ngroups, or NULL */
	const int64_t		*n;		/* ngroups counts for the
						   table, or NULL */
	int			 decimals;
	int			 threshold;
	char			 decimal_point;
	wb_report_tr_fn		 tr;
	const void		*trctx;
};

/* Append the line chart `c` as SVG to `out`: y grid and labels, bands
 * behind everything, reference lines dashed with their label, one line per
 * series (broken where a value is missing or suppressed) with a marker per
 * point, the x labels (thinned when crowded), and a legend when there is
 * more than one series or a gap.  Errors: WB_EINVAL (bad id, NULL title,
 * bad range or decimals, a value out of range, a NULL array), WB_ETOOBIG
 * (a WB_CHART_MAX_* limit, or out's maximum). */
int	wb_chart_line(struct wb_buf *out, const struct wb_chart *c,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Append the stacked bar chart `c` as SVG to `out`.  Errors as for
 * wb_chart_line(). */
int	wb_chart_stack(struct wb_buf *out, const struct wb_chart_stack *c,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Append the data of `c` as an accessible table: a row per period (th
 * scope="row"), a column per series (th scope="col"), the caption the
 * chart's title; a suppressed value reads "<10" on screen and "minder dan
 * 10, niet getoond" to a screen reader, a missing one "–" and "geen
 * gegevens".  Its id is "ID-caption".  Errors as for wb_chart_line(). */
int	wb_chart_table(struct wb_buf *out, const struct wb_chart *c,
	    struct wb_err *err) WB_WARN_UNUSED;

/* The same for a stacked chart: a row per group, a column per category,
 * and an "Aantal" column when `n` is given (a suppressed group's count
 * reads "<10"). */
int	wb_chart_stack_table(struct wb_buf *out, const struct wb_chart_stack *c,
	    struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_CHART_H */
