/* chart.c - SVG line and stacked bar charts, and their data tables.
 *
 * Coordinates are in a 640-wide viewBox (the height follows from the
 * content) and printed with one decimal by integer arithmetic, so output
 * never depends on the locale or on printf's float formatting.
 */
#include "report/chart.h"

#include <math.h>

#define W		640	/* viewBox width */
#define FONT		13	/* font-size of every text */
#define CHARW		8	/* generous advance of one character */
#define LINE_PL		52	/* line chart: plot left */
#define LINE_PT		30	/* plot top (the y title above it) */
#define LINE_PH		240	/* plot height */
#define PR		(W - 16)	/* plot right (legend wrap) */
#define STACK_PR	(W - 24)	/* room for the "100 %" label */
#define LEGEND_ROW	22
#define BAR_H		28
#define BAR_GAP		12
#define MAX_VALUE	1e9	/* |y_min|, |y_max| */

#define C_TEXT		"#1a1a1a"
#define C_MUTED		"#555d66"
#define C_GRID		"#c5cdd6"
#define C_AXIS		"#4d5a68"
#define NBSP		"\xc2\xa0"

/* Line colours (>= 4.8:1 on white), each with its own dash and marker so
 * that colour is never the only difference. */
static const struct {
	const char	*colour;
	const char	*dash;		/* NULL: solid */
} line_style[WB_CHART_MAX_SERIES] = {
	{ "#0b4f8a", NULL },
	{ "#b35900", "8 4" },
	{ "#1b5e30", "2 3" },
	{ "#5a2d82", "10 3 2 3" },
	{ "#a4231b", "4 4" },
	{ "#1a1a1a", "1 3" },
};

/* Segment fills for ordered categories, light to dark, with the text
 * colour that keeps >= 4.5:1 on each. */
static const struct {
	const char	*fill;
	const char	*text;
} seg_style[WB_CHART_MAX_CATS] = {
	{ "#dbe6f1", C_TEXT },
	{ "#b3cbe3", C_TEXT },
	{ "#86aed3", C_TEXT },
	{ "#2f6ca8", "#ffffff" },
	{ "#1d4f80", "#ffffff" },
	{ "#0d2845", "#ffffff" },
	{ "#6b4500", "#ffffff" },
	{ "#555d66", "#ffffff" },
};

/* Band fills, lowest band first (labels in C_MUTED keep >= 4.9:1). */
static const char *const band_fill[] = { "#eef2f6", "#e2e9f0", "#d5dfea" };

/* What one chart needs while it is written. */
struct fmt {
	wb_report_tr_fn	 tr;
	const void	*trctx;
	int		 decimals;
	char		 sep;
	int		 threshold;
};

/* The number format of a chart of either kind (both have these fields). */
#define FMT_OF(c) ((struct fmt){ .tr = (c)->tr, .trctx = (c)->trctx,	\
	.decimals = (c)->decimals,					\
	.sep = (c)->decimal_point != 0 ? (c)->decimal_point : ',',	\
	.threshold = (c)->threshold != 0 ? (c)->threshold :		\
	    WB_SUP_THRESHOLD })

static const char *tr(const struct fmt *, const char *);
static void	esc(struct wb_buf *, const char *);
static void	num(struct wb_buf *, double, int, char);
static void	xy(struct wb_buf *, double);
static int	text_width(const char *);
static bool	valid_id(const char *);
static void	value_text(struct wb_buf *, const struct fmt *, double,
		    const char *);
static void	svg_open(struct wb_buf *, const char *, int, const char *,
		    const char *, const struct wb_buf *);
static void	text_at(struct wb_buf *, double, double, const char *,
		    const char *, const char *);
static void	marker(struct wb_buf *, size_t, double, double);
static int	check_fmt(const char *, const char *, int, int, char,
		    struct wb_err *);
static int	check_line(const struct wb_chart *, struct wb_err *);
static int	check_stack(const struct wb_chart_stack *, struct wb_err *);
static double	auto_step(double);
static void	line_desc(struct wb_buf *, const struct wb_chart *,
		    const struct fmt *);
static void	hidden_cell(struct wb_buf *, const char *, const char *,
		    const char *);

static const char *
tr(const struct fmt *f, const char *msgid)
{
	const char	*s = NULL;

	if (f->tr != NULL)
		s = f->tr(f->trctx, msgid);
	return s != NULL ? s : msgid;
}

static void
esc(struct wb_buf *out, const char *s)
{
	if (s != NULL)
		wb_buf_html(out, s, strlen(s));
}

/* Append v rounded to `dec` decimals with separator `sep`, half away
 * from zero; "-0" never appears.  |v| <= MAX_VALUE (checked by callers). */
static void
num(struct wb_buf *out, double v, int dec, char sep)
{
	long long	scale = 1, r, ip, fp;
	int		i;

	for (i = 0; i < dec; i++)
		scale *= 10;
	v *= (double)scale;
	r = (long long)(v < 0 ? v - 0.5 : v + 0.5);
	if (r < 0) {
		wb_buf_putc(out, '-');
		r = -r;
	}
	ip = r / scale;
	fp = r % scale;
	wb_buf_printf(out, "%lld", ip);
	if (dec > 0)
		wb_buf_printf(out, "%c%0*lld", sep, dec, fp);
}

/* A coordinate: one decimal, dropped when it is 0. */
static void
xy(struct wb_buf *out, double v)
{
	long long	r = (long long)(v < 0 ? v * 10 - 0.5 : v * 10 + 0.5);

	if (r < 0) {
		wb_buf_putc(out, '-');
		r = -r;
	}
	wb_buf_printf(out, "%lld", r / 10);
	if (r % 10 != 0)
		wb_buf_printf(out, ".%lld", r % 10);
}

