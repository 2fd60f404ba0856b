/* test_suppress.c - small-cell suppression (src/report/suppress.c).
 *
 * Hand-made 1-D and 2-D tables with the expected pattern, the 2-D case
 * where "two suppressed cells per line" still discloses a cell, and
 * randomised tables (fixed seed) checked against the rules and against an
 * independent disclosure oracle (rank test in floating point, written here
 * and not shared with the module).
 */
#include "testutil.h"

#include "base/common.h"
#include "base/buf.h"
#include "base/err.h"
#include "report/suppress.h"

#include <math.h>

enum { S = WB_SUP_SHOWN, P = WB_SUP_PRIMARY, X = WB_SUP_SECONDARY };

/* A table under test with room for 2-D tables up to 8 x 8 plus margins. */
#define MAXC	81
#define MAXS	20

struct tab {
	struct wb_sup_table	 t;
	int64_t			 value[MAXC];
	unsigned char		 state[MAXC];
	struct wb_sup_sum	 sum[MAXS];
	size_t			 parts[MAXS][MAXC];
	size_t			 rows, cols;	/* 2-D only */
};

/* A 1-D table: parts v[0..n-1] and their total in cell n. */
static void
tab_1d(struct tab *tb, const int64_t *v, size_t n)
{
	size_t	i;

	memset(tb, 0, sizeof(*tb));
	for (i = 0; i < n; i++) {
		tb->value[i] = v[i];
		tb->value[n] += v[i];
		tb->parts[0][i] = i;
	}
	tb->sum[0].total = n;
	tb->sum[0].parts = tb->parts[0];
	tb->sum[0].nparts = n;
	tb->t.ncells = n + 1;
	tb->t.value = tb->value;
	tb->t.state = tb->state;
	tb->t.nsums = 1;
	tb->t.sums = tb->sum;
	tb->t.threshold = WB_SUP_THRESHOLD;
}

/* Cell (r, c) of a 2-D table; r == rows or c == cols are the margins. */
static size_t
at(const struct tab *tb, size_t r, size_t c)
{
	return r * (tb->cols + 1) + c;
}

/* A rows x cols table v (row-major) with row totals, column totals and a
 * grand total, and its rows + 1 + cols + 1 constraints: the shape of
 * "organisations x quarters within a region". */
static void
tab_2d(struct tab *tb, const int64_t *v, size_t rows, size_t cols)
{
	size_t	r, c, s = 0;

	memset(tb, 0, sizeof(*tb));
	tb->rows = rows;
	tb->cols = cols;
	for (r = 0; r < rows; r++)
		for (c = 0; c < cols; c++) {
			int64_t	x = v[r * cols + c];

			tb->value[at(tb, r, c)] = x;
			tb->value[at(tb, r, cols)] += x;
			tb->value[at(tb, rows, c)] += x;
			tb->value[at(tb, rows, cols)] += x;
		}
	for (r = 0; r <= rows; r++, s++) {	/* every row, margins too */
		for (c = 0; c < cols; c++)
			tb->parts[s][c] = at(tb, r, c);
		tb->sum[s].total = at(tb, r, cols);
		tb->sum[s].parts = tb->parts[s];
		tb->sum[s].nparts = cols;
	}
	for (c = 0; c <= cols; c++, s++) {
		for (r = 0; r < rows; r++)
			tb->parts[s][r] = at(tb, r, c);
		tb->sum[s].total = at(tb, rows, c);
		tb->sum[s].parts = tb->parts[s];
		tb->sum[s].nparts = rows;
	}
	tb->t.ncells = (rows + 1) * (cols + 1);
	tb->t.value = tb->value;
	tb->t.state = tb->state;
	tb->t.nsums = s;
	tb->t.sums = tb->sum;
	tb->t.threshold = WB_SUP_THRESHOLD;
}

static void
run(struct tab *tb)
{
	struct wb_err	err = { 0 };
	int		rc;

	rc = wb_suppress(&tb->t, &err);
	if (rc != 0)
		fail_msg("wb_suppress: %d %s", rc, err.msg);
	assert_false(wb_sup_disclosed(&tb->t));
}

