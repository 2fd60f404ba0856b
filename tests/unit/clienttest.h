/* clienttest.h - the client record's fixtures on a real database, shared
 * by the suites around the client (test_client, test_consent, test_plan,
 * test_action, test_note, test_referral, test_referral_inbox,
 * test_activation, test_rights).  Header-only, like dbtest.h, whose
 * struct dbt every helper works on.
 *
 * The region: AM01 (Groningen) with municipality GM0014; the clock is
 * fixed at T0 (WB_NOW).  Three casts, each a cmocka fixture (*state):
 *
 *	struct ct_fx		a GGZ institution that registers clients,
 *	ct_setup, ct_teardown	UWV and a municipality that work with them,
 *				an employer (keeps no clients), their people
 *				and an administrator; ct_setup_ggz_uwv: the
 *				GGZ and UWV only.  ct_reg registers a client
 *				as one of them, ct_shared_client one that UWV
 *				works with under a consent.
 *	struct ct_plan		one client with a plan-and-work consent for
 *	ct_plan_setup, ...	UWV (test_plan, test_action, test_note):
 *				ct_add_goal, ct_add_action, ct_plan_of,
 *				ct_find_goal, ct_col, ct_plan_grant,
 *				ct_plan_withdraw, ct_day_nl
 *	struct ct_ref		fixed contact points to refer clients to
 *	ct_ref_setup, ...	(test_referral, test_referral_inbox):
 *				ct_ref_reg, ct_ref_client, ct_ref_send,
 *				ct_ref_sent, ct_ref_inbox, ct_ref_door,
 *				ct_ref_accept, ct_ref_status, ct_ref_count
 *
 * The parts they are made of, for any suite:
 *
 *	ct_open, ct_close	a database at T0 with the region, and away
 *	ct_org			an organisation
 *	ct_account, ct_actor	an account, and an active one's wb_actor
 *	ct_actor_of		the actor of an account as the session
 *				layer makes it
 *	ct_client_actor		a client looking at their own record
 *	ct_qint, ct_qtext	dbt_int / dbt_text of a formatted query
 *	ct_client_input		a client's fields (the GGZ's view)
 *	ct_register		register, failing the test on an error
 *	ct_get			wb_client_get into the test's arena
 *	ct_day			"yyyy-mm-dd" of today + n days
 *	ct_consent_input	a consent from today for a year (mondeling)
 *	ct_consent_add		record one, failing the test on an error
 *	ct_grant		both at once
 *	ct_join			put a professional on the team
 *	ct_events		audit events of one client
 *
 * T0, DAY, the BSNs (valid under the 11-proef), the category shorthands
 * ID, WORK, HEALTH, PLAN and NOTES, and a referral's QUESTION are
 * defined here.
 */
#ifndef WB_CLIENTTEST_H
#define WB_CLIENTTEST_H

#include "dbtest.h"

#include "base/common.h"
#include "base/time.h"
#include "domain/client.h"
#include "domain/client_access.h"
#include "domain/consent.h"
#include "domain/plan.h"
#include "domain/referral.h"
#include "domain/team.h"
#include "domain/user.h"

#include <stdarg.h>

#define T0	1800000000	/* WB_NOW: Friday 15-01-2027 09:00 */
#define DAY	86400
#define BSN	"123456782"
#define BSN2	"249566758"
#define BSN3	"111222333"
#define BSN4	"100000022"

#define ID	WB_CAT_IDENTITY
#define WORK	WB_CAT_WORK
#define HEALTH	WB_CAT_HEALTH
#define PLAN	WB_CAT_PLAN
#define NOTES	WB_CAT_NOTES

/* The first column of the first row of a formatted query, as a number. */
TEST_HELPER int64_t WB_PRINTF(2, 3)
ct_qint(struct dbt *t, const char *fmt, ...)
{
	char	sql[1024];
	va_list	ap;

	va_start(ap, fmt);
	assert_true(vsnprintf(sql, sizeof(sql), fmt, ap) < (int)sizeof(sql));
	va_end(ap);
	return dbt_int(t, sql);
}

