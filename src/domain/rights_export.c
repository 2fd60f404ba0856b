/* rights_export.c - the client's right of access and portability (AVG
 * art. 15 and 20): the whole record as JSON, decided and audited as one
 * read of the client's data (rights.h). */
#include "domain/rights.h"
#include "domain/rights_impl.h"
#include "domain/access.h"
#include "domain/access_log.h"
#include "domain/audit.h"
#include "domain/bsn.h"
#include "domain/card.h"
#include "domain/client.h"
#include "domain/client_access.h"
#include "domain/consent.h"
#include "domain/instrument.h"
#include "domain/note.h"
#include "domain/plan.h"
#include "domain/referral.h"
#include "domain/trajectory.h"
#include "domain/vault.h"
#include "base/str.h"
#include "base/time.h"

#include <sodium.h>

/* Notes and log lines in one export: far beyond any real record, a
 * bound all the same. */
#define EXPORT_MAX_ROWS		1000000
/* ---------- export --------------------------------------------------- */

/* One export in the making. */
struct ex {
	struct wb_db	*db;
	int64_t		 client_id;
	unsigned	 allowed;	/* WB_CAT_* the reader may see */
	int64_t		 today;		/* for what is active today */
	bool		 display;	/* add *_nl and *_label keys */
	bool		 full_bsn;	/* the client themself */
	struct wb_arena	 a;
};

static json_t *
jstr(const char *s)
{
	json_t	*v = s != NULL ? json_string(s) : NULL;

	return v != NULL ? v : json_null();
}

/* Column `col` as a JSON string, null when NULL. */
static json_t *
jcol(struct wb_stmt *st, int col)
{
	return wb_stmt_isnull(st, col) ? json_null() :
	    jstr(wb_stmt_text(st, col));
}

static void
put_label(struct ex *x, json_t *o, const char *key, const char *label)
{
	char	k[64];

	if (!x->display)
		return;
	snprintf(k, sizeof(k), "%s_label", key);
	json_object_set_new(o, k, jstr(label));
}

/* A date in days (`days`; INT64_MIN: none) as yyyy-mm-dd, or a Unix
 * time (0: none) as ISO; for a page also key_nl: dd-mm-jjjj (hh:mm). */
static void
put_when(struct ex *x, json_t *o, const char *key, int64_t v, bool days)
{
	char	iso[32], nl[32], k[64];

	if (v == (days ? INT64_MIN : 0)) {
		json_object_set_new(o, key, json_null());
		return;
	}
	if (days) {
		wb_date_iso(v, iso, sizeof(iso));
		wb_date_nl(v, nl, sizeof(nl));
	} else {
		wb_time_iso(v, iso, sizeof(iso));
		wb_time_nl(v, nl, sizeof(nl));
	}
	json_object_set_new(o, key, json_string(iso));
	if (x->display) {
		snprintf(k, sizeof(k), "%s_nl", key);
		json_object_set_new(o, k, json_string(nl));
	}
}

static void
put_time(struct ex *x, json_t *o, const char *key, int64_t t)
{
	put_when(x, o, key, t, false);
}

static void
put_date(struct ex *x, json_t *o, const char *key, int64_t days)
{
	put_when(x, o, key, days, true);
}

static int64_t
opt_int(struct wb_stmt *st, int col)
{
	return wb_stmt_isnull(st, col) ? 0 : wb_stmt_int64(st, col);
}

/* The categories of a bit set as names, and as labels for a page. */
static void
put_categories(struct ex *x, json_t *o, const char *key, unsigned cats)
{
	json_t	*names = json_array(), *labels = json_array();
	char	 k[64];
	size_t	 i;

	for (i = 0; i < WB_NCATS; i++)
		if ((cats & (1u << i)) != 0) {
			json_array_append_new(names, json_string(
			    wb_category_name(1u << i)));
			json_array_append_new(labels, json_string(
			    wb_category_label(1u << i)));
		}
	json_object_set_new(o, key, names);
	if (x->display) {
		snprintf(k, sizeof(k), "%s_labels", key);
		json_object_set_new(o, k, labels);
	} else
		json_decref(labels);
}

