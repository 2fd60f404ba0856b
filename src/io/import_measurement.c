/* import_measurement.c - the rows of a file of measurements (metingen)
 * for outcome_import.c: check each row (instrument, answers or value,
 * the category of data the policy must grant), find the duplicates once
 * every row is read by sorting the file's rows with what is stored, and
 * write the rows in that order, WB_IMPORT_BATCH to a statement.
 */
#include "io/import_impl.h"
#include "base/mem.h"
#include "base/str.h"
#include "domain/instrument.h"

#include <strings.h>

#define WB_IMPORT_BATCH	16		/* rows of ..._BATCH */

/* A measurement's sort key (client by id, instrument, day) and its row
 * (UINT32_MAX: one stored in werkbrug). */
struct pair {
	uint64_t	 key;
	uint32_t	 idx;
};

static void	radix_sort(struct pair *p, size_t n);

/* ---------- checking rows ---------------------------------------------- */

int
imp_measurement_check(struct ctx *c, size_t line)
{
	const struct wb_instrument *ins = NULL;
	struct m_row	 r = { .line = line };
	struct client	*k = NULL;
	struct wb_err	 ve;
	const char	*v = c->v[C_INSTRUMENT];
	const size_t	 before = c->res->nproblems;
	int		 items[WB_INSTRUMENT_MAXITEMS], total = 0, rc;
	int64_t		 value = 0;
	size_t		 i, n;

	if (!imp_blank(v)) {
		for (i = 0; wb_instruments[i] != NULL && ins == NULL; i++)
			if (strcasecmp(wb_instruments[i]->code, v) == 0 ||
			    strcasecmp(wb_instruments[i]->name, v) == 0) {
				ins = wb_instruments[i];
				r.ins = (uint8_t)i;
			}
		if (ins == NULL && strcasecmp(v, "participatieladder") == 0) {
			ins = wb_instrument_get("ladder");
			for (i = 0; wb_instruments[i] != ins; i++)
				continue;
			r.ins = (uint8_t)i;
		}
	}
	if (ins == NULL)
		imp_problem(c, line, C_INSTRUMENT, "kies een instrument: "
		    "ladder, phq9, gad7, k10, oq45, scl90, honos, mansa of "
		    "whodas12");
	rc = imp_client_of(c, line, ins != NULL ? ins->category : WB_CAT_WORK,
	    ins != NULL && ins->category == WB_CAT_HEALTH ?
	    "gezondheidsgegevens (klachtenmetingen)" :
	    "werk- en inkomensgegevens (de participatieladder)", &k);
	if (rc != 0)
		return rc;
	(void)imp_get_day(c, line, C_DATE, true, &r.day);
	v = c->v[C_VALUE];
	if (!imp_blank(v) && wb_parse_int64(v, strlen(v), -9999, 9999,
	    &value) != 0) {
		imp_problem(c, line, C_VALUE, "geen geheel getal");
		v = NULL;
	}
	if (ins == NULL) {
		/* nothing more to check */
	} else if (ins->kind == WB_INSTRUMENT_QUESTIONNAIRE) {
		const char *s = c->v[C_ITEMS];

		n = strspn(s, "0123456789");
		rc = imp_blank(s) ? wb_err_field(&ve, WB_EINVAL, "items",
		    "Vul de antwoorden in, bijvoorbeeld 0,1,2,...") :
		    n == strlen(s) && n == (size_t)ins->nitems ?
		    wb_instrument_items_parse(ins, s, items, WB_NELEM(items),
		    &ve) : wb_instrument_items_parse_list(ins, s, items,
		    WB_NELEM(items), &ve);
		if (rc == 0)
			rc = wb_instrument_score(ins, items,
			    (size_t)ins->nitems, &total, &ve);
		if (rc != 0)
			imp_problem(c, line, C_ITEMS, "%s", ve.msg);
		else if (!imp_blank(v) && value != total)
			imp_problem(c, line, C_VALUE, "de totaalscore klopt "
			    "niet met de antwoorden (laat value leeg; werkbrug "
			    "telt zelf)");
		else {
			wb_instrument_items_format(items, (size_t)ins->nitems,
			    r.items, sizeof(r.items));
			r.value = (int16_t)total;
		}
	} else {
		if (!imp_blank(c->v[C_ITEMS]))
			imp_problem(c, line, C_ITEMS, "alleen bij een "
			    "vragenlijst (phq9, gad7, k10); %s krijgt een "
			    "waarde (value)",
			    ins->code);
		if (imp_blank(c->v[C_VALUE]))
			imp_problem(c, line, C_VALUE, "%s", ins->kind ==
			    WB_INSTRUMENT_LADDER ? "vul de trede van de "
			    "participatieladder in (1-6)" : "vul de "
			    "totaalscore in");
		else if (v != NULL && wb_instrument_check_value(ins,
		    (int)value, &ve) != 0)
			imp_problem(c, line, C_VALUE, "%s", ve.msg);
		else
			r.value = (int16_t)value;
	}
	/* Duplicates are found once every row is read
	 * (imp_measurement_dups). */
	if (c->res->nproblems > before || k == NULL)
		return 0;
	r.k = (uint32_t)(k - c->clients);
	memcpy(imp_push_row(c), &r, sizeof(r));
	c->nrows++;
	k->rows++;
	return 0;
}

