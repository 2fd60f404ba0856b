/* test_trajectory.c - the Trajecten tab, the trajectory API and the
 * intervention catalogue through the router: the tab shown only with the
 * work & income category (and gone again after a revocation), the forms
 * round trip with their refusals (what was typed stays, a stale version
 * is 409), milestones and jobs with the IPS figures (a 3-hour job shown as
 * not counting), the API's 201/400/404/409 answers including another
 * client's trajectory, and the catalogue for admins only.
 *
 * One database for the whole group: every test registers its own clients
 * with BSNs of its own (ch_bsn_for), so the tests do not depend on each
 * other's order.  A check that something is NOT shown is paired with one
 * that finds it where it belongs.
 */
#include "clienthttp.h"
#include "domain/trajectory.h"

static struct ht T;
static char region[8];			/* the region of GM0796 */
static int64_t ggz, uwv;		/* organisations */
static int64_t ggz_id, ggz2_id, uwv_id;	/* their professionals */
static struct ht_user G, G2, U, ADM;	/* GGZ, GGZ colleague, UWV, admin */
static char GA[16 + WB_TOKEN_HEX];	/* "Bearer ..." of G */
static char UA[16 + WB_TOKEN_HEX];	/* and of U */

#define JSON	"application/json"
#define LEAD	'8'	/* of this suite's BSNs */
#define WRITTEN	"method=schriftelijk&evidence=Formulier+2026-18"

static void
bearer(int64_t user_id, char *out, size_t n)
{
	char	token[WB_TOKEN_HEX + 1];

	ht_token_for(&T, user_id, token, sizeof(token));
	snprintf(out, n, "Bearer %s", token);
}

static int
setup(void **state)
{
	ht_setup(&T);
	*state = &T;
	ht_region_of(&T, "GM0796", region, sizeof(region));
	ggz = ht_add_org(&T, "GGZ-T", "ggz", region);
	uwv = ht_add_org(&T, "UWV-T", "uwv", region);
	ggz_id = ht_add_user(&T, "ggz@t.example", "professional", "GGZ-T",
	    NULL);
	ggz2_id = ht_add_user(&T, "ggz2@t.example", "professional", "GGZ-T",
	    NULL);
	uwv_id = ht_add_user(&T, "uwv@t.example", "professional", "UWV-T",
	    NULL);
	ht_add_user(&T, "admin@t.example", "admin", "GGZ-T", NULL);
	ht_add_card(&T, ggz, ggz_id, "Gerda Zorg", "ips-trajectbegeleider");
	ht_add_card(&T, ggz, ggz2_id, "Greet Tweede", "behandelaar");
	ht_add_card(&T, uwv, uwv_id, "Ursula Werk", "arbeidsdeskundige");
	ht_login(&T, "ggz@t.example", &G);
	ht_login(&T, "ggz2@t.example", &G2);
	ht_login(&T, "uwv@t.example", &U);
	ht_login(&T, "admin@t.example", &ADM);
	bearer(ggz_id, GA, sizeof(GA));
	bearer(uwv_id, UA, sizeof(UA));
	return 0;
}

/* Day today + n as dd-mm-jjjj and as ISO (four rotating buffers). */
static const char *
nl(int n)
{
	static char	buf[4][16];
	static int	k;

	k = (k + 1) % 4;
	wb_date_nl(wb_today() + n, buf[k], sizeof(buf[k]));
	return buf[k];
}

static const char *
iso(int n)
{
	static char	buf[4][16];
	static int	k;

	k = (k + 1) % 4;
	wb_date_iso(wb_today() + n, buf[k], sizeof(buf[k]));
	return buf[k];
}

/* A client of G's, with the BSN of `seq`. */
static int64_t
client(unsigned seq, const char *given)
{
	return ch_register_seq(&T, &G, LEAD, seq, given, "Trajectmans", NULL);
}

/* GET /clienten/{id}{suffix} as u, expecting `status`; the body (the
 * caller frees it). */
static char *
page(const struct ht_user *u, int64_t id, const char *suffix, int status)
{
	struct ht_resp	 r;
	char		*body;

	ch_get_id(&T, u, "/clienten/", id, suffix, &r);
	if (r.status != status)
		fail_msg("GET /clienten/%lld%s: %d, want %d:\n%.600s",
		    (long long)id, suffix, r.status, status, r.body);
	body = r.body;
	r.body = NULL;
	ht_resp_free(&r);
	return body;
}

