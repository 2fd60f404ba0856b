/* test_trajectory.c - trajectories, milestones and jobs under the consent
 * policy, and the IPS definitions (days to first contact and first job,
 * the job-start threshold). */
#include "clienttest.h"
#include "domain/trajectory.h"

/* A date n days from T0's day, as the forms take it. */
static const char *
day(int n)
{
	static char	buf[4][16];
	static int	k;

	k = (k + 1) % 4;
	wb_date_iso(wb_today() + n, buf[k], sizeof(buf[k]));
	return buf[k];
}

static int64_t
add_traj(struct ct_fx *f, const struct wb_actor *a, int64_t client,
    const char *iv, const char *start, int expect)
{
	struct wb_trajectory_input in = { .client_id = client,
	    .intervention = iv, .start_date = start };
	struct wb_err	err;
	int64_t		id = 0;

	assert_int_equal(wb_trajectory_add(f->t.db, a, &in, &id, &err),
	    expect);
	return id;
}

static int
milestone(struct ct_fx *f, const struct wb_actor *a, int64_t client,
    int64_t traj, const char *type, const char *date, const char *hours,
    int competitive, struct wb_err *err)
{
	struct wb_milestone_input in = { .client_id = client,
	    .trajectory_id = traj, .type = type, .date = date,
	    .employer = "Bakkerij Jansen", .hours = hours,
	    .competitive = competitive, .min_wage = 1, .contract = "tijdelijk",
	    .detail = "volledig" };
	int64_t	id;

	return wb_milestone_add(f->t.db, a, &in, &id, err);
}

static struct wb_trajectory *
only(struct ct_fx *f, const struct wb_actor *a, int64_t client)
{
	struct wb_trajectory	*list;
	struct wb_err		 err;
	size_t			 n;

	assert_int_equal(wb_trajectory_list(f->t.db, a, client, &f->t.a,
	    &list, &n, &err), 0);
	assert_int_equal(n, 1);
	return &list[0];
}

static void
test_hours(void **state)
{
	char	buf[16];

	(void)state;
	assert_int_equal(wb_hours_parse("16"), 960);
	assert_int_equal(wb_hours_parse("16,5"), 990);
	assert_int_equal(wb_hours_parse("16.25"), 975);
	assert_int_equal(wb_hours_parse(" 4 "), 240);
	assert_int_equal(wb_hours_parse("80"), 4800);
	assert_int_equal(wb_hours_parse("80,5"), -1);
	assert_int_equal(wb_hours_parse("0"), -1);
	assert_int_equal(wb_hours_parse("0,00"), -1);
	assert_int_equal(wb_hours_parse("16,333"), -1);
	assert_int_equal(wb_hours_parse("16,01"), -1);	/* not a minute */
	assert_int_equal(wb_hours_parse("1,"), -1);
	assert_int_equal(wb_hours_parse(",5"), -1);
	assert_int_equal(wb_hours_parse("-4"), -1);
	assert_int_equal(wb_hours_parse("vier"), -1);
	assert_int_equal(wb_hours_parse(""), -1);
	assert_int_equal(wb_hours_parse(NULL), -1);
	assert_int_equal(wb_hours_parse("9999"), -1);
	wb_hours_format(990, buf, sizeof(buf));
	assert_string_equal(buf, "16,5");
	wb_hours_format(975, buf, sizeof(buf));
	assert_string_equal(buf, "16,25");
	wb_hours_format(960, buf, sizeof(buf));
	assert_string_equal(buf, "16");
	wb_hours_format(241, buf, sizeof(buf));
	assert_string_equal(buf, "4:01");
}

/* The case: contact on day 12, a competitive 16-hour job on day
 * 40; a 3-hour job is no job start. */