static void
expect_states(const struct tab *tb, const unsigned char *want)
{
	size_t	i;

	for (i = 0; i < tb->t.ncells; i++)
		if (tb->state[i] != want[i])
			fail_msg("cell %zu (value %lld): state %d, want %d", i,
			    (long long)tb->value[i], tb->state[i], want[i]);
}

static size_t
count_state(const struct tab *tb, int st)
{
	size_t	i, n = 0;

	for (i = 0; i < tb->t.ncells; i++)
		n += tb->state[i] == st;
	return n;
}

/* No constraint may have exactly one suppressed member. */
static void
expect_two_per_line(const struct tab *tb)
{
	size_t	i, j, n;

	for (i = 0; i < tb->t.nsums; i++) {
		n = tb->state[tb->sum[i].total] != S;
		for (j = 0; j < tb->sum[i].nparts; j++)
			n += tb->state[tb->sum[i].parts[j]] != S;
		if (n == 1)
			fail_msg("constraint %zu has one suppressed member", i);
	}
}

/* ---------- 1-D tables ------------------------------------------------- */

/* One small cell: it and the smallest other part go, the total stays. */
static void
test_1d_one_small(void **state)
{
	struct tab		 tb;
	const int64_t		 v[] = { 30, 3, 20, 45 };
	const unsigned char	 want[] = { S, P, X, S, S };

	(void)state;
	tab_1d(&tb, v, 4);
	run(&tb);
	expect_states(&tb, want);
}

/* With one other part, that part goes, not the total. */
static void
test_1d_prefers_parts(void **state)
{
	struct tab		 tb;
	const int64_t		 v[] = { 5, 100 };
	const unsigned char	 want[] = { P, X, S };

	(void)state;
	tab_1d(&tb, v, 2);
	run(&tb);
	expect_states(&tb, want);
}

static void
test_1d_all_small(void **state)
{
	struct tab		 tb;
	const int64_t		 v[] = { 1, 2, 3 };	/* total 6 */
	const unsigned char	 want[] = { P, P, P, P };

	(void)state;
	tab_1d(&tb, v, 3);
	run(&tb);
	expect_states(&tb, want);
}

/* Zeros are shown and never chosen as the partner. */
static void
test_1d_zeros(void **state)
{
	struct tab		 tb;
	const int64_t		 none[] = { 0, 0, 25 };
	const int64_t		 one[] = { 0, 5, 0, 25 };
	const int64_t		 zero[] = { 0, 0 };
	const unsigned char	 want_none[] = { S, S, S, S };
	const unsigned char	 want_one[] = { S, P, S, X, S };
	const unsigned char	 want_zero[] = { S, S, S };

	(void)state;
	tab_1d(&tb, none, 3);
	run(&tb);
	expect_states(&tb, want_none);
	tab_1d(&tb, one, 4);
	run(&tb);
	expect_states(&tb, want_one);
	tab_1d(&tb, zero, 2);
	run(&tb);
	expect_states(&tb, want_zero);
}

/* 9 is suppressed, 10 is not; and the threshold is a parameter. */
static void
test_threshold_edge(void **state)
{
	struct tab		 tb;
	const int64_t		 a[] = { 9, 10, 11 };
	const int64_t		 b[] = { 10, 10 };
	const int64_t		 c[] = { 4, 5, 6 };
	const unsigned char	 want_a[] = { P, X, S, S };
	const unsigned char	 want_b[] = { S, S, S };
	const unsigned char	 want_c5[] = { P, X, S, S };
	const unsigned char	 want_c1[] = { S, S, S, S };

	(void)state;
	tab_1d(&tb, a, 3);
	run(&tb);
	expect_states(&tb, want_a);
	tab_1d(&tb, b, 2);
	run(&tb);
	expect_states(&tb, want_b);
	tab_1d(&tb, c, 3);
	tb.t.threshold = 5;
	run(&tb);
	expect_states(&tb, want_c5);
	memset(tb.state, 0, sizeof(tb.state));
	tb.t.threshold = 1;		/* nothing is small */
	run(&tb);
	expect_states(&tb, want_c1);
	assert_true(wb_sup_small(1, 10));
	assert_true(wb_sup_small(9, 10));
	assert_false(wb_sup_small(10, 10));
	assert_false(wb_sup_small(0, 10));
	assert_false(wb_sup_small(-1, 10));
}

