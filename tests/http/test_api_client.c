/* test_api_client.c - the client record in the JSON API v1 through the
 * router: registering with a strict JSON body, the consent policy as a
 * UWV token sees it (404 before a consent, only the consented categories
 * after, 404 again after revoking), consents, the care team, goals, the
 * plan, the access log, referrals, an admin token, and the OpenAPI
 * document describing every API route.
 *
 * One database for the whole group: every test registers its own clients
 * with BSNs of its own (bsn_for), so the tests do not depend on each
 * other's order.  A check that something is NOT shown is paired with one
 * that finds it where it belongs, so it cannot pass by accident.
 */
#include "clienthttp.h"
#include "base/limits.h"

extern const struct wb_route wb_routes[];

static struct ht T;
static char region[8];			/* the region of GM0796 */
static char next_year[16];		/* ISO */
static int64_t cp_uwv;			/* UWV's contact point */
/* "Bearer <token>" of the GGZ and the UWV professional, and an admin. */
static char G[16 + WB_TOKEN_HEX];
static char U[16 + WB_TOKEN_HEX];
static char ADM[16 + WB_TOKEN_HEX];

#define JSON	"application/json"
#define LEAD	'6'	/* of this suite's BSNs */

static void
make_bearer(int64_t user_id, char *out, size_t n)
{
	char	token[WB_TOKEN_HEX + 1];

	ht_token_for(&T, user_id, token, sizeof(token));
	snprintf(out, n, "Bearer %s", token);
}

static int
setup(void **state)
{
	int64_t	ggz, uwv, ggz_id, uwv_id, adm_id, card;

	ht_setup(&T);
	*state = &T;
	ht_region_of(&T, "GM0796", region, sizeof(region));
	wb_date_iso(wb_today() + 365, next_year, sizeof(next_year));
	ggz = ht_add_org(&T, "GGZ-A", "ggz", region);
	uwv = ht_add_org(&T, "UWV-A", "uwv", region);
	ggz_id = ht_add_user(&T, "ggz@a.example", "professional", "GGZ-A",
	    NULL);
	uwv_id = ht_add_user(&T, "uwv@a.example", "professional", "UWV-A",
	    NULL);
	adm_id = ht_add_user(&T, "admin@a.example", "admin", "GGZ-A", NULL);
	ht_add_card(&T, ggz, ggz_id, "Gerda Zorg", "ips-trajectbegeleider");
	card = ht_add_card(&T, uwv, uwv_id, "Ursula Werk", "arbeidsdeskundige");
	cp_uwv = ht_add_contact_point(&T, uwv, region, "uwv", card, 0,
	    wb_today() - 10);
	make_bearer(ggz_id, G, sizeof(G));
	make_bearer(uwv_id, U, sizeof(U));
	make_bearer(adm_id, ADM, sizeof(ADM));
	return 0;
}

/* One API request; `body` NULL sends none.  `ct` is the Content-Type
 * (NULL: application/json when there is a body). */
static void
api(const char *method, const char *path, const char *auth, const char *ct,
    const char *body, struct ht_resp *r)
{
	ht_request_ct(&T, method, path, ct != NULL ? ct : body ? JSON : NULL,
	    body, body ? strlen(body) : 0, NULL, auth, r);
}

/* The body of `r` as JSON (fails the test when it is not). */
static json_t *
body_json(const struct ht_resp *r)
{
	json_error_t	 e;
	json_t		*v = json_loads(r->body, 0, &e);
	char		*ct = ht_header(r, "Content-Type");

	if (v == NULL)
		fail_msg("not JSON (%s): %.300s", e.text, r->body);
	assert_non_null(ct);
	assert_string_equal(ct, JSON);
	free(ct);
	return v;
}

/* Send a request, expect `status`, return the JSON answer. */
static json_t *
api_json(const char *method, const char *path, const char *auth,
    const char *body, int status)
{
	struct ht_resp	 r;
	json_t		*v;

	api(method, path, auth, NULL, body, &r);
	if (r.status != status)
		fail_msg("%s %s: status %d, want %d: %.600s", method, path,
		    r.status, status, r.body);
	v = body_json(&r);
	ht_resp_free(&r);
	return v;
}

static const char *
str(json_t *v, const char *key)
{
	return json_string_value(json_object_get(v, key));
}

static int64_t
num(json_t *v, const char *key)
{
	return json_integer_value(json_object_get(v, key));
}

/* Expect an error answer of `status`; its "field" must be `field` (NULL:
 * no field).  Returns the error text in a static buffer. */
