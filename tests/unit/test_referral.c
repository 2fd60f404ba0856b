/* test_referral.c - warme overdracht on a real database
 * (src/domain/referral.c with the referral door of access.c and the
 * withdrawal on revocation in consent.c).
 *
 * Region AM01 has a GGZ institution that registers the client and refers
 * it, UWV with a fixed contact point (a person and a deputy, plus an
 * ended and a future row), and a municipality with a contact point of its
 * own.  The central properties: a referral leaves only under a consent
 * that covers it; only the contact point's person or deputy sees who is
 * referred, and only through the inbox; after an answer that door is
 * closed and the team (under the consent) takes over.
 */
#include "dbtest.h"

#include "base/common.h"
#include "base/time.h"
#include "domain/client.h"
#include "domain/client_access.h"
#include "domain/consent.h"
#include "domain/referral.h"
#include "domain/team.h"

#include <stdarg.h>

#define T0	1800000000	/* WB_NOW: Friday 15-01-2027 09:00 */
#define DAY	86400
#define BSN	"123456782"
#define BSN2	"249566758"
#define GIVEN	"Wilhelmina"
#define FAMILY	"Verwezen"
#define NAME	GIVEN " " FAMILY
#define QUESTION "Graag een intake voor re-integratie; zij wil buiten werken."

#define ID	WB_CAT_IDENTITY
#define WORK	WB_CAT_WORK
#define HEALTH	WB_CAT_HEALTH

struct fx {
	struct dbt	 t;
	int64_t		 ggz, uwv, gem;		/* organisations */
	struct wb_actor	 ggz1;		/* registers and refers */
	struct wb_actor	 ggz2;		/* GGZ colleague, not on the team */
	struct wb_actor	 uwvp, uwvd;	/* UWV contact point: person, deputy */
	struct wb_actor	 uwvc;		/* UWV colleague, staffs nothing */
	struct wb_actor	 gem1;		/* person of the municipality's cp */
	struct wb_actor	 admin;		/* an administrator at UWV */
	int64_t		 uwv_off;	/* an inactive UWV professional */
	int64_t		 cp_uwv;	/* UWV's current contact point */
	int64_t		 cp_old, cp_next;	/* ended; from next year */
	int64_t		 cp_gem, cp_ggz;
};

/* The first column of the first row of a formatted query, as a number. */
static int64_t WB_PRINTF(2, 3)
qint(struct fx *f, const char *fmt, ...)
{
	char	sql[1024];
	va_list	ap;

	va_start(ap, fmt);
	assert_true(vsnprintf(sql, sizeof(sql), fmt, ap) < (int)sizeof(sql));
	va_end(ap);
	return dbt_int(&f->t, sql);
}

/* The same as text, into out. */
static void WB_PRINTF(4, 5)
qtext(struct fx *f, char *out, size_t n, const char *fmt, ...)
{
	char	sql[1024];
	va_list	ap;

	va_start(ap, fmt);
	assert_true(vsnprintf(sql, sizeof(sql), fmt, ap) < (int)sizeof(sql));
	va_end(ap);
	dbt_text(&f->t, sql, out, n);
}

/* An account of organisation `org` (code); returns its id. */
static int64_t
account(struct fx *f, const char *email, const char *role, const char *org,
    bool active)
{
	char	sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO user_account (email, name, "
	    "role, org_id, active, created_at, updated_at) SELECT '%s', '%s', "
	    "'%s', id, %d, 0, 0 FROM organisation WHERE code = '%s'", email,
	    email, role, active ? 1 : 0, org);
	dbt_exec(&f->t, sql);
	return qint(f, "SELECT id FROM user_account WHERE email = '%s'",
	    email);
}

static struct wb_actor
user(struct fx *f, const char *email, const char *role, const char *org)
{
	struct wb_actor	a = { .role = wb_role_parse(role), .address = "test",
	    .via = "web" };

	a.user_id = account(f, email, role, org, true);
	a.org_id = qint(f, "SELECT id FROM organisation WHERE code = '%s'",
	    org);
	return a;
}

/* A business card of `a` at their organisation; returns its id. */
static int64_t
card(struct fx *f, const struct wb_actor *a, const char *name)
{
	char	sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO card (user_id, org_id, name, "
	    "function, created_at, updated_at) VALUES (%lld, %lld, '%s', "
	    "'arbeidsdeskundige', 0, 0)", (long long)a->user_id,
	    (long long)a->org_id, name);
	dbt_exec(&f->t, sql);
	return qint(f, "SELECT id FROM card WHERE user_id = %lld",
	    (long long)a->user_id);
}

/* A contact point row of AM01 from day `from` until `until` (0: open). */
static int64_t
cp(struct fx *f, int64_t org, const char *domain, int64_t person,
    int64_t deputy, int64_t from, int64_t until)
{
	char	sql[512], dep[24], end[24];

	snprintf(dep, sizeof(dep), "%lld", (long long)deputy);
	snprintf(end, sizeof(end), "%lld", (long long)until);
	snprintf(sql, sizeof(sql), "INSERT INTO contact_point (org_id, "
	    "region_code, domain, card_id, deputy_card_id, valid_from, "
	    "valid_until, created_at) VALUES (%lld, 'AM01', '%s', %lld, %s, "
	    "%lld, %s, 0)", (long long)org, domain, (long long)person,
	    deputy != 0 ? dep : "NULL", (long long)from,
	    until != 0 ? end : "NULL");
	dbt_exec(&f->t, sql);
	return qint(f, "SELECT max(id) FROM contact_point");
}

