/* contact_point.c - fixed contact points with history. */
#include "domain/contact_point.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/card.h"
#include "domain/organisation.h"
#include "domain/region.h"
#include "base/buf.h"
#include "base/str.h"
#include "base/time.h"

const char *const wb_cp_domains[] = { "ggz", "uwv", "gemeente", NULL };

const char *
wb_cp_domain_label(const char *d)
{
	if (strcmp(d, "ggz") == 0)
		return "GGZ";
	if (strcmp(d, "uwv") == 0)
		return "UWV";
	if (strcmp(d, "gemeente") == 0)
		return "Gemeente";
	return d;
}

static const char *
opt_text(struct wb_stmt *st, int col, struct wb_arena *a)
{
	return wb_stmt_isnull(st, col) ? NULL :
	    wb_arena_strdup(a, wb_stmt_text(st, col));
}

static void
row_person(struct wb_stmt *st, int col, struct wb_arena *a,
    struct wb_cp_person *p)
{
	if (wb_stmt_isnull(st, col)) {
		memset(p, 0, sizeof(*p));
		return;
	}
	p->card_id = wb_stmt_int64(st, col);
	p->name = wb_arena_strdup(a, wb_stmt_text(st, col + 1));
	p->function = wb_arena_strdup(a, wb_stmt_text(st, col + 2));
	p->phone = opt_text(st, col + 3, a);
	p->email = opt_text(st, col + 4, a);
	p->availability = opt_text(st, col + 5, a);
}

/* Copy a CP_COLS row. */
static void
row_cp(struct wb_stmt *st, struct wb_arena *a, struct wb_cp *c)
{
	c->id = wb_stmt_int64(st, 0);
	c->org_id = wb_stmt_int64(st, 1);
	c->org_name = wb_arena_strdup(a, wb_stmt_text(st, 2));
	c->org_code = wb_arena_strdup(a, wb_stmt_text(st, 3));
	c->org_type = wb_arena_strdup(a, wb_stmt_text(st, 4));
	c->region_code = wb_arena_strdup(a, wb_stmt_text(st, 5));
	c->region_name = wb_arena_strdup(a, wb_stmt_text(st, 6));
	c->domain = wb_arena_strdup(a, wb_stmt_text(st, 7));
	c->valid_from = wb_stmt_int64(st, 8);
	c->valid_until = wb_stmt_isnull(st, 9) ? INT64_MIN :
	    wb_stmt_int64(st, 9);
	c->note = opt_text(st, 10, a);
	row_person(st, 11, a, &c->person);
	row_person(st, 17, a, &c->deputy);
}

static int
read_cps(struct wb_stmt *st, struct wb_arena *a, struct wb_cp **out,
    size_t *n, struct wb_err *err)
{
	size_t	cap = 0;
	int	rc;

	*n = 0;
	*out = NULL;
	while ((rc = wb_stmt_step(st, err)) == 1) {
		row_cp(st, a, WB_ARENA_PUSH(a, *out, *n, cap));
	}
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

/* Audit the read of these contact points' cards in one event. */
static int
audit_read(struct wb_db *db, const struct wb_actor *actor, const char *event,
    const struct wb_cp *cps, size_t n, const char *detail, struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = event,
	    .object_type = "card", .detail = detail };
	struct wb_buf		ids;
	size_t			i;
	int			rc;

	wb_buf_init(&ids, 1 << 16);
	for (i = 0; i < n; i++) {
		wb_buf_printf(&ids, "%s%lld", ids.n ? "," : "",
		    (long long)cps[i].person.card_id);
		if (cps[i].deputy.card_id != 0)
			wb_buf_printf(&ids, ",%lld",
			    (long long)cps[i].deputy.card_id);
	}
	ev.object_id = wb_buf_cstr(&ids);
	rc = wb_audit_log(db, actor, &ev, err);
	wb_buf_free(&ids);
	return rc;
}

static int
check_read(struct wb_db *db, const struct wb_actor *actor, const char *event,
    struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = event, .denied = true,
	    .object_type = "card" };
	int			rc;

	if (wb_access_check(actor, WB_ACT_DIRECTORY_READ, NULL) == 0)
		return 0;
	rc = wb_audit_log(db, actor, &ev, err);
	return rc ? rc : wb_err_set(err, WB_EDENIED, "not logged in");
}

static bool
domain_ok(const char *d)
{
	size_t	i;

	for (i = 0; d != NULL && wb_cp_domains[i] != NULL; i++)
		if (strcmp(wb_cp_domains[i], d) == 0)
			return true;
	return false;
}

