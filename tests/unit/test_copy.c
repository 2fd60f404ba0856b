/* test_copy.c - store/copy.c: a demo-filled database with client records
 * added (every nullable column once NULL, once set) copied table by table
 * into a new SQLite database and into the PostgreSQL test database
 * (WB_TEST_PG, emptied first and left empty), with counts, every column of
 * the client tables, the audit chain, a demo login and new ids on the
 * copy; SQLite's online backup and restore; every table and column of the
 * schema in the copy. */
#include "dbtest.h"

#include "domain/demo.h"
#include "domain/user.h"
#include "store/copy.h"

#include <libpq-fe.h>

#define BSN	"111222333"

struct ct {
	struct dbt		 src;
	struct wb_demo_report	 demo;
	int64_t			 counts[WB_COPY_NTABLES];
	char			 sealed[256];	/* BSN of client 90007 */
	char			 index[WB_VAULT_INDEXHEX + 1];
	char			 dir[64];
};

/* Two organisations and two professionals of their own, then two clients
 * (90007 current, 90008 erased) with their team, consents (90011 active,
 * 90012 revoked), goals (90031 open, 90032 stopped), actions (90041 open,
 * 90042 done), a note and two measurements (90071 a PHQ-9, 90072 a rung
 * the client gave); in fixture_outcomes two IPS-25 reviews (90081 with
 * action points and reviewers, 90082 with both empty), two trajectories
 * (90091 running, 90092 dropped out) with two milestones and two jobs
 * (90111 ended, 90112 running), and two targets (90121 of a region,
 * 90122 of an organisation).  Ids from 90000 on: above whatever the demo
 * made, so the rows are told apart and new ids follow them.  %s: client
 * 90007's sealed BSN and its blind index. */
static const char fixture[] =
    "INSERT INTO organisation (id, code, name, type, municipality_code, "
    "active, created_at, updated_at) VALUES (90901, 'KOPIE-GGZ', "
    "'GGZ Kopie', 'ggz', 'GM0796', 1, 1, 1), (90902, 'KOPIE-UWV', "
    "'UWV Kopie', 'uwv', 'GM0796', 1, 1, 1);"
    "INSERT INTO organisation_region (org_id, region_code) VALUES "
    "(90901, 'AM27'), (90902, 'AM27');"
    "INSERT INTO user_account (id, email, name, role, org_id, lang, "
    "active, created_at, updated_at) VALUES (90911, 'ggz@kopie.example', "
    "'Tb Kopie', 'professional', 90901, 'nl', 1, 1, 1), (90912, "
    "'uwv@kopie.example', 'Ad Kopie', 'professional', 90902, 'nl', 1, 1, "
    "1);"
    "INSERT INTO client (id, bsn_sealed, bsn_index, given_name, "
    "family_name, birth_date, "
    "phone, email, address, municipality_code, benefit, target_group, "
    "registered_org, registered_by, created_at, updated_at, erased_at) "
    "VALUES (90007, '%s', '%s', 'Anna', 'de Vries', 7305, '06-12345678', "
    "'anna@example.nl', 'Hoofdstraat 1, ''s-Hertogenbosch', 'GM0796', "
    "'wajong', 'epa', 90901, 90911, 1762000000, 1762000100, NULL), "
    "(90008, NULL, NULL, 'Gewist', 'Gewist', 3653, NULL, NULL, NULL, 'GM0855', "
    "'participatiewet', 'cmd', 90902, NULL, 1700000000, 1762000200, "
    "1762000200);"
    "INSERT INTO care_team (id, client_id, user_id, org_id, function, "
    "added_by, added_at, ended_at, ended_by) VALUES (90021, 90007, 90911, "
    "90901, 'trajectbegeleider', 90911, 1762000000, NULL, NULL), (90022, "
    "90007, 90912, 90902, 'arbeidsdeskundige', NULL, 1762000300, "
    "1762000400, 90911);"
    "INSERT INTO consent (id, client_id, org_id, purpose, categories, "
    "valid_from, valid_until, method, evidence, recorded_by, recorded_at, "
    "revoked_at, revoked_by, revoke_reason) VALUES (90011, 90007, 90902, "
    "'re-integratie', 3, 20395, 20760, 'schriftelijk', 'formulier 2025', "
    "90911, 1762000500, NULL, NULL, NULL), (90012, 90007, 90902, "
    "'behandeling', 4, 20395, 20395, 'mondeling', NULL, NULL, 1762000600, "
    "1762000700, 90911, 'Cliënt trekt in');"
    "INSERT INTO goal (id, client_id, track, owner_org, title, target, "
    "due_date, stopped_at, created_by, created_at, updated_at, version) "
    "VALUES (90031, 90007, 'werk', 90901, 'Betaald werk', "
    "'16 uur per week', 20820, NULL, 90911, 1762000800, 1762000900, 3), "
    "(90032, 90007, 'zorg', 90901, 'Rust', 'Slapen', NULL, 1762001000, "
    "NULL, 1762000800, 1762001000, 2);"
    "INSERT INTO plan_action (id, goal_id, client_id, title, owner_user, "
    "due_date, done_at, done_by, created_by, created_at, updated_at, "
    "version) VALUES (90041, 90031, 90007, 'Vacatures bekijken', 90911, "
    "20430, NULL, NULL, 90911, 1762001100, 1762001100, 1), (90042, 90031, "
    "90007, 'Gesprek werkgever', 90912, 20420, 1762001200, 90912, NULL, "
    "1762001150, 1762001200, 2);"
    "INSERT INTO note (id, client_id, org_id, author_id, kind, on_date, "
    "body, created_at) VALUES (90051, 90007, 90901, 90911, 'gesprek', "
    "20400, 'Wil \"echt\" werk;\nvolgende week verder.', 1762001300);"
    "INSERT INTO correction_request (id, client_id, text, created_at, "
    "handled_at, handled_by) VALUES (90061, 90007, 'Adres klopt niet', "
    "1762001400, NULL, NULL), (90062, 90007, 'Naam ''Anna''', 1762001500, "
    "1762001600, 90911);"
    "INSERT INTO measurement (id, client_id, instrument, on_date, items, "
    "value, band, source, org_id, entered_by, created_at) VALUES (90071, "
    "90007, 'phq9', 20400, '121212120', 12, 'moderate', 'professional', "
    "90901, 90911, 1762001700), (90072, 90007, 'ladder', 20401, NULL, 3, "
    "NULL, 'client', NULL, NULL, 1762001800)";
