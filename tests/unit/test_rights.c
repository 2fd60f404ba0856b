/* test_rights.c - the client's rights on a real database
 * (src/domain/rights.c): the export per actor, correction requests, the
 * erasure (what goes, what stays, that the audit chain still verifies
 * and that every read afterwards is refused) and werkbrug purge with the
 * clock moved across the retention terms, --dry-run changing nothing.
 *
 * A GGZ institution and a municipality register clients; UWV works with
 * the GGZ's client under a consent.  A GGZ colleague who is not on the
 * team, an administrator and the client of another record are there to
 * be refused.  The clock is fixed (WB_NOW).
 */
#include "clienttest.h"

#include "domain/activation.h"
#include "domain/note.h"
#include "domain/plan.h"
#include "domain/rights.h"
#include "domain/session.h"
#include "domain/trajectory.h"

#include <jansson.h>

#define PW	"mijn-eigen-wachtwoord"
#define NOTE	"Gesprek over slapen en werk"
#define ASK	"Mijn adres klopt niet: het is Dorpsstraat 2."
#define EMPLOYER "Bakkerij Jansen"
#define STOPPED	"Verhuisd naar Zeeland"

/* A consent of `client` for `org`, recorded by `a` with `method`. */
static int64_t
grant(struct ct_fx *f, const struct wb_actor *a, int64_t client, int64_t org,
    const char *purpose, unsigned cats, const char *method)
{
	struct wb_consent_input	in = ct_consent_input(&f->t, client, org,
	    purpose, cats);

	in.method = method;
	if (strcmp(method, "schriftelijk") == 0)
		in.evidence = "Formulier 2027-01";
	return ct_consent_add(&f->t, a, &in);
}

static int64_t
goal(struct ct_fx *f, const struct wb_actor *a, int64_t client,
    const char *track, const char *title)
{
	struct wb_goal_input	in = { .client_id = client, .track = track,
	    .title = title, .target = "Zestien uur per week" };
	struct wb_err		err;
	int64_t			id = 0;

	if (wb_goal_add(f->t.db, a, &in, &id, &err) != 0)
		fail_msg("goal: %s", err.msg);
	return id;
}

static int64_t
action(struct ct_fx *f, const struct wb_actor *a, int64_t client, int64_t g,
    const char *title)
{
	char			due[16];
	struct wb_action_input	in = { .client_id = client, .goal_id = g,
	    .title = title, .owner_user = a->user_id, .due_date = due };
	struct wb_err		err;
	int64_t			id = 0;

	wb_date_nl(wb_today() + 30, due, sizeof(due));
	if (wb_action_add(f->t.db, a, &in, &id, &err) != 0)
		fail_msg("action: %s", err.msg);
	return id;
}

static int64_t
note(struct ct_fx *f, const struct wb_actor *a, int64_t client,
    const char *body)
{
	char		today[16];
	struct wb_err	err;
	int64_t		id = 0;

	wb_date_nl(wb_today(), today, sizeof(today));
	if (wb_note_add(f->t.db, a, client, "gesprek", today, body, &id,
	    &err) != 0)
		fail_msg("note: %s", err.msg);
	return id;
}

/* A trajectory of `client` in `iv` by `a`, started `start` days from
 * today. */
static int64_t
trajectory(struct ct_fx *f, const struct wb_actor *a, int64_t client,
    const char *iv, int start)
{
	char				 day[16];
	struct wb_trajectory_input	 in = { .client_id = client,
	    .intervention = iv, .start_date = day };
	struct wb_err			 err;
	int64_t				 id = 0;

	wb_date_iso(wb_today() + start, day, sizeof(day));
	if (wb_trajectory_add(f->t.db, a, &in, &id, &err) != 0)
		fail_msg("trajectory: %s", err.msg);
	return id;
}

/* A milestone of type `type` on day `on` (from today) in trajectory tr;
 * a job-start is a 16,5-hour competitive job at EMPLOYER. */
static void
milestone(struct ct_fx *f, const struct wb_actor *a, int64_t client,
    int64_t tr, const char *type, int on, const char *detail)
{
	char				 day[16];
	struct wb_milestone_input	 in = { .client_id = client,
	    .trajectory_id = tr, .type = type, .date = day, .detail = detail,
	    .competitive = -1, .min_wage = -1 };
	struct wb_err			 err;
	int64_t				 id = 0;

	wb_date_iso(wb_today() + on, day, sizeof(day));
	if (strcmp(type, "job-start") == 0) {
		in.employer = EMPLOYER;
		in.hours = "16,5";
		in.competitive = 1;
		in.min_wage = 1;
		in.contract = "tijdelijk";
	}
	if (wb_milestone_add(f->t.db, a, &in, &id, &err) != 0)
		fail_msg("milestone %s: %s", type, err.msg);
}

/* Two trajectories of `client` by `a`: IPS, running, with an employer
 * contact, a job at EMPLOYER and a partial benefit outflow; Werk als
 * beste Zorg, dropped out with the reason STOPPED. */
