/* test_indicator.c - the outcome indicators of a quarter: the IPS
 * definitions end to end, who counts where (monitoring consent), and
 * small-cell suppression of every figure that leaves an organisation. */
#include "clienttest.h"
#include "domain/trajectory.h"
#include "report/indicator.h"
#include "report/suppress.h"
#include "domain/target.h"

/* 2026K3: 1 July to 30 September 2026 (the clock is in January 2027). */
#define Y	2026
#define Q	3

/* The n-th BSN that passes the 11-proef (n >= 0), into buf. */
static const char *
bsn_n(int n, char *buf, size_t sz)
{
	static const int w[8] = { 9, 8, 7, 6, 5, 4, 3, 2 };
	int	base = 20000000 + n * 13, s, i, d;

	for (;; base++) {
		char	digits[16];

		snprintf(digits, sizeof(digits), "%08d", base);
		for (s = 0, i = 0; i < 8; i++)
			s += (digits[i] - '0') * w[i];
		d = s % 11;
		if (d <= 9) {
			snprintf(buf, sz, "%.8s%c", digits, '0' + d);
			return buf;
		}
	}
}

/* "yyyy-mm-dd" of 2026-07-01 + n days. */
static const char *
q3(int n, char *buf, size_t sz)
{
	wb_date_iso(wb_days_from_civil(Y, 7, 1) + n, buf, sz);
	return buf;
}

static void
ms(struct ct_fx *f, int64_t c, int64_t tr, const char *type, int dayno,
    const char *hours, int competitive)
{
	char	d[16];
	struct wb_milestone_input in = { .client_id = c, .trajectory_id = tr,
	    .type = type, .date = q3(dayno, d, sizeof(d)),
	    .employer = "Bakkerij", .hours = hours,
	    .competitive = competitive, .min_wage = 1, .contract = "vast" };
	struct wb_err	err;
	int64_t		id;

	if (wb_milestone_add(f->t.db, &f->ggz1, &in, &id, &err) != 0)
		fail_msg("milestone: %s", err.msg);
}

/* Client number n of the GGZ in `iv` from 1 July: contact on day 12 and
 * a job of `hours` on day 40; with `monitoring` a monitoring consent for
 * the GGZ. */
static int64_t
client(struct ct_fx *f, int n, const char *iv, const char *hours,
    bool monitoring)
{
	struct wb_trajectory_input in = { .intervention = iv };
	struct wb_err	err;
	char		bsn[16], d[16];
	int64_t		c, tr;

	c = ct_reg(f, &f->ggz1, bsn_n(n, bsn, sizeof(bsn)), "Client");
	if (monitoring)
		(void)ct_grant(&f->t, &f->ggz1, c, f->ggz, "monitoring",
		    WORK | HEALTH);
	in.client_id = c;
	in.start_date = q3(0, d, sizeof(d));
	if (wb_trajectory_add(f->t.db, &f->ggz1, &in, &tr, &err) != 0)
		fail_msg("trajectory: %s", err.msg);
	ms(f, c, tr, "employer-contact", 12, NULL, -1);
	if (hours != NULL)
		ms(f, c, tr, "job-start", 40, hours, 1);
	return c;
}

static void
get(struct ct_fx *f, const struct wb_actor *a, const char *region,
    int64_t org, struct wb_indicators *out)
{
	struct wb_ind_scope s = { .region_code = region, .org_id = org,
	    .year = Y, .quarter = Q };
	struct wb_err	err;

	if (wb_indicators_get(f->t.db, a, &s, &f->t.a, out, &err) != 0)
		fail_msg("indicators: %s", err.msg);
}

static const struct wb_ind_row *
row(const struct wb_indicators *ind, const char *iv)
{
	size_t	i;

	for (i = 0; i < ind->nrows; i++)
		if (strcmp(ind->rows[i].intervention, iv) == 0)
			return &ind->rows[i];
	fail_msg("no row %s", iv);
	return NULL;
}

