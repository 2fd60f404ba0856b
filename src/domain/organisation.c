/* organisation.c - organisations and the regions they serve. */
#include "domain/organisation.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "base/str.h"
#include "base/time.h"

const char *const wb_org_types[] = { "ggz", "uwv", "gemeente", "werkgever",
    "zorgverzekeraar", "reintegratie", "clientenorganisatie", "overig",
    NULL };

static const char *const type_labels[] = { "GGZ-instelling", "UWV-vestiging",
    "Gemeente", "Werkgever", "Zorgverzekeraar", "Re-integratiebedrijf",
    "Cliëntenorganisatie", "Overig" };

const char *
wb_org_type_label(const char *type)
{
	size_t	i;

	for (i = 0; wb_org_types[i] != NULL; i++)
		if (strcmp(wb_org_types[i], type) == 0)
			return type_labels[i];
	return type;
}

const char *
wb_org_type_domain(const char *type)
{
	if (strcmp(type, "ggz") == 0 || strcmp(type, "uwv") == 0 ||
	    strcmp(type, "gemeente") == 0)
		return type;
	return NULL;
}

static bool
eight_digits(const char *s)
{
	size_t	i;

	if (s == NULL || strlen(s) != 8)
		return false;
	for (i = 0; i < 8; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool
wb_agb_valid(const char *s)
{
	return eight_digits(s);
}

bool
wb_kvk_valid(const char *s)
{
	return eight_digits(s);
}

bool
wb_org_serves(const struct wb_org *o, const char *region)
{
	size_t	i;

	for (i = 0; i < o->nregions; i++)
		if (strcmp(o->regions[i], region) == 0)
			return true;
	return false;
}

static bool
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* Does the row exist?  (region or municipality code) */
static int
exists(struct wb_db *db, enum wb_query q, const char *code, bool *yes,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, q, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, code);
	rc = wb_stmt_step(st, err);
	*yes = rc == 1;
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

int
wb_org_validate(struct wb_db *db, const struct wb_org *in, struct wb_err *err)
{
	size_t	i, j;
	bool	type_ok = false, yes;
	int	rc;

	if (empty(in->code) || strlen(in->code) > 32 ||
	    strspn(in->code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv"
	    "wxyz0123456789-_") != strlen(in->code))
		return wb_err_field(err, WB_EINVAL, "code", "De code bestaat "
		    "uit hoogstens 32 letters, cijfers, - of _.");
	if (empty(in->name) || !wb_text_fits(in->name, 200, false))
		return wb_err_field(err, WB_EINVAL, "name", "Vul de naam in "
		    "(hoogstens 200 tekens).");
	for (i = 0; in->type != NULL && wb_org_types[i] != NULL; i++)
		if (strcmp(wb_org_types[i], in->type) == 0)
			type_ok = true;
	if (!type_ok)
		return wb_err_field(err, WB_EINVAL, "type",
		    "Kies het soort organisatie.");
	if (!empty(in->agb) && !wb_agb_valid(in->agb))
		return wb_err_field(err, WB_EINVAL, "agb",
		    "Een AGB-code bestaat uit 8 cijfers.");
	if (!empty(in->kvk) && !wb_kvk_valid(in->kvk))
		return wb_err_field(err, WB_EINVAL, "kvk",
		    "Een KvK-nummer bestaat uit 8 cijfers.");
	if (!empty(in->phone) && (!wb_text_fits(in->phone, 30, false) ||
	    strspn(in->phone, "0123456789 +-()") != strlen(in->phone)))
		return wb_err_field(err, WB_EINVAL, "phone", "Een "
		    "telefoonnummer bevat alleen cijfers, spaties, +, - en ().");
	if (!empty(in->email) && !wb_email_valid(in->email,
	    strlen(in->email)))
		return wb_err_field(err, WB_EINVAL, "email",
		    "Vul een geldig e-mailadres in.");
	if (!empty(in->website) && (!wb_text_fits(in->website, 200, false) ||
	    !wb_str_prefix(in->website, "https://")))
		return wb_err_field(err, WB_EINVAL, "website",
		    "Een website begint met https://.");
	if (in->nregions == 0)
		return wb_err_field(err, WB_EINVAL, "region",
		    "Kies ten minste één regio die de organisatie bedient.");
	for (i = 0; i < in->nregions; i++) {
		rc = exists(db, Q_REGION_GET, in->regions[i], &yes, err);
		if (rc != 0)
			return rc;
		if (!yes)
			return wb_err_field(err, WB_EINVAL, "region",
			    "Regio %.8s bestaat niet.", in->regions[i]);
		for (j = 0; j < i; j++)
			if (strcmp(in->regions[i], in->regions[j]) == 0)
				return wb_err_field(err, WB_EINVAL, "region",
				    "Regio %.8s staat er twee keer in.",
				    in->regions[i]);
	}
	if (!empty(in->municipality_code)) {
		if (strcmp(in->type, "gemeente") != 0)
			return wb_err_field(err, WB_EINVAL, "municipality",
			    "Alleen een gemeente hoort bij een gemeentecode.");
		rc = exists(db, Q_MUNICIPALITY_GET, in->municipality_code,
		    &yes, err);
		if (rc != 0)
			return rc;
		if (!yes)
			return wb_err_field(err, WB_EINVAL, "municipality",
			    "Deze gemeentecode bestaat niet.");
	}
	return 0;
}

/* May the actor create or change an organisation serving these regions?
 * Administrators always; a coordinator only for their own region. */
static bool
may_manage(const struct wb_actor *actor, const struct wb_org *o)
{
	struct wb_scope	s = { .org_id = o->id };
	size_t		i;

	if (wb_access_check(actor, WB_ACT_ORG_MANAGE, &s) == 0)
		return true;
	if (actor->role != WB_ROLE_COORDINATOR)
		return false;
	for (i = 0; i < o->nregions; i++) {
		s.region_code = o->regions[i];
		if (wb_access_check(actor, WB_ACT_REGION_EDIT, &s) == 0)
			return true;
	}
	return false;
}

/* A coordinator may add or remove only their own region: every region in
 * which `old` and `in` differ must be theirs.  (old is empty for a new
 * organisation.)  Administrators are not limited. */
static bool
regions_change_ok(const struct wb_actor *actor, const struct wb_org *old,
    const struct wb_org *in)
{
	struct wb_scope	s = { .org_id = in->id };
	size_t		i;

	if (wb_access_check(actor, WB_ACT_ORG_MANAGE, &s) == 0)
		return true;
	for (i = 0; i < in->nregions; i++) {
		s.region_code = in->regions[i];
		if (!wb_org_serves(old, in->regions[i]) &&
		    wb_access_check(actor, WB_ACT_REGION_EDIT, &s) != 0)
			return false;
	}
	for (i = 0; i < old->nregions; i++) {
		s.region_code = old->regions[i];
		if (!wb_org_serves(in, old->regions[i]) &&
		    wb_access_check(actor, WB_ACT_REGION_EDIT, &s) != 0)
			return false;
	}
	return true;
}

static int
write_regions(struct wb_db *db, int64_t id, const struct wb_org *in,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	size_t		 i;
	int		 rc;

	rc = wb_db_prepare(db, Q_ORG_REGION_CLEAR, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, id);
	rc = wb_stmt_exec(st, err);
	wb_stmt_release(st);
	for (i = 0; rc == 0 && i < in->nregions; i++) {
		rc = wb_db_prepare(db, Q_ORG_REGION_ADD, &st, err);
		if (rc != 0)
			return rc;
		wb_stmt_bind_int64(st, 1, id);
		wb_stmt_bind_text(st, 2, in->regions[i]);
		rc = wb_stmt_exec(st, err);
		wb_stmt_release(st);
	}
	return rc;
}

static void
bind_fields(struct wb_stmt *st, const struct wb_org *in, int first)
{
	wb_stmt_bind_text(st, first, in->name);
	wb_stmt_bind_text(st, first + 1, in->type);
	wb_stmt_bind_opt(st, first + 2, in->municipality_code);
	wb_stmt_bind_opt(st, first + 3, in->agb);
	wb_stmt_bind_opt(st, first + 4, in->kvk);
	wb_stmt_bind_opt(st, first + 5, in->phone);
	wb_stmt_bind_opt(st, first + 6, in->email);
	wb_stmt_bind_opt(st, first + 7, in->website);
}

/* Audit a refused change (in the caller's transaction when `in_tx`) and
 * return WB_EDENIED. */
static int
denied(struct wb_db *db, const struct wb_actor *actor,
    struct wb_audit_event *ev, bool in_tx, struct wb_err *err)
{
	int	rc;

	ev->denied = true;
	rc = in_tx ? wb_audit_write(db, actor, ev, err) :
	    wb_audit_log(db, actor, ev, err);
	return rc ? rc : wb_err_set(err, WB_EDENIED,
	    "u mag deze organisatie niet beheren");
}

/* Body of wb_org_add and wb_org_add_tx: in its own write transaction, or
 * in the caller's when `in_tx` (then nothing is committed or rolled back
 * here). */
static int
org_add(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_org *in, bool in_tx, int64_t *id, struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct wb_audit_event	 ev = { .event = "organisation.create",
	    .object_type = "organisation" };
	static const struct wb_org none;	/* no regions before */
	char			 idbuf[24];
	int			 rc;

	if (!may_manage(actor, in) || !regions_change_ok(actor, &none, in))
		return denied(db, actor, &ev, in_tx, err);
	rc = wb_org_validate(db, in, err);
	if (rc != 0)
		return rc;
	if (!in_tx) {
		rc = wb_db_begin_write(db, err);
		if (rc != 0)
			return rc;
	}
	rc = wb_db_prepare(db, Q_ORG_INSERT, &st, err);
	if (rc != 0)
		goto out;
	wb_stmt_bind_text(st, 1, in->code);
	wb_stmt_bind_text(st, 2, in->name);
	wb_stmt_bind_text(st, 3, in->type);
	wb_stmt_bind_opt(st, 4, in->municipality_code);
	wb_stmt_bind_opt(st, 5, in->agb);
	wb_stmt_bind_opt(st, 6, in->kvk);
	wb_stmt_bind_opt(st, 7, in->phone);
	wb_stmt_bind_opt(st, 8, in->email);
	wb_stmt_bind_opt(st, 9, in->website);
	wb_stmt_bind_int64(st, 10, wb_now());
	rc = wb_stmt_exec_int64(st, id, err);
	wb_stmt_release(st);
	st = NULL;
	if (rc == WB_ECONFLICT)
		rc = wb_err_field(err, WB_ECONFLICT, "code",
		    "Er is al een organisatie met deze code.");
	if (rc != 0)
		goto out;
	rc = write_regions(db, *id, in, err);
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
wb_org_add(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_org *in, int64_t *id, struct wb_err *err)
{
	return org_add(db, actor, in, false, id, err);
}

int
wb_org_add_tx(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_org *in, int64_t *id, struct wb_err *err)
{
	if (WB_NEVER(!wb_db_in_tx(db)))
		return wb_err_set(err, WB_EDB, "wb_org_add_tx outside a "
		    "transaction");
	return org_add(db, actor, in, true, id, err);
}

/* Body of wb_org_update and wb_org_update_tx (see org_add). */
static int
org_update(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_org *in, bool in_tx, struct wb_err *err)
{
	struct wb_arena		 a;
	struct wb_org		 old;
	struct wb_stmt		*st = NULL;
	struct wb_audit_event	 ev = { .event = "organisation.update",
	    .object_type = "organisation" };
	char			 idbuf[24];
	int			 rc;

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)in->id);
	ev.object_id = idbuf;
	wb_arena_init(&a);
	rc = wb_org_get(db, in->id, &a, &old, err);
	if (rc != 0)
		goto out;
	/* A coordinator must be allowed both before and after the change. */
	if (!may_manage(actor, &old) || !may_manage(actor, in) ||
	    !regions_change_ok(actor, &old, in)) {
		rc = denied(db, actor, &ev, in_tx, err);
		goto out;
	}
	rc = wb_org_validate(db, in, err);
	if (rc != 0)
		goto out;
	if (strcmp(old.code, in->code) != 0) {
		rc = wb_err_field(err, WB_EINVAL, "code",
		    "De code van een organisatie kan niet veranderen.");
		goto out;
	}
	if (!in_tx) {
		rc = wb_db_begin_write(db, err);
		if (rc != 0)
			goto out;
	}
	rc = wb_db_prepare(db, Q_ORG_UPDATE, &st, err);
	if (rc != 0)
		goto out;
	wb_stmt_bind_int64(st, 1, in->id);
	bind_fields(st, in, 2);
	wb_stmt_bind_int64(st, 10, in->active ? 1 : 0);
	wb_stmt_bind_int64(st, 11, wb_now());
	rc = wb_stmt_exec(st, err);
	wb_stmt_release(st);
	if (rc == 0)
		rc = write_regions(db, in->id, in, err);
	if (rc == 0)
		rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0 && !in_tx)
		rc = wb_db_commit(db, err);
out:
	if (rc != 0 && !in_tx)
		wb_db_rollback(db);
	wb_arena_free(&a);
	return rc;
}