/* The outcomes (migrations/sqlite/0005_outcomes.sql), after the client
 * records: a statement of its own, the fixture above being long enough. */
static const char fixture_outcomes[] =
    "INSERT INTO fidelity_review (id, org_id, programme, intervention, "
    "review_date, reviewers, total, band, action_points, created_by, "
    "created_at) VALUES (90081, 90901, 'IPS-team Kopie', 'ips', 20400, "
    "'A. Jansen; B. de Wit', 98, 'good', 'Meer contact met werkgevers;\n"
    "benefits counseling in het team.', 90911, 1762001900), (90082, "
    "90901, 'IPS-team Kopie', 'ips-cmd', 20300, '', 60, 'fair', '', NULL, "
    "1762002000);"
    "INSERT INTO trajectory (id, client_id, intervention, org_id, "
    "lead_user, region_code, referral_date, start_date, status, end_date, "
    "end_reason, first_contact_date, created_by, created_at, updated_at, "
    "version) VALUES (90091, 90007, 'ips', 90901, 90911, 'AM27', 20390, "
    "20395, 'actief', NULL, NULL, 20400, 90911, 1762002100, 1762002200, "
    "2), (90092, 90007, 'wabz', 90901, NULL, 'AM27', 20300, NULL, "
    "'uitgevallen', 20380, 'Verhuisd; \"andere\" regio', NULL, NULL, "
    "1762002300, 1762002300, 1);"
    "INSERT INTO milestone (id, trajectory_id, client_id, type, on_date, "
    "detail, created_by, created_at) VALUES (90101, 90091, 90007, "
    "'employer-contact', 20400, NULL, 90911, 1762002400), (90102, 90091, "
    "90007, 'benefit-outflow', 20410, 'gedeeltelijk', NULL, 1762002500);"
    "INSERT INTO job (id, trajectory_id, client_id, employer, "
    "minutes_per_week, competitive, min_wage, contract, start_date, "
    "end_date, end_reason, created_by, created_at, updated_at) VALUES "
    "(90111, 90091, 90007, 'Bakkerij ''t Hoekje', 990, 1, 1, 'tijdelijk', "
    "20405, 20430, 'Einde contract', 90911, 1762002600, 1762002700), "
    "(90112, 90091, 90007, 'De Boer', 1440, 0, 0, 'vast', 20431, NULL, "
    "NULL, NULL, 1762002800, 1762002800);"
    "INSERT INTO indicator_target (id, region_code, org_id, intervention, "
    "indicator, year, value, set_by, set_at) VALUES (90121, 'AM27', NULL, "
    "'ips', 'employment-rate', 2031, 41, 90911, 1762002900), (90122, "
    "NULL, 90901, NULL, 'job-starts', 2032, 12, NULL, 1762003000)";

