/* test_edit.c - editing the directory through the router: organisations,
 * cards, a user's own card and contact points; validation, access by role
 * and region, CSRF, bad parameters. */
#include "httptest.h"
#include "base/time.h"

static struct ht T;
static char region[8];		/* region of GM0796; AM01 is another */
static char today[16];		/* dd-mm-jjjj */
static int64_t uwv, ggz, other, anna, bert, carla, piet, prof_id;

static int
setup(void **state)
{
	int64_t	prof2;

	ht_setup(&T);
	*state = &T;
	ht_region_of(&T, "GM0796", region, sizeof(region));
	assert_string_not_equal(region, "AM01");
	wb_date_nl(wb_today(), today, sizeof(today));
	uwv = ht_add_org(&T, "UWV-E", "uwv", region);
	ggz = ht_add_org(&T, "GGZ-E", "ggz", region);
	other = ht_add_org(&T, "GGZ-OTHER", "ggz", "AM01");
	ht_add_user(&T, "admin@e.example", "admin", "UWV-E", NULL);
	ht_add_user(&T, "coord@e.example", "coordinator", "GGZ-E", region);
	ht_add_user(&T, "coord1@e.example", "coordinator", "GGZ-OTHER",
	    "AM01");
	prof_id = ht_add_user(&T, "prof@e.example", "professional", "GGZ-E",
	    NULL);
	prof2 = ht_add_user(&T, "prof2@e.example", "professional", "GGZ-E",
	    NULL);
	anna = ht_add_card(&T, uwv, 0, "Anna Arbeid", "arbeidsdeskundige");
	bert = ht_add_card(&T, uwv, 0, "Bert Vervanger", "arbeidsdeskundige");
	carla = ht_add_card(&T, uwv, 0, "Carla Nieuw", "arbeidsdeskundige");
	piet = ht_add_card(&T, ggz, prof2, "Piet Ander", "behandelaar");
	ht_add_contact_point(&T, uwv, region, "uwv", anna, bert,
	    wb_today() - 10);
	return 0;
}

/* The stored name of organisation `code` (copied into buf). */
static const char *
org_name(const char *code, char *buf, size_t n)
{
	struct wb_org	o;
	struct wb_arena	a;
	struct wb_err	err;

	wb_arena_init(&a);
	assert_int_equal(wb_org_get_code(T.dbt.db, code, &a, &o, &err), 0);
	snprintf(buf, n, "%s", o.name);
	wb_arena_free(&a);
	return buf;
}

/* Contact points of an organisation: all (history) or current. */
static size_t
cp_count(int64_t org, bool history)
{
	struct wb_actor	 sys = wb_actor_system();
	struct wb_cp	*cps;
	struct wb_arena	 a;
	struct wb_err	 err;
	size_t		 n;

	wb_arena_init(&a);
	assert_int_equal(wb_cp_by_org(T.dbt.db, &sys, org, history, &a, &cps,
	    &n, &err), 0);
	wb_arena_free(&a);
	return n;
}

/* The id at the end of a redirect's Location ("/kaartjes/12"). */
static int64_t
location_id(const struct ht_resp *r, const char *prefix)
{
	char		*loc = ht_header(r, "Location");
	int64_t		 id;
	char		*end;

	assert_non_null(loc);
	if (strncmp(loc, prefix, strlen(prefix)) != 0)
		fail_msg("Location %s, expected %s...", loc, prefix);
	id = strtoll(loc + strlen(prefix), &end, 10);
	assert_true(*end == '\0' && id > 0);
	free(loc);
	return id;
}

/* A 303 to `location` with a flash message. */
static void
expect_redirect(const struct ht_resp *r, const char *location,
    const char *flash)
{
	char	want[64];

	ht_expect_redirect(r, location);
	snprintf(want, sizeof(want), "wb_flash=%s;", flash);
	assert_non_null(strstr(r->headers, want));
}