/* The record itself: identity, work & income, health as allowed. */
static int
export_record(struct ex *x, json_t *root, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	json_t		*c, *v;
	char		*bsn = NULL, masked[10];
	int		 rc;

	rc = wb_db_prepare(x->db, Q_CLIENT_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, x->client_id);
	rc = wb_stmt_step(st, err);
	if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such client");
	if (rc < 0) {
		wb_stmt_release(st);
		return rc;
	}
	c = json_pack("{s:I}", "id", (json_int_t)x->client_id);
	if ((x->allowed & WB_CAT_IDENTITY) != 0) {
		if (!wb_stmt_isnull(st, 1)) {
			rc = wb_vault_open(wb_stmt_text(st, 1), &x->a, &bsn,
			    err);
			if (rc != 0) {
				wb_stmt_release(st);
				json_decref(c);
				return rc;
			}
			if (x->full_bsn)
				json_object_set_new(c, "bsn", jstr(bsn));
			else {
				wb_bsn_mask(bsn, masked);
				json_object_set_new(c, "bsn_masked",
				    jstr(masked));
			}
			sodium_memzero(bsn, strlen(bsn));
		}
		json_object_set_new(c, "given_name", jcol(st, 2));
		json_object_set_new(c, "family_name", jcol(st, 17));
		put_date(x, c, "birth_date", wb_stmt_int64(st, 3));
		json_object_set_new(c, "phone", jcol(st, 4));
		json_object_set_new(c, "email", jcol(st, 5));
		json_object_set_new(c, "address", jcol(st, 6));
		v = json_object();
		json_object_set_new(v, "code", jcol(st, 7));
		json_object_set_new(v, "name", jcol(st, 8));
		json_object_set_new(c, "municipality", v);
		v = json_object();
		json_object_set_new(v, "code", jcol(st, 9));
		json_object_set_new(v, "name", jcol(st, 10));
		json_object_set_new(c, "region", v);
		json_object_set_new(c, "portal_account", json_boolean(
		    wb_stmt_int64(st, 18) != 0));
	}
	if ((x->allowed & WB_CAT_WORK) != 0) {
		json_object_set_new(c, "benefit", jcol(st, 11));
		put_label(x, c, "benefit", wb_client_benefit_label(
		    wb_stmt_text(st, 11)));
	}
	if ((x->allowed & WB_CAT_HEALTH) != 0) {
		json_object_set_new(c, "target_group", jcol(st, 12));
		if (!wb_stmt_isnull(st, 12))
			put_label(x, c, "target_group",
			    wb_client_target_group_label(wb_stmt_text(st,
			    12)));
	}
	json_object_set_new(c, "registered_by", jcol(st, 14));
	put_time(x, c, "created_at", wb_stmt_int64(st, 15));
	put_time(x, c, "updated_at", wb_stmt_int64(st, 16));
	wb_stmt_release(st);
	json_object_set_new(root, "client", c);
	return 0;
}

/* Export the rows of `q` as root[key], each made by `row`; the query's
 * parameters are the client id, then the `nmore` of `more`. */
static int
export_rows(struct ex *x, json_t *root, const char *key, enum wb_query q,
    const int64_t *more, size_t nmore,
    json_t *(*row)(struct ex *, struct wb_stmt *), struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	json_t		*arr = json_array();
	size_t		 i;
	int		 rc;

	rc = wb_db_prepare(x->db, q, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, x->client_id);
		for (i = 0; i < nmore; i++)
			wb_stmt_bind_int64(st, (int)i + 2, more[i]);
		while ((rc = wb_stmt_step(st, err)) == 1) {
			json_t *v = row(x, st);

			if (v != NULL)	/* NULL: a row the reader may not see */
				json_array_append_new(arr, v);
		}
	}
	wb_stmt_release(st);
	json_object_set_new(root, key, arr);
	return rc;
}

/* A care team membership, ended ones included (Q_RIGHTS_TEAM_ALL). */
static json_t *
team_row(struct ex *x, struct wb_stmt *st)
{
	json_t	*v = json_object();

	json_object_set_new(v, "name", jcol(st, 1));
	json_object_set_new(v, "organisation", jcol(st, 2));
	json_object_set_new(v, "function", jcol(st, 3));
	put_label(x, v, "function", wb_card_function_label(wb_stmt_text(st,
	    3)));
	put_time(x, v, "from", wb_stmt_int64(st, 4));
	put_time(x, v, "until", opt_int(st, 5));
	json_object_set_new(v, "current", json_boolean(wb_stmt_isnull(st,
	    5)));
	return v;
}

