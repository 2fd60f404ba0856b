/* csv_stream.c - strict CSV read row by row on libcsv (see csv_stream.h).
 *
 * The checks mirror csv.c's wb_csv_parse(); a cell is copied into one
 * buffer that is reused for every row, so a long file costs no
 * allocation per row.
 */
#include "io/csv_stream.h"
#include "base/limits.h"
#include "base/mem.h"
#include "base/str.h"

#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <unistd.h>

#include <csv.h>
#include <sodium.h>

#define CHUNK	(256 * 1024)	/* bytes read and handed to libcsv at once */

/* Parser state shared with the libcsv callbacks. */
struct ctx {
	struct wb_csv_stream	*s;
	struct wb_err		*err;
	int			 rc;		/* first error, sticky */
	size_t			 line;		/* current line, 1-based */
	size_t			 blank;		/* first blank line, or 0 */
	bool			 last_cr;	/* last row ended on CR */
	size_t			 row_line;	/* line where this row starts */
	size_t			 ncols;
	size_t			 off[WB_MAX_CSV_COLS];	/* cells in buf */
	char			*cols[WB_MAX_CSV_COLS];
	char			*buf;		/* this row's cells, reused */
	size_t			 used, cap;
	uint64_t		 raw_lines;	/* line ends before the chunk */
	bool			 raw_cr;	/* the last chunk ended on CR */
	bool			 started;	/* BOM and delimiter done */
	bool			 parser;	/* p is initialised */
	struct csv_parser	 p;
};

static uint64_t	count_lines(const char *s, size_t n, bool *cr);
static void	on_field(void *s, size_t n, void *data);
static void	on_row(int c, void *data);
static int	feed(struct ctx *c, const char *data, size_t n);
static int	finish(struct ctx *c);
static void	done(struct ctx *c);
static void	init(struct ctx *c, struct wb_csv_stream *s,
		    struct wb_err *err);

/* Line ends in s[0..n): CR and LF each end a line, the LF of a CRLF does
 * not (also when the CR ended the previous chunk: *cr carries it). */
static uint64_t
count_lines(const char *s, size_t n, bool *cr)
{
	uint64_t	k = 0;
	size_t		i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n') {
			if (!*cr)
				k++;
			*cr = false;
		} else if (s[i] == '\r') {
			k++;
			*cr = true;
		} else
			*cr = false;
	}
	return k;
}

/* libcsv field callback: check the cell and copy it into the row. */
static void
on_field(void *s, size_t n, void *data)
{
	struct ctx	*c = data;
	size_t		 lines, bad, need;

	if (c->rc != 0)
		return;
	c->last_cr = false;
	if (c->ncols == 0) {
		c->row_line = c->line;
		c->used = 0;
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
	/* At most WB_MAX_CSV_COLS cells of WB_MAX_CSV_FIELD + 1 bytes: the
	 * buffer stops growing after the widest row. */
	need = c->used + n + 1;
	if (need > c->cap) {
		size_t	cap = c->cap == 0 ? 4096 : c->cap;

		while (cap < need)
			cap *= 2;
		c->buf = wb_xrealloc_secret(c->buf, c->cap, cap);
		c->cap = cap;
	}
	memcpy(c->buf + c->used, s, n);
	c->buf[c->used + n] = '\0';
	c->off[c->ncols++] = c->used;
	c->used += n + 1;
	c->line += lines;
}

/* libcsv row callback: hand the row out, or note a blank line.  `ch` is
 * the character that ended the row, -1 at the end of the input. */
static void
on_row(int ch, void *data)
{
	struct ctx		*c = data;
	struct wb_csv_stream	*s = c->s;
	struct wb_csv_row	 r;
	size_t			 i;

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
	if (s->rows > s->max_rows) {
		c->rc = wb_err_set(c->err, WB_ETOOBIG,
		    "het bestand heeft meer dan %zu rijen", s->max_rows);
		return;
	}
	for (i = 0; i < c->ncols; i++)
		c->cols[i] = c->buf + c->off[i];
	r.line = c->row_line;
	r.ncols = c->ncols;
	r.cols = c->cols;
	s->rows++;
	c->ncols = 0;
	if (ch != -1)
		c->line++;
	c->rc = s->row(s->arg, &r, c->err);
}

/* Hand data[0..n) to the parser; the first call also skips the BOM and
 * picks the delimiter. */
static int
feed(struct ctx *c, const char *data, size_t n)
{
	struct wb_csv_stream	*s = c->s;
	size_t			 got;
	bool			 cr;

	s->bytes += n;
	if (s->bytes > s->max_bytes)
		return wb_err_set(c->err, WB_ETOOBIG, "het bestand is te groot "
		    "(meer dan %llu bytes)", (unsigned long long)s->max_bytes);
	if (!c->started) {
		c->started = true;
		if (n >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
			data += 3;
			n -= 3;
		}
		s->delim = wb_csv_detect_delim(data, n);
		if (WB_NEVER(csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI |
		    CSV_APPEND_NULL | CSV_REPALL_NL) != 0))
			return wb_err_set(c->err, WB_EIO, "csv_init failed");
		c->parser = true;
		csv_set_delim(&c->p, (unsigned char)s->delim);
		csv_set_space_func(&c->p, wb_csv_no_space);
		csv_set_realloc_func(&c->p, wb_xrealloc);
	}
	got = csv_parse(&c->p, data, n, on_field, on_row, c);
	if (c->rc != 0)
		return c->rc;
	if (got != n || csv_error(&c->p) != CSV_SUCCESS) {
		cr = c->raw_cr;
		return wb_err_set(c->err, WB_EINVAL, "regel %llu: ongeldig "
		    "aanhalingsteken", (unsigned long long)(c->raw_lines +
		    count_lines(data, got, &cr) + 1));
	}
	c->raw_lines += count_lines(data, n, &c->raw_cr);
	return 0;
}