static void
trajectories(struct ct_fx *f, const struct wb_actor *a, int64_t client)
{
	char				 end[16];
	struct wb_trajectory_input	 up = { .client_id = client,
	    .version = 1, .status = "uitgevallen", .end_date = end,
	    .end_reason = STOPPED };
	struct wb_err			 err;
	int64_t				 ips;

	ips = trajectory(f, a, client, "ips", -60);
	milestone(f, a, client, ips, "employer-contact", -50, NULL);
	milestone(f, a, client, ips, "job-start", -40, NULL);
	milestone(f, a, client, ips, "benefit-outflow", -30, "gedeeltelijk");
	up.id = trajectory(f, a, client, "wabz", -200);
	wb_date_iso(wb_today() - 150, end, sizeof(end));
	if (wb_trajectory_update(f->t.db, a, &up, &err) != 0)
		fail_msg("trajectory end: %s", err.msg);
}

/* A referral of `client` by ggz1 to UWV's contact point, under `consent`
 * (rows written directly: the referral's own module is tested apart). */
static void
referral(struct ct_fx *f, int64_t client, int64_t consent, const char *status)
{
	char	sql[1024];

	if (ct_qint(&f->t, "SELECT count(*) FROM contact_point") == 0)
		dbt_exec(&f->t, "INSERT INTO card (org_id, name, function, "
		    "active, created_at, updated_at) SELECT id, 'Ursula Werk', "
		    "'arbeidsdeskundige', 1, 0, 0 FROM organisation WHERE "
		    "code = 'UWVN'; INSERT INTO contact_point (org_id, "
		    "region_code, domain, card_id, valid_from, created_at) "
		    "SELECT org_id, 'AM01', 'uwv', id, 0, 0 FROM card");
	snprintf(sql, sizeof(sql), "INSERT INTO referral (client_id, "
	    "from_org, from_user, contact_point_id, to_org, purpose, question, "
	    "consent_id, status, answer, created_at) SELECT %lld, %lld, %lld, "
	    "id, %lld, 're-integratie', 'Kan zij 16 uur werken?', %lld, '%s', "
	    "%s, %lld FROM contact_point", (long long)client,
	    (long long)f->ggz, (long long)f->ggz1.user_id, (long long)f->uwv,
	    (long long)consent, status, strcmp(status, "verzonden") == 0 ?
	    "NULL" : "'Ja, in de ochtend.'", (long long)wb_now());
	dbt_exec(&f->t, sql);
}
/* Open the portal account of `client`; returns the client's actor. */
static struct wb_actor
account(struct ct_fx *f, int64_t client, const char *email)
{
	struct wb_actor	 a;
	struct wb_err	 err;
	const char	*code = NULL;
	int64_t		 expires, uid = 0;

	assert_int_equal(wb_activation_create(f->t.db, &f->ggz1, client,
	    &f->t.a, &code, &expires, &err), 0);
	if (wb_activation_use(f->t.db, "test", code, email, PW, &uid,
	    &err) != 0)
		fail_msg("activate: %s", err.msg);
	a = ct_actor_of(&f->t, uid);
	assert_int_equal(a.client_id, client);
	return a;
}

/* The export as parsed JSON (the caller frees it), or NULL with *rc. */
static json_t *
export(struct ct_fx *f, const struct wb_actor *a, int64_t client, int *rc)
{
	struct wb_err	 err;
	const char	*text = NULL;
	json_error_t	 jerr;
	json_t		*j;

	*rc = wb_client_export(f->t.db, a, client, &f->t.a, &text, &err);
	if (*rc != 0) {
		assert_null(text);
		return NULL;
	}
	j = json_loads(text, 0, &jerr);
	if (j == NULL)
		fail_msg("export is not JSON: %s", jerr.text);
	return j;
}

static const char *
jtext(json_t *j, const char *key)
{
	return json_string_value(json_object_get(j, key));
}
/* Does array `arr` hold the string `value`? */
static bool
has_string(json_t *arr, const char *value)
{
	size_t	 i;
	json_t	*v;

	json_array_foreach(arr, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), value) ==
		    0)
			return true;
	return false;
}

/* Is there an element of array `arr` whose `key` is `value`? */
static bool
has(json_t *arr, const char *key, const char *value)
{
	size_t	 i;
	json_t	*v;

	json_array_foreach(arr, i, v)
		if (jtext(v, key) != NULL && strcmp(jtext(v, key), value) == 0)
			return true;
	return false;
}

/* A GGZ client with everything a record can hold: UWV on the team under
 * a consent (and an earlier, revoked one), a colleague who left the
 * team, a care goal and a work goal with actions, a note, two
 * trajectories (trajectories()), a referral and a correction request.
 * *consent gets UWV's active consent. */