/* What the fixture's rows hold, in column order
 * (migrations/sqlite/0002_client.sql); "<null>" is NULL.  In the client
 * table, %s: the sealed BSN and its index. */
static const char client_rows[] =
    "90007|%s|%s|Anna|de Vries|7305|06-12345678|anna@example.nl|"
    "Hoofdstraat 1, 's-Hertogenbosch|GM0796|wajong|epa|90901|90911|"
    "1762000000|1762000100|<null>|<null>\n"
    "90008|<null>|<null>|Gewist|Gewist|3653|<null>|<null>|<null>|GM0855|"
    "participatiewet|cmd|90902|<null>|1700000000|1762000200|1762000200|"
    "<null>\n";
static const struct {
	const char	*table, *rows;
} want[] = {
	{ "client", client_rows },
	{ "care_team",
	    "90021|90007|90911|90901|trajectbegeleider|90911|1762000000|"
	    "<null>|<null>\n"
	    "90022|90007|90912|90902|arbeidsdeskundige|<null>|1762000300|"
	    "1762000400|90911\n" },
	{ "consent",
	    "90011|90007|90902|re-integratie|3|20395|20760|schriftelijk|"
	    "formulier 2025|90911|1762000500|<null>|<null>|<null>\n"
	    "90012|90007|90902|behandeling|4|20395|20395|mondeling|<null>|"
	    "<null>|1762000600|1762000700|90911|Cliënt trekt in\n" },
	{ "goal",
	    "90031|90007|werk|90901|Betaald werk|16 uur per week|20820|"
	    "<null>|90911|1762000800|1762000900|3\n"
	    "90032|90007|zorg|90901|Rust|Slapen|<null>|1762001000|<null>|"
	    "1762000800|1762001000|2\n" },
	{ "plan_action",
	    "90041|90031|90007|Vacatures bekijken|90911|20430|<null>|<null>|"
	    "90911|1762001100|1762001100|1\n"
	    "90042|90031|90007|Gesprek werkgever|90912|20420|1762001200|"
	    "90912|<null>|1762001150|1762001200|2\n" },
	{ "note",
	    "90051|90007|90901|90911|gesprek|20400|Wil \"echt\" werk;\n"
	    "volgende week verder.|1762001300\n" },
	{ "correction_request",
	    "90061|90007|Adres klopt niet|1762001400|<null>|<null>\n"
	    "90062|90007|Naam 'Anna'|1762001500|1762001600|90911\n" },
	{ "measurement",
	    "90071|90007|phq9|20400|121212120|12|moderate|professional|90901|"
	    "90911|1762001700\n"
	    "90072|90007|ladder|20401|<null>|3|<null>|client|<null>|<null>|"
	    "1762001800\n" },
	/* migrations/sqlite/0005_outcomes.sql: every text column with text
	 * in it, so a column copied as a number shows. */
	{ "fidelity_review",
	    "90081|90901|IPS-team Kopie|ips|20400|A. Jansen; B. de Wit|98|"
	    "good|Meer contact met werkgevers;\nbenefits counseling in het "
	    "team.|90911|1762001900\n"
	    "90082|90901|IPS-team Kopie|ips-cmd|20300||60|fair||<null>|"
	    "1762002000\n" },
	{ "trajectory",
	    "90091|90007|ips|90901|90911|AM27|20390|20395|actief|<null>|"
	    "<null>|20400|90911|1762002100|1762002200|2\n"
	    "90092|90007|wabz|90901|<null>|AM27|20300|<null>|uitgevallen|"
	    "20380|Verhuisd; \"andere\" regio|<null>|<null>|1762002300|"
	    "1762002300|1\n" },
	{ "milestone",
	    "90101|90091|90007|employer-contact|20400|<null>|90911|"
	    "1762002400\n"
	    "90102|90091|90007|benefit-outflow|20410|gedeeltelijk|<null>|"
	    "1762002500\n" },
	{ "job",
	    "90111|90091|90007|Bakkerij 't Hoekje|990|1|1|tijdelijk|20405|"
	    "20430|Einde contract|90911|1762002600|1762002700\n"
	    "90112|90091|90007|De Boer|1440|0|0|vast|20431|<null>|<null>|"
	    "<null>|1762002800|1762002800\n" },
	{ "indicator_target",
	    "90121|AM27|<null>|ips|employment-rate|2031|41|90911|1762002900\n"
	    "90122|<null>|90901|<null>|job-starts|2032|12|<null>|1762003000\n" },
};

