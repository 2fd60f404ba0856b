/* test_activation.c - the client's portal account on a real database:
 * one-time activation codes (src/domain/activation.c), the client
 * account they open (user.c: login, hidden from administrators, a
 * password that is the client's alone) and the client's access log
 * (access_log.c).
 *
 * A GGZ institution registers the client; UWV works with them under a
 * consent; a colleague of the GGZ who is not on the team, an
 * administrator and other clients are there to be refused.  The clock is
 * fixed (WB_NOW) so that a code's fourteen days can be crossed exactly.
 */
#include "clienttest.h"

#include "base/limits.h"
#include "domain/access_log.h"
#include "domain/activation.h"
#include "domain/session.h"

#define PW	"mijn-eigen-wachtwoord"
#define EMAIL	"wilma@example.nl"

/* A consent of `client` for UWV (re-integratie, `cats`), recorded by the
 * GGZ; with `join`, UWV's professional joins the team. */
static void
share_with_uwv(struct ct_fx *f, int64_t client, unsigned cats, bool join)
{
	(void)ct_grant(&f->t, &f->ggz1, client, f->uwv, "re-integratie",
	    cats);
	if (join)
		(void)ct_join(&f->t, &f->ggz1, client, &f->uwv1,
		    "arbeidsdeskundige");
}

/* Make a code for `client` as `a`; the code (in the fixture's arena) or
 * NULL into *code. */
static int
make_code(struct ct_fx *f, const struct wb_actor *a, int64_t client,
    const char **code)
{
	struct wb_err	err;
	int64_t		expires = -1;
	int		rc;

	rc = wb_activation_create(f->t.db, a, client, &f->t.a, code, &expires,
	    &err);
	if (rc != 0) {
		assert_null(*code);
		assert_int_equal(expires, 0);
	}
	return rc;
}

/* A code that must be made. */
static const char *
code_for(struct ct_fx *f, int64_t client)
{
	const char	*code = NULL;

	assert_int_equal(make_code(f, &f->ggz1, client, &code), 0);
	assert_non_null(code);
	return code;
}

/* Open the account of `client` with a new code; returns the user id. */
static int64_t
activate(struct ct_fx *f, int64_t client, const char *email)
{
	struct wb_err	err;
	int64_t		uid = 0;

	if (wb_activation_use(f->t.db, "test", code_for(f, client), email, PW,
	    &uid, &err) != 0)
		fail_msg("activate: %s (%s)", err.msg, err.field);
	assert_true(uid > 0);
	return uid;
}

/* The message for an unknown code: a well-formed code nobody made (in a
 * static buffer, valid until the next call). */
