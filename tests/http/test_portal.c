/* test_portal.c - the client portal through the router: a professional
 * makes a one-time code on the client page, the client opens their
 * account at /activeren, logs in and finds their plan, team, card sheet,
 * consents and access log under /mijn; a consent the client grants there
 * opens the record to UWV, and revoking it closes it again.  A client
 * never reaches a record through /clienten, a professional never through
 * /mijn, and /activeren refuses bad input without making anything.
 *
 * One database for the whole group: every test registers its own clients
 * with BSNs of its own (bsn_for), so the tests do not depend on each
 * other's order.  A check that something is NOT shown is paired, where
 * the text could be missing for another reason, with one that finds it
 * where it belongs.
 */
#include "clienthttp.h"

static struct ht T;
static char region[8];			/* the region of GM0796 */
static char next_year[16];		/* dd-mm-jjjj */
static int64_t ggz, uwv;		/* organisations */
static int64_t ggz_id, uwv_id;		/* their professionals */
static struct ht_user G, U, ADM;	/* GGZ, UWV, administrator */

#define EPA	"Ernstige psychische aandoening"
#define PW	"Mijn-Geheim-4711"	/* (nothing to URL-encode) */
#define LEAD	'6'			/* of this suite's BSNs */

static int
setup(void **state)
{
	ht_setup(&T);
	*state = &T;
	ht_region_of(&T, "GM0796", region, sizeof(region));
	wb_date_nl(wb_today() + 365, next_year, sizeof(next_year));
	ggz = ht_add_org(&T, "GGZ-P", "ggz", region);
	uwv = ht_add_org(&T, "UWV-P", "uwv", region);
	ggz_id = ht_add_user(&T, "ggz@p.example", "professional", "GGZ-P",
	    NULL);
	uwv_id = ht_add_user(&T, "uwv@p.example", "professional", "UWV-P",
	    NULL);
	ht_add_user(&T, "admin@p.example", "admin", "GGZ-P", NULL);
	/* Names of their own, as the team and the access log show them. */
	dbt_exec(&T.dbt, "UPDATE user_account SET name = 'Gerda Zorg' WHERE "
	    "email = 'ggz@p.example'; UPDATE user_account SET name = "
	    "'Ursula Werk' WHERE email = 'uwv@p.example'");
	ht_add_card(&T, ggz, ggz_id, "Gerda Zorg", "ips-trajectbegeleider");
	ht_add_card(&T, uwv, uwv_id, "Ursula Werk", "arbeidsdeskundige");
	ht_login(&T, "ggz@p.example", &G);
	ht_login(&T, "uwv@p.example", &U);
	ht_login(&T, "admin@p.example", &ADM);
	return 0;
}

/* A client of the GGZ with their own account, logged in as *u; returns
 * the client's id. */
static int64_t
client_with_account(unsigned seq, const char *given, const char *email,
    struct ht_user *u)
{
	int64_t	id = ch_register_seq(&T, &G, LEAD, seq, given, "Portaal",
	    NULL);

	ch_client_account(&T, &G, id, email, PW, u);
	return id;
}

/* 1. The GGZ professional makes a code on the client page; the client
 * opens their account with it, logs in, lands on /mijn (through /) and
 * finds their goals, their team's cards, the card sheet and who looked. */