static void
test_admin_creates_org(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	struct wb_org	o;
	struct wb_arena	a;
	struct wb_err	err;
	char		body[256];
	int64_t		before = ht_audit_count(&T, "organisation.create",
	    "allowed");

	(void)state;
	ht_login(&T, "admin@e.example", &u);
	ht_get(&T, &u, "/organisaties/nieuw", &r);
	ht_expect(&r, 200, NULL);
	/* Every region can be chosen, each with its own label. */
	assert_non_null(strstr(r.body, "id=\"region-AM01\""));
	assert_non_null(strstr(r.body, "for=\"region-AM35\""));
	assert_non_null(strstr(r.body, "<option value=\"gemeente\""));
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "code=NIEUW-1&name=Nieuwe+Zorg+%%26+Co&"
	    "type=ggz&region=AM01&region=%s&agb=12345678&kvk=87654321&"
	    "phone=030+123+45+67&email=info%%40nieuw.example&"
	    "website=https%%3A%%2F%%2Fnieuw.example", region);
	ht_post(&T, &u, "/organisaties/nieuw", body, &r);
	expect_redirect(&r, "/organisaties/NIEUW-1", "created");
	ht_resp_free(&r);
	ht_get(&T, &u, "/organisaties/NIEUW-1", &r);
	ht_expect(&r, 200, "Nieuwe Zorg &amp; Co");
	assert_non_null(strstr(r.body, "12345678"));
	ht_resp_free(&r);
	wb_arena_init(&a);
	assert_int_equal(wb_org_get_code(T.dbt.db, "NIEUW-1", &a, &o, &err), 0);
	assert_int_equal(o.nregions, 2);
	assert_true(wb_org_serves(&o, "AM01") && wb_org_serves(&o, region));
	assert_true(o.active);
	wb_arena_free(&a);
	assert_int_equal(ht_audit_count(&T, "organisation.create", "allowed"),
	    before + 1);
}

static void
test_org_validation(void **state)
{
	static const struct {
		const char	*fields;	/* after code= and region= */
		const char	*field;
		const char	*message;
		const char	*kept;		/* typed text shown again */
	} cases[] = {
		{ "name=Getypte+Naam&type=ggz&agb=123", "agb",
		    "Een AGB-code bestaat uit 8 cijfers.", "Getypte Naam" },
		{ "name=Getypte+Naam&type=ggz&kvk=abc", "kvk",
		    "Een KvK-nummer bestaat uit 8 cijfers.", "value=\"abc\"" },
		{ "type=ggz&phone=030+999", "name", "Naam is verplicht.",
		    "value=\"030 999\"" },
		{ "name=Getypte+Naam&type=ggz&website=http%3A%2F%2Fx.example",
		    "website", "Een website begint met https://.",
		    "Getypte Naam" },
		{ "name=Getypte+Naam&type=politie", "type",
		    "Soort organisatie is geen geldige keuze.",
		    "Getypte Naam" },
		{ "name=Getypte+Naam&type=uwv&municipality=GM0796", "municipality",
		    "Alleen een gemeente hoort bij een gemeentecode.",
		    "value=\"GM0796\"" },
	};
	struct ht_user	u;
	struct ht_resp	r;
	char		body[512], want[64];
	int64_t		orgs = dbt_org_count(&T.dbt);
	int64_t		created = ht_audit_count(&T, "organisation.create",
	    NULL);
	size_t		i;

	(void)state;
	ht_login(&T, "admin@e.example", &u);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(body, sizeof(body), "code=FOUT-%zu&region=%s&%s", i,
		    region, cases[i].fields);
		ht_post(&T, &u, "/organisaties/nieuw", body, &r);
		if (r.status != 400 || strstr(r.body, cases[i].message) ==
		    NULL || strstr(r.body, cases[i].kept) == NULL)
			fail_msg("case %zu: status %d\n%s", i, r.status,
			    r.body);
		/* The message sits next to its field, which points to it. */
		snprintf(want, sizeof(want), "id=\"%s-error\"",
		    cases[i].field);
		assert_non_null(strstr(r.body, want));
		assert_non_null(strstr(r.body, "aria-invalid=\"true\""));
		/* The code typed is kept too. */
		snprintf(want, sizeof(want), "value=\"FOUT-%zu\"", i);
		assert_non_null(strstr(r.body, want));
		ht_resp_free(&r);
	}
	/* An unknown region: the regions typed stay checked. */
	snprintf(body, sizeof(body), "code=FOUT-R&name=Getypte+Naam&type=ggz&"
	    "region=%s&region=AM99", region);
	ht_post(&T, &u, "/organisaties/nieuw", body, &r);
	ht_expect(&r, 400, "Regio AM99 bestaat niet.");
	assert_non_null(strstr(r.body, "Getypte Naam"));
	snprintf(want, sizeof(want), "value=\"%s\" checked", region);
	assert_non_null(strstr(r.body, want));
	ht_resp_free(&r);
	/* No region at all. */
	ht_post_expect(&T, &u, "/organisaties/nieuw", "code=FOUT-N&"
	    "name=Getypte+Naam&type=ggz", 400, "Kies ten minste één regio");
	/* A code in use. */
	snprintf(body, sizeof(body), "code=GGZ-E&name=Dubbel&type=ggz&"
	    "region=%s", region);
	ht_post(&T, &u, "/organisaties/nieuw", body, &r);
	ht_expect(&r, 400, "Er is al een organisatie met deze code.");
	assert_non_null(strstr(r.body, "Dubbel"));
	ht_resp_free(&r);
	assert_int_equal(dbt_org_count(&T.dbt), orgs);
	assert_int_equal(ht_audit_count(&T, "organisation.create", NULL),
	    created);
	assert_string_equal(org_name("GGZ-E", body, sizeof(body)), "GGZ-E");
}

