/* indicator.c - outcome indicators per quarter, with suppression. */
#include "report/indicator.h"
#include "report/suppress.h"
#include "domain/trajectory.h"
#include "base/time.h"

#include <stdlib.h>

int
wb_quarter_parse(const char *s, int *year, int *quarter)
{
	int	y = 0, i;

	if (s == NULL || strlen(s) != 6)
		return WB_EINVAL;
	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return WB_EINVAL;
		y = y * 10 + (s[i] - '0');
	}
	if (s[4] != 'K' && s[4] != 'Q' && s[4] != 'k' && s[4] != 'q')
		return WB_EINVAL;
	if (s[5] < '1' || s[5] > '4' || y < 2000 || y > 2100)
		return WB_EINVAL;
	*year = y;
	*quarter = s[5] - '0';
	return 0;
}

void
wb_quarter_format(int year, int quarter, char *out, size_t outsz)
{
	snprintf(out, outsz, "%04dK%d", year, quarter);
}

void
wb_quarter_days(int year, int quarter, int64_t *first, int64_t *last)
{
	*first = wb_days_from_civil(year, 3 * (quarter - 1) + 1, 1);
	*last = quarter == 4 ? wb_days_from_civil(year + 1, 1, 1) - 1 :
	    wb_days_from_civil(year, 3 * quarter + 1, 1) - 1;
}

void
wb_quarter_of(int64_t day, int *year, int *quarter)
{
	int	m, d;

	wb_civil_from_days(day, year, &m, &d);
	*quarter = (m - 1) / 3 + 1;
}

static int	begin(const struct wb_actor *, const struct wb_ind_scope *,
		    struct wb_indicators *, struct wb_err *);
static void	filter(struct wb_indicators *);
static bool	staff(const struct wb_actor *);

/* -- gathering -- */

/* Values of one median per row, and of all rows, growing in the arena. */
struct values {
	int64_t		*v;
	size_t		 n, cap;
};

struct gather {
	struct wb_arena		*a;
	struct wb_indicators	*out;
	struct values		*per;	/* [nrows * WB_IND_NSTATS] */
	struct values		 all[WB_IND_NSTATS];
	double			 sum[WB_IND_NSTATS];	/* means, total */
};

static struct wb_ind_row *
row_of(struct wb_indicators *out, const char *code)
{
	size_t	i;

	for (i = 0; i < out->nrows; i++)
		if (strcmp(out->rows[i].intervention, code) == 0)
			return &out->rows[i];
	return NULL;
}

static void
push(struct gather *g, struct wb_ind_row *r, enum wb_ind_stat s, int64_t v)
{
	struct values	*pv = &g->per[(size_t)(r - g->out->rows) *
			    WB_IND_NSTATS + s];

	*WB_ARENA_PUSH(g->a, pv->v, pv->n, pv->cap) = v;
	*WB_ARENA_PUSH(g->a, g->all[s].v, g->all[s].n, g->all[s].cap) = v;
}

/* Bind the parameters every indicator query takes (queries.c). */
static void
bind_scope(struct wb_stmt *st, const struct wb_indicators *out)
{
	const struct wb_ind_scope *s = &out->scope;

	if (s->region_code != NULL)
		wb_stmt_bind_text(st, 1, s->region_code);
	else
		wb_stmt_bind_int64(st, 1, s->org_id);
	/* Every intervention, always: the table is protected as a whole
	 * and only then cut to the one asked for (filter()), or the filtered
	 * total and the unfiltered one would give a hidden row away. */
	wb_stmt_bind_null(st, 2);
	wb_stmt_bind_int64(st, 3, out->first_day);
	wb_stmt_bind_int64(st, 4, out->last_day);
	wb_stmt_bind_int64(st, 5, out->own ? 0 : 1);
	wb_stmt_bind_int64(st, 6, wb_today());
	wb_stmt_bind_int64(st, 7, out->job_minutes);
}

static enum wb_query
query(const struct wb_indicators *out, enum wb_query region, enum wb_query org)
{
	return out->scope.region_code != NULL ? region : org;
}

/* One client in one intervention, gathered over their trajectories. */
struct client_acc {
	struct wb_ind_row *row;
	int64_t		 client;
	bool		 working, health;
	int64_t		 first[3], last[3], n[3];	/* ladder, phq9, k10 */
};

