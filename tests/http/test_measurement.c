/* test_measurement.c - measurements through the router: the Metingen tab
 * (shown only with work or health, and then only the forms the viewer
 * may use), the forms' round trip with a message per item and nothing
 * stored, the client's questionnaires in the portal, and the JSON API
 * (201, 400 with the field, 404 for a refusal).
 *
 * One database for the group; every test registers its own clients with
 * BSNs of its own (lead '8').
 */
#include "clienthttp.h"

#define JSON	"application/json"
#define LEAD	'8'

static struct ht T;
static struct ht_user G, U;		/* GGZ (registers), UWV */
static char GA[16 + WB_TOKEN_HEX], UA[16 + WB_TOKEN_HEX];	/* bearers */
static int64_t uwv_org, uwv_user;
static char today[16], tomorrow[16];

static int
setup(void **state)
{
	char	 region[8];
	int64_t	 ggz, ggz_user;

	ht_setup(&T);
	*state = &T;
	ht_region_of(&T, "GM0796", region, sizeof(region));
	wb_date_nl(wb_today(), today, sizeof(today));
	wb_date_nl(wb_today() + 1, tomorrow, sizeof(tomorrow));
	ggz = ht_add_org(&T, "GGZ-M", "ggz", region);
	uwv_org = ht_add_org(&T, "UWV-M", "uwv", region);
	ggz_user = ht_add_user(&T, "ggz@m.example", "professional", "GGZ-M",
	    NULL);
	uwv_user = ht_add_user(&T, "uwv@m.example", "professional", "UWV-M",
	    NULL);
	ht_add_card(&T, ggz, ggz_user, "Gea Meter", "behandelaar");
	ht_add_card(&T, uwv_org, uwv_user, "Uri Meter", "arbeidsdeskundige");
	ht_login(&T, "ggz@m.example", &G);
	ht_login(&T, "uwv@m.example", &U);
	snprintf(GA, sizeof(GA), "Bearer ");
	ht_token_for(&T, ggz_user, GA + 7, sizeof(GA) - 7);
	snprintf(UA, sizeof(UA), "Bearer ");
	ht_token_for(&T, uwv_user, UA + 7, sizeof(UA) - 7);
	return 0;
}

/* A client of the GGZ with UWV on its team under a consent for `cats`
 * ("categories=identity&..."); NULL: UWV not on the team. */
static int64_t
client(unsigned seq, const char *cats)
{
	int64_t	id = ch_register_seq(&T, &G, LEAD, seq, "Meta", "Meting",
	    NULL);

	if (cats != NULL) {
		(void)ch_grant(&T, &G, id, uwv_org, cats, "method=mondeling");
		ch_add_member(&T, &G, id, uwv_user, "arbeidsdeskundige");
	}
	return id;
}

static int64_t
stored(int64_t id)
{
	return ch_countf(&T, "SELECT count(*) FROM measurement WHERE "
	    "client_id = %lld", (long long)id);
}

/* The urlencoded answers of a questionnaire: `answers` one digit per
 * item, '-' for an item left open. */
static const char *
answers(const char *instrument, const char *answers, const char *date)
{
	static char	body[512];
	size_t		len, i;

	len = (size_t)snprintf(body, sizeof(body), "instrument=%s&date=%s",
	    instrument, date);
	for (i = 0; answers[i] != '\0'; i++)
		if (answers[i] != '-')
			len += (size_t)snprintf(body + len, sizeof(body) - len,
			    "&item%zu=%c", i + 1, answers[i]);
	return body;
}

/* -- the tab -- */

static void
test_tab_visibility(void **state)
{
	struct ht_resp	r;
	int64_t		id_only = client(1, "categories=identity");
	int64_t		work = client(2, "categories=identity&"
	    "categories=work");

	(void)state;
	/* The GGZ that registered: the tab, every form. */
	ch_get_id(&T, &G, "/clienten/", id_only, "", &r);
	ht_expect(&r, 200, NULL);
	ch_expect_present(r.body, "/metingen\">Metingen</a>", "GGZ record");
	ht_resp_free(&r);
	ch_get_id(&T, &G, "/clienten/", id_only, "/metingen", &r);
	ht_expect(&r, 200, "Participatieladder");
	ch_expect_present(r.body, "/metingen/ladder", "GGZ tab");
	ch_expect_present(r.body, "PHQ-9 invullen", "GGZ tab");
	ch_expect_present(r.body, "GAD-7 invullen", "GGZ tab");
	ch_expect_present(r.body, "K10 invullen", "GGZ tab");
	ch_expect_present(r.body, "/metingen/totaal", "GGZ tab");
	ht_resp_free(&r);

	/* UWV with identity only: no tab, and the page is not there. */
	ch_get_id(&T, &U, "/clienten/", id_only, "", &r);
	ht_expect(&r, 200, NULL);
	ch_expect_absent(r.body, "/metingen", "UWV record (identity)");
	ht_resp_free(&r);
	ch_get_id(&T, &U, "/clienten/", id_only, "/metingen", &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);

	/* UWV with work: the tab, the ladder, no complaint measures. */
	ch_get_id(&T, &U, "/clienten/", work, "/metingen", &r);
	ht_expect(&r, 200, "Trede vastleggen");
	ch_expect_absent(r.body, "Klachtenmetingen", "UWV tab");
	ch_expect_absent(r.body, "PHQ-9", "UWV tab");
	ch_expect_absent(r.body, "/metingen/vragenlijst", "UWV tab");
	ch_expect_absent(r.body, "/metingen/totaal", "UWV tab");
	ht_resp_free(&r);
}

