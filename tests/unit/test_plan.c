/* test_plan.c - the joint plan (src/domain/plan.c) and the timeline
 * (src/domain/note.c): derived goal status, which goals and notes the
 * consent policy shows, optimistic concurrency, action owners, the
 * overdue list, validation per field, and the audit events.
 *
 * The fixture: a client registered by a GGZ professional, with a consent
 * for UWV (re-integratie: plan and work & income) and a UWV professional
 * on the team.  The clock is fixed with WB_NOW.
 */
#include "dbtest.h"

#include "base/common.h"
#include "base/time.h"
#include "domain/client.h"
#include "domain/consent.h"
#include "domain/note.h"
#include "domain/plan.h"
#include "domain/team.h"

#define T0	1800000000	/* WB_NOW: 15-01-2027 */

struct fx {
	struct dbt	 t;
	struct wb_actor	 ggz;		/* registered the client */
	struct wb_actor	 ggz2;		/* colleague on the team */
	struct wb_actor	 ggz3;		/* colleague not on the team */
	struct wb_actor	 uwv;		/* on the team under a consent */
	struct wb_actor	 uwv2;		/* not on the team */
	int64_t		 client;
	int64_t		 consent;	/* UWV: plan + work */
};

/* The actor of professional `email` (added by setup). */
static struct wb_actor
pro(struct dbt *t, const char *email)
{
	struct wb_actor	a = { .role = WB_ROLE_PROFESSIONAL,
	    .address = "192.0.2.7", .via = "test" };
	char		sql[160];

	snprintf(sql, sizeof(sql), "SELECT id FROM user_account WHERE "
	    "email = '%s'", email);
	a.user_id = dbt_int(t, sql);
	snprintf(sql, sizeof(sql), "SELECT org_id FROM user_account WHERE "
	    "email = '%s'", email);
	a.org_id = dbt_int(t, sql);
	assert_true(a.user_id > 0 && a.org_id > 0);
	return a;
}

/* Days from today as dd-mm-jjjj into buf. */
static const char *
day(int64_t offset, char *buf, size_t n)
{
	wb_date_nl(wb_today() + offset, buf, n);
	return buf;
}

/* A consent of the client for UWV, recorded by the GGZ professional. */
static int64_t
grant(struct fx *f, unsigned cats)
{
	char			 from[16], until[16];
	struct wb_consent_input	 in = { .client_id = f->client,
	    .org_id = f->uwv.org_id, .purpose = "re-integratie",
	    .categories = cats, .method = "schriftelijk",
	    .evidence = "DOC-1" };
	struct wb_err		 err;
	int64_t			 id = 0;

	in.valid_from = day(0, from, sizeof(from));
	in.valid_until = day(365, until, sizeof(until));
	if (wb_consent_grant(f->t.db, &f->ggz, &in, &id, &err) != 0)
		fail_msg("consent: %s", err.msg);
	return id;
}

static void
withdraw(struct fx *f, int64_t consent)
{
	struct wb_err	err;

	if (wb_consent_revoke(f->t.db, &f->ggz, f->client, consent, NULL,
	    &err) != 0)
		fail_msg("revoke: %s", err.msg);
}

static void
team_add(struct fx *f, const struct wb_actor *who, const char *function)
{
	struct wb_err	err;
	int64_t		id;

	if (wb_team_add(f->t.db, &f->ggz, f->client, who->user_id, function,
	    &id, &err) != 0)
		fail_msg("team add: %s", err.msg);
}