/* POST `fields` to /clienten/{id}/trajecten{suffix} as u into r. */
static void
post(const struct ht_user *u, int64_t id, const char *suffix,
    const char *fields, struct ht_resp *r)
{
	char	path[160];

	snprintf(path, sizeof(path), "/clienten/%lld/trajecten%s",
	    (long long)id, suffix);
	ht_post(&T, u, path, fields, r);
}

/* POST and expect the redirect back to the tab with `flash`. */
static void
post_ok(const struct ht_user *u, int64_t id, const char *suffix,
    const char *fields, const char *flash)
{
	struct ht_resp	r;
	char		tab[64];

	snprintf(tab, sizeof(tab), "/clienten/%lld/trajecten", (long long)id);
	post(u, id, suffix, fields, &r);
	ch_expect_redirect(&r, tab, flash);
	ht_resp_free(&r);
}

/* POST and expect `status` with `needle` in the page. */
static void
post_refused(const struct ht_user *u, int64_t id, const char *suffix,
    const char *fields, int status, const char *needle)
{
	struct ht_resp	r;

	post(u, id, suffix, fields, &r);
	if (r.status != status)
		fail_msg("POST %s: %d, want %d:\n%.800s", fields, r.status,
		    status, r.body);
	ht_expect(&r, status, needle);
	ht_resp_free(&r);
}

/* A trajectory of `iv` for client id through the form, started `start`
 * days from today; its id. */
static int64_t
add_trajectory(int64_t id, const char *iv, int start)
{
	char	fields[256];

	snprintf(fields, sizeof(fields), "intervention=%s&start_date=%s", iv,
	    nl(start));
	post_ok(&G, id, "", fields, "trajectory_added");
	return ch_countf(&T, "SELECT max(id) FROM trajectory WHERE "
	    "client_id = %lld", (long long)id);
}

/* A milestone through the form of trajectory tr of client id. */
static void
milestone(int64_t id, int64_t tr, const char *fields)
{
	char	suffix[64];

	snprintf(suffix, sizeof(suffix), "/%lld/mijlpalen", (long long)tr);
	post_ok(&G, id, suffix, fields, "milestone_added");
}

/* ---------- the tab follows the consent ------------------------------ */

static void
test_tab_by_consent(void **state)
{
	int64_t	 work, ident, consent;
	char	*body, path[96];

	(void)state;
	work = client(1, "Wim");
	ident = client(2, "Ida");
	/* The registering GGZ sees the tab. */
	body = page(&G, work, "", 200);
	ch_expect_present(body, "/trajecten\"", "the GGZ client page");
	free(body);
	free(page(&G, work, "/trajecten", 200));
	/* UWV: nothing before a consent. */
	free(page(&U, work, "/trajecten", 404));
	/* Identity only: the record opens, the tab does not. */
	(void)ch_grant(&T, &G, ident, uwv, "categories=identity", WRITTEN);
	ch_add_member(&T, &G, ident, uwv_id, "arbeidsdeskundige");
	body = page(&U, ident, "", 200);
	ch_expect_present(body, "Ida", "UWV's client page");
	ch_expect_absent(body, "/trajecten\"", "UWV's page without work");
	free(body);
	free(page(&U, ident, "/trajecten", 404));
	/* With work & income it opens, without the status forms of the
	 * lead organisation. */
	(void)add_trajectory(work, "ips", -10);
	consent = ch_grant(&T, &G, work, uwv, "categories=identity&"
	    "categories=work", WRITTEN);
	ch_add_member(&T, &G, work, uwv_id, "arbeidsdeskundige");
	body = page(&U, work, "", 200);
	ch_expect_present(body, "/trajecten\"", "UWV's page with work");
	free(body);
	body = page(&U, work, "/trajecten", 200);
	ch_expect_present(body, "IPS (EPA)", "UWV's Trajecten");
	ch_expect_absent(body, "Traject beëindigen", "UWV's Trajecten");
	ch_expect_present(body, "Mijlpaal vastleggen", "UWV's Trajecten");
	free(body);
	body = page(&G, work, "/trajecten", 200);
	ch_expect_present(body, "Traject beëindigen", "GGZ's Trajecten");
	free(body);
	/* Revoked: gone at once. */
	snprintf(path, sizeof(path), "/clienten/%lld/toestemmingen/%lld/"
	    "intrekken", (long long)work, (long long)consent);
	ht_post_expect(&T, &G, path, "", 303, NULL);
	free(page(&U, work, "/trajecten", 404));
	assert_true(ht_audit_count(&T, "trajectory.read", "denied") > 0);
}

/* ---------- the new-trajectory form ---------------------------------- */

