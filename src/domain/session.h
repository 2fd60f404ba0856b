/* session.h - server-side login sessions and API tokens.
 *
 * A session id is 32 random bytes, given to the browser once (hex, in an
 * HttpOnly SameSite=Strict cookie); the database keeps only its BLAKE2b
 * hash, so a copy of the database does not hand out sessions.  Each
 * session has its own CSRF token.  Sessions end after WB_SESSION_IDLE
 * seconds without a request or WB_SESSION_MAX seconds after login.
 * API tokens work the same way: shown once, stored hashed.
 */
#ifndef WB_SESSION_H
#define WB_SESSION_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/db.h"

#define WB_SESSION_IDLE		(30 * 60)
#define WB_SESSION_MAX		(12 * 60 * 60)
#define WB_TOKEN_HEX		64	/* 32 bytes */

struct wb_session {
	const char	*id_hash;
	int64_t		 user_id;
	const char	*csrf;
	int64_t		 created_at;
};

/* Create a session for `user_id`; *cookie gets the id for the browser
 * (in `a`), *out the row.  Ends the old session `old_hash` (may be NULL):
 * a new id on every login. */
int	wb_session_create(struct wb_db *db, int64_t user_id,
	    const char *old_hash, struct wb_arena *a, const char **cookie,
	    struct wb_session *out, struct wb_err *err) WB_WARN_UNUSED;

/* Find the live session for the cookie value.  WB_ENOTFOUND when it is
 * unknown, malformed or expired (an expired one is deleted). */
int	wb_session_find(struct wb_db *db, const char *cookie,
	    struct wb_arena *a, struct wb_session *out, struct wb_err *err)
	    WB_WARN_UNUSED;

/* End a session (logout), auditing it for `actor`. */
int	wb_session_end(struct wb_db *db, const struct wb_actor *actor,
	    const char *id_hash, struct wb_err *err) WB_WARN_UNUSED;

/* Create an API token for `user_id`; *token gets it (in `a`), shown once. */
int	wb_token_create(struct wb_db *db, const struct wb_actor *actor,
	    int64_t user_id, struct wb_arena *a, const char **token,
	    struct wb_err *err) WB_WARN_UNUSED;
/* Revoke every live token of `user_id`; *n gets how many.  Audited. */
int	wb_token_revoke_user(struct wb_db *db, const struct wb_actor *actor,
	    int64_t user_id, int64_t *n, struct wb_err *err) WB_WARN_UNUSED;
/* The account of a live token; WB_ENOTFOUND otherwise. */
int	wb_token_find(struct wb_db *db, const char *token, int64_t *user_id,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Random bytes as lowercase hex (2n chars) in `a`. */
char	*wb_random_hex(struct wb_arena *a, size_t n);
/* BLAKE2b-256 hex of s, in `a`. */
char	*wb_hash_hex(struct wb_arena *a, const char *s);
/* Constant-time comparison of two NUL-terminated strings. */
bool	wb_secret_eq(const char *a, const char *b);

#endif /* WB_SESSION_H */
