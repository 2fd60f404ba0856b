/* test_chart.c - SVG charts and their data tables (src/report/chart.c).
 *
 * Golden files: the three charts the product needs (IPS employment rate
 * against the benchmarks, the IPS-25 fidelity trend with its bands, the
 * participatieladder distribution) and their tables are compared byte for
 * byte with tests/unit/golden/chart_*.  After a deliberate change to the
 * drawing, regenerate them from the top of the tree with
 *
 *     WB_GOLDEN_UPDATE=1 ./build/tests/unit/test_chart
 *
 * and look at the new files (open the .svg in a browser) and at `git diff`
 * before committing them.  The structural tests below do not depend on the
 * golden files: escaping, gaps, reference line positions, empty and
 * single-point charts, determinism, refusals.
 */
#include "testutil.h"

#include "base/common.h"
#include "base/buf.h"
#include "base/err.h"
#include "report/chart.h"

#include <math.h>

#define GOLDEN_DIR	"tests/unit/golden/"

/* Compare `b` with the golden file `name` (or rewrite it on request). */
static void
golden(const char *name, const struct wb_buf *b)
{
	char	 path[256], *want;
	FILE	*fp;
	long	 n;
	size_t	 i, line = 1;

	(void)snprintf(path, sizeof(path), GOLDEN_DIR "%s", name);
	if (getenv("WB_GOLDEN_UPDATE") != NULL) {
		fp = fopen(path, "wb");
		if (fp == NULL)
			fail_msg("cannot write %s (run from the top of the "
			    "tree)", path);
		assert_int_equal(fwrite(b->p, 1, b->n, fp), b->n);
		assert_int_equal(fclose(fp), 0);
		return;
	}
	fp = fopen(path, "rb");
	if (fp == NULL)
		fail_msg("cannot read %s (run from the top of the tree; "
		    "WB_GOLDEN_UPDATE=1 creates it)", path);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	want = malloc((size_t)n + 1);
	assert_non_null(want);
	assert_int_equal(fread(want, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	for (i = 0; i < b->n && i < (size_t)n && b->p[i] == want[i]; i++)
		if (b->p[i] == '\n')
			line++;
	if (i != b->n || i != (size_t)n) {
		print_error("%s differs at byte %zu (line %zu):\n got: %.60s\n"
		    "want: %.60s\n", path, i, line, b->p + i,
		    i < (size_t)n ? want + i : "");
		free(want);
		fail_msg("golden file %s differs (see the top of %s)", name,
		    __FILE__);
	}
	free(want);
}

/* Number of times `needle` occurs in `hay`. */
static size_t
occurs(const char *hay, const char *needle)
{
	size_t		 n = 0;
	const char	*p = hay;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* True when s holds an attribute like ` onload=`. */
static bool
event_attr(const char *s)
{
	const char	*p = s;
	size_t		 n;

	while ((p = strstr(p, " on")) != NULL) {
		p += 3;
		n = strspn(p, "abcdefghijklmnopqrstuvwxyz");
		if (n > 0 && p[n] == '=')
			return true;
	}
	return false;
}

/* What every chart and table must be: no inline style, no script, no
 * event handler, well-balanced svg/table. */
static void
expect_clean(const char *s)
{
	assert_null(strstr(s, "style="));
	assert_null(strstr(s, "<style"));
	assert_null(strstr(s, "<script"));
	assert_false(event_attr(s));
	assert_int_equal(occurs(s, "<svg"), occurs(s, "</svg>"));
	assert_int_equal(occurs(s, "<text"), occurs(s, "</text>"));
	assert_int_equal(occurs(s, "<title"), occurs(s, "</title>"));
	assert_int_equal(occurs(s, "<g "), occurs(s, "</g>"));
	assert_int_equal(occurs(s, "<table"), occurs(s, "</table>"));
	assert_int_equal(occurs(s, "<tr>"), occurs(s, "</tr>"));
}

/* ---------- The three product charts (golden) ------------------------ */

static const char *const quarters[] = {
	"2025K1", "2025K2", "2025K3", "2025K4",
	"2026K1", "2026K2", "2026K3", "2026K4",
};

static const struct wb_chart_ref ips_lines[] = {
	{ 31, 0, "31 % minimaal" },
	{ 41, 0, "41 % gemiddeld" },
	{ 50, 0, "50 % excellent" },
};

static const double rate_value[] = {
	28.0, 33.3, 0, 39.95, 44.0, 0, 47.25, 52.1,
};
static const unsigned char rate_flag[] = {
	WB_CHART_OK, WB_CHART_OK, WB_CHART_SUPPRESSED, WB_CHART_OK,
	WB_CHART_OK, WB_CHART_MISSING, WB_CHART_OK, WB_CHART_OK,
};

static struct wb_chart_series rate_series = {
	"Werkend (regulier)", rate_value, rate_flag,
};

static struct wb_chart
rate_chart(void)
{
	struct wb_chart	c = {
		.id = "werkend",
		.title = "Werkend in een reguliere baan per kwartaal",
		.desc = "Aandeel van de cliënten dat regulier werkte.",
		.x_title = "Kwartaal",
		.y_title = "Werkend (%)",
		.unit = "%",
		.x_labels = quarters,
		.npoints = 8,
		.series = &rate_series,
		.nseries = 1,
		.decimals = 1,
		.lines = ips_lines,
		.nlines = 3,
	};

	return c;
}

static void
test_golden_rate(void **state)
{
	struct wb_chart	c = rate_chart();
	struct wb_buf	b;
	struct wb_err	err = { 0 };

	(void)state;
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_line(&b, &c, &err), 0);
	expect_clean(wb_buf_cstr(&b));
	golden("chart_rate.svg", &b);
	wb_buf_reset(&b);
	assert_int_equal(wb_chart_table(&b, &c, &err), 0);
	expect_clean(wb_buf_cstr(&b));
	golden("chart_rate_table.html", &b);
	wb_buf_free(&b);
}

static const struct wb_chart_ref fidelity_bands[] = {
	{ 74, 100, "Redelijk" },
	{ 100, 115, "Goed" },
	{ 115, 125, "Voorbeeldig" },
};

static void
test_golden_fidelity(void **state)
{
	static const char *const when[] = {
		"2024-1", "2024-2", "2025-1", "2025-2", "2026-1",
	};
	static const double a[] = { 68, 81, 97, 104, 112 };
	static const double b2[] = { 0, 92, 101, 0, 117 };
	static const unsigned char bf[] = {
		WB_CHART_MISSING, WB_CHART_OK, WB_CHART_OK, WB_CHART_MISSING,
		WB_CHART_OK,
	};
	const struct wb_chart_series series[] = {
		{ "IPS-team Oss", a, NULL },
		{ "IPS-team Uden & Veghel", b2, bf },
	};
	struct wb_chart	c = {
		.id = "trouw",
		.title = "IPS-25 modelgetrouwheid",
		.x_title = "Review",
		.y_title = "Totaalscore",
		.x_labels = when,
		.npoints = 5,
		.series = series,
		.nseries = 2,
		.y_min = 25,
		.y_max = 125,
		.y_step = 25,
		.bands = fidelity_bands,
		.nbands = 3,
	};
	struct wb_buf	b;
	struct wb_err	err = { 0 };

	(void)state;
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_line(&b, &c, &err), 0);
	expect_clean(wb_buf_cstr(&b));
	golden("chart_fidelity.svg", &b);
	wb_buf_reset(&b);
	assert_int_equal(wb_chart_table(&b, &c, &err), 0);
	golden("chart_fidelity_table.html", &b);
	wb_buf_free(&b);
}

static const char *const rungs[] = {
	"Geïsoleerd", "Sociale contacten buitenshuis",
	"Georganiseerde activiteiten", "Onbetaald werk",
	"Betaald werk met ondersteuning", "Betaald werk",
};

static const char *const moments[] = {
	"Start", "Na 6 maanden", "Na 12 maanden", "Na 24 maanden",
};

static const double ladder[] = {
	12.5, 25.0, 30.0, 20.0, 7.5, 5.0,
	5.0, 20.0, 25.0, 25.0, 15.0, 10.0,
	0, 0, 0, 0, 0, 0,
	2.4, 9.8, 17.1, 24.4, 26.8, 19.5,
};

static const unsigned char ladder_flag[] = {
	WB_CHART_OK, WB_CHART_OK, WB_CHART_SUPPRESSED, WB_CHART_OK,
};

static const int64_t ladder_n[] = { 40, 40, 7, 41 };

static struct wb_chart_stack
ladder_chart(void)
{
	struct wb_chart_stack	c = {
		.id = "ladder",
		.title = "Participatieladder per meetmoment",
		.desc = "Verdeling van de cliënten over de zes treden.",
		.groups = moments,
		.ngroups = 4,
		.cats = rungs,
		.ncats = 6,
		.value = ladder,
		.flag = ladder_flag,
		.n = ladder_n,
		.decimals = 1,
	};

	return c;
}

static void
test_golden_ladder(void **state)
{
	struct wb_chart_stack	c = ladder_chart();
	struct wb_buf		b;
	struct wb_err		err = { 0 };

	(void)state;
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_stack(&b, &c, &err), 0);
	expect_clean(wb_buf_cstr(&b));
	golden("chart_ladder.svg", &b);
	wb_buf_reset(&b);
	assert_int_equal(wb_chart_stack_table(&b, &c, &err), 0);
	expect_clean(wb_buf_cstr(&b));
	golden("chart_ladder_table.html", &b);
	wb_buf_free(&b);
}