static int
setup(void **state)
{
	struct fx		*f = calloc(1, sizeof(*f));
	struct wb_client_input	 in = { .bsn = "111222333",
	    .given_name = "Jan", .family_name = "Testpersoon", .birth_date = "01-01-1990",
	    .municipality = "GM0014", .benefit = "wajong",
	    .target_group = "epa", .function = "behandelaar" };
	struct wb_err		 err;

	if (f == NULL)
		return -1;
	dbt_set_now(T0);
	dbt_open(&f->t, false);
	dbt_exec(&f->t,
	    "INSERT INTO region (code, name, year) VALUES "
	    "('AM01', 'Groningen', 2026);"
	    "INSERT INTO municipality (code, name, region_code, year) VALUES "
	    "('GM0014', 'Groningen', 'AM01', 2026);"
	    "INSERT INTO organisation (code, name, type, created_at, "
	    "updated_at) VALUES ('GGZ1', 'GGZ Noord', 'ggz', 0, 0), "
	    "('UWV1', 'UWV Noord', 'uwv', 0, 0);"
	    "INSERT INTO user_account (email, name, role, org_id, created_at, "
	    "updated_at) SELECT e, n, 'professional', o.id, 0, 0 FROM "
	    "(SELECT 'ggz@t.example' AS e, 'Gea Zorg' AS n, 'GGZ1' AS c "
	    "UNION ALL SELECT 'ggz2@t.example', 'Gijs Zorg', 'GGZ1' "
	    "UNION ALL SELECT 'ggz3@t.example', 'Greet Zorg', 'GGZ1' "
	    "UNION ALL SELECT 'uwv@t.example', 'Uri Werk', 'UWV1' "
	    "UNION ALL SELECT 'uwv2@t.example', 'Ulla Werk', 'UWV1') x "
	    "JOIN organisation o ON o.code = x.c");
	f->ggz = pro(&f->t, "ggz@t.example");
	f->ggz2 = pro(&f->t, "ggz2@t.example");
	f->ggz3 = pro(&f->t, "ggz3@t.example");
	f->uwv = pro(&f->t, "uwv@t.example");
	f->uwv2 = pro(&f->t, "uwv2@t.example");
	if (wb_client_register(f->t.db, &f->ggz, &in, &f->client, &err) != 0)
		fail_msg("register: %s", err.msg);
	f->consent = grant(f, WB_CAT_PLAN | WB_CAT_WORK);
	team_add(f, &f->ggz2, "casemanager");
	team_add(f, &f->uwv, "arbeidsdeskundige");
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
add_goal(struct fx *f, const struct wb_actor *a, const char *track,
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

static int64_t
add_action(struct fx *f, const struct wb_actor *a, int64_t goal,
    int64_t owner, int64_t due)
{
	char			buf[16];
	struct wb_action_input	in = { .client_id = f->client,
	    .goal_id = goal, .title = "Gesprek met werkgever",
	    .owner_user = owner };
	struct wb_err		err;
	int64_t			id = 0;

	in.due_date = day(due, buf, sizeof(buf));
	if (wb_action_add(f->t.db, a, &in, &id, &err) != 0)
		fail_msg("action add: %s", err.msg);
	assert_true(id > 0);
	return id;
}

/* The plan as `a` sees it; fails the test on an error. */
static struct wb_plan
plan_of(struct fx *f, const struct wb_actor *a)
{
	struct wb_plan	p;
	struct wb_err	err;

	if (wb_plan_get(f->t.db, a, f->client, &f->t.a, &p, &err) != 0)
		fail_msg("plan get: %s", err.msg);
	return p;
}

static const struct wb_goal *
find_goal(const struct wb_plan *p, int64_t id)
{
	size_t	i;

	for (i = 0; i < p->ngoals; i++)
		if (p->goals[i].id == id)
			return &p->goals[i];
	return NULL;
}

static int64_t
col(struct fx *f, const char *table, const char *column, int64_t id)
{
	char	sql[160];

	snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE id = %lld",
	    column, table, (long long)id);
	return dbt_int(&f->t, sql);
}

/* -- status (pure) -- */

static void
test_status_table(void **state)
{
	const int64_t today = 20000;
	static const struct {
		int64_t		 stopped;
		size_t		 n;
		struct { int64_t done_at, due; } a[3];
		enum wb_goal_status want;
	} cases[] = {
		{ 0, 0, { { 0, 0 } }, WB_GOAL_NEW },
		{ 5, 0, { { 0, 0 } }, WB_GOAL_STOPPED },
		/* Stopped wins over everything its actions say. */
		{ 5, 2, { { 0, 19000 }, { 9, 19000 } }, WB_GOAL_STOPPED },
		{ 0, 1, { { 0, 20000 } }, WB_GOAL_ACTIVE },	/* due today */
		{ 0, 1, { { 0, 20001 } }, WB_GOAL_ACTIVE },
		{ 0, 1, { { 0, 19999 } }, WB_GOAL_BEHIND },
		{ 0, 2, { { 7, 19000 }, { 7, 21000 } }, WB_GOAL_ACHIEVED },
		/* A done action is never late, however old its date. */
		{ 0, 2, { { 7, 10000 }, { 0, 20005 } }, WB_GOAL_ACTIVE },
		{ 0, 3, { { 7, 10000 }, { 0, 20005 }, { 0, 19990 } },
		    WB_GOAL_BEHIND },
	};
	struct wb_plan_action	a[3];
	size_t			i, j;

	(void)state;
	for (i = 0; i < WB_NELEM(cases); i++) {
		memset(a, 0, sizeof(a));
		for (j = 0; j < cases[i].n; j++) {
			a[j].done_at = cases[i].a[j].done_at;
			a[j].due_date = cases[i].a[j].due;
		}
		if (wb_goal_status(cases[i].stopped, a, cases[i].n, today) !=
		    cases[i].want)
			fail_msg("case %zu", i);
	}
	a[0] = (struct wb_plan_action){ .due_date = today - 1 };
	assert_true(wb_action_overdue(&a[0], today));
	a[0].done_at = 1;
	assert_false(wb_action_overdue(&a[0], today));
	a[0] = (struct wb_plan_action){ .due_date = today };
	assert_false(wb_action_overdue(&a[0], today));

	assert_string_equal(wb_goal_status_label(WB_GOAL_NEW), "Nieuw");
	assert_string_equal(wb_goal_status_label(WB_GOAL_ACTIVE), "Bezig");
	assert_string_equal(wb_goal_status_label(WB_GOAL_BEHIND),
	    "Achter op schema");
	assert_string_equal(wb_goal_status_label(WB_GOAL_ACHIEVED), "Behaald");
	assert_string_equal(wb_goal_status_label(WB_GOAL_STOPPED), "Gestopt");
	assert_string_equal(wb_goal_status_name(WB_GOAL_BEHIND), "achter");
	assert_string_equal(wb_goal_status_name(WB_GOAL_ACHIEVED), "behaald");

	assert_int_equal(wb_plan_track_categories("zorg"),
	    WB_CAT_PLAN | WB_CAT_HEALTH);
	assert_int_equal(wb_plan_track_categories("werk"),
	    WB_CAT_PLAN | WB_CAT_WORK);
	assert_int_equal(wb_plan_track_categories("inkomen"),
	    WB_CAT_PLAN | WB_CAT_WORK);
	assert_int_equal(wb_plan_track_categories("dagbesteding"),
	    WB_CAT_PLAN);
	assert_int_equal(wb_plan_track_categories("vrije tijd"), 0);
	assert_int_equal(wb_plan_track_categories(NULL), 0);
}

/* -- who sees which goals -- */

/* UWV sees the work goal under its plan + work consent, the care goal
 * only while a consent names health. */
static void
test_health_needs_consent(void **state)
{
	struct fx	*f = *state;
	struct wb_plan	 p;
	int64_t		 care, work, day_goal, health;

	care = add_goal(f, &f->ggz, "zorg", "Minder angstklachten");
	work = add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	day_goal = add_goal(f, &f->ggz, "dagbesteding", "Vast dagritme");

	p = plan_of(f, &f->ggz);
	assert_int_equal(p.ngoals, 3);
	/* Running goals by track: care, work, day activities. */
	assert_int_equal(p.goals[0].id, care);
	assert_int_equal(p.goals[1].id, work);
	assert_int_equal(p.goals[2].id, day_goal);
	assert_string_equal(p.goals[0].owner_org_name, "GGZ Noord");
	assert_int_equal(p.goals[0].status, WB_GOAL_NEW);

	p = plan_of(f, &f->uwv);
	assert_int_equal(p.ngoals, 2);
	assert_null(find_goal(&p, care));
	assert_non_null(find_goal(&p, work));
	assert_non_null(find_goal(&p, day_goal));
	assert_int_equal(p.access.allowed, WB_CAT_PLAN | WB_CAT_WORK);
	assert_int_equal(p.access.consent_id, f->consent);
	/* Seen, not owned: actions yes, changes no. */
	assert_true(find_goal(&p, work)->may_act);
	assert_false(find_goal(&p, work)->may_change);

	health = grant(f, WB_CAT_HEALTH | WB_CAT_PLAN);
	p = plan_of(f, &f->uwv);
	assert_int_equal(p.ngoals, 3);
	assert_non_null(find_goal(&p, care));

	withdraw(f, health);
	p = plan_of(f, &f->uwv);
	assert_int_equal(p.ngoals, 2);
	assert_null(find_goal(&p, care));

	assert_int_equal(dbt_audit_count(&f->t, "plan.read", "allowed"), 4);
	assert_int_equal(dbt_audit_count(&f->t, "plan.read", "denied"), 0);
	/* The detail names the categories, never a title. */
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'plan.read' AND detail LIKE 'work,plan%'"), 2);
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE detail LIKE '%angst%' OR detail LIKE '%werk vinden%'"), 0);
}

/* No plan category, no plan; not on the team, no plan. */
static void
test_plan_denied(void **state)
{
	struct fx	*f = *state;
	struct wb_plan	 p;
	struct wb_err	 err;

	(void)add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	withdraw(f, f->consent);
	(void)grant(f, WB_CAT_WORK);	/* work & income, no plan */
	assert_int_equal(wb_plan_get(f->t.db, &f->uwv, f->client, &f->t.a,
	    &p, &err), WB_EDENIED);
	assert_int_equal(p.ngoals, 0);
	assert_null(p.goals);
	assert_int_equal(wb_plan_get(f->t.db, &f->uwv2, f->client, &f->t.a,
	    &p, &err), WB_EDENIED);
	assert_int_equal(wb_plan_get(f->t.db, &f->ggz3, f->client, &f->t.a,
	    &p, &err), WB_EDENIED);
	assert_int_equal(wb_plan_get(f->t.db, &f->ggz, f->client + 100,
	    &f->t.a, &p, &err), WB_ENOTFOUND);
	assert_int_equal(dbt_audit_count(&f->t, "plan.read", "denied"), 4);
	assert_int_equal(dbt_audit_count(&f->t, "plan.read", "allowed"), 0);
}

/* The client reads their whole plan and changes nothing. */
static void
test_client_reads_own(void **state)
{
	struct fx		*f = *state;
	struct wb_actor		 me = { .role = WB_ROLE_CLIENT,
	    .client_id = f->client, .address = "192.0.2.9", .via = "web" };
	struct wb_goal_input	 in = { .client_id = f->client,
	    .track = "werk", .title = "Zelf", .target = "Zelf" };
	struct wb_plan		 p;
	struct wb_err		 err;
	int64_t			 id;

	(void)add_goal(f, &f->ggz, "zorg", "Minder angstklachten");
	p = plan_of(f, &me);
	assert_int_equal(p.ngoals, 1);
	assert_false(p.goals[0].may_act);
	assert_false(p.goals[0].may_change);
	assert_int_equal(wb_goal_add(f->t.db, &me, &in, &id, &err),
	    WB_EDENIED);
	assert_int_equal(id, 0);
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM goal"), 1);
}

/* -- goals -- */

static void
test_goal_add_access(void **state)
{
	struct fx		*f = *state;
	struct wb_goal_input	 in = { .client_id = f->client,
	    .track = "zorg", .title = "Beter slapen",
	    .target = "Vijf nachten per week doorslapen" };
	struct wb_err		 err;
	int64_t			 id = -1, work;

	/* UWV holds no health: no care goal. */
	assert_int_equal(wb_goal_add(f->t.db, &f->uwv, &in, &id, &err),
	    WB_EDENIED);
	assert_int_equal(id, 0);
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM goal"), 0);
	assert_int_equal(dbt_audit_count(&f->t, "goal.add", "denied"), 1);

	/* A work goal it may set, owned by UWV. */
	work = add_goal(f, &f->uwv, "werk", "Werkfit worden");
	assert_int_equal(col(f, "goal", "owner_org", work), f->uwv.org_id);
	assert_int_equal(col(f, "goal", "created_by", work), f->uwv.user_id);
	assert_int_equal(col(f, "goal", "version", work), 1);
	assert_int_equal(col(f, "goal", "due_date", work), -1);	/* NULL */

	/* Not on the team: nothing. */
	in.track = "werk";
	assert_int_equal(wb_goal_add(f->t.db, &f->uwv2, &in, &id, &err),
	    WB_EDENIED);
	assert_int_equal(dbt_audit_count(&f->t, "goal.add", "denied"), 2);
	assert_int_equal(dbt_audit_count(&f->t, "goal.add", "allowed"), 1);
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'goal.add' AND outcome = 'allowed' AND "
	    "object_type = 'goal'"), 1);
}

