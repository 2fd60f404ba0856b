/* mem.h - allocation that never returns NULL.
 *
 * Out-of-memory is fatal in this application (conventions.md rule 8): the
 * process logs one line and aborts; systemd restarts it.  Size arithmetic
 * that feeds an allocation goes through wb_mul_ok()/wb_add_ok().
 */
#ifndef WB_MEM_H
#define WB_MEM_H

#include "base/common.h"

void	*wb_xmalloc(size_t n);
void	*wb_xcalloc(size_t nmemb, size_t size);
void	*wb_xrealloc(void *p, size_t n);
char	*wb_xstrdup(const char *s);
char	*wb_xstrndup(const char *s, size_t n);

/* Wipe `n` bytes at `p` (may be NULL) and free it: for passwords, tokens,
 * keys and decrypted fields. */
void	 wb_free_secret(void *p, size_t n);
/* As wb_xrealloc for a block of `old` bytes holding client data: the old
 * block is wiped before it is freed (realloc would leave a copy). */
void	*wb_xrealloc_secret(void *p, size_t old, size_t n);

/* True when a*b (a+b) fits in size_t; the result goes to *out. */
static inline bool
wb_mul_ok(size_t a, size_t b, size_t *out)
{
	return !__builtin_mul_overflow(a, b, out);
}

static inline bool
wb_add_ok(size_t a, size_t b, size_t *out)
{
	return !__builtin_add_overflow(a, b, out);
}

#endif /* WB_MEM_H */
