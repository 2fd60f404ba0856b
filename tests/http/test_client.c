/* test_client.c - the client pages through the router: registering,
 * validation, duplicate BSNs, the consent policy as a UWV professional
 * sees it, consents and the care team, the full BSN, CSRF, the BSN
 * search and editing under a partial consent.
 *
 * One database for the whole group: every test registers its own clients
 * with BSNs of its own (bsn_for), so the tests do not depend on each
 * other's order.  A check that something is NOT shown is paired, where
 * the text could be missing for another reason, with one that finds the
 * same text where it belongs, so it cannot pass by accident.
 */
#include "clienthttp.h"
#include "base/log.h"

static struct ht T;
static char region[8];		/* the region of GM0796 */
static char today[16], next_year[16];	/* dd-mm-jjjj */
static int64_t ggz, uwv, ggz2;	/* organisations */
static int64_t ggz_id, uwv_id, ggz2_id;	/* their professionals */
static struct ht_user G, U, O;	/* GGZ, UWV, other GGZ professional */
static struct ht_user ADM, AUD, CO;	/* admin, auditor, coordinator */

#define EPA	"Ernstige psychische aandoening"
#define LEAD	'7'	/* of this suite's BSNs */
/* A written consent's method and evidence. */
#define WRITTEN	"method=schriftelijk&evidence=Formulier+2026-17"

static int
setup(void **state)
{
	ht_setup(&T);
	*state = &T;
	ht_region_of(&T, "GM0796", region, sizeof(region));
	wb_date_nl(wb_today(), today, sizeof(today));
	wb_date_nl(wb_today() + 365, next_year, sizeof(next_year));
	ggz = ht_add_org(&T, "GGZ-C", "ggz", region);
	uwv = ht_add_org(&T, "UWV-C", "uwv", region);
	ggz2 = ht_add_org(&T, "GGZ-ANDER", "ggz", region);
	ggz_id = ht_add_user(&T, "ggz@c.example", "professional", "GGZ-C",
	    NULL);
	uwv_id = ht_add_user(&T, "uwv@c.example", "professional", "UWV-C",
	    NULL);
	ggz2_id = ht_add_user(&T, "ggz2@c.example", "professional",
	    "GGZ-ANDER", NULL);
	ht_add_user(&T, "admin@c.example", "admin", "GGZ-C", NULL);
	ht_add_user(&T, "auditor@c.example", "auditor", "GGZ-C", NULL);
	ht_add_user(&T, "coord@c.example", "coordinator", "GGZ-C", region);
	ht_add_card(&T, ggz, ggz_id, "Gerda Zorg", "ips-trajectbegeleider");
	ht_add_card(&T, uwv, uwv_id, "Ursula Werk", "arbeidsdeskundige");
	ht_add_card(&T, ggz2, ggz2_id, "Olaf Ander", "behandelaar");
	ht_login(&T, "ggz@c.example", &G);
	ht_login(&T, "uwv@c.example", &U);
	ht_login(&T, "ggz2@c.example", &O);
	ht_login(&T, "admin@c.example", &ADM);
	ht_login(&T, "auditor@c.example", &AUD);
	ht_login(&T, "coord@c.example", &CO);
	return 0;
}

static int64_t
count(const char *sql)
{
	return dbt_int(&T.dbt, sql);
}

/* Blank the value after the first `marker` up to `stop`. */
static void
blank_after(char *body, const char *marker, char stop)
{
	char	*p = strstr(body, marker);
	char	*end;

	if (p == NULL)
		return;
	p += strlen(marker);
	end = strchr(p, stop);
	if (end != NULL)
		memmove(p, end, strlen(end) + 1);
}

/* Blank what differs between two requests for different addresses: the
 * request id in the footer and the language switch's way back. */
static void
strip_request(char *body)
{
	blank_after(body, "class=\"request-id\">", '<');
	blank_after(body, "name=\"terug\" value=\"", '"');
}

/* Fail unless two pages are the same, showing where they differ. */
static void
expect_same_page(const char *a, const char *b)
{
	size_t	i;

	for (i = 0; a[i] != '\0' && a[i] == b[i]; i++)
		continue;
	if (a[i] != b[i])
		fail_msg("pages differ at %zu:\n%.120s\n---\n%.120s", i,
		    a + (i > 40 ? i - 40 : 0), b + (i > 40 ? i - 40 : 0));
}