static int
setup(void **state)
{
	struct fx	*f = calloc(1, sizeof(*f));
	struct wb_actor	 uwvx;
	int64_t		 today, pc, dc, xc;

	if (f == NULL)
		return -1;
	dbt_set_now(T0);
	today = wb_today();
	dbt_open(&f->t, false);
	dbt_exec(&f->t,
	    "INSERT INTO region (code, name, year) VALUES "
	    "('AM01', 'Groningen', 2026);"
	    "INSERT INTO municipality (code, name, region_code, year) VALUES "
	    "('GM0014', 'Groningen', 'AM01', 2026);"
	    "INSERT INTO organisation (code, name, type, created_at, "
	    "updated_at) VALUES ('GGZN', 'GGZ Noord', 'ggz', 0, 0), "
	    "('UWVN', 'UWV Groningen', 'uwv', 0, 0), "
	    "('GEMN', 'Gemeente Groningen', 'gemeente', 0, 0)");
	f->ggz1 = user(f, "ggz1@ggz.example", "professional", "GGZN");
	f->ggz2 = user(f, "ggz2@ggz.example", "professional", "GGZN");
	f->uwvp = user(f, "uwvp@uwv.example", "professional", "UWVN");
	f->uwvd = user(f, "uwvd@uwv.example", "professional", "UWVN");
	f->uwvc = user(f, "uwvc@uwv.example", "professional", "UWVN");
	f->gem1 = user(f, "gem1@gem.example", "professional", "GEMN");
	f->admin = user(f, "admin@uwv.example", "admin", "UWVN");
	uwvx = user(f, "uwvx@uwv.example", "professional", "UWVN");
	f->uwv_off = account(f, "uit@uwv.example", "professional", "UWVN",
	    false);
	f->ggz = f->ggz1.org_id;
	f->uwv = f->uwvp.org_id;
	f->gem = f->gem1.org_id;
	pc = card(f, &f->uwvp, "Petra Punt");
	dc = card(f, &f->uwvd, "Dirk Deputy");
	xc = card(f, &uwvx, "Xander Vroeger");
	(void)card(f, &f->uwvc, "Carla Collega");
	f->cp_old = cp(f, f->uwv, "uwv", xc, 0, today - 100, today - 11);
	/* The current one ends when the next begins, as wb_cp_set does; the
	 * next is far enough away for the tests that move the clock. */
	f->cp_uwv = cp(f, f->uwv, "uwv", pc, dc, today - 10, today + 400);
	f->cp_next = cp(f, f->uwv, "uwv", xc, 0, today + 401, 0);
	f->cp_gem = cp(f, f->gem, "gemeente", card(f, &f->gem1, "Gert Gem"),
	    0, today - 10, 0);
	f->cp_ggz = cp(f, f->ggz, "ggz", card(f, &f->ggz2, "Gijs Ggz"), 0,
	    today - 10, 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;

	dbt_close(&f->t);
	free(f);
	unsetenv("WB_NOW");
	return 0;
}

static int64_t
reg(struct fx *f, const char *bsn, const char *given)
{
	struct wb_client_input	in = { .bsn = bsn, .given_name = given,
	    .family_name = FAMILY, .birth_date = "15-03-1985",
	    .municipality = "GM0014", .benefit = "wajong",
	    .target_group = "epa", .function = "behandelaar" };
	struct wb_err		err;
	int64_t			id = 0;

	if (wb_client_register(f->t.db, &f->ggz1, &in, &id, &err) != 0)
		fail_msg("register: %s", err.msg);
	return id;
}

/* "yyyy-mm-dd" of today + off days. */
static const char *
day(struct fx *f, int64_t off)
{
	char	*s = wb_arena_alloc(&f->t.a, 16);

	wb_date_iso(wb_today() + off, s, 16);
	return s;
}

/* A consent recorded by the GGZ; returns its id. */
static int64_t
grant(struct fx *f, int64_t client, int64_t org, const char *purpose,
    unsigned cats)
{
	struct wb_consent_input	in = { .client_id = client, .org_id = org,
	    .purpose = purpose, .categories = cats, .valid_from = day(f, 0),
	    .valid_until = day(f, 365), .method = "mondeling" };
	struct wb_err		err;
	int64_t			id = 0;

	if (wb_consent_grant(f->t.db, &f->ggz1, &in, &id, &err) != 0)
		fail_msg("consent: %s", err.msg);
	return id;
}

static int
send(struct fx *f, const struct wb_actor *a, int64_t client, int64_t cpid,
    const char *purpose, const char *question, int64_t *rid,
    struct wb_err *err)
{
	struct wb_referral_input	in = { .client_id = client,
	    .contact_point_id = cpid, .purpose = purpose,
	    .question = question };

	wb_err_clear(err);
	*rid = -1;
	return wb_referral_send(f->t.db, a, &in, rid, err);
}

/* A referral by ggz1 to UWV's contact point that must leave. */
static int64_t
sent(struct fx *f, int64_t client, const char *purpose)
{
	struct wb_err	err;
	int64_t		rid;

	if (send(f, &f->ggz1, client, f->cp_uwv, purpose, QUESTION, &rid,
	    &err) != 0)
		fail_msg("send: %s", err.msg);
	assert_true(rid > 0);
	return rid;
}

/* A client of the GGZ with a consent for UWV (re-integratie, identity and
 * work); *consent gets its id. */
static int64_t
consented_client(struct fx *f, int64_t *consent)
{
	int64_t	id = reg(f, BSN, GIVEN);

	*consent = grant(f, id, f->uwv, "re-integratie", ID | WORK);
	return id;
}

static int64_t
referrals(struct fx *f)
{
	return qint(f, "SELECT count(*) FROM referral");
}

/* Events `event` with `outcome` about client `id`. */
static int64_t
events(struct fx *f, const char *event, const char *outcome, int64_t id)
{
	return qint(f, "SELECT count(*) FROM audit_event WHERE event = '%s' "
	    "AND outcome = '%s' AND client_id = %lld", event, outcome,
	    (long long)id);
}

static const char *
status(struct fx *f, int64_t rid)
{
	char	*s = wb_arena_alloc(&f->t.a, 32);

	qtext(f, s, 32, "SELECT status FROM referral WHERE id = %lld",
	    (long long)rid);
	return s;
}

/* Decide as the inbox does (op.referral), in a read transaction; writes
 * nothing. */
static int
door(struct fx *f, const struct wb_actor *a, int64_t client, unsigned want,
    bool write, struct wb_client_decision *d)
{
	struct wb_client_op	op = { .event = "test.door",
	    .client_id = client, .want = want, .write = write,
	    .referral = true };
	struct wb_err		err;
	int			rc;

	assert_int_equal(wb_db_begin_read(f->t.db, &err), 0);
	rc = wb_client_decide(f->t.db, a, &op, d, &err);
	wb_db_rollback(f->t.db);
	return rc;
}

static int
inbox(struct fx *f, const struct wb_actor *a, struct wb_referral **in,
    size_t *nin, struct wb_referral **out, size_t *nout)
{
	struct wb_err	err;

	return wb_referral_inbox(f->t.db, a, &f->t.a, in, nin, out, nout,
	    &err);
}

static int
get(struct fx *f, const struct wb_actor *a, int64_t id, struct wb_client *c)
{
	struct wb_err	err;

	memset(c, 0, sizeof(*c));
	return wb_client_get(f->t.db, a, id, &f->t.a, c, &err);
}

static int
accept(struct fx *f, const struct wb_actor *a, int64_t rid, int64_t who,
    const char *function, struct wb_err *err)
{
	wb_err_clear(err);
	return wb_referral_accept(f->t.db, a, rid, who, function, err);
}

/* -- overdue: working days -- */

static void
test_overdue_counts_working_days(void **state)
{
	/* Days are offsets from Monday 11-01-2027 (or 05-07-2027, summer
	 * time); `at` is the local time of sending, in minutes. */
	static const struct {
		bool	 summer;
		int	 sent, at;	/* day, minutes after local midnight */
		int	 today;
		bool	 overdue;
	} cases[] = {
		{ false, 0, 720, 0, false },	/* the day itself */
		{ false, 0, 720, 4, false },	/* Friday: 4 */
		{ false, 0, 720, 6, false },	/* Sunday: still 4 */
		{ false, 0, 720, 7, false },	/* next Monday: 5 */
		{ false, 0, 720, 8, true },	/* next Tuesday: 6 */
		{ false, 0, 720, 30, true },
		{ false, 4, 720, 7, false },	/* Friday to Monday: 1 */
		{ false, 4, 720, 11, false },	/* to next Friday: 5 */
		{ false, 4, 720, 13, false },	/* the weekend: 5 */
		{ false, 4, 720, 14, true },	/* Monday: 6 */
		{ false, 4, 1430, 14, true },	/* 23:50 on Friday */
		{ false, 4, 1430, 13, false },
		{ false, 5, 600, 11, false },	/* Saturday to Friday: 5 */
		{ false, 5, 600, 13, false },
		{ false, 5, 600, 14, true },
		{ false, 6, 600, 11, false },	/* Sunday to Friday: 5 */
		{ false, 6, 600, 14, true },
		{ false, 2, 720, 9, false },	/* Wednesday to Wednesday */
		{ false, 2, 720, 10, true },
		/* Just after local midnight, still the day before in UTC:
		 * the day of sending is the local one. */
		{ false, 0, 30, 7, false },
		{ false, 0, 30, 8, true },
		{ true, 0, 90, 7, false },
		{ true, 0, 90, 8, true },
		{ true, 4, 720, 11, false },
		{ true, 4, 720, 14, true },
	};
	int64_t	winter = wb_days_from_civil(2027, 1, 11);
	int64_t	summer = wb_days_from_civil(2027, 7, 5);
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(cases); i++) {
		int64_t	mon = cases[i].summer ? summer : winter;
		int64_t	at = wb_day_start(mon + cases[i].sent) +
		    cases[i].at * 60;
		bool	got = wb_referral_overdue(at, mon + cases[i].today);

		if (got != cases[i].overdue)
			fail_msg("case %zu: sent day %d %02d:%02d, today %d: "
			    "%s, want %s", i, cases[i].sent, cases[i].at / 60,
			    cases[i].at % 60, cases[i].today,
			    got ? "overdue" : "not", cases[i].overdue ?
			    "overdue" : "not");
	}
}