/* A stale version changes nothing; each change counts up. */
static void
test_goal_version(void **state)
{
	struct fx		*f = *state;
	char			 due[16], title[64];
	struct wb_goal_input	 in = { .client_id = f->client,
	    .title = "Betaald werk, 16 uur", .target = "Een contract" };
	struct wb_err		 err;
	int64_t			 id;
	char			 sql[96];

	id = add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	in.id = id;
	in.version = 1;
	in.due_date = day(30, due, sizeof(due));
	assert_int_equal(wb_goal_update(f->t.db, &f->ggz2, &in, &err), 0);
	assert_int_equal(col(f, "goal", "version", id), 2);
	assert_int_equal(col(f, "goal", "due_date", id), wb_today() + 30);

	/* Someone still looking at version 1. */
	in.title = "Iets anders";
	assert_int_equal(wb_goal_update(f->t.db, &f->ggz, &in, &err),
	    WB_ECONFLICT);
	assert_string_equal(err.msg, "Dit doel is intussen door iemand anders "
	    "gewijzigd. Bekijk de nieuwe versie en probeer het opnieuw.");
	snprintf(sql, sizeof(sql), "SELECT title FROM goal WHERE id = %lld",
	    (long long)id);
	dbt_text(&f->t, sql, title, sizeof(title));
	assert_string_equal(title, "Betaald werk, 16 uur");
	assert_int_equal(col(f, "goal", "version", id), 2);
	assert_int_equal(wb_goal_stop(f->t.db, &f->ggz, f->client, id, 1,
	    &err), WB_ECONFLICT);
	assert_int_equal(col(f, "goal", "stopped_at", id), -1);

	/* Stopping counts too, and freezes the goal. */
	assert_int_equal(wb_goal_stop(f->t.db, &f->ggz, f->client, id, 2,
	    &err), 0);
	assert_int_equal(col(f, "goal", "version", id), 3);
	assert_int_equal(col(f, "goal", "stopped_at", id), T0);
	in.version = 3;
	assert_int_equal(wb_goal_update(f->t.db, &f->ggz, &in, &err),
	    WB_EINVAL);
	assert_int_equal(wb_goal_stop(f->t.db, &f->ggz, f->client, id, 3,
	    &err), WB_EINVAL);
	assert_int_equal(col(f, "goal", "version", id), 3);
	assert_int_equal(plan_of(f, &f->ggz).goals[0].status,
	    WB_GOAL_STOPPED);

	assert_int_equal(dbt_audit_count(&f->t, "goal.update", "allowed"), 1);
	assert_int_equal(dbt_audit_count(&f->t, "goal.stop", "allowed"), 1);
}

