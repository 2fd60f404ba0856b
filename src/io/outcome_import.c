/* outcome_import.c - CSV import of trajectories, milestones and
 * measurements (see outcome_import.h): check every row inside one write
 * transaction, then write them all or nothing.
 *
 * Speed matters (docs/benchmarks.md: a million rows against the sqlite3
 * shell's .import), so a checked row is a small fixed struct in one
 * growing array, clients, BSNs and trajectories are found through hash
 * tables, the policy is decided once per client, statements are prepared
 * once and only reset per row, and nothing is allocated per row but the
 * few free texts (employer, reason) in the arena.
 *
 * This file holds the import itself and what the three kinds of file
 * share: the hash tables, the problems, the header line, the clients and
 * the policy, the write loop and the audit events.  The rows of each
 * kind are checked and written in import_trajectory.c,
 * import_milestone.c and import_measurement.c (import_impl.h).
 */
#include "io/outcome_import.h"
#include "io/import_impl.h"
#include "io/csv_stream.h"
#include "base/limits.h"
#include "base/mem.h"
#include "base/str.h"
#include "base/time.h"
#include "domain/audit.h"
#include "domain/bsn.h"
#include "domain/client_access.h"
#include "domain/trajectory.h"
#include "domain/vault.h"

#include <strings.h>
#include <unistd.h>

#include <sodium.h>

#define PROGRESS_ROWS	8192		/* rows between progress calls */

/* ---------- columns ---------------------------------------------------- */

static const char *const col_names[C__N] = { "bsn", "client_id",
    "intervention", "referral_date", "start_date", "status", "end_date",
    "end_reason", "trajectory_id", "trajectory_start", "type", "date",
    "detail", "employer", "hours", "competitive", "min_wage", "contract",
    "reason", "instrument", "items", "value" };

#define BIT(c)	(1u << (c))

/* The columns each kind has, and those it requires (the client and, for
 * milestones, the trajectory are checked apart: either of two ways). */
static const unsigned kind_cols[] = {
	[WB_IMPORT_TRAJECTORIES] = BIT(C_BSN) | BIT(C_CLIENT_ID) |
	    BIT(C_INTERVENTION) | BIT(C_REFERRAL_DATE) | BIT(C_START_DATE) |
	    BIT(C_STATUS) | BIT(C_END_DATE) | BIT(C_END_REASON),
	[WB_IMPORT_MILESTONES] = BIT(C_BSN) | BIT(C_CLIENT_ID) |
	    BIT(C_TRAJECTORY_ID) | BIT(C_INTERVENTION) |
	    BIT(C_TRAJECTORY_START) | BIT(C_TYPE) | BIT(C_DATE) |
	    BIT(C_DETAIL) | BIT(C_EMPLOYER) | BIT(C_HOURS) |
	    BIT(C_COMPETITIVE) | BIT(C_MIN_WAGE) | BIT(C_CONTRACT) |
	    BIT(C_REASON),
	[WB_IMPORT_MEASUREMENTS] = BIT(C_BSN) | BIT(C_CLIENT_ID) |
	    BIT(C_INSTRUMENT) | BIT(C_DATE) | BIT(C_ITEMS) | BIT(C_VALUE),
};
static const unsigned kind_required[] = {
	[WB_IMPORT_TRAJECTORIES] = BIT(C_INTERVENTION),
	[WB_IMPORT_MILESTONES] = BIT(C_TYPE) | BIT(C_DATE),
	[WB_IMPORT_MEASUREMENTS] = BIT(C_INSTRUMENT) | BIT(C_DATE),
};
static const char *const kind_names[] = { "trajecten", "mijlpalen",
    "metingen" };
/* The per-client audit event and its object type. */
static const char *const kind_events[] = { "trajectory.import",
    "milestone.import", "measurement.import" };
static const char *const kind_objects[] = { "trajectory", "milestone",
    "measurement" };

/* The per-client events of audit_clients(). */
enum audit_what { AUDIT_WRITTEN, AUDIT_REFUSED, AUDIT_FAILED };

static uint64_t	mix(uint64_t x);
static void	idmap_free(struct idmap *m);
static size_t	idmap_probe(const struct idmap *m, int64_t key);
static void	keys_free(struct keyset *k);
static char	*trim(char *s);
static bool	map_header(struct ctx *c, const struct wb_csv_row *r);
static int	bsn_client(struct ctx *c, const char *norm, int64_t *id);
static int	on_row(void *arg, const struct wb_csv_row *r,
		    struct wb_err *err);
static void	progress(struct ctx *c, enum wb_import_phase phase,
		    uint64_t done, uint64_t total);