static void
test_new_form(void **state)
{
	struct ht_resp	 r;
	int64_t		 id;
	char		 fields[256], want[128], *body;

	(void)state;
	id = client(10, "Nina");
	ch_add_member(&T, &G, id, ggz2_id, "behandelaar");
	body = page(&G, id, "/trajecten", 200);
	ch_expect_present(body, "Nog geen trajecten.", "an empty tab");
	/* Only active interventions; the team of the own organisation as
	 * lead, the viewer chosen. */
	ch_expect_present(body, "<option value=\"ips\">IPS (EPA)</option>",
	    "the new-trajectory form");
	snprintf(want, sizeof(want), "<option value=\"%lld\" selected>",
	    (long long)ggz_id);
	ch_expect_present(body, want, "the lead select");
	snprintf(want, sizeof(want), "<option value=\"%lld\">",
	    (long long)ggz2_id);
	ch_expect_present(body, want, "the lead select");
	free(body);

	/* Refusals keep what was typed. */
	snprintf(fields, sizeof(fields), "intervention=wabz&referral_date=%s&"
	    "start_date=%s", nl(-3), nl(2));
	post_refused(&G, id, "", fields, 400, "De startdatum ligt in de "
	    "toekomst.");
	post(&G, id, "", fields, &r);
	snprintf(want, sizeof(want), "value=\"%s\"", nl(2));
	ch_expect_present(r.body, want, "the refused form");
	snprintf(want, sizeof(want), "value=\"%s\"", nl(-3));
	ch_expect_present(r.body, want, "the refused form");
	ch_expect_present(r.body, "<option value=\"wabz\" selected>",
	    "the refused form");
	ch_expect_present(r.body, "href=\"#start_date\"", "the error summary");
	ht_resp_free(&r);
	post_refused(&G, id, "", "intervention=bestaat-niet&start_date=01-01-"
	    "2020", 400, "staat niet (meer) in de catalogus");
	post_refused(&G, id, "", "intervention=ips&start_date=31-02-2026", 400,
	    "value=\"31-02-2026\"");
	post_refused(&G, id, "", "intervention=ips", 400, "Vul de startdatum "
	    "in, of de aanmelddatum");
	snprintf(fields, sizeof(fields), "intervention=ips&start_date=%s&"
	    "lead=%lld", nl(0), (long long)uwv_id);
	post_refused(&G, id, "", fields, 400, "De trajectleider moet");
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM trajectory "
	    "WHERE client_id = %lld", (long long)id), 0);

	/* Recorded: aangemeld without a start, the colleague leading. */
	snprintf(fields, sizeof(fields), "intervention=jobcoaching&"
	    "referral_date=%s&lead=%lld", nl(-2), (long long)ggz2_id);
	post_ok(&G, id, "", fields, "trajectory_added");
	body = page(&G, id, "/trajecten", 200);
	ch_expect_present(body, "Intensieve jobcoaching", "the tab");
	ch_expect_present(body, "Aangemeld", "the tab");
	ch_expect_present(body, "<dd>ggz2@t.example</dd>", "the lead");
	ch_expect_present(body, nl(-2), "the tab");
	ch_expect_present(body, "Traject starten", "the tab");
	/* not started: no milestones yet */
	ch_expect_absent(body, "Mijlpaal vastleggen", "an aangemeld one");
	ch_expect_present(body, "<span class=\"status status-warn\">"
	    "Aangemeld</span>", "the tab");
	free(body);
	/* A non-professional gets no form and cannot post one. */
	free(page(&ADM, id, "/trajecten", 404));
}

/* ---------- milestones, jobs and the IPS figures --------------------- */