/* Only the owning organisation changes or stops a goal. */
static void
test_goal_owner_only(void **state)
{
	struct fx		*f = *state;
	struct wb_goal_input	 in = { .client_id = f->client,
	    .title = "Ander doel", .target = "Anders" };
	struct wb_err		 err;
	int64_t			 ggz_goal, uwv_goal;

	ggz_goal = add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	uwv_goal = add_goal(f, &f->uwv, "werk", "Werkfit worden");
	in.id = ggz_goal;
	in.version = 1;
	assert_int_equal(wb_goal_update(f->t.db, &f->uwv, &in, &err),
	    WB_EDENIED);
	assert_int_equal(wb_goal_stop(f->t.db, &f->uwv, f->client, ggz_goal,
	    1, &err), WB_EDENIED);
	/* A colleague of the owner who is not on the team: refused too. */
	assert_int_equal(wb_goal_stop(f->t.db, &f->ggz3, f->client, ggz_goal,
	    1, &err), WB_EDENIED);
	assert_int_equal(col(f, "goal", "version", ggz_goal), 1);
	assert_int_equal(dbt_audit_count(&f->t, "goal.update", "denied"), 1);
	assert_int_equal(dbt_audit_count(&f->t, "goal.stop", "denied"), 2);

	/* GGZ may not change UWV's goal either; UWV may. */
	in.id = uwv_goal;
	assert_int_equal(wb_goal_update(f->t.db, &f->ggz, &in, &err),
	    WB_EDENIED);
	assert_int_equal(wb_goal_update(f->t.db, &f->uwv, &in, &err), 0);
	assert_int_equal(col(f, "goal", "version", uwv_goal), 2);

	/* A goal of another client is not found through this one. */
	in.client_id = f->client + 100;
	assert_int_equal(wb_goal_update(f->t.db, &f->uwv, &in, &err),
	    WB_ENOTFOUND);
	in.client_id = f->client;
	in.id = uwv_goal + 100;
	in.version = 2;
	assert_int_equal(wb_goal_update(f->t.db, &f->uwv, &in, &err),
	    WB_ENOTFOUND);
	assert_int_equal(dbt_audit_count(&f->t, "goal.update", "denied"), 4);
}

/* -- actions -- */