static const char *
unknown_code_msg(struct ct_fx *f)
{
	static char	msg[512];
	struct wb_err	err;
	int64_t		uid = -1;

	assert_int_equal(wb_activation_use(f->t.db, "test",
	    "ABCD-EFGH-JKMN-PQRS", "niemand@example.nl", PW, &uid, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "code");
	assert_int_equal(uid, 0);
	snprintf(msg, sizeof(msg), "%s", err.msg);
	return msg;
}

/* Using `code` fails on the code, with exactly `msg`, and makes nothing. */
static void
expect_bad_code(struct ct_fx *f, const char *code, const char *msg)
{
	struct wb_err	err;
	int64_t		users = ct_qint(&f->t, "SELECT count(*) FROM "
	    "user_account");
	int64_t		denied = dbt_audit_count(&f->t, "client.activate",
	    "denied");
	int64_t		uid = -1;

	assert_int_equal(wb_activation_use(f->t.db, "test", code,
	    "nieuw@example.nl", PW, &uid, &err), WB_EINVAL);
	assert_string_equal(err.field, "code");
	assert_string_equal(err.msg, msg);
	assert_int_equal(uid, 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM user_account"),
	    users);
	assert_int_equal(dbt_audit_count(&f->t, "client.activate", "denied"),
	    denied + 1);
}

/* -- the code as typed -- */

static void
test_normalise_accepts_typing_refuses_lookalikes(void **state)
{
	static const struct {
		const char	*in, *out;	/* out NULL: refused */
	} cases[] = {
		{ "ABCD-EFGH-JKMN-PQRS", "ABCDEFGHJKMNPQRS" },
		{ "abcd efgh-jkmn pqrs", "ABCDEFGHJKMNPQRS" },
		{ "abcdefghjkmnpqrs", "ABCDEFGHJKMNPQRS" },
		{ "  2345-6789 tuvw-xyza  ", "23456789TUVWXYZA" },
		{ "a-b-c-d-e-f-g-h-j-k-m-n-p-q-r-s", "ABCDEFGHJKMNPQRS" },
		{ "", NULL },
		{ "----", NULL },
		{ "ABCD-EFGH-JKMN-PQR", NULL },		/* 15 */
		{ "ABCD-EFGH-JKMN-PQRST", NULL },	/* 17 */
		{ "ABCD-EFGH-JKMN-PQRS-ABCD", NULL },
		{ "ABCD-EFGH-JKMN-PQR0", NULL },	/* zero */
		{ "ABCD-EFGH-JKMN-PQRO", NULL },	/* letter O */
		{ "ABCD-EFGH-JKMN-PQRo", NULL },
		{ "ABCD-EFGH-JKMN-PQR1", NULL },	/* one */
		{ "ABCD-EFGH-JKMN-PQRI", NULL },	/* letter I */
		{ "ABCD-EFGH-JKMN-PQRi", NULL },
		{ "ABCD-EFGH-JKMN-PQRL", NULL },	/* letter L */
		{ "ABCD-EFGH-JKMN-PQRl", NULL },
		{ "ABCD_EFGH_JKMN_PQRS", NULL },
		{ "ABCD.EFGH.JKMN.PQRS", NULL },
		{ "ABCD\tEFGH-JKMN-PQRS", NULL },
		{ "ABCD-EFGH-JKMN-PQR\xc3\xa9", NULL },	/* é */
		{ "ABCD-EFGH-JKMN-PQR+", NULL },
	};
	char	out[17], in[17];
	size_t	i;
	int	c;

	(void)state;
	for (i = 0; i < WB_NELEM(cases); i++) {
		bool ok = wb_activation_normalise(cases[i].in, out);

		if (ok != (cases[i].out != NULL))
			fail_msg("\"%s\": %s", cases[i].in, ok ? "accepted" :
			    "refused");
		if (ok)
			assert_string_equal(out, cases[i].out);
	}
	assert_false(wb_activation_normalise(NULL, out));
	/* Every letter and digit: all but the look-alikes are in the
	 * alphabet, in either case. */
	for (c = 0; c < 128; c++) {
		bool want = ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '2' && c <= '9')) && strchr("OoIiLl", c) == NULL;

		if (c == ' ' || c == '-' || c == 0)
			continue;
		memset(in, c, 16);
		in[16] = '\0';
		if (wb_activation_normalise(in, out) != want)
			fail_msg("character %d: %s", c, want ? "refused" :
			    "accepted");
	}
}

/* -- making a code -- */

static void
test_create_only_professional_with_identity(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_actor		 me, other;
	const char		*code = NULL;
	int64_t			 id, id2;

	id = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	id2 = ct_reg(f, &f->ggz1, BSN2, "Bart");
	/* UWV without a consent; a colleague of the GGZ not on the team;
	 * an administrator. */
	assert_int_equal(make_code(f, &f->uwv1, id, &code), WB_EDENIED);
	assert_int_equal(make_code(f, &f->ggz2, id, &code), WB_EDENIED);
	assert_int_equal(make_code(f, &f->admin, id, &code), WB_EDENIED);
	/* UWV on the team with work but not identity */
	share_with_uwv(f, id, WORK, true);
	assert_int_equal(make_code(f, &f->uwv1, id, &code), WB_EDENIED);
	/* A client: not for another record, nor for their own (a second
	 * account would be theirs to hand out). */
	me = ct_actor_of(&f->t, activate(f, id2, "bart@example.nl"));
	assert_int_equal(me.role, WB_ROLE_CLIENT);
	assert_int_equal(make_code(f, &me, id, &code), WB_EDENIED);
	other = me;
	other.client_id = id;
	assert_int_equal(make_code(f, &other, id, &code), WB_EDENIED);
	assert_int_equal(make_code(f, &me, id2, &code), WB_EDENIED);

	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM "
	    "client_activation WHERE client_id = %lld", (long long)id), 0);
	assert_int_equal(ct_events(&f->t, "client.activation.create", "denied",
	    id), 6);
	assert_int_equal(ct_events(&f->t, "client.activation.create", "allowed",
	    id), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'client.activation.create' AND outcome = 'denied' "
	    "AND user_id = %lld AND client_id = %lld",
	    (long long)f->admin.user_id, (long long)id), 1);

	/* UWV on the team with identity may not either: whoever holds the
	 * code holds the client's own view of everything (review finding);
	 * only the registering GGZ makes codes. */
	share_with_uwv(f, id, ID | WORK, false);
	assert_int_equal(make_code(f, &f->uwv1, id, &code), WB_EDENIED);
	assert_int_equal(make_code(f, &f->ggz1, id, &code), 0);
	assert_non_null(code);
	assert_int_equal(make_code(f, &f->ggz1, id, &code), 0);
	assert_int_equal(ct_events(&f->t, "client.activation.create", "allowed",
	    id), 2);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'client.activation.create' AND outcome = 'denied' "
	    "AND user_id = %lld AND org_id = %lld", (long long)f->uwv1.user_id,
	    (long long)f->uwv), 3);
}

