/* test_import.c - the CSV import of trajectories, milestones and
 * measurements (io/outcome_import.h) and the row-by-row reader under it
 * (io/csv_stream.h): good files in every format, each kind of bad row
 * refused at its line and column with nothing written, the consent
 * policy per client, audit events, dry runs and limits. */
#include "clienttest.h"
#include "domain/trajectory.h"
#include "io/csv_stream.h"
#include "base/limits.h"
#include "io/outcome_import.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <time.h>

/* "dd-mm-jjjj" (iso false) or "jjjj-mm-dd" of today + n days, in a
 * ring of static buffers (enough for one file's arguments). */
static const char *
day(int n, bool iso)
{
	static char	buf[64][16];
	static int	k;

	k = (k + 1) % 64;
	if (iso)
		wb_date_iso(wb_today() + n, buf[k], sizeof(buf[k]));
	else
		wb_date_nl(wb_today() + n, buf[k], sizeof(buf[k]));
	return buf[k];
}

/* A file from printf-style text, in the test's arena. */
static const char *WB_PRINTF(2, 3)
file(struct ct_fx *f, const char *fmt, ...)
{
	va_list	ap;
	char	buf[8192];

	va_start(ap, fmt);
	assert_true(vsnprintf(buf, sizeof(buf), fmt, ap) < (int)sizeof(buf));
	va_end(ap);
	return wb_arena_strdup(&f->t.a, buf);
}

static int
run_import(struct ct_fx *f, const struct wb_actor *a, enum wb_import_kind k,
    const char *data, bool dry, struct wb_import_result *res)
{
	struct wb_import_options opt = { .dry_run = dry };
	struct wb_err	err;

	return wb_import_mem(f->t.db, a, k, data, strlen(data), &opt, &f->t.a,
	    res, &err);
}

/* True when the result lists a problem on `line` in `column` (NULL: the
 * row) whose message contains `text`. */
static bool
has_problem(const struct wb_import_result *res, size_t line,
    const char *column, const char *text)
{
	size_t	i;

	for (i = 0; i < res->nproblems && i < WB_MAX_IMPORT_REPORTED; i++) {
		const struct wb_import_problem *p = &res->problems[i];

		if (p->line != line || strstr(p->message, text) == NULL)
			continue;
		if (column == NULL ? p->column == NULL : p->column != NULL &&
		    strcmp(p->column, column) == 0)
			return true;
	}
	return false;
}

static void
dump(const struct wb_import_result *res)
{
	char	line[512];
	size_t	i;

	for (i = 0; i < res->nproblems && i < WB_MAX_IMPORT_REPORTED; i++) {
		wb_import_problem_format(&res->problems[i], line, sizeof(line));
		print_message("# %s\n", line);
	}
}

static int64_t
count(struct ct_fx *f, const char *table)
{
	return ct_qint(&f->t, "SELECT count(*) FROM %s", table);
}

/* ---------- the reader ------------------------------------------------- */

/* wb_csv_stream_fd() reads in a thread of its own and hands the rows over
 * in batches; every read below is done from memory and from a file, and
 * the two must agree row for row (both()). */
#define RA_CHUNK	(256 * 1024)	/* csv_stream.c's read size */
#define RA_BATCH	8192		/* and its rows per batch */

/* What a read handed out.  The test sets stop_at, seq and probe_at; the
 * read fills the rest. */
struct rows {
	size_t		 n, lines[8], cols[8];
	char		 first[8][32];
	size_t		 lastl[2];	/* the last two rows' lines */
	char		 last[2][32];	/* and their last cells */
	int		 stop_at;	/* return 42 at this row */
	bool		 seq;		/* rows as numbered() writes them */
	size_t		 bad;		/* first row out of sequence, or 0 */
	uint64_t	 hash;		/* of every line, count and cell */
	size_t		 probe_at;	/* at this row wait, note fd's offset */
	int		 fd;		/* the file being read, or -1 */
	off_t		 probed;
};

/* FNV-1a. */
static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*s = p;
	size_t			 i;

	for (i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return h;
}

static int
collect(void *arg, const struct wb_csv_row *r, struct wb_err *err)
{
	struct rows	*rs = arg;
	struct timespec	 nap = { 0, 50 * 1000 * 1000 };
	char		 id[32], v[32];
	size_t		 i;

	(void)err;
	if (rs->n < 8) {
		rs->lines[rs->n] = r->line;
		rs->cols[rs->n] = r->ncols;
		snprintf(rs->first[rs->n], sizeof(rs->first[0]), "%s",
		    r->cols[r->ncols - 1]);
	}
	rs->lastl[0] = rs->lastl[1];
	memcpy(rs->last[0], rs->last[1], sizeof(rs->last[0]));
	rs->lastl[1] = r->line;
	snprintf(rs->last[1], sizeof(rs->last[1]), "%s",
	    r->cols[r->ncols - 1]);
	rs->hash = fnv(rs->hash, &r->line, sizeof(r->line));
	rs->hash = fnv(rs->hash, &r->ncols, sizeof(r->ncols));
	for (i = 0; i < r->ncols; i++)
		rs->hash = fnv(rs->hash, r->cols[i], strlen(r->cols[i]) + 1);
	if (rs->seq && rs->bad == 0 && rs->n > 0) {
		snprintf(id, sizeof(id), "%zu", rs->n);
		snprintf(v, sizeof(v), "v%zu", rs->n);
		if (r->line != rs->n + 1 || r->ncols != 2 ||
		    strcmp(r->cols[0], id) != 0 || strcmp(r->cols[1], v) != 0)
			rs->bad = rs->n;
	}
	rs->n++;
	if (rs->probe_at != 0 && rs->n == rs->probe_at && rs->fd >= 0) {
		/* Time for the reader to run ahead as far as it will. */
		nanosleep(&nap, NULL);
		rs->probed = lseek(rs->fd, 0, SEEK_CUR);
	}
	return rs->stop_at != 0 && (int)rs->n == rs->stop_at ? 42 : 0;
}

/* Threads of this process, waiting a while for the count to become
 * `want` (a joined thread may take a moment to leave /proc; -1: do not
 * wait); 0 where /proc cannot tell. */
static int
threads(int want)
{
	struct timespec	 nap = { 0, 1000 * 1000 };
	struct dirent	*e;
	DIR		*d;
	int		 n = 0, tries;

	for (tries = 0; tries < 1000; tries++) {
		if ((d = opendir("/proc/self/task")) == NULL)
			return 0;
		for (n = 0; (e = readdir(d)) != NULL;)
			if (e->d_name[0] != '.')
				n++;
		closedir(d);
		if (n == want || want < 0)
			break;
		nanosleep(&nap, NULL);
	}
	return n;
}

