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
 */
#include "io/outcome_import.h"
#include "io/csv_stream.h"
#include "base/limits.h"
#include "base/mem.h"
#include "base/str.h"
#include "base/time.h"
#include "domain/audit.h"
#include "domain/bsn.h"
#include "domain/client_access.h"
#include "domain/instrument.h"
#include "domain/measurement.h"
#include "domain/trajectory.h"
#include "domain/vault.h"

#include <strings.h>
#include <unistd.h>

#include <sodium.h>

#define NONE		INT32_MIN	/* a date not given */
#define PROGRESS_ROWS	8192		/* rows between progress calls */
#define WB_IMPORT_BATCH	16		/* rows of ..._BATCH */

/* ---------- columns ---------------------------------------------------- */

enum col {
	C_BSN, C_CLIENT_ID,
	C_INTERVENTION, C_REFERRAL_DATE, C_START_DATE, C_STATUS, C_END_DATE,
	C_END_REASON,
	C_TRAJECTORY_ID, C_TRAJECTORY_START, C_TYPE, C_DATE, C_DETAIL,
	C_EMPLOYER, C_HOURS, C_COMPETITIVE, C_MIN_WAGE, C_CONTRACT, C_REASON,
	C_INSTRUMENT, C_ITEMS, C_VALUE,
	C__N
};

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

/* Milestone types as stored in wb_milestone_types (trajectory.h). */
enum { MS_PROFILE, MS_CONTACT, MS_JOB_START, MS_JOB_END, MS_OUTFLOW,
    MS_EDUCATION };
enum { ST_AANGEMELD, ST_ACTIEF, ST_AFGEROND, ST_UITGEVALLEN };
static const char *const outflow_details[] = { "volledig", "gedeeltelijk",
    NULL };

/* ---------- hash tables ------------------------------------------------ */

/* int64 key (never 0) -> int64 value, open addressing. */
struct idmap {
	struct idslot {
		int64_t	key, val;	/* key 0: free; key and value side
					 * by side, one cache line a look-up */
	}		*slots;
	size_t		 mask, n;
};

/* A key of up to two words (a != 0) seen in the file or in werkbrug,
 * with where: a line (> 0) or the negated id of a stored object (< 0, or
 * INT64_MIN when it has none). */
struct keyset {
	struct key {
		uint64_t	a, b;
		int64_t		where;
	}		*slots;
	size_t		 mask, n;
};

/* ---------- what the rows refer to ------------------------------------- */

/* A client named in the file: the policy's decision for the actor. */
struct client {
	int64_t		 id;
	bool		 exists;	/* and not erased */
	unsigned	 allowed;	/* WB_CAT_WORK, _HEALTH granted */
	unsigned	 refused;	/* categories wanted but not granted */
	enum wb_purpose	 purpose;
	int64_t		 consent_id;
	bool		 keys_loaded;	/* its stored rows are in c->keys */
	char		 region[8];	/* "" until needed */
	size_t		 rows;		/* rows of this file */
	size_t		 checked;	/* rows the policy let through */
};

/* A job still running in a trajectory: stored (id) or started by row
 * `row` of the file. */
struct open_job {
	int64_t		 id;		/* 0: in the file */
	size_t		 row;
	int32_t		 start;
	const char	*employer;
};

/* A trajectory named in a milestone file. */
struct traj {
	int64_t		 id, client_id;
	int		 status;
	int32_t		 start, end;
	bool		 loaded;	/* milestones and jobs read */
	struct open_job	*jobs;		/* running */
	size_t		 njobs, cap;
	int32_t		 first_contact;	/* earliest contact in the file */
};

/* The per-client events of audit_clients(). */
enum audit_what { AUDIT_WRITTEN, AUDIT_REFUSED, AUDIT_FAILED };

/* ---------- checked rows ----------------------------------------------- */

struct traj_row {
	int64_t		 client;
	size_t		 line;
	int32_t		 referral, start, end;
	uint16_t	 iv;
	uint8_t		 status;
	const char	*reason;
};

struct ms_row {
	int64_t		 client, traj;
	size_t		 line;
	int32_t		 day;
	uint8_t		 type, detail, contract;
	int8_t		 competitive, min_wage;
	bool		 merged;	/* a job-end applied to its job-start */
	int32_t		 minutes;
	const char	*employer, *reason;
	int32_t		 end;		/* job-start ended in the file */
	const char	*end_reason;
	int64_t		 end_job;	/* job-end of a stored job */
};

struct m_row {
	uint32_t	 k;		/* the client's index in c->clients */
	size_t		 line;
	int32_t		 day;
	int16_t		 value;
	uint8_t		 ins;		/* index in wb_instruments */
	char		 items[WB_INSTRUMENT_MAXITEMS + 1];
};

/* A measurement's sort key (client by id, instrument, day) and its row
 * (UINT32_MAX: one stored in werkbrug). */
struct pair {
	uint64_t	 key;
	uint32_t	 idx;
};

/* Everything one import works with. */
struct ctx {
	struct wb_db		*db;		/* NULL: offline checks */
	const struct wb_actor	*actor;
	enum wb_import_kind	 kind;
	const struct wb_import_options *opt;
	struct wb_arena		*a;
	struct wb_import_result	*res;
	struct wb_err		*err;
	struct wb_csv_stream	*stream;
	int			 idx[C__N];	/* column -> cell, or -1 */
	size_t			 ncols;		/* of the header */
	bool			 header_ok;
	int64_t			 today;
	int64_t			 now;		/* created_at of every row */
	/* The catalogue of interventions (trajectories). */
	struct wb_intervention	*ivs;
	size_t			 nivs;
	/* Clients, by id; BSNs to client ids (0: none). */
	struct client		*clients;
	size_t			 nclients, ccap;
	struct idmap		 client_ix, bsn_ix;
	/* Trajectories named by milestones, by id. */
	struct traj		*trajs;
	size_t			 ntrajs, tcap;
	struct idmap		 traj_ix;
	struct keyset		 keys;		/* duplicates */
	/* The checked rows of the file's kind. */
	void			*rows;
	size_t			 nrows, rcap;
	size_t			 row_size;
	/* Measurements: the rows in the order they are written (by client,
	 * instrument and day, so the index and the foreign keys are
	 * written and checked in order, not at random). */
	struct pair		*order;
	size_t			 norder;
	/* The cells of the row being checked, trimmed. */
	const char		*v[C__N];
};

