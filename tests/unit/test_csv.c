/* test_csv.c - the strict CSV reader and the formula-safe writer. */
#include "testutil.h"

#include "base/common.h"
#include "base/limits.h"
#include "io/csv.h"

/* One parser case: input (len 0 = strlen), expected code, and on success
 * the delimiter and the table rendered as "LINE:[cell][cell]|" per row, on
 * failure a substring of the error message. */
struct pcase {
	const char	*in;
	size_t		 len;
	int		 rc;
	char		 delim;
	const char	*want;
};

static const struct pcase good[] = {
	{ "a;b\r\nc;d\r\n", 0, 0, ';', "1:[a][b]|2:[c][d]|" },
	{ "a;b\nc;d\n", 0, 0, ';', "1:[a][b]|2:[c][d]|" },
	{ "a;b\nc;d", 0, 0, ';', "1:[a][b]|2:[c][d]|" },
	{ "a,b\r\nc,d", 0, 0, ',', "1:[a][b]|2:[c][d]|" },
	{ "\xef\xbb\xbf" "a;b\r\n1;2\r\n", 0, 0, ';', "1:[a][b]|2:[1][2]|" },
	{ "\xef\xbb\xbf" "a,b\n", 0, 0, ',', "1:[a][b]|" },
	/* ';' wins when both occur outside quotes. */
	{ "a,b;c\n1,2;3\n", 0, 0, ';', "1:[a,b][c]|2:[1,2][3]|" },
	/* A ';' inside quotes does not count. */
	{ "\"a;b\",c\n1,2\n", 0, 0, ',', "1:[a;b][c]|2:[1][2]|" },
	/* Neither: a one-column file. */
	{ "naam\nJan\nPiet\n", 0, 0, ',', "1:[naam]|2:[Jan]|3:[Piet]|" },
	{ "naam\nJan;Piet\n", 0, 0, ',', "1:[naam]|2:[Jan;Piet]|" },
	/* Quoted delimiter, "" and embedded line ends. */
	{ "a;b\n\"x;y\";z\n", 0, 0, ';', "1:[a][b]|2:[x;y][z]|" },
	{ "a\n\"zeg \"\"hoi\"\"\"\n", 0, 0, ',', "1:[a]|2:[zeg \"hoi\"]|" },
	{ "a;b\n\"x\ny\";z\nc;d\n", 0, 0, ';',
	    "1:[a][b]|2:[x\ny][z]|4:[c][d]|" },
	{ "a;b\r\n\"x\r\ny\";z\r\nc;d\r\n", 0, 0, ';',
	    "1:[a][b]|2:[x\r\ny][z]|4:[c][d]|" },
	{ "a;b\n1;\"x\n\ny\n\"\n2;3\n", 0, 0, ';',
	    "1:[a][b]|2:[1][x\n\ny\n]|6:[2][3]|" },
	{ "a;b\n\"\";\"\"\n", 0, 0, ';', "1:[a][b]|2:[][]|" },
	{ "a;b;c\n;;\n", 0, 0, ';', "1:[a][b][c]|2:[][][]|" },
	{ "\"\"\n", 0, 0, ',', "1:[]|" },
	/* Blank lines at the end are ignored. */
	{ "a\nb\n\n\r\n\n", 0, 0, ',', "1:[a]|2:[b]|" },
	{ "a;b\r\n1;2\r\n\r\n\r\n", 0, 0, ';', "1:[a][b]|2:[1][2]|" },
	/* Cells are kept exactly; TAB is allowed. */
	{ "a ; b\n", 0, 0, ';', "1:[a ][ b]|" },
	{ "a\tb;c\n", 0, 0, ';', "1:[a\tb][c]|" },
	{ "naam;plaats\nRen\xc3\xa9" "e;\xe2\x82\xac\n", 0, 0, ';',
	    "1:[naam][plaats]|2:[Renée][€]|" },
	/* Column counts may differ; the importer checks them. */
	{ "a;b\n1\n1;2;3\n", 0, 0, ';', "1:[a][b]|2:[1]|3:[1][2][3]|" },
	/* Old Mac line ends. */
	{ "a;b\rc;d\r", 0, 0, ';', "1:[a][b]|2:[c][d]|" },
	/* A quote in an unquoted cell's neighbour does not matter. */
	{ "a;\"b\"\n\"1\";2\n", 0, 0, ';', "1:[a][b]|2:[1][2]|" },
};

