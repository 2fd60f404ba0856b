/* test_session.c - login sessions and API tokens (src/domain/session.c):
 * lifetimes under WB_NOW, a new id on every login, strict cookie syntax,
 * and nothing stored that would let a copy of the database log in.
 */
#include "dbtest.h"

#include "base/common.h"
#include "domain/session.h"

#include <ctype.h>

#define T0	1800000000

static int
setup(void **state)
{
	dbt_set_now(T0);
	if (dbt_setup(state) != 0)
		return -1;
	dbt_exec(*state,
	    "INSERT INTO organisation (id, code, name, type, created_at, "
	    "updated_at) VALUES (1, 'ORG1', 'Org', 'ggz', 0, 0);"
	    "INSERT INTO user_account (id, email, name, role, org_id, "
	    "created_at, updated_at) VALUES "
	    "(10, 'a@ggz.example', 'A', 'professional', 1, 0, 0), "
	    "(11, 'b@ggz.example', 'B', 'professional', 1, 0, 0)");
	return 0;
}

static int
teardown(void **state)
{
	unsetenv("WB_NOW");
	return dbt_teardown(state);
}

/* True when any column of any row of `table` contains `needle` (hex
 * digits only). */
static bool
table_contains(struct dbt *t, const char *table, const char *needle)
{
	sqlite3		*h = NULL;
	sqlite3_stmt	*st = NULL;
	char		 sql[256];
	bool		 found = false;
	int		 c;

	if (dbt_pg()) {
		/* A whole row as text: (col1,col2,...). */
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s x "
		    "WHERE strpos(x::text, '%s') > 0", table, needle);
		return dbt_int(t, sql) > 0;
	}
	snprintf(sql, sizeof(sql), "SELECT * FROM %s", table);
	assert_int_equal(sqlite3_open_v2(t->path, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (c = 0; c < sqlite3_column_count(st); c++) {
			const unsigned char *v = sqlite3_column_text(st, c);

			if (v != NULL && strstr((const char *)v, needle))
				found = true;
		}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return found;
}

static bool
lower_hex(const char *s, size_t n)
{
	size_t	i;

	if (strlen(s) != n)
		return false;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && !(s[i] >= 'a' &&
		    s[i] <= 'f'))
			return false;
	return true;
}

/* Create a session for `uid` (ending `old`, may be NULL). */
static const char *
create(struct dbt *t, int64_t uid, const char *old, struct wb_session *s)
{
	struct wb_err	 err;
	const char	*cookie = NULL;

	if (wb_session_create(t->db, uid, old, &t->a, &cookie, s, &err) != 0)
		fail_msg("create: %s", err.msg);
	assert_non_null(cookie);
	return cookie;
}

static int
find(struct dbt *t, const char *cookie, struct wb_session *s)
{
	struct wb_err	err;

	memset(s, 0, sizeof(*s));
	return wb_session_find(t->db, cookie, &t->a, s, &err);
}

static void
test_create_find(void **state)
{
	struct dbt		*t = *state;
	struct wb_session	 s, f;
	const char		*c1, *c2;

	c1 = create(t, 10, NULL, &s);
	assert_true(lower_hex(c1, WB_TOKEN_HEX));
	assert_true(lower_hex(s.id_hash, 64));
	assert_true(lower_hex(s.csrf, 64));
	assert_int_equal(s.user_id, 10);
	assert_int_equal(s.created_at, T0);
	assert_string_not_equal(c1, s.id_hash);
	assert_string_equal(s.id_hash, wb_hash_hex(&t->a, c1));

	assert_int_equal(find(t, c1, &f), 0);
	assert_int_equal(f.user_id, 10);
	assert_string_equal(f.csrf, s.csrf);
	assert_string_equal(f.id_hash, s.id_hash);
	assert_int_equal(f.created_at, T0);

	/* two sessions of one user are independent, and differ */
	c2 = create(t, 10, NULL, &s);
	assert_string_not_equal(c1, c2);
	assert_int_equal(find(t, c1, &f), 0);
	assert_int_equal(find(t, c2, &f), 0);

	/* the database holds only the hash of the cookie */
	assert_false(table_contains(t, "session", c1));
	assert_false(table_contains(t, "session", c2));
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM session"), 2);
}