/* -- sending -- */

static void
test_send_needs_identity_write_access(void **state)
{
	struct fx	*f = *state;
	struct wb_err	 err;
	int64_t		 id, consent, rid;

	id = consented_client(f, &consent);
	/* a GGZ colleague not on the team, the receiving contact point, an
	 * administrator */
	assert_int_equal(send(f, &f->ggz2, id, f->cp_uwv, "re-integratie",
	    QUESTION, &rid, &err), WB_EDENIED);
	assert_int_equal(rid, 0);
	assert_int_equal(send(f, &f->uwvp, id, f->cp_uwv, "re-integratie",
	    QUESTION, &rid, &err), WB_EDENIED);
	assert_int_equal(send(f, &f->admin, id, f->cp_uwv, "re-integratie",
	    QUESTION, &rid, &err), WB_EDENIED);
	assert_int_equal(referrals(f), 0);
	assert_int_equal(events(f, "referral.send", "denied", id), 3);
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'referral.send' AND outcome = 'denied' AND user_id = "
	    "%lld", (long long)f->ggz2.user_id), 1);
	/* on the team it leaves */
	(void)sent(f, id, "re-integratie");
	assert_int_equal(referrals(f), 1);
}

static void
test_send_contact_point_current_and_elsewhere(void **state)
{
	struct fx	*f = *state;
	struct wb_err	 err;
	int64_t		 id, consent, rid;
	const int64_t	 bad[] = { f->cp_old, f->cp_next, 999999 };
	size_t		 i;

	id = consented_client(f, &consent);
	for (i = 0; i < WB_NELEM(bad); i++) {
		assert_int_equal(send(f, &f->ggz1, id, bad[i], "re-integratie",
		    QUESTION, &rid, &err), WB_EINVAL);
		assert_string_equal(err.field, "contact_point");
		assert_non_null(strstr(err.msg, "contactpunt dat nu geldt"));
		assert_int_equal(rid, 0);
	}
	/* one's own organisation is no referral */
	assert_int_equal(send(f, &f->ggz1, id, f->cp_ggz, "behandeling",
	    QUESTION, &rid, &err), WB_EINVAL);
	assert_string_equal(err.field, "contact_point");
	assert_non_null(strstr(err.msg, "andere organisatie"));
	assert_int_equal(referrals(f), 0);
	assert_int_equal(events(f, "referral.send", "allowed", id), 0);

	rid = sent(f, id, "re-integratie");
	assert_int_equal(qint(f, "SELECT contact_point_id FROM referral WHERE "
	    "id = %lld", (long long)rid), f->cp_uwv);
}

