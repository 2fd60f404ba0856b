/* mem.c - allocation wrappers that abort on exhaustion. */
#include "base/mem.h"

#include <sodium.h>

WB_NORETURN static void
oom(size_t n)
{
	fprintf(stderr, "werkbrug: out of memory allocating %zu bytes\n", n);
	abort();
}

void *
wb_xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
wb_xcalloc(size_t nmemb, size_t size)
{
	size_t	 total;
	void	*p;

	if (!wb_mul_ok(nmemb, size, &total))
		oom(SIZE_MAX);
	p = calloc(total ? nmemb : 1, total ? size : 1);
	if (p == NULL)
		oom(total);
	return p;
}

void *
wb_xrealloc(void *p, size_t n)
{
	void	*q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

char *
wb_xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 total;

	if (!wb_add_ok(n, 1, &total))
		oom(SIZE_MAX);
	p = wb_xmalloc(total);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
wb_xstrdup(const char *s)
{
	return wb_xstrndup(s, strlen(s));
}

void
wb_free_secret(void *p, size_t n)
{
	if (p == NULL)
		return;
	sodium_memzero(p, n);
	free(p);
}

void *
wb_xrealloc_secret(void *p, size_t old, size_t n)
{
	void	*q = wb_xmalloc(n);

	if (p != NULL)
		memcpy(q, p, old < n ? old : n);
	wb_free_secret(p, old);
	return q;
}
