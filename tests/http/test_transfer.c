/* test_transfer.c - CSV import (multipart upload) and export of the
 * directory through the router: who may, CSRF, the error report,
 * nothing imported on an error, the export's headers and its round
 * trip. */
#include "httptest.h"
#include "base/limits.h"
#include "base/time.h"
#include "domain/contact_point.h"

#define BOUNDARY	"----wbtest7MA4YWxkTrZu0gW"
#define MP		"multipart/form-data; boundary=" BOUNDARY

static struct ht T;

static const char orgs_file[] =
    "code;name;type;regions;municipality;agb;kvk;phone;email;website\r\n"
    "HT-GGZ;GGZ Noordoost;ggz;AM27;;;;073 1;;\r\n"
    "HT-UWV;UWV Oss;uwv;AM27;;;;;;\r\n";

static int
setup(void **state)
{
	ht_setup(&T);
	*state = &T;
	ht_add_org(&T, "GGZ-T", "ggz", "AM27");
	ht_add_org(&T, "UWV-T", "uwv", "AM01");
	ht_add_user(&T, "admin@t.example", "admin", "UWV-T", NULL);
	ht_add_user(&T, "coord@t.example", "coordinator", "GGZ-T", "AM27");
	ht_add_user(&T, "prof@t.example", "professional", "GGZ-T", NULL);
	return 0;
}

/* A multipart body with the parts a browser sends for the import form;
 * NULL leaves a part out. */
static char *
mp_body(const char *csrf, const char *kind, const char *file, size_t *n)
{
	struct wb_buf	b;

	wb_buf_init(&b, 2 * WB_MAX_UPLOAD);
	if (csrf != NULL)
		wb_buf_printf(&b, "--" BOUNDARY "\r\nContent-Disposition: "
		    "form-data; name=\"csrf\"\r\n\r\n%s\r\n", csrf);
	if (kind != NULL)
		wb_buf_printf(&b, "--" BOUNDARY "\r\nContent-Disposition: "
		    "form-data; name=\"kind\"\r\n\r\n%s\r\n", kind);
	if (file != NULL) {
		wb_buf_puts(&b, "--" BOUNDARY "\r\nContent-Disposition: "
		    "form-data; name=\"file\"; filename=\"lijst.csv\"\r\n"
		    "Content-Type: text/csv\r\n\r\n");
		wb_buf_puts(&b, file);
		wb_buf_puts(&b, "\r\n");
	}
	wb_buf_puts(&b, "--" BOUNDARY "--\r\n");
	assert_int_equal(wb_buf_error(&b), 0);
	return wb_buf_detach(&b, n);
}

/* POST the import form as `u` (csrf from the session). */
static void
upload(const struct ht_user *u, const char *kind, const char *file,
    struct ht_resp *r)
{
	size_t	 n;
	char	*body = mp_body(u->csrf, kind, file, &n);

	ht_request_ct(&T, "POST", "/beheer/import", MP, body, n, u->cookie,
	    NULL, r);
	free(body);
}

static void
test_form(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	int64_t		denied;

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	ht_get(&T, &u, "/beheer/import", &r);
	ht_expect(&r, 200, "<form method=\"post\" "
	    "action=\"/beheer/import\" enctype=\"multipart/form-data\">");
	assert_non_null(strstr(r.body, "name=\"csrf\" value=\""));
	assert_non_null(strstr(r.body, "<select id=\"kind\" name=\"kind\""));
	assert_non_null(strstr(r.body, "<option value=\"contactpunten\""));
	assert_non_null(strstr(r.body, "<label for=\"file\">"));
	assert_non_null(strstr(r.body, "<input id=\"file\" name=\"file\" "
	    "type=\"file\" accept=\".csv,text/csv\""));
	assert_non_null(strstr(r.body, "href=\"/export/organisaties.csv\""));
	ht_resp_free(&r);
	/* In English. */
	ht_post_expect(&T, &u, "/taal", "lang=en&terug=%2Fbeheer%2Fimport",
	    303, NULL);
	ht_get(&T, &u, "/beheer/import", &r);
	ht_expect(&r, 200, "<h1>Import and export</h1>");
	assert_non_null(strstr(r.body, "<label for=\"file\">File</label>"));
	assert_non_null(strstr(r.body, ">Contact points (CSV)</a>"));
	ht_resp_free(&r);
	ht_post(&T, &u, "/taal", "lang=nl&terug=%2F", &r);
	ht_resp_free(&r);

	ht_login(&T, "coord@t.example", &u);
	ht_get(&T, &u, "/beheer/import", &r);
	ht_expect(&r, 200, "eigen regio inlezen: AM27");
	assert_non_null(strstr(r.body,
	    "href=\"/export/contactpunten.csv?regio=AM27\""));
	ht_resp_free(&r);

	denied = ht_audit_count(&T, "directory.import", "denied");
	ht_login(&T, "prof@t.example", &u);
	ht_get_expect(&T, &u, "/beheer/import", 403, NULL);
	assert_int_equal(ht_audit_count(&T, "directory.import", "denied"),
	    denied + 1);

	ht_get_expect(&T, NULL, "/beheer/import", 303, NULL);
}

