/* region.c - regions, municipalities and the CBS import. */
#include "domain/region.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "io/csv.h"
#include "base/str.h"
#include "base/time.h"


void
wb_report_error(struct wb_import_report *r, struct wb_arena *a, size_t line,
    const char *fmt, ...)
{
	char		 msg[512];
	va_list		 ap;
	struct wb_row_error *nv;

	if (r->nerrors >= WB_MAX_REPORTED_ERRORS) {
		r->nerrors++;
		return;
	}
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	nv = wb_arena_array(a, r->nerrors + 1, sizeof(*nv));
	if (r->nerrors > 0)
		memcpy(nv, r->errors, r->nerrors * sizeof(*nv));
	nv[r->nerrors].line = line;
	nv[r->nerrors].message = wb_arena_strdup(a, msg);
	r->errors = nv;
	r->nerrors++;
}

int
wb_region_list(struct wb_db *db, struct wb_arena *a, struct wb_region **out,
    size_t *n, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	size_t		 cap = 0;
	int		 rc;

	*n = 0;
	*out = NULL;
	rc = wb_db_prepare(db, Q_REGION_LIST, &st, err);
	if (rc != 0)
		return rc;
	while ((rc = wb_stmt_step(st, err)) == 1) {
		struct wb_region *r = WB_ARENA_PUSH(a, *out, *n, cap);

		r->code = wb_arena_strdup(a, wb_stmt_text(st, 0));
		r->name = wb_arena_strdup(a, wb_stmt_text(st, 1));
		r->year = wb_stmt_int64(st, 2);
		r->municipalities = wb_stmt_int64(st, 3);
	}
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

int
wb_region_get(struct wb_db *db, const char *code, struct wb_arena *a,
    struct wb_region *out, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_REGION_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, code);
	rc = wb_stmt_step(st, err);
	if (rc == 1 && wb_stmt_int64(st, 3) == 1) {
		out->code = wb_arena_strdup(a, wb_stmt_text(st, 0));
		out->name = wb_arena_strdup(a, wb_stmt_text(st, 1));
		out->year = wb_stmt_int64(st, 2);
		out->municipalities = 0;
		rc = 0;
	} else if (rc >= 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such region");
	wb_stmt_release(st);
	return rc;
}

/* Read municipality rows (code, name[, region code, region name]). */
static int
read_municipalities(struct wb_stmt *st, bool with_region, struct wb_arena *a,
    struct wb_municipality **out, size_t *n, struct wb_err *err)
{
	size_t	cap = 0;
	int	rc;

	*n = 0;
	*out = NULL;
	while ((rc = wb_stmt_step(st, err)) == 1) {
		struct wb_municipality *m = WB_ARENA_PUSH(a, *out, *n, cap);

		m->code = wb_arena_strdup(a, wb_stmt_text(st, 0));
		m->name = wb_arena_strdup(a, wb_stmt_text(st, 1));
		if (with_region) {
			m->region_code = wb_arena_strdup(a,
			    wb_stmt_text(st, 2));
			m->region_name = wb_arena_strdup(a,
			    wb_stmt_text(st, 3));
		}
	}
	return rc < 0 ? rc : 0;
}

int
wb_region_municipalities(struct wb_db *db, const char *code,
    struct wb_arena *a, struct wb_municipality **out, size_t *n,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_MUNICIPALITY_BY_REGION, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, code);
	rc = read_municipalities(st, false, a, out, n, err);
	wb_stmt_release(st);
	return rc;
}

int
wb_municipality_get(struct wb_db *db, const char *code, struct wb_arena *a,
    struct wb_municipality *out, struct wb_err *err)
{
	struct wb_municipality	*m;
	struct wb_stmt		*st = NULL;
	size_t			 n;
	int			 rc;

	rc = wb_db_prepare(db, Q_MUNICIPALITY_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, code);
	rc = read_municipalities(st, true, a, &m, &n, err);
	wb_stmt_release(st);
	if (rc != 0)
		return rc;
	if (n == 0)
		return wb_err_set(err, WB_ENOTFOUND, "no such municipality");
	*out = m[0];
	return 0;
}

