/* activation.c - one-time codes that open a client's portal account. */
#include "domain/activation.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/client_access.h"
#include "domain/session.h"
#include "domain/user.h"
#include "base/str.h"
#include "base/time.h"

#include <sodium.h>

/* No 0/O, 1/I/L: the code is read off paper. */
static const char alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

bool
wb_activation_normalise(const char *in, char out[17])
{
	size_t	n = 0;

	out[0] = '\0';
	if (in == NULL)
		return false;
	for (; *in != '\0'; in++) {
		char c = *in >= 'a' && *in <= 'z' ? (char)(*in - 32) : *in;

		if (c == ' ' || c == '-')
			continue;
		if (n == WB_ACTIVATION_CHARS || strchr(alphabet, c) == NULL ||
		    c == '\0')
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == WB_ACTIVATION_CHARS;
}

int
wb_activation_create(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, struct wb_arena *a, const char **code,
    int64_t *expires, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "client.activation.create",
	    .client_id = client_id, .want = WB_CAT_IDENTITY, .write = true };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	char			 raw[WB_ACTIVATION_CHARS + 1], *shown;
	int64_t			 portal = 0, registered = 0, id, now = wb_now();
	size_t			 i, j;
	int			 rc;

	*code = NULL;
	*expires = 0;
	if (actor->role != WB_ROLE_PROFESSIONAL)
		op.want = WB_CAT_ALL;	/* refused below: professionals only */
	rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	if (actor->role != WB_ROLE_PROFESSIONAL)
		return wb_client_refuse(db, actor, &op, &d, wb_err_set(err,
		    WB_EDENIED, "only professionals make activation codes"),
		    err);
	/* Only the registering organisation: whoever holds the code holds
	 * the client's own view of everything, health included. */
	rc = wb_client_registered_org(db, client_id, &registered, err);
	if (rc == 0 && registered != actor->org_id)
		return wb_client_refuse(db, actor, &op, &d, wb_err_set(err,
		    WB_EDENIED, "not the registering organisation"), err);
	if (rc == 0)
		rc = wb_db_prepare(db, Q_CLIENT_PORTAL, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		rc = wb_stmt_step(st, err);
		if (rc == 1) {
			portal = wb_stmt_int64(st, 0);
			rc = 0;
		} else if (rc == 0)
			rc = wb_err_set(err, WB_ENOTFOUND, "no such client");
		wb_stmt_release(st);
	}
	if (rc == 0 && portal != 0) {
		wb_db_rollback(db);
		return wb_err_set(err, WB_EINVAL, "Deze cliënt heeft al een "
		    "account voor het portaal.");
	}
	for (i = 0; i < WB_ACTIVATION_CHARS; i++)
		raw[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	raw[WB_ACTIVATION_CHARS] = '\0';
	if (rc == 0)
		rc = wb_db_prepare(db, Q_ACTIVATION_EXPIRE_OPEN, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		wb_stmt_bind_int64(st, 2, now);
		rc = wb_stmt_exec(st, err);
		wb_stmt_release(st);
	}
	if (rc == 0)
		rc = wb_db_prepare(db, Q_ACTIVATION_INSERT, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		wb_stmt_bind_text(st, 2, wb_hash_hex(a, raw));
		wb_stmt_bind_int64(st, 3, actor->user_id);
		wb_stmt_bind_int64(st, 4, now);
		wb_stmt_bind_int64(st, 5, now + WB_ACTIVATION_DAYS * 86400);
		rc = wb_stmt_exec_int64(st, &id, err);
		wb_stmt_release(st);
	}
	rc = wb_client_finish_write(db, actor, &op, &d, rc, err);
	if (rc != 0) {
		sodium_memzero(raw, sizeof(raw));
		return rc;
	}
	/* ABCD-EFGH-JKLM-NPQR */
	shown = wb_arena_alloc(a, WB_ACTIVATION_CHARS + 4);
	for (i = 0, j = 0; i < WB_ACTIVATION_CHARS; i++) {
		if (i > 0 && i % 4 == 0)
			shown[j++] = '-';
		shown[j++] = raw[i];
	}
	shown[j] = '\0';
	sodium_memzero(raw, sizeof(raw));
	*code = shown;
	*expires = now + WB_ACTIVATION_DAYS * 86400;
	return 0;
}

/* The one message for an unknown, used or expired code: which of them it
 * was would help someone guessing. */
static int
bad_code(struct wb_db *db, const char *address, struct wb_err *err)
{
	struct wb_actor		anon = { .address = address, .via = "web" };
	struct wb_audit_event	ev = { .event = "client.activate",
	    .denied = true, .object_type = "client_activation",
	    .detail = "unknown, used or expired code" };
	int			rc;

	wb_db_rollback(db);
	rc = wb_audit_log(db, &anon, &ev, err);
	return rc != 0 ? rc : wb_err_field(err, WB_EINVAL, "code", "Deze "
	    "code werkt niet. Misschien is hij al gebruikt of verlopen. Vraag "
	    "uw begeleider om een nieuwe code.");
}

/* The unused, unexpired activation with this code: *id (0 = none) and
 * its client, in the caller's transaction. */
static int
find_code(struct wb_db *db, struct wb_arena *a, const char *norm,
    int64_t now, int64_t *id, int64_t *client_id, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*id = *client_id = 0;
	rc = wb_db_prepare(db, Q_ACTIVATION_FIND, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, wb_hash_hex(a, norm));
	wb_stmt_bind_int64(st, 2, now);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		*id = wb_stmt_int64(st, 0);
		*client_id = wb_stmt_int64(st, 1);
	}
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

int
wb_activation_use(struct wb_db *db, const char *address, const char *code,
    const char *email, const char *password, int64_t *user_id,
    struct wb_err *err)
{
	struct wb_audit_event	 ev = { .event = "client.activate",
	    .object_type = "user" };
	struct wb_actor		 actor = { .address = address, .via = "web",
	    .role = WB_ROLE_CLIENT };
	struct wb_stmt		*st = NULL;
	struct wb_arena		 a;
	struct wb_user		 other;
	char			 norm[17], hash[crypto_pwhash_STRBYTES];
	char			 idbuf[24];
	int64_t			 act_id = 0, client_id = 0, portal = 0;
	int64_t			 now = wb_now();
	int			 rc;

	*user_id = 0;
	if (!wb_activation_normalise(code, norm))
		return wb_err_field(err, WB_EINVAL, "code", "Een code heeft 16 "
		    "letters en cijfers, bijvoorbeeld ABCD-EFGH-JKMN-PQRS.");
	if (email == NULL || !wb_email_valid(email, strlen(email)))
		return wb_err_field(err, WB_EINVAL, "email",
		    "Vul een geldig e-mailadres in.");
	rc = wb_password_check_rules(password, err);
	if (rc != 0)
		return rc;
	wb_arena_init(&a);
	/* The expensive password hash only for a code that exists: an
	 * unknown code costs a lookup, not 64 MiB of Argon2id. */
	rc = wb_db_begin_read(db, err);
	if (rc == 0)
		rc = find_code(db, &a, norm, now, &act_id, &client_id, err);
	wb_db_rollback(db);
	if (rc == 0 && act_id == 0) {
		rc = bad_code(db, address, err);
		wb_arena_free(&a);
		sodium_memzero(norm, sizeof(norm));
		return rc;
	}
	if (rc == 0)
		rc = wb_password_hash(password, hash, err);
	if (rc != 0) {
		wb_arena_free(&a);
		return rc;
	}
	/* Again, inside the write: it may have been used meanwhile. */
	rc = wb_db_begin_write(db, err);
	if (rc == 0)
		rc = find_code(db, &a, norm, now, &act_id, &client_id, err);
	if (rc == 0 && act_id != 0)
		rc = wb_db_prepare(db, Q_CLIENT_PORTAL, &st, err);
	if (rc == 0 && act_id != 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		rc = wb_stmt_step(st, err);
		if (rc == 1) {
			portal = wb_stmt_int64(st, 0);
			rc = 0;
		} else if (rc == 0)
			act_id = 0;	/* erased meanwhile */
		wb_stmt_release(st);
	}
	if (rc == 0 && (act_id == 0 || portal != 0)) {
		rc = bad_code(db, address, err);
		goto out;
	}
	if (rc == 0) {
		rc = wb_user_find_email(db, email, &a, &other, err);
		if (rc == 0) {
			wb_db_rollback(db);
			rc = wb_err_field(err, WB_EINVAL, "email", "Dit "
			    "e-mailadres is al in gebruik. Kies een ander "
			    "e-mailadres.");
			goto out;
		}
		if (rc == WB_ENOTFOUND) {
			wb_err_clear(err);
			rc = 0;
		}
	}
	if (rc == 0)
		rc = wb_db_prepare(db, Q_USER_INSERT, &st, err);
	if (rc == 0) {
		char *lower = wb_arena_strdup(&a, email);
		char *p;

		for (p = lower; *p != '\0'; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
		wb_stmt_bind_text(st, 1, lower);
		/* Not the client's name: accounts are named in the audit
		 * log an auditor reads next to the client id. */
		wb_stmt_bind_text(st, 2, "Cliënt");
		wb_stmt_bind_text(st, 3, "client");
		wb_stmt_bind_null(st, 4);
		wb_stmt_bind_null(st, 5);
		wb_stmt_bind_text(st, 6, hash);
		wb_stmt_bind_int64(st, 7, now);
		rc = wb_stmt_exec_int64(st, user_id, err);
		wb_stmt_release(st);
	}
	if (rc == 0)
		rc = wb_db_prepare(db, Q_ACTIVATION_USE, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, act_id);
		wb_stmt_bind_int64(st, 2, now);
		wb_stmt_bind_int64(st, 3, *user_id);
		rc = wb_stmt_exec(st, err);
		if (rc == 0 && wb_stmt_changes(st) != 1)
			rc = wb_err_set(err, WB_ECONFLICT, "code used meanwhile");
		wb_stmt_release(st);
	}
	if (rc == 0)
		rc = wb_db_prepare(db, Q_CLIENT_SET_PORTAL, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		wb_stmt_bind_int64(st, 2, *user_id);
		rc = wb_stmt_exec(st, err);
		if (rc == 0 && wb_stmt_changes(st) != 1)
			rc = wb_err_set(err, WB_ECONFLICT, "account made meanwhile");
		wb_stmt_release(st);
	}
	if (rc == 0) {
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*user_id);
		actor.user_id = *user_id;
		actor.client_id = client_id;
		ev.object_id = idbuf;
		ev.client_id = client_id;
		rc = wb_audit_write(db, &actor, &ev, err);
	}
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0) {
		wb_db_rollback(db);
		*user_id = 0;
	}
out:
	sodium_memzero(hash, sizeof(hash));
	sodium_memzero(norm, sizeof(norm));
	wb_arena_free(&a);
	return rc;
}