/* Standard error (the operational log) caught in a temporary file. */
struct logcap {
	FILE	*f;
	int	 saved;
};

static void
log_begin(struct logcap *c)
{
	fflush(stderr);
	c->f = tmpfile();
	assert_non_null(c->f);
	c->saved = dup(STDERR_FILENO);
	assert_true(c->saved >= 0);
	assert_true(dup2(fileno(c->f), STDERR_FILENO) >= 0);
	wb_log_set_level(WB_LOG_DEBUG);
}

/* Restore standard error; returns what was logged (free it). */
static char *
log_end(struct logcap *c)
{
	char	*s;
	long	 n;

	fflush(stderr);
	wb_log_set_level(WB_LOG_INFO);
	assert_true(dup2(c->saved, STDERR_FILENO) >= 0);
	close(c->saved);
	assert_int_equal(fseek(c->f, 0, SEEK_END), 0);
	n = ftell(c->f);
	assert_true(n >= 0);
	rewind(c->f);
	s = wb_xmalloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, c->f), (size_t)n);
	s[n] = '\0';
	fclose(c->f);
	return s;
}

/* 1. Registering answers 303 to the new client, which "Mijn cliënten"
 * lists; the audit log has client.create allowed. */
static void
test_register_redirects_to_client_and_lists_it(void **state)
{
	struct ht_resp	r;
	char		body[512], bsn[10], loc[32];
	int64_t		before = ht_audit_count(&T, "client.create",
	    "allowed");
	int64_t		id;

	(void)state;
	ch_bsn_for(LEAD, 100, bsn);
	ht_get_expect(&T, &G, "/clienten/nieuw", 200, "name=\"bsn\"");
	ch_client_fields(body, sizeof(body), bsn, "Karin", "Klaassen",
	    "wia-wga", "epa");
	ht_post(&T, &G, "/clienten/nieuw", body, &r);
	id = ch_location_id(&r, "/clienten/");
	snprintf(loc, sizeof(loc), "/clienten/%lld", (long long)id);
	ch_expect_redirect(&r, loc, "client_created");
	ht_resp_free(&r);
	ht_get_expect(&T, &G, "/clienten", 200, "Karin Klaassen");
	ht_get_expect(&T, &G, loc, 200, "Karin Klaassen");
	assert_int_equal(ht_audit_count(&T, "client.create", "allowed"),
	    before + 1);
	/* The registrar is on the team with the function chosen. */
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND function = 'ips-trajectbegeleider' AND "
	    "ended_at IS NULL", (long long)id), 1);
}

/* 2. Bad input per field is a 400 with the Dutch message and creates
 * nothing; the typed BSN never reaches a Location header, the list page
 * after a search, or the server log. */
