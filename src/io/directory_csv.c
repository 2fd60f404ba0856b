/* directory_csv.c - CSV import of organisations and contact points
 * (checking every row, then applying all or nothing); the export is in
 * directory_export.c. */
#include "io/directory_csv.h"
#include "io/csv.h"
#include "io/directory_format.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/card.h"
#include "domain/contact_point.h"
#include "domain/organisation.h"
#include "base/limits.h"
#include "base/str.h"
#include "base/time.h"

#include <strings.h>

#define SHOWN_BYTES	40	/* bytes of a cell quoted in a message */

/* The first ORG_REQUIRED / CP_REQUIRED columns of each kind
 * (io/directory_format.h) are required on import. */
#define ORG_REQUIRED	4
#define CP_REQUIRED	4

const char *const wb_dir_org_cols[] = { "code", "name", "type", "regions",
    "municipality", "agb", "kvk", "phone", "email", "website", NULL };
const char *const wb_dir_cp_cols[] = { "organisation", "region", "domain",
    "name", "function", "phone", "email", "availability", "deputy_name",
    "deputy_function", "deputy_phone", "deputy_email", "valid_from", NULL };

#define MAX_COLS	((int)CC__N > (int)OC__N ? (int)CC__N : (int)OC__N)

/* What applying a row will do. */
enum action { ACT_NONE, ACT_CREATE, ACT_UPDATE };

/* One organisation row, checked. */
struct org_row {
	size_t		 line;
	struct wb_org	 o;		/* the values to store */
	enum action	 act;
};

/* A person named on a contact-point row; NULL or "" = keep. */
struct person {
	const char	*name, *function, *phone, *email, *availability;
};

/* One contact-point row, checked. */
struct cp_row {
	size_t		 line;
	const char	*org_code, *region, *domain;
	struct person	 p, d;		/* d.name == NULL: no deputy */
	int64_t		 valid_from;
	bool		 replaces;	/* a current contact point exists */
	bool		 unchanged;	/* ... and it names the same people */
	int64_t		 keep_deputy;	/* its deputy, when the file has no
					   deputy columns */
};

/* An organisation named in a contact-point file, and its cards. */
struct org_entry {
	const char		*code;
	bool			 found;
	struct wb_org		 org;
	bool			 cards_loaded;
	struct wb_card		*cards;	/* active cards, then new ones */
	size_t			 ncards, cap;
	struct org_entry	*next;
};

/* A region named in a contact-point file, and its current contact
 * points (read only when comparing). */
struct region_entry {
	const char		*code;
	bool			 found;
	bool			 cps_loaded;
	struct wb_cp		*cps;
	size_t			 ncps;
	struct region_entry	*next;
};

/* Keys seen in the file (organisation codes, or organisation, region
 * and domain of a contact point) with the line of their first row: an
 * open-addressing table in the arena, sized for every row at once. */
struct seen {
	const char	**keys;
	size_t		 *lines;
	size_t		  mask;		/* capacity - 1, a power of two */
};

/* Everything one check or import works with. */
struct ctx {
	struct wb_db		*db;		/* NULL: offline checks only */
	const struct wb_actor	*actor;		/* NULL: no access rules */
	struct wb_arena		*a;
	struct wb_import_report	*rep;
	struct wb_err		*err;
	bool			 compare;	/* read the current contact
						   points (audited) */
	int			 idx[MAX_COLS];	/* column -> cell, or -1 */
	struct org_entry	*orgs;
	struct region_entry	*regions;
	size_t			 nrows;
	struct org_row		*org_rows;
	struct cp_row		*cp_rows;
	struct seen		 seen;
};

static void	report(struct ctx *c, size_t line, const char *fmt, ...)
		    WB_PRINTF(3, 4);
static void	seen_init(struct seen *s, struct wb_arena *a, size_t rows);
static size_t	seen_add(struct seen *s, const char *key, size_t line);
static bool	empty(const char *s);
static bool	same(const char *x, const char *y);
static const char *shown(struct wb_arena *a, const char *s);
static bool	text_ok(const char *s, size_t max, bool newlines);
static bool	phone_ok(const char *s);
static bool	code_ok(const char *s, const char *prefix, size_t digits);
static const char *upper(struct wb_arena *a, const char *s);
static const char *pick(const char *const *codes,
		    const char *(*label)(const char *), const char *s);
static bool	may_transfer(const struct wb_actor *actor);
static bool	may_region(const struct wb_actor *actor, const char *region);
static void	refuse_region(struct ctx *c, size_t line);
static const char *cell(const struct ctx *c, const struct wb_csv_row *r,
		    int col);
static bool	map_header(struct ctx *c, const struct wb_csv_table *t,
		    enum wb_dir_kind kind);
static int	region_entry(struct ctx *c, const char *code,
		    struct region_entry **out);
static int	org_entry(struct ctx *c, const char *code,
		    struct org_entry **out);
static int	load_cards(struct ctx *c, struct org_entry *e);
static void	add_card(struct ctx *c, struct org_entry *e,
		    const struct wb_card *k);
static struct wb_card *match_card(struct org_entry *e, const char *name,
		    bool *dup);
static void	merge(struct wb_card *dst, const struct wb_card *old,
		    const struct person *p);
static bool	card_same(const struct wb_card *x, const struct wb_card *y);
static int	resolve(struct ctx *c, struct org_entry *e,
		    const struct person *p, const char *who, size_t line,
		    bool apply, int64_t *card_id, size_t *cards);
static bool	org_same(const struct wb_org *x, const struct wb_org *y);
static int	check_org_row(struct ctx *c, const struct wb_csv_row *r,
		    struct org_row *out);