/* The end of the input: the last row, and an empty file. */
static int
finish(struct ctx *c)
{
	if (c->parser && csv_fini(&c->p, on_field, on_row, c) != 0 &&
	    c->rc == 0)
		return wb_err_set(c->err, WB_EINVAL,
		    "regel %zu: aanhalingsteken niet afgesloten", c->line);
	if (c->rc != 0)
		return c->rc;
	if (c->s->rows == 0)
		return wb_err_set(c->err, WB_EINVAL, "het bestand is leeg");
	return 0;
}

/* Free what the read holds, wiping the cells. */
static void
done(struct ctx *c)
{
	if (c->parser) {
		/* libcsv's cell buffer held client data too. */
		if (c->p.entry_buf != NULL)
			sodium_memzero(c->p.entry_buf, c->p.entry_size);
		csv_free(&c->p);
	}
	/* The cells held client data. */
	if (c->buf != NULL)
		wb_free_secret(c->buf, c->cap);
}

/* Start reading for s. */
static void
init(struct ctx *c, struct wb_csv_stream *s, struct wb_err *err)
{
	memset(c, 0, sizeof(*c));
	c->s = s;
	c->err = err;
	c->line = 1;
	s->delim = ',';
	s->bytes = 0;
	s->rows = 0;
}

int
wb_csv_stream_mem(struct wb_csv_stream *s, const char *data, size_t n,
    struct wb_err *err)
{
	struct ctx	c;
	size_t		off, len;
	int		rc = 0;

	init(&c, s, err);
	if ((uint64_t)n > s->max_bytes) {
		done(&c);
		return wb_err_set(err, WB_ETOOBIG, "het bestand is te groot "
		    "(meer dan %llu bytes)", (unsigned long long)s->max_bytes);
	}
	/* The whole first line goes in the first call (the delimiter is
	 * detected from it). */
	for (off = 0; off < n && rc == 0; off += len) {
		len = n - off < CHUNK ? n - off : CHUNK;
		if (off == 0) {
			const char *nl = memchr(data, '\n', n);

			if (nl != NULL && (size_t)(nl - data) + 1 > len)
				len = (size_t)(nl - data) + 1;
		}
		rc = feed(&c, data + off, len);
	}
	if (rc == 0)
		rc = finish(&c);
	done(&c);
	return rc;
}