/* Shared body of the two find functions. */
static int
find(struct wb_db *db, const struct wb_actor *actor, const char *region,
    const char *municipality, const char *domain, struct wb_arena *a,
    struct wb_cp **out, size_t *n, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	char		 detail[64];
	int		 rc;

	rc = wb_db_prepare(db, Q_CP_FIND, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, wb_today());
	wb_stmt_bind_text(st, 2, region);
	wb_stmt_bind_text(st, 3, domain);
	wb_stmt_bind_text(st, 4, municipality ? municipality : "");
	rc = read_cps(st, a, out, n, err);
	if (rc != 0)
		return rc;
	snprintf(detail, sizeof(detail), "%s %s %s", municipality ?
	    municipality : "", region, domain);
	return audit_read(db, actor, "contactpoint.find", *out, *n, detail,
	    err);
}

/* What both searches check first: a logged-in actor, a known domain. */
static int
find_start(struct wb_db *db, const struct wb_actor *actor, const char *domain,
    struct wb_cp **out, size_t *n, struct wb_err *err)
{
	int	rc;

	*n = 0;
	*out = NULL;
	rc = check_read(db, actor, "contactpoint.find", err);
	if (rc != 0)
		return rc;
	if (!domain_ok(domain))
		return wb_err_field(err, WB_EINVAL, "domain",
		    "Kies GGZ, UWV of gemeente.");
	return 0;
}

int
wb_cp_find(struct wb_db *db, const struct wb_actor *actor,
    const char *municipality, const char *domain, struct wb_arena *a,
    struct wb_cp **out, size_t *n, struct wb_err *err)
{
	struct wb_municipality	m;
	int			rc;

	rc = find_start(db, actor, domain, out, n, err);
	if (rc != 0)
		return rc;
	rc = wb_municipality_get(db, municipality, a, &m, err);
	if (rc != 0)
		return rc;
	return find(db, actor, m.region_code, m.code, domain, a, out, n, err);
}

int
wb_cp_find_region(struct wb_db *db, const struct wb_actor *actor,
    const char *region, const char *domain, struct wb_arena *a,
    struct wb_cp **out, size_t *n, struct wb_err *err)
{
	struct wb_region	r;
	int			rc;

	rc = find_start(db, actor, domain, out, n, err);
	if (rc != 0)
		return rc;
	rc = wb_region_get(db, region, a, &r, err);
	if (rc != 0)
		return rc;
	return find(db, actor, r.code, NULL, domain, a, out, n, err);
}

int
wb_cp_by_region(struct wb_db *db, const struct wb_actor *actor,
    const char *region, struct wb_arena *a, struct wb_cp **out, size_t *n,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = check_read(db, actor, "region.read", err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_CP_BY_REGION, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, wb_today());
	wb_stmt_bind_text(st, 2, region);
	rc = read_cps(st, a, out, n, err);
	if (rc != 0)
		return rc;
	return audit_read(db, actor, "region.read", *out, *n, region, err);
}

int
wb_cp_by_org(struct wb_db *db, const struct wb_actor *actor, int64_t org_id,
    bool history, struct wb_arena *a, struct wb_cp **out, size_t *n,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	char		 detail[40];
	int		 rc;

	rc = check_read(db, actor, "organisation.read", err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, history ? Q_CP_HISTORY : Q_CP_BY_ORG, &st,
	    err);
	if (rc != 0)
		return rc;
	if (history)
		wb_stmt_bind_int64(st, 1, org_id);
	else {
		wb_stmt_bind_int64(st, 1, wb_today());
		wb_stmt_bind_int64(st, 2, org_id);
	}
	rc = read_cps(st, a, out, n, err);
	if (rc != 0)
		return rc;
	snprintf(detail, sizeof(detail), "organisation %lld%s",
	    (long long)org_id, history ? " history" : "");
	return audit_read(db, actor, "organisation.read", *out, *n, detail,
	    err);
}

int
wb_cp_all_current(struct wb_db *db, const struct wb_actor *actor,
    const char *region, struct wb_arena *a, struct wb_cp **out, size_t *n,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = check_read(db, actor, "contactpoint.export", err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_CP_ALL_CURRENT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, wb_today());
	wb_stmt_bind_opt(st, 2, region);
	rc = read_cps(st, a, out, n, err);
	if (rc != 0)
		return rc;
	return audit_read(db, actor, "contactpoint.export", *out, *n,
	    region ? region : "all", err);
}

