/* test_queries.c - the named queries of src/store/queries.c: every one has
 * a name and text, keeps to the shared dialect (stack.md §9), and prepares
 * against a migrated SQLite database.  (PostgreSQL is not a backend yet;
 * when it is, the same prepare_all runs against it here.)
 */
#include "dbtest.h"

#include "base/common.h"

#include <ctype.h>
#include <strings.h>

/* Every query has a unique Q_ name and non-empty text. */
static void
test_names(void **state)
{
	int	q, r;

	(void)state;
	assert_true(Q__COUNT > 0);
	for (q = 0; q < Q__COUNT; q++) {
		const char *name = wb_query_name((enum wb_query)q);
		const char *sql = wb_query_sql((enum wb_query)q);

		assert_non_null(name);
		if (strncmp(name, "Q_", 2) != 0)
			fail_msg("query %d is named \"%s\"", q, name);
		if (sql == NULL || sql[0] == '\0')
			fail_msg("%s has no SQL", name);
		for (r = 0; r < q; r++)
			if (strcmp(name, wb_query_name((enum wb_query)r)) == 0)
				fail_msg("%s named twice", name);
	}
}

/* Case-insensitive search for a word (not part of a longer identifier). */
static bool
has_word(const char *s, const char *w)
{
	size_t	n = strlen(w);
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (strncasecmp(p, w, n) != 0)
			continue;
		if (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		if (isalnum((unsigned char)p[n]) || p[n] == '_')
			continue;
		return true;
	}
	return false;
}

/* Vendor syntax that one of the two backends does not accept, or treats
 * differently (stack.md §9 rule 4). */
static const char *const forbidden_words[] = {
	"ILIKE", "TRUE", "FALSE", "AUTOINCREMENT", "GLOB", "REGEXP",
	"strftime", "datetime", "julianday", "unixepoch", "date", "now",
	"to_char", "ifnull", "iif", "nvl", "group_concat", "string_agg",
	"json_extract", "json_object", "json_array", "jsonb", "NOCASE",
	"REPLACE", "rowid", "last_insert_rowid", "random", "printf",
	"instr", "GREATEST", "LEAST",
};

static const char *const forbidden_text[] = {
	"::",		/* PostgreSQL cast: use CAST() */
	"?",		/* SQLite placeholder: use $n */
	"\"",		/* identifiers unquoted, strings in '' */
	";",		/* one statement per query */
	"->",		/* JSON operators */
	"INSERT OR",	/* SQLite conflict clause: use ON CONFLICT */
	"$0",
	"--",		/* comments belong in queries.c, not in the SQL */
};

/* The dialect: $1..$n used without gaps, nothing vendor-specific, and
 * LIKE only on lower()ed text. */
static void
test_dialect(void **state)
{
	int	q;
	size_t	i;

	(void)state;
	for (q = 0; q < Q__COUNT; q++) {
		const char	*name = wb_query_name((enum wb_query)q);
		const char	*sql = wb_query_sql((enum wb_query)q);
		const char	*p;
		bool		 used[100];
		long		 max = 0, k;

		for (i = 0; i < WB_NELEM(forbidden_words); i++)
			if (has_word(sql, forbidden_words[i]))
				fail_msg("%s uses %s", name,
				    forbidden_words[i]);
		for (i = 0; i < WB_NELEM(forbidden_text); i++)
			if (strstr(sql, forbidden_text[i]) != NULL)
				fail_msg("%s contains \"%s\"", name,
				    forbidden_text[i]);

		memset(used, 0, sizeof(used));
		for (p = strchr(sql, '$'); p != NULL; p = strchr(p + 1, '$')) {
			char *end;

			if (!isdigit((unsigned char)p[1]))
				fail_msg("%s: '$' without a number", name);
			k = strtol(p + 1, &end, 10);
			if (k < 1 || k >= (long)WB_NELEM(used))
				fail_msg("%s: $%ld", name, k);
			used[k] = true;
			if (k > max)
				max = k;
		}
		for (k = 1; k <= max; k++)
			if (!used[k])
				fail_msg("%s: $%ld is never used (up to $%ld)",
				    name, k, max);

		for (p = sql; (p = strstr(p, " LIKE ")) != NULL; p++) {
			const char	*open;
			int		 depth = 0;

			/* the left operand must be lower(...) */
			if (p == sql || p[-1] != ')')
				fail_msg("%s: LIKE without lower()", name);
			for (open = p - 1; open > sql; open--) {
				if (*open == ')')
					depth++;
				else if (*open == '(' && --depth == 0)
					break;
			}
			if (open - sql < 5 ||
			    strncmp(open - 5, "lower", 5) != 0)
				fail_msg("%s: LIKE without lower()", name);
		}
	}
}

/* Every named query prepares on a migrated database (the guard of the SQL
 * dialect and of the queries matching the schema). */
static void
test_prepare_all(void **state)
{
	struct dbt	t;
	struct wb_err	err;
	int		rc;

	(void)state;
	dbt_open(&t, false);
	wb_err_clear(&err);
	rc = wb_db_prepare_all(t.db, &err);
	if (rc != 0)
		fail_msg("%s: %s", err.field, err.msg);
	/* the statements are cached: a second pass reuses them */
	assert_int_equal(wb_db_prepare_all(t.db, &err), 0);
	assert_false(wb_db_in_tx(t.db));
	dbt_close(&t);
}

/* Without the schema the first query fails, and the error names it. */
static void
test_prepare_unmigrated(void **state)
{
	struct dbt	t;
	struct wb_err	err;

	(void)state;
	dbt_open_unmigrated(&t);
	wb_err_clear(&err);
	assert_int_equal(wb_db_prepare_all(t.db, &err), WB_EDB);
	assert_string_equal(err.field, wb_query_name((enum wb_query)0));
	assert_non_null(strstr(err.msg, dbt_pg() ? "does not exist" :
	    "no such table"));
	dbt_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_dialect),
		cmocka_unit_test(test_prepare_all),
		cmocka_unit_test(test_prepare_unmigrated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