static int	write_rows(struct ctx *c);
static int	audit_clients(struct ctx *c, enum audit_what what);
static int	audit_file(struct ctx *c, bool denied, bool in_tx);
static int	refuse_actor(struct ctx *c);
static int	actor_ok(struct ctx *c);
static int	run(struct ctx *c, int fd, const char *data, size_t n);
static int	import(struct wb_db *db, const struct wb_actor *actor,
		    enum wb_import_kind kind, int fd, const char *data,
		    size_t n, const struct wb_import_options *opt,
		    struct wb_arena *a, struct wb_import_result *res,
		    struct wb_err *err);

/* ---------- hash tables ------------------------------------------------ */

/* splitmix64's finaliser: a good spread of sequential ids. */
static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void
idmap_free(struct idmap *m)
{
	/* bsn_ix's keys are BSNs. */
	if (m->slots != NULL)
		wb_free_secret(m->slots, (m->mask + 1) * sizeof(*m->slots));
	memset(m, 0, sizeof(*m));
}

/* Where `key` is, or the free slot where it would go. */
static size_t
idmap_probe(const struct idmap *m, int64_t key)
{
	size_t	i;

	for (i = mix((uint64_t)key) & m->mask; m->slots[i].key != 0 &&
	    m->slots[i].key != key; i = (i + 1) & m->mask)
		continue;
	return i;
}

/* The value slot of `key`, inserted (value 0) when it was not there. */
int64_t *
imp_idmap_slot(struct idmap *m, int64_t key, bool *found)
{
	size_t	i, cap;

	if (m->slots == NULL || (m->n + 1) * 2 > m->mask + 1) {
		struct idmap	old = *m;

		cap = m->slots == NULL ? 256 : (m->mask + 1) * 2;
		m->slots = wb_xcalloc(cap, sizeof(*m->slots));
		m->mask = cap - 1;
		for (i = 0; old.slots != NULL && i <= old.mask; i++)
			if (old.slots[i].key != 0)
				m->slots[idmap_probe(m, old.slots[i].key)] =
				    old.slots[i];
		idmap_free(&old);
	}
	i = idmap_probe(m, key);
	*found = m->slots[i].key == key;
	if (!*found) {
		m->slots[i].key = key;
		m->n++;
	}
	return &m->slots[i].val;
}

/* The value of `key`, or NULL when it is not in the map. */
const int64_t *
imp_idmap_find(const struct idmap *m, int64_t key)
{
	size_t	i;

	if (m->slots == NULL)
		return NULL;
	i = idmap_probe(m, key);
	return m->slots[i].key == key ? &m->slots[i].val : NULL;
}

static void
keys_free(struct keyset *k)
{
	if (k->slots != NULL)
		wb_free_secret(k->slots, (k->mask + 1) * sizeof(*k->slots));
	memset(k, 0, sizeof(*k));
}

/* Add (a, b) seen at `where`; true (and *before) when it was there. */
bool
imp_keys_add(struct keyset *k, uint64_t a, uint64_t b, int64_t where,
    int64_t *before)
{
	size_t	i, cap;

	if (k->slots == NULL || (k->n + 1) * 10 > (k->mask + 1) * 7) {
		struct keyset	old = *k;

		cap = k->slots == NULL ? 1024 : (k->mask + 1) * 2;
		k->slots = wb_xcalloc(cap, sizeof(*k->slots));
		k->mask = cap - 1;
		for (i = 0; old.slots != NULL && i <= old.mask; i++) {
			size_t j;

			if (old.slots[i].a == 0)
				continue;
			for (j = mix(old.slots[i].a ^ mix(old.slots[i].b)) &
			    k->mask; k->slots[j].a != 0; j = (j + 1) & k->mask)
				continue;
			k->slots[j] = old.slots[i];
		}
		keys_free(&old);
	}
	for (i = mix(a ^ mix(b)) & k->mask; k->slots[i].a != 0;
	    i = (i + 1) & k->mask)
		if (k->slots[i].a == a && k->slots[i].b == b) {
			*before = k->slots[i].where;
			return true;
		}
	k->slots[i].a = a;
	k->slots[i].b = b;
	k->slots[i].where = where;
	k->n++;
	return false;
}

/* ---------- small helpers ---------------------------------------------- */

/* Note a problem; past WB_MAX_IMPORT_REPORTED only the count goes up. */
void
imp_problem(struct ctx *c, size_t line, int col, const char *fmt, ...)
{
	struct wb_import_problem	*p;
	char				 msg[384];
	va_list				 ap;

	if (c->res->nproblems++ >= WB_MAX_IMPORT_REPORTED)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p = &c->res->problems[c->res->nproblems - 1];
	p->line = line;
	p->column = col >= 0 ? col_names[col] : NULL;
	p->message = wb_arena_strdup(c->a, msg);
}