/* ---------- Structure ------------------------------------------------- */

/* Every text from the spec is escaped, in the SVG and in the table. */
static void
test_escaping(void **state)
{
	static const char *const labels[] = { "<script>", "a&b" };
	static const double v[] = { 10, 20 };
	static const struct wb_chart_ref ref[] = { { 30, 0, "ref \"x\"<" } };
	struct wb_chart_series	se = { "s'<b>", v, NULL };
	struct wb_chart		c = {
		.id = "esc",
		.title = "<&\">",
		.desc = "d<i>",
		.x_title = "x<",
		.y_title = "y>",
		.unit = "<u>",
		.x_labels = labels,
		.npoints = 2,
		.series = &se,
		.nseries = 1,
		.lines = ref,
		.nlines = 1,
	};
	const char *const	 cats[] = { "<c1>", "c&2" };
	const char *const	 groups[] = { "\"g\"" };
	const double		 sv[] = { 40, 60 };
	struct wb_chart_stack	 st = {
		.id = "esc2", .title = "<&\">", .groups = groups, .ngroups = 1,
		.cats = cats, .ncats = 2, .value = sv, .group_title = "<gt>",
	};
	struct wb_buf		 b;
	struct wb_err		 err = { 0 };
	const char		*s;

	(void)state;
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_line(&b, &c, &err), 0);
	assert_int_equal(wb_chart_table(&b, &c, &err), 0);
	assert_int_equal(wb_chart_stack(&b, &st, &err), 0);
	assert_int_equal(wb_chart_stack_table(&b, &st, &err), 0);
	s = wb_buf_cstr(&b);
	expect_clean(s);
	assert_non_null(strstr(s, "<title id=\"esc-title\">&lt;&amp;&quot;"
	    "&gt;</title>"));
	assert_non_null(strstr(s, "<caption id=\"esc-caption\">&lt;&amp;"
	    "&quot;&gt;</caption>"));
	assert_non_null(strstr(s, "&lt;script&gt;"));
	assert_non_null(strstr(s, "a&amp;b"));
	assert_non_null(strstr(s, "s&#39;&lt;b&gt;"));
	assert_non_null(strstr(s, "ref &quot;x&quot;&lt;"));
	assert_non_null(strstr(s, "d&lt;i&gt;"));
	assert_non_null(strstr(s, "&lt;c1&gt;"));
	assert_non_null(strstr(s, "&quot;g&quot;"));
	assert_non_null(strstr(s, "&lt;gt&gt;"));
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "<b>"));
	assert_null(strstr(s, "<i>"));
	assert_null(strstr(s, "<u>"));
	assert_null(strstr(s, "<c1>"));
	assert_null(strstr(s, "<gt>"));
	assert_null(strstr(s, "\"g\""));
	wb_buf_free(&b);
}

