/* session.c - sessions and API tokens, stored hashed. */
#include "domain/session.h"
#include "domain/audit.h"
#include "base/str.h"
#include "base/time.h"

#include <sodium.h>

char *
wb_random_hex(struct wb_arena *a, size_t n)
{
	unsigned char	 raw[64];
	char		*out;

	if (WB_NEVER(n > sizeof(raw)))
		n = sizeof(raw);
	randombytes_buf(raw, n);
	out = wb_arena_alloc(a, 2 * n + 1);
	wb_hex(raw, n, out);
	sodium_memzero(raw, sizeof(raw));
	return out;
}

char *
wb_hash_hex(struct wb_arena *a, const char *s)
{
	unsigned char	 sum[32];
	char		*out = wb_arena_alloc(a, 2 * sizeof(sum) + 1);

	crypto_generichash(sum, sizeof(sum), (const unsigned char *)s,
	    strlen(s), NULL, 0);
	wb_hex(sum, sizeof(sum), out);
	return out;
}

bool
wb_secret_eq(const char *a, const char *b)
{
	size_t	n = strlen(a);

	if (n != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

/* True when s is exactly `n` lowercase hex digits. */
static bool
is_hex(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[n] == '\0';
}

static int
delete_session(struct wb_db *db, const char *id_hash, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_SESSION_DELETE, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, id_hash);
	rc = wb_stmt_exec(st, err);
	wb_stmt_release(st);
	return rc;
}

int
wb_session_create(struct wb_db *db, int64_t user_id, const char *old_hash,
    struct wb_arena *a, const char **cookie, struct wb_session *out,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	const char	*id = wb_random_hex(a, 32);
	int64_t		 now = wb_now();
	int		 rc;

	out->id_hash = wb_hash_hex(a, id);
	out->user_id = user_id;
	out->csrf = wb_random_hex(a, 32);
	out->created_at = now;
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		return rc;
	if (old_hash != NULL) {
		rc = delete_session(db, old_hash, err);
		if (rc != 0)
			goto out;
	}
	rc = wb_db_prepare(db, Q_SESSION_PURGE, &st, err);
	if (rc != 0)
		goto out;
	wb_stmt_bind_int64(st, 1, now - WB_SESSION_IDLE);
	wb_stmt_bind_int64(st, 2, now - WB_SESSION_MAX);
	rc = wb_stmt_exec(st, err);
	if (rc != 0)
		goto out;
	wb_stmt_release(st);
	st = NULL;
	rc = wb_db_prepare(db, Q_SESSION_INSERT, &st, err);
	if (rc != 0)
		goto out;
	wb_stmt_bind_text(st, 1, out->id_hash);
	wb_stmt_bind_int64(st, 2, user_id);
	wb_stmt_bind_text(st, 3, out->csrf);
	wb_stmt_bind_int64(st, 4, now);
	rc = wb_stmt_exec(st, err);
	if (rc != 0)
		goto out;
	rc = wb_db_commit(db, err);
out:
	wb_stmt_release(st);
	if (rc != 0)
		wb_db_rollback(db);
	else
		*cookie = id;
	return rc;
}

int
wb_session_find(struct wb_db *db, const char *cookie, struct wb_arena *a,
    struct wb_session *out, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int64_t		 now = wb_now(), last_seen;
	int		 rc;

	if (cookie == NULL || strlen(cookie) != WB_TOKEN_HEX ||
	    !is_hex(cookie, WB_TOKEN_HEX))
		return wb_err_set(err, WB_ENOTFOUND, "no session");
	out->id_hash = wb_hash_hex(a, cookie);
	rc = wb_db_prepare(db, Q_SESSION_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, out->id_hash);
	rc = wb_stmt_step(st, err);
	if (rc != 1) {
		wb_stmt_release(st);
		return rc < 0 ? rc : wb_err_set(err, WB_ENOTFOUND,
		    "no session");
	}
	out->user_id = wb_stmt_int64(st, 0);
	out->csrf = wb_arena_strdup(a, wb_stmt_text(st, 1));
	out->created_at = wb_stmt_int64(st, 2);
	last_seen = wb_stmt_int64(st, 3);
	wb_stmt_release(st);
	st = NULL;
	if (now - last_seen > WB_SESSION_IDLE ||
	    now - out->created_at > WB_SESSION_MAX) {
		rc = delete_session(db, out->id_hash, err);
		return rc ? rc : wb_err_set(err, WB_ENOTFOUND, "expired");
	}
	if (now - last_seen >= 60) {
		/* Touch at most once a minute: most requests only read. */
		rc = wb_db_prepare(db, Q_SESSION_TOUCH, &st, err);
		if (rc != 0)
			return rc;
		wb_stmt_bind_text(st, 1, out->id_hash);
		wb_stmt_bind_int64(st, 2, now);
		rc = wb_stmt_exec(st, err);
		wb_stmt_release(st);
		return rc;
	}
	return 0;
}

int
wb_session_end(struct wb_db *db, const struct wb_actor *actor,
    const char *id_hash, struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = "logout",
	    .object_type = "user" };
	char			idbuf[24];
	int			rc;

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)actor->user_id);
	ev.object_id = idbuf;
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		return rc;
	rc = delete_session(db, id_hash, err);
	if (rc == 0)
		rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0)
		wb_db_rollback(db);
	return rc;
}

