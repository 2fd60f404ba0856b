/* test_fidelity.c - "Trouw (IPS-25)" through the router: the form round
 * trip (25 selects by section, CSRF, the review page), field errors that
 * keep what was typed and store nothing, refusals for another
 * organisation's staff and for roles that never see reviews, the
 * navigation, and the JSON API (201, 400, 415, 403, 404).
 *
 * One database for the group; each test uses programme names of its own
 * and counts rows of its own programmes, so the order does not matter.
 */
#include "httptest.h"

#include "base/time.h"
#include "domain/fidelity.h"
#include "web/router.h"

extern const struct wb_route wb_routes[];

static struct ht T;
static char today[16], tomorrow[16];	/* dd-mm-jjjj */
static char A[16 + WB_TOKEN_HEX], B[16 + WB_TOKEN_HEX];	/* "Bearer ..." */
static char MON[16 + WB_TOKEN_HEX], ADM[16 + WB_TOKEN_HEX];

#define JSON	"application/json"

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
	wb_date_nl(wb_today(), today, sizeof(today));
	wb_date_nl(wb_today() + 1, tomorrow, sizeof(tomorrow));
	ht_add_org(&T, "GGZ-A", "ggz", "AM01");
	ht_add_org(&T, "GGZ-B", "ggz", "AM02");
	bearer(ht_add_user(&T, "a@a.example", "professional", "GGZ-A", NULL),
	    A, sizeof(A));
	bearer(ht_add_user(&T, "b@b.example", "professional", "GGZ-B", NULL),
	    B, sizeof(B));
	ht_add_user(&T, "coord@b.example", "coordinator", "GGZ-B", "AM01");
	bearer(ht_add_user(&T, "mon@a.example", "monitor", "GGZ-A", NULL),
	    MON, sizeof(MON));
	bearer(ht_add_user(&T, "admin@a.example", "admin", "GGZ-A", NULL),
	    ADM, sizeof(ADM));
	ht_add_user(&T, "editor@a.example", "editor", "GGZ-A", NULL);
	return 0;
}

/* Reviews stored of programme `p`. */
static int64_t
reviews_of(const char *p)
{
	char	sql[160];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM fidelity_review "
	    "WHERE programme = '%s'", p);
	return dbt_int(&T.dbt, sql);
}

/* A complete form body for organisation `org` and programme `p` (no
 * spaces), every score `score`, then `extra` (may be ""). */
static void
form(char *out, size_t n, const char *org, const char *p, int score,
    const char *extra)
{
	size_t	len, i;

	len = (size_t)snprintf(out, n, "org=%s&programme=%s&intervention=ips"
	    "&review_date=%s&reviewers=A.+Jansen&action_points=Meer+"
	    "werkgevers%%0D%%0Abezoeken", org, p, today);
	for (i = 0; i < WB_FIDELITY_NITEMS; i++)
		len += (size_t)snprintf(out + len, n - len, "&%s=%d",
		    wb_fidelity_items[i].field, score);
	snprintf(out + len, n - len, "%s", extra);
}

/* Replace the first `from` in s (of size n) by `to`. */
static void
subst(char *s, size_t n, const char *from, const char *to)
{
	char	*p = strstr(s, from);
	size_t	 lf = strlen(from), lt = strlen(to);

	assert_non_null(p);
	assert_true(strlen(s) - lf + lt < n);
	memmove(p + lt, p + lf, strlen(p + lf) + 1);
	memcpy(p, to, lt);
}

/* The id at the end of a Location header "/trouw/beoordelingen/N". */
static int64_t
created_id(const struct ht_resp *r)
{
	char	*loc = ht_header(r, "Location");
	int64_t	 id;

	assert_int_equal(r->status, 303);
	assert_non_null(loc);
	assert_non_null(strstr(loc, "/trouw/beoordelingen/"));
	id = strtoll(strrchr(loc, '/') + 1, NULL, 10);
	free(loc);
	assert_true(id > 0);
	return id;
}