static void
test_coordinator_edits_org(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	struct wb_org	o;
	struct wb_arena	a;
	struct wb_err	err;
	char		body[256], buf[128];
	int64_t		denied = ht_audit_count(&T, "organisation.update",
	    "denied");

	(void)state;
	ht_login(&T, "coord@e.example", &u);
	ht_get(&T, &u, "/organisaties/GGZ-E/bewerken", &r);
	ht_expect(&r, 200, NULL);
	/* The stored values, and only the own region, fixed. */
	assert_non_null(strstr(r.body, "value=\"GGZ-E\""));
	assert_non_null(strstr(r.body, "checked disabled"));
	assert_null(strstr(r.body, "id=\"region-AM01\""));
	assert_non_null(strstr(r.body, "id=\"active\" name=\"active\" "
	    "value=\"1\" checked"));
	ht_resp_free(&r);
	/* A region posted anyway is not taken over. */
	ht_post(&T, &u, "/organisaties/GGZ-E/bewerken", "name=GGZ+Oost+"
	    "Brabant&type=ggz&active=1&phone=073+111&region=AM01", &r);
	expect_redirect(&r, "/organisaties/GGZ-E", "saved");
	ht_resp_free(&r);
	wb_arena_init(&a);
	assert_int_equal(wb_org_get_code(T.dbt.db, "GGZ-E", &a, &o, &err), 0);
	assert_string_equal(o.name, "GGZ Oost Brabant");
	assert_string_equal(o.phone, "073 111");
	assert_int_equal(o.nregions, 1);
	assert_string_equal(o.regions[0], region);
	assert_true(o.active);
	wb_arena_free(&a);
	/* A refused value changes nothing and keeps what was typed. */
	ht_post(&T, &u, "/organisaties/GGZ-E/bewerken", "name=Anders&"
	    "type=ggz&active=1&kvk=abc", &r);
	ht_expect(&r, 400, "Een KvK-nummer bestaat uit 8 cijfers.");
	assert_non_null(strstr(r.body, "value=\"Anders\""));
	ht_resp_free(&r);
	assert_string_equal(org_name("GGZ-E", buf, sizeof(buf)),
	    "GGZ Oost Brabant");
	/* Another region's organisation: neither the form nor the change,
	 * and each refusal is audited. */
	ht_get_expect(&T, &u, "/organisaties/GGZ-OTHER/bewerken", 403, NULL);
	assert_int_equal(ht_audit_count(&T, "organisation.update", "denied"),
	    denied + 1);
	ht_post_expect(&T, &u, "/organisaties/GGZ-OTHER/bewerken",
	    "name=Gekaapt&type=ggz&active=1", 403, NULL);
	ht_post_expect(&T, &u, "/organisaties/GGZ-OTHER/bewerken",
	    "name=Gekaapt&type=ggz&active=1&kvk=abc", 403, NULL);
	assert_string_equal(org_name("GGZ-OTHER", buf, sizeof(buf)),
	    "GGZ-OTHER");
	assert_int_equal(ht_audit_count(&T, "organisation.update", "denied"),
	    denied + 3);
	/* A coordinator adds an organisation to their own region only. */
	snprintf(body, sizeof(body), "code=COORD-1&name=Gemeente+Test&"
	    "type=gemeente&municipality=GM0796&region=AM01");
	ht_post(&T, &u, "/organisaties/nieuw", body, &r);
	expect_redirect(&r, "/organisaties/COORD-1", "created");
	ht_resp_free(&r);
	wb_arena_init(&a);
	assert_int_equal(wb_org_get_code(T.dbt.db, "COORD-1", &a, &o, &err), 0);
	assert_int_equal(o.nregions, 1);
	assert_string_equal(o.regions[0], region);
	assert_string_equal(o.municipality_code, "GM0796");
	wb_arena_free(&a);
}

