/* fuzz_import.c - libFuzzer target for the row validators of the import
 * of trajectories, milestones and measurements (io/outcome_import.h),
 * without a database: the file is read row by row (io/csv_stream.h) and
 * every row checked, nothing is written.
 *
 * The first byte picks the kind (its value modulo 3: trajecten,
 * mijlpalen, metingen), the rest is the file.  Checks the promises of the
 * result: a refusal always comes with at least one problem and a success
 * with none; at most WB_MAX_IMPORT_REPORTED problems are kept, in line
 * order, each a Dutch message (valid UTF-8, no line break) on a line of
 * the file (0 = the file as a whole) and, when it names one, a column of
 * the kind; and nothing is ever written.
 */
#include "base/common.h"
#include "base/limits.h"
#include "base/str.h"
#include "io/outcome_import.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wb_import_result	res;
	enum wb_import_kind	kind;
	struct wb_arena		a;
	struct wb_err		err;
	size_t			i, lines = 1, kept;
	int			rc;

	if (size == 0)
		return 0;
	kind = (enum wb_import_kind)(data[0] % 3);
	for (i = 1; i < size; i++)
		if (data[i] == '\n' || data[i] == '\r')
			lines++;
	wb_arena_init(&a);
	rc = wb_import_mem(NULL, NULL, kind, (const char *)data + 1, size - 1,
	    NULL, &a, &res, &err);
	if (rc != 0 && rc != WB_EINVAL && rc != WB_ETOOBIG)
		abort();
	if ((rc == 0) != (res.nproblems == 0))
		abort();
	if (res.trajectories + res.milestones + res.jobs + res.jobs_ended +
	    res.measurements != 0)
		abort();
	kept = res.nproblems < WB_MAX_IMPORT_REPORTED ? res.nproblems :
	    WB_MAX_IMPORT_REPORTED;
	for (i = 0; i < kept; i++) {
		const struct wb_import_problem *p = &res.problems[i];

		if (p->message == NULL || p->message[0] == '\0' ||
		    !wb_utf8_valid(p->message, strlen(p->message), false) ||
		    p->line > lines || (i > 0 && p->line <
		    res.problems[i - 1].line))
			abort();
		if (p->column != NULL && (p->column[0] == '\0' ||
		    strspn(p->column, "abcdefghijklmnopqrstuvwxyz_") !=
		    strlen(p->column)))
			abort();
	}
	wb_arena_free(&a);
	return 0;
}