/* The <path d> of series 1, copied into buf. */
static const char *
series_path(const char *svg, char *buf, size_t size)
{
	const char	*p = strstr(svg, "wb-chart-s1\">\n<path d=\"");
	const char	*e;

	if (p == NULL)
		return NULL;
	p = strchr(p, 'd') + 0;
	p = strstr(p, "d=\"") + 3;
	e = strchr(p, '"');
	assert_true((size_t)(e - p) < size);
	memcpy(buf, p, (size_t)(e - p));
	buf[e - p] = '\0';
	return buf;
}

/* Missing and suppressed points break the line and are named in the
 * description; the legend explains the gap. */
static void
test_gaps(void **state)
{
	struct wb_chart	c = rate_chart();
	struct wb_buf	b;
	struct wb_err	err = { 0 };
	char		d[1024];
	const char	*s;

	(void)state;
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_line(&b, &c, &err), 0);
	s = wb_buf_cstr(&b);
	/* 8 points, 2 gaps: segments 0-1, 3-4, 6-7 */
	assert_non_null(series_path(s, d, sizeof(d)));
	assert_int_equal(occurs(d, "M"), 3);
	assert_int_equal(occurs(d, "L"), 3);
	assert_int_equal(occurs(s, "<circle"), 6);
	/* the plot runs from 52 to 514 (the reference labels need 112
	 * units on the right), so x of point i is 52 + (i + 0.5) * 462 / 8;
	 * 28 % is at y 30 + 0.72 * 240 */
	assert_non_null(strstr(d, "M80.9 202.8L"));
	assert_non_null(strstr(s, "2025K3 minder dan 10, niet getoond;"));
	assert_non_null(strstr(s, "2026K2 geen gegevens;"));
	assert_non_null(strstr(s, "2025K4 40,0" "\xc2\xa0" "%;"));
	assert_non_null(strstr(s, "Onderbreking in de lijn"));
	/* a suppressed value never appears as a number */
	wb_buf_free(&b);

	/* no gap: no note, one M */
	{
		static const double	v[] = { 10, 20, 30 };
		struct wb_chart_series	se = { "x", v, NULL };

		c.series = &se;
		c.npoints = 3;
		wb_buf_init(&b, 1 << 20);
		assert_int_equal(wb_chart_line(&b, &c, &err), 0);
		s = wb_buf_cstr(&b);
		assert_non_null(series_path(s, d, sizeof(d)));
		assert_int_equal(occurs(d, "M"), 1);
		assert_int_equal(occurs(d, "L"), 2);
		assert_null(strstr(s, "Onderbreking"));
		wb_buf_free(&b);
	}
}