/* The index of the code among `codes` whose code or Dutch label is `s`
 * (ASCII case ignored), or -1. */
int
imp_pick(const char *const *codes, const char *(*label)(const char *),
    const char *s)
{
	int	i;

	for (i = 0; codes[i] != NULL; i++)
		if (strcasecmp(codes[i], s) == 0 || (label != NULL &&
		    strcasecmp(label(codes[i]), s) == 0))
			return i;
	return -1;
}

/* Trim s in place, and take away the formula guard of an export. */
static char *
trim(char *s)
{
	size_t	n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	if (n >= 2 && s[0] == '\'' && strchr("=+-@", s[1]) != NULL)
		s++;
	return s;
}

/* s for quoting in a message: at most 40 bytes, cut on a character
 * boundary, line breaks and tabs as spaces (a message is one line). */
const char *
imp_shown(struct ctx *c, const char *s)
{
	size_t	n = strlen(s), i;
	char	*t;

	if (n > 40) {
		n = 40;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	t = wb_arena_strndup(c->a, s, n);
	for (i = 0; i < n; i++)
		if (t[i] == '\r' || t[i] == '\n' || t[i] == '\t')
			t[i] = ' ';
	return t;
}

/* Map the header's names to columns; report unknown, repeated and missing
 * ones.  False when the header is unusable. */
static bool
map_header(struct ctx *c, const struct wb_csv_row *r)
{
	const unsigned	have = kind_cols[c->kind];
	const unsigned	need = kind_required[c->kind];
	size_t		i, before = c->res->nproblems;
	int		col;

	for (col = 0; col < C__N; col++)
		c->idx[col] = -1;
	for (i = 0; i < r->ncols; i++) {
		char *name = trim(r->cols[i]);

		for (col = 0; col < C__N; col++)
			if ((have & BIT(col)) != 0 &&
			    strcasecmp(name, col_names[col]) == 0)
				break;
		if (name[0] == '\0')
			imp_problem(c, r->line, -1, "kolom %zu van de kopregel "
			    "heeft geen naam", i + 1);
		else if (col == C__N)
			imp_problem(c, r->line, -1, "onbekende kolom '%s' in "
			    "de kopregel van een bestand met %s",
			    imp_shown(c, name), kind_names[c->kind]);
		else if (c->idx[col] >= 0)
			imp_problem(c, r->line, col, "staat twee keer in de "
			    "kopregel");
		else
			c->idx[col] = (int)i;
	}
	for (col = 0; col < C__N; col++)
		if ((need & BIT(col)) != 0 && c->idx[col] < 0)
			imp_problem(c, r->line, col, "ontbreekt in de "
			    "kopregel");
	if (c->idx[C_BSN] < 0 && c->idx[C_CLIENT_ID] < 0)
		imp_problem(c, r->line, -1, "de kopregel heeft geen kolom bsn "
		    "of client_id: elke regel noemt zijn cliënt");
	if (c->kind == WB_IMPORT_MILESTONES && c->idx[C_TRAJECTORY_ID] < 0 &&
	    (c->idx[C_INTERVENTION] < 0 || c->idx[C_TRAJECTORY_START] < 0))
		imp_problem(c, r->line, -1, "de kopregel heeft geen kolom "
		    "trajectory_id, en ook niet intervention en "
		    "trajectory_start: elke mijlpaal noemt zijn traject");
	c->ncols = r->ncols;
	return c->res->nproblems == before;
}

/* The date in column `col`: NONE when empty (a problem when required),
 * else a day not in the future.  False after noting a problem. */
bool
imp_get_day(struct ctx *c, size_t line, int col, bool required, int32_t *out)
{
	const char	*s = c->v[col];
	int64_t		 d;

	*out = NONE;
	if (imp_blank(s)) {
		if (!required)
			return true;
		imp_problem(c, line, col, "vul de datum in (dd-mm-jjjj of "
		    "jjjj-mm-dd)");
		return false;
	}
	if (wb_date_parse(s, strlen(s), &d) != 0) {
		imp_problem(c, line, col, "geen geldige datum; schrijf "
		    "dd-mm-jjjj of jjjj-mm-dd");
		return false;
	}
	if (d > c->today) {
		imp_problem(c, line, col, "de datum ligt in de toekomst");
		return false;
	}
	*out = (int32_t)d;
	return true;
}

/* ---------- clients and the policy ------------------------------------- */

/* The entry of client `id`, deciding the policy for the actor the first
 * time (inside the import's transaction, so decision and writes see the
 * same consents). */
int
imp_client_entry(struct ctx *c, int64_t id, struct client **out)
{
	struct wb_client_op		op = { .event = kind_events[c->kind],
	    .client_id = id, .want = WB_CAT_WORK | WB_CAT_HEALTH,
	    .write = true, .object_type = kind_objects[c->kind] };
	struct wb_client_decision	d;
	struct client			*k;
	int64_t				*slot;
	bool				 found;
	int				 rc;

	slot = imp_idmap_slot(&c->client_ix, id, &found);
	if (found) {
		*out = &c->clients[*slot];
		return 0;
	}
	if (c->nclients == c->ccap) {
		c->ccap = c->ccap == 0 ? 256 : c->ccap * 2;
		c->clients = wb_xrealloc(c->clients, c->ccap *
		    sizeof(*c->clients));
	}
	*slot = (int64_t)c->nclients;
	k = &c->clients[c->nclients++];
	memset(k, 0, sizeof(*k));
	k->id = id;
	*out = k;
	if (c->db == NULL) {
		k->exists = true;
		k->allowed = WB_CAT_WORK | WB_CAT_HEALTH;
		return 0;
	}
	rc = wb_client_decide(c->db, c->actor, &op, &d, c->err);
	if (rc == WB_ENOTFOUND) {
		wb_err_clear(c->err);
		return 0;
	}
	if (rc != 0 && rc != WB_EDENIED)
		return rc;
	wb_err_clear(c->err);
	k->exists = true;
	k->allowed = d.allowed & (WB_CAT_WORK | WB_CAT_HEALTH);
	k->purpose = d.purpose;
	k->consent_id = d.consent_id;
	return 0;
}

/* The client whose normalised BSN is `norm` (0: none), looked up once. */
static int
bsn_client(struct ctx *c, const char *norm, int64_t *id)
{
	struct wb_stmt	*st = NULL;
	char		 index[WB_VAULT_INDEXHEX + 1];
	int64_t		 key, *slot;
	bool		 found;
	int		 rc;

	if (wb_parse_int64(norm, 9, 1, 999999999, &key) != 0)
		return wb_err_set(c->err, WB_EINVAL, "bsn");
	slot = imp_idmap_slot(&c->bsn_ix, key, &found);
	if (found) {
		*id = *slot;
		return 0;
	}
	*id = 0;
	rc = wb_vault_index("bsn", norm, index, c->err);
	if (rc == 0)
		rc = wb_db_prepare(c->db, Q_CLIENT_BY_INDEX, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, index);
	rc = wb_stmt_step(st, c->err);
	if (rc == 1)
		*id = wb_stmt_int64(st, 0);
	wb_stmt_release(st);
	sodium_memzero(index, sizeof(index));
	*slot = *id;
	return rc < 0 ? rc : 0;
}

/* The client of the row being checked, which the actor must be allowed
 * to write `want` of (`what` names it in the message).  *out is NULL
 * after a problem was noted.  Returns 0 or a database error. */
int
imp_client_of(struct ctx *c, size_t line, unsigned want, const char *what,
    struct client **out)
{
	const char	*bsn = c->v[C_BSN], *num = c->v[C_CLIENT_ID];
	struct client	*k = NULL;
	char		 norm[10];
	int64_t		 id = 0, by_bsn = 0;
	int		 rc;

	*out = NULL;
	if (imp_blank(bsn) && imp_blank(num)) {
		imp_problem(c, line, c->idx[C_CLIENT_ID] >= 0 ? C_CLIENT_ID :
		    C_BSN, "vul de cliënt in (client_id of bsn)");
		return 0;
	}
	if (!imp_blank(num) && wb_parse_int64(num, strlen(num), 1, INT64_MAX,
	    &id) != 0) {
		imp_problem(c, line, C_CLIENT_ID, "geen cliëntnummer (een "
		    "getal van werkbrug)");
		return 0;
	}
	if (!imp_blank(bsn) && !wb_bsn_normalise(bsn, norm)) {
		imp_problem(c, line, C_BSN, "geen geldig BSN (9 cijfers die de "
		    "elfproef halen)");
		return 0;
	}
	rc = !imp_blank(bsn) && c->db != NULL ? bsn_client(c, norm, &by_bsn) :
	    0;
	sodium_memzero(norm, sizeof(norm));
	if (rc != 0)
		return rc;
	if (!imp_blank(bsn) && c->db != NULL) {
		/* Unknown and not allowed read the same (client.h), so the
		 * policy decides on the BSN's client before anything else
		 * is said about it: comparing it with client_id first
		 * would tell that the BSN is a client of werkbrug. */
		if (by_bsn != 0) {
			rc = imp_client_entry(c, by_bsn, &k);
			if (rc != 0)
				return rc;
		}
		if (by_bsn == 0 || !k->exists || k->allowed == 0) {
			if (by_bsn != 0 && k->exists)
				k->refused |= want;
			imp_problem(c, line, C_BSN, "bij dit BSN staat geen "
			    "cliënt die u mag bijwerken");
			return 0;
		}
		if (id != 0 && id != by_bsn) {
			imp_problem(c, line, C_BSN, "bsn en client_id horen "
			    "niet bij dezelfde cliënt");
			return 0;
		}
		id = by_bsn;
	}
	if (id == 0)		/* offline, a BSN only */
		return 0;
	rc = imp_client_entry(c, id, &k);
	if (rc != 0)
		return rc;
	if (!k->exists || k->allowed == 0) {
		if (k->exists)
			k->refused |= want;
		if (by_bsn != 0)
			imp_problem(c, line, C_BSN, "bij dit BSN staat geen "
			    "cliënt die u mag bijwerken");
		else
			imp_problem(c, line, C_CLIENT_ID, "cliënt %lld "
			    "bestaat niet of u mag zijn gegevens niet "
			    "bijwerken", (long long)id);
		return 0;
	}
	if ((k->allowed & want) != want) {
		k->refused |= want;
		imp_problem(c, line, by_bsn != 0 ? C_BSN : C_CLIENT_ID,
		    "u mag %s van cliënt %lld niet vastleggen: daarvoor is "
		    "toestemming nodig die %s noemt", what, (long long)id,
		    want == WB_CAT_HEALTH ? "gezondheid" : "werk en inkomen");
		return 0;
	}
	/* From here the row is checked against the client's stored data,
	 * a read that is audited even when the file fails. */
	k->checked++;
	*out = k;
	return 0;
}

/* ---------- checking rows ---------------------------------------------- */

/* Room for one more checked row (zeroed). */
void *
imp_push_row(struct ctx *c)
{
	char	*p;
	size_t	 size;

	if (c->nrows == c->rcap) {
		c->rcap = c->rcap == 0 ? 1024 : c->rcap * 2;
		if (!wb_mul_ok(c->rcap, c->row_size, &size))
			abort();
		c->rows = wb_xrealloc_secret(c->rows, c->nrows * c->row_size,
		    size);
	}
	p = (char *)c->rows + c->nrows * c->row_size;
	memset(p, 0, c->row_size);
	return p;
}

/* The stream's callback: the header, then each data row. */
static int
on_row(void *arg, const struct wb_csv_row *r, struct wb_err *err)
{
	struct ctx	*c = arg;
	int		 col, rc;

	(void)err;
	if (c->stream.rows == 1) {
		c->header_ok = map_header(c, r);
		/* Without a usable header the rows cannot be read. */
		return c->header_ok ? 0 : WB_EINVAL;
	}
	c->res->rows++;
	if (c->res->rows % PROGRESS_ROWS == 0)
		progress(c, WB_IMPORT_CHECKING, c->stream.bytes,
		    c->opt->size);
	if (r->ncols != c->ncols) {
		imp_problem(c, r->line, -1, "verwacht %zu kolommen, gevonden "
		    "%zu", c->ncols, r->ncols);
		return 0;
	}
	for (col = 0; col < C__N; col++)
		c->v[col] = c->idx[col] >= 0 ? trim(r->cols[c->idx[col]]) : "";
	switch (c->kind) {
	case WB_IMPORT_TRAJECTORIES:
		rc = imp_traj_check(c, r->line);
		break;
	case WB_IMPORT_MILESTONES:
		rc = imp_milestone_check(c, r->line);
		break;
	default:
		rc = imp_measurement_check(c, r->line);
		break;
	}
	return rc;
}

static void
progress(struct ctx *c, enum wb_import_phase phase, uint64_t done,
    uint64_t total)
{
	if (c->opt->progress != NULL)
		c->opt->progress(c->opt->progress_arg, phase, done, total);
}

/* ---------- writing ---------------------------------------------------- */

void
imp_bind_day(struct wb_stmt *st, int idx, int32_t d)
{
	if (d == NONE)
		wb_stmt_bind_null(st, idx);
	else
		wb_stmt_bind_int64(st, idx, d);
}

/* Write every checked row, in file order, in the open transaction. */
static int
write_rows(struct ctx *c)
{
	size_t	i;
	int	rc = 0;

	for (i = 0; c->kind == WB_IMPORT_MEASUREMENTS && i < c->norder &&
	    rc == 0; ) {
		if (i % PROGRESS_ROWS == 0 && i > 0)
			progress(c, WB_IMPORT_WRITING, i, c->nrows);
		rc = imp_measurement_write(c, &i);
	}
	for (i = 0; c->kind != WB_IMPORT_MEASUREMENTS && i < c->nrows &&
	    rc == 0; i++) {
		if (i % PROGRESS_ROWS == 0 && i > 0)
			progress(c, WB_IMPORT_WRITING, i, c->nrows);
		rc = c->kind == WB_IMPORT_TRAJECTORIES ? imp_traj_write(c, i) :
		    imp_milestone_write(c, i);
	}
	/* The earliest employer contact, kept for the indicators. */
	if (rc == 0)
		rc = imp_milestone_contacts(c);
	if (rc == 0)
		progress(c, WB_IMPORT_WRITING, c->nrows, c->nrows);
	return rc;
}

/* One event per client, in the open transaction: AUDIT_WRITTEN the rows
 * written (or checked, in a dry run), allowed; AUDIT_REFUSED the
 * refusal, denied; AUDIT_FAILED, for a file with problems, the rows
 * checked against the client's stored data (what a problem may report
 * on), allowed. */
static int
audit_clients(struct ctx *c, enum audit_what what)
{
	const bool		denied = what == AUDIT_REFUSED;
	struct wb_audit_event	ev = { .event = kind_events[c->kind],
	    .object_type = kind_objects[c->kind], .denied = denied };
	struct wb_audit_run	run;
	char			idbuf[24], detail[64];
	size_t			i;
	int			rc;

	/* One run: the chain head is read and stored once, not per client. */
	rc = wb_audit_run_start(c->db, &run, c->err);
	for (i = 0; i < c->nclients && rc == 0; i++) {
		const struct client *k = &c->clients[i];

		if (denied ? !k->exists || k->refused == 0 :
		    what == AUDIT_FAILED ? k->checked == 0 : k->rows == 0)
			continue;
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)k->id);
		if (denied)
			snprintf(detail, sizeof(detail), "%s%s refused",
			    (k->refused & WB_CAT_WORK) != 0 ? "work" : "",
			    k->refused == (WB_CAT_WORK | WB_CAT_HEALTH) ?
			    ",health" : (k->refused & WB_CAT_HEALTH) != 0 ?
			    "health" : "");
		else if (what == AUDIT_FAILED)
			snprintf(detail, sizeof(detail), "failed rows=%zu",
			    k->checked);
		else
			snprintf(detail, sizeof(detail), "%s rows=%zu",
			    c->opt->dry_run ? "dry-run" : "cli", k->rows);
		ev.client_id = k->id;
		ev.object_id = idbuf;
		ev.purpose = k->purpose != WB_PURPOSE_NONE ?
		    wb_purpose_name(k->purpose) : NULL;
		ev.consent_id = denied ? 0 : k->consent_id;
		ev.detail = detail;
		rc = wb_audit_run_add(c->db, &run, c->actor, &ev, c->err);
	}
	return rc != 0 ? rc : wb_audit_run_end(c->db, &run, c->err);
}