static void
test_quarter(void **state)
{
	int	y, q;
	int64_t	a, b;
	char	buf[16];

	(void)state;
	assert_int_equal(wb_quarter_parse("2026K3", &y, &q), 0);
	assert_int_equal(y, 2026);
	assert_int_equal(q, 3);
	assert_int_equal(wb_quarter_parse("2026Q4", &y, &q), 0);
	assert_int_equal(q, 4);
	assert_int_equal(wb_quarter_parse("2026K5", &y, &q), WB_EINVAL);
	assert_int_equal(wb_quarter_parse("2026K0", &y, &q), WB_EINVAL);
	assert_int_equal(wb_quarter_parse("1999K1", &y, &q), WB_EINVAL);
	assert_int_equal(wb_quarter_parse("2026-3", &y, &q), WB_EINVAL);
	assert_int_equal(wb_quarter_parse("2026K33", &y, &q), WB_EINVAL);
	assert_int_equal(wb_quarter_parse(NULL, &y, &q), WB_EINVAL);
	wb_quarter_days(2026, 3, &a, &b);
	assert_int_equal(a, wb_days_from_civil(2026, 7, 1));
	assert_int_equal(b, wb_days_from_civil(2026, 9, 30));
	wb_quarter_days(2024, 1, &a, &b);
	assert_int_equal(b - a, 90);	/* a leap year's first quarter */
	wb_quarter_days(2026, 4, &a, &b);
	assert_int_equal(b, wb_days_from_civil(2026, 12, 31));
	wb_quarter_of(wb_days_from_civil(2026, 9, 30), &y, &q);
	assert_int_equal(q, 3);
	wb_quarter_of(wb_days_from_civil(2026, 10, 1), &y, &q);
	assert_int_equal(q, 4);
	wb_quarter_format(2026, 3, buf, sizeof(buf));
	assert_string_equal(buf, "2026K3");
}

/* The case, in the organisation's own view: contact on day 12, a
 * competitive 16-hour job on day 40; a 3-hour job is no job start. */
static void
test_own_view(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_indicators	 ind;
	const struct wb_ind_row	*r;

	(void)client(f, 0, "ips", "16", false);
	(void)client(f, 1, "ips", "3", false);
	get(f, &f->ggz1, NULL, f->ggz, &ind);
	assert_true(ind.own);
	r = row(&ind, "ips");
	assert_int_equal(r->count[WB_IND_CASELOAD], 2);
	assert_int_equal(r->count[WB_IND_WORKING], 1);
	assert_int_equal(r->count[WB_IND_STARTS], 1);
	assert_true(r->rate_shown);
	assert_true(r->rate > 49.99 && r->rate < 50.01);
	assert_int_equal(r->stat_n[WB_IND_DAYS_CONTACT], 2);
	assert_true(r->stat[WB_IND_DAYS_CONTACT] == 12.0);
	assert_int_equal(r->stat_n[WB_IND_DAYS_JOB], 1);
	assert_true(r->stat[WB_IND_DAYS_JOB] == 40.0);
	assert_true(r->stat_shown[WB_IND_DAYS_JOB]);
	assert_int_equal(ind.total.count[WB_IND_CASELOAD], 2);
	assert_int_equal(row(&ind, "wabz")->count[WB_IND_CASELOAD], 0);
	/* the quarter before and after */
	{
		struct wb_ind_scope s = { .org_id = f->ggz, .year = Y,
		    .quarter = 2 };
		struct wb_err err;

		assert_int_equal(wb_indicators_get(f->t.db, &f->ggz1, &s,
		    &f->t.a, &ind, &err), 0);
		assert_int_equal(ind.total.count[WB_IND_CASELOAD], 0);
		s.quarter = 4;
		assert_int_equal(wb_indicators_get(f->t.db, &f->ggz1, &s,
		    &f->t.a, &ind, &err), 0);
		/* still active in K4, but the job and contact were in K3 */
		assert_int_equal(ind.total.count[WB_IND_CASELOAD], 2);
		assert_int_equal(ind.total.count[WB_IND_WORKING], 1);
		assert_int_equal(ind.total.count[WB_IND_STARTS], 0);
		assert_int_equal(ind.total.stat_n[WB_IND_DAYS_JOB], 0);
	}
	/* a client is refused; nobody sees the trajectories themselves */
	{
		struct wb_actor	me = ct_client_actor(1);
		struct wb_ind_scope s = { .org_id = f->ggz, .year = Y,
		    .quarter = Q };
		struct wb_err err;

		assert_int_equal(wb_indicators_get(f->t.db, &me, &s, &f->t.a,
		    &ind, &err), WB_EDENIED);
	}
}

/* The region: only clients with a monitoring consent count, and with ten
 * of them the figures show there too. */