/* Reference lines sit at y = 30 + (100 - v) / 100 * 240, span the plot
 * (52 .. 514) and carry their label to the right of it, pushed apart
 * when close; bands span their range. */
static void
test_reference_positions(void **state)
{
	struct wb_chart	c = rate_chart();
	struct wb_buf	b;
	struct wb_err	err = { 0 };
	const char	*s;

	(void)state;
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_line(&b, &c, &err), 0);
	s = wb_buf_cstr(&b);
	assert_non_null(strstr(s, "<line class=\"wb-chart-ref\" x1=\"52\" "
	    "x2=\"514\" y1=\"195.6\" y2=\"195.6\""));
	assert_non_null(strstr(s, "<line class=\"wb-chart-ref\" x1=\"52\" "
	    "x2=\"514\" y1=\"171.6\" y2=\"171.6\""));
	assert_non_null(strstr(s, "<line class=\"wb-chart-ref\" x1=\"52\" "
	    "x2=\"514\" y1=\"150\" y2=\"150\""));
	assert_non_null(strstr(s, "<text x=\"520\" y=\"199.6\" class=\""
	    "wb-chart-ref-label\">31 % minimaal</text>"));
	/* 41 (175.6) and 50 (154) are 21.6 apart: untouched */
	assert_non_null(strstr(s, "<text x=\"520\" y=\"175.6\" class=\""
	    "wb-chart-ref-label\">41 % gemiddeld</text>"));
	assert_non_null(strstr(s, "<text x=\"520\" y=\"154\" class=\""
	    "wb-chart-ref-label\">50 % excellent</text>"));
	assert_non_null(strstr(s, "Referentielijnen: 31 % minimaal; 41 % "
	    "gemiddeld; 50 % excellent."));
	/* grid: 0, 20, ..., 100 at y 270 ... 30 */
	assert_non_null(strstr(s, "y1=\"270\" y2=\"270\""));
	assert_non_null(strstr(s, "y1=\"30\" y2=\"30\""));
	assert_int_equal(occurs(s, "<line class=\"wb-chart-grid\""), 6);
	wb_buf_free(&b);

	/* Lines at 40 and 42 (label baselines 178 and 173.2): the lower
	 * label moves down to a text line below the upper one. */
	{
		static const struct wb_chart_ref close[] = {
			{ 40, 0, "veertig" }, { 42, 0, "tweeënveertig" },
		};

		c.lines = close;
		c.nlines = 2;
		wb_buf_init(&b, 1 << 20);
		assert_int_equal(wb_chart_line(&b, &c, &err), 0);
		s = wb_buf_cstr(&b);
		assert_non_null(strstr(s, "y=\"173.2\" class=\"wb-chart-ref-"
		    "label\">tweeënveertig</text>"));
		assert_non_null(strstr(s, "y=\"188.2\" class=\"wb-chart-ref-"
		    "label\">veertig</text>"));
		wb_buf_free(&b);
	}

	/* Bands on 25 .. 125: Goed 100 .. 115 is y 90 .. 54 */
	{
		static const double	v[] = { 80 };
		struct wb_chart_series	se = { NULL, v, NULL };

		c = (struct wb_chart){ .id = "f", .title = "t",
		    .x_labels = quarters, .npoints = 1, .series = &se,
		    .nseries = 1, .y_min = 25, .y_max = 125,
		    .bands = fidelity_bands, .nbands = 3 };
		wb_buf_init(&b, 1 << 20);
		assert_int_equal(wb_chart_line(&b, &c, &err), 0);
		s = wb_buf_cstr(&b);
		assert_non_null(strstr(s, "x=\"52\" y=\"54\" width=\"572\" "
		    "height=\"36\""));
		assert_non_null(strstr(s, ">Goed</text>"));
		assert_non_null(strstr(s, "Banden: Redelijk 74\xe2\x80\x93"
		    "100; Goed 100\xe2\x80\x93" "115; Voorbeeldig "
		    "115\xe2\x80\x93" "125."));
		/* the automatic grid: multiples of 20 inside 25 .. 125 */
		assert_int_equal(occurs(s, "<line class=\"wb-chart-grid\""),
		    5);
		assert_non_null(strstr(s, ">40</text>"));
		assert_non_null(strstr(s, ">120</text>"));
		wb_buf_free(&b);
	}
}