static int64_t
full_client(struct ct_fx *f, const char *bsn, int64_t *consent)
{
	struct wb_actor	me;
	struct wb_err	err;
	int64_t		id, old, mid, g, k;

	id = ct_reg(f, &f->ggz1, bsn, "Wilma");
	old = grant(f, &f->ggz1, id, f->uwv, "re-integratie", ID | WORK,
	    "mondeling");
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, old,
	    "Vergist", &err), 0);
	*consent = grant(f, &f->ggz1, id, f->uwv, "re-integratie",
	    ID | WORK | PLAN, "schriftelijk");
	(void)ct_join(&f->t, &f->ggz1, id, &f->uwv1, "arbeidsdeskundige");
	mid = ct_join(&f->t, &f->ggz1, id, &f->ggz2, "casemanager");
	assert_int_equal(wb_team_end(f->t.db, &f->ggz1, id, mid, &err), 0);
	g = goal(f, &f->ggz1, id, "zorg", "Beter slapen");
	(void)action(f, &f->ggz1, id, g, "Slaapdagboek bijhouden");
	g = goal(f, &f->ggz1, id, "werk", "Betaald werk");
	(void)action(f, &f->ggz1, id, g, "Vacatures bekijken");
	(void)note(f, &f->ggz1, id, NOTE);
	trajectories(f, &f->ggz1, id);
	referral(f, id, *consent, "geaccepteerd");
	me = ct_client_actor(id);
	assert_int_equal(wb_correction_request(f->t.db, &me, id, ASK, &k,
	    &err), 0);
	assert_true(k > 0);
	return id;
}

/* The element of array `arr` whose `key` is `value` (the test fails when
 * there is none). */
static json_t *
find(json_t *arr, const char *key, const char *value)
{
	size_t	 i;
	json_t	*v;

	json_array_foreach(arr, i, v)
		if (jtext(v, key) != NULL && strcmp(jtext(v, key), value) == 0)
			return v;
	fail_msg("no element with %s = %s", key, value);
	return NULL;
}

/* `key` of object o is the ISO date `days` from today. */
static void
expect_day(json_t *o, const char *key, int days)
{
	char	want[16];

	wb_date_iso(wb_today() + days, want, sizeof(want));
	assert_non_null(jtext(o, key));
	assert_string_equal(jtext(o, key), want);
}

/* The export's trajectories are those of trajectories(), with their
 * milestones and jobs. */
static void
expect_trajectories(json_t *j)
{
	json_t	*arr = json_object_get(j, "trajectories"), *t, *m, *job;

	assert_int_equal(json_array_size(arr), 2);
	t = find(arr, "intervention", "ips");
	assert_true(json_integer_value(json_object_get(t, "id")) > 0);
	assert_string_equal(jtext(t, "intervention_name"), "IPS (EPA)");
	assert_string_equal(jtext(t, "organisation"), "GGZ Noord");
	assert_string_equal(jtext(t, "lead"), "Gerda Zorg");
	assert_string_equal(jtext(t, "status"), "actief");
	expect_day(t, "start_date", -60);
	assert_true(json_is_null(json_object_get(t, "end_date")));
	m = json_object_get(t, "milestones");
	assert_int_equal(json_array_size(m), 2);
	expect_day(find(m, "type", "employer-contact"), "date", -50);
	assert_string_equal(jtext(find(m, "type", "benefit-outflow"),
	    "detail"), "gedeeltelijk");
	assert_int_equal(json_array_size(json_object_get(t, "jobs")), 1);
	job = json_array_get(json_object_get(t, "jobs"), 0);
	assert_string_equal(jtext(job, "employer"), EMPLOYER);
	assert_true(json_real_value(json_object_get(job, "hours_per_week")) ==
	    16.5);
	assert_int_equal(json_integer_value(json_object_get(job,
	    "minutes_per_week")), 990);
	assert_true(json_is_true(json_object_get(job, "competitive")));
	assert_true(json_is_true(json_object_get(job, "minimum_wage")));
	assert_string_equal(jtext(job, "contract"), "tijdelijk");
	expect_day(job, "start_date", -40);
	assert_true(json_is_null(json_object_get(job, "end_date")));

	t = find(arr, "intervention", "wabz");
	assert_string_equal(jtext(t, "status"), "uitgevallen");
	assert_string_equal(jtext(t, "end_reason"), STOPPED);
	expect_day(t, "start_date", -200);
	expect_day(t, "end_date", -150);
	assert_int_equal(json_array_size(json_object_get(t, "milestones")), 0);
	assert_int_equal(json_array_size(json_object_get(t, "jobs")), 0);
}

/* 1. The client's export holds everything, with the full BSN; it is one
 * audited client.export. */