/* A count of a table without constraints: just rule 1. */
static void
test_no_constraints(void **state)
{
	int64_t			 v[] = { 0, 1, 9, 10, 500 };
	unsigned char		 st[5] = { 0 };
	const unsigned char	 want[] = { S, P, P, S, S };
	struct wb_sup_table	 t = { 5, v, st, 0, NULL, 10 };
	struct wb_err		 err = { 0 };

	(void)state;
	assert_int_equal(wb_suppress(&t, &err), 0);
	assert_memory_equal(st, want, 5);
	assert_false(wb_sup_disclosed(&t));
	t.ncells = 0;
	assert_int_equal(wb_suppress(&t, &err), 0);
}

/* Forced cells stay suppressed and get a partner; earlier secondary marks
 * are worked out again, so a second call gives the same states. */
static void
test_forced_and_idempotent(void **state)
{
	struct tab		 tb;
	const int64_t		 v[] = { 40, 12, 20 };
	const unsigned char	 want[] = { P, X, S, S };
	unsigned char		 first[MAXC];

	(void)state;
	tab_1d(&tb, v, 3);
	tb.state[0] = P;		/* forced, say a too-small region */
	run(&tb);
	expect_states(&tb, want);
	memcpy(first, tb.state, sizeof(first));
	run(&tb);
	assert_memory_equal(first, tb.state, tb.t.ncells);

	/* A stale secondary mark on a cell that no longer needs it. */
	tb.state[2] = X;
	run(&tb);
	expect_states(&tb, want);

	/* A forced zero next to a part equal to the total: the part is
	 * the partner, not the total (which comes first by index). */
	{
		int64_t			 w[] = { 20, 0, 20 };
		unsigned char		 st[3] = { S, P, S };
		const unsigned char	 want2[] = { S, P, X };
		const size_t		 parts[] = { 1, 2 };
		const struct wb_sup_sum	 sum = { 0, parts, 2 };
		struct wb_sup_table	 t = { 3, w, st, 1, &sum, 10 };
		struct wb_err		 err = { 0 };

		assert_int_equal(wb_suppress(&t, &err), 0);
		assert_memory_equal(st, want2, 3);
		assert_false(wb_sup_disclosed(&t));
	}
}

/* A forced zero whose value follows from the structure whatever else is
 * hidden cannot be protected: refused, never shown. */
static void
test_forced_zero_unprotectable(void **state)
{
	/* cells T=0, A=1, B=2: T = A + B and T = A, so B is always 0 */
	int64_t			 v[] = { 20, 20, 0 };
	unsigned char		 st[3] = { S, S, P };
	const size_t		 p1[] = { 1, 2 }, p2[] = { 1 };
	const struct wb_sup_sum	 sums[] = { { 0, p1, 2 }, { 0, p2, 1 } };
	struct wb_sup_table	 t = { 3, v, st, 2, sums, 10 };
	struct wb_err		 err = { 0 };

	(void)state;
	assert_int_equal(wb_suppress(&t, &err), WB_EINVAL);
	assert_non_null(strstr(err.msg, "cannot be protected"));
}

/* ---------- The checker ----------------------------------------------- */

static void
test_determined_1d(void **state)
{
	struct tab	tb;
	const int64_t	v[] = { 3, 20, 30 };
	unsigned char	det[MAXC];
	struct wb_err	err = { 0 };

	(void)state;
	tab_1d(&tb, v, 3);
	assert_false(wb_sup_disclosed(&tb.t));	/* nothing hidden */
	tb.state[0] = P;		/* 3 = 53 - 20 - 30 */
	assert_true(wb_sup_disclosed(&tb.t));
	assert_int_equal(wb_sup_determined(&tb.t, det, &err), 1);
	assert_int_equal(det[0], 1);
	assert_int_equal(det[1] + det[2] + det[3], 0);
	tb.state[1] = X;
	assert_false(wb_sup_disclosed(&tb.t));
	/* a hidden part and the hidden total: their difference is known,
	 * neither value is */
	tb.state[1] = S;
	tb.state[3] = X;
	assert_int_equal(wb_sup_determined(&tb.t, det, &err), 0);
	/* everything hidden: nothing follows */
	memset(tb.state, P, 4);
	assert_false(wb_sup_disclosed(&tb.t));
}