/* The actor may not import (not a professional, or no longer active in
 * the organisation): roll back, log the file's denied event, refuse. */
static int
refuse_actor(struct ctx *c)
{
	int	rc;

	wb_db_rollback(c->db);
	rc = audit_file(c, true, false);
	return rc != 0 ? rc : wb_err_set(c->err, WB_EDENIED, "Alleen een "
	    "professional leest cliëntgegevens in; de consent van de cliënt "
	    "beslist per regel (gebruik --as E-MAIL).");
}

/* The actor's account, inside the import's transaction: still an active
 * professional of the organisation its rows will name. */
static int
actor_ok(struct ctx *c)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(c->db, Q_IMPORT_ACTOR, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, c->actor->user_id);
	wb_stmt_bind_int64(st, 2, c->actor->org_id);
	rc = wb_stmt_step(st, c->err);
	wb_stmt_release(st);
	if (rc < 0)
		return rc;
	return rc == 1 ? 0 : refuse_actor(c);
}

/* The file's own event: its kind and counts. */
static int
audit_file(struct ctx *c, bool denied, bool in_tx)
{
	struct wb_audit_event	ev = { .event = "import", .object_type =
	    "file", .object_id = kind_names[c->kind], .denied = denied };
	const struct wb_import_result *r = c->res;
	char			detail[160];

	snprintf(detail, sizeof(detail), "%srows=%zu clients=%zu written=%zu "
	    "problems=%zu", c->opt->dry_run ? "dry-run " : "", r->rows,
	    r->clients, r->trajectories + r->milestones + r->jobs +
	    r->jobs_ended + r->measurements, r->nproblems);
	ev.detail = detail;
	return in_tx ? wb_audit_write(c->db, c->actor, &ev, c->err) :
	    wb_audit_log(c->db, c->actor, &ev, c->err);
}

