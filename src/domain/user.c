/* user.c - accounts, password hashing, login and lockout. */
#include "domain/user.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "base/buf.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/mem.h"
#include "base/str.h"
#include "base/time.h"

#include <pthread.h>
#include <sodium.h>

static int	end_sessions(struct wb_db *db, int64_t id, struct wb_err *err);

/* Argon2id cost.  WERKBRUG_PWHASH=fast (tests only) uses the minimum. */
static void
pwhash_params(unsigned long long *ops, size_t *mem)
{
	const char	*v = getenv("WERKBRUG_PWHASH");

	if (v != NULL && strcmp(v, "fast") == 0) {
		*ops = crypto_pwhash_OPSLIMIT_MIN;
		*mem = crypto_pwhash_MEMLIMIT_MIN;
	} else {
		*ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		*mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	}
}

int
wb_password_check_rules(const char *pw, struct wb_err *err)
{
	size_t	n = pw ? strlen(pw) : 0;

	if (n > WB_MAX_PASSWORD)
		return wb_err_field(err, WB_EINVAL, "password",
		    "Het wachtwoord mag hoogstens %d tekens hebben.",
		    WB_MAX_PASSWORD);
	if (!wb_utf8_valid(pw ? pw : "", n, false))
		return wb_err_field(err, WB_EINVAL, "password",
		    "Het wachtwoord bevat tekens die niet zijn toegestaan.");
	/* Characters, not bytes: "é" counts once. */
	if (wb_utf8_len(pw ? pw : "", n) < WB_MIN_PASSWORD)
		return wb_err_field(err, WB_EINVAL, "password",
		    "Het wachtwoord moet minstens %d tekens hebben.",
		    WB_MIN_PASSWORD);
	return 0;
}

int
wb_password_hash(const char *pw, char *out, struct wb_err *err)
{
	unsigned long long	ops;
	size_t			mem;

	pwhash_params(&ops, &mem);
	if (crypto_pwhash_str(out, pw, strlen(pw), ops, mem) != 0)
		return wb_err_set(err, WB_EIO, "password hashing failed");
	return 0;
}

/* Copy the USER_COLS row of `st` into `u`. */
static void
row_user(struct wb_stmt *st, struct wb_arena *a, struct wb_user *u)
{
	u->id = wb_stmt_int64(st, 0);
	u->email = wb_arena_strdup(a, wb_stmt_text(st, 1));
	u->name = wb_arena_strdup(a, wb_stmt_text(st, 2));
	/* wb_role_parse refuses "client" (no form may make one). */
	u->role = strcmp(wb_stmt_text(st, 3), "client") == 0 ?
	    WB_ROLE_CLIENT : wb_role_parse(wb_stmt_text(st, 3));
	u->org_id = wb_stmt_int64(st, 4);
	u->region_code = wb_stmt_isnull(st, 5) ? NULL :
	    wb_arena_strdup(a, wb_stmt_text(st, 5));
	u->lang = wb_arena_strdup(a, wb_stmt_text(st, 7));
	u->active = wb_stmt_int64(st, 8) != 0;
	u->org_name = wb_arena_strdup(a, wb_stmt_text(st, 9));
	u->org_code = wb_arena_strdup(a, wb_stmt_text(st, 10));
	u->client_id = wb_stmt_int64(st, 11);
}

static int
load_by(struct wb_db *db, enum wb_query q, int64_t id, const char *email,
    struct wb_arena *a, struct wb_user *out, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, q, &st, err);
	if (rc != 0)
		return rc;
	if (email != NULL)
		wb_stmt_bind_text(st, 1, email);
	else
		wb_stmt_bind_int64(st, 1, id);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		row_user(st, a, out);
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such account");
	wb_stmt_release(st);
	return rc;
}

int
wb_user_load(struct wb_db *db, int64_t id, struct wb_arena *a,
    struct wb_user *out, struct wb_err *err)
{
	return load_by(db, Q_USER_GET, id, NULL, a, out, err);
}

int
wb_user_find_email(struct wb_db *db, const char *email, struct wb_arena *a,
    struct wb_user *out, struct wb_err *err)
{
	return load_by(db, Q_USER_GET_BY_EMAIL, 0, email, a, out, err);
}