static const char *
expect_error(const char *method, const char *path, const char *auth,
    const char *ct, const char *body, int status, const char *field)
{
	static char	 msg[512];
	struct ht_resp	 r;
	json_t		*v;

	api(method, path, auth, ct, body, &r);
	if (r.status != status)
		fail_msg("%s %s: status %d, want %d: %.600s", method, path,
		    r.status, status, r.body);
	v = body_json(&r);
	assert_true(json_is_string(json_object_get(v, "error")));
	assert_true(json_is_string(json_object_get(v, "request_id")));
	if (field == NULL) {
		if (json_object_get(v, "field") != NULL)
			fail_msg("%s %s: unexpected field in %s", method, path,
			    r.body);
	} else if (str(v, "field") == NULL || strcmp(str(v, "field"),
	    field) != 0)
		fail_msg("%s %s: want field %s: %s", method, path, field,
		    r.body);
	snprintf(msg, sizeof(msg), "%s", str(v, "error"));
	json_decref(v);
	ht_resp_free(&r);
	return msg;
}

/* 404 {"error": "not found"}: what a refusal and a missing client say. */
static void
expect_hidden(const char *method, const char *path, const char *auth,
    const char *body)
{
	assert_string_equal(expect_error(method, path, auth, NULL, body, 404,
	    NULL), "not found");
}

/* A registration body for BSN `bsn` and given name `given` with `extra`
 * keys appended (e.g. ", \"target_group\": \"epa\""). */
static const char *
client_body_named(const char *bsn, const char *given, const char *extra)
{
	static char	b[1024];

	snprintf(b, sizeof(b), "{\"bsn\": \"%s\", \"given_name\": \"%s\", "
	    "\"family_name\": \"de Vries\", \"birth_date\": \"1990-04-01\", "
	    "\"municipality_code\": \"GM0796\", \"benefit\": \"wajong\"%s}",
	    bsn, given, extra);
	return b;
}

static const char *
client_body(const char *bsn, const char *extra)
{
	return client_body_named(bsn, "Sam", extra);
}

/* Register client `seq` as the GGZ professional; its id. */
static int64_t
register_client(unsigned seq)
{
	char	 bsn[10];
	json_t	*v;
	int64_t	 id;

	ch_bsn_for(LEAD, seq, bsn);
	v = api_json("POST", "/api/v1/clients", G, client_body(bsn,
	    ", \"target_group\": \"epa\", \"phone\": \"06 1234\", "
	    "\"function\": \"ips-trajectbegeleider\""), 201);
	id = num(v, "id");
	assert_true(id > 0);
	json_decref(v);
	return id;
}

/* A consent body for organisation `org`, for re-integratie until next
 * year, naming `cats` (a JSON array), ending in `tail` (the method and
 * more). */
static const char *
consent_body(const char *org, const char *cats, const char *tail)
{
	static char	b[512];

	snprintf(b, sizeof(b), "{\"organisation\": \"%s\", \"purpose\": "
	    "\"re-integratie\", \"categories\": %s, \"valid_until\": "
	    "\"%s\", %s}", org, cats, next_year, tail);
	return b;
}

/* Record a consent of client `id` for UWV-A, for re-integratie, naming
 * `cats` (a JSON array), as token `auth`; the id on 201. */
static int64_t
grant(const char *auth, int64_t id, const char *cats, int status)
{
	char	 path[64];
	json_t	*v;
	int64_t	 cid;

	snprintf(path, sizeof(path), "/api/v1/clients/%lld/consents",
	    (long long)id);
	v = api_json("POST", path, auth, consent_body("UWV-A", cats,
	    "\"method\": \"schriftelijk\", \"evidence\": \"DMS-1\""),
	    status);
	cid = num(v, "id");
	json_decref(v);
	return cid;
}

/* Put the UWV professional on client `id`'s team (GGZ token). */
static void
add_uwv(int64_t id)
{
	char	 path[64];
	json_t	*v;

	snprintf(path, sizeof(path), "/api/v1/clients/%lld/team",
	    (long long)id);
	v = api_json("POST", path, G, "{\"email\": \"UWV@a.example\", "
	    "\"function\": \"arbeidsdeskundige\"}", 201);
	assert_true(num(v, "id") > 0);
	json_decref(v);
}

/* Add a goal on `track` titled `title` as the GGZ professional. */
static int64_t
add_goal(int64_t id, const char *track, const char *title)
{
	char	 path[64], body[512];
	json_t	*v;
	int64_t	 gid;

	snprintf(path, sizeof(path), "/api/v1/clients/%lld/goals",
	    (long long)id);
	snprintf(body, sizeof(body), "{\"track\": \"%s\", \"title\": \"%s\", "
	    "\"target\": \"Drie maanden lang twee dagen per week\", "
	    "\"owner_organisation\": \"GGZ-A\", \"due_date\": \"%s\"}", track,
	    title, next_year);
	v = api_json("POST", path, G, body, 201);
	gid = num(v, "id");
	assert_true(gid > 0);
	json_decref(v);
	return gid;
}

/* True when the plan answer has a goal titled `title`. */
static bool
plan_has(json_t *plan, const char *title)
{
	json_t	*g;
	size_t	 i;

	json_array_foreach(json_object_get(plan, "goals"), i, g)
		if (strcmp(str(g, "title"), title) == 0)
			return true;
	return false;
}

