/* fuzz_csv.c - libFuzzer target for the CSV reader and writer.
 *
 * Parses arbitrary bytes; on success writes every row back out with
 * wb_csv_write_row() and parses the output again, which must succeed with
 * the same rows, the same cell counts and the same cells (a cell the
 * formula guard fired on comes back with one leading apostrophe).
 */
#include "base/common.h"
#include "base/limits.h"
#include "base/str.h"
#include "io/csv.h"

/* True when the writer puts an apostrophe before this cell. */
static bool
guarded(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

/* Check the promises of wb_csv_parse() for a successful parse. */
static void
check(const struct wb_csv_table *t)
{
	size_t	i, j;

	if (t->nrows == 0 || t->nrows > (size_t)WB_MAX_CSV_ROWS + 1 ||
	    (t->delim != ';' && t->delim != ','))
		abort();
	for (i = 0; i < t->nrows; i++) {
		if (t->rows[i].ncols == 0 ||
		    t->rows[i].ncols > WB_MAX_CSV_COLS ||
		    (i > 0 && t->rows[i].line <= t->rows[i - 1].line))
			abort();
		for (j = 0; j < t->rows[i].ncols; j++) {
			const char *c = t->rows[i].cols[j];
			size_t n = strlen(c);

			if (n > WB_MAX_CSV_FIELD || !wb_utf8_valid(c, n, true))
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wb_arena		a;
	struct wb_csv_table	t, u;
	struct wb_buf		b;
	size_t			i, j;
	bool			skip = false;
	const char		*x, *y;

	wb_arena_init(&a);
	if (wb_csv_parse(&a, (const char *)data, size, &t, NULL) != 0) {
		wb_arena_free(&a);
		return 0;
	}
	check(&t);

	wb_buf_init(&b, WB_MAX_UPLOAD);
	wb_csv_write_bom(&b);
	for (i = 0; i < t.nrows; i++) {
		wb_csv_write_row(&b, t.delim, (const char *const *)
		    t.rows[i].cols, t.rows[i].ncols);
		/* The guard's apostrophe can push a cell over the limit. */
		for (j = 0; j < t.rows[i].ncols; j++)
			if (guarded(t.rows[i].cols[j]) &&
			    strlen(t.rows[i].cols[j]) == WB_MAX_CSV_FIELD)
				skip = true;
	}
	if (!skip && wb_buf_error(&b) == 0) {
		if (wb_csv_parse(&a, b.p, b.n, &u, NULL) != 0 ||
		    u.nrows != t.nrows || u.delim != t.delim)
			abort();
		for (i = 0; i < t.nrows; i++) {
			if (u.rows[i].ncols != t.rows[i].ncols)
				abort();
			for (j = 0; j < t.rows[i].ncols; j++) {
				x = t.rows[i].cols[j];
				y = u.rows[i].cols[j];
				if (guarded(x) && *y++ != '\'')
					abort();
				if (strcmp(x, y) != 0)
					abort();
			}
		}
	}
	wb_buf_free(&b);
	wb_arena_free(&a);
	return 0;
}