/* The file `fd` read and handed to s->row in this thread. */
static int
read_fd(struct wb_csv_stream *s, int fd, struct wb_err *err)
{
	struct ctx	 c;
	char		*chunk;
	size_t		 have;
	ssize_t		 got;
	bool		 eof = false;
	int		 rc = 0;

	init(&c, s, err);
	chunk = wb_xmalloc(CHUNK);
	while (rc == 0 && !eof) {
		/* Fill the chunk (a pipe gives less per read), so the header
		 * line is whole in the first one. */
		for (have = 0; have < CHUNK; have += (size_t)got) {
			got = read(fd, chunk + have, CHUNK - have);
			if (got < 0 && errno == EINTR) {
				got = 0;
				continue;
			}
			if (got < 0) {
				rc = wb_err_set(err, WB_EIO, "lezen mislukt: "
				    "%s", strerror(errno));
				break;
			}
			if (got == 0) {
				eof = true;
				break;
			}
		}
		if (rc == 0 && have > 0)
			rc = feed(&c, chunk, have);
	}
	if (rc == 0)
		rc = finish(&c);
	wb_free_secret(chunk, CHUNK);
	done(&c);
	return rc;
}

/*
 * Reading ahead.  A file is read and split into rows by a reader thread
 * while the caller's thread checks the rows already read: for a million
 * rows the split is about 0.2 s that would otherwise come before every
 * row's check (docs/benchmarks.md, "CSV import").  The reader copies its
 * rows into batches and hands them over in order through a ring of
 * NBATCH; the caller gets the rows and the error that read_fd() would
 * give, the error after the rows before it, and in the end the same
 * counters (while rows are handed out, s->bytes runs a batch ahead).  A batch
 * holds at most BATCH_ROWS rows or BATCH_BYTES of cells (and one row
 * more), so the memory stays bounded whatever the file.  Only a regular
 * file is read ahead: a pipe's writer may pause or never close, and a
 * caller that stops must not wait for it.
 */
#define NBATCH		3
#define BATCH_ROWS	8192
#define BATCH_BYTES	(1024 * 1024)

struct brow {
	size_t	line, ncols, first;	/* first: its first cell in off[] */
};

struct batch {
	char		*buf;		/* the rows' cells, each with a NUL */
	size_t		 used, cap;
	size_t		*off;		/* where each cell starts in buf */
	size_t		 noff, ocap;
	struct brow	*rows;		/* BATCH_ROWS */
	size_t		 nrows;
	uint64_t	 bytes;		/* of the input, when handed over */
	char		 delim;
	bool		 ready;		/* handed over, not yet taken back */
	bool		 last;		/* the read ended: rc and err */
	int		 rc;
	struct wb_err	 err;
};

struct ahead {
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct batch		 b[NBATCH];
	size_t			 fill;		/* the batch the reader fills */
	bool			 stop;		/* the caller reads no more */
	int			 fd;
	struct wb_csv_stream	 rs;		/* the reader's stream */
	struct wb_err		 rerr;		/* the reader's error */
};

/* Hand the batch being filled over and wait for the next one to be free.
 * False when the caller stopped reading. */
static bool
hand_over(struct ahead *a, bool last, int rc)
{
	struct batch	*b = &a->b[a->fill];
	bool		 go;

	pthread_mutex_lock(&a->mu);
	b->bytes = a->rs.bytes;
	b->delim = a->rs.delim;
	b->last = last;
	b->rc = rc;
	if (last && rc != 0)
		b->err = a->rerr;
	b->ready = true;
	pthread_cond_broadcast(&a->cv);
	a->fill = (a->fill + 1) % NBATCH;
	while (!last && !a->stop && a->b[a->fill].ready)
		pthread_cond_wait(&a->cv, &a->mu);
	go = !a->stop;
	pthread_mutex_unlock(&a->mu);
	return go;
}

