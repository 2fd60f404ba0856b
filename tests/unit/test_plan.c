/* test_plan.c - the joint plan's goals (src/domain/plan.c): derived
 * goal status, which goals the consent policy shows, optimistic
 * concurrency, the goal's owner, validation per field, and the audit
 * events.  Actions: test_action.c; the timeline: test_note.c.
 *
 * The fixture (ct_plan in clienttest.h): a client registered by a GGZ
 * professional, with a consent for UWV (re-integratie: plan and work &
 * income) and a UWV professional on the team.  The clock is fixed with
 * WB_NOW.
 */
#include "clienttest.h"

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
	struct ct_plan	*f = *state;
	struct wb_plan	 p;
	int64_t		 care, work, day_goal, health;

	care = ct_add_goal(f, &f->ggz, "zorg", "Minder angstklachten");
	work = ct_add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	day_goal = ct_add_goal(f, &f->ggz, "dagbesteding", "Vast dagritme");

	p = ct_plan_of(f, &f->ggz);
	assert_int_equal(p.ngoals, 3);
	/* Running goals by track: care, work, day activities. */
	assert_int_equal(p.goals[0].id, care);
	assert_int_equal(p.goals[1].id, work);
	assert_int_equal(p.goals[2].id, day_goal);
	assert_string_equal(p.goals[0].owner_org_name, "GGZ Noord");
	assert_int_equal(p.goals[0].status, WB_GOAL_NEW);

	p = ct_plan_of(f, &f->uwv);
	assert_int_equal(p.ngoals, 2);
	assert_null(ct_find_goal(&p, care));
	assert_non_null(ct_find_goal(&p, work));
	assert_non_null(ct_find_goal(&p, day_goal));
	assert_int_equal(p.access.allowed, WB_CAT_PLAN | WB_CAT_WORK);
	assert_int_equal(p.access.consent_id, f->consent);
	/* Seen, not owned: actions yes, changes no. */
	assert_true(ct_find_goal(&p, work)->may_act);
	assert_false(ct_find_goal(&p, work)->may_change);

	health = ct_plan_grant(f, WB_CAT_HEALTH | WB_CAT_PLAN);
	p = ct_plan_of(f, &f->uwv);
	assert_int_equal(p.ngoals, 3);
	assert_non_null(ct_find_goal(&p, care));

	ct_plan_withdraw(f, health);
	p = ct_plan_of(f, &f->uwv);
	assert_int_equal(p.ngoals, 2);
	assert_null(ct_find_goal(&p, care));

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
	struct ct_plan	*f = *state;
	struct wb_plan	 p;
	struct wb_err	 err;

	(void)ct_add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	ct_plan_withdraw(f, f->consent);
	(void)ct_plan_grant(f, WB_CAT_WORK);	/* work & income, no plan */
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
	struct ct_plan		*f = *state;
	struct wb_actor		 me = { .role = WB_ROLE_CLIENT,
	    .client_id = f->client, .address = "192.0.2.9", .via = "web" };
	struct wb_goal_input	 in = { .client_id = f->client,
	    .track = "werk", .title = "Zelf", .target = "Zelf" };
	struct wb_plan		 p;
	struct wb_err		 err;
	int64_t			 id;

	(void)ct_add_goal(f, &f->ggz, "zorg", "Minder angstklachten");
	p = ct_plan_of(f, &me);
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
	struct ct_plan		*f = *state;
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
	work = ct_add_goal(f, &f->uwv, "werk", "Werkfit worden");
	assert_int_equal(ct_col(f, "goal", "owner_org", work), f->uwv.org_id);
	assert_int_equal(ct_col(f, "goal", "created_by", work), f->uwv.user_id);
	assert_int_equal(ct_col(f, "goal", "version", work), 1);
	/* NULL */
	assert_int_equal(ct_col(f, "goal", "due_date", work), -1);

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
	struct ct_plan		*f = *state;
	char			 due[16], title[64];
	struct wb_goal_input	 in = { .client_id = f->client,
	    .title = "Betaald werk, 16 uur", .target = "Een contract" };
	struct wb_err		 err;
	int64_t			 id;
	char			 sql[96];

	id = ct_add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	in.id = id;
	in.version = 1;
	in.due_date = ct_day_nl(30, due, sizeof(due));
	assert_int_equal(wb_goal_update(f->t.db, &f->ggz2, &in, &err), 0);
	assert_int_equal(ct_col(f, "goal", "version", id), 2);
	assert_int_equal(ct_col(f, "goal", "due_date", id), wb_today() + 30);

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
	assert_int_equal(ct_col(f, "goal", "version", id), 2);
	assert_int_equal(wb_goal_stop(f->t.db, &f->ggz, f->client, id, 1,
	    &err), WB_ECONFLICT);
	assert_int_equal(ct_col(f, "goal", "stopped_at", id), -1);

	/* Stopping counts too, and freezes the goal. */
	assert_int_equal(wb_goal_stop(f->t.db, &f->ggz, f->client, id, 2,
	    &err), 0);
	assert_int_equal(ct_col(f, "goal", "version", id), 3);
	assert_int_equal(ct_col(f, "goal", "stopped_at", id), T0);
	in.version = 3;
	assert_int_equal(wb_goal_update(f->t.db, &f->ggz, &in, &err),
	    WB_EINVAL);
	assert_int_equal(wb_goal_stop(f->t.db, &f->ggz, f->client, id, 3,
	    &err), WB_EINVAL);
	assert_int_equal(ct_col(f, "goal", "version", id), 3);
	assert_int_equal(ct_plan_of(f, &f->ggz).goals[0].status,
	    WB_GOAL_STOPPED);

	assert_int_equal(dbt_audit_count(&f->t, "goal.update", "allowed"), 1);
	assert_int_equal(dbt_audit_count(&f->t, "goal.stop", "allowed"), 1);
}