int
wb_cp_get(struct wb_db *db, const struct wb_actor *actor, int64_t id,
    struct wb_arena *a, struct wb_cp *out, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	struct wb_cp	*cps;
	size_t		 n;
	int		 rc;

	rc = check_read(db, actor, "contactpoint.read", err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_CP_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, id);
	rc = read_cps(st, a, &cps, &n, err);
	if (rc != 0)
		return rc;
	if (n == 0)
		return wb_err_set(err, WB_ENOTFOUND, "no such contact point");
	*out = cps[0];
	return audit_read(db, actor, "contactpoint.read", cps, 1, NULL, err);
}

int
wb_cp_validate(struct wb_db *db, const struct wb_cp_input *in,
    struct wb_err *err)
{
	struct wb_arena	 a;
	struct wb_org	 o;
	const char	*odomain;
	int		 rc;

	if (!domain_ok(in->domain))
		return wb_err_field(err, WB_EINVAL, "domain",
		    "Kies GGZ, UWV of gemeente.");
	if (in->valid_until != INT64_MIN && in->valid_until < in->valid_from)
		return wb_err_field(err, WB_EINVAL, "valid_until",
		    "De einddatum ligt voor de begindatum.");
	if (in->deputy_card_id != 0 && in->deputy_card_id == in->card_id)
		return wb_err_field(err, WB_EINVAL, "deputy",
		    "De vervanger moet iemand anders zijn dan het "
		    "contactpunt zelf.");
	wb_arena_init(&a);
	rc = wb_org_get(db, in->org_id, &a, &o, err);
	if (rc == WB_ENOTFOUND)
		rc = wb_err_field(err, WB_EINVAL, "org",
		    "Deze organisatie bestaat niet.");
	if (rc != 0)
		goto out;
	if (in->region_code == NULL || !wb_org_serves(&o, in->region_code)) {
		rc = wb_err_field(err, WB_EINVAL, "region",
		    "De organisatie werkt niet in deze regio.");
		goto out;
	}
	odomain = wb_org_type_domain(o.type);
	if (odomain == NULL || strcmp(odomain, in->domain) != 0) {
		rc = wb_err_field(err, WB_EINVAL, "domain", "Een %s kan "
		    "geen contactpunt voor het domein %s zijn.",
		    wb_org_type_label(o.type), wb_cp_domain_label(in->domain));
		goto out;
	}
	{
		struct wb_card	*cards;
		size_t		 n, i;
		bool		 have = false, have_dep = in->deputy_card_id
		    == 0;

		rc = wb_card_list_org(db, in->org_id, &a, &cards, &n, err);
		if (rc != 0)
			goto out;
		for (i = 0; i < n; i++) {
			if (cards[i].id == in->card_id)
				have = true;
			if (cards[i].id == in->deputy_card_id)
				have_dep = true;
		}
		if (!have)
			rc = wb_err_field(err, WB_EINVAL, "card", "Kies als "
			    "contactpunt iemand van deze organisatie.");
		else if (!have_dep)
			rc = wb_err_field(err, WB_EINVAL, "deputy", "Kies als "
			    "vervanger iemand van deze organisatie.");
	}
out:
	wb_arena_free(&a);
	return rc;
}

/* Ends the current row of (org, region, domain) the day before `from`,
 * or refuses when it started on or after `from` (no overlapping history). */
static int
end_current(struct wb_db *db, const struct wb_cp_input *in, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int64_t		 cur = 0, later = 0;
	int		 rc;

	/* A contact point already planned to start later would overlap
	 * the new one: it has to be ended or moved first. */
	rc = wb_db_prepare(db, Q_CP_LATER, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, in->valid_from);
	wb_stmt_bind_int64(st, 2, in->org_id);
	wb_stmt_bind_text(st, 3, in->region_code);
	wb_stmt_bind_text(st, 4, in->domain);
	rc = wb_stmt_exec_int64(st, &later, err);
	wb_stmt_release(st);
	if (rc != 0)
		return rc;
	if (later > 0)
		return wb_err_field(err, WB_EINVAL, "valid_from", "Er is al "
		    "een contactpunt gepland dat later begint. Beëindig dat "
		    "eerst of kies een latere begindatum.");
	rc = wb_db_prepare(db, Q_CP_CURRENT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, in->valid_from);
	wb_stmt_bind_int64(st, 2, in->org_id);
	wb_stmt_bind_text(st, 3, in->region_code);
	wb_stmt_bind_text(st, 4, in->domain);
	rc = wb_stmt_step(st, err);
	if (rc == 1)
		cur = wb_stmt_int64(st, 0);
	wb_stmt_release(st);
	if (rc < 0 || cur == 0)
		return rc < 0 ? rc : 0;
	rc = wb_db_prepare(db, Q_CP_END, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, cur);
	wb_stmt_bind_int64(st, 2, in->valid_from - 1);
	rc = wb_stmt_exec(st, err);
	wb_stmt_release(st);
	if (rc == WB_ECONFLICT)
		rc = wb_err_field(err, WB_EINVAL, "valid_from", "Het huidige "
		    "contactpunt begint op of na deze datum; kies een latere "
		    "begindatum.");
	return rc;
}