static void
test_bad_input_refused_and_bsn_never_leaks(void **state)
{
	static const struct {
		const char	*field;		/* to replace */
		const char	*value;
		const char	*message;
	} cases[] = {
		{ "bsn", "123456789", "Dit is geen geldig BSN" },
		{ "family_name", "", "Vul de achternaam in" },
		{ "birth_date", NULL, "Deze geboortedatum kan niet kloppen" },
		{ "municipality", "GM9999", "Kies de gemeente waar de "
		    "cli\xc3\xabnt woont" },
		{ "benefit", "bijstand", "Uitkering is geen geldige keuze" },
	};
	enum { NCASES = sizeof(cases) / sizeof(cases[0]) };
	struct ht_resp	r[NCASES + 6];
	struct logcap	cap;
	char		bsn[10], future[16], body[NCASES][512], *log;
	int64_t		clients = count("SELECT count(*) FROM client");
	size_t		i, nr = 0;

	(void)state;
	ch_bsn_for(LEAD, 200, bsn);
	wb_date_nl(wb_today() + 2, future, sizeof(future));
	for (i = 0; i < NCASES; i++) {
		const char *b = strcmp(cases[i].field, "bsn") == 0 ?
		    cases[i].value : bsn;

		snprintf(body[i], sizeof(body[i]), "bsn=%s&given_name=Bea&"
		    "family_name=%s&"
		    "birth_date=%s&municipality=%s&benefit=%s&"
		    "target_group=epa&function=behandelaar", b,
		    strcmp(cases[i].field, "family_name") == 0 ? "" :
		    "Bakker",
		    strcmp(cases[i].field, "birth_date") == 0 ? future :
		    "01-02-1990", strcmp(cases[i].field, "municipality") == 0 ?
		    cases[i].value : "GM0796",
		    strcmp(cases[i].field, "benefit") == 0 ? cases[i].value :
		    "ww");
	}

	/* Only requests while the log is caught; checks come after. */
	log_begin(&cap);
	for (i = 0; i < NCASES; i++)
		ht_post(&T, &G, "/clienten/nieuw", body[i], &r[nr++]);
	snprintf(body[0], sizeof(body[0]), "bsn=%s", bsn);
	ht_post(&T, &G, "/clienten/zoeken", body[0], &r[nr++]);
	ht_post(&T, &G, "/clienten/zoeken", "bsn=123456789", &r[nr++]);
	ht_get(&T, &G, "/clienten", &r[nr++]);
	/* Rejected by the router, which logs why. */
	snprintf(body[0], sizeof(body[0]), "bsn=%s&bsn=%s", bsn, bsn);
	ht_post(&T, &G, "/clienten/zoeken", body[0], &r[nr++]);
	snprintf(body[0], sizeof(body[0]), "bsn=%s&x=%s", bsn, bsn);
	ht_post(&T, &G, "/clienten/zoeken", body[0], &r[nr++]);
	/* Refused for CSRF, which is logged too. */
	snprintf(body[0], sizeof(body[0]), "csrf=x&bsn=%s", bsn);
	ht_request(&T, "POST", "/clienten/zoeken", body[0], G.cookie,
	    &r[nr++]);
	log = log_end(&cap);

	/* The log was caught (the CSRF refusal is in it)... */
	if (strstr(log, "CSRF") == NULL)
		fail_msg("log not caught:\n%.600s", log);
	/* ...and holds no BSN, valid or not. */
	ch_expect_absent(log, bsn, "the server log");
	ch_expect_absent(log, "123456789", "the server log");
	free(log);

	for (i = 0; i < NCASES; i++) {
		if (r[i].status != 400 || strstr(r[i].body,
		    cases[i].message) == NULL)
			fail_msg("%s=%s: status %d, want 400 with \"%s\":\n"
			    "%.600s", cases[i].field, cases[i].value ?
			    cases[i].value : future, r[i].status,
			    cases[i].message, r[i].body);
		/* The form names the field in error. */
		if (strstr(r[i].body, "aria-invalid=\"true\"") == NULL)
			fail_msg("%s: no field marked invalid",
			    cases[i].field);
	}
	/* The register form may show the typed BSN back. */
	assert_non_null(strstr(r[1].body, bsn));
	/* The search answers with the list page, without the BSN. */
	ht_expect(&r[NCASES], 400, "Geen cli\xc3\xabnt gevonden");
	ht_expect(&r[NCASES + 1], 400, "Dit is geen geldig BSN");
	ht_expect(&r[NCASES + 2], 200, "Mijn cli\xc3\xabnten");
	ch_expect_absent(r[NCASES].body, bsn, "the list after a search");
	ch_expect_absent(r[NCASES + 1].body, "123456789",
	    "the list after a search");
	ch_expect_absent(r[NCASES + 2].body, bsn, "the list page");
	assert_int_equal(r[NCASES + 3].status, 400);
	assert_int_equal(r[NCASES + 4].status, 400);
	assert_int_equal(r[NCASES + 5].status, 403);
	for (i = 0; i < nr; i++) {
		ch_expect_absent(r[i].headers, bsn, "the response headers");
		ch_expect_absent(r[i].headers, "123456789",
		    "the response headers");
		assert_null(strstr(r[i].headers, "Location:"));
		ht_resp_free(&r[i]);
	}
	assert_int_equal(count("SELECT count(*) FROM client"), clients);
}

/* 3. A BSN already known: a team member is sent to the record, anyone
 * else gets the message and no way to the existing record. */
