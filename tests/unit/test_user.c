/* test_user.c - accounts, passwords, login and lockout (src/domain/user.c).
 *
 * Time is controlled with WB_NOW (base/time.c); hashing is cheap
 * (WERKBRUG_PWHASH=fast) except in the rehash test, which logs in once
 * with the interactive parameters.
 */
#include "dbtest.h"

#include "base/common.h"
#include "base/limits.h"
#include "domain/user.h"

#include <pthread.h>

#define PW	"juist-wachtwoord-1"	/* every test user's password */
#define T0	1800000000		/* WB_NOW at the start of a test */

static const struct wb_actor sys_actor = { .role = WB_ROLE_SYSTEM,
    .address = "cli", .via = "cli" };

static int
setup(void **state)
{
	setenv("WERKBRUG_PWHASH", "fast", 1);
	unsetenv("WB_NOW");
	if (dbt_setup(state) != 0)
		return -1;
	dbt_exec(*state,
	    "INSERT INTO region (code, name, year) VALUES "
	    "('AM01', 'Groningen', 2026), ('AM02', 'Friesland', 2026);"
	    "INSERT INTO organisation (code, name, type, created_at, "
	    "updated_at) VALUES ('ORG1', 'GGZ Noord', 'ggz', 0, 0), "
	    "('ORG2', 'UWV Noord', 'uwv', 0, 0)");
	return 0;
}

static int
teardown(void **state)
{
	unsetenv("WB_NOW");
	setenv("WERKBRUG_PWHASH", "fast", 1);
	return dbt_teardown(state);
}

/* Add an account with password PW as the system; returns its id. */
static int64_t
add_user(struct dbt *t, const char *email, const char *role,
    const char *region)
{
	struct wb_user_input	in = { .email = email,
	    .name = "Test Persoon", .role = role, .org_code = "ORG1",
	    .region_code = region, .password = PW, .active = true };
	struct wb_err		err;
	int64_t			id = 0;

	if (wb_user_add(t->db, &sys_actor, &in, &id, &err) != 0)
		fail_msg("add %s: %s", email, err.msg);
	return id;
}

static int
login(struct dbt *t, const char *email, const char *pw, const char *addr)
{
	struct wb_err	err;
	int64_t		uid = -1;
	int		rc;

	rc = wb_user_login(t->db, email, pw, addr, &uid, &err);
	if (rc == 0)
		assert_true(uid > 0);
	else
		assert_int_equal(uid, 0);
	return rc;
}

/* -- wb_user_add -- */

static char	long_name[2 * 101 + 1];		/* 101 x "é" */
static char	max_name[2 * 100 + 1];		/* 100 x "é" */
static char	pw_max[WB_MAX_PASSWORD + 1];
static char	pw_over[WB_MAX_PASSWORD + 2];

struct acase {
	const char	*what;
	const char	*email;
	const char	*name;
	const char	*role;
	const char	*org;
	const char	*region;
	const char	*password;
	int		 rc;
	const char	*field;		/* for errors */
};

#define OKPW	"twaalf-tekens"

