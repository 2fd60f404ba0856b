/* csv.c - strict CSV reader on libcsv, and a formula-safe writer. */
#include "io/csv.h"
#include "base/limits.h"
#include "base/mem.h"
#include "base/str.h"

#include <csv.h>

#define CHUNK	(64 * 1024)	/* bytes handed to libcsv per call */

/* Parser state shared with the libcsv callbacks. */
struct ctx {
	struct wb_arena		*a;
	struct wb_err		*err;
	int			 rc;		/* first error, sticky */
	size_t			 line;		/* current line, 1-based */
	size_t			 blank;		/* first blank line, or 0 */
	bool			 last_cr;	/* last callback ended a row on CR */
	size_t			 row_line;	/* line where this row starts */
	size_t			 ncols;
	char			*cols[WB_MAX_CSV_COLS];
	struct wb_csv_row	*rows;		/* wb_xrealloc'd */
	size_t			 nrows;
	size_t			 cap;
};

static size_t	line_at(const char *s, size_t n, size_t off);
static void	on_field(void *s, size_t n, void *data);
static void	on_row(int c, void *data);
static bool	needs_guard(char c);

/* libcsv space predicate: no character is white space, so nothing is
 * trimmed. */
int
wb_csv_no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* The delimiter of the first line: ';' or ',' outside quotes (';' wins),
 * ',' when neither occurs. */
char
wb_csv_detect_delim(const char *s, size_t n)
{
	size_t	i;
	bool	quoted = false;

	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (s[i] == '\r' || s[i] == '\n')
			break;
		else if (s[i] == ';')
			return ';';
	}
	return ',';
}

/* The 1-based line of byte `off` in s[0..n); CRLF, LF and CR end a line. */
static size_t
line_at(const char *s, size_t n, size_t off)
{
	size_t	i, line = 1;

	for (i = 0; i < off && i < n; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n ||
		    s[i + 1] != '\n')))
			line++;
	return line;
}

/* True when the cell s[0..n) is valid UTF-8 whose only control characters
 * are TAB and line ends; *lines gets the number of line ends in it, and on
 * failure *bad_line the number of line ends before the bad one. */
bool
wb_csv_cell_ok(const char *s, size_t n, size_t *lines, size_t *bad_line)
{
	size_t	i, start = 0;

	*lines = 0;
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '\r' && s[i] != '\n')
			continue;
		/* UTF-8 sequences never contain CR or LF bytes. */
		if (!wb_utf8_valid(s + start, i - start, false)) {
			*bad_line = *lines;
			return false;
		}
		if (i < n && !(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'))
			(*lines)++;
		start = i + 1;
	}
	return true;
}

/* libcsv field callback: check the cell and keep an arena copy of it. */
static void
on_field(void *s, size_t n, void *data)
{
	struct ctx	*c = data;
	size_t		 lines, bad;

	if (c->rc != 0)
		return;
	c->last_cr = false;
	if (c->ncols == 0) {
		c->row_line = c->line;
		if (c->blank != 0) {
			c->rc = wb_err_set(c->err, WB_EINVAL,
			    "regel %zu: lege regel", c->blank);
			return;
		}
	}
	if (c->ncols == WB_MAX_CSV_COLS) {
		c->rc = wb_err_set(c->err, WB_EINVAL,
		    "regel %zu: meer dan %d kolommen", c->row_line,
		    WB_MAX_CSV_COLS);
		return;
	}
	if (n > WB_MAX_CSV_FIELD) {
		c->rc = wb_err_set(c->err, WB_EINVAL,
		    "regel %zu: kolom %zu is te lang (meer dan %d bytes)",
		    c->line, c->ncols + 1, WB_MAX_CSV_FIELD);
		return;
	}
	if (!wb_csv_cell_ok(s, n, &lines, &bad)) {
		c->rc = wb_err_set(c->err, WB_EINVAL,
		    "regel %zu: kolom %zu bevat ongeldige tekens "
		    "(geen UTF-8 of een stuurteken)", c->line + bad,
		    c->ncols + 1);
		return;
	}
	c->cols[c->ncols++] = wb_arena_strndup(c->a, s, n);
	c->line += lines;
}

/* libcsv row callback: end the current row, or note a blank line.  `ch`
 * is the character that ended the row, -1 at the end of the input. */
static void
on_row(int ch, void *data)
{
	struct ctx		*c = data;
	struct wb_csv_row	*r;
	size_t			 size;

	if (c->rc != 0)
		return;
	if (ch == '\n' && c->ncols == 0 && c->last_cr) {
		c->last_cr = false;	/* the LF of a CRLF */
		return;
	}
	c->last_cr = ch == '\r';
	if (c->ncols == 0) {
		if (c->blank == 0)
			c->blank = c->line;
		c->line++;
		return;
	}
	if (c->nrows == (size_t)WB_MAX_CSV_ROWS + 1) {
		c->rc = wb_err_set(c->err, WB_ETOOBIG,
		    "het bestand heeft meer dan %d rijen", WB_MAX_CSV_ROWS);
		return;
	}
	if (c->nrows == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		if (!wb_mul_ok(c->cap, sizeof(*c->rows), &size))
			abort();
		c->rows = wb_xrealloc(c->rows, size);
	}
	r = &c->rows[c->nrows++];
	r->line = c->row_line;
	r->ncols = c->ncols;
	r->cols = wb_arena_array(c->a, c->ncols, sizeof(*r->cols));
	memcpy(r->cols, c->cols, c->ncols * sizeof(*r->cols));
	c->ncols = 0;
	if (ch != -1)
		c->line++;
}