/* ---------- the import ------------------------------------------------- */

static int
run(struct ctx *c, int fd, const char *data, size_t n)
{
	struct wb_csv_stream	*s = &c->stream;
	struct wb_import_result	*res = c->res;
	struct wb_err		 saved;
	size_t			 i;
	int			 rc, failed = 0;

	s->row = on_row;
	s->arg = c;
	s->max_bytes = c->opt->max_bytes != 0 ? c->opt->max_bytes :
	    WB_MAX_UPLOAD;
	s->max_rows = c->opt->max_rows != 0 ? c->opt->max_rows :
	    WB_MAX_CSV_ROWS;
	c->row_size = c->kind == WB_IMPORT_TRAJECTORIES ?
	    sizeof(struct traj_row) : c->kind == WB_IMPORT_MILESTONES ?
	    sizeof(struct ms_row) : sizeof(struct m_row);

	if (c->db != NULL && (c->actor == NULL ||
	    c->actor->role != WB_ROLE_PROFESSIONAL))
		return refuse_actor(c);
	if (c->db != NULL) {
		/* A measurement refers to its client, decided by the policy
		 * in this transaction, and to the actor's user and
		 * organisation, checked by actor_ok() in it: the engine need
		 * not check each of a million rows again (wb_db_begin_bulk). */
		rc = c->kind == WB_IMPORT_MEASUREMENTS ?
		    wb_db_begin_bulk(c->db, c->err) :
		    wb_db_begin_write(c->db, c->err);
		if (rc == 0)
			rc = actor_ok(c);
		if (rc == 0 && c->kind != WB_IMPORT_MEASUREMENTS)
			rc = wb_intervention_list(c->db, true, c->a, &c->ivs,
			    &c->nivs, c->err);
		if (rc != 0)
			goto out;
	}

	rc = fd >= 0 ? wb_csv_stream_fd(s, fd, c->err) :
	    wb_csv_stream_mem(s, data, n, c->err);
	if (rc == WB_EINVAL && !c->header_ok && res->nproblems > 0)
		rc = 0;		/* the header's problems are listed */
	else if (rc == WB_EINVAL || rc == WB_ETOOBIG) {
		/* The file itself: its message names the line. */
		imp_problem(c, 0, -1, "%s", c->err->msg);
		wb_err_clear(c->err);
		failed = rc;
		rc = 0;
	} else if (rc != 0)
		goto out;
	if (failed == 0 && s->rows == 1 && c->header_ok)
		imp_problem(c, 1, -1, "het bestand bevat alleen een kopregel");
	progress(c, WB_IMPORT_CHECKING, s->bytes, c->opt->size);
	if (c->kind == WB_IMPORT_MEASUREMENTS && c->header_ok &&
	    (rc = imp_measurement_dups(c)) != 0)
		goto out;
	for (i = 0; i < c->nclients; i++)
		if (c->clients[i].rows > 0)
			res->clients++;

	if (res->nproblems > 0) {
		if (failed == 0)
			failed = WB_EINVAL;
		rc = failed;
		if (c->db == NULL)
			goto out;
		/* Nothing is written; who was refused is logged, and so
		 * is whose stored data the check read. */
		wb_db_rollback(c->db);
		rc = wb_db_begin_write(c->db, c->err);
		if (rc == 0)
			rc = audit_clients(c, AUDIT_REFUSED);
		if (rc == 0)
			rc = audit_clients(c, AUDIT_FAILED);
		if (rc == 0)
			rc = audit_file(c, true, true);
		if (rc == 0)
			rc = wb_db_commit(c->db, c->err);
		if (rc == 0)
			rc = wb_err_set(c->err, failed, "het bestand bevat "
			    "%zu fout(en); er is niets ingelezen",
			    res->nproblems);
		goto out;
	}
	if (c->db == NULL)
		goto out;
	if (c->opt->dry_run) {
		/* What would be written. */
		for (i = 0; i < c->nrows; i++) {
			if (c->kind == WB_IMPORT_TRAJECTORIES)
				res->trajectories++;
			else if (c->kind == WB_IMPORT_MEASUREMENTS)
				res->measurements++;
			else {
				const struct ms_row *r = (struct ms_row *)
				    c->rows + i;

				if (r->type == MS_JOB_END)
					res->jobs_ended++;
				else if (r->type == MS_JOB_START)
					res->jobs++;
				else
					res->milestones++;
			}
		}
		rc = 0;		/* only the audit events are written */
	} else {
		progress(c, WB_IMPORT_WRITING, 0, c->nrows);
		rc = write_rows(c);
	}
	if (rc == 0)
		rc = audit_clients(c, AUDIT_WRITTEN);
	if (rc == 0)
		rc = audit_file(c, false, true);
	if (rc == 0)
		rc = wb_db_commit(c->db, c->err);
out:
	if (rc != 0 && c->db != NULL) {
		saved = *c->err;
		wb_db_rollback(c->db);
		*c->err = saved;
	}
	if (rc != 0 && rc != WB_EINVAL && rc != WB_ETOOBIG)
		res->trajectories = res->milestones = res->jobs =
		    res->jobs_ended = res->measurements = 0;
	return rc;
}