/* data[0..n) in a new temporary file (already unlinked), at its start. */
static int
tmpfd(const char *data, size_t n)
{
	const char	*dir = getenv("TMPDIR");
	char		 path[1024];
	size_t		 off;
	ssize_t		 k;
	int		 fd;

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	assert_true(snprintf(path, sizeof(path), "%s/wbstream.XXXXXX",
	    dir) < (int)sizeof(path));
	fd = mkstemp(path);
	assert_true(fd >= 0);
	unlink(path);
	for (off = 0; off < n; off += (size_t)k) {
		k = write(fd, data + off, n - off);
		assert_true(k > 0);
	}
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

static void *
idle(void *arg)
{
	return arg;
}

/* Read data[0..n) from a temporary file with *s's limits into *rs (whose
 * settings are kept); no reader thread may be left behind. */
static int
from_file(struct wb_csv_stream *s, const char *data, size_t n,
    struct rows *rs, struct wb_err *err)
{
	static bool	 warm;
	pthread_t	 t;
	int		 rc, nthr;

	/* ThreadSanitizer starts a thread of its own with the first
	 * pthread_create(): let that happen before counting. */
	if (!warm) {
		assert_int_equal(pthread_create(&t, NULL, idle, NULL), 0);
		assert_int_equal(pthread_join(t, NULL), 0);
		warm = true;
	}
	nthr = threads(-1);
	rs->n = rs->bad = 0;
	rs->hash = 0;
	rs->probed = 0;
	rs->fd = tmpfd(data, n);
	s->arg = rs;
	memset(err, 0, sizeof(*err));
	rc = wb_csv_stream_fd(s, rs->fd, err);
	close(rs->fd);
	rs->fd = -1;
	assert_int_equal(threads(nthr), nthr);
	return rc;
}

/* Read data[0..n) as *tmpl says from memory and from a file: both must
 * hand out the same rows (compared by count, hash and sequence), keep the
 * same counters (s->bytes the whole input on success) and end with the
 * same code and message.  *rs gets what the read from memory handed out
 * and the file offset its probe saw. */
static int
both(const struct wb_csv_stream *tmpl, const char *data, size_t n,
    struct rows *rs, struct wb_err *err)
{
	struct wb_csv_stream	 m = *tmpl, f = *tmpl;
	struct rows		 fr = *rs;
	struct wb_err		 ferr;
	int			 rc, frc;

	rs->n = rs->bad = 0;
	rs->hash = 0;
	rs->fd = -1;
	m.arg = rs;
	memset(err, 0, sizeof(*err));
	rc = wb_csv_stream_mem(&m, data, n, err);
	frc = from_file(&f, data, n, &fr, &ferr);
	assert_int_equal(frc, rc);
	assert_int_equal(ferr.code, err->code);
	assert_string_equal(ferr.msg, err->msg);
	assert_int_equal(fr.n, rs->n);
	assert_true(fr.hash == rs->hash);
	assert_int_equal(fr.bad, rs->bad);
	assert_int_equal(m.rows, rs->n);
	assert_int_equal(f.rows, fr.n);
	assert_int_equal(f.delim, m.delim);
	if (rc == 0) {
		assert_int_equal(m.bytes, n);
		assert_int_equal(f.bytes, n);
	}
	rs->probed = fr.probed;
	return rc;
}

static int
stream(const char *data, size_t max_rows, struct rows *rs,
    struct wb_err *err)
{
	struct wb_csv_stream	s = { .max_bytes = 1 << 20,
	    .max_rows = max_rows, .row = collect };

	memset(rs, 0, sizeof(*rs));
	return both(&s, data, strlen(data), rs, err);
}

/* Append the header "id;v" and rows "i;vi" for i = 1..n, so that row i
 * is on line i + 1. */
static void
numbered(struct wb_buf *b, size_t n, const char *eol)
{
	size_t	i;

	wb_buf_printf(b, "id;v%s", eol);
	for (i = 1; i <= n; i++)
		wb_buf_printf(b, "%zu;v%zu%s", i, i, eol);
	assert_int_equal(wb_buf_error(b), 0);
}

static void
test_stream(void **state)
{
	struct wb_csv_stream	 s = { .max_bytes = 10, .max_rows = 10,
	    .row = collect };
	struct rows		 rs;
	struct wb_err		 err;
	int			 p[2];
	const char		*big = "a;b\r\n1;\"x\ny\"\r\n2;z\r\n\r\n";

	/* BOM, ';', CRLF, a quoted line break: the next row is on line 4 */
	assert_int_equal(stream("\xef\xbb\xbf" "a;b\r\n1;\"x\ny\"\r\n2;z\r\n"
	    "\r\n", 10, &rs, &err), 0);
	assert_int_equal(rs.n, 3);
	assert_int_equal(rs.lines[1], 2);
	assert_int_equal(rs.lines[2], 4);
	assert_string_equal(rs.first[1], "x\ny");
	assert_string_equal(rs.first[0], "b");
	/* ',' when the header has no ';' */
	assert_int_equal(stream("a,b\n1,2\n", 10, &rs, &err), 0);
	assert_int_equal(rs.cols[1], 2);
	/* a blank line before the last row */
	assert_int_equal(stream("a;b\n\n1;2\n", 10, &rs, &err), WB_EINVAL);
	assert_non_null(strstr(err.msg, "regel 2: lege regel"));
	/* an unterminated quote, and a stray one, name their line */
	assert_int_equal(stream("a;b\n1;2\n3;\"4\n", 10, &rs, &err),
	    WB_EINVAL);
	assert_non_null(strstr(err.msg, "niet afgesloten"));
	assert_int_equal(stream("a;b\n1;2\n3;4\"x\n", 10, &rs, &err),
	    WB_EINVAL);
	assert_non_null(strstr(err.msg, "regel 3"));
	/* invalid UTF-8 and control characters */
	assert_int_equal(stream("a;b\n1;2\n3;\xff\n", 10, &rs, &err),
	    WB_EINVAL);
	assert_non_null(strstr(err.msg, "regel 3: kolom 2"));
	assert_int_equal(stream("a;b\n1;\x01\n", 10, &rs, &err), WB_EINVAL);
	/* the caller's row limit counts data rows, not the header: at the
	 * limit every row is handed out (also when the last line has no
	 * line end, or ends in CRLF); one more is refused before it is */
	assert_int_equal(stream("a\n1\n2\n", 2, &rs, &err), 0);
	assert_int_equal(rs.n, 3);
	assert_int_equal(stream("a\n1\n2", 2, &rs, &err), 0);
	assert_int_equal(rs.n, 3);
	assert_int_equal(stream("a\r\n1\r\n2\r\n\r\n", 2, &rs, &err), 0);
	assert_int_equal(rs.n, 3);
	assert_int_equal(stream("a\n1\n2\n3\n", 2, &rs, &err), WB_ETOOBIG);
	assert_int_equal(rs.n, 3);
	assert_non_null(strstr(err.msg, "meer dan 2 rijen"));
	assert_int_equal(stream("a\n1\n2\n3", 2, &rs, &err), WB_ETOOBIG);
	assert_int_equal(rs.n, 3);
	assert_int_equal(stream("a\n1\n", 1, &rs, &err), 0);
	assert_int_equal(stream("a\n1\n2\n", 1, &rs, &err), WB_ETOOBIG);
	assert_int_equal(rs.n, 2);
	assert_int_equal(stream("a\n", 0, &rs, &err), 0);
	assert_int_equal(stream("a\n1\n", 0, &rs, &err), WB_ETOOBIG);
	assert_int_equal(rs.n, 1);
	/* the caller's byte limit */
	memset(&rs, 0, sizeof(rs));
	assert_int_equal(both(&s, big, strlen(big), &rs, &err), WB_ETOOBIG);
	assert_int_equal(rs.n, 0);
	/* an empty file; a callback that stops the read */
	assert_int_equal(stream("", 10, &rs, &err), WB_EINVAL);
	memset(&rs, 0, sizeof(rs));
	rs.stop_at = 2;
	s.max_bytes = 1 << 20;
	assert_int_equal(both(&s, big, strlen(big), &rs, &err), 42);
	assert_int_equal(rs.n, 2);
	/* from a pipe, which gives the file in pieces */
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], big, strlen(big)), (ssize_t)strlen(big));
	close(p[1]);
	memset(&rs, 0, sizeof(rs));
	s.arg = &rs;
	assert_int_equal(wb_csv_stream_fd(&s, p[0], &err), 0);
	close(p[0]);
	assert_int_equal(rs.n, 3);
	assert_int_equal(s.rows, 3);
	assert_int_equal(s.delim, ';');
	/* a descriptor that cannot be read */
	p[0] = open(".", O_RDONLY | O_DIRECTORY);
	assert_true(p[0] >= 0);
	assert_int_equal(wb_csv_stream_fd(&s, p[0], &err), WB_EIO);
	close(p[0]);
	assert_non_null(strstr(err.msg, "lezen mislukt"));
}

struct feed {
	int		 fd;
	const char	*data;
	size_t		 n;
};

/* Write a whole file into a pipe, then close it. */
static void *
feeder(void *arg)
{
	struct feed	*f = arg;
	size_t		 off;
	ssize_t		 k;

	for (off = 0; off < f->n; off += (size_t)k)
		if ((k = write(f->fd, f->data + off, f->n - off)) <= 0)
			break;
	close(f->fd);
	return NULL;
}

/* More rows than the reader's ring holds (three batches of 8192): every
 * row comes in order on its line, from a file and from a pipe fed by a
 * thread; and while the caller dwells on the header the reader does not
 * read on past the ring. */