void
wb_user_actor(const struct wb_user *u, const char *address, const char *via,
    struct wb_actor *out)
{
	memset(out, 0, sizeof(*out));
	out->user_id = u->id;
	out->org_id = u->org_id;
	out->role = u->role;
	out->region_code = u->region_code;
	out->address = address;
	out->via = via;
	out->client_id = u->role == WB_ROLE_CLIENT ? u->client_id : 0;
}

/* Validate the fields shared by add and update; fills org id. */
static int
validate(struct wb_db *db, const struct wb_user_input *in, bool create,
    int64_t *org_id, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	enum wb_role	 role = in->role ? wb_role_parse(in->role) :
	    WB_ROLE_NONE;
	int		 rc;

	if (create && (in->email == NULL ||
	    !wb_email_valid(in->email, strlen(in->email))))
		return wb_err_field(err, WB_EINVAL, "email",
		    "Vul een geldig e-mailadres in.");
	if (in->name == NULL || in->name[0] == '\0' ||
	    wb_utf8_len(in->name, strlen(in->name)) > 100 ||
	    !wb_utf8_valid(in->name, strlen(in->name), false))
		return wb_err_field(err, WB_EINVAL, "name",
		    "Vul een naam in van hoogstens 100 tekens.");
	if (role == WB_ROLE_NONE)
		return wb_err_field(err, WB_EINVAL, "role",
		    "Kies een geldige rol.");
	if (role == WB_ROLE_COORDINATOR && (in->region_code == NULL ||
	    in->region_code[0] == '\0'))
		return wb_err_field(err, WB_EINVAL, "region",
		    "Een regiocoördinator hoort bij een regio: kies de regio.");
	if (create && in->password != NULL &&
	    wb_password_check_rules(in->password, err) != 0)
		return WB_EINVAL;
	rc = wb_db_prepare(db, Q_ORG_GET_BY_CODE, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, in->org_code ? in->org_code : "");
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		*org_id = wb_stmt_int64(st, 0);
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_field(err, WB_EINVAL, "org",
		    "Deze organisatie bestaat niet.");
	wb_stmt_release(st);
	if (rc != 0 || role != WB_ROLE_COORDINATOR)
		return rc;
	rc = wb_db_prepare(db, Q_REGION_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, in->region_code);
	rc = wb_stmt_step(st, err);
	if (rc == 0)
		rc = wb_err_field(err, WB_EINVAL, "region",
		    "Deze regio bestaat niet.");
	else if (rc == 1)
		rc = 0;
	wb_stmt_release(st);
	return rc;
}

int
wb_user_check_manage(struct wb_db *db, const struct wb_actor *actor,
    const char *event, int64_t id, struct wb_err *err)
{
	struct wb_audit_event	 ev = { .event = event, .object_type = "user",
	    .denied = true };
	char			 idbuf[24];
	int			 rc;

	if (wb_access_check(actor, WB_ACT_USER_MANAGE, NULL) == 0)
		return 0;
	if (id != 0) {
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)id);
		ev.object_id = idbuf;
	}
	rc = wb_audit_log(db, actor, &ev, err);
	return rc ? rc : wb_err_set(err, WB_EDENIED,
	    "only an administrator may manage accounts");
}