static void
test_export_for_the_client(void **state)
{
	struct ct_fx	*f = *state;
	struct wb_actor	 me;
	json_t		*j, *c, *goals, *v;
	int64_t		 consent, id;
	size_t		 i;
	bool		 care = false, work = false;
	int		 rc;

	id = full_client(f, BSN, &consent);
	me = ct_client_actor(id);
	j = export(f, &me, id, &rc);
	assert_int_equal(rc, 0);
	assert_true(json_is_true(json_object_get(json_object_get(j, "export"),
	    "for_the_client")));
	c = json_object_get(j, "client");
	assert_string_equal(jtext(c, "bsn"), BSN);
	assert_null(json_object_get(c, "bsn_masked"));
	assert_string_equal(jtext(c, "given_name"), "Wilma");
	assert_string_equal(jtext(c, "family_name"), "Testcliënt");
	assert_string_equal(jtext(c, "birth_date"), "1985-03-15");
	assert_string_equal(jtext(c, "address"), "Dorpsstraat 1");
	assert_string_equal(jtext(c, "benefit"), "wajong");
	assert_string_equal(jtext(c, "target_group"), "epa");
	assert_string_equal(jtext(c, "registered_by"), "GGZ Noord");
	/* the team, with the colleague who left */
	v = json_object_get(j, "care_team");
	assert_int_equal(json_array_size(v), 3);
	assert_true(has(v, "name", "Olaf Ander"));
	assert_true(has(v, "name", "Ursula Werk"));
	json_array_foreach(v, i, c)
		if (strcmp(jtext(c, "name"), "Olaf Ander") == 0) {
			assert_false(json_is_true(json_object_get(c,
			    "current")));
			assert_non_null(jtext(c, "until"));
		}
	/* both consents, the revoked one with its reason */
	v = json_object_get(j, "consents");
	assert_int_equal(json_array_size(v), 2);
	assert_true(has(v, "revoke_reason", "Vergist"));
	assert_true(has(v, "method", "schriftelijk"));
	/* the plan: both goals, each with its action */
	goals = json_object_get(json_object_get(j, "plan"), "goals");
	assert_int_equal(json_array_size(goals), 2);
	json_array_foreach(goals, i, v) {
		assert_int_equal(json_array_size(json_object_get(v,
		    "actions")), 1);
		assert_string_equal(jtext(v, "status"), "bezig");
		care |= strcmp(jtext(v, "track"), "zorg") == 0;
		work |= strcmp(jtext(v, "track"), "werk") == 0;
	}
	assert_true(care && work);
	assert_true(has(json_object_get(j, "notes"), "text", NOTE));
	assert_true(has(json_object_get(j, "referrals"), "question",
	    "Kan zij 16 uur werken?"));
	assert_true(has(json_object_get(j, "correction_requests"), "text",
	    ASK));
	expect_trajectories(j);
	/* the access log: the registration among the events */
	assert_true(has(json_object_get(j, "access_log"), "event",
	    "client.create"));
	json_decref(j);
	assert_int_equal(ct_events(&f->t, "client.export", "allowed", id), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'client.export' AND detail LIKE '%%health%%' AND "
	    "client_id = %lld", (long long)id), 1);
}

/* 2. The registering organisation's team answers for the client: what
 * the policy shows, the BSN masked.  UWV, on the team under a consent, is
 * refused (only the registering organisation answers), and so is a
 * colleague who is not on the team, an administrator and another
 * client; each refusal is in the audit log. */
static void
test_export_per_actor(void **state)
{
	struct ct_fx	*f = *state;
	struct wb_actor	 other;
	json_t		*j, *c;
	int64_t		 consent, id, id2;
	int		 rc;

	id = full_client(f, BSN, &consent);
	id2 = ct_reg(f, &f->ggz1, BSN2, "Karel");
	j = export(f, &f->ggz1, id, &rc);
	assert_int_equal(rc, 0);
	assert_false(json_is_true(json_object_get(json_object_get(j,
	    "export"), "for_the_client")));
	c = json_object_get(j, "client");
	assert_null(json_object_get(c, "bsn"));
	assert_string_equal(jtext(c, "bsn_masked"), "*****6782");
	assert_string_equal(jtext(c, "target_group"), "epa");
	assert_true(has(json_object_get(j, "notes"), "text", NOTE));
	expect_trajectories(j);
	json_decref(j);
	assert_int_equal(ct_events(&f->t, "client.export", "allowed", id), 1);

	j = export(f, &f->uwv1, id, &rc);
	assert_null(j);
	assert_int_equal(rc, WB_EDENIED);
	j = export(f, &f->ggz2, id, &rc);
	assert_null(j);
	assert_int_equal(rc, WB_EDENIED);
	j = export(f, &f->admin, id, &rc);
	assert_null(j);
	assert_int_equal(rc, WB_EDENIED);
	other = ct_client_actor(id2);
	j = export(f, &other, id, &rc);
	assert_null(j);
	assert_int_equal(rc, WB_EDENIED);
	j = export(f, &f->ggz1, 999999, &rc);
	assert_null(j);
	assert_int_equal(rc, WB_ENOTFOUND);
	assert_int_equal(ct_events(&f->t, "client.export", "denied", id), 4);
	assert_int_equal(ct_events(&f->t, "client.export", "allowed", id), 1);
}

/* 3. A client registered by UWV: UWV's export holds no health data (the
 * GGZ's care goal, shared with the GGZ by the client), the client's own
 * export does. */