static void
flush(struct gather *g, struct client_acc *c)
{
	struct wb_ind_row	*r = c->row;

	if (r == NULL)
		return;
	r->count[WB_IND_CASELOAD]++;
	if (c->working)
		r->count[WB_IND_WORKING]++;
	if (c->n[0] >= 2) {
		r->count[WB_IND_LADDER_N]++;
		if (c->last[0] > c->first[0])
			r->count[WB_IND_LADDER_ROSE]++;
		if (c->first[0] >= 1 && c->first[0] <= 6)
			g->out->ladder_first[c->first[0] - 1]++;
		if (c->last[0] >= 1 && c->last[0] <= 6)
			g->out->ladder_last[c->last[0] - 1]++;
	}
	if (c->health && c->n[1] >= 2) {
		r->stat[WB_IND_PHQ9] += (double)(c->last[1] - c->first[1]);
		r->stat_n[WB_IND_PHQ9]++;
	}
	if (c->health && c->n[2] >= 2) {
		r->stat[WB_IND_K10] += (double)(c->last[2] - c->first[2]);
		r->stat_n[WB_IND_K10]++;
	}
	c->row = NULL;
}

static int
load_caseload(struct wb_db *db, struct gather *g, struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct client_acc	 c = { 0 };
	struct wb_ind_row	*r;
	int64_t			 client;
	int			 rc, k;

	rc = wb_db_prepare(db, query(g->out, Q_IND_CASELOAD_REGION,
	    Q_IND_CASELOAD_ORG), &st, err);
	if (rc != 0)
		return rc;
	bind_scope(st, g->out);
	while ((rc = wb_stmt_step(st, err)) == 1) {
		r = row_of(g->out, wb_stmt_text(st, 0));
		client = wb_stmt_int64(st, 1);
		if (r != c.row || client != c.client) {
			flush(g, &c);
			memset(&c, 0, sizeof(c));
			c.row = r;
			c.client = client;
		}
		if (r == NULL)
			continue;
		c.working = c.working || wb_stmt_int64(st, 2) != 0;
		for (k = 0; k < 3; k++) {
			c.first[k] = wb_stmt_int64(st, 3 + 3 * k);
			c.last[k] = wb_stmt_int64(st, 4 + 3 * k);
			c.n[k] = wb_stmt_int64(st, 5 + 3 * k);
		}
		c.health = wb_stmt_int64(st, 12) != 0;
	}
	flush(g, &c);
	wb_stmt_release(st);
	return rc;
}

static int
load_starts(struct wb_db *db, struct gather *g, struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct wb_ind_row	*r;
	int			 rc;

	rc = wb_db_prepare(db, query(g->out, Q_IND_STARTS_REGION,
	    Q_IND_STARTS_ORG), &st, err);
	if (rc != 0)
		return rc;
	bind_scope(st, g->out);
	while ((rc = wb_stmt_step(st, err)) == 1)
		if ((r = row_of(g->out, wb_stmt_text(st, 0))) != NULL)
			r->count[WB_IND_STARTS] += wb_stmt_int64(st, 1);
	wb_stmt_release(st);
	return rc;
}

/* Rows of (intervention, days) into the medians of stat s. */
static int
load_days(struct wb_db *db, struct gather *g, enum wb_query q,
    enum wb_ind_stat s, struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct wb_ind_row	*r;
	int			 rc;

	rc = wb_db_prepare(db, q, &st, err);
	if (rc != 0)
		return rc;
	bind_scope(st, g->out);
	while ((rc = wb_stmt_step(st, err)) == 1)
		if ((r = row_of(g->out, wb_stmt_text(st, 0))) != NULL)
			push(g, r, s, wb_stmt_int64(st, 1));
	wb_stmt_release(st);
	return rc;
}