static void
test_code_activation_and_the_portal(void **state)
{
	struct ht_resp	r;
	struct ht_user	C;
	char		path[64], code[20], pre[128], csrf[80];
	int64_t		id, uid;

	(void)state;
	id = ch_register_seq(&T, &G, LEAD, 100, "Wilma", "Werkzoeker", NULL);
	ch_add_goal(&T, &G, id, "werk", "Betaald+werk+in+het+groen");
	snprintf(path, sizeof(path), "/clienten/%lld", (long long)id);
	ht_get_expect(&T, &G, path, 200, "Maak een code voor het portaal");

	ch_make_code(&T, &G, id, code);
	assert_int_equal(ht_audit_count(&T, "client.activation.create",
	    "allowed"), ch_countf(&T, "SELECT count(*) FROM "
	    "client_activation"));
	/* The code is not kept: a new page has none. */
	ht_get(&T, &G, path, &r);
	ht_expect(&r, 200, "Wilma Werkzoeker");
	ch_expect_absent(r.body, code, "the client page");
	ht_resp_free(&r);

	/* Activating, before any login: the form first, for its token. */
	ch_activate_form(&T, pre, sizeof(pre), csrf, sizeof(csrf));
	ch_activate_post(&T, pre, csrf, code, "wilma%40example.nl", PW, PW,
	    &r);
	ch_expect_redirect(&r, "/inloggen", "activated");
	ch_expect_absent(r.headers, PW, "the response headers");
	ht_resp_free(&r);
	uid = ch_countf(&T, "SELECT portal_user FROM client WHERE id = %lld",
	    (long long)id);
	assert_true(uid > 0);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM user_account "
	    "WHERE id = %lld AND role = 'client' AND org_id IS NULL AND email "
	    "= 'wilma@example.nl'", (long long)uid), 1);
	/* The professional now sees that the client has an account. */
	ht_get(&T, &G, path, &r);
	ht_expect(&r, 200, "heeft een eigen account");
	ch_expect_absent(r.body, "Maak een code voor het portaal",
	    "the client page once the account exists");
	ht_resp_free(&r);

	ch_client_login(&T, "wilma%40example.nl", PW, &C);
	/* Mijn plan: the goal, in the client's menu */
	ht_get(&T, &C, "/mijn", &r);
	ht_expect(&r, 200, "Betaald werk in het groen");
	assert_non_null(strstr(r.body, "href=\"/mijn/team\""));
	assert_non_null(strstr(r.body, "href=\"/mijn/inzage\""));
	ht_resp_free(&r);
	/* Mijn team: the cards of the team, with phone numbers */
	ht_get(&T, &C, "/mijn/team", &r);
	ht_expect(&r, 200, "Gerda Zorg");
	assert_non_null(strstr(r.body, "GGZ-P"));
	assert_non_null(strstr(r.body, "088 123"));
	assert_non_null(strstr(r.body, "href=\"/mijn/kaartjes\""));
	ch_expect_absent(r.body, "Ursula Werk", "the team (UWV is not on it)");
	ht_resp_free(&r);
	ht_get(&T, &C, "/mijn/kaartjes", &r);
	ht_expect(&r, 200, "Mijn kaartjes");
	assert_non_null(strstr(r.body, "Gerda Zorg"));
	assert_non_null(strstr(r.body, "088 123"));
	ht_resp_free(&r);
	/* Wie keek mee?: the professional by name and organisation */
	ht_get(&T, &C, "/mijn/inzage", &r);
	ht_expect(&r, 200, "Wie keek mee?");
	assert_non_null(strstr(r.body, "Gerda Zorg, GGZ-P"));
	assert_non_null(strstr(r.body, "bekeek uw gegevens"));
	assert_non_null(strstr(r.body, "maakte een code voor uw account"));
	ht_resp_free(&r);
	assert_true(ch_countf(&T, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'access_log.read' AND outcome = 'allowed' AND user_id = "
	    "%lld AND client_id = %lld", (long long)uid, (long long)id) == 1);

	/* Logged in, /activeren sends the client home. */
	ht_get(&T, &C, "/activeren", &r);
	ch_expect_redirect(&r, "/", NULL);
	ht_resp_free(&r);
}

/* Grant as the client: org, purpose and categories ("categories=a&..."). */
static int64_t
client_grant(const struct ht_user *c, int64_t id, const char *cats)
{
	struct ht_resp	r;
	char		body[256];

	snprintf(body, sizeof(body), "org=%lld&purpose=re-integratie&%s&"
	    "valid_until=%s", (long long)uwv, cats, next_year);
	ht_post(&T, c, "/mijn/toestemmingen", body, &r);
	ch_expect_redirect(&r, "/mijn/toestemmingen", "consent_granted");
	ht_resp_free(&r);
	return ch_countf(&T, "SELECT max(id) FROM consent WHERE client_id = "
	    "%lld", (long long)id);
}

static void
client_revoke(const struct ht_user *c, int64_t consent)
{
	struct ht_resp	r;
	char		path[80];

	snprintf(path, sizeof(path), "/mijn/toestemmingen/%lld/intrekken",
	    (long long)consent);
	ht_post(&T, c, path, "", &r);
	ch_expect_redirect(&r, "/mijn/toestemmingen", "consent_revoked");
	ht_resp_free(&r);
}