static const struct acase acases[] = {
	{ "valid", "anna@ggz.example", "Anna", "professional", "ORG1", NULL,
	    OKPW, 0, NULL },
	{ "no password yet", "bert@ggz.example", "Bert", "editor", "ORG1",
	    NULL, NULL, 0, NULL },
	{ "coordinator", "coby@ggz.example", "Coby", "coordinator", "ORG2",
	    "AM01", OKPW, 0, NULL },
	{ "100 characters", "dirk@ggz.example", max_name, "monitor", "ORG1",
	    NULL, OKPW, 0, NULL },
	{ "12 characters", "eva@ggz.example", "Eva", "admin", "ORG1", NULL,
	    "123456789012", 0, NULL },
	{ "256 bytes", "fien@ggz.example", "Fien", "auditor", "ORG1", NULL,
	    pw_max, 0, NULL },
	{ "no e-mail", NULL, "X", "professional", "ORG1", NULL, OKPW,
	    WB_EINVAL, "email" },
	{ "bad e-mail", "geen-adres", "X", "professional", "ORG1", NULL, OKPW,
	    WB_EINVAL, "email" },
	{ "e-mail with space", "a b@ggz.example", "X", "professional", "ORG1",
	    NULL, OKPW, WB_EINVAL, "email" },
	{ "no name", "x1@ggz.example", NULL, "professional", "ORG1", NULL,
	    OKPW, WB_EINVAL, "name" },
	{ "empty name", "x2@ggz.example", "", "professional", "ORG1", NULL,
	    OKPW, WB_EINVAL, "name" },
	{ "101 characters", "x3@ggz.example", long_name, "professional",
	    "ORG1", NULL, OKPW, WB_EINVAL, "name" },
	{ "newline in name", "x4@ggz.example", "A\nB", "professional", "ORG1",
	    NULL, OKPW, WB_EINVAL, "name" },
	{ "control in name", "x5@ggz.example", "A\x1b[31mB", "professional",
	    "ORG1", NULL, OKPW, WB_EINVAL, "name" },
	{ "bad UTF-8 name", "x6@ggz.example", "A\xff", "professional", "ORG1",
	    NULL, OKPW, WB_EINVAL, "name" },
	{ "no role", "x7@ggz.example", "X", NULL, "ORG1", NULL, OKPW,
	    WB_EINVAL, "role" },
	{ "unknown role", "x8@ggz.example", "X", "superuser", "ORG1", NULL,
	    OKPW, WB_EINVAL, "role" },
	{ "system role", "x9@ggz.example", "X", "system", "ORG1", NULL, OKPW,
	    WB_EINVAL, "role" },
	{ "role in capitals", "x10@ggz.example", "X", "Admin", "ORG1", NULL,
	    OKPW, WB_EINVAL, "role" },
	{ "coordinator without region", "x11@ggz.example", "X", "coordinator",
	    "ORG1", NULL, OKPW, WB_EINVAL, "region" },
	{ "coordinator, empty region", "x12@ggz.example", "X", "coordinator",
	    "ORG1", "", OKPW, WB_EINVAL, "region" },
	{ "coordinator, unknown region", "x13@ggz.example", "X",
	    "coordinator", "ORG1", "AM99", OKPW, WB_EINVAL, "region" },
	{ "11 characters", "x14@ggz.example", "X", "professional", "ORG1",
	    NULL, "12345678901", WB_EINVAL, "password" },
	{ "empty password", "x15@ggz.example", "X", "professional", "ORG1",
	    NULL, "", WB_EINVAL, "password" },
	{ "257 bytes", "x16@ggz.example", "X", "professional", "ORG1", NULL,
	    pw_over, WB_EINVAL, "password" },
	{ "control in password", "x17@ggz.example", "X", "professional",
	    "ORG1", NULL, "twaalf\x01tekens", WB_EINVAL, "password" },
	{ "bad UTF-8 password", "x18@ggz.example", "X", "professional",
	    "ORG1", NULL, "twaalf-tekens\xc3", WB_EINVAL, "password" },
	{ "unknown organisation", "x19@ggz.example", "X", "professional",
	    "NOPE", NULL, OKPW, WB_EINVAL, "org" },
	{ "no organisation", "x20@ggz.example", "X", "professional", NULL,
	    NULL, OKPW, WB_EINVAL, "org" },
	{ "e-mail in use", "anna@ggz.example", "Anna 2", "professional",
	    "ORG1", NULL, OKPW, WB_ECONFLICT, "email" },
	{ "e-mail in use, other case", "ANNA@GGZ.example", "Anna 3",
	    "professional", "ORG2", NULL, OKPW, WB_ECONFLICT, "email" },
};