/* Estimated width of s in user units (UTF-8 characters x CHARW). */
static int
text_width(const char *s)
{
	int	n = 0;

	for (; s != NULL && *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n * CHARW;
}

static bool
valid_id(const char *id)
{
	size_t	i;

	if (id == NULL || id[0] == '\0')
		return false;
	for (i = 0; id[i] != '\0'; i++) {
		if (i >= WB_CHART_MAX_ID)
			return false;
		if (!((id[i] >= 'a' && id[i] <= 'z') ||
		    (id[i] >= '0' && id[i] <= '9') || id[i] == '-'))
			return false;
	}
	return true;
}

/* "40,8 %": the value, and the unit after a no-break space (raw text). */
static void
value_text(struct wb_buf *out, const struct fmt *f, double v,
    const char *unit)
{
	num(out, v, f->decimals, f->sep);
	if (unit != NULL && unit[0] != '\0') {
		wb_buf_puts(out, NBSP);
		wb_buf_puts(out, unit);
	}
}

/* The <svg> element with its <title> and <desc> (desc is raw text). */
static void
svg_open(struct wb_buf *out, const char *id, int height, const char *title,
    const char *summary, const struct wb_buf *desc)
{
	wb_buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"wb-chart\" viewBox=\"0 0 %d %d\" width=\"100%%\" "
	    "role=\"img\" aria-labelledby=\"%s-title %s-desc\" "
	    "font-family=\"system-ui, sans-serif\" font-size=\"%d\" "
	    "fill=\"%s\">\n", W, height, id, id, FONT, C_TEXT);
	wb_buf_printf(out, "<title id=\"%s-title\">", id);
	esc(out, title);
	wb_buf_printf(out, "</title>\n<desc id=\"%s-desc\">", id);
	if (summary != NULL && summary[0] != '\0') {
		esc(out, summary);
		wb_buf_putc(out, ' ');
	}
	wb_buf_html(out, wb_buf_cstr(desc), desc->n);
	wb_buf_puts(out, "</desc>\n");
}

/* <text> at (x, y); anchor and class may be NULL; s is escaped. */
static void
text_at(struct wb_buf *out, double x, double y, const char *anchor,
    const char *cls, const char *s)
{
	wb_buf_puts(out, "<text x=\"");
	xy(out, x);
	wb_buf_puts(out, "\" y=\"");
	xy(out, y);
	wb_buf_putc(out, '"');
	if (anchor != NULL)
		wb_buf_printf(out, " text-anchor=\"%s\"", anchor);
	if (cls != NULL)
		wb_buf_printf(out, " class=\"%s\"", cls);
	wb_buf_putc(out, '>');
	esc(out, s);
	wb_buf_puts(out, "</text>\n");
}

/* The marker of series s centred on (x, y), left open for a <title>:
 * circle, square, diamond, triangle, and two more circles and squares
 * told apart by their dash (the legend shows both). */
static void
marker(struct wb_buf *out, size_t s, double x, double y)
{
	const char	*col = line_style[s].colour;

	switch (s % 4) {
	case 0:
		wb_buf_puts(out, "<circle cx=\"");
		xy(out, x);
		wb_buf_puts(out, "\" cy=\"");
		xy(out, y);
		wb_buf_puts(out, "\" r=\"4.5\"");
		break;
	case 1:
		wb_buf_puts(out, "<rect x=\"");
		xy(out, x - 4);
		wb_buf_puts(out, "\" y=\"");
		xy(out, y - 4);
		wb_buf_puts(out, "\" width=\"8\" height=\"8\"");
		break;
	case 2:
		wb_buf_puts(out, "<path d=\"M");
		xy(out, x);
		wb_buf_putc(out, ' ');
		xy(out, y - 5.5);
		wb_buf_puts(out, "l5.5 5.5l-5.5 5.5l-5.5 -5.5z\"");
		break;
	default:
		wb_buf_puts(out, "<path d=\"M");
		xy(out, x);
		wb_buf_putc(out, ' ');
		xy(out, y - 5.5);
		wb_buf_puts(out, "l5.5 9l-11 0z\"");
		break;
	}
	wb_buf_printf(out, " fill=\"%s\" stroke=\"#ffffff\" "
	    "stroke-width=\"1.5\">", col);
}

/* Checks shared by both chart kinds. */
static int
check_fmt(const char *id, const char *title, int decimals, int threshold,
    char sep, struct wb_err *err)
{
	if (!valid_id(id))
		return wb_err_set(err, WB_EINVAL, "chart: bad id");
	if (title == NULL)
		return wb_err_set(err, WB_EINVAL, "chart %s: no title", id);
	if (decimals < 0 || decimals > 3)
		return wb_err_set(err, WB_EINVAL, "chart %s: decimals %d", id,
		    decimals);
	if (threshold < 0)
		return wb_err_set(err, WB_EINVAL, "chart %s: threshold %d",
		    id, threshold);
	if (sep != 0 && sep != ',' && sep != '.')
		return wb_err_set(err, WB_EINVAL, "chart %s: decimal point",
		    id);
	return 0;
}

/* floor() and ceil() for |v| < 2^53, without libm (not linked). */
static long long
down(double v)
{
	long long	r = (long long)v;

	return (double)r > v ? r - 1 : r;
}

static long long
up(double v)
{
	long long	r = (long long)v;

	return (double)r < v ? r + 1 : r;
}

static bool
finite_in(double v, double lo, double hi)
{
	return isfinite(v) && v >= lo && v <= hi;
}

/* The y range of c (0 .. 100 when both are 0). */
static void
y_range(const struct wb_chart *c, double *lo, double *hi)
{
	*lo = c->y_min;
	*hi = c->y_max;
	if (*lo == 0 && *hi == 0)
		*hi = 100;
}

