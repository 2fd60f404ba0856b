/* csv.h - strict CSV reading (on libcsv) and safe CSV writing.
 *
 * wb_csv_parse() reads a whole uploaded file held in memory: UTF-8 with or
 * without a BOM, ';' or ',' as delimiter (detected from the header line),
 * CRLF or LF line ends, RFC 4180 quoting.  Cells are kept exactly as written
 * (no trimming of spaces); a space between a closing quote and the delimiter
 * is a parse error.  TAB is accepted inside a cell, CR and LF only inside a
 * quoted cell; every other control character, and invalid UTF-8, is an error.
 * The table, its rows and its cells are NUL-terminated copies in the
 * caller's arena; nothing points into the input.  Rows may have different
 * column counts: the importer checks them against the header per row.
 *
 * wb_csv_write_row() produces RFC 4180 output with CRLF line ends and
 * neutralises spreadsheet formulas (OWASP ASVS 1.2.10): every cell that
 * starts with = + - @ TAB or CR gets a leading apostrophe.
 */
#ifndef WB_CSV_H
#define WB_CSV_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"

struct wb_csv_row {
	size_t	  line;		/* 1-based line in the file where it starts */
	size_t	  ncols;	/* >= 1 */
	char	**cols;		/* arena-owned, NUL-terminated */
};

struct wb_csv_table {
	char			 delim;	/* ';' or ',' */
	size_t			 nrows;	/* >= 1: the header plus data rows */
	struct wb_csv_row	*rows;	/* rows[0] is the header row */
};

/* Parse data[0..n) into arena copies in *out (on error *out is empty).
 * The delimiter is the one of ';' and ',' that occurs outside quotes in
 * the first line (';' when both occur, ',' when neither does, which makes
 * a one-column file).  Blank lines at the end are ignored; a blank line
 * before the last row is an error.  At most WB_MAX_CSV_ROWS data rows
 * after the header, WB_MAX_CSV_COLS columns and WB_MAX_CSV_FIELD bytes per
 * cell.  Errors: WB_EINVAL with a Dutch message for the user naming the
 * line ("regel 7: aanhalingsteken niet afgesloten"): malformed quoting,
 * invalid UTF-8 or a control character, too many columns, a too-long cell,
 * a blank line, an empty file; WB_ETOOBIG: more than WB_MAX_UPLOAD bytes or
 * more than WB_MAX_CSV_ROWS data rows. */
int	wb_csv_parse(struct wb_arena *a, const char *data, size_t n,
	    struct wb_csv_table *out, struct wb_err *err) WB_WARN_UNUSED;

/* The index of the header cell equal to `name` (ASCII case-insensitive,
 * white space around the header cell ignored), or -1. */
int	wb_csv_column(const struct wb_csv_table *t, const char *name);

/* Append a UTF-8 byte order mark, so Excel reads the file as UTF-8. */
void	wb_csv_write_bom(struct wb_buf *out);

/* Append one row of `n` cells (NULL cell = empty) separated by `delim` and
 * ended by CRLF.  A cell is quoted when it contains ';', ',', '"', CR or LF
 * (both candidate delimiters, so delimiter detection on reading the file
 * back cannot be misled); a cell starting with = + - @ TAB or CR gets a
 * leading apostrophe, inside the quotes when quoted.  A row that would be
 * an empty line (n == 0, or one empty cell) is written as "" so that it
 * reads back as one empty cell.  Errors are left in `out` (wb_buf_error). */
void	wb_csv_write_row(struct wb_buf *out, char delim,
	    const char *const *cells, size_t n);

/* The rules csv.c and csv_stream.c share.  The delimiter of a file's
 * first line: ';' or ',' outside quotes (';' wins), ',' when neither. */
char	wb_csv_detect_delim(const char *s, size_t n);
/* True when the cell s[0..n) is valid UTF-8 whose only control characters
 * are TAB and line ends; *lines gets the number of line ends in it, and on
 * failure *bad_line the number of line ends before the bad one. */
bool	wb_csv_cell_ok(const char *s, size_t n, size_t *lines,
	    size_t *bad_line);
/* libcsv's space predicate: nothing is white space, nothing trimmed. */
int	wb_csv_no_space(unsigned char c);

#endif /* WB_CSV_H */