static void
test_add_validation(void **state)
{
	struct dbt	*t = *state;
	size_t		 i, ok = 0;

	memset(pw_max, 'p', WB_MAX_PASSWORD);
	memset(pw_over, 'p', WB_MAX_PASSWORD + 1);
	for (i = 0; i < 100; i++)
		memcpy(max_name + 2 * i, "\xc3\xa9", 2);
	for (i = 0; i < 101; i++)
		memcpy(long_name + 2 * i, "\xc3\xa9", 2);

	for (i = 0; i < WB_NELEM(acases); i++) {
		const struct acase	*c = &acases[i];
		struct wb_user_input	 in = { .email = c->email,
		    .name = c->name, .role = c->role, .org_code = c->org,
		    .region_code = c->region, .password = c->password,
		    .active = true };
		struct wb_err		 err;
		int64_t			 id = 0;
		int			 rc;

		wb_err_clear(&err);
		rc = wb_user_add(t->db, &sys_actor, &in, &id, &err);
		if (rc != c->rc)
			fail_msg("%s: rc %d (%s), want %d", c->what, rc,
			    err.msg, c->rc);
		if (rc == 0) {
			assert_true(id > 0);
			ok++;
		} else if (strcmp(err.field, c->field) != 0)
			fail_msg("%s: field \"%s\", want \"%s\"", c->what,
			    err.field, c->field);
		else if (err.msg[0] == '\0')
			fail_msg("%s: no message", c->what);
		assert_false(wb_db_in_tx(t->db));
	}
	/* only the valid ones were stored, and each was audited */
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM user_account"),
	    (int64_t)ok);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'user.create'"), (int64_t)ok);
}

/* What wb_user_add stores: lower-case e-mail, a hash (never the
 * password), a region only for a coordinator. */
static void
test_add_stores(void **state)
{
	struct dbt		*t = *state;
	struct wb_user_input	 in = { .email = "Mixed.Case@GGZ.example",
	    .name = "Mies", .role = "professional", .org_code = "ORG2",
	    .region_code = "AM01", .password = PW, .active = true };
	struct wb_arena		 a;
	struct wb_user		 u;
	struct wb_err		 err;
	char			 hash[256];
	int64_t			 id = 0;

	assert_int_equal(wb_user_add(t->db, &sys_actor, &in, &id, &err), 0);
	dbt_text(t, "SELECT password_hash FROM user_account", hash,
	    sizeof(hash));
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_null(strstr(hash, PW));
	wb_arena_init(&a);
	assert_int_equal(wb_user_load(t->db, id, &a, &u, &err), 0);
	assert_string_equal(u.email, "mixed.case@ggz.example");
	assert_string_equal(u.name, "Mies");
	assert_int_equal(u.role, WB_ROLE_PROFESSIONAL);
	assert_null(u.region_code);	/* not a coordinator */
	assert_string_equal(u.org_code, "ORG2");
	assert_string_equal(u.lang, "nl");
	assert_true(u.active);
	assert_int_equal(wb_user_find_email(t->db, "mixed.case@ggz.example",
	    &a, &u, &err), 0);
	assert_int_equal(u.id, id);
	assert_int_equal(wb_user_load(t->db, id + 100, &a, &u, &err),
	    WB_ENOTFOUND);
	wb_arena_free(&a);
}

/* Only an administrator adds accounts; a refusal is audited. */
static void
test_add_denied(void **state)
{
	struct dbt		*t = *state;
	struct wb_actor		 coord = { .user_id = 3, .org_id = 1,
	    .role = WB_ROLE_COORDINATOR, .region_code = "AM01",
	    .address = "192.0.2.3", .via = "web" };
	struct wb_actor		 admin = { .user_id = 1, .org_id = 1,
	    .role = WB_ROLE_ADMIN, .address = "192.0.2.1", .via = "web" };
	struct wb_user_input	 in = { .email = "p@ggz.example",
	    .name = "P", .role = "admin", .org_code = "ORG1", .password = PW,
	    .active = true };
	struct wb_err		 err;
	int64_t			 id = 0;

	assert_int_equal(wb_user_add(t->db, &coord, &in, &id, &err),
	    WB_EDENIED);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM user_account"), 0);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'user.create' AND outcome = 'denied' AND user_id = 3"),
	    1);
	assert_int_equal(wb_user_add(t->db, &admin, &in, &id, &err), 0);
}

/* -- login -- */