static void
test_export_shows_only_what_the_policy_shows(void **state)
{
	struct ct_fx	*f = *state;
	struct wb_actor	 me;
	json_t		*j, *goals;
	int64_t		 id;
	int		 rc;

	id = ct_reg(f, &f->uwv1, BSN, "Wim");
	me = ct_client_actor(id);
	(void)grant(f, &me, id, f->ggz, "behandeling", WB_CAT_ALL, "online");
	(void)ct_join(&f->t, &f->uwv1, id, &f->ggz1, "behandelaar");
	(void)goal(f, &f->ggz1, id, "zorg", "Minder angst");
	(void)goal(f, &f->uwv1, id, "werk", "Proefplaatsing");

	j = export(f, &f->uwv1, id, &rc);
	assert_int_equal(rc, 0);
	goals = json_object_get(json_object_get(j, "plan"), "goals");
	assert_int_equal(json_array_size(goals), 1);
	assert_true(has(goals, "title", "Proefplaatsing"));
	assert_false(has(goals, "title", "Minder angst"));
	assert_null(json_object_get(json_object_get(j, "client"),
	    "target_group"));
	assert_false(has_string(json_object_get(json_object_get(j, "export"),
	    "categories"), "health"));
	assert_true(has_string(json_object_get(json_object_get(j, "export"),
	    "categories"), "work"));
	json_decref(j);

	j = export(f, &me, id, &rc);
	assert_int_equal(rc, 0);
	goals = json_object_get(json_object_get(j, "plan"), "goals");
	assert_int_equal(json_array_size(goals), 2);
	assert_true(has(goals, "title", "Minder angst"));
	json_decref(j);
	/* The GGZ answers only for its own clients. */
	j = export(f, &f->ggz1, id, &rc);
	assert_null(j);
	assert_int_equal(rc, WB_EDENIED);
}

/* 4. Correction: the client asks in their words, the registering
 * organisation reads and handles it; nobody else; the text never reaches
 * the audit log. */
static void
test_correction_requests(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_actor		 me;
	struct wb_correction	*k;
	struct wb_err		 err;
	char			 longtext[2100];
	size_t			 n;
	int64_t			 id, kid;

	id = ct_reg(f, &f->ggz1, BSN, "Wilma");
	(void)grant(f, &f->ggz1, id, f->uwv, "re-integratie", ID | WORK,
	    "mondeling");
	(void)ct_join(&f->t, &f->ggz1, id, &f->uwv1, "arbeidsdeskundige");
	me = ct_client_actor(id);
	assert_int_equal(wb_correction_request(f->t.db, &me, id, " \n ",
	    &kid, &err), WB_EINVAL);
	assert_string_equal(err.field, "text");
	memset(longtext, 'a', sizeof(longtext) - 1);
	longtext[sizeof(longtext) - 1] = '\0';
	assert_int_equal(wb_correction_request(f->t.db, &me, id, longtext,
	    &kid, &err), WB_EINVAL);
	/* a professional changes the record itself */
	assert_int_equal(wb_correction_request(f->t.db, &f->ggz1, id, ASK,
	    &kid, &err), WB_EDENIED);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM "
	    "correction_request"), 0);
	assert_int_equal(wb_correction_request(f->t.db, &me, id, ASK, &kid,
	    &err), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM "
	    "correction_request WHERE id = %lld AND client_id = %lld AND "
	    "handled_at IS NULL", (long long)kid, (long long)id), 1);

	assert_int_equal(wb_correction_list(f->t.db, &f->ggz1, id, &f->t.a,
	    &k, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(k[0].text, ASK);
	assert_int_equal(k[0].handled_at, 0);
	assert_int_equal(wb_correction_list(f->t.db, &f->uwv1, id, &f->t.a,
	    &k, &n, &err), WB_EDENIED);
	assert_int_equal(n, 0);
	assert_int_equal(wb_correction_handle(f->t.db, &f->uwv1, id, kid,
	    &err), WB_EDENIED);
	assert_int_equal(wb_correction_handle(f->t.db, &me, id, kid, &err),
	    WB_EDENIED);
	assert_int_equal(wb_correction_handle(f->t.db, &f->ggz1, id, kid,
	    &err), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT handled_by FROM "
	    "correction_request WHERE id = %lld", (long long)kid),
	    f->ggz1.user_id);
	assert_int_equal(wb_correction_handle(f->t.db, &f->ggz1, id, kid,
	    &err), WB_ENOTFOUND);
	assert_int_equal(wb_correction_list(f->t.db, &me, id, &f->t.a, &k,
	    &n, &err), 0);
	assert_int_equal(n, 1);
	assert_true(k[0].handled_at > 0);
	assert_string_equal(k[0].handled_by, "Gerda Zorg");

	assert_int_equal(ct_events(&f->t, "client.correction.request",
	    "allowed", id), 1);
	assert_int_equal(ct_events(&f->t, "client.correction.request", "denied",
	    id), 1);
	assert_int_equal(ct_events(&f->t, "client.correction.handle", "allowed",
	    id), 1);
	assert_int_equal(ct_events(&f->t, "client.correction.handle", "denied",
	    id), 3);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE detail LIKE '%%Dorpsstraat%%' OR object_id LIKE "
	    "'%%Dorpsstraat%%'"), 0);
}

/* The rows of `table` about client `id`. */
static int64_t
rows(struct ct_fx *f, const char *table, int64_t id)
{
	return ct_qint(&f->t, "SELECT count(*) FROM %s WHERE client_id = %lld",
	    table, (long long)id);
}

/* 5. Erasure by the registering organisation: everything listed goes,
 * consents and audit log stay, the chain still verifies, and every read
 * afterwards answers as for a client that does not exist. */