/* The same as text, into out. */
TEST_HELPER void WB_PRINTF(4, 5)
ct_qtext(struct dbt *t, char *out, size_t n, const char *fmt, ...)
{
	char	sql[1024];
	va_list	ap;

	va_start(ap, fmt);
	assert_true(vsnprintf(sql, sizeof(sql), fmt, ap) < (int)sizeof(sql));
	va_end(ap);
	dbt_text(t, sql, out, n);
}

/* A new database with the clock at T0 and the region AM01 (Groningen)
 * with municipality GM0014. */
TEST_HELPER void
ct_open(struct dbt *t)
{
	dbt_set_now(T0);
	dbt_open(t, false);
	dbt_exec(t,
	    "INSERT INTO region (code, name, year) VALUES "
	    "('AM01', 'Groningen', 2026);"
	    "INSERT INTO municipality (code, name, region_code, year) VALUES "
	    "('GM0014', 'Groningen', 'AM01', 2026)");
}

TEST_HELPER void
ct_close(struct dbt *t)
{
	dbt_close(t);
	unsetenv("WB_NOW");
}

/* An organisation of `type`; returns its id. */
TEST_HELPER int64_t
ct_org(struct dbt *t, const char *code, const char *name, const char *type)
{
	char	sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO organisation (code, name, "
	    "type, created_at, updated_at) VALUES ('%s', '%s', '%s', 0, 0)",
	    code, name, type);
	dbt_exec(t, sql);
	return ct_qint(t, "SELECT id FROM organisation WHERE code = '%s'",
	    code);
}

/* An account of organisation `org` (code); returns its id. */
TEST_HELPER int64_t
ct_account(struct dbt *t, const char *email, const char *name,
    const char *role, const char *org, bool active)
{
	char	sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO user_account (email, name, "
	    "role, org_id, active, created_at, updated_at) SELECT '%s', '%s', "
	    "'%s', id, %d, 0, 0 FROM organisation WHERE code = '%s'", email,
	    name, role, active ? 1 : 0, org);
	dbt_exec(t, sql);
	return ct_qint(t, "SELECT id FROM user_account WHERE email = '%s'",
	    email);
}

/* An active account and the actor of its user on the web. */
TEST_HELPER struct wb_actor
ct_actor(struct dbt *t, const char *email, const char *name,
    const char *role, const char *org)
{
	struct wb_actor	a = { .role = wb_role_parse(role), .address = "test",
	    .via = "web" };

	a.user_id = ct_account(t, email, name, role, org, true);
	a.org_id = ct_qint(t, "SELECT id FROM organisation WHERE code = '%s'",
	    org);
	assert_true(a.user_id > 0 && a.org_id > 0);
	return a;
}

/* The actor of account `uid`, as the session layer makes it. */
TEST_HELPER struct wb_actor
ct_actor_of(struct dbt *t, int64_t uid)
{
	struct wb_user	u;
	struct wb_actor	a;
	struct wb_err	err;

	assert_int_equal(wb_user_load(t->db, uid, &t->a, &u, &err), 0);
	wb_user_actor(&u, "test", "web", &a);
	return a;
}

/* The actor of a client looking at their own record (without account). */
TEST_HELPER struct wb_actor
ct_client_actor(int64_t client)
{
	return (struct wb_actor){ .role = WB_ROLE_CLIENT, .client_id = client,
	    .address = "test", .via = "web" };
}

/* The fields of a client as a GGZ professional registers them. */
TEST_HELPER struct wb_client_input
ct_client_input(const char *bsn, const char *given, const char *family)
{
	return (struct wb_client_input){ .bsn = bsn, .given_name = given,
	    .family_name = family, .birth_date = "15-03-1985",
	    .phone = "06-12345678", .email = "w.test@example.nl",
	    .address = "Dorpsstraat 1", .municipality = "GM0014",
	    .benefit = "wajong", .target_group = "epa",
	    .function = "behandelaar" };
}

/* Register `in` as `a`; returns the new client's id. */
TEST_HELPER int64_t
ct_register(struct dbt *t, const struct wb_actor *a,
    const struct wb_client_input *in)
{
	struct wb_err	err;
	int64_t		id = 0;

	if (wb_client_register(t->db, a, in, &id, &err) != 0)
		fail_msg("register: %s", err.msg);
	assert_true(id > 0);
	return id;
}