static char *
lower_dup(const char *s)
{
	char	*p = wb_xstrdup(s), *q;

	for (q = p; *q != '\0'; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	return p;
}

int
wb_user_add(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_user_input *in, int64_t *id, struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct wb_audit_event	 ev = { .event = "user.create",
	    .object_type = "user" };
	char			 hash[crypto_pwhash_STRBYTES], idbuf[24];
	char			*email = NULL;
	int64_t			 org_id = 0;
	bool			 coordinator;
	int			 rc;

	hash[0] = '\0';
	rc = wb_user_check_manage(db, actor, ev.event, 0, err);
	if (rc != 0)
		return rc;
	rc = validate(db, in, true, &org_id, err);
	if (rc != 0)
		return rc;
	if (in->password != NULL) {
		rc = wb_password_hash(in->password, hash, err);
		if (rc != 0)
			return rc;
	}
	email = lower_dup(in->email);
	coordinator = wb_role_parse(in->role) == WB_ROLE_COORDINATOR;
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		goto out;
	rc = wb_db_prepare(db, Q_USER_INSERT, &st, err);
	if (rc != 0)
		goto out;
	wb_stmt_bind_text(st, 1, email);
	wb_stmt_bind_text(st, 2, in->name);
	wb_stmt_bind_text(st, 3, in->role);
	wb_stmt_bind_int64(st, 4, org_id);
	wb_stmt_bind_opt(st, 5, coordinator ? in->region_code : NULL);
	wb_stmt_bind_opt(st, 6, hash);
	wb_stmt_bind_int64(st, 7, wb_now());
	rc = wb_stmt_exec_int64(st, id, err);
	if (rc == WB_ECONFLICT)
		rc = wb_err_field(err, WB_ECONFLICT, "email",
		    "Er is al een account met dit e-mailadres.");
	if (rc != 0)
		goto out;
	wb_stmt_release(st);
	st = NULL;
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*id);
	ev.object_id = idbuf;
	ev.detail = in->role;
	rc = wb_audit_write(db, actor, &ev, err);
	if (rc != 0)
		goto out;
	rc = wb_db_commit(db, err);
out:
	wb_stmt_release(st);
	if (rc != 0)
		wb_db_rollback(db);
	sodium_memzero(hash, sizeof(hash));
	free(email);
	return rc;
}

int
wb_user_update(struct wb_db *db, const struct wb_actor *actor, int64_t id,
    const struct wb_user_input *in, struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct wb_audit_event	 ev = { .event = "user.update",
	    .object_type = "user" };
	char			 idbuf[24];
	int64_t			 org_id = 0;
	int			 rc;

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)id);
	ev.object_id = idbuf;
	rc = wb_user_check_manage(db, actor, ev.event, id, err);
	if (rc != 0)
		return rc;
	rc = validate(db, in, false, &org_id, err);
	if (rc != 0)
		return rc;
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		goto out;
	rc = wb_db_prepare(db, Q_USER_UPDATE, &st, err);
	if (rc != 0)
		goto out;
	wb_stmt_bind_int64(st, 1, id);
	wb_stmt_bind_text(st, 2, in->name);
	wb_stmt_bind_text(st, 3, in->role);
	wb_stmt_bind_int64(st, 4, org_id);
	wb_stmt_bind_opt(st, 5, wb_role_parse(in->role) ==
	    WB_ROLE_COORDINATOR ? in->region_code : NULL);
	wb_stmt_bind_int64(st, 6, in->active ? 1 : 0);
	wb_stmt_bind_int64(st, 7, wb_now());
	rc = wb_stmt_exec(st, err);
	if (rc == 0 && wb_stmt_changes(st) == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such account");
	if (rc != 0)
		goto out;
	wb_stmt_release(st);
	st = NULL;
	if (!in->active) {
		/* A deactivated account loses its sessions at once. */
		rc = end_sessions(db, id, err);
		if (rc != 0)
			goto out;
	}
	ev.detail = in->active ? in->role : "deactivated";
	rc = wb_audit_write(db, actor, &ev, err);
	if (rc != 0)
		goto out;
	rc = wb_db_commit(db, err);
out:
	wb_stmt_release(st);
	if (rc != 0)
		wb_db_rollback(db);
	return rc;
}

/* End every session of account `id` (inside the caller's transaction):
 * after a new password or deactivation, old logins stop working. */
static int
end_sessions(struct wb_db *db, int64_t id, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_SESSION_DELETE_USER, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, id);
	rc = wb_stmt_exec(st, err);
	wb_stmt_release(st);
	return rc;
}

/* Store a hash for account `id` inside the caller's transaction. */
static int
store_hash(struct wb_db *db, int64_t id, const char *hash, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_USER_SET_PASSWORD, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, id);
	wb_stmt_bind_text(st, 2, hash);
	wb_stmt_bind_int64(st, 3, wb_now());
	rc = wb_stmt_exec(st, err);
	wb_stmt_release(st);
	return rc;
}

/* Is account `id` a client's own portal account? */
static bool
is_client_account(struct wb_db *db, int64_t id)
{
	struct wb_user	u;
	struct wb_arena	a;
	struct wb_err	err;
	bool		yes;

	wb_arena_init(&a);
	yes = wb_user_load(db, id, &a, &u, &err) == 0 &&
	    u.role == WB_ROLE_CLIENT;
	wb_arena_free(&a);
	return yes;
}

