/* export.c - trajectory and indicator tables, written as CSV or XLSX. */
#include "report/export.h"
#include "base/time.h"
#include "domain/audit.h"
#include "domain/client.h"
#include "domain/trajectory.h"
#include "io/csv.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <xlsxwriter.h>

#define XLSX_MAX_ROWS	1048575		/* data rows under the header */

static const char *const traj_cols[] = { "trajectory_id", "client_id",
    "intervention", "organisation", "region", "referral_date", "start_date",
    "status", "end_date", "end_reason", "days_to_contact", "days_to_job",
    "jobs", "jobs_counting" };
static const char *const ind_cols[] = { "intervention", "name", "caseload",
    "working", "employment_rate", "job_starts", "days_to_contact",
    "days_to_job", "tenure_days", "ladder_measured", "ladder_rose_share",
    "phq9_change", "k10_change" };

static void	cell_text(struct wb_cell *c, const char *s);
static void	cell_int(struct wb_cell *c, int64_t n);
static void	cell_date(struct wb_cell *c, int64_t day);
static void	traj_row(struct wb_table *t, struct wb_arena *a,
		    const struct wb_trajectory *tr);
static int	client_rows(struct wb_db *db, const struct wb_actor *actor,
		    int64_t client, struct wb_arena *a, struct wb_table *t,
		    size_t *n, struct wb_err *err);
static void	ind_count(struct wb_cell *c, const struct wb_ind_row *r,
		    enum wb_ind_count k, int threshold, struct wb_arena *a);
static void	ind_figure(struct wb_cell *c, bool shown, bool own, double v,
		    int threshold, struct wb_arena *a);
static void	ind_row(struct wb_table *t, struct wb_arena *a,
		    const struct wb_indicators *ind,
		    const struct wb_ind_row *r);

int
wb_export_format_parse(const char *s, enum wb_export_format *out)
{
	if (s != NULL && strcmp(s, "csv") == 0)
		*out = WB_EXPORT_CSV;
	else if (s != NULL && strcmp(s, "xlsx") == 0)
		*out = WB_EXPORT_XLSX;
	else
		return WB_EINVAL;
	return 0;
}

/* ---------- tables ----------------------------------------------------- */

void
wb_table_init(struct wb_table *t, const char *sheet,
    const char *const *header, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->sheet = sheet;
	t->header = header;
	t->ncols = ncols;
}

struct wb_cell *
wb_table_add_row(struct wb_table *t, struct wb_arena *a)
{
	struct wb_cell	*nc;
	size_t		 cap;

	if (t->nrows == t->cap) {
		cap = t->cap == 0 ? 64 : t->cap * 2;
		nc = wb_arena_array(a, cap * t->ncols, sizeof(*nc));
		if (t->nrows > 0)
			memcpy(nc, t->cells, t->nrows * t->ncols *
			    sizeof(*nc));
		t->cells = nc;
		t->cap = cap;
	}
	return &t->cells[t->nrows++ * t->ncols];
}

static void
cell_text(struct wb_cell *c, const char *s)
{
	if (s == NULL || s[0] == '\0')
		return;
	c->kind = WB_CELL_TEXT;
	c->text = s;
}

static void
cell_int(struct wb_cell *c, int64_t n)
{
	c->kind = WB_CELL_INT;
	c->n = n;
}

/* A date; INT64_MIN leaves the cell empty. */
static void
cell_date(struct wb_cell *c, int64_t day)
{
	if (day == INT64_MIN)
		return;
	c->kind = WB_CELL_DATE;
	c->n = day;
}

void
wb_table_csv(const struct wb_table *t, struct wb_buf *out)
{
	struct wb_buf	 one;
	char		 num[48];
	const char	*s;
	size_t		 r, i, len;

	wb_csv_write_bom(out);
	wb_csv_write_row(out, ';', t->header, t->ncols);
	wb_buf_init(&one, 8192);
	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->ncols; i++) {
			const struct wb_cell *c = &t->cells[r * t->ncols + i];

			if (i > 0)
				wb_buf_putc(out, ';');
			switch (c->kind) {
			case WB_CELL_TEXT:
				/* Quoting and the formula guard of every
				 * export; its line end is cut off. */
				wb_buf_reset(&one);
				s = c->text;
				wb_csv_write_row(&one, ';', &s, 1);
				len = strlen(wb_buf_cstr(&one));
				if (wb_buf_error(&one) == 0 && len >= 2)
					wb_buf_append(out, wb_buf_cstr(&one),
					    len - 2);
				else
					wb_buf_append(out, "\"\"", 2);
				break;
			case WB_CELL_INT:
				snprintf(num, sizeof(num), "%lld",
				    (long long)c->n);
				wb_buf_puts(out, num);
				break;
			case WB_CELL_DATE:
				wb_date_iso(c->n, num, sizeof(num));
				wb_buf_puts(out, num);
				break;
			case WB_CELL_DEC1:
				/* Dutch decimals beside ';' */
				snprintf(num, sizeof(num), "%.1f", c->d);
				for (len = 0; num[len] != '\0'; len++)
					if (num[len] == '.')
						num[len] = ',';
				wb_buf_puts(out, num);
				break;
			default:
				break;
			}
		}
		wb_buf_append(out, "\r\n", 2);
	}
	wb_buf_free(&one);
}