static void
test_login(void **state)
{
	struct dbt		*t = *state;
	struct wb_user_input	 in = { .email = "nopw@ggz.example",
	    .name = "Zonder", .role = "professional", .org_code = "ORG1",
	    .active = true };
	struct wb_err		 err, err2;
	int64_t			 id, uid = 0, nopw = 0;

	id = add_user(t, "anna@ggz.example", "professional", NULL);
	assert_int_equal(wb_user_login(t->db, "anna@ggz.example", PW,
	    "192.0.2.1", &uid, &err), 0);
	assert_int_equal(uid, id);
	assert_int_equal(login(t, "Anna@GGZ.Example", PW, "192.0.2.1"), 0);
	assert_int_equal(login(t, "anna@ggz.example", PW "x", "192.0.2.1"),
	    WB_EDENIED);
	assert_int_equal(login(t, "anna@ggz.example", "", "192.0.2.1"),
	    WB_EDENIED);
	assert_int_equal(login(t, "anna@ggz.example", PW, NULL), 0);

	/* a wrong password and an unknown account look the same */
	assert_int_equal(wb_user_login(t->db, "anna@ggz.example", "fout",
	    "192.0.2.1", &uid, &err), WB_EDENIED);
	assert_int_equal(wb_user_login(t->db, "wie@ggz.example", "fout",
	    "192.0.2.1", &uid, &err2), WB_EDENIED);
	assert_string_equal(err.msg, err2.msg);

	/* an account without a password cannot log in */
	assert_int_equal(wb_user_add(t->db, &sys_actor, &in, &nopw, &err), 0);
	assert_int_equal(login(t, "nopw@ggz.example", "", "192.0.2.1"),
	    WB_EDENIED);
	assert_int_equal(login(t, "nopw@ggz.example", PW, "192.0.2.1"),
	    WB_EDENIED);

	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'login'"), 3);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'login.failed' AND outcome = 'denied'"), 6);
	assert_false(wb_db_in_tx(t->db));
}

/* WB_LOGIN_MAX_ACCOUNT wrong passwords lock the account for
 * WB_LOGIN_LOCK seconds, even for the right password. */
static void
test_lockout_account(void **state)
{
	struct dbt	*t = *state;
	int		 i;

	add_user(t, "anna@ggz.example", "professional", NULL);
	add_user(t, "bert@ggz.example", "professional", NULL);
	dbt_set_now(T0);
	for (i = 0; i < WB_LOGIN_MAX_ACCOUNT; i++)
		assert_int_equal(login(t, "anna@ggz.example", "fout",
		    "192.0.2.1"), WB_EDENIED);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'account.locked'"), 1);
	assert_int_equal(login(t, "anna@ggz.example", PW, "192.0.2.1"),
	    WB_EBUSY);
	/* from another address too: it is the account that is locked */
	assert_int_equal(login(t, "anna@ggz.example", PW, "192.0.2.99"),
	    WB_EBUSY);
	/* another account from the same address is not affected */
	assert_int_equal(login(t, "bert@ggz.example", PW, "192.0.2.1"), 0);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'login.locked' AND outcome = 'denied' AND "
	    "detail = 'account locked'"), 2);

	dbt_set_now(T0 + WB_LOGIN_LOCK - 1);
	assert_int_equal(login(t, "anna@ggz.example", PW, "192.0.2.1"),
	    WB_EBUSY);
	dbt_set_now(T0 + WB_LOGIN_LOCK);
	assert_int_equal(login(t, "anna@ggz.example", PW, "192.0.2.1"), 0);

	/* a success clears the count: one fewer than the limit does not
	 * lock again */
	for (i = 0; i < WB_LOGIN_MAX_ACCOUNT - 1; i++)
		assert_int_equal(login(t, "anna@ggz.example", "fout",
		    "192.0.2.2"), WB_EDENIED);
	assert_int_equal(login(t, "anna@ggz.example", PW, "192.0.2.2"), 0);
}

