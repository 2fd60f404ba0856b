/* test_no_leak.c - a professional of another organisation gets nothing of
 * a client on ANY page or API route before the client's consent, and
 * again after it is revoked (issue 4, tests).
 *
 * The routes are not listed here: the test walks the route table
 * (wb_routes) and requests every GET route whose path starts with
 * /clienten/{id} or /api/v1/clients/{id}, so a page added later is
 * covered without anyone remembering to add it.  Each answer must be 404
 * (or, for the API, 404 too) and must not contain the client's names or
 * any part of the BSN; the same pages answer 200 for the GGZ professional
 * who registered the client, so the check cannot pass because the pages
 * are simply broken.  The BSN search, the referral inbox, the access log
 * and the lists are checked as well, and the API routes that name only a
 * trajectory (/api/v1/trajectories/{id}/...).
 */
#include "clienthttp.h"
#include "base/str.h"
#include "web/router.h"

extern const struct wb_route wb_routes[];

static struct ht T;
static struct ht_user G, U;		/* GGZ (registers), UWV (outsider) */
static char ggz_auth[16 + WB_TOKEN_HEX], uwv_auth[16 + WB_TOKEN_HEX];
static int64_t client_id, uwv_org, uwv_user, traj_id;

#define GIVEN	"Zeldzaamvoornaam"
#define FAMILY	"Onvindbaarachternaam"
#define BSN	"123456782"

static int
setup(void **state)
{
	char	 region[8], body[600], loc[64], today[16];
	int64_t	 ggz, ggz_user;

	ht_setup(&T);
	*state = &T;
	ht_region_of(&T, "GM0796", region, sizeof(region));
	wb_date_nl(wb_today(), today, sizeof(today));
	ggz = ht_add_org(&T, "GGZ-L", "ggz", region);
	uwv_org = ht_add_org(&T, "UWV-L", "uwv", region);
	ggz_user = ht_add_user(&T, "ggz@l.example", "professional", "GGZ-L",
	    NULL);
	uwv_user = ht_add_user(&T, "uwv@l.example", "professional", "UWV-L",
	    NULL);
	ht_add_card(&T, ggz, ggz_user, "Gea Zorg", "behandelaar");
	ht_add_card(&T, uwv_org, uwv_user, "Uri Werk", "arbeidsdeskundige");
	ht_login(&T, "ggz@l.example", &G);
	ht_login(&T, "uwv@l.example", &U);
	snprintf(ggz_auth, sizeof(ggz_auth), "Bearer ");
	ht_token_for(&T, ggz_user, ggz_auth + 7, sizeof(ggz_auth) - 7);
	snprintf(uwv_auth, sizeof(uwv_auth), "Bearer ");
	ht_token_for(&T, uwv_user, uwv_auth + 7, sizeof(uwv_auth) - 7);

	/* A client with something in every part of the record. */
	client_id = ch_register(&T, &G, BSN, GIVEN, FAMILY);
	ch_add_goal(&T, &G, client_id, "zorg", "Slapen");
	snprintf(loc, sizeof(loc), "/clienten/%lld/tijdlijn",
	    (long long)client_id);
	snprintf(body, sizeof(body), "kind=gesprek&on_date=%s&body=Intake",
	    today);
	ht_post_expect(&T, &G, loc, body, 303, NULL);
	/* A trajectory with a job (work & income) */
	snprintf(loc, sizeof(loc), "/clienten/%lld/trajecten",
	    (long long)client_id);
	snprintf(body, sizeof(body), "intervention=ips&start_date=%s", today);
	ht_post_expect(&T, &G, loc, body, 303, NULL);
	traj_id = dbt_int(&T.dbt, "SELECT max(id) FROM trajectory");
	snprintf(loc, sizeof(loc), "/clienten/%lld/trajecten/%lld/mijlpalen",
	    (long long)client_id, (long long)traj_id);
	snprintf(body, sizeof(body), "type=job-start&date=%s&employer="
	    "Geheimbakkerij&hours=20&competitive=ja&min_wage=ja&"
	    "contract=vast", today);
	ht_post_expect(&T, &G, loc, body, 303, NULL);
	return 0;
}

/* The route's path for our client; NULL when it is not a client route. */
static const char *
client_path(const struct wb_route *rt, char *out, size_t n)
{
	const char	*p = rt->pattern;
	const char	*prefix = NULL;

	if (wb_str_prefix(p, "/clienten/{id}"))
		prefix = "/clienten/{id}";
	else if (wb_str_prefix(p, "/api/v1/clients/{id}"))
		prefix = "/api/v1/clients/{id}";
	if (prefix == NULL || strchr(p + strlen(prefix), '{') != NULL)
		return NULL;
	snprintf(out, n, "%.*s%lld%s", (int)(strlen(prefix) - 4), p,
	    (long long)client_id, p + strlen(prefix));
	return out;
}

/* Nothing of the client in a body: names, BSN digits. */
static void
no_client_data(const char *what, const struct ht_resp *r)
{
	if (r->body != NULL && (strstr(r->body, GIVEN) != NULL ||
	    strstr(r->body, FAMILY) != NULL || strstr(r->body, "6782") !=
	    NULL || strstr(r->body, "Slapen") != NULL ||
	    strstr(r->body, "Intake") != NULL ||
	    strstr(r->body, "Geheimbakkerij") != NULL))
		fail_msg("%s: client data in the answer", what);
}

