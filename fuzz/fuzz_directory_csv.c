/* fuzz_directory_csv.c - libFuzzer target for the directory import's
 * checks (io/directory_csv.h), without a database: parse and validate
 * only, nothing is written.
 *
 * The first byte picks the kind (even: organisations, odd: contact
 * points), the rest is the file.  Checks the promises of the report: a
 * refusal always comes with at least one problem, the problems are
 * Dutch text (valid UTF-8) on a line of the file, and at most
 * WB_DIR_MAX_REPORTED of them are kept.
 */
#include "base/common.h"
#include "base/limits.h"
#include "base/str.h"
#include "io/directory_csv.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wb_import_report	rep;
	struct wb_arena		a;
	struct wb_err		err;
	enum wb_dir_kind	kind;
	size_t			i, lines = 1;
	int			rc;

	if (size == 0)
		return 0;
	kind = (data[0] & 1) ? WB_DIR_CPS : WB_DIR_ORGS;
	for (i = 1; i < size; i++)
		if (data[i] == '\n' || data[i] == '\r')
			lines++;
	wb_arena_init(&a);
	rc = wb_dir_check(NULL, NULL, kind, (const char *)data + 1, size - 1,
	    &a, &rep, &err);
	if (rc != 0 && rc != WB_EINVAL && rc != WB_ETOOBIG)
		abort();
	if ((rc == 0) != (rep.nerrors == 0))
		abort();
	if (rc == 0 && rep.rows == 0)
		abort();
	for (i = 0; i < rep.nerrors && i < WB_DIR_MAX_REPORTED; i++) {
		const struct wb_row_error *e = &rep.errors[i];

		if (e->message == NULL || e->message[0] == '\0' ||
		    !wb_utf8_valid(e->message, strlen(e->message), true) ||
		    e->line > lines)
			abort();
	}
	wb_arena_free(&a);
	return 0;
}