/* The 2-D case where every line has 0 or >= 2 suppressed cells and a cell
 * is still disclosed: two 2 x 2 blocks of small cells joined by one small
 * cell (a "bridge"), all margins shown.
 *
 *              c0  c1  c2  c3  c4 | tot
 *        r0     2   3   4  50  50 |
 *        r1     5   6  20  40  40 |
 *        r2    30  30   7   8  30 |
 *        r3    30  30   1   2  30 |
 *        r4    40  40  40  40  40 |
 *
 * r0 + r1 - c0 - c1 gives cell (r0, c2) = 4 exactly. */
static const int64_t bridge[] = {
	2, 3, 4, 50, 50,
	5, 6, 20, 40, 40,
	30, 30, 7, 8, 30,
	30, 30, 1, 2, 30,
	40, 40, 40, 40, 40,
};

static void
test_2d_naive_fails(void **state)
{
	struct tab	tb;
	unsigned char	det[MAXC];
	struct wb_err	err = { 0 };
	size_t		i;

	(void)state;
	tab_2d(&tb, bridge, 5, 5);
	for (i = 0; i < tb.t.ncells; i++)
		if (wb_sup_small(tb.value[i], 10))
			tb.state[i] = P;
	expect_two_per_line(&tb);	/* the naive rule is satisfied... */
	assert_int_equal(wb_sup_determined(&tb.t, det, &err), 1);
	assert_int_equal(det[at(&tb, 0, 2)], 1);	/* ...yet 4 is known */

	/* wb_suppress goes on until nothing is determined: one more cell,
	 * the smallest shown interior cell on the bridge's lines, (r1, c2)
	 * = 20, closes a cycle r0-c2-r1-c0 around it. */
	memset(tb.state, 0, sizeof(tb.state));
	run(&tb);
	expect_two_per_line(&tb);
	assert_int_equal(count_state(&tb, P), 9);
	assert_int_equal(count_state(&tb, X), 1);
	assert_int_equal(tb.state[at(&tb, 1, 2)], X);
	for (i = 0; i <= 5; i++) {	/* margins all shown */
		assert_int_equal(tb.state[at(&tb, i, 5)], S);
		assert_int_equal(tb.state[at(&tb, 5, i)], S);
	}
}

/* One small interior cell in 2-D: a rectangle of four cells goes. */
static void
test_2d_one_small(void **state)
{
	struct tab	tb;
	const int64_t	v[] = {
		50, 60, 70,
		40, 4, 30,
		80, 90, 20,
	};

	(void)state;
	tab_2d(&tb, v, 3, 3);
	run(&tb);
	expect_two_per_line(&tb);
	assert_int_equal(tb.state[at(&tb, 1, 1)], P);
	assert_int_equal(count_state(&tb, P), 1);
	assert_int_equal(count_state(&tb, X), 3);
	/* row 1 partner 30, column 1 partner 60, and (0, 2) = 70 closes
	 * the rectangle */
	assert_int_equal(tb.state[at(&tb, 1, 2)], X);
	assert_int_equal(tb.state[at(&tb, 0, 1)], X);
	assert_int_equal(tb.state[at(&tb, 0, 2)], X);
}

/* All interior cells small: the small margins go too, and row total 15
 * as the partner of row total 6 (else 6 = 21 - 15); the grand total
 * stays. */