static void
test_erase(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_actor		 me;
	struct wb_client	 c;
	struct wb_plan		 plan;
	struct wb_session	 s;
	struct wb_err		 err;
	const char		*cookie;
	char			 buf[256], want[128];
	int64_t			 consent, id, uid, pending, events_before;
	int64_t			 checked, broken, uid2 = 0, id2 = 0;
	int			 rc;

	id = full_client(f, BSN, &consent);
	me = account(f, id, "wilma@example.nl");
	uid = me.user_id;
	assert_int_equal(wb_session_create(f->t.db, uid, NULL, &f->t.a,
	    &cookie, &s, &err), 0);
	/* a code made and never used; a referral still waiting */
	dbt_exec(&f->t, "INSERT INTO client_activation (client_id, code_hash, "
	    "created_by, created_at, expires_at) SELECT id, 'ongebruikt', "
	    "registered_by, 0, 1 FROM client WHERE given_name = 'Wilma'");
	referral(f, id, consent, "verzonden");
	pending = ct_qint(&f->t, "SELECT max(id) FROM referral");
	assert_int_equal(rows(f, "consent", id), 2);
	assert_int_equal(rows(f, "client_activation", id), 2);
	assert_int_equal(rows(f, "trajectory", id), 2);
	assert_int_equal(rows(f, "milestone", id), 2);
	assert_int_equal(rows(f, "job", id), 1);

	/* refused: UWV on the team, a colleague off it, the client, and a
	 * reason that is no reason */
	assert_int_equal(wb_client_erase(f->t.db, &f->uwv1, id,
	    "verzoek-client", &err), WB_EDENIED);
	assert_int_equal(wb_client_erase(f->t.db, &f->ggz2, id,
	    "verzoek-client", &err), WB_EDENIED);
	assert_int_equal(wb_client_erase(f->t.db, &me, id, "verzoek-client",
	    &err), WB_EDENIED);
	assert_int_equal(wb_client_erase(f->t.db, &f->ggz1, id,
	    "Wilma wil het", &err), WB_EINVAL);
	assert_string_equal(err.field, "reason");
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM client WHERE id "
	    "= %lld AND erased_at IS NULL AND bsn_index IS NOT NULL",
	    (long long)id), 1);
	assert_int_equal(ct_events(&f->t, "client.erase", "denied", id), 3);

	events_before = ct_qint(&f->t, "SELECT count(*) FROM audit_event");
	assert_int_equal(wb_client_erase(f->t.db, &f->ggz1, id,
	    "verzoek-client", &err), 0);
	/* the audit log: whole, one more event */
	assert_true(ct_qint(&f->t, "SELECT count(*) FROM audit_event") ==
	    events_before + 1);

	/* the record: nothing that identifies or describes the client */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM client WHERE id "
	    "= %lld AND bsn_sealed IS NULL AND bsn_index IS NULL AND phone IS "
	    "NULL AND email IS NULL AND address IS NULL AND given_name = "
	    "'Gewist' AND family_name = 'Gewist' AND birth_date = 0 AND "
	    "target_group IS NULL AND benefit = 'geen' AND erased_at = %lld",
	    (long long)id, (long long)T0), 1);
	assert_int_equal(rows(f, "goal", id), 0);
	assert_int_equal(rows(f, "plan_action", id), 0);
	assert_int_equal(rows(f, "note", id), 0);
	assert_int_equal(rows(f, "correction_request", id), 0);
	/* the trajectories, their milestones and jobs: employers and free
	 * texts with them */
	assert_int_equal(rows(f, "trajectory", id), 0);
	assert_int_equal(rows(f, "milestone", id), 0);
	assert_int_equal(rows(f, "job", id), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT (SELECT count(*) FROM job "
	    "WHERE employer = '" EMPLOYER "') + (SELECT count(*) FROM "
	    "trajectory WHERE end_reason = '" STOPPED "')"), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND ended_at IS NULL", (long long)id), 0);
	/* the used code stays (it says when the account was made) */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM "
	    "client_activation WHERE client_id = %lld AND used_at IS NULL",
	    (long long)id), 0);
	assert_int_equal(rows(f, "client_activation", id), 1);
	/* referrals: the rows, without their texts; the waiting one is
	 * withdrawn */
	assert_int_equal(rows(f, "referral", id), 2);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM referral WHERE "
	    "client_id = %lld AND question = 'Gewist' AND (answer IS NULL OR "
	    "answer = 'Gewist') AND consent_id = %lld", (long long)id,
	    (long long)consent), 2);
	ct_qtext(&f->t, buf, sizeof(buf), "SELECT status FROM referral WHERE "
	    "id = %lld", (long long)pending);
	assert_string_equal(buf, "ingetrokken");
	/* consents stay as proof, without the free text of a revocation;
	 * the one in force ends with the erasure, the one revoked before
	 * keeps when and by whom */
	assert_int_equal(rows(f, "consent", id), 2);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM consent WHERE "
	    "client_id = %lld AND revoke_reason = 'Vergist'", (long long)id),
	    0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM consent WHERE "
	    "client_id = %lld AND revoked_at IS NULL", (long long)id), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM consent WHERE "
	    "id = %lld AND revoked_at = %lld AND revoked_by = %lld AND "
	    "revoke_reason = 'Cliënt gewist'", (long long)consent,
	    (long long)T0, (long long)f->ggz1.user_id), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM consent WHERE "
	    "client_id = %lld AND id <> %lld AND revoke_reason = 'Gewist'",
	    (long long)id, (long long)consent), 1);
	/* the portal account: closed */
	ct_qtext(&f->t, buf, sizeof(buf), "SELECT email || ' ' || name FROM "
	    "user_account WHERE id = %lld AND active = 0 AND password_hash IS "
	    "NULL", (long long)uid);
	snprintf(want, sizeof(want), "gewist-%lld@werkbrug.invalid Gewist",
	    (long long)uid);
	assert_string_equal(buf, want);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM session WHERE "
	    "user_id = %lld", (long long)uid), 0);
	assert_int_equal(wb_user_login(f->t.db, "wilma@example.nl", PW, "test",
	    &uid2, &err), WB_EDENIED);
	assert_int_equal(uid2, 0);

	/* the event names the reason code; the chain is still sound */
	ct_qtext(&f->t, buf, sizeof(buf), "SELECT detail FROM audit_event "
	    "WHERE event = 'client.erase' AND outcome = 'allowed' AND "
	    "client_id = %lld AND user_id = %lld", (long long)id,
	    (long long)f->ggz1.user_id);
	assert_string_equal(buf, "verzoek-client");
	assert_int_equal(wb_audit_verify(f->t.db, &checked, &broken, &err), 0);
	assert_true(checked >= events_before + 1);

	/* reads after erasure: as if there were no such client */
	assert_int_equal(wb_client_get(f->t.db, &f->ggz1, id, &f->t.a, &c,
	    &err), WB_ENOTFOUND);
	assert_int_equal(wb_plan_get(f->t.db, &f->ggz1, id, &f->t.a, &plan,
	    &err), WB_ENOTFOUND);
	assert_null(export(f, &f->ggz1, id, &rc));
	assert_int_equal(rc, WB_ENOTFOUND);
	assert_null(export(f, &me, id, &rc));
	assert_int_equal(rc, WB_ENOTFOUND);
	assert_int_equal(wb_client_erase(f->t.db, &f->ggz1, id,
	    "verzoek-client", &err), WB_ENOTFOUND);
	/* the BSN is free again: a new registration is a new record */
	id2 = ct_reg(f, &f->ggz1, BSN, "Wilma");
	assert_true(id2 != id);
}