/* No series, no points, all missing: axes and "geen gegevens", no line,
 * no marker, no legend. */
static void
test_empty(void **state)
{
	static const double		v[] = { 0, 0, 0 };
	static const unsigned char	f[] = { 1, 2, 1 };
	struct wb_chart_series		se = { "x", v, f };
	struct wb_chart			c = { .id = "e", .title = "Leeg",
	    .x_labels = quarters };
	struct wb_chart_stack		st = { .id = "e2", .title = "Leeg" };
	struct wb_buf			b;
	struct wb_err			err = { 0 };
	const char			*s;
	int				 round;

	(void)state;
	for (round = 0; round < 3; round++) {
		if (round == 1)
			c.npoints = 3;			/* points, no series */
		if (round == 2) {
			c.series = &se;			/* all missing */
			c.nseries = 1;
		}
		wb_buf_init(&b, 1 << 20);
		assert_int_equal(wb_chart_line(&b, &c, &err), 0);
		assert_int_equal(wb_chart_table(&b, &c, &err), 0);
		s = wb_buf_cstr(&b);
		expect_clean(s);
		assert_non_null(strstr(s, "class=\"wb-chart-empty\">geen "
		    "gegevens</text>"));
		assert_null(strstr(s, "<circle"));
		assert_null(strstr(s, "wb-chart-s1\">\n<path"));
		assert_null(strstr(s, "wb-chart-legend"));
		assert_null(strstr(s, "Onderbreking"));
		assert_non_null(strstr(s, "<svg"));
		assert_non_null(strstr(s, "<caption"));
		if (round == 2) {
			assert_non_null(strstr(s, "x: 2025K1 geen gegevens; "
			    "2025K2 minder dan 10, niet getoond; 2025K3 geen "
			    "gegevens."));
			assert_int_equal(occurs(s, "visually-hidden"), 3);
		}
		wb_buf_free(&b);
	}
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_stack(&b, &st, &err), 0);
	assert_int_equal(wb_chart_stack_table(&b, &st, &err), 0);
	s = wb_buf_cstr(&b);
	expect_clean(s);
	assert_non_null(strstr(s, "geen gegevens"));
	assert_null(strstr(s, "wb-chart-bar"));
	wb_buf_free(&b);
}

/* One point: a marker and no line; the x label centred in the plot. */
static void
test_single_point(void **state)
{
	static const double	v[] = { 41 };
	struct wb_chart_series	se = { "x", v, NULL };
	struct wb_chart		c = { .id = "one", .title = "Een",
	    .x_labels = quarters, .npoints = 1, .series = &se, .nseries = 1,
	    .unit = "%", .decimals = 0 };
	struct wb_buf		b;
	struct wb_err		err = { 0 };
	const char		*s;

	(void)state;
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_line(&b, &c, &err), 0);
	s = wb_buf_cstr(&b);
	expect_clean(s);
	assert_int_equal(occurs(s, "<circle"), 1);
	assert_non_null(strstr(s, "<circle cx=\"338\" cy=\"171.6\""));
	assert_null(strstr(s, "wb-chart-s1\">\n<path"));
	assert_non_null(strstr(s, "<title>x, 2025K1: 41\xc2\xa0%</title>"));
	assert_non_null(strstr(s, "x=\"338\" y=\"290\" text-anchor=\"middle\">"
	    "2025K1</text>"));
	assert_null(strstr(s, "wb-chart-legend"));
	wb_buf_free(&b);
}