static void
test_register(void **state)
{
	static const struct {
		const char	*ct;
		const char	*body;
		int		 status;
		const char	*field;
	} bad[] = {
		{ JSON, "{", 400, NULL },
		{ JSON, "[]", 400, NULL },
		{ JSON, "\"x\"", 400, NULL },
		{ JSON, "", 400, NULL },
		{ JSON, "{\"bsn\": \"1\", \"bsn\": \"2\"}", 400, NULL },
		{ JSON, "{\"given_name\": 12}", 400, "given_name" },
		{ JSON, "{\"given_name\": [\"Sam\"]}", 400, "given_name" },
		{ JSON, "{\"colour\": \"red\"}", 400, "colour" },
		{ "text/plain", NULL, 415, NULL },
		{ "application/x-www-form-urlencoded", NULL, 415, NULL },
		{ "", NULL, 415, NULL },
		{ "application/json; charset=latin1", NULL, 415, NULL },
	};
	char		 bsn[10], bad_bsn[10], body[1024];
	int64_t		 clients = ch_countf(&T, "SELECT count(*) FROM client");
	int64_t		 created = ht_audit_count(&T, "client.create", NULL);
	struct ht_resp	 r;
	json_t		*v;
	char		*loc;
	int64_t		 id;
	size_t		 i;

	(void)state;
	ch_bsn_for(LEAD, 100, bsn);
	for (i = 0; i < WB_NELEM(bad); i++)
		(void)expect_error("POST", "/api/v1/clients", G, bad[i].ct,
		    bad[i].body != NULL ? bad[i].body : client_body(bsn,
		    ", \"target_group\": \"epa\""), bad[i].status,
		    bad[i].field);
	/* A valid body with one key too many, or one value of the wrong
	 * type, is refused whole. */
	(void)expect_error("POST", "/api/v1/clients", G, NULL, client_body(bsn,
	    ", \"target_group\": \"epa\", \"nickname\": \"S\""), 400,
	    "nickname");
	(void)expect_error("POST", "/api/v1/clients", G, NULL, client_body(bsn,
	    ", \"target_group\": true"), 400, "target_group");
	(void)expect_error("POST", "/api/v1/clients", G, NULL, client_body(bsn,
	    ", \"target_group\": \"epa\"} "), 400, NULL);	/* trailing } */
	(void)expect_error("POST", "/api/v1/clients", G, NULL, client_body(bsn,
	    ", \"benefit\": \"pensioen\""), 400, NULL);	/* duplicate */
	(void)expect_error("POST", "/api/v1/clients", G, NULL,
	    "{\"bsn\": \"111222333\"}", 400, "given_name");
	/* What the domain checks comes back with the API's key names. */
	snprintf(bad_bsn, sizeof(bad_bsn), "%.8s%c", bsn,
	    bsn[8] == '9' ? '0' : bsn[8] + 1);
	(void)expect_error("POST", "/api/v1/clients", G, NULL,
	    client_body(bad_bsn, ", \"target_group\": \"epa\""), 400, "bsn");
	snprintf(body, sizeof(body), "%s", client_body(bsn,
	    ", \"target_group\": \"epa\""));
	memcpy(strstr(body, "GM0796"), "GM9999", 6);
	(void)expect_error("POST", "/api/v1/clients", G, NULL, body, 400,
	    "municipality_code");
	snprintf(body, sizeof(body), "%s", client_body(bsn,
	    ", \"target_group\": \"epa\""));
	memcpy(strstr(body, "1990-04-01"), "1990-02-31", 10);
	(void)expect_error("POST", "/api/v1/clients", G, NULL, body, 400,
	    "birth_date");
	/* The GGZ records the target group; Work & Income may not. */
	(void)expect_error("POST", "/api/v1/clients", G, NULL,
	    client_body(bsn, ""), 400, "target_group");
	(void)expect_error("POST", "/api/v1/clients", U, NULL,
	    client_body(bsn, ", \"target_group\": \"cmd\""), 400,
	    "target_group");
	/* Lengths count characters: 100 of "é" fit in given_name (the BSN
	 * is what is wrong then), 101 do not. */
	{
		char	name[256];
		size_t	k;

		for (k = 0; k < 101; k++)
			memcpy(name + 2 * k, "\xc3\xa9", 2);
		name[202] = '\0';
		(void)expect_error("POST", "/api/v1/clients", G, NULL,
		    client_body_named(bad_bsn, name, ""), 400, "given_name");
		name[200] = '\0';
		(void)expect_error("POST", "/api/v1/clients", G, NULL,
		    client_body_named(bad_bsn, name, ""), 400, "bsn");
	}
	/* A body over the limit is refused before it is parsed. */
	{
		char *big = wb_xmalloc(WB_MAX_BODY + 2);

		memset(big, ' ', WB_MAX_BODY + 1);
		big[0] = '{';
		big[WB_MAX_BODY] = '}';
		big[WB_MAX_BODY + 1] = '\0';
		(void)expect_error("POST", "/api/v1/clients", G, NULL, big,
		    413, NULL);
		big[WB_MAX_BODY - 1] = '}';
		big[WB_MAX_BODY] = '\0';	/* at the limit: parsed */
		(void)expect_error("POST", "/api/v1/clients", G, NULL, big,
		    400, "bsn");
		free(big);
	}
	/* None of that changed anything. */
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM client"), clients);
	assert_int_equal(ht_audit_count(&T, "client.create", NULL), created);

	/* dd-mm-jjjj is accepted too; function defaults to "overig". */
	snprintf(body, sizeof(body), "%s", client_body(bsn,
	    ", \"target_group\": \"epa\", \"email\": null"));
	memcpy(strstr(body, "1990-04-01"), "01-04-1990", 10);
	api("POST", "/api/v1/clients", G, NULL, body, &r);
	ht_expect(&r, 201, NULL);
	v = body_json(&r);
	id = num(v, "id");
	assert_true(id > 0);
	assert_int_equal(json_object_size(v), 1);
	json_decref(v);
	loc = ht_header(&r, "Location");
	assert_non_null(loc);
	snprintf(body, sizeof(body), "/api/v1/clients/%lld", (long long)id);
	assert_string_equal(loc, body);
	free(loc);
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM client"), clients +
	    1);
	assert_int_equal(ht_audit_count(&T, "client.create", "allowed"),
	    created + 1);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND function = 'overig'", (long long)id), 1);
	v = api_json("GET", body, G, NULL, 200);
	assert_string_equal(str(v, "birth_date"), "1990-04-01");
	assert_true(json_is_null(json_object_get(v, "email")));
	json_decref(v);

	/* The same BSN again: 409; the team member learns which record. */
	v = api_json("POST", "/api/v1/clients", G, client_body(bsn,
	    ", \"target_group\": \"epa\""), 409);
	assert_string_equal(str(v, "field"), "bsn");
	assert_int_equal(num(v, "id"), id);
	json_decref(v);
	v = api_json("POST", "/api/v1/clients", U, client_body(bsn, ""), 409);
	assert_string_equal(str(v, "field"), "bsn");
	assert_null(json_object_get(v, "id"));
	json_decref(v);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM client"), clients +
	    1);
}