static void
test_send_needs_covering_consent(void **state)
{
	struct fx	*f = *state;
	struct wb_err	 err;
	int64_t		 id, rid, consent, other, n;
	char		 row[256];

	id = reg(f, BSN, GIVEN);
	/* none at all */
	assert_int_equal(send(f, &f->ggz1, id, f->cp_uwv, "re-integratie",
	    QUESTION, &rid, &err), WB_EINVAL);
	assert_string_equal(err.field, "contact_point");
	if (strstr(err.msg, "UWV Groningen") == NULL ||
	    strstr(err.msg, "toestemming") == NULL ||
	    strstr(err.msg, "voor re-integratie") == NULL)
		fail_msg("message: %s", err.msg);
	assert_int_equal(rid, 0);
	assert_int_equal(events(f, "referral.send", "denied", id), 1);

	/* for another purpose, without identity, for another organisation,
	 * revoked: none of them covers it */
	(void)grant(f, id, f->uwv, "casuistiekoverleg", ID | WORK);
	(void)grant(f, id, f->uwv, "re-integratie", WORK | HEALTH);
	(void)grant(f, id, f->gem, "re-integratie", ID | WORK);
	other = grant(f, id, f->uwv, "re-integratie", ID);
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, other,
	    NULL, &err), 0);
	assert_int_equal(send(f, &f->ggz1, id, f->cp_uwv, "re-integratie",
	    QUESTION, &rid, &err), WB_EINVAL);
	assert_non_null(strstr(err.msg, "UWV Groningen"));
	assert_int_equal(referrals(f), 0);
	assert_int_equal(events(f, "referral.send", "denied", id), 2);

	/* the casuïstiekoverleg consent does cover that purpose */
	n = qint(f, "SELECT id FROM consent WHERE purpose = "
	    "'casuistiekoverleg'");
	rid = sent(f, id, "casuistiekoverleg");
	assert_int_equal(qint(f, "SELECT consent_id FROM referral WHERE id = "
	    "%lld", (long long)rid), n);

	consent = grant(f, id, f->uwv, "re-integratie", ID | WORK);
	rid = sent(f, id, "re-integratie");
	qtext(f, row, sizeof(row), "SELECT status || '|' || purpose || '|' || "
	    "CAST(consent_id AS TEXT) || '|' || CAST(to_org AS TEXT) || '|' || "
	    "CAST(from_org AS TEXT) || '|' || CAST(from_user AS TEXT) || '|' "
	    "|| question || '|' || CAST(created_at AS TEXT) || '|' || "
	    "coalesce(answer, 'none') FROM referral WHERE id = %lld",
	    (long long)rid);
	{
		char	want[256];

		snprintf(want, sizeof(want), "verzonden|re-integratie|%lld|"
		    "%lld|%lld|%lld|" QUESTION "|%d|none", (long long)consent,
		    (long long)f->uwv, (long long)f->ggz,
		    (long long)f->ggz1.user_id, T0);
		assert_string_equal(row, want);
	}
	/* audited with the consent it relies on */
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'referral.send' AND outcome = 'allowed' AND client_id = "
	    "%lld AND consent_id = %lld AND object_type = 'referral' AND "
	    "object_id = '%lld' AND user_id = %lld", (long long)id,
	    (long long)consent, (long long)rid, (long long)f->ggz1.user_id), 1);
	assert_int_equal(events(f, "referral.send", "allowed", id), 2);
}

static void
test_send_refuses_bad_purpose_and_question(void **state)
{
	static char	long_q[2 * 2001 + 1], max_q[2 * 2000 + 1];
	static const struct {
		const char	*purpose, *question, *field;
	} cases[] = {
		{ "monitoring", QUESTION, "purpose" },
		{ "", QUESTION, "purpose" },
		{ NULL, QUESTION, "purpose" },
		{ "werk", QUESTION, "purpose" },
		{ "re-integratie", "", "question" },
		{ "re-integratie", NULL, "question" },
		{ "re-integratie", long_q, "question" },
		{ "re-integratie", "bad \xff\xfe utf-8", "question" },
	};
	struct fx	*f = *state;
	struct wb_err	 err;
	int64_t		 id, consent, rid;
	size_t		 i;

	/* 2001 and 2000 characters of two bytes each */
	for (i = 0; i < 2001; i++)
		memcpy(long_q + 2 * i, "\xc3\xa9", 2);
	for (i = 0; i < 2000; i++)
		memcpy(max_q + 2 * i, "\xc3\xa9", 2);
	id = consented_client(f, &consent);
	for (i = 0; i < WB_NELEM(cases); i++) {
		int rc = send(f, &f->ggz1, id, f->cp_uwv, cases[i].purpose,
		    cases[i].question, &rid, &err);

		if (rc != WB_EINVAL || strcmp(err.field, cases[i].field) != 0)
			fail_msg("case %zu: rc %d, field \"%s\"", i, rc,
			    err.field);
		assert_int_equal(rid, 0);
	}
	assert_int_equal(referrals(f), 0);
	/* the longest question there may be */
	assert_int_equal(send(f, &f->ggz1, id, f->cp_uwv, "re-integratie",
	    max_q, &rid, &err), 0);
	assert_int_equal(qint(f, "SELECT length(question) FROM referral"),
	    2000);
}

/* -- the receiver -- */

static void
test_inbox_of_person_and_deputy_only(void **state)
{
	struct fx		*f = *state;
	const struct wb_actor	*staff[] = { &f->uwvp, &f->uwvd };
	const struct wb_actor	*others[] = { &f->uwvc, &f->gem1, &f->ggz2 };
	struct wb_referral	*in, *out;
	size_t			 nin, nout, i;
	int64_t			 id, consent, rid;

	id = consented_client(f, &consent);
	rid = sent(f, id, "re-integratie");
	for (i = 0; i < WB_NELEM(staff); i++) {
		assert_int_equal(inbox(f, staff[i], &in, &nin, &out, &nout), 0);
		assert_int_equal(nin, 1);
		assert_int_equal(nout, 0);
		assert_int_equal(in[0].id, rid);
		assert_non_null(in[0].client_name);
		assert_string_equal(in[0].client_name, NAME);
		assert_true(in[0].for_me);
		assert_false(in[0].overdue);
		assert_string_equal(in[0].status, "verzonden");
		assert_string_equal(in[0].question, QUESTION);
		assert_string_equal(in[0].from_org_name, "GGZ Noord");
		assert_int_equal(in[0].purpose, WB_PURPOSE_WORK);
		assert_int_equal(in[0].consent_id, consent);
	}
	for (i = 0; i < WB_NELEM(others); i++) {
		assert_int_equal(inbox(f, others[i], &in, &nin, &out, &nout),
		    0);
		if (nin != 0 || nout != 0)
			fail_msg("other %zu: %zu in, %zu sent", i, nin, nout);
	}
	/* the sender follows it, with the name (on the team) */
	assert_int_equal(inbox(f, &f->ggz1, &in, &nin, &out, &nout), 0);
	assert_int_equal(nin, 0);
	assert_int_equal(nout, 1);
	assert_int_equal(out[0].id, rid);
	assert_string_equal(out[0].client_name, NAME);
	assert_false(out[0].for_me);
	assert_string_equal(out[0].to_org_name, "UWV Groningen");
	/* no inbox for an administrator */
	assert_int_equal(inbox(f, &f->admin, &in, &nin, &out, &nout),
	    WB_EDENIED);
	assert_int_equal(nin + nout, 0);
	assert_int_equal(dbt_audit_count(&f->t, "referral.inbox", "denied"),
	    1);
	/* each name shown is a read of the client's identity, by the
	 * contact point under the referral's consent */
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'referral.inbox' AND client_id = %lld AND consent_id = "
	    "%lld AND detail = 'identity' AND user_id IN (%lld, %lld)",
	    (long long)id, (long long)consent, (long long)f->uwvp.user_id,
	    (long long)f->uwvd.user_id), 2);
}