/* 2. The client grants UWV a consent online; UWV, put on the team, sees
 * what was granted (health only once named); revoked, UWV sees nothing
 * (404), and the client's log shows UWV's reads. */
static void
test_client_grants_and_revokes_consent(void **state)
{
	struct ht_resp	r;
	struct ht_user	C;
	char		path[64], body[128], want[96];
	int64_t		id, uid, work, health;

	(void)state;
	id = client_with_account(200, "Karel", "karel%40example.nl", &C);
	uid = ch_countf(&T, "SELECT portal_user FROM client WHERE id = %lld",
	    (long long)id);
	snprintf(path, sizeof(path), "/clienten/%lld", (long long)id);

	ht_get(&T, &C, "/mijn/toestemmingen", &r);
	ht_expect(&r, 200, "Wie mag wat zien?");
	assert_non_null(strstr(r.body, "U hebt nu geen toestemming gegeven"));
	snprintf(want, sizeof(want), "<option value=\"%lld\">UWV-P</option>",
	    (long long)uwv);
	assert_non_null(strstr(r.body, want));
	ht_resp_free(&r);

	work = client_grant(&C, id, "categories=identity&categories=work");
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM consent WHERE id "
	    "= %lld AND org_id = %lld AND method = 'online' AND recorded_by = "
	    "%lld AND purpose = 're-integratie' AND categories = %d AND "
	    "revoked_at IS NULL", (long long)work, (long long)uwv,
	    (long long)uid, WB_CAT_IDENTITY | WB_CAT_WORK), 1);
	ht_get(&T, &C, "/mijn/toestemmingen", &r);
	ht_expect(&r, 200, "Dit mag nu");
	snprintf(want, sizeof(want), "/mijn/toestemmingen/%lld/intrekken",
	    (long long)work);
	assert_non_null(strstr(r.body, want));
	ht_resp_free(&r);

	/* Under that consent the GGZ puts UWV on the team. */
	snprintf(body, sizeof(body), "user=%lld&function=arbeidsdeskundige",
	    (long long)uwv_id);
	snprintf(want, sizeof(want), "%s/team", path);
	ht_post(&T, &G, want, body, &r);
	ch_expect_redirect(&r, want, "team_added");
	ht_resp_free(&r);
	ht_get(&T, &U, path, &r);
	ht_expect(&r, 200, "Karel Portaal");
	assert_non_null(strstr(r.body, "WIA-WGA"));
	ch_expect_absent(r.body, EPA, "UWV's view without health");
	ht_resp_free(&r);
	/* The client names health in a second consent. */
	health = client_grant(&C, id, "categories=health");
	ht_get_expect(&T, &U, path, 200, EPA);

	client_revoke(&C, health);
	ht_get(&T, &U, path, &r);
	ht_expect(&r, 200, "Karel Portaal");
	ch_expect_absent(r.body, EPA, "UWV's view after health was revoked");
	ht_resp_free(&r);
	client_revoke(&C, work);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM consent WHERE "
	    "client_id = %lld AND revoked_at IS NOT NULL AND revoked_by = %lld",
	    (long long)id, (long long)uid), 2);
	ht_get(&T, &U, path, &r);
	ht_expect(&r, 404, NULL);
	ch_expect_absent(r.body, "Karel Portaal", "the 404 page");
	ht_resp_free(&r);
	ht_get(&T, &C, "/mijn/toestemmingen", &r);
	ht_expect(&r, 200, "U hebt nu geen toestemming gegeven");
	assert_non_null(strstr(r.body, "ingetrokken"));
	ht_resp_free(&r);

	/* Wie keek mee? shows UWV's reads, and the refusal after. */
	ht_get(&T, &C, "/mijn/inzage", &r);
	ht_expect(&r, 200, "Ursula Werk, UWV-P");
	assert_non_null(strstr(r.body, "niet toegestaan"));
	assert_non_null(strstr(r.body, "Re-integratie"));
	ht_resp_free(&r);
}

