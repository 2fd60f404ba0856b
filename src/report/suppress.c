/* suppress.c - small-cell suppression and the exact disclosure check. */
#include "report/suppress.h"
#include "base/mem.h"

#define NONE	SIZE_MAX

struct work;

static int	validate(const struct wb_sup_table *, bool, struct wb_err *);
static bool	hidden(const struct wb_sup_table *, size_t);
static bool	better(const int *, const int *);
static int	key_value(int64_t);
static void	work_init(struct work *, struct wb_sup_table *);
static void	work_free(struct work *);
static void	hide(struct work *, size_t, int);
static bool	settles_other(const struct work *, size_t, size_t);
static void	two_per_line(struct work *);
static size_t	next_to(struct work *, size_t);
static uint64_t	mag(int64_t);
static uint64_t	gcd(uint64_t, uint64_t);
static bool	eliminate(int64_t *, const int64_t *, size_t, size_t);

/* Check the table's shape (and, when `full`, its counts and sums). */
static int
validate(const struct wb_sup_table *t, bool full, struct wb_err *err)
{
	size_t	i, j;

	if (t->ncells > WB_SUP_MAX_CELLS)
		return wb_err_set(err, WB_ETOOBIG, "suppress: %zu cells, at "
		    "most %d", t->ncells, WB_SUP_MAX_CELLS);
	if (t->nsums > WB_SUP_MAX_SUMS)
		return wb_err_set(err, WB_ETOOBIG, "suppress: %zu sums, at "
		    "most %d", t->nsums, WB_SUP_MAX_SUMS);
	if (t->threshold < 1)
		return wb_err_set(err, WB_EINVAL, "suppress: threshold %d",
		    t->threshold);
	if ((t->ncells > 0 && (t->value == NULL || t->state == NULL)) ||
	    (t->nsums > 0 && t->sums == NULL))
		return wb_err_set(err, WB_EINVAL, "suppress: missing array");
	for (i = 0; i < t->ncells; i++) {
		if (full && t->value[i] < 0)
			return wb_err_set(err, WB_EINVAL, "suppress: cell %zu "
			    "is negative", i);
		if (t->state[i] > WB_SUP_SECONDARY)
			return wb_err_set(err, WB_EINVAL, "suppress: cell %zu "
			    "has state %d", i, t->state[i]);
	}
	for (i = 0; i < t->nsums; i++) {
		const struct wb_sup_sum	*s = &t->sums[i];
		int64_t			 sum = 0;

		if (s->total >= t->ncells || s->nparts == 0 ||
		    s->parts == NULL)
			return wb_err_set(err, WB_EINVAL, "suppress: sum %zu "
			    "is malformed", i);
		for (j = 0; j < s->nparts; j++) {
			if (s->parts[j] >= t->ncells ||
			    s->parts[j] == s->total)
				return wb_err_set(err, WB_EINVAL, "suppress: "
				    "sum %zu part %zu is out of range", i, j);
			if (full && __builtin_add_overflow(sum,
			    t->value[s->parts[j]], &sum))
				return wb_err_set(err, WB_EINVAL, "suppress: "
				    "sum %zu overflows", i);
		}
		if (full && sum != t->value[s->total])
			return wb_err_set(err, WB_EINVAL, "suppress: sum %zu "
			    "does not add up", i);
	}
	return 0;
}

static bool
hidden(const struct wb_sup_table *t, size_t i)
{
	return t->state[i] != WB_SUP_SHOWN;
}

/* Candidate keys compare lexicographically; the smaller key wins.  The
 * last element is the cell index, so there are no ties. */
#define NKEY	5

static bool
better(const int *a, const int *b)
{
	int	i;

	for (i = 0; i < NKEY; i++)
		if (a[i] != b[i])
			return a[i] < b[i];
	return false;
}

/* Saturate a count into an int for a key (counts beyond INT_MAX tie). */
static int
key_value(int64_t v)
{
	return v > INT32_MAX ? INT32_MAX : (int)v;
}

/* What wb_suppress() works with: for every cell the constraints it is a
 * member of (in[start[i] .. start[i + 1] - 1]), for every constraint how
 * many of its members are suppressed, and scratch. */
struct work {
	struct wb_sup_table	*t;
	size_t			*start;
	size_t			*in;
	size_t			*hid;
	unsigned char		*is_total;
	unsigned char		*near;
	unsigned char		*det;
};