/* -- the forms -- */

static void
test_questionnaire_round_trip(void **state)
{
	struct ht_resp	r;
	int64_t		id = client(10, "categories=identity&"
	    "categories=work");
	char		loc[64];

	(void)state;
	snprintf(loc, sizeof(loc), "/clienten/%lld/metingen", (long long)id);
	/* Item 5 left open: a message at item 5, nothing stored, the other
	 * answers kept. */
	ch_post_id(&T, &G, "/clienten/", id, "/metingen/vragenlijst",
	    answers("phq9", "2101-0122", today), &r);
	ht_expect(&r, 400, "Vraag 5: kies een antwoord.");
	ch_expect_present(r.body, "href=\"#phq9-item5\"", "summary link");
	ch_expect_present(r.body, "id=\"phq9-item5-error\"", "item error");
	ch_expect_absent(r.body, "id=\"phq9-item4-error\"", "answered item");
	ch_expect_present(r.body, "id=\"phq9-item1-2\" name=\"item1\" "
	    "value=\"2\" required checked", "kept answer");
	ch_expect_present(r.body, "<details open>", "the form stays open");
	assert_int_equal(stored(id), 0);
	ht_resp_free(&r);

	/* A date in the future: the domain's message at the date. */
	ch_post_id(&T, &G, "/clienten/", id, "/metingen/vragenlijst",
	    answers("phq9", "210110122", tomorrow), &r);
	ht_expect(&r, 400, "De datum ligt in de toekomst.");
	ch_expect_present(r.body, "id=\"phq9-date-error\"", "date error");
	ch_expect_present(r.body, tomorrow, "kept date");
	assert_int_equal(stored(id), 0);
	ht_resp_free(&r);

	/* Complete: stored, scored, banded, item 9 flagged. */
	ch_post_id(&T, &G, "/clienten/", id, "/metingen/vragenlijst",
	    answers("phq9", "210110122", today), &r);
	ch_expect_redirect(&r, loc, "measurement_added");
	ht_resp_free(&r);
	assert_int_equal(stored(id), 1);
	assert_string_equal(ch_textf(&T, "SELECT items || '/' || value || '/' "
	    "|| band FROM measurement WHERE client_id = %lld", (long long)id),
	    "210110122/10/moderate");
	ch_get_id(&T, &G, "/clienten/", id, "/metingen", &r);
	ht_expect(&r, 200, "Opvolgen: vraag 9");
	ch_expect_present(r.body, "<td class=\"num\">10</td><td>matig",
	    "total and band");
	ch_expect_present(r.body, today, "the date");
	ht_resp_free(&r);

	/* UWV (work only) sees none of it, and may not post it. */
	ch_get_id(&T, &U, "/clienten/", id, "/metingen", &r);
	ht_expect(&r, 200, NULL);
	ch_expect_absent(r.body, "Opvolgen", "UWV tab");
	ch_expect_absent(r.body, "matig", "UWV tab");
	ht_resp_free(&r);
	ch_post_id(&T, &U, "/clienten/", id, "/metingen/vragenlijst",
	    answers("phq9", "000000000", today), &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	assert_int_equal(stored(id), 1);
}

static void
test_ladder_and_total(void **state)
{
	struct ht_resp	r;
	int64_t		id = client(20, "categories=identity&"
	    "categories=work");
	char		body[128], loc[64];

	(void)state;
	snprintf(loc, sizeof(loc), "/clienten/%lld/metingen", (long long)id);
	/* UWV records a rung under the work consent. */
	snprintf(body, sizeof(body), "value=4&date=%s", today);
	ch_post_id(&T, &U, "/clienten/", id, "/metingen/ladder", body, &r);
	ch_expect_redirect(&r, loc, "measurement_added");
	ht_resp_free(&r);
	ch_get_id(&T, &G, "/clienten/", id, "/metingen", &r);
	ht_expect(&r, 200, "<td class=\"num\">4</td><td>Onbetaald werk</td>"
	    "<td>UWV-M");
	ht_resp_free(&r);

	/* No rung, a rung out of range, a date in the future. */
	snprintf(body, sizeof(body), "date=%s", today);
	ch_post_id(&T, &U, "/clienten/", id, "/metingen/ladder", body, &r);
	ht_expect(&r, 400, "id=\"ladder-value-error\"");
	ch_expect_present(r.body, "href=\"#ladder-value\"", "summary link");
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "value=7&date=%s", today);
	ch_post_id(&T, &U, "/clienten/", id, "/metingen/ladder", body, &r);
	ht_expect(&r, 400, "id=\"ladder-value-error\"");
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "value=3&date=%s", tomorrow);
	ch_post_id(&T, &U, "/clienten/", id, "/metingen/ladder", body, &r);
	ht_expect(&r, 400, "De datum ligt in de toekomst.");
	ch_expect_present(r.body, "<option value=\"3\" selected>",
	    "kept rung");
	ht_resp_free(&r);
	assert_int_equal(stored(id), 1);

	/* A licensed total: the range is the instrument's; UWV may not. */
	snprintf(body, sizeof(body), "instrument=oq45&value=181&date=%s",
	    today);
	ch_post_id(&T, &G, "/clienten/", id, "/metingen/totaal", body, &r);
	ht_expect(&r, 400, "De totaalscore van de OQ-45 is een getal van 0 "
	    "tot en met 180.");
	ch_expect_present(r.body, "id=\"totaal-value-error\"", "value error");
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "instrument=oq45&value=80&date=%s",
	    today);
	ch_post_id(&T, &U, "/clienten/", id, "/metingen/totaal", body, &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	ch_post_id(&T, &G, "/clienten/", id, "/metingen/totaal", body, &r);
	ch_expect_redirect(&r, loc, "measurement_added");
	ht_resp_free(&r);
	assert_int_equal(stored(id), 2);
}