static void
test_duplicate_bsn_tells_only_team_members(void **state)
{
	struct ht_resp	r;
	char		body[512], bsn[10], loc[32], link[40];
	int64_t		id, clients;

	(void)state;
	ch_bsn_for(LEAD, 300, bsn);
	id = ch_register(&T, &G, bsn, "Dirk", "Dubbel");
	clients = count("SELECT count(*) FROM client");
	snprintf(loc, sizeof(loc), "/clienten/%lld", (long long)id);
	ch_client_fields(body, sizeof(body), bsn, "Dirk", "Dubbel", "ww",
	    "cmd");

	ht_post(&T, &G, "/clienten/nieuw", body, &r);
	ch_expect_redirect(&r, loc, "client_exists");
	ht_resp_free(&r);

	ht_post(&T, &O, "/clienten/nieuw", body, &r);
	if (r.status != 409 && r.status != 400)
		fail_msg("status %d, want 409 or 400", r.status);
	ht_expect(&r, r.status, "Er is al een cli\xc3\xabnt met dit BSN");
	assert_null(ht_header(&r, "Location"));
	snprintf(link, sizeof(link), "\"%s\"", loc);
	ch_expect_absent(r.body, link, "the refusal");
	snprintf(link, sizeof(link), "%s/", loc);
	ch_expect_absent(r.body, link, "the refusal");
	ht_resp_free(&r);
	assert_int_equal(count("SELECT count(*) FROM client"), clients);
	/* The stored record is untouched by either attempt. */
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM client WHERE id = "
	    "%lld AND benefit = 'wia-wga' AND target_group = 'epa'",
	    (long long)id), 1);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld", (long long)id), 1);
}

/* 4. The key property: without consent a UWV professional gets the same
 * 404 as for a client that does not exist (and a denied client.read is
 * logged); with a consent for identity, work and plan they see name and
 * benefit but not the target group nor the timeline; a consent naming
 * health shows the target group until it is revoked. */
static void
test_uwv_sees_only_consented_categories(void **state)
{
	struct ht_resp	r, none;
	char		bsn[10], path[80], body[128];
	int64_t		denied = ht_audit_count(&T, "client.read",
	    "denied");
	int64_t		id, health;

	(void)state;
	ch_bsn_for(LEAD, 400, bsn);
	id = ch_register(&T, &G, bsn, "Wim", "Wachter");

	/* The registering GGZ sees everything, the target group too. */
	ch_get_id(&T, &G, "/clienten/", id, "", &r);
	ht_expect(&r, 200, "Wim Wachter");
	assert_non_null(strstr(r.body, EPA));
	assert_non_null(strstr(r.body, "Tijdlijn"));
	ht_resp_free(&r);

	ch_get_id(&T, &U, "/clienten/", id, "", &r);
	ht_get(&T, &U, "/clienten/99999", &none);
	ht_expect(&r, 404, NULL);
	ht_expect(&none, 404, NULL);
	strip_request(r.body);
	strip_request(none.body);
	expect_same_page(r.body, none.body);
	ch_expect_absent(r.body, "Wim Wachter", "the 404 page");
	ht_resp_free(&r);
	ht_resp_free(&none);
	assert_true(ht_audit_count(&T, "client.read", "denied") > denied);
	/* Its tabs are hidden the same way. */
	ch_get_id(&T, &U, "/clienten/", id, "/team", &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	ch_get_id(&T, &U, "/clienten/", id, "/toestemmingen", &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);

	(void)ch_grant(&T, &G, id, uwv, "categories=identity&categories=work&"
	    "categories=plan", WRITTEN);
	ch_add_member(&T, &G, id, uwv_id, "arbeidsdeskundige");
	ch_get_id(&T, &U, "/clienten/", id, "", &r);
	ht_expect(&r, 200, "Wim Wachter");
	assert_non_null(strstr(r.body, "WIA-WGA"));
	ch_expect_absent(r.body, EPA, "the UWV view without health consent");
	ch_expect_absent(r.body, "Tijdlijn", "the UWV view without notes");
	ht_resp_free(&r);
	ht_get_expect(&T, &U, "/clienten", 200, "Wim Wachter");

	health = ch_grant(&T, &G, id, uwv,
	    "categories=identity&categories=work&categories=health", WRITTEN);
	ch_get_id(&T, &U, "/clienten/", id, "", &r);
	ht_expect(&r, 200, EPA);
	ch_expect_absent(r.body, "Tijdlijn", "the UWV view without notes");
	ht_resp_free(&r);

	snprintf(path, sizeof(path), "/clienten/%lld/toestemmingen/%lld/"
	    "intrekken", (long long)id, (long long)health);
	snprintf(body, sizeof(body), "reason=Cli%%C3%%ABnt+trekt+in");
	ht_post(&T, &G, path, body, &r);
	snprintf(path, sizeof(path), "/clienten/%lld/toestemmingen",
	    (long long)id);
	ch_expect_redirect(&r, path, "consent_revoked");
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM consent WHERE id "
	    "= %lld AND revoked_at IS NOT NULL", (long long)health), 1);
	ch_get_id(&T, &U, "/clienten/", id, "", &r);
	ht_expect(&r, 200, "Wim Wachter");
	ch_expect_absent(r.body, EPA, "the UWV view after the revocation");
	ht_resp_free(&r);
}