static int
import(struct wb_db *db, const struct wb_actor *actor,
    enum wb_import_kind kind, int fd, const char *data, size_t n,
    const struct wb_import_options *opt, struct wb_arena *a,
    struct wb_import_result *res, struct wb_err *err)
{
	static const struct wb_import_options defaults;
	struct ctx	c;
	size_t		i, j;
	int		rc;

	memset(res, 0, sizeof(*res));
	res->problems = wb_arena_array(a, WB_MAX_IMPORT_REPORTED,
	    sizeof(*res->problems));
	wb_err_clear(err);
	memset(&c, 0, sizeof(c));
	c.db = db;
	c.actor = actor;
	c.kind = kind;
	c.opt = opt != NULL ? opt : &defaults;
	c.a = a;
	c.res = res;
	c.err = err;
	c.today = wb_today();
	c.now = wb_now();
	rc = run(&c, fd, data, n);
	if (c.rows != NULL)
		wb_free_secret(c.rows, c.rcap * c.row_size);
	free(c.clients);
	free(c.trajs);
	free(c.order);
	idmap_free(&c.client_ix);
	idmap_free(&c.bsn_ix);
	idmap_free(&c.traj_ix);
	keys_free(&c.keys);
	if (rc != 0 && res->nproblems > 0 && rc != WB_EINVAL &&
	    rc != WB_ETOOBIG)
		res->nproblems = 0;
	/* By line (duplicates of measurements are found after the last
	 * row); insertion sort keeps a line's problems in their order. */
	for (i = 1; i < res->nproblems && i < WB_MAX_IMPORT_REPORTED; i++) {
		struct wb_import_problem p = res->problems[i];

		for (j = i; j > 0 && res->problems[j - 1].line > p.line; j--)
			res->problems[j] = res->problems[j - 1];
		res->problems[j] = p;
	}
	if (rc == 0 && res->nproblems > 0)
		rc = WB_EINVAL;		/* never: run() says so */
	if ((rc == WB_EINVAL || rc == WB_ETOOBIG) && err->msg[0] == '\0')
		(void)wb_err_set(err, rc, "het bestand bevat %zu fout(en); er "
		    "is niets ingelezen", res->nproblems);
	return rc;
}