static void
test_ips_days(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_trajectory	*t;
	struct wb_err		 err;
	int64_t			 c, tr;

	c = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	tr = add_traj(f, &f->ggz1, c, "ips", day(-60), 0);
	assert_true(tr > 0);
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "profile", day(-58),
	    NULL, -1, &err), 0);
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "employer-contact",
	    day(-48), NULL, -1, &err), 0);
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "employer-contact",
	    day(-30), NULL, -1, &err), 0);
	/* 3 hours: recorded, but not a job start */
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "job-start", day(-25),
	    "3", 1, &err), 0);
	t = only(f, &f->ggz1, c);
	assert_int_equal(t->days_to_contact, 12);
	assert_int_equal(t->days_to_job, -1);
	assert_int_equal(t->njobs, 1);
	assert_false(t->jobs[0].counts);
	assert_int_equal(t->nmilestones, 3);
	assert_string_equal(t->status, "actief");
	assert_true(t->ips);
	/* the small job ends; the real one starts on day 40 */
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "job-end", day(-21),
	    NULL, -1, &err), 0);
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "job-start", day(-20),
	    "16", 1, &err), 0);
	t = only(f, &f->ggz1, c);
	assert_int_equal(t->days_to_job, 40);
	assert_int_equal(t->njobs, 2);
	assert_int_equal(t->jobs[0].tenure_days, 4);
	assert_true(t->jobs[1].counts);
	assert_int_equal(t->jobs[1].tenure_days, 20);
	assert_int_equal(t->jobs[1].minutes_per_week, 960);
	assert_int_equal(ct_qint(&f->t, "SELECT first_contact_date - "
	    "start_date FROM trajectory WHERE id = %lld", (long long)tr), 12);
	/* the threshold is configurable: at 2 hours the first job counts */
	wb_ips_set_job_threshold(120);
	t = only(f, &f->ggz1, c);
	assert_int_equal(t->days_to_job, 35);
	wb_ips_set_job_threshold(WB_JOB_MIN_MINUTES_DEFAULT);
	assert_int_equal(ct_events(&f->t, "job.start", "allowed", c), 2);
	assert_int_equal(ct_events(&f->t, "job.end", "allowed", c), 1);
	assert_int_equal(ct_events(&f->t, "milestone.add", "allowed", c), 3);
	assert_true(ct_events(&f->t, "trajectory.read", "allowed", c) >= 3);
}

/* Work & income data: UWV sees the trajectory only under a consent that
 * names work & income; an employer never. */
static void
test_consent(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_trajectory	*list;
	struct wb_err		 err;
	int64_t			 c, shared, consent, tr;
	size_t			 n;

	c = ct_reg(f, &f->ggz1, BSN2, "Hendrik");
	(void)ct_grant(&f->t, &f->ggz1, c, f->uwv, "re-integratie", ID);
	(void)ct_join(&f->t, &f->ggz1, c, &f->uwv1, "arbeidsdeskundige");
	tr = add_traj(f, &f->ggz1, c, "ips", day(-10), 0);
	assert_int_equal(wb_trajectory_list(f->t.db, &f->uwv1, c, &f->t.a,
	    &list, &n, &err), WB_EDENIED);
	assert_int_equal(n, 0);
	assert_int_equal(milestone(f, &f->uwv1, c, tr, "employer-contact",
	    day(-5), NULL, -1, &err), WB_EDENIED);
	/* refused before what was typed is checked: a bad date tells
	 * nothing */
	assert_int_equal(milestone(f, &f->uwv1, c, tr, "employer-contact",
	    "31-02-2026", NULL, -1, &err), WB_EDENIED);
	assert_int_equal(milestone(f, &f->uwv1, c, tr, "promotie",
	    day(-5), NULL, -1, &err), WB_EDENIED);
	(void)add_traj(f, &f->uwv1, c, "jobcoaching", day(-1), WB_EDENIED);
	assert_int_equal(wb_trajectory_list(f->t.db, &f->werk1, c, &f->t.a,
	    &list, &n, &err), WB_EDENIED);
	assert_int_equal(ct_events(&f->t, "trajectory.read", "denied", c), 2);
	assert_int_equal(ct_events(&f->t, "milestone.add", "denied", c), 3);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM milestone"), 0);

	/* with work & income UWV reads, adds milestones and its own
	 * trajectory, but does not change the GGZ's */
	shared = ct_shared_client(f, &consent);
	tr = add_traj(f, &f->ggz1, shared, "ips", day(-10), 0);
	assert_int_equal(wb_trajectory_list(f->t.db, &f->uwv1, shared,
	    &f->t.a, &list, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_false(list[0].may_change);
	assert_int_equal(milestone(f, &f->uwv1, shared, tr,
	    "employer-contact", day(-5), NULL, -1, &err), 0);
	assert_true(add_traj(f, &f->uwv1, shared, "benefits-counseling",
	    day(0), 0) > 0);
	{
		struct wb_trajectory_input in = { .client_id = shared,
		    .id = tr, .version = 1, .status = "uitgevallen",
		    .end_date = day(0), .end_reason = "verhuisd" };

		assert_int_equal(wb_trajectory_update(f->t.db, &f->uwv1, &in,
		    &err), WB_EDENIED);
	}
	/* revoking the consent shuts the door at once */
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, shared,
	    consent, "ingetrokken door cliënt", &err), 0);
	assert_int_equal(wb_trajectory_list(f->t.db, &f->uwv1, shared,
	    &f->t.a, &list, &n, &err), WB_EDENIED);
	/* and the client sees their own */
	{
		struct wb_actor me = ct_client_actor(shared);

		assert_int_equal(wb_trajectory_list(f->t.db, &me, shared,
		    &f->t.a, &list, &n, &err), 0);
		assert_int_equal(n, 2);
		assert_false(list[0].may_change);
		assert_int_equal(milestone(f, &me, shared, tr,
		    "employer-contact", day(-4), NULL, -1, &err), WB_EDENIED);
	}
}