int
wb_org_update(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_org *in, struct wb_err *err)
{
	return org_update(db, actor, in, false, err);
}

int
wb_org_update_tx(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_org *in, struct wb_err *err)
{
	if (WB_NEVER(!wb_db_in_tx(db)))
		return wb_err_set(err, WB_EDB, "wb_org_update_tx outside a "
		    "transaction");
	return org_update(db, actor, in, true, err);
}

static const char *
opt_text(struct wb_stmt *st, int col, struct wb_arena *a)
{
	return wb_stmt_isnull(st, col) ? NULL :
	    wb_arena_strdup(a, wb_stmt_text(st, col));
}

/* Copy an ORG_COLS row. */
static void
row_org(struct wb_stmt *st, struct wb_arena *a, struct wb_org *o)
{
	memset(o, 0, sizeof(*o));
	o->id = wb_stmt_int64(st, 0);
	o->code = wb_arena_strdup(a, wb_stmt_text(st, 1));
	o->name = wb_arena_strdup(a, wb_stmt_text(st, 2));
	o->type = wb_arena_strdup(a, wb_stmt_text(st, 3));
	o->municipality_code = opt_text(st, 4, a);
	o->agb = opt_text(st, 5, a);
	o->kvk = opt_text(st, 6, a);
	o->phone = opt_text(st, 7, a);
	o->email = opt_text(st, 8, a);
	o->website = opt_text(st, 9, a);
	o->active = wb_stmt_int64(st, 10) != 0;
}