int
wb_token_create(struct wb_db *db, const struct wb_actor *actor,
    int64_t user_id, struct wb_arena *a, const char **token,
    struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct wb_audit_event	 ev = { .event = "token.create",
	    .object_type = "api_token" };
	const char		*t = wb_random_hex(a, 32);
	char			 idbuf[24];
	int64_t			 id;
	int			 rc;

	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_TOKEN_INSERT, &st, err);
	if (rc != 0)
		goto out;
	wb_stmt_bind_int64(st, 1, user_id);
	wb_stmt_bind_text(st, 2, wb_hash_hex(a, t));
	wb_stmt_bind_int64(st, 3, wb_now());
	rc = wb_stmt_exec_int64(st, &id, err);
	if (rc != 0)
		goto out;
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)id);
	ev.object_id = idbuf;
	ev.user_id = actor->user_id ? actor->user_id : 0;
	rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
out:
	wb_stmt_release(st);
	if (rc != 0)
		wb_db_rollback(db);
	else
		*token = t;
	return rc;
}

int
wb_token_revoke_user(struct wb_db *db, const struct wb_actor *actor,
    int64_t user_id, int64_t *n, struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct wb_audit_event	 ev = { .event = "token.revoke",
	    .object_type = "user" };
	char			 idbuf[24];
	int			 rc;

	*n = 0;
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)user_id);
	ev.object_id = idbuf;
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_TOKEN_REVOKE_USER, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, user_id);
		wb_stmt_bind_int64(st, 2, wb_now());
		rc = wb_stmt_exec(st, err);
		if (rc == 0)
			*n = wb_stmt_changes(st);
		wb_stmt_release(st);
	}
	if (rc == 0)
		rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0)
		wb_db_rollback(db);
	return rc;
}

int
wb_token_find(struct wb_db *db, const char *token, int64_t *user_id,
    struct wb_err *err)
{
	struct wb_arena	 a;
	struct wb_stmt	*st = NULL;
	int64_t		 id = 0, last_used = 0, now = wb_now();
	int		 rc;

	*user_id = 0;
	if (token == NULL || strlen(token) != WB_TOKEN_HEX ||
	    !is_hex(token, WB_TOKEN_HEX))
		return wb_err_set(err, WB_ENOTFOUND, "no token");
	wb_arena_init(&a);
	rc = wb_db_prepare(db, Q_TOKEN_GET, &st, err);
	if (rc != 0)
		goto out;
	wb_stmt_bind_text(st, 1, wb_hash_hex(&a, token));
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		id = wb_stmt_int64(st, 0);
		*user_id = wb_stmt_int64(st, 1);
		last_used = wb_stmt_int64(st, 2);
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no token");
	wb_stmt_release(st);
	st = NULL;
	if (rc == 0 && now - last_used >= 60) {
		rc = wb_db_prepare(db, Q_TOKEN_TOUCH, &st, err);
		if (rc != 0)
			goto out;
		wb_stmt_bind_int64(st, 1, id);
		wb_stmt_bind_int64(st, 2, now);
		rc = wb_stmt_exec(st, err);
	}
out:
	wb_stmt_release(st);
	wb_arena_free(&a);
	return rc;
}