int
wb_table_xlsx(const struct wb_table *t, const char *path, struct wb_err *err)
{
	lxw_workbook	*wb = NULL;
	lxw_worksheet	*ws;
	lxw_format	*bold, *date, *dec;
	lxw_error	 e = LXW_NO_ERROR;
	size_t		 r, i;
	int		 fd, y, m, d, rc = 0;

	if (t->nrows > XLSX_MAX_ROWS)
		return wb_err_set(err, WB_ETOOBIG, "meer dan %d regels passen "
		    "niet in een werkblad; kies csv", XLSX_MAX_ROWS);
	/* Owner only, and never over an existing file. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ? wb_err_set(err, WB_ECONFLICT,
		    "%s bestaat al", path) : wb_err_set(err, WB_EIO,
		    "kan %s niet maken: %s", path, strerror(errno));
	(void)close(fd);
	wb = workbook_new(path);
	if (wb == NULL) {
		rc = wb_err_set(err, WB_EIO, "kan %s niet schrijven", path);
		goto out;
	}
	ws = workbook_add_worksheet(wb, t->sheet);
	bold = workbook_add_format(wb);
	date = workbook_add_format(wb);
	dec = workbook_add_format(wb);
	if (ws == NULL || bold == NULL || date == NULL || dec == NULL) {
		e = LXW_ERROR_MEMORY_MALLOC_FAILED;
		goto close;
	}
	format_set_bold(bold);
	format_set_num_format(date, "dd-mm-yyyy");
	format_set_num_format(dec, "0.0");
	for (i = 0; i < t->ncols && e == LXW_NO_ERROR; i++)
		e = worksheet_write_string(ws, 0, (lxw_col_t)i, t->header[i],
		    bold);
	for (r = 0; r < t->nrows && e == LXW_NO_ERROR; r++)
		for (i = 0; i < t->ncols && e == LXW_NO_ERROR; i++) {
			const struct wb_cell *c = &t->cells[r * t->ncols + i];
			lxw_row_t row = (lxw_row_t)(r + 1);
			lxw_col_t col = (lxw_col_t)i;

			switch (c->kind) {
			case WB_CELL_TEXT:
				/* A string cell: never read as a formula. */
				e = worksheet_write_string(ws, row, col,
				    c->text, NULL);
				break;
			case WB_CELL_INT:
				e = worksheet_write_number(ws, row, col,
				    (double)c->n, NULL);
				break;
			case WB_CELL_DATE:
				wb_civil_from_days(c->n, &y, &m, &d);
				e = worksheet_write_datetime(ws, row, col,
				    &(lxw_datetime){ .year = y, .month = m,
				    .day = d }, date);
				break;
			case WB_CELL_DEC1:
				e = worksheet_write_number(ws, row, col, c->d,
				    dec);
				break;
			default:
				break;
			}
		}
	if (e == LXW_NO_ERROR) {
		worksheet_freeze_panes(ws, 1, 0);
		e = worksheet_set_column(ws, 0, (lxw_col_t)(t->ncols - 1), 14,
		    NULL);
	}
close:
	{
		lxw_error ce = workbook_close(wb);

		if (e == LXW_NO_ERROR)
			e = ce;
	}
	if (e != LXW_NO_ERROR)
		rc = wb_err_set(err, WB_EIO, "xlsx: %s", lxw_strerror(e));
out:
	if (rc != 0)
		(void)unlink(path);
	return rc;
}

/* ---------- trajectories ----------------------------------------------- */

static void
traj_row(struct wb_table *t, struct wb_arena *a,
    const struct wb_trajectory *tr)
{
	struct wb_cell	*c = wb_table_add_row(t, a);
	int64_t		 counting = 0;
	size_t		 i;

	for (i = 0; i < tr->njobs; i++)
		if (tr->jobs[i].counts)
			counting++;
	cell_int(&c[0], tr->id);
	cell_int(&c[1], tr->client_id);
	cell_text(&c[2], tr->intervention);
	cell_text(&c[3], tr->org_name);
	cell_text(&c[4], tr->region_code);
	cell_date(&c[5], tr->referral_date);
	cell_date(&c[6], tr->start_date);
	cell_text(&c[7], tr->status);
	cell_date(&c[8], tr->end_date);
	cell_text(&c[9], tr->end_reason);
	if (tr->days_to_contact >= 0)
		cell_int(&c[10], tr->days_to_contact);
	if (tr->days_to_job >= 0)
		cell_int(&c[11], tr->days_to_job);
	cell_int(&c[12], (int64_t)tr->njobs);
	cell_int(&c[13], counting);
}

/* The rows of one client; *n its trajectories. */
static int
client_rows(struct wb_db *db, const struct wb_actor *actor, int64_t client,
    struct wb_arena *a, struct wb_table *t, size_t *n, struct wb_err *err)
{
	struct wb_trajectory	*list;
	size_t			 i;
	int			 rc;