static void
test_2d_all_small(void **state)
{
	struct tab	tb;
	const int64_t	v[] = {
		1, 2, 3,
		4, 5, 6,
	};
	size_t		i;

	(void)state;
	tab_2d(&tb, v, 2, 3);
	run(&tb);
	expect_two_per_line(&tb);
	for (i = 0; i < tb.t.ncells; i++)
		if (wb_sup_small(tb.value[i], 10))
			assert_int_equal(tb.state[i], P);
	assert_int_equal(count_state(&tb, P) + count_state(&tb, X) +
	    count_state(&tb, S), tb.t.ncells);
	assert_int_equal(tb.state[at(&tb, 2, 3)], S);	/* 21 */
	assert_int_equal(tb.state[at(&tb, 1, 3)], X);	/* 15 */
	assert_int_equal(count_state(&tb, X), 1);
}

/* A 2-D table with zeros and one small total. */
static void
test_2d_zeros(void **state)
{
	struct tab	tb;
	const int64_t	v[] = {
		0, 0, 0,
		0, 7, 0,
		20, 30, 40,
	};
	size_t		i;

	(void)state;
	tab_2d(&tb, v, 3, 3);
	run(&tb);
	expect_two_per_line(&tb);
	for (i = 0; i < tb.t.ncells; i++)
		if (tb.value[i] == 0)
			assert_int_equal(tb.state[i], S);
	/* 7 and its row total 7; 30 below it in its column and 90 below
	 * the row total, which also settles row 2 */
	assert_int_equal(tb.state[at(&tb, 1, 1)], P);
	assert_int_equal(tb.state[at(&tb, 1, 3)], P);
	assert_int_equal(tb.state[at(&tb, 2, 1)], X);
	assert_int_equal(tb.state[at(&tb, 2, 3)], X);
	assert_int_equal(count_state(&tb, X), 2);
}

/* ---------- Randomised tables ----------------------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: a fixed-seed generator (rand() is banned). */
static uint64_t
next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static int64_t
count(void)
{
	switch (next() % 4) {
	case 0:
		return 0;
	case 1:
		return (int64_t)(1 + next() % 9);
	case 2:
		return (int64_t)(10 + next() % 5);
	default:
		return (int64_t)(next() % 200);
	}
}

/* Independent oracle: rank of the m x k matrix in floating point with
 * partial pivoting (entries are small integers, so 1e-9 is safe). */
static size_t
rank_of(double *a, size_t m, size_t k)
{
	size_t	r = 0, c, i, j, p;
	double	f, tmp;

	for (c = 0; c < k && r < m; c++) {
		p = r;
		for (i = r; i < m; i++)
			if (fabs(a[i * k + c]) > fabs(a[p * k + c]))
				p = i;
		if (fabs(a[p * k + c]) < 1e-9)
			continue;
		for (j = 0; j < k; j++) {
			tmp = a[r * k + j];
			a[r * k + j] = a[p * k + j];
			a[p * k + j] = tmp;
		}
		for (i = r + 1; i < m; i++) {
			f = a[i * k + c] / a[r * k + c];
			for (j = c; j < k; j++)
				a[i * k + j] -= f * a[r * k + j];
		}
		r++;
	}
	return r;
}

/* Cell `skip` (or none) left out: rank of the constraint rows restricted
 * to the hidden cells. */
static size_t
oracle_rank(const struct tab *tb, size_t skip)
{
	static double	a[MAXS * MAXC];
	size_t		col[MAXC], k = 0, i, j;

	for (i = 0; i < tb->t.ncells; i++)
		col[i] = tb->state[i] != S && i != skip ? k++ : SIZE_MAX;
	if (k == 0)
		return 0;
	memset(a, 0, sizeof(a));
	for (i = 0; i < tb->t.nsums; i++) {
		if (col[tb->sum[i].total] != SIZE_MAX)
			a[i * k + col[tb->sum[i].total]] -= 1;
		for (j = 0; j < tb->sum[i].nparts; j++)
			if (col[tb->sum[i].parts[j]] != SIZE_MAX)
				a[i * k + col[tb->sum[i].parts[j]]] += 1;
	}
	return rank_of(a, tb->t.nsums, k);
}

/* Hidden cell i is determined iff dropping its column lowers the rank:
 * then e_i is in the row space. */