/* The paths of the professional's client pages for record `id`. */
static const char *const client_pages[] = { "", "/team", "/toestemmingen",
    "/plan", "/tijdlijn", "/bewerken", "/toegang" };

/* 3. A client never reaches a record through /clienten (not even their
 * own: the portal is their way in), nor another client's data through
 * /mijn; a professional gets 404 on /mijn. */
static void
test_client_never_reaches_other_records(void **state)
{
	static const char *const mine[] = { "/mijn", "/mijn/team",
	    "/mijn/kaartjes", "/mijn/toestemmingen", "/mijn/inzage" };
	int64_t		ids[3];
	struct ht_resp	r;
	struct ht_user	A, B;
	char		path[96], body[256], today[16];
	int64_t		a, b, clients, consents, members, codes;
	size_t		i, j;

	(void)state;
	wb_date_nl(wb_today(), today, sizeof(today));
	a = client_with_account(300, "Anna", "anna%40example.nl", &A);
	b = client_with_account(310, "Bert", "bert%40example.nl", &B);
	ch_add_goal(&T, &G, a, "zorg", "Anna+slaapt+beter");
	ch_add_goal(&T, &G, b, "werk", "Bert+gaat+fietsen+maken");
	ids[0] = a;
	ids[1] = b;
	ids[2] = 99999;

	for (i = 0; i < WB_NELEM(ids); i++)
		for (j = 0; j < WB_NELEM(client_pages); j++) {
			snprintf(path, sizeof(path), "/clienten/%lld%s",
			    (long long)ids[i], client_pages[j]);
			ht_get(&T, &A, path, &r);
			if (r.status != 404 && r.status != 403)
				fail_msg("GET %s as a client: status %d",
				    path, r.status);
			/* (Anna's own name is in the header of every page.) */
			ch_expect_absent(r.body, "Bert Portaal", path);
			ch_expect_absent(r.body, "WIA-WGA", path);
			ch_expect_absent(r.body, "*****", path);
			ch_expect_absent(r.body, "slaapt beter", path);
			ch_expect_absent(r.body, "fietsen maken", path);
			ht_resp_free(&r);
		}
	/* (what those checks look for is on the professional's page) */
	snprintf(path, sizeof(path), "/clienten/%lld/plan", (long long)b);
	ht_get(&T, &G, path, &r);
	ht_expect(&r, 200, "Bert Portaal");
	assert_non_null(strstr(r.body, "WIA-WGA"));
	assert_non_null(strstr(r.body, "*****"));
	assert_non_null(strstr(r.body, "fietsen maken"));
	ht_resp_free(&r);
	ht_get(&T, &A, "/clienten", &r);
	if (r.status != 404 && r.status != 403)
		fail_msg("GET /clienten as a client: status %d", r.status);
	ch_expect_absent(r.body, "Bert Portaal", "/clienten");
	ht_resp_free(&r);

	/* Nor do their forms change anything. */
	clients = ch_countf(&T, "SELECT count(*) FROM client");
	consents = ch_countf(&T, "SELECT count(*) FROM consent");
	members = ch_countf(&T, "SELECT count(*) FROM care_team");
	codes = ch_countf(&T, "SELECT count(*) FROM client_activation");
	for (i = 0; i < 2; i++) {
		const int64_t	id = ids[i];
		struct {
			const char	*suffix, *fields;
		} posts[] = {
			{ "/bsn", "" },
			{ "/portaalcode", "" },
			{ "/bewerken", "given_name=Ander&family_name=Naam&"
			    "birth_date=01-01-1980&municipality=GM0796&"
			    "benefit=geen" },
			{ "/team", "user=0&function=behandelaar" },
			{ "/toestemmingen", "" },
			{ "/plan/doelen", "track=werk&title=Zelf&target=Zelf" },
		};

		snprintf(body, sizeof(body), "user=%lld&function=behandelaar",
		    (long long)uwv_id);
		posts[3].fields = body;
		for (j = 0; j < WB_NELEM(posts); j++) {
			char	fields[512];

			if (strcmp(posts[j].suffix, "/toestemmingen") == 0) {
				snprintf(fields, sizeof(fields), "org=%lld&"
				    "purpose=re-integratie&categories=health&"
				    "valid_from=%s&valid_until=%s&"
				    "method=mondeling", (long long)uwv, today,
				    next_year);
			} else
				snprintf(fields, sizeof(fields), "%s",
				    posts[j].fields);
			snprintf(path, sizeof(path), "/clienten/%lld%s",
			    (long long)id, posts[j].suffix);
			ht_post(&T, &A, path, fields, &r);
			if (r.status != 404 && r.status != 403 &&
			    r.status != 400)
				fail_msg("POST %s as a client: status %d", path,
				    r.status);
			ch_expect_absent(r.body, "Bert Portaal", path);
			ht_resp_free(&r);
		}
	}
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM client"), clients);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM consent"),
	    consents);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM care_team"),
	    members);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM "
	    "client_activation"), codes);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM client WHERE id = "
	    "%lld AND given_name = 'Anna' AND benefit = 'wia-wga'",
	    (long long)a), 1);

	/* /mijn shows Anna her own plan and nothing of Bert's. */
	ht_get(&T, &A, "/mijn", &r);
	ht_expect(&r, 200, "Anna slaapt beter");
	ch_expect_absent(r.body, "Bert gaat fietsen maken", "Anna's plan");
	ht_resp_free(&r);
	ht_get_expect(&T, &B, "/mijn", 200, "Bert gaat fietsen maken");
	/* Her menu: her own pages, no client list, no directory. */
	for (j = 0; j < WB_NELEM(mine); j++) {
		ht_get(&T, &A, mine[j], &r);
		ht_expect(&r, 200, "aria-label=\"Hoofdmenu\"");
		ch_expect_absent(r.body, "Bert", mine[j]);
		ch_expect_absent(r.body, "Cli\xc3\xabnten</a>", mine[j]);
		ch_expect_absent(r.body, "href=\"/clienten", mine[j]);
		ch_expect_absent(r.body, "href=\"/contactpunten\"", mine[j]);
		ch_expect_absent(r.body, "href=\"/regios\"", mine[j]);
		ch_expect_absent(r.body, "href=\"/organisaties\"", mine[j]);
		assert_non_null(strstr(r.body, "href=\"/mijn/toestemmingen\""));
		ht_resp_free(&r);
	}
	/* (a professional's menu has those links) */
	ht_get_expect(&T, &G, "/", 200, "href=\"/clienten\"");

	/* Professionals and administrators have no /mijn. */
	for (j = 0; j < WB_NELEM(mine); j++) {
		ht_get_expect(&T, &G, mine[j], 404, NULL);
		ht_get_expect(&T, &U, mine[j], 404, NULL);
		ht_get_expect(&T, &ADM, mine[j], 404, NULL);
	}
	snprintf(body, sizeof(body), "org=%lld&purpose=re-integratie&"
	    "categories=health&valid_until=%s", (long long)uwv, next_year);
	ht_post_expect(&T, &G, "/mijn/toestemmingen", body, 404, NULL);
	snprintf(path, sizeof(path), "/mijn/toestemmingen/%lld/intrekken",
	    (long long)ch_countf(&T, "SELECT max(id) FROM consent"));
	ht_post_expect(&T, &G, path, "", 404, NULL);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM consent"),
	    consents);
}