/* A session ends WB_SESSION_IDLE seconds after the last request. */
static void
test_idle_timeout(void **state)
{
	struct dbt		*t = *state;
	struct wb_session	 s;
	const char		*c;

	c = create(t, 10, NULL, &s);
	dbt_set_now(T0 + WB_SESSION_IDLE);
	assert_int_equal(find(t, c, &s), 0);	/* on the limit: alive */
	/* that request counted: the idle clock starts again */
	dbt_set_now(T0 + 2 * WB_SESSION_IDLE);
	assert_int_equal(find(t, c, &s), 0);
	dbt_set_now(T0 + 3 * WB_SESSION_IDLE + 1);
	assert_int_equal(find(t, c, &s), WB_ENOTFOUND);
	/* an expired session is deleted, not just refused */
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM session"), 0);
	dbt_set_now(T0);
	assert_int_equal(find(t, c, &s), WB_ENOTFOUND);
}

/* Requests within a minute of each other do not write; the idle clock
 * runs from the last write. */
static void
test_touch_granularity(void **state)
{
	struct dbt		*t = *state;
	struct wb_session	 s;
	const char		*c;

	c = create(t, 10, NULL, &s);
	dbt_set_now(T0 + 59);
	assert_int_equal(find(t, c, &s), 0);
	assert_int_equal(dbt_int(t, "SELECT last_seen FROM session"), T0);
	dbt_set_now(T0 + 60);
	assert_int_equal(find(t, c, &s), 0);
	assert_int_equal(dbt_int(t, "SELECT last_seen FROM session"), T0 + 60);
}

/* A session ends WB_SESSION_MAX seconds after login however busy. */
static void
test_absolute_timeout(void **state)
{
	struct dbt		*t = *state;
	struct wb_session	 s;
	const char		*c;
	int64_t			 now;

	c = create(t, 10, NULL, &s);
	for (now = T0; now <= T0 + WB_SESSION_MAX; now += 20 * 60) {
		dbt_set_now(now);
		if (find(t, c, &s) != 0)
			fail_msg("ended %lld s after login",
			    (long long)(now - T0));
	}
	dbt_set_now(T0 + WB_SESSION_MAX);
	assert_int_equal(find(t, c, &s), 0);
	dbt_set_now(T0 + WB_SESSION_MAX + 1);
	assert_int_equal(find(t, c, &s), WB_ENOTFOUND);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM session"), 0);
}

/* Logging in again gives a new id and ends the old session. */
static void
test_new_id_on_login(void **state)
{
	struct dbt		*t = *state;
	struct wb_session	 s1, s2, f;
	const char		*c1, *c2, *other;

	c1 = create(t, 10, NULL, &s1);
	other = create(t, 11, NULL, &f);
	c2 = create(t, 10, s1.id_hash, &s2);
	assert_string_not_equal(c1, c2);
	assert_string_not_equal(s1.id_hash, s2.id_hash);
	assert_string_not_equal(s1.csrf, s2.csrf);
	assert_int_equal(find(t, c1, &f), WB_ENOTFOUND);
	assert_int_equal(find(t, c2, &f), 0);
	assert_int_equal(f.user_id, 10);
	assert_int_equal(find(t, other, &f), 0);	/* not someone else's */
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM session"), 2);
}

/* Creating a session clears out the expired ones. */
static void
test_purge(void **state)
{
	struct dbt		*t = *state;
	struct wb_session	 s;

	(void)create(t, 10, NULL, &s);
	(void)create(t, 11, NULL, &s);
	dbt_set_now(T0 + WB_SESSION_IDLE + 1);
	(void)create(t, 11, NULL, &s);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM session"), 1);
}