/* Same input, same bytes; and a crowded x axis is thinned. */
static void
test_deterministic(void **state)
{
	static const char *const	 many[] = {
		"2020K1", "2020K2", "2020K3", "2020K4", "2021K1", "2021K2",
		"2021K3", "2021K4", "2022K1", "2022K2", "2022K3", "2022K4",
		"2023K1", "2023K2", "2023K3", "2023K4", "2024K1", "2024K2",
		"2024K3", "2024K4", "2025K1", "2025K2", "2025K3", "2025K4",
	};
	double				 v[24];
	struct wb_chart_series		 se = { "x", v, NULL };
	struct wb_chart			 c = rate_chart();
	struct wb_chart_stack		 st = ladder_chart();
	struct wb_buf			 a, b;
	struct wb_err			 err = { 0 };
	size_t				 i;

	(void)state;
	wb_buf_init(&a, 1 << 20);
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_line(&a, &c, &err), 0);
	assert_int_equal(wb_chart_stack(&a, &st, &err), 0);
	assert_int_equal(wb_chart_line(&b, &c, &err), 0);
	assert_int_equal(wb_chart_stack(&b, &st, &err), 0);
	assert_int_equal(a.n, b.n);
	assert_memory_equal(a.p, b.p, a.n);
	wb_buf_reset(&a);

	for (i = 0; i < 24; i++)
		v[i] = (double)(i * 4 % 100);
	c.x_labels = many;
	c.npoints = 24;
	c.series = &se;
	assert_int_equal(wb_chart_line(&a, &c, &err), 0);
	/* 24 labels of 6 characters (50 units with room) on 572: every
	 * third */
	assert_non_null(strstr(wb_buf_cstr(&a), ">2020K1</text>"));
	assert_null(strstr(wb_buf_cstr(&a), ">2020K2</text>"));
	assert_null(strstr(wb_buf_cstr(&a), ">2020K3</text>"));
	assert_non_null(strstr(wb_buf_cstr(&a), ">2020K4</text>"));
	assert_int_equal(occurs(wb_buf_cstr(&a), "<circle"), 24);
	wb_buf_free(&a);
	wb_buf_free(&b);
}