static int
check_line(const struct wb_chart *c, struct wb_err *err)
{
	double	lo, hi;
	size_t	i, s;
	int	rc;

	rc = check_fmt(c->id, c->title, c->decimals, c->threshold,
	    c->decimal_point, err);
	if (rc != 0)
		return rc;
	if (c->npoints > WB_CHART_MAX_POINTS ||
	    c->nseries > WB_CHART_MAX_SERIES ||
	    c->nlines > WB_CHART_MAX_REFS || c->nbands > WB_CHART_MAX_REFS)
		return wb_err_set(err, WB_ETOOBIG, "chart %s: too many points, "
		    "series or references", c->id);
	y_range(c, &lo, &hi);
	if (!finite_in(lo, -MAX_VALUE, MAX_VALUE) ||
	    !finite_in(hi, -MAX_VALUE, MAX_VALUE) || lo >= hi)
		return wb_err_set(err, WB_EINVAL, "chart %s: bad y range",
		    c->id);
	if (c->y_step != 0 && (!isfinite(c->y_step) || c->y_step < 0 ||
	    (hi - lo) / c->y_step > 50))
		return wb_err_set(err, WB_EINVAL, "chart %s: bad y step",
		    c->id);
	if ((c->npoints > 0 && c->x_labels == NULL) ||
	    (c->nseries > 0 && c->series == NULL) ||
	    (c->nlines > 0 && c->lines == NULL) ||
	    (c->nbands > 0 && c->bands == NULL))
		return wb_err_set(err, WB_EINVAL, "chart %s: missing array",
		    c->id);
	for (i = 0; i < c->npoints; i++)
		if (c->x_labels[i] == NULL)
			return wb_err_set(err, WB_EINVAL, "chart %s: x label "
			    "%zu missing", c->id, i);
	for (s = 0; s < c->nseries; s++) {
		const struct wb_chart_series	*se = &c->series[s];

		if (c->npoints > 0 && se->value == NULL)
			return wb_err_set(err, WB_EINVAL, "chart %s: series "
			    "%zu has no values", c->id, s);
		for (i = 0; i < c->npoints; i++) {
			if (se->flag != NULL && se->flag[i] > 2)
				return wb_err_set(err, WB_EINVAL, "chart %s: "
				    "series %zu flag %zu", c->id, s, i);
			if ((se->flag == NULL || se->flag[i] == WB_CHART_OK) &&
			    !finite_in(se->value[i], lo, hi))
				return wb_err_set(err, WB_EINVAL, "chart %s: "
				    "series %zu value %zu out of range", c->id,
				    s, i);
		}
	}
	for (i = 0; i < c->nlines; i++)
		if (c->lines[i].label == NULL ||
		    !finite_in(c->lines[i].lo, lo, hi))
			return wb_err_set(err, WB_EINVAL, "chart %s: reference "
			    "line %zu", c->id, i);
	for (i = 0; i < c->nbands; i++)
		if (c->bands[i].label == NULL ||
		    !finite_in(c->bands[i].lo, -MAX_VALUE, MAX_VALUE) ||
		    !finite_in(c->bands[i].hi, -MAX_VALUE, MAX_VALUE) ||
		    c->bands[i].lo >= c->bands[i].hi ||
		    c->bands[i].hi <= lo || c->bands[i].lo >= hi)
			return wb_err_set(err, WB_EINVAL, "chart %s: band %zu",
			    c->id, i);
	return 0;
}

/* A grid step that gives at most six intervals: 1, 2, 2.5 or 5 times a
 * power of ten. */
static double
auto_step(double range)
{
	static const double	mant[] = { 1, 2, 2.5, 5 };
	double			p = 1e-3;
	size_t			i;

	for (;;) {
		for (i = 0; i < WB_NELEM(mant); i++)
			if (range / (mant[i] * p) <= 6 + 1e-9)
				return mant[i] * p;
		p *= 10;
	}
}

static bool
point_ok(const struct wb_chart_series *se, size_t i)
{
	return se->flag == NULL || se->flag[i] == WB_CHART_OK;
}

/* The text alternative: every series value by period, then the
 * reference lines and bands (raw text; escaped by svg_open). */
static void
line_desc(struct wb_buf *d, const struct wb_chart *c, const struct fmt *f)
{
	size_t	s, i;
	bool	any = false;

	for (s = 0; s < c->nseries; s++) {
		const struct wb_chart_series	*se = &c->series[s];

		if (s > 0)
			wb_buf_putc(d, ' ');
		if (se->label != NULL && se->label[0] != '\0') {
			wb_buf_puts(d, se->label);
			wb_buf_puts(d, ": ");
		}
		for (i = 0; i < c->npoints; i++) {
			if (i > 0)
				wb_buf_puts(d, "; ");
			wb_buf_puts(d, c->x_labels[i]);
			wb_buf_putc(d, ' ');
			if (point_ok(se, i))
				value_text(d, f, se->value[i], c->unit);
			else if (se->flag[i] == WB_CHART_SUPPRESSED)
				wb_sup_reason(d, f->threshold, f->tr,
				    f->trctx);
			else
				wb_buf_puts(d, tr(f, "geen gegevens"));
			any = true;
		}
		if (c->npoints == 0)
			wb_buf_puts(d, tr(f, "geen gegevens"));
		wb_buf_putc(d, '.');
	}
	if (!any && c->nseries == 0) {
		wb_buf_puts(d, tr(f, "geen gegevens"));
		wb_buf_putc(d, '.');
	}
	for (i = 0; i < c->nlines; i++) {
		wb_buf_puts(d, i == 0 ? " " : "; ");
		if (i == 0) {
			wb_buf_puts(d, tr(f, "Referentielijnen"));
			wb_buf_puts(d, ": ");
		}
		wb_buf_puts(d, c->lines[i].label);
		if (i + 1 == c->nlines)
			wb_buf_putc(d, '.');
	}
	for (i = 0; i < c->nbands; i++) {
		wb_buf_puts(d, i == 0 ? " " : "; ");
		if (i == 0) {
			wb_buf_puts(d, tr(f, "Banden"));
			wb_buf_puts(d, ": ");
		}
		wb_buf_puts(d, c->bands[i].label);
		wb_buf_putc(d, ' ');
		num(d, c->bands[i].lo, f->decimals, f->sep);
		wb_buf_puts(d, "\xe2\x80\x93");		/* en dash */
		num(d, c->bands[i].hi, f->decimals, f->sep);
		if (i + 1 == c->nbands)
			wb_buf_putc(d, '.');
	}
}