static void
test_region_view(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_indicators	 ind;
	const struct wb_ind_row	*r;
	int			 i;

	for (i = 0; i < 10; i++)
		(void)client(f, i, "ips", "16", true);
	for (i = 10; i < 20; i++)
		(void)client(f, i, "ips", "3", true);
	(void)client(f, 20, "ips", "20", false);	/* no consent */
	get(f, &f->uwv1, "AM01", 0, &ind);
	assert_false(ind.own);
	r = row(&ind, "ips");
	assert_int_equal(r->count[WB_IND_CASELOAD], 20);
	assert_true(r->count_shown[WB_IND_CASELOAD]);
	assert_int_equal(r->count[WB_IND_WORKING], 10);
	assert_int_equal(r->count[WB_IND_STARTS], 10);
	assert_true(r->rate_shown);
	assert_true(r->stat_shown[WB_IND_DAYS_CONTACT]);
	assert_true(r->stat[WB_IND_DAYS_CONTACT] == 12.0);
	assert_true(r->stat_shown[WB_IND_DAYS_JOB]);
	assert_true(r->stat[WB_IND_DAYS_JOB] == 40.0);
	/* the GGZ's own view counts the client without consent too */
	get(f, &f->ggz1, NULL, f->ggz, &ind);
	assert_int_equal(row(&ind, "ips")->count[WB_IND_CASELOAD], 21);
	/* one organisation's figures are its own staff's only: region
	 * minus organisation would give the others' small counts away */
	{
		struct wb_ind_scope s = { .org_id = f->ggz, .year = Y,
		    .quarter = Q };
		struct wb_err err;

		assert_int_equal(wb_indicators_get(f->t.db, &f->uwv1, &s,
		    &f->t.a, &ind, &err), WB_EDENIED);
		assert_int_equal(wb_indicators_get(f->t.db, &f->admin, &s,
		    &f->t.a, &ind, &err), WB_EDENIED);
		s.org_id = 0;
		s.region_code = "AM01";
		assert_int_equal(wb_indicators_get(f->t.db, &f->admin, &s,
		    &f->t.a, &ind, &err), WB_EDENIED);
	}
	/* 10 of 11 working would tell that 1 did not: not shown */
	(void)client(f, 21, "wabz", "16", true);
	for (i = 22; i < 32; i++)
		(void)client(f, i, "wabz", "16", true);
	dbt_exec(&f->t, "DELETE FROM job WHERE id = (SELECT max(j.id) FROM "
	    "job j JOIN trajectory t ON t.id = j.trajectory_id WHERE "
	    "t.intervention = 'wabz')");
	get(f, &f->uwv1, "AM01", 0, &ind);
	r = row(&ind, "wabz");
	assert_int_equal(r->count[WB_IND_CASELOAD], 11);
	assert_false(r->rate_shown);
	assert_false(r->count_shown[WB_IND_WORKING]);
}

/* Few clients: the cell, its total and every figure over them are not
 * shown, and no total gives them away. */
static void
test_suppression(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_indicators	 ind;
	const struct wb_ind_row	*ips, *wabz;
	int			 i;

	for (i = 0; i < 3; i++)
		(void)client(f, i, "ips", "16", true);
	get(f, &f->uwv1, "AM01", 0, &ind);
	ips = row(&ind, "ips");
	assert_false(ips->count_shown[WB_IND_CASELOAD]);
	assert_int_equal(ips->count[WB_IND_CASELOAD], 0);	/* not left */
	assert_false(ips->rate_shown);
	assert_false(ips->stat_shown[WB_IND_DAYS_JOB]);
	assert_false(ind.total.count_shown[WB_IND_CASELOAD]);
	assert_false(ind.total.count_shown[WB_IND_WORKING]);
	assert_false(ind.total.rate_shown);
	/* 12 in IPS and 3 in Werk als beste Zorg: the 3 is hidden, and so
	 * is one more cell of its column, or the total would tell */
	for (i = 3; i < 12; i++)
		(void)client(f, i, "ips", "16", true);
	for (i = 12; i < 15; i++)
		(void)client(f, i, "wabz", NULL, true);
	get(f, &f->uwv1, "AM01", 0, &ind);
	ips = row(&ind, "ips");
	wabz = row(&ind, "wabz");
	assert_false(wabz->count_shown[WB_IND_CASELOAD]);
	assert_false(ips->count_shown[WB_IND_CASELOAD] &&
	    ind.total.count_shown[WB_IND_CASELOAD]);
	/* zero rows stay shown as 0 */
	assert_true(row(&ind, "krachtwerk")->count_shown[WB_IND_CASELOAD]);
	/* the medians over 12 IPS contacts are still fine */
	assert_true(ips->stat_shown[WB_IND_DAYS_CONTACT]);
	assert_false(wabz->stat_shown[WB_IND_DAYS_CONTACT]);
}