/* The code is shown once: only its hash is kept, nowhere its text. */
static void
test_code_is_shown_once_and_only_its_hash_kept(void **state)
{
	struct ct_fx	*f = *state;
	struct wb_err	 err;
	const char	*code = NULL;
	char		 norm[17], stored[128];
	int64_t		 id, expires = 0;
	size_t		 i;

	id = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	assert_int_equal(wb_activation_create(f->t.db, &f->ggz1, id, &f->t.a,
	    &code, &expires, &err), 0);
	assert_non_null(code);
	/* ABCD-EFGH-JKMN-PQRS */
	assert_int_equal(strlen(code), 19);
	for (i = 4; i < 19; i += 5)
		assert_int_equal(code[i], '-');
	assert_true(wb_activation_normalise(code, norm));
	assert_int_equal(expires, T0 + WB_ACTIVATION_DAYS * DAY);

	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM "
	    "client_activation"), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM "
	    "client_activation WHERE client_id = %lld AND created_by = %lld "
	    "AND created_at = %d AND expires_at = %d AND used_at IS NULL AND "
	    "user_id IS NULL", (long long)id, (long long)f->ggz1.user_id, T0, T0
	    + WB_ACTIVATION_DAYS * DAY), 1);
	ct_qtext(&f->t, stored, sizeof(stored), "SELECT code_hash FROM "
	    "client_activation");
	assert_string_equal(stored, wb_hash_hex(&f->t.a, norm));
	/* The code, with or without dashes, is neither in the table nor
	 * in the audit log. */
	for (i = 0; i < 2; i++) {
		const char *text = i == 0 ? norm : code;

		assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM "
		    "client_activation WHERE upper(code_hash) LIKE '%%%s%%'",
		    text), 0);
		assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM "
		    "audit_event WHERE upper(coalesce(detail, '') || '|' || "
		    "coalesce(object_id, '') || '|' || coalesce(object_type, "
		    "'')) LIKE '%%%s%%'", text), 0);
	}
	assert_int_equal(ct_events(&f->t, "client.activation.create", "allowed",
	    id), 1);
}

/* A new code replaces the one not used yet. */
static void
test_second_code_replaces_first(void **state)
{
	struct ct_fx	*f = *state;
	struct wb_err	 err;
	const char	*first, *second, *msg;
	int64_t		 id, uid = 0;

	id = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	msg = unknown_code_msg(f);
	first = code_for(f, id);
	second = code_for(f, id);
	assert_string_not_equal(first, second);
	expect_bad_code(f, first, msg);
	assert_int_equal(wb_activation_use(f->t.db, "test", second, EMAIL, PW,
	    &uid, &err), 0);
	assert_true(uid > 0);
	/* and the first stays dead after the second was used */
	expect_bad_code(f, first, msg);
}

static void
test_create_refused_once_client_has_account(void **state)
{
	struct ct_fx	*f = *state;
	struct wb_err	 err;
	const char	*code = NULL;
	int64_t		 id, rows, expires = -1;

	id = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	(void)activate(f, id, EMAIL);
	rows = ct_qint(&f->t, "SELECT count(*) FROM client_activation");
	assert_int_equal(wb_activation_create(f->t.db, &f->ggz1, id, &f->t.a,
	    &code, &expires, &err), WB_EINVAL);
	assert_null(code);
	assert_non_null(strstr(err.msg, "al een account"));
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM "
	    "client_activation"), rows);
}