static void
test_stream_ahead(void **state)
{
	struct wb_csv_stream	 s = { .max_bytes = 1 << 26,
	    .max_rows = 1000000, .row = collect };
	struct rows		 rs, pr;
	struct wb_err		 err;
	struct wb_buf		 b;
	struct feed		 f;
	pthread_t		 t;
	int			 p[2];

	(void)state;
	wb_buf_init(&b, 1 << 26);
	numbered(&b, 100000, "\n");
	memset(&rs, 0, sizeof(rs));
	rs.seq = true;
	rs.probe_at = 1;
	assert_int_equal(both(&s, b.p, b.n, &rs, &err), 0);
	assert_int_equal(rs.n, 100001);
	assert_int_equal(rs.bad, 0);
	assert_int_equal(rs.lines[7], 8);
	assert_string_equal(rs.first[7], "v7");
	assert_true(rs.probed >= RA_CHUNK && (size_t)rs.probed < b.n);

	/* a pipe gives less than a chunk per read */
	assert_int_equal(pipe(p), 0);
	f.fd = p[1];
	f.data = b.p;
	f.n = b.n;
	assert_int_equal(pthread_create(&t, NULL, feeder, &f), 0);
	memset(&pr, 0, sizeof(pr));
	pr.seq = true;
	s.arg = &pr;
	assert_int_equal(wb_csv_stream_fd(&s, p[0], &err), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	close(p[0]);
	assert_int_equal(pr.n, 100001);
	assert_int_equal(pr.bad, 0);
	assert_true(pr.hash == rs.hash);
	assert_int_equal(s.rows, 100001);
	assert_int_equal(s.bytes, b.n);
	assert_int_equal(s.delim, ';');

	/* CRLF, a BOM */
	wb_buf_reset(&b);
	wb_buf_puts(&b, "\xef\xbb\xbf");
	numbered(&b, 3 * RA_BATCH + 1, "\r\n");
	memset(&rs, 0, sizeof(rs));
	rs.seq = true;
	assert_int_equal(both(&s, b.p, b.n, &rs, &err), 0);
	assert_int_equal(rs.n, 3 * RA_BATCH + 2);
	assert_int_equal(rs.bad, 0);
	wb_buf_free(&b);
}

/* A callback that stops the read, at the first row, at the last of a
 * batch, at the first of the next, deep in the file and at its last row:
 * the read returns the callback's code, the callback is not called again
 * and the reader (waiting on a full ring) is not left behind. */
static void
test_stream_stop(void **state)
{
	static const int	 at[] = { 1, RA_BATCH, RA_BATCH + 1, 50000,
	    100001 };
	struct wb_csv_stream	 s = { .max_bytes = 1 << 26,
	    .max_rows = 1000000, .row = collect };
	struct rows		 rs;
	struct wb_err		 err;
	struct wb_buf		 b;
	size_t			 i;

	(void)state;
	wb_buf_init(&b, 1 << 26);
	numbered(&b, 100000, "\n");
	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		memset(&rs, 0, sizeof(rs));
		rs.seq = true;
		rs.stop_at = at[i];
		rs.probe_at = 1;
		assert_int_equal(both(&s, b.p, b.n, &rs, &err), 42);
		assert_int_equal(rs.n, at[i]);
		assert_int_equal(rs.bad, 0);
	}
	wb_buf_free(&b);
}

/* A bad byte, quote or line after 30,000 good rows: every row before it
 * is handed out, then the error names its line. */
static void
test_stream_late_error(void **state)
{
	static const struct {
		const char	*tail;
		int		 rc;
		const char	*msg;
	} bad[] = {
		{ "30001;\xff\n30002;v30002\n", WB_EINVAL, "regel 30002: "
		    "kolom 2 bevat ongeldige tekens (geen UTF-8 of een "
		    "stuurteken)" },
		{ "30001;\"a\nb\xff\"\n", WB_EINVAL, "regel 30003: kolom 2 "
		    "bevat ongeldige tekens (geen UTF-8 of een stuurteken)" },
		{ "30001;v3\"0\n30002;v30002\n", WB_EINVAL, "regel 30002: "
		    "ongeldig aanhalingsteken" },
		{ "\n30001;v30001\n", WB_EINVAL, "regel 30002: lege regel" },
		{ "30001;\"v30001\n", WB_EINVAL, "regel 30002: "
		    "aanhalingsteken niet afgesloten" },
	};
	struct wb_csv_stream	 s = { .max_bytes = 1 << 26,
	    .max_rows = 1000000, .row = collect };
	struct rows		 rs;
	struct wb_err		 err;
	struct wb_buf		 b;
	size_t			 i;

	(void)state;
	wb_buf_init(&b, 1 << 26);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		wb_buf_reset(&b);
		numbered(&b, 30000, "\n");
		wb_buf_puts(&b, bad[i].tail);
		memset(&rs, 0, sizeof(rs));
		rs.seq = true;
		assert_int_equal(both(&s, b.p, b.n, &rs, &err), bad[i].rc);
		assert_string_equal(err.msg, bad[i].msg);
		assert_int_equal(rs.n, 30001);
		assert_int_equal(rs.bad, 0);
	}
	wb_buf_free(&b);
}

/* The limits in a big file: max_rows + 1 rows (the header and max_rows
 * data rows) are handed out, then WB_ETOOBIG, also at a batch's end;
 * max_bytes is the whole file or less. */
static void
test_stream_limits(void **state)
{
	static const size_t	 max[] = { RA_BATCH - 1, RA_BATCH, 50000 };
	struct wb_csv_stream	 s = { .max_bytes = 1 << 26, .row = collect };
	struct rows		 rs, fr;
	struct wb_err		 err;
	struct wb_buf		 b;
	char			 msg[64];
	size_t			 i, whole, lines;

	(void)state;
	wb_buf_init(&b, 1 << 26);
	numbered(&b, 100000, "\n");
	for (i = 0; i < sizeof(max) / sizeof(max[0]); i++) {
		s.max_rows = max[i];
		memset(&rs, 0, sizeof(rs));
		rs.seq = true;
		assert_int_equal(both(&s, b.p, b.n, &rs, &err), WB_ETOOBIG);
		snprintf(msg, sizeof(msg), "het bestand heeft meer dan %zu "
		    "rijen", max[i]);
		assert_string_equal(err.msg, msg);
		assert_int_equal(rs.n, max[i] + 1);
		assert_int_equal(rs.bad, 0);
	}
	s.max_rows = 100000;
	memset(&rs, 0, sizeof(rs));
	assert_int_equal(both(&s, b.p, b.n, &rs, &err), 0);
	assert_int_equal(rs.n, 100001);

	/* exactly max_bytes; fewer than a chunk (nothing handed out) */
	s.max_bytes = b.n;
	assert_int_equal(both(&s, b.p, b.n, &rs, &err), 0);
	s.max_bytes = 1000;
	assert_int_equal(both(&s, b.p, b.n, &rs, &err), WB_ETOOBIG);
	assert_string_equal(err.msg, "het bestand is te groot (meer dan "
	    "1000 bytes)");
	assert_int_equal(rs.n, 0);
	/* one byte short: from memory the size is known before the first
	 * row; a file is read up to the chunk that passes the limit, so its
	 * rows before that chunk come first (as before the reader thread) */
	s.max_bytes = b.n - 1;
	memset(&rs, 0, sizeof(rs));
	s.arg = &rs;
	memset(&err, 0, sizeof(err));
	assert_int_equal(wb_csv_stream_mem(&s, b.p, b.n, &err), WB_ETOOBIG);
	assert_int_equal(rs.n, 0);
	memset(&fr, 0, sizeof(fr));
	fr.seq = true;
	assert_int_equal(from_file(&s, b.p, b.n, &fr, &err), WB_ETOOBIG);
	snprintf(msg, sizeof(msg), "het bestand is te groot (meer dan %zu "
	    "bytes)", b.n - 1);
	assert_string_equal(err.msg, msg);
	assert_int_equal(fr.bad, 0);
	/* the rows wholly in the chunks before the last */
	whole = (b.n - 1) / RA_CHUNK * RA_CHUNK;
	for (i = 0, lines = 0; i < whole; i++)
		if (b.p[i] == '\n')
			lines++;
	assert_int_equal(fr.n, lines);
	wb_buf_free(&b);
}

