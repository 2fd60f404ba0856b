/* arena.c - chunked bump allocator. */
#include "base/arena.h"
#include "base/mem.h"

#include <sodium.h>

#define CHUNK_MIN	4096
#define ALIGN		16

struct wb_arena_chunk {
	struct wb_arena_chunk	*next;
	size_t			 cap;
	size_t			 used;
	_Alignas(ALIGN) unsigned char data[];
};

void
wb_arena_init(struct wb_arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void
wb_arena_free(struct wb_arena *a)
{
	struct wb_arena_chunk	*c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		sodium_memzero(c->data, c->used);
		free(c);
	}
	a->head = NULL;
	a->total = 0;
}

void
wb_arena_reset(struct wb_arena *a)
{
	struct wb_arena_chunk	*c, *next, *keep = NULL;

	/* Keep the largest chunk (up to 1 MiB) for the next use. */
	for (c = a->head; c != NULL; c = c->next)
		if (c->cap <= (1u << 20) && (keep == NULL || c->cap > keep->cap))
			keep = c;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		/* Requests decode passwords into their arena: wipe. */
		sodium_memzero(c->data, c->used);
		if (c != keep)
			free(c);
	}
	if (keep != NULL) {
		keep->next = NULL;
		keep->used = 0;
	}
	a->head = keep;
	a->total = 0;
}

void *
wb_arena_alloc(struct wb_arena *a, size_t n)
{
	struct wb_arena_chunk	*c = a->head;
	size_t			 need, cap, bytes;
	void			*p;

	if (!wb_add_ok(n, ALIGN - 1, &need))
		abort();
	need &= ~(size_t)(ALIGN - 1);
	if (need == 0)
		need = ALIGN;
	if (c == NULL || c->cap - c->used < need) {
		cap = need > CHUNK_MIN ? need : CHUNK_MIN;
		if (a->head != NULL && a->head->cap * 2 > cap &&
		    a->head->cap < (1u << 20))
			cap = a->head->cap * 2;
		if (!wb_add_ok(sizeof(*c), cap, &bytes))
			abort();
		c = wb_xmalloc(bytes);
		c->cap = cap;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += need;
	a->total += need;
	memset(p, 0, n);
	return p;
}

void *
wb_arena_array(struct wb_arena *a, size_t nmemb, size_t size)
{
	size_t	total;

	if (!wb_mul_ok(nmemb, size, &total))
		abort();
	return wb_arena_alloc(a, total);
}

void *
wb_arena_grow(struct wb_arena *a, void *arr, size_t n, size_t *cap,
    size_t size)
{
	void	*nv;

	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 16;
	nv = wb_arena_array(a, *cap, size);
	if (n > 0)
		memcpy(nv, arr, n * size);
	return nv;
}

char *
wb_arena_strndup(struct wb_arena *a, const char *s, size_t n)
{
	size_t	 total;
	char	*p;

	if (!wb_add_ok(n, 1, &total))
		abort();
	p = wb_arena_alloc(a, total);
	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
wb_arena_strdup(struct wb_arena *a, const char *s)
{
	return wb_arena_strndup(a, s, strlen(s));
}

char *
wb_arena_printf(struct wb_arena *a, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return wb_arena_strdup(a, "");
	p = wb_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	(void)vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