/* 4. Bad input on /activeren: 400 with the Dutch message, nothing made,
 * the password never shown back; without the form's token, 403. */
static void
test_activate_refuses_bad_input(void **state)
{
	struct ht_resp	r;
	char		code[20], pre[128], csrf[80], body[512];
	int64_t		id, users;
	size_t		i;
	struct {
		const char	*code, *email, *pw, *pw2, *message, *field;
	} cases[] = {
		{ "ABCD-EFGH", "nieuw%40example.nl", PW, PW,
		    "Een code heeft 16 letters en cijfers", "code" },
		{ "ABCD-EFGH-JKMN-PQR0", "nieuw%40example.nl", PW, PW,
		    "Een code heeft 16 letters en cijfers", "code" },
		{ "ABCD-EFGH-JKMN-PQRS", "nieuw%40example.nl", PW, PW,
		    "Deze code werkt niet", "code" },
		{ code, "nieuw%40example.nl", PW, "Ander-Geheim-0815",
		    "De twee wachtwoorden zijn niet hetzelfde", "password2" },
		{ code, "ggz%40p.example", PW, PW,
		    "Dit e-mailadres is al in gebruik", "email" },
		{ code, "nieuw%40example.nl", "Kort-471", "Kort-471",
		    "minstens 12 tekens", "password" },
	};

	(void)state;
	id = ch_register_seq(&T, &G, LEAD, 400, "Nora", "Nieuw", NULL);
	ch_make_code(&T, &G, id, code);
	users = ch_countf(&T, "SELECT count(*) FROM user_account");
	ch_activate_form(&T, pre, sizeof(pre), csrf, sizeof(csrf));
	for (i = 0; i < WB_NELEM(cases); i++) {
		char	marker[64];

		ch_activate_post(&T, pre, csrf, cases[i].code, cases[i].email,
		    cases[i].pw, cases[i].pw2, &r);
		if (r.status != 400 || strstr(r.body, cases[i].message) ==
		    NULL)
			fail_msg("case %zu: status %d, want 400 with \"%s\":\n"
			    "%.800s", i, r.status, cases[i].message, r.body);
		snprintf(marker, sizeof(marker), "id=\"%s-error\"",
		    cases[i].field);
		if (strstr(r.body, marker) == NULL)
			fail_msg("case %zu: no %s", i, marker);
		assert_non_null(strstr(r.body, "aria-invalid=\"true\""));
		/* The passwords are never shown back (nor their lengths). */
		ch_expect_absent(r.body, cases[i].pw, "the activation form");
		ch_expect_absent(r.body, cases[i].pw2, "the activation form");
		ch_expect_absent(r.headers, cases[i].pw, "the response "
		    "headers");
		assert_null(strstr(r.headers, "Location:"));
		assert_null(strstr(r.headers, "wb_session="));
		ht_resp_free(&r);
	}
	/* What was typed for the address comes back. */
	ch_activate_post(&T, pre, csrf, code, "nieuw%40example.nl", PW, "x",
	    &r);
	ht_expect(&r, 400, "value=\"nieuw@example.nl\"");
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM user_account"),
	    users);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM client WHERE id = "
	    "%lld AND portal_user IS NULL", (long long)id), 1);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM client_activation "
	    "WHERE client_id = %lld AND used_at IS NULL", (long long)id), 1);

	/* Without the form's token, or with another's: 403, nothing made. */
	snprintf(body, sizeof(body), "code=%s&email=nieuw%%40example.nl&"
	    "password=%s&password2=%s", code, PW, PW);
	ht_request(&T, "POST", "/activeren", body, NULL, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "csrf=%s&code=%s&email=nieuw%%40example."
	    "nl&password=%s&password2=%s", csrf, code, PW, PW);
	ht_request(&T, "POST", "/activeren", body, NULL, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM user_account"),
	    users);

	/* The code is still good. */
	ch_activate_post(&T, pre, csrf, code, "nieuw%40example.nl", PW, PW,
	    &r);
	ch_expect_redirect(&r, "/inloggen", "activated");
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM user_account"),
	    users + 1);
	/* used once, it is the one message again */
	ch_activate_post(&T, pre, csrf, code, "ander%40example.nl", PW, PW,
	    &r);
	ht_expect(&r, 400, "Deze code werkt niet");
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM user_account"),
	    users + 1);
}

