/* arena.h - a chunked bump allocator for one request or one command.
 *
 * Everything allocated from an arena is released at once by wb_arena_free();
 * nothing allocated from it is freed individually.  Released memory is
 * wiped first: requests decode passwords into their arena.  Allocation never fails
 * (out-of-memory aborts).  An arena is used by one thread at a time.
 */
#ifndef WB_ARENA_H
#define WB_ARENA_H

#include "base/common.h"

struct wb_arena_chunk;

struct wb_arena {
	struct wb_arena_chunk	*head;
	size_t			 total;		/* bytes handed out */
};

void	 wb_arena_init(struct wb_arena *a);
void	 wb_arena_free(struct wb_arena *a);
/* Release everything allocated but keep one chunk for reuse: a worker
 * thread's arena is reset between requests instead of freed. */
void	 wb_arena_reset(struct wb_arena *a);

/* `n` bytes aligned for any type; zero-filled. */
void	*wb_arena_alloc(struct wb_arena *a, size_t n);
/* `nmemb` elements of `size` bytes, overflow-checked, zero-filled. */
void	*wb_arena_array(struct wb_arena *a, size_t nmemb, size_t size);
/* Room for element `n` of an arena array that holds n elements and has
 * room for *cap: returns the array (moved and doubled when full). */
void	*wb_arena_grow(struct wb_arena *a, void *arr, size_t n, size_t *cap,
	    size_t size);
/* Append one zeroed element to an arena array `arr` of `n` elements with
 * capacity `cap` (both size_t lvalues); evaluates to the new element. */
#define WB_ARENA_PUSH(a, arr, n, cap) \
	((arr) = wb_arena_grow((a), (arr), (n), &(cap), sizeof(*(arr))), \
	&(arr)[(n)++])
char	*wb_arena_strndup(struct wb_arena *a, const char *s, size_t n);
char	*wb_arena_strdup(struct wb_arena *a, const char *s);
char	*wb_arena_printf(struct wb_arena *a, const char *fmt, ...)
	    WB_PRINTF(2, 3);

#endif /* WB_ARENA_H */