/* Set the clock to `hour` o'clock on day y-m-d (local time). */
static void
clock_at(int y, int m, int d, int hour)
{
	dbt_set_now(wb_day_start(wb_days_from_civil(y, m, d)) + hour * 3600);
}

/* Every table's rows and the erased clients: what a dry run must not
 * change. */
static void
snapshot(struct ct_fx *f, char *out, size_t n)
{
	ct_qtext(&f->t, out, n, "SELECT (SELECT count(*) FROM client WHERE "
	    "erased_at IS NULL) || '/' || (SELECT count(*) FROM goal) || '/' "
	    "|| (SELECT count(*) FROM note) || '/' || (SELECT count(*) FROM "
	    "client_activation) || '/' || (SELECT count(*) FROM session) || "
	    "'/' || (SELECT count(*) FROM audit_event) || '/' || (SELECT "
	    "count(*) FROM care_team WHERE ended_at IS NULL) || '/' || "
	    "(SELECT count(*) FROM job) || '/' || (SELECT count(*) FROM "
	    "consent WHERE revoked_at IS NULL)");
}

static bool
erased(struct ct_fx *f, int64_t id)
{
	return ct_qint(&f->t, "SELECT count(*) FROM client WHERE id = %lld AND "
	    "erased_at IS NOT NULL AND bsn_index IS NULL", (long long)id) == 1;
}

/* 6. werkbrug purge: with the clock moved, exactly the clients past
 * their term are anonymised (a municipality's 7 years, a GGZ's 20, both
 * from the file's last change) with their trajectories and the consents
 * still in force, unused codes 30 days after expiry and expired sessions
 * go, --dry-run changes nothing, and the audit chain verifies. */