static void
test_milestones_and_jobs(void **state)
{
	int64_t	 id, tr, job;
	char	 fields[512], want[128], *body, *p, *q;
	struct ht_resp r;

	(void)state;
	id = client(20, "Mila");
	tr = add_trajectory(id, "ips", -60);
	snprintf(fields, sizeof(fields), "type=profile&date=%s", nl(-58));
	milestone(id, tr, fields);
	snprintf(fields, sizeof(fields), "type=employer-contact&date=%s",
	    nl(-48));
	milestone(id, tr, fields);
	/* 3 hours: recorded, but no job start */
	snprintf(fields, sizeof(fields), "type=job-start&date=%s&employer="
	    "Bakkerij+Klein&hours=3&competitive=ja&min_wage=ja&"
	    "contract=tijdelijk", nl(-25));
	milestone(id, tr, fields);
	body = page(&G, id, "/trajecten", 200);
	ch_expect_present(body, "Bakkerij Klein<br><span class=\"status "
	    "status-warn\">telt niet mee als baan: minder dan 4 uur per week",
	    "the 3-hour job");
	ch_expect_present(body, "12 dagen", "days to first contact");
	ch_expect_present(body, "Een baan telt mee vanaf 4 uur per week.",
	    "the threshold");
	/* no counting job yet */
	p = strstr(body, "Dagen tot eerste baan</dt><dd>");
	assert_non_null(p);
	assert_true(strncmp(p + strlen("Dagen tot eerste baan</dt><dd>"),
	    "nog geen", 8) == 0);
	ch_expect_present(body, "werkt nog", "a running job");
	/* the history by date: profile, contact, job */
	p = strstr(body, "Beroepsprofiel gestart");
	q = strstr(body, "Contact met werkgever");
	assert_true(p != NULL && q != NULL && p < q);
	assert_true(strstr(q, "Start baan: Bakkerij Klein") != NULL);
	free(body);

	/* A job start without hours: refused, open, what was typed kept. */
	snprintf(fields, sizeof(fields), "type=job-start&date=%s&employer="
	    "Drukkerij+Groot&competitive=ja&min_wage=nee&contract=vast",
	    nl(-20));
	snprintf(want, sizeof(want), "/%lld/mijlpalen", (long long)tr);
	post(&G, id, want, fields, &r);
	ht_expect(&r, 400, "Vul de uren per week in");
	ch_expect_present(r.body, "value=\"Drukkerij Groot\"", "the form");
	ch_expect_present(r.body, "<details open>", "the form");
	ch_expect_present(r.body, "value=\"nee\" checked", "the form");
	ch_expect_present(r.body, "<option value=\"vast\" selected>",
	    "the form");
	ch_expect_present(r.body, "<option value=\"job-start\" selected>",
	    "the form");
	snprintf(want, sizeof(want), "href=\"#ms-%lld-hours\"", (long long)tr);
	ch_expect_present(r.body, want, "the error summary");
	ht_resp_free(&r);
	/* The other refusals of a job start. */
	snprintf(fields, sizeof(fields), "type=job-start&date=%s&employer="
	    "Drukkerij+Groot&hours=16%%2C5&min_wage=ja&contract=vast",
	    nl(-20));
	snprintf(want, sizeof(want), "/%lld/mijlpalen", (long long)tr);
	post_refused(&G, id, want, fields, 400, "reguliere baan");
	snprintf(fields, sizeof(fields), "type=employer-contact&date=%s",
	    nl(-61));
	post_refused(&G, id, want, fields, 400, "vóór de start van het "
	    "traject");
	snprintf(fields, sizeof(fields), "type=benefit-outflow&date=%s",
	    nl(-1));
	post_refused(&G, id, want, fields, 400, "volledig of gedeeltelijk");

	/* The small job ends; the real one starts on day 40. */
	job = ch_countf(&T, "SELECT id FROM job WHERE trajectory_id = %lld",
	    (long long)tr);
	snprintf(fields, sizeof(fields), "type=job-end&date=%s&job=%lld&"
	    "reason=Te+weinig+uren", nl(-21), (long long)job);
	milestone(id, tr, fields);
	snprintf(fields, sizeof(fields), "type=job-start&date=%s&employer="
	    "Drukkerij+Groot&hours=16%%2C5&competitive=ja&min_wage=ja&"
	    "contract=vast", nl(-20));
	milestone(id, tr, fields);
	snprintf(fields, sizeof(fields), "type=benefit-outflow&date=%s&"
	    "detail=gedeeltelijk", nl(-5));
	milestone(id, tr, fields);
	body = page(&G, id, "/trajecten", 200);
	ch_expect_present(body, "Drukkerij Groot</td><td class=\"num\">16,5"
	    "</td>", "the 16,5-hour job");
	ch_expect_absent(body, "Drukkerij Groot<br>", "a counting job");
	ch_expect_present(body, "40 dagen", "days to first job");
	ch_expect_present(body, "20 dagen", "the tenure of the running job");
	ch_expect_present(body, "(Te weinig uren)", "the end of the job");
	ch_expect_present(body, "Uitstroom uit uitkering: Gedeeltelijk",
	    "the outflow");
	ch_expect_present(body, "Vast contract", "the contract");
	free(body);

	/* The threshold is configuration: at 2 hours the small job counts
	 * and was the first job (day 35). */
	wb_ips_set_job_threshold(120);
	body = page(&G, id, "/trajecten", 200);
	ch_expect_absent(body, "telt niet mee", "at 2 hours");
	ch_expect_present(body, "35 dagen", "days to first job at 2 hours");
	ch_expect_present(body, "vanaf 2 uur per week", "the threshold");
	free(body);
	wb_ips_set_job_threshold(WB_JOB_MIN_MINUTES_DEFAULT);
}

