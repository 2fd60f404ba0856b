/* buf.h - growable byte buffer with a hard maximum and a sticky error.
 *
 * Invariants: `p` is NULL until the first append, then always holds at least
 * `n + 1` bytes with p[n] == '\0'.  When an append would pass `max` the
 * buffer keeps what it has, sets `toobig`, and every later append is a
 * no-op; the caller checks wb_buf_error() once at the end (after curl's
 * dynbuf and SQLite's StrAccum).
 */
#ifndef WB_BUF_H
#define WB_BUF_H

#include "base/common.h"

struct wb_buf {
	char	*p;
	size_t	 n;
	size_t	 cap;
	size_t	 max;
	bool	 toobig;
};

void	wb_buf_init(struct wb_buf *b, size_t max);
void	wb_buf_free(struct wb_buf *b);
void	wb_buf_reset(struct wb_buf *b);
/* Make room for n bytes up front (ignored beyond the maximum). */
void	wb_buf_reserve(struct wb_buf *b, size_t n);
void	wb_buf_append(struct wb_buf *b, const void *p, size_t n);
void	wb_buf_puts(struct wb_buf *b, const char *s);
void	wb_buf_putc(struct wb_buf *b, char c);
void	wb_buf_printf(struct wb_buf *b, const char *fmt, ...) WB_PRINTF(2, 3);
/* Append with HTML escaping of & < > " ' */
void	wb_buf_html(struct wb_buf *b, const char *s, size_t n);
/* Always a NUL-terminated string ("" when empty). */
const char *wb_buf_cstr(const struct wb_buf *b);
/* WB_ETOOBIG when an append was refused, else 0. */
int	wb_buf_error(const struct wb_buf *b);
/* Hand the bytes to the caller (who frees them); the buffer is reset. */
char	*wb_buf_detach(struct wb_buf *b, size_t *n);

#endif /* WB_BUF_H */
