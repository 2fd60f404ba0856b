/* test_region.c - regions, municipalities and the CBS import
 * (src/domain/region.c): the embedded table, idempotent re-import,
 * all-or-nothing on a bad row, and a newer year that moves and drops
 * municipalities without deleting them.
 */
#include "dbtest.h"

#include "base/common.h"

#define HEADER \
	"region_code,region_name,municipality_code,municipality_name\n"

static const struct wb_actor sys_actor = { .role = WB_ROLE_SYSTEM,
    .address = "cli", .via = "cli" };

static int
setup(void **state)
{
	unsetenv("WB_NOW");
	return dbt_setup(state);
}

static int
import(struct dbt *t, const char *data, size_t n, int64_t year,
    struct wb_import_report *rep)
{
	struct wb_err	err;

	wb_err_clear(&err);
	return wb_region_import(t->db, &sys_actor, data, n, year, &t->a, rep,
	    &err);
}

static void
import_embedded(struct dbt *t, struct wb_import_report *rep)
{
	const struct wb_asset	*csv = dbt_regions_csv();
	int			 rc;

	rc = import(t, csv->data, csv->len, 2026, rep);
	if (rc != 0)
		fail_msg("import: %d, %zu errors, first: %s", rc, rep->nerrors,
		    rep->nerrors ? rep->errors[0].message : "");
}

static void
check_counts(struct dbt *t, int64_t regions, int64_t municipalities)
{
	struct wb_err	err;
	int64_t		n = -1;

	assert_int_equal(wb_region_count(t->db, &n, &err), 0);
	assert_int_equal(n, regions);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM municipality "
	    "WHERE active = 1"), municipalities);
}

/* The embedded CBS table: 35 regions, 342 municipalities. */
static void
test_embedded(void **state)
{
	struct dbt		*t = *state;
	struct wb_import_report	 rep;
	struct wb_region	*regions = NULL, r;
	struct wb_municipality	 m, *ms = NULL;
	struct wb_err		 err;
	size_t			 n = 0, i;
	int64_t			 sum = 0;

	check_counts(t, 0, 0);
	import_embedded(t, &rep);
	assert_int_equal(rep.rows, 342);
	assert_int_equal(rep.added, 342);
	assert_int_equal(rep.nerrors, 0);
	check_counts(t, 35, 342);

	assert_int_equal(wb_region_list(t->db, &t->a, &regions, &n, &err), 0);
	assert_int_equal(n, 35);
	for (i = 0; i < n; i++) {
		sum += regions[i].municipalities;
		assert_int_equal(regions[i].year, 2026);
		if (i > 0)
			assert_true(strcmp(regions[i - 1].code,
			    regions[i].code) < 0);
	}
	assert_int_equal(sum, 342);
	assert_string_equal(regions[0].code, "AM01");
	assert_string_equal(regions[0].name, "Groningen");

	/* CBS numbering has gaps */
	assert_int_equal(wb_region_get(t->db, "AM04", &t->a, &r, &err),
	    WB_ENOTFOUND);
	assert_int_equal(wb_region_get(t->db, "AM16", &t->a, &r, &err),
	    WB_ENOTFOUND);
	assert_int_equal(wb_region_get(t->db, "AM31", &t->a, &r, &err),
	    WB_ENOTFOUND);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM region WHERE "
	    "code IN ('AM04', 'AM16', 'AM31')"), 0);
	assert_int_equal(wb_region_get(t->db, "AM27", &t->a, &r, &err), 0);
	assert_string_equal(r.name, "Noordoost-Brabant");

	assert_int_equal(wb_municipality_get(t->db, "GM0796", &t->a, &m, &err),
	    0);
	assert_string_equal(m.name, "'s-Hertogenbosch");
	assert_string_equal(m.region_code, "AM27");
	assert_string_equal(m.region_name, "Noordoost-Brabant");
	assert_int_equal(wb_municipality_get(t->db, "GM9999", &t->a, &m, &err),
	    WB_ENOTFOUND);

	assert_int_equal(wb_region_municipalities(t->db, "AM27", &t->a, &ms, &n,
	    &err), 0);
	assert_true(n > 1);
	for (i = 0; i < n && strcmp(ms[i].code, "GM0796") != 0; i++)
		;
	assert_true(i < n);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'regions.import'"), 1);
}