int
wb_user_set_password(struct wb_db *db, const struct wb_actor *actor,
    int64_t id, const char *password, struct wb_err *err)
{
	struct wb_audit_event	 ev = { .event = "user.password",
	    .object_type = "user" };
	struct wb_scope		 scope = { .user_id = id };
	char			 hash[crypto_pwhash_STRBYTES], idbuf[24];
	int			 rc;

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)id);
	ev.object_id = idbuf;
	if ((wb_access_check(actor, WB_ACT_USER_MANAGE, NULL) != 0 ||
	    (id != actor->user_id && is_client_account(db, id))) &&
	    wb_access_check(actor, WB_ACT_OWN_CARD_EDIT, &scope) != 0) {
		/* A client's password is theirs alone: an administrator who
		 * set it could read the client's whole record. */
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED,
		    "u mag dit wachtwoord niet wijzigen");
	}
	rc = wb_password_check_rules(password, err);
	if (rc != 0)
		return rc;
	rc = wb_password_hash(password, hash, err);
	if (rc != 0)
		return rc;
	rc = wb_db_begin_write(db, err);
	if (rc == 0)
		rc = store_hash(db, id, hash, err);
	if (rc == 0)
		rc = end_sessions(db, id, err);
	if (rc == 0)
		rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0)
		wb_db_rollback(db);
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

int
wb_user_set_lang(struct wb_db *db, const struct wb_actor *actor,
    const char *lang, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	if (strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0)
		return wb_err_set(err, WB_EINVAL, "Onbekende taal.");
	if (actor->user_id == 0)
		return 0;
	rc = wb_db_prepare(db, Q_USER_SET_LANG, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, actor->user_id);
	wb_stmt_bind_text(st, 2, lang);
	wb_stmt_bind_int64(st, 3, wb_now());
	rc = wb_stmt_exec(st, err);
	wb_stmt_release(st);
	return rc;
}

/* Audit that `actor` read these accounts (ids only). */
static int
audit_read(struct wb_db *db, const struct wb_actor *actor, const char *event,
    const struct wb_user *users, size_t n, struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = event, .object_type = "user" };
	struct wb_buf		ids;
	size_t			i;
	int			rc;

	wb_buf_init(&ids, 1 << 16);
	for (i = 0; i < n; i++)
		wb_buf_printf(&ids, "%s%lld", i ? "," : "",
		    (long long)users[i].id);
	ev.object_id = wb_buf_cstr(&ids);
	rc = wb_audit_log(db, actor, &ev, err);
	wb_buf_free(&ids);
	return rc;
}

int
wb_user_list(struct wb_db *db, const struct wb_actor *actor, int64_t org_id,
    int64_t limit, int64_t offset, struct wb_arena *a, struct wb_user **out,
    size_t *n, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	size_t		 cap;
	int		 rc;

	*out = NULL;
	*n = 0;
	rc = wb_user_check_manage(db, actor, "user.list", 0, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_USER_LIST, &st, err);
	if (rc != 0)
		return rc;
	if (org_id != 0)
		wb_stmt_bind_int64(st, 1, org_id);
	else
		wb_stmt_bind_null(st, 1);
	wb_stmt_bind_int64(st, 2, limit);
	wb_stmt_bind_int64(st, 3, offset);
	cap = (size_t)(limit > 0 && limit <= 1000 ? limit : 1000);
	*out = wb_arena_array(a, cap, sizeof(**out));
	while (*n < cap && (rc = wb_stmt_step(st, err)) == 1)
		row_user(st, a, &(*out)[(*n)++]);
	wb_stmt_release(st);
	if (rc < 0)
		return rc;
	return audit_read(db, actor, "user.list", *out, *n, err);
}

int
wb_user_get(struct wb_db *db, const struct wb_actor *actor, int64_t id,
    struct wb_arena *a, struct wb_user *out, struct wb_err *err)
{
	int	rc;

	rc = wb_user_check_manage(db, actor, "user.read", id, err);
	if (rc == 0)
		rc = wb_user_load(db, id, a, out, err);
	/* A client's own account is not an administrator's to see. */
	if (rc == 0 && out->role == WB_ROLE_CLIENT)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such account");
	if (rc == 0)
		rc = audit_read(db, actor, "user.read", out, 1, err);
	return rc;
}

/* -- login and lockout -- */