static void
test_consent_policy(void **state)
{
	int64_t		 id = register_client(200), k;
	int64_t		 r_before = ht_audit_count(&T, "client.read", "denied");
	int64_t		 p_before = ht_audit_count(&T, "plan.read", "denied");
	int64_t		 l_before = ht_audit_count(&T, "access_log.read",
	    "denied");
	char		 client[64], plan[96], log[128], revoke[64];
	json_t		*v, *acc, *items, *cats;
	const char	*masked;

	(void)state;
	snprintf(client, sizeof(client), "/api/v1/clients/%lld",
	    (long long)id);
	snprintf(plan, sizeof(plan), "%s/plan", client);
	snprintf(log, sizeof(log), "%s/access-log", client);
	add_goal(id, "zorg", "Minder somber");
	add_goal(id, "werk", "Werken bij de bakker");

	/* Before any consent UWV sees nothing, as if there were no client,
	 * and every refusal is in the audit log. */
	expect_hidden("GET", client, U, NULL);
	expect_hidden("GET", plan, U, NULL);
	expect_hidden("GET", log, U, NULL);
	expect_hidden("GET", "/api/v1/clients/999999", U, NULL);
	expect_hidden("GET", "/api/v1/clients/999999/plan", U, NULL);
	assert_int_equal(ht_audit_count(&T, "client.read", "denied"),
	    r_before + 2);
	assert_int_equal(ht_audit_count(&T, "plan.read", "denied"),
	    p_before + 2);
	assert_int_equal(ht_audit_count(&T, "access_log.read", "denied"),
	    l_before + 1);

	/* Identity, work and plan (not health), and UWV on the team. */
	k = grant(G, id, "[\"identity\", \"work\", \"plan\"]", 201);
	assert_true(k > 0);
	add_uwv(id);

	v = api_json("GET", client, U, NULL, 200);
	assert_int_equal(num(v, "id"), id);
	assert_string_equal(str(v, "given_name"), "Sam");
	assert_string_equal(str(v, "family_name"), "de Vries");
	assert_string_equal(str(v, "benefit"), "wajong");
	assert_string_equal(str(json_object_get(v, "municipality"), "code"),
	    "GM0796");
	masked = str(v, "bsn_masked");
	assert_non_null(masked);
	assert_int_equal(strlen(masked), 9);
	assert_memory_equal(masked, "*****", 5);
	assert_null(json_object_get(v, "bsn"));
	/* Health is not consented: the key is absent, not null. */
	assert_null(json_object_get(v, "target_group"));
	acc = json_object_get(v, "access");
	cats = json_object_get(acc, "categories");
	assert_int_equal(json_array_size(cats), 3);
	assert_string_equal(json_string_value(json_array_get(cats, 0)),
	    "identity");
	assert_string_equal(json_string_value(json_array_get(cats, 1)),
	    "work");
	assert_string_equal(json_string_value(json_array_get(cats, 2)),
	    "plan");
	assert_string_equal(str(acc, "purpose"), "re-integratie");
	assert_int_equal(num(acc, "consent_id"), k);
	assert_true(json_is_false(json_object_get(acc, "own")));
	assert_string_equal(str(json_object_get(v,
	    "registered_organisation"), "code"), "GGZ-A");
	json_decref(v);
	/* The GGZ that registered the client does see the target group. */
	v = api_json("GET", client, G, NULL, 200);
	assert_string_equal(str(v, "target_group"), "epa");
	acc = json_object_get(v, "access");
	assert_true(json_is_true(json_object_get(acc, "own")));
	assert_true(json_is_null(json_object_get(acc, "consent_id")));
	assert_string_equal(str(acc, "purpose"), "behandeling");
	json_decref(v);

	/* The plan: the work goal, not the care goal. */
	v = api_json("GET", plan, U, NULL, 200);
	assert_true(plan_has(v, "Werken bij de bakker"));
	assert_false(plan_has(v, "Minder somber"));
	assert_string_equal(str(json_array_get(json_object_get(v, "goals"),
	    0), "status"), "nieuw");
	json_decref(v);
	v = api_json("GET", plan, G, NULL, 200);
	assert_true(plan_has(v, "Werken bij de bakker"));
	assert_true(plan_has(v, "Minder somber"));
	json_decref(v);

	/* The access log is the registering organisation's to give. */
	expect_hidden("GET", log, U, NULL);
	v = api_json("GET", log, G, NULL, 200);
	items = json_object_get(v, "items");
	assert_true(json_array_size(items) >= 2);
	assert_true(num(v, "total") >= (int64_t)json_array_size(items));
	assert_int_equal(num(v, "limit"), 50);
	assert_true(num(json_array_get(items, 0), "id") >
	    num(json_array_get(items, 1), "id"));	/* newest first */
	json_decref(v);
	snprintf(log, sizeof(log), "%s/access-log?limit=1&offset=1", client);
	v = api_json("GET", log, G, NULL, 200);
	assert_int_equal(json_array_size(json_object_get(v, "items")), 1);
	assert_int_equal(num(v, "offset"), 1);
	json_decref(v);
	snprintf(log, sizeof(log), "%s/access-log?limit=0", client);
	(void)expect_error("GET", log, G, NULL, NULL, 400, NULL);
	snprintf(log, sizeof(log), "%s/access-log?limit=1001", client);
	(void)expect_error("GET", log, G, NULL, NULL, 400, NULL);
	snprintf(log, sizeof(log), "%s/access-log", client);

	/* Revoking takes effect at once: 404 everywhere again. */
	snprintf(revoke, sizeof(revoke), "/api/v1/consents/%lld/revoke",
	    (long long)k);
	(void)expect_error("POST", revoke, G, NULL, "{\"why\": \"x\"}", 400,
	    "why");
	v = api_json("POST", revoke, G, "{\"reason\": \"De cliënt trekt "
	    "haar toestemming in.\"}", 200);
	assert_int_equal(num(v, "id"), k);
	assert_true(json_is_true(json_object_get(v, "revoked")));
	json_decref(v);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM consent WHERE id "
	    "= %lld AND revoked_at IS NOT NULL", (long long)k), 1);
	r_before = ht_audit_count(&T, "client.read", "denied");
	p_before = ht_audit_count(&T, "plan.read", "denied");
	expect_hidden("GET", client, U, NULL);
	expect_hidden("GET", plan, U, NULL);
	expect_hidden("GET", log, U, NULL);
	assert_int_equal(ht_audit_count(&T, "client.read", "denied"),
	    r_before + 1);
	assert_int_equal(ht_audit_count(&T, "plan.read", "denied"),
	    p_before + 1);
	/* Once is enough; an unknown consent is not found. */
	(void)expect_error("POST", revoke, G, NULL, NULL, 400, NULL);
	expect_hidden("POST", "/api/v1/consents/999999/revoke", G, NULL);
}