/* wb_client_get as `a` into c (strings in the test's arena). */
TEST_HELPER int
ct_get(struct dbt *t, const struct wb_actor *a, int64_t id,
    struct wb_client *c)
{
	struct wb_err	err;

	memset(c, 0, sizeof(*c));
	return wb_client_get(t->db, a, id, &t->a, c, &err);
}

/* "yyyy-mm-dd" of today + off days, in the test's arena. */
TEST_HELPER const char *
ct_day(struct dbt *t, int64_t off)
{
	char	*s = wb_arena_alloc(&t->a, 16);

	wb_date_iso(wb_today() + off, s, 16);
	return s;
}

/* A consent of `client` for `org`: `purpose`, `cats`, from today for a
 * year, given orally. */
TEST_HELPER struct wb_consent_input
ct_consent_input(struct dbt *t, int64_t client, int64_t org,
    const char *purpose, unsigned cats)
{
	return (struct wb_consent_input){ .client_id = client, .org_id = org,
	    .purpose = purpose, .categories = cats,
	    .valid_from = ct_day(t, 0), .valid_until = ct_day(t, 365),
	    .method = "mondeling" };
}

/* Record `in` as `a`; returns the consent's id. */
TEST_HELPER int64_t
ct_consent_add(struct dbt *t, const struct wb_actor *a,
    const struct wb_consent_input *in)
{
	struct wb_err	err;
	int64_t		id = 0;

	if (wb_consent_grant(t->db, a, in, &id, &err) != 0)
		fail_msg("consent: %s", err.msg);
	return id;
}

/* ct_consent_input recorded by `a`; returns the consent's id. */
TEST_HELPER int64_t
ct_grant(struct dbt *t, const struct wb_actor *a, int64_t client,
    int64_t org, const char *purpose, unsigned cats)
{
	struct wb_consent_input	in = ct_consent_input(t, client, org,
	    purpose, cats);

	return ct_consent_add(t, a, &in);
}

/* `a` puts `who` on the team of `client` as `function`; returns the
 * membership's id. */
TEST_HELPER int64_t
ct_join(struct dbt *t, const struct wb_actor *a, int64_t client,
    const struct wb_actor *who, const char *function)
{
	struct wb_err	err;
	int64_t		mid = 0;

	if (wb_team_add(t->db, a, client, who->user_id, function, &mid,
	    &err) != 0)
		fail_msg("team add: %s", err.msg);
	return mid;
}

/* Events `event` with `outcome` about client `id`. */
TEST_HELPER int64_t
ct_events(struct dbt *t, const char *event, const char *outcome, int64_t id)
{
	return ct_qint(t, "SELECT count(*) FROM audit_event WHERE event = "
	    "'%s' AND outcome = '%s' AND client_id = %lld", event, outcome,
	    (long long)id);
}

/* ---------- the shared cast ------------------------------------------ */

struct ct_fx {
	struct dbt	 t;
	int64_t		 ggz, uwv, gem, werk;	/* organisations */
	struct wb_actor	 ggz1;		/* Gerda Zorg: registers clients */
	struct wb_actor	 ggz2;		/* Olaf Ander: her colleague */
	struct wb_actor	 uwv1;		/* Ursula Werk */
	struct wb_actor	 gem1;		/* Gijs Gemeente */
	struct wb_actor	 werk1;		/* at an employer */
	struct wb_actor	 admin;		/* an administrator at the GGZ */
	struct wb_actor	 sys;		/* the command line */
};

/* Open f's database with the cast; `all` false leaves the municipality
 * and the employer out (and gem1, werk1). */
