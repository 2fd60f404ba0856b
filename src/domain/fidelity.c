/* fidelity.c - IPS-25 fidelity reviews (fidelity.h). */
#include "domain/fidelity.h"
#include "domain/audit.h"
#include "base/str.h"
#include "base/time.h"

#define FID_ITEM(num, id, field, section, nl, en) \
	{ num, id, field, section, nl, en, id " " nl },
const struct wb_fidelity_item wb_fidelity_items[WB_FIDELITY_NITEMS] = {
	WB_FIDELITY_ITEMS(FID_ITEM)
};
#undef FID_ITEM

static const struct {
	const char	*name, *label;
} sections[WB_FIDELITY_NSECTIONS] = {
	[WB_FIDELITY_STAFFING] = { "staffing", "Personeel" },
	[WB_FIDELITY_ORGANISATION] = { "organisation", "Organisatie" },
	[WB_FIDELITY_SERVICES] = { "services", "Dienstverlening" },
};

/* Lowest total of each band, highest band first (domain.md §2.3). */
static const struct {
	int64_t		 min;
	const char	*band, *label;
} bands[] = {
	{ 115, "exemplary", "Voorbeeldig" },
	{ 100, "good", "Goed" },
	{ 74, "fair", "Redelijk" },
	{ WB_FIDELITY_MIN_TOTAL, "not-ips", "Geen IPS" },
};

static const char	*text(struct wb_stmt *, int, struct wb_arena *);
static void		 row_review(struct wb_stmt *, struct wb_arena *,
			    struct wb_fidelity_review *);
static int		 read_reviews(struct wb_stmt *, struct wb_arena *,
			    struct wb_fidelity_review **, size_t *,
			    struct wb_err *);
static void		 hide_text(const struct wb_actor *,
			    struct wb_fidelity_review *, size_t);
static int		 denied(struct wb_db *, const struct wb_actor *,
			    const char *, int64_t, int64_t, struct wb_err *);
static int		 check_read(struct wb_db *, const struct wb_actor *,
			    int64_t, int64_t, struct wb_arena *,
			    struct wb_err *);
static int		 validate(struct wb_db *,
			    const struct wb_fidelity_input *, int64_t *,
			    int64_t *, struct wb_err *);
static int		 load_get(struct wb_db *, int64_t, struct wb_arena *,
			    struct wb_fidelity_review *, struct wb_err *);

const char *
wb_fidelity_section_name(enum wb_fidelity_section s)
{
	return (unsigned)s < WB_FIDELITY_NSECTIONS ? sections[s].name : "";
}

const char *
wb_fidelity_section_label(enum wb_fidelity_section s)
{
	return (unsigned)s < WB_FIDELITY_NSECTIONS ? sections[s].label : "";
}

const char *
wb_fidelity_band(int64_t total)
{
	size_t	i;

	if (total < WB_FIDELITY_MIN_TOTAL || total > WB_FIDELITY_MAX_TOTAL)
		return NULL;
	for (i = 0; i < WB_NELEM(bands); i++)
		if (total >= bands[i].min)
			return bands[i].band;
	return NULL;
}

const char *
wb_fidelity_band_label(const char *band)
{
	size_t	i;

	for (i = 0; band != NULL && i < WB_NELEM(bands); i++)
		if (strcmp(bands[i].band, band) == 0)
			return bands[i].label;
	return "";
}

struct wb_scope
wb_fidelity_scope(const struct wb_actor *actor, const struct wb_org *o)
{
	struct wb_scope	s = { .org_id = o->id };

	if (actor != NULL && actor->region_code != NULL &&
	    wb_org_serves(o, actor->region_code))
		s.region_code = actor->region_code;
	return s;
}

/* -- reading -- */

static const char *
text(struct wb_stmt *st, int col, struct wb_arena *a)
{
	return wb_arena_strdup(a, wb_stmt_text(st, col));
}

