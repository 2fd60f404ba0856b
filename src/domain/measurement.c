/* measurement.c - a client's measurements: recording and listing them. */
#include "domain/measurement.h"
#include "domain/audit.h"
#include "domain/client_access.h"
#include "domain/instrument.h"
#include "base/str.h"
#include "base/time.h"

/* The instrument of `code`; "participatieladder" is the ladder too (the
 * name the issue and the API's callers use). */
static const struct wb_instrument *
instrument_of(const char *code)
{
	if (code != NULL && strcmp(code, "participatieladder") == 0)
		code = "ladder";
	return wb_instrument_get(code);
}

/* The category of a stored instrument code; one that is no longer known
 * counts as health, the stricter. */
static unsigned
category_of(const char *code)
{
	const struct wb_instrument *ins = wb_instrument_get(code);

	return ins != NULL ? ins->category : WB_CAT_HEALTH;
}

/* The source to store for this actor and input, or NULL when the input
 * names one the actor may not give. */
static const char *
source_of(const struct wb_actor *actor, const char *given)
{
	if (actor->role == WB_ROLE_CLIENT)
		return given == NULL ? "client" : NULL;
	if (given == NULL)
		return "professional";
	return strcmp(given, "import") == 0 ? "import" : NULL;
}

/* Check the input and score it: *total, *band (static or NULL) and the
 * answers as digits in items[] (empty for totals).  Field errors:
 * instrument, date, items, value, source. */
static int
validate(const struct wb_actor *actor, const struct wb_measurement_input *in,
    const struct wb_instrument *ins, int64_t *day, int *total,
    const char **band, char *items, size_t nitems, struct wb_err *err)
{
	int	rc;

	items[0] = '\0';
	if (ins == NULL)
		return wb_err_field(err, WB_EINVAL, "instrument",
		    "Kies een instrument.");
	if (source_of(actor, in->source) == NULL)
		return wb_err_field(err, WB_EINVAL, "source", "Onbekende bron "
		    "van de meting.");
	if (in->date == NULL || in->date[0] == '\0' ||
	    wb_date_parse(in->date, strlen(in->date), day) != 0)
		return wb_err_field(err, WB_EINVAL, "date", "Vul de datum van "
		    "de meting in als dd-mm-jjjj.");
	if (*day > wb_today())
		return wb_err_field(err, WB_EINVAL, "date", "De datum ligt in "
		    "de toekomst. Een meting gaat over wat al gebeurd is.");
	if (ins->kind == WB_INSTRUMENT_QUESTIONNAIRE) {
		if (in->has_value)
			return wb_err_field(err, WB_EINVAL, "value", "Vul de "
			    "antwoorden in; werkbrug telt de totaalscore "
			    "zelf.");
		rc = wb_instrument_score(ins, in->items, in->nitems, total,
		    err);
		if (rc != 0)
			return rc;
		wb_instrument_items_format(in->items, in->nitems, items,
		    nitems);
		if (WB_NEVER(items[0] == '\0'))
			return wb_err_set(err, WB_EINVAL, "items not stored");
	} else {
		if (in->nitems > 0)
			return wb_instrument_score(ins, in->items, in->nitems,
			    total, err);	/* says: no items here */
		if (!in->has_value)
			return wb_err_field(err, WB_EINVAL, "value",
			    ins->kind == WB_INSTRUMENT_LADDER ? "Kies de trede "
			    "van de participatieladder." : "Vul de "
			    "totaalscore in.");
		rc = wb_instrument_check_value(ins, in->value, err);
		if (rc != 0)
			return rc;
		*total = in->value;
	}
	*band = wb_instrument_band(ins, *total);
	return 0;
}

/* The allowed event of a new measurement: its detail names the category
 * ("work" for the ladder, "health" for a complaint measure), as the
 * import's events do; never the instrument (that a depression
 * questionnaire was taken is itself health data) and never a score. */
static int
audit_added(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, const struct wb_client_decision *d,
    const struct wb_instrument *ins, struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = op->event,
	    .client_id = op->client_id, .object_type = op->object_type,
	    .object_id = op->object_id, .consent_id = d->consent_id,
	    .detail = ins->category == WB_CAT_HEALTH ? "health" : "work" };

	ev.purpose = d->purpose != WB_PURPOSE_NONE ?
	    wb_purpose_name(d->purpose) : NULL;
	return wb_audit_write(db, actor, &ev, err);
}

