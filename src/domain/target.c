/* target.c - quantitative targets of regions and organisations. */
#include "domain/target.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/organisation.h"
#include "domain/region.h"
#include "domain/trajectory.h"
#include "base/time.h"

const char *const wb_target_indicators[] = { "employment-rate",
    "job-starts", "caseload", "days-to-contact", "days-to-job",
    "ladder-rise", NULL };
static const char *const labels[] = { "Werkend in een reguliere baan (%)",
    "Baanstarts per kwartaal", "Cliënten in traject per kwartaal",
    "Dagen tot eerste werkgeverscontact (mediaan, hoogstens)",
    "Dagen tot eerste baan (mediaan, hoogstens)",
    "Gestegen op de participatieladder (%)" };

static int
indicator_index(const char *s)
{
	int	i;

	for (i = 0; s != NULL && wb_target_indicators[i] != NULL; i++)
		if (strcmp(wb_target_indicators[i], s) == 0)
			return i;
	return -1;
}

const char *
wb_target_label(const char *indicator)
{
	int	i = indicator_index(indicator);

	return i >= 0 ? labels[i] : "";
}

bool
wb_target_lower_is_better(const char *indicator)
{
	return indicator != NULL && strncmp(indicator, "days-", 5) == 0;
}

static bool
percent(const char *indicator)
{
	return strcmp(indicator, "employment-rate") == 0 ||
	    strcmp(indicator, "ladder-rise") == 0;
}

static int
validate(struct wb_db *db, const struct wb_target *in, struct wb_err *err)
{
	struct wb_intervention	iv;
	struct wb_arena		a;
	int			rc;

	if ((in->region_code == NULL) == (in->org_id == 0))
		return wb_err_set(err, WB_EINVAL, "a region or an "
		    "organisation");
	if (indicator_index(in->indicator) < 0)
		return wb_err_field(err, WB_EINVAL, "indicator", "Kies voor "
		    "welke indicator het doel geldt.");
	if (in->year < 2000 || in->year > 2100)
		return wb_err_field(err, WB_EINVAL, "year", "Kies een jaar "
		    "tussen 2000 en 2100.");
	if (in->value < 0 || in->value > (percent(in->indicator) ? 100 :
	    100000))
		return wb_err_field(err, WB_EINVAL, "value", percent(
		    in->indicator) ? "Vul een percentage in van 0 tot en met "
		    "100." : "Vul een geheel getal in van 0 of meer.");
	wb_arena_init(&a);
	if (in->region_code != NULL) {
		struct wb_region r;

		rc = wb_region_get(db, in->region_code, &a, &r, err);
	} else {
		struct wb_org o;

		rc = wb_org_get(db, in->org_id, &a, &o, err);
	}
	if (rc == WB_ENOTFOUND) {
		wb_arena_free(&a);
		return wb_err_field(err, WB_EINVAL, in->region_code != NULL ?
		    "region" : "organisation", "Deze regio of organisatie "
		    "bestaat niet.");
	}
	if (rc == 0 && in->intervention != NULL) {
		rc = wb_intervention_get(db, in->intervention, &a, &iv, err);
		if (rc == WB_ENOTFOUND)
			rc = wb_err_field(err, WB_EINVAL, "intervention",
			    "Deze interventie staat niet in de catalogus.");
	}
	wb_arena_free(&a);
	return rc;
}

int
wb_target_set(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_target *in, int64_t *id, struct wb_err *err)
{
	struct wb_scope		 scope = { .region_code = in->region_code,
	    .org_id = in->org_id };
	struct wb_audit_event	 ev = { .event = "target.set",
	    .object_type = "target" };
	struct wb_stmt		*st = NULL;
	char			 detail[96], idbuf[24];
	int			 rc;

	*id = 0;
	if (wb_access_check(actor, WB_ACT_TARGET_SET, &scope) != 0) {
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED, "U mag de doelen "
		    "van deze regio of organisatie niet vastleggen.");
	}
	rc = validate(db, in, err);
	if (rc != 0)
		return rc;
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		return rc;
	/* Replace: the old value goes, the audit log keeps the history. */
	rc = wb_db_prepare(db, Q_TARGET_DELETE, &st, err);
	if (rc == 0) {
		wb_stmt_bind_opt(st, 1, in->region_code);
		if (in->org_id != 0)
			wb_stmt_bind_int64(st, 2, in->org_id);
		else
			wb_stmt_bind_null(st, 2);
		wb_stmt_bind_opt(st, 3, in->intervention);
		wb_stmt_bind_text(st, 4, in->indicator);
		wb_stmt_bind_int64(st, 5, in->year);
		rc = wb_stmt_exec(st, err);
		wb_stmt_release(st);
	}
	if (rc == 0)
		rc = wb_db_prepare(db, Q_TARGET_INSERT, &st, err);
	if (rc == 0) {
		wb_stmt_bind_opt(st, 1, in->region_code);
		if (in->org_id != 0)
			wb_stmt_bind_int64(st, 2, in->org_id);
		else
			wb_stmt_bind_null(st, 2);
		wb_stmt_bind_opt(st, 3, in->intervention);
		wb_stmt_bind_text(st, 4, in->indicator);
		wb_stmt_bind_int64(st, 5, in->year);
		wb_stmt_bind_int64(st, 6, in->value);
		wb_stmt_bind_int64(st, 7, actor->user_id);
		wb_stmt_bind_int64(st, 8, wb_now());
		rc = wb_stmt_exec_int64(st, id, err);
		wb_stmt_release(st);
	}
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*id);
	snprintf(detail, sizeof(detail), "%s %d = %lld", in->indicator,
	    in->year, (long long)in->value);
	ev.object_id = idbuf;
	ev.detail = detail;
	if (rc == 0)
		rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0) {
		wb_db_rollback(db);
		*id = 0;
	}
	return rc;
}

int
wb_target_list(struct wb_db *db, const char *region_code, int64_t org_id,
    int year, struct wb_arena *a, struct wb_target **out, size_t *n,
    struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct wb_target	*t;
	size_t			 cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	rc = wb_db_prepare(db, Q_TARGET_LIST, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_opt(st, 1, region_code);
	if (org_id != 0)
		wb_stmt_bind_int64(st, 2, org_id);
	else
		wb_stmt_bind_null(st, 2);
	wb_stmt_bind_int64(st, 3, year);
	while ((rc = wb_stmt_step(st, err)) == 1) {
		t = WB_ARENA_PUSH(a, *out, *n, cap);
		t->id = wb_stmt_int64(st, 0);
		t->region_code = wb_stmt_isnull(st, 1) ? NULL :
		    wb_arena_strdup(a, wb_stmt_text(st, 1));
		t->org_id = wb_stmt_isnull(st, 2) ? 0 : wb_stmt_int64(st, 2);
		t->intervention = wb_stmt_isnull(st, 3) ? NULL :
		    wb_arena_strdup(a, wb_stmt_text(st, 3));
		t->indicator = wb_arena_strdup(a, wb_stmt_text(st, 4));
		t->year = (int)wb_stmt_int64(st, 5);
		t->value = wb_stmt_int64(st, 6);
	}
	wb_stmt_release(st);
	return rc;
}