static void
test_action_owner(void **state)
{
	struct fx		*f = *state;
	char			 due[16];
	struct wb_action_input	 in = { .client_id = f->client,
	    .title = "Cv bijwerken" };
	struct wb_err		 err;
	int64_t			 care, work, id = -1;

	care = add_goal(f, &f->ggz, "zorg", "Minder angstklachten");
	work = add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	in.due_date = day(7, due, sizeof(due));

	/* A colleague not on the team cannot own it. */
	in.goal_id = work;
	in.owner_user = f->ggz3.user_id;
	assert_int_equal(wb_action_add(f->t.db, &f->ggz, &in, &id, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "owner");
	assert_int_equal(id, 0);
	in.owner_user = f->uwv2.user_id;
	assert_int_equal(wb_action_add(f->t.db, &f->ggz, &in, &id, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "owner");
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM plan_action"),
	    0);

	/* UWV on the team owns a work action ... */
	in.owner_user = f->uwv.user_id;
	assert_int_equal(wb_action_add(f->t.db, &f->ggz, &in, &id, &err), 0);
	assert_int_equal(col(f, "plan_action", "owner_user", id),
	    f->uwv.user_id);
	assert_int_equal(col(f, "plan_action", "due_date", id),
	    wb_today() + 7);
	/* ... but not a care action it may not read. */
	in.goal_id = care;
	assert_int_equal(wb_action_add(f->t.db, &f->ggz, &in, &id, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "owner");
	in.owner_user = f->ggz2.user_id;
	assert_int_equal(wb_action_add(f->t.db, &f->ggz, &in, &id, &err), 0);

	/* UWV adds actions to the work goal GGZ owns, not to the care goal. */
	in.goal_id = work;
	in.owner_user = f->uwv.user_id;
	assert_int_equal(wb_action_add(f->t.db, &f->uwv, &in, &id, &err), 0);
	in.goal_id = care;
	assert_int_equal(wb_action_add(f->t.db, &f->uwv, &in, &id, &err),
	    WB_EDENIED);
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM plan_action"),
	    3);
	assert_int_equal(dbt_audit_count(&f->t, "action.add", "allowed"), 3);
	assert_int_equal(dbt_audit_count(&f->t, "action.add", "denied"), 1);
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'action.add' AND outcome = 'allowed' AND "
	    "object_type = 'plan_action'"), 3);

	/* A stopped goal takes no new actions. */
	assert_int_equal(wb_goal_stop(f->t.db, &f->ggz, f->client, work, 1,
	    &err), 0);
	in.goal_id = work;
	assert_int_equal(wb_action_add(f->t.db, &f->ggz, &in, &id, &err),
	    WB_EINVAL);
}

static void
test_action_done(void **state)
{
	struct fx		*f = *state;
	const struct wb_goal	*g;
	struct wb_plan		 p;
	struct wb_err		 err;
	int64_t			 goal, a1, a2;

	goal = add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	a1 = add_action(f, &f->ggz, goal, f->uwv.user_id, 3);
	a2 = add_action(f, &f->ggz, goal, f->ggz.user_id, 10);
	p = plan_of(f, &f->ggz);
	g = find_goal(&p, goal);
	assert_int_equal(g->status, WB_GOAL_ACTIVE);
	assert_int_equal(g->nactions, 2);
	assert_int_equal(g->actions[0].id, a1);		/* by due date */
	assert_string_equal(g->actions[0].owner_name, "Uri Werk");
	assert_null(g->actions[0].done_by_name);

	/* UWV marks its own action done. */
	dbt_set_now(T0 + 60);
	assert_int_equal(wb_action_done(f->t.db, &f->uwv, f->client, a1, 1,
	    &err), 0);
	assert_int_equal(col(f, "plan_action", "done_at", a1), T0 + 60);
	assert_int_equal(col(f, "plan_action", "done_by", a1),
	    f->uwv.user_id);
	assert_int_equal(col(f, "plan_action", "version", a1), 2);
	/* Twice is refused, and a stale version is a conflict. */
	assert_int_equal(wb_action_done(f->t.db, &f->ggz, f->client, a1, 2,
	    &err), WB_EINVAL);
	assert_int_equal(wb_action_reopen(f->t.db, &f->ggz, f->client, a1, 1,
	    &err), WB_ECONFLICT);
	assert_int_equal(col(f, "plan_action", "done_at", a1), T0 + 60);

	assert_int_equal(wb_action_done(f->t.db, &f->ggz, f->client, a2, 1,
	    &err), 0);
	p = plan_of(f, &f->ggz);
	g = find_goal(&p, goal);
	assert_int_equal(g->status, WB_GOAL_ACHIEVED);
	assert_string_equal(g->actions[0].done_by_name, "Uri Werk");

	assert_int_equal(wb_action_reopen(f->t.db, &f->ggz, f->client, a1, 2,
	    &err), 0);
	assert_int_equal(col(f, "plan_action", "done_at", a1), -1);
	assert_int_equal(col(f, "plan_action", "done_by", a1), -1);
	assert_int_equal(col(f, "plan_action", "version", a1), 3);
	assert_int_equal(wb_action_reopen(f->t.db, &f->ggz, f->client, a1, 3,
	    &err), WB_EINVAL);

	/* Nobody off the team, and no action of another client. */
	assert_int_equal(wb_action_done(f->t.db, &f->uwv2, f->client, a1, 3,
	    &err), WB_EDENIED);
	assert_int_equal(wb_action_done(f->t.db, &f->ggz, f->client, a1 + 100,
	    3, &err), WB_ENOTFOUND);
	assert_int_equal(col(f, "plan_action", "version", a1), 3);

	assert_int_equal(dbt_audit_count(&f->t, "action.done", "allowed"), 2);
	assert_int_equal(dbt_audit_count(&f->t, "action.done", "denied"), 2);
	assert_int_equal(dbt_audit_count(&f->t, "action.reopen", "allowed"),
	    1);
}

/* Late actions make a goal "achter"; the overdue list shows the owner's
 * own, only where the policy shows the goal. */