/* 5. A UWV professional cannot give UWV the health category: 403 with the
 * explanation, and no consent row. */
static void
test_uwv_cannot_grant_itself_health(void **state)
{
	struct ht_resp	r;
	char		bsn[10], path[64], body[512];
	int64_t		id, consents;

	(void)state;
	ch_bsn_for(LEAD, 500, bsn);
	id = ch_register(&T, &G, bsn, "Henk", "Heel");
	(void)ch_grant(&T, &G, id, uwv, "categories=identity&categories=work",
	    WRITTEN);
	ch_add_member(&T, &G, id, uwv_id, "arbeidsdeskundige");
	consents = count("SELECT count(*) FROM consent");

	snprintf(path, sizeof(path), "/clienten/%lld/toestemmingen",
	    (long long)id);
	snprintf(body, sizeof(body), "org=%lld&purpose=re-integratie&"
	    "categories=identity&categories=work&categories=health&"
	    "valid_from=%s&valid_until=%s&method=schriftelijk&"
	    "evidence=Formulier+9", (long long)uwv, today, next_year);
	ht_post(&T, &U, path, body, &r);
	ht_expect(&r, 403, "U kunt alleen toestemming vastleggen");
	ht_resp_free(&r);
	assert_int_equal(count("SELECT count(*) FROM consent"), consents);
	/* Still no health for UWV. */
	ch_get_id(&T, &U, "/clienten/", id, "", &r);
	ht_expect(&r, 200, "Henk Heel");
	ch_expect_absent(r.body, EPA, "the UWV view");
	ht_resp_free(&r);
}

/* 6. A colleague of an organisation without consent cannot join the
 * team: 400 with the message, nobody added. */