int
wb_chart_line(struct wb_buf *out, const struct wb_chart *c,
    struct wb_err *err)
{
	struct fmt	 f;
	struct wb_buf	 desc;
	double		 lo, hi, step, pw, ph = LINE_PH, v, y, y2, bottom;
	double		 ly[WB_CHART_MAX_REFS];
	size_t		 order[WB_CHART_MAX_REFS], j;
	size_t		 i, s, every = 1, shown = 0, gaps = 0;
	long long	 k, k1, k2;
	int		 rc, height, legend_y, rows = 0, w, maxw = 0, tdec, pr;
	bool		 legend;

	rc = check_line(c, err);
	if (rc != 0)
		return rc;
	f = FMT_OF(c);
	y_range(c, &lo, &hi);
	step = c->y_step != 0 ? c->y_step : auto_step(hi - lo);
	pr = PR;
	for (i = 0; i < c->nlines; i++)	/* labels right of the plot */
		if (W - 14 - text_width(c->lines[i].label) < pr)
			pr = W - 14 - text_width(c->lines[i].label);
	if (pr < W / 2)
		pr = W / 2;
	pw = pr - LINE_PL;
	bottom = LINE_PT + ph;
#define X_OF(i)	(LINE_PL + ((double)(i) + 0.5) * pw / (double)c->npoints)
#define Y_OF(v)	(LINE_PT + (hi - (v)) / (hi - lo) * ph)

	for (s = 0; s < c->nseries; s++)
		for (i = 0; i < c->npoints; i++) {
			if (point_ok(&c->series[s], i))
				shown++;
			else
				gaps++;
		}
	legend = shown > 0 && (c->nseries > 1 || gaps > 0);

	/* Height: plot, x labels, x title, legend rows. */
	legend_y = (int)bottom + 20 + (c->x_title != NULL ? 22 : 0) + 26;
	if (legend) {
		int	cx = LINE_PL;

		for (s = 0; s < c->nseries && c->nseries > 1; s++) {
			w = 40 + text_width(c->series[s].label) + 20;
			if (cx + w > PR && cx > LINE_PL) {
				rows++;
				cx = LINE_PL;
			}
			cx += w;
		}
		if (gaps > 0 && c->nseries > 1)
			rows++;
	}
	height = legend ? legend_y + rows * LEGEND_ROW + 10 : legend_y - 8;

	wb_buf_init(&desc, 1 << 20);
	line_desc(&desc, c, &f);
	svg_open(out, c->id, height, c->title, c->desc, &desc);
	wb_buf_free(&desc);

	/* Bands behind everything, each with its label at the top left. */
	for (i = 0; i < c->nbands; i++) {
		double	top = Y_OF(c->bands[i].hi < hi ? c->bands[i].hi : hi);
		double	bot = Y_OF(c->bands[i].lo > lo ? c->bands[i].lo : lo);

		wb_buf_puts(out, "<rect class=\"wb-chart-band\" x=\"");
		xy(out, LINE_PL);
		wb_buf_puts(out, "\" y=\"");
		xy(out, top);
		wb_buf_puts(out, "\" width=\"");
		xy(out, pw);
		wb_buf_puts(out, "\" height=\"");
		xy(out, bot - top);
		wb_buf_printf(out, "\" fill=\"%s\"/>\n",
		    band_fill[i % WB_NELEM(band_fill)]);
		if (bot - top >= FONT + 4)
			text_at(out, LINE_PL + 6, top + FONT + 1, NULL,
			    "wb-chart-band-label", c->bands[i].label);
	}

	/* Horizontal grid at the multiples of step, labelled on the left. */
	tdec = step == (double)down(step) ? 0 :
	    step * 10 == (double)down(step * 10) ? 1 : 2;
	k1 = up(lo / step - 1e-9);
	k2 = down(hi / step + 1e-9);
	for (k = k1; k <= k2; k++) {
		struct wb_buf	lab;

		v = (double)k * step;
		y = Y_OF(v);
		wb_buf_puts(out, "<line class=\"wb-chart-grid\" x1=\"");
		xy(out, LINE_PL);
		wb_buf_puts(out, "\" x2=\"");
		xy(out, pr);
		wb_buf_puts(out, "\" y1=\"");
		xy(out, y);
		wb_buf_puts(out, "\" y2=\"");
		xy(out, y);
		wb_buf_puts(out, "\" stroke=\"" C_GRID "\"/>\n");
		wb_buf_init(&lab, 64);
		num(&lab, v, tdec, f.sep);
		text_at(out, LINE_PL - 8, y + 4, "end", NULL,
		    wb_buf_cstr(&lab));
		wb_buf_free(&lab);
	}
	if (c->y_title != NULL)
		text_at(out, 4, LINE_PT - 14, NULL, "wb-chart-axis-title",
		    c->y_title);

	/* Axes. */
	wb_buf_puts(out, "<path class=\"wb-chart-axis\" d=\"M");
	xy(out, LINE_PL);
	wb_buf_puts(out, " ");
	xy(out, LINE_PT);
	wb_buf_puts(out, "V");
	xy(out, bottom);
	wb_buf_puts(out, "H");
	xy(out, pr);
	wb_buf_puts(out, "\" fill=\"none\" stroke=\"" C_AXIS "\"/>\n");