static void
test_form_round_trip(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	char		body[2048], path[64];
	int64_t		id;
	size_t		i;

	(void)state;
	ht_login(&T, "a@a.example", &u);
	ht_get_expect(&T, &u, "/", 200, "href=\"/trouw\"");
	ht_get_expect(&T, &u, "/trouw", 200, "href=\"/trouw/nieuw\"");
	ht_get(&T, &u, "/trouw/nieuw", &r);
	ht_expect(&r, 200, "<legend>Personeel</legend>");
	ht_expect(&r, 200, "<legend>Organisatie</legend>");
	ht_expect(&r, 200, "<legend>Dienstverlening</legend>");
	for (i = 0; i < WB_FIDELITY_NITEMS; i++) {
		char	want[128];

		snprintf(want, sizeof(want), "<label for=\"%s\">%s</label>",
		    wb_fidelity_items[i].field, wb_fidelity_items[i].label);
		ht_expect(&r, 200, want);
		snprintf(want, sizeof(want), "<select id=\"%s\" name=\"%s\"",
		    wb_fidelity_items[i].field, wb_fidelity_items[i].field);
		ht_expect(&r, 200, want);
	}
	/* Their only organisation is chosen already. */
	ht_expect(&r, 200, "<option value=\"GGZ-A\" selected>");
	assert_null(strstr(r.body, "GGZ-B"));
	ht_resp_free(&r);

	/* 25 x 4 = 100: good. */
	form(body, sizeof(body), "GGZ-A", "Rondje", 4, "");
	ht_post(&T, &u, "/trouw/nieuw", body, &r);
	id = created_id(&r);
	ht_resp_free(&r);
	assert_int_equal(reviews_of("Rondje"), 1);
	snprintf(path, sizeof(path), "/trouw/beoordelingen/%lld",
	    (long long)id);
	ht_get(&T, &u, path, &r);
	ht_expect(&r, 200, "<span class=\"status status-ok\">Goed</span>");
	ht_expect(&r, 200, "<dd>100 van 125</dd>");
	ht_expect(&r, 200, "<td>V14 Actief contact houden</td><td>4</td>");
	ht_expect(&r, 200, "<th scope=\"row\">Subtotaal</th><td>12</td>");
	ht_expect(&r, 200, "<th scope=\"row\">Subtotaal</th><td>56</td>");
	ht_expect(&r, 200, "Meer werkgevers\r\nbezoeken");
	ht_expect(&r, 200, "A. Jansen");
	ht_resp_free(&r);

	/* A second review of the same programme: the trend, oldest first. */
	snprintf(path, sizeof(path), "/trouw/nieuw?org=GGZ-A&review=%lld",
	    (long long)id);
	ht_get(&T, &u, path, &r);
	ht_expect(&r, 200, "value=\"Rondje\"");
	ht_expect(&r, 200, "<option value=\"ips\" selected>");
	ht_resp_free(&r);
	form(body, sizeof(body), "GGZ-A", "Rondje", 5, "");
	ht_post(&T, &u, "/trouw/nieuw", body, &r);
	(void)created_id(&r);
	ht_resp_free(&r);
	snprintf(path, sizeof(path), "/trouw/programmas/%lld", (long long)id);
	ht_get(&T, &u, path, &r);
	ht_expect(&r, 200, "2 beoordelingen, de oudste eerst");
	ht_expect(&r, 200, "<td>100</td><td></td>");
	ht_expect(&r, 200, "<td>125</td><td>+25</td>");
	ht_expect(&r, 200, "Voorbeeldig");
	ht_expect(&r, 200, "Nieuwe beoordeling van dit programma");
	/* the trend as an SVG chart with the bands */
	ht_expect(&r, 200, "<svg");
	ht_expect(&r, 200, "IPS-25-totaal per beoordeling");
	ht_resp_free(&r);
	/* The list shows the latest only. */
	ht_get(&T, &u, "/trouw", &r);
	ht_expect(&r, 200, ">Rondje</a>");
	ht_expect(&r, 200, "<td>125</td>");
	assert_null(strstr(r.body, "<td>100</td>"));
	ht_resp_free(&r);
	assert_true(ht_audit_count(&T, "fidelity.add", "allowed") >= 2);
}