/* Copy a FID_COLS row (queries.c). */
static void
row_review(struct wb_stmt *st, struct wb_arena *a,
    struct wb_fidelity_review *r)
{
	memset(r, 0, sizeof(*r));
	r->id = wb_stmt_int64(st, 0);
	r->org_id = wb_stmt_int64(st, 1);
	r->org_code = text(st, 2, a);
	r->org_name = text(st, 3, a);
	r->programme = text(st, 4, a);
	r->intervention = text(st, 5, a);
	r->intervention_name = text(st, 6, a);
	r->review_date = wb_stmt_int64(st, 7);
	r->total = wb_stmt_int64(st, 8);
	r->band = text(st, 9, a);
	r->reviewers = text(st, 10, a);
	r->action_points = text(st, 11, a);
	r->created_by = wb_stmt_isnull(st, 12) ? 0 : wb_stmt_int64(st, 12);
	r->created_at = wb_stmt_int64(st, 13);
}

/* Every row of a prepared FID_COLS query; releases the statement. */
static int
read_reviews(struct wb_stmt *st, struct wb_arena *a,
    struct wb_fidelity_review **out, size_t *n, struct wb_err *err)
{
	size_t	cap = 0;
	int	rc;

	*out = NULL;
	*n = 0;
	while ((rc = wb_stmt_step(st, err)) == 1)
		row_review(st, a, WB_ARENA_PUSH(a, *out, *n, cap));
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

/* A monitor sees numbers, not the free text: reviewers are people and
 * action points may name some. */
static void
hide_text(const struct wb_actor *actor, struct wb_fidelity_review *r,
    size_t n)
{
	size_t	i;

	if (actor->role != WB_ROLE_MONITOR)
		return;
	for (i = 0; i < n; i++)
		r[i].reviewers = r[i].action_points = NULL;
}

/* Audit a refused `event` on organisation `org_id` (review `id`, 0 =
 * none) and return WB_EDENIED, or the audit write's error. */
static int
denied(struct wb_db *db, const struct wb_actor *actor, const char *event,
    int64_t org_id, int64_t id, struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = event, .denied = true };
	char			oid[24], detail[40];
	int			rc;

	if (id != 0 || org_id != 0) {
		ev.object_type = id != 0 ? "fidelity_review" : "organisation";
		snprintf(oid, sizeof(oid), "%lld", (long long)(id != 0 ? id :
		    org_id));
		ev.object_id = oid;
	}
	if (org_id != 0) {
		snprintf(detail, sizeof(detail), "organisation %lld",
		    (long long)org_id);
		ev.detail = detail;
	}
	rc = wb_db_in_tx(db) ? wb_audit_write(db, actor, &ev, err) :
	    wb_audit_log(db, actor, &ev, err);
	return rc != 0 ? rc : wb_err_set(err, WB_EDENIED,
	    "may not read or write fidelity reviews of organisation %lld",
	    (long long)org_id);
}

/* May the actor read the reviews of organisation `org_id`?  0, or
 * WB_EDENIED with the refusal audited (review `id`, 0 = none). */
static int
check_read(struct wb_db *db, const struct wb_actor *actor, int64_t org_id,
    int64_t id, struct wb_arena *a, struct wb_err *err)
{
	struct wb_org	o;
	struct wb_scope	s;
	int		rc;

	rc = wb_org_get(db, org_id, a, &o, err);
	if (rc != 0)
		return rc;
	s = wb_fidelity_scope(actor, &o);
	if (wb_access_check(actor, WB_ACT_FIDELITY_READ, &s) == 0)
		return 0;
	return denied(db, actor, "fidelity.read", org_id, id, err);
}

/* One review and its scores, without an access check. */
static int
load_get(struct wb_db *db, int64_t id, struct wb_arena *a,
    struct wb_fidelity_review *out, struct wb_err *err)
{
	struct wb_fidelity_review	*rs;
	struct wb_stmt			*st = NULL;
	size_t				 n;
	int				 rc;

	rc = wb_db_prepare(db, Q_FIDELITY_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, id);
	rc = read_reviews(st, a, &rs, &n, err);
	if (rc != 0)
		return rc;
	if (n == 0)
		return wb_err_set(err, WB_ENOTFOUND, "no fidelity review %lld",
		    (long long)id);
	*out = rs[0];
	rc = wb_db_prepare(db, Q_FIDELITY_SCORES, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, id);
	while ((rc = wb_stmt_step(st, err)) == 1) {
		int64_t item = wb_stmt_int64(st, 0);

		if (item >= 1 && item <= WB_FIDELITY_NITEMS)
			out->scores[item - 1] = (int)wb_stmt_int64(st, 1);
	}
	wb_stmt_release(st);
	if (rc < 0)
		return rc;
	out->has_scores = true;
	return 0;
}