static int
load_regions(struct wb_db *db, struct wb_org *o, struct wb_arena *a,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_ORG_REGIONS, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, o->id);
	o->nregions = 0;
	while ((rc = wb_stmt_step(st, err)) == 1 &&
	    o->nregions < WB_ORG_MAX_REGIONS)
		o->regions[o->nregions++] = wb_arena_strdup(a,
		    wb_stmt_text(st, 0));
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

static int
get_by(struct wb_db *db, enum wb_query q, int64_t id, const char *code,
    struct wb_arena *a, struct wb_org *out, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, q, &st, err);
	if (rc != 0)
		return rc;
	if (code != NULL)
		wb_stmt_bind_text(st, 1, code);
	else
		wb_stmt_bind_int64(st, 1, id);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		row_org(st, a, out);
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such organisation");
	wb_stmt_release(st);
	if (rc == 0)
		rc = load_regions(db, out, a, err);
	return rc;
}

int
wb_org_get(struct wb_db *db, int64_t id, struct wb_arena *a,
    struct wb_org *out, struct wb_err *err)
{
	return get_by(db, Q_ORG_GET, id, NULL, a, out, err);
}

int
wb_org_get_code(struct wb_db *db, const char *code, struct wb_arena *a,
    struct wb_org *out, struct wb_err *err)
{
	return get_by(db, Q_ORG_GET_BY_CODE, 0, code, a, out, err);
}