static const char *
tr_en(const void *ctx, const char *msgid)
{
	static const char *const map[][2] = {
		{ "geen gegevens", "no data" },
		{ "minder dan {n}, niet getoond", "fewer than {n}, not shown" },
		{ "Periode", "Period" },
		{ "Onderbreking in de lijn: geen of te weinig gegevens",
		    "Break in the line: no or too little data" },
	};
	size_t	i;

	assert_string_equal((const char *)ctx, "en");
	for (i = 0; i < WB_NELEM(map); i++)
		if (strcmp(msgid, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/* The translation hook, the decimal point and the threshold. */
static void
test_translation_and_numbers(void **state)
{
	static const double		v[] = { 40.86, 0.04, 99.95, 7 };
	static const unsigned char	f[] = { 0, 0, 0, 2 };
	struct wb_chart_series		se = { NULL, v, f };
	struct wb_chart			c = { .id = "n", .title = "t",
	    .x_labels = quarters, .npoints = 4, .series = &se, .nseries = 1,
	    .decimals = 1, .unit = "%", .tr = tr_en, .trctx = "en",
	    .decimal_point = '.', .threshold = 5 };
	struct wb_buf			b;
	struct wb_err			err = { 0 };
	const char			*s;

	(void)state;
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_line(&b, &c, &err), 0);
	assert_int_equal(wb_chart_table(&b, &c, &err), 0);
	s = wb_buf_cstr(&b);
	assert_non_null(strstr(s, "2025K1 40.9\xc2\xa0%; 2025K2 0.0\xc2\xa0%; "
	    "2025K3 100.0\xc2\xa0%; 2025K4 fewer than 5, not shown."));
	assert_non_null(strstr(s, "Break in the line"));
	assert_non_null(strstr(s, "<th scope=\"col\">Period</th>"));
	assert_non_null(strstr(s, "<span aria-hidden=\"true\">&lt;5</span>"
	    "<span class=\"visually-hidden\">fewer than 5, not shown</span>"));
	assert_null(strstr(s, "geen gegevens"));
	assert_null(strstr(s, "40,9"));
	assert_null(strstr(s, "-0"));
	wb_buf_free(&b);
}

/* The stacked chart: segment widths, the suppressed bar, the legend. */
static void
test_stack_structure(void **state)
{
	struct wb_chart_stack	c = ladder_chart();
	struct wb_buf		b;
	struct wb_err		err = { 0 };
	const char		*s;
	static const double	miss[24] = { 0 };
	static const unsigned char mf[] = { 1, 1, 1, 1 };

	(void)state;
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_stack(&b, &c, &err), 0);
	s = wb_buf_cstr(&b);
	/* three shown bars; zero-width segments are left out (none here) */
	assert_int_equal(occurs(s, "<g class=\"wb-chart-bar\">"), 3);
	assert_int_equal(occurs(s, "<rect class=\"wb-chart-c"), 3 * 6 + 6);
	/* the suppressed bar: an outlined box with "<10", no numbers */
	assert_int_equal(occurs(s, "class=\"wb-chart-hidden\""), 1);
	assert_int_equal(occurs(s, "stroke-dasharray=\"4 3\""), 1);
	assert_non_null(strstr(s, "class=\"wb-chart-note\">&lt;10</text>"));
	assert_non_null(strstr(s, "Na 12 maanden: minder dan 10, niet "
	    "getoond."));
	assert_non_null(strstr(s, "Start: Geïsoleerd 12,5\xc2\xa0%; "));
	/* legend: one swatch per rung */
	assert_int_equal(occurs(s, "<g class=\"wb-chart-legend\">"), 6);
	wb_buf_reset(&b);
	assert_int_equal(wb_chart_stack_table(&b, &c, &err), 0);
	s = wb_buf_cstr(&b);
	assert_non_null(strstr(s, "<th scope=\"col\" class=\"num\">Aantal"
	    "</th>"));
	assert_non_null(strstr(s, "<td colspan=\"6\"><span aria-hidden=\""
	    "true\">&lt;10</span>"));
	assert_null(strstr(s, ">7</td>"));	/* the suppressed n */
	assert_non_null(strstr(s, ">41</td>"));
	wb_buf_reset(&b);

	/* all bars missing */
	c.value = miss;
	c.flag = mf;
	c.n = NULL;
	assert_int_equal(wb_chart_stack(&b, &c, &err), 0);
	assert_int_equal(wb_chart_stack_table(&b, &c, &err), 0);
	s = wb_buf_cstr(&b);
	assert_int_equal(occurs(s, "class=\"wb-chart-hidden\""), 4);
	assert_null(strstr(s, "<g class=\"wb-chart-bar\">"));
	assert_null(strstr(s, "Aantal"));
	wb_buf_free(&b);
}

/* Refusals: nothing is written, the error says what. */
static void
expect_line_refused(const struct wb_chart *c, int code)
{
	struct wb_buf	b;
	struct wb_err	err = { 0 };

	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_line(&b, c, &err), code);
	assert_int_equal(b.n, 0);
	assert_int_equal(wb_chart_table(&b, c, &err), code);
	assert_int_equal(b.n, 0);
	assert_true(err.msg[0] != '\0');
	wb_buf_free(&b);
}