int
wb_fidelity_get(struct wb_db *db, const struct wb_actor *actor, int64_t id,
    struct wb_arena *a, struct wb_fidelity_review *out, struct wb_err *err)
{
	int	rc;

	rc = load_get(db, id, a, out, err);
	if (rc == 0)
		rc = check_read(db, actor, out->org_id, id, a, err);
	if (rc != 0) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	hide_text(actor, out, 1);
	return 0;
}

int
wb_fidelity_programme(struct wb_db *db, const struct wb_actor *actor,
    int64_t id, struct wb_arena *a, struct wb_fidelity_review **out,
    size_t *n, struct wb_err *err)
{
	struct wb_fidelity_review	 one;
	struct wb_stmt			*st = NULL;
	int				 rc;

	*out = NULL;
	*n = 0;
	rc = load_get(db, id, a, &one, err);
	if (rc == 0)
		rc = check_read(db, actor, one.org_id, id, a, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_FIDELITY_PROGRAMME, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, one.org_id);
	wb_stmt_bind_text(st, 2, one.programme);
	rc = read_reviews(st, a, out, n, err);
	if (rc != 0)
		return rc;
	hide_text(actor, *out, *n);
	return 0;
}

int
wb_fidelity_by_org(struct wb_db *db, const struct wb_actor *actor,
    int64_t org_id, struct wb_arena *a, struct wb_fidelity_review **out,
    size_t *n, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*out = NULL;
	*n = 0;
	rc = check_read(db, actor, org_id, 0, a, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_FIDELITY_BY_ORG, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, org_id);
	rc = read_reviews(st, a, out, n, err);
	if (rc != 0)
		return rc;
	hide_text(actor, *out, *n);
	return 0;
}

int
wb_fidelity_latest(struct wb_db *db, const struct wb_actor *actor,
    struct wb_arena *a, struct wb_fidelity_review **out, size_t *n,
    struct wb_err *err)
{
	struct wb_fidelity_review	 r;
	struct wb_stmt			*st = NULL;
	size_t				 cap = 0;
	int				 rc;

	*out = NULL;
	*n = 0;
	switch (actor->role) {
	case WB_ROLE_PROFESSIONAL:
	case WB_ROLE_COORDINATOR:
	case WB_ROLE_EDITOR:
	case WB_ROLE_MONITOR:
	case WB_ROLE_SYSTEM:
		break;
	default:
		return denied(db, actor, "fidelity.read", 0, 0, err);
	}
	rc = wb_db_prepare(db, Q_FIDELITY_LATEST, &st, err);
	if (rc != 0)
		return rc;
	if (actor->region_code != NULL)
		wb_stmt_bind_text(st, 1, actor->region_code);
	else
		wb_stmt_bind_null(st, 1);
	/* The list is short (one row per programme in the country): each
	 * row is decided by access.c, the region column saying whether its
	 * organisation serves the region the actor coordinates. */
	while ((rc = wb_stmt_step(st, err)) == 1) {
		struct wb_scope	s;

		row_review(st, a, &r);
		s = (struct wb_scope){ .org_id = r.org_id, .region_code =
		    wb_stmt_int64(st, 14) != 0 ? actor->region_code : NULL };
		if (wb_access_check(actor, WB_ACT_FIDELITY_READ, &s) == 0)
			*WB_ARENA_PUSH(a, *out, *n, cap) = r;
	}
	wb_stmt_release(st);
	if (rc < 0)
		return rc;
	hide_text(actor, *out, *n);
	return 0;
}