/* 5. Only a professional with identity access makes a code: UWV without
 * consent and an administrator are refused, and no code is made. */
static void
test_only_the_team_makes_codes(void **state)
{
	struct ht_resp	r;
	char		path[64];
	int64_t		id, codes;

	(void)state;
	id = ch_register_seq(&T, &G, LEAD, 500, "Piet", "Plan", NULL);
	codes = ch_countf(&T, "SELECT count(*) FROM client_activation");
	snprintf(path, sizeof(path), "/clienten/%lld/portaalcode",
	    (long long)id);
	ht_post(&T, &U, path, "", &r);
	ht_expect(&r, 404, NULL);
	ch_expect_absent(r.body, "activation-code", "a refusal");
	ht_resp_free(&r);
	ht_post(&T, &ADM, path, "", &r);
	if (r.status != 404 && r.status != 403)
		fail_msg("admin: status %d", r.status);
	ch_expect_absent(r.body, "activation-code", "a refusal");
	ht_resp_free(&r);
	/* without the token */
	ht_request(&T, "POST", path, "", G.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM "
	    "client_activation"), codes);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'client.activation.create' AND outcome = 'denied' AND "
	    "client_id = %lld", (long long)id), 2);
}

/* 6. Business cards via the client: the client hands their cards to a
 * professional they met (by the e-mail on that professional's card); that
 * proposes them for the team only under a consent, and a team member
 * decides. */