static void
test_team_member_needs_org_consent(void **state)
{
	struct ht_resp	r;
	char		bsn[10], path[64], body[128];
	int64_t		id;

	(void)state;
	ch_bsn_for(LEAD, 600, bsn);
	id = ch_register(&T, &G, bsn, "Tom", "Team");
	/* Only the registering organisation's people are candidates. */
	ch_get_id(&T, &G, "/clienten/", id, "/team", &r);
	ht_expect(&r, 200, "Gerda Zorg");
	ch_expect_absent(r.body, "Olaf Ander", "the candidates");
	ch_expect_absent(r.body, "Ursula Werk", "the candidates");
	ht_resp_free(&r);

	snprintf(path, sizeof(path), "/clienten/%lld/team", (long long)id);
	snprintf(body, sizeof(body), "user=%lld&function=behandelaar",
	    (long long)ggz2_id);
	ht_post_expect(&T, &G, path, body, 400, "De cli\xc3\xabnt heeft "
	    "(nog) geen toestemming gegeven voor de organisatie van deze "
	    "collega");
	snprintf(body, sizeof(body), "user=%lld&function=arbeidsdeskundige",
	    (long long)uwv_id);
	ht_post_expect(&T, &G, path, body, 400, "geen toestemming gegeven");
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld", (long long)id), 1);
	/* And so they still see nothing. */
	ch_get_id(&T, &O, "/clienten/", id, "", &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
}

/* 7. Administrators, auditors and coordinators never see a client: 404,
 * as if it did not exist; an admin cannot register one. */
static void
test_non_professionals_never_see_client(void **state)
{
	const struct ht_user *who[] = { &ADM, &AUD, &CO };
	static const char *const tabs[] = { "", "/team", "/toestemmingen",
	    "/bewerken" };
	struct ht_resp	r;
	char		bsn[10], body[512];
	int64_t		id, clients;
	size_t		i, j;

	(void)state;
	ch_bsn_for(LEAD, 700, bsn);
	id = ch_register(&T, &G, bsn, "Nina", "Niemand");
	for (i = 0; i < WB_NELEM(who); i++)
		for (j = 0; j < WB_NELEM(tabs); j++) {
			ch_get_id(&T, who[i], "/clienten/", id, tabs[j], &r);
			if (r.status != 404)
				fail_msg("user %zu, tab '%s': status %d", i,
				    tabs[j], r.status);
			ch_expect_absent(r.body, "Nina Niemand", "a 404 page");
			ch_expect_absent(r.body, "WIA-WGA", "a 404 page");
			ht_resp_free(&r);
		}
	ht_get_expect(&T, &ADM, "/clienten/nieuw", 403, NULL);
	clients = count("SELECT count(*) FROM client");
	ch_bsn_for(LEAD, 710, bsn);
	ch_client_fields(body, sizeof(body), bsn, "Adam", "Admin", "ww", "cmd");
	ht_post_expect(&T, &ADM, "/clienten/nieuw", body, 403, NULL);
	assert_int_equal(count("SELECT count(*) FROM client"), clients);
}

/* 8. The full BSN is shown on an explicit POST, not cached, and logged;
 * the client page shows it masked. */
static void
test_full_bsn_only_on_request_and_not_cached(void **state)
{
	struct ht_resp	r;
	char		path[64], *cc;
	int64_t		before = ht_audit_count(&T, "client.bsn.read",
	    "allowed");
	int64_t		id;

	(void)state;
	id = ch_register(&T, &G, "123456782", "Bram", "Bsn");
	ch_get_id(&T, &G, "/clienten/", id, "", &r);
	ht_expect(&r, 200, "*****6782");
	ch_expect_absent(r.body, "123456782", "the client page");
	ht_resp_free(&r);
	assert_int_equal(ht_audit_count(&T, "client.bsn.read", "allowed"),
	    before);

	snprintf(path, sizeof(path), "/clienten/%lld/bsn", (long long)id);
	ht_post(&T, &G, path, "", &r);
	ht_expect(&r, 200, "123456782");
	cc = ht_header(&r, "Cache-Control");
	assert_non_null(cc);
	assert_string_equal(cc, "no-store");
	free(cc);
	ht_resp_free(&r);
	assert_int_equal(ht_audit_count(&T, "client.bsn.read", "allowed"),
	    before + 1);

	/* Not for someone who may not see the client. */
	ht_post(&T, &U, path, "", &r);
	ht_expect(&r, 404, NULL);
	ch_expect_absent(r.body, "123456782", "a refusal");
	ht_resp_free(&r);
	assert_int_equal(ht_audit_count(&T, "client.bsn.read", "allowed"),
	    before + 1);
}

/* 9. A POST without the right CSRF token changes nothing. */
static void
test_post_without_csrf_changes_nothing(void **state)
{
	struct ht_resp	r;
	char		bsn[10], bsn2[10], path[96], body[512];
	int64_t		id, cid, clients, consents, members, reads;
	size_t		i;

	(void)state;
	ch_bsn_for(LEAD, 900, bsn);
	id = ch_register(&T, &G, bsn, "Cor", "Csrf");
	cid = ch_grant(&T, &G, id, uwv, "categories=identity&categories=work",
	    WRITTEN);
	clients = count("SELECT count(*) FROM client");
	consents = count("SELECT count(*) FROM consent");
	members = count("SELECT count(*) FROM care_team");
	reads = ht_audit_count(&T, "client.bsn.read", NULL);

	ch_bsn_for(LEAD, 910, bsn2);
	ch_client_fields(body, sizeof(body), bsn2, "Nieuw", "Csrf", "ww",
	    "cmd");
	for (i = 0; i < 2; i++) {
		/* Once without a token, once with a wrong one. */
		char	b[640];

		snprintf(b, sizeof(b), "%s%s", i == 0 ? "" : "csrf=0123456789"
		    "abcdef0123456789abcdef0123456789abcdef0123456789abcdef&",
		    body);
		ht_request(&T, "POST", "/clienten/nieuw", b, G.cookie, &r);
		ht_expect(&r, 403, NULL);
		ht_resp_free(&r);
	}

	snprintf(path, sizeof(path), "/clienten/%lld/toestemmingen",
	    (long long)id);
	snprintf(body, sizeof(body), "org=%lld&purpose=re-integratie&"
	    "categories=health&valid_from=%s&valid_until=%s&"
	    "method=mondeling", (long long)uwv, today, next_year);
	ht_request(&T, "POST", path, body, G.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);

	snprintf(path, sizeof(path), "/clienten/%lld/toestemmingen/%lld/"
	    "intrekken", (long long)id, (long long)cid);
	ht_request(&T, "POST", path, "reason=x", G.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);

	snprintf(path, sizeof(path), "/clienten/%lld/team", (long long)id);
	snprintf(body, sizeof(body), "user=%lld&function=arbeidsdeskundige",
	    (long long)uwv_id);
	ht_request(&T, "POST", path, body, G.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);

	snprintf(path, sizeof(path), "/clienten/%lld/bewerken", (long long)id);
	ht_request(&T, "POST", path, "given_name=Ander&family_name=Naam&"
	    "birth_date=01-01-1980&"
	    "municipality=GM0796&benefit=geen&target_group=overig", G.cookie,
	    &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);

	snprintf(path, sizeof(path), "/clienten/%lld/bsn", (long long)id);
	ht_request(&T, "POST", path, "", G.cookie, &r);
	ht_expect(&r, 403, NULL);
	ch_expect_absent(r.body, bsn, "a refusal");
	ht_resp_free(&r);

	assert_int_equal(count("SELECT count(*) FROM client"), clients);
	assert_int_equal(count("SELECT count(*) FROM consent"), consents);
	assert_int_equal(count("SELECT count(*) FROM care_team"), members);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM consent WHERE id "
	    "= %lld AND revoked_at IS NULL", (long long)cid), 1);
	assert_string_equal(ch_textf(&T, "SELECT given_name || ' ' || "
	    "family_name FROM client WHERE id = %lld", (long long)id), "Cor "
	    "Csrf");
	assert_string_equal(ch_textf(&T, "SELECT benefit FROM client WHERE id "
	    "= %lld", (long long)id), "wia-wga");
	assert_int_equal(ht_audit_count(&T, "client.bsn.read", NULL), reads);
}