static void
test_overdue(void **state)
{
	struct fx		*f = *state;
	struct wb_overdue_item	*items;
	struct wb_err		 err;
	size_t			 n;
	int64_t			 care, work, stopped, health;
	int64_t			 a_care, a_work, a_done, a_late;

	health = grant(f, WB_CAT_HEALTH | WB_CAT_PLAN);
	care = add_goal(f, &f->ggz, "zorg", "Minder angstklachten");
	work = add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	stopped = add_goal(f, &f->ggz, "inkomen", "Schulden regelen");
	a_care = add_action(f, &f->ggz, care, f->uwv.user_id, 1);
	a_work = add_action(f, &f->ggz, work, f->uwv.user_id, 2);
	a_done = add_action(f, &f->ggz, work, f->uwv.user_id, 1);
	/* Late as well, but its goal was stopped: never listed. */
	(void)add_action(f, &f->ggz, stopped, f->uwv.user_id, 1);
	a_late = add_action(f, &f->ggz, work, f->ggz.user_id, 5);
	assert_int_equal(wb_action_done(f->t.db, &f->uwv, f->client, a_done,
	    1, &err), 0);
	assert_int_equal(wb_goal_stop(f->t.db, &f->ggz, f->client, stopped, 1,
	    &err), 0);

	/* Nothing is late yet. */
	assert_int_equal(wb_plan_overdue(f->t.db, &f->uwv, &f->t.a, &items,
	    &n, &err), 0);
	assert_int_equal(n, 0);

	/* Four days on: the care and work actions of UWV are late. */
	dbt_set_now(T0 + 4 * 86400);
	assert_int_equal(wb_plan_overdue(f->t.db, &f->uwv, &f->t.a, &items,
	    &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].action_id, a_care);	/* oldest first */
	assert_int_equal(items[0].client_id, f->client);
	assert_string_equal(items[0].goal_title, "Minder angstklachten");
	assert_string_equal(items[0].action_title, "Gesprek met werkgever");
	assert_int_equal(items[0].due_date, wb_today() - 3);
	assert_int_equal(items[1].action_id, a_work);
	assert_int_equal(items[1].version, 1);
	{
		struct wb_plan		 p = plan_of(f, &f->ggz);
		const struct wb_goal	*g = find_goal(&p, work);

		assert_int_equal(find_goal(&p, care)->status, WB_GOAL_BEHIND);
		assert_int_equal(find_goal(&p, work)->status, WB_GOAL_BEHIND);
		assert_int_equal(find_goal(&p, stopped)->status,
		    WB_GOAL_STOPPED);
		/* By due date: done (never late), late, not due yet. */
		assert_int_equal(g->nactions, 3);
		assert_int_equal(g->actions[0].id, a_done);
		assert_false(g->actions[0].overdue);
		assert_int_equal(g->actions[1].id, a_work);
		assert_true(g->actions[1].overdue);
		assert_int_equal(g->actions[2].id, a_late);
		assert_false(g->actions[2].overdue);
	}

	/* Health consent gone: the care action drops off UWV's list. */
	withdraw(f, health);
	assert_int_equal(wb_plan_overdue(f->t.db, &f->uwv, &f->t.a, &items,
	    &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].action_id, a_work);

	/* Plan consent gone too: nothing. */
	withdraw(f, f->consent);
	assert_int_equal(wb_plan_overdue(f->t.db, &f->uwv, &f->t.a, &items,
	    &n, &err), 0);
	assert_int_equal(n, 0);

	/* GGZ's own list: only its own action, not late yet. */
	assert_int_equal(wb_plan_overdue(f->t.db, &f->ggz, &f->t.a, &items,
	    &n, &err), 0);
	assert_int_equal(n, 0);
	dbt_set_now(T0 + 6 * 86400);
	assert_int_equal(wb_plan_overdue(f->t.db, &f->ggz, &f->t.a, &items,
	    &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].action_id, a_late);

	/* Not for other roles. */
	{
		struct wb_actor admin = { .user_id = f->ggz.user_id,
		    .role = WB_ROLE_ADMIN, .address = "x", .via = "test" };

		assert_int_equal(wb_plan_overdue(f->t.db, &admin, &f->t.a,
		    &items, &n, &err), WB_EDENIED);
		assert_int_equal(n, 0);
	}
	assert_int_equal(dbt_audit_count(&f->t, "action.overdue", "allowed"),
	    6);
	assert_int_equal(dbt_audit_count(&f->t, "action.overdue", "denied"),
	    1);
	/* One event names the ids shown, never a title. */
	{
		char	want[64], got[64];

		snprintf(want, sizeof(want), "%lld,%lld", (long long)a_care,
		    (long long)a_work);
		dbt_text(&f->t, "SELECT object_id FROM audit_event WHERE "
		    "event = 'action.overdue' AND object_id LIKE '%,%'", got,
		    sizeof(got));
		assert_string_equal(got, want);
	}
}

/* -- validation -- */

static void
test_goal_validation(void **state)
{
	struct fx	*f = *state;
	char		 long_title[WB_GOAL_TITLE_MAX + 2];
	char		 long_target[WB_GOAL_TARGET_MAX + 2];
	char		 max_title[WB_GOAL_TITLE_MAX * 2 + 1];
	char		 past[16], future[16], today[16], today_nl[16];
	static const struct wb_goal_input base = { .track = "werk",
	    .title = "Werk", .target = "Een contract" };
	struct {
		const char	*field;
		struct wb_goal_input in;
	} cases[12];
	struct wb_goal_input	 in;
	struct wb_err		 err;
	size_t			 i, k = 0;
	int64_t			 id;

	memset(long_title, 'x', sizeof(long_title) - 1);
	long_title[sizeof(long_title) - 1] = '\0';
	memset(long_target, 'x', sizeof(long_target) - 1);
	long_target[sizeof(long_target) - 1] = '\0';
	/* 200 characters of two bytes each: allowed. */
	for (i = 0; i < WB_GOAL_TITLE_MAX; i++)
		memcpy(max_title + 2 * i, "\xc3\xa9", 2);
	max_title[2 * WB_GOAL_TITLE_MAX] = '\0';
	day(-1, past, sizeof(past));
	day(1, future, sizeof(future));
	day(0, today_nl, sizeof(today_nl));
	wb_date_iso(wb_today(), today, sizeof(today));

#define CASE(f, mod)	do { cases[k].field = (f); cases[k].in = base; \
	    cases[k].in.mod; k++; } while (0)
	CASE("track", track = NULL);
	CASE("track", track = "vrije tijd");
	CASE("title", title = "");
	CASE("title", title = "   ");
	CASE("title", title = long_title);
	CASE("title", title = "twee\nregels");
	CASE("title", title = "\xff\xfe");
	CASE("target", target = NULL);
	CASE("target", target = long_target);
	CASE("due_date", due_date = "31-02-2027");
	CASE("due_date", due_date = "morgen");
	CASE("due_date", due_date = past);