/* Open ones first, then by newest; overdue after five working days and
 * only while open. */
static void
test_inbox_open_first_and_overdue(void **state)
{
	struct fx		*f = *state;
	struct wb_referral	*in, *out;
	struct wb_err		 err;
	size_t			 nin, nout;
	int64_t			 a, b, ra, rb, consent;

	a = consented_client(f, &consent);
	b = reg(f, BSN2, "Bart");
	(void)grant(f, b, f->uwv, "re-integratie", ID);
	ra = sent(f, a, "re-integratie");
	rb = sent(f, b, "re-integratie");
	assert_int_equal(inbox(f, &f->uwvp, &in, &nin, &out, &nout), 0);
	assert_int_equal(nin, 2);
	assert_int_equal(in[0].id, rb);
	assert_int_equal(in[1].id, ra);
	assert_int_equal(wb_referral_decline(f->t.db, &f->uwvp, rb,
	    "Geen plek", &err), 0);
	assert_int_equal(inbox(f, &f->uwvp, &in, &nin, &out, &nout), 0);
	assert_int_equal(nin, 2);
	assert_int_equal(in[0].id, ra);
	assert_int_equal(in[1].id, rb);
	assert_string_equal(in[1].answer, "Geen plek");
	/* declined: no longer pending, so no name */
	assert_null(in[1].client_name);
	assert_string_equal(in[0].client_name, NAME);

	/* Friday 15-01 to Friday 22-01: five working days */
	dbt_set_now(T0 + 7 * DAY);
	assert_int_equal(inbox(f, &f->uwvp, &in, &nin, &out, &nout), 0);
	assert_false(in[0].overdue);
	/* Monday 25-01: six; the declined one is never overdue */
	dbt_set_now(T0 + 10 * DAY);
	assert_int_equal(inbox(f, &f->uwvp, &in, &nin, &out, &nout), 0);
	assert_int_equal(in[0].id, ra);
	assert_true(in[0].overdue);
	assert_false(in[1].overdue);
	assert_int_equal(inbox(f, &f->ggz1, &in, &nin, &out, &nout), 0);
	assert_int_equal(nout, 2);
	assert_int_equal(out[1].id, ra);
	assert_true(out[1].overdue);
	assert_false(out[0].overdue);
	/* a name is a read of identity; a row without one is not: the
	 * contact point read b's name once, while it was pending */
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'referral.inbox' AND detail = 'identity' AND client_id = "
	    "%lld AND user_id = %lld", (long long)b,
	    (long long)f->uwvp.user_id), 1);
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'referral.inbox' AND detail = 'identity' AND client_id = "
	    "%lld AND user_id = %lld", (long long)a,
	    (long long)f->uwvp.user_id), 4);
}

/* The referral door: identity only, only to read, only through the inbox,
 * only while the referral is pending. */
static void
test_door_gives_identity_only_through_inbox(void **state)
{
	struct fx			*f = *state;
	struct wb_client_decision	 d;
	struct wb_client		 c;
	struct wb_referral		*r;
	struct wb_err			 err;
	size_t				 n;
	int64_t				 id, consent, rid;

	id = reg(f, BSN, GIVEN);
	consent = grant(f, id, f->uwv, "re-integratie", ID | WORK | HEALTH);
	/* nothing before the referral */
	assert_int_equal(door(f, &f->uwvp, id, ID, false, &d), WB_EDENIED);
	assert_int_equal(d.allowed, 0);
	rid = sent(f, id, "re-integratie");

	assert_int_equal(door(f, &f->uwvp, id, ID, false, &d), 0);
	assert_int_equal(d.allowed, ID);
	assert_int_equal(d.consent_id, consent);
	assert_int_equal(door(f, &f->uwvd, id, ID, false, &d), 0);
	/* not work or health, although the consent names them */
	assert_int_equal(door(f, &f->uwvp, id, ID | WORK, false, &d),
	    WB_EDENIED);
	assert_int_equal(d.allowed, ID);
	assert_int_equal(door(f, &f->uwvp, id, HEALTH, false, &d),
	    WB_EDENIED);
	assert_int_equal(d.allowed, 0);
	/* not to change anything */
	assert_int_equal(door(f, &f->uwvp, id, ID, true, &d), WB_EDENIED);
	/* not for a colleague, nor the other contact points */
	assert_int_equal(door(f, &f->uwvc, id, ID, false, &d), WB_EDENIED);
	assert_int_equal(door(f, &f->gem1, id, ID, false, &d), WB_EDENIED);
	assert_int_equal(door(f, &f->ggz2, id, ID, false, &d), WB_EDENIED);

	/* and only through the inbox: not the record, not its referrals */
	assert_int_equal(get(f, &f->uwvp, id, &c), WB_EDENIED);
	assert_null(c.name);
	assert_int_equal(wb_referral_list_client(f->t.db, &f->uwvp, id,
	    &f->t.a, &r, &n, &err), WB_EDENIED);
	assert_int_equal(n, 0);
	assert_int_equal(events(f, "client.read", "denied", id), 1);

	/* accepted, with a colleague who takes the client on: the door is
	 * closed, the colleague has what the consent allows */
	assert_int_equal(accept(f, &f->uwvp, rid, f->uwvc.user_id,
	    "arbeidsdeskundige", &err), 0);
	assert_int_equal(door(f, &f->uwvp, id, ID, false, &d), WB_EDENIED);
	assert_int_equal(get(f, &f->uwvp, id, &c), WB_EDENIED);
	assert_int_equal(get(f, &f->uwvc, id, &c), 0);
	assert_string_equal(c.name, NAME);
	assert_int_equal(c.shown, ID | WORK | HEALTH);
	assert_string_equal(c.target_group, "epa");
	assert_int_equal(c.access.consent_id, consent);
	assert_int_equal(wb_referral_list_client(f->t.db, &f->uwvc, id,
	    &f->t.a, &r, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].status, "geaccepteerd");
	assert_string_equal(r[0].assigned_name, "uwvc@uwv.example");
}