/* Only the owning organisation changes or stops a goal. */
static void
test_goal_owner_only(void **state)
{
	struct ct_plan		*f = *state;
	struct wb_goal_input	 in = { .client_id = f->client,
	    .title = "Ander doel", .target = "Anders" };
	struct wb_err		 err;
	int64_t			 ggz_goal, uwv_goal;

	ggz_goal = ct_add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	uwv_goal = ct_add_goal(f, &f->uwv, "werk", "Werkfit worden");
	in.id = ggz_goal;
	in.version = 1;
	assert_int_equal(wb_goal_update(f->t.db, &f->uwv, &in, &err),
	    WB_EDENIED);
	assert_int_equal(wb_goal_stop(f->t.db, &f->uwv, f->client, ggz_goal,
	    1, &err), WB_EDENIED);
	/* A colleague of the owner who is not on the team: refused too. */
	assert_int_equal(wb_goal_stop(f->t.db, &f->ggz3, f->client, ggz_goal,
	    1, &err), WB_EDENIED);
	assert_int_equal(ct_col(f, "goal", "version", ggz_goal), 1);
	assert_int_equal(dbt_audit_count(&f->t, "goal.update", "denied"), 1);
	assert_int_equal(dbt_audit_count(&f->t, "goal.stop", "denied"), 2);

	/* GGZ may not change UWV's goal either; UWV may. */
	in.id = uwv_goal;
	assert_int_equal(wb_goal_update(f->t.db, &f->ggz, &in, &err),
	    WB_EDENIED);
	assert_int_equal(wb_goal_update(f->t.db, &f->uwv, &in, &err), 0);
	assert_int_equal(ct_col(f, "goal", "version", uwv_goal), 2);

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

/* -- validation -- */

static void
test_goal_validation(void **state)
{
	struct ct_plan	*f = *state;
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
	ct_day_nl(-1, past, sizeof(past));
	ct_day_nl(1, future, sizeof(future));
	ct_day_nl(0, today_nl, sizeof(today_nl));
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
	assert_int_equal(ct_col(f, "goal", "due_date", id), wb_today());

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
	assert_int_equal(ct_col(f, "goal", "due_date", id), -1);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, ct_plan_setup, \
	    ct_plan_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_table),
		T(test_health_needs_consent),
		T(test_plan_denied),
		T(test_client_reads_own),
		T(test_goal_add_access),
		T(test_goal_version),
		T(test_goal_owner_only),
		T(test_goal_validation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