static const struct pcase bad[] = {
	{ "", 0, WB_EINVAL, 0, "het bestand is leeg" },
	{ "\xef\xbb\xbf", 0, WB_EINVAL, 0, "het bestand is leeg" },
	{ "\n\r\n\n", 0, WB_EINVAL, 0, "het bestand is leeg" },
	{ "a;b\n\nc;d\n", 0, WB_EINVAL, 0, "regel 2: lege regel" },
	{ "a;b\r\n\r\nc;d\r\n", 0, WB_EINVAL, 0, "regel 2: lege regel" },
	{ "\na;b\n", 0, WB_EINVAL, 0, "regel 1: lege regel" },
	{ "a;b\n1;2\n\n\n\"x\";y\n", 0, WB_EINVAL, 0, "regel 3: lege regel" },
	{ "a;b\n\"x\ny\";z\n\nc;d\n", 0, WB_EINVAL, 0,
	    "regel 4: lege regel" },
	/* Unterminated and stray quotes. */
	{ "a;b\nc;\"open\nmore\n", 0, WB_EINVAL, 0,
	    "regel 2: aanhalingsteken niet afgesloten" },
	{ "\"a;b\n", 0, WB_EINVAL, 0,
	    "regel 1: aanhalingsteken niet afgesloten" },
	{ "a;b\n\"x\ny\";z\n1;\"", 0, WB_EINVAL, 0,
	    "regel 4: aanhalingsteken niet afgesloten" },
	{ "a;b\nc;d\"e\n", 0, WB_EINVAL, 0,
	    "regel 2: ongeldig aanhalingsteken" },
	{ "a;b\n1;2\n\"x\"y;z\n", 0, WB_EINVAL, 0,
	    "regel 3: ongeldig aanhalingsteken" },
	{ "a;b\r\n\"x\r\ny\";z\r\nc;\"d\"e\r\n", 0, WB_EINVAL, 0,
	    "regel 4: ongeldig aanhalingsteken" },
	{ "\"a\" ;b\n", 0, WB_EINVAL, 0, "regel 1: ongeldig aanhalingsteken" },
	{ "a;b\rc;d\re\"\r", 0, WB_EINVAL, 0,
	    "regel 3: ongeldig aanhalingsteken" },
	/* Bad bytes. */
	{ "a;b\n1;\xff\n", 0, WB_EINVAL, 0,
	    "regel 2: kolom 2 bevat ongeldige tekens" },
	{ "a;b\n1;\xc3\n", 0, WB_EINVAL, 0,
	    "regel 2: kolom 2 bevat ongeldige tekens" },
	{ "a;b\n1;\xc0\x80\n", 0, WB_EINVAL, 0,
	    "regel 2: kolom 2 bevat ongeldige tekens" },
	{ "a;b\n1;x\x01y\n", 0, WB_EINVAL, 0,
	    "regel 2: kolom 2 bevat ongeldige tekens" },
	{ "a;b\n1;x\x7f\n", 0, WB_EINVAL, 0,
	    "regel 2: kolom 2 bevat ongeldige tekens" },
	{ "a;b\n1;\xc2\x85\n", 0, WB_EINVAL, 0,
	    "regel 2: kolom 2 bevat ongeldige tekens" },
	{ "a;b\nx\0y;1\n", 10, WB_EINVAL, 0,
	    "regel 2: kolom 1 bevat ongeldige tekens" },
	{ "\xef\xbb" "a\n", 0, WB_EINVAL, 0,
	    "regel 1: kolom 1 bevat ongeldige tekens" },
	{ "a;b\n\"x\ny\xff\";z\n", 0, WB_EINVAL, 0,
	    "regel 3: kolom 1 bevat ongeldige tekens" },
	{ "a;b\r\n\"x\r\n\r\ny\x1b\";z\r\n", 0, WB_EINVAL, 0,
	    "regel 4: kolom 1 bevat ongeldige tekens" },
	{ "a;b\n1;\"\x0c\"\n", 0, WB_EINVAL, 0,
	    "regel 2: kolom 2 bevat ongeldige tekens" },
};