struct throttle {
	int64_t	failures, window_start, locked_until;
};

static int
throttle_get(struct wb_db *db, const char *key, struct throttle *t,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	memset(t, 0, sizeof(*t));
	rc = wb_db_prepare(db, Q_THROTTLE_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, key);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		t->failures = wb_stmt_int64(st, 0);
		t->window_start = wb_stmt_int64(st, 1);
		t->locked_until = wb_stmt_int64(st, 2);
		rc = 0;
	}
	wb_stmt_release(st);
	return rc;
}

static int
throttle_put(struct wb_db *db, const char *key, const struct throttle *t,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_THROTTLE_PUT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, key);
	wb_stmt_bind_int64(st, 2, t->failures);
	wb_stmt_bind_int64(st, 3, t->window_start);
	wb_stmt_bind_int64(st, 4, t->locked_until);
	rc = wb_stmt_exec(st, err);
	wb_stmt_release(st);
	return rc;
}

/*
 * Before a password is checked, the attempt is counted (in a write
 * transaction), so that parallel guesses cannot all pass a check made
 * before any of them failed: at most `max` attempts per window are ever
 * verified.  *refused is set when `key` is locked or out of attempts.
 */
static int
throttle_reserve(struct wb_db *db, const char *key, int64_t max, int64_t now,
    bool *refused, struct wb_err *err)
{
	struct throttle	t;
	int		rc;

	*refused = false;
	rc = throttle_get(db, key, &t, err);
	if (rc != 0)
		return rc;
	if (t.locked_until > now) {
		*refused = true;
		return 0;
	}
	if (now - t.window_start >= WB_LOGIN_WINDOW) {
		t.failures = 0;
		t.window_start = now;
	}
	if (t.failures >= max) {
		*refused = true;
		return 0;
	}
	t.failures++;
	return throttle_put(db, key, &t, err);
}

/* After the check: a success gives the reserved attempt back (and an
 * account starts afresh); a failure keeps it and locks `key` once it
 * has used up `max`.  *locked says that this failure locked it. */
static int
throttle_settle(struct wb_db *db, const char *key, int64_t max, int64_t now,
    bool success, bool fresh, bool *locked, struct wb_err *err)
{
	struct throttle	t;
	int		rc;

	*locked = false;
	rc = throttle_get(db, key, &t, err);
	if (rc != 0)
		return rc;
	if (success) {
		t.failures = fresh || t.failures == 0 ? 0 : t.failures - 1;
	} else if (t.failures >= max && t.locked_until <= now) {
		t.locked_until = now + WB_LOGIN_LOCK;
		t.failures = 0;
		t.window_start = now;
		*locked = true;
	}
	return throttle_put(db, key, &t, err);
}

/* A fixed hash, verified when the e-mail is unknown so that the answer
 * takes as long as for a known account.  Made once, before any login
 * compares against it; if it cannot be made the process stops rather
 * than answer unknown accounts faster. */
static char		 dummy[crypto_pwhash_STRBYTES];
static pthread_once_t	 dummy_once = PTHREAD_ONCE_INIT;

static void
make_dummy(void)
{
	unsigned long long	ops;
	size_t			mem;

	pwhash_params(&ops, &mem);
	if (crypto_pwhash_str(dummy, "werkbrug-dummy", 14, ops, mem) != 0) {
		wb_error("cannot compute the dummy password hash");
		abort();
	}
}

static const char *
dummy_hash(void)
{
	pthread_once(&dummy_once, make_dummy);
	return dummy;
}