/* Every GET client route: 404 and nothing of the client for the UWV
 * professional (`expect_uwv`), and 200 for the GGZ one. */
static size_t
walk(int expect_uwv)
{
	const struct wb_route	*rt;
	struct ht_resp		 r;
	char			 path[160];
	size_t			 n = 0;

	for (rt = wb_routes; rt->pattern != NULL; rt++) {
		bool api = (rt->flags & WB_R_API) != 0;

		if (rt->method != WB_GET || client_path(rt, path,
		    sizeof(path)) == NULL)
			continue;
		n++;
		ht_request_ct(&T, "GET", path, NULL, NULL, 0,
		    api ? NULL : U.cookie, api ? uwv_auth : NULL, &r);
		if (r.status != expect_uwv)
			fail_msg("UWV GET %s: %d, want %d", path, r.status,
			    expect_uwv);
		if (expect_uwv == 404)
			no_client_data(path, &r);
		ht_resp_free(&r);
		/* the same route works for the registering GGZ */
		ht_request_ct(&T, "GET", path, NULL, NULL, 0,
		    api ? NULL : G.cookie, api ? ggz_auth : NULL, &r);
		if (r.status != 200)
			fail_msg("GGZ GET %s: %d", path, r.status);
		ht_resp_free(&r);
	}
	return n;
}

/* The routes that name only a trajectory: 404 for the UWV token, and
 * nothing written. */
static void
trajectory_routes_refused(void)
{
	static const struct {
		const char	*suffix, *body;
	} posts[] = {
		{ "milestones", "{\"type\": \"profile\", \"date\": "
		    "\"2026-01-01\"}" },
		{ "status", "{\"status\": \"afgerond\", \"version\": 1}" },
		/* values the domain would refuse: still 404, not 400 */
		{ "milestones", "{\"type\": \"profile\", \"date\": "
		    "\"2026-02-31\"}" },
		{ "status", "{\"status\": \"afgerond\", \"version\": 1, "
		    "\"end_date\": \"2099-01-01\"}" },
	};
	struct ht_resp	 r;
	char		 path[96];
	size_t		 i;
	int64_t		 n;

	n = dbt_int(&T.dbt, "SELECT count(*) FROM milestone");
	for (i = 0; i < WB_NELEM(posts); i++) {
		snprintf(path, sizeof(path), "/api/v1/trajectories/%lld/%s",
		    (long long)traj_id, posts[i].suffix);
		ht_request_ct(&T, "POST", path, "application/json",
		    posts[i].body, strlen(posts[i].body), NULL, uwv_auth, &r);
		if (r.status != 404)
			fail_msg("UWV POST %s: %d", path, r.status);
		no_client_data(path, &r);
		ht_resp_free(&r);
	}
	assert_int_equal(dbt_int(&T.dbt, "SELECT count(*) FROM milestone"),
	    n);
	assert_int_equal(dbt_int(&T.dbt, "SELECT count(*) FROM trajectory "
	    "WHERE status = 'actief'"), 1);
}

/* The lists and searches of the UWV professional show nothing. */
static void
lists_show_nothing(void)
{
	struct ht_resp	r;
	const char	*lists[] = { "/clienten", "/verwijzingen", "/" };
	size_t		i;

	for (i = 0; i < WB_NELEM(lists); i++) {
		ht_get(&T, &U, lists[i], &r);
		assert_int_equal(r.status, 200);
		no_client_data(lists[i], &r);
		ht_resp_free(&r);
	}
	ht_post(&T, &U, "/clienten/zoeken", "bsn=" BSN, &r);
	assert_int_equal(r.status, 400);
	no_client_data("BSN search", &r);
	ht_resp_free(&r);
}

static void
test_nothing_before_consent_nothing_after_revocation(void **state)
{
	char		 path[96];
	struct ht_resp	 r;
	int64_t		 consent, routes;

	(void)state;
	routes = (int64_t)walk(404);
	/* pages and API routes of the record exist and were all tried */
	assert_true(routes >= 8);
	lists_show_nothing();
	trajectory_routes_refused();
	assert_true(ht_audit_count(&T, "client.read", "denied") > 0);

	/* With a consent (no health) and a place on the team, the record
	 * opens for UWV: the walk above was not vacuous. */
	consent = ch_grant(&T, &G, client_id, uwv_org, "categories=identity&"
	    "categories=work&categories=plan", "method=schriftelijk&"
	    "evidence=F1");
	ch_add_member(&T, &G, client_id, uwv_user, "arbeidsdeskundige");
	snprintf(path, sizeof(path), "/clienten/%lld", (long long)client_id);
	ht_get_expect(&T, &U, path, 200, FAMILY);
	/* ...but never the care goal (health) */
	snprintf(path, sizeof(path), "/clienten/%lld/plan",
	    (long long)client_id);
	ht_get(&T, &U, path, &r);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "Slapen"));
	ht_resp_free(&r);

	/* Revoked: everything closes again, at once. */
	snprintf(path, sizeof(path), "/clienten/%lld/toestemmingen/%lld/"
	    "intrekken", (long long)client_id, (long long)consent);
	ht_post_expect(&T, &G, path, "", 303, NULL);
	(void)walk(404);
	lists_show_nothing();
	trajectory_routes_refused();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_nothing_before_consent_nothing_after_revocation),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}