static uint64_t	mix(uint64_t x);
static void	idmap_free(struct idmap *m);
static size_t	idmap_probe(const struct idmap *m, int64_t key);
static int64_t	*idmap_slot(struct idmap *m, int64_t key, bool *found);
static const int64_t *idmap_find(const struct idmap *m, int64_t key);
static void	keys_free(struct keyset *k);
static bool	keys_add(struct keyset *k, uint64_t a, uint64_t b,
		    int64_t where, int64_t *before);
static uint64_t	text_hash(const char *s);
static uint64_t	day_key(int32_t d);
static void	problem(struct ctx *c, size_t line, int col, const char *fmt,
		    ...) WB_PRINTF(4, 5);
static bool	blank(const char *s);
static int	pick(const char *const *codes,
		    const char *(*label)(const char *), const char *s);
static char	*trim(char *s);
static const char *shown(struct ctx *c, const char *s);
static bool	map_header(struct ctx *c, const struct wb_csv_row *r);
static bool	get_day(struct ctx *c, size_t line, int col, bool required,
		    int32_t *out);
static int	yes_no(const char *s);
static int	client_entry(struct ctx *c, int64_t id, struct client **out);
static int	bsn_client(struct ctx *c, const char *norm, int64_t *id);
static int	client_of(struct ctx *c, size_t line, unsigned want,
		    const char *what, struct client **out);
static int	client_region(struct ctx *c, struct client *k, size_t line);
static int	load_traj_keys(struct ctx *c, struct client *k);
static int	traj_entry(struct ctx *c, int64_t id, int64_t client,
		    struct traj **out);
static int	traj_find(struct ctx *c, size_t line, int64_t client,
		    int iv, int32_t start, int64_t *id);
static int	load_traj_detail(struct ctx *c, struct traj *t);
static void	*push_row(struct ctx *c);
static int	check_traj(struct ctx *c, size_t line);
static void	end_job(struct ctx *c, size_t line, struct traj *t,
		    struct ms_row *r);
static int	check_milestone(struct ctx *c, size_t line);
static int	check_measurement(struct ctx *c, size_t line);
static void	radix_sort(struct pair *p, size_t n);
static int	measurement_dups(struct ctx *c);
static int	on_row(void *arg, const struct wb_csv_row *r,
		    struct wb_err *err);
static void	progress(struct ctx *c, enum wb_import_phase phase,
		    uint64_t done, uint64_t total);
static void	bind_day(struct wb_stmt *st, int idx, int32_t d);
static int	write_measurements(struct ctx *c, size_t *i);
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
static int64_t *
idmap_slot(struct idmap *m, int64_t key, bool *found)
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
static const int64_t *
idmap_find(const struct idmap *m, int64_t key)
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
static bool
keys_add(struct keyset *k, uint64_t a, uint64_t b, int64_t where,
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

/* FNV-1a of s, ASCII case and surrounding space ignored (employers are
 * matched that way). */
static uint64_t
text_hash(const char *s)
{
	struct wb_str	t = wb_str_trim(wb_str_c(s));
	uint64_t	h = 14695981039346656037ULL;
	size_t		i;

	for (i = 0; i < t.n; i++) {
		unsigned char ch = (unsigned char)t.p[i];

		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch - 'A' + 'a');
		h = (h ^ ch) * 1099511628211ULL;
	}
	return h;
}

/* 24 bits of a date for a key (0 = none); dates are 1900-2200. */
static uint64_t
day_key(int32_t d)
{
	return d == NONE ? 0 : (uint64_t)(d + (1 << 23)) & 0xffffff;
}

/* ---------- small helpers ---------------------------------------------- */

/* Note a problem; past WB_MAX_IMPORT_REPORTED only the count goes up. */
static void
problem(struct ctx *c, size_t line, int col, const char *fmt, ...)
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

static bool
blank(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* The index of the code among `codes` whose code or Dutch label is `s`
 * (ASCII case ignored), or -1. */
static int
pick(const char *const *codes, const char *(*label)(const char *),
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
static const char *
shown(struct ctx *c, const char *s)
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
			problem(c, r->line, -1, "kolom %zu van de kopregel "
			    "heeft geen naam", i + 1);
		else if (col == C__N)
			problem(c, r->line, -1, "onbekende kolom '%s' in de "
			    "kopregel van een bestand met %s", shown(c, name),
			    kind_names[c->kind]);
		else if (c->idx[col] >= 0)
			problem(c, r->line, col, "staat twee keer in de "
			    "kopregel");
		else
			c->idx[col] = (int)i;
	}
	for (col = 0; col < C__N; col++)
		if ((need & BIT(col)) != 0 && c->idx[col] < 0)
			problem(c, r->line, col, "ontbreekt in de kopregel");
	if (c->idx[C_BSN] < 0 && c->idx[C_CLIENT_ID] < 0)
		problem(c, r->line, -1, "de kopregel heeft geen kolom bsn of "
		    "client_id: elke regel noemt zijn cliënt");
	if (c->kind == WB_IMPORT_MILESTONES && c->idx[C_TRAJECTORY_ID] < 0 &&
	    (c->idx[C_INTERVENTION] < 0 || c->idx[C_TRAJECTORY_START] < 0))
		problem(c, r->line, -1, "de kopregel heeft geen kolom "
		    "trajectory_id, en ook niet intervention en "
		    "trajectory_start: elke mijlpaal noemt zijn traject");
	c->ncols = r->ncols;
	return c->res->nproblems == before;
}

/* The date in column `col`: NONE when empty (a problem when required),
 * else a day not in the future.  False after noting a problem. */
static bool
get_day(struct ctx *c, size_t line, int col, bool required, int32_t *out)
{
	const char	*s = c->v[col];
	int64_t		 d;

	*out = NONE;
	if (blank(s)) {
		if (!required)
			return true;
		problem(c, line, col, "vul de datum in (dd-mm-jjjj of "
		    "jjjj-mm-dd)");
		return false;
	}
	if (wb_date_parse(s, strlen(s), &d) != 0) {
		problem(c, line, col, "geen geldige datum; schrijf dd-mm-jjjj "
		    "of jjjj-mm-dd");
		return false;
	}
	if (d > c->today) {
		problem(c, line, col, "de datum ligt in de toekomst");
		return false;
	}
	*out = (int32_t)d;
	return true;
}