/* A row without an id in each client table on the copy gets the next id
 * after the copied ones (PostgreSQL: the sequences were set). */
static const struct {
	const char	*sql, *id;
} next[] = {
	{ "INSERT INTO client (given_name, family_name, birth_date, "
	    "municipality_code, benefit, target_group, registered_org, "
	    "created_at, updated_at) VALUES ('Na', 'de Kopie', 1, 'GM0796', 'geen', 'overig', 90901, 1, 1) "
	    "RETURNING id", "90009\n" },
	{ "INSERT INTO care_team (client_id, user_id, org_id, function, "
	    "added_at) VALUES (90007, 90912, 90902, 'jobcoach', 1) RETURNING "
	    "id", "90023\n" },
	{ "INSERT INTO consent (client_id, org_id, purpose, categories, "
	    "valid_from, valid_until, method, recorded_at) VALUES (90007, "
	    "90901, 'behandeling', 1, 1, 1, 'online', 1) RETURNING id",
	    "90013\n" },
	{ "INSERT INTO goal (client_id, track, owner_org, title, target, "
	    "created_at, updated_at) VALUES (90007, 'inkomen', 90901, 'x', "
	    "'y', 1, 1) RETURNING id", "90033\n" },
	{ "INSERT INTO plan_action (goal_id, client_id, title, owner_user, "
	    "due_date, created_at, updated_at) VALUES (90031, 90007, 'x', "
	    "90911, 1, 1, 1) RETURNING id", "90043\n" },
	{ "INSERT INTO note (client_id, org_id, author_id, kind, on_date, "
	    "body, created_at) VALUES (90007, 90901, 90911, 'notitie', 1, "
	    "'x', 1) RETURNING id", "90052\n" },
	{ "INSERT INTO correction_request (client_id, text, created_at) "
	    "VALUES (90007, 'x', 1) RETURNING id", "90063\n" },
	{ "INSERT INTO measurement (client_id, instrument, on_date, value, "
	    "source, created_at) VALUES (90007, 'ladder', 1, 2, 'client', 1) "
	    "RETURNING id", "90073\n" },
};

/* Append s to out[n] at *len; the test fails when it does not fit. */
static void
put(char *out, size_t n, size_t *len, const char *s)
{
	int	w = snprintf(out + *len, n - *len, "%s", s);

	assert_true(w >= 0 && (size_t)w < n - *len);
	*len += (size_t)w;
}

/* The rows of `sql` on the database at `url` (sqlite:PATH or a libpq
 * URL), through a connection of its own: columns joined by '|', NULL as
 * "<null>", every row ended by a newline. */
static void
rows(const char *url, const char *sql, char *out, size_t n)
{
	sqlite3_stmt	*st = NULL;
	sqlite3		*h = NULL;
	PGconn		*pg;
	PGresult	*res;
	size_t		 len = 0;
	int		 r, f, rc;

	out[0] = '\0';
	if (strncmp(url, "sqlite:", 7) == 0) {
		assert_int_equal(sqlite3_open_v2(url + 7, &h,
		    SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
		sqlite3_busy_timeout(h, 10000);
		if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
			fail_msg("%s: %s", sql, sqlite3_errmsg(h));
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			for (f = 0; f < sqlite3_column_count(st); f++) {
				if (f > 0)
					put(out, n, &len, "|");
				put(out, n, &len, sqlite3_column_type(st, f) ==
				    SQLITE_NULL ? "<null>" :
				    (const char *)sqlite3_column_text(st, f));
			}
			put(out, n, &len, "\n");
		}
		if (rc != SQLITE_DONE)
			fail_msg("%s: %s", sql, sqlite3_errmsg(h));
		sqlite3_finalize(st);
		sqlite3_close(h);
		return;
	}
	pg = dbt_pg_connect(url);
	res = PQexec(pg, sql);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQresultErrorMessage(res));
	for (r = 0; r < PQntuples(res); r++) {
		for (f = 0; f < PQnfields(res); f++) {
			if (f > 0)
				put(out, n, &len, "|");
			put(out, n, &len, PQgetisnull(res, r, f) ? "<null>" :
			    PQgetvalue(res, r, f));
		}
		put(out, n, &len, "\n");
	}
	PQclear(res);
	PQfinish(pg);
}