static void
work_init(struct work *w, struct wb_sup_table *t)
{
	size_t	i, j, n = 0, *fill;

	w->t = t;
	w->start = wb_xcalloc(t->ncells + 1, sizeof(*w->start));
	for (i = 0; i < t->nsums; i++) {
		w->start[t->sums[i].total + 1]++;
		for (j = 0; j < t->sums[i].nparts; j++)
			w->start[t->sums[i].parts[j] + 1]++;
		n += 1 + t->sums[i].nparts;
	}
	for (i = 0; i < t->ncells; i++)
		w->start[i + 1] += w->start[i];
	w->in = wb_xcalloc(n > 0 ? n : 1, sizeof(*w->in));
	fill = wb_xcalloc(t->ncells, sizeof(*fill));
	for (i = 0; i < t->nsums; i++) {
		size_t	c = t->sums[i].total;

		w->in[w->start[c] + fill[c]++] = i;
		for (j = 0; j < t->sums[i].nparts; j++) {
			c = t->sums[i].parts[j];
			w->in[w->start[c] + fill[c]++] = i;
		}
	}
	free(fill);
	w->hid = wb_xcalloc(t->nsums > 0 ? t->nsums : 1, sizeof(*w->hid));
	w->is_total = wb_xcalloc(t->ncells, 1);
	w->near = wb_xcalloc(t->ncells, 1);
	w->det = wb_xcalloc(t->ncells, 1);
	for (i = 0; i < t->nsums; i++)
		w->is_total[t->sums[i].total] = 1;
}

static void
work_free(struct work *w)
{
	free(w->det);
	free(w->near);
	free(w->is_total);
	free(w->hid);
	free(w->in);
	free(w->start);
}

/* Suppress cell c (as `st`) and count it in its constraints. */
static void
hide(struct work *w, size_t c, int st)
{
	size_t	k;

	w->t->state[c] = (unsigned char)st;
	for (k = w->start[c]; k < w->start[c + 1]; k++)
		w->hid[w->in[k]]++;
}

/* True when cell c is a member of a constraint other than `s` that has
 * exactly one suppressed member: suppressing c settles that one too. */
static bool
settles_other(const struct work *w, size_t c, size_t s)
{
	size_t	k;

	for (k = w->start[c]; k < w->start[c + 1]; k++)
		if (w->in[k] != s && w->hid[w->in[k]] == 1)
			return true;
	return false;
}

/* Rule 2: while a constraint has exactly one suppressed member, suppress
 * its smallest non-zero shown member, parts before the total.  Among
 * those, a member that also settles another constraint with one
 * suppressed member goes first (one cell instead of a chain of them: the
 * rectangle of four cells around one small cell in a 2-D table).  A zero
 * is taken only when nothing else is left (a forced zero's constraint). */
static void
two_per_line(struct work *w)
{
	struct wb_sup_table	*t = w->t;
	bool			 changed;
	size_t			 i, j, m, pick;
	int			 key[NKEY], best[NKEY];

	do {
		changed = false;
		for (i = 0; i < t->nsums; i++) {
			const struct wb_sup_sum	*s = &t->sums[i];

			if (w->hid[i] != 1)
				continue;
			pick = NONE;
			for (j = 0; j <= s->nparts; j++) {
				m = j < s->nparts ? s->parts[j] : s->total;
				if (hidden(t, m))
					continue;
				key[0] = t->value[m] == 0;
				key[1] = m == s->total;
				key[2] = !settles_other(w, m, i);
				key[3] = key_value(t->value[m]);
				key[4] = (int)m;
				if (pick == NONE || better(key, best)) {
					memcpy(best, key, sizeof(best));
					pick = m;
				}
			}
			if (WB_NEVER(pick == NONE))
				continue;	/* members >= 2, one hidden */
			hide(w, pick, WB_SUP_SECONDARY);
			changed = true;
		}
	} while (changed);
}

/* Rule 3: the shown cell to suppress so that determined cell `e` gets a
 * partner: non-zero before zero, sharing a constraint with `e` before
 * elsewhere, interior cells before totals, then the smallest.  NONE when
 * every cell is suppressed. */