/* Importing the same file again changes nothing but the audit log. */
static void
test_reimport(void **state)
{
	struct dbt		*t = *state;
	struct wb_import_report	 rep;

	import_embedded(t, &rep);
	import_embedded(t, &rep);
	check_counts(t, 35, 342);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM region"), 35);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM municipality"), 342);
	assert_int_equal(dbt_int(t, "SELECT region_code = 'AM27' FROM "
	    "municipality WHERE code = 'GM0796'"), 1);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'regions.import'"), 2);
	assert_false(wb_db_in_tx(t->db));
}

/* A file with one bad row: nothing is imported, the report names the
 * line. */
struct bcase {
	const char	*what;
	const char	*file;
	size_t		 line;		/* first error */
};

#define GOOD3 \
	"AM01,Groningen,GM0014,Groningen\n" \
	"AM01,Groningen,GM0037,Stadskanaal\n" \
	"AM02,Friesland,GM0080,Leeuwarden\n"
#define TAIL	"AM02,Friesland,GM0086,Opsterland\n"

static char long_name_file[1024];

static const struct bcase bcases[] = {
	{ "short region code", HEADER GOOD3 "AM1,Groningen,GM0047,Veendam\n"
	    TAIL, 5 },
	{ "long region code", HEADER GOOD3 "AM001,Groningen,GM0047,Veendam\n"
	    TAIL, 5 },
	{ "lower-case region code", HEADER GOOD3
	    "am01,Groningen,GM0047,Veendam\n" TAIL, 5 },
	{ "letters in region code", HEADER GOOD3
	    "AMx1,Groningen,GM0047,Veendam\n" TAIL, 5 },
	{ "short municipality code", HEADER GOOD3
	    "AM01,Groningen,GM047,Veendam\n" TAIL, 5 },
	{ "bad municipality prefix", HEADER GOOD3
	    "AM01,Groningen,XX0047,Veendam\n" TAIL, 5 },
	{ "space in code", HEADER GOOD3 "AM01,Groningen,GM0047 ,Veendam\n"
	    TAIL, 5 },
	{ "duplicate municipality", HEADER GOOD3
	    "AM02,Friesland,GM0014,Groningen\n" TAIL, 5 },
	{ "missing column", HEADER GOOD3 "AM01,Groningen,GM0047\n" TAIL, 5 },
	{ "extra column", HEADER GOOD3 "AM01,Groningen,GM0047,Veendam,x\n"
	    TAIL, 5 },
	{ "region with two names", HEADER GOOD3
	    "AM01,Groningen-Oost,GM0047,Veendam\n" TAIL, 5 },
	{ "empty municipality name", HEADER GOOD3 "AM01,Groningen,GM0047,\n"
	    TAIL, 5 },
	{ "empty region name", HEADER GOOD3 "AM03,,GM0106,Assen\n" TAIL, 5 },
	{ "bad row first", HEADER "AM01,Groningen,GM00141,Groningen\n" GOOD3,
	    2 },
	{ "bad row last", HEADER GOOD3 TAIL
	    "AM02,Friesland,GM0086,Opsterland\n", 6 },
	{ "name too long", long_name_file, 3 },
	{ "header without municipality_name", "region_code,region_name,"
	    "municipality_code,naam\n" GOOD3, 1 },
	{ "header only", HEADER, 1 },
	{ "unterminated quote", HEADER GOOD3
	    "AM01,\"Groningen,GM0047,Veendam\n", 0 },
	{ "empty file", "", 0 },
};

