/* csv_stream.h - strict CSV read row by row, for files too big to hold
 * as a table (the command line's imports of a million rows).
 *
 * The rules are those of wb_csv_parse() (csv.h): UTF-8 with or without a
 * BOM, ';' or ',' detected from the header line, CRLF, LF or CR line ends,
 * RFC 4180 quoting, TAB inside a cell and CR/LF only inside a quoted one,
 * no other control character, no invalid UTF-8, blank lines only at the
 * end, at most WB_MAX_CSV_COLS columns and WB_MAX_CSV_FIELD bytes per
 * cell; cells are kept exactly as written.  What differs:
 *
 *  - rows are handed to the caller's callback one at a time, the header
 *    first, and nothing is kept: a row and its cells are valid only
 *    during the call, so reading costs the same memory for ten rows and
 *    for ten million;
 *  - the limits of size and rows are the caller's (max_bytes, max_rows),
 *    so the web upload keeps WB_MAX_UPLOAD / WB_MAX_CSV_ROWS and the
 *    command line may allow WB_MAX_IMPORT_BYTES / WB_MAX_IMPORT_ROWS;
 *  - input comes from memory or from a file descriptor, read in chunks;
 *    a regular file is read and split by a second thread while the
 *    callback runs (in the caller's thread, in order), with at most three
 *    batches of rows (each up to 8192 rows or 1 MiB) held at once.
 *
 * Reading stops at the first malformed byte: the error (WB_EINVAL, a Dutch
 * message naming the line, as csv.h's) ends the read.  Exceeding a limit
 * is WB_ETOOBIG; a read(2) failure WB_EIO.
 */
#ifndef WB_CSV_STREAM_H
#define WB_CSV_STREAM_H

#include "base/err.h"
#include "io/csv.h"

struct wb_csv_stream {
	/* Set by the caller before reading. */
	uint64_t	 max_bytes;	/* of the input, BOM included */
	size_t		 max_rows;	/* data rows after the header */
	/* Called for every row, the header (r->line 1 or later) first.
	 * Return 0 to go on; anything else stops the read, which then
	 * returns that value (the callback fills the error itself). */
	int		(*row)(void *arg, const struct wb_csv_row *r,
			    struct wb_err *err);
	void		*arg;
	/* Kept up to date while reading, for progress and messages. */
	char		 delim;		/* ';' or ',' (from the header) */
	uint64_t	 bytes;		/* input read so far */
	size_t		 rows;		/* rows handed out, header included */
};

/* Read data[0..n) row by row. */
int	wb_csv_stream_mem(struct wb_csv_stream *s, const char *data, size_t n,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Read the file `fd` to its end row by row (the caller closes it). */
int	wb_csv_stream_fd(struct wb_csv_stream *s, int fd, struct wb_err *err)
	    WB_WARN_UNUSED;

#endif /* WB_CSV_STREAM_H */