/* The place of `table` in the copy order. */
static size_t
table_index(const char *table)
{
	size_t	i;

	for (i = 0; i < WB_COPY_NTABLES; i++)
		if (strcmp(wb_copy_table(i), table) == 0)
			return i;
	fail_msg("table %s is not copied", table);
	return 0;
}

/* Every column of every row of the fixture's tables at `url` is what the
 * fixture wrote, and client 90007's BSN opens with the site key. */
static void
check_client_rows(const struct ct *c, const char *url)
{
	struct wb_arena	 a;
	struct wb_err	 err;
	char		 sql[128], got[2048], exp[2048], *plain = NULL;
	size_t		 i;

	for (i = 0; i < WB_NELEM(want); i++) {
		snprintf(sql, sizeof(sql), "SELECT * FROM %s WHERE id >= "
		    "90000 ORDER BY id", want[i].table);
		rows(url, sql, got, sizeof(got));
		if (want[i].rows == client_rows)
			snprintf(exp, sizeof(exp), client_rows, c->sealed,
			    c->index);
		else
			snprintf(exp, sizeof(exp), "%s", want[i].rows);
		if (strcmp(got, exp) != 0)
			fail_msg("%s:\n%s\nwant:\n%s", want[i].table, got,
			    exp);
	}
	rows(url, "SELECT bsn_sealed FROM client WHERE id = 90007", got,
	    sizeof(got));
	got[strcspn(got, "\n")] = '\0';
	wb_arena_init(&a);
	if (wb_vault_open(got, &a, &plain, &err) != 0)
		fail_msg("open the copied BSN: %s", err.msg);
	assert_string_equal(plain, BSN);
	wb_arena_free(&a);
}

static int
group_setup(void **state)
{
	struct ct	*c = calloc(1, sizeof(*c));
	struct wb_arena	 a;
	struct wb_err	 err;
	char		*hex = NULL, sql[sizeof(fixture) + 512];

	assert_non_null(c);
	dbt_open(&c->src, true);
	if (wb_demo_fill(c->src.db, &c->src.a, &c->demo, &err) != 0)
		fail_msg("demo: %s", err.msg);
	wb_arena_init(&a);
	if (wb_vault_seal(BSN, &a, &hex, &err) != 0 ||
	    wb_vault_index("bsn", BSN, c->index, &err) != 0)
		fail_msg("seal: %s", err.msg);
	snprintf(c->sealed, sizeof(c->sealed), "%s", hex);
	assert_int_equal(strlen(c->sealed), strlen(hex));
	wb_arena_free(&a);
	snprintf(sql, sizeof(sql), fixture, c->sealed, c->index);
	dbt_exec(&c->src, sql);
	dbt_exec(&c->src, fixture_outcomes);
	check_client_rows(c, c->src.url);
	if (wb_copy_counts(c->src.db, c->counts, &err) != 0)
		fail_msg("counts: %s", err.msg);
	snprintf(c->dir, sizeof(c->dir), "/tmp/wb-copy-XXXXXX");
	assert_non_null(mkdtemp(c->dir));
	*state = c;
	return 0;
}

static int
group_teardown(void **state)
{
	static const char *const files[] = { "copy.db", "backup.db",
	    "restored.db" };
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	struct ct	*c = *state;
	char		 p[128];
	size_t		 i, j;

	dbt_close(&c->src);
	for (i = 0; i < WB_NELEM(files); i++)
		for (j = 0; j < WB_NELEM(suffixes); j++) {
			snprintf(p, sizeof(p), "%s/%s%s", c->dir, files[i],
			    suffixes[j]);
			(void)unlink(p);
		}
	(void)rmdir(c->dir);
	free(c);
	return 0;
}