/* -- the portal -- */

static void
test_portal_questionnaire(void **state)
{
	struct ht_resp	r;
	struct ht_user	C;
	int64_t		id = client(30, NULL);

	(void)state;
	ch_client_account(&T, &G, id, "meta@m.example", HT_PASSWORD, &C);
	ht_get(&T, &C, "/mijn", &r);
	ht_expect(&r, 200, "href=\"/mijn/vragenlijsten\"");
	ht_resp_free(&r);
	ht_get(&T, &C, "/mijn/vragenlijsten", &r);
	ht_expect(&r, 200, "U hebt deze vragenlijst nog niet ingevuld.");
	ch_expect_present(r.body, "/mijn/vragenlijsten/phq9", "PHQ-9");
	ch_expect_present(r.body, "/mijn/vragenlijsten/gad7", "GAD-7");
	ch_expect_present(r.body, "/mijn/vragenlijsten/k10", "K10");
	ch_expect_absent(r.body, "/mijn/vragenlijsten/oq45", "licensed");
	ht_resp_free(&r);

	/* Why, who sees it (the GGZ that registered), and a way out. */
	ht_get(&T, &C, "/mijn/vragenlijsten/gad7", &r);
	ht_expect(&r, 200, "Wie ziet uw antwoorden?");
	ch_expect_present(r.body, "<li>GGZ-M", "the GGZ sees it");
	ch_expect_absent(r.body, "<li>UWV-M", "UWV has no consent");
	ch_expect_present(r.body, "Nu niet invullen", "skip");
	ch_expect_present(r.body, "Zich nerveus, angstig of gespannen voelen",
	    "item 1");
	ht_resp_free(&r);

	/* An item left open: told, nothing stored. */
	ht_post(&T, &C, "/mijn/vragenlijsten/gad7", "item1=1&item2=1&item3=1&"
	    "item4=1&item5=1&item6=0", &r);
	ht_expect(&r, 400, "Vraag 7: kies een antwoord.");
	ch_expect_present(r.body, "id=\"gad7-item6-0\" name=\"item6\" "
	    "value=\"0\" required checked", "kept answer");
	ht_resp_free(&r);
	assert_int_equal(stored(id), 0);

	ht_post(&T, &C, "/mijn/vragenlijsten/gad7", "item1=1&item2=1&item3=1&"
	    "item4=1&item5=1&item6=0&item7=0", &r);
	ch_expect_redirect(&r, "/mijn/vragenlijsten", "questionnaire_sent");
	ht_resp_free(&r);
	assert_string_equal(ch_textf(&T, "SELECT source || '/' || value FROM "
	    "measurement WHERE client_id = %lld", (long long)id), "client/5");
	ht_get(&T, &C, "/mijn/vragenlijsten", &r);
	ht_expect(&r, 200, "<td class=\"num\">5</td><td>lichte klachten</td>");
	ht_resp_free(&r);

	/* The professional sees who filled it in. */
	ch_get_id(&T, &G, "/clienten/", id, "/metingen", &r);
	ht_expect(&r, 200, "De cliënt zelf");
	ht_resp_free(&r);
	/* Not a questionnaire, and not a page for professionals. */
	ht_get(&T, &C, "/mijn/vragenlijsten/oq45", &r);
	assert_true(r.status == 400 || r.status == 404);
	ht_resp_free(&r);
	ht_get(&T, &G, "/mijn/vragenlijsten", &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
}

/* -- the API -- */

static void
api(const char *method, const char *path, const char *auth,
    const char *body, struct ht_resp *r)
{
	ht_request_ct(&T, method, path, body ? JSON : NULL, body,
	    body ? strlen(body) : 0, NULL, auth, r);
}

static void
test_api(void **state)
{
	struct ht_resp	 r;
	int64_t		 id = client(40, "categories=identity&"
	    "categories=work");
	int64_t		 other = client(41, NULL);
	char		 path[64], opath[64];
	json_t		*v, *items;

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/clients/%lld/measurements",
	    (long long)id);
	snprintf(opath, sizeof(opath), "/api/v1/clients/%lld/measurements",
	    (long long)other);
	api("POST", path, GA, "{\"instrument\": \"phq9\", \"date\": "
	    "\"2026-11-01\", \"items\": [1, 2, 1, 2, 1, 2, 1, 2, 0]}", &r);
	ht_expect(&r, 201, "\"total\":12");
	ch_expect_present(r.body, "\"band\":\"moderate\"", "band");
	ht_resp_free(&r);
	api("POST", path, UA, "{\"instrument\": \"participatieladder\", "
	    "\"date\": \"2026-11-01\", \"value\": 3}", &r);
	ht_expect(&r, 201, "\"total\":3");
	ch_expect_present(r.body, "\"band\":null", "no band");
	ht_resp_free(&r);

	/* Refused input: 400 naming the key. */
	api("POST", path, GA, "{\"instrument\": \"phq9\", \"date\": "
	    "\"2026-11-01\", \"items\": [1, 2, 1]}", &r);
	ht_expect(&r, 400, "\"field\":\"items\"");
	ht_resp_free(&r);
	api("POST", path, GA, "{\"instrument\": \"ladder\", \"date\": "
	    "\"2026-11-01\", \"value\": 9}", &r);
	ht_expect(&r, 400, "\"field\":\"value\"");
	ht_resp_free(&r);
	api("POST", path, GA, "{\"instrument\": \"ladder\", \"date\": "
	    "\"2099-01-01\", \"value\": 2}", &r);
	ht_expect(&r, 400, "\"field\":\"date\"");
	ht_resp_free(&r);
	api("POST", path, GA, "{\"instrument\": \"ladder\", \"date\": "
	    "\"2026-11-01\", \"value\": 2, \"score\": 2}", &r);
	ht_expect(&r, 400, "\"field\":\"score\"");
	ht_resp_free(&r);

	/* Refused by the policy: 404, like a client that does not exist. */
	api("POST", path, UA, "{\"instrument\": \"gad7\", \"date\": "
	    "\"2026-11-01\", \"items\": [0, 0, 0, 0, 0, 0, 0]}", &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	api("POST", opath, UA, "{\"instrument\": \"ladder\", \"date\": "
	    "\"2026-11-01\", \"value\": 2}", &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	api("GET", opath, UA, NULL, &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	assert_int_equal(stored(id), 2);
	assert_int_equal(stored(other), 0);

	/* The list: UWV the ladder only, the GGZ both. */
	api("GET", path, UA, NULL, &r);
	ht_expect(&r, 200, NULL);
	v = json_loads(r.body, 0, NULL);
	assert_non_null(v);
	items = json_object_get(v, "items");
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    items, 0), "instrument")), "ladder");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    items, 0), "value")), 3);
	json_decref(v);
	ht_resp_free(&r);
	api("GET", path, GA, NULL, &r);
	ht_expect(&r, 200, "\"followup\":false");
	v = json_loads(r.body, 0, NULL);
	assert_non_null(v);
	items = json_object_get(v, "items");
	assert_int_equal(json_array_size(items), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    items, 1), "band")), "moderate");
	assert_int_equal(json_array_size(json_object_get(json_array_get(items,
	    1), "items")), 9);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    items, 1), "date")), "2026-11-01");
	json_decref(v);
	ht_resp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tab_visibility),
		cmocka_unit_test(test_questionnaire_round_trip),
		cmocka_unit_test(test_ladder_and_total),
		cmocka_unit_test(test_portal_questionnaire),
		cmocka_unit_test(test_api),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}