/* Append rows "f;xx..x" with line ends `eol` until b->n is `end`; their
 * number. */
static size_t
fill(struct wb_buf *b, size_t end, const char *eol)
{
	char	xs[1000];
	size_t	n, len, e = strlen(eol);

	memset(xs, 'x', sizeof(xs));
	assert_true(end > b->n + 1100);
	for (n = 0; b->n < end; n++) {
		len = end - b->n > 1100 ? 900 : end - b->n - 2 - e;
		wb_buf_printf(b, "f;%.*s%s", (int)len, xs, eol);
	}
	assert_int_equal(b->n, end);
	return n;
}

/* A quoted cell with every kind of line break, and the CRLF after it, put
 * across the reader's first and second chunk boundary at every offset:
 * the same rows both ways, the cell whole, the next row on its line.  A
 * stray quote just after a boundary that splits a CRLF (or after CR or LF
 * line ends) names its own line. */
static void
test_stream_chunks(void **state)
{
	static const char	 row[] = "x;\"a\r\nb\nc\r\r\nd\"\r\n";
	static const char	*eols[] = { "\r\n", "\n", "\r" };
	struct wb_csv_stream	 s = { .max_bytes = 1 << 26,
	    .max_rows = 1000000, .row = collect };
	struct rows		 rs;
	struct wb_err		 err;
	struct wb_buf		 b;
	char			 msg[64];
	size_t			 k, d, e, nfill;

	(void)state;
	wb_buf_init(&b, 1 << 26);
	for (k = 1; k <= 2; k++) {
		for (d = 0; d < sizeof(row); d++) {
			wb_buf_reset(&b);
			wb_buf_puts(&b, "id;v\r\n");
			nfill = fill(&b, k * RA_CHUNK - d, "\r\n");
			wb_buf_puts(&b, row);
			wb_buf_puts(&b, "y;z\r\n");
			memset(&rs, 0, sizeof(rs));
			assert_int_equal(both(&s, b.p, b.n, &rs, &err), 0);
			assert_int_equal(rs.n, nfill + 3);
			assert_int_equal(rs.lastl[0], nfill + 2);
			assert_string_equal(rs.last[0], "a\r\nb\nc\r\r\nd");
			assert_int_equal(rs.lastl[1], nfill + 2 + 5);
			assert_string_equal(rs.last[1], "z");
		}
		for (e = 0; e < sizeof(eols) / sizeof(eols[0]); e++) {
			for (d = 0; d < 6; d++) {
				wb_buf_reset(&b);
				wb_buf_puts(&b, "id;v\r\n");
				nfill = fill(&b, k * RA_CHUNK - 3 + d,
				    eols[e]);
				wb_buf_puts(&b, "y;a\"b\r\nz;z\r\n");
				memset(&rs, 0, sizeof(rs));
				assert_int_equal(both(&s, b.p, b.n, &rs,
				    &err), WB_EINVAL);
				snprintf(msg, sizeof(msg), "regel %zu: "
				    "ongeldig aanhalingsteken", nfill + 2);
				assert_string_equal(err.msg, msg);
				assert_int_equal(rs.n, nfill + 1);
			}
		}
	}
	wb_buf_free(&b);
}

/* ---------- measurements ----------------------------------------------- */

/* A measurement import runs in a bulk transaction, without SQLite's own
 * foreign-key check per row: afterwards (written or refused) nothing in
 * the database points nowhere, and the import's connection checks every
 * reference again. */
static void
assert_references_checked(struct ct_fx *f)
{
	struct wb_err	err;

	if (!dbt_pg())
		assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM "
		    "pragma_foreign_key_check"), 0);
	assert_int_equal(wb_db_begin_write(f->t.db, &err), 0);
	assert_int_equal(wb_db_exec_script(f->t.db, "INSERT INTO measurement "
	    "(client_id, instrument, on_date, value, source, created_at) "
	    "VALUES (999999, 'ladder', 20000, 1, 'import', 0)", &err),
	    WB_ECONFLICT);
	wb_db_rollback(f->t.db);
}

/* Dutch and ISO dates, ';' with a BOM and ',' with quoted answers: every
 * instrument kind lands with its score and band, as an import. */
static void
test_measurements(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_import_result	 res;
	const char		*data;
	int64_t			 c1, c2;
	char			 band[32];

	c1 = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	c2 = ct_reg(f, &f->ggz1, BSN2, "Hendrik");
	data = file(f, "\xef\xbb\xbf"
	    "client_id;instrument;date;items;value\r\n"
	    "%lld;phq9;%s;0,1,2,3,0,1,2,0,0;\r\n"
	    "%lld;participatieladder;%s;;3\r\n"
	    "%lld;GAD-7;%s;0123012;9\r\n"
	    "%lld;oq45;%s;;88\r\n", (long long)c1, day(-10, false),
	    (long long)c1, day(-10, true), (long long)c2, day(-3, false),
	    (long long)c2, day(-1, true));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MEASUREMENTS, data,
	    false, &res), 0);
	assert_int_equal(res.rows, 4);
	assert_int_equal(res.clients, 2);
	assert_int_equal(res.measurements, 4);
	assert_int_equal(count(f, "measurement"), 4);
	assert_int_equal(ct_qint(&f->t, "SELECT value FROM measurement WHERE "
	    "instrument = 'phq9'"), 9);
	ct_qtext(&f->t, band, sizeof(band), "SELECT band FROM measurement "
	    "WHERE instrument = 'phq9'");
	assert_string_equal(band, "mild");
	ct_qtext(&f->t, band, sizeof(band), "SELECT items FROM measurement "
	    "WHERE instrument = 'phq9'");
	assert_string_equal(band, "012301200");
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM measurement "
	    "WHERE source = 'import' AND org_id = %lld AND entered_by = %lld",
	    (long long)f->ggz, (long long)f->ggz1.user_id), 4);
	assert_int_equal(ct_qint(&f->t, "SELECT on_date FROM measurement "
	    "WHERE instrument = 'ladder'"), wb_today() - 10);
	/* one event per client, one for the file */
	assert_int_equal(ct_events(&f->t, "measurement.import", "allowed",
	    c1), 1);
	assert_int_equal(ct_events(&f->t, "measurement.import", "allowed",
	    c2), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'import' AND outcome = 'allowed' AND detail LIKE "
	    "'rows=4 clients=2 written=4%%'"), 1);

	/* ',' separated, the answers quoted, by BSN */
	data = file(f, "bsn,instrument,date,items\n"
	    "%s,k10,%s,\"1, 2, 3, 4, 5, 1, 2, 3, 4, 5\"\n", BSN2,
	    day(-2, true));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MEASUREMENTS, data,
	    false, &res), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT value FROM measurement WHERE "
	    "instrument = 'k10' AND client_id = %lld", (long long)c2), 30);
	assert_references_checked(f);
}

/* Seventy rows: four statements of WB_IMPORT_BATCH (16) rows and six of
 * one, each value where it belongs. */
static void
test_measurement_batches(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_import_result	 res;
	struct wb_buf		 b;
	int64_t			 c;
	int			 i;

	c = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	wb_buf_init(&b, 1 << 20);
	wb_buf_puts(&b, "client_id;instrument;date;value\n");
	for (i = 0; i < 70; i++)
		wb_buf_printf(&b, "%lld;ladder;%s;%d\n", (long long)c,
		    day(-1 - i, i % 2 == 0), i % 6 + 1);
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MEASUREMENTS,
	    wb_buf_cstr(&b), false, &res), 0);
	wb_buf_free(&b);
	assert_int_equal(res.measurements, 70);
	assert_int_equal(count(f, "measurement"), 70);
	for (i = 0; i < 70; i += 23)
		assert_int_equal(ct_qint(&f->t, "SELECT value FROM measurement "
		    "WHERE on_date = %lld", (long long)(wb_today() - 1 - i)),
		    i % 6 + 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM measurement "
	    "WHERE source = 'import' AND org_id = %lld AND created_at = %lld",
	    (long long)f->ggz, (long long)wb_now()), 70);
}

/* Each kind of bad row is named by line and column, and with any of them
 * nothing at all is written, not even the good rows. */