/* Sort p[0..n) by key, stably (equal keys keep their order): LSD radix
 * on 16-bit digits, skipping the digits every key shares. */
static void
radix_sort(struct pair *p, size_t n)
{
	struct pair	*tmp, *src = p, *dst;
	size_t		*count, i, sum, c;
	unsigned	 shift;

	if (n < 2)
		return;
	tmp = wb_xcalloc(n, sizeof(*tmp));
	count = wb_xcalloc(65536, sizeof(*count));
	dst = tmp;
	for (shift = 0; shift < 64; shift += 16) {
		memset(count, 0, 65536 * sizeof(*count));
		for (i = 0; i < n; i++)
			count[(src[i].key >> shift) & 0xffff]++;
		if (count[(src[0].key >> shift) & 0xffff] == n)
			continue;
		for (i = 0, sum = 0; i < 65536; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[count[(src[i].key >> shift) & 0xffff]++] = src[i];
		src = dst;
		dst = src == p ? tmp : p;
	}
	if (src != p)
		memcpy(p, src, n * sizeof(*p));
	free(count);
	free(tmp);
}

/* Order the measurement rows by client, instrument and day, with what is
 * stored already for the actor's clients, and report every row whose
 * client, instrument and day come twice: in werkbrug, or on an earlier
 * line.  What is left in c->order is the writing order. */
int
imp_measurement_dups(struct ctx *c)
{
	const struct m_row	*rows = c->rows;
	struct wb_stmt		*st = NULL;
	struct pair		*p;
	size_t			 n = 0, cap, i, j, run, *rank, k;
	bool			 stored;
	int			 rc = 0;

	/* The clients' ranks by id. */
	rank = wb_xcalloc(c->nclients + 1, sizeof(*rank));
	p = wb_xcalloc(c->nclients + 1, sizeof(*p));
	for (i = 0; i < c->nclients; i++) {
		p[i].key = (uint64_t)c->clients[i].id;
		p[i].idx = (uint32_t)i;
	}
	radix_sort(p, c->nclients);
	for (i = 0; i < c->nclients; i++)
		rank[p[i].idx] = i;
	free(p);

	cap = c->nrows + 1024;
	p = wb_xcalloc(cap, sizeof(*p));
#define MKEY(r, ins, day) ((uint64_t)(r) << 28 | (uint64_t)(ins) << 24 | \
	    imp_day_key(day))
	for (i = 0; i < c->nrows; i++) {
		p[n].key = MKEY(rank[rows[i].k], rows[i].ins, rows[i].day);
		p[n++].idx = (uint32_t)i;
	}
	if (c->db != NULL && c->nrows > 0) {
		rc = wb_db_prepare(c->db, Q_IMPORT_MEASUREMENT_KEYS, &st,
		    c->err);
		if (rc != 0)
			goto out;
		wb_stmt_bind_int64(st, 1, c->actor->user_id);
		while ((rc = wb_stmt_step(st, c->err)) == 1) {
			const struct wb_instrument *ins =
			    wb_instrument_get(wb_stmt_text(st, 1));
			/* Only the clients of this file matter. */
			const int64_t *ix = imp_idmap_find(&c->client_ix,
			    wb_stmt_int64(st, 0));

			if (ins == NULL || ix == NULL)
				continue;
			for (k = 0; wb_instruments[k] != ins; k++)
				continue;
			if (n == cap) {
				cap *= 2;
				p = wb_xrealloc(p, cap * sizeof(*p));
			}
			p[n].key = MKEY(rank[*ix], k,
			    (int32_t)wb_stmt_int64(st, 2));
			p[n++].idx = UINT32_MAX;
		}
		wb_stmt_release(st);
		if (rc != 0)
			goto out;
	}
#undef MKEY
	/* Stable: within a key the file's rows stay in line order, before
	 * the stored ones. */
	radix_sort(p, n);
	c->order = wb_xcalloc(c->nrows + 1, sizeof(*c->order));
	for (i = 0; i < n; i = run) {
		stored = false;
		for (run = i; run < n && p[run].key == p[i].key; run++)
			if (p[run].idx == UINT32_MAX)
				stored = true;
		for (j = i; j < run; j++) {
			const struct m_row *r;

			if (p[j].idx == UINT32_MAX)
				continue;
			r = &rows[p[j].idx];
			if (stored)
				imp_problem(c, r->line, -1, "er staat al een "
				    "meting met dit instrument op deze dag in "
				    "werkbrug");
			else if (j > i)
				imp_problem(c, r->line, -1, "een meting met "
				    "hetzelfde instrument op dezelfde dag "
				    "staat ook op regel %zu",
				    rows[p[i].idx].line);
			else
				c->order[c->norder++] = p[j];
		}
	}
out:
	free(p);
	free(rank);
	return rc;
}