static size_t
next_to(struct work *w, size_t e)
{
	const struct wb_sup_table	*t = w->t;
	size_t				 i, j, k, pick = NONE;
	int				 key[NKEY], best[NKEY];

	memset(w->near, 0, t->ncells);
	for (k = w->start[e]; k < w->start[e + 1]; k++) {
		const struct wb_sup_sum	*s = &t->sums[w->in[k]];

		w->near[s->total] = 1;
		for (j = 0; j < s->nparts; j++)
			w->near[s->parts[j]] = 1;
	}
	for (i = 0; i < t->ncells; i++) {
		if (hidden(t, i))
			continue;
		key[0] = t->value[i] == 0;
		key[1] = !w->near[i];
		key[2] = w->is_total[i];
		key[3] = key_value(t->value[i]);
		key[4] = (int)i;
		if (pick == NONE || better(key, best)) {
			memcpy(best, key, sizeof(best));
			pick = i;
		}
	}
	return pick;
}

int
wb_suppress(struct wb_sup_table *t, struct wb_err *err)
{
	struct work	w;
	size_t		i, e, pick;
	int		rc;

	rc = validate(t, true, err);
	if (rc != 0)
		return rc;
	if (t->ncells == 0)
		return 0;
	work_init(&w, t);
	for (i = 0; i < t->ncells; i++) {
		if (t->state[i] == WB_SUP_SECONDARY)
			t->state[i] = WB_SUP_SHOWN;
		if (t->state[i] == WB_SUP_PRIMARY ||
		    wb_sup_small(t->value[i], t->threshold))
			hide(&w, i, WB_SUP_PRIMARY);
	}
	for (;;) {
		two_per_line(&w);
		rc = wb_sup_determined(t, w.det, err);
		if (rc < 0)
			goto out;
		if (rc == 0)
			break;
		for (e = 0; w.det[e] == 0; e++)
			;
		pick = next_to(&w, e);
		if (pick == NONE) {
			rc = wb_err_set(err, WB_EINVAL, "suppress: cell %zu "
			    "cannot be protected", e);
			goto out;
		}
		hide(&w, pick, WB_SUP_SECONDARY);
	}
	rc = 0;
out:
	work_free(&w);
	return rc;
}

static uint64_t
mag(int64_t x)
{
	return x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
}

static uint64_t
gcd(uint64_t a, uint64_t b)
{
	uint64_t	r;

	while (b != 0) {
		r = a % b;
		a = b;
		b = r;
	}
	return a;
}

/* Row operation of the elimination: ri := g*ri - f*rp with f = ri[c] and
 * g = rp[c] first divided by their gcd, so ri[c] becomes 0; then ri is
 * divided by the gcd of its entries.  False when an entry would not fit
 * (INT64_MIN is refused too, so magnitudes always fit). */
static bool
eliminate(int64_t *ri, const int64_t *rp, size_t c, size_t k)
{
	int64_t		f = ri[c], g = rp[c], x, y;
	uint64_t	d;
	size_t		j;

	d = gcd(mag(f), mag(g));
	f /= (int64_t)d;
	g /= (int64_t)d;
	d = 0;
	for (j = 0; j < k; j++) {
		if (__builtin_mul_overflow(g, ri[j], &x) ||
		    __builtin_mul_overflow(f, rp[j], &y) ||
		    __builtin_sub_overflow(x, y, &ri[j]) || ri[j] == INT64_MIN)
			return false;
		d = gcd(d, mag(ri[j]));
	}
	if (d > 1)
		for (j = 0; j < k; j++)
			ri[j] /= (int64_t)d;
	return true;
}

int
wb_sup_determined(const struct wb_sup_table *t, unsigned char *det,
    struct wb_err *err)
{
	size_t		*col = NULL, *cell = NULL, *pivot = NULL;
	int64_t		*a = NULL, **row = NULL, *tmp;
	size_t		 i, j, k = 0, m = 0, r, rank = 0, c, nz, sz;
	int		 rc, n = 0;

	rc = validate(t, false, err);
	if (rc != 0)
		return rc;
	if (t->ncells == 0)
		return 0;
	memset(det, 0, t->ncells);
	col = wb_xcalloc(t->ncells, sizeof(*col));
	cell = wb_xcalloc(t->ncells, sizeof(*cell));
	for (i = 0; i < t->ncells; i++) {
		col[i] = NONE;
		if (hidden(t, i)) {
			col[i] = k;
			cell[k++] = i;
		}
	}
	if (k == 0)
		goto out;