/* Ladder and complaint measures: the share who rose and the mean change,
 * PHQ-9 only under a monitoring consent that names health. */
static void
test_measures(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_indicators	 ind;
	const struct wb_ind_row	*r;
	int64_t			 c;
	int			 i;

	for (i = 0; i < 20; i++) {
		c = client(f, i, "ips", i < 10 ? "16" : NULL, true);
		{
			char	sql[512];
			int64_t	d0 = wb_days_from_civil(Y, 7, 1);

			snprintf(sql, sizeof(sql), "INSERT INTO measurement "
			    "(client_id, instrument, on_date, value, source, "
			    "created_at) VALUES (%lld, 'ladder', %lld, 2, "
			    "'professional', 0), (%lld, 'ladder', %lld, %d, "
			    "'professional', 0), (%lld, 'phq9', %lld, 15, "
			    "'professional', 0), (%lld, 'phq9', %lld, 9, "
			    "'professional', 0)", (long long)c, (long long)d0,
			    (long long)c, (long long)d0 + 60, i % 2 ? 5 : 2,
			    (long long)c, (long long)d0, (long long)c,
			    (long long)d0 + 60);
			dbt_exec(&f->t, sql);
		}
	}
	get(f, &f->uwv1, "AM01", 0, &ind);
	r = row(&ind, "ips");
	assert_int_equal(r->count[WB_IND_LADDER_N], 20);
	assert_true(r->rose_shown);
	assert_true(r->rose > 49.99 && r->rose < 50.01);
	/* the distributions: all on rung 2 first, half on 5 at the end */
	assert_true(ind.ladder_shown[0] && ind.ladder_shown[1]);
	assert_int_equal(ind.ladder_first[1], 20);
	assert_int_equal(ind.ladder_last[1], 10);
	assert_int_equal(ind.ladder_last[4], 10);
	assert_true(r->stat_shown[WB_IND_PHQ9]);
	assert_true(r->stat[WB_IND_PHQ9] == -6.0);
	assert_false(r->stat_shown[WB_IND_K10]);
	/* without health in the monitoring consent, no PHQ-9 beyond the
	 * GGZ (work & income only) */
	dbt_exec(&f->t, "UPDATE consent SET categories = 2 WHERE purpose = "
	    "'monitoring'");
	get(f, &f->uwv1, "AM01", 0, &ind);
	r = row(&ind, "ips");
	assert_int_equal(r->count[WB_IND_CASELOAD], 20);
	assert_false(r->stat_shown[WB_IND_PHQ9]);
	/* one client drops to rung 1 at the end: a count of 1 hides that
	 * distribution (and its neighbour), not the other */
	dbt_exec(&f->t, "UPDATE measurement SET value = 1 WHERE id = (SELECT "
	    "max(id) FROM measurement WHERE instrument = 'ladder')");
	get(f, &f->uwv1, "AM01", 0, &ind);
	assert_true(ind.ladder_shown[0]);
	assert_false(ind.ladder_shown[1]);
	assert_int_equal(ind.ladder_last[0], 0);
	/* not in the GGZ's own view either: complaint measures count only
	 * under a monitoring consent that names health */
	get(f, &f->ggz1, NULL, f->ggz, &ind);
	assert_false(row(&ind, "ips")->stat_shown[WB_IND_PHQ9]);
	assert_true(row(&ind, "ips")->stat_shown[WB_IND_DAYS_CONTACT]);
	/* and revoked monitoring: nobody counts outside */
	dbt_exec(&f->t, "UPDATE consent SET revoked_at = 1 WHERE purpose = "
	    "'monitoring'");
	get(f, &f->uwv1, "AM01", 0, &ind);
	assert_int_equal(ind.total.count[WB_IND_CASELOAD], 0);
	assert_true(ind.total.count_shown[WB_IND_CASELOAD]);
}

