/* test_directory_csv.c - CSV import and export of the directory: good
 * files (';' and ',', with and without BOM), every row error, all or
 * nothing (one bad row, a failure half way), re-import of an export,
 * the formula guard, coordinators' regions and refusals.
 *
 * Every test gets a fresh SQLite database with the regions loaded; the
 * clock is fixed at 25-11-2026 12:00 UTC with WB_NOW. */
#include "dbtest.h"

#include "base/common.h"
#include "base/buf.h"
#include "base/limits.h"
#include "base/time.h"
#include "domain/card.h"
#include "domain/contact_point.h"
#include "io/directory_csv.h"

struct fx {
	struct dbt	 t;
	struct wb_import_report rep;
	struct wb_dir_counts counts;
	struct wb_err	 err;
};

static const struct wb_actor admin = { .role = WB_ROLE_ADMIN,
    .address = "test", .via = "test" };
static const struct wb_actor coord = { .role = WB_ROLE_COORDINATOR,
    .region_code = "AM27", .address = "test", .via = "test" };
static const struct wb_actor prof = { .role = WB_ROLE_PROFESSIONAL,
    .address = "test", .via = "test" };

#define ORG_HEADER "code;name;type;regions;municipality;agb;kvk;phone;" \
	"email;website\r\n"
#define CP_HEADER "organisation;region;domain;name;function;phone;email;" \
	"availability;deputy_name;deputy_function;deputy_phone;" \
	"deputy_email;valid_from\r\n"

/* Three organisations: a label as type, a lower-case region. */
static const char orgs_semi[] = ORG_HEADER
    "GGZ-OOST;GGZ Oost;ggz;AM27 AM28;;12345678;;073 123 4567;"
    "info@ggzoost.example;https://ggzoost.example\r\n"
    "GM-BOXTEL;Gemeente Boxtel;gemeente;AM27;GM0757;;87654321;;;\r\n"
    "UWV-DB;UWV Den Bosch;UWV-vestiging;am27;;;;+31 88 898 9292;;\r\n";

static int
setup(void **state)
{
	struct fx	*f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	dbt_set_now(wb_days_from_civil(2026, 11, 25) * 86400 + 43200);
	dbt_open(&f->t, true);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;

	dbt_close(&f->t);
	free(f);
	return 0;
}

#define IMP(f, actor, kind, s)	imp(f, actor, kind, s, strlen(s))

static int
imp(struct fx *f, const struct wb_actor *actor, enum wb_dir_kind kind,
    const char *text, size_t n)
{
	return wb_dir_import(f->t.db, actor, kind, text, n, &f->t.a, &f->rep,
	    &f->counts, &f->err);
}

/* Import that must succeed. */
static void
imp_ok(struct fx *f, const struct wb_actor *actor, enum wb_dir_kind kind,
    const char *text)
{
	size_t	i;
	int	rc = imp(f, actor, kind, text, strlen(text));

	if (rc != 0) {
		for (i = 0; i < f->rep.nerrors && i < WB_DIR_MAX_REPORTED; i++)
			print_error("regel %zu: %s\n", f->rep.errors[i].line,
			    f->rep.errors[i].message);
		fail_msg("import: %d %s", rc, f->err.msg);
	}
}

/* True when the report has a problem on `line` containing `text`. */
static bool
has_error(const struct fx *f, size_t line, const char *text)
{
	size_t	i;

	for (i = 0; i < f->rep.nerrors && i < WB_DIR_MAX_REPORTED; i++)
		if (f->rep.errors[i].line == line &&
		    strstr(f->rep.errors[i].message, text) != NULL)
			return true;
	return false;
}

static void
expect_error(const struct fx *f, size_t line, const char *text)
{
	size_t	i;

	if (has_error(f, line, text))
		return;
	for (i = 0; i < f->rep.nerrors && i < WB_DIR_MAX_REPORTED; i++)
		print_error("  regel %zu: %s\n", f->rep.errors[i].line,
		    f->rep.errors[i].message);
	fail_msg("no error on line %zu with '%s'", line, text);
}

/* The organisation with `code`; fails the test when there is none. */
static struct wb_org
get_org(struct fx *f, const char *code)
{
	struct wb_org	o;

	if (wb_org_get_code(f->t.db, code, &f->t.a, &o, &f->err) != 0)
		fail_msg("no organisation %s", code);
	return o;
}

/* The export of `kind` as a NUL-terminated string in f's arena. */
static const char *
export(struct fx *f, const struct wb_actor *actor, enum wb_dir_kind kind,
    const char *region, const char **used)
{
	struct wb_buf	 b;
	const char	*u, *s;

	wb_buf_init(&b, WB_MAX_PAGE);
	if (wb_dir_export(f->t.db, actor, kind, region, &f->t.a, &b,
	    used ? used : &u, &f->err) != 0)
		fail_msg("export: %s", f->err.msg);
	s = wb_arena_strndup(&f->t.a, b.p, b.n);
	wb_buf_free(&b);
	return s;
}

/* The current contact points of a region (system actor). */
static size_t
cps_of(struct fx *f, const char *region, struct wb_cp **out)
{
	struct wb_actor	sys = wb_actor_system();
	size_t		n;

	assert_int_equal(wb_cp_all_current(f->t.db, &sys, region, &f->t.a, out,
	    &n, &f->err), 0);
	return n;
}