	rc = wb_trajectory_list(db, actor, client, a, &list, n, err);
	if (rc != 0)
		return rc;
	for (i = *n; i > 0; i--)	/* oldest first */
		traj_row(t, a, &list[i - 1]);
	return 0;
}

int
wb_export_trajectories(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, struct wb_arena *a, struct wb_table *t,
    size_t *skipped, struct wb_err *err)
{
	struct wb_audit_event	 ev = { .event = "trajectory.export",
	    .object_type = "trajectory" };
	struct wb_client_item	*mine = NULL;
	char			 detail[96], idbuf[24];
	size_t			 nmine = 0, i, n, clients = 0, total = 0;
	int			 rc;

	*skipped = 0;
	wb_table_init(t, "Trajecten", traj_cols, WB_NELEM(traj_cols));
	if (client_id != 0) {
		rc = client_rows(db, actor, client_id, a, t, &n, err);
		if (rc != 0)
			return rc;
		clients = 1;
		total = n;
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)client_id);
		ev.client_id = client_id;
		ev.object_id = idbuf;
	} else {
		rc = wb_client_list_mine(db, actor, a, &mine, &nmine, err);
		if (rc != 0)
			return rc;
		for (i = 0; i < nmine; i++) {
			rc = client_rows(db, actor, mine[i].id, a, t, &n, err);
			if (rc == WB_EDENIED || rc == WB_ENOTFOUND) {
				(*skipped)++;
				continue;
			}
			if (rc != 0)
				return rc;
			clients++;
			total += n;
		}
	}
	snprintf(detail, sizeof(detail), "clients=%zu trajectories=%zu "
	    "skipped=%zu", clients, total, *skipped);
	ev.detail = detail;
	wb_err_clear(err);
	return wb_audit_log(db, actor, &ev, err);
}

/* ---------- indicators ------------------------------------------------- */

static void
ind_count(struct wb_cell *c, const struct wb_ind_row *r, enum wb_ind_count k,
    int threshold, struct wb_arena *a)
{
	if (r->count_shown[k])
		cell_int(c, r->count[k]);
	else
		cell_text(c, wb_arena_printf(a, "<%d", threshold));
}

/* A derived figure: its value, "<10" when suppressed, empty when the
 * organisation's own view has nothing to compute it from. */
static void
ind_figure(struct wb_cell *c, bool shown, bool own, double v, int threshold,
    struct wb_arena *a)
{
	if (shown) {
		c->kind = WB_CELL_DEC1;
		c->d = v;
	} else if (!own)
		cell_text(c, wb_arena_printf(a, "<%d", threshold));
}

static void
ind_row(struct wb_table *t, struct wb_arena *a,
    const struct wb_indicators *ind, const struct wb_ind_row *r)
{
	struct wb_cell	*c = wb_table_add_row(t, a);
	const int	 th = ind->threshold;
	const bool	 own = ind->own;

	cell_text(&c[0], r->intervention != NULL ? r->intervention : "");
	cell_text(&c[1], r->intervention != NULL ? r->name : "Totaal");
	ind_count(&c[2], r, WB_IND_CASELOAD, th, a);
	ind_count(&c[3], r, WB_IND_WORKING, th, a);
	ind_figure(&c[4], r->rate_shown, own, r->rate, th, a);
	ind_count(&c[5], r, WB_IND_STARTS, th, a);
	ind_figure(&c[6], r->stat_shown[WB_IND_DAYS_CONTACT], own,
	    r->stat[WB_IND_DAYS_CONTACT], th, a);
	ind_figure(&c[7], r->stat_shown[WB_IND_DAYS_JOB], own,
	    r->stat[WB_IND_DAYS_JOB], th, a);
	ind_figure(&c[8], r->stat_shown[WB_IND_TENURE], own,
	    r->stat[WB_IND_TENURE], th, a);
	ind_count(&c[9], r, WB_IND_LADDER_N, th, a);
	ind_figure(&c[10], r->rose_shown, own, r->rose, th, a);
	ind_figure(&c[11], r->stat_shown[WB_IND_PHQ9], own,
	    r->stat[WB_IND_PHQ9], th, a);
	ind_figure(&c[12], r->stat_shown[WB_IND_K10], own,
	    r->stat[WB_IND_K10], th, a);
}

int
wb_export_indicators(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_ind_scope *s, struct wb_arena *a, struct wb_table *t,
    struct wb_err *err)
{
	struct wb_indicators	ind;
	size_t			i, k;
	bool			used;
	int			rc;

	wb_table_init(t, "Indicatoren", ind_cols, WB_NELEM(ind_cols));
	rc = wb_indicators_get(db, actor, s, a, &ind, err);
	if (rc != 0)
		return rc;
	for (i = 0; i < ind.nrows; i++) {
		/* A line for each intervention where anything happened (or
		 * something is hidden), as on the page. */
		used = false;
		for (k = 0; k < WB_IND_NCOUNTS; k++)
			if (!ind.rows[i].count_shown[k] ||
			    ind.rows[i].count[k] != 0)
				used = true;
		if (used)
			ind_row(t, a, &ind, &ind.rows[i]);
	}
	ind_row(t, a, &ind, &ind.total);
	return 0;
}