TEST_HELPER void
ct_cast(struct ct_fx *f, bool all)
{
	ct_open(&f->t);
	f->ggz = ct_org(&f->t, "GGZN", "GGZ Noord", "ggz");
	f->uwv = ct_org(&f->t, "UWVN", "UWV Groningen", "uwv");
	if (all) {
		f->gem = ct_org(&f->t, "GEMN", "Gemeente Groningen",
		    "gemeente");
		f->werk = ct_org(&f->t, "WERKN", "Bakkerij Noord",
		    "werkgever");
	}
	f->ggz1 = ct_actor(&f->t, "ggz1@ggz.example", "Gerda Zorg",
	    "professional", "GGZN");
	f->ggz2 = ct_actor(&f->t, "ggz2@ggz.example", "Olaf Ander",
	    "professional", "GGZN");
	f->uwv1 = ct_actor(&f->t, "uwv1@uwv.example", "Ursula Werk",
	    "professional", "UWVN");
	if (all) {
		f->gem1 = ct_actor(&f->t, "gem1@gem.example", "Gijs Gemeente",
		    "professional", "GEMN");
		f->werk1 = ct_actor(&f->t, "werk1@werk.example",
		    "Bram Bakker", "professional", "WERKN");
	}
	f->admin = ct_actor(&f->t, "admin@ggz.example", "Beheerder", "admin",
	    "GGZN");
	f->sys = wb_actor_system();
}

/* cmocka fixtures: *state is a struct ct_fx with the whole cast, or
 * (ct_setup_ggz_uwv) the GGZ and UWV only. */
TEST_HELPER int
ct_setup(void **state)
{
	struct ct_fx	*f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	ct_cast(f, true);
	*state = f;
	return 0;
}

TEST_HELPER int
ct_setup_ggz_uwv(void **state)
{
	struct ct_fx	*f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	ct_cast(f, false);
	*state = f;
	return 0;
}

TEST_HELPER int
ct_teardown(void **state)
{
	struct ct_fx	*f = *state;

	ct_close(&f->t);
	free(f);
	return 0;
}

/* Register a client "given Testcliënt" as `a`: only a GGZ records the
 * target group, and the registrar's function follows the organisation.
 * Returns the client's id. */
TEST_HELPER int64_t
ct_reg(struct ct_fx *f, const struct wb_actor *a, const char *bsn,
    const char *given)
{
	struct wb_client_input	in = ct_client_input(bsn, given,
	    "Testcliënt");

	if (a->org_id != f->ggz) {
		in.target_group = NULL;
		in.function = "klantmanager";
	}
	return ct_register(&f->t, a, &in);
}

/* A GGZ client ("Wilhelmina") that UWV works with under a consent for
 * identity and work; *consent gets that consent's id. */
TEST_HELPER int64_t
ct_shared_client(struct ct_fx *f, int64_t *consent)
{
	int64_t	id = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");

	*consent = ct_grant(&f->t, &f->ggz1, id, f->uwv, "re-integratie",
	    ID | WORK);
	(void)ct_join(&f->t, &f->ggz1, id, &f->uwv1, "arbeidsdeskundige");
	return id;
}

/* ---------- the plan's fixture ---------------------------------------- */

/* A client registered by a GGZ professional, with a written consent for
 * UWV (re-integratie: plan and work & income); a GGZ colleague and a UWV
 * professional on the team, another of each not.  For test_plan,
 * test_action and test_note. */
struct ct_plan {
	struct dbt	 t;
	struct wb_actor	 ggz;		/* registered the client */
	struct wb_actor	 ggz2;		/* colleague on the team */
	struct wb_actor	 ggz3;		/* colleague not on the team */
	struct wb_actor	 uwv;		/* on the team under a consent */
	struct wb_actor	 uwv2;		/* not on the team */
	int64_t		 client;
	int64_t		 consent;	/* UWV: plan + work */
};

/* Days from today as dd-mm-jjjj into buf. */
TEST_HELPER const char *
ct_day_nl(int64_t offset, char *buf, size_t n)
{
	wb_date_nl(wb_today() + offset, buf, n);
	return buf;
}

/* A written consent of the client for UWV, recorded by the GGZ
 * professional. */
TEST_HELPER int64_t
ct_plan_grant(struct ct_plan *f, unsigned cats)
{
	struct wb_consent_input	in = ct_consent_input(&f->t, f->client,
	    f->uwv.org_id, "re-integratie", cats);

	in.method = "schriftelijk";
	in.evidence = "DOC-1";
	return ct_consent_add(&f->t, &f->ggz, &in);
}