/* -- organisations ------------------------------------------------- */

static void
test_orgs_semicolon(void **state)
{
	struct fx	*f = *state;
	struct wb_org	 o;

	imp_ok(f, &admin, WB_DIR_ORGS, orgs_semi);
	assert_int_equal(f->rep.rows, 3);
	assert_int_equal(f->counts.created, 3);
	assert_int_equal(f->counts.updated, 0);
	assert_int_equal(f->rep.added, 3);
	o = get_org(f, "GGZ-OOST");
	assert_string_equal(o.name, "GGZ Oost");
	assert_string_equal(o.type, "ggz");
	assert_int_equal(o.nregions, 2);
	assert_string_equal(o.regions[0], "AM27");
	assert_string_equal(o.regions[1], "AM28");
	assert_string_equal(o.agb, "12345678");
	assert_string_equal(o.website, "https://ggzoost.example");
	o = get_org(f, "GM-BOXTEL");
	assert_string_equal(o.municipality_code, "GM0757");
	o = get_org(f, "UWV-DB");
	assert_string_equal(o.type, "uwv");		/* from the label */
	assert_string_equal(o.regions[0], "AM27");	/* from am27 */
	assert_string_equal(o.phone, "+31 88 898 9292");
	/* Each change is audited, plus one summary. */
	assert_int_equal(dbt_audit_count(&f->t,
	    "organisation.create", "allowed"), 3);
	assert_int_equal(dbt_audit_count(&f->t,
	    "directory.import", "allowed"), 1);
}

static void
test_orgs_comma_bom(void **state)
{
	static const char file[] = "\xef\xbb\xbf" "Code,NAME, Type ,regions\n"
	    "WG-1,\"Bakkerij de Korenschoof, Oss\",werkgever,AM27\n"
	    "ZV-1,\"Zorgverzekeraar \"\"Noord\"\"\",zorgverzekeraar,"
	    "AM01 AM27\n";
	struct fx	*f = *state;
	struct wb_org	 o;

	imp_ok(f, &admin, WB_DIR_ORGS, file);
	assert_int_equal(f->counts.created, 2);
	o = get_org(f, "WG-1");
	assert_string_equal(o.name, "Bakkerij de Korenschoof, Oss");
	o = get_org(f, "ZV-1");
	assert_string_equal(o.name, "Zorgverzekeraar \"Noord\"");
	assert_int_equal(o.nregions, 2);
	/* Without BOM, with CRLF, the same file reads the same. */
	imp_ok(f, &admin, WB_DIR_ORGS, "code,name,type,regions\r\n"
	    "WG-1,\"Bakkerij de Korenschoof, Oss\",werkgever,AM27\r\n");
	assert_int_equal(f->counts.unchanged, 1);
	assert_int_equal(f->counts.created + f->counts.updated, 0);
}

/* Upsert by code; an absent column keeps what is stored, an empty one
 * clears it. */
static void
test_orgs_update(void **state)
{
	struct fx	*f = *state;
	struct wb_org	 o;
	int64_t		 updates;

	imp_ok(f, &admin, WB_DIR_ORGS, orgs_semi);
	updates = dbt_audit_count(&f->t, "organisation.update", "allowed");
	imp_ok(f, &admin, WB_DIR_ORGS, "code;name;type;regions\r\n"
	    "GGZ-OOST;GGZ Oost Brabant;ggz;AM27\r\n"
	    "UWV-DB;UWV Den Bosch;uwv;AM27\r\n");
	assert_int_equal(f->counts.updated, 1);
	assert_int_equal(f->counts.unchanged, 1);
	assert_int_equal(dbt_audit_count(&f->t, "organisation.update",
	    "allowed"), updates + 1);
	o = get_org(f, "GGZ-OOST");
	assert_string_equal(o.name, "GGZ Oost Brabant");
	assert_int_equal(o.nregions, 1);
	assert_string_equal(o.agb, "12345678");		/* kept */
	assert_string_equal(o.email, "info@ggzoost.example");
	imp_ok(f, &admin, WB_DIR_ORGS, "code;name;type;regions;agb\r\n"
	    "GGZ-OOST;GGZ Oost Brabant;ggz;AM27;\r\n");
	o = get_org(f, "GGZ-OOST");
	assert_null(o.agb);				/* cleared */
	assert_string_equal(o.email, "info@ggzoost.example");
}