/* -- using it -- */

static void
test_use_creates_client_account(void **state)
{
	struct ct_fx	*f = *state;
	struct wb_err	 err;
	const char	*code, *msg;
	char		 row[256], hash[256];
	int64_t		 id, uid = 0;

	id = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	msg = unknown_code_msg(f);
	code = code_for(f, id);
	dbt_set_now(T0 + 3600);
	/* typed in lower case without dashes, the address in capitals */
	{
		char	typed[20];
		size_t	i, j;

		for (i = 0, j = 0; code[i] != '\0'; i++)
			if (code[i] != '-')
				typed[j++] = (char)(code[i] >= 'A' &&
				    code[i] <= 'Z' ? code[i] + 32 : code[i]);
		typed[j] = '\0';
		assert_int_equal(wb_activation_use(f->t.db, "10.0.0.7", typed,
		    "Wilma@Example.NL", PW, &uid, &err), 0);
	}
	assert_true(uid > 0);
	ct_qtext(&f->t, row, sizeof(row), "SELECT email || '|' || name || '|' "
	    "|| role || '|' || coalesce(CAST(org_id AS TEXT), 'null') || '|' "
	    "|| coalesce(region_code, 'null') FROM user_account WHERE id = "
	    "%lld", (long long)uid);
	/* Not the client's name: the auditor reads account names. */
	assert_string_equal(row, EMAIL "|Cliënt|client|null|null");
	/* The password is stored as an Argon2id hash. */
	ct_qtext(&f->t, hash, sizeof(hash), "SELECT password_hash FROM "
	    "user_account WHERE id = %lld", (long long)uid);
	assert_null(strstr(hash, PW));
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_int_equal(ct_qint(&f->t, "SELECT portal_user FROM client WHERE "
	    "id = %lld", (long long)id), uid);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM "
	    "client_activation WHERE used_at = %d AND user_id = %lld", T0 +
	    3600, (long long)uid), 1);

	/* Audited with the client, the new account and the access point. */
	assert_int_equal(ct_events(&f->t, "client.activation.create", "allowed",
	    id), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'client.activate' AND outcome = 'allowed' AND "
	    "client_id = %lld AND user_id = %lld AND object_id = '%lld' AND "
	    "address = '10.0.0.7'", (long long)id, (long long)uid,
	    (long long)uid), 1);

	/* The same code again: the one message, nothing made, audited. */
	expect_bad_code(f, code, msg);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM user_account "
	    "WHERE role = 'client'"), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT portal_user FROM client WHERE "
	    "id = %lld", (long long)id), uid);
	assert_int_equal(dbt_audit_count(&f->t, "client.activate", "denied"),
	    2);
	/* the denied events hold no code and name no client */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'client.activate' AND outcome = 'denied' AND "
	    "client_id IS NULL AND user_id IS NULL"), 2);
}

/* Fourteen days to the second: valid just before, dead from then on. */
static void
test_expired_code_fails_the_same_way(void **state)
{
	struct ct_fx	*f = *state;
	struct wb_err	 err;
	const char	*a, *b, *msg;
	int64_t		 id, id2, uid = 0;

	id = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	id2 = ct_reg(f, &f->ggz1, BSN2, "Bart");
	msg = unknown_code_msg(f);
	a = code_for(f, id);
	b = code_for(f, id2);

	dbt_set_now(T0 + WB_ACTIVATION_DAYS * DAY);
	expect_bad_code(f, a, msg);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM client WHERE "
	    "portal_user IS NOT NULL"), 0);
	dbt_set_now(T0 + 30 * DAY);
	expect_bad_code(f, a, msg);

	dbt_set_now(T0 + WB_ACTIVATION_DAYS * DAY - 1);
	assert_int_equal(wb_activation_use(f->t.db, "test", b,
	    "bart@example.nl", PW, &uid, &err), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT portal_user FROM client WHERE "
	    "id = %lld", (long long)id2), uid);
}

/* Bad input is refused on its field and makes nothing; the code is still
 * good afterwards. */