#undef CASE
	for (i = 0; i < k; i++) {
		in = cases[i].in;
		in.client_id = f->client;
		id = -1;
		err = (struct wb_err){ 0 };
		if (wb_goal_add(f->t.db, &f->ggz, &in, &id, &err) != WB_EINVAL)
			fail_msg("case %zu: not refused", i);
		assert_string_equal(err.field, cases[i].field);
		assert_true(err.msg[0] != '\0');
		assert_int_equal(id, 0);
	}
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM goal"), 0);
	assert_int_equal(dbt_audit_count(&f->t, "goal.add", NULL), 0);

	/* At the limits, with ISO dates and newlines in the target. */
	in = base;
	in.client_id = f->client;
	in.title = max_title;
	in.target = "Regel een\nRegel twee";
	in.due_date = future;
	assert_int_equal(wb_goal_add(f->t.db, &f->ggz, &in, &id, &err), 0);
	in.due_date = today;		/* ISO */
	assert_int_equal(wb_goal_add(f->t.db, &f->ggz, &in, &id, &err), 0);
	assert_int_equal(col(f, "goal", "due_date", id), wb_today());

	/* A date that has passed since may stay on an update, not be set. */
	dbt_set_now(T0 + 10 * 86400);
	in.id = id;
	in.version = 1;
	in.title = "Nieuwe titel";
	in.due_date = today_nl;		/* the stored date, passed now */
	assert_int_equal(wb_goal_update(f->t.db, &f->ggz, &in, &err), 0);
	in.version = 2;
	in.due_date = future;		/* passed too, and new */
	assert_int_equal(wb_goal_update(f->t.db, &f->ggz, &in, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "due_date");
	in.due_date = "";
	assert_int_equal(wb_goal_update(f->t.db, &f->ggz, &in, &err), 0);
	assert_int_equal(col(f, "goal", "due_date", id), -1);
}

static void
test_action_validation(void **state)
{
	struct fx		*f = *state;
	char			 past[16], today[16];
	struct wb_action_input	 in;
	struct wb_err		 err;
	int64_t			 goal, id;
	static const char	*const fields[] = { "title", "title", "owner",
	    "due_date", "due_date", "due_date" };
	size_t			 i;

	goal = add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	day(-1, past, sizeof(past));
	day(0, today, sizeof(today));
	for (i = 0; i < WB_NELEM(fields); i++) {
		in = (struct wb_action_input){ .client_id = f->client,
		    .goal_id = goal, .title = "Bellen",
		    .owner_user = f->ggz.user_id, .due_date = today };
		switch (i) {
		case 0: in.title = " "; break;
		case 1: in.title = "a\nb"; break;
		case 2: in.owner_user = 0; break;
		case 3: in.due_date = NULL; break;
		case 4: in.due_date = "1-1-2027"; break;
		case 5: in.due_date = past; break;
		}
		id = -1;
		if (wb_action_add(f->t.db, &f->ggz, &in, &id, &err) !=
		    WB_EINVAL)
			fail_msg("case %zu: not refused", i);
		assert_string_equal(err.field, fields[i]);
		assert_int_equal(id, 0);
	}
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM plan_action"),
	    0);
	in.due_date = today;
	assert_int_equal(wb_action_add(f->t.db, &f->ggz, &in, &id, &err), 0);
}

/* -- notes -- */

static void
test_note_add_list(void **state)
{
	struct fx	*f = *state;
	struct wb_note	*notes;
	struct wb_err	 err;
	char		 yesterday[16], today[16];
	size_t		 n;
	int64_t		 id1, id2, id3;

	day(-1, yesterday, sizeof(yesterday));
	day(0, today, sizeof(today));
	assert_int_equal(wb_note_add(f->t.db, &f->ggz, f->client, "gesprek",
	    yesterday, "Intake gehad.\nGaat goed.", &id1, &err), 0);
	assert_int_equal(wb_note_add(f->t.db, &f->ggz2, f->client,
	    "telefoon", today, "Gebeld.", &id2, &err), 0);
	assert_int_equal(wb_note_add(f->t.db, &f->ggz, f->client, "notitie",
	    "2027-01-14", "Correctie op de intake.", &id3, &err), 0);
	assert_true(id1 > 0 && id2 > id1 && id3 > id2);
	assert_int_equal(col(f, "note", "org_id", id2), f->ggz.org_id);
	assert_int_equal(col(f, "note", "author_id", id2), f->ggz2.user_id);

	assert_int_equal(wb_note_list(f->t.db, &f->ggz, f->client, &f->t.a,
	    &notes, &n, &err), 0);
	assert_int_equal(n, 3);
	/* Newest date first; on one date, the later note first. */
	assert_int_equal(notes[0].id, id2);
	assert_int_equal(notes[1].id, id3);
	assert_int_equal(notes[2].id, id1);
	assert_string_equal(notes[0].author_name, "Gijs Zorg");
	assert_string_equal(notes[0].org_name, "GGZ Noord");
	assert_string_equal(notes[0].kind, "telefoon");
	assert_int_equal(notes[0].on_date, wb_today());
	assert_int_equal(notes[0].created_at, T0);
	assert_string_equal(notes[2].body, "Intake gehad.\nGaat goed.");
	assert_string_equal(wb_note_kind_label("telefoon"), "Telefoongesprek");

	assert_int_equal(dbt_audit_count(&f->t, "note.add", "allowed"), 3);
	assert_int_equal(dbt_audit_count(&f->t, "note.read", "allowed"), 1);
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'note.add' AND object_type = 'note'"), 3);
	/* The text never reaches the audit log. */
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE detail LIKE '%ntake%' OR object_id LIKE '%ntake%'"), 0);
}