/* 1 for ja/yes/j/y/1/true, 0 for nee/no/n/0/false, -1 otherwise. */
static int
yes_no(const char *s)
{
	static const char *const yes[] = { "ja", "j", "yes", "y", "1",
	    "true", "waar", NULL };
	static const char *const no[] = { "nee", "n", "no", "0", "false",
	    "onwaar", NULL };

	if (pick(yes, NULL, s) >= 0)
		return 1;
	if (pick(no, NULL, s) >= 0)
		return 0;
	return -1;
}

/* ---------- clients and the policy ------------------------------------- */

/* The entry of client `id`, deciding the policy for the actor the first
 * time (inside the import's transaction, so decision and writes see the
 * same consents). */
static int
client_entry(struct ctx *c, int64_t id, struct client **out)
{
	struct wb_client_op		op = { .event = kind_events[c->kind],
	    .client_id = id, .want = WB_CAT_WORK | WB_CAT_HEALTH,
	    .write = true, .object_type = kind_objects[c->kind] };
	struct wb_client_decision	d;
	struct client			*k;
	int64_t				*slot;
	bool				 found;
	int				 rc;

	slot = idmap_slot(&c->client_ix, id, &found);
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
	slot = idmap_slot(&c->bsn_ix, key, &found);
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
static int
client_of(struct ctx *c, size_t line, unsigned want, const char *what,
    struct client **out)
{
	const char	*bsn = c->v[C_BSN], *num = c->v[C_CLIENT_ID];
	struct client	*k = NULL;
	char		 norm[10];
	int64_t		 id = 0, by_bsn = 0;
	int		 rc;

	*out = NULL;
	if (blank(bsn) && blank(num)) {
		problem(c, line, c->idx[C_CLIENT_ID] >= 0 ? C_CLIENT_ID : C_BSN,
		    "vul de cliënt in (client_id of bsn)");
		return 0;
	}
	if (!blank(num) && wb_parse_int64(num, strlen(num), 1, INT64_MAX,
	    &id) != 0) {
		problem(c, line, C_CLIENT_ID, "geen cliëntnummer (een getal "
		    "van werkbrug)");
		return 0;
	}
	if (!blank(bsn) && !wb_bsn_normalise(bsn, norm)) {
		problem(c, line, C_BSN, "geen geldig BSN (9 cijfers die de "
		    "elfproef halen)");
		return 0;
	}
	rc = !blank(bsn) && c->db != NULL ? bsn_client(c, norm, &by_bsn) : 0;
	sodium_memzero(norm, sizeof(norm));
	if (rc != 0)
		return rc;
	if (!blank(bsn) && c->db != NULL) {
		/* Unknown and not allowed read the same (client.h), so the
		 * policy decides on the BSN's client before anything else
		 * is said about it: comparing it with client_id first
		 * would tell that the BSN is a client of werkbrug. */
		if (by_bsn != 0) {
			rc = client_entry(c, by_bsn, &k);
			if (rc != 0)
				return rc;
		}
		if (by_bsn == 0 || !k->exists || k->allowed == 0) {
			if (by_bsn != 0 && k->exists)
				k->refused |= want;
			problem(c, line, C_BSN, "bij dit BSN staat geen cliënt "
			    "die u mag bijwerken");
			return 0;
		}
		if (id != 0 && id != by_bsn) {
			problem(c, line, C_BSN, "bsn en client_id horen niet "
			    "bij dezelfde cliënt");
			return 0;
		}
		id = by_bsn;
	}
	if (id == 0)		/* offline, a BSN only */
		return 0;
	rc = client_entry(c, id, &k);
	if (rc != 0)
		return rc;
	if (!k->exists || k->allowed == 0) {
		if (k->exists)
			k->refused |= want;
		if (by_bsn != 0)
			problem(c, line, C_BSN, "bij dit BSN staat geen cliënt "
			    "die u mag bijwerken");
		else
			problem(c, line, C_CLIENT_ID, "cliënt %lld bestaat "
			    "niet of u mag zijn gegevens niet bijwerken",
			    (long long)id);
		return 0;
	}
	if ((k->allowed & want) != want) {
		k->refused |= want;
		problem(c, line, by_bsn != 0 ? C_BSN : C_CLIENT_ID, "u mag %s "
		    "van cliënt %lld niet vastleggen: daarvoor is "
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

/* The client's region now (trajectory.c records it with a trajectory). */
static int
client_region(struct ctx *c, struct client *k, size_t line)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	if (k->region[0] != '\0' || c->db == NULL)
		return 0;
	rc = wb_db_prepare(c->db, Q_TRAJ_CLIENT_REGION, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, k->id);
	rc = wb_stmt_step(st, c->err);
	if (rc == 1)
		snprintf(k->region, sizeof(k->region), "%s",
		    wb_stmt_text(st, 0));
	wb_stmt_release(st);
	if (rc == 0)
		problem(c, line, -1, "cliënt %lld woont in een gemeente "
		    "zonder arbeidsmarktregio", (long long)k->id);
	return rc < 0 ? rc : 0;
}

/* Put the client's stored trajectories in the duplicate keys. */
static int
load_traj_keys(struct ctx *c, struct client *k)
{
	struct wb_stmt	*st = NULL;
	int64_t		 unused;
	int		 rc;

	if (k->keys_loaded || c->db == NULL)
		return 0;
	k->keys_loaded = true;
	rc = wb_db_prepare(c->db, Q_IMPORT_TRAJ_KEYS, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, k->id);
	while ((rc = wb_stmt_step(st, c->err)) == 1) {
		int iv = -1;
		size_t i;

		for (i = 0; i < c->nivs; i++)
			if (strcmp(c->ivs[i].code, wb_stmt_text(st, 1)) == 0)
				iv = (int)i;
		(void)keys_add(&c->keys, (uint64_t)k->id, (uint64_t)(iv + 1) <<
		    48 | day_key(wb_stmt_isnull(st, 2) ? NONE :
		    (int32_t)wb_stmt_int64(st, 2)) << 24 |
		    day_key(wb_stmt_isnull(st, 3) ? NONE :
		    (int32_t)wb_stmt_int64(st, 3)), -wb_stmt_int64(st, 0),
		    &unused);
	}
	wb_stmt_release(st);
	return rc;
}

/* ---------- trajectories named by milestones --------------------------- */

/* The entry of trajectory `id` of `client`: *out NULL when there is no
 * such trajectory of that client. */
static int
traj_entry(struct ctx *c, int64_t id, int64_t client, struct traj **out)
{
	struct wb_stmt	*st = NULL;
	struct traj	*t;
	int64_t		*slot;
	bool		 found;
	int		 rc;

	*out = NULL;
	slot = idmap_slot(&c->traj_ix, id, &found);
	if (found) {
		if (*slot >= 0 && c->trajs[*slot].client_id == client)
			*out = &c->trajs[*slot];
		return 0;
	}
	*slot = -1;
	rc = wb_db_prepare(c->db, Q_TRAJ_GET, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, id);
	wb_stmt_bind_int64(st, 2, client);
	rc = wb_stmt_step(st, c->err);
	if (rc == 1) {
		if (c->ntrajs == c->tcap) {
			c->tcap = c->tcap == 0 ? 64 : c->tcap * 2;
			c->trajs = wb_xrealloc(c->trajs, c->tcap *
			    sizeof(*c->trajs));
		}
		*slot = (int64_t)c->ntrajs;
		t = &c->trajs[c->ntrajs++];
		memset(t, 0, sizeof(*t));
		t->id = id;
		t->client_id = client;
		t->status = pick(wb_trajectory_statuses, NULL,
		    wb_stmt_text(st, 2));
		t->start = wb_stmt_isnull(st, 4) ? NONE :
		    (int32_t)wb_stmt_int64(st, 4);
		t->end = wb_stmt_isnull(st, 5) ? NONE :
		    (int32_t)wb_stmt_int64(st, 5);
		t->first_contact = NONE;
		*out = t;
		rc = 0;
	}
	wb_stmt_release(st);
	return rc;
}

/* The trajectory of `client` in intervention iv that started on `start`:
 * *id 0 after noting a problem. */
static int
traj_find(struct ctx *c, size_t line, int64_t client, int iv, int32_t start,
    int64_t *id)
{
	struct wb_stmt	*st = NULL;
	char		 day[16];
	int		 rc, n = 0;

	*id = 0;
	rc = wb_db_prepare(c->db, Q_IMPORT_TRAJ_FIND, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client);
	wb_stmt_bind_text(st, 2, c->ivs[iv].code);
	wb_stmt_bind_int64(st, 3, start);
	while ((rc = wb_stmt_step(st, c->err)) == 1) {
		*id = wb_stmt_int64(st, 0);
		n++;
	}
	wb_stmt_release(st);
	if (rc != 0)
		return rc;
	wb_date_nl(start, day, sizeof(day));
	if (n == 0)
		problem(c, line, C_TRAJECTORY_START, "cliënt %lld heeft geen "
		    "traject %s dat op %s begon", (long long)client,
		    c->ivs[iv].code, day);
	else if (n > 1)
		problem(c, line, C_TRAJECTORY_START, "cliënt %lld heeft meer "
		    "trajecten %s die op %s begonnen; noem het traject met "
		    "trajectory_id", (long long)client, c->ivs[iv].code, day);
	if (n != 1)
		*id = 0;
	return 0;
}

/* Read the trajectory's stored milestones (duplicate keys) and running
 * jobs, once. */
static int
load_traj_detail(struct ctx *c, struct traj *t)
{
	struct wb_stmt	*st = NULL;
	int64_t		 unused;
	int		 rc, type;

	if (t->loaded || c->db == NULL)
		return 0;
	t->loaded = true;
	rc = wb_db_prepare(c->db, Q_IMPORT_MILESTONE_KEYS, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, t->id);
	while ((rc = wb_stmt_step(st, c->err)) == 1) {
		type = pick(wb_milestone_types, NULL, wb_stmt_text(st, 0));
		(void)keys_add(&c->keys, (uint64_t)t->id,
		    (uint64_t)(type + 1) << 56 |
		    day_key((int32_t)wb_stmt_int64(st, 1)) << 32, INT64_MIN,
		    &unused);
	}
	wb_stmt_release(st);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(c->db, Q_IMPORT_JOBS, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, t->id);
	while ((rc = wb_stmt_step(st, c->err)) == 1) {
		int32_t start = (int32_t)wb_stmt_int64(st, 2);
		struct open_job *j;

		(void)keys_add(&c->keys, (uint64_t)t->id,
		    (uint64_t)(MS_JOB_START + 1) << 56 | day_key(start) << 32 |
		    (text_hash(wb_stmt_text(st, 1)) & 0xffffffff),
		    -wb_stmt_int64(st, 0), &unused);
		if (!wb_stmt_isnull(st, 3))
			continue;
		j = WB_ARENA_PUSH(c->a, t->jobs, t->njobs, t->cap);
		j->id = wb_stmt_int64(st, 0);
		j->start = start;
		j->employer = wb_arena_strdup(c->a, wb_stmt_text(st, 1));
	}
	wb_stmt_release(st);
	return rc;
}

/* ---------- checking rows ---------------------------------------------- */

/* Room for one more checked row (zeroed). */
static void *
push_row(struct ctx *c)
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

static int
check_traj(struct ctx *c, size_t line)
{
	struct traj_row	 r = { .line = line };
	struct client	*k = NULL;
	const char	*v;
	const size_t	 before = c->res->nproblems;
	int64_t		 prev;
	int		 iv = -1, status, rc;
	size_t		 i;

	rc = client_of(c, line, WB_CAT_WORK, "trajecten", &k);
	if (rc != 0)
		return rc;
	v = c->v[C_INTERVENTION];
	if (blank(v))
		problem(c, line, C_INTERVENTION, "vul de interventie in "
		    "(een code uit de catalogus, bijvoorbeeld ips)");
	else if (c->db == NULL)
		iv = strlen(v) <= 32 ? 0 : -1;
	else
		for (i = 0; i < c->nivs && iv < 0; i++)
			if (strcasecmp(c->ivs[i].code, v) == 0 ||
			    strcasecmp(c->ivs[i].name, v) == 0)
				iv = (int)i;
	if (!blank(v) && iv < 0)
		problem(c, line, C_INTERVENTION, "interventie '%s' staat "
		    "niet in de catalogus", shown(c, v));
	(void)get_day(c, line, C_REFERRAL_DATE, false, &r.referral);
	(void)get_day(c, line, C_START_DATE, false, &r.start);
	(void)get_day(c, line, C_END_DATE, false, &r.end);
	v = c->v[C_STATUS];
	status = blank(v) ? -1 : pick(wb_trajectory_statuses,
	    wb_trajectory_status_label, v);
	if (!blank(v) && status < 0)
		problem(c, line, C_STATUS, "kies aangemeld, actief, afgerond "
		    "of uitgevallen");
	r.reason = c->v[C_END_REASON];
	if (!blank(r.reason) && wb_utf8_len(r.reason, strlen(r.reason)) >
	    WB_REASON_MAX)
		problem(c, line, C_END_REASON, "de reden is te lang (hoogstens "
		    "%d tekens)", WB_REASON_MAX);
	if (c->res->nproblems > before)
		return 0;

	if (status < 0)
		status = !blank(c->v[C_END_DATE]) ? -1 : r.start != NONE ?
		    ST_ACTIEF : ST_AANGEMELD;
	if (status < 0)
		problem(c, line, C_STATUS, "vul de status in: een traject met "
		    "een einddatum is afgerond of uitgevallen");
	else if (r.referral == NONE && r.start == NONE)
		problem(c, line, C_START_DATE, "vul de startdatum in, of de "
		    "aanmelddatum als het traject nog moet beginnen");
	else if (status == ST_AANGEMELD && r.start != NONE)
		problem(c, line, C_STATUS, "een traject met een startdatum is "
		    "niet meer aangemeld");
	else if (status == ST_ACTIEF && r.start == NONE)
		problem(c, line, C_START_DATE, "een actief traject heeft een "
		    "startdatum");
	else if (status == ST_AFGEROND && r.start == NONE)
		problem(c, line, C_START_DATE, "een afgerond traject heeft een "
		    "startdatum (een traject dat niet begon, is uitgevallen)");
	else if (status <= ST_ACTIEF && r.end != NONE)
		problem(c, line, C_END_DATE, "alleen een afgerond of "
		    "uitgevallen traject heeft een einddatum");
	else if (status <= ST_ACTIEF && !blank(r.reason))
		problem(c, line, C_END_REASON, "alleen een beëindigd traject "
		    "heeft een reden van einde");
	else if (status >= ST_AFGEROND && r.end == NONE)
		problem(c, line, C_END_DATE, "vul de einddatum in");
	else if (status == ST_UITGEVALLEN && blank(r.reason))
		problem(c, line, C_END_REASON, "vul in waarom het traject "
		    "gestopt is");
	else if (r.start != NONE && r.referral != NONE && r.start < r.referral)
		problem(c, line, C_START_DATE, "de startdatum ligt vóór de "
		    "aanmelddatum");
	else if (r.end != NONE && ((r.start != NONE && r.end < r.start) ||
	    (r.referral != NONE && r.end < r.referral)))
		problem(c, line, C_END_DATE, "de einddatum ligt vóór het begin "
		    "van het traject");
	else if (c->db != NULL && !c->ivs[iv].active &&
	    status <= ST_ACTIEF)
		problem(c, line, C_INTERVENTION, "interventie %s wordt niet "
		    "meer aangeboden; alleen beëindigde trajecten ervan kunnen "
		    "worden ingelezen", c->ivs[iv].code);
	if (c->res->nproblems > before || k == NULL)
		return 0;

	rc = client_region(c, k, line);
	if (rc == 0)
		rc = load_traj_keys(c, k);
	if (rc != 0)
		return rc;
	if (keys_add(&c->keys, (uint64_t)k->id, (uint64_t)(iv + 1) << 48 |
	    day_key(r.referral) << 24 | day_key(r.start), (int64_t)line,
	    &prev)) {
		if (prev > 0)
			problem(c, line, -1, "hetzelfde traject (cliënt, "
			    "interventie, aanmeld- en startdatum) staat ook op "
			    "regel %lld", (long long)prev);
		else
			problem(c, line, -1, "dit traject staat al in werkbrug "
			    "(traject %lld)", (long long)-prev);
	}
	if (c->res->nproblems > before)
		return 0;
	r.client = k->id;
	r.iv = (uint16_t)iv;
	r.status = (uint8_t)status;
	r.reason = blank(r.reason) ? NULL : wb_arena_strdup(c->a, r.reason);
	memcpy(push_row(c), &r, sizeof(r));
	c->nrows++;
	k->rows++;
	return 0;
}

/* Find the running job a job-end row ends (employer given or not) and
 * link the two; a problem when there is none or more than one. */
static void
end_job(struct ctx *c, size_t line, struct traj *t, struct ms_row *r)
{
	struct ms_row	*rows = c->rows;
	size_t		 i, hit = SIZE_MAX, n = 0;

	for (i = 0; i < t->njobs; i++) {
		if (t->jobs[i].start > r->day)
			continue;
		if (!blank(r->employer) && text_hash(t->jobs[i].employer) !=
		    text_hash(r->employer))
			continue;
		hit = i;
		n++;
	}
	if (n == 0) {
		problem(c, line, blank(r->employer) ? C_TYPE : C_EMPLOYER,
		    "er loopt op deze datum geen baan%s in dit traject",
		    blank(r->employer) ? "" : " bij deze werkgever");
		return;
	}
	if (n > 1) {
		problem(c, line, C_EMPLOYER, "er lopen meer banen in dit "
		    "traject; vul de werkgever in om te kiezen welke eindigt");
		return;
	}
	if (t->jobs[hit].id != 0)
		r->end_job = t->jobs[hit].id;
	else {
		struct ms_row *s = &rows[t->jobs[hit].row];

		s->end = r->day;
		s->end_reason = r->reason;
		r->merged = true;
	}
	t->jobs[hit] = t->jobs[--t->njobs];
}

static int
check_milestone(struct ctx *c, size_t line)
{
	struct ms_row	 r = { .line = line, .end = NONE };
	struct client	*k = NULL;
	struct traj	*t = NULL;
	const char	*v;
	const size_t	 before = c->res->nproblems;
	int32_t		 tstart = NONE;
	int64_t		 tid = 0, prev;
	int		 type, iv = -1, rc;
	size_t		 i;
	uint64_t	 key;

	rc = client_of(c, line, WB_CAT_WORK, "mijlpalen", &k);
	if (rc != 0)
		return rc;
	v = c->v[C_TYPE];
	type = blank(v) ? -1 : pick(wb_milestone_types,
	    wb_milestone_type_label, v);
	if (type < 0)
		problem(c, line, C_TYPE, "kies profile, employer-contact, "
		    "job-start, job-end, benefit-outflow of education");
	(void)get_day(c, line, C_DATE, true, &r.day);

	/* The trajectory: its number, or intervention and start date. */
	v = c->v[C_TRAJECTORY_ID];
	if (!blank(v)) {
		if (wb_parse_int64(v, strlen(v), 1, INT64_MAX, &tid) != 0)
			problem(c, line, C_TRAJECTORY_ID, "geen trajectnummer "
			    "(een getal van werkbrug)");
	} else {
		v = c->v[C_INTERVENTION];
		if (blank(v) || blank(c->v[C_TRAJECTORY_START]))
			problem(c, line, C_TRAJECTORY_ID, "noem het traject: "
			    "trajectory_id, of intervention en "
			    "trajectory_start");
		else if (get_day(c, line, C_TRAJECTORY_START, true, &tstart)) {
			for (i = 0; i < c->nivs && iv < 0; i++)
				if (strcasecmp(c->ivs[i].code, v) == 0 ||
				    strcasecmp(c->ivs[i].name, v) == 0)
					iv = (int)i;
			if (iv < 0 && c->db != NULL)
				problem(c, line, C_INTERVENTION, "interventie "
				    "'%s' staat niet in de catalogus",
				    shown(c, v));
		}
	}

	/* What each type takes, and nothing else. */
	v = c->v[C_DETAIL];
	if (type == MS_OUTFLOW) {
		int d = blank(v) ? -1 : pick(outflow_details, NULL, v);

		if (d < 0)
			problem(c, line, C_DETAIL, "vul volledig of "
			    "gedeeltelijk in");
		r.detail = (uint8_t)(d + 1);
	} else if (!blank(v) && type >= 0)
		problem(c, line, C_DETAIL, "alleen bij benefit-outflow");
	if (type == MS_JOB_START) {
		v = c->v[C_EMPLOYER];
		if (blank(v) || strchr(v, '\n') != NULL ||
		    wb_utf8_len(v, strlen(v)) > WB_EMPLOYER_MAX)
			problem(c, line, C_EMPLOYER, "vul de werkgever in (één "
			    "regel, hoogstens %d tekens)", WB_EMPLOYER_MAX);
		r.minutes = wb_hours_parse(c->v[C_HOURS]);
		if (r.minutes < 0)
			problem(c, line, C_HOURS, "vul de uren per week in als "
			    "getal groter dan 0 en hoogstens 80, bijvoorbeeld "
			    "16 of 16,5");
		r.competitive = (int8_t)yes_no(c->v[C_COMPETITIVE]);
		if (r.competitive < 0)
			problem(c, line, C_COMPETITIVE, "vul ja of nee in: een "
			    "reguliere baan op de open arbeidsmarkt?");
		r.min_wage = (int8_t)yes_no(c->v[C_MIN_WAGE]);
		if (r.min_wage < 0)
			problem(c, line, C_MIN_WAGE, "vul ja of nee in: ten "
			    "minste het minimumloon?");
		v = c->v[C_CONTRACT];
		rc = blank(v) ? -1 : pick(wb_job_contracts,
		    wb_job_contract_label, v);
		if (rc < 0)
			problem(c, line, C_CONTRACT, "kies vast, tijdelijk, "
			    "uitzend, oproep, zelfstandig of anders");
		r.contract = (uint8_t)(rc < 0 ? 0 : rc);
	} else if (type >= 0) {
		static const int job_only[] = { C_HOURS, C_COMPETITIVE,
		    C_MIN_WAGE, C_CONTRACT };

		for (i = 0; i < WB_NELEM(job_only); i++)
			if (!blank(c->v[job_only[i]]))
				problem(c, line, job_only[i], "alleen bij "
				    "job-start");
		if (type != MS_JOB_END && !blank(c->v[C_EMPLOYER]))
			problem(c, line, C_EMPLOYER, "alleen bij job-start en "
			    "job-end");
	}
	v = c->v[C_REASON];
	if (type >= 0 && type != MS_JOB_END && !blank(v))
		problem(c, line, C_REASON, "alleen bij job-end");
	else if (!blank(v) && wb_utf8_len(v, strlen(v)) > WB_REASON_MAX)
		problem(c, line, C_REASON, "de reden is te lang (hoogstens %d "
		    "tekens)", WB_REASON_MAX);
	if (c->res->nproblems > before || k == NULL || c->db == NULL)
		return 0;

	if (tid == 0) {
		rc = traj_find(c, line, k->id, iv, tstart, &tid);
		if (rc != 0 || tid == 0)
			return rc;
	}
	rc = traj_entry(c, tid, k->id, &t);
	if (rc != 0)
		return rc;
	if (t == NULL) {
		problem(c, line, C_TRAJECTORY_ID, "traject %lld is geen "
		    "traject van cliënt %lld", (long long)tid,
		    (long long)k->id);
		return 0;
	}
	if (t->start == NONE) {
		problem(c, line, C_TRAJECTORY_ID, "traject %lld is nog niet "
		    "gestart", (long long)tid);
		return 0;
	}
	if (r.day < t->start) {
		problem(c, line, C_DATE, "de datum ligt vóór de start van het "
		    "traject");
		return 0;
	}
	/* An ended trajectory keeps its history: milestones up to its end
	 * may still come in; a job found in it may end later. */
	if (t->end != NONE && r.day > t->end && type != MS_JOB_END) {
		problem(c, line, C_DATE, "de datum ligt na het einde van het "
		    "traject");
		return 0;
	}
	rc = load_traj_detail(c, t);
	if (rc != 0)
		return rc;
	r.employer = blank(c->v[C_EMPLOYER]) ? NULL :
	    wb_arena_strdup(c->a, c->v[C_EMPLOYER]);
	r.reason = blank(c->v[C_REASON]) ? NULL :
	    wb_arena_strdup(c->a, c->v[C_REASON]);
	if (type == MS_JOB_END) {
		end_job(c, line, t, &r);
	} else {
		key = (uint64_t)(type + 1) << 56 | day_key(r.day) << 32;
		if (type == MS_JOB_START)
			key |= text_hash(r.employer) & 0xffffffff;
		if (keys_add(&c->keys, (uint64_t)t->id, key, (int64_t)line,
		    &prev)) {
			if (prev > 0)
				problem(c, line, -1, "dezelfde mijlpaal staat "
				    "ook op regel %lld", (long long)prev);
			else
				problem(c, line, -1, "deze mijlpaal staat al "
				    "in werkbrug");
		}
	}
	if (c->res->nproblems > before)
		return 0;
	if (type == MS_JOB_START) {
		struct open_job *j = WB_ARENA_PUSH(c->a, t->jobs, t->njobs,
		    t->cap);

		j->row = c->nrows;
		j->start = r.day;
		j->employer = r.employer;
	}
	if (type == MS_CONTACT && (t->first_contact == NONE ||
	    r.day < t->first_contact))
		t->first_contact = r.day;
	r.client = k->id;
	r.traj = t->id;
	r.type = (uint8_t)type;
	memcpy(push_row(c), &r, sizeof(r));
	c->nrows++;
	k->rows++;
	return 0;
}

static int
check_measurement(struct ctx *c, size_t line)
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

	if (!blank(v)) {
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
		problem(c, line, C_INSTRUMENT, "kies een instrument: ladder, "
		    "phq9, gad7, k10, oq45, scl90, honos, mansa of whodas12");
	rc = client_of(c, line, ins != NULL ? ins->category : WB_CAT_WORK,
	    ins != NULL && ins->category == WB_CAT_HEALTH ?
	    "gezondheidsgegevens (klachtenmetingen)" :
	    "werk- en inkomensgegevens (de participatieladder)", &k);
	if (rc != 0)
		return rc;
	(void)get_day(c, line, C_DATE, true, &r.day);
	v = c->v[C_VALUE];
	if (!blank(v) && wb_parse_int64(v, strlen(v), -9999, 9999, &value) !=
	    0) {
		problem(c, line, C_VALUE, "geen geheel getal");
		v = NULL;
	}
	if (ins == NULL) {
		/* nothing more to check */
	} else if (ins->kind == WB_INSTRUMENT_QUESTIONNAIRE) {
		const char *s = c->v[C_ITEMS];

		n = strspn(s, "0123456789");
		rc = blank(s) ? wb_err_field(&ve, WB_EINVAL, "items", "Vul de "
		    "antwoorden in, bijvoorbeeld 0,1,2,...") :
		    n == strlen(s) && n == (size_t)ins->nitems ?
		    wb_instrument_items_parse(ins, s, items, WB_NELEM(items),
		    &ve) : wb_instrument_items_parse_list(ins, s, items,
		    WB_NELEM(items), &ve);
		if (rc == 0)
			rc = wb_instrument_score(ins, items,
			    (size_t)ins->nitems, &total, &ve);
		if (rc != 0)
			problem(c, line, C_ITEMS, "%s", ve.msg);
		else if (!blank(v) && value != total)
			problem(c, line, C_VALUE, "de totaalscore klopt niet "
			    "met de antwoorden (laat value leeg; werkbrug "
			    "telt zelf)");
		else {
			wb_instrument_items_format(items, (size_t)ins->nitems,
			    r.items, sizeof(r.items));
			r.value = (int16_t)total;
		}
	} else {
		if (!blank(c->v[C_ITEMS]))
			problem(c, line, C_ITEMS, "alleen bij een vragenlijst "
			    "(phq9, gad7, k10); %s krijgt een waarde (value)",
			    ins->code);
		if (blank(c->v[C_VALUE]))
			problem(c, line, C_VALUE, "%s", ins->kind ==
			    WB_INSTRUMENT_LADDER ? "vul de trede van de "
			    "participatieladder in (1-6)" : "vul de "
			    "totaalscore in");
		else if (v != NULL && wb_instrument_check_value(ins,
		    (int)value, &ve) != 0)
			problem(c, line, C_VALUE, "%s", ve.msg);
		else
			r.value = (int16_t)value;
	}
	/* Duplicates are found once every row is read (measurement_dups). */
	if (c->res->nproblems > before || k == NULL)
		return 0;
	r.k = (uint32_t)(k - c->clients);
	memcpy(push_row(c), &r, sizeof(r));
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
static int
measurement_dups(struct ctx *c)
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
	    day_key(day))
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
			const int64_t *ix = idmap_find(&c->client_ix,
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
				problem(c, r->line, -1, "er staat al een "
				    "meting met dit instrument op deze dag in "
				    "werkbrug");
			else if (j > i)
				problem(c, r->line, -1, "een meting met "
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

/* The stream's callback: the header, then each data row. */
static int
on_row(void *arg, const struct wb_csv_row *r, struct wb_err *err)
{
	struct ctx	*c = arg;
	int		 col, rc;

	(void)err;
	if (c->stream->rows == 1) {
		c->header_ok = map_header(c, r);
		/* Without a usable header the rows cannot be read. */
		return c->header_ok ? 0 : WB_EINVAL;
	}
	c->res->rows++;
	if (c->res->rows % PROGRESS_ROWS == 0)
		progress(c, WB_IMPORT_CHECKING, c->stream->bytes,
		    c->opt->size);
	if (r->ncols != c->ncols) {
		problem(c, r->line, -1, "verwacht %zu kolommen, gevonden %zu",
		    c->ncols, r->ncols);
		return 0;
	}
	for (col = 0; col < C__N; col++)
		c->v[col] = c->idx[col] >= 0 ? trim(r->cols[c->idx[col]]) : "";
	switch (c->kind) {
	case WB_IMPORT_TRAJECTORIES:
		rc = check_traj(c, r->line);
		break;
	case WB_IMPORT_MILESTONES:
		rc = check_milestone(c, r->line);
		break;
	default:
		rc = check_measurement(c, r->line);
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

static void
bind_day(struct wb_stmt *st, int idx, int32_t d)
{
	if (d == NONE)
		wb_stmt_bind_null(st, idx);
	else
		wb_stmt_bind_int64(st, idx, d);
}

/* Write measurements from c->order[*i] on: WB_IMPORT_BATCH rows in one
 * statement while that many are left, else one; *i moves past them. */
static int
write_measurements(struct ctx *c, size_t *i)
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

/* Write every checked row, in file order, in the open transaction. */
static int
write_rows(struct ctx *c)
{
	struct wb_stmt		*st = NULL;
	struct wb_import_result	*res = c->res;
	const int64_t		 now = c->now;
	const int64_t		 org = c->actor->org_id;
	const int64_t		 user = c->actor->user_id;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; c->kind == WB_IMPORT_MEASUREMENTS && i < c->norder &&
	    rc == 0; ) {
		if (i % PROGRESS_ROWS == 0 && i > 0)
			progress(c, WB_IMPORT_WRITING, i, c->nrows);
		rc = write_measurements(c, &i);
	}
	for (i = 0; c->kind != WB_IMPORT_MEASUREMENTS && i < c->nrows &&
	    rc == 0; i++) {
		if (i % PROGRESS_ROWS == 0 && i > 0)
			progress(c, WB_IMPORT_WRITING, i, c->nrows);
		if (c->kind == WB_IMPORT_TRAJECTORIES) {
			const struct traj_row *r = (struct traj_row *)c->rows +
			    i;
			struct client *k;

			rc = client_entry(c, r->client, &k);
			if (rc == 0)
				rc = wb_db_prepare(c->db, Q_IMPORT_TRAJ_INSERT,
				    &st, c->err);
			if (rc != 0)
				break;
			wb_stmt_bind_int64(st, 1, r->client);
			wb_stmt_bind_text(st, 2, c->ivs[r->iv].code);
			wb_stmt_bind_int64(st, 3, org);
			wb_stmt_bind_int64(st, 4, user);
			wb_stmt_bind_text(st, 5, k->region);
			bind_day(st, 6, r->referral);
			bind_day(st, 7, r->start);
			wb_stmt_bind_text(st, 8,
			    wb_trajectory_statuses[r->status]);
			bind_day(st, 9, r->end);
			wb_stmt_bind_opt(st, 10, r->reason);
			wb_stmt_bind_int64(st, 11, now);
			rc = wb_stmt_exec(st, c->err);
			wb_stmt_release(st);
			res->trajectories++;
		} else {
			const struct ms_row *r = (struct ms_row *)c->rows + i;

			if (r->type == MS_JOB_END && r->merged) {
				res->jobs_ended++;
				continue;
			}
			if (r->type == MS_JOB_END) {
				rc = wb_db_prepare(c->db, Q_JOB_END, &st,
				    c->err);
				if (rc != 0)
					break;
				wb_stmt_bind_int64(st, 1, r->end_job);
				wb_stmt_bind_int64(st, 2, r->day);
				wb_stmt_bind_opt(st, 3, r->reason);
				wb_stmt_bind_int64(st, 4, now);
				rc = wb_stmt_exec(st, c->err);
				if (rc == 0 && wb_stmt_changes(st) != 1)
					rc = wb_err_set(c->err, WB_ECONFLICT,
					    "job %lld already ended",
					    (long long)r->end_job);
				wb_stmt_release(st);
				res->jobs_ended++;
			} else if (r->type == MS_JOB_START) {
				rc = wb_db_prepare(c->db, Q_IMPORT_JOB_INSERT,
				    &st, c->err);
				if (rc != 0)
					break;
				wb_stmt_bind_int64(st, 1, r->traj);
				wb_stmt_bind_int64(st, 2, r->client);
				wb_stmt_bind_text(st, 3, r->employer);
				wb_stmt_bind_int64(st, 4, r->minutes);
				wb_stmt_bind_int64(st, 5, r->competitive);
				wb_stmt_bind_int64(st, 6, r->min_wage);
				wb_stmt_bind_text(st, 7,
				    wb_job_contracts[r->contract]);
				wb_stmt_bind_int64(st, 8, r->day);
				bind_day(st, 9, r->end);
				wb_stmt_bind_opt(st, 10, r->end_reason);
				wb_stmt_bind_int64(st, 11, user);
				wb_stmt_bind_int64(st, 12, now);
				rc = wb_stmt_exec(st, c->err);
				wb_stmt_release(st);
				res->jobs++;
			} else {
				rc = wb_db_prepare(c->db,
				    Q_IMPORT_MILESTONE_INSERT, &st, c->err);
				if (rc != 0)
					break;
				wb_stmt_bind_int64(st, 1, r->traj);
				wb_stmt_bind_int64(st, 2, r->client);
				wb_stmt_bind_text(st, 3,
				    wb_milestone_types[r->type]);
				wb_stmt_bind_int64(st, 4, r->day);
				wb_stmt_bind_opt(st, 5, r->detail == 0 ? NULL :
				    outflow_details[r->detail - 1]);
				wb_stmt_bind_int64(st, 6, user);
				wb_stmt_bind_int64(st, 7, now);
				rc = wb_stmt_exec(st, c->err);
				wb_stmt_release(st);
				res->milestones++;
			}
		}
	}
	/* The earliest employer contact, kept for the indicators. */
	for (i = 0; i < c->ntrajs && rc == 0; i++) {
		if (c->trajs[i].first_contact == NONE)
			continue;
		rc = wb_db_prepare(c->db, Q_TRAJ_FIRST_CONTACT, &st, c->err);
		if (rc != 0)
			break;
		wb_stmt_bind_int64(st, 1, c->trajs[i].id);
		wb_stmt_bind_int64(st, 2, c->trajs[i].first_contact);
		wb_stmt_bind_int64(st, 3, now);
		rc = wb_stmt_exec(st, c->err);
		wb_stmt_release(st);
	}
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
	struct wb_csv_stream	 s = { .row = on_row, .arg = c };
	struct wb_import_result	*res = c->res;
	struct wb_err		 saved;
	size_t			 i;
	int			 rc, failed = 0;

	s.max_bytes = c->opt->max_bytes != 0 ? c->opt->max_bytes :
	    WB_MAX_UPLOAD;
	s.max_rows = c->opt->max_rows != 0 ? c->opt->max_rows :
	    WB_MAX_CSV_ROWS;
	c->stream = &s;
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

	rc = fd >= 0 ? wb_csv_stream_fd(&s, fd, c->err) :
	    wb_csv_stream_mem(&s, data, n, c->err);
	if (rc == WB_EINVAL && !c->header_ok && res->nproblems > 0)
		rc = 0;		/* the header's problems are listed */
	else if (rc == WB_EINVAL || rc == WB_ETOOBIG) {
		/* The file itself: its message names the line. */
		problem(c, 0, -1, "%s", c->err->msg);
		wb_err_clear(c->err);
		failed = rc;
		rc = 0;
	} else if (rc != 0)
		goto out;
	if (failed == 0 && s.rows == 1 && c->header_ok)
		problem(c, 1, -1, "het bestand bevat alleen een kopregel");
	progress(c, WB_IMPORT_CHECKING, s.bytes, c->opt->size);
	if (c->kind == WB_IMPORT_MEASUREMENTS && c->header_ok &&
	    (rc = measurement_dups(c)) != 0)
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