/* ---------- writing ---------------------------------------------------- */

/* Write measurements from c->order[*i] on: WB_IMPORT_BATCH rows in one
 * statement while that many are left, else one; *i moves past them. */
int
imp_measurement_write(struct ctx *c, size_t *i)
{
	struct wb_stmt	*st = NULL;
	const size_t	 left = c->norder - *i;
	const size_t	 n = left >= WB_IMPORT_BATCH ? WB_IMPORT_BATCH : 1;
	size_t		 k;
	int		 rc, p;

	rc = wb_db_prepare(c->db, n > 1 ? Q_IMPORT_MEASUREMENT_BATCH :
	    Q_IMPORT_MEASUREMENT_INSERT, &st, c->err);
	if (rc != 0)
		return rc;
	/* The batch has the shared values first, a single row last. */
	p = n > 1 ? 1 : 7;
	wb_stmt_bind_int64(st, p, c->actor->org_id);
	wb_stmt_bind_int64(st, p + 1, c->actor->user_id);
	wb_stmt_bind_int64(st, p + 2, c->now);
	p = n > 1 ? 4 : 1;
	for (k = 0; k < n; k++, p += 6) {
		const struct m_row *r = (struct m_row *)c->rows +
		    c->order[*i + k].idx;
		const struct wb_instrument *ins = wb_instruments[r->ins];

		/* Codes and bands are constants, the answers live in
		 * c->rows until the import ends: bound without a copy. */
		wb_stmt_bind_int64(st, p, c->clients[r->k].id);
		wb_stmt_bind_kept(st, p + 1, ins->code);
		wb_stmt_bind_int64(st, p + 2, r->day);
		wb_stmt_bind_kept(st, p + 3, r->items);
		wb_stmt_bind_int64(st, p + 4, r->value);
		wb_stmt_bind_kept(st, p + 5, wb_instrument_band(ins, r->value));
	}
	rc = wb_stmt_exec(st, c->err);
	wb_stmt_release(st);
	*i += n;
	c->res->measurements += n;
	return rc;
}