/* A consent, revoked and ended ones too (Q_CONSENT_LIST). */
static json_t *
consent_row(struct ex *x, struct wb_stmt *st)
{
	json_t	*v = json_pack("{s:I}", "id", (json_int_t)wb_stmt_int64(st,
	    0));
	int64_t	 from = wb_stmt_int64(st, 5);
	int64_t	 until = wb_stmt_int64(st, 6);

	json_object_set_new(v, "organisation", jcol(st, 14));
	json_object_set_new(v, "purpose", jcol(st, 3));
	put_label(x, v, "purpose", wb_purpose_label(wb_purpose_parse(
	    wb_stmt_text(st, 3))));
	put_categories(x, v, "categories", (unsigned)wb_stmt_int64(st, 4));
	put_date(x, v, "valid_from", from);
	put_date(x, v, "valid_until", until);
	json_object_set_new(v, "method", jcol(st, 7));
	put_label(x, v, "method", wb_consent_method_label(wb_stmt_text(st,
	    7)));
	json_object_set_new(v, "evidence", jcol(st, 8));
	json_object_set_new(v, "recorded_by", jcol(st, 15));
	put_time(x, v, "recorded_at", wb_stmt_int64(st, 10));
	put_time(x, v, "revoked_at", opt_int(st, 11));
	json_object_set_new(v, "revoked_by", jcol(st, 16));
	json_object_set_new(v, "revoke_reason", jcol(st, 13));
	json_object_set_new(v, "active", json_boolean(wb_stmt_isnull(st, 11) &&
	    from <= x->today && x->today <= until));
	return v;
}

/* One goal of the export, with what its status needs. */
struct ex_goal {
	int64_t			 id, stopped_at;
	json_t			*obj, *actions;
	struct wb_plan_action	*acts;
	size_t			 nacts, cap;
};

/* The goals whose track the reader may see, each with its actions and
 * its derived status. */
static int
export_plan(struct ex *x, json_t *root, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	struct ex_goal	*goals = NULL, *g = NULL;
	json_t		*arr = json_array(), *plan;
	size_t		 n = 0, cap = 0, i;
	int64_t		 today = wb_today();
	int		 rc;

	rc = wb_db_prepare(x->db, Q_GOAL_LIST, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, x->client_id);
		while ((rc = wb_stmt_step(st, err)) == 1) {
			const char	*track = wb_stmt_text(st, 2);
			unsigned	 cats = wb_plan_track_categories(track);
			json_t		*v;

			if (cats == 0 || (cats & ~x->allowed) != 0)
				continue;
			v = json_pack("{s:I}", "id",
			    (json_int_t)wb_stmt_int64(st, 0));
			json_object_set_new(v, "track", jcol(st, 2));
			put_label(x, v, "track", wb_plan_track_label(track));
			json_object_set_new(v, "title", jcol(st, 5));
			json_object_set_new(v, "target", jcol(st, 6));
			json_object_set_new(v, "organisation", jcol(st, 4));
			put_date(x, v, "due_date", wb_stmt_isnull(st, 7) ?
			    INT64_MIN : wb_stmt_int64(st, 7));
			put_time(x, v, "stopped_at", opt_int(st, 8));
			put_time(x, v, "created_at", wb_stmt_int64(st, 10));
			put_time(x, v, "updated_at", wb_stmt_int64(st, 11));
			g = WB_ARENA_PUSH(&x->a, goals, n, cap);
			g->id = wb_stmt_int64(st, 0);
			g->stopped_at = opt_int(st, 8);
			g->obj = v;
			g->actions = json_array();
			json_object_set_new(v, "actions", g->actions);
			json_array_append_new(arr, v);
		}
	}
	wb_stmt_release(st);
	st = NULL;
	if (rc == 0)
		rc = wb_db_prepare(x->db, Q_ACTION_LIST, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, x->client_id);
		g = NULL;
		while ((rc = wb_stmt_step(st, err)) == 1) {
			int64_t	goal_id = wb_stmt_int64(st, 1);
			struct wb_plan_action *pa;
			json_t	*v;

			if (g == NULL || g->id != goal_id)
				for (g = NULL, i = 0; i < n && g == NULL; i++)
					if (goals[i].id == goal_id)
						g = &goals[i];
			if (g == NULL)
				continue;	/* a goal not shown */
			pa = WB_ARENA_PUSH(&x->a, g->acts, g->nacts, g->cap);
			pa->due_date = wb_stmt_int64(st, 6);
			pa->done_at = opt_int(st, 7);
			v = json_pack("{s:I}", "id",
			    (json_int_t)wb_stmt_int64(st, 0));
			json_object_set_new(v, "title", jcol(st, 3));
			json_object_set_new(v, "who", jcol(st, 5));
			put_date(x, v, "due_date", pa->due_date);
			put_time(x, v, "done_at", pa->done_at);
			json_object_set_new(v, "done_by", jcol(st, 9));
			json_array_append_new(g->actions, v);
		}
	}
	wb_stmt_release(st);
	for (i = 0; rc == 0 && i < n; i++) {
		enum wb_goal_status s = wb_goal_status(goals[i].stopped_at,
		    goals[i].acts, goals[i].nacts, today);

		json_object_set_new(goals[i].obj, "status", json_string(
		    wb_goal_status_name(s)));
		put_label(x, goals[i].obj, "status", wb_goal_status_label(s));
	}
	plan = json_object();
	json_object_set_new(plan, "goals", arr);
	json_object_set_new(root, "plan", plan);
	return rc;
}