static int
cmp64(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static double
median(struct values *v)
{
	if (v->n == 0)
		return 0;
	qsort(v->v, v->n, sizeof(*v->v), cmp64);
	if (v->n % 2 == 1)
		return (double)v->v[v->n / 2];
	return ((double)v->v[v->n / 2 - 1] + (double)v->v[v->n / 2]) / 2;
}

static const enum wb_ind_stat medians[] = { WB_IND_DAYS_CONTACT,
    WB_IND_DAYS_JOB, WB_IND_TENURE };
static const enum wb_ind_stat means[] = { WB_IND_PHQ9, WB_IND_K10 };

/* Medians and means of every row and of the total. */
static void
finish_figures(struct gather *g)
{
	struct wb_indicators	*out = g->out;
	struct wb_ind_row	*r, *t = &out->total;
	size_t			 i, k;
	enum wb_ind_stat	 s;

	for (i = 0; i < out->nrows; i++) {
		r = &out->rows[i];
		for (k = 0; k < WB_NELEM(medians); k++) {
			s = medians[k];
			r->stat_n[s] = (int64_t)g->per[i * WB_IND_NSTATS +
			    s].n;
			r->stat[s] = median(&g->per[i * WB_IND_NSTATS + s]);
		}
		for (k = 0; k < WB_NELEM(means); k++) {
			s = means[k];
			t->stat[s] += r->stat[s];	/* sums so far */
			t->stat_n[s] += r->stat_n[s];
			if (r->stat_n[s] > 0)
				r->stat[s] /= (double)r->stat_n[s];
		}
	}
	for (k = 0; k < WB_NELEM(medians); k++) {
		s = medians[k];
		t->stat_n[s] = (int64_t)g->all[s].n;
		t->stat[s] = median(&g->all[s]);
	}
	for (k = 0; k < WB_NELEM(means); k++)
		if (t->stat_n[means[k]] > 0)
			t->stat[means[k]] /= (double)t->stat_n[means[k]];
}

static void
rates(struct wb_ind_row *r)
{
	if (r->count[WB_IND_CASELOAD] > 0)
		r->rate = 100.0 * (double)r->count[WB_IND_WORKING] /
		    (double)r->count[WB_IND_CASELOAD];
	if (r->count[WB_IND_LADDER_N] > 0)
		r->rose = 100.0 * (double)r->count[WB_IND_LADDER_ROSE] /
		    (double)r->count[WB_IND_LADDER_N];
}

/* The organisation's own view: everything as it is, except that a mean
 * of complaint measures (health) needs `threshold` clients here too. */
static void
show_all(struct wb_ind_row *r, int threshold)
{
	size_t	k;

	for (k = 0; k < WB_IND_NCOUNTS; k++)
		r->count_shown[k] = true;
	r->rate_shown = r->count[WB_IND_CASELOAD] > 0;
	r->rose_shown = r->count[WB_IND_LADDER_N] > 0;
	for (k = 0; k < WB_IND_NSTATS; k++)
		r->stat_shown[k] = r->stat_n[k] > 0;
	r->stat_shown[WB_IND_PHQ9] = r->stat_n[WB_IND_PHQ9] >= threshold;
	r->stat_shown[WB_IND_K10] = r->stat_n[WB_IND_K10] >= threshold;
	if (!r->stat_shown[WB_IND_PHQ9])
		r->stat[WB_IND_PHQ9] = r->stat_n[WB_IND_PHQ9] = 0;
	if (!r->stat_shown[WB_IND_K10])
		r->stat[WB_IND_K10] = r->stat_n[WB_IND_K10] = 0;
}

/* Every other view: the counts of all rows and the total as one table,
 * through suppress.h.  Constraints: each count's total is the sum of the
 * interventions, and in every row caseload = working + not working and
 * ladder_n = rose + stayed. */
static int
suppress(struct wb_indicators *out, struct wb_arena *a, struct wb_err *err)
{
	size_t			 nr = out->nrows + 1, nc = WB_IND_NCOUNTS;
	size_t			 i, k, ns = 0, *parts, *rowparts, *lparts;
	size_t			 base = nr * nc;	/* the ladder's 12 cells */
	int64_t			*value;
	unsigned char		*state;
	struct wb_sup_sum	*sums;
	struct wb_sup_table	 t;
	struct wb_ind_row	*r;
	int			 rc;

	value = wb_arena_array(a, base + 12, sizeof(*value));
	state = wb_arena_array(a, base + 12, sizeof(*state));
	sums = wb_arena_array(a, nc + 2 * nr + 2, sizeof(*sums));
	lparts = wb_arena_array(a, 12, sizeof(*lparts));
	parts = wb_arena_array(a, nc * out->nrows + 1, sizeof(*parts));
	rowparts = wb_arena_array(a, 4 * nr, sizeof(*rowparts));
	/* row i < nrows is an intervention, row nrows the total */
	for (i = 0; i < nr; i++) {
		r = i < out->nrows ? &out->rows[i] : &out->total;
		for (k = 0; k < nc; k++)
			value[i * nc + k] = r->count[k];
		rowparts[4 * i] = i * nc + WB_IND_WORKING;
		rowparts[4 * i + 1] = i * nc + WB_IND_NOT_WORKING;
		rowparts[4 * i + 2] = i * nc + WB_IND_LADDER_ROSE;
		rowparts[4 * i + 3] = i * nc + WB_IND_LADDER_STAYED;
		sums[ns++] = (struct wb_sup_sum){ .total = i * nc +
		    WB_IND_CASELOAD, .parts = &rowparts[4 * i], .nparts = 2 };
		sums[ns++] = (struct wb_sup_sum){ .total = i * nc +
		    WB_IND_LADDER_N, .parts = &rowparts[4 * i + 2],
		    .nparts = 2 };
	}
	for (k = 0; k < nc && out->nrows > 0; k++) {
		for (i = 0; i < out->nrows; i++)
			parts[k * out->nrows + i] = i * nc + k;
		sums[ns++] = (struct wb_sup_sum){ .total = out->nrows * nc + k,
		    .parts = &parts[k * out->nrows], .nparts = out->nrows };
	}
	/* each ladder distribution adds up to the total's ladder count */
	for (k = 0; k < 6; k++) {
		value[base + k] = out->ladder_first[k];
		value[base + 6 + k] = out->ladder_last[k];
		lparts[k] = base + k;
		lparts[6 + k] = base + 6 + k;
	}
	for (k = 0; k < 2; k++)
		sums[ns++] = (struct wb_sup_sum){ .total = out->nrows * nc +
		    WB_IND_LADDER_N, .parts = &lparts[6 * k], .nparts = 6 };
	t = (struct wb_sup_table){ .ncells = base + 12, .value = value,
	    .state = state, .nsums = ns, .sums = sums,
	    .threshold = out->threshold };
	rc = wb_suppress(&t, err);
	if (rc != 0)
		return rc;
	for (i = 0; i < nr; i++) {
		r = i < out->nrows ? &out->rows[i] : &out->total;
		for (k = 0; k < nc; k++)
			r->count_shown[k] = wb_sup_shown(&t, i * nc + k);
		r->rate_shown = wb_sup_rate_shown(&t, i * nc + WB_IND_WORKING,
		    i * nc + WB_IND_CASELOAD) &&
		    r->count_shown[WB_IND_NOT_WORKING];
		r->rose_shown = wb_sup_rate_shown(&t, i * nc +
		    WB_IND_LADDER_ROSE, i * nc + WB_IND_LADDER_N) &&
		    r->count_shown[WB_IND_LADDER_STAYED];
		for (k = 0; k < WB_IND_NSTATS; k++)
			r->stat_shown[k] = r->stat_n[k] >= out->threshold;
		/* nothing shown of a figure that is not: no value left
		 * behind for a careless page */
		for (k = 0; k < nc; k++)
			if (!r->count_shown[k])
				r->count[k] = 0;
		if (!r->rate_shown)
			r->rate = 0;
		if (!r->rose_shown)
			r->rose = 0;
		for (k = 0; k < WB_IND_NSTATS; k++)
			if (!r->stat_shown[k])
				r->stat[k] = r->stat_n[k] = 0;
	}
	out->ladder_shown[0] = out->ladder_shown[1] = true;
	for (k = 0; k < 12; k++)
		if (!wb_sup_shown(&t, base + k))
			out->ladder_shown[k / 6] = false;
	for (k = 0; k < 6; k++) {
		if (!out->ladder_shown[0])
			out->ladder_first[k] = 0;
		if (!out->ladder_shown[1])
			out->ladder_last[k] = 0;
	}
	return 0;
}

/* From the counts of the rows: complements, the total row, rates, and
 * then either everything shown (own) or the protection. */
static int
finish(struct wb_indicators *out, struct wb_arena *a, struct wb_err *err)
{
	struct wb_ind_row	*r, *t = &out->total;
	size_t			 i, k;

	for (k = 0; k < WB_IND_NCOUNTS; k++)
		t->count[k] = 0;
	for (i = 0; i < out->nrows; i++) {
		r = &out->rows[i];
		r->count[WB_IND_NOT_WORKING] = r->count[WB_IND_CASELOAD] -
		    r->count[WB_IND_WORKING];
		r->count[WB_IND_LADDER_STAYED] = r->count[WB_IND_LADDER_N] -
		    r->count[WB_IND_LADDER_ROSE];
		for (k = 0; k < WB_IND_NCOUNTS; k++)
			t->count[k] += r->count[k];
		rates(r);
	}
	rates(t);
	if (!out->own) {
		int rc = suppress(out, a, err);

		if (rc == 0)
			filter(out);
		return rc;
	}
	for (i = 0; i < out->nrows; i++)
		show_all(&out->rows[i], out->threshold);
	show_all(t, out->threshold);
	out->ladder_shown[0] = out->ladder_shown[1] = true;
	filter(out);
	return 0;
}

/* After the protection of the whole table: only the intervention asked
 * for, which is then also the total.  The ladder distributions belong to
 * all interventions together, so a filtered result has none. */
static void
filter(struct wb_indicators *out)
{
	struct wb_ind_row	*r;

	if (out->scope.intervention == NULL)
		return;
	r = row_of(out, out->scope.intervention);
	if (WB_NEVER(r == NULL))
		return;
	out->total = *r;
	out->total.intervention = NULL;
	out->total.name = "Totaal";
	out->rows = r;
	out->nrows = 1;
	memset(out->ladder_first, 0, sizeof(out->ladder_first));
	memset(out->ladder_last, 0, sizeof(out->ladder_last));
	out->ladder_shown[0] = out->ladder_shown[1] = false;
}

static bool
staff(const struct wb_actor *actor)
{
	switch (actor->role) {
	case WB_ROLE_PROFESSIONAL:
	case WB_ROLE_COORDINATOR:
		return actor->org_id != 0;
	default:
		return false;
	}
}

static int
setup_rows(struct wb_db *db, struct wb_indicators *out, struct wb_arena *a,
    struct wb_err *err)
{
	struct wb_intervention	*iv;
	size_t			 n, i;
	int			 rc;

	rc = wb_intervention_list(db, true, a, &iv, &n, err);
	if (rc != 0)
		return rc;
	out->rows = wb_arena_array(a, n + 1, sizeof(*out->rows));
	for (i = 0; i < n; i++) {
		out->rows[out->nrows].intervention = iv[i].code;
		out->rows[out->nrows].name = iv[i].name;
		out->nrows++;
	}
	if (out->scope.intervention != NULL &&
	    row_of(out, out->scope.intervention) == NULL)
		return wb_err_field(err, WB_EINVAL, "intervention", "Deze "
		    "interventie staat niet in de catalogus.");
	return 0;
}

int
wb_indicators_get(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_ind_scope *s, struct wb_arena *a,
    struct wb_indicators *out, struct wb_err *err)
{
	struct gather	g = { .a = a, .out = out };
	int		rc;

	rc = begin(actor, s, out, err);
	if (rc != 0)
		return rc;
	rc = wb_db_begin_read(db, err);
	if (rc != 0)
		return rc;
	rc = setup_rows(db, out, a, err);
	if (rc == 0) {
		g.per = wb_arena_array(a, out->nrows * WB_IND_NSTATS + 1,
		    sizeof(*g.per));
		rc = load_caseload(db, &g, err);
	}
	if (rc == 0)
		rc = load_starts(db, &g, err);
	if (rc == 0)
		rc = load_days(db, &g, query(out, Q_IND_CONTACT_REGION,
		    Q_IND_CONTACT_ORG), WB_IND_DAYS_CONTACT, err);
	if (rc == 0)
		rc = load_days(db, &g, query(out, Q_IND_FIRSTJOB_REGION,
		    Q_IND_FIRSTJOB_ORG), WB_IND_DAYS_JOB, err);
	if (rc == 0)
		rc = load_days(db, &g, query(out, Q_IND_TENURE_REGION,
		    Q_IND_TENURE_ORG), WB_IND_TENURE, err);
	wb_db_rollback(db);
	if (rc != 0) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	finish_figures(&g);
	rc = finish(out, a, err);
	if (rc != 0)
		memset(out, 0, sizeof(*out));
	return rc;
}

/* -- several quarters at once -- */

/* The same checks and header for every quarter of a trend. */
static int
begin(const struct wb_actor *actor, const struct wb_ind_scope *s,
    struct wb_indicators *out, struct wb_err *err)
{
	memset(out, 0, sizeof(*out));
	/* Aggregates are for the people who work with them; accounts and
	 * the audit log are the administrator's and auditor's. */
	switch (actor->role) {
	case WB_ROLE_PROFESSIONAL:
	case WB_ROLE_COORDINATOR:
	case WB_ROLE_MONITOR:
	case WB_ROLE_EDITOR:
		break;
	default:
		return wb_err_set(err, WB_EDENIED, "no indicators for this "
		    "role");
	}
	if ((s->region_code == NULL) == (s->org_id == 0))
		return wb_err_set(err, WB_EINVAL, "a region or an "
		    "organisation");
	/* One organisation's figures only for its own staff: seen from
	 * outside, the region's figures minus one organisation's would give
	 * the others' small counts away. */
	if (s->org_id != 0 && !(s->org_id == actor->org_id && staff(actor)))
		return wb_err_set(err, WB_EDENIED, "U ziet de cijfers van een "
		    "organisatie alleen als u er zelf werkt; kies de regio.");
	if (s->year < 2000 || s->year > 2100 || s->quarter < 1 ||
	    s->quarter > 4)
		return wb_err_field(err, WB_EINVAL, "quarter", "Kies een "
		    "kwartaal, bijvoorbeeld 2026K3.");
	out->scope = *s;
	out->threshold = WB_SUP_THRESHOLD;
	out->job_minutes = wb_ips_job_threshold();
	out->own = s->org_id != 0 && s->org_id == actor->org_id &&
	    staff(actor);
	out->total.name = "Totaal";
	wb_quarter_days(s->year, s->quarter, &out->first_day, &out->last_day);
	return 0;
}

int
wb_indicators_trend(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_ind_scope *s, int n, struct wb_arena *a,
    struct wb_indicators *out, struct wb_err *err)
{
	struct wb_indicators	 first;
	struct wb_ind_scope	 q = *s;
	struct wb_ind_row	*r;
	struct wb_stmt		*st = NULL;
	int			 i, k, rc;

	if (n < 1 || n > WB_IND_TREND_MAX)
		return wb_err_set(err, WB_EINVAL, "trend length");
	/* out[n - 1] is the quarter asked for, out[0] n - 1 before it */
	for (i = n - 1; i >= 0; i--) {
		rc = begin(actor, &q, &out[i], err);
		if (rc != 0)
			return rc;
		if (--q.quarter == 0) {
			q.quarter = 4;
			q.year--;
		}
	}
	if (out[0].scope.year < 2000)
		return wb_err_field(err, WB_EINVAL, "quarter", "Kies een "
		    "later kwartaal.");
	rc = wb_db_begin_read(db, err);
	if (rc != 0)
		return rc;
	rc = setup_rows(db, &out[0], a, err);
	for (i = 1; rc == 0 && i < n; i++) {
		out[i].rows = wb_arena_array(a, out[0].nrows + 1,
		    sizeof(*out[i].rows));
		memcpy(out[i].rows, out[0].rows, out[0].nrows *
		    sizeof(*out[i].rows));
		out[i].nrows = out[0].nrows;
	}
	/* one grouped query over the whole span: from out[0]'s first day
	 * to out[n - 1]'s last */
	first = out[0];
	first.last_day = out[n - 1].last_day;
	if (rc == 0)
		rc = wb_db_prepare(db, query(&first, Q_IND_TREND_REGION,
		    Q_IND_TREND_ORG), &st, err);
	if (rc == 0) {
		bind_scope(st, &first);
		while ((rc = wb_stmt_step(st, err)) == 1) {
			k = (int)((wb_stmt_int64(st, 0) - out[0].scope.year) *
			    4 + wb_stmt_int64(st, 1) - out[0].scope.quarter);
			if (k < 0 || k >= n)
				continue;
			r = row_of(&out[k], wb_stmt_text(st, 2));
			if (r == NULL)
				continue;
			r->count[WB_IND_CASELOAD] = wb_stmt_int64(st, 3);
			r->count[WB_IND_WORKING] = wb_stmt_int64(st, 4);
		}
		wb_stmt_release(st);
	}
	wb_db_rollback(db);
	for (i = 0; rc == 0 && i < n; i++)
		rc = finish(&out[i], a, err);
	if (rc != 0)
		memset(out, 0, (size_t)n * sizeof(*out));
	return rc;
}