static void
test_professional_forbidden(void **state)
{
	static const char *const forms[] = {
		"/organisaties/nieuw",
		"/organisaties/GGZ-E/bewerken",
		"/organisaties/GGZ-E/kaartjes/nieuw",
	};
	static const char *const events[] = {
		"organisation.create", "organisation.update", "card.create",
	};
	struct ht_user	u;
	struct ht_resp	r;
	char		path[80], body[160];
	int64_t		orgs = dbt_org_count(&T.dbt);
	int64_t		denied = ht_audit_count(&T, "organisation.create",
	    "denied");
	int64_t		cp_denied = ht_audit_count(&T, "contactpoint.set",
	    "denied");
	int64_t		before;
	size_t		i;

	(void)state;
	ht_login(&T, "prof@e.example", &u);
	/* Each refused form is audited under the event of its POST. */
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		before = ht_audit_count(&T, events[i], "denied");
		ht_get(&T, &u, forms[i], &r);
		if (r.status != 403)
			fail_msg("%s: status %d", forms[i], r.status);
		ht_resp_free(&r);
		if (ht_audit_count(&T, events[i], "denied") != before + 1)
			fail_msg("%s: no denied %s event", forms[i],
			    events[i]);
	}
	snprintf(path, sizeof(path), "/regios/%s/contactpunten/nieuw",
	    region);
	ht_get_expect(&T, &u, path, 403, NULL);
	ht_get_expect(&T, &u, "/regios/AM01/contactpunten/nieuw", 403, NULL);
	assert_int_equal(ht_audit_count(&T, "contactpoint.set", "denied"),
	    cp_denied + 2);
	snprintf(body, sizeof(body), "code=PROF-1&name=Eigen&type=ggz&"
	    "region=%s", region);
	ht_post_expect(&T, &u, "/organisaties/nieuw", body, 403, NULL);
	/* With an invalid field the form is not shown either. */
	ht_post_expect(&T, &u, "/organisaties/nieuw", "code=PROF-2&type=ggz",
	    403, NULL);
	assert_int_equal(dbt_org_count(&T.dbt), orgs);
	/* The form, the POST and the POST with an invalid field. */
	assert_int_equal(ht_audit_count(&T, "organisation.create", "denied"),
	    denied + 3);
}