/* A note of the timeline (Q_NOTE_LIST). */
static json_t *
note_row(struct ex *x, struct wb_stmt *st)
{
	json_t	*v;

	/* A GGZ institution's notes are care notes (note.h): not without
	 * the health category, except for the client themself. */
	if (strcmp(wb_stmt_text(st, 10), "ggz") == 0 && !x->full_bsn &&
	    (x->allowed & WB_CAT_HEALTH) == 0)
		return NULL;
	v = json_pack("{s:I}", "id", (json_int_t)wb_stmt_int64(st, 0));

	json_object_set_new(v, "kind", jcol(st, 4));
	put_label(x, v, "kind", wb_note_kind_label(wb_stmt_text(st, 4)));
	put_date(x, v, "date", wb_stmt_int64(st, 5));
	json_object_set_new(v, "author", jcol(st, 7));
	json_object_set_new(v, "organisation", jcol(st, 8));
	json_object_set_new(v, "text", jcol(st, 6));
	put_time(x, v, "written_at", wb_stmt_int64(st, 9));
	return v;
}

/* A measurement (Q_MEASUREMENT_LIST), when its instrument's category
 * is one the reader may see (an unknown instrument counts as health). */
static json_t *
measurement_row(struct ex *x, struct wb_stmt *st)
{
	const struct wb_instrument *ins = wb_instrument_get(wb_stmt_text(st,
	    2));
	json_t	*v;

	if (((ins != NULL ? ins->category : WB_CAT_HEALTH) & x->allowed) == 0)
		return NULL;
	v = json_pack("{s:I}", "id", (json_int_t)wb_stmt_int64(st, 0));
	json_object_set_new(v, "instrument", jcol(st, 2));
	put_label(x, v, "instrument", ins != NULL ? ins->name : NULL);
	put_date(x, v, "date", wb_stmt_int64(st, 3));
	json_object_set_new(v, "value", json_integer(wb_stmt_int64(st, 5)));
	json_object_set_new(v, "band", jcol(st, 6));
	if (!wb_stmt_isnull(st, 6))
		put_label(x, v, "band", wb_instrument_band_label(
		    wb_stmt_text(st, 6)));
	json_object_set_new(v, "answers", jcol(st, 4));
	json_object_set_new(v, "source", jcol(st, 7));
	json_object_set_new(v, "organisation", jcol(st, 8));
	put_time(x, v, "recorded_at", wb_stmt_int64(st, 9));
	return v;
}

/* One trajectory of the export, for its milestones and jobs. */
struct ex_traj {
	int64_t		 id;
	json_t		*milestones, *jobs;
};

/* The entry of trajectory `id` (NULL: none), starting from `last` since
 * the rows come by trajectory. */
static struct ex_traj *
traj_of(struct ex_traj *t, size_t n, struct ex_traj *last, int64_t id)
{
	size_t	i;

	if (last != NULL && last->id == id)
		return last;
	for (i = 0; i < n; i++)
		if (t[i].id == id)
			return &t[i];
	return NULL;
}