int
wb_csv_parse(struct wb_arena *a, const char *data, size_t n,
    struct wb_csv_table *out, struct wb_err *err)
{
	struct csv_parser	 p;
	struct ctx		 c;
	bool			 parser = false;
	size_t			 off, len, done;
	char			 delim;
	int			 rc = 0;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.err = err;
	c.line = 1;

	if (n > WB_MAX_UPLOAD) {
		rc = wb_err_set(err, WB_ETOOBIG,
		    "het bestand is te groot (meer dan %d bytes)",
		    WB_MAX_UPLOAD);
		goto out;
	}
	if (n >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		n -= 3;
	}
	delim = wb_csv_detect_delim(data, n);

	if (WB_NEVER(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_APPEND_NULL | CSV_REPALL_NL) != 0)) {
		rc = wb_err_set(err, WB_EIO, "csv_init failed");
		goto out;
	}
	parser = true;
	csv_set_delim(&p, (unsigned char)delim);
	csv_set_space_func(&p, wb_csv_no_space);
	csv_set_realloc_func(&p, wb_xrealloc);

	for (off = 0; off < n && c.rc == 0; off += len) {
		len = n - off < CHUNK ? n - off : CHUNK;
		done = csv_parse(&p, data + off, len, on_field, on_row, &c);
		if (c.rc != 0)
			break;
		if (done != len || csv_error(&p) != CSV_SUCCESS) {
			rc = wb_err_set(err, WB_EINVAL,
			    "regel %zu: ongeldig aanhalingsteken",
			    line_at(data, n, off + done));
			goto out;
		}
	}
	if (c.rc == 0 && csv_fini(&p, on_field, on_row, &c) != 0) {
		rc = wb_err_set(err, WB_EINVAL,
		    "regel %zu: aanhalingsteken niet afgesloten", c.line);
		goto out;
	}
	if (c.rc != 0) {
		rc = c.rc;
		goto out;
	}
	if (c.nrows == 0) {
		rc = wb_err_set(err, WB_EINVAL, "het bestand is leeg");
		goto out;
	}

	out->delim = delim;
	out->nrows = c.nrows;
	out->rows = wb_arena_array(a, c.nrows, sizeof(*out->rows));
	memcpy(out->rows, c.rows, c.nrows * sizeof(*out->rows));
out:
	if (parser)
		csv_free(&p);
	free(c.rows);
	return rc;
}

int
wb_csv_column(const struct wb_csv_table *t, const char *name)
{
	const struct wb_csv_row	*h;
	size_t			 i;

	if (t == NULL || t->nrows == 0 || name == NULL)
		return -1;
	h = &t->rows[0];
	for (i = 0; i < h->ncols && i < (size_t)INT32_MAX; i++)
		if (wb_str_caseeq(wb_str_trim(wb_str_c(h->cols[i])), name))
			return (int)i;
	return -1;
}

void
wb_csv_write_bom(struct wb_buf *out)
{
	wb_buf_append(out, "\xef\xbb\xbf", 3);
}

/* True when a spreadsheet could read a cell starting with `c` as a
 * formula. */
static bool
needs_guard(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	    c == '\r';
}

void
wb_csv_write_row(struct wb_buf *out, char delim, const char *const *cells,
    size_t n)
{
	const char	*s;
	size_t		 i, k, len, start;
	bool		 quote;

	if (n == 0 || (n == 1 && (cells[0] == NULL || cells[0][0] == '\0'))) {
		wb_buf_append(out, "\"\"\r\n", 4);
		return;
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			wb_buf_putc(out, delim);
		s = cells[i] != NULL ? cells[i] : "";
		len = strlen(s);
		quote = strpbrk(s, ";,\"\r\n") != NULL ||
		    (len > 0 && memchr(s, delim, len) != NULL);
		if (quote)
			wb_buf_putc(out, '"');
		if (needs_guard(s[0]))
			wb_buf_putc(out, '\'');
		if (!quote) {
			wb_buf_append(out, s, len);
			continue;
		}
		start = 0;
		for (k = 0; k < len; k++) {
			if (s[k] != '"')
				continue;
			wb_buf_append(out, s + start, k + 1 - start);
			wb_buf_putc(out, '"');
			start = k + 1;
		}
		wb_buf_append(out, s + start, len - start);
		wb_buf_putc(out, '"');
	}
	wb_buf_append(out, "\r\n", 2);
}