/* Several quarters from one query agree with the quarters one by one. */
static void
test_trend(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_indicators	 tr[4], one;
	struct wb_ind_scope	 s = { .region_code = "AM01", .year = Y,
	    .quarter = 4 };
	struct wb_err		 err;
	int			 i;

	for (i = 0; i < 12; i++)
		(void)client(f, i, i < 2 ? "wabz" : "ips", "16", true);
	assert_int_equal(wb_indicators_trend(f->t.db, &f->uwv1, &s, 4,
	    &f->t.a, tr, &err), 0);
	assert_int_equal(tr[0].scope.quarter, 1);
	assert_int_equal(tr[3].scope.quarter, 4);
	assert_int_equal(tr[0].total.count[WB_IND_CASELOAD], 0);
	assert_true(tr[0].total.count_shown[WB_IND_CASELOAD]);
	for (i = 0; i < 4; i++) {
		struct wb_ind_scope q = s;

		q.quarter = i + 1;
		get(f, &f->uwv1, "AM01", 0, &one);
		if (q.quarter != Q)
			assert_int_equal(wb_indicators_get(f->t.db, &f->uwv1,
			    &q, &f->t.a, &one, &err), 0);
		assert_int_equal(tr[i].total.count[WB_IND_CASELOAD],
		    one.total.count[WB_IND_CASELOAD]);
		assert_int_equal(tr[i].total.count_shown[WB_IND_CASELOAD],
		    one.total.count_shown[WB_IND_CASELOAD]);
		assert_int_equal(tr[i].total.rate_shown, one.total.rate_shown);
		assert_int_equal(row(&tr[i], "wabz")->count_shown[
		    WB_IND_CASELOAD], row(&one, "wabz")->count_shown[
		    WB_IND_CASELOAD]);
	}
	/* K3 and K4: 12 clients, all working; the 2 in wabz are hidden and
	 * so is one more cell of the column */
	assert_int_equal(tr[2].total.count[WB_IND_CASELOAD], 12);
	assert_true(tr[2].total.rate_shown);
	assert_false(row(&tr[2], "wabz")->count_shown[WB_IND_CASELOAD]);
	assert_false(row(&tr[2], "ips")->count_shown[WB_IND_CASELOAD]);
	/* bad lengths */
	assert_int_equal(wb_indicators_trend(f->t.db, &f->uwv1, &s, 0,
	    &f->t.a, tr, &err), WB_EINVAL);
}

/* Targets: who sets them, their checks, replacing, the audit. */
static void
test_targets(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_actor		 coord = ct_actor(&f->t, "coord@x.example",
	    "Cora", "coordinator", "UWVN");
	struct wb_target	 in = { .region_code = "AM01",
	    .indicator = "employment-rate", .year = 2026, .value = 41 };
	struct wb_target	*list;
	struct wb_err		 err;
	int64_t			 id;
	size_t			 n;

	coord.region_code = "AM01";
	assert_int_equal(wb_target_set(f->t.db, &f->ggz1, &in, &id, &err),
	    WB_EDENIED);
	assert_int_equal(wb_target_set(f->t.db, &coord, &in, &id, &err), 0);
	in.value = 45;		/* replaces */
	assert_int_equal(wb_target_set(f->t.db, &coord, &in, &id, &err), 0);
	in.value = 101;
	assert_int_equal(wb_target_set(f->t.db, &coord, &in, &id, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "value");
	in.value = 30;
	in.indicator = "happiness";
	assert_int_equal(wb_target_set(f->t.db, &coord, &in, &id, &err),
	    WB_EINVAL);
	in.indicator = "days-to-contact";
	in.intervention = "nope";
	assert_int_equal(wb_target_set(f->t.db, &coord, &in, &id, &err),
	    WB_EINVAL);
	in.intervention = "ips";
	assert_int_equal(wb_target_set(f->t.db, &coord, &in, &id, &err), 0);
	in.region_code = "AM02";	/* not the coordinator's region */
	assert_int_equal(wb_target_set(f->t.db, &coord, &in, &id, &err),
	    WB_EDENIED);
	/* an admin may set any region's, but not one that does not exist */
	in.region_code = "AM99";
	assert_int_equal(wb_target_set(f->t.db, &f->admin, &in, &id, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "region");
	/* an organisation's own: its professionals, not another's */
	in.region_code = NULL;
	in.org_id = f->ggz;
	in.intervention = NULL;
	in.indicator = "job-starts";
	in.value = 5;
	assert_int_equal(wb_target_set(f->t.db, &f->uwv1, &in, &id, &err),
	    WB_EDENIED);
	assert_int_equal(wb_target_set(f->t.db, &f->ggz1, &in, &id, &err), 0);
	assert_int_equal(wb_target_list(f->t.db, "AM01", 0, 2026, &f->t.a,
	    &list, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].indicator, "employment-rate");
	assert_int_equal(list[0].value, 45);
	assert_null(list[0].intervention);
	assert_string_equal(list[1].intervention, "ips");
	assert_true(wb_target_lower_is_better(list[1].indicator));
	assert_int_equal(wb_target_list(f->t.db, NULL, f->ggz, 2026, &f->t.a,
	    &list, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'target.set' AND outcome = 'allowed'"), 4);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'target.set' AND outcome = 'denied'"), 3);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM indicator_target "
	    "WHERE region_code = 'AM99'"), 0);
}