/* A trajectory (Q_RIGHTS_TRAJECTORIES), its arrays still empty. */
static json_t *
trajectory_row(struct ex *x, struct wb_stmt *st, struct ex_traj *t)
{
	json_t	*v = json_pack("{s:I}", "id", (json_int_t)wb_stmt_int64(st,
	    0));

	json_object_set_new(v, "intervention", jcol(st, 1));
	json_object_set_new(v, "intervention_name", jcol(st, 2));
	json_object_set_new(v, "organisation", jcol(st, 3));
	json_object_set_new(v, "lead", jcol(st, 4));
	json_object_set_new(v, "region", jcol(st, 5));
	put_date(x, v, "referral_date", wb_stmt_isnull(st, 6) ? INT64_MIN :
	    wb_stmt_int64(st, 6));
	put_date(x, v, "start_date", wb_stmt_isnull(st, 7) ? INT64_MIN :
	    wb_stmt_int64(st, 7));
	json_object_set_new(v, "status", jcol(st, 8));
	put_label(x, v, "status", wb_trajectory_status_label(wb_stmt_text(st,
	    8)));
	put_date(x, v, "end_date", wb_stmt_isnull(st, 9) ? INT64_MIN :
	    wb_stmt_int64(st, 9));
	json_object_set_new(v, "end_reason", jcol(st, 10));
	put_time(x, v, "created_at", wb_stmt_int64(st, 11));
	put_time(x, v, "updated_at", wb_stmt_int64(st, 12));
	t->id = wb_stmt_int64(st, 0);
	t->milestones = json_array();
	t->jobs = json_array();
	json_object_set_new(v, "milestones", t->milestones);
	json_object_set_new(v, "jobs", t->jobs);
	return v;
}

/* A milestone (Q_RIGHTS_MILESTONES). */
static json_t *
milestone_row(struct ex *x, struct wb_stmt *st)
{
	json_t	*v = json_pack("{s:I}", "id", (json_int_t)wb_stmt_int64(st,
	    0));

	json_object_set_new(v, "type", jcol(st, 2));
	put_label(x, v, "type", wb_milestone_type_label(wb_stmt_text(st, 2)));
	put_date(x, v, "date", wb_stmt_int64(st, 3));
	json_object_set_new(v, "detail", jcol(st, 4));
	put_time(x, v, "recorded_at", wb_stmt_int64(st, 5));
	return v;
}

/* A job (Q_RIGHTS_JOBS); hours as in the API: a whole number or 16.5. */
static json_t *
job_row(struct ex *x, struct wb_stmt *st)
{
	int64_t	 minutes = wb_stmt_int64(st, 3);
	json_t	*v = json_pack("{s:I}", "id", (json_int_t)wb_stmt_int64(st,
	    0));
	char	 hours[32];

	json_object_set_new(v, "employer", jcol(st, 2));
	json_object_set_new(v, "hours_per_week", minutes % 60 == 0 ?
	    json_integer(minutes / 60) : json_real((double)minutes / 60.0));
	json_object_set_new(v, "minutes_per_week", json_integer(minutes));
	if (x->display) {
		wb_hours_format((int)minutes, hours, sizeof(hours));
		json_object_set_new(v, "hours_per_week_nl", json_string(
		    hours));
	}
	json_object_set_new(v, "competitive", json_boolean(wb_stmt_int64(st,
	    4) != 0));
	json_object_set_new(v, "minimum_wage", json_boolean(wb_stmt_int64(st,
	    5) != 0));
	json_object_set_new(v, "contract", jcol(st, 6));
	put_label(x, v, "contract", wb_job_contract_label(wb_stmt_text(st,
	    6)));
	put_date(x, v, "start_date", wb_stmt_int64(st, 7));
	put_date(x, v, "end_date", wb_stmt_isnull(st, 8) ? INT64_MIN :
	    wb_stmt_int64(st, 8));
	json_object_set_new(v, "end_reason", jcol(st, 9));
	put_time(x, v, "recorded_at", wb_stmt_int64(st, 10));
	put_time(x, v, "updated_at", wb_stmt_int64(st, 11));
	return v;
}

/* The trajectories (work & income), each with its milestones and jobs,
 * as root["trajectories"]. */