/* Render a table as "LINE:[cell]...|" per row. */
static void
render(const struct wb_csv_table *t, struct wb_buf *b)
{
	size_t	i, j;

	for (i = 0; i < t->nrows; i++) {
		assert_true(t->rows[i].ncols >= 1);
		wb_buf_printf(b, "%zu:", t->rows[i].line);
		for (j = 0; j < t->rows[i].ncols; j++)
			wb_buf_printf(b, "[%s]", t->rows[i].cols[j]);
		wb_buf_putc(b, '|');
	}
}

/* Parse s[0..n) with a fresh arena; render on success. */
static int
parse(const char *s, size_t n, struct wb_buf *b, char *delim,
    struct wb_err *err)
{
	struct wb_arena		a;
	struct wb_csv_table	t;
	int			rc;

	wb_arena_init(&a);
	wb_err_clear(err);
	rc = wb_csv_parse(&a, s, n, &t, err);
	if (rc == 0) {
		render(&t, b);
		*delim = t.delim;
	} else {
		assert_int_equal(t.nrows, 0);
		assert_null(t.rows);
		assert_int_equal(err->code, rc);
	}
	wb_arena_free(&a);
	return rc;
}

static void
test_parse_table(void **state)
{
	struct wb_buf	b;
	struct wb_err	err;
	size_t		i, n;
	char		delim;
	int		rc;

	(void)state;
	for (i = 0; i < WB_NELEM(good); i++) {
		n = good[i].len ? good[i].len : strlen(good[i].in);
		wb_buf_init(&b, 1 << 20);
		rc = parse(good[i].in, n, &b, &delim, &err);
		if (rc != 0)
			fail_msg("good case %zu: %s", i, err.msg);
		assert_string_equal(wb_buf_cstr(&b), good[i].want);
		assert_int_equal(delim, good[i].delim);
		wb_buf_free(&b);
	}
	for (i = 0; i < WB_NELEM(bad); i++) {
		n = bad[i].len ? bad[i].len : strlen(bad[i].in);
		wb_buf_init(&b, 1 << 20);
		rc = parse(bad[i].in, n, &b, &delim, &err);
		if (rc != bad[i].rc)
			fail_msg("bad case %zu accepted: %s", i,
			    wb_buf_cstr(&b));
		if (strstr(err.msg, bad[i].want) == NULL)
			fail_msg("bad case %zu: \"%s\" lacks \"%s\"", i,
			    err.msg, bad[i].want);
		wb_buf_free(&b);
	}
}

/* A header of `ncols` columns, then `nrows` rows of `ncols` cells each
 * `cell` bytes long, with LF line ends. */
static void
make_csv(struct wb_buf *b, size_t ncols, size_t nrows, size_t cell)
{
	size_t	r, c, k;

	for (c = 0; c < ncols; c++)
		wb_buf_printf(b, "%sk%zu", c ? ";" : "", c);
	wb_buf_putc(b, '\n');
	for (r = 0; r < nrows; r++) {
		for (c = 0; c < ncols; c++) {
			if (c > 0)
				wb_buf_putc(b, ';');
			for (k = 0; k < cell; k++)
				wb_buf_putc(b, 'x');
		}
		wb_buf_putc(b, '\n');
	}
}