static void
test_validation(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_err		 err;
	int64_t			 c, tr, before;

	c = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	(void)add_traj(f, &f->ggz1, c, "nope", day(-1), WB_EINVAL);
	{
		struct wb_trajectory_input in = { .client_id = c,
		    .intervention = "ips", .start_date = day(1) };
		int64_t id;

		assert_int_equal(wb_trajectory_add(f->t.db, &f->ggz1, &in,
		    &id, &err), WB_EINVAL);
		assert_string_equal(err.field, "start_date");
		in.start_date = "31-02-2026";
		assert_int_equal(wb_trajectory_add(f->t.db, &f->ggz1, &in,
		    &id, &err), WB_EINVAL);
		in.start_date = day(-5);
		in.referral_date = day(-3);
		assert_int_equal(wb_trajectory_add(f->t.db, &f->ggz1, &in,
		    &id, &err), WB_EINVAL);
		in.referral_date = NULL;
		in.org_id = f->uwv;
		assert_int_equal(wb_trajectory_add(f->t.db, &f->ggz1, &in,
		    &id, &err), WB_EINVAL);
		assert_string_equal(err.field, "organisation");
		in.org_id = 0;
		in.lead_user = f->uwv1.user_id;
		assert_int_equal(wb_trajectory_add(f->t.db, &f->ggz1, &in,
		    &id, &err), WB_EINVAL);
		assert_string_equal(err.field, "lead");
	}
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM trajectory"),
	    0);
	tr = add_traj(f, &f->ggz1, c, "ips", day(-10), 0);
	before = ct_qint(&f->t, "SELECT count(*) FROM milestone");
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "employer-contact",
	    day(-11), NULL, -1, &err), WB_EINVAL);
	assert_string_equal(err.field, "date");
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "employer-contact",
	    day(1), NULL, -1, &err), WB_EINVAL);
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "promotie",
	    day(-1), NULL, -1, &err), WB_EINVAL);
	assert_string_equal(err.field, "type");
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "job-start", day(-1),
	    "zestien", 1, &err), WB_EINVAL);
	assert_string_equal(err.field, "hours");
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "job-start", day(-1),
	    "16", -1, &err), WB_EINVAL);
	assert_string_equal(err.field, "competitive");
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "job-end", day(-1),
	    NULL, -1, &err), WB_EINVAL);
	assert_string_equal(err.field, "job");
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM milestone"),
	    before);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM job"), 0);
	/* a job cannot end before it began */
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "job-start", day(-3),
	    "16", 1, &err), 0);
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "job-end", day(-4),
	    NULL, -1, &err), WB_EINVAL);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM job WHERE "
	    "end_date IS NULL"), 1);
}