int
wb_municipality_search(struct wb_db *db, const char *q, struct wb_arena *a,
    struct wb_municipality **out, size_t *n, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	struct wb_buf	 like;
	const char	*p;
	int		 rc;

	*n = 0;
	*out = NULL;
	/* A LIKE pattern: lower-case, with % and _ dropped so that they cannot
	 * act as wildcards (no municipality or region name contains them). */
	wb_buf_init(&like, 512);
	wb_buf_putc(&like, '%');
	for (p = q; *p != '\0'; p++) {
		char c = *p;

		if (c == '%' || c == '_' || c == '\\')
			continue;	/* LIKE wildcards and PostgreSQL's escape */
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		wb_buf_putc(&like, c);
	}
	wb_buf_putc(&like, '%');
	rc = wb_db_prepare(db, Q_MUNICIPALITY_SEARCH, &st, err);
	if (rc == 0) {
		wb_stmt_bind_text(st, 1, q);
		wb_stmt_bind_text(st, 2, wb_buf_cstr(&like));
		rc = read_municipalities(st, true, a, out, n, err);
		wb_stmt_release(st);
	}
	wb_buf_free(&like);
	return rc;
}

int
wb_region_count(struct wb_db *db, int64_t *n, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_REGION_COUNT, &st, err);
	if (rc != 0)
		return rc;
	rc = wb_stmt_exec_int64(st, n, err);
	wb_stmt_release(st);
	return rc;
}