/* Every kind of row error, each on its own line; nothing is written. */
static void
test_orgs_row_errors(void **state)
{
	static const char file[] = ORG_HEADER
	    ";Zonder code;ggz;AM27;;;;;;\r\n"			/* 2 */
	    "a b;Spatie;ggz;AM27;;;;;;\r\n"			/* 3 */
	    "NONAME;;ggz;AM27;;;;;;\r\n"			/* 4 */
	    "T;Ziekenhuis;ziekenhuis;AM27;;;;;;\r\n"		/* 5 */
	    "R1;Regio;ggz;AM7;;;;;;\r\n"			/* 6 */
	    "R2;Geen regio;ggz;;;;;;;\r\n"			/* 7 */
	    "R3;Dubbel;ggz;AM27 AM27;;;;;;\r\n"			/* 8 */
	    "R4;Onbekend;ggz;AM04;;;;;;\r\n"			/* 9 */
	    "M1;Geen gemeente;ggz;AM27;GM0757;;;;;\r\n"		/* 10 */
	    "M2;Gemeente;gemeente;AM27;GM12;;;;;\r\n"		/* 11 */
	    "M3;Gemeente;gemeente;AM27;GM9999;;;;;\r\n"		/* 12 */
	    "A1;Agb;ggz;AM27;;1234;;;;\r\n"			/* 13 */
	    "K1;Kvk;ggz;AM27;;;abcdefgh;;;\r\n"			/* 14 */
	    "P1;Telefoon;ggz;AM27;;;;06-abc;;\r\n"		/* 15 */
	    "E1;Mail;ggz;AM27;;;;;geen-email;\r\n"		/* 16 */
	    "W1;Web;ggz;AM27;;;;;;http://w.example\r\n"		/* 17 */
	    "DUP;Eerste;ggz;AM27;;;;;;\r\n"			/* 18 */
	    "DUP;Tweede;ggz;AM27;;;;;;\r\n"			/* 19 */
	    "X;Y\r\n"						/* 20 */
	    "N1;\"Twee\nregels\";ggz;AM27;;;;;;\r\n"		/* 21-22 */
	    "GOOD;Goed;overig;AM27;;;;;;\r\n";			/* 23 */
	struct fx	*f = *state;
	int64_t		 before = dbt_org_count(&f->t);
	int64_t		 imports = dbt_audit_count(&f->t,
	    "directory.import", NULL);

	assert_int_equal(imp(f, &admin, WB_DIR_ORGS, file, strlen(file)),
	    WB_EINVAL);
	expect_error(f, 2, "de code ontbreekt");
	expect_error(f, 3, "code 'a b' mag alleen letters");
	expect_error(f, 4, "de naam ontbreekt");
	expect_error(f, 5, "soort 'ziekenhuis' bestaat niet");
	expect_error(f, 6, "regio 'AM7' is geen regiocode");
	expect_error(f, 7, "vul ten minste één regio in");
	expect_error(f, 8, "regio AM27 staat er twee keer in");
	expect_error(f, 9, "regio AM04 bestaat niet");
	expect_error(f, 10, "alleen een gemeente hoort bij een gemeentecode");
	expect_error(f, 11, "gemeentecode 'GM12' is geen GMnnnn");
	expect_error(f, 12, "gemeente GM9999 bestaat niet");
	expect_error(f, 13, "AGB-code bestaat uit 8 cijfers");
	expect_error(f, 14, "KvK-nummer bestaat uit 8 cijfers");
	expect_error(f, 15, "telefoonnummer '06-abc'");
	expect_error(f, 16, "e-mailadres 'geen-email' is niet geldig");
	expect_error(f, 17, "een website begint met https://");
	expect_error(f, 19, "organisatie DUP staat ook op regel 18");
	expect_error(f, 20, "verwacht 10 kolommen, gevonden 2");
	expect_error(f, 21, "regelovergang");
	assert_false(has_error(f, 18, ""));
	assert_false(has_error(f, 23, ""));
	assert_int_equal(f->rep.nerrors, 19);
	assert_int_equal(f->rep.rows, 21);
	assert_true(strstr(f->err.msg, "niets ingelezen") != NULL);
	/* Nothing was written: not even the good rows. */
	assert_int_equal(dbt_org_count(&f->t), before);
	assert_false(dbt_org_exists(&f->t, "GOOD"));
	assert_false(dbt_org_exists(&f->t, "DUP"));
	assert_int_equal(f->counts.created, 0);
	assert_int_equal(dbt_audit_count(&f->t,
	    "directory.import", NULL), imports);
}

/* One bad row among good ones: nothing at all is imported. */
static void
test_one_bad_row(void **state)
{
	static const char file[] = ORG_HEADER
	    "OK-1;Een;ggz;AM27;;;;;;\r\n"
	    "OK-2;Twee;uwv;AM27;;;;;;\r\n"
	    "BAD;Drie;ggz;AM27;;123;;;;\r\n"
	    "OK-3;Vier;overig;AM01;;;;;;\r\n";
	struct fx	*f = *state;

	imp_ok(f, &admin, WB_DIR_ORGS, orgs_semi);
	assert_int_equal(imp(f, &admin, WB_DIR_ORGS, file, strlen(file)),
	    WB_EINVAL);
	assert_int_equal(f->rep.nerrors, 1);
	expect_error(f, 4, "AGB-code");
	assert_int_equal(dbt_org_count(&f->t), 3);
	assert_false(dbt_org_exists(&f->t, "OK-1"));
	assert_false(dbt_org_exists(&f->t, "OK-3"));
}