int
wb_user_login(struct wb_db *db, const char *email, const char *password,
    const char *address, int64_t *user_id, struct wb_err *err)
{
	struct wb_arena		 a;
	struct wb_user		 u;
	struct wb_stmt		*st = NULL;
	struct wb_actor		 actor = { .address = address, .via = "web" };
	struct wb_audit_event	 ev = { .object_type = "user" };
	char			 akey[80], ukey[32], idbuf[24];
	char			*stored = NULL, *lower = NULL;
	char			 newhash[crypto_pwhash_STRBYTES];
	unsigned long long	 ops;
	size_t			 mem;
	int64_t			 now = wb_now();
	bool			 known, ok = false, locked_acc = false;
	bool			 locked_addr = false, rehash = false;
	int			 rc;

	*user_id = 0;
	wb_arena_init(&a);
	memset(&u, 0, sizeof(u));
	snprintf(akey, sizeof(akey), "a:%s", address ? address : "");
	lower = lower_dup(email);

	rc = wb_user_find_email(db, lower, &a, &u, err);
	if (rc != 0 && rc != WB_ENOTFOUND)
		goto out;
	known = rc == 0 && u.active;
	if (rc == 0) {
		/* The hash is not in struct wb_user; read it once here. */
		rc = wb_db_prepare(db, Q_USER_GET, &st, err);
		if (rc != 0)
			goto out;
		wb_stmt_bind_int64(st, 1, u.id);
		rc = wb_stmt_step(st, err);
		if (rc == 1 && !wb_stmt_isnull(st, 6))
			stored = wb_xstrdup(wb_stmt_text(st, 6));
		wb_stmt_release(st);
		st = NULL;
		if (rc < 0)
			goto out;
	}
	snprintf(ukey, sizeof(ukey), "u:%lld", (long long)u.id);
	if (known) {
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)u.id);
		ev.object_id = idbuf;
		ev.user_id = u.id;
		actor.org_id = u.org_id;
		actor.role = u.role;
	}
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		goto out;
	rc = throttle_reserve(db, akey, WB_LOGIN_MAX_ADDRESS, now, &locked_addr,
	    err);
	if (rc == 0 && known && !locked_addr)
		rc = throttle_reserve(db, ukey, WB_LOGIN_MAX_ACCOUNT, now,
		    &locked_acc, err);
	if (rc == 0 && (locked_addr || locked_acc)) {
		ev.event = "login.locked";
		ev.denied = true;
		ev.detail = locked_addr ? "address locked" : "account locked";
		rc = wb_audit_write(db, &actor, &ev, err);
	}
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0)
		goto out;
	if (locked_addr || locked_acc) {
		rc = wb_err_set(err, WB_EBUSY, "Te veel mislukte pogingen. "
		    "Probeer het over een kwartier opnieuw.");
		goto out;
	}

	/* Verify outside any transaction: Argon2id takes tens of ms. */
	if (known && stored != NULL)
		ok = crypto_pwhash_str_verify(stored, password,
		    strlen(password)) == 0;
	else {
		int burn = crypto_pwhash_str_verify(dummy_hash(), password,
		    strlen(password));

		(void)burn;
	}
	if (ok) {
		pwhash_params(&ops, &mem);
		rehash = crypto_pwhash_str_needs_rehash(stored, ops, mem) != 0;
		if (rehash && crypto_pwhash_str(newhash, password,
		    strlen(password), ops, mem) != 0)
			rehash = false;
	}

	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		goto out;
	rc = throttle_settle(db, akey, WB_LOGIN_MAX_ADDRESS, now, ok, false,
	    &locked_addr, err);
	if (rc == 0 && known)
		rc = throttle_settle(db, ukey, WB_LOGIN_MAX_ACCOUNT, now, ok,
		    true, &locked_acc, err);
	if (ok) {
		if (rc == 0 && rehash)
			rc = store_hash(db, u.id, newhash, err);
		ev.event = "login";
		ev.detail = rehash ? "password rehashed" : NULL;
		if (rc == 0)
			rc = wb_audit_write(db, &actor, &ev, err);
	} else {
		ev.event = "login.failed";
		ev.denied = true;
		ev.detail = known ? "wrong password" : "unknown account";
		if (rc == 0)
			rc = wb_audit_write(db, &actor, &ev, err);
		if (rc == 0 && (locked_acc || locked_addr)) {
			ev.event = locked_acc ? "account.locked" :
			    "address.locked";
			ev.detail = "too many failed logins";
			rc = wb_audit_write(db, &actor, &ev, err);
		}
	}
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0)
		goto out;
	if (ok)
		*user_id = u.id;
	else
		rc = wb_err_set(err, WB_EDENIED,
		    "Het e-mailadres of het wachtwoord klopt niet.");
out:
	wb_stmt_release(st);
	wb_db_rollback(db);	/* no-op unless a transaction is still open */
	if (stored != NULL)
		wb_free_secret(stored, strlen(stored));
	sodium_memzero(newhash, sizeof(newhash));
	free(lower);
	wb_arena_free(&a);
	return rc;
}