/* Empty the schema of the PostgreSQL test database (its name must end
 * in _test). */
static void
pg_empty(void)
{
	const char	*url = getenv("WB_TEST_PG");
	PGconn		*raw;
	PGresult	*res;
	const char	*name;

	if (url == NULL || url[0] == '\0')
		fail_msg("WB_TEST_PG is not set (scripts/runtests.sh sets it)");
	raw = PQconnectdb(url);
	if (PQstatus(raw) != CONNECTION_OK)
		fail_msg("cannot connect to WB_TEST_PG: %s",
		    PQerrorMessage(raw));
	res = PQexec(raw, "SELECT current_database()");
	assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
	name = PQgetvalue(res, 0, 0);
	if (strlen(name) < 5 || strcmp(name + strlen(name) - 5, "_test") != 0)
		fail_msg("WB_TEST_PG names database \"%s\"; refusing to drop "
		    "its schema", name);
	PQclear(res);
	res = PQexec(raw, "SET client_min_messages = warning; "
	    "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
	assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
	PQclear(res);
	PQfinish(raw);
}

/* Open and migrate url. */
static struct wb_db *
open_target(const char *url)
{
	struct wb_db	*db = NULL;
	struct wb_err	 err;
	int		 applied;

	if (wb_db_open(url, &db, &err) != 0)
		fail_msg("open target: %s", err.msg);
	if (wb_db_migrate(db, &applied, &err) != 0)
		fail_msg("migrate target: %s", err.msg);
	return db;
}

/* PostgreSQL at `url`: every identity column's sequence continues after
 * the highest id of its table (the after_copy script of db_pg.c names
 * them one by one; a table added later must be named there too). */
static void
check_sequences(const char *url)
{
	const char	*p, *bar, *nl;
	char		 list[2048], sql[512], got[16];
	int		 n = 0;

	rows(url, "SELECT table_name, pg_get_serial_sequence(table_name, "
	    "column_name) FROM information_schema.columns WHERE table_schema "
	    "= current_schema() AND is_identity = 'YES' ORDER BY 1", list,
	    sizeof(list));
	for (p = list; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		bar = strchr(p, '|');
		assert_true(bar != NULL && bar < nl);
		snprintf(sql, sizeof(sql), "SELECT CASE WHEN is_called THEN "
		    "last_value + 1 ELSE last_value END > (SELECT "
		    "COALESCE(max(id), 0) FROM %.*s) FROM %.*s",
		    (int)(bar - p), p, (int)(nl - bar - 1), bar + 1);
		rows(url, sql, got, sizeof(got));
		if (strcmp(got, "t\n") != 0)
			fail_msg("%.*s: the sequence was not set after the "
			    "copy", (int)(bar - p), p);
		n++;
	}
	assert_true(n >= 11);
}

/* Copy the source into `to` (at `url`) and check everything a copy must
 * hold. */
static void
copy_and_check(struct ct *c, struct wb_db *to, const char *url)
{
	struct wb_copy_count	 counts[WB_COPY_NTABLES];
	struct wb_actor		 sys = wb_actor_system();
	struct wb_org		 o;
	struct wb_err		 err;
	const char		*full = NULL;
	int64_t			 checked = 0, broken = 0, uid = 0, id = 0;
	bool			 empty = false;
	size_t			 i, org = table_index("organisation");
	size_t			 audit = table_index("audit_event");
	char			 got[64];

	assert_int_equal(wb_copy_is_empty(to, &empty, &full, &err), 0);
	assert_true(empty);
	assert_null(full);
	if (wb_copy_tables(c->src.db, to, counts, &err) != 0)
		fail_msg("copy: %s", err.msg);
	for (i = 0; i < WB_COPY_NTABLES; i++) {
		assert_string_equal(counts[i].table, wb_copy_table(i));
		assert_int_equal(counts[i].source, c->counts[i]);
		assert_int_equal(counts[i].copied, c->counts[i]);
		assert_int_equal(counts[i].target, c->counts[i]);
	}
	assert_true(c->counts[org] > 0);
	assert_true(c->counts[audit] > 0);
	assert_false(wb_db_in_tx(to));
	assert_false(wb_db_in_tx(c->src.db));

	/* Every column, NULL or not, arrived as it was. */
	check_client_rows(c, url);
	if (strncmp(url, "sqlite:", 7) != 0)
		check_sequences(url);

	/* The chain verifies on the copy. */
	if (wb_audit_verify(to, &checked, &broken, &err) != 0)
		fail_msg("verify: %s (event %lld)", err.msg, (long long)broken);
	assert_int_equal(checked, c->counts[audit]);

	/* A demo login works on the copy (and writes to its audit log). */
	assert_true(c->demo.nlogins > 0);
	if (wb_user_login(to, c->demo.logins[0].email,
	    c->demo.logins[0].password, "127.0.0.1", &uid, &err) != 0)
		fail_msg("login on the copy: %s", err.msg);
	assert_true(uid > 0);

	/* New ids continue after the copied ones (PostgreSQL sequences). */
	memset(&o, 0, sizeof(o));
	o.code = "COPYTEST";
	o.name = "Na de kopie";
	o.type = "ggz";
	o.active = true;
	o.regions[0] = "AM01";
	o.nregions = 1;
	if (wb_org_add(to, &sys, &o, &id, &err) != 0)
		fail_msg("org add on the copy: %s", err.msg);
	assert_true(id > c->counts[org]);
	assert_int_equal(wb_audit_verify(to, &checked, &broken, &err), 0);
	for (i = 0; i < WB_NELEM(next); i++) {
		rows(url, next[i].sql, got, sizeof(got));
		assert_string_equal(got, next[i].id);
	}

	/* A second copy into the same target is refused, nothing written. */
	assert_int_equal(wb_copy_is_empty(to, &empty, &full, &err), 0);
	assert_false(empty);
	assert_non_null(full);
	assert_int_equal(wb_copy_tables(c->src.db, to, counts, &err),
	    WB_ECONFLICT);
	assert_false(wb_db_in_tx(to));
	assert_int_equal(dbt_org_count(&c->src), c->counts[org]);
}

static void
test_to_sqlite(void **state)
{
	struct ct	*c = *state;
	struct wb_db	*to;
	char		 url[128];

	snprintf(url, sizeof(url), "sqlite:%s/copy.db", c->dir);
	to = open_target(url);
	copy_and_check(c, to, url);
	wb_db_close(to);
}

static void
test_to_pg(void **state)
{
	struct ct	*c = *state;
	struct wb_db	*to;
	struct wb_err	 err;

	pg_empty();
	to = open_target(getenv("WB_TEST_PG"));
	copy_and_check(c, to, getenv("WB_TEST_PG"));
	/* PostgreSQL has no built-in backup here: pg_dump does that. */
	assert_int_equal(wb_copy_backup(to, "/nonexistent/x.db", &err),
	    WB_EINVAL);
	assert_int_equal(wb_copy_restore(to, "/nonexistent/x.db", &err),
	    WB_EINVAL);
	wb_db_close(to);
	pg_empty();
}

static void
test_backup_restore(void **state)
{
	struct ct	*c = *state;
	struct wb_db	*b, *r;
	struct wb_err	 err;
	int64_t		 n[WB_COPY_NTABLES], checked = 0, broken = 0;
	char		 path[128], url[160], rurl[160];
	size_t		 i, audit = table_index("audit_event");

	if (strcmp(wb_db_backend(c->src.db), "sqlite") != 0)
		skip();
	snprintf(path, sizeof(path), "%s/backup.db", c->dir);
	snprintf(url, sizeof(url), "sqlite:%s", path);
	snprintf(rurl, sizeof(rurl), "sqlite:%s/restored.db", c->dir);
	if (wb_copy_backup(c->src.db, path, &err) != 0)
		fail_msg("backup: %s", err.msg);
	/* An existing file is never overwritten. */
	assert_int_equal(wb_copy_backup(c->src.db, path, &err), WB_ECONFLICT);

	assert_int_equal(wb_db_open(url, &b, &err), 0);
	assert_int_equal(wb_copy_counts(b, n, &err), 0);
	for (i = 0; i < WB_COPY_NTABLES; i++)
		assert_int_equal(n[i], c->counts[i]);
	assert_int_equal(wb_audit_verify(b, &checked, &broken, &err), 0);
	assert_int_equal(checked, c->counts[audit]);
	wb_db_close(b);
	check_client_rows(c, url);

	r = open_target(rurl);
	if (wb_copy_restore(r, path, &err) != 0)
		fail_msg("restore: %s", err.msg);
	assert_int_equal(wb_copy_counts(r, n, &err), 0);
	for (i = 0; i < WB_COPY_NTABLES; i++)
		assert_int_equal(n[i], c->counts[i]);
	assert_int_equal(wb_audit_verify(r, &checked, &broken, &err), 0);
	assert_int_equal(checked, c->counts[audit]);
	check_client_rows(c, rurl);
	assert_int_equal(wb_copy_restore(r, "/nonexistent/x.db", &err),
	    WB_EIO);
	wb_db_close(r);
}

/* The copy types of `table` as the schema declares its columns, in
 * column order: 'i' for an integer type, 't' for text, '?' otherwise. */
static void
schema_types(const struct ct *c, const char *table, char *out, size_t n)
{
	const char	*p, *nl;
	char		 list[1024], sql[320];
	size_t		 k = 0;

	snprintf(sql, sizeof(sql), dbt_pg() ? "SELECT data_type FROM "
	    "information_schema.columns WHERE table_schema = current_schema() "
	    "AND table_name = '%s' ORDER BY ordinal_position" : "SELECT "
	    "upper(type) FROM pragma_table_info('%s') ORDER BY cid", table);
	rows(c->src.url, sql, list, sizeof(list));
	for (p = list; (nl = strchr(p, '\n')) != NULL && k + 1 < n;
	    p = nl + 1) {
		if (strncmp(p, "INTEGER\n", 8) == 0 ||
		    strncmp(p, "bigint\n", 7) == 0 ||
		    strncmp(p, "integer\n", 8) == 0)
			out[k++] = 'i';
		else if (strncmp(p, "TEXT\n", 5) == 0 ||
		    strncmp(p, "text\n", 5) == 0)
			out[k++] = 't';
		else
			out[k++] = '?';
	}
	out[k] = '\0';
}

/* Every table of the schema but the migrations' own is copied, with
 * every column and each column as its type (a text column bound as an
 * integer arrives as 0, and the copy still counts it): a migration that
 * adds a table or column fails here until copy.c and the copy queries
 * carry it. */
static void
test_schema_covered(void **state)
{
	struct ct	*c = *state;
	const char	*p, *nl;
	char		 list[2048], sql[256], name[64], types[64];
	size_t		 i, ntables = 0;

	rows(c->src.url, dbt_pg() ? "SELECT table_name FROM "
	    "information_schema.tables WHERE table_schema = current_schema() "
	    "AND table_type = 'BASE TABLE' ORDER BY 1" : "SELECT name FROM "
	    "sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
	    "ORDER BY 1", list, sizeof(list));
	for (p = list; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		snprintf(name, sizeof(name), "%.*s", (int)(nl - p), p);
		if (strcmp(name, "schema_migrations") == 0)
			continue;
		(void)table_index(name);
		ntables++;
	}
	assert_int_equal(ntables, WB_COPY_NTABLES);

	for (i = 0; i < WB_COPY_NTABLES; i++) {
		snprintf(sql, sizeof(sql), dbt_pg() ? "SELECT count(*) FROM "
		    "information_schema.columns WHERE table_schema = "
		    "current_schema() AND table_name = '%s'" : "SELECT "
		    "count(*) FROM pragma_table_info('%s')", wb_copy_table(i));
		if (dbt_int(&c->src, sql) != (int64_t)wb_copy_ncols(i))
			fail_msg("%s: %lld columns, %zu copied",
			    wb_copy_table(i),
			    (long long)dbt_int(&c->src, sql), wb_copy_ncols(i));
		/* The copy queries list the columns in the table's order. */
		schema_types(c, wb_copy_table(i), types, sizeof(types));
		if (strcmp(types, wb_copy_types(i)) != 0)
			fail_msg("%s: the schema's column types are %s, "
			    "copy.c copies them as %s", wb_copy_table(i),
			    types, wb_copy_types(i));
	}
	assert_string_equal(wb_copy_types(WB_COPY_NTABLES), "");
	assert_int_equal(wb_copy_ncols(WB_COPY_NTABLES), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_covered),
		cmocka_unit_test(test_to_sqlite),
		cmocka_unit_test(test_to_pg),
		cmocka_unit_test(test_backup_restore),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