/* Failures further apart than WB_LOGIN_WINDOW do not add up. */
static void
test_lockout_window(void **state)
{
	struct dbt	*t = *state;
	int		 i;

	add_user(t, "anna@ggz.example", "professional", NULL);
	dbt_set_now(T0);
	for (i = 0; i < WB_LOGIN_MAX_ACCOUNT - 1; i++)
		assert_int_equal(login(t, "anna@ggz.example", "fout",
		    "192.0.2.1"), WB_EDENIED);
	dbt_set_now(T0 + WB_LOGIN_WINDOW);
	assert_int_equal(login(t, "anna@ggz.example", "fout", "192.0.2.1"),
	    WB_EDENIED);
	assert_int_equal(login(t, "anna@ggz.example", PW, "192.0.2.1"), 0);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'account.locked'"), 0);
}

/* WB_LOGIN_MAX_ADDRESS failures from one address, on accounts that do
 * not exist, lock that address (and only that address). */
static void
test_lockout_address(void **state)
{
	struct dbt	*t = *state;
	char		 email[64];
	int		 i;

	add_user(t, "anna@ggz.example", "professional", NULL);
	dbt_set_now(T0);
	for (i = 0; i < WB_LOGIN_MAX_ADDRESS; i++) {
		snprintf(email, sizeof(email), "gok%d@ggz.example", i);
		assert_int_equal(login(t, email, "fout", "198.51.100.7"),
		    WB_EDENIED);
	}
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'address.locked'"), 1);
	assert_int_equal(login(t, "anna@ggz.example", PW, "198.51.100.7"),
	    WB_EBUSY);
	assert_int_equal(login(t, "nog-een@ggz.example", "fout",
	    "198.51.100.7"), WB_EBUSY);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'login.locked' AND detail = 'address locked'"), 2);
	/* the account itself is fine from elsewhere */
	assert_int_equal(login(t, "anna@ggz.example", PW, "198.51.100.8"), 0);

	dbt_set_now(T0 + WB_LOGIN_LOCK);
	assert_int_equal(login(t, "anna@ggz.example", PW, "198.51.100.7"), 0);
}

/* One fewer than the address limit does not lock. */
static void
test_address_below_limit(void **state)
{
	struct dbt	*t = *state;
	char		 email[64];
	int		 i;

	add_user(t, "anna@ggz.example", "professional", NULL);
	dbt_set_now(T0);
	for (i = 0; i < WB_LOGIN_MAX_ADDRESS - 1; i++) {
		snprintf(email, sizeof(email), "gok%d@ggz.example", i);
		assert_int_equal(login(t, email, "fout", "198.51.100.7"),
		    WB_EDENIED);
	}
	assert_int_equal(login(t, "anna@ggz.example", PW, "198.51.100.7"), 0);
}

/* A hash made with other parameters is replaced at the next login. */
static void
test_rehash(void **state)
{
	struct dbt	*t = *state;
	char		 before[256], after[256], again[256], detail[64];

	setenv("WERKBRUG_PWHASH", "fast", 1);
	add_user(t, "anna@ggz.example", "professional", NULL);
	dbt_text(t, "SELECT password_hash FROM user_account", before,
	    sizeof(before));
	assert_true(strncmp(before, "$argon2id$", 10) == 0);

	unsetenv("WERKBRUG_PWHASH");	/* the interactive parameters */
	assert_int_equal(login(t, "anna@ggz.example", PW, "192.0.2.1"), 0);
	dbt_text(t, "SELECT password_hash FROM user_account", after,
	    sizeof(after));
	assert_string_not_equal(before, after);
	assert_int_equal(crypto_pwhash_str_needs_rehash(after,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE), 0);
	assert_int_equal(crypto_pwhash_str_verify(after, PW, strlen(PW)), 0);
	dbt_text(t, "SELECT detail FROM audit_event WHERE event = 'login'",
	    detail, sizeof(detail));
	assert_string_equal(detail, "password rehashed");

	/* the next login keeps the new hash */
	assert_int_equal(login(t, "anna@ggz.example", PW, "192.0.2.1"), 0);
	dbt_text(t, "SELECT password_hash FROM user_account", again,
	    sizeof(again));
	assert_string_equal(after, again);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'login' AND detail IS NULL"), 1);
	/* a wrong password never rehashes */
	assert_int_equal(login(t, "anna@ggz.example", "fout", "192.0.2.1"),
	    WB_EDENIED);
	setenv("WERKBRUG_PWHASH", "fast", 1);
}

