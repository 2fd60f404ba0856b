/* fuzz_csv_stream.c - libFuzzer target: the streaming CSV reader
 * (io/csv_stream.h) from memory and from a file must agree.
 *
 * wb_csv_stream_fd() reads and splits the file in a thread of its own and
 * hands the rows over in batches of 8192 through a ring of three;
 * wb_csv_stream_mem() does it all in the caller's thread.  The same input
 * goes through both (the file a memfd): they must hand out the same rows
 * (line, column count, cells), count them alike, end with the same code
 * and message, and on success have read every byte.  A callback that
 * stops the read is never called again.
 *
 * Input: five control bytes, then the text T.  T is cut in three, A B C
 * (byte 3 is the length of A, byte 4 that of C), and the file is A, B
 * repeated, C.  Byte 0 picks how often: from 248 on up to 288 KiB in all,
 * so that batches fill and the 256 KiB chunks are crossed (such inputs
 * are slow, so below 248 B comes at most four times).  Byte 1 picks
 * max_rows (from 240 on with max_bytes one short of the file), byte 2 the
 * row at which the callback stops.
 */
#define _GNU_SOURCE		/* memfd_create */
#include "base/common.h"
#include "base/buf.h"
#include "io/csv_stream.h"

#include <sys/mman.h>
#include <unistd.h>

#define BIG	(288 * 1024)	/* the file at most, repeats included */
#define CHUNK	(256 * 1024)	/* csv_stream.c's read size */

/* One read's rows, written out: line, ncols, then the cells. */
struct seen {
	struct wb_buf	 out;
	size_t		 n;		/* rows handed out */
	size_t		 stop_at;	/* return 42 at this row, or 0 */
	bool		 stopped;
};

static int
keep(void *arg, const struct wb_csv_row *r, struct wb_err *err)
{
	struct seen	*s = arg;
	size_t		 i;

	(void)err;
	if (s->stopped)
		__builtin_trap();	/* called after it said stop */
	s->n++;
	wb_buf_append(&s->out, &r->line, sizeof(r->line));
	wb_buf_append(&s->out, &r->ncols, sizeof(r->ncols));
	for (i = 0; i < r->ncols; i++)
		wb_buf_append(&s->out, r->cols[i], strlen(r->cols[i]) + 1);
	if (s->n == s->stop_at) {
		s->stopped = true;
		return 42;
	}
	return 0;
}

/* True when the delimiter would be picked differently: from memory it is
 * picked from the first 256 KiB extended to the first LF, from a file from
 * the first 256 KiB.  That takes a first line longer than a chunk, which
 * no valid file has (32 cells of 1024 bytes), and then the two may refuse
 * the file with different messages; a known difference, not the thread's,
 * so such inputs are not compared. */