static void
test_refusals(void **state)
{
	struct wb_chart		c;
	struct wb_chart_series	se;
	double			v[8];
	unsigned char		f[8] = { 0 };
	const char		*labels[WB_CHART_MAX_POINTS + 1];
	double			big[WB_CHART_MAX_POINTS + 1];
	struct wb_chart_ref	ref = { 101, 0, "te hoog" };
	struct wb_chart_ref	band = { 50, 50, "leeg" };
	struct wb_chart_stack	st;
	double			sv[24];
	struct wb_buf		b;
	struct wb_err		err = { 0 };
	size_t			i;

	(void)state;
	memcpy(v, rate_value, sizeof(v));
	se = (struct wb_chart_series){ "x", v, f };
	c = rate_chart();
	c.series = &se;

	c.id = "Werkend";
	expect_line_refused(&c, WB_EINVAL);
	c.id = "a b";
	expect_line_refused(&c, WB_EINVAL);
	c.id = "a\"onload=\"x";
	expect_line_refused(&c, WB_EINVAL);
	c.id = "";
	expect_line_refused(&c, WB_EINVAL);
	c.id = "abcdefghijabcdefghijabcdefghijabc";	/* 33 bytes */
	expect_line_refused(&c, WB_EINVAL);
	c.id = "abcdefghijabcdefghijabcdefghijab";	/* 32: fine */
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_line(&b, &c, &err), 0);
	wb_buf_free(&b);
	c.id = "w";

	c.title = NULL;
	expect_line_refused(&c, WB_EINVAL);
	c.title = "t";
	c.decimals = 4;
	expect_line_refused(&c, WB_EINVAL);
	c.decimals = 1;
	c.decimal_point = ';';
	expect_line_refused(&c, WB_EINVAL);
	c.decimal_point = 0;

	v[2] = 100.01;		/* suppressed: its value is not looked at */
	f[2] = WB_CHART_SUPPRESSED;
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_line(&b, &c, &err), 0);
	assert_null(strstr(wb_buf_cstr(&b), "100,0"));
	wb_buf_free(&b);
	f[2] = WB_CHART_OK;
	expect_line_refused(&c, WB_EINVAL);	/* out of range */
	v[2] = -0.5;
	expect_line_refused(&c, WB_EINVAL);
	v[2] = NAN;
	expect_line_refused(&c, WB_EINVAL);
	v[2] = INFINITY;
	expect_line_refused(&c, WB_EINVAL);
	v[2] = 100;		/* the edge is in range */
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_line(&b, &c, &err), 0);
	wb_buf_free(&b);
	f[3] = 3;
	expect_line_refused(&c, WB_EINVAL);
	f[3] = 0;

	c.lines = &ref;
	c.nlines = 1;
	expect_line_refused(&c, WB_EINVAL);
	c.nlines = 0;
	c.bands = &band;
	c.nbands = 1;
	expect_line_refused(&c, WB_EINVAL);
	c.nbands = 0;
	c.y_min = 50;
	c.y_max = 50;
	expect_line_refused(&c, WB_EINVAL);
	c.y_min = 0;
	c.y_max = 100;
	c.y_step = 1;		/* 100 grid lines */
	expect_line_refused(&c, WB_EINVAL);
	c.y_step = 2;		/* 50: fine */
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_line(&b, &c, &err), 0);
	wb_buf_free(&b);
	c.y_step = 0;
	c.x_labels = NULL;
	expect_line_refused(&c, WB_EINVAL);
	c.x_labels = quarters;

	/* limits: one more than allowed */
	for (i = 0; i <= WB_CHART_MAX_POINTS; i++) {
		labels[i] = "x";
		big[i] = 1;
	}
	se = (struct wb_chart_series){ "x", big, NULL };
	c.x_labels = labels;
	c.npoints = WB_CHART_MAX_POINTS + 1;
	expect_line_refused(&c, WB_ETOOBIG);
	c.npoints = WB_CHART_MAX_POINTS;
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_line(&b, &c, &err), 0);
	wb_buf_free(&b);
	c.npoints = 8;
	c.nseries = WB_CHART_MAX_SERIES + 1;
	expect_line_refused(&c, WB_ETOOBIG);
	c.nseries = 1;

	/* the output buffer's maximum */
	wb_buf_init(&b, 500);
	assert_int_equal(wb_chart_line(&b, &c, &err), WB_ETOOBIG);
	wb_buf_free(&b);

	/* stacked: a bar over 100 %, a value below 0 */
	st = ladder_chart();
	memcpy(sv, ladder, sizeof(sv));
	st.value = sv;
	sv[0] = 13.1;		/* Start adds up to 100.6 */
	wb_buf_init(&b, 1 << 20);
	assert_int_equal(wb_chart_stack(&b, &st, &err), WB_EINVAL);
	assert_int_equal(wb_chart_stack_table(&b, &st, &err), WB_EINVAL);
	assert_int_equal(b.n, 0);
	sv[0] = 12.9;		/* 100.4: rounding, accepted */
	assert_int_equal(wb_chart_stack(&b, &st, &err), 0);
	wb_buf_reset(&b);
	sv[0] = -1;
	assert_int_equal(wb_chart_stack(&b, &st, &err), WB_EINVAL);
	sv[0] = 12.5;
	st.ngroups = WB_CHART_MAX_GROUPS + 1;
	assert_int_equal(wb_chart_stack(&b, &st, &err), WB_ETOOBIG);
	st.ngroups = 4;
	st.id = "X";
	assert_int_equal(wb_chart_stack(&b, &st, &err), WB_EINVAL);
	assert_int_equal(b.n, 0);
	wb_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_rate),
		cmocka_unit_test(test_golden_fidelity),
		cmocka_unit_test(test_golden_ladder),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_gaps),
		cmocka_unit_test(test_reference_positions),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_single_point),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_translation_and_numbers),
		cmocka_unit_test(test_stack_structure),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