static void
test_no_health_by_uwv(void **state)
{
	int64_t		id = register_client(300);
	int64_t		consents, denied;
	char		path[64];

	(void)state;
	(void)grant(G, id, "[\"identity\", \"work\", \"plan\"]", 201);
	add_uwv(id);
	consents = ch_countf(&T, "SELECT count(*) FROM consent WHERE client_id "
	    "= %lld", (long long)id);
	denied = ht_audit_count(&T, "consent.grant", "denied");
	/* UWV cannot grant itself health (nor anything else it does not
	 * hold): refused like a missing client, and audited. */
	snprintf(path, sizeof(path), "/api/v1/clients/%lld/consents",
	    (long long)id);
	expect_hidden("POST", path, U, consent_body("UWV-A", "[\"health\"]",
	    "\"method\": \"mondeling\""));
	assert_int_equal(ht_audit_count(&T, "consent.grant", "denied"),
	    denied + 1);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM consent WHERE "
	    "client_id = %lld", (long long)id), consents);
	/* The same request from the GGZ that holds health is fine. */
	(void)grant(G, id, "[\"health\"]", 201);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM consent WHERE "
	    "client_id = %lld", (long long)id), consents + 1);

	/* Consent fields, with the API's names. */
	(void)expect_error("POST", path, G, NULL, consent_body("NOPE",
	    "[\"work\"]", "\"method\": \"mondeling\""), 400, "organisation");
	(void)expect_error("POST", path, G, NULL, consent_body("UWV-A",
	    "[\"work\", \"work\"]", "\"method\": \"mondeling\""), 400,
	    "categories");
	(void)expect_error("POST", path, G, NULL, consent_body("UWV-A",
	    "[\"salary\"]", "\"method\": \"mondeling\""), 400, "categories");
	(void)expect_error("POST", path, G, NULL, consent_body("UWV-A",
	    "[\"work\"]", "\"method\": \"schriftelijk\""), 400, "evidence");
	(void)expect_error("POST", path, G, NULL, consent_body("UWV-A",
	    "[\"work\"]", "\"method\": \"online\""), 400, "method");
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM consent WHERE "
	    "client_id = %lld", (long long)id), consents + 1);
}