/* The GGZ professional revokes `consent`. */
TEST_HELPER void
ct_plan_withdraw(struct ct_plan *f, int64_t consent)
{
	struct wb_err	err;

	if (wb_consent_revoke(f->t.db, &f->ggz, f->client, consent, NULL,
	    &err) != 0)
		fail_msg("revoke: %s", err.msg);
}

/* cmocka fixtures: *state is a struct ct_plan. */
TEST_HELPER int
ct_plan_setup(void **state)
{
	struct ct_plan		*f = calloc(1, sizeof(*f));
	struct wb_client_input	 in = ct_client_input(BSN3, "Jan",
	    "Testpersoon");

	if (f == NULL)
		return -1;
	ct_open(&f->t);
	(void)ct_org(&f->t, "GGZ1", "GGZ Noord", "ggz");
	(void)ct_org(&f->t, "UWV1", "UWV Noord", "uwv");
	f->ggz = ct_actor(&f->t, "ggz@t.example", "Gea Zorg", "professional",
	    "GGZ1");
	f->ggz2 = ct_actor(&f->t, "ggz2@t.example", "Gijs Zorg",
	    "professional", "GGZ1");
	f->ggz3 = ct_actor(&f->t, "ggz3@t.example", "Greet Zorg",
	    "professional", "GGZ1");
	f->uwv = ct_actor(&f->t, "uwv@t.example", "Uri Werk", "professional",
	    "UWV1");
	f->uwv2 = ct_actor(&f->t, "uwv2@t.example", "Ulla Werk",
	    "professional", "UWV1");
	f->client = ct_register(&f->t, &f->ggz, &in);
	f->consent = ct_plan_grant(f, WB_CAT_PLAN | WB_CAT_WORK);
	(void)ct_join(&f->t, &f->ggz, f->client, &f->ggz2, "casemanager");
	(void)ct_join(&f->t, &f->ggz, f->client, &f->uwv, "arbeidsdeskundige");
	*state = f;
	return 0;
}

TEST_HELPER int
ct_plan_teardown(void **state)
{
	struct ct_plan	*f = *state;

	ct_close(&f->t);
	free(f);
	return 0;
}

/* A goal of the client, added by `a`; returns its id. */
TEST_HELPER int64_t
ct_add_goal(struct ct_plan *f, const struct wb_actor *a, const char *track,
    const char *title)
{
	struct wb_goal_input	in = { .client_id = f->client,
	    .track = track, .title = title,
	    .target = "Drie maanden lang twee dagen per week" };
	struct wb_err		err;
	int64_t			id = 0;

	if (wb_goal_add(f->t.db, a, &in, &id, &err) != 0)
		fail_msg("goal add: %s", err.msg);
	assert_true(id > 0);
	return id;
}

/* An action of `goal` for `owner`, due in `due` days, added by `a`;
 * returns its id. */
TEST_HELPER int64_t
ct_add_action(struct ct_plan *f, const struct wb_actor *a, int64_t goal,
    int64_t owner, int64_t due)
{
	char			buf[16];
	struct wb_action_input	in = { .client_id = f->client,
	    .goal_id = goal, .title = "Gesprek met werkgever",
	    .owner_user = owner };
	struct wb_err		err;
	int64_t			id = 0;

	in.due_date = ct_day_nl(due, buf, sizeof(buf));
	if (wb_action_add(f->t.db, a, &in, &id, &err) != 0)
		fail_msg("action add: %s", err.msg);
	assert_true(id > 0);
	return id;
}

/* The plan as `a` sees it; fails the test on an error. */
TEST_HELPER struct wb_plan
ct_plan_of(struct ct_plan *f, const struct wb_actor *a)
{
	struct wb_plan	p;
	struct wb_err	err;

	if (wb_plan_get(f->t.db, a, f->client, &f->t.a, &p, &err) != 0)
		fail_msg("plan get: %s", err.msg);
	return p;
}