/* A deactivated account cannot log in and loses its sessions. */
static void
test_deactivated(void **state)
{
	struct dbt		*t = *state;
	struct wb_user_input	 in = { .name = "Anna",
	    .role = "professional", .org_code = "ORG1", .active = false };
	struct wb_err		 err;
	int64_t			 id;
	char			 sql[200];

	id = add_user(t, "anna@ggz.example", "professional", NULL);
	snprintf(sql, sizeof(sql), "INSERT INTO session (id_hash, user_id, "
	    "csrf, created_at, last_seen) VALUES ('h', %lld, 'c', 0, 0)",
	    (long long)id);
	dbt_exec(t, sql);
	assert_int_equal(wb_user_update(t->db, &sys_actor, id, &in, &err), 0);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM session"), 0);
	assert_int_equal(login(t, "anna@ggz.example", PW, "192.0.2.1"),
	    WB_EDENIED);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'user.update' AND detail = 'deactivated'"), 1);

	in.active = true;
	assert_int_equal(wb_user_update(t->db, &sys_actor, id, &in, &err), 0);
	assert_int_equal(login(t, "anna@ggz.example", PW, "192.0.2.1"), 0);
	/* an unknown id */
	assert_int_equal(wb_user_update(t->db, &sys_actor, id + 50, &in, &err),
	    WB_ENOTFOUND);
}

/* -- passwords -- */

struct pcase {
	size_t		 len;		/* of a run of 'a' ... */
	const char	*text;		/* ... or this text */
	int		 rc;
};

static const struct pcase pcases[] = {
	{ 0, NULL, WB_EINVAL },
	{ 0, "", WB_EINVAL },
	{ WB_MIN_PASSWORD - 1, NULL, WB_EINVAL },
	{ WB_MIN_PASSWORD, NULL, 0 },
	{ WB_MAX_PASSWORD, NULL, 0 },
	{ WB_MAX_PASSWORD + 1, NULL, WB_EINVAL },
	{ 0, "twaalf tekens\t", 0 },
	{ 0, "twaalf tekens\n", WB_EINVAL },
	{ 0, "wachtwoord-\x7f-1", WB_EINVAL },
	{ 0, "wachtwoord-\xc3\xa9\xc3\xa9", 0 },
	{ 0, "wachtwoord-\xed\xa0\x80", WB_EINVAL },
};

static void
test_password_rules(void **state)
{
	char	buf[WB_MAX_PASSWORD + 8];
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(pcases); i++) {
		const char	*pw = pcases[i].text;
		struct wb_err	 err;
		int		 rc;

		if (pw == NULL && pcases[i].len > 0) {
			memset(buf, 'a', pcases[i].len);
			buf[pcases[i].len] = '\0';
			pw = buf;
		}
		wb_err_clear(&err);
		rc = wb_password_check_rules(pw, &err);
		if (rc != pcases[i].rc)
			fail_msg("case %zu: rc %d, want %d", i, rc,
			    pcases[i].rc);
		if (rc != 0)
			assert_string_equal(err.field, "password");
	}
}

/* The minimum is WB_MIN_PASSWORD characters, as the message says ("minstens
 * 12 tekens"), not bytes: six accented letters are six characters. */
static void
test_password_min_characters(void **state)
{
	struct wb_err	err;
	char		pw[64];
	size_t		i;

	(void)state;
	for (i = 0; i < WB_MIN_PASSWORD - 1; i++)
		memcpy(pw + 2 * i, "\xc3\xa9", 2);	/* 11 x "é" */
	pw[2 * i] = '\0';
	assert_int_equal(wb_password_check_rules(pw, &err), WB_EINVAL);
	memcpy(pw, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 13);
	assert_int_equal(wb_password_check_rules(pw, &err), WB_EINVAL);
}