/* Header problems stop before the rows are read. */
static void
test_header_errors(void **state)
{
	struct fx	*f = *state;

	assert_int_equal(IMP(f, &admin, WB_DIR_ORGS, "code;name;type\r\n"
	    "A;B;ggz\r\n"), WB_EINVAL);
	expect_error(f, 1, "kolom regions ontbreekt in de kopregel");

	assert_int_equal(IMP(f, &admin, WB_DIR_ORGS,
	    "code;name;type;regions;fax\r\n"), WB_EINVAL);
	expect_error(f, 1, "onbekende kolom 'fax'");

	assert_int_equal(IMP(f, &admin, WB_DIR_ORGS,
	    "code;name;type;regions;Name\r\n"), WB_EINVAL);
	expect_error(f, 1, "kolom name staat twee keer");

	assert_int_equal(IMP(f, &admin, WB_DIR_ORGS,
	    "code;name;type;regions\r\n"), WB_EINVAL);
	expect_error(f, 1, "alleen een kopregel");

	/* A contact-point file chosen as organisations says so. */
	assert_int_equal(imp(f, &admin, WB_DIR_ORGS, CP_HEADER,
	    strlen(CP_HEADER)), WB_EINVAL);
	expect_error(f, 1, "dit lijkt een bestand met contactpunten");
	assert_int_equal(imp(f, &admin, WB_DIR_CPS, ORG_HEADER,
	    strlen(ORG_HEADER)), WB_EINVAL);
	expect_error(f, 1, "dit lijkt een bestand met organisaties");

	/* What the CSV reader refuses comes through with its line. */
	assert_int_equal(IMP(f, &admin, WB_DIR_ORGS, ""), WB_EINVAL);
	expect_error(f, 0, "het bestand is leeg");
	assert_int_equal(IMP(f, &admin, WB_DIR_ORGS,
	    "code;name;type;regions\r\nA;\"B;ggz;AM27\r\n"), WB_EINVAL);
	expect_error(f, 0, "regel 2");
	assert_int_equal(dbt_org_count(&f->t), 0);
}

/* More problems than the report keeps: all are counted. */
static void
test_many_errors(void **state)
{
	struct fx	*f = *state;
	struct wb_buf	 b;
	size_t		 i;

	wb_buf_init(&b, WB_MAX_UPLOAD);
	wb_buf_puts(&b, ORG_HEADER);
	for (i = 0; i < 150; i++)
		wb_buf_printf(&b, "X%zu;;ggz;AM27;;;;;;\r\n", i);
	assert_int_equal(imp(f, &admin, WB_DIR_ORGS, b.p, b.n), WB_EINVAL);
	assert_int_equal(f->rep.nerrors, 150);
	expect_error(f, 2, "de naam ontbreekt");
	expect_error(f, 1 + WB_DIR_MAX_REPORTED, "de naam ontbreekt");
	wb_buf_free(&b);
}

/* An export reads back without any change. */
static void
test_orgs_reexport_noop(void **state)
{
	struct fx	*f = *state;
	const char	*csv;
	int64_t		 updates, creates;

	imp_ok(f, &admin, WB_DIR_ORGS, orgs_semi);
	csv = export(f, &admin, WB_DIR_ORGS, NULL, NULL);
	assert_memory_equal(csv, "\xef\xbb\xbf" "code;name;type;regions;"
	    "municipality;agb;kvk;phone;email;website\r\n", 3 + 65);
	assert_non_null(strstr(csv, "\r\nGGZ-OOST;GGZ Oost;ggz;AM27 AM28;;"
	    "12345678;;073 123 4567;info@ggzoost.example;"
	    "https://ggzoost.example\r\n"));
	updates = dbt_audit_count(&f->t, "organisation.update", NULL);
	creates = dbt_audit_count(&f->t, "organisation.create", NULL);
	imp_ok(f, &admin, WB_DIR_ORGS, csv);
	assert_int_equal(f->counts.unchanged, 3);
	assert_int_equal(f->counts.created, 0);
	assert_int_equal(f->counts.updated, 0);
	assert_int_equal(dbt_audit_count(&f->t, "organisation.update", NULL),
	    updates);
	assert_int_equal(dbt_audit_count(&f->t, "organisation.create", NULL),
	    creates);
}

/* A cell a spreadsheet would run as a formula gets an apostrophe on
 * export, and loses it again on import. */
static void
test_formula_guard(void **state)
{
	static const char file[] = ORG_HEADER
	    "EVIL;\"=HYPERLINK(\"\"https://evil.example\"\",\"\"klik\"\")\";"
	    "overig;AM27;;;;+31 6 1234;;\r\n"
	    "AT;@home;overig;AM27;;;;;;\r\n";
	struct fx	*f = *state;
	struct wb_org	 o;
	const char	*csv;

	imp_ok(f, &admin, WB_DIR_ORGS, file);
	o = get_org(f, "EVIL");
	assert_string_equal(o.name,
	    "=HYPERLINK(\"https://evil.example\",\"klik\")");
	csv = export(f, &admin, WB_DIR_ORGS, NULL, NULL);
	assert_non_null(strstr(csv, "\r\nEVIL;\"'=HYPERLINK(\"\"https://"
	    "evil.example\"\",\"\"klik\"\")\";overig;AM27;;;;'+31 6 1234;;"
	    "\r\n"));
	assert_non_null(strstr(csv, "\r\nAT;'@home;"));
	assert_null(strstr(csv, ";=HYPERLINK"));
	assert_null(strstr(csv, "\"=HYPERLINK"));
	imp_ok(f, &admin, WB_DIR_ORGS, csv);
	assert_int_equal(f->counts.unchanged, 2);
	o = get_org(f, "EVIL");
	assert_string_equal(o.name,
	    "=HYPERLINK(\"https://evil.example\",\"klik\")");
	assert_string_equal(o.phone, "+31 6 1234");
}