/* ---------- status changes and the stale version --------------------- */

static void
test_status(void **state)
{
	int64_t	 id, tr;
	char	 fields[256], suffix[64], *body;
	struct ht_resp r;

	(void)state;
	id = client(30, "Stan");
	snprintf(fields, sizeof(fields), "intervention=krachtwerk&"
	    "referral_date=%s", nl(-9));
	post_ok(&G, id, "", fields, "trajectory_added");
	tr = ch_countf(&T, "SELECT max(id) FROM trajectory WHERE client_id = "
	    "%lld", (long long)id);
	snprintf(suffix, sizeof(suffix), "/%lld/status", (long long)tr);
	/* not started: only uitgevallen is offered to end it */
	body = page(&G, id, "/trajecten", 200);
	ch_expect_absent(body, "value=\"afgerond\"", "an aangemeld one");
	ch_expect_present(body, "value=\"uitgevallen\" checked", "the form");
	free(body);
	/* start before the referral: refused, the form open */
	snprintf(fields, sizeof(fields), "version=1&status=actief&"
	    "start_date=%s", nl(-10));
	post_refused(&G, id, suffix, fields, 400, "vóór de aanmelddatum");
	post(&G, id, suffix, fields, &r);
	ch_expect_present(r.body, "<details open>", "the start form");
	ht_resp_free(&r);
	snprintf(fields, sizeof(fields), "version=1&status=actief&"
	    "start_date=%s", nl(-8));
	post_ok(&G, id, suffix, fields, "trajectory_updated");
	/* the same form again shows an old version: 409, the reason kept */
	snprintf(fields, sizeof(fields), "version=1&status=uitgevallen&"
	    "end_date=%s&end_reason=Verhuisd+naar+elders", nl(0));
	post(&G, id, suffix, fields, &r);
	ht_expect(&r, 409, "intussen door iemand anders gewijzigd");
	ch_expect_present(r.body, ">Verhuisd naar elders</textarea>",
	    "the refused form");
	ch_expect_present(r.body, "value=\"uitgevallen\" checked",
	    "the refused form");
	ht_resp_free(&r);
	assert_string_equal(ch_textf(&T, "SELECT status FROM trajectory "
	    "WHERE id = %lld", (long long)tr), "actief");
	/* uitgevallen needs a reason; another organisation may not */
	snprintf(fields, sizeof(fields), "version=2&status=uitgevallen&"
	    "end_date=%s", nl(0));
	post_refused(&G, id, suffix, fields, 400, "Vul in waarom het traject "
	    "gestopt is.");
	snprintf(fields, sizeof(fields), "version=2&status=afgerond&"
	    "end_date=%s", nl(0));
	post_refused(&U, id, suffix, fields, 404, NULL);
	post_ok(&G, id, suffix, fields, "trajectory_updated");
	body = page(&G, id, "/trajecten", 200);
	ch_expect_present(body, "status-ok\">Afgerond", "the ended one");
	ch_expect_absent(body, "Traject beëindigen", "an ended one");
	ch_expect_absent(body, "Mijlpaal vastleggen", "an ended one");
	free(body);
	/* another client's trajectory through this client's URL: 404 */
	snprintf(suffix, sizeof(suffix), "/%lld/mijlpalen", (long long)tr);
	snprintf(fields, sizeof(fields), "type=profile&date=%s", nl(0));
	post_refused(&G, client(31, "Olle"), suffix, fields, 404, NULL);
}

/* ---------- the API --------------------------------------------------- */

static void
api(const char *method, const char *path, const char *auth,
    const char *body, struct ht_resp *r)
{
	ht_request_ct(&T, method, path, body ? JSON : NULL, body,
	    body ? strlen(body) : 0, NULL, auth, r);
}

/* Send, expect `status` (and `field` in an error, NULL: none); the JSON
 * answer. */
static json_t *
api_expect(const char *method, const char *path, const char *auth,
    const char *body, int status, const char *field)
{
	struct ht_resp	 r;
	json_error_t	 e;
	json_t		*v;
	const char	*f;

	api(method, path, auth, body, &r);
	if (r.status != status)
		fail_msg("%s %s: %d, want %d: %.600s", method, path, r.status,
		    status, r.body);
	v = json_loads(r.body, 0, &e);
	if (v == NULL)
		fail_msg("not JSON: %.300s", r.body);
	f = json_string_value(json_object_get(v, "field"));
	if ((field == NULL) != (f == NULL) || (f != NULL &&
	    strcmp(f, field) != 0))
		fail_msg("%s %s: field %s, want %s: %s", method, path,
		    f ? f : "(none)", field ? field : "(none)", r.body);
	ht_resp_free(&r);
	return v;
}