/* A user changes their own password; only an admin changes another's. */
static void
test_set_password(void **state)
{
	struct dbt	*t = *state;
	struct wb_actor	 self = { .org_id = 1,
	    .role = WB_ROLE_PROFESSIONAL, .address = "192.0.2.1",
	    .via = "web" };
	struct wb_actor	 admin = { .user_id = 99, .org_id = 1,
	    .role = WB_ROLE_ADMIN, .address = "192.0.2.1", .via = "web" };
	struct wb_err	 err;
	int64_t		 anna, bert;

	anna = add_user(t, "anna@ggz.example", "professional", NULL);
	bert = add_user(t, "bert@ggz.example", "professional", NULL);
	self.user_id = anna;
	assert_int_equal(wb_user_set_password(t->db, &self, anna,
	    "nieuw-wachtwoord-1", &err), 0);
	assert_int_equal(login(t, "anna@ggz.example", PW, "192.0.2.1"),
	    WB_EDENIED);
	assert_int_equal(login(t, "anna@ggz.example", "nieuw-wachtwoord-1",
	    "192.0.2.1"), 0);
	assert_int_equal(wb_user_set_password(t->db, &self, anna, "kort",
	    &err), WB_EINVAL);
	assert_int_equal(wb_user_set_password(t->db, &self, bert,
	    "overgenomen-1234", &err), WB_EDENIED);
	assert_int_equal(login(t, "bert@ggz.example", PW, "192.0.2.1"), 0);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'user.password' AND outcome = 'denied'"), 1);
	assert_int_equal(wb_user_set_password(t->db, &admin, bert,
	    "door-beheer-1234", &err), 0);
	assert_int_equal(login(t, "bert@ggz.example", "door-beheer-1234",
	    "192.0.2.1"), 0);
}

/* -- parallel guessing -- */

struct guesser {
	const char	*url;
	int		 rc;
};

/* One worker thread with its own connection, as in the web server. */
static void *
guess(void *arg)
{
	struct guesser	*g = arg;
	struct wb_db	*db = NULL;
	struct wb_err	 err;
	int64_t		 uid;

	if (wb_db_open(g->url, &db, &err) != 0) {
		g->rc = 99;
		return NULL;
	}
	g->rc = wb_user_login(db, "par@t.example", "fout-geraden-1",
	    "198.51.100.7", &uid, &err);
	wb_db_close(db);
	return NULL;
}

/* Guesses that arrive together are counted before any password is
 * checked: never more than WB_LOGIN_MAX_ACCOUNT of them are verified. */
static void
test_lockout_parallel(void **state)
{
	struct dbt	*t = *state;
	struct guesser	 g[16];
	pthread_t	 th[16];
	int		 i, denied = 0, busy = 0;

	add_user(t, "par@t.example", "professional", NULL);
	for (i = 0; i < 16; i++) {
		g[i].url = t->url;
		g[i].rc = 0;
		assert_int_equal(pthread_create(&th[i], NULL, guess, &g[i]),
		    0);
	}
	for (i = 0; i < 16; i++) {
		pthread_join(th[i], NULL);
		if (g[i].rc == WB_EDENIED)
			denied++;
		else if (g[i].rc == WB_EBUSY)
			busy++;
		else
			fail_msg("guess %d: rc %d", i, g[i].rc);
	}
	assert_int_equal(denied, WB_LOGIN_MAX_ACCOUNT);
	assert_int_equal(busy, 16 - WB_LOGIN_MAX_ACCOUNT);
	assert_int_equal(dbt_audit_count(t, "login.failed", "denied"),
	    WB_LOGIN_MAX_ACCOUNT);
	assert_int_equal(dbt_audit_count(t, "account.locked", NULL), 1);
	/* The right password does not get in now either. */
	assert_int_equal(login(t, "par@t.example", PW, "198.51.100.8"),
	    WB_EBUSY);
}

int
main(void)
{
#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_add_validation),
		T(test_add_stores),
		T(test_add_denied),
		T(test_login),
		T(test_lockout_account),
		T(test_lockout_window),
		T(test_lockout_address),
		T(test_address_below_limit),
		T(test_rehash),
		T(test_deactivated),
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test(test_password_min_characters),
		T(test_set_password),
		T(test_lockout_parallel),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