	/* One row per constraint with a suppressed member:
	 * sum(parts) - total, restricted to the suppressed columns. */
	if (!wb_mul_ok(t->nsums, k, &sz)) {
		rc = wb_err_set(err, WB_ETOOBIG, "suppress: matrix too big");
		goto out;
	}
	a = wb_xcalloc(sz > 0 ? sz : 1, sizeof(*a));
	row = wb_xcalloc(t->nsums > 0 ? t->nsums : 1, sizeof(*row));
	for (i = 0; i < t->nsums; i++) {
		const struct wb_sup_sum	*s = &t->sums[i];
		int64_t			*rw = a + m * k;
		bool			 any = false;

		if (col[s->total] != NONE) {
			rw[col[s->total]] -= 1;
			any = true;
		}
		for (j = 0; j < s->nparts; j++)
			if (col[s->parts[j]] != NONE) {
				rw[col[s->parts[j]]] += 1;
				any = true;
			}
		if (any)
			row[m++] = rw;
	}

	/* Exact Gauss-Jordan: after this, row[p] for p < rank has its pivot
	 * in column pivot[p] and 0 in every other pivot column. */
	pivot = wb_xcalloc(m > 0 ? m : 1, sizeof(*pivot));
	for (c = 0; c < k && rank < m; c++) {
		size_t	best = NONE;

		for (r = rank; r < m; r++)
			if (row[r][c] != 0 && (best == NONE ||
			    mag(row[r][c]) < mag(row[best][c])))
				best = r;
		if (best == NONE)
			continue;	/* a free column */
		tmp = row[rank];
		row[rank] = row[best];
		row[best] = tmp;
		for (r = 0; r < m; r++) {
			if (r == rank || row[r][c] == 0)
				continue;
			if (!eliminate(row[r], row[rank], c, k)) {
				rc = wb_err_set(err, WB_ETOOBIG, "suppress: "
				    "elimination overflows");
				goto out;
			}
		}
		pivot[rank++] = c;
	}

	/* x[pivot] is determined iff its row has no free column left. */
	for (r = 0; r < rank; r++) {
		nz = 0;
		for (j = 0; j < k; j++)
			nz += row[r][j] != 0;
		if (nz == 1) {
			det[cell[pivot[r]]] = 1;
			n++;
		}
	}
out:
	free(pivot);
	free(row);
	free(a);
	free(cell);
	free(col);
	return rc != 0 ? rc : n;
}

bool
wb_sup_disclosed(const struct wb_sup_table *t)
{
	unsigned char	*det;
	int		 n;

	if (t->ncells == 0 || t->ncells > WB_SUP_MAX_CELLS)
		return t->ncells != 0;
	det = wb_xcalloc(t->ncells, 1);
	n = wb_sup_determined(t, det, NULL);
	free(det);
	return n != 0;
}

bool
wb_sup_small(int64_t v, int threshold)
{
	return v >= 1 && v < threshold;
}

bool
wb_sup_shown(const struct wb_sup_table *t, size_t i)
{
	return i < t->ncells && t->state[i] == WB_SUP_SHOWN;
}

bool
wb_sup_rate_shown(const struct wb_sup_table *t, size_t num, size_t den)
{
	return wb_sup_shown(t, num) && wb_sup_shown(t, den) &&
	    t->value[num] >= t->threshold && t->value[den] >= t->threshold;
}

bool
wb_sup_stat_shown(const struct wb_sup_table *t, size_t n)
{
	return wb_sup_shown(t, n) && t->value[n] >= t->threshold;
}

const char *
wb_sup_text(const struct wb_sup_table *t, size_t i, char buf[WB_SUP_TEXT])
{
	buf[0] = '\0';
	if (i >= t->ncells)
		return buf;
	if (t->state[i] != WB_SUP_SHOWN)
		(void)snprintf(buf, WB_SUP_TEXT, "<%d", t->threshold);
	else
		(void)snprintf(buf, WB_SUP_TEXT, "%lld",
		    (long long)t->value[i]);
	return buf;
}

void
wb_sup_reason(struct wb_buf *out, int threshold, wb_report_tr_fn tr,
    const void *trctx)
{
	static const char	 msgid[] = "minder dan {n}, niet getoond";
	const char		*s = NULL, *p;

	if (tr != NULL)
		s = tr(trctx, msgid);
	if (s == NULL)
		s = msgid;
	p = strstr(s, "{n}");
	if (p == NULL) {
		wb_buf_puts(out, s);
		return;
	}
	wb_buf_append(out, s, (size_t)(p - s));
	wb_buf_printf(out, "%d", threshold);
	wb_buf_puts(out, p + 3);
}