static void	check_person(struct ctx *c, size_t line, const char *who,
		    const struct person *p);
static int	check_cp_row(struct ctx *c, const struct wb_csv_row *r,
		    struct cp_row *out);
static int	check(struct ctx *c, enum wb_dir_kind kind, const char *data,
		    size_t n);
static bool	row_error(int rc);
static int	apply(struct ctx *c, enum wb_dir_kind kind,
		    struct wb_dir_counts *counts);

/* ---------- small helpers ------------------------------------------- */

/* Add a problem to the report; past WB_DIR_MAX_REPORTED problems only
 * the count goes up. */
static void
report(struct ctx *c, size_t line, const char *fmt, ...)
{
	char	msg[512];
	va_list	ap;

	if (c->rep->nerrors >= WB_DIR_MAX_REPORTED) {
		c->rep->nerrors++;
		return;
	}
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	wb_report_error(c->rep, c->a, line, "%s", msg);
}

static void
seen_init(struct seen *s, struct wb_arena *a, size_t rows)
{
	size_t	cap = 16;

	while (cap < 2 * rows + 2)
		cap *= 2;
	s->keys = wb_arena_array(a, cap, sizeof(*s->keys));
	s->lines = wb_arena_array(a, cap, sizeof(*s->lines));
	s->mask = cap - 1;
}

/* Remember `key` first seen on `line` and return 0, or return the line
 * it was seen on before (lines start at 1). */
static size_t
seen_add(struct seen *s, const char *key, size_t line)
{
	const unsigned char	*p;
	uint64_t		 h = 14695981039346656037ULL;	/* FNV-1a */
	size_t			 i;

	for (p = (const unsigned char *)key; *p != '\0'; p++)
		h = (h ^ *p) * 1099511628211ULL;
	for (i = (size_t)h & s->mask; s->keys[i] != NULL;
	    i = (i + 1) & s->mask)
		if (strcmp(s->keys[i], key) == 0)
			return s->lines[i];
	s->keys[i] = key;
	s->lines[i] = line;
	return 0;
}

static bool
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* Equal as stored: NULL and "" are the same, and so is white space
 * around the text (an import trims every cell). */