static void
test_end(void **state)
{
	struct dbt		*t = *state;
	struct wb_actor		 actor = { .user_id = 10, .org_id = 1,
	    .role = WB_ROLE_PROFESSIONAL, .address = "192.0.2.1",
	    .via = "web" };
	struct wb_session	 s, f;
	struct wb_err		 err;
	const char		*c;

	c = create(t, 10, NULL, &s);
	assert_int_equal(wb_session_end(t->db, &actor, s.id_hash, &err), 0);
	assert_int_equal(find(t, c, &f), WB_ENOTFOUND);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'logout' AND user_id = 10"), 1);
	assert_false(wb_db_in_tx(t->db));
}

/* Cookies that are not exactly 64 lowercase hex digits are refused
 * before the database is asked. */
static void
test_malformed_cookies(void **state)
{
	struct dbt		*t = *state;
	struct wb_session	 s;
	const char		*c;
	char			 buf[WB_TOKEN_HEX + 8];
	size_t			 i;
	static const char *const what[] = { "63 digits", "65 digits",
	    "upper case", "non-hex", "space", "NUL inside", "unknown" };

	c = create(t, 10, NULL, &s);
	assert_int_equal(find(t, NULL, &s), WB_ENOTFOUND);
	assert_int_equal(find(t, "", &s), WB_ENOTFOUND);
	for (i = 0; i < WB_NELEM(what); i++) {
		memcpy(buf, c, WB_TOKEN_HEX + 1);
		switch (i) {
		case 0:
			buf[WB_TOKEN_HEX - 1] = '\0';
			break;
		case 1:
			buf[WB_TOKEN_HEX] = 'a';
			buf[WB_TOKEN_HEX + 1] = '\0';
			break;
		case 2: {
			size_t k;

			/* the same id in upper case */
			for (k = 0; k < WB_TOKEN_HEX; k++)
				buf[k] = (char)toupper((unsigned char)buf[k]);
			if (strcmp(buf, c) == 0)	/* all digits: rare */
				buf[0] = 'A';
			break;
		}
		case 3:
			buf[10] = 'g';
			break;
		case 4:
			buf[0] = ' ';
			break;
		case 5:
			buf[32] = '\0';
			break;
		case 6:
			buf[0] = buf[0] == '0' ? '1' : '0';
			break;
		}
		if (find(t, buf, &s) != WB_ENOTFOUND)
			fail_msg("%s: found", what[i]);
	}
	/* the real one still works */
	assert_int_equal(find(t, c, &s), 0);
}

/* -- API tokens -- */

static void
test_tokens(void **state)
{
	struct dbt	*t = *state;
	struct wb_actor	 admin = { .user_id = 11, .org_id = 1,
	    .role = WB_ROLE_ADMIN, .address = "192.0.2.1", .via = "web" };
	struct wb_err	 err;
	const char	*tok = NULL, *tok2 = NULL;
	char		 bad[WB_TOKEN_HEX + 2];
	int64_t		 uid = -1;

	assert_int_equal(wb_token_create(t->db, &admin, 10, &t->a, &tok,
	    &err), 0);
	assert_true(lower_hex(tok, WB_TOKEN_HEX));
	assert_int_equal(wb_token_find(t->db, tok, &uid, &err), 0);
	assert_int_equal(uid, 10);
	assert_int_equal(dbt_int(t, "SELECT last_used FROM api_token"), T0);

	/* stored hashed: the token itself is nowhere in the table */
	assert_false(table_contains(t, "api_token", tok));
	assert_true(table_contains(t, "api_token", wb_hash_hex(&t->a, tok)));
	assert_false(table_contains(t, "audit_event", tok));
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'token.create' AND user_id = 11"), 1);

	/* a second token is another token */
	assert_int_equal(wb_token_create(t->db, &admin, 11, &t->a, &tok2,
	    &err), 0);
	assert_string_not_equal(tok, tok2);
	assert_int_equal(wb_token_find(t->db, tok2, &uid, &err), 0);
	assert_int_equal(uid, 11);

	/* malformed, unknown and revoked tokens are not found */
	assert_int_equal(wb_token_find(t->db, NULL, &uid, &err), WB_ENOTFOUND);
	assert_int_equal(uid, 0);
	assert_int_equal(wb_token_find(t->db, "", &uid, &err), WB_ENOTFOUND);
	memcpy(bad, tok, WB_TOKEN_HEX + 1);
	bad[5] = 'X';
	assert_int_equal(wb_token_find(t->db, bad, &uid, &err), WB_ENOTFOUND);
	memcpy(bad, tok, WB_TOKEN_HEX + 1);
	bad[WB_TOKEN_HEX - 1] = '\0';
	assert_int_equal(wb_token_find(t->db, bad, &uid, &err), WB_ENOTFOUND);
	memcpy(bad, tok, WB_TOKEN_HEX + 1);
	bad[0] = bad[0] == 'f' ? 'e' : 'f';
	assert_int_equal(wb_token_find(t->db, bad, &uid, &err), WB_ENOTFOUND);
	assert_int_equal(wb_token_find(t->db, wb_hash_hex(&t->a, tok), &uid,
	    &err), WB_ENOTFOUND);	/* the stored hash is no token */
	dbt_exec(t, "UPDATE api_token SET revoked_at = 1 "
	    "WHERE user_id = 10");
	assert_int_equal(wb_token_find(t->db, tok, &uid, &err), WB_ENOTFOUND);
	assert_int_equal(uid, 0);
	assert_int_equal(wb_token_find(t->db, tok2, &uid, &err), 0);
}