static void
test_use_refuses_bad_input_and_makes_nothing(void **state)
{
	static const struct {
		const char	*email, *password, *field;
	} cases[] = {
		{ "ggz1@ggz.example", PW, "email" },	/* taken */
		{ "GGZ1@GGZ.Example", PW, "email" },	/* taken, in capitals */
		{ "geen-adres", PW, "email" },
		{ "", PW, "email" },
		{ NULL, PW, "email" },
		{ EMAIL, "elf-tekens!", "password" },	/* 11 characters */
		{ EMAIL, "", "password" },
	};
	struct ct_fx	*f = *state;
	struct wb_err	 err;
	const char	*code;
	int64_t		 id, uid, users;
	size_t		 i;
	char		 twelve[] = "twaalf-teken";

	id = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	code = code_for(f, id);
	users = ct_qint(&f->t, "SELECT count(*) FROM user_account");
	for (i = 0; i < WB_NELEM(cases); i++) {
		uid = -1;
		wb_err_clear(&err);
		if (wb_activation_use(f->t.db, "test", code, cases[i].email,
		    cases[i].password, &uid, &err) != WB_EINVAL ||
		    strcmp(err.field, cases[i].field) != 0)
			fail_msg("case %zu: field \"%s\" (%s)", i, err.field,
			    err.msg);
		assert_int_equal(uid, 0);
	}
	/* the message for a taken address */
	assert_int_equal(wb_activation_use(f->t.db, "test", code,
	    "uwv1@uwv.example", PW, &uid, &err), WB_EINVAL);
	assert_non_null(strstr(err.msg, "al in gebruik"));
	/* a code of the wrong shape is refused before anything else */
	assert_int_equal(wb_activation_use(f->t.db, "test", "ABCD-EFGH",
	    EMAIL, PW, &uid, &err), WB_EINVAL);
	assert_string_equal(err.field, "code");
	assert_non_null(strstr(err.msg, "16 letters en cijfers"));

	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM user_account"),
	    users);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM client WHERE "
	    "portal_user IS NOT NULL"), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM "
	    "client_activation WHERE used_at IS NULL AND user_id IS NULL"), 1);
	assert_int_equal(dbt_audit_count(&f->t, "client.activate", NULL), 0);

	/* Twelve characters are enough, and the code still works. */
	assert_int_equal(strlen(twelve), WB_MIN_PASSWORD);
	assert_int_equal(wb_activation_use(f->t.db, "test", code, EMAIL,
	    twelve, &uid, &err), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM user_account"),
	    users + 1);
}

/* -- the client's account -- */

static void
test_client_account_logs_in_and_is_theirs_alone(void **state)
{
	struct ct_fx	*f = *state;
	struct wb_user	*list, u;
	struct wb_actor	 me;
	struct wb_err	 err;
	char		 before[256], after[256];
	int64_t		 id, uid, got = 0;
	size_t		 n, i;
	bool		 ggz_listed = false;

	id = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	uid = activate(f, id, EMAIL);
	assert_int_equal(wb_user_login(f->t.db, EMAIL, PW, "test", &got, &err),
	    0);
	assert_int_equal(got, uid);
	me = ct_actor_of(&f->t, uid);
	assert_int_equal(me.role, WB_ROLE_CLIENT);
	assert_int_equal(me.client_id, id);
	assert_int_equal(me.user_id, uid);
	assert_int_equal(me.org_id, 0);

	/* Not in the administrator's list, nor to be opened by them. */
	assert_int_equal(wb_user_list(f->t.db, &f->admin, 0, 100, 0, &f->t.a,
	    &list, &n, &err), 0);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++) {
		assert_true(list[i].id != uid);
		ggz_listed |= list[i].id == f->ggz1.user_id;
	}
	assert_true(ggz_listed);
	assert_int_equal(wb_user_get(f->t.db, &f->admin, uid, &f->t.a, &u,
	    &err), WB_ENOTFOUND);
	assert_int_equal(wb_user_get(f->t.db, &f->admin, f->ggz1.user_id,
	    &f->t.a, &u, &err), 0);

	/* Nobody else sets the client's password. */
	ct_qtext(&f->t, before, sizeof(before), "SELECT password_hash FROM "
	    "user_account WHERE id = %lld", (long long)uid);
	assert_int_equal(wb_user_set_password(f->t.db, &f->admin, uid,
	    "beheerder-kiest-dit", &err), WB_EDENIED);
	assert_int_equal(wb_user_set_password(f->t.db, &f->ggz1, uid,
	    "begeleider-kiest-dit", &err), WB_EDENIED);
	ct_qtext(&f->t, after, sizeof(after), "SELECT password_hash FROM "
	    "user_account WHERE id = %lld", (long long)uid);
	assert_string_equal(after, before);
	assert_int_equal(wb_user_login(f->t.db, EMAIL, "beheerder-kiest-dit",
	    "test", &got, &err), WB_EDENIED);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'user.password' AND outcome = 'denied' AND "
	    "object_id = '%lld'", (long long)uid), 2);
	/* (an administrator still sets a professional's) */
	assert_int_equal(wb_user_set_password(f->t.db, &f->admin,
	    f->ggz2.user_id, "beheerder-kiest-dit", &err), 0);

	/* The client sets their own. */
	assert_int_equal(wb_user_set_password(f->t.db, &me, uid,
	    "een-nieuw-wachtwoord", &err), 0);
	assert_int_equal(wb_user_login(f->t.db, EMAIL, "een-nieuw-wachtwoord",
	    "test", &got, &err), 0);
	assert_int_equal(got, uid);
	assert_int_equal(wb_user_login(f->t.db, EMAIL, PW, "test", &got, &err),
	    WB_EDENIED);
}