static void
expect_oracle(const struct tab *tb)
{
	unsigned char	det[MAXC];
	struct wb_err	err = { 0 };
	size_t		i, full;
	int		n;

	n = wb_sup_determined(&tb->t, det, &err);
	assert_true(n >= 0);
	full = oracle_rank(tb, SIZE_MAX);
	for (i = 0; i < tb->t.ncells; i++) {
		int	want = 0;

		if (tb->state[i] != S)
			want = oracle_rank(tb, i) + 1 == full;
		if (det[i] != want)
			fail_msg("cell %zu: determined %d, oracle %d", i,
			    det[i], want);
		n -= det[i];
	}
	assert_int_equal(n, 0);
}

/* The checker agrees with the oracle on random hidden patterns. */
static void
test_checker_vs_oracle(void **state)
{
	struct tab	tb;
	int64_t		v[64];
	size_t		iter, i, rows, cols;

	(void)state;
	for (iter = 0; iter < 400; iter++) {
		rows = 1 + next() % 6;
		cols = 1 + next() % 6;
		for (i = 0; i < rows * cols; i++)
			v[i] = count();
		tab_2d(&tb, v, rows, cols);
		for (i = 0; i < tb.t.ncells; i++)
			tb.state[i] = next() % 3 == 0 ? P : S;
		expect_oracle(&tb);
	}
}

/* 1-D: nothing >= the threshold is suppressed without need, i.e. exactly
 * one secondary cell when exactly one cell is small, and it is the
 * smallest non-zero shown part (the total only when no part is left). */
static void
test_random_1d(void **state)
{
	struct tab	tb;
	int64_t		v[12];
	size_t		iter, i, n, np, nx, want;

	(void)state;
	for (iter = 0; iter < 3000; iter++) {
		n = 1 + next() % 10;
		for (i = 0; i < n; i++)
			v[i] = count();
		tab_1d(&tb, v, n);
		run(&tb);
		expect_oracle(&tb);
		expect_two_per_line(&tb);
		np = count_state(&tb, P);
		nx = count_state(&tb, X);
		for (i = 0; i <= n; i++)
			assert_int_equal(tb.state[i] == P,
			    wb_sup_small(tb.value[i], 10));
		if (np != 1) {
			assert_int_equal(nx, 0);
			continue;
		}
		assert_int_equal(nx, 1);
		want = SIZE_MAX;
		for (i = 0; i < n; i++)
			if (tb.state[i] != P && tb.value[i] > 0 &&
			    (want == SIZE_MAX || tb.value[i] < tb.value[want]))
				want = i;
		if (want == SIZE_MAX)
			want = n;
		assert_int_equal(tb.state[want], X);
	}
}

/* 2-D: nothing disclosed, every small cell primary, no zero hidden, every
 * line two-or-none, and a second run changes nothing. */
static void
test_random_2d(void **state)
{
	struct tab	tb;
	int64_t		v[64];
	unsigned char	first[MAXC];
	size_t		iter, i, rows, cols, extra = 0;

	(void)state;
	for (iter = 0; iter < 1500; iter++) {
		rows = 1 + next() % 7;
		cols = 1 + next() % 7;
		for (i = 0; i < rows * cols; i++)
			v[i] = count();
		tab_2d(&tb, v, rows, cols);
		run(&tb);
		expect_two_per_line(&tb);
		for (i = 0; i < tb.t.ncells; i++) {
			assert_int_equal(tb.state[i] == P,
			    wb_sup_small(tb.value[i], 10));
			if (tb.value[i] == 0)
				assert_int_equal(tb.state[i], S);
		}
		memcpy(first, tb.state, sizeof(first));
		run(&tb);
		assert_memory_equal(first, tb.state, tb.t.ncells);
		extra += count_state(&tb, X);
	}
	assert_true(extra > 0);
}

/* ---------- Derived figures and text ---------------------------------- */

