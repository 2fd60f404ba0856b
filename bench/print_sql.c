/* print_sql.c - print the SQL text of named queries (bench helper).
 *
 * bench/run.sh compiles this against src/store/queries.c so that the
 * sqlite3-shell reference runs exactly the statement the region page
 * runs, not a copy that drifts. Usage: print_sql Q_NAME...
 * Each statement is printed on one line, without a trailing semicolon.
 */
#include <stdio.h>
#include <string.h>

#include "store/db.h"

int
main(int argc, char **argv)
{
	int	i, q, rc = 0;

	for (i = 1; i < argc; i++) {
		for (q = 0; q < Q__COUNT; q++)
			if (strcmp(wb_query_name((enum wb_query)q), argv[i]) == 0)
				break;
		if (q == Q__COUNT) {
			fprintf(stderr, "print_sql: unknown query %s\n",
			    argv[i]);
			rc = 1;
			continue;
		}
		printf("%s\n", wb_query_sql((enum wb_query)q));
	}
	return rc;
}