/* Read ORG_COLS rows into a growing array (regions come after). */
static int
read_orgs(struct wb_stmt *st, struct wb_arena *a, struct wb_org **out,
    size_t *n, struct wb_err *err)
{
	size_t	cap = 0;
	int	rc;

	*n = 0;
	*out = NULL;
	while ((rc = wb_stmt_step(st, err)) == 1) {
		row_org(st, a, WB_ARENA_PUSH(a, *out, *n, cap));
	}
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

/* Attach the regions of a whole list from one query of (org_id,
 * region_code) rows, instead of one query per organisation. */
static int
attach_regions(struct wb_stmt *st, struct wb_arena *a, struct wb_org *orgs,
    size_t n, struct wb_err *err)
{
	size_t	i = 0;
	int	rc;

	while ((rc = wb_stmt_step(st, err)) == 1) {
		int64_t	id = wb_stmt_int64(st, 0);
		size_t	k;

		/* Rows come by org id; the list is by name: look it up,
		 * starting where the last row matched. */
		for (k = 0; k < n; k++, i = (i + 1) % n)
			if (orgs[i].id == id)
				break;
		if (k == n || orgs[i].nregions == WB_ORG_MAX_REGIONS)
			continue;
		orgs[i].regions[orgs[i].nregions++] = wb_arena_strdup(a,
		    wb_stmt_text(st, 1));
	}
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

int
wb_org_list(struct wb_db *db, const char *type, int64_t limit,
    int64_t offset, struct wb_arena *a, struct wb_org **out, size_t *n,
    int64_t *total, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_ORG_COUNT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_opt(st, 1, type);
	rc = wb_stmt_exec_int64(st, total, err);
	wb_stmt_release(st);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_ORG_LIST, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_opt(st, 1, type);
	wb_stmt_bind_int64(st, 2, limit);
	wb_stmt_bind_int64(st, 3, offset);
	rc = read_orgs(st, a, out, n, err);
	if (rc != 0 || *n == 0)
		return rc;
	rc = wb_db_prepare(db, Q_ORG_REGIONS_OF_PAGE, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_opt(st, 1, type);
	wb_stmt_bind_int64(st, 2, limit);
	wb_stmt_bind_int64(st, 3, offset);
	return attach_regions(st, a, *out, *n, err);
}

int
wb_org_list_region(struct wb_db *db, const char *region, struct wb_arena *a,
    struct wb_org **out, size_t *n, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_ORG_LIST_BY_REGION, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, region);
	rc = read_orgs(st, a, out, n, err);
	if (rc != 0 || *n == 0)
		return rc;
	rc = wb_db_prepare(db, Q_ORG_REGIONS_OF_REGION, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, region);
	return attach_regions(st, a, *out, *n, err);
}