/* 10. The BSN search sends a team member to the client; anyone else gets
 * "Geen cliënt gevonden" and a denied client.search.  No audit column
 * ever holds the BSN. */
static void
test_bsn_search_finds_only_own_clients(void **state)
{
	static const char *const bsns[] = { "249566758", "123456782" };
	struct ht_resp	r;
	char		loc[32], sql[640];
	int64_t		id, denied;
	size_t		i;

	(void)state;
	id = ch_register(&T, &G, "249566758", "Sara", "Zoek");
	snprintf(loc, sizeof(loc), "/clienten/%lld", (long long)id);

	ht_post(&T, &G, "/clienten/zoeken", "bsn=249566758", &r);
	ht_expect_redirect(&r, loc);
	ht_resp_free(&r);
	/* Spaces and dots as people type them. */
	ht_post(&T, &G, "/clienten/zoeken", "bsn=2495.66.758", &r);
	ht_expect_redirect(&r, loc);
	ht_resp_free(&r);

	denied = ht_audit_count(&T, "client.search", "denied");
	ht_post(&T, &U, "/clienten/zoeken", "bsn=249566758", &r);
	ht_expect(&r, 400, "Geen cli\xc3\xabnt gevonden");
	ch_expect_absent(r.body, "249566758", "the list after a search");
	ch_expect_absent(r.body, "Sara Zoek", "the list after a search");
	ch_expect_absent(r.headers, "249566758", "the response headers");
	ht_resp_free(&r);
	assert_int_equal(ht_audit_count(&T, "client.search", "denied"),
	    denied + 1);
	/* A BSN nobody has looks the same. */
	ht_post(&T, &U, "/clienten/zoeken", "bsn=123456782", &r);
	ht_expect(&r, 400, "Geen cli\xc3\xabnt gevonden");
	ht_resp_free(&r);
	assert_int_equal(ht_audit_count(&T, "client.search", "denied"),
	    denied + 2);

	/* Every column of every audit event, as text. */
	for (i = 0; i < WB_NELEM(bsns); i++) {
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit_event "
		    "WHERE COALESCE(event, '') || '|' || COALESCE(outcome, '') "
		    "|| '|' || COALESCE(role, '') || '|' || "
		    "COALESCE(address, '') || '|' || COALESCE(object_type, '') "
		    "|| '|' || COALESCE(object_id, '') || '|' || "
		    "COALESCE(purpose, '') || '|' || COALESCE(detail, '') || "
		    "'|' || COALESCE(CAST(user_id AS TEXT), '') || '|' || "
		    "COALESCE(CAST(client_id AS TEXT), '') || '|' || "
		    "COALESCE(CAST(consent_id AS TEXT), '') || '|' || "
		    "prev_hash || '|' || hash LIKE '%%%s%%'", bsns[i]);
		assert_int_equal(count(sql), 0);
	}
	/* (The query does look at the columns.) */
	assert_true(count("SELECT count(*) FROM audit_event WHERE "
	    "COALESCE(event, '') || '|' || COALESCE(detail, '') "
	    "LIKE '%client.search%'") > 0);
}