/* Goal `id` of plan p, or NULL. */
TEST_HELPER const struct wb_goal *
ct_find_goal(const struct wb_plan *p, int64_t id)
{
	size_t	i;

	for (i = 0; i < p->ngoals; i++)
		if (p->goals[i].id == id)
			return &p->goals[i];
	return NULL;
}

/* Integer column `column` of row `id` of `table`. */
TEST_HELPER int64_t
ct_col(struct ct_plan *f, const char *table, const char *column, int64_t id)
{
	char	sql[160];

	snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE id = %lld",
	    column, table, (long long)id);
	return dbt_int(&f->t, sql);
}

/* ---------- the referral's fixture ------------------------------------ */

/* A referral's question. */
#define QUESTION "Graag een intake voor re-integratie; zij wil buiten werken."

/* Region AM01 with a GGZ institution that registers the client and
 * refers it, UWV with a fixed contact point (a person and a deputy, plus
 * an ended and a future row), and a municipality with a contact point of
 * its own.  For test_referral and test_referral_inbox. */
struct ct_ref {
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

/* An active professional (named by their address) and their actor. */
TEST_HELPER struct wb_actor
ct_ref_user(struct ct_ref *f, const char *email, const char *role,
    const char *org)
{
	return ct_actor(&f->t, email, email, role, org);
}

/* A business card of `a` at their organisation; returns its id. */
TEST_HELPER int64_t
ct_ref_card(struct ct_ref *f, const struct wb_actor *a, const char *name)
{
	char	sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO card (user_id, org_id, name, "
	    "function, created_at, updated_at) VALUES (%lld, %lld, '%s', "
	    "'arbeidsdeskundige', 0, 0)", (long long)a->user_id,
	    (long long)a->org_id, name);
	dbt_exec(&f->t, sql);
	return ct_qint(&f->t, "SELECT id FROM card WHERE user_id = %lld",
	    (long long)a->user_id);
}

/* A contact point row of AM01 from day `from` until `until` (0: open). */
TEST_HELPER int64_t
ct_ref_cp(struct ct_ref *f, int64_t org, const char *domain, int64_t person,
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
	return ct_qint(&f->t, "SELECT max(id) FROM contact_point");
}

/* cmocka fixtures: *state is a struct ct_ref. */
TEST_HELPER int
ct_ref_setup(void **state)
{
	struct ct_ref	*f = calloc(1, sizeof(*f));
	struct wb_actor	 uwvx;
	int64_t		 today, pc, dc, xc;

	if (f == NULL)
		return -1;
	ct_open(&f->t);
	today = wb_today();
	f->ggz = ct_org(&f->t, "GGZN", "GGZ Noord", "ggz");
	f->uwv = ct_org(&f->t, "UWVN", "UWV Groningen", "uwv");
	f->gem = ct_org(&f->t, "GEMN", "Gemeente Groningen", "gemeente");
	f->ggz1 = ct_ref_user(f, "ggz1@ggz.example", "professional", "GGZN");
	f->ggz2 = ct_ref_user(f, "ggz2@ggz.example", "professional", "GGZN");
	f->uwvp = ct_ref_user(f, "uwvp@uwv.example", "professional", "UWVN");
	f->uwvd = ct_ref_user(f, "uwvd@uwv.example", "professional", "UWVN");
	f->uwvc = ct_ref_user(f, "uwvc@uwv.example", "professional", "UWVN");
	f->gem1 = ct_ref_user(f, "gem1@gem.example", "professional", "GEMN");
	f->admin = ct_ref_user(f, "admin@uwv.example", "admin", "UWVN");
	uwvx = ct_ref_user(f, "uwvx@uwv.example", "professional", "UWVN");
	f->uwv_off = ct_account(&f->t, "uit@uwv.example", "uit@uwv.example",
	    "professional", "UWVN", false);
	pc = ct_ref_card(f, &f->uwvp, "Petra Punt");
	dc = ct_ref_card(f, &f->uwvd, "Dirk Deputy");
	xc = ct_ref_card(f, &uwvx, "Xander Vroeger");
	(void)ct_ref_card(f, &f->uwvc, "Carla Collega");
	f->cp_old = ct_ref_cp(f, f->uwv, "uwv", xc, 0, today - 100, today - 11);
	/* The current one ends when the next begins, as wb_cp_set does; the
	 * next is far enough away for the tests that move the clock. */
	f->cp_uwv = ct_ref_cp(f, f->uwv, "uwv", pc, dc, today - 10, today +
	    400);
	f->cp_next = ct_ref_cp(f, f->uwv, "uwv", xc, 0, today + 401, 0);
	f->cp_gem = ct_ref_cp(f, f->gem, "gemeente", ct_ref_card(f, &f->gem1,
	    "Gert Gem"), 0, today - 10, 0);
	f->cp_ggz = ct_ref_cp(f, f->ggz, "ggz", ct_ref_card(f, &f->ggz2, "Gijs "
	    "Ggz"), 0, today - 10, 0);
	*state = f;
	return 0;
}

TEST_HELPER int
ct_ref_teardown(void **state)
{
	struct ct_ref	*f = *state;

	ct_close(&f->t);
	free(f);
	return 0;
}

/* Register a client "given Verwezen" as ggz1; returns its id. */
TEST_HELPER int64_t
ct_ref_reg(struct ct_ref *f, const char *bsn, const char *given)
{
	struct wb_client_input	in = ct_client_input(bsn, given, "Verwezen");

	return ct_register(&f->t, &f->ggz1, &in);
}

/* wb_referral_send as `a` to contact point `cpid`; *rid -1 until it is
 * known. */
TEST_HELPER int
ct_ref_send(struct ct_ref *f, const struct wb_actor *a, int64_t client,
    int64_t cpid, const char *purpose, const char *question, int64_t *rid,
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
TEST_HELPER int64_t
ct_ref_sent(struct ct_ref *f, int64_t client, const char *purpose)
{
	struct wb_err	err;
	int64_t		rid;

	if (ct_ref_send(f, &f->ggz1, client, f->cp_uwv, purpose, QUESTION, &rid,
	    &err) != 0)
		fail_msg("send: %s", err.msg);
	assert_true(rid > 0);
	return rid;
}

/* A client of the GGZ with a consent for UWV (re-integratie, identity and
 * work); *consent gets its id. */
TEST_HELPER int64_t
ct_ref_client(struct ct_ref *f, int64_t *consent)
{
	int64_t	id = ct_ref_reg(f, BSN, "Wilhelmina");

	*consent = ct_grant(&f->t, &f->ggz1, id, f->uwv, "re-integratie", ID |
	    WORK);
	return id;
}

/* The referrals in the database. */
TEST_HELPER int64_t
ct_ref_count(struct ct_ref *f)
{
	return ct_qint(&f->t, "SELECT count(*) FROM referral");
}

/* The status of referral `rid`, in the test's arena. */
TEST_HELPER const char *
ct_ref_status(struct ct_ref *f, int64_t rid)
{
	char	*s = wb_arena_alloc(&f->t.a, 32);

	ct_qtext(&f->t, s, 32, "SELECT status FROM referral WHERE id = %lld",
	    (long long)rid);
	return s;
}

/* Decide as the inbox does (op.referral), in a read transaction; writes
 * nothing. */
TEST_HELPER int
ct_ref_door(struct ct_ref *f, const struct wb_actor *a, int64_t client,
    unsigned want, bool write, struct wb_client_decision *d)
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

/* The inbox of `a`: received and sent. */
TEST_HELPER int
ct_ref_inbox(struct ct_ref *f, const struct wb_actor *a,
    struct wb_referral **in, size_t *nin, struct wb_referral **out,
    size_t *nout)
{
	struct wb_err	err;

	return wb_referral_inbox(f->t.db, a, &f->t.a, in, nin, out, nout,
	    &err);
}

/* wb_referral_accept as `a`: `who` takes the client on as `function`. */
TEST_HELPER int
ct_ref_accept(struct ct_ref *f, const struct wb_actor *a, int64_t rid,
    int64_t who, const char *function, struct wb_err *err)
{
	wb_err_clear(err);
	return wb_referral_accept(f->t.db, a, rid, who, function, err);
}

#endif /* WB_CLIENTTEST_H */