static void
test_admin_sees_nothing(void **state)
{
	int64_t		id = register_client(400), k;
	char		path[96], body[256], bsn[10];
	int64_t		denied = ht_audit_count(&T, "client.read", "denied");
	int64_t		goals, consents;

	(void)state;
	k = grant(G, id, "[\"identity\"]", 201);
	goals = ch_countf(&T, "SELECT count(*) FROM goal");
	consents = ch_countf(&T, "SELECT count(*) FROM consent");
	snprintf(path, sizeof(path), "/api/v1/clients/%lld", (long long)id);
	expect_hidden("GET", path, ADM, NULL);
	snprintf(path, sizeof(path), "/api/v1/clients/%lld/plan",
	    (long long)id);
	expect_hidden("GET", path, ADM, NULL);
	snprintf(path, sizeof(path), "/api/v1/clients/%lld/access-log",
	    (long long)id);
	expect_hidden("GET", path, ADM, NULL);
	snprintf(path, sizeof(path), "/api/v1/clients/%lld/team",
	    (long long)id);
	expect_hidden("POST", path, ADM, "{\"email\": \"admin@a.example\", "
	    "\"function\": \"overig\"}");
	snprintf(path, sizeof(path), "/api/v1/clients/%lld/consents",
	    (long long)id);
	expect_hidden("POST", path, ADM, consent_body("UWV-A", "[\"work\"]",
	    "\"method\": \"mondeling\""));
	snprintf(path, sizeof(path), "/api/v1/clients/%lld/goals",
	    (long long)id);
	expect_hidden("POST", path, ADM, "{\"track\": \"werk\", \"title\": "
	    "\"x\", \"target\": \"y\", \"owner_organisation\": \"GGZ-A\"}");
	snprintf(path, sizeof(path), "/api/v1/consents/%lld/revoke",
	    (long long)k);
	expect_hidden("POST", path, ADM, NULL);
	snprintf(body, sizeof(body), "{\"client\": %lld, \"contact_point\": "
	    "%lld, \"purpose\": \"re-integratie\", \"question\": \"?\"}",
	    (long long)id, (long long)cp_uwv);
	expect_hidden("POST", "/api/v1/referrals", ADM, body);
	ch_bsn_for(LEAD, 401, bsn);
	expect_hidden("POST", "/api/v1/clients", ADM, client_body(bsn, ""));
	assert_int_equal(ht_audit_count(&T, "client.read", "denied"),
	    denied + 1);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM goal"), goals);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM consent"),
	    consents);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM consent WHERE id "
	    "= %lld AND revoked_at IS NULL", (long long)k), 1);
}