/* Notes are their own category: UWV needs a consent naming them. */
static void
test_note_needs_category(void **state)
{
	struct fx	*f = *state;
	struct wb_note	*notes;
	struct wb_err	 err;
	char		 today[16];
	size_t		 n;
	int64_t		 id = -1, notes_consent;

	day(0, today, sizeof(today));
	assert_int_equal(wb_note_add(f->t.db, &f->ggz, f->client, "gesprek",
	    today, "Gesprek over werk.", &id, &err), 0);

	assert_int_equal(wb_note_add(f->t.db, &f->uwv, f->client, "gesprek",
	    today, "Ook een gesprek.", &id, &err), WB_EDENIED);
	assert_int_equal(id, 0);
	assert_int_equal(wb_note_list(f->t.db, &f->uwv, f->client, &f->t.a,
	    &notes, &n, &err), WB_EDENIED);
	assert_int_equal(n, 0);
	assert_null(notes);
	assert_int_equal(dbt_audit_count(&f->t, "note.add", "denied"), 1);
	assert_int_equal(dbt_audit_count(&f->t, "note.read", "denied"), 1);

	notes_consent = grant(f, WB_CAT_NOTES);
	assert_int_equal(wb_note_list(f->t.db, &f->uwv, f->client, &f->t.a,
	    &notes, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(notes[0].body, "Gesprek over werk.");
	assert_int_equal(wb_note_add(f->t.db, &f->uwv, f->client, "mail",
	    today, "Mail gestuurd.", &id, &err), 0);
	assert_int_equal(col(f, "note", "org_id", id), f->uwv.org_id);

	withdraw(f, notes_consent);
	assert_int_equal(wb_note_list(f->t.db, &f->uwv, f->client, &f->t.a,
	    &notes, &n, &err), WB_EDENIED);
	/* Off the team: never. */
	assert_int_equal(wb_note_list(f->t.db, &f->ggz3, f->client, &f->t.a,
	    &notes, &n, &err), WB_EDENIED);
	assert_int_equal(dbt_audit_count(&f->t, "note.read", "denied"), 3);
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM note"), 2);
}

static void
test_note_validation(void **state)
{
	struct fx	*f = *state;
	char		 today[16], tomorrow[16];
	char		 long_body[WB_NOTE_BODY_MAX + 2];
	char		 max_body[WB_NOTE_BODY_MAX + 1];
	const struct {
		const char	*kind, *date, *body, *field;
	} cases[] = {
		{ "brief", today, "Tekst", "kind" },
		{ NULL, today, "Tekst", "kind" },
		{ "gesprek", tomorrow, "Tekst", "on_date" },
		{ "gesprek", "", "Tekst", "on_date" },
		{ "gesprek", "2027-02-30", "Tekst", "on_date" },
		{ "gesprek", today, "", "body" },
		{ "gesprek", today, " \n\t", "body" },
		{ "gesprek", today, NULL, "body" },
		{ "gesprek", today, long_body, "body" },
		{ "gesprek", today, "bel\x01", "body" },
		{ "gesprek", today, "\xc3", "body" },
	};
	struct wb_err	err;
	size_t		i;
	int64_t		id;

	day(0, today, sizeof(today));
	day(1, tomorrow, sizeof(tomorrow));
	memset(long_body, 'x', sizeof(long_body) - 1);
	long_body[sizeof(long_body) - 1] = '\0';
	memset(max_body, 'x', sizeof(max_body) - 1);
	max_body[sizeof(max_body) - 1] = '\0';
	for (i = 0; i < WB_NELEM(cases); i++) {
		id = -1;
		err = (struct wb_err){ 0 };
		if (wb_note_add(f->t.db, &f->ggz, f->client, cases[i].kind,
		    cases[i].date, cases[i].body, &id, &err) != WB_EINVAL)
			fail_msg("case %zu: not refused", i);
		assert_string_equal(err.field, cases[i].field);
		assert_int_equal(id, 0);
	}
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM note"), 0);
	assert_int_equal(dbt_audit_count(&f->t, "note.add", NULL), 0);
	assert_int_equal(wb_note_add(f->t.db, &f->ggz, f->client, "notitie",
	    today, max_body, &id, &err), 0);
	/* The client reads notes, never writes them. */
	{
		struct wb_actor me = { .role = WB_ROLE_CLIENT,
		    .client_id = f->client, .address = "x", .via = "web" };
		struct wb_note	*notes;
		size_t		 n;

		assert_int_equal(wb_note_add(f->t.db, &me, f->client,
		    "notitie", today, "Van mij", &id, &err), WB_EDENIED);
		assert_int_equal(wb_note_list(f->t.db, &me, f->client,
		    &f->t.a, &notes, &n, &err), 0);
		assert_int_equal(n, 1);
	}
}

int
main(void)
{
#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_table),
		T(test_health_needs_consent),
		T(test_plan_denied),
		T(test_client_reads_own),
		T(test_goal_add_access),
		T(test_goal_version),
		T(test_goal_owner_only),
		T(test_action_owner),
		T(test_action_done),
		T(test_overdue),
		T(test_goal_validation),
		T(test_action_validation),
		T(test_note_add_list),
		T(test_note_needs_category),
		T(test_note_validation),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