static void
test_derived(void **state)
{
	struct tab	tb;
	const int64_t	v[] = { 9, 10, 40, 0, 100 };	/* total 159 */

	(void)state;
	tab_1d(&tb, v, 5);
	run(&tb);
	/* 9 primary, 10 its partner */
	assert_false(wb_sup_shown(&tb.t, 0));
	assert_false(wb_sup_shown(&tb.t, 1));
	assert_true(wb_sup_shown(&tb.t, 2));
	assert_false(wb_sup_shown(&tb.t, 99));
	assert_true(wb_sup_rate_shown(&tb.t, 2, 5));	/* 40 / 159 */
	assert_true(wb_sup_rate_shown(&tb.t, 4, 5));
	assert_false(wb_sup_rate_shown(&tb.t, 0, 5));	/* hidden 9 */
	assert_false(wb_sup_rate_shown(&tb.t, 1, 5));	/* hidden 10 */
	assert_false(wb_sup_rate_shown(&tb.t, 3, 5));	/* 0 < 10 */
	assert_false(wb_sup_rate_shown(&tb.t, 2, 3));	/* / 0 */
	assert_false(wb_sup_rate_shown(&tb.t, 2, 77));
	assert_true(wb_sup_stat_shown(&tb.t, 2));
	assert_false(wb_sup_stat_shown(&tb.t, 1));	/* 10, but hidden */
	assert_false(wb_sup_stat_shown(&tb.t, 3));

	/* exactly at the threshold, both shown */
	{
		const int64_t	w[] = { 10, 10 };

		tab_1d(&tb, w, 2);
		run(&tb);
		assert_true(wb_sup_rate_shown(&tb.t, 0, 2));
		assert_true(wb_sup_stat_shown(&tb.t, 0));
		tb.t.threshold = 11;
		assert_false(wb_sup_rate_shown(&tb.t, 0, 2));
		assert_false(wb_sup_stat_shown(&tb.t, 0));
	}
}

static const char *
tr_en(const void *ctx, const char *msgid)
{
	(void)ctx;
	if (strcmp(msgid, "minder dan {n}, niet getoond") == 0)
		return "fewer than {n}, not shown";
	return msgid;
}

static const char *
tr_null(const void *ctx, const char *msgid)
{
	(void)ctx;
	(void)msgid;
	return NULL;
}

static const char *
tr_plain(const void *ctx, const char *msgid)
{
	(void)ctx;
	(void)msgid;
	return "hidden";
}

static void
test_text(void **state)
{
	struct tab	tb;
	const int64_t	v[] = { 3, 0, 1234 };
	char		buf[WB_SUP_TEXT];
	struct wb_buf	b;

	(void)state;
	tab_1d(&tb, v, 3);
	run(&tb);
	assert_string_equal(wb_sup_text(&tb.t, 0, buf), "<10");
	assert_string_equal(wb_sup_text(&tb.t, 1, buf), "0");
	assert_string_equal(wb_sup_text(&tb.t, 2, buf), "<10");
	assert_string_equal(wb_sup_text(&tb.t, 3, buf), "1237");
	assert_string_equal(wb_sup_text(&tb.t, 4, buf), "");
	tb.t.threshold = 5;
	assert_string_equal(wb_sup_text(&tb.t, 0, buf), "<5");

	wb_buf_init(&b, 1024);
	wb_sup_reason(&b, 10, NULL, NULL);
	assert_string_equal(wb_buf_cstr(&b), "minder dan 10, niet getoond");
	wb_buf_reset(&b);
	wb_sup_reason(&b, 15, tr_en, NULL);
	assert_string_equal(wb_buf_cstr(&b), "fewer than 15, not shown");
	wb_buf_reset(&b);
	wb_sup_reason(&b, 10, tr_null, NULL);
	assert_string_equal(wb_buf_cstr(&b), "minder dan 10, niet getoond");
	wb_buf_reset(&b);
	wb_sup_reason(&b, 10, tr_plain, NULL);
	assert_string_equal(wb_buf_cstr(&b), "hidden");
	wb_buf_free(&b);
}

/* ---------- Refusals -------------------------------------------------- */

static void
expect_refused(struct wb_sup_table *t, int code, const char *what)
{
	struct wb_err	err = { 0 };

	assert_int_equal(wb_suppress(t, &err), code);
	if (strstr(err.msg, what) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, what);
}