/* -- the access log -- */

/* The log of `client` as `a`: rc, and the entries into *e, *n, *total. */
static int
read_log(struct ct_fx *f, const struct wb_actor *a, int64_t client,
    struct wb_access_entry **e, size_t *n, int64_t *total)
{
	struct wb_err	err;

	return wb_access_log(f->t.db, a, client, 0, 0, 100, 0, &f->t.a, e, n,
	    total, &err);
}

/* The first entry (newest first) of `event` by `user_id`, or NULL. */
static const struct wb_access_entry *
find_entry(const struct wb_access_entry *e, size_t n, const char *event,
    int64_t user_id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(e[i].event, event) == 0 && e[i].user_id == user_id)
			return &e[i];
	return NULL;
}

static void
test_access_log_words(void **state)
{
	(void)state;
	assert_string_equal(wb_access_log_what("client.read"),
	    "bekeek uw gegevens");
	assert_string_equal(wb_access_log_what("plan.read"), "bekeek uw plan");
	assert_string_equal(wb_access_log_what("consent.revoke"),
	    "trok een toestemming in");
	assert_string_equal(wb_access_log_what("client.activate"),
	    "maakte uw account");
	assert_string_equal(wb_access_log_what("iets.nieuws"), "iets.nieuws");
	assert_string_equal(wb_access_log_what(NULL), "");
}