static void
test_measurement_errors(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_import_result	 res;
	const char		*data;
	long long		 c;

	c = (long long)ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	data = file(f, "client_id;instrument;date;items;value\n"
	    "%lld;ladder;%s;;4\n"		/* 2: good */
	    "%lld;ladder;%s;;7\n"		/* 3: rung out of range */
	    "%lld;thermometer;%s;;1\n"		/* 4: unknown instrument */
	    "%lld;ladder;31-02-2026;;2\n"	/* 5: no such date */
	    "%lld;ladder;%s;;2\n"		/* 6: future */
	    "%lld;phq9;%s;0,1,2;\n"		/* 7: too few answers */
	    "%lld;phq9;%s;0,1,2,3,0,1,2,0,9;\n"	/* 8: answer out of range */
	    "%lld;phq9;%s;000000000;5\n"	/* 9: total does not add up */
	    "%lld;ladder;%s;1;2\n"		/* 10: items on the ladder */
	    ";ladder;%s;;2\n"			/* 11: no client */
	    "abc;ladder;%s;;2\n"		/* 12: not a number */
	    "99999;ladder;%s;;2\n"		/* 13: no such client */
	    "%lld;ladder;%s;;5\n"		/* 14: same day as line 2 */
	    "%lld;ladder;%s\n"			/* 15: a column short */
	    "%lld;ladder;%s;;x\n",		/* 16: not a number */
	    c, day(-5, false), c, day(-6, false), c, day(-5, false), c,
	    c, day(1, false), c, day(-5, true), c, day(-6, true), c,
	    day(-7, true), c, day(-8, true), day(-9, true), day(-9, true),
	    day(-9, true), c, day(-5, true), c, day(-9, true), c,
	    day(-9, true));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MEASUREMENTS, data,
	    false, &res), WB_EINVAL);
	dump(&res);
	assert_true(has_problem(&res, 3, "value", "1 tot en met 6"));
	assert_true(has_problem(&res, 4, "instrument", "kies een instrument"));
	assert_true(has_problem(&res, 5, "date", "geen geldige datum"));
	assert_true(has_problem(&res, 6, "date", "toekomst"));
	assert_true(has_problem(&res, 7, "items", ""));
	assert_true(has_problem(&res, 8, "items", ""));
	assert_true(has_problem(&res, 9, "value", "klopt niet"));
	assert_true(has_problem(&res, 10, "items", "alleen bij een "
	    "vragenlijst"));
	assert_true(has_problem(&res, 11, "client_id", "vul de cliënt in"));
	assert_true(has_problem(&res, 12, "client_id", "geen cliëntnummer"));
	assert_true(has_problem(&res, 13, "client_id", "bestaat niet of u "
	    "mag"));
	assert_true(has_problem(&res, 14, NULL, "ook op regel 2"));
	assert_true(has_problem(&res, 15, NULL, "verwacht 5 kolommen"));
	assert_true(has_problem(&res, 16, "value", "geen geheel getal"));
	assert_int_equal(res.nproblems, 14);
	/* in line order */
	assert_int_equal(res.problems[0].line, 3);
	assert_int_equal(res.problems[13].line, 16);
	assert_int_equal(count(f, "measurement"), 0);
	assert_int_equal(res.measurements, 0);
	/* Nothing written, but the rows of the client the policy let
	 * through were checked against its stored measurements (the
	 * duplicates): one allowed event says so. */
	assert_int_equal(ct_events(&f->t, "measurement.import", "allowed",
	    c), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'measurement.import' AND client_id = %lld AND "
	    "detail = 'failed rows=11'", c), 1);

	/* the good row alone goes in; again, it is a duplicate */
	data = file(f, "client_id;instrument;date;value\n%lld;ladder;%s;4\n",
	    c, day(-5, false));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MEASUREMENTS, data,
	    false, &res), 0);
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MEASUREMENTS, data,
	    false, &res), WB_EINVAL);
	assert_true(has_problem(&res, 2, NULL, "al een meting"));
	assert_int_equal(count(f, "measurement"), 1);
	assert_references_checked(f);
}

/* The policy decides per client: UWV may record the ladder (work &
 * income) of a client it works with, not a complaint measure without a
 * consent naming health, nothing of a client not on its team; the
 * refusals are audited and the file goes in whole or not at all. */
static void
test_measurement_policy(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_import_result	 res;
	struct wb_actor		 sys = wb_actor_system(), moved;
	const char		*data, *ladder;
	int64_t			 consent, shared, other;

	shared = ct_shared_client(f, &consent);		/* ID | WORK */
	other = ct_reg(f, &f->ggz1, BSN2, "Hendrik");	/* not UWV's */
	ladder = file(f, "client_id;instrument;date;value\n%lld;ladder;%s;2\n",
	    (long long)shared, day(-3, false));
	data = file(f, "client_id;instrument;date;items;value\n"
	    "%lld;ladder;%s;;2\n"
	    "%lld;phq9;%s;000000000;\n"
	    "%lld;ladder;%s;;2\n", (long long)shared, day(-3, false),
	    (long long)shared, day(-3, false), (long long)other,
	    day(-3, false));
	assert_int_equal(run_import(f, &f->uwv1, WB_IMPORT_MEASUREMENTS, data,
	    false, &res), WB_EINVAL);
	assert_true(has_problem(&res, 3, "client_id", "gezondheid"));
	assert_true(has_problem(&res, 4, "client_id", "bestaat niet of u "
	    "mag"));
	assert_int_equal(res.nproblems, 2);
	assert_int_equal(count(f, "measurement"), 0);
	assert_int_equal(ct_events(&f->t, "measurement.import", "denied",
	    shared), 1);
	assert_int_equal(ct_events(&f->t, "measurement.import", "denied",
	    other), 1);
	/* the ladder alone is UWV's to record */
	assert_int_equal(run_import(f, &f->uwv1, WB_IMPORT_MEASUREMENTS,
	    ladder, false, &res), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT org_id FROM measurement"),
	    f->uwv);
	/* nobody but a professional imports: not the command line itself,
	 * not an administrator */
	assert_int_equal(run_import(f, &sys, WB_IMPORT_MEASUREMENTS, ladder,
	    false, &res), WB_EDENIED);
	assert_int_equal(run_import(f, &f->admin, WB_IMPORT_MEASUREMENTS,
	    ladder, false, &res), WB_EDENIED);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'import' AND outcome = 'denied' AND detail LIKE "
	    "'rows=0%%'"), 2);
	assert_int_equal(count(f, "measurement"), 1);
	/* a professional deactivated since the actor was looked up, or one
	 * named with another organisation, imports nothing either: the
	 * account is checked inside the import's transaction */
	dbt_exec(&f->t, "UPDATE user_account SET active = 0 WHERE email = "
	    "'uwv1@uwv.example'");
	assert_int_equal(run_import(f, &f->uwv1, WB_IMPORT_MEASUREMENTS,
	    ladder, false, &res), WB_EDENIED);
	dbt_exec(&f->t, "UPDATE user_account SET active = 1 WHERE email = "
	    "'uwv1@uwv.example'");
	moved = f->uwv1;
	moved.org_id = f->ggz;
	assert_int_equal(run_import(f, &moved, WB_IMPORT_MEASUREMENTS,
	    ladder, false, &res), WB_EDENIED);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'import' AND outcome = 'denied' AND detail LIKE "
	    "'rows=0%%'"), 4);
	assert_int_equal(count(f, "measurement"), 1);
}

/* The message of the (only) problem on `line`. */
static const char *
message_on(const struct wb_import_result *res, size_t line)
{
	size_t	i;

	for (i = 0; i < res->nproblems && i < WB_MAX_IMPORT_REPORTED; i++)
		if (res->problems[i].line == line)
			return res->problems[i].message;
	fail_msg("no problem on line %zu", line);
	return NULL;
}

/* By BSN: found through the blind index; an unknown BSN reads the same as
 * one the actor may not touch, also next to a client_id of the actor's
 * own (the policy decides on the BSN's client before the two are
 * compared), and neither is ever echoed. */