static void
test_bad_rows(void **state)
{
	struct dbt		*t = *state;
	struct wb_import_report	 rep;
	char			*p;
	size_t			 i;

	p = long_name_file;
	p += snprintf(p, 200, "%s%s", HEADER,
	    "AM01,Groningen,GM0014,Groningen\n");
	p += snprintf(p, 100, "AM01,Groningen,GM0037,");
	memset(p, 'x', 201);
	memcpy(p + 201, "\n", 2);

	import_embedded(t, &rep);
	for (i = 0; i < WB_NELEM(bcases); i++) {
		const struct bcase	*c = &bcases[i];
		int			 rc;

		rc = import(t, c->file, strlen(c->file), 2027, &rep);
		if (rc != WB_EINVAL)
			fail_msg("%s: rc %d", c->what, rc);
		if (rep.nerrors < 1 || rep.errors == NULL)
			fail_msg("%s: no error reported", c->what);
		if (rep.errors[0].line != c->line)
			fail_msg("%s: line %zu, want %zu (%s)", c->what,
			    rep.errors[0].line, c->line,
			    rep.errors[0].message);
		if (rep.errors[0].message == NULL ||
		    rep.errors[0].message[0] == '\0')
			fail_msg("%s: no message", c->what);
		assert_int_equal(rep.added, 0);
		assert_false(wb_db_in_tx(t->db));
	}
	/* the error detail is optional (wb_err convention): a parse error
	 * with err == NULL still fills the report */
	assert_int_equal(wb_region_import(t->db, &sys_actor, "\"", 1, 2027,
	    &t->a, &rep, NULL), WB_EINVAL);
	assert_int_equal(rep.nerrors, 1);

	/* nothing changed: not the counts, not the year, no audit event */
	check_counts(t, 35, 342);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM region WHERE "
	    "year <> 2026"), 0);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM municipality WHERE "
	    "year <> 2026"), 0);
	assert_int_equal(dbt_int(t, "SELECT region_code = 'AM01' FROM "
	    "municipality WHERE code = 'GM0014'"), 1);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'regions.import'"), 1);
}

/* Every problem of a file is reported, not only the first. */
static void
test_all_errors_reported(void **state)
{
	struct dbt		*t = *state;
	struct wb_import_report	 rep;
	static const char	 file[] = HEADER
	    "AM1,Groningen,GM0014,Groningen\n"
	    "AM01,Groningen,GM0037,Stadskanaal\n"
	    "AM01,Groningen,GM0037,Stadskanaal\n"
	    "AM02,Friesland\n";

	assert_int_equal(import(t, file, strlen(file), 2026, &rep), WB_EINVAL);
	assert_int_equal(rep.nerrors, 3);
	assert_int_equal(rep.errors[0].line, 2);
	assert_int_equal(rep.errors[1].line, 4);
	assert_int_equal(rep.errors[2].line, 5);
	assert_int_equal(rep.rows, 4);
	check_counts(t, 0, 0);
}

/* A newer year: a municipality that moved is updated, one that
 * disappeared (and a region left empty) becomes inactive, not deleted. */
static void
test_newer_year(void **state)
{
	struct dbt		*t = *state;
	struct wb_import_report	 rep;
	struct wb_municipality	 m, *ms = NULL;
	struct wb_region	 r;
	struct wb_err		 err;
	size_t			 n = 0;
	static const char	 y2025[] = HEADER
	    "AM01,Groningen,GM0014,Groningen\n"
	    "AM01,Groningen,GM0037,Stadskanaal\n"
	    "AM02,Friesland,GM0080,Leeuwarden\n"
	    "AM03,Drenthe,GM0106,Assen\n";
	/* semicolons, CRLF and a BOM: the other CBS export style */
	static const char	 y2026[] = "\xef\xbb\xbf"
	    "region_code;region_name;municipality_code;municipality_name\r\n"
	    "AM01;Groningen;GM0014;Groningen\r\n"
	    "AM02;Friesland;GM0037;Stadskanaal\r\n"
	    "AM02;Friesland;GM0080;Leeuwarden\r\n";

	assert_int_equal(import(t, y2025, strlen(y2025), 2025, &rep), 0);
	check_counts(t, 3, 4);
	assert_int_equal(wb_municipality_get(t->db, "GM0037", &t->a, &m, &err),
	    0);
	assert_string_equal(m.region_code, "AM01");

	assert_int_equal(import(t, y2026, strlen(y2026), 2026, &rep), 0);
	assert_int_equal(rep.rows, 3);
	check_counts(t, 2, 3);

	/* moved */
	assert_int_equal(wb_municipality_get(t->db, "GM0037", &t->a, &m, &err),
	    0);
	assert_string_equal(m.region_code, "AM02");
	assert_string_equal(m.region_name, "Friesland");
	assert_int_equal(dbt_int(t, "SELECT year FROM municipality "
	    "WHERE code = 'GM0037'"), 2026);
	assert_int_equal(wb_region_municipalities(t->db, "AM01", &t->a, &ms,
	    &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ms[0].code, "GM0014");
	assert_int_equal(wb_region_municipalities(t->db, "AM02", &t->a, &ms,
	    &n, &err), 0);
	assert_int_equal(n, 2);

	/* disappeared: inactive, still there */
	assert_int_equal(wb_municipality_get(t->db, "GM0106", &t->a, &m, &err),
	    WB_ENOTFOUND);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM municipality "
	    "WHERE code = 'GM0106' AND active = 0 AND year = 2025 AND "
	    "region_code = 'AM03'"), 1);
	assert_int_equal(wb_region_get(t->db, "AM03", &t->a, &r, &err),
	    WB_ENOTFOUND);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM region "
	    "WHERE code = 'AM03' AND active = 0"), 1);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM municipality"), 4);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM region"), 3);

	/* and the older file brings it back */
	assert_int_equal(import(t, y2025, strlen(y2025), 2025, &rep), 0);
	check_counts(t, 3, 4);
	assert_int_equal(wb_municipality_get(t->db, "GM0106", &t->a, &m, &err),
	    0);
}