static void
test_referral(void **state)
{
	int64_t		 id = register_client(500);
	int64_t before = ch_countf(&T, "SELECT count(*) FROM referral");
	char		 body[512];
	const char	*msg;
	json_t		*v;

	(void)state;
	snprintf(body, sizeof(body), "{\"client\": %lld, \"contact_point\": "
	    "%lld, \"purpose\": \"re-integratie\", \"question\": \"Kan Sam "
	    "starten met een proefplaatsing?\"}", (long long)id,
	    (long long)cp_uwv);
	/* Without a consent for UWV: what is missing, on the contact
	 * point. */
	msg = expect_error("POST", "/api/v1/referrals", G, NULL, body, 400,
	    "contact_point");
	assert_non_null(strstr(msg, "toestemming"));
	assert_non_null(strstr(msg, "UWV-A"));
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM referral"),
	    before);
	(void)grant(G, id, "[\"identity\", \"work\"]", 201);
	v = api_json("POST", "/api/v1/referrals", G, body, 201);
	assert_true(num(v, "id") > 0);
	json_decref(v);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM referral"), before
	    + 1);
	/* Typed fields: a number is a number. */
	snprintf(body, sizeof(body), "{\"client\": \"%lld\", \"contact_point"
	    "\": %lld, \"purpose\": \"re-integratie\", \"question\": \"?\"}",
	    (long long)id, (long long)cp_uwv);
	(void)expect_error("POST", "/api/v1/referrals", G, NULL, body, 400,
	    "client");
	snprintf(body, sizeof(body), "{\"client\": %lld, \"contact_point\": "
	    "%lld.0, \"purpose\": \"re-integratie\", \"question\": \"?\"}",
	    (long long)id, (long long)cp_uwv);
	(void)expect_error("POST", "/api/v1/referrals", G, NULL, body, 400,
	    "contact_point");
	snprintf(body, sizeof(body), "{\"client\": 0, \"contact_point\": "
	    "%lld, \"purpose\": \"re-integratie\", \"question\": \"?\"}",
	    (long long)cp_uwv);
	(void)expect_error("POST", "/api/v1/referrals", G, NULL, body, 400,
	    "client");
	/* A client the sender cannot see is not found. */
	snprintf(body, sizeof(body), "{\"client\": %lld, \"contact_point\": "
	    "%lld, \"purpose\": \"re-integratie\", \"question\": \"?\"}",
	    (long long)id, (long long)cp_uwv);
	expect_hidden("POST", "/api/v1/referrals", U, body);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM referral"), before
	    + 1);
}

static void
test_goals_and_team(void **state)
{
	int64_t		id = register_client(600), other = register_client(601);
	int64_t		goals = ch_countf(&T, "SELECT count(*) FROM goal");
	int64_t		denied = ht_audit_count(&T, "team.add", "denied");
	char		path[64], past[16], body[256];

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/clients/%lld/goals",
	    (long long)id);
	(void)expect_error("POST", path, G, NULL, "{\"track\": \"werk\", "
	    "\"title\": \"Werk\", \"target\": \"Twee dagen\", "
	    "\"owner_organisation\": \"UWV-A\"}", 400, "owner_organisation");
	(void)expect_error("POST", path, G, NULL, "{\"track\": \"werk\", "
	    "\"title\": \"Werk\", \"owner_organisation\": \"GGZ-A\"}", 400,
	    "target");
	(void)expect_error("POST", path, G, NULL, "{\"track\": \"hobby\", "
	    "\"title\": \"Werk\", \"target\": \"Twee dagen\", "
	    "\"owner_organisation\": \"GGZ-A\"}", 400, "track");
	wb_date_iso(wb_today() - 1, past, sizeof(past));
	snprintf(body, sizeof(body), "{\"track\": \"werk\", \"title\": "
	    "\"Werk\", \"target\": \"Twee dagen\", \"owner_organisation\": "
	    "\"GGZ-A\", \"due_date\": \"%s\"}", past);
	(void)expect_error("POST", path, G, NULL, body, 400, "due_date");
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM goal"), goals);
	/* No due date at all is fine. */
	json_decref(api_json("POST", path, G, "{\"track\": \"dagbesteding\", "
	    "\"title\": \"Naar de moestuin\", \"target\": \"Elke week\", "
	    "\"owner_organisation\": \"GGZ-A\", \"due_date\": null}", 201));
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM goal"), goals + 1);

	/* The team: an unknown address is a field error for a member of
	 * the team, and a 404 (audited) for anyone else, so addresses cannot
	 * be probed through a client one cannot see. */
	snprintf(path, sizeof(path), "/api/v1/clients/%lld/team",
	    (long long)id);
	(void)expect_error("POST", path, G, NULL, "{\"email\": "
	    "\"nobody@a.example\", \"function\": \"jobcoach\"}", 400,
	    "email");
	/* UWV has no consent yet. */
	(void)expect_error("POST", path, G, NULL, "{\"email\": "
	    "\"uwv@a.example\", \"function\": \"jobcoach\"}", 400, "email");
	(void)expect_error("POST", path, G, NULL, "{\"email\": "
	    "\"uwv@a.example\", \"function\": \"astronaut\"}", 400,
	    "function");
	snprintf(path, sizeof(path), "/api/v1/clients/%lld/team",
	    (long long)other);
	expect_hidden("POST", path, U, "{\"email\": \"nobody@a.example\", "
	    "\"function\": \"jobcoach\"}");
	assert_int_equal(ht_audit_count(&T, "team.add", "denied"),
	    denied + 2);	/* the no-consent one and this one */
}