static void
test_bsn(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_import_result	 res;
	const char		*data;
	int64_t			 c, other;
	size_t			 i;

	c = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	other = ct_reg(f, &f->ggz2, BSN2, "Hendrik");	/* ggz1 not on team */
	data = file(f, "bsn;client_id;instrument;date;value\n"
	    "%s;;ladder;%s;2\n"			/* 2: fine */
	    "%s;;ladder;%s;2\n"			/* 3: not ggz1's */
	    "%s;;ladder;%s;2\n"			/* 4: no such client */
	    "123456789;;ladder;%s;2\n"		/* 5: fails the 11-proef */
	    "%s;%lld;ladder;%s;3\n"		/* 6: two different clients */
	    "%s;%lld;ladder;%s;3\n"		/* 7: not ggz1's, ggz1's id */
	    "%s;%lld;ladder;%s;3\n",		/* 8: no such client, ggz1's */
	    BSN, day(-1, false), BSN2, day(-1, false), BSN3, day(-1, false),
	    day(-1, false), BSN, (long long)other, day(-2, false),
	    BSN2, (long long)c, day(-3, false), BSN3, (long long)c,
	    day(-4, false));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MEASUREMENTS, data,
	    false, &res), WB_EINVAL);
	dump(&res);
	assert_true(has_problem(&res, 3, "bsn", "geen cliënt die u mag"));
	assert_true(has_problem(&res, 4, "bsn", "geen cliënt die u mag"));
	assert_true(has_problem(&res, 5, "bsn", "elfproef"));
	assert_true(has_problem(&res, 6, "bsn", "niet bij dezelfde cliënt"));
	/* Someone else's client and nobody at all: word for word alike,
	 * and neither the same as a mismatch of the actor's own client. */
	assert_true(has_problem(&res, 7, "bsn", "geen cliënt die u mag"));
	assert_true(has_problem(&res, 8, "bsn", "geen cliënt die u mag"));
	assert_string_equal(message_on(&res, 7), message_on(&res, 4));
	assert_string_equal(message_on(&res, 8), message_on(&res, 4));
	assert_string_equal(message_on(&res, 3), message_on(&res, 4));
	assert_int_equal(res.nproblems, 6);
	/* the refusal of line 7 is the BSN's client's, as for line 3 */
	assert_int_equal(ct_events(&f->t, "measurement.import", "denied",
	    other), 1);
	for (i = 0; i < res.nproblems; i++) {
		assert_null(strstr(res.problems[i].message, BSN2));
		assert_null(strstr(res.problems[i].message, BSN3));
	}
	data = file(f, "bsn;instrument;date;value\n%s;ladder;%s;2\n", BSN,
	    day(-1, false));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MEASUREMENTS, data,
	    false, &res), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT client_id FROM measurement"),
	    c);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE detail LIKE '%%%s%%'", BSN), 0);
}

/* ---------- the header, limits, dry run -------------------------------- */

static void
test_header(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_import_result	 res;
	struct wb_import_options opt = { .max_rows = 2 };
	struct wb_err		 err;
	const char		*data;
	int64_t			 c;
	int			 rc;

	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MEASUREMENTS,
	    "client_id;instrument;datum;value;value\n1;ladder;x;1;1\n", false,
	    &res), WB_EINVAL);
	assert_true(has_problem(&res, 1, NULL, "onbekende kolom 'datum'"));
	assert_true(has_problem(&res, 1, "value", "twee keer"));
	assert_true(has_problem(&res, 1, "date", "ontbreekt"));
	assert_int_equal(res.nproblems, 3);	/* the rows are not read */
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_TRAJECTORIES,
	    "intervention;start_date\nips;01-01-2026\n", false, &res),
	    WB_EINVAL);
	assert_true(has_problem(&res, 1, NULL, "bsn of client_id"));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MILESTONES,
	    "client_id;type;date\n1;profile;01-01-2026\n", false, &res),
	    WB_EINVAL);
	assert_true(has_problem(&res, 1, NULL, "trajectory_id"));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MEASUREMENTS,
	    "client_id;instrument;date;value\n", false, &res), WB_EINVAL);
	assert_true(has_problem(&res, 1, NULL, "alleen een kopregel"));
	/* a broken file: its line */
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MEASUREMENTS,
	    "client_id;instrument;date;value\n1;\"ladder;x;1\n", false, &res),
	    WB_EINVAL);
	assert_true(res.nproblems == 1 && res.problems[0].line == 0);
	assert_non_null(strstr(res.problems[0].message, "regel"));
	/* more rows than allowed */
	data = "client_id;instrument;date;value\n1;ladder;01-01-2026;1\n"
	    "1;ladder;02-01-2026;1\n1;ladder;03-01-2026;1\n";
	assert_int_equal(wb_import_mem(f->t.db, &f->ggz1,
	    WB_IMPORT_MEASUREMENTS, data, strlen(data), &opt, &f->t.a, &res,
	    &err), WB_ETOOBIG);
	assert_true(has_problem(&res, 0, NULL, "meer dan 2 rijen"));
	assert_int_equal(count(f, "measurement"), 0);
	/* as many as allowed: all of them go in */
	c = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	data = file(f, "client_id;instrument;date;value\n%lld;ladder;%s;1\n"
	    "%lld;ladder;%s;2\n", (long long)c, day(-2, false), (long long)c,
	    day(-1, false));
	rc = wb_import_mem(f->t.db, &f->ggz1, WB_IMPORT_MEASUREMENTS, data,
	    strlen(data), &opt, &f->t.a, &res, &err);
	dump(&res);
	assert_int_equal(rc, 0);
	assert_int_equal(res.rows, 2);
	assert_int_equal(count(f, "measurement"), 2);
}

/* At most WB_MAX_IMPORT_REPORTED problems are kept, all are counted. */
static void
test_many_problems(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_import_result	 res;
	struct wb_buf		 b;

	wb_buf_init(&b, 1 << 20);
	wb_buf_puts(&b, "client_id;instrument;date;value\n");
	for (int i = 0; i < 250; i++)
		wb_buf_puts(&b, "x;ladder;01-01-2026;1\n");
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MEASUREMENTS,
	    wb_buf_cstr(&b), false, &res), WB_EINVAL);
	assert_int_equal(res.nproblems, 250);
	assert_int_equal(res.problems[WB_MAX_IMPORT_REPORTED - 1].line, 101);
	wb_buf_free(&b);
}

/* A dry run checks everything and writes only its audit events. */
static void
test_dry_run(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_import_result	 res;
	const char		*data;
	int64_t			 c;

	c = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	data = file(f, "client_id;intervention;start_date\n%lld;ips;%s\n",
	    (long long)c, day(-30, false));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_TRAJECTORIES, data,
	    true, &res), 0);
	assert_int_equal(res.trajectories, 1);
	assert_int_equal(count(f, "trajectory"), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'trajectory.import' AND detail LIKE 'dry-run%%'"),
	    1);
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_TRAJECTORIES, data,
	    false, &res), 0);
	assert_int_equal(count(f, "trajectory"), 1);
}

/* ---------- trajectories ----------------------------------------------- */

static void
test_trajectories(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_import_result	 res;
	const char		*data;
	long long		 c;
	char			 text[64];

	c = (long long)ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	data = file(f, "client_id;intervention;referral_date;start_date;"
	    "status;end_date;end_reason\n"
	    "%lld;ips;%s;%s;;;\n"			/* actief */
	    "%lld;wabz;%s;;;;\n"			/* aangemeld */
	    "%lld;Grip op Werk;%s;%s;afgerond;%s;\n"	/* by name */
	    "%lld;jobcoaching;%s;;uitgevallen;%s;verhuisd\n",
	    c, day(-100, false), day(-90, true), c, day(-5, false),
	    c, day(-400, true), day(-390, true), day(-200, false),
	    c, day(-60, false), day(-50, false));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_TRAJECTORIES, data,
	    false, &res), 0);
	dump(&res);
	assert_int_equal(res.trajectories, 4);
	assert_int_equal(count(f, "trajectory"), 4);
	for (int i = 0; i < 4; i++) {
		ct_qtext(&f->t, text, sizeof(text), "SELECT status FROM "
		    "trajectory ORDER BY id LIMIT 1 OFFSET %d", i);
		assert_string_equal(text, wb_trajectory_statuses[i == 0 ? 1 :
		    i == 1 ? 0 : i]);
	}
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM trajectory WHERE "
	    "org_id = %lld AND lead_user = %lld AND region_code = 'AM01'",
	    (long long)f->ggz, (long long)f->ggz1.user_id), 4);
	ct_qtext(&f->t, text, sizeof(text), "SELECT end_reason FROM trajectory "
	    "WHERE status = 'uitgevallen'");
	assert_string_equal(text, "verhuisd");
	assert_int_equal(ct_events(&f->t, "trajectory.import", "allowed", c),
	    1);
	/* the same file again: every row is there already; saying so read
	 * the client's trajectories, an allowed read that is audited */
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_TRAJECTORIES, data,
	    false, &res), WB_EINVAL);
	assert_int_equal(res.nproblems, 4);
	assert_true(has_problem(&res, 2, NULL, "staat al in werkbrug"));
	assert_int_equal(count(f, "trajectory"), 4);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'trajectory.import' AND outcome = 'allowed' AND "
	    "client_id = %lld AND user_id = %lld AND detail = 'failed rows=4'",
	    c, (long long)f->ggz1.user_id), 1);
}