int
wb_fidelity_orgs(struct wb_db *db, const struct wb_actor *actor,
    struct wb_arena *a, struct wb_org **out, size_t *n, struct wb_err *err)
{
	struct wb_org	*list = NULL, own;
	size_t		 nlist = 0, cap = 0, i, j;
	bool		 listed = false;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (actor->role == WB_ROLE_COORDINATOR && actor->region_code != NULL) {
		rc = wb_org_list_region(db, actor->region_code, a, &list,
		    &nlist, err);
		if (rc != 0)
			return rc;
		cap = nlist;
	}
	if (actor->org_id != 0) {
		rc = wb_org_get(db, actor->org_id, a, &own, err);
		if (rc != 0 && rc != WB_ENOTFOUND)
			return rc;
		for (i = 0; i < nlist; i++)
			if (list[i].id == actor->org_id)
				listed = true;
		if (rc == 0 && !listed) {
			/* In its place by name. */
			*WB_ARENA_PUSH(a, list, nlist, cap) = own;
			for (i = nlist - 1; i > 0 && strcmp(list[i - 1].name,
			    list[i].name) > 0; i--) {
				list[i] = list[i - 1];
				list[i - 1] = own;
			}
		}
	}
	for (i = 0, j = 0; i < nlist; i++) {
		struct wb_scope	s = wb_fidelity_scope(actor, &list[i]);

		if (wb_access_check(actor, WB_ACT_FIDELITY_WRITE, &s) == 0)
			list[j++] = list[i];
	}
	*out = j > 0 ? list : NULL;
	*n = j;
	return 0;
}

int
wb_fidelity_interventions(struct wb_db *db, struct wb_arena *a,
    struct wb_fidelity_intervention **out, size_t *n, struct wb_err *err)
{
	struct wb_fidelity_intervention	*v;
	struct wb_stmt			*st = NULL;
	size_t				 cap = 0;
	int				 rc;