static int
export_trajectories(struct ex *x, json_t *root, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	struct ex_traj	*ts = NULL, *t = NULL;
	json_t		*arr = json_array();
	size_t		 n = 0, cap = 0;
	int		 rc;

	json_object_set_new(root, "trajectories", arr);
	rc = wb_db_prepare(x->db, Q_RIGHTS_TRAJECTORIES, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, x->client_id);
		while ((rc = wb_stmt_step(st, err)) == 1) {
			t = WB_ARENA_PUSH(&x->a, ts, n, cap);
			json_array_append_new(arr, trajectory_row(x, st, t));
		}
	}
	wb_stmt_release(st);
	st = NULL;
	if (rc == 0)
		rc = wb_db_prepare(x->db, Q_RIGHTS_MILESTONES, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, x->client_id);
		t = NULL;
		while ((rc = wb_stmt_step(st, err)) == 1) {
			t = traj_of(ts, n, t, wb_stmt_int64(st, 1));
			if (t != NULL)
				json_array_append_new(t->milestones,
				    milestone_row(x, st));
		}
	}
	wb_stmt_release(st);
	st = NULL;
	if (rc == 0)
		rc = wb_db_prepare(x->db, Q_RIGHTS_JOBS, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, x->client_id);
		t = NULL;
		while ((rc = wb_stmt_step(st, err)) == 1) {
			t = traj_of(ts, n, t, wb_stmt_int64(st, 1));
			if (t != NULL)
				json_array_append_new(t->jobs, job_row(x,
				    st));
		}
	}
	wb_stmt_release(st);
	return rc;
}

/* A referral (Q_RIGHTS_REFERRALS). */
static json_t *
referral_row(struct ex *x, struct wb_stmt *st)
{
	json_t	*v = json_pack("{s:I}", "id", (json_int_t)wb_stmt_int64(st,
	    0));

	put_time(x, v, "sent_at", wb_stmt_int64(st, 1));
	json_object_set_new(v, "from_organisation", jcol(st, 2));
	json_object_set_new(v, "from", jcol(st, 3));
	json_object_set_new(v, "to_organisation", jcol(st, 4));
	json_object_set_new(v, "purpose", jcol(st, 5));
	put_label(x, v, "purpose", wb_purpose_label(wb_purpose_parse(
	    wb_stmt_text(st, 5))));
	json_object_set_new(v, "question", jcol(st, 6));
	json_object_set_new(v, "consent_id", json_integer(wb_stmt_int64(st,
	    7)));
	json_object_set_new(v, "status", jcol(st, 8));
	put_label(x, v, "status", wb_referral_status_label(wb_stmt_text(st,
	    8)));
	json_object_set_new(v, "assigned_to", jcol(st, 9));
	json_object_set_new(v, "answer", jcol(st, 10));
	put_time(x, v, "answered_at", opt_int(st, 11));
	return v;
}


static int
export_corrections(struct ex *x, json_t *root, struct wb_err *err)
{
	struct wb_correction	*k;
	json_t			*arr = json_array();
	size_t			 n, i;
	int			 rc;

	rc = wb_rights_corrections_read(x->db, x->client_id, &x->a, &k, &n, err);
	for (i = 0; rc == 0 && i < n; i++) {
		json_t *v = json_pack("{s:I}", "id", (json_int_t)k[i].id);

		json_object_set_new(v, "text", jstr(k[i].text));
		put_time(x, v, "asked_at", k[i].created_at);
		put_time(x, v, "handled_at", k[i].handled_at);
		json_object_set_new(v, "handled_by", jstr(k[i].handled_by));
		json_array_append_new(arr, v);
	}
	json_object_set_new(root, "correction_requests", arr);
	return rc;
}

/* A line of the access log (NEN 7513), as wb_access_log() shows it
 * (Q_AUDIT_CLIENT, newest first). */
static json_t *
log_row(struct ex *x, struct wb_stmt *st)
{
	json_t	*v = json_object();

	put_time(x, v, "at", wb_stmt_int64(st, 1));
	json_object_set_new(v, "event", jcol(st, 2));
	put_label(x, v, "event", wb_access_log_what(wb_stmt_text(st, 2)));
	json_object_set_new(v, "outcome", jcol(st, 3));
	json_object_set_new(v, "who", jcol(st, 5));
	json_object_set_new(v, "organisation", jcol(st, 7));
	json_object_set_new(v, "role", jcol(st, 8));
	json_object_set_new(v, "purpose", jcol(st, 9));
	if (!wb_stmt_isnull(st, 9))
		put_label(x, v, "purpose", wb_purpose_label(wb_purpose_parse(
		    wb_stmt_text(st, 9))));
	json_object_set_new(v, "consent_id", wb_stmt_isnull(st, 10) ?
	    json_null() : json_integer(wb_stmt_int64(st, 10)));
	return v;
}