int
wb_measurement_add(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_measurement_input *in, int64_t *id, int *total,
    const char **band, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "measurement.add",
	    .client_id = in->client_id, .write = true,
	    .object_type = "measurement" };
	struct wb_client_decision d = { 0 };
	const struct wb_instrument *ins = instrument_of(in->instrument);
	struct wb_stmt		*st = NULL;
	char			 items[WB_ITEMS_MAX + 1], idbuf[24];
	int64_t			 day = 0;
	int			 rc, t = 0;
	const char		*b = NULL;

	*id = 0;
	*total = 0;
	*band = NULL;
	rc = validate(actor, in, ins, &day, &t, &b, items, sizeof(items),
	    err);
	if (rc != 0)
		return rc;
	op.want = ins->category;
	/* Professionals record measurements, and the client their own
	 * questionnaires and ladder; a licensed total comes from the
	 * professional who administered it. */
	if ((actor->role != WB_ROLE_PROFESSIONAL &&
	    actor->role != WB_ROLE_CLIENT) || (actor->role == WB_ROLE_CLIENT &&
	    ins->kind == WB_INSTRUMENT_TOTAL)) {
		rc = wb_client_audit(db, actor, &op, &d, true, false, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED, "measurement: "
		    "not a professional or the client");
	}
	rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_MEASUREMENT_INSERT, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, in->client_id);
		wb_stmt_bind_text(st, 2, ins->code);
		wb_stmt_bind_int64(st, 3, day);
		if (items[0] != '\0')
			wb_stmt_bind_text(st, 4, items);
		else
			wb_stmt_bind_null(st, 4);
		wb_stmt_bind_int64(st, 5, t);
		if (b != NULL)
			wb_stmt_bind_text(st, 6, b);
		else
			wb_stmt_bind_null(st, 6);
		wb_stmt_bind_text(st, 7, source_of(actor, in->source));
		if (actor->role == WB_ROLE_PROFESSIONAL)
			wb_stmt_bind_int64(st, 8, actor->org_id);
		else
			wb_stmt_bind_null(st, 8);
		if (actor->user_id != 0)
			wb_stmt_bind_int64(st, 9, actor->user_id);
		else
			wb_stmt_bind_null(st, 9);
		wb_stmt_bind_int64(st, 10, wb_now());
		rc = wb_stmt_exec_int64(st, id, err);
		wb_stmt_release(st);
	}
	if (rc == 0) {
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*id);
		op.object_id = idbuf;
		rc = audit_added(db, actor, &op, &d, ins, err);
	}
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0) {
		wb_db_rollback(db);
		*id = 0;
		return rc;
	}
	*total = t;
	*band = b;
	return 0;
}

/* Is the stored PHQ-9 answer string one whose item 9 needs following
 * up? */
static bool
needs_followup(const char *code, const char *items)
{
	const struct wb_instrument *ins = wb_instrument_get(code);
	int	answers[WB_INSTRUMENT_MAXITEMS];
	struct wb_err e;

	if (ins == NULL || items == NULL || strcmp(ins->code, "phq9") != 0 ||
	    wb_instrument_items_parse(ins, items, answers,
	    WB_NELEM(answers), &e) != 0)
		return false;
	return wb_phq9_needs_followup(answers, (size_t)ins->nitems);
}

static const char *
opt_text(struct wb_stmt *st, int col, struct wb_arena *a)
{
	return wb_stmt_isnull(st, col) ? NULL :
	    wb_arena_strdup(a, wb_stmt_text(st, col));
}

int
wb_measurement_list(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, struct wb_arena *a, struct wb_measurement **out,
    size_t *n, unsigned *allowed, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "measurement.read",
	    .client_id = client_id, .want = WB_CAT_WORK | WB_CAT_HEALTH,
	    .partial = true };
	struct wb_client_decision d;
	struct wb_measurement	*rows = NULL;
	struct wb_stmt		*st = NULL;
	size_t			 cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	*allowed = 0;
	rc = wb_client_begin_read(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_MEASUREMENT_LIST, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		while ((rc = wb_stmt_step(st, err)) == 1) {
			struct wb_measurement *m;

			/* A row of a category not allowed is not there. */
			if ((category_of(wb_stmt_text(st, 2)) &
			    d.allowed) == 0)
				continue;
			m = WB_ARENA_PUSH(a, rows, *n, cap);
			m->id = wb_stmt_int64(st, 0);
			m->client_id = wb_stmt_int64(st, 1);
			m->instrument = wb_arena_strdup(a,
			    wb_stmt_text(st, 2));
			m->on_date = wb_stmt_int64(st, 3);
			m->items = opt_text(st, 4, a);
			m->value = (int)wb_stmt_int64(st, 5);
			m->band = opt_text(st, 6, a);
			m->source = wb_arena_strdup(a, wb_stmt_text(st, 7));
			m->org_name = opt_text(st, 8, a);
			m->followup = needs_followup(m->instrument, m->items);
		}
		wb_stmt_release(st);
	}
	rc = wb_client_finish_read(db, actor, &op, &d, rc, err);
	if (rc != 0) {
		*n = 0;
		return rc;
	}
	*out = rows;
	*allowed = d.allowed;
	return 0;
}