static void
test_form_errors(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	char		body[2048];

	(void)state;
	ht_login(&T, "a@a.example", &u);
	/* A score out of range, one missing, a date in the future: the
	 * router's checks, every one shown, what was typed kept. */
	form(body, sizeof(body), "GGZ-A", "Fouten", 4, "");
	subst(body, sizeof(body), "&v14=4", "&v14=7");
	subst(body, sizeof(body), "&s3=4", "");
	subst(body, sizeof(body), "&s1=4", "&s1=2");
	ht_post(&T, &u, "/trouw/nieuw", body, &r);
	ht_expect(&r, 400, "V14 Actief contact houden is");
	ht_expect(&r, 400, "id=\"v14-error\"");
	ht_expect(&r, 400, "id=\"s3-error\"");
	ht_expect(&r, 400, "S3 Generalisten is verplicht.");
	ht_expect(&r, 400, "value=\"Fouten\"");
	ht_expect(&r, 400, "<select id=\"s1\" name=\"s1\" class=\"short\" "
	    "required>\n<option value=\"\">Score</option>\n<option "
	    "value=\"1\">1</option>\n<option value=\"2\" selected>");
	ht_expect(&r, 400, "Meer werkgevers\r\nbezoeken</textarea>");
	assert_null(strstr(r.body, "id=\"s2-error\""));
	ht_resp_free(&r);
	assert_int_equal(reviews_of("Fouten"), 0);

	/* The domain's: a date after today, a non-IPS intervention. */
	form(body, sizeof(body), "GGZ-A", "Fouten", 4, "");
	subst(body, sizeof(body), today, tomorrow);
	ht_post(&T, &u, "/trouw/nieuw", body, &r);
	ht_expect(&r, 400, "De datum van de beoordeling ligt in de "
	    "toekomst.");
	ht_expect(&r, 400, "id=\"review_date-error\"");
	ht_resp_free(&r);
	form(body, sizeof(body), "GGZ-A", "Fouten", 4, "");
	subst(body, sizeof(body), "intervention=ips", "intervention=wabz");
	ht_post(&T, &u, "/trouw/nieuw", body, &r);
	ht_expect(&r, 400, "Kies een IPS-interventie");
	ht_expect(&r, 400, "id=\"intervention-error\"");
	ht_resp_free(&r);
	assert_int_equal(reviews_of("Fouten"), 0);

	/* Without the CSRF token: refused before anything happens. */
	form(body, sizeof(body), "GGZ-A", "Fouten", 4, "");
	ht_request(&T, "POST", "/trouw/nieuw", body, u.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	/* An undeclared field: refused as a whole. */
	form(body, sizeof(body), "GGZ-A", "Fouten", 4, "&total=125");
	ht_post_expect(&T, &u, "/trouw/nieuw", body, 400, NULL);
	assert_int_equal(reviews_of("Fouten"), 0);
}

/* Another organisation's professional, an admin, an editor and a
 * monitor: what each may see and do. */
static void
test_refusals(void **state)
{
	struct ht_user	a, b, adm, ed, mon, co;
	struct ht_resp	r;
	char		body[2048], path[64], path2[64];
	int64_t		id, denied;

	(void)state;
	ht_login(&T, "a@a.example", &a);
	form(body, sizeof(body), "GGZ-A", "Geheim-A", 3, "");
	ht_post(&T, &a, "/trouw/nieuw", body, &r);
	id = created_id(&r);
	ht_resp_free(&r);
	snprintf(path, sizeof(path), "/trouw/beoordelingen/%lld",
	    (long long)id);
	snprintf(path2, sizeof(path2), "/trouw/programmas/%lld",
	    (long long)id);

	ht_login(&T, "b@b.example", &b);
	denied = ht_audit_count(&T, "fidelity.read", "denied");
	ht_get_expect(&T, &b, path, 403, NULL);
	ht_get_expect(&T, &b, path2, 403, NULL);
	assert_int_equal(ht_audit_count(&T, "fidelity.read", "denied"),
	    denied + 2);
	ht_get(&T, &b, "/trouw", &r);
	ht_expect(&r, 200, NULL);
	assert_null(strstr(r.body, "Geheim-A"));
	ht_resp_free(&r);
	/* Posting for GGZ-A: refused and audited, nothing stored. */
	denied = ht_audit_count(&T, "fidelity.add", "denied");
	form(body, sizeof(body), "GGZ-A", "Geheim-B", 3, "");
	ht_post_expect(&T, &b, "/trouw/nieuw", body, 403, NULL);
	assert_int_equal(reviews_of("Geheim-B"), 0);
	assert_int_equal(ht_audit_count(&T, "fidelity.add", "denied"),
	    denied + 1);
	ht_get_expect(&T, &b, "/trouw/beoordelingen/999999", 404, NULL);

	/* The coordinator of AM01 (at GGZ-B) sees GGZ-A, which serves it. */
	ht_login(&T, "coord@b.example", &co);
	ht_get_expect(&T, &co, path, 200, "Geheim-A");
	ht_get_expect(&T, &co, "/trouw", 200, "Geheim-A");

	/* Admins never see reviews: no link, no page, no form. */
	ht_login(&T, "admin@a.example", &adm);
	ht_get(&T, &adm, "/", &r);
	ht_expect(&r, 200, NULL);
	assert_null(strstr(r.body, "href=\"/trouw\""));
	ht_resp_free(&r);
	ht_get_expect(&T, &adm, "/trouw", 403, NULL);
	ht_get_expect(&T, &adm, path, 403, NULL);
	ht_get_expect(&T, &adm, "/trouw/nieuw", 403, NULL);

	/* An editor of GGZ-A reads but may not add. */
	ht_login(&T, "editor@a.example", &ed);
	ht_get_expect(&T, &ed, path, 200, "Geheim-A");
	ht_get(&T, &ed, "/trouw", &r);
	ht_expect(&r, 200, "Geheim-A");
	assert_null(strstr(r.body, "href=\"/trouw/nieuw\""));
	ht_resp_free(&r);
	ht_get_expect(&T, &ed, "/trouw/nieuw", 403, NULL);
	form(body, sizeof(body), "GGZ-A", "Geheim-E", 3, "");
	ht_post_expect(&T, &ed, "/trouw/nieuw", body, 403, NULL);
	assert_int_equal(reviews_of("Geheim-E"), 0);

	/* A monitor reads the numbers, not the free text. */
	ht_login(&T, "mon@a.example", &mon);
	ht_get(&T, &mon, path, &r);
	ht_expect(&r, 200, "<dd>75 van 125</dd>");
	ht_expect(&r, 200, "Alleen zichtbaar voor de organisatie en de regio.");
	assert_null(strstr(r.body, "A. Jansen"));
	assert_null(strstr(r.body, "Meer werkgevers"));
	ht_resp_free(&r);
	ht_get_expect(&T, &mon, "/trouw/nieuw", 403, NULL);
}

/* The form's 25 fields are declared from the item list: required, 1-5,
 * labelled "S1 Caseload". */
static void
test_route_fields(void **state)
{
	const struct wb_route	*rt;
	const struct wb_param	*p;
	size_t			 i, found = 0;

	(void)state;
	for (rt = wb_routes; rt->pattern != NULL; rt++)
		if (rt->method == WB_POST && strcmp(rt->pattern,
		    "/trouw/nieuw") == 0)
			break;
	assert_non_null(rt->pattern);
	assert_true(rt->flags & WB_R_FORM);
	for (i = 0; i < WB_FIDELITY_NITEMS; i++)
		for (p = rt->params; p->name != NULL; p++)
			if (strcmp(p->name, wb_fidelity_items[i].field) == 0) {
				assert_int_equal(p->type, WB_P_INT);
				assert_true(p->flags & WB_P_REQUIRED);
				assert_int_equal(p->min, 1);
				assert_int_equal(p->max, 5);
				assert_string_equal(p->label,
				    wb_fidelity_items[i].label);
				found++;
			}
	assert_int_equal(found, WB_FIDELITY_NITEMS);
}

/* {"organisation": org, "programme": p, ..., "scores": [n x score]}
 * with `extra` keys (start with ", " or be ""). */
static void
api_body(char *out, size_t size, const char *org, const char *p, size_t n,
    int score, const char *extra)
{
	char	iso[16];
	size_t	len, i;

	wb_date_iso(wb_today(), iso, sizeof(iso));
	len = (size_t)snprintf(out, size, "{\"organisation\": \"%s\", "
	    "\"programme\": \"%s\", \"intervention\": \"ips\", \"date\": "
	    "\"%s\", \"scores\": [", org, p, iso);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%d",
		    i ? ", " : "", score);
	snprintf(out + len, size - len, "]%s}", extra);
}