int
wb_client_export_json(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, bool display, json_t **out, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "client.export",
	    .client_id = client_id, .want = WB_CAT_ALL, .partial = true };
	struct wb_client_decision d;
	/* After the client id: the limit of the notes; the log's period
	 * (none), limit and offset. */
	static const int64_t	 notes_more[] = { EXPORT_MAX_ROWS };
	static const int64_t	 log_more[] = { 0, 0, EXPORT_MAX_ROWS, 0 };
	struct ex		 x = { .db = db, .client_id = client_id,
	    .display = display, .today = wb_today() };
	json_t			*root = NULL, *meta;
	int			 rc;

	*out = NULL;
	rc = wb_client_begin_read(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = wb_rights_answering(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	x.allowed = d.allowed;
	x.full_bsn = actor->role == WB_ROLE_CLIENT;
	wb_arena_init(&x.a);
	root = json_object();
	meta = json_object();
	put_time(&x, meta, "made_at", wb_now());
	json_object_set_new(meta, "client_id", json_integer(client_id));
	json_object_set_new(meta, "for_the_client", json_boolean(
	    x.full_bsn));
	put_categories(&x, meta, "categories", d.allowed);
	json_object_set_new(meta, "about", json_string("Alle gegevens die "
	    "werkbrug over de cliënt bewaart (AVG art. 15 en 20)."));
	json_object_set_new(root, "export", meta);
	rc = export_record(&x, root, err);
	if (rc == 0 && (d.allowed & WB_CAT_IDENTITY) != 0)
		rc = export_rows(&x, root, "care_team", Q_RIGHTS_TEAM_ALL, NULL,
		    0, team_row, err);
	if (rc == 0 && (d.allowed & WB_CAT_IDENTITY) != 0)
		rc = export_rows(&x, root, "consents", Q_CONSENT_LIST, NULL, 0,
		    consent_row, err);
	if (rc == 0 && (d.allowed & WB_CAT_PLAN) != 0)
		rc = export_plan(&x, root, err);
	if (rc == 0 && (d.allowed & WB_CAT_NOTES) != 0)
		rc = export_rows(&x, root, "notes", Q_NOTE_LIST, notes_more,
		    WB_NELEM(notes_more), note_row, err);
	if (rc == 0 && (d.allowed & (WB_CAT_WORK | WB_CAT_HEALTH)) != 0)
		rc = export_rows(&x, root, "measurements", Q_MEASUREMENT_LIST,
		    NULL, 0, measurement_row, err);
	if (rc == 0 && (d.allowed & WB_CAT_WORK) != 0)
		rc = export_trajectories(&x, root, err);
	if (rc == 0 && (d.allowed & WB_CAT_IDENTITY) != 0)
		rc = export_rows(&x, root, "referrals", Q_RIGHTS_REFERRALS,
		    NULL, 0, referral_row, err);
	if (rc == 0 && (d.allowed & WB_CAT_IDENTITY) != 0)
		rc = export_corrections(&x, root, err);
	if (rc == 0 && (d.allowed & WB_CAT_IDENTITY) != 0)
		rc = export_rows(&x, root, "access_log", Q_AUDIT_CLIENT,
		    log_more, WB_NELEM(log_more), log_row, err);
	wb_arena_free(&x.a);
	if (rc != 0) {
		wb_db_rollback(db);
		json_decref(root);
		return rc;
	}
	rc = wb_client_end_read(db, actor, &op, &d, err);
	if (rc != 0) {
		json_decref(root);
		return rc;
	}
	*out = root;
	return 0;
}

int
wb_client_export(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, struct wb_arena *a, const char **json,
    struct wb_err *err)
{
	json_t	*root;
	char	*s;
	int	 rc;

	*json = NULL;
	rc = wb_client_export_json(db, actor, client_id, false, &root, err);
	if (rc != 0)
		return rc;
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (s == NULL)
		return wb_err_set(err, WB_EIO, "export: json_dumps failed");
	*json = wb_arena_strdup(a, s);
	/* The text may hold the full BSN: no copy stays behind. */
	sodium_memzero(s, strlen(s));
	free(s);
	return 0;
}