static void
test_client_hands_cards_on(void **state)
{
	struct ht_resp	r;
	struct ht_user	C;
	char		path[96], body[400];
	int64_t		id, pid;

	(void)state;
	id = client_with_account(600, "Kees", "kees%40example.nl", &C);
	/* no such professional; no consent for UWV yet */
	ht_post(&T, &C, "/mijn/team/doorgeven", "email=niemand%40p.example",
	    &r);
	ht_expect(&r, 400, "Wij vinden geen professional");
	ht_resp_free(&r);
	ht_post(&T, &C, "/mijn/team/doorgeven", "email=uwv%40p.example", &r);
	ht_expect(&r, 400, "nog geen toestemming");
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM team_proposal "
	    "WHERE client_id = %lld", (long long)id), 0);

	/* the client gives UWV a consent, then hands the cards on */
	snprintf(body, sizeof(body), "org=%lld&purpose=re-integratie&"
	    "categories=identity&categories=work&valid_until=%s",
	    (long long)uwv, next_year);
	ht_post(&T, &C, "/mijn/toestemmingen", body, &r);
	ch_expect_redirect(&r, "/mijn/toestemmingen", "consent_granted");
	ht_resp_free(&r);
	ht_post(&T, &C, "/mijn/team/doorgeven", "email=uwv%40p.example", &r);
	ch_expect_redirect(&r, "/mijn/team", "cards_handed");
	ht_resp_free(&r);
	ht_get_expect(&T, &C, "/mijn/team", 200, "Uw team beslist nog over");
	ht_post(&T, &C, "/mijn/team/doorgeven", "email=uwv%40p.example", &r);
	ht_expect(&r, 400, "al aan");
	ht_resp_free(&r);
	pid = ch_countf(&T, "SELECT id FROM team_proposal WHERE client_id = "
	    "%lld", (long long)id);

	/* the proposed professional cannot let themself in */
	snprintf(path, sizeof(path), "/clienten/%lld/team/voorstellen/%lld/"
	    "accepteren", (long long)id, (long long)pid);
	ht_post(&T, &U, path, "function=arbeidsdeskundige", &r);
	assert_int_equal(r.status, 404);
	ht_resp_free(&r);
	/* nor can the client, through the team's pages */
	ht_post(&T, &C, path, "function=arbeidsdeskundige", &r);
	assert_int_equal(r.status, 404);
	ht_resp_free(&r);
	/* the GGZ sees the proposal on the Team tab and accepts */
	snprintf(body, sizeof(body), "/clienten/%lld/team", (long long)id);
	ht_get_expect(&T, &G, body, 200, "Voorgesteld door de cli");
	ht_post(&T, &G, path, "function=arbeidsdeskundige", &r);
	assert_int_equal(r.status, 303);
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND user_id = %lld AND ended_at IS NULL",
	    (long long)id, (long long)uwv_id), 1);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM team_proposal "
	    "WHERE id = %lld AND status = 'geaccepteerd'", (long long)pid), 1);
	assert_int_equal(ht_audit_count(&T, "team.propose", "allowed"), 1);
	assert_int_equal(ht_audit_count(&T, "team.proposal.accept",
	    "allowed"), 1);
	/* answered once */
	ht_post(&T, &G, path, "function=arbeidsdeskundige", &r);
	ht_expect(&r, 400, "al beslist");
	ht_resp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_client_hands_cards_on),
		cmocka_unit_test(test_code_activation_and_the_portal),
		cmocka_unit_test(test_client_grants_and_revokes_consent),
		cmocka_unit_test(test_client_never_reaches_other_records),
		cmocka_unit_test(test_activate_refuses_bad_input),
		cmocka_unit_test(test_only_the_team_makes_codes),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}