static void
test_trajectory_errors(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_import_result	 res;
	const char		*data;
	long long		 c, theirs;
	int64_t			 consent;

	c = (long long)ct_reg(f, &f->ggz1, BSN2, "Hendrik");
	theirs = (long long)ct_shared_client(f, &consent);
	(void)theirs;
	data = file(f, "client_id;intervention;referral_date;start_date;"
	    "status;end_date;end_reason\n"
	    "%lld;yoga;;%s;;;\n"			/* 2 */
	    "%lld;ips;;;;;\n"				/* 3 */
	    "%lld;ips;;%s;aangemeld;;\n"		/* 4 */
	    "%lld;ips;;%s;;%s;\n"			/* 5 */
	    "%lld;ips;;%s;uitgevallen;%s;\n"		/* 6 */
	    "%lld;ips;%s;%s;;;\n"			/* 7 */
	    "%lld;ips;;%s;afgerond;%s;\n"		/* 8 */
	    "%lld;ips;;%s;klaar;;\n"			/* 9 */
	    "%lld;ips;;%s;;;\n"				/* 10 */
	    "%lld;ips;;%s;;;\n"				/* 11: = 10 */
	    "%lld;ips;%s;;afgerond;%s;\n",		/* 12 */
	    c, day(-9, false), c, c, day(-9, false), c, day(-9, false),
	    day(-1, false), c, day(-9, false), day(-1, false), c,
	    day(-5, false), day(-9, false), c, day(-9, false),
	    day(-10, false), c, day(-9, false), c, day(1, false), c,
	    day(1, false), c, day(-20, false), day(-1, false));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_TRAJECTORIES, data,
	    false, &res), WB_EINVAL);
	dump(&res);
	assert_true(has_problem(&res, 2, "intervention", "niet in de "
	    "catalogus"));
	assert_true(has_problem(&res, 3, "start_date", "aanmelddatum"));
	assert_true(has_problem(&res, 4, "status", "niet meer aangemeld"));
	assert_true(has_problem(&res, 5, "status", "einddatum"));
	assert_true(has_problem(&res, 6, "end_reason", "waarom"));
	assert_true(has_problem(&res, 7, "start_date", "vóór de "
	    "aanmelddatum"));
	assert_true(has_problem(&res, 8, "end_date", "vóór het begin"));
	assert_true(has_problem(&res, 9, "status", "kies aangemeld"));
	assert_true(has_problem(&res, 10, "start_date", "toekomst"));
	assert_true(has_problem(&res, 11, "start_date", "toekomst"));
	assert_true(has_problem(&res, 12, "start_date", "afgerond traject "
	    "heeft een startdatum"));
	assert_int_equal(count(f, "trajectory"), 0);

	/* twice in one file; UWV records no trajectory of a client whose
	 * work & income it may only read? it may write under the consent */
	data = file(f, "client_id;intervention;start_date\n"
	    "%lld;ips;%s\n%lld;ips;%s\n", c, day(-9, true), c,
	    day(-9, false));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_TRAJECTORIES, data,
	    false, &res), WB_EINVAL);
	assert_true(has_problem(&res, 3, NULL, "ook op regel 2"));
	data = file(f, "client_id;intervention;start_date\n%lld;ips;%s\n", c,
	    day(-9, true));
	assert_int_equal(run_import(f, &f->uwv1, WB_IMPORT_TRAJECTORIES, data,
	    false, &res), WB_EINVAL);
	assert_true(has_problem(&res, 2, "client_id", "bestaat niet of u "
	    "mag"));
	assert_int_equal(count(f, "trajectory"), 0);
	/* refused, so nothing of the client was read: only the denial */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'trajectory.import' AND client_id = %lld AND "
	    "user_id = %lld AND outcome = 'allowed'", c,
	    (long long)f->uwv1.user_id), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'trajectory.import' AND client_id = %lld AND "
	    "user_id = %lld AND outcome = 'denied'", c,
	    (long long)f->uwv1.user_id), 1);
}

/* ---------- milestones ------------------------------------------------- */

static void
test_milestones(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_import_result	 res;
	const char		*data;
	long long		 c, t1, t2;
	char			 text[64];

	c = (long long)ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	data = file(f, "client_id;intervention;start_date;status;end_date\n"
	    "%lld;ips;%s;;\n%lld;wabz;%s;afgerond;%s\n", c, day(-100, false),
	    c, day(-300, false), day(-200, false));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_TRAJECTORIES, data,
	    false, &res), 0);
	t1 = ct_qint(&f->t, "SELECT id FROM trajectory WHERE intervention = "
	    "'ips'");
	t2 = ct_qint(&f->t, "SELECT id FROM trajectory WHERE intervention = "
	    "'wabz'");
	/* by number and by intervention and start date; a job started and
	 * ended in the file is one job with its end; the ended trajectory
	 * takes its history */
	data = file(f, "client_id;trajectory_id;intervention;trajectory_start;"
	    "type;date;detail;employer;hours;competitive;min_wage;contract;"
	    "reason\n"
	    "%lld;%lld;;;profile;%s;;;;;;;\n"
	    "%lld;;ips;%s;employer-contact;%s;;;;;;;\n"
	    "%lld;;ips;%s;employer-contact;%s;;;;;;;\n"
	    "%lld;%lld;;;job-start;%s;;Bakkerij Jansen;16,5;ja;ja;"
	    "tijdelijk;\n"
	    "%lld;%lld;;;job-end;%s;;;;;;;proeftijd\n"
	    "%lld;%lld;;;job-start;%s;;De Boer;24;nee;ja;vast;\n"
	    "%lld;%lld;;;benefit-outflow;%s;gedeeltelijk;;;;;;\n"
	    "%lld;;wabz;%s;education;%s;;;;;;;\n",
	    c, t1, day(-99, false), c, day(-100, true), day(-80, false),
	    c, day(-100, false), day(-90, true), c, t1, day(-70, false), c,
	    t1, day(-40, false), c, t1, day(-30, false), c, t1,
	    day(-20, false), c, day(-300, false), day(-250, false));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MILESTONES, data,
	    false, &res), 0);
	dump(&res);
	assert_int_equal(res.milestones, 5);
	assert_int_equal(res.jobs, 2);
	assert_int_equal(res.jobs_ended, 1);
	assert_int_equal(count(f, "milestone"), 5);
	assert_int_equal(ct_qint(&f->t, "SELECT first_contact_date FROM "
	    "trajectory WHERE id = %lld", t1), wb_today() - 90);
	assert_int_equal(ct_qint(&f->t, "SELECT end_date FROM job WHERE "
	    "employer = 'Bakkerij Jansen'"), wb_today() - 40);
	assert_int_equal(ct_qint(&f->t, "SELECT minutes_per_week FROM job "
	    "WHERE employer = 'Bakkerij Jansen'"), 990);
	ct_qtext(&f->t, text, sizeof(text), "SELECT end_reason FROM job WHERE "
	    "employer = 'Bakkerij Jansen'");
	assert_string_equal(text, "proeftijd");
	assert_int_equal(ct_qint(&f->t, "SELECT competitive FROM job WHERE "
	    "employer = 'De Boer'"), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM milestone WHERE "
	    "trajectory_id = %lld AND type = 'education'", t2), 1);
	ct_qtext(&f->t, text, sizeof(text), "SELECT detail FROM milestone "
	    "WHERE type = 'benefit-outflow'");
	assert_string_equal(text, "gedeeltelijk");
	/* the job still running ends in a later file */
	data = file(f, "client_id;trajectory_id;type;date;employer;reason\n"
	    "%lld;%lld;job-end;%s;de boer;\n", c, t1, day(-2, false));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MILESTONES, data,
	    false, &res), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT end_date FROM job WHERE "
	    "employer = 'De Boer'"), wb_today() - 2);
}