/* The reader's row callback: copy the row into the batch. */
static int
keep_row(void *arg, const struct wb_csv_row *r, struct wb_err *err)
{
	struct ahead	*a = arg;
	struct batch	*b = &a->b[a->fill];
	struct brow	*row = &b->rows[b->nrows++];
	size_t		 i, n;

	if (b->noff + r->ncols > b->ocap) {
		while (b->noff + r->ncols > b->ocap)
			b->ocap = b->ocap == 0 ? 4 * BATCH_ROWS : 2 * b->ocap;
		b->off = wb_xrealloc(b->off, b->ocap * sizeof(*b->off));
	}
	row->line = r->line;
	row->ncols = r->ncols;
	row->first = b->noff;
	for (i = 0; i < r->ncols; i++) {
		n = strlen(r->cols[i]) + 1;
		if (b->used + n > b->cap) {
			size_t	 cap = b->cap == 0 ? 256 * 1024 : b->cap;

			while (cap < b->used + n)
				cap *= 2;
			b->buf = wb_xrealloc_secret(b->buf, b->cap, cap);
			b->cap = cap;
		}
		memcpy(b->buf + b->used, r->cols[i], n);
		b->off[b->noff++] = b->used;
		b->used += n;
	}
	if ((b->nrows == BATCH_ROWS || b->used >= BATCH_BYTES) &&
	    !hand_over(a, false, 0))
		return wb_err_set(err, WB_EIO, "gestopt");
	return 0;
}

static void *
reader(void *arg)
{
	struct ahead	*a = arg;
	int		 rc;

	rc = read_fd(&a->rs, a->fd, &a->rerr);
	(void)hand_over(a, true, rc);
	return NULL;
}

/* Hand the rows of batch b to the caller's callback. */
static int
give_rows(struct wb_csv_stream *s, struct batch *b, struct wb_err *err)
{
	char			*cols[WB_MAX_CSV_COLS];
	struct wb_csv_row	 r;
	size_t			 i, j;
	int			 rc = 0;

	s->delim = b->delim;
	s->bytes = b->bytes;
	for (i = 0; i < b->nrows && rc == 0; i++) {
		r.line = b->rows[i].line;
		r.ncols = b->rows[i].ncols;
		for (j = 0; j < r.ncols; j++)
			cols[j] = b->buf + b->off[b->rows[i].first + j];
		r.cols = cols;
		s->rows++;
		rc = s->row(s->arg, &r, err);
	}
	return rc;
}

int
wb_csv_stream_fd(struct wb_csv_stream *s, int fd, struct wb_err *err)
{
	struct ahead	*a;
	struct stat	 sb;
	pthread_t	 t;
	size_t		 i, take = 0;
	int		 rc;

	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		return read_fd(s, fd, err);
	a = wb_xcalloc(1, sizeof(*a));
	for (i = 0; i < NBATCH; i++)
		a->b[i].rows = wb_xcalloc(BATCH_ROWS, sizeof(*a->b[i].rows));
	a->fd = fd;
	a->rs.max_bytes = s->max_bytes;
	a->rs.max_rows = s->max_rows;
	a->rs.row = keep_row;
	a->rs.arg = a;
	s->delim = ',';
	s->bytes = 0;
	s->rows = 0;
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cv, NULL);
	if (pthread_create(&t, NULL, reader, a) != 0) {
		rc = read_fd(s, fd, err);	/* no thread: read here */
		goto out;
	}
	for (;;) {
		struct batch	*b = &a->b[take];

		pthread_mutex_lock(&a->mu);
		while (!b->ready)
			pthread_cond_wait(&a->cv, &a->mu);
		pthread_mutex_unlock(&a->mu);
		rc = give_rows(s, b, err);
		if (rc == 0 && b->last) {
			rc = b->rc;
			if (rc != 0)
				*err = b->err;
		}
		if (rc != 0 || b->last)
			break;
		pthread_mutex_lock(&a->mu);
		b->ready = false;
		b->nrows = b->noff = b->used = 0;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
		take = (take + 1) % NBATCH;
	}
	pthread_mutex_lock(&a->mu);
	a->stop = true;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	pthread_join(t, NULL);
out:
	for (i = 0; i < NBATCH; i++) {
		if (a->b[i].buf != NULL)
			wb_free_secret(a->b[i].buf, a->b[i].cap);
		free(a->b[i].off);
		free(a->b[i].rows);
	}
	pthread_cond_destroy(&a->cv);
	pthread_mutex_destroy(&a->mu);
	free(a);
	return rc;
}