static void
test_methods_and_auth(void **state)
{
	struct ht_resp	r;

	(void)state;
	/* No token: 401 before anything is read. */
	api("POST", "/api/v1/clients", NULL, NULL, "{}", &r);
	ht_expect(&r, 401, NULL);
	ht_resp_free(&r);
	api("GET", "/api/v1/clients/1", NULL, NULL, NULL, &r);
	ht_expect(&r, 401, NULL);
	ht_resp_free(&r);
	/* Methods the API does not have, and parameters in the address of a
	 * POST. */
	(void)expect_error("GET", "/api/v1/clients", G, NULL, NULL, 405, NULL);
	(void)expect_error("POST", "/api/v1/clients/1/plan", G, NULL, "{}",
	    405, NULL);
	(void)expect_error("POST", "/api/v1/clients?x=1", G, NULL, "{}", 400,
	    NULL);
	(void)expect_error("GET", "/api/v1/clients/abc", G, NULL, NULL, 400,
	    NULL);
	/* application/json in any case, with at most a UTF-8 charset. */
	(void)expect_error("POST", "/api/v1/clients", G,
	    "Application/JSON; Charset=\"UTF-8\"", "{}", 400, "bsn");
	(void)expect_error("POST", "/api/v1/clients", G,
	    "application/json;charset=utf-8", "{}", 400, "bsn");
	(void)expect_error("POST", "/api/v1/clients", G, "application/jsonx",
	    "{}", 415, NULL);
	(void)expect_error("POST", "/api/v1/clients", G,
	    "application/json; charset=utf-8; x=1", "{}", 415, NULL);
	(void)expect_error("POST", "/api/v1/clients", G, "text/json", "{}",
	    415, NULL);
}

/* Every route of the API is in the OpenAPI document with its method;
 * every POST declares a JSON body with its required keys and the 400 and
 * 415 answers, and the client routes their 404. */
static void
test_openapi(void **state)
{
	const struct wb_route	*rt;
	json_t			*v, *paths, *op, *body, *schema, *resps;
	size_t			 nposts = 0;

	(void)state;
	v = api_json("GET", "/api/v1/openapi.json", NULL, NULL, 200);
	paths = json_object_get(v, "paths");
	assert_non_null(json_object_get(json_object_get(json_object_get(
	    v, "components"), "securitySchemes"), "bearerAuth"));
	for (rt = wb_routes; rt->pattern != NULL; rt++) {
		if (!(rt->flags & WB_R_API))
			continue;
		op = json_object_get(json_object_get(paths, rt->pattern),
		    rt->method == WB_POST ? "post" : "get");
		if (op == NULL)
			fail_msg("%s %s is not in openapi.json", rt->method ==
			    WB_POST ? "POST" : "GET", rt->pattern);
		resps = json_object_get(op, "responses");
		assert_non_null(resps);
		if (strstr(rt->pattern, "client") != NULL ||
		    strstr(rt->pattern, "consent") != NULL ||
		    strstr(rt->pattern, "referral") != NULL)
			if (json_object_get(resps, "404") == NULL)
				fail_msg("%s: no 404", rt->pattern);
		if (rt->method != WB_POST)
			continue;
		nposts++;
		body = json_object_get(op, "requestBody");
		schema = json_object_get(json_object_get(json_object_get(
		    json_object_get(body, "content"), JSON), "schema"), "$ref");
		if (schema == NULL)
			schema = json_object_get(json_object_get(
			    json_object_get(json_object_get(body, "content"),
			    JSON), "schema"), "properties");
		if (schema == NULL)
			fail_msg("%s: no JSON request body", rt->pattern);
		if (json_object_get(resps, "400") == NULL ||
		    json_object_get(resps, "415") == NULL)
			fail_msg("%s: no 400 or 415", rt->pattern);
		if (json_object_get(resps, "201") == NULL &&
		    json_object_get(resps, "200") == NULL)
			fail_msg("%s: no success answer", rt->pattern);
	}
	/* 6 client, 1 fidelity review, 1 measurement, 3 trajectory */
	assert_int_equal(nposts, 11);
	/* The schemas of the bodies name their required keys. */
	schema = json_object_get(json_object_get(json_object_get(v,
	    "components"), "schemas"), "ClientNew");
	assert_non_null(schema);
	assert_int_equal(json_array_size(json_object_get(schema, "required")),
	    6);
	json_decref(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register),
		cmocka_unit_test(test_consent_policy),
		cmocka_unit_test(test_no_health_by_uwv),
		cmocka_unit_test(test_admin_sees_nothing),
		cmocka_unit_test(test_referral),
		cmocka_unit_test(test_goals_and_team),
		cmocka_unit_test(test_methods_and_auth),
		cmocka_unit_test(test_openapi),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}