static void
test_parse_limits(void **state)
{
	struct {
		size_t		 ncols, nrows, cell;
		int		 rc;
		const char	*msg;
	} t[] = {
		{ WB_MAX_CSV_COLS, 2, 1, 0, NULL },
		{ WB_MAX_CSV_COLS + 1, 0, 1, WB_EINVAL,
		    "regel 1: meer dan 32 kolommen" },
		{ 1, 3, WB_MAX_CSV_FIELD, 0, NULL },
		{ 1, 3, WB_MAX_CSV_FIELD + 1, WB_EINVAL,
		    "regel 2: kolom 1 is te lang" },
		{ 3, 3, WB_MAX_CSV_FIELD + 1, WB_EINVAL,
		    "regel 2: kolom 1 is te lang" },
		{ 2, WB_MAX_CSV_ROWS, 1, 0, NULL },
		{ 2, WB_MAX_CSV_ROWS + 1, 1, WB_ETOOBIG, "20000 rijen" },
	};
	struct wb_arena		a;
	struct wb_csv_table	tab;
	struct wb_buf		b;
	struct wb_err		err;
	size_t			i;
	int			rc;

	(void)state;
	for (i = 0; i < WB_NELEM(t); i++) {
		wb_arena_init(&a);
		wb_buf_init(&b, WB_MAX_UPLOAD);
		make_csv(&b, t[i].ncols, t[i].nrows, t[i].cell);
		assert_int_equal(wb_buf_error(&b), 0);
		rc = wb_csv_parse(&a, b.p, b.n, &tab, &err);
		if (rc != t[i].rc)
			fail_msg("limit case %zu: rc %d", i, rc);
		if (rc == 0) {
			assert_int_equal(tab.nrows, t[i].nrows + 1);
			assert_int_equal(tab.rows[tab.nrows - 1].ncols,
			    t[i].ncols);
			assert_int_equal(tab.rows[tab.nrows - 1].line,
			    t[i].nrows + 1);
			assert_int_equal(strlen(tab.rows[1].cols[0]),
			    t[i].cell);
		} else if (strstr(err.msg, t[i].msg) == NULL)
			fail_msg("limit case %zu: \"%s\"", i, err.msg);
		wb_buf_free(&b);
		wb_arena_free(&a);
	}
}

static void
test_parse_too_many_cols_later(void **state)
{
	struct wb_buf	b, r;
	struct wb_err	err;
	size_t		c;
	char		delim;

	(void)state;
	wb_buf_init(&b, 1 << 20);
	wb_buf_init(&r, 1 << 20);
	wb_buf_puts(&b, "a;b\n1;2\n");
	for (c = 0; c < WB_MAX_CSV_COLS; c++)
		wb_buf_putc(&b, ';');
	wb_buf_putc(&b, '\n');
	assert_int_equal(parse(b.p, b.n, &r, &delim, &err), WB_EINVAL);
	assert_string_equal(err.msg, "regel 3: meer dan 32 kolommen");
	wb_buf_free(&b);
	wb_buf_free(&r);
}

static void
test_parse_max_upload(void **state)
{
	struct wb_arena		a;
	struct wb_csv_table	t;
	struct wb_buf		b;
	struct wb_err		err;

	(void)state;
	/* Blank lines at the end are ignored: pad to exactly the limit. */
	wb_arena_init(&a);
	wb_buf_init(&b, WB_MAX_UPLOAD + 1);
	wb_buf_puts(&b, "\xef\xbb\xbf" "naam;bsn\r\nJan;1\r\n");
	while (b.n < WB_MAX_UPLOAD)
		wb_buf_putc(&b, '\n');
	assert_int_equal(wb_csv_parse(&a, b.p, b.n, &t, &err), 0);
	assert_int_equal(t.nrows, 2);
	wb_buf_putc(&b, '\n');
	assert_int_equal(b.n, WB_MAX_UPLOAD + 1);
	assert_int_equal(wb_csv_parse(&a, b.p, b.n, &t, &err), WB_ETOOBIG);
	assert_int_equal(t.nrows, 0);
	wb_buf_free(&b);
	wb_arena_free(&a);
}

/* Errors far into the file report the right line, across chunk ends. */
static void
test_parse_line_numbers_large(void **state)
{
	struct wb_buf	b, r;
	struct wb_err	err;
	size_t		i;
	char		delim, want[64];

	(void)state;
	wb_buf_init(&b, WB_MAX_UPLOAD);
	wb_buf_init(&r, WB_MAX_UPLOAD);
	wb_buf_puts(&b, "a;b\r\n");
	for (i = 2; i <= 12000; i++)
		wb_buf_printf(&b, "\"%zu\r\nx\";y\r\n", i);
	/* Rows start on even lines 2..23998; the next one is 24000. */
	wb_buf_puts(&b, "z;\"oops\"!\r\n");
	assert_int_equal(parse(b.p, b.n, &r, &delim, &err), WB_EINVAL);
	snprintf(want, sizeof(want), "regel %d: ongeldig aanhalingsteken",
	    24000);
	assert_string_equal(err.msg, want);

	b.n -= strlen("z;\"oops\"!\r\n");
	wb_buf_puts(&b, "z;\xff\r\n");
	assert_int_equal(parse(b.p, b.n, &r, &delim, &err), WB_EINVAL);
	assert_string_equal(err.msg,
	    "regel 24000: kolom 2 bevat ongeldige tekens "
	    "(geen UTF-8 of een stuurteken)");
	wb_buf_free(&b);
	wb_buf_free(&r);
}