static void
test_refusals(void **state)
{
	struct tab		tb;
	const int64_t		v[] = { 20, 30 };
	static const size_t	bad_parts[] = { 0, 7 }, self[] = { 0, 2 };
	struct wb_sup_sum	bad;

	(void)state;
	tab_1d(&tb, v, 2);
	tb.t.threshold = 0;
	expect_refused(&tb.t, WB_EINVAL, "threshold");

	tab_1d(&tb, v, 2);
	tb.value[1] = -1;
	tb.value[2] = 19;
	expect_refused(&tb.t, WB_EINVAL, "negative");

	tab_1d(&tb, v, 2);
	tb.value[2] = 51;
	expect_refused(&tb.t, WB_EINVAL, "does not add up");

	tab_1d(&tb, v, 2);
	tb.state[0] = 3;
	expect_refused(&tb.t, WB_EINVAL, "state");

	tab_1d(&tb, v, 2);
	bad = tb.sum[0];
	bad.parts = bad_parts;
	tb.t.sums = &bad;
	expect_refused(&tb.t, WB_EINVAL, "out of range");
	bad.parts = self;
	expect_refused(&tb.t, WB_EINVAL, "out of range");
	bad.parts = NULL;
	expect_refused(&tb.t, WB_EINVAL, "malformed");
	bad.parts = self;
	bad.total = 3;
	expect_refused(&tb.t, WB_EINVAL, "malformed");

	tab_1d(&tb, v, 2);
	tb.t.ncells = WB_SUP_MAX_CELLS + 1;
	expect_refused(&tb.t, WB_ETOOBIG, "cells");
	assert_true(wb_sup_disclosed(&tb.t));	/* safe answer */
	tab_1d(&tb, v, 2);
	tb.t.nsums = WB_SUP_MAX_SUMS + 1;
	expect_refused(&tb.t, WB_ETOOBIG, "sums");
	assert_true(wb_sup_disclosed(&tb.t));
}

/* A table of exactly WB_SUP_MAX_CELLS cells is accepted. */
static void
test_limit(void **state)
{
	int64_t			*v;
	unsigned char		*st;
	size_t			*parts, i, n = WB_SUP_MAX_CELLS - 1;
	struct wb_sup_sum	 sum;
	struct wb_sup_table	 t;
	struct wb_err		 err = { 0 };

	(void)state;
	v = calloc(n + 1, sizeof(*v));
	st = calloc(n + 1, 1);
	parts = calloc(n, sizeof(*parts));
	assert_non_null(v);
	assert_non_null(st);
	assert_non_null(parts);
	for (i = 0; i < n; i++) {
		v[i] = i % 3 == 0 ? 5 : 50;
		v[n] += v[i];
		parts[i] = i;
	}
	sum.total = n;
	sum.parts = parts;
	sum.nparts = n;
	t.ncells = n + 1;
	t.value = v;
	t.state = st;
	t.nsums = 1;
	t.sums = &sum;
	t.threshold = 10;
	assert_int_equal(wb_suppress(&t, &err), 0);
	assert_false(wb_sup_disclosed(&t));
	for (i = 0; i < n; i++)
		assert_int_equal(st[i], i % 3 == 0 ? P : S);
	free(parts);
	free(st);
	free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_1d_one_small),
		cmocka_unit_test(test_1d_prefers_parts),
		cmocka_unit_test(test_1d_all_small),
		cmocka_unit_test(test_1d_zeros),
		cmocka_unit_test(test_threshold_edge),
		cmocka_unit_test(test_no_constraints),
		cmocka_unit_test(test_forced_and_idempotent),
		cmocka_unit_test(test_forced_zero_unprotectable),
		cmocka_unit_test(test_determined_1d),
		cmocka_unit_test(test_2d_naive_fails),
		cmocka_unit_test(test_2d_one_small),
		cmocka_unit_test(test_2d_all_small),
		cmocka_unit_test(test_2d_zeros),
		cmocka_unit_test(test_checker_vs_oracle),
		cmocka_unit_test(test_random_1d),
		cmocka_unit_test(test_random_2d),
		cmocka_unit_test(test_derived),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