static bool
code_ok(const char *s, const char *prefix, size_t digits)
{
	size_t	i, pl = strlen(prefix);

	if (strlen(s) != pl + digits || strncmp(s, prefix, pl) != 0)
		return false;
	for (i = pl; i < pl + digits; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

struct region_row {
	const char	*rcode, *rname, *mcode, *mname;
};

/* Check every row; fill rows[] and report errors. */
static void
validate_rows(const struct wb_csv_table *t, struct region_row *rows,
    struct wb_arena *a, struct wb_import_report *rep)
{
	int	c_rc = wb_csv_column(t, "region_code");
	int	c_rn = wb_csv_column(t, "region_name");
	int	c_mc = wb_csv_column(t, "municipality_code");
	int	c_mn = wb_csv_column(t, "municipality_name");
	size_t	i, j;

	if (c_rc < 0 || c_rn < 0 || c_mc < 0 || c_mn < 0) {
		wb_report_error(rep, a, 1, "de kopregel moet de kolommen "
		    "region_code, region_name, municipality_code en "
		    "municipality_name hebben");
		return;
	}
	for (i = 1; i < t->nrows; i++) {
		const struct wb_csv_row	*r = &t->rows[i];
		struct region_row	*out = &rows[i - 1];
		size_t			 line = r->line;

		if (r->ncols != t->rows[0].ncols) {
			wb_report_error(rep, a, line, "verwacht %zu kolommen, "
			    "gevonden %zu", t->rows[0].ncols, r->ncols);
			continue;
		}
		out->rcode = r->cols[c_rc];
		out->rname = r->cols[c_rn];
		out->mcode = r->cols[c_mc];
		out->mname = r->cols[c_mn];
		if (!code_ok(out->rcode, "AM", 2))
			wb_report_error(rep, a, line, "regiocode '%s' is geen "
			    "AMnn", out->rcode);
		if (!code_ok(out->mcode, "GM", 4))
			wb_report_error(rep, a, line, "gemeentecode '%s' is "
			    "geen GMnnnn", out->mcode);
		if (out->rname[0] == '\0' || strlen(out->rname) > 200)
			wb_report_error(rep, a, line, "regionaam ontbreekt of "
			    "is te lang");
		if (out->mname[0] == '\0' || strlen(out->mname) > 200)
			wb_report_error(rep, a, line, "gemeentenaam ontbreekt "
			    "of is te lang");
		for (j = 0; j + 1 < i; j++) {
			const struct region_row *o = &rows[j];

			if (o->mcode == NULL)
				continue;
			if (strcmp(o->mcode, out->mcode) == 0)
				wb_report_error(rep, a, line, "gemeente %s "
				    "staat er twee keer in", out->mcode);
			if (strcmp(o->rcode, out->rcode) == 0 &&
			    strcmp(o->rname, out->rname) != 0) {
				wb_report_error(rep, a, line, "regio %s heeft "
				    "twee namen", out->rcode);
				break;
			}
		}
	}
	if (t->nrows < 2)
		wb_report_error(rep, a, 1, "het bestand bevat geen regels");
}

int
wb_region_import(struct wb_db *db, const struct wb_actor *actor,
    const char *data, size_t n, int64_t year, struct wb_arena *a,
    struct wb_import_report *rep, struct wb_err *err)
{
	struct wb_csv_table	 t;
	struct wb_stmt		*st = NULL;
	struct region_row	*rows;
	struct wb_audit_event	 ev = { .event = "regions.import",
	    .object_type = "region" };
	struct wb_err		 perr;	/* the parser's, for the report */
	char			 detail[96];
	size_t			 i;
	int			 rc;

	memset(rep, 0, sizeof(*rep));
	if (wb_access_check(actor, WB_ACT_REGIONS_IMPORT, NULL) != 0) {
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED,
		    "alleen een beheerder mag regio's inlezen");
	}
	if (year < 2000 || year > 2200)
		return wb_err_set(err, WB_EINVAL, "ongeldig jaar");
	wb_err_clear(&perr);
	rc = wb_csv_parse(a, data, n, &t, &perr);
	if (rc != 0) {
		wb_report_error(rep, a, 0, "%s", perr.msg);
		if (err != NULL)
			*err = perr;
		return rc;
	}
	rows = wb_arena_array(a, t.nrows, sizeof(*rows));
	validate_rows(&t, rows, a, rep);
	rep->rows = t.nrows > 0 ? t.nrows - 1 : 0;
	if (rep->nerrors > 0)
		return wb_err_set(err, WB_EINVAL, "het bestand bevat %zu "
		    "fout(en); er is niets ingelezen", rep->nerrors);

	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_MUNICIPALITY_DEACTIVATE_ALL, &st, err);
	if (rc == 0)
		rc = wb_stmt_exec(st, err);
	if (rc != 0)
		goto out;
	wb_stmt_release(st);
	st = NULL;
	rc = wb_db_prepare(db, Q_REGION_DEACTIVATE_ALL, &st, err);
	if (rc == 0)
		rc = wb_stmt_exec(st, err);
	if (rc != 0)
		goto out;
	wb_stmt_release(st);
	st = NULL;
	for (i = 0; i < rep->rows; i++) {
		rc = wb_db_prepare(db, Q_REGION_UPSERT, &st, err);
		if (rc != 0)
			goto out;
		wb_stmt_bind_text(st, 1, rows[i].rcode);
		wb_stmt_bind_text(st, 2, rows[i].rname);
		wb_stmt_bind_int64(st, 3, year);
		rc = wb_stmt_exec(st, err);
		if (rc != 0)
			goto out;
		wb_stmt_release(st);
		st = NULL;
		rc = wb_db_prepare(db, Q_MUNICIPALITY_UPSERT, &st, err);
		if (rc != 0)
			goto out;
		wb_stmt_bind_text(st, 1, rows[i].mcode);
		wb_stmt_bind_text(st, 2, rows[i].mname);
		wb_stmt_bind_text(st, 3, rows[i].rcode);
		wb_stmt_bind_int64(st, 4, year);
		rc = wb_stmt_exec(st, err);
		if (rc != 0)
			goto out;
		wb_stmt_release(st);
		st = NULL;
		rep->added++;
	}
	snprintf(detail, sizeof(detail), "year %lld, %zu municipalities",
	    (long long)year, rep->rows);
	ev.detail = detail;
	rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
out:
	wb_stmt_release(st);
	if (rc != 0)
		wb_db_rollback(db);
	return rc;
}