/* ---------- public ----------------------------------------------------- */

int
wb_import_kind_parse(const char *s, enum wb_import_kind *out)
{
	size_t	i;

	for (i = 0; s != NULL && i < WB_NELEM(kind_names); i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum wb_import_kind)i;
			return 0;
		}
	return WB_EINVAL;
}

const char *
wb_import_kind_name(enum wb_import_kind kind)
{
	return (size_t)kind < WB_NELEM(kind_names) ? kind_names[kind] : "";
}

int
wb_import_fd(struct wb_db *db, const struct wb_actor *actor,
    enum wb_import_kind kind, int fd, const struct wb_import_options *opt,
    struct wb_arena *a, struct wb_import_result *res, struct wb_err *err)
{
	return import(db, actor, kind, fd, NULL, 0, opt, a, res, err);
}

int
wb_import_mem(struct wb_db *db, const struct wb_actor *actor,
    enum wb_import_kind kind, const char *data, size_t n,
    const struct wb_import_options *opt, struct wb_arena *a,
    struct wb_import_result *res, struct wb_err *err)
{
	return import(db, actor, kind, -1, data, n, opt, a, res, err);
}

void
wb_import_problem_format(const struct wb_import_problem *p, char *out,
    size_t outsz)
{
	if (p->line == 0)
		snprintf(out, outsz, "%s", p->message);
	else if (p->column != NULL)
		snprintf(out, outsz, "regel %zu, kolom %s: %s", p->line,
		    p->column, p->message);
	else
		snprintf(out, outsz, "regel %zu: %s", p->line, p->message);
}