static void
test_column(void **state)
{
	struct wb_arena		a;
	struct wb_csv_table	t;
	const char		*s = " Naam ;BSN;\"e-mail\t\";Naam\n1;2;3;4\n";

	(void)state;
	wb_arena_init(&a);
	assert_int_equal(wb_csv_parse(&a, s, strlen(s), &t, NULL), 0);
	assert_int_equal(wb_csv_column(&t, "naam"), 0);
	assert_int_equal(wb_csv_column(&t, "NAAM"), 0);
	assert_int_equal(wb_csv_column(&t, "bsn"), 1);
	assert_int_equal(wb_csv_column(&t, "E-Mail"), 2);
	assert_int_equal(wb_csv_column(&t, "1"), -1);
	assert_int_equal(wb_csv_column(&t, "nam"), -1);
	assert_int_equal(wb_csv_column(&t, ""), -1);
	assert_int_equal(wb_csv_column(NULL, "naam"), -1);
	/* NULL data of length 0 is an empty file, and err may be NULL. */
	assert_int_equal(wb_csv_parse(&a, NULL, 0, &t, NULL), WB_EINVAL);
	assert_int_equal(wb_csv_column(&t, "naam"), -1);
	wb_arena_free(&a);
}

static void
test_write_row(void **state)
{
	static const struct {
		char		 delim;
		size_t		 n;
		const char	*cells[4];
		const char	*want;
	} t[] = {
		{ ';', 2, { "a", "b" }, "a;b\r\n" },
		{ ',', 3, { "a", NULL, "b" }, "a,,b\r\n" },
		{ ';', 2, { "", "" }, ";\r\n" },
		{ ';', 1, { "" }, "\"\"\r\n" },
		{ ';', 1, { NULL }, "\"\"\r\n" },
		{ ';', 0, { NULL }, "\"\"\r\n" },
		{ ';', 1, { " " }, " \r\n" },
		{ ';', 2, { "a;b", "c" }, "\"a;b\";c\r\n" },
		{ ',', 2, { "a,b", "c" }, "\"a,b\",c\r\n" },
		/* The other candidate delimiter is quoted too. */
		{ ';', 1, { "a,b" }, "\"a,b\"\r\n" },
		{ ',', 1, { "a;b" }, "\"a;b\"\r\n" },
		{ ';', 1, { "zeg \"hoi\"" }, "\"zeg \"\"hoi\"\"\"\r\n" },
		{ ';', 1, { "\"" }, "\"\"\"\"\r\n" },
		{ ';', 2, { "x\ny", "z" }, "\"x\ny\";z\r\n" },
		{ ';', 1, { "x\r\ny" }, "\"x\r\ny\"\r\n" },
		{ ';', 1, { "a\tb" }, "a\tb\r\n" },
		{ ';', 1, { "Ren\xc3\xa9" "e" }, "Renée\r\n" },
		/* Formula-injection guard, one trigger at a time. */
		{ ';', 1, { "=SUM(A1:A9)" }, "'=SUM(A1:A9)\r\n" },
		{ ';', 1, { "+31612345678" }, "'+31612345678\r\n" },
		{ ';', 1, { "-5" }, "'-5\r\n" },
		{ ';', 1, { "@SUM(1)" }, "'@SUM(1)\r\n" },
		{ ';', 1, { "\t=1" }, "'\t=1\r\n" },
		{ ';', 1, { "\r=1" }, "\"'\r=1\"\r\n" },
		{ ';', 1, { "=" }, "'=\r\n" },
		/* Inside quotes the apostrophe comes after the quote. */
		{ ';', 1, { "=HYPERLINK(\"http://x\";\"y\")" },
		    "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"\r\n" },
		{ ',', 2, { "a", "-1,5" }, "a,\"'-1,5\"\r\n" },
		/* Not triggers. */
		{ ';', 4, { "a=b", "'x", " =1", "1-2" }, "a=b;'x; =1;1-2\r\n" },
	};
	struct wb_buf	b;
	size_t		i;

	(void)state;
	for (i = 0; i < WB_NELEM(t); i++) {
		wb_buf_init(&b, 1 << 20);
		wb_csv_write_row(&b, t[i].delim, t[i].cells, t[i].n);
		if (strcmp(wb_buf_cstr(&b), t[i].want) != 0)
			fail_msg("write case %zu: got \"%s\"", i,
			    wb_buf_cstr(&b));
		wb_buf_free(&b);
	}
}

static void
test_write_bom_and_limit(void **state)
{
	const char	*cells[] = { "abc", "def" };
	struct wb_buf	b;

	(void)state;
	wb_buf_init(&b, 1 << 20);
	wb_csv_write_bom(&b);
	assert_int_equal(b.n, 3);
	assert_memory_equal(b.p, "\xef\xbb\xbf", 3);
	wb_buf_free(&b);

	wb_buf_init(&b, 6);
	wb_csv_write_row(&b, ';', cells, 2);
	assert_int_equal(wb_buf_error(&b), WB_ETOOBIG);
	wb_buf_free(&b);
}

/* Write rows with wb_csv_write_row, parse them back, compare. */
static void
test_roundtrip(void **state)
{
	static const char *const rows[][3] = {
		{ "naam", "opmerking", "bedrag" },
		{ "Renée", "zegt \"hoi\"; daarna, weg", "-12,50" },
		{ "=cmd|' /C calc'!A0", "regel 1\r\nregel 2\nregel 3", "" },
		{ "@x", "+y", "\tz" },
		{ "\rq", " spatie ", "\"" },
		{ "", "", "" },
		{ "\xf0\x9f\x98\x80", "a\tb", ";" },
	};
	static const char delims[] = { ';', ',' };
	struct wb_arena		 a;
	struct wb_csv_table	 t;
	struct wb_buf		 b;
	struct wb_err		 err;
	const char		*want;
	size_t			 d, i, j;

	(void)state;
	for (d = 0; d < WB_NELEM(delims); d++) {
		wb_arena_init(&a);
		wb_buf_init(&b, 1 << 20);
		wb_csv_write_bom(&b);
		for (i = 0; i < WB_NELEM(rows); i++)
			wb_csv_write_row(&b, delims[d], rows[i], 3);
		if (wb_csv_parse(&a, b.p, b.n, &t, &err) != 0)
			fail_msg("round trip '%c': %s", delims[d], err.msg);
		assert_int_equal(t.delim, delims[d]);
		assert_int_equal(t.nrows, WB_NELEM(rows));
		for (i = 0; i < WB_NELEM(rows); i++) {
			assert_int_equal(t.rows[i].ncols, 3);
			for (j = 0; j < 3; j++) {
				want = rows[i][j];
				if (strchr("=+-@\t\r", want[0]) != NULL &&
				    want[0] != '\0') {
					assert_int_equal(t.rows[i].cols[j][0],
					    '\'');
					assert_string_equal(
					    t.rows[i].cols[j] + 1, want);
				} else
					assert_string_equal(t.rows[i].cols[j],
					    want);
			}
		}
		/* Lines: 1, 2, 3 (to 5), 6, 7 (a CR in a cell), 9, 10. */
		assert_int_equal(t.rows[3].line, 6);
		assert_int_equal(t.rows[4].line, 7);
		assert_int_equal(t.rows[5].line, 9);
		assert_int_equal(t.rows[6].line, 10);
		wb_buf_free(&b);
		wb_arena_free(&a);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_parse_limits),
		cmocka_unit_test(test_parse_too_many_cols_later),
		cmocka_unit_test(test_parse_max_upload),
		cmocka_unit_test(test_parse_line_numbers_large),
		cmocka_unit_test(test_column),
		cmocka_unit_test(test_write_row),
		cmocka_unit_test(test_write_bom_and_limit),
		cmocka_unit_test(test_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