/* POST `body` as `auth`; expect `status` and, when given, that the JSON
 * answer's `field` (and `item`) are these. */
static json_t *
api_post(const char *auth, const char *ct, const char *body, int status,
    const char *field, const char *item)
{
	struct ht_resp	 r;
	json_t		*v;
	json_error_t	 e;

	ht_request_ct(&T, "POST", "/api/v1/fidelity-reviews", ct, body,
	    strlen(body), NULL, auth, &r);
	if (r.status != status)
		fail_msg("status %d, want %d: %.400s", r.status, status,
		    r.body);
	v = json_loads(r.body, 0, &e);
	if (v == NULL)
		fail_msg("not JSON: %.300s", r.body);
	if (field != NULL) {
		assert_string_equal(json_string_value(json_object_get(v,
		    "field")), field);
		assert_non_null(json_string_value(json_object_get(v,
		    "error")));
	}
	if (item != NULL)
		assert_string_equal(json_string_value(json_object_get(v,
		    "item")), item);
	if (status == 201) {
		char *loc = ht_header(&r, "Location");

		assert_non_null(loc);
		assert_non_null(strstr(loc, "/api/v1/fidelity-reviews/"));
		free(loc);
	}
	ht_resp_free(&r);
	return v;
}

static json_t *
api_get(const char *auth, const char *path, int status)
{
	struct ht_resp	 r;
	json_t		*v;
	json_error_t	 e;

	ht_request_ct(&T, "GET", path, NULL, NULL, 0, NULL, auth, &r);
	if (r.status != status)
		fail_msg("GET %s: status %d, want %d: %.400s", path, r.status,
		    status, r.body);
	v = json_loads(r.body, 0, &e);
	if (v == NULL)
		fail_msg("not JSON: %.300s", r.body);
	ht_resp_free(&r);
	return v;
}