/* Only an administrator (or the system) imports; bad years are refused. */
static void
test_denied_and_year(void **state)
{
	struct dbt		*t = *state;
	struct wb_import_report	 rep;
	struct wb_actor		 coord = { .user_id = 3, .org_id = 1,
	    .role = WB_ROLE_COORDINATOR, .region_code = "AM01",
	    .address = "192.0.2.3", .via = "web" };
	struct wb_actor		 admin = { .user_id = 1, .org_id = 1,
	    .role = WB_ROLE_ADMIN, .address = "192.0.2.1", .via = "web" };
	struct wb_err		 err;
	static const char	 file[] = HEADER GOOD3;

	assert_int_equal(wb_region_import(t->db, &coord, file, strlen(file),
	    2026, &t->a, &rep, &err), WB_EDENIED);
	check_counts(t, 0, 0);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'regions.import' AND outcome = 'denied' AND "
	    "user_id = 3"), 1);
	assert_int_equal(import(t, file, strlen(file), 1999, &rep), WB_EINVAL);
	assert_int_equal(import(t, file, strlen(file), 2201, &rep), WB_EINVAL);
	check_counts(t, 0, 0);
	assert_int_equal(wb_region_import(t->db, &admin, file, strlen(file),
	    2000, &t->a, &rep, &err), 0);
	check_counts(t, 2, 3);
}

/* Search by name, code or region; wildcards typed by the user are not
 * wildcards. */
static void
test_search(void **state)
{
	struct dbt		*t = *state;
	struct wb_import_report	 rep;
	struct wb_municipality	*ms = NULL;
	struct wb_err		 err;
	size_t			 n = 0, i;

	import_embedded(t, &rep);
	assert_int_equal(wb_municipality_search(t->db, "'s-Hertogenbosch",
	    &t->a, &ms, &n, &err), 0);
	assert_true(n >= 1);
	assert_string_equal(ms[0].code, "GM0796");
	assert_int_equal(wb_municipality_search(t->db, "'S-HERTOGENBOSCH",
	    &t->a, &ms, &n, &err), 0);
	assert_true(n >= 1);
	assert_string_equal(ms[0].code, "GM0796");
	assert_int_equal(wb_municipality_search(t->db, "gm0796", &t->a, &ms,
	    &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ms[0].region_code, "AM27");
	/* a region name finds its municipalities, at most 50 */
	assert_int_equal(wb_municipality_search(t->db, "noordoost-brabant",
	    &t->a, &ms, &n, &err), 0);
	assert_true(n > 1 && n <= 50);
	for (i = 0; i < n; i++)
		assert_string_equal(ms[i].region_code, "AM27");
	assert_int_equal(wb_municipality_search(t->db, "bestaat-niet",
	    &t->a, &ms, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(wb_municipality_search(t->db, "Gron_ngen", &t->a,
	    &ms, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(wb_municipality_search(t->db,
	    "'; DROP TABLE region; --", &t->a, &ms, &n, &err), 0);
	check_counts(t, 35, 342);
}

int
main(void)
{
#define T(f)	cmocka_unit_test_setup_teardown(f, setup, dbt_teardown)
	const struct CMUnitTest tests[] = {
		T(test_embedded),
		T(test_reimport),
		T(test_bad_rows),
		T(test_all_errors_reported),
		T(test_newer_year),
		T(test_denied_and_year),
		T(test_search),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