/* A failure half way rolls back the rows before it. */
static void
test_rollback_half_way(void **state)
{
	static const char file[] = ORG_HEADER
	    "FIRST;Eerste;ggz;AM27;;;;;;\r\n"
	    "BOOM;Tweede;ggz;AM27;;;;;;\r\n";
	struct fx	*f = *state;
	int64_t		 creates = dbt_audit_count(&f->t,
	    "organisation.create", NULL);

	/* A refusal by the database (constraint): a row error.  (SQLite:
	 * a temporary trigger; PostgreSQL has none, but the database is
	 * the test's own.) */
	assert_int_equal(wb_db_exec_script(f->t.db, dbt_pg() ?
	    "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ "
	    "BEGIN IF NEW.code = 'BOOM' THEN RAISE EXCEPTION 'boom' USING "
	    "ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$; "
	    "CREATE TRIGGER boom BEFORE INSERT ON organisation FOR EACH ROW "
	    "EXECUTE FUNCTION boom()" :
	    "CREATE TEMP TRIGGER boom "
	    "BEFORE INSERT ON organisation WHEN NEW.code = 'BOOM' BEGIN "
	    "SELECT RAISE(ABORT, 'boom'); END", &f->err), 0);
	assert_int_equal(imp(f, &admin, WB_DIR_ORGS, file, strlen(file)),
	    WB_EINVAL);
	expect_error(f, 3, "intussen gewijzigd");
	assert_false(dbt_org_exists(&f->t, "FIRST"));
	assert_int_equal(f->counts.created, 0);
	assert_int_equal(dbt_audit_count(&f->t, "organisation.create", NULL),
	    creates);
	assert_false(wb_db_in_tx(f->t.db));

	/* A database failure: reported as such, also rolled back. */
	assert_int_equal(wb_db_exec_script(f->t.db, dbt_pg() ?
	    "CREATE OR REPLACE FUNCTION boom() RETURNS trigger LANGUAGE "
	    "plpgsql AS $$ BEGIN IF NEW.code = 'BOOM' THEN RAISE EXCEPTION "
	    "'boom'; END IF; RETURN NEW; END $$" :
	    "DROP TRIGGER temp.boom; "
	    "CREATE TEMP TABLE gone (x INTEGER); "
	    "CREATE TEMP TRIGGER boom BEFORE INSERT ON organisation WHEN "
	    "NEW.code = 'BOOM' BEGIN INSERT INTO gone VALUES (1); END; "
	    "DROP TABLE temp.gone", &f->err), 0);
	assert_int_equal(imp(f, &admin, WB_DIR_ORGS, file, strlen(file)),
	    WB_EDB);
	assert_false(dbt_org_exists(&f->t, "FIRST"));
	assert_false(wb_db_in_tx(f->t.db));
	assert_int_equal(dbt_audit_count(&f->t, "organisation.create", NULL),
	    creates);
}

/* -- contact points ------------------------------------------------ */

static const char cps_file[] = CP_HEADER
    "GGZ-OOST;AM27;ggz;Petra de Vries;ips-trajectbegeleider;06 1234 5678;"
    "p.devries@ggzoost.example;\"ma-do\n9-17 uur\";Karim El Amrani;"
    "casemanager;06 8765 4321;;01-11-2026\r\n"
    "GGZ-OOST;AM28;GGZ;Petra de Vries;;;;;;;;;2026-11-01\r\n"
    "UWV-DB;AM27;uwv;Anna Arbeid;Arbeidsdeskundige;088 123;;;;;;;\r\n";