static void
test_cp_set_keeps_history(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	struct wb_actor	 sys = wb_actor_system();
	struct wb_cp	*cps;
	struct wb_arena	 a;
	struct wb_err	 err;
	char		 path[80], body[256];
	size_t		 n;
	int64_t		 lists = ht_audit_count(&T, "card.list", "allowed");

	(void)state;
	assert_int_equal(cp_count(uwv, true), 1);
	ht_login(&T, "coord@e.example", &u);
	snprintf(path, sizeof(path), "/regios/%s/contactpunten/nieuw",
	    region);
	ht_get(&T, &u, path, &r);
	ht_expect(&r, 200, "<option value=\"UWV-E\"");
	assert_null(strstr(r.body, "GGZ-OTHER"));
	/* The current contact point, with a form to end it. */
	assert_non_null(strstr(r.body, "Anna Arbeid"));
	assert_non_null(strstr(r.body, "/beeindigen"));
	ht_resp_free(&r);
	/* Step two: the people of the organisation (an audited read). */
	snprintf(path, sizeof(path), "/regios/%s/contactpunten/nieuw?"
	    "org=UWV-E", region);
	ht_get(&T, &u, path, &r);
	ht_expect(&r, 200, NULL);
	snprintf(body, sizeof(body), "<option value=\"%lld\">Carla Nieuw",
	    (long long)carla);
	assert_non_null(strstr(r.body, body));
	snprintf(body, sizeof(body), "value=\"%s\"", today);
	assert_non_null(strstr(r.body, body));
	ht_resp_free(&r);
	assert_int_equal(ht_audit_count(&T, "card.list", "allowed"),
	    lists + 1);
	/* An organisation of another region cannot be picked. */
	snprintf(path, sizeof(path), "/regios/%s/contactpunten/nieuw?"
	    "org=GGZ-OTHER", region);
	ht_get_expect(&T, &u, path, 400, "id=\"org-error\"");
	/* Refused values: nothing changes, the typed date stays. */
	snprintf(path, sizeof(path), "/regios/%s/contactpunten/nieuw",
	    region);
	snprintf(body, sizeof(body), "org=UWV-E&domain=uwv&card=%lld&"
	    "deputy=%lld&valid_from=%s&note=Getypt", (long long)carla,
	    (long long)carla, today);
	ht_post(&T, &u, path, body, &r);
	ht_expect(&r, 400, "De vervanger moet iemand anders");
	assert_non_null(strstr(r.body, "id=\"deputy-error\""));
	assert_non_null(strstr(r.body, "value=\"Getypt\""));
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "org=UWV-E&domain=uwv&card=%lld&"
	    "valid_from=31-02-2026", (long long)carla);
	ht_post(&T, &u, path, body, &r);
	ht_expect(&r, 400, "Geldig vanaf is geen geldige datum");
	assert_non_null(strstr(r.body, "value=\"31-02-2026\""));
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "org=UWV-E&domain=uwv&card=%lld&"
	    "valid_from=%s&valid_until=01-01-2000", (long long)carla, today);
	ht_post_expect(&T, &u, path, body, 400, "De einddatum ligt voor de "
	    "begindatum.");
	snprintf(body, sizeof(body), "org=UWV-E&domain=ggz&card=%lld&"
	    "valid_from=%s", (long long)carla, today);
	ht_post_expect(&T, &u, path, body, 400, "id=\"domain-error\"");
	assert_int_equal(cp_count(uwv, true), 1);
	/* The new contact point ends the old one the day before. */
	snprintf(body, sizeof(body), "org=UWV-E&domain=uwv&card=%lld&"
	    "deputy=%lld&valid_from=%s&note=Vanaf+nu", (long long)carla,
	    (long long)bert, today);
	ht_post(&T, &u, path, body, &r);
	snprintf(path, sizeof(path), "/regios/%s", region);
	expect_redirect(&r, path, "saved");
	ht_resp_free(&r);
	assert_int_equal(cp_count(uwv, true), 2);
	wb_arena_init(&a);
	assert_int_equal(wb_cp_by_org(T.dbt.db, &sys, uwv, false, &a, &cps, &n,
	    &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(cps[0].person.card_id, carla);
	assert_int_equal(cps[0].deputy.card_id, bert);
	assert_int_equal(cps[0].valid_from, wb_today());
	assert_string_equal(cps[0].note, "Vanaf nu");
	assert_int_equal(wb_cp_by_org(T.dbt.db, &sys, uwv, true, &a, &cps, &n,
	    &err), 0);
	for (size_t i = 0; i < n; i++)
		if (cps[i].person.card_id == anna)
			assert_int_equal(cps[i].valid_until, wb_today() - 1);
	wb_arena_free(&a);
	ht_get(&T, &u, "/organisaties/UWV-E?historie=1", &r);
	ht_expect(&r, 200, "Anna Arbeid");
	assert_non_null(strstr(r.body, "Carla Nieuw"));
	ht_resp_free(&r);
}

static void
test_cp_other_region_forbidden(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	struct wb_actor	 sys = wb_actor_system();
	struct wb_cp	*cps;
	struct wb_arena	 a;
	struct wb_err	 err;
	char		 path[80], body[256];
	size_t		 n, before = cp_count(uwv, true);
	int64_t		 set_denied = ht_audit_count(&T, "contactpoint.set",
	    "denied");
	int64_t		 end_denied = ht_audit_count(&T, "contactpoint.end",
	    "denied");

	(void)state;
	ht_login(&T, "coord1@e.example", &u);
	snprintf(path, sizeof(path), "/regios/%s/contactpunten/nieuw",
	    region);
	/* Even the form is refused, and the refusal audited. */
	ht_get(&T, &u, path, &r);
	ht_expect(&r, 403, NULL);
	assert_null(strstr(r.body, "Anna Arbeid"));
	ht_resp_free(&r);
	assert_int_equal(ht_audit_count(&T, "contactpoint.set", "denied"),
	    set_denied + 1);
	snprintf(body, sizeof(body), "org=UWV-E&domain=uwv&card=%lld&"
	    "valid_from=%s", (long long)anna, today);
	ht_post_expect(&T, &u, path, body, 403, NULL);
	/* A refused field does not open the form to them either. */
	snprintf(body, sizeof(body), "org=UWV-E&domain=uwv&card=%lld&"
	    "valid_from=gisteren", (long long)anna);
	ht_post_expect(&T, &u, path, body, 403, NULL);
	assert_int_equal(cp_count(uwv, true), before);
	assert_int_equal(ht_audit_count(&T, "contactpoint.set", "denied"),
	    set_denied + 3);
	/* Nor may they end one. */
	wb_arena_init(&a);
	assert_int_equal(wb_cp_by_org(T.dbt.db, &sys, uwv, false, &a, &cps, &n,
	    &err), 0);
	assert_int_equal(n, 1);
	snprintf(path, sizeof(path), "/contactpunten/%lld/beeindigen",
	    (long long)cps[0].id);
	snprintf(body, sizeof(body), "until=%s&regio=%s", today, region);
	ht_post_expect(&T, &u, path, body, 403, NULL);
	assert_int_equal(cp_count(uwv, false), 1);
	assert_int_equal(ht_audit_count(&T, "contactpoint.end", "denied"),
	    end_denied + 1);
	wb_arena_free(&a);
}

static void
test_cp_end(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	struct wb_actor	 sys = wb_actor_system();
	struct wb_cp	 cp;
	struct wb_arena	 a;
	struct wb_err	 err;
	char		 path[80], body[128], want[80];
	int64_t		 id;

	(void)state;
	id = ht_add_contact_point(&T, ggz, region, "ggz", piet, 0,
	    wb_today() - 5);
	ht_login(&T, "coord@e.example", &u);
	snprintf(path, sizeof(path), "/contactpunten/%lld/beeindigen",
	    (long long)id);
	/* Before the start: the message next to that contact point. */
	snprintf(body, sizeof(body), "until=01-01-2001&regio=%s", region);
	ht_post(&T, &u, path, body, &r);
	ht_expect(&r, 400, "De einddatum ligt voor de begindatum.");
	snprintf(want, sizeof(want), "id=\"until-%lld-error\"", (long long)id);
	assert_non_null(strstr(r.body, want));
	assert_non_null(strstr(r.body, "value=\"01-01-2001\""));
	ht_resp_free(&r);
	/* Not a date at all. */
	snprintf(body, sizeof(body), "until=morgen&regio=%s", region);
	ht_post_expect(&T, &u, path, body, 400, NULL);
	wb_arena_init(&a);
	assert_int_equal(wb_cp_get(T.dbt.db, &sys, id, &a, &cp, &err), 0);
	assert_true(cp.valid_until == INT64_MIN);
	snprintf(body, sizeof(body), "until=%s&regio=%s", today, region);
	ht_post(&T, &u, path, body, &r);
	snprintf(want, sizeof(want), "/regios/%s", region);
	expect_redirect(&r, want, "ended");
	ht_resp_free(&r);
	assert_int_equal(wb_cp_get(T.dbt.db, &sys, id, &a, &cp, &err), 0);
	assert_int_equal(cp.valid_until, wb_today());
	wb_arena_free(&a);
}

static void
test_csrf_required(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	char		body[256], path[80], buf[128];
	size_t		cps = cp_count(uwv, true);

	(void)state;
	ht_login(&T, "coord@e.example", &u);
	ht_request(&T, "POST", "/organisaties/GGZ-E/bewerken", "name=Zonder+"
	    "token&type=ggz&active=1", u.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "csrf=%064d&name=Fout+token&type=ggz&"
	    "active=1", 0);
	ht_request(&T, "POST", "/organisaties/GGZ-E/bewerken", body, u.cookie,
	    &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	assert_string_equal(org_name("GGZ-E", buf, sizeof(buf)),
	    "GGZ Oost Brabant");
	snprintf(path, sizeof(path), "/regios/%s/contactpunten/nieuw",
	    region);
	snprintf(body, sizeof(body), "org=UWV-E&domain=uwv&card=%lld&"
	    "valid_from=%s", (long long)anna, today);
	ht_request(&T, "POST", path, body, u.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	assert_int_equal(cp_count(uwv, true), cps);
	ht_request(&T, "POST", "/mijn-kaartje", "name=Zonder&function=overig&"
	    "phone=1", u.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
}

static void
test_my_card(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	struct wb_card	c;
	struct wb_arena	a;
	struct wb_err	err;
	struct wb_actor	anon = { .role = WB_ROLE_NONE, .address = "test",
	    .via = "web" };
	char		path[64], last[32];
	int64_t		id, reads;

	(void)state;
	ht_login(&T, "prof@e.example", &u);
	reads = ht_audit_count(&T, "card.read", "allowed");
	ht_get(&T, &u, "/mijn-kaartje", &r);
	ht_expect(&r, 200, NULL);
	/* No card yet: nothing was read. */
	assert_int_equal(ht_audit_count(&T, "card.read", "allowed"), reads);
	/* A first card starts from the account's e-mail address. */
	assert_non_null(strstr(r.body, "value=\"prof@e.example\""));
	assert_non_null(strstr(r.body, "<option value=\"behandelaar\">"
	    "Behandelaar</option>"));
	ht_resp_free(&r);
	/* Neither phone nor e-mail: refused, the name typed stays. */
	ht_post(&T, &u, "/mijn-kaartje", "name=Paula+Prof&function="
	    "ips-trajectbegeleider", &r);
	ht_expect(&r, 400, "Vul een telefoonnummer of een e-mailadres in");
	assert_non_null(strstr(r.body, "value=\"Paula Prof\""));
	assert_non_null(strstr(r.body, "<option value=\"ips-"
	    "trajectbegeleider\" selected>"));
	ht_resp_free(&r);
	wb_arena_init(&a);
	assert_int_equal(wb_card_of_user(T.dbt.db, prof_id, &a, &c, &err),
	    WB_ENOTFOUND);
	ht_post(&T, &u, "/mijn-kaartje", "name=Paula+Prof&function="
	    "ips-trajectbegeleider&phone=06+1234+5678&availability=ma+t%2Fm+"
	    "do%0D%0A9-17+uur", &r);
	id = location_id(&r, "/kaartjes/");
	assert_non_null(strstr(r.headers, "wb_flash=created;"));
	ht_resp_free(&r);
	assert_int_equal(wb_card_of_user(T.dbt.db, prof_id, &a, &c, &err), 0);
	assert_int_equal(c.id, id);
	assert_int_equal(c.org_id, ggz);
	assert_int_equal(c.user_id, prof_id);
	snprintf(path, sizeof(path), "/kaartjes/%lld", (long long)id);
	ht_get(&T, &u, path, &r);
	ht_expect(&r, 200, "Paula Prof");
	assert_non_null(strstr(r.body, "IPS-trajectbegeleider"));
	assert_non_null(strstr(r.body, "06 1234 5678"));
	ht_resp_free(&r);
	/* Saving again changes the same card.  Showing the own card is a
	 * read of it, audited with the card's id. */
	reads = ht_audit_count(&T, "card.read", "allowed");
	ht_get_expect(&T, &u, "/mijn-kaartje", 200, "value=\"Paula Prof\"");
	assert_int_equal(ht_audit_count(&T, "card.read", "allowed"),
	    reads + 1);
	dbt_text(&T.dbt, "SELECT object_id || ' ' || user_id FROM audit_event "
	    "WHERE event = 'card.read' ORDER BY id DESC LIMIT 1", last,
	    sizeof(last));
	snprintf(path, sizeof(path), "%lld %lld", (long long)id,
	    (long long)prof_id);
	assert_string_equal(last, path);
	snprintf(path, sizeof(path), "/kaartjes/%lld", (long long)id);
	ht_post(&T, &u, "/mijn-kaartje", "name=Paula+de+Prof&function="
	    "behandelaar&email=paula%40ggz.example", &r);
	expect_redirect(&r, path, "saved");
	ht_resp_free(&r);
	assert_int_equal(wb_card_of_user(T.dbt.db, prof_id, &a, &c, &err), 0);
	assert_int_equal(c.id, id);
	assert_string_equal(c.name, "Paula de Prof");
	assert_null(c.phone);
	wb_arena_free(&a);
	/* Their own card through the card's edit page too. */
	snprintf(path, sizeof(path), "/kaartjes/%lld/bewerken", (long long)id);
	ht_get_expect(&T, &u, path, 200, NULL);
	/* Without an account there is no own card: refused, and audited. */
	reads = ht_audit_count(&T, "card.read", "denied");
	wb_arena_init(&a);
	assert_int_equal(wb_card_mine(T.dbt.db, &anon, &a, &c, &err),
	    WB_EDENIED);
	wb_arena_free(&a);
	assert_int_equal(ht_audit_count(&T, "card.read", "denied"),
	    reads + 1);
}

static void
test_other_card_forbidden(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	struct wb_actor	sys = wb_actor_system();
	struct wb_card	c;
	struct wb_arena	a;
	struct wb_err	err;
	char		path[64];
	int64_t		denied = ht_audit_count(&T, "card.update", "denied");

	(void)state;
	snprintf(path, sizeof(path), "/kaartjes/%lld/bewerken",
	    (long long)piet);
	ht_login(&T, "prof@e.example", &u);
	ht_get(&T, &u, path, &r);
	ht_expect(&r, 403, NULL);
	assert_null(strstr(r.body, "Piet Ander"));
	ht_resp_free(&r);
	assert_int_equal(ht_audit_count(&T, "card.update", "denied"),
	    denied + 1);
	ht_post(&T, &u, path, "name=Overgenomen&function=overig&phone=1",
	    &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	/* A coordinator of another region may not either. */
	ht_login(&T, "coord1@e.example", &u);
	ht_get_expect(&T, &u, path, 403, NULL);
	ht_post_expect(&T, &u, path, "name=Overgenomen&function=overig&phone=1&"
	    "active=1", 403, NULL);
	wb_arena_init(&a);
	assert_int_equal(wb_card_get(T.dbt.db, &sys, piet, &a, &c, &err), 0);
	assert_string_equal(c.name, "Piet Ander");
	assert_true(c.active);
	wb_arena_free(&a);
	/* Two forms and two changes refused. */
	assert_int_equal(ht_audit_count(&T, "card.update", "denied"),
	    denied + 4);
	/* Nor add a card to an organisation outside their region. */
	ht_post_expect(&T, &u, "/organisaties/UWV-E/kaartjes/nieuw", "name=Nep&"
	    "function=overig&phone=1", 403, NULL);
}

static void
test_coordinator_cards(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	struct wb_actor	sys = wb_actor_system();
	struct wb_card	c;
	struct wb_arena	a;
	struct wb_err	err;
	char		path[64];
	int64_t		id;

	(void)state;
	ht_login(&T, "coord@e.example", &u);
	ht_get(&T, &u, "/organisaties/UWV-E/kaartjes/nieuw", &r);
	ht_expect(&r, 200, NULL);
	assert_null(strstr(r.body, "name=\"active\""));
	ht_resp_free(&r);
	ht_post(&T, &u, "/organisaties/UWV-E/kaartjes/nieuw", "name=Dirk+"
	    "Deskundig&function=piloot&phone=088+1", &r);
	ht_expect(&r, 400, "Functie is geen geldige keuze.");
	assert_non_null(strstr(r.body, "value=\"Dirk Deskundig\""));
	ht_resp_free(&r);
	ht_post(&T, &u, "/organisaties/UWV-E/kaartjes/nieuw", "name=Dirk+"
	    "Deskundig&function=arbeidsdeskundige&phone=088+abc", &r);
	ht_expect(&r, 400, "id=\"phone-error\"");
	assert_non_null(strstr(r.body, "value=\"088 abc\""));
	ht_resp_free(&r);
	ht_post(&T, &u, "/organisaties/UWV-E/kaartjes/nieuw", "name=Dirk+"
	    "Deskundig&function=arbeidsdeskundige&phone=088+1", &r);
	id = location_id(&r, "/kaartjes/");
	ht_resp_free(&r);
	wb_arena_init(&a);
	assert_int_equal(wb_card_get(T.dbt.db, &sys, id, &a, &c, &err), 0);
	assert_int_equal(c.org_id, uwv);
	assert_int_equal(c.user_id, 0);
	assert_true(c.active);
	snprintf(path, sizeof(path), "/kaartjes/%lld/bewerken", (long long)id);
	ht_get(&T, &u, path, &r);
	ht_expect(&r, 200, "value=\"Dirk Deskundig\"");
	assert_non_null(strstr(r.body, "name=\"active\" value=\"1\" checked"));
	ht_resp_free(&r);
	/* Unticking "active" takes the card out of the directory. */
	ht_post(&T, &u, path, "name=Dirk+D&function=jobcoach&phone=088+2",
	    &r);
	snprintf(path, sizeof(path), "/kaartjes/%lld", (long long)id);
	expect_redirect(&r, path, "saved");
	ht_resp_free(&r);
	assert_int_equal(wb_card_get(T.dbt.db, &sys, id, &a, &c, &err), 0);
	assert_string_equal(c.name, "Dirk D");
	assert_string_equal(c.function, "jobcoach");
	assert_false(c.active);
	wb_arena_free(&a);
}

static void
test_bad_parameters(void **state)
{
	static const char *const bad_get[] = {
		"/organisaties/nieuw?x=1",
		"/organisaties/nieuw?regio=XX01",
		"/organisaties/NOPE/bewerken",
		"/organisaties/a%20b/bewerken",
		"/kaartjes/abc/bewerken",
		"/kaartjes/0/bewerken",
		"/kaartjes/999999/bewerken",
		"/organisaties/NOPE/kaartjes/nieuw",
		"/regios/AM99/contactpunten/nieuw",
		"/regios/XX/contactpunten/nieuw",
		"/regios/AM01/contactpunten/nieuw?domain=politie",
		"/mijn-kaartje?x=1",
	};
	struct ht_user	u;
	struct ht_resp	r;
	char		body[128];
	int64_t		orgs = dbt_org_count(&T.dbt);
	size_t		i;

	(void)state;
	ht_login(&T, "admin@e.example", &u);
	for (i = 0; i < sizeof(bad_get) / sizeof(bad_get[0]); i++) {
		ht_get(&T, &u, bad_get[i], &r);
		if (r.status != 400 && r.status != 404)
			fail_msg("%s: status %d", bad_get[i], r.status);
		ht_resp_free(&r);
	}
	/* An undeclared field, a repeated one, parameters in the address. */
	snprintf(body, sizeof(body), "code=BAD-1&name=X&type=ggz&region=%s&"
	    "foo=1", region);
	ht_post_expect(&T, &u, "/organisaties/nieuw", body, 400, NULL);
	snprintf(body, sizeof(body), "code=BAD-1&name=X&name=Y&type=ggz&"
	    "region=%s", region);
	ht_post_expect(&T, &u, "/organisaties/nieuw", body, 400, NULL);
	snprintf(body, sizeof(body), "code=BAD-1&name=X&type=ggz&region=%s",
	    region);
	ht_post_expect(&T, &u, "/organisaties/nieuw?code=BAD-2", body,
	    400, NULL);
	/* The path's code cannot be posted again. */
	ht_post_expect(&T, &u, "/organisaties/GGZ-E/bewerken",
	    "code=GGZ-X&name=X&type=ggz", 400, NULL);
	ht_post_expect(&T, &u, "/contactpunten/1/beeindigen",
	    "until=01-01-2030&regio=AM1", 400, NULL);
	ht_post_expect(&T, &u, "/contactpunten/999999/beeindigen", "until="
	    "01-01-2030", 404, NULL);
	assert_int_equal(dbt_org_count(&T.dbt), orgs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_admin_creates_org),
		cmocka_unit_test(test_org_validation),
		cmocka_unit_test(test_coordinator_edits_org),
		cmocka_unit_test(test_professional_forbidden),
		cmocka_unit_test(test_cp_set_keeps_history),
		cmocka_unit_test(test_cp_other_region_forbidden),
		cmocka_unit_test(test_cp_end),
		cmocka_unit_test(test_csrf_required),
		cmocka_unit_test(test_my_card),
		cmocka_unit_test(test_other_card_forbidden),
		cmocka_unit_test(test_coordinator_cards),
		cmocka_unit_test(test_bad_parameters),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}