/* last_used is written at most once a minute. */
static void
test_token_touch(void **state)
{
	struct dbt	*t = *state;
	struct wb_actor	 sys = wb_actor_system();
	struct wb_err	 err;
	const char	*tok = NULL;
	int64_t		 uid;

	assert_int_equal(wb_token_create(t->db, &sys, 10, &t->a, &tok, &err),
	    0);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM api_token "
	    "WHERE last_used IS NULL"), 1);
	assert_int_equal(wb_token_find(t->db, tok, &uid, &err), 0);
	dbt_set_now(T0 + 30);
	assert_int_equal(wb_token_find(t->db, tok, &uid, &err), 0);
	assert_int_equal(dbt_int(t, "SELECT last_used FROM api_token"), T0);
	dbt_set_now(T0 + 60);
	assert_int_equal(wb_token_find(t->db, tok, &uid, &err), 0);
	assert_int_equal(dbt_int(t, "SELECT last_used FROM api_token"),
	    T0 + 60);
}

/* -- helpers -- */

struct scase {
	const char	*a, *b;
	bool		 eq;
};

static const struct scase scases[] = {
	{ "", "", true },
	{ "abc", "abc", true },
	{ "abc", "abd", false },
	{ "abc", "ab", false },
	{ "ab", "abc", false },
	{ "abc", "ABC", false },
	{ "", "a", false },
};

static void
test_helpers(void **state)
{
	struct dbt	*t = *state;
	const char	*r1, *r2;
	size_t		 i;

	for (i = 0; i < WB_NELEM(scases); i++)
		if (wb_secret_eq(scases[i].a, scases[i].b) != scases[i].eq)
			fail_msg("\"%s\" vs \"%s\"", scases[i].a, scases[i].b);
	r1 = wb_random_hex(&t->a, 32);
	r2 = wb_random_hex(&t->a, 32);
	assert_true(lower_hex(r1, 64));
	assert_string_not_equal(r1, r2);
	assert_true(lower_hex(wb_random_hex(&t->a, 1), 2));
	/* BLAKE2b-256 of "" */
	assert_string_equal(wb_hash_hex(&t->a, ""),
	    "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
	assert_true(lower_hex(wb_hash_hex(&t->a, "abc"), 64));
}

int
main(void)
{
#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_create_find),
		T(test_idle_timeout),
		T(test_touch_granularity),
		T(test_absolute_timeout),
		T(test_new_id_on_login),
		T(test_purge),
		T(test_end),
		T(test_malformed_cookies),
		T(test_tokens),
		T(test_token_touch),
		T(test_helpers),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