static void
test_access_log_for_client_and_registrar_only(void **state)
{
	struct ct_fx			*f = *state;
	struct wb_client		 c;
	struct wb_access_entry		*e;
	const struct wb_access_entry	*x;
	struct wb_actor			 me, bart;
	struct wb_err			 err;
	size_t				 n, i;
	int64_t				 id, id2, total, mine;

	id = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	id2 = ct_reg(f, &f->ggz1, BSN2, "Bart");
	share_with_uwv(f, id, WB_CAT_ALL, true);
	assert_int_equal(wb_client_get(f->t.db, &f->uwv1, id, &f->t.a, &c,
	    &err), 0);
	me = ct_actor_of(&f->t, activate(f, id, EMAIL));
	bart = ct_actor_of(&f->t, activate(f, id2, "bart@example.nl"));
	/* Another client's record is read: not in this log. */
	assert_int_equal(wb_client_get(f->t.db, &f->ggz1, id2, &f->t.a, &c,
	    &err), 0);

	mine = ct_qint(&f->t, "SELECT count(*) FROM audit_event WHERE "
	    "client_id = %lld", (long long)id);
	assert_int_equal(read_log(f, &me, id, &e, &n, &total), 0);
	assert_int_equal(total, mine);
	assert_int_equal(n, (size_t)mine);
	for (i = 0; i < n; i++) {
		assert_int_equal(ct_qint(&f->t, "SELECT client_id FROM "
		    "audit_event WHERE id = %lld", (long long)e[i].id), id);
		/* newest first */
		if (i > 0)
			assert_true(e[i].id < e[i - 1].id);
		/* every event here has plain words */
		if (strchr(e[i].what, '.') != NULL)
			fail_msg("no words for %s", e[i].event);
	}
	/* UWV's read, by name and organisation, under the consent */
	x = find_entry(e, n, "client.read", f->uwv1.user_id);
	assert_non_null(x);
	assert_string_equal(x->what, "bekeek uw gegevens");
	assert_string_equal(x->user_name, "Ursula Werk");
	assert_string_equal(x->org_name, "UWV Groningen");
	assert_string_equal(x->outcome, "allowed");
	assert_string_equal(x->purpose, "re-integratie");
	assert_true(x->consent_id > 0);
	x = find_entry(e, n, "client.create", f->ggz1.user_id);
	assert_non_null(x);
	assert_string_equal(x->what, "schreef u in");
	assert_string_equal(x->org_name, "GGZ Noord");
	x = find_entry(e, n, "client.activate", me.user_id);
	assert_non_null(x);
	assert_string_equal(x->what, "maakte uw account");
	assert_non_null(find_entry(e, n, "client.activation.create",
	    f->ggz1.user_id));
	/* The read of the log is itself in the log. */
	assert_int_equal(ct_events(&f->t, "access_log.read", "allowed", id), 1);
	assert_int_equal(read_log(f, &me, id, &e, &n, &total), 0);
	assert_int_equal(total, mine + 1);
	assert_string_equal(e[0].event, "access_log.read");
	assert_string_equal(e[0].what, "bekeek wie er in uw gegevens keek");
	assert_int_equal(e[0].user_id, me.user_id);
	/* a page of two */
	assert_int_equal(wb_access_log(f->t.db, &me, id, 0, 0, 2, 1, &f->t.a,
	    &e, &n, &total, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(total, mine + 2);

	/* The registering GGZ on the team answers the client's request. */
	assert_int_equal(read_log(f, &f->ggz1, id, &e, &n, &total), 0);
	assert_int_equal(total, mine + 3);
	assert_non_null(find_entry(e, n, "client.read", f->uwv1.user_id));

	/* Not UWV, even with a consent for everything; not a colleague off
	 * the team; not another client; not an administrator. */
	assert_int_equal(read_log(f, &f->uwv1, id, &e, &n, &total),
	    WB_EDENIED);
	assert_null(e);
	assert_int_equal(n, 0);
	assert_int_equal(read_log(f, &f->ggz2, id, &e, &n, &total),
	    WB_EDENIED);
	assert_int_equal(n, 0);
	assert_int_equal(read_log(f, &bart, id, &e, &n, &total), WB_EDENIED);
	assert_null(e);
	assert_int_equal(n, 0);
	assert_int_equal(read_log(f, &f->admin, id, &e, &n, &total),
	    WB_EDENIED);
	assert_int_equal(n, 0);
	assert_int_equal(ct_events(&f->t, "access_log.read", "denied", id), 4);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'access_log.read' AND outcome = 'denied' AND "
	    "client_id = %lld AND user_id = %lld AND org_id = %lld",
	    (long long)id, (long long)f->uwv1.user_id, (long long)f->uwv), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'access_log.read' AND outcome = 'denied' AND "
	    "client_id = %lld AND user_id = %lld", (long long)id,
	    (long long)bart.user_id), 1);
	/* Bart reads his own. */
	assert_int_equal(read_log(f, &bart, id2, &e, &n, &total), 0);
	assert_non_null(find_entry(e, n, "client.read", f->ggz1.user_id));
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, ct_setup_ggz_uwv, \
	    ct_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_normalise_accepts_typing_refuses_lookalikes),
		T(test_create_only_professional_with_identity),
		T(test_code_is_shown_once_and_only_its_hash_kept),
		T(test_second_code_replaces_first),
		T(test_create_refused_once_client_has_account),
		T(test_use_creates_client_account),
		T(test_expired_code_fails_the_same_way),
		T(test_use_refuses_bad_input_and_makes_nothing),
		T(test_client_account_logs_in_and_is_theirs_alone),
		cmocka_unit_test(test_access_log_words),
		T(test_access_log_for_client_and_registrar_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