static bool
same(const char *x, const char *y)
{
	struct wb_str	a = wb_str_trim(wb_str_c(x));
	struct wb_str	b = wb_str_trim(wb_str_c(y));

	return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

/* `s` for quoting in a message: at most SHOWN_BYTES bytes, cut on a
 * character boundary. */
static const char *
shown(struct wb_arena *a, const char *s)
{
	size_t	n = strlen(s);

	if (n <= SHOWN_BYTES)
		return s;
	n = SHOWN_BYTES;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return wb_arena_printf(a, "%.*s…", (int)n, s);
}

/* Valid UTF-8 of at most `max` characters, newlines only when allowed. */
static bool
text_ok(const char *s, size_t max, bool newlines)
{
	size_t	n = strlen(s);

	return wb_utf8_valid(s, n, newlines) && wb_utf8_len(s, n) <= max;
}

/* The phone rule of organisation.c and card.c. */
static bool
phone_ok(const char *s)
{
	return strlen(s) <= 30 &&
	    strspn(s, "0123456789 +-()") == strlen(s);
}

/* True when s is `prefix` (any ASCII case) and `digits` digits. */
static bool
code_ok(const char *s, const char *prefix, size_t digits)
{
	size_t	i, pl = strlen(prefix);

	if (strlen(s) != pl + digits || strncasecmp(s, prefix, pl) != 0)
		return false;
	for (i = pl; i < pl + digits; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* An ASCII upper-case copy. */
static const char *
upper(struct wb_arena *a, const char *s)
{
	char	*u = wb_arena_strdup(a, s);
	char	*p;

	for (p = u; *p != '\0'; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return u;
}

/* The code among `codes` whose code or Dutch label is `s` (ASCII case
 * ignored), or NULL. */
static const char *
pick(const char *const *codes, const char *(*label)(const char *),
    const char *s)
{
	size_t	i;

	for (i = 0; codes[i] != NULL; i++)
		if (strcasecmp(codes[i], s) == 0 ||
		    strcasecmp(label(codes[i]), s) == 0)
			return codes[i];
	return NULL;
}

/* Administrators, and coordinators of a region. */
static bool
may_transfer(const struct wb_actor *actor)
{
	struct wb_scope	s;

	if (actor == NULL)
		return false;
	if (wb_access_check(actor, WB_ACT_ORG_MANAGE, NULL) == 0)
		return true;
	s = (struct wb_scope){ .region_code = actor->region_code };
	return actor->region_code != NULL &&
	    wb_access_check(actor, WB_ACT_REGION_EDIT, &s) == 0;
}

/* May the actor change the directory of `region`?  (No actor: offline
 * check, no rules.) */
static bool
may_region(const struct wb_actor *actor, const char *region)
{
	struct wb_scope	s = { .region_code = region };

	return actor == NULL ||
	    wb_access_check(actor, WB_ACT_REGION_EDIT, &s) == 0;
}

static void
refuse_region(struct ctx *c, size_t line)
{
	if (c->actor->region_code != NULL)
		report(c, line, "u mag alleen regio %s bijwerken",
		    c->actor->region_code);
	else
		report(c, line, "u mag deze regel niet inlezen");
}

/* The cell of column `col`, trimmed and without the formula guard's
 * apostrophe; NULL when the file has no such column. */
static const char *
cell(const struct ctx *c, const struct wb_csv_row *r, int col)
{
	struct wb_str	s;
	int		i = c->idx[col];

	if (i < 0 || (size_t)i >= r->ncols)
		return NULL;
	s = wb_str_trim(wb_str_c(r->cols[i]));
	if (s.n >= 2 && s.p[0] == '\'' && strchr("=+-@\t\r", s.p[1]) != NULL)
		s = wb_str_trim((struct wb_str){ s.p + 1, s.n - 1 });
	return wb_arena_strndup(c->a, s.p, s.n);
}

/* Map the header's names to columns; report unknown, repeated and
 * missing ones.  False when the header is unusable. */
static bool
map_header(struct ctx *c, const struct wb_csv_table *t, enum wb_dir_kind kind)
{
	const struct wb_csv_row	*h = &t->rows[0];
	const bool		 orgs = kind == WB_DIR_ORGS;
	const char *const	*names = orgs ? wb_dir_org_cols : wb_dir_cp_cols;
	const char *const	*other = orgs ? wb_dir_cp_cols : wb_dir_org_cols;
	size_t			 nreq = orgs ? ORG_REQUIRED : CP_REQUIRED;
	size_t			 i, col, before = c->rep->nerrors, seen = 0;

	for (col = 0; col < MAX_COLS; col++)
		c->idx[col] = -1;
	for (i = 0; i < h->ncols; i++) {
		struct wb_str name = wb_str_trim(wb_str_c(h->cols[i]));

		for (col = 0; names[col] != NULL; col++)
			if (wb_str_caseeq(name, names[col]))
				break;
		if (name.n == 0)
			report(c, h->line, "kolom %zu van de kopregel heeft "
			    "geen naam", i + 1);
		else if (names[col] == NULL)
			report(c, h->line, "onbekende kolom '%s' in de "
			    "kopregel", shown(c->a, wb_arena_strndup(c->a,
			    name.p, name.n)));
		else if (c->idx[col] >= 0)
			report(c, h->line, "kolom %s staat twee keer in de "
			    "kopregel", names[col]);
		else
			c->idx[col] = (int)i;
		for (col = 0; other[col] != NULL; col++)
			if (col < 4 && wb_str_caseeq(name, other[col]))
				seen++;
	}
	for (col = 0; col < nreq; col++)
		if (c->idx[col] < 0)
			report(c, h->line, "kolom %s ontbreekt in de kopregel",
			    names[col]);
	if (c->rep->nerrors > before && seen == 4)
		report(c, h->line, "dit lijkt een bestand met %s; kies dat "
		    "bij 'Soort bestand'", orgs ? "contactpunten" :
		    "organisaties");
	return c->rep->nerrors == before;
}

/* ---------- caches of what the database holds ------------------------ */

/* The entry of region `code`, looked up once. */
static int
region_entry(struct ctx *c, const char *code, struct region_entry **out)
{
	struct region_entry	*e;
	struct wb_region	 r;
	int			 rc;

	for (e = c->regions; e != NULL; e = e->next)
		if (strcmp(e->code, code) == 0) {
			*out = e;
			return 0;
		}
	e = wb_arena_alloc(c->a, sizeof(*e));
	e->code = code;
	rc = wb_region_get(c->db, code, c->a, &r, c->err);
	if (rc != 0 && rc != WB_ENOTFOUND)
		return rc;
	e->found = rc == 0;
	e->next = c->regions;
	c->regions = e;
	*out = e;
	return 0;
}

/* The entry of organisation `code`, looked up once. */
static int
org_entry(struct ctx *c, const char *code, struct org_entry **out)
{
	struct org_entry	*e;
	int			 rc;

	for (e = c->orgs; e != NULL; e = e->next)
		if (strcmp(e->code, code) == 0) {
			*out = e;
			return 0;
		}
	e = wb_arena_alloc(c->a, sizeof(*e));
	e->code = code;
	rc = wb_org_get_code(c->db, code, c->a, &e->org, c->err);
	if (rc != 0 && rc != WB_ENOTFOUND)
		return rc;
	e->found = rc == 0;
	e->next = c->orgs;
	c->orgs = e;
	*out = e;
	return 0;
}

/* Read the organisation's active cards (not audited: they are only
 * matched by name, never shown). */
static int
load_cards(struct ctx *c, struct org_entry *e)
{
	int	rc;

	if (e->cards_loaded)
		return 0;
	rc = wb_card_list_org(c->db, e->org.id, c->a, &e->cards, &e->ncards,
	    c->err);
	if (rc != 0)
		return rc;
	e->cap = e->ncards;
	e->cards_loaded = true;
	return 0;
}

/* Append a card made by this import to the organisation's list. */
static void
add_card(struct ctx *c, struct org_entry *e, const struct wb_card *k)
{
	if (e->ncards == e->cap) {
		struct wb_card *nv;

		e->cap = e->cap ? e->cap * 2 : 8;
		nv = wb_arena_array(c->a, e->cap, sizeof(*nv));
		if (e->ncards > 0)
			memcpy(nv, e->cards, e->ncards * sizeof(*nv));
		e->cards = nv;
	}
	e->cards[e->ncards++] = *k;
}

/* The card called exactly `name` (white space around it ignored);
 * *dup when there is more than one. */
static struct wb_card *
match_card(struct org_entry *e, const char *name, bool *dup)
{
	struct wb_card	*found = NULL;
	size_t		 i;

	*dup = false;
	for (i = 0; i < e->ncards; i++) {
		if (!same(e->cards[i].name, name))
			continue;
		if (found != NULL)
			*dup = true;
		found = &e->cards[i];
	}
	return found;
}

/* dst = old with the non-empty fields of p. */
static void
merge(struct wb_card *dst, const struct wb_card *old, const struct person *p)
{
	*dst = *old;
	if (!empty(p->function))
		dst->function = p->function;
	if (!empty(p->phone))
		dst->phone = p->phone;
	if (!empty(p->email))
		dst->email = p->email;
	if (!empty(p->availability))
		dst->availability = p->availability;
}

static bool
card_same(const struct wb_card *x, const struct wb_card *y)
{
	return same(x->function, y->function) && same(x->phone, y->phone) &&
	    same(x->email, y->email) &&
	    same(x->availability, y->availability);
}

/* Find or make the card of person `p` of organisation e.  Checking
 * (apply false): card problems go to the report as "who: message", a
 * new card is remembered (id 0) so later rows find it.  Applying: the
 * card is created or updated in the open transaction.  *card_id is the
 * card's id (0 for one still to be made); *cards counts changes. */
static int
resolve(struct ctx *c, struct org_entry *e, const struct person *p,
    const char *who, size_t line, bool apply, int64_t *card_id,
    size_t *cards)
{
	struct wb_card	*k, nk;
	struct wb_err	 ve;
	bool		 dup;
	int		 rc;

	*card_id = 0;
	rc = load_cards(c, e);
	if (rc != 0)
		return rc;
	k = match_card(e, p->name, &dup);
	if (dup) {
		report(c, line, "%s: %s heeft meer kaartjes met de naam '%s'; "
		    "maak de namen eerst verschillend", who, e->code,
		    shown(c->a, p->name));
		return 0;
	}
	if (k != NULL) {
		*card_id = k->id;
		merge(&nk, k, p);
		if (card_same(&nk, k))
			return 0;
		if (!apply) {
			if (wb_card_validate(&nk, &ve) != 0)
				report(c, line, "%s: %s", who, ve.msg);
			else
				*k = nk;
			return 0;
		}
		rc = wb_card_update_tx(c->db, c->actor, &nk, c->err);
		if (rc == 0) {
			*k = nk;
			(*cards)++;
		}
		return rc;
	}
	memset(&nk, 0, sizeof(nk));
	nk.org_id = e->org.id;
	nk.name = p->name;
	nk.function = p->function;
	nk.phone = p->phone;
	nk.email = p->email;
	nk.availability = p->availability;
	nk.active = true;
	if (!apply) {
		if (empty(p->function))
			report(c, line, "%s: vul de functie in; '%s' heeft "
			    "nog geen kaartje bij %s", who,
			    shown(c->a, p->name), e->code);
		else if (wb_card_validate(&nk, &ve) != 0)
			report(c, line, "%s: %s", who, ve.msg);
		else
			add_card(c, e, &nk);
		return 0;
	}
	rc = wb_card_add_tx(c->db, c->actor, &nk, &nk.id, c->err);
	if (rc != 0)
		return rc;
	add_card(c, e, &nk);
	*card_id = nk.id;
	(*cards)++;
	return 0;
}

/* True when storing y over x would change nothing. */
static bool
org_same(const struct wb_org *x, const struct wb_org *y)
{
	size_t	i, j;

	if (!same(x->name, y->name) || !same(x->type, y->type) ||
	    !same(x->municipality_code, y->municipality_code) ||
	    !same(x->agb, y->agb) || !same(x->kvk, y->kvk) ||
	    !same(x->phone, y->phone) || !same(x->email, y->email) ||
	    !same(x->website, y->website) || x->nregions != y->nregions)
		return false;
	for (i = 0; i < x->nregions; i++) {
		for (j = 0; j < y->nregions; j++)
			if (strcmp(x->regions[i], y->regions[j]) == 0)
				break;
		if (j == y->nregions)
			return false;
	}
	return true;
}

/* ---------- checking rows -------------------------------------------- */

/* Check one organisation row into *out; problems go to the report.
 * Returns 0 or a database error. */
static int
check_org_row(struct ctx *c, const struct wb_csv_row *r, struct org_row *out)
{
	struct wb_org		*o = &out->o, old;
	struct wb_municipality	 m;
	struct wb_err		 ve;
	const char		*v, *p;
	const size_t		 line = r->line, before = c->rep->nerrors;
	size_t			 i, j;
	bool			 mine = false, have_old = false;
	int			 rc;

	memset(out, 0, sizeof(*out));
	out->line = line;
	o->active = true;

	v = cell(c, r, OC_CODE);
	if (empty(v))
		report(c, line, "de code ontbreekt");
	else if (strlen(v) > 32 || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(v))
		report(c, line, "code '%s' mag alleen letters, cijfers, - en "
		    "_ hebben (hoogstens 32)", shown(c->a, v));
	else
		o->code = v;

	v = cell(c, r, OC_NAME);
	if (empty(v))
		report(c, line, "de naam ontbreekt");
	else if (!text_ok(v, 200, false))
		report(c, line, "de naam is langer dan 200 tekens of bevat "
		    "een regelovergang");
	else
		o->name = v;

	v = cell(c, r, OC_TYPE);
	o->type = empty(v) ? NULL : pick(wb_org_types, wb_org_type_label, v);
	if (empty(v))
		report(c, line, "de soort (type) ontbreekt");
	else if (o->type == NULL)
		report(c, line, "soort '%s' bestaat niet; kies ggz, uwv, "
		    "gemeente, werkgever, zorgverzekeraar, reintegratie, "
		    "clientenorganisatie of overig", shown(c->a, v));

	v = cell(c, r, OC_REGIONS);
	for (p = v != NULL ? v : ""; *p != '\0';) {
		size_t	len;
		char	*code;

		p += strspn(p, " \t");
		len = strcspn(p, " \t");
		if (len == 0)
			break;
		code = wb_arena_strndup(c->a, p, len);
		p += len;
		if (!code_ok(code, "AM", 2)) {
			report(c, line, "regio '%s' is geen regiocode (AMnn)",
			    shown(c->a, code));
			continue;
		}
		code = (char *)upper(c->a, code);
		for (j = 0; j < o->nregions; j++)
			if (strcmp(o->regions[j], code) == 0)
				break;
		if (j < o->nregions) {
			report(c, line, "regio %s staat er twee keer in", code);
			continue;
		}
		if (o->nregions == WB_ORG_MAX_REGIONS) {
			report(c, line, "meer dan %d regio's",
			    WB_ORG_MAX_REGIONS);
			break;
		}
		o->regions[o->nregions++] = code;
	}
	if (o->nregions == 0 && c->rep->nerrors == before)
		report(c, line, "vul ten minste één regio in (regions, "
		    "bijvoorbeeld \"AM27 AM28\")");

	v = cell(c, r, OC_MUNICIPALITY);
	if (!empty(v) && !code_ok(v, "GM", 4))
		report(c, line, "gemeentecode '%s' is geen GMnnnn",
		    shown(c->a, v));
	else if (!empty(v) && o->type != NULL &&
	    strcmp(o->type, "gemeente") != 0)
		report(c, line, "alleen een gemeente hoort bij een "
		    "gemeentecode (municipality)");
	else
		o->municipality_code = empty(v) ? v : upper(c->a, v);

	v = cell(c, r, OC_AGB);
	if (!empty(v) && !wb_agb_valid(v))
		report(c, line, "een AGB-code bestaat uit 8 cijfers");
	o->agb = v;
	v = cell(c, r, OC_KVK);
	if (!empty(v) && !wb_kvk_valid(v))
		report(c, line, "een KvK-nummer bestaat uit 8 cijfers");
	o->kvk = v;
	v = cell(c, r, OC_PHONE);
	if (!empty(v) && !phone_ok(v))
		report(c, line, "telefoonnummer '%s' mag alleen cijfers, "
		    "spaties, +, - en () hebben (hoogstens 30)",
		    shown(c->a, v));
	o->phone = v;
	v = cell(c, r, OC_EMAIL);
	if (!empty(v) && !wb_email_valid(v, strlen(v)))
		report(c, line, "e-mailadres '%s' is niet geldig",
		    shown(c->a, v));
	o->email = v;
	v = cell(c, r, OC_WEBSITE);
	if (!empty(v) && (!text_ok(v, 200, false) ||
	    !wb_str_prefix(v, "https://")))
		report(c, line, "een website begint met https:// (hoogstens "
		    "200 tekens)");
	o->website = v;

	/* Access: a coordinator's rows must serve their region. */
	if (c->actor != NULL &&
	    wb_access_check(c->actor, WB_ACT_ORG_MANAGE, NULL) != 0) {
		for (i = 0; i < o->nregions; i++)
			if (may_region(c->actor, o->regions[i]))
				mine = true;
		if (!mine && o->nregions > 0)
			refuse_region(c, line);
	}
	if (c->db == NULL || c->rep->nerrors > before)
		return 0;

	for (i = 0; i < o->nregions; i++) {
		struct region_entry *e;

		rc = region_entry(c, o->regions[i], &e);
		if (rc != 0)
			return rc;
		if (!e->found)
			report(c, line, "regio %s bestaat niet", o->regions[i]);
	}
	if (!empty(o->municipality_code)) {
		rc = wb_municipality_get(c->db, o->municipality_code, c->a, &m,
		    c->err);
		if (rc == WB_ENOTFOUND)
			report(c, line, "gemeente %s bestaat niet",
			    o->municipality_code);
		else if (rc != 0)
			return rc;
	}
	rc = wb_org_get_code(c->db, o->code, c->a, &old, c->err);
	if (rc != 0 && rc != WB_ENOTFOUND)
		return rc;
	have_old = rc == 0;
	if (have_old) {
		/* An absent column keeps what is stored. */
		o->id = old.id;
		o->active = old.active;
		if (c->idx[OC_MUNICIPALITY] < 0)
			o->municipality_code = old.municipality_code;
		if (c->idx[OC_AGB] < 0)
			o->agb = old.agb;
		if (c->idx[OC_KVK] < 0)
			o->kvk = old.kvk;
		if (c->idx[OC_PHONE] < 0)
			o->phone = old.phone;
		if (c->idx[OC_EMAIL] < 0)
			o->email = old.email;
		if (c->idx[OC_WEBSITE] < 0)
			o->website = old.website;
		if (c->actor != NULL && wb_access_check(c->actor,
		    WB_ACT_ORG_MANAGE, NULL) != 0) {
			mine = false;
			for (i = 0; i < old.nregions; i++)
				if (may_region(c->actor, old.regions[i]))
					mine = true;
			if (!mine) {
				refuse_region(c, line);
				return 0;
			}
		}
		out->act = org_same(&old, o) ? ACT_NONE : ACT_UPDATE;
	} else
		out->act = ACT_CREATE;
	/* A coordinator adds or removes only their own region (the domain
	 * decides the same; reporting it here names the line). */
	if (c->actor != NULL && wb_access_check(c->actor, WB_ACT_ORG_MANAGE,
	    NULL) != 0) {
		bool	ok = true;

		for (i = 0; i < o->nregions; i++)
			if (!(have_old && wb_org_serves(&old, o->regions[i])) &&
			    !may_region(c->actor, o->regions[i]))
				ok = false;
		for (i = 0; have_old && i < old.nregions; i++)
			if (!wb_org_serves(o, old.regions[i]) &&
			    !may_region(c->actor, old.regions[i]))
				ok = false;
		if (!ok) {
			refuse_region(c, line);
			return 0;
		}
	}
	if (c->rep->nerrors > before || out->act == ACT_NONE)
		return 0;
	/* The domain's own check has the last word. */
	rc = wb_org_validate(c->db, o, &ve);
	if (rc == WB_EINVAL)
		report(c, line, "%s", ve.msg);
	else if (rc != 0)
		return wb_err_set(c->err, rc, "%s", ve.msg);
	return 0;
}

/* Offline checks of a person's cells; `who` names them in messages. */
static void
check_person(struct ctx *c, size_t line, const char *who,
    const struct person *p)
{
	if (!text_ok(p->name, 100, false))
		report(c, line, "%s: de naam is langer dan 100 tekens of "
		    "bevat een regelovergang", who);
	if (!empty(p->function) && pick(wb_card_functions,
	    wb_card_function_label, p->function) == NULL)
		report(c, line, "%s: functie '%s' bestaat niet", who,
		    shown(c->a, p->function));
	if (!empty(p->phone) && !phone_ok(p->phone))
		report(c, line, "%s: telefoonnummer '%s' mag alleen cijfers, "
		    "spaties, +, - en () hebben (hoogstens 30)", who,
		    shown(c->a, p->phone));
	if (!empty(p->email) && !wb_email_valid(p->email, strlen(p->email)))
		report(c, line, "%s: e-mailadres '%s' is niet geldig", who,
		    shown(c->a, p->email));
	if (!empty(p->availability) && !text_ok(p->availability, 300, true))
		report(c, line, "%s: de bereikbaarheid mag hoogstens 300 "
		    "tekens hebben", who);
}

/* Check one contact-point row into *out; problems go to the report.
 * Returns 0 or a database error. */
static int
check_cp_row(struct ctx *c, const struct wb_csv_row *r, struct cp_row *out)
{
	struct org_entry	*oe = NULL;
	struct region_entry	*re = NULL;
	const char		*v, *odomain;
	const size_t		 line = r->line, before = c->rep->nerrors;
	char			 day[16];
	int64_t			 card = 0, deputy = 0;
	size_t			 i, first, unused = 0;
	int			 rc;

	memset(out, 0, sizeof(*out));
	out->line = line;

	v = cell(c, r, CC_ORG);
	if (empty(v))
		report(c, line, "de organisatie (code) ontbreekt");
	else if (strlen(v) > 32 || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(v))
		report(c, line, "organisatiecode '%s' is niet geldig",
		    shown(c->a, v));
	else
		out->org_code = v;

	v = cell(c, r, CC_REGION);
	if (empty(v))
		report(c, line, "de regio ontbreekt");
	else if (!code_ok(v, "AM", 2))
		report(c, line, "regio '%s' is geen regiocode (AMnn)",
		    shown(c->a, v));
	else
		out->region = upper(c->a, v);

	v = cell(c, r, CC_DOMAIN);
	out->domain = empty(v) ? NULL : pick(wb_cp_domains,
	    wb_cp_domain_label, v);
	if (empty(v))
		report(c, line, "het domein ontbreekt");
	else if (out->domain == NULL)
		report(c, line, "domein '%s' bestaat niet; kies ggz, uwv of "
		    "gemeente", shown(c->a, v));

	out->p.name = cell(c, r, CC_NAME);
	out->p.function = cell(c, r, CC_FUNCTION);
	out->p.phone = cell(c, r, CC_PHONE);
	out->p.email = cell(c, r, CC_EMAIL);
	out->p.availability = cell(c, r, CC_AVAIL);
	if (empty(out->p.name))
		report(c, line, "de naam van de contactpersoon ontbreekt");
	else
		check_person(c, line, "contactpersoon", &out->p);
	if (!empty(out->p.function))
		out->p.function = pick(wb_card_functions,
		    wb_card_function_label, out->p.function);

	out->d.name = cell(c, r, CC_DNAME);
	out->d.function = cell(c, r, CC_DFUNCTION);
	out->d.phone = cell(c, r, CC_DPHONE);
	out->d.email = cell(c, r, CC_DEMAIL);
	if (!empty(out->d.name)) {
		check_person(c, line, "vervanger", &out->d);
		if (!empty(out->d.function))
			out->d.function = pick(wb_card_functions,
			    wb_card_function_label, out->d.function);
		if (!empty(out->p.name) && same(out->p.name, out->d.name))
			report(c, line, "de vervanger moet iemand anders zijn "
			    "dan de contactpersoon");
	} else {
		if (!empty(out->d.function) || !empty(out->d.phone) ||
		    !empty(out->d.email))
			report(c, line, "vul de naam van de vervanger in "
			    "(deputy_name), of laat de vervangerkolommen leeg");
		out->d.name = NULL;
	}

	v = cell(c, r, CC_VALID_FROM);
	if (empty(v))
		out->valid_from = wb_today();
	else if (wb_date_parse(v, strlen(v), &out->valid_from) != 0)
		report(c, line, "datum '%s' (valid_from) is geen geldige "
		    "datum (dd-mm-jjjj)", shown(c->a, v));

	/* One row per contact point. */
	if (out->org_code != NULL && out->region != NULL &&
	    out->domain != NULL) {
		first = seen_add(&c->seen, wb_arena_printf(c->a, "%s %s %s",
		    out->org_code, out->region, out->domain), line);
		if (first != 0)
			report(c, line, "contactpunt %s %s %s staat ook op "
			    "regel %zu", out->org_code, out->region,
			    out->domain, first);
	}
	if (out->region != NULL && !may_region(c->actor, out->region))
		refuse_region(c, line);
	if (c->db == NULL || c->rep->nerrors > before)
		return 0;

	rc = region_entry(c, out->region, &re);
	if (rc == 0)
		rc = org_entry(c, out->org_code, &oe);
	if (rc != 0)
		return rc;
	if (!re->found)
		report(c, line, "regio %s bestaat niet", out->region);
	if (!oe->found) {
		report(c, line, "organisatie %s bestaat niet; lees eerst de "
		    "organisaties in", out->org_code);
		return 0;
	}
	if (re->found && !wb_org_serves(&oe->org, out->region))
		report(c, line, "organisatie %s werkt niet in regio %s",
		    out->org_code, out->region);
	odomain = wb_org_type_domain(oe->org.type);
	if (odomain == NULL || strcmp(odomain, out->domain) != 0)
		report(c, line, "een %s kan geen contactpunt voor het domein "
		    "%s zijn", wb_org_type_label(oe->org.type),
		    wb_cp_domain_label(out->domain));
	if (c->rep->nerrors > before)
		return 0;
	rc = resolve(c, oe, &out->p, "contactpersoon", line, false, &card,
	    &unused);
	if (rc == 0 && out->d.name != NULL)
		rc = resolve(c, oe, &out->d, "vervanger", line, false, &deputy,
		    &unused);
	if (rc != 0 || !c->compare || c->rep->nerrors > before)
		return rc;

	/* Compare with the current contact point (an audited read). */
	if (!re->cps_loaded) {
		rc = wb_cp_by_region(c->db, c->actor, re->code, c->a, &re->cps,
		    &re->ncps, c->err);
		if (rc != 0)
			return rc;
		re->cps_loaded = true;
	}
	for (i = 0; i < re->ncps; i++) {
		const struct wb_cp *cp = &re->cps[i];

		if (cp->org_id != oe->org.id || strcmp(cp->domain,
		    out->domain) != 0)
			continue;
		out->replaces = true;
		if (c->idx[CC_DNAME] < 0)
			deputy = out->keep_deputy = cp->deputy.card_id;
		if (card != 0 && cp->person.card_id == card &&
		    cp->deputy.card_id == deputy) {
			out->unchanged = true;
			break;
		}
		if (out->valid_from <= cp->valid_from) {
			wb_date_nl(cp->valid_from, day, sizeof(day));
			report(c, line, "het huidige contactpunt geldt vanaf "
			    "%s; vul bij valid_from een latere datum in", day);
		}
		break;
	}
	return 0;
}

/* Parse and check the whole file into c's rows.  0 or WB_EINVAL /
 * WB_ETOOBIG with the report filled, or a database error. */
static int
check(struct ctx *c, enum wb_dir_kind kind, const char *data, size_t n)
{
	struct wb_csv_table	t;
	size_t			i, hcols, first;
	int			rc;

	rc = wb_csv_parse(c->a, data, n, &t, c->err);
	if (rc != 0) {
		report(c, 0, "%s", c->err->msg);
		return rc;
	}
	c->rep->rows = t.nrows - 1;
	if (!map_header(c, &t, kind))
		goto out;
	if (t.nrows < 2)
		report(c, t.rows[0].line, "het bestand bevat alleen een "
		    "kopregel");
	c->nrows = t.nrows - 1;
	seen_init(&c->seen, c->a, c->nrows);
	if (kind == WB_DIR_ORGS)
		c->org_rows = wb_arena_array(c->a, t.nrows,
		    sizeof(*c->org_rows));
	else
		c->cp_rows = wb_arena_array(c->a, t.nrows,
		    sizeof(*c->cp_rows));
	hcols = t.rows[0].ncols;
	for (i = 1; i < t.nrows; i++) {
		const struct wb_csv_row *r = &t.rows[i];

		if (r->ncols != hcols) {
			report(c, r->line, "verwacht %zu kolommen, gevonden "
			    "%zu", hcols, r->ncols);
			continue;
		}
		if (kind == WB_DIR_ORGS) {
			struct org_row *o = &c->org_rows[i - 1];

			rc = check_org_row(c, r, o);
			first = rc == 0 && o->o.code != NULL ?
			    seen_add(&c->seen, o->o.code, r->line) : 0;
			if (first != 0)
				report(c, r->line, "organisatie %s staat ook "
				    "op regel %zu", o->o.code, first);
		} else
			rc = check_cp_row(c, r, &c->cp_rows[i - 1]);
		if (rc != 0)
			return rc;
	}
out:
	if (c->rep->nerrors > 0)
		return wb_err_set(c->err, WB_EINVAL, "het bestand bevat %zu "
		    "fout(en); er is niets ingelezen", c->rep->nerrors);
	return 0;
}

/* ---------- applying -------------------------------------------------- */

/* Domain refusals of one row found only while applying (because the
 * data changed since the check, or a rule the check does not repeat) are
 * reported against that row. */
static bool
row_error(int rc)
{
	return rc == WB_EINVAL || rc == WB_ECONFLICT || rc == WB_ENOTFOUND ||
	    rc == WB_EDENIED;
}

/* Apply every checked row in one write transaction, with one summary
 * audit event; on any failure roll everything back. */
static int
apply(struct ctx *c, enum wb_dir_kind kind, struct wb_dir_counts *counts)
{
	struct wb_audit_event	 ev = { .event = "directory.import" };
	struct org_entry	*e;
	char			 detail[160];
	size_t			 i, line = 0;
	int			 rc;

	rc = wb_db_begin_write(c->db, c->err);
	if (rc != 0)
		return rc;
	/* Cards are read again inside the transaction. */
	for (e = c->orgs; e != NULL; e = e->next) {
		e->cards_loaded = false;
		e->cards = NULL;
		e->ncards = e->cap = 0;
	}
	for (i = 0; i < c->nrows; i++) {
		if (kind == WB_DIR_ORGS) {
			struct org_row *r = &c->org_rows[i];
			int64_t id;

			line = r->line;
			if (r->act == ACT_CREATE) {
				rc = wb_org_add_tx(c->db, c->actor, &r->o, &id,
				    c->err);
				counts->created++;
			} else if (r->act == ACT_UPDATE) {
				rc = wb_org_update_tx(c->db, c->actor, &r->o,
				    c->err);
				counts->updated++;
			} else
				counts->unchanged++;
		} else {
			struct cp_row		*r = &c->cp_rows[i];
			struct wb_cp_input	 in;
			int64_t			 id;

			line = r->line;
			memset(&in, 0, sizeof(in));
			rc = org_entry(c, r->org_code, &e);
			if (rc == 0 && WB_NEVER(!e->found))
				rc = wb_err_set(c->err, WB_ENOTFOUND,
				    "organisatie %s bestaat niet", r->org_code);
			if (rc == 0)
				rc = resolve(c, e, &r->p, "contactpersoon",
				    line, true, &in.card_id, &counts->cards);
			if (rc == 0 && r->d.name != NULL)
				rc = resolve(c, e, &r->d, "vervanger", line,
				    true, &in.deputy_card_id, &counts->cards);
			else if (rc == 0)
				in.deputy_card_id = r->keep_deputy;
			if (rc == 0 && r->unchanged)
				counts->unchanged++;
			else if (rc == 0) {
				in.org_id = e->org.id;
				in.region_code = r->region;
				in.domain = r->domain;
				in.valid_from = r->valid_from;
				in.valid_until = INT64_MIN;
				rc = wb_cp_set(c->db, c->actor, &in, true, &id,
				    c->err);
				if (r->replaces)
					counts->updated++;
				else
					counts->created++;
			}
		}
		if (rc != 0)
			goto out;
	}
	snprintf(detail, sizeof(detail), "%s: %zu rows, %zu created, %zu "
	    "updated, %zu unchanged, %zu cards", wb_dir_kind_name(kind),
	    c->nrows, counts->created, counts->updated, counts->unchanged,
	    counts->cards);
	ev.object_type = kind == WB_DIR_ORGS ? "organisation" :
	    "contact_point";
	ev.detail = detail;
	rc = wb_audit_write(c->db, c->actor, &ev, c->err);
	if (rc == 0)
		rc = wb_db_commit(c->db, c->err);
out:
	if (rc != 0) {
		wb_db_rollback(c->db);
		memset(counts, 0, sizeof(*counts));
		if (row_error(rc)) {
			/* Only EINVAL and EDENIED messages are for users. */
			if (rc == WB_EINVAL || rc == WB_EDENIED)
				report(c, line, "%s", c->err->msg);
			else
				report(c, line, "de gegevens zijn intussen "
				    "gewijzigd; lees het bestand opnieuw in");
			rc = wb_err_set(c->err, WB_EINVAL, "regel %zu kon niet "
			    "worden verwerkt; er is niets ingelezen", line);
		}
	}
	return rc;
}

/* ---------- public ---------------------------------------------------- */

int
wb_dir_kind_parse(const char *s, enum wb_dir_kind *out)
{
	if (s != NULL && strcmp(s, "organisaties") == 0)
		*out = WB_DIR_ORGS;
	else if (s != NULL && strcmp(s, "contactpunten") == 0)
		*out = WB_DIR_CPS;
	else
		return WB_EINVAL;
	return 0;
}

const char *
wb_dir_kind_name(enum wb_dir_kind kind)
{
	return kind == WB_DIR_ORGS ? "organisaties" : "contactpunten";
}

int
wb_dir_authorize(struct wb_db *db, const struct wb_actor *actor,
    const char *event, struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = event, .denied = true,
	    .object_type = "directory" };
	int			rc;

	if (may_transfer(actor))
		return 0;
	rc = wb_audit_log(db, actor, &ev, err);
	return rc ? rc : wb_err_set(err, WB_EDENIED, "alleen beheerders en "
	    "regiocoördinatoren mogen het adresboek inlezen en uitvoeren");
}

int
wb_dir_check(struct wb_db *db, const struct wb_actor *actor,
    enum wb_dir_kind kind, const char *data, size_t n, struct wb_arena *a,
    struct wb_import_report *rep, struct wb_err *err)
{
	struct ctx	c;

	memset(rep, 0, sizeof(*rep));
	memset(&c, 0, sizeof(c));
	c.db = db;
	c.actor = actor;
	c.a = a;
	c.rep = rep;
	c.err = err;
	return check(&c, kind, data, n);
}

int
wb_dir_import(struct wb_db *db, const struct wb_actor *actor,
    enum wb_dir_kind kind, const char *data, size_t n, struct wb_arena *a,
    struct wb_import_report *rep, struct wb_dir_counts *counts,
    struct wb_err *err)
{
	struct ctx	c;
	int		rc;

	memset(rep, 0, sizeof(*rep));
	memset(counts, 0, sizeof(*counts));
	rc = wb_dir_authorize(db, actor, "directory.import", err);
	if (rc != 0)
		return rc;
	memset(&c, 0, sizeof(c));
	c.db = db;
	c.actor = actor;
	c.a = a;
	c.rep = rep;
	c.err = err;
	c.compare = true;
	rc = check(&c, kind, data, n);
	if (rc == 0)
		rc = apply(&c, kind, counts);
	if (rc == 0)
		rep->added = counts->created + counts->updated;
	return rc;
}