static void
test_purge(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_purge_report	 rep;
	struct wb_session	 s;
	struct wb_err		 err;
	const char		*cookie, *code;
	char			 before[128], after[128];
	int64_t			 a, b, c, d, expires, checked, broken, g;
	int64_t			 old, current, bt, e, et;

	clock_at(2027, 1, 15, 9);
	a = ct_reg(f, &f->ggz1, BSN, "Anna");	/* GGZ, untouched */
	b = ct_reg(f, &f->gem1, BSN2, "Bert");	/* municipality, untouched */
	c = ct_reg(f, &f->ggz1, BSN3, "Cor");	/* GGZ, a note in 2042 */
	d = ct_reg(f, &f->gem1, BSN4, "Dirk");	/* municipality, a goal in
						 * 2033 */
	assert_int_equal(wb_activation_create(f->t.db, &f->ggz1, a, &f->t.a,
	    &code, &expires, &err), 0);
	assert_int_equal(wb_session_create(f->t.db, f->ggz1.user_id, NULL,
	    &f->t.a, &cookie, &s, &err), 0);
	/* Bert: a job found in a trajectory; a consent that will have
	 * ended by 2034 and one still in force then */
	bt = trajectory(f, &f->gem1, b, "jobcoaching", 0);
	milestone(f, &f->gem1, b, bt, "job-start", 0, NULL);
	old = grant(f, &f->gem1, b, f->uwv, "re-integratie", ID | WORK,
	    "mondeling");
	clock_at(2033, 6, 1, 12);
	current = grant(f, &f->gem1, b, f->uwv, "re-integratie", ID | WORK,
	    "mondeling");
	g = goal(f, &f->gem1, d, "werk", "Werkervaring");
	assert_true(g > 0);
	/* Eva: municipality, her only change since 2027 an employer
	 * contact in 2033 on a trajectory from 2027: her file changed then */
	clock_at(2027, 1, 15, 9);
	e = ct_reg(f, &f->gem1, "300000005", "Eva");
	et = trajectory(f, &f->gem1, e, "matching", 0);
	clock_at(2033, 6, 1, 12);
	milestone(f, &f->gem1, e, et, "employer-contact", 0, NULL);
	clock_at(2042, 3, 1, 12);
	(void)note(f, &f->ggz1, c, NOTE);

	/* Only the operator purges. */
	assert_int_equal(wb_purge(f->t.db, &f->ggz1, false, &rep, &err),
	    WB_EDENIED);

	/* 15-01-2034: Bert's seven years end today, so he stays. */
	clock_at(2034, 1, 15, 12);
	assert_int_equal(wb_purge(f->t.db, &f->sys, true, &rep, &err), 0);
	assert_int_equal(rep.count[WB_PURGE_WORK], 0);
	assert_int_equal(rep.count[WB_PURGE_GGZ], 0);

	/* 16-01-2034, a dry run: Bert is due, the code and the session
	 * are expired; nothing changes, nothing is logged. */
	clock_at(2034, 1, 16, 12);
	snapshot(f, before, sizeof(before));
	assert_int_equal(wb_purge(f->t.db, &f->sys, true, &rep, &err), 0);
	assert_int_equal(rep.count[WB_PURGE_WORK], 1);
	assert_int_equal(rep.count[WB_PURGE_GGZ], 0);
	assert_int_equal(rep.count[WB_PURGE_ACTIVATIONS], 1);
	assert_int_equal(rep.count[WB_PURGE_SESSIONS], 1);
	snapshot(f, after, sizeof(after));
	assert_string_equal(before, after);
	assert_false(erased(f, b));

	/* the same for real */
	assert_int_equal(wb_purge(f->t.db, &f->sys, false, &rep, &err), 0);
	assert_int_equal(rep.count[WB_PURGE_WORK], 1);
	assert_int_equal(rep.count[WB_PURGE_GGZ], 0);
	assert_int_equal(rep.count[WB_PURGE_ACTIVATIONS], 1);
	assert_int_equal(rep.count[WB_PURGE_SESSIONS], 1);
	assert_true(erased(f, b));
	assert_false(erased(f, a) || erased(f, c) || erased(f, d));
	assert_false(erased(f, e));	/* the milestone of 2033 counts */
	assert_int_equal(rows(f, "trajectory", b) + rows(f, "job", b), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM consent WHERE "
	    "id = %lld AND revoked_at IS NOT NULL AND revoked_by IS NULL AND "
	    "revoke_reason = 'Cliënt gewist'", (long long)current), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM consent WHERE "
	    "id = %lld AND revoked_at IS NULL", (long long)old), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM "
	    "client_activation"), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM session"), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'client.erase' AND outcome = 'allowed' AND "
	    "client_id = %lld AND detail = 'einde-bewaartermijn' AND user_id "
	    "IS NULL", (long long)b), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'purge'"), 1);
	/* a second run finds nothing more */
	assert_int_equal(wb_purge(f->t.db, &f->sys, false, &rep, &err), 0);
	assert_int_equal(rep.count[WB_PURGE_WORK], 0);

	/* Dirk's goal and Eva's milestone of 2033 keep them until 2040;
	 * Anna goes after twenty years, Cor's note of 2042 keeps him. */
	clock_at(2040, 6, 2, 12);
	assert_int_equal(wb_purge(f->t.db, &f->sys, false, &rep, &err), 0);
	assert_int_equal(rep.count[WB_PURGE_WORK], 2);
	assert_true(erased(f, d) && erased(f, e));
	clock_at(2047, 1, 16, 12);
	assert_int_equal(wb_purge(f->t.db, &f->sys, false, &rep, &err), 0);
	assert_int_equal(rep.count[WB_PURGE_GGZ], 1);
	assert_true(erased(f, a));
	assert_false(erased(f, c));
	clock_at(2062, 3, 2, 12);
	assert_int_equal(wb_purge(f->t.db, &f->sys, false, &rep, &err), 0);
	assert_int_equal(rep.count[WB_PURGE_GGZ], 1);
	assert_true(erased(f, c));
	assert_int_equal(wb_audit_verify(f->t.db, &checked, &broken, &err), 0);
	assert_int_equal(checked, ct_qint(&f->t, "SELECT count(*) FROM "
	    "audit_event"));
	dbt_set_now(T0);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, ct_setup, ct_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_export_for_the_client),
		T(test_export_per_actor),
		T(test_export_shows_only_what_the_policy_shows),
		T(test_correction_requests),
		T(test_erase),
		T(test_purge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
