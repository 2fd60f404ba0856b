/* buf.c - growable buffer with a maximum and a sticky error. */
#include "base/buf.h"
#include "base/err.h"
#include "base/mem.h"

void
wb_buf_init(struct wb_buf *b, size_t max)
{
	b->p = NULL;
	b->n = 0;
	b->cap = 0;
	b->max = max;
	b->toobig = false;
}

void
wb_buf_free(struct wb_buf *b)
{
	free(b->p);
	wb_buf_init(b, b->max);
}

void
wb_buf_reset(struct wb_buf *b)
{
	b->n = 0;
	b->toobig = false;
	if (b->p != NULL)
		b->p[0] = '\0';
}

/* Make room for `n` more bytes plus the NUL; false when over the maximum. */
static bool
grow(struct wb_buf *b, size_t n)
{
	size_t	need, cap;

	if (b->toobig)
		return false;
	if (!wb_add_ok(b->n, n, &need) || need > b->max) {
		b->toobig = true;
		return false;
	}
	need += 1;
	if (need <= b->cap)
		return true;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (b->max < SIZE_MAX && cap > b->max + 1)
		cap = b->max + 1;	/* never more than the maximum needs */
	b->p = wb_xrealloc(b->p, cap);
	b->cap = cap;
	return true;
}

void
wb_buf_reserve(struct wb_buf *b, size_t n)
{
	if (n > b->max || n + 1 <= b->cap)
		return;
	b->p = wb_xrealloc(b->p, n + 1);
	if (b->cap == 0)
		b->p[0] = '\0';
	b->cap = n + 1;
}

void
wb_buf_append(struct wb_buf *b, const void *p, size_t n)
{
	if (!grow(b, n))
		return;
	if (n > 0)
		memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void
wb_buf_puts(struct wb_buf *b, const char *s)
{
	wb_buf_append(b, s, strlen(s));
}

void
wb_buf_putc(struct wb_buf *b, char c)
{
	wb_buf_append(b, &c, 1);
}

void
wb_buf_printf(struct wb_buf *b, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	(void)vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

void
wb_buf_html(struct wb_buf *b, const char *s, size_t n)
{
	size_t	i, start = 0;

	for (i = 0; i < n; i++) {
		const char	*rep = NULL;

		switch (s[i]) {
		case '&':	rep = "&amp;"; break;
		case '<':	rep = "&lt;"; break;
		case '>':	rep = "&gt;"; break;
		case '"':	rep = "&quot;"; break;
		case '\'':	rep = "&#39;"; break;
		default:	continue;
		}
		wb_buf_append(b, s + start, i - start);
		wb_buf_puts(b, rep);
		start = i + 1;
	}
	wb_buf_append(b, s + start, n - start);
}

const char *
wb_buf_cstr(const struct wb_buf *b)
{
	return b->p ? b->p : "";
}

int
wb_buf_error(const struct wb_buf *b)
{
	return b->toobig ? WB_ETOOBIG : 0;
}

char *
wb_buf_detach(struct wb_buf *b, size_t *n)
{
	char	*p = b->p ? b->p : wb_xstrdup("");

	if (n != NULL)
		*n = b->n;
	b->p = NULL;
	b->n = b->cap = 0;
	b->toobig = false;
	return p;
}