/* A consent without health: the contact point who takes the client on
 * themself gets identity and work, never health. */
static void
test_person_takes_client_on_within_consent(void **state)
{
	struct fx		*f = *state;
	struct wb_client	 c;
	struct wb_err		 err;
	int64_t			 id, consent, r1, r2;

	id = consented_client(f, &consent);
	r1 = sent(f, id, "re-integratie");
	r2 = sent(f, id, "re-integratie");
	assert_int_equal(accept(f, &f->uwvp, r1, f->uwvp.user_id,
	    "re-integratieadviseur", &err), WB_EINVAL);
	assert_string_equal(err.field, "function");
	assert_int_equal(accept(f, &f->uwvp, r1, f->uwvp.user_id,
	    "reintegratieadviseur", &err), 0);
	assert_int_equal(get(f, &f->uwvp, id, &c), 0);
	assert_string_equal(c.name, NAME);
	assert_int_equal(c.shown, ID | WORK);
	assert_null(c.target_group);
	/* already on the team: a second acceptance adds no second row */
	assert_int_equal(accept(f, &f->uwvp, r2, f->uwvp.user_id,
	    "arbeidsdeskundige", &err), 0);
	assert_int_equal(qint(f, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND user_id = %lld AND ended_at IS NULL",
	    (long long)id, (long long)f->uwvp.user_id), 1);
	assert_int_equal(qint(f, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND user_id = %lld AND function = "
	    "'reintegratieadviseur'", (long long)id,
	    (long long)f->uwvp.user_id), 1);
}

/* -- answering -- */

static void
test_accept_by_person_or_deputy_with_a_colleague(void **state)
{
	struct fx		*f = *state;
	const struct wb_actor	*not_cp[] = { &f->uwvc, &f->ggz1, &f->gem1,
	    &f->admin };
	struct wb_err		 err;
	int64_t			 id, consent, rid, members;
	const struct {
		int64_t		 who;
		const char	*function, *field;
	} bad[] = {
		{ f->ggz2.user_id, "arbeidsdeskundige", "assigned" },
		{ f->uwv_off, "arbeidsdeskundige", "assigned" },
		{ f->admin.user_id, "arbeidsdeskundige", "assigned" },
		{ 999999, "arbeidsdeskundige", "assigned" },
		{ 0, "arbeidsdeskundige", "assigned" },
		{ f->uwvc.user_id, "kok", "function" },
		{ f->uwvc.user_id, NULL, "function" },
	};
	char			 row[128], want[128];
	size_t			 i;

	id = consented_client(f, &consent);
	rid = sent(f, id, "re-integratie");
	members = qint(f, "SELECT count(*) FROM care_team");
	for (i = 0; i < WB_NELEM(not_cp); i++) {
		int rc = accept(f, not_cp[i], rid, f->uwvc.user_id,
		    "arbeidsdeskundige", &err);

		if (rc != WB_EDENIED)
			fail_msg("actor %zu: rc %d", i, rc);
	}
	assert_int_equal(events(f, "referral.accept", "denied", id), 4);
	for (i = 0; i < WB_NELEM(bad); i++) {
		int rc = accept(f, &f->uwvp, rid, bad[i].who, bad[i].function,
		    &err);

		if (rc != WB_EINVAL || strcmp(err.field, bad[i].field) != 0)
			fail_msg("case %zu: rc %d, field \"%s\"", i, rc,
			    err.field);
	}
	assert_string_equal(status(f, rid), "verzonden");
	assert_int_equal(qint(f, "SELECT count(*) FROM care_team"), members);
	assert_int_equal(events(f, "referral.accept", "allowed", id), 0);

	/* the deputy accepts; the colleague joins the team */
	assert_int_equal(accept(f, &f->uwvd, rid, f->uwvc.user_id,
	    "arbeidsdeskundige", &err), 0);
	qtext(f, row, sizeof(row), "SELECT status || '|' || "
	    "CAST(assigned_user AS TEXT) || '|' || CAST(answered_by AS TEXT) "
	    "|| '|' || CAST(answered_at AS TEXT) FROM referral WHERE id = "
	    "%lld", (long long)rid);
	snprintf(want, sizeof(want), "geaccepteerd|%lld|%lld|%d",
	    (long long)f->uwvc.user_id, (long long)f->uwvd.user_id, T0);
	assert_string_equal(row, want);
	assert_int_equal(qint(f, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND user_id = %lld AND org_id = %lld AND "
	    "function = 'arbeidsdeskundige' AND ended_at IS NULL",
	    (long long)id, (long long)f->uwvc.user_id, (long long)f->uwv), 1);
	assert_int_equal(qint(f, "SELECT count(*) FROM care_team"),
	    members + 1);
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'referral.accept' AND outcome = 'allowed' AND "
	    "client_id = %lld AND consent_id = %lld AND object_id = '%lld' "
	    "AND user_id = %lld", (long long)id, (long long)consent,
	    (long long)rid, (long long)f->uwvd.user_id), 1);

	/* a second answer, of any kind */
	assert_int_equal(accept(f, &f->uwvp, rid, f->uwvp.user_id,
	    "arbeidsdeskundige", &err), WB_EINVAL);
	assert_non_null(strstr(err.msg, "al afgehandeld"));
	assert_int_equal(wb_referral_decline(f->t.db, &f->uwvp, rid, "Toch "
	    "niet", &err), WB_EINVAL);
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->ggz1, rid, &err),
	    WB_EINVAL);
	assert_string_equal(status(f, rid), "geaccepteerd");
	assert_int_equal(qint(f, "SELECT count(*) FROM care_team"),
	    members + 1);
	assert_int_equal(qint(f, "SELECT count(*) FROM referral WHERE "
	    "answer IS NOT NULL"), 0);
	assert_int_equal(accept(f, &f->uwvp, 999999, f->uwvc.user_id,
	    "arbeidsdeskundige", &err), WB_ENOTFOUND);
}