/* 11. A UWV professional with identity and work consent changes the
 * benefit; a target group they post is not applied. */
static void
test_uwv_edit_keeps_target_group(void **state)
{
	struct ht_resp	r;
	char		bsn[10], path[64], loc[32];
	int64_t		id;

	(void)state;
	ch_bsn_for(LEAD, 1100, bsn);
	id = ch_register(&T, &G, bsn, "Eva", "Edit");
	(void)ch_grant(&T, &G, id, uwv, "categories=identity&categories=work",
	    WRITTEN);
	ch_add_member(&T, &G, id, uwv_id, "arbeidsdeskundige");

	/* The GGZ form has the target group, the UWV form does not. */
	ch_get_id(&T, &G, "/clienten/", id, "/bewerken", &r);
	ht_expect(&r, 200, "id=\"target_group\"");
	ht_resp_free(&r);
	ch_get_id(&T, &U, "/clienten/", id, "/bewerken", &r);
	ht_expect(&r, 200, "id=\"benefit\"");
	ch_expect_absent(r.body, "id=\"target_group\"", "the UWV edit form");
	ht_resp_free(&r);

	snprintf(path, sizeof(path), "/clienten/%lld/bewerken", (long long)id);
	ht_post(&T, &U, path, "given_name=Eva&family_name=Edit&"
	    "birth_date=14-03-1986&"
	    "municipality=GM0796&benefit=ww", &r);
	snprintf(loc, sizeof(loc), "/clienten/%lld", (long long)id);
	ch_expect_redirect(&r, loc, "saved");
	ht_resp_free(&r);
	assert_string_equal(ch_textf(&T, "SELECT benefit FROM client WHERE id "
	    "= %lld", (long long)id), "ww");

	ht_post(&T, &U, path, "given_name=Eva&family_name=Edit&"
	    "birth_date=14-03-1986&"
	    "municipality=GM0796&benefit=wajong&target_group=cmd", &r);
	if (r.status != 303 && r.status != 400 && r.status != 403)
		fail_msg("status %d", r.status);
	ht_resp_free(&r);
	assert_string_equal(ch_textf(&T, "SELECT target_group FROM client "
	    "WHERE id = %lld", (long long)id), "epa");
	ch_get_id(&T, &U, "/clienten/", id, "", &r);
	ht_expect(&r, 200, "Eva Edit");
	ch_expect_absent(r.body, "Common mental disorder", "the UWV view");
	ht_resp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register_redirects_to_client_and_lists_it),
		cmocka_unit_test(test_bad_input_refused_and_bsn_never_leaks),
		cmocka_unit_test(test_duplicate_bsn_tells_only_team_members),
		cmocka_unit_test(test_uwv_sees_only_consented_categories),
		cmocka_unit_test(test_uwv_cannot_grant_itself_health),
		cmocka_unit_test(test_team_member_needs_org_consent),
		cmocka_unit_test(test_non_professionals_never_see_client),
		cmocka_unit_test(test_full_bsn_only_on_request_and_not_cached),
		cmocka_unit_test(test_post_without_csrf_changes_nothing),
		cmocka_unit_test(test_bsn_search_finds_only_own_clients),
		cmocka_unit_test(test_uwv_edit_keeps_target_group),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}