	/* Reference lines, labelled right of the plot; labels closer than
	 * a line of text are pushed apart, top to bottom. */
	for (i = 0; i < c->nlines; i++) {
		y = Y_OF(c->lines[i].lo);
		ly[i] = y + 4;
		wb_buf_puts(out, "<line class=\"wb-chart-ref\" x1=\"");
		xy(out, LINE_PL);
		wb_buf_puts(out, "\" x2=\"");
		xy(out, pr);
		wb_buf_puts(out, "\" y1=\"");
		xy(out, y);
		wb_buf_puts(out, "\" y2=\"");
		xy(out, y);
		wb_buf_puts(out, "\" stroke=\"" C_TEXT "\" "
		    "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n");
		for (j = i; j > 0 && ly[order[j - 1]] > ly[i]; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	for (j = 1; j < c->nlines; j++)
		if (ly[order[j]] < ly[order[j - 1]] + FONT + 2)
			ly[order[j]] = ly[order[j - 1]] + FONT + 2;
	for (i = 0; i < c->nlines; i++)
		text_at(out, pr + 6, ly[i], NULL, "wb-chart-ref-label",
		    c->lines[i].label);

	/* Series: one path broken at every gap, a marker per point. */
	for (s = 0; s < c->nseries; s++) {
		const struct wb_chart_series	*se = &c->series[s];
		bool				 prev = false, segs = false;

		wb_buf_printf(out, "<g class=\"wb-chart-series "
		    "wb-chart-s%zu\">\n", s + 1);
		for (i = 1; i < c->npoints; i++)
			if (point_ok(se, i) && point_ok(se, i - 1))
				segs = true;
		if (segs) {
			wb_buf_puts(out, "<path d=\"");
			for (i = 0; i < c->npoints; i++) {
				if (!point_ok(se, i)) {
					prev = false;
					continue;
				}
				wb_buf_putc(out, prev ? 'L' : 'M');
				xy(out, X_OF(i));
				wb_buf_putc(out, ' ');
				xy(out, Y_OF(se->value[i]));
				prev = true;
			}
			wb_buf_printf(out, "\" fill=\"none\" stroke=\"%s\" "
			    "stroke-width=\"2.5\" stroke-linejoin=\"round\"",
			    line_style[s].colour);
			if (line_style[s].dash != NULL)
				wb_buf_printf(out, " stroke-dasharray=\"%s\"",
				    line_style[s].dash);
			wb_buf_puts(out, "/>\n");
		}
		for (i = 0; i < c->npoints; i++) {
			struct wb_buf	t;

			if (!point_ok(se, i))
				continue;
			marker(out, s, X_OF(i), Y_OF(se->value[i]));
			wb_buf_init(&t, 4096);
			if (se->label != NULL && se->label[0] != '\0') {
				wb_buf_puts(&t, se->label);
				wb_buf_puts(&t, ", ");
			}
			wb_buf_puts(&t, c->x_labels[i]);
			wb_buf_puts(&t, ": ");
			value_text(&t, &f, se->value[i], c->unit);
			wb_buf_puts(out, "<title>");
			wb_buf_html(out, wb_buf_cstr(&t), t.n);
			wb_buf_puts(out, s % 4 == 0 ? "</title></circle>\n" :
			    s % 4 == 1 ? "</title></rect>\n" :
			    "</title></path>\n");
			wb_buf_free(&t);
		}
		wb_buf_puts(out, "</g>\n");
	}
	if (shown == 0)
		text_at(out, LINE_PL + pw / 2, LINE_PT + ph / 2, "middle",
		    "wb-chart-empty", tr(&f, "geen gegevens"));

	/* x labels, thinned so they do not overlap. */
	for (i = 0; i < c->npoints; i++) {
		w = text_width(c->x_labels[i]) + 8;
		if (w > maxw)
			maxw = w;
	}
	if (c->npoints > 0)
		while ((double)maxw * (double)c->npoints / (double)every > pw)
			every++;
	for (i = 0; i < c->npoints; i++)
		if (i % every == 0)
			text_at(out, X_OF(i), bottom + 20, "middle", NULL,
			    c->x_labels[i]);
	if (c->x_title != NULL)
		text_at(out, LINE_PL + pw / 2, bottom + 42, "middle",
		    "wb-chart-axis-title", c->x_title);

	/* Legend: a line sample with the marker and the label per series,
	 * then the note on gaps. */
	if (legend) {
		int	cx = LINE_PL;

		y2 = legend_y;
		for (s = 0; s < c->nseries && c->nseries > 1; s++) {
			const char	*label = c->series[s].label;

			w = 40 + text_width(label) + 20;
			if (cx + w > PR && cx > LINE_PL) {
				y2 += LEGEND_ROW;
				cx = LINE_PL;
			}
			wb_buf_printf(out, "<g class=\"wb-chart-legend "
			    "wb-chart-s%zu\">\n<path d=\"M", s + 1);
			xy(out, cx);
			wb_buf_putc(out, ' ');
			xy(out, y2 - 4);
			wb_buf_printf(out, "h32\" fill=\"none\" stroke=\"%s\" "
			    "stroke-width=\"2.5\"", line_style[s].colour);
			if (line_style[s].dash != NULL)
				wb_buf_printf(out, " stroke-dasharray=\"%s\"",
				    line_style[s].dash);
			wb_buf_puts(out, "/>\n");
			marker(out, s, cx + 16, y2 - 4);
			wb_buf_puts(out, s % 4 == 0 ? "</circle>\n" :
			    s % 4 == 1 ? "</rect>\n" : "</path>\n");
			text_at(out, cx + 40, y2, NULL, NULL, label);
			wb_buf_puts(out, "</g>\n");
			cx += w;
		}
		if (gaps > 0) {
			if (c->nseries > 1)
				y2 += LEGEND_ROW;
			text_at(out, LINE_PL, y2, NULL, "wb-chart-note",
			    tr(&f, "Onderbreking in de lijn: geen of te weinig "
			    "gegevens"));
		}
	}
	wb_buf_puts(out, "</svg>\n");
#undef X_OF
#undef Y_OF
	return wb_buf_error(out);
}

static int
check_stack(const struct wb_chart_stack *c, struct wb_err *err)
{
	size_t	g, k;
	double	sum;
	int	rc;

	rc = check_fmt(c->id, c->title, c->decimals, c->threshold,
	    c->decimal_point, err);
	if (rc != 0)
		return rc;
	if (c->ngroups > WB_CHART_MAX_GROUPS || c->ncats > WB_CHART_MAX_CATS)
		return wb_err_set(err, WB_ETOOBIG, "chart %s: too many groups "
		    "or categories", c->id);
	if ((c->ngroups > 0 && c->groups == NULL) ||
	    (c->ncats > 0 && c->cats == NULL) ||
	    (c->ngroups > 0 && c->ncats > 0 && c->value == NULL))
		return wb_err_set(err, WB_EINVAL, "chart %s: missing array",
		    c->id);
	for (k = 0; k < c->ncats; k++)
		if (c->cats[k] == NULL)
			return wb_err_set(err, WB_EINVAL, "chart %s: category "
			    "%zu", c->id, k);
	for (g = 0; g < c->ngroups; g++) {
		if (c->groups[g] == NULL)
			return wb_err_set(err, WB_EINVAL, "chart %s: group "
			    "%zu", c->id, g);
		if (c->flag != NULL && c->flag[g] > 2)
			return wb_err_set(err, WB_EINVAL, "chart %s: flag %zu",
			    c->id, g);
		if (c->flag != NULL && c->flag[g] != WB_CHART_OK)
			continue;
		sum = 0;
		for (k = 0; k < c->ncats; k++) {
			if (!finite_in(c->value[g * c->ncats + k], 0, 100))
				return wb_err_set(err, WB_EINVAL, "chart %s: "
				    "value %zu/%zu out of range", c->id, g, k);
			sum += c->value[g * c->ncats + k];
		}
		if (sum > 100.5)
			return wb_err_set(err, WB_EINVAL, "chart %s: group %zu "
			    "adds up to more than 100", c->id, g);
	}
	return 0;
}

static unsigned char
group_flag(const struct wb_chart_stack *c, size_t g)
{
	return c->flag != NULL ? c->flag[g] : WB_CHART_OK;
}

int
wb_chart_stack(struct wb_buf *out, const struct wb_chart_stack *c,
    struct wb_err *err)
{
	struct fmt	 f;
	struct wb_buf	 desc, t;
	double		 pl, pw, x, w, y, v, bottom;
	size_t		 g, k;
	int		 rc, lw = 0, height, legend_y, rows = 0, cx, iw, tick;

	rc = check_stack(c, err);
	if (rc != 0)
		return rc;
	f = FMT_OF(c);

	for (g = 0; g < c->ngroups; g++)
		if (text_width(c->groups[g]) > lw)
			lw = text_width(c->groups[g]);
	lw = lw + 16 < 64 ? 64 : lw + 16 > 220 ? 220 : lw + 16;
	pl = lw;
	pw = STACK_PR - pl;
	bottom = 12 + (double)c->ngroups * (BAR_H + BAR_GAP) -
	    (c->ngroups > 0 ? BAR_GAP : 0);
	if (c->ngroups == 0)
		bottom = 12 + BAR_H;
	legend_y = (int)bottom + 22 + 30;
	cx = lw;
	for (k = 0; k < c->ncats; k++) {
		iw = 22 + text_width(c->cats[k]) + 20;
		if (cx + iw > PR && cx > lw) {
			rows++;
			cx = lw;
		}
		cx += iw;
	}
	height = c->ncats > 0 ? legend_y + rows * LEGEND_ROW + 10 :
	    legend_y - 18;

	/* Text alternative: per group its shares, or why there are none. */
	wb_buf_init(&desc, 1 << 20);
	for (g = 0; g < c->ngroups; g++) {
		if (g > 0)
			wb_buf_putc(&desc, ' ');
		wb_buf_puts(&desc, c->groups[g]);
		wb_buf_puts(&desc, ": ");
		if (group_flag(c, g) == WB_CHART_SUPPRESSED)
			wb_sup_reason(&desc, f.threshold, f.tr, f.trctx);
		else if (group_flag(c, g) == WB_CHART_MISSING || c->ncats == 0)
			wb_buf_puts(&desc, tr(&f, "geen gegevens"));
		for (k = 0; k < c->ncats &&
		    group_flag(c, g) == WB_CHART_OK; k++) {
			if (k > 0)
				wb_buf_puts(&desc, "; ");
			wb_buf_puts(&desc, c->cats[k]);
			wb_buf_putc(&desc, ' ');
			value_text(&desc, &f, c->value[g * c->ncats + k], "%");
		}
		wb_buf_putc(&desc, '.');
	}
	if (c->ngroups == 0) {
		wb_buf_puts(&desc, tr(&f, "geen gegevens"));
		wb_buf_putc(&desc, '.');
	}
	svg_open(out, c->id, height, c->title, c->desc, &desc);
	wb_buf_free(&desc);

	/* Vertical grid every 20 %, labelled below the bars. */
	for (tick = 0; tick <= 100; tick += 20) {
		char	lab[16];

		x = pl + pw * tick / 100.0;
		wb_buf_puts(out, "<line class=\"wb-chart-grid\" x1=\"");
		xy(out, x);
		wb_buf_puts(out, "\" x2=\"");
		xy(out, x);
		wb_buf_puts(out, "\" y1=\"8\" y2=\"");
		xy(out, bottom + 4);
		wb_buf_puts(out, "\" stroke=\"" C_GRID "\"/>\n");
		(void)snprintf(lab, sizeof(lab), "%d" NBSP "%%", tick);
		text_at(out, x, bottom + 22, "middle", NULL, lab);
	}

	for (g = 0; g < c->ngroups; g++) {
		y = 12 + (double)g * (BAR_H + BAR_GAP);
		text_at(out, pl - 8, y + BAR_H / 2 + 4, "end", NULL,
		    c->groups[g]);
		if (group_flag(c, g) != WB_CHART_OK || c->ncats == 0) {
			wb_buf_puts(out, "<rect class=\"wb-chart-hidden\" "
			    "x=\"");
			xy(out, pl);
			wb_buf_puts(out, "\" y=\"");
			xy(out, y);
			wb_buf_puts(out, "\" width=\"");
			xy(out, pw);
			wb_buf_printf(out, "\" height=\"%d\" fill=\"#ffffff\" "
			    "stroke=\"" C_AXIS "\" "
			    "stroke-dasharray=\"4 3\"/>\n", BAR_H);
			if (group_flag(c, g) == WB_CHART_SUPPRESSED) {
				char	lab[24];

				(void)snprintf(lab, sizeof(lab), "<%d",
				    f.threshold);
				text_at(out, pl + 8, y + BAR_H / 2 + 4, NULL,
				    "wb-chart-note", lab);
			} else
				text_at(out, pl + 8, y + BAR_H / 2 + 4, NULL,
				    "wb-chart-note", tr(&f, "geen gegevens"));
			continue;
		}
		wb_buf_puts(out, "<g class=\"wb-chart-bar\">\n");
		x = pl;
		for (k = 0; k < c->ncats; k++) {
			v = c->value[g * c->ncats + k];
			w = pw * v / 100.0;
			if (x + w > pl + pw)
				w = pl + pw - x;	/* rounding past 100 */
			if (w <= 0)
				continue;
			wb_buf_printf(out, "<rect class=\"wb-chart-c%zu\" x=\"",
			    k + 1);
			xy(out, x);
			wb_buf_puts(out, "\" y=\"");
			xy(out, y);
			wb_buf_puts(out, "\" width=\"");
			xy(out, w);
			wb_buf_printf(out, "\" height=\"%d\" fill=\"%s\" "
			    "stroke=\"#ffffff\"><title>", BAR_H,
			    seg_style[k].fill);
			wb_buf_init(&t, 4096);
			wb_buf_puts(&t, c->cats[k]);
			wb_buf_puts(&t, ": ");
			value_text(&t, &f, v, "%");
			wb_buf_html(out, wb_buf_cstr(&t), t.n);
			wb_buf_puts(out, "</title></rect>\n");
			wb_buf_reset(&t);
			value_text(&t, &f, v, "%");
			if (w >= text_width(wb_buf_cstr(&t)) + 6) {
				wb_buf_puts(out, "<text x=\"");
				xy(out, x + w / 2);
				wb_buf_puts(out, "\" y=\"");
				xy(out, y + BAR_H / 2 + 4);
				wb_buf_printf(out, "\" text-anchor=\"middle\" "
				    "fill=\"%s\">", seg_style[k].text);
				wb_buf_html(out, wb_buf_cstr(&t), t.n);
				wb_buf_puts(out, "</text>\n");
			}
			wb_buf_free(&t);
			x += w;
		}
		/* An outline so the light segments stand out from the page. */
		wb_buf_puts(out, "<rect x=\"");
		xy(out, pl);
		wb_buf_puts(out, "\" y=\"");
		xy(out, y);
		wb_buf_puts(out, "\" width=\"");
		xy(out, pw);
		wb_buf_printf(out, "\" height=\"%d\" fill=\"none\" "
		    "stroke=\"" C_AXIS "\"/>\n</g>\n", BAR_H);
	}
	if (c->ngroups == 0)
		text_at(out, pl + pw / 2, 12 + BAR_H / 2 + 4, "middle",
		    "wb-chart-empty", tr(&f, "geen gegevens"));

	/* Legend: a swatch and the label per category, in order. */
	cx = lw;
	y = legend_y;
	for (k = 0; k < c->ncats; k++) {
		iw = 22 + text_width(c->cats[k]) + 20;
		if (cx + iw > PR && cx > lw) {
			y += LEGEND_ROW;
			cx = lw;
		}
		wb_buf_printf(out, "<g class=\"wb-chart-legend\">\n<rect "
		    "class=\"wb-chart-c%zu\" x=\"%d\" y=\"", k + 1, cx);
		xy(out, y - 12);
		wb_buf_printf(out, "\" width=\"14\" height=\"14\" fill=\"%s\" "
		    "stroke=\"" C_AXIS "\"/>\n", seg_style[k].fill);
		text_at(out, cx + 22, y, NULL, NULL, c->cats[k]);
		wb_buf_puts(out, "</g>\n");
		cx += iw;
	}
	wb_buf_puts(out, "</svg>\n");
	return wb_buf_error(out);
}

/* A table cell for a value that is not shown: visible `mark`, and the
 * reason (raw text, escaped here) for screen readers. */
static void
hidden_cell(struct wb_buf *out, const char *attrs, const char *mark,
    const char *why)
{
	wb_buf_printf(out, "<td%s><span aria-hidden=\"true\">", attrs);
	esc(out, mark);
	wb_buf_puts(out, "</span><span class=\"visually-hidden\">");
	esc(out, why);
	wb_buf_puts(out, "</span></td>");
}

/* The opening of a data table up to the first header cell's text. */
static void
table_open(struct wb_buf *out, const char *id, const char *title,
    const char *first)
{
	wb_buf_printf(out, "<div class=\"table-wrap\" tabindex=\"0\" "
	    "role=\"region\" aria-labelledby=\"%s-caption\">\n"
	    "<table class=\"chart-table\">\n<caption id=\"%s-caption\">",
	    id, id);
	esc(out, title);
	wb_buf_puts(out, "</caption>\n<thead>\n<tr><th scope=\"col\">");
	esc(out, first);
	wb_buf_puts(out, "</th>");
}

int
wb_chart_table(struct wb_buf *out, const struct wb_chart *c,
    struct wb_err *err)
{
	struct fmt	 f;
	struct wb_buf	 t;
	size_t		 i, s;
	int		 rc;

	rc = check_line(c, err);
	if (rc != 0)
		return rc;
	f = FMT_OF(c);

	table_open(out, c->id, c->title, c->x_title != NULL ? c->x_title :
	    tr(&f, "Periode"));
	for (s = 0; s < c->nseries; s++) {
		const char	*h = c->series[s].label;

		if (h == NULL || h[0] == '\0')
			h = c->y_title != NULL ? c->y_title :
			    tr(&f, "Waarde");
		wb_buf_puts(out, "<th scope=\"col\" class=\"num\">");
		esc(out, h);
		wb_buf_puts(out, "</th>");
	}
	wb_buf_puts(out, "</tr>\n</thead>\n<tbody>\n");
	wb_buf_init(&t, 4096);
	for (i = 0; i < c->npoints; i++) {
		wb_buf_puts(out, "<tr><th scope=\"row\">");
		esc(out, c->x_labels[i]);
		wb_buf_puts(out, "</th>");
		for (s = 0; s < c->nseries; s++) {
			const struct wb_chart_series	*se = &c->series[s];
			char				 mark[24];

			wb_buf_reset(&t);
			if (point_ok(se, i)) {
				value_text(&t, &f, se->value[i], c->unit);
				wb_buf_puts(out, "<td class=\"num\">");
				wb_buf_html(out, wb_buf_cstr(&t), t.n);
				wb_buf_puts(out, "</td>");
			} else if (se->flag[i] == WB_CHART_SUPPRESSED) {
				(void)snprintf(mark, sizeof(mark), "<%d",
				    f.threshold);
				wb_sup_reason(&t, f.threshold, f.tr, f.trctx);
				hidden_cell(out, " class=\"num\"", mark,
				    wb_buf_cstr(&t));
			} else
				hidden_cell(out, " class=\"num\"",
				    "\xe2\x80\x93", tr(&f, "geen gegevens"));
		}
		wb_buf_puts(out, "</tr>\n");
	}
	wb_buf_free(&t);
	wb_buf_puts(out, "</tbody>\n</table>\n</div>\n");
	return wb_buf_error(out);
}

int
wb_chart_stack_table(struct wb_buf *out, const struct wb_chart_stack *c,
    struct wb_err *err)
{
	struct fmt	 f;
	struct wb_buf	 t;
	size_t		 g, k;
	char		 mark[24], span[32];
	int		 rc;

	rc = check_stack(c, err);
	if (rc != 0)
		return rc;
	f = FMT_OF(c);
	(void)snprintf(mark, sizeof(mark), "<%d", f.threshold);
	(void)snprintf(span, sizeof(span), " colspan=\"%zu\"", c->ncats);

	table_open(out, c->id, c->title, c->group_title != NULL ?
	    c->group_title : tr(&f, "Meetmoment"));
	for (k = 0; k < c->ncats; k++) {
		wb_buf_puts(out, "<th scope=\"col\" class=\"num\">");
		esc(out, c->cats[k]);
		wb_buf_puts(out, "</th>");
	}
	if (c->n != NULL) {
		wb_buf_puts(out, "<th scope=\"col\" class=\"num\">");
		esc(out, tr(&f, "Aantal"));
		wb_buf_puts(out, "</th>");
	}
	wb_buf_puts(out, "</tr>\n</thead>\n<tbody>\n");
	wb_buf_init(&t, 4096);
	for (g = 0; g < c->ngroups; g++) {
		unsigned char	fl = group_flag(c, g);

		wb_buf_puts(out, "<tr><th scope=\"row\">");
		esc(out, c->groups[g]);
		wb_buf_puts(out, "</th>");
		wb_buf_reset(&t);
		if (fl == WB_CHART_SUPPRESSED)
			wb_sup_reason(&t, f.threshold, f.tr, f.trctx);
		for (k = 0; k < c->ncats && fl == WB_CHART_OK; k++) {
			wb_buf_reset(&t);
			value_text(&t, &f, c->value[g * c->ncats + k], "%");
			wb_buf_puts(out, "<td class=\"num\">");
			wb_buf_html(out, wb_buf_cstr(&t), t.n);
			wb_buf_puts(out, "</td>");
		}
		if (fl == WB_CHART_SUPPRESSED && c->ncats > 0)
			hidden_cell(out, span, mark, wb_buf_cstr(&t));
		else if (fl == WB_CHART_MISSING && c->ncats > 0)
			hidden_cell(out, span, "\xe2\x80\x93",
			    tr(&f, "geen gegevens"));
		if (c->n == NULL) {
			wb_buf_puts(out, "</tr>\n");
			continue;
		}
		if (fl == WB_CHART_SUPPRESSED) {
			wb_buf_reset(&t);
			wb_sup_reason(&t, f.threshold, f.tr, f.trctx);
			hidden_cell(out, " class=\"num\"", mark,
			    wb_buf_cstr(&t));
		} else
			wb_buf_printf(out, "<td class=\"num\">%lld</td>",
			    (long long)c->n[g]);
		wb_buf_puts(out, "</tr>\n");
	}
	wb_buf_free(&t);
	wb_buf_puts(out, "</tbody>\n</table>\n</div>\n");
	return wb_buf_error(out);
}