static void
test_cps_import(void **state)
{
	struct fx	*f = *state;
	struct wb_cp	*cps;
	struct wb_card	*cards;
	struct wb_org	 o;
	size_t		 n, i;

	imp_ok(f, &admin, WB_DIR_ORGS, orgs_semi);
	imp_ok(f, &admin, WB_DIR_CPS, cps_file);
	assert_int_equal(f->counts.created, 3);
	assert_int_equal(f->counts.cards, 3);
	n = cps_of(f, "AM27", &cps);
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++) {
		if (strcmp(cps[i].domain, "ggz") == 0) {
			assert_string_equal(cps[i].person.name,
			    "Petra de Vries");
			assert_string_equal(cps[i].person.availability,
			    "ma-do\n9-17 uur");
			assert_string_equal(cps[i].deputy.name,
			    "Karim El Amrani");
			assert_int_equal(cps[i].valid_from,
			    wb_days_from_civil(2026, 11, 1));
		} else {
			assert_string_equal(cps[i].person.name, "Anna Arbeid");
			assert_string_equal(cps[i].person.function,
			    "arbeidsdeskundige");
			assert_null(cps[i].deputy.name);
			assert_int_equal(cps[i].valid_from, wb_today());
		}
	}
	/* Petra is one card, used in two regions. */
	o = get_org(f, "GGZ-OOST");
	assert_int_equal(wb_card_list_org(f->t.db, o.id, &f->t.a, &cards, &n,
	    &f->err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(cps_of(f, "AM28", &cps), 1);
	assert_string_equal(cps[0].person.name, "Petra de Vries");
	assert_int_equal(dbt_audit_count(&f->t,
	    "contactpoint.set", "allowed"), 3);
	assert_int_equal(dbt_audit_count(&f->t, "card.create", "allowed"), 3);
}

/* Export, import: no change; a new person from a later date replaces
 * the contact point and keeps history; an earlier date is refused. */
static void
test_cps_reexport_and_replace(void **state)
{
	struct fx	*f = *state;
	struct wb_actor	 sys = wb_actor_system();
	struct wb_cp	*cps;
	struct wb_org	 o;
	const char	*csv;
	size_t		 n;
	int64_t		 sets;

	imp_ok(f, &admin, WB_DIR_ORGS, orgs_semi);
	imp_ok(f, &admin, WB_DIR_CPS, cps_file);
	csv = export(f, &admin, WB_DIR_CPS, NULL, NULL);
	assert_non_null(strstr(csv, "\xef\xbb\xbf" CP_HEADER));
	assert_non_null(strstr(csv, "\r\nGGZ-OOST;AM27;ggz;Petra de Vries;"
	    "ips-trajectbegeleider;06 1234 5678;p.devries@ggzoost.example;"
	    "\"ma-do\n9-17 uur\";Karim El Amrani;casemanager;06 8765 4321;;"
	    "01-11-2026\r\n"));
	sets = dbt_audit_count(&f->t, "contactpoint.set", NULL);
	imp_ok(f, &admin, WB_DIR_CPS, csv);
	assert_int_equal(f->counts.unchanged, 3);
	assert_int_equal(f->counts.created + f->counts.updated, 0);
	assert_int_equal(f->counts.cards, 0);
	assert_int_equal(dbt_audit_count(&f->t,
	    "contactpoint.set", NULL), sets);

	/* Someone else from tomorrow. */
	imp_ok(f, &admin, WB_DIR_CPS, CP_HEADER
	    "UWV-DB;AM27;uwv;Bert Nieuw;jobcoach;088 456;;;;;;;26-11-2026\r\n");
	assert_int_equal(f->counts.updated, 1);
	assert_int_equal(f->counts.cards, 1);
	o = get_org(f, "UWV-DB");
	assert_int_equal(wb_cp_by_org(f->t.db, &sys, o.id, true, &f->t.a, &cps,
	    &n, &f->err), 0);
	assert_int_equal(n, 2);				/* history kept */

	/* Not from a date on or before the current one's start. */
	assert_int_equal(IMP(f, &admin, WB_DIR_CPS, CP_HEADER
	    "GGZ-OOST;AM27;ggz;Carla;jobcoach;088;;;;;;;01-11-2026\r\n"),
	    WB_EINVAL);
	expect_error(f, 2, "het huidige contactpunt geldt vanaf 01-11-2026");

	/* Without deputy columns the deputy stays. */
	imp_ok(f, &admin, WB_DIR_CPS, "organisation;region;domain;name\r\n"
	    "GGZ-OOST;AM27;ggz;Petra de Vries\r\n");
	assert_int_equal(f->counts.unchanged, 1);
}

static void
test_cps_row_errors(void **state)
{
	static const char file[] = CP_HEADER
	    "NOPE;AM27;ggz;Jan;casemanager;06 1;;;;;;;\r\n"		/* 2 */
	    "GGZ-OOST;AM01;ggz;Jan;casemanager;06 1;;;;;;;\r\n"		/* 3 */
	    "GGZ-OOST;AM27;uwv;Jan;casemanager;06 1;;;;;;;\r\n"		/* 4 */
	    "GGZ-OOST;AM27;zorg;Jan;casemanager;06 1;;;;;;;\r\n"	/* 5 */
	    "GGZ-OOST;27;ggz;Jan;casemanager;06 1;;;;;;;\r\n"		/* 6 */
	    "GGZ-OOST;AM04;ggz;Jan;casemanager;06 1;;;;;;;\r\n"		/* 7 */
	    "GGZ-OOST;AM28;ggz;Nieuw;;06 1;;;;;;;\r\n"		/* 8 */
	    "GM-BOXTEL;AM27;gemeente;Geen;klantmanager;;;;;;;;\r\n"	/* 9 */
	    "GGZ-OOST;AM28;ggz;Jan;dokter;06 1;;;;;;;\r\n"		/* 10 */
	    "GGZ-OOST;AM27;ggz;Jan;casemanager;06 1;;;;;;;31-02-2026\r\n"/*11*/
	    "GGZ-OOST;AM27;ggz;Jan;casemanager;06 1;;;Jan;;;;\r\n"	/* 12 */
	    "GGZ-OOST;AM27;ggz;Jan;casemanager;06 1;;;;;06 2;;\r\n"	/* 13 */
	    "GGZ-OOST;AM27;ggz;;casemanager;06 1;;;;;;;\r\n"		/* 14 */
	    "GGZ-OOST;AM27;ggz;Jan;casemanager;06 1;x@;;;;;;\r\n"	/* 15 */
	    "UWV-DB;AM27;uwv;Anna;jobcoach;06 1;;;;;;;\r\n"		/* 16 */
	    "UWV-DB;AM27;UWV;Anna;jobcoach;06 1;;;;;;;\r\n";		/* 17 */
	struct fx	*f = *state;
	struct wb_cp	*cps;

	imp_ok(f, &admin, WB_DIR_ORGS, orgs_semi);
	assert_int_equal(imp(f, &admin, WB_DIR_CPS, file, strlen(file)),
	    WB_EINVAL);
	expect_error(f, 2, "organisatie NOPE bestaat niet");
	expect_error(f, 3, "organisatie GGZ-OOST werkt niet in regio AM01");
	expect_error(f, 4, "een GGZ-instelling kan geen contactpunt voor het "
	    "domein UWV zijn");
	expect_error(f, 5, "domein 'zorg' bestaat niet");
	expect_error(f, 6, "regio '27' is geen regiocode");
	expect_error(f, 7, "regio AM04 bestaat niet");
	expect_error(f, 8, "contactpersoon: vul de functie in; 'Nieuw' heeft "
	    "nog geen kaartje bij GGZ-OOST");
	expect_error(f, 9, "contactpersoon: Vul een telefoonnummer of een "
	    "e-mailadres in");
	expect_error(f, 10, "contactpersoon: functie 'dokter' bestaat niet");
	expect_error(f, 11, "datum '31-02-2026' (valid_from) is geen geldige");
	expect_error(f, 12, "de vervanger moet iemand anders zijn");
	expect_error(f, 13, "vul de naam van de vervanger in");
	expect_error(f, 14, "de naam van de contactpersoon ontbreekt");
	expect_error(f, 15, "contactpersoon: e-mailadres 'x@'");
	expect_error(f, 17, "contactpunt UWV-DB AM27 uwv staat ook op regel "
	    "16");
	assert_false(has_error(f, 16, ""));
	assert_int_equal(cps_of(f, NULL, &cps), 0);
	assert_int_equal(dbt_audit_count(&f->t, "card.create", NULL), 0);
}

/* -- access -------------------------------------------------------- */

static void
test_coordinator_region(void **state)
{
	static const char orgs[] = "code;name;type;regions\r\n"
	    "C-MINE;Eigen;ggz;AM27\r\n"
	    "C-BOTH;Beide;ggz;AM01 AM27\r\n"
	    "C-OTHER;Ander;ggz;AM01\r\n";
	struct fx	*f = *state;
	struct wb_cp	*cps;
	const char	*csv, *used = NULL;

	/* A coordinator may not put a new organisation in another region,
	 * not even next to their own. */
	assert_int_equal(imp(f, &coord, WB_DIR_ORGS, orgs, strlen(orgs)),
	    WB_EINVAL);
	expect_error(f, 3, "u mag alleen regio AM27 bijwerken");
	expect_error(f, 4, "u mag alleen regio AM27 bijwerken");
	assert_int_equal(f->rep.nerrors, 2);
	assert_int_equal(dbt_org_count(&f->t), 0);
	imp_ok(f, &coord, WB_DIR_ORGS, "code;name;type;regions\r\n"
	    "C-MINE;Eigen;ggz;AM27\r\n");
	assert_int_equal(f->counts.created, 1);
	/* An administrator may; the coordinator then edits it, but may not
	 * take AM01 away. */
	imp_ok(f, &admin, WB_DIR_ORGS, "code;name;type;regions\r\n"
	    "C-BOTH;Beide;ggz;AM01 AM27\r\n");
	imp_ok(f, &coord, WB_DIR_ORGS, "code;name;type;regions\r\n"
	    "C-BOTH;Beide bijgewerkt;ggz;AM01 AM27\r\n");
	assert_string_equal(get_org(f, "C-BOTH").name, "Beide bijgewerkt");
	assert_int_equal(IMP(f, &coord, WB_DIR_ORGS, "code;name;type;regions"
	    "\r\nC-BOTH;Beide;ggz;AM27\r\n"), WB_EINVAL);
	expect_error(f, 2, "u mag alleen regio AM27 bijwerken");

	/* An organisation outside the region stays out of reach. */
	imp_ok(f, &admin, WB_DIR_ORGS, orgs);
	assert_int_equal(IMP(f, &coord, WB_DIR_ORGS, "code;name;type;regions"
	    "\r\nC-OTHER;Overgenomen;ggz;AM01 AM27\r\n"), WB_EINVAL);
	expect_error(f, 2, "u mag alleen regio AM27 bijwerken");
	assert_string_equal(get_org(f, "C-OTHER").name, "Ander");

	/* Contact points of another region are refused. */
	assert_int_equal(IMP(f, &coord, WB_DIR_CPS, CP_HEADER
	    "C-BOTH;AM01;ggz;Jan;casemanager;06 1;;;;;;;\r\n"
	    "C-BOTH;AM27;ggz;Jan;casemanager;06 1;;;;;;;\r\n"), WB_EINVAL);
	expect_error(f, 2, "u mag alleen regio AM27 bijwerken");
	assert_false(has_error(f, 3, ""));
	assert_int_equal(cps_of(f, NULL, &cps), 0);
	imp_ok(f, &coord, WB_DIR_CPS, CP_HEADER
	    "C-BOTH;AM27;ggz;Jan;casemanager;06 1;;;;;;;\r\n");
	assert_int_equal(cps_of(f, "AM27", &cps), 1);

	/* Exports default to the own region; another may be asked for. */
	csv = export(f, &coord, WB_DIR_ORGS, NULL, &used);
	assert_string_equal(used, "AM27");
	assert_non_null(strstr(csv, "\r\nC-MINE;"));
	assert_non_null(strstr(csv, "\r\nC-BOTH;"));
	assert_null(strstr(csv, "C-OTHER"));
	csv = export(f, &coord, WB_DIR_ORGS, "AM01", &used);
	assert_string_equal(used, "AM01");
	assert_non_null(strstr(csv, "\r\nC-OTHER;"));
	assert_null(strstr(csv, "C-MINE"));
	csv = export(f, &admin, WB_DIR_ORGS, NULL, &used);
	assert_null(used);
	assert_non_null(strstr(csv, "C-OTHER"));
	assert_non_null(strstr(csv, "C-MINE"));
}

static void
test_denied(void **state)
{
	struct fx	*f = *state;
	struct wb_buf	 b;
	const char	*used;
	int64_t		 denied = dbt_audit_count(&f->t,
	    "directory.import", "denied");

	assert_int_equal(imp(f, &prof, WB_DIR_ORGS, orgs_semi,
	    strlen(orgs_semi)), WB_EDENIED);
	assert_int_equal(dbt_org_count(&f->t), 0);
	assert_int_equal(dbt_audit_count(&f->t, "directory.import", "denied"),
	    denied + 1);
	wb_buf_init(&b, WB_MAX_PAGE);
	assert_int_equal(wb_dir_export(f->t.db, &prof, WB_DIR_CPS, NULL,
	    &f->t.a, &b, &used, &f->err), WB_EDENIED);
	assert_int_equal(b.n, 0);
	assert_int_equal(dbt_audit_count(&f->t,
	    "directory.export", "denied"), 1);
	/* A coordinator without a region is no coordinator of anything. */
	{
		struct wb_actor lost = coord;

		lost.region_code = NULL;
		assert_int_equal(wb_dir_export(f->t.db, &lost, WB_DIR_ORGS,
		    NULL, &f->t.a, &b, &used, &f->err), WB_EDENIED);
	}
	/* An unknown region is not found. */
	assert_int_equal(wb_dir_export(f->t.db, &admin, WB_DIR_ORGS, "AM04",
	    &f->t.a, &b, &used, &f->err), WB_ENOTFOUND);
	wb_buf_free(&b);
}

/* Checking alone needs no database and writes nothing. */
static void
test_check_offline(void **state)
{
	struct fx	*f = *state;

	(void)f;
	assert_int_equal(wb_dir_check(NULL, NULL, WB_DIR_ORGS, orgs_semi,
	    strlen(orgs_semi), &f->t.a, &f->rep, &f->err), 0);
	assert_int_equal(f->rep.rows, 3);
	/* AM04 does not exist, but only the database knows that. */
#define TWO_ROWS ORG_HEADER "X;Y;ggz;AM04;;;;;;\r\nZ;;ggz;AM27;;;;;;\r\n"
	assert_int_equal(wb_dir_check(NULL, NULL, WB_DIR_ORGS, TWO_ROWS,
	    strlen(TWO_ROWS), &f->t.a, &f->rep, &f->err), WB_EINVAL);
#undef TWO_ROWS
	assert_int_equal(f->rep.nerrors, 1);
	expect_error(f, 3, "de naam ontbreekt");
	assert_int_equal(wb_dir_check(NULL, NULL, WB_DIR_CPS, cps_file,
	    strlen(cps_file), &f->t.a, &f->rep, &f->err), 0);
	assert_int_equal(wb_dir_check(f->t.db, &admin, WB_DIR_CPS, cps_file,
	    strlen(cps_file), &f->t.a, &f->rep, &f->err), WB_EINVAL);
	expect_error(f, 2, "organisatie GGZ-OOST bestaat niet");
	assert_int_equal(dbt_org_count(&f->t), 0);
}

static void
test_kind_names(void **state)
{
	enum wb_dir_kind	k;

	(void)state;
	assert_int_equal(wb_dir_kind_parse("organisaties", &k), 0);
	assert_int_equal(k, WB_DIR_ORGS);
	assert_int_equal(wb_dir_kind_parse("contactpunten", &k), 0);
	assert_int_equal(k, WB_DIR_CPS);
	assert_int_equal(wb_dir_kind_parse("Organisaties", &k), WB_EINVAL);
	assert_int_equal(wb_dir_kind_parse(NULL, &k), WB_EINVAL);
	assert_string_equal(wb_dir_kind_name(WB_DIR_CPS), "contactpunten");
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_orgs_semicolon),
		T(test_orgs_comma_bom),
		T(test_orgs_update),
		T(test_orgs_row_errors),
		T(test_one_bad_row),
		T(test_header_errors),
		T(test_many_errors),
		T(test_orgs_reexport_noop),
		T(test_formula_guard),
		T(test_rollback_half_way),
		T(test_cps_import),
		T(test_cps_reexport_and_replace),
		T(test_cps_row_errors),
		T(test_coordinator_region),
		T(test_denied),
		T(test_check_offline),
		cmocka_unit_test(test_kind_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