static void
test_status(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_trajectory	*t;
	struct wb_err		 err;
	int64_t			 c, tr;
	struct wb_trajectory_input in = { 0 };

	c = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	in.client_id = c;
	in.intervention = "wabz";
	in.referral_date = day(-20);
	assert_int_equal(wb_trajectory_add(f->t.db, &f->ggz1, &in, &tr,
	    &err), 0);
	t = only(f, &f->ggz1, c);
	assert_string_equal(t->status, "aangemeld");
	assert_true(t->may_change);
	/* no milestones before the start */
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "profile", day(-1),
	    NULL, -1, &err), WB_EINVAL);
	memset(&in, 0, sizeof(in));
	in.client_id = c;
	in.id = tr;
	in.version = 1;
	in.status = "afgerond";
	in.end_date = day(0);
	assert_int_equal(wb_trajectory_update(f->t.db, &f->ggz1, &in, &err),
	    WB_EINVAL);
	in.status = "actief";
	in.end_date = NULL;
	in.start_date = day(-21);	/* before the referral */
	assert_int_equal(wb_trajectory_update(f->t.db, &f->ggz1, &in, &err),
	    WB_EINVAL);
	in.start_date = day(-15);
	assert_int_equal(wb_trajectory_update(f->t.db, &f->ggz1, &in, &err),
	    0);
	/* the same form again is stale */
	assert_int_equal(wb_trajectory_update(f->t.db, &f->ggz1, &in, &err),
	    WB_ECONFLICT);
	in.version = 2;
	in.status = "uitgevallen";
	/* a typed start cannot move the end before the stored start */
	in.start_date = day(-30);
	in.end_date = day(-20);
	in.end_reason = "Opname";
	assert_int_equal(wb_trajectory_update(f->t.db, &f->ggz1, &in, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "start_date");
	in.start_date = NULL;
	assert_int_equal(wb_trajectory_update(f->t.db, &f->ggz1, &in, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "end_date");
	in.end_date = day(-2);
	in.end_reason = "";
	assert_int_equal(wb_trajectory_update(f->t.db, &f->ggz1, &in, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "end_reason");
	in.end_reason = "Opname";
	assert_int_equal(wb_trajectory_update(f->t.db, &f->ggz1, &in, &err),
	    0);
	t = only(f, &f->ggz1, c);
	assert_string_equal(t->status, "uitgevallen");
	assert_int_equal(t->end_date - t->start_date, 13);
	assert_string_equal(t->end_reason, "Opname");
	in.version = 3;
	in.status = "actief";
	assert_int_equal(wb_trajectory_update(f->t.db, &f->ggz1, &in, &err),
	    WB_EINVAL);
	assert_int_equal(milestone(f, &f->ggz1, c, tr, "profile", day(-1),
	    NULL, -1, &err), WB_EINVAL);
	assert_int_equal(ct_events(&f->t, "trajectory.update", "allowed", c),
	    2);
}

static void
test_catalogue(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_intervention	*iv;
	struct wb_err		 err;
	size_t			 n;

	assert_int_equal(wb_intervention_list(f->t.db, false, &f->t.a, &iv,
	    &n, &err), 0);
	assert_int_equal(n, 9);
	assert_string_equal(iv[0].code, "ips");
	assert_true(iv[0].ips);
	assert_string_equal(iv[8].code, "overig");
	assert_int_equal(wb_intervention_update(f->t.db, &f->ggz1, "krachtwerk",
	    "Kracht", "", false, &err), WB_EDENIED);
	assert_int_equal(wb_intervention_update(f->t.db, &f->admin,
	    "krachtwerk", "", "", false, &err), WB_EINVAL);
	assert_int_equal(wb_intervention_update(f->t.db, &f->admin, "nope",
	    "Iets", "", false, &err), WB_ENOTFOUND);
	assert_int_equal(wb_intervention_update(f->t.db, &f->admin,
	    "krachtwerk", " Krachtwerk (regio) ", "", false, &err), 0);
	assert_int_equal(wb_intervention_list(f->t.db, false, &f->t.a, &iv,
	    &n, &err), 0);
	assert_int_equal(n, 8);
	assert_int_equal(wb_intervention_list(f->t.db, true, &f->t.a, &iv,
	    &n, &err), 0);
	assert_int_equal(n, 9);
	assert_string_equal(iv[4].name, "Krachtwerk (regio)");
	/* no longer offered: no new trajectories */
	{
		int64_t c = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");

		(void)add_traj(f, &f->ggz1, c, "krachtwerk", day(-1),
		    WB_EINVAL);
	}
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'intervention.update' AND outcome = 'allowed'"), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'intervention.update' AND outcome = 'denied'"), 1);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, ct_setup, ct_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hours),
		T(test_ips_days),
		T(test_consent),
		T(test_validation),
		T(test_status),
		T(test_catalogue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
