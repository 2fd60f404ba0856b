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
char	*wb_arena_strndup(struct wb_arena *a, const char *s, size_t n);
char	*wb_arena_strdup(struct wb_arena *a, const char *s);
char	*wb_arena_printf(struct wb_arena *a, const char *fmt, ...)
	    WB_PRINTF(2, 3);

#endif /* WB_ARENA_H */