/* Asking for one intervention shows its row as the full table shows it:
 * the filtered total cannot be set against the unfiltered one. */
static void
test_filter(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_indicators	 all, one;
	struct wb_ind_scope	 s = { .region_code = "AM01", .year = Y,
	    .quarter = Q, .intervention = "wabz" };
	struct wb_err		 err;
	int			 i;

	for (i = 0; i < 3; i++)
		(void)client(f, i, "ips", "16", true);
	for (i = 3; i < 23; i++)
		(void)client(f, i, "wabz", i < 13 ? "16" : NULL, true);
	get(f, &f->uwv1, "AM01", 0, &all);
	assert_int_equal(wb_indicators_get(f->t.db, &f->uwv1, &s, &f->t.a,
	    &one, &err), 0);
	assert_int_equal(one.nrows, 1);
	assert_string_equal(one.rows[0].intervention, "wabz");
	assert_int_equal(one.rows[0].count_shown[WB_IND_CASELOAD],
	    row(&all, "wabz")->count_shown[WB_IND_CASELOAD]);
	assert_int_equal(one.rows[0].count[WB_IND_CASELOAD],
	    row(&all, "wabz")->count[WB_IND_CASELOAD]);
	assert_int_equal(one.total.count_shown[WB_IND_WORKING],
	    row(&all, "wabz")->count_shown[WB_IND_WORKING]);
	/* the 3 in IPS are hidden, and the filtered figures with the
	 * unfiltered total would tell 23 - 20: so one of them is hidden */
	assert_false(row(&all, "ips")->count_shown[WB_IND_CASELOAD]);
	assert_false(all.total.count_shown[WB_IND_CASELOAD] &&
	    one.total.count_shown[WB_IND_CASELOAD]);
	assert_false(one.ladder_shown[0]);
	/* an unknown intervention is a field error */
	s.intervention = "nope";
	assert_int_equal(wb_indicators_get(f->t.db, &f->uwv1, &s, &f->t.a,
	    &one, &err), WB_EINVAL);
}

/* A UWV's own view never holds the complaint measures a GGZ recorded,
 * whatever the team. */
static void
test_own_health(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_indicators	 ind;
	struct wb_trajectory_input in = { .intervention = "jobcoaching" };
	struct wb_err		 err;
	char			 bsn[16], d[16], sql[256];
	int64_t			 c, tr;
	int			 i;

	for (i = 0; i < 12; i++) {
		c = ct_reg(f, &f->ggz1, bsn_n(i, bsn, sizeof(bsn)), "Client");
		(void)ct_grant(&f->t, &f->ggz1, c, f->uwv, "re-integratie",
		    ID | WORK);
		(void)ct_join(&f->t, &f->ggz1, c, &f->uwv1, "klantmanager");
		in.client_id = c;
		in.start_date = q3(0, d, sizeof(d));
		if (wb_trajectory_add(f->t.db, &f->uwv1, &in, &tr, &err) != 0)
			fail_msg("trajectory: %s", err.msg);
		snprintf(sql, sizeof(sql), "INSERT INTO measurement "
		    "(client_id, instrument, on_date, value, source, "
		    "created_at) VALUES (%lld, 'phq9', %lld, 20, "
		    "'professional', 0), (%lld, 'phq9', %lld, 5, "
		    "'professional', 0)", (long long)c,
		    (long long)wb_days_from_civil(Y, 7, 1), (long long)c,
		    (long long)wb_days_from_civil(Y, 8, 1));
		dbt_exec(&f->t, sql);
	}
	get(f, &f->uwv1, NULL, f->uwv, &ind);
	assert_true(ind.own);
	assert_int_equal(row(&ind, "jobcoaching")->count[WB_IND_CASELOAD], 12);
	assert_false(row(&ind, "jobcoaching")->stat_shown[WB_IND_PHQ9]);
	assert_int_equal(row(&ind, "jobcoaching")->stat_n[WB_IND_PHQ9], 0);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, ct_setup, ct_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quarter),
		T(test_own_view),
		T(test_region_view),
		T(test_suppression),
		T(test_measures),
		T(test_trend),
		T(test_targets),
		T(test_filter),
		T(test_own_health),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