static void
test_milestone_errors(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_import_result	 res;
	const char		*data;
	long long		 c, c2, t1, t2, t3;

	c = (long long)ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	c2 = (long long)ct_reg(f, &f->ggz1, BSN2, "Hendrik");
	data = file(f, "client_id;intervention;referral_date;start_date;status;"
	    "end_date\n%lld;ips;;%s;;\n%lld;wabz;;%s;afgerond;%s\n"
	    "%lld;krachtwerk;%s;;;\n", c, day(-100, false), c,
	    day(-300, false), day(-200, false), c, day(-10, false));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_TRAJECTORIES, data,
	    false, &res), 0);
	t1 = ct_qint(&f->t, "SELECT id FROM trajectory WHERE intervention = "
	    "'ips'");
	t2 = ct_qint(&f->t, "SELECT id FROM trajectory WHERE intervention = "
	    "'wabz'");
	t3 = ct_qint(&f->t, "SELECT id FROM trajectory WHERE intervention = "
	    "'krachtwerk'");
	data = file(f, "client_id;trajectory_id;intervention;trajectory_start;"
	    "type;date;detail;employer;hours;competitive;min_wage;contract;"
	    "reason\n"
	    "%lld;%lld;;;sollicitatie;%s;;;;;;;\n"		/* 2 */
	    "%lld;%lld;;;profile;%s;;;;;;;\n"			/* 3 */
	    "%lld;%lld;;;profile;%s;;;;;;;\n"			/* 4 */
	    "%lld;%lld;;;profile;%s;;;;;;;\n"			/* 5 */
	    "%lld;%lld;;;profile;%s;;;;;;;\n"			/* 6 */
	    "%lld;;ips;%s;profile;%s;;;;;;;\n"			/* 7 */
	    "%lld;%lld;;;benefit-outflow;%s;;;;;;;\n"		/* 8 */
	    "%lld;%lld;;;job-start;%s;;Bakker;0;ja;ja;vast;\n"	/* 9 */
	    "%lld;%lld;;;job-start;%s;;Bakker;16;wel;ja;vast;\n"	/* 10 */
	    "%lld;%lld;;;job-start;%s;;Bakker;16;ja;ja;baan;\n"	/* 11 */
	    "%lld;%lld;;;job-end;%s;;;;;;;\n"			/* 12 */
	    "%lld;%lld;;;profile;%s;;;16;;;;\n"			/* 13 */
	    "%lld;%lld;;;profile;%s;;;;;;;\n"			/* 14: = 3 */
	    "%lld;;;;profile;%s;;;;;;;\n",			/* 15 */
	    c, t1, day(-50, false),
	    c, t1, day(-50, false),
	    c, t1, day(-101, false),		/* before the start */
	    c, t2, day(-100, false),		/* after the end */
	    c2, t1, day(-50, false),		/* not c2's */
	    c, day(-99, false), day(-50, false),	/* no such start */
	    c, t1, day(-50, false),
	    c, t1, day(-50, false),
	    c, t1, day(-50, false),
	    c, t1, day(-50, false),
	    c, t1, day(-50, false),		/* no job running */
	    c, t1, day(-49, false),
	    c, t1, day(-50, false),
	    c, day(-50, false));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MILESTONES, data,
	    false, &res), WB_EINVAL);
	dump(&res);
	assert_true(has_problem(&res, 2, "type", "kies profile"));
	assert_true(has_problem(&res, 4, "date", "vóór de start"));
	assert_true(has_problem(&res, 5, "date", "na het einde"));
	assert_true(has_problem(&res, 6, "trajectory_id", "geen traject van "
	    "cliënt"));
	assert_true(has_problem(&res, 7, "trajectory_start", "geen traject "
	    "ips"));
	assert_true(has_problem(&res, 8, "detail", "volledig of "
	    "gedeeltelijk"));
	assert_true(has_problem(&res, 9, "hours", "uren per week"));
	assert_true(has_problem(&res, 10, "competitive", "ja of nee"));
	assert_true(has_problem(&res, 11, "contract", "kies vast"));
	assert_true(has_problem(&res, 12, "type", "geen baan"));
	assert_true(has_problem(&res, 13, "hours", "alleen bij job-start"));
	assert_true(has_problem(&res, 14, NULL, "ook op regel 3"));
	assert_true(has_problem(&res, 15, "trajectory_id", "noem het "
	    "traject"));
	assert_int_equal(res.nproblems, 13);
	assert_int_equal(count(f, "milestone"), 0);
	assert_int_equal(count(f, "job"), 0);
	/* a trajectory not started takes nothing */
	data = file(f, "client_id;trajectory_id;type;date\n"
	    "%lld;%lld;profile;%s\n", c, t3, day(-5, false));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MILESTONES, data,
	    false, &res), WB_EINVAL);
	assert_true(has_problem(&res, 2, "trajectory_id", "nog niet "
	    "gestart"));
	/* two jobs running: the employer says which ends */
	data = file(f, "client_id;trajectory_id;type;date;employer;hours;"
	    "competitive;min_wage;contract\n"
	    "%lld;%lld;job-start;%s;A;16;ja;ja;vast\n"
	    "%lld;%lld;job-start;%s;B;16;ja;ja;vast\n"
	    "%lld;%lld;job-end;%s;;;;;\n", c, t1, day(-50, false), c, t1,
	    day(-40, false), c, t1, day(-30, false));
	assert_int_equal(run_import(f, &f->ggz1, WB_IMPORT_MILESTONES, data,
	    false, &res), WB_EINVAL);
	assert_true(has_problem(&res, 4, "employer", "meer banen"));
	assert_int_equal(count(f, "job"), 0);
}

/* ---------- without a database (the fuzz target's mode) --------------- */

static void
test_offline(void **state)
{
	struct wb_import_result	 res;
	struct wb_arena		 a;
	struct wb_err		 err;
	const char		*good = "client_id;instrument;date;items\n"
	    "1;phq9;01-01-2026;000000000\n2;ladder;01-01-2026;\n";

	(void)state;
	wb_arena_init(&a);
	assert_int_equal(wb_import_mem(NULL, NULL, WB_IMPORT_MEASUREMENTS,
	    good, strlen(good), NULL, &a, &res, &err), WB_EINVAL);
	assert_int_equal(res.nproblems, 1);	/* the ladder needs a value */
	assert_true(res.problems[0].line == 3);
	good = "client_id;instrument;date;value\n1;ladder;01-01-2026;2\n"
	    "1;ladder;01-01-2026;3\n";
	assert_int_equal(wb_import_mem(NULL, NULL, WB_IMPORT_MEASUREMENTS,
	    good, strlen(good), NULL, &a, &res, &err), WB_EINVAL);
	assert_int_equal(res.problems[0].line, 3);	/* in-file duplicate */
	good = "bsn;intervention;start_date\n123456782;ips;01-01-2026\n";
	assert_int_equal(wb_import_mem(NULL, NULL, WB_IMPORT_TRAJECTORIES,
	    good, strlen(good), NULL, &a, &res, &err), 0);
	wb_arena_free(&a);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, ct_setup, ct_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_stream_ahead),
		cmocka_unit_test(test_stream_stop),
		cmocka_unit_test(test_stream_late_error),
		cmocka_unit_test(test_stream_limits),
		cmocka_unit_test(test_stream_chunks),
		T(test_measurements),
		T(test_measurement_batches),
		T(test_measurement_errors),
		T(test_measurement_policy),
		T(test_bsn),
		T(test_header),
		T(test_many_problems),
		T(test_dry_run),
		T(test_trajectories),
		T(test_trajectory_errors),
		T(test_milestones),
		T(test_milestone_errors),
		cmocka_unit_test(test_offline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