static int64_t
api_id(const char *path, const char *auth, const char *body)
{
	json_t	*v = api_expect("POST", path, auth, body, 201, NULL);
	int64_t	 id = json_integer_value(json_object_get(v, "id"));

	assert_true(id > 0);
	json_decref(v);
	return id;
}

static void
test_api(void **state)
{
	char	 cpath[96], mpath[96], spath[96], body[512];
	int64_t	 id, tr, other, otr, n;
	json_t	*v, *t, *jobs, *j;

	(void)state;
	id = client(40, "Api");
	snprintf(cpath, sizeof(cpath), "/api/v1/clients/%lld/trajectories",
	    (long long)id);
	/* refusals of the body and of its values (400) */
	json_decref(api_expect("POST", cpath, GA, "{\"intervention\": \"ips\","
	    " \"organisation\": \"GGZ-T\", \"lead\": \"x\"}", 400, "lead"));
	json_decref(api_expect("POST", cpath, GA, "{\"intervention\": \"ips\","
	    " \"organisation\": \"GGZ-T\", \"colour\": 1}", 400, "colour"));
	snprintf(body, sizeof(body), "{\"intervention\": \"ips\", "
	    "\"organisation\": \"UWV-T\", \"start_date\": \"%s\"}", iso(-30));
	json_decref(api_expect("POST", cpath, GA, body, 400, "organisation"));
	snprintf(body, sizeof(body), "{\"intervention\": \"ips\", "
	    "\"organisation\": \"NERGENS\", \"start_date\": \"%s\"}",
	    iso(-30));
	json_decref(api_expect("POST", cpath, GA, body, 400, "organisation"));
	snprintf(body, sizeof(body), "{\"intervention\": \"bestaat-niet\", "
	    "\"organisation\": \"GGZ-T\", \"start_date\": \"%s\"}", iso(-30));
	json_decref(api_expect("POST", cpath, GA, body, 400, "intervention"));
	snprintf(body, sizeof(body), "{\"intervention\": \"ips\", "
	    "\"organisation\": \"GGZ-T\", \"start_date\": \"%s\"}", iso(3));
	json_decref(api_expect("POST", cpath, GA, body, 400, "start_date"));
	/* UWV without a consent: as if there were no client */
	snprintf(body, sizeof(body), "{\"intervention\": \"ips\", "
	    "\"organisation\": \"UWV-T\", \"start_date\": \"%s\"}", iso(-30));
	json_decref(api_expect("POST", cpath, UA, body, 404, NULL));
	json_decref(api_expect("GET", cpath, UA, NULL, 404, NULL));
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM trajectory "
	    "WHERE client_id = %lld", (long long)id), 0);

	snprintf(body, sizeof(body), "{\"intervention\": \"ips\", "
	    "\"organisation\": \"GGZ-T\", \"start_date\": \"%s\"}", iso(-30));
	tr = api_id(cpath, GA, body);
	snprintf(mpath, sizeof(mpath), "/api/v1/trajectories/%lld/milestones",
	    (long long)tr);
	snprintf(spath, sizeof(spath), "/api/v1/trajectories/%lld/status",
	    (long long)tr);
	snprintf(body, sizeof(body), "{\"type\": \"employer-contact\", "
	    "\"date\": \"%s\"}", iso(-18));
	(void)api_id(mpath, GA, body);
	/* a job start: minimum_wage is required, hours have two decimals */
	snprintf(body, sizeof(body), "{\"type\": \"job-start\", \"date\": "
	    "\"%s\", \"employer\": \"Bakkerij Api\", \"hours_per_week\": 16.5, "
	    "\"competitive\": true, \"contract\": \"vast\"}", iso(-10));
	json_decref(api_expect("POST", mpath, GA, body, 400, "minimum_wage"));
	snprintf(body, sizeof(body), "{\"type\": \"job-start\", \"date\": "
	    "\"%s\", \"employer\": \"Bakkerij Api\", \"hours_per_week\": "
	    "16.333, \"competitive\": true, \"minimum_wage\": true, "
	    "\"contract\": \"vast\"}", iso(-10));
	json_decref(api_expect("POST", mpath, GA, body, 400,
	    "hours_per_week"));
	snprintf(body, sizeof(body), "{\"type\": \"job-start\", \"date\": "
	    "\"%s\", \"employer\": \"Bakkerij Api\", \"hours_per_week\": "
	    "16.01, \"competitive\": true, \"minimum_wage\": true, "
	    "\"contract\": \"vast\"}", iso(-10));
	json_decref(api_expect("POST", mpath, GA, body, 400,
	    "hours_per_week"));
	snprintf(body, sizeof(body), "{\"type\": \"job-start\", \"date\": "
	    "\"%s\", \"employer\": \"Bakkerij Api\", \"hours_per_week\": 16.5, "
	    "\"competitive\": true, \"minimum_wage\": false, \"contract\": "
	    "\"vast\"}", iso(-10));
	(void)api_id(mpath, GA, body);
	snprintf(body, sizeof(body), "{\"type\": \"job-start\", \"date\": "
	    "\"%s\", \"employer\": \"Klusje\", \"hours_per_week\": 3, "
	    "\"competitive\": false, \"minimum_wage\": true, \"contract\": "
	    "\"oproep\"}", iso(-5));
	(void)api_id(mpath, GA, body);

	v = api_expect("GET", cpath, GA, NULL, 200, NULL);
	assert_int_equal(json_integer_value(json_object_get(v,
	    "job_min_hours")), 4);
	assert_int_equal(json_array_size(json_object_get(v, "items")), 1);
	t = json_array_get(json_object_get(v, "items"), 0);
	assert_string_equal(json_string_value(json_object_get(t, "status")),
	    "actief");
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(t, "intervention"), "code")), "ips");
	assert_int_equal(json_integer_value(json_object_get(t,
	    "days_to_first_employer_contact")), 12);
	assert_int_equal(json_integer_value(json_object_get(t,
	    "days_to_first_job")), 20);
	assert_int_equal(json_integer_value(json_object_get(t, "version")), 1);
	jobs = json_object_get(t, "jobs");
	assert_int_equal(json_array_size(jobs), 2);
	j = json_array_get(jobs, 0);
	assert_true(json_is_real(json_object_get(j, "hours_per_week")));
	assert_true(json_real_value(json_object_get(j, "hours_per_week")) ==
	    16.5);
	assert_int_equal(json_integer_value(json_object_get(j,
	    "minutes_per_week")), 990);
	assert_true(json_is_true(json_object_get(j, "counts_as_job")));
	assert_true(json_is_false(json_object_get(j, "minimum_wage")));
	assert_true(json_is_null(json_object_get(j, "end_date")));
	assert_int_equal(json_integer_value(json_object_get(j,
	    "tenure_days")), 10);
	j = json_array_get(jobs, 1);
	assert_true(json_is_false(json_object_get(j, "counts_as_job")));
	assert_int_equal(json_integer_value(json_object_get(j,
	    "hours_per_week")), 3);
	assert_int_equal(json_array_size(json_object_get(t, "milestones")), 1);
	json_decref(v);

	/* job-end: with two running, the job must be named */
	snprintf(body, sizeof(body), "{\"type\": \"job-end\", \"date\": "
	    "\"%s\"}", iso(0));
	json_decref(api_expect("POST", mpath, GA, body, 400, "job"));

	/* status: 200 with the new version; the old version again is 409 */
	snprintf(body, sizeof(body), "{\"status\": \"afgerond\", "
	    "\"end_date\": \"%s\", \"version\": 1}", iso(0));
	v = api_expect("POST", spath, GA, body, 200, NULL);
	assert_int_equal(json_integer_value(json_object_get(v, "version")), 2);
	assert_string_equal(json_string_value(json_object_get(v, "status")),
	    "afgerond");
	json_decref(v);
	json_decref(api_expect("POST", spath, GA, body, 409, NULL));
	snprintf(body, sizeof(body), "{\"status\": \"actief\", "
	    "\"start_date\": \"%s\", \"version\": 2}", iso(0));
	json_decref(api_expect("POST", spath, GA, body, 400, "status"));
	json_decref(api_expect("POST", spath, GA, "{\"version\": 2}", 400,
	    "status"));

	/* Another client's trajectory, a missing one and a refused caller
	 * all look alike: 404, and nothing was written. */
	{
		struct ht_resp	r;
		char		bsn[10], fields[512];

		ch_bsn_for(LEAD, 41, bsn);
		ch_client_fields(fields, sizeof(fields), bsn, "Uwvklant",
		    "Elders", "ww", "");
		ht_post(&T, &U, "/clienten/nieuw", fields, &r);
		other = ch_location_id(&r, "/clienten/");
		ht_resp_free(&r);
	}
	n = ch_countf(&T, "SELECT count(*) FROM milestone");
	(void)other;
	snprintf(body, sizeof(body), "{\"type\": \"profile\", \"date\": "
	    "\"%s\"}", iso(0));
	json_decref(api_expect("POST", "/api/v1/trajectories/999999/"
	    "milestones", GA, body, 404, NULL));
	json_decref(api_expect("POST", mpath, UA, body, 404, NULL));
	json_decref(api_expect("POST", spath, UA, "{\"status\": \"afgerond\", "
	    "\"version\": 2}", 404, NULL));
	otr = 0;
	{
		/* UWV records a trajectory of its own client; GGZ may not
		 * touch it. */
		char	upath[96];

		snprintf(upath, sizeof(upath), "/api/v1/clients/%lld/"
		    "trajectories", (long long)other);
		snprintf(body, sizeof(body), "{\"intervention\": "
		    "\"benefits-counseling\", \"organisation\": \"UWV-T\", "
		    "\"start_date\": \"%s\"}", iso(-3));
		otr = api_id(upath, UA, body);
		json_decref(api_expect("GET", upath, GA, NULL, 404, NULL));
	}
	snprintf(mpath, sizeof(mpath), "/api/v1/trajectories/%lld/milestones",
	    (long long)otr);
	snprintf(body, sizeof(body), "{\"type\": \"profile\", \"date\": "
	    "\"%s\"}", iso(0));
	json_decref(api_expect("POST", mpath, GA, body, 404, NULL));
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM milestone"), n);
	(void)api_id(mpath, UA, body);
}