static void
test_decline_needs_reason(void **state)
{
	static char	 long_r[502];
	struct fx	*f = *state;
	const char	*bad[] = { "", NULL, long_r };
	struct wb_err	 err;
	int64_t		 id, consent, rid, members;
	size_t		 i;

	memset(long_r, 'x', 501);
	id = consented_client(f, &consent);
	rid = sent(f, id, "re-integratie");
	members = qint(f, "SELECT count(*) FROM care_team");
	for (i = 0; i < WB_NELEM(bad); i++) {
		wb_err_clear(&err);
		assert_int_equal(wb_referral_decline(f->t.db, &f->uwvp, rid,
		    bad[i], &err), WB_EINVAL);
		assert_string_equal(err.field, "reason");
	}
	assert_int_equal(wb_referral_decline(f->t.db, &f->uwvc, rid,
	    "Niet voor ons", &err), WB_EDENIED);
	assert_int_equal(wb_referral_decline(f->t.db, &f->ggz1, rid,
	    "Niet voor ons", &err), WB_EDENIED);
	assert_string_equal(status(f, rid), "verzonden");
	assert_int_equal(events(f, "referral.decline", "denied", id), 2);

	long_r[500] = '\0';
	assert_int_equal(wb_referral_decline(f->t.db, &f->uwvp, rid, long_r,
	    &err), 0);
	assert_string_equal(status(f, rid), "afgewezen");
	assert_int_equal(qint(f, "SELECT length(answer) FROM referral"), 500);
	assert_int_equal(qint(f, "SELECT answered_by FROM referral"),
	    f->uwvp.user_id);
	assert_int_equal(qint(f, "SELECT count(*) FROM referral WHERE "
	    "assigned_user IS NULL"), 1);
	assert_int_equal(qint(f, "SELECT count(*) FROM care_team"), members);
	assert_int_equal(events(f, "referral.decline", "allowed", id), 1);
	/* declined: the door is closed */
	{
		struct wb_client_decision	d;

		assert_int_equal(door(f, &f->uwvp, id, ID, false, &d),
		    WB_EDENIED);
	}
}

static void
test_withdraw_only_by_sending_team(void **state)
{
	struct fx	*f = *state;
	struct wb_err	 err;
	int64_t		 id, consent, rid, mid;

	id = consented_client(f, &consent);
	rid = sent(f, id, "re-integratie");
	/* UWV on the team under the consent is not the sender */
	assert_int_equal(wb_team_add(f->t.db, &f->ggz1, id, f->uwvc.user_id,
	    "arbeidsdeskundige", &mid, &err), 0);
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->uwvc, rid, &err),
	    WB_EDENIED);
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->uwvp, rid, &err),
	    WB_EDENIED);
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->admin, rid, &err),
	    WB_EDENIED);
	/* the sending organisation, but not on the team */
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->ggz2, rid, &err),
	    WB_EDENIED);
	assert_string_equal(status(f, rid), "verzonden");
	assert_int_equal(events(f, "referral.withdraw", "denied", id), 4);

	/* on the team, a colleague of the sender may */
	assert_int_equal(wb_team_add(f->t.db, &f->ggz1, id, f->ggz2.user_id,
	    "casemanager", &mid, &err), 0);
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->ggz2, rid, &err),
	    0);
	assert_string_equal(status(f, rid), "ingetrokken");
	assert_int_equal(qint(f, "SELECT answered_by FROM referral"),
	    f->ggz2.user_id);
	assert_int_equal(events(f, "referral.withdraw", "allowed", id), 1);
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->ggz1, rid, &err),
	    WB_EINVAL);
	/* withdrawn: the contact point no longer sees who it was */
	{
		struct wb_client_decision	d;

		assert_int_equal(door(f, &f->uwvp, id, ID, false, &d),
		    WB_EDENIED);
	}
}

/* -- revoking the consent -- */

/* Make the audit write of a consent revocation fail (on), or not. */
static void
refuse_revoke_audit(struct fx *f, bool on)
{
	if (!on)
		dbt_exec(&f->t, dbt_pg() ? "DROP TRIGGER wbt_refuse ON "
		    "audit_event" : "DROP TRIGGER wbt_refuse");
	else if (dbt_pg())
		dbt_exec(&f->t, "CREATE OR REPLACE FUNCTION wbt_refuse() "
		    "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE "
		    "EXCEPTION 'test: refused'; END $$; CREATE TRIGGER "
		    "wbt_refuse BEFORE INSERT ON audit_event FOR EACH ROW WHEN "
		    "(NEW.event = 'consent.revoke') EXECUTE FUNCTION "
		    "wbt_refuse()");
	else
		dbt_exec(&f->t, "CREATE TRIGGER wbt_refuse BEFORE INSERT ON "
		    "audit_event WHEN NEW.event = 'consent.revoke' BEGIN "
		    "SELECT RAISE(ABORT, 'test: refused'); END");
}

static void
test_revoking_consent_withdraws_open_referrals(void **state)
{
	struct fx	*f = *state;
	struct wb_err	 err;
	int64_t		 id, consent, other, r_open, r_acc, r_dec, r_other;
	char		 row[128], want[128];

	id = consented_client(f, &consent);
	other = grant(f, id, f->uwv, "casuistiekoverleg", ID);
	r_open = sent(f, id, "re-integratie");
	r_acc = sent(f, id, "re-integratie");
	r_dec = sent(f, id, "re-integratie");
	r_other = sent(f, id, "casuistiekoverleg");
	assert_int_equal(qint(f, "SELECT consent_id FROM referral WHERE id = "
	    "%lld", (long long)r_other), other);
	assert_int_equal(accept(f, &f->uwvp, r_acc, f->uwvc.user_id,
	    "arbeidsdeskundige", &err), 0);
	assert_int_equal(wb_referral_decline(f->t.db, &f->uwvp, r_dec,
	    "Geen plek", &err), 0);

	/* one transaction: when the revocation fails, the referral stays */
	dbt_set_now(T0 + 3600);
	refuse_revoke_audit(f, true);
	assert_true(wb_consent_revoke(f->t.db, &f->ggz1, id, consent,
	    "Cliënt wil niet meer", &err) != 0);
	refuse_revoke_audit(f, false);
	assert_string_equal(status(f, r_open), "verzonden");
	assert_int_equal(qint(f, "SELECT count(*) FROM consent WHERE id = "
	    "%lld AND revoked_at IS NULL", (long long)consent), 1);

	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, consent,
	    "Cliënt wil niet meer", &err), 0);
	qtext(f, row, sizeof(row), "SELECT status || '|' || answer || '|' || "
	    "CAST(answered_by AS TEXT) || '|' || CAST(answered_at AS TEXT) "
	    "FROM referral WHERE id = %lld", (long long)r_open);
	snprintf(want, sizeof(want), "ingetrokken|Toestemming ingetrokken|"
	    "%lld|%d", (long long)f->ggz1.user_id, T0 + 3600);
	assert_string_equal(row, want);
	/* answered ones keep their answer, another consent's stays open */
	assert_string_equal(status(f, r_acc), "geaccepteerd");
	assert_string_equal(status(f, r_dec), "afgewezen");
	assert_string_equal(status(f, r_other), "verzonden");
	assert_int_equal(qint(f, "SELECT answered_at FROM referral WHERE id = "
	    "%lld", (long long)r_acc), T0);
	/* nothing left to answer */
	assert_int_equal(accept(f, &f->uwvp, r_open, f->uwvc.user_id,
	    "arbeidsdeskundige", &err), WB_EINVAL);
}