static bool
delim_differs(const char *p, size_t n)
{
	const char	*nl = memchr(p, '\n', n);
	size_t		 a, b, bom = 0;

	a = b = n < CHUNK ? n : CHUNK;
	if (nl != NULL && (size_t)(nl - p) + 1 > a)
		a = (size_t)(nl - p) + 1;
	if (a == b)
		return false;
	if (b >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		bom = 3;
	return wb_csv_detect_delim(p + bom, a - bom) !=
	    wb_csv_detect_delim(p + bom, b - bom);
}

static size_t
pick(uint8_t v, size_t near)
{
	if (v < 100)
		return v;
	if (v < 164)
		return near - 32 + (v - 100);	/* around a batch's end */
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t	 reps[8] = { 17, 1000, 8191, 8192, 8193,
	    16385, 24577, 40000 };
	static int		 fd = -1;
	struct wb_csv_stream	 m = { .row = keep }, f;
	struct seen		 ms, fs;
	struct wb_err		 merr, ferr;
	struct wb_buf		 file;
	const char		*t = (const char *)data + 5;
	size_t			 n, na, nb, nc, k, off;
	ssize_t			 w;
	int			 mrc, frc;

	if (size < 5)
		return 0;
	n = size - 5;
	na = data[3] % (n + 1);
	nc = data[4] % (n - na + 1);
	nb = n - na - nc;
	k = nb == 0 ? 1 : data[0] < 248 ? 1 + data[0] % 4 :
	    reps[data[0] & 7];
	if (nb > 0 && k > (BIG - na - nc) / nb)
		k = (BIG - na - nc) / nb;
	if (k == 0)
		k = 1;
	wb_buf_init(&file, 2 * BIG + 1);
	wb_buf_append(&file, t, na);
	while (k-- > 0)
		wb_buf_append(&file, t + na, nb);
	wb_buf_append(&file, t + na + nb, nc);
	if (wb_buf_error(&file) != 0)
		__builtin_trap();
	if (file.n > 0 && delim_differs(file.p, file.n)) {
		wb_buf_free(&file);
		return 0;
	}

	m.max_bytes = data[1] >= 240 && file.n > 0 ? file.n - 1 : file.n;
	m.max_rows = pick(data[1], 8192);
	if (m.max_rows == 0 && data[1] >= 100)
		m.max_rows = (size_t)1 << 30;
	f = m;
	memset(&ms, 0, sizeof(ms));
	wb_buf_init(&ms.out, (size_t)1 << 30);
	ms.stop_at = pick(data[2], 8192);
	fs = ms;
	wb_buf_init(&fs.out, (size_t)1 << 30);
	m.arg = &ms;
	f.arg = &fs;

	if (fd < 0 && (fd = memfd_create("fuzz_csv_stream", 0)) < 0)
		__builtin_trap();
	if (ftruncate(fd, 0) != 0)
		__builtin_trap();
	for (off = 0; off < file.n; off += (size_t)w)
		if ((w = pwrite(fd, file.p + off, file.n - off,
		    (off_t)off)) <= 0)
			__builtin_trap();
	if (lseek(fd, 0, SEEK_SET) != 0)
		__builtin_trap();

	memset(&merr, 0, sizeof(merr));
	memset(&ferr, 0, sizeof(ferr));
	frc = wb_csv_stream_fd(&f, fd, &ferr);
	if (file.n > m.max_bytes && file.n > CHUNK) {
		/* Too big, and more than a chunk: from memory nothing is
		 * read, from a file the chunks before the one that passes
		 * the limit are.  So the file's rows are compared with those
		 * of the whole file from memory: up to the limit the same,
		 * and ending like it when that read ends first. */
		m.max_bytes = file.n;
		mrc = wb_csv_stream_mem(&m, file.p, file.n, &merr);
		if (frc == WB_ETOOBIG && ferr.code == WB_ETOOBIG &&
		    strstr(ferr.msg, "te groot") != NULL) {
			if (fs.out.n > ms.out.n || (fs.out.n > 0 &&
			    memcmp(ms.out.p, fs.out.p, fs.out.n) != 0))
				__builtin_trap();
			goto out;
		}
	} else
		mrc = wb_csv_stream_mem(&m, file.p, file.n, &merr);

	if (mrc != frc || merr.code != ferr.code ||
	    strcmp(merr.msg, ferr.msg) != 0)
		__builtin_trap();
	if (ms.n != fs.n || ms.out.n != fs.out.n || (ms.out.n > 0 &&
	    memcmp(ms.out.p, fs.out.p, ms.out.n) != 0) ||
	    m.rows != f.rows || m.delim != f.delim)
		__builtin_trap();
	if (m.rows != ms.n)
		__builtin_trap();
	if (mrc == 0 && (m.bytes != file.n || f.bytes != file.n))
		__builtin_trap();
	if ((mrc == 42) != ms.stopped)
		__builtin_trap();
out:
	if (f.rows != fs.n)
		__builtin_trap();
	wb_buf_free(&ms.out);
	wb_buf_free(&fs.out);
	wb_buf_free(&file);
	return 0;
}