/* ---------- the catalogue --------------------------------------------- */

static void
test_catalogue(void **state)
{
	struct ht_resp	 r;
	int64_t		 denied;
	int64_t		 id;
	char		*body;

	(void)state;
	ht_get_expect(&T, &ADM, "/beheer/interventies", 200, "IPS (EPA)");
	ht_get_expect(&T, &ADM, "/", 200, "/beheer/interventies");
	ht_get_expect(&T, &ADM, "/beheer/interventies/wabz", 200,
	    "Werk als beste Zorg");
	ht_get_expect(&T, &ADM, "/beheer/interventies/bestaat-niet", 404,
	    NULL);
	/* refusals keep what was typed */
	ht_post(&T, &ADM, "/beheer/interventies/wabz", "name=&description="
	    "Nieuwe+tekst", &r);
	ht_expect(&r, 400, ">Nieuwe tekst</textarea>");
	ht_resp_free(&r);
	/* others: 403, audited, nothing changed */
	ht_get_expect(&T, &G, "/beheer/interventies", 403, NULL);
	ht_get_expect(&T, &G, "/beheer/interventies/wabz", 403, NULL);
	denied = ht_audit_count(&T, "intervention.update", "denied");
	ht_post_expect(&T, &G, "/beheer/interventies/wabz", "name=Gekaapt",
	    403, NULL);
	ht_post_expect(&T, &G, "/beheer/interventies/wabz", "name=", 403,
	    NULL);
	assert_int_equal(ht_audit_count(&T, "intervention.update", "denied"),
	    denied + 2);
	assert_string_equal(ch_textf(&T, "SELECT name FROM intervention "
	    "WHERE code = 'wabz'"), "Werk als beste Zorg");

	/* renamed and no longer offered: gone from the new-trajectory
	 * form, the name changed where it is listed */
	ht_post(&T, &ADM, "/beheer/interventies/wabz", "name=WAbZ+%28nieuw%29&"
	    "description=Werkgericht", &r);
	ch_expect_redirect(&r, "/beheer/interventies", "saved");
	ht_resp_free(&r);
	ht_get_expect(&T, &ADM, "/beheer/interventies", 200, "WAbZ (nieuw)");
	ht_get_expect(&T, &ADM, "/beheer/interventies", 200,
	    "Niet aangeboden");
	id = client(50, "Cato");
	body = page(&G, id, "/trajecten", 200);
	ch_expect_absent(body, "value=\"wabz\"", "the new-trajectory form");
	ch_expect_present(body, "value=\"ips\"", "the new-trajectory form");
	free(body);
	post_refused(&G, id, "", "intervention=wabz&start_date=01-01-2025",
	    400, "staat niet (meer) in de catalogus");
	/* offered again */
	ht_post(&T, &ADM, "/beheer/interventies/wabz", "name=Werk+als+beste+"
	    "Zorg&description=Werkgericht&active=1", &r);
	ch_expect_redirect(&r, "/beheer/interventies", "saved");
	ht_resp_free(&r);
	body = page(&G, id, "/trajecten", 200);
	ch_expect_present(body, "value=\"wabz\"", "the new-trajectory form");
	free(body);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tab_by_consent),
		cmocka_unit_test(test_new_form),
		cmocka_unit_test(test_milestones_and_jobs),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_api),
		cmocka_unit_test(test_catalogue),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}