static void
test_import_admin(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	upload(&u, "organisaties", orgs_file, &r);
	ht_expect(&r, 200, "2 organisaties ingelezen: 2 nieuw, "
	    "0 gewijzigd, 0 ongewijzigd.");
	ht_resp_free(&r);
	assert_true(dbt_org_exists(&T.dbt, "HT-GGZ"));
	assert_true(dbt_org_exists(&T.dbt, "HT-UWV"));
	assert_true(ht_audit_count(&T, "directory.import", "allowed") >= 1);

	/* The same file again changes nothing. */
	upload(&u, "organisaties", orgs_file, &r);
	ht_expect(&r, 200, "2 organisaties ingelezen: 0 nieuw, "
	    "0 gewijzigd, 2 ongewijzigd.");
	ht_resp_free(&r);

	/* Contact points, with a new card. */
	upload(&u, "contactpunten", "organisation;region;domain;name;"
	    "function;phone\r\nHT-UWV;AM27;uwv;Anna Arbeid;arbeidsdeskundige;"
	    "088 1\r\n", &r);
	ht_expect(&r, 200, "1 contactpunten ingelezen: 1 nieuw");
	assert_non_null(strstr(r.body, "1 visitekaartjes"));
	ht_resp_free(&r);
}

static void
test_import_professional(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	int64_t		denied, total = dbt_org_count(&T.dbt);

	(void)state;
	denied = ht_audit_count(&T, "directory.import", "denied");
	ht_login(&T, "prof@t.example", &u);
	upload(&u, "organisaties", "code;name;type;regions\r\n"
	    "HT-PROF;Van een professional;overig;AM27\r\n", &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	/* The same as an ordinary form. */
	ht_post_expect(&T, &u, "/beheer/import", "kind=organisaties&file=code"
	    "%3Bname%3Btype%3Bregions%0D%0AHT-PROF%3BP%3Boverig%3BAM27%0D%0A",
	    403, NULL);
	assert_false(dbt_org_exists(&T.dbt, "HT-PROF"));
	assert_int_equal(dbt_org_count(&T.dbt), total);
	assert_int_equal(ht_audit_count(&T, "directory.import", "denied"),
	    denied + 2);
}

static void
test_import_coordinator(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	int64_t		total = dbt_org_count(&T.dbt);

	(void)state;
	ht_login(&T, "coord@t.example", &u);
	upload(&u, "organisaties", "code;name;type;regions\r\n"
	    "HT-C1;Eigen regio;overig;AM27\r\n"
	    "HT-C2;Andere regio;overig;AM01\r\n", &r);
	ht_expect(&r, 400, "regel 3: u mag alleen regio AM27 bijwerken");
	assert_non_null(strstr(r.body, "Er is niets ingelezen"));
	ht_resp_free(&r);
	assert_false(dbt_org_exists(&T.dbt, "HT-C1"));
	assert_int_equal(dbt_org_count(&T.dbt), total);

	upload(&u, "organisaties", "code;name;type;regions\r\n"
	    "HT-C1;Eigen regio;overig;AM27\r\n", &r);
	ht_expect(&r, 200, NULL);
	ht_resp_free(&r);
	assert_true(dbt_org_exists(&T.dbt, "HT-C1"));
}

static void
test_import_csrf(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	size_t		 i, n;
	char		*body, wrong[80];
	const char	*csrfs[] = { NULL, wrong };	/* none, a wrong one */

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	snprintf(wrong, sizeof(wrong), "%064d", 0);
	for (i = 0; i < WB_NELEM(csrfs); i++) {
		body = mp_body(csrfs[i], "organisaties", "code;name;type;"
		    "regions\r\nHT-X1;X;overig;AM27\r\n", &n);
		ht_request_ct(&T, "POST", "/beheer/import", MP, body, n,
		    u.cookie, NULL, &r);
		ht_expect(&r, 403, NULL);
		ht_resp_free(&r);
		free(body);
	}
	assert_false(dbt_org_exists(&T.dbt, "HT-X1"));
}

/* Every problem is listed, escaped, and nothing at all is imported. */
static void
test_import_report(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	int64_t		total = dbt_org_count(&T.dbt);

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	upload(&u, "organisaties", "code;name;type;regions;agb\r\n"
	    "HT-G1;Goed;overig;AM27;\r\n"
	    "<script>;Fout;overig;AM27;\r\n"
	    "HT-G2;Goed;overig;AM27;123\r\n"
	    "HT-G3;Goed;overig;AM27;\r\n", &r);
	ht_expect(&r, 400, "Het bestand is niet ingelezen");
	assert_non_null(strstr(r.body, "Er is niets ingelezen: ook de goede "
	    "regels niet."));
	assert_non_null(strstr(r.body, "2 fout(en)"));
	assert_non_null(strstr(r.body, "<li>regel 3: code &#39;&lt;script&gt;"
	    "&#39; mag alleen"));
	assert_non_null(strstr(r.body, "<li>regel 4: een AGB-code bestaat"));
	assert_null(strstr(r.body, "<script>"));
	/* The form is there again to try once more. */
	assert_non_null(strstr(r.body, "<option value=\"organisaties\" "
	    "selected>"));
	ht_resp_free(&r);
	assert_false(dbt_org_exists(&T.dbt, "HT-G1"));
	assert_false(dbt_org_exists(&T.dbt, "HT-G3"));
	assert_int_equal(dbt_org_count(&T.dbt), total);
}

static void
test_import_bad_params(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	size_t		 n;
	char		*body;
	int64_t		 imports;

	(void)state;
	imports = ht_audit_count(&T, "directory.import", "allowed");
	ht_login(&T, "admin@t.example", &u);
	/* Missing fields: errors next to the fields. */
	upload(&u, NULL, orgs_file, &r);
	ht_expect(&r, 400, "id=\"kind-error\">Soort bestand is verplicht.");
	ht_resp_free(&r);
	upload(&u, "organisaties", NULL, &r);
	ht_expect(&r, 400, "id=\"file-error\">Bestand is verplicht.");
	assert_non_null(strstr(r.body, "aria-describedby=\"file-hint "
	    "file-error\""));
	ht_resp_free(&r);
	/* No file chosen: the browser sends an empty one. */
	upload(&u, "organisaties", "", &r);
	ht_expect(&r, 400, "Bestand is verplicht.");
	ht_resp_free(&r);
	/* A wrong kind keeps the file out of the page. */
	upload(&u, "klanten", "code;name\r\nGEHEIM-INHOUD;x\r\n", &r);
	ht_expect(&r, 400, "id=\"kind-error\">Soort bestand is "
	    "geen geldige keuze.");
	assert_null(strstr(r.body, "GEHEIM-INHOUD"));
	ht_resp_free(&r);
	/* Not UTF-8: an error next to the file field. */
	upload(&u, "organisaties", "code;name;type;regions\r\n"
	    "HT-L1;Caf\xe9;overig;AM27\r\n", &r);
	ht_expect(&r, 400, "id=\"file-error\">Bestand bevat "
	    "tekens die niet zijn toegestaan.");
	ht_resp_free(&r);
	assert_false(dbt_org_exists(&T.dbt, "HT-L1"));

	/* An undeclared part, a repeated part, a broken body: 400. */
	body = mp_body(u.csrf, "organisaties", orgs_file, &n);
	{
		char	*extra = wb_xmalloc(n + 200);
		int	 k = snprintf(extra, n + 200, "--" BOUNDARY "\r\n"
		    "Content-Disposition: form-data; name=\"extra\"\r\n\r\n"
		    "1\r\n%s", body);

		ht_request_ct(&T, "POST", "/beheer/import", MP, extra,
		    (size_t)k, u.cookie, NULL, &r);
		ht_expect(&r, 400, "Ongeldig verzoek");
		ht_resp_free(&r);
		k = snprintf(extra, n + 200, "--" BOUNDARY "\r\n"
		    "Content-Disposition: form-data; name=\"kind\"\r\n\r\n"
		    "contactpunten\r\n%s", body);
		ht_request_ct(&T, "POST", "/beheer/import", MP, extra,
		    (size_t)k, u.cookie, NULL, &r);
		ht_expect(&r, 400, NULL);
		ht_resp_free(&r);
		free(extra);
	}
	ht_request_ct(&T, "POST", "/beheer/import", "multipart/form-data",
	    body, n, u.cookie, NULL, &r);
	ht_expect(&r, 400, NULL);
	ht_resp_free(&r);
	ht_request_ct(&T, "POST", "/beheer/import", MP, body, n - 10,
	    u.cookie, NULL, &r);
	ht_expect(&r, 400, NULL);
	ht_resp_free(&r);
	free(body);
	/* None of these imported anything. */
	assert_int_equal(ht_audit_count(&T, "directory.import", "allowed"),
	    imports);
}

/* One byte over the upload limit is refused before anything else. */
static void
test_upload_limit(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	char		*body;

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	body = wb_xmalloc(WB_MAX_UPLOAD + 1);
	memset(body, 'x', WB_MAX_UPLOAD + 1);
	ht_request_ct(&T, "POST", "/beheer/import", MP, body,
	    WB_MAX_UPLOAD + 1, u.cookie, NULL, &r);
	ht_expect(&r, 400, NULL);
	ht_resp_free(&r);
	free(body);
}

static void
test_export(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	char		 day[16], want[128];
	char		*h;
	int64_t		 reads;

	(void)state;
	wb_date_iso(wb_today(), day, sizeof(day));
	ht_login(&T, "admin@t.example", &u);
	ht_get(&T, &u, "/export/organisaties.csv", &r);
	ht_expect(&r, 200, NULL);
	h = ht_header(&r, "Content-Type");
	assert_string_equal(h, "text/csv; charset=utf-8");
	free(h);
	h = ht_header(&r, "Content-Disposition");
	snprintf(want, sizeof(want), "attachment; filename=\""
	    "werkbrug-organisaties-%s.csv\"", day);
	assert_string_equal(h, want);
	free(h);
	assert_memory_equal(r.body, "\xef\xbb\xbf" "code;name;type;regions;",
	    26);
	assert_non_null(strstr(r.body, "\r\nGGZ-T;GGZ-T;ggz;AM27;;;;;;\r\n"));
	assert_non_null(strstr(r.body, "\r\nUWV-T;"));
	ht_resp_free(&r);

	/* A coordinator gets their own region unless they ask for another;
	 * the read of the contact points is audited. */
	reads = ht_audit_count(&T, "contactpoint.export", "allowed");
	ht_login(&T, "coord@t.example", &u);
	ht_get(&T, &u, "/export/contactpunten.csv", &r);
	ht_expect(&r, 200, NULL);
	h = ht_header(&r, "Content-Disposition");
	snprintf(want, sizeof(want), "attachment; filename=\""
	    "werkbrug-contactpunten-AM27-%s.csv\"", day);
	assert_string_equal(h, want);
	free(h);
	assert_non_null(strstr(r.body, "organisation;region;domain;name;"));
	ht_resp_free(&r);
	assert_int_equal(ht_audit_count(&T, "contactpoint.export", "allowed"),
	    reads + 1);
	ht_get(&T, &u, "/export/organisaties.csv?regio=AM01", &r);
	ht_expect(&r, 200, "\r\nUWV-T;");
	assert_null(strstr(r.body, "\r\nGGZ-T;"));
	ht_resp_free(&r);
	ht_get_expect(&T, &u, "/export/organisaties.csv?regio=AM04", 404, NULL);
	ht_get_expect(&T, &u, "/export/organisaties.csv?regio=27", 400, NULL);
	ht_get_expect(&T, &u, "/export/organisaties.csv?land=NL", 400, NULL);

	ht_login(&T, "prof@t.example", &u);
	ht_get(&T, &u, "/export/contactpunten.csv", &r);
	ht_expect(&r, 403, NULL);
	assert_null(strstr(r.body, "organisation;region"));
	ht_resp_free(&r);
	assert_true(ht_audit_count(&T, "directory.export", "denied") >= 1);
}

/* What an export gives, an import takes back without changes. */
static void
test_round_trip(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	char		*csv;

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	upload(&u, "contactpunten", "organisation;region;domain;name;"
	    "function;phone;deputy_name;deputy_function;deputy_email\r\n"
	    "GGZ-T;AM27;ggz;Petra;casemanager;06 1;Karim;behandelaar;"
	    "k@ggz.example\r\n", &r);
	ht_expect(&r, 200, NULL);
	ht_resp_free(&r);
	ht_get(&T, &u, "/export/contactpunten.csv", &r);
	ht_expect(&r, 200, "\r\nGGZ-T;AM27;ggz;Petra;casemanager;"
	    "06 1;;;Karim;behandelaar;;k@ggz.example;");
	csv = r.body;
	r.body = NULL;
	ht_resp_free(&r);
	upload(&u, "contactpunten", csv, &r);
	ht_expect(&r, 200, "0 nieuw, 0 gewijzigd");
	ht_resp_free(&r);
	free(csv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form),
		cmocka_unit_test(test_import_admin),
		cmocka_unit_test(test_import_professional),
		cmocka_unit_test(test_import_coordinator),
		cmocka_unit_test(test_import_csrf),
		cmocka_unit_test(test_import_report),
		cmocka_unit_test(test_import_bad_params),
		cmocka_unit_test(test_upload_limit),
		cmocka_unit_test(test_export),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}