int
wb_cp_set(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_cp_input *in, bool in_tx, int64_t *id, struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct wb_scope		 s = { .region_code = in->region_code,
	    .org_id = in->org_id };
	struct wb_audit_event	 ev = { .event = "contactpoint.set",
	    .object_type = "contact_point" };
	char			 idbuf[24], detail[64];
	int			 rc;

	snprintf(detail, sizeof(detail), "%.8s %.10s organisation %lld",
	    in->region_code ? in->region_code : "", in->domain ? in->domain :
	    "", (long long)in->org_id);
	ev.detail = detail;
	if (wb_access_check(actor, WB_ACT_REGION_EDIT, &s) != 0) {
		ev.denied = true;
		rc = in_tx ? wb_audit_write(db, actor, &ev, err) :
		    wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED,
		    "alleen de coördinator van deze regio mag contactpunten "
		    "wijzigen");
	}
	rc = wb_cp_validate(db, in, err);
	if (rc != 0)
		return rc;
	if (!in_tx) {
		rc = wb_db_begin_write(db, err);
		if (rc != 0)
			return rc;
	}
	rc = end_current(db, in, err);
	if (rc != 0)
		goto out;
	rc = wb_db_prepare(db, Q_CP_INSERT, &st, err);
	if (rc != 0)
		goto out;
	wb_stmt_bind_int64(st, 1, in->org_id);
	wb_stmt_bind_text(st, 2, in->region_code);
	wb_stmt_bind_text(st, 3, in->domain);
	wb_stmt_bind_int64(st, 4, in->card_id);
	if (in->deputy_card_id != 0)
		wb_stmt_bind_int64(st, 5, in->deputy_card_id);
	else
		wb_stmt_bind_null(st, 5);
	wb_stmt_bind_int64(st, 6, in->valid_from);
	if (in->valid_until != INT64_MIN)
		wb_stmt_bind_int64(st, 7, in->valid_until);
	else
		wb_stmt_bind_null(st, 7);
	wb_stmt_bind_opt(st, 8, in->note);
	if (actor->user_id != 0)
		wb_stmt_bind_int64(st, 9, actor->user_id);
	else
		wb_stmt_bind_null(st, 9);
	wb_stmt_bind_int64(st, 10, wb_now());
	rc = wb_stmt_exec_int64(st, id, err);
	wb_stmt_release(st);
	if (rc != 0)
		goto out;
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*id);
	ev.object_id = idbuf;
	rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0 && !in_tx)
		rc = wb_db_commit(db, err);
out:
	if (rc != 0 && !in_tx)
		wb_db_rollback(db);
	return rc;
}

int
wb_cp_end(struct wb_db *db, const struct wb_actor *actor, int64_t id,
    int64_t until, struct wb_err *err)
{
	struct wb_arena		 a;
	struct wb_cp		 cp;
	struct wb_stmt		*st = NULL;
	struct wb_scope		 s;
	struct wb_audit_event	 ev = { .event = "contactpoint.end",
	    .object_type = "contact_point" };
	char			 idbuf[24];
	int			 rc;

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)id);
	ev.object_id = idbuf;
	wb_arena_init(&a);
	rc = wb_cp_get(db, actor, id, &a, &cp, err);
	if (rc != 0)
		goto out;
	s = (struct wb_scope){ .region_code = cp.region_code,
	    .org_id = cp.org_id };
	if (wb_access_check(actor, WB_ACT_REGION_EDIT, &s) != 0) {
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		if (rc == 0)
			rc = wb_err_set(err, WB_EDENIED, "not this region");
		goto out;
	}
	if (until < cp.valid_from) {
		rc = wb_err_field(err, WB_EINVAL, "until",
		    "De einddatum ligt voor de begindatum.");
		goto out;
	}
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		goto out;
	rc = wb_db_prepare(db, Q_CP_END, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, id);
		wb_stmt_bind_int64(st, 2, until);
		rc = wb_stmt_exec(st, err);
		wb_stmt_release(st);
	}
	if (rc == 0)
		rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0)
		wb_db_rollback(db);
out:
	wb_arena_free(&a);
	return rc;
}