static void
test_api(void **state)
{
	json_t		*v, *items;
	char		 body[1024], path[64], tom[16];
	int64_t		 id;

	(void)state;
	api_body(body, sizeof(body), "GGZ-A", "Api", 25, 4,
	    ", \"reviewers\": \"A. Jansen\", \"action_points\": null");
	v = api_post(A, JSON, body, 201, NULL, NULL);
	id = json_integer_value(json_object_get(v, "id"));
	assert_true(id > 0);
	assert_int_equal(json_integer_value(json_object_get(v, "total")),
	    100);
	assert_string_equal(json_string_value(json_object_get(v, "band")),
	    "good");
	json_decref(v);
	assert_int_equal(reviews_of("Api"), 1);

	/* 400: one field wrong, named (and the item for one score). */
	api_body(body, sizeof(body), "GGZ-A", "Api", 24, 4, "");
	json_decref(api_post(A, JSON, body, 400, "scores", NULL));
	api_body(body, sizeof(body), "GGZ-A", "Api", 26, 4, "");
	json_decref(api_post(A, JSON, body, 400, "scores", NULL));
	api_body(body, sizeof(body), "GGZ-A", "Api", 25, 6, "");
	json_decref(api_post(A, JSON, body, 400, "scores", NULL));
	api_body(body, sizeof(body), "GGZ-A", "Api", 25, 4, "");
	memcpy(strstr(body, "\"ips\""), "\"ipx\"", 5);
	json_decref(api_post(A, JSON, body, 400, "intervention", NULL));
	api_body(body, sizeof(body), "GGZ-Z", "Api", 25, 4, "");
	json_decref(api_post(A, JSON, body, 400, "organisation", NULL));
	api_body(body, sizeof(body), "GGZ-A", "", 25, 4, "");
	json_decref(api_post(A, JSON, body, 400, "programme", NULL));
	api_body(body, sizeof(body), "GGZ-A", "Api", 25, 4, "");
	wb_date_iso(wb_today() + 1, tom, sizeof(tom));
	memcpy(strstr(body, "\"date\": \"") + 9, tom, 10);
	json_decref(api_post(A, JSON, body, 400, "date", NULL));
	api_body(body, sizeof(body), "GGZ-A", "Api", 25, 4, ", \"total\": 125");
	json_decref(api_post(A, JSON, body, 400, "total", NULL));
	json_decref(api_post(A, JSON, "{\"organisation\": \"GGZ-A\"}", 400,
	    "programme", NULL));
	/* 400, 415: not one JSON object, not JSON at all. */
	json_decref(api_post(A, JSON, "[1, 2]", 400, NULL, NULL));
	json_decref(api_post(A, JSON, "{\"organisation\": ", 400, NULL,
	    NULL));
	api_body(body, sizeof(body), "GGZ-A", "Api", 25, 4, "");
	json_decref(api_post(A, "text/plain", body, 415, NULL, NULL));
	assert_int_equal(reviews_of("Api"), 1);

	/* 403: another organisation's professional, an admin, a monitor. */
	json_decref(api_post(B, JSON, body, 403, NULL, NULL));
	json_decref(api_post(ADM, JSON, body, 403, NULL, NULL));
	json_decref(api_post(MON, JSON, body, 403, NULL, NULL));
	assert_int_equal(reviews_of("Api"), 1);

	/* Reading. */
	v = api_get(A, "/api/v1/fidelity-reviews?organisation=GGZ-A", 200);
	items = json_object_get(v, "items");
	assert_true(json_array_size(items) >= 1);
	assert_int_equal(json_integer_value(json_object_get(v, "total")),
	    (json_int_t)json_array_size(items));
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    v, "organisation"), "code")), "GGZ-A");
	json_decref(v);
	json_decref(api_get(B, "/api/v1/fidelity-reviews?organisation=GGZ-A",
	    403));
	json_decref(api_get(ADM, "/api/v1/fidelity-reviews?organisation="
	    "GGZ-A", 403));
	json_decref(api_get(A, "/api/v1/fidelity-reviews?organisation=NOPE",
	    404));
	json_decref(api_get(A, "/api/v1/fidelity-reviews", 400));
	snprintf(path, sizeof(path), "/api/v1/fidelity-reviews/%lld",
	    (long long)id);
	v = api_get(A, path, 200);
	assert_int_equal(json_array_size(json_object_get(v, "scores")), 25);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(v,
	    "scores"), 24)), 4);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(v, "items"), 0), "id")), "S1");
	assert_string_equal(json_string_value(json_object_get(v, "reviewers")),
	    "A. Jansen");
	assert_true(json_is_null(json_object_get(v, "action_points")));
	json_decref(v);
	v = api_get(MON, path, 200);
	assert_true(json_is_null(json_object_get(v, "reviewers")));
	json_decref(v);
	json_decref(api_get(B, path, 403));
	json_decref(api_get(A, "/api/v1/fidelity-reviews/999999", 404));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_round_trip),
		cmocka_unit_test(test_form_errors),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_route_fields),
		cmocka_unit_test(test_api),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}