	*out = NULL;
	*n = 0;
	rc = wb_db_prepare(db, Q_FIDELITY_INTERVENTIONS, &st, err);
	if (rc != 0)
		return rc;
	while ((rc = wb_stmt_step(st, err)) == 1) {
		v = WB_ARENA_PUSH(a, *out, *n, cap);
		v->code = wb_arena_strdup(a, wb_stmt_text(st, 0));
		v->name = wb_arena_strdup(a, wb_stmt_text(st, 1));
	}
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

/* -- adding -- */

/* Check every field but the organisation, in the order of the form;
 * *date gets the review date and *total the sum of the scores. */
static int
validate(struct wb_db *db, const struct wb_fidelity_input *in, int64_t *date,
    int64_t *total, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int64_t		 ips = 0;
	size_t		 i;
	int		 rc;

	if (wb_str_blank(in->programme) ||
	    !wb_text_fits(in->programme, WB_FIDELITY_PROGRAMME_MAX, false))
		return wb_err_field(err, WB_EINVAL, "programme", "Vul de naam "
		    "van het programma of team in (hoogstens 100 tekens).");
	if (in->intervention != NULL && in->intervention[0] != '\0') {
		rc = wb_db_prepare(db, Q_FIDELITY_IPS, &st, err);
		if (rc != 0)
			return rc;
		wb_stmt_bind_text(st, 1, in->intervention);
		rc = wb_stmt_exec_int64(st, &ips, err);
		wb_stmt_release(st);
		if (rc != 0)
			return rc;
	}
	if (ips == 0)
		return wb_err_field(err, WB_EINVAL, "intervention", "Kies een "
		    "IPS-interventie; alleen IPS-programma's krijgen een "
		    "IPS-25-beoordeling.");
	if (in->review_date == NULL || wb_date_parse(in->review_date,
	    strlen(in->review_date), date) != 0)
		return wb_err_field(err, WB_EINVAL, "review_date", "Vul de "
		    "datum van de beoordeling in als dd-mm-jjjj.");
	if (*date > wb_today())
		return wb_err_field(err, WB_EINVAL, "review_date", "De datum "
		    "van de beoordeling ligt in de toekomst.");
	if (in->reviewers != NULL &&
	    !wb_text_fits(in->reviewers, WB_FIDELITY_REVIEWERS_MAX, false))
		return wb_err_field(err, WB_EINVAL, "reviewers", "Noem de "
		    "beoordelaars op één regel (hoogstens 300 tekens).");
	if (in->action_points != NULL &&
	    !wb_text_fits(in->action_points, WB_FIDELITY_ACTIONS_MAX, true))
		return wb_err_field(err, WB_EINVAL, "action_points", "De "
		    "actiepunten zijn te lang (hoogstens 4000 tekens).");
	if (in->nscores != WB_FIDELITY_NITEMS || in->scores == NULL)
		return wb_err_field(err, WB_EINVAL, "scores", "Geef voor elk "
		    "van de 25 items een score.");
	*total = 0;
	for (i = 0; i < WB_FIDELITY_NITEMS; i++) {
		if (in->scores[i] < 1 || in->scores[i] > 5)
			return wb_err_field(err, WB_EINVAL,
			    wb_fidelity_items[i].field, "Kies een score van 1 "
			    "tot en met 5.");
		*total += in->scores[i];
	}
	return 0;
}

int
wb_fidelity_add(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_fidelity_input *in, int64_t *id, struct wb_err *err)
{
	struct wb_arena		 a;
	struct wb_org		 o;
	struct wb_scope		 s;
	struct wb_stmt		*st = NULL;
	struct wb_str		 prog;
	struct wb_audit_event	 ev = { .event = "fidelity.add",
	    .object_type = "fidelity_review" };
	const char		*band;
	char			 oid[24], detail[64];
	int64_t			 date = 0, total = 0;
	size_t			 i;
	int			 rc;

	*id = 0;
	wb_arena_init(&a);
	rc = in->org == NULL || in->org[0] == '\0' ? WB_ENOTFOUND :
	    wb_org_get_code(db, in->org, &a, &o, err);
	if (rc == WB_ENOTFOUND)
		rc = wb_err_field(err, WB_EINVAL, "org", "Kies de organisatie "
		    "van het programma.");
	if (rc != 0)
		goto out;
	s = wb_fidelity_scope(actor, &o);
	if (wb_access_check(actor, WB_ACT_FIDELITY_WRITE, &s) != 0) {
		rc = denied(db, actor, "fidelity.add", o.id, 0, err);
		goto out;
	}
	rc = validate(db, in, &date, &total, err);
	if (rc != 0)
		goto out;
	band = wb_fidelity_band(total);
	if (WB_NEVER(band == NULL)) {
		rc = wb_err_set(err, WB_EINVAL, "total %lld out of range",
		    (long long)total);
		goto out;
	}
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		goto out;
	rc = wb_db_prepare(db, Q_FIDELITY_INSERT, &st, err);
	if (rc != 0)
		goto out;
	wb_stmt_bind_int64(st, 1, o.id);
	prog = wb_str_trim(wb_str_c(in->programme));
	wb_stmt_bind_textn(st, 2, prog.p, prog.n);
	wb_stmt_bind_text(st, 3, in->intervention);
	wb_stmt_bind_int64(st, 4, date);
	wb_stmt_bind_text(st, 5, in->reviewers != NULL ? in->reviewers : "");
	wb_stmt_bind_int64(st, 6, total);
	wb_stmt_bind_text(st, 7, band);
	wb_stmt_bind_text(st, 8, in->action_points != NULL ?
	    in->action_points : "");
	if (actor->user_id != 0)
		wb_stmt_bind_int64(st, 9, actor->user_id);
	else
		wb_stmt_bind_null(st, 9);
	wb_stmt_bind_int64(st, 10, wb_now());
	rc = wb_stmt_exec_int64(st, id, err);
	wb_stmt_release(st);
	for (i = 0; rc == 0 && i < WB_FIDELITY_NITEMS; i++) {
		rc = wb_db_prepare(db, Q_FIDELITY_SCORE_INSERT, &st, err);
		if (rc != 0)
			break;
		wb_stmt_bind_int64(st, 1, *id);
		wb_stmt_bind_int64(st, 2, wb_fidelity_items[i].number);
		wb_stmt_bind_int64(st, 3, in->scores[i]);
		rc = wb_stmt_exec(st, err);
		wb_stmt_release(st);
	}
	if (rc != 0)
		goto out;
	snprintf(oid, sizeof(oid), "%lld", (long long)*id);
	snprintf(detail, sizeof(detail), "organisation %lld total %lld %s",
	    (long long)o.id, (long long)total, band);
	ev.object_id = oid;
	ev.detail = detail;
	rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
out:
	if (rc != 0) {
		wb_db_rollback(db);
		*id = 0;
	}
	wb_arena_free(&a);
	return rc;
}