/* A consent that ends closes the door as a revocation does: the referral
 * stays in the inbox, without the client's name. */
static void
test_door_closes_when_consent_expires(void **state)
{
	struct fx			*f = *state;
	struct wb_consent_input		 in;
	struct wb_client_decision	 d;
	struct wb_referral		*r, *o;
	struct wb_err			 err;
	size_t				 n, no;
	int64_t				 id, consent;

	id = reg(f, BSN, GIVEN);
	in = (struct wb_consent_input){ .client_id = id, .org_id = f->uwv,
	    .purpose = "re-integratie", .categories = ID | WORK,
	    .valid_from = day(f, 0), .valid_until = day(f, 3),
	    .method = "mondeling" };
	assert_int_equal(wb_consent_grant(f->t.db, &f->ggz1, &in, &consent,
	    &err), 0);
	(void)sent(f, id, "re-integratie");
	/* its last day (Monday 18-01) */
	dbt_set_now(T0 + 3 * DAY);
	assert_int_equal(door(f, &f->uwvp, id, ID, false, &d), 0);
	assert_int_equal(d.consent_id, consent);
	assert_int_equal(inbox(f, &f->uwvp, &r, &n, &o, &no), 0);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].client_name, NAME);
	/* the day after */
	dbt_set_now(T0 + 4 * DAY);
	assert_int_equal(door(f, &f->uwvp, id, ID, false, &d), WB_EDENIED);
	assert_int_equal(inbox(f, &f->uwvp, &r, &n, &o, &no), 0);
	assert_int_equal(n, 1);
	assert_null(r[0].client_name);
}

/* -- the audit trail -- */

static void
test_audit_holds_no_question_or_name(void **state)
{
	struct fx		*f = *state;
	struct wb_referral	*in, *out;
	struct wb_err		 err;
	size_t			 nin, nout;
	int64_t			 id, consent, r1, r2, r3, none;
	int64_t			 checked = 0, broken = -1;
	static const char *const secrets[] = { "intake", "buiten werken",
	    GIVEN, FAMILY, "Geen plek", BSN };
	size_t			 i;

	id = consented_client(f, &consent);
	r1 = sent(f, id, "re-integratie");
	r2 = sent(f, id, "re-integratie");
	r3 = sent(f, id, "re-integratie");
	assert_int_equal(inbox(f, &f->uwvp, &in, &nin, &out, &nout), 0);
	assert_int_equal(inbox(f, &f->ggz1, &in, &nin, &out, &nout), 0);
	assert_int_equal(accept(f, &f->uwvp, r1, f->uwvc.user_id,
	    "arbeidsdeskundige", &err), 0);
	assert_int_equal(wb_referral_decline(f->t.db, &f->uwvd, r2,
	    "Geen plek deze maand", &err), 0);
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->ggz1, r3, &err),
	    0);
	assert_int_equal(send(f, &f->ggz2, id, f->cp_uwv, "re-integratie",
	    QUESTION, &none, &err), WB_EDENIED);

	/* the texts are where they belong... */
	assert_int_equal(qint(f, "SELECT count(*) FROM referral WHERE "
	    "question LIKE '%%intake%%'"), 3);
	assert_int_equal(qint(f, "SELECT count(*) FROM referral WHERE "
	    "answer LIKE 'Geen plek%%'"), 1);
	/* ...every step is in the audit log... */
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "event IN ('referral.send', 'referral.accept', "
	    "'referral.decline', 'referral.withdraw') AND object_type = "
	    "'referral' AND outcome = 'allowed'"), 6);
	assert_int_equal(events(f, "referral.send", "denied", id), 1);
	assert_true(qint(f, "SELECT count(*) FROM audit_event WHERE event = "
	    "'referral.inbox'") >= 2);
	/* ...and no audit column holds them */
	for (i = 0; i < WB_NELEM(secrets); i++)
		if (qint(f, "SELECT count(*) FROM audit_event WHERE "
		    "coalesce(event, '') || '|' || coalesce(outcome, '') || "
		    "'|' || coalesce(role, '') || '|' || coalesce(address, '') "
		    "|| '|' || coalesce(object_type, '') || '|' || "
		    "coalesce(object_id, '') || '|' || "
		    "coalesce(purpose, '') || '|' || "
		    "coalesce(detail, '') LIKE '%%%s%%'",
		    secrets[i]) != 0)
			fail_msg("\"%s\" in the audit log", secrets[i]);
	/* (the query does read the columns) */
	assert_true(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "coalesce(event, '') || '|' || coalesce(detail, '') LIKE "
	    "'%%referral.send|identity%%'") > 0);
	assert_int_equal(wb_audit_verify(f->t.db, &checked, &broken, &err),
	    0);
	assert_int_equal(checked, qint(f, "SELECT count(*) FROM audit_event"));
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overdue_counts_working_days),
		T(test_send_needs_identity_write_access),
		T(test_send_contact_point_current_and_elsewhere),
		T(test_send_needs_covering_consent),
		T(test_send_refuses_bad_purpose_and_question),
		T(test_inbox_of_person_and_deputy_only),
		T(test_inbox_open_first_and_overdue),
		T(test_door_gives_identity_only_through_inbox),
		T(test_person_takes_client_on_within_consent),
		T(test_accept_by_person_or_deputy_with_a_colleague),
		T(test_decline_needs_reason),
		T(test_withdraw_only_by_sending_team),
		T(test_revoking_consent_withdraws_open_referrals),
		T(test_door_closes_when_consent_expires),
		T(test_audit_holds_no_question_or_name),
	};

	/* Days and "today" are Dutch local time, as in the server. */
	setenv("TZ", "Europe/Amsterdam", 1);
	wb_time_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
