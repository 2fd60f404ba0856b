/* test_action.c - the actions of the joint plan (src/domain/plan.c):
 * who may add and change them, their owners, marking them done, the
 * overdue list ("Mijn werk"), validation per field, and the audit
 * events.
 *
 * The fixture is test_plan.c's (ct_plan in clienttest.h); the clock is
 * fixed with WB_NOW.
 */
#include "clienttest.h"

/* -- actions -- */

static void
test_action_owner(void **state)
{
	struct ct_plan		*f = *state;
	char			 due[16];
	struct wb_action_input	 in = { .client_id = f->client,
	    .title = "Cv bijwerken" };
	struct wb_err		 err;
	int64_t			 care, work, id = -1;

	care = ct_add_goal(f, &f->ggz, "zorg", "Minder angstklachten");
	work = ct_add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	in.due_date = ct_day_nl(7, due, sizeof(due));

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
	assert_int_equal(ct_col(f, "plan_action", "owner_user", id),
	    f->uwv.user_id);
	assert_int_equal(ct_col(f, "plan_action", "due_date", id),
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
	struct ct_plan		*f = *state;
	const struct wb_goal	*g;
	struct wb_plan		 p;
	struct wb_err		 err;
	int64_t			 goal, a1, a2;

	goal = ct_add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	a1 = ct_add_action(f, &f->ggz, goal, f->uwv.user_id, 3);
	a2 = ct_add_action(f, &f->ggz, goal, f->ggz.user_id, 10);
	p = ct_plan_of(f, &f->ggz);
	g = ct_find_goal(&p, goal);
	assert_int_equal(g->status, WB_GOAL_ACTIVE);
	assert_int_equal(g->nactions, 2);
	assert_int_equal(g->actions[0].id, a1);		/* by due date */
	assert_string_equal(g->actions[0].owner_name, "Uri Werk");
	assert_null(g->actions[0].done_by_name);

	/* UWV marks its own action done. */
	dbt_set_now(T0 + 60);
	assert_int_equal(wb_action_done(f->t.db, &f->uwv, f->client, a1, 1,
	    &err), 0);
	assert_int_equal(ct_col(f, "plan_action", "done_at", a1), T0 + 60);
	assert_int_equal(ct_col(f, "plan_action", "done_by", a1),
	    f->uwv.user_id);
	assert_int_equal(ct_col(f, "plan_action", "version", a1), 2);
	/* Twice is refused, and a stale version is a conflict. */
	assert_int_equal(wb_action_done(f->t.db, &f->ggz, f->client, a1, 2,
	    &err), WB_EINVAL);
	assert_int_equal(wb_action_reopen(f->t.db, &f->ggz, f->client, a1, 1,
	    &err), WB_ECONFLICT);
	assert_int_equal(ct_col(f, "plan_action", "done_at", a1), T0 + 60);

	assert_int_equal(wb_action_done(f->t.db, &f->ggz, f->client, a2, 1,
	    &err), 0);
	p = ct_plan_of(f, &f->ggz);
	g = ct_find_goal(&p, goal);
	assert_int_equal(g->status, WB_GOAL_ACHIEVED);
	assert_string_equal(g->actions[0].done_by_name, "Uri Werk");

	assert_int_equal(wb_action_reopen(f->t.db, &f->ggz, f->client, a1, 2,
	    &err), 0);
	assert_int_equal(ct_col(f, "plan_action", "done_at", a1), -1);
	assert_int_equal(ct_col(f, "plan_action", "done_by", a1), -1);
	assert_int_equal(ct_col(f, "plan_action", "version", a1), 3);
	assert_int_equal(wb_action_reopen(f->t.db, &f->ggz, f->client, a1, 3,
	    &err), WB_EINVAL);

	/* Nobody off the team, and no action of another client. */
	assert_int_equal(wb_action_done(f->t.db, &f->uwv2, f->client, a1, 3,
	    &err), WB_EDENIED);
	assert_int_equal(wb_action_done(f->t.db, &f->ggz, f->client, a1 + 100,
	    3, &err), WB_ENOTFOUND);
	assert_int_equal(ct_col(f, "plan_action", "version", a1), 3);

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
	struct ct_plan		*f = *state;
	struct wb_overdue_item	*items;
	struct wb_err		 err;
	size_t			 n;
	int64_t			 care, work, stopped, health;
	int64_t			 a_care, a_work, a_done, a_late;

	health = ct_plan_grant(f, WB_CAT_HEALTH | WB_CAT_PLAN);
	care = ct_add_goal(f, &f->ggz, "zorg", "Minder angstklachten");
	work = ct_add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	stopped = ct_add_goal(f, &f->ggz, "inkomen", "Schulden regelen");
	a_care = ct_add_action(f, &f->ggz, care, f->uwv.user_id, 1);
	a_work = ct_add_action(f, &f->ggz, work, f->uwv.user_id, 2);
	a_done = ct_add_action(f, &f->ggz, work, f->uwv.user_id, 1);
	/* Late as well, but its goal was stopped: never listed. */
	(void)ct_add_action(f, &f->ggz, stopped, f->uwv.user_id, 1);
	a_late = ct_add_action(f, &f->ggz, work, f->ggz.user_id, 5);
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
		struct wb_plan		 p = ct_plan_of(f, &f->ggz);
		const struct wb_goal	*g = ct_find_goal(&p, work);

		assert_int_equal(ct_find_goal(&p, care)->status,
		    WB_GOAL_BEHIND);
		assert_int_equal(ct_find_goal(&p, work)->status,
		    WB_GOAL_BEHIND);
		assert_int_equal(ct_find_goal(&p, stopped)->status,
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
	ct_plan_withdraw(f, health);
	assert_int_equal(wb_plan_overdue(f->t.db, &f->uwv, &f->t.a, &items,
	    &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].action_id, a_work);

	/* Plan consent gone too: nothing. */
	ct_plan_withdraw(f, f->consent);
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
test_action_validation(void **state)
{
	struct ct_plan		*f = *state;
	char			 past[16], today[16];
	struct wb_action_input	 in;
	struct wb_err		 err;
	int64_t			 goal, id;
	static const char	*const fields[] = { "title", "title", "owner",
	    "due_date", "due_date", "due_date" };
	size_t			 i;

	goal = ct_add_goal(f, &f->ggz, "werk", "Betaald werk vinden");
	ct_day_nl(-1, past, sizeof(past));
	ct_day_nl(0, today, sizeof(today));
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

#define T(f)	cmocka_unit_test_setup_teardown(f, ct_plan_setup, \
	    ct_plan_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_action_owner),
		T(test_action_done),
		T(test_overdue),
		T(test_action_validation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
