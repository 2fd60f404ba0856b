/* trajectory.c - trajectories, milestones and jobs of a client. */
#include "domain/trajectory.h"
#include "domain/audit.h"
#include "domain/client_access.h"
#include "base/str.h"
#include "base/time.h"

static int	job_threshold = WB_JOB_MIN_MINUTES_DEFAULT;

const char *const wb_trajectory_statuses[] = { "aangemeld", "actief",
    "afgerond", "uitgevallen", NULL };
static const char *const status_labels[] = { "Aangemeld", "Actief",
    "Afgerond", "Uitgevallen" };
const char *const wb_milestone_types[] = { "profile", "employer-contact",
    "job-start", "job-end", "benefit-outflow", "education", NULL };
static const char *const milestone_labels[] = { "Beroepsprofiel gestart",
    "Contact met werkgever", "Start baan", "Einde baan",
    "Uitstroom uit uitkering", "Start opleiding" };
const char *const wb_job_contracts[] = { "vast", "tijdelijk", "uitzend",
    "oproep", "zelfstandig", "anders", NULL };
static const char *const contract_labels[] = { "Vast contract",
    "Tijdelijk contract", "Uitzendwerk", "Oproepcontract", "Zelfstandige",
    "Anders" };

static const char	msg_stale[] = "Dit traject is intussen door iemand "
    "anders gewijzigd. Bekijk de nieuwe versie en probeer het opnieuw.";

static int
index_of(const char *const *list, const char *s)
{
	int	i;

	for (i = 0; s != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

const char *
wb_trajectory_status_label(const char *status)
{
	int	i = index_of(wb_trajectory_statuses, status);

	return i >= 0 ? status_labels[i] : "";
}

const char *
wb_milestone_type_label(const char *type)
{
	int	i = index_of(wb_milestone_types, type);

	return i >= 0 ? milestone_labels[i] : "";
}

const char *
wb_job_contract_label(const char *contract)
{
	int	i = index_of(wb_job_contracts, contract);

	return i >= 0 ? contract_labels[i] : "";
}

void
wb_ips_set_job_threshold(int minutes)
{
	if (minutes > 0 && minutes <= WB_JOB_MAX_MINUTES)
		job_threshold = minutes;
}

int
wb_ips_job_threshold(void)
{
	return job_threshold;
}

/* -- hours (pure) -- */

int
wb_hours_parse(const char *s)
{
	int	whole = 0, frac = 0, digits = 0, fdigits = 0, minutes;

	if (s == NULL)
		return -1;
	while (*s == ' ')
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++digits > 3)
			return -1;
		whole = whole * 10 + (*s - '0');
	}
	if (digits == 0)
		return -1;
	if (*s == ',' || *s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++) {
			if (++fdigits > 2)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (fdigits == 0)
			return -1;
		if (fdigits == 1)
			frac *= 10;
	}
	while (*s == ' ')
		s++;
	if (*s != '\0')
		return -1;
	/* Hundredths of an hour to whole minutes: 16,25 is 16 h 15 min;
	 * anything that is not a whole minute is refused, not rounded. */
	if ((frac * 60) % 100 != 0)
		return -1;
	minutes = whole * 60 + frac * 60 / 100;
	if (minutes <= 0 || minutes > WB_JOB_MAX_MINUTES)
		return -1;
	return minutes;
}

void
wb_hours_format(int minutes, char *out, size_t outsz)
{
	int	h = minutes / 60, rest = minutes % 60;
	int	hundredths = rest * 100 / 60;

	if (rest == 0)
		snprintf(out, outsz, "%d", h);
	else if (rest * 100 % 60 == 0 && hundredths % 10 == 0)
		snprintf(out, outsz, "%d,%d", h, hundredths / 10);
	else if (rest * 100 % 60 == 0)
		snprintf(out, outsz, "%d,%02d", h, hundredths);
	else
		snprintf(out, outsz, "%d:%02d", h, rest);
}

/* -- small helpers -- */

/* A date as typed: INT64_MIN when empty, -1 on return when malformed. */
static int
parse_date(const char *s, int64_t *days)
{
	*days = INT64_MIN;
	if (wb_str_blank(s))
		return 0;
	return wb_date_parse(s, strlen(s), days);
}

static void
bind_date(struct wb_stmt *st, int idx, int64_t days)
{
	if (days == INT64_MIN)
		wb_stmt_bind_null(st, idx);
	else
		wb_stmt_bind_int64(st, idx, days);
}

static void
bind_trimmed(struct wb_stmt *st, int idx, const char *s)
{
	struct wb_str	t = wb_str_trim(wb_str_c(s));

	wb_stmt_bind_textn(st, idx, t.p, t.n);
}

static int64_t
col_date(struct wb_stmt *st, int col)
{
	return wb_stmt_isnull(st, col) ? INT64_MIN : wb_stmt_int64(st, col);
}

/* Roll back and log a refusal decided here; returns `code` with msg (a
 * field error when field is set). */
static int
refuse(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, const struct wb_client_decision *d,
    int code, const char *field, const char *msg, struct wb_err *err)
{
	int	rc = field != NULL ? wb_err_field(err, code, field, "%s", msg) :
		    wb_err_set(err, code, "%s", msg);

	return wb_client_refuse(db, actor, op, d, rc, err);
}

static int
professional_only(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, struct wb_err *err)
{
	struct wb_client_decision d = { 0 };

	if (actor->role == WB_ROLE_PROFESSIONAL)
		return 0;
	return refuse(db, actor, op, &d, WB_EDENIED, NULL, "Alleen "
	    "professionals uit het team van de cliënt leggen trajecten "
	    "vast.", err);
}

/* -- the catalogue -- */

static void
intervention_row(struct wb_stmt *st, struct wb_arena *a,
    struct wb_intervention *iv)
{
	iv->code = wb_arena_strdup(a, wb_stmt_text(st, 0));
	iv->name = wb_arena_strdup(a, wb_stmt_text(st, 1));
	iv->description = wb_arena_strdup(a, wb_stmt_text(st, 2));
	iv->ips = wb_stmt_int64(st, 3) != 0;
	iv->active = wb_stmt_int64(st, 4) != 0;
}

int
wb_intervention_list(struct wb_db *db, bool all, struct wb_arena *a,
    struct wb_intervention **out, size_t *n, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	rc = wb_db_prepare(db, Q_INTERVENTION_LIST, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, all ? 1 : 0);
	while ((rc = wb_stmt_step(st, err)) == 1)
		intervention_row(st, a, WB_ARENA_PUSH(a, *out, *n, cap));
	wb_stmt_release(st);
	return rc;
}

int
wb_intervention_get(struct wb_db *db, const char *code, struct wb_arena *a,
    struct wb_intervention *out, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	memset(out, 0, sizeof(*out));
	rc = wb_db_prepare(db, Q_INTERVENTION_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, code);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		intervention_row(st, a, out);
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such intervention");
	wb_stmt_release(st);
	return rc;
}

int
wb_intervention_update(struct wb_db *db, const struct wb_actor *actor,
    const char *code, const char *name, const char *description,
    bool active, struct wb_err *err)
{
	struct wb_audit_event	 ev = { .event = "intervention.update",
	    .object_type = "intervention", .object_id = code };
	struct wb_stmt		*st = NULL;
	int			 rc;

	if (actor->role != WB_ROLE_ADMIN) {
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED, "not an admin");
	}
	if (wb_str_blank(name) || !wb_text_fits(name, 100, false))
		return wb_err_field(err, WB_EINVAL, "name", "Geef de "
		    "interventie een naam van één regel (hoogstens 100 "
		    "tekens).");
	if (description == NULL)
		description = "";
	if (!wb_text_fits(description, 500, true))
		return wb_err_field(err, WB_EINVAL, "description", "De "
		    "beschrijving is te lang (hoogstens 500 tekens).");
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_INTERVENTION_UPDATE, &st, err);
	if (rc == 0) {
		wb_stmt_bind_text(st, 1, code);
		bind_trimmed(st, 2, name);
		wb_stmt_bind_text(st, 3, description);
		wb_stmt_bind_int64(st, 4, active ? 1 : 0);
		wb_stmt_bind_int64(st, 5, wb_now());
		rc = wb_stmt_exec(st, err);
		if (rc == 0 && wb_stmt_changes(st) == 0)
			rc = wb_err_set(err, WB_ENOTFOUND, "no such "
			    "intervention");
		wb_stmt_release(st);
	}
	if (rc == 0)
		rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0)
		wb_db_rollback(db);
	return rc;
}

/* -- trajectories -- */

struct traj_row {
	int64_t		 id, org_id;
	char		 status[16];
	int64_t		 referral_date, start_date, end_date, version;
};

static int
load_traj(struct wb_db *db, int64_t client_id, int64_t id,
    struct traj_row *t, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	memset(t, 0, sizeof(*t));
	rc = wb_db_prepare(db, Q_TRAJ_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, id);
	wb_stmt_bind_int64(st, 2, client_id);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		t->id = wb_stmt_int64(st, 0);
		t->org_id = wb_stmt_int64(st, 1);
		snprintf(t->status, sizeof(t->status), "%s",
		    wb_stmt_text(st, 2));
		t->referral_date = col_date(st, 3);
		t->start_date = col_date(st, 4);
		t->end_date = col_date(st, 5);
		t->version = wb_stmt_int64(st, 6);
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such trajectory");
	wb_stmt_release(st);
	return rc;
}

/* Open a write transaction on trajectory `id` of the client, for a
 * professional allowed to write work & income data; with lead_only the
 * actor must be of the lead organisation. */
static int
begin_traj(struct wb_db *db, const struct wb_actor *actor,
    struct wb_client_op *op, int64_t id, bool lead_only, struct traj_row *t,
    struct wb_client_decision *d, struct wb_err *err)
{
	int	rc;

	op->want = WB_CAT_WORK;
	op->write = true;
	rc = professional_only(db, actor, op, err);
	if (rc == 0)
		rc = wb_client_begin_write(db, actor, op, d, err);
	if (rc != 0)
		return rc;
	rc = load_traj(db, op->client_id, id, t, err);
	if (rc == WB_ENOTFOUND)
		return refuse(db, actor, op, d, rc, NULL, "no such trajectory",
		    err);
	if (rc != 0) {
		wb_db_rollback(db);
		return rc;
	}
	if (lead_only && t->org_id != actor->org_id)
		return refuse(db, actor, op, d, WB_EDENIED, NULL, "Alleen de "
		    "organisatie die het traject leidt, kan het wijzigen.",
		    err);
	return 0;
}

static int
lead_ok(struct wb_db *db, int64_t user_id, int64_t org_id,
    int64_t client_id, bool *ok, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*ok = false;
	rc = wb_db_prepare(db, Q_TRAJ_LEAD_OK, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, user_id);
	wb_stmt_bind_int64(st, 2, org_id);
	wb_stmt_bind_int64(st, 3, client_id);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		*ok = true;
		rc = 0;
	}
	wb_stmt_release(st);
	return rc;
}

static int
client_region(struct wb_db *db, int64_t client_id, char *out, size_t outsz,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_TRAJ_CLIENT_REGION, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client_id);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		snprintf(out, outsz, "%s", wb_stmt_text(st, 0));
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "client without region");
	wb_stmt_release(st);
	return rc;
}

/* Checks of a new trajectory that need no database. */
static int
validate_add(const struct wb_trajectory_input *in, int64_t *referral,
    int64_t *start, struct wb_err *err)
{
	if (wb_str_blank(in->intervention))
		return wb_err_field(err, WB_EINVAL, "intervention", "Kies de "
		    "interventie van het traject.");
	if (parse_date(in->referral_date, referral) != 0)
		return wb_err_field(err, WB_EINVAL, "referral_date", "Vul de "
		    "aanmelddatum in als dd-mm-jjjj, of laat het veld leeg.");
	if (parse_date(in->start_date, start) != 0)
		return wb_err_field(err, WB_EINVAL, "start_date", "Vul de "
		    "startdatum in als dd-mm-jjjj, of laat het veld leeg "
		    "zolang het traject niet begonnen is.");
	if (*referral == INT64_MIN && *start == INT64_MIN)
		return wb_err_field(err, WB_EINVAL, "start_date", "Vul de "
		    "startdatum in, of de aanmelddatum als het traject nog "
		    "moet beginnen.");
	if (*referral != INT64_MIN && *referral > wb_today())
		return wb_err_field(err, WB_EINVAL, "referral_date", "De "
		    "aanmelddatum ligt in de toekomst.");
	if (*start != INT64_MIN && *start > wb_today())
		return wb_err_field(err, WB_EINVAL, "start_date", "De "
		    "startdatum ligt in de toekomst. Leg het traject vast "
		    "als aangemeld en start het op de dag zelf.");
	if (*start != INT64_MIN && *referral != INT64_MIN &&
	    *start < *referral)
		return wb_err_field(err, WB_EINVAL, "start_date", "De "
		    "startdatum ligt vóór de aanmelddatum.");
	return 0;
}

int
wb_trajectory_add(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_trajectory_input *in, int64_t *id, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "trajectory.add",
	    .client_id = in->client_id, .want = WB_CAT_WORK, .write = true,
	    .object_type = "trajectory" };
	struct wb_client_decision d;
	struct wb_intervention	 iv;
	struct wb_arena		 a;
	struct wb_stmt		*st = NULL;
	int64_t			 referral, start, lead;
	char			 region[8], idbuf[24];
	bool			 ok;
	int			 rc;

	*id = 0;
	/* The policy first, then the checks of what was typed. */
	rc = professional_only(db, actor, &op, err);
	if (rc == 0)
		rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = validate_add(in, &referral, &start, err);
	if (rc != 0) {
		wb_db_rollback(db);
		return rc;
	}
	if (in->org_id != 0 && in->org_id != actor->org_id)
		return wb_client_fail(db, err,
		    WB_EINVAL, "organisation", "U legt "
		    "alleen trajecten vast die uw eigen organisatie leidt.");
	wb_arena_init(&a);
	rc = wb_intervention_get(db, in->intervention, &a, &iv, err);
	ok = rc == 0 && iv.active;
	wb_arena_free(&a);
	if (rc == WB_ENOTFOUND || (rc == 0 && !ok)) {
		wb_err_clear(err);
		return wb_client_fail(db, err,
		    WB_EINVAL, "intervention", "Deze "
		    "interventie staat niet (meer) in de catalogus.");
	}
	if (rc != 0)
		return wb_client_fail(db, err, rc, NULL, "database");
	lead = in->lead_user != 0 ? in->lead_user : actor->user_id;
	rc = lead_ok(db, lead, actor->org_id, in->client_id, &ok, err);
	if (rc == 0 && !ok)
		return wb_client_fail(db, err,
		    WB_EINVAL, "lead", "De trajectleider moet "
		    "een professional van uw organisatie in het team van de "
		    "cliënt zijn.");
	if (rc == 0)
		rc = client_region(db, in->client_id, region, sizeof(region),
		    err);
	if (rc == 0)
		rc = wb_db_prepare(db, Q_TRAJ_INSERT, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, in->client_id);
		wb_stmt_bind_text(st, 2, in->intervention);
		wb_stmt_bind_int64(st, 3, actor->org_id);
		wb_stmt_bind_int64(st, 4, lead);
		wb_stmt_bind_text(st, 5, region);
		bind_date(st, 6, referral);
		bind_date(st, 7, start);
		wb_stmt_bind_text(st, 8, start != INT64_MIN ? "actief" :
		    "aangemeld");
		wb_stmt_bind_int64(st, 9, actor->user_id);
		wb_stmt_bind_int64(st, 10, wb_now());
		rc = wb_stmt_exec_int64(st, id, err);
		wb_stmt_release(st);
	}
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*id);
	op.object_id = idbuf;
	rc = wb_client_finish_write(db, actor, &op, &d, rc, err);
	if (rc != 0)
		*id = 0;
	return rc;
}

/* The step from t->status to `to` with the dates typed: 0 or a field
 * error. */
static int
check_step(const struct traj_row *t, const char *to, int64_t start,
    int64_t end, const char *reason, struct wb_err *err)
{
	bool	ended = strcmp(t->status, "afgerond") == 0 ||
		    strcmp(t->status, "uitgevallen") == 0;
	/* An end is measured against the start that is stored; a start is
	 * only typed to start. */
	int64_t	from = t->start_date;

	if (index_of(wb_trajectory_statuses, to) < 0)
		return wb_err_field(err, WB_EINVAL, "status", "Kies een "
		    "status: aangemeld, actief, afgerond of uitgevallen.");
	if (ended)
		return wb_err_field(err, WB_EINVAL, "status", "Dit traject is "
		    "beëindigd; de status verandert niet meer.");
	if (strcmp(to, "aangemeld") == 0)
		return wb_err_field(err, WB_EINVAL, "status", "Een traject "
		    "gaat niet terug naar aangemeld.");
	if (strcmp(to, "actief") == 0) {
		if (strcmp(t->status, "actief") == 0)
			return wb_err_field(err, WB_EINVAL, "status", "Dit "
			    "traject is al actief.");
		if (start == INT64_MIN)
			return wb_err_field(err, WB_EINVAL, "start_date",
			    "Vul de startdatum in.");
		if (start > wb_today())
			return wb_err_field(err, WB_EINVAL, "start_date", "De "
			    "startdatum ligt in de toekomst.");
		if (t->referral_date != INT64_MIN && start < t->referral_date)
			return wb_err_field(err, WB_EINVAL, "start_date", "De "
			    "startdatum ligt vóór de aanmelddatum.");
		return 0;
	}
	/* afgerond or uitgevallen */
	if (start != INT64_MIN)
		return wb_err_field(err, WB_EINVAL, "start_date", "Een "
		    "startdatum hoort alleen bij het starten van een traject.");
	if (strcmp(to, "afgerond") == 0 && t->start_date == INT64_MIN)
		return wb_err_field(err, WB_EINVAL, "status", "Een traject dat "
		    "niet begonnen is, kan niet afgerond worden; kies "
		    "uitgevallen.");
	if (end == INT64_MIN)
		return wb_err_field(err, WB_EINVAL, "end_date", "Vul de "
		    "einddatum in.");
	if (end > wb_today())
		return wb_err_field(err, WB_EINVAL, "end_date", "De einddatum "
		    "ligt in de toekomst.");
	if ((from != INT64_MIN && end < from) ||
	    (t->referral_date != INT64_MIN && end < t->referral_date))
		return wb_err_field(err, WB_EINVAL, "end_date", "De einddatum "
		    "ligt vóór het begin van het traject.");
	if (strcmp(to, "uitgevallen") == 0 && wb_str_blank(reason))
		return wb_err_field(err, WB_EINVAL, "end_reason", "Vul in "
		    "waarom het traject gestopt is.");
	if (reason != NULL && !wb_text_fits(reason, WB_REASON_MAX, true))
		return wb_err_field(err, WB_EINVAL, "end_reason", "De reden is "
		    "te lang (hoogstens 300 tekens).");
	return 0;
}

int
wb_trajectory_update(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_trajectory_input *in, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "trajectory.update",
	    .client_id = in->client_id, .object_type = "trajectory" };
	struct wb_client_decision d;
	struct traj_row		 t;
	struct wb_stmt		*st = NULL;
	int64_t			 start, end;
	char			 idbuf[24];
	const char		*reason;
	int			 rc;

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)in->id);
	op.object_id = idbuf;
	rc = begin_traj(db, actor, &op, in->id, true, &t, &d, err);
	if (rc != 0)
		return rc;
	if (parse_date(in->start_date, &start) != 0)
		return wb_client_fail(db, err,
		    WB_EINVAL, "start_date", "Vul de "
		    "startdatum in als dd-mm-jjjj.");
	if (parse_date(in->end_date, &end) != 0)
		return wb_client_fail(db, err, WB_EINVAL, "end_date", "Vul de "
		    "einddatum in als dd-mm-jjjj.");
	if (t.version != in->version)
		return wb_client_fail(db, err, WB_ECONFLICT, NULL, msg_stale);
	reason = wb_str_blank(in->end_reason) ? NULL : in->end_reason;
	rc = check_step(&t, in->status, start, end, reason, err);
	if (rc != 0) {
		wb_db_rollback(db);
		return rc;
	}
	if (strcmp(in->status, "actief") == 0) {
		end = INT64_MIN;
		reason = NULL;
	} else
		start = t.start_date;
	rc = wb_db_prepare(db, Q_TRAJ_UPDATE, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, in->id);
		wb_stmt_bind_int64(st, 2, in->version);
		wb_stmt_bind_text(st, 3, in->status);
		bind_date(st, 4, start);
		bind_date(st, 5, end);
		wb_stmt_bind_opt(st, 6, reason);
		wb_stmt_bind_int64(st, 7, wb_now());
		rc = wb_stmt_exec(st, err);
		if (rc == 0 && wb_stmt_changes(st) == 0)
			rc = wb_err_set(err, WB_ECONFLICT, "%s", msg_stale);
		wb_stmt_release(st);
	}
	return wb_client_finish_write(db, actor, &op, &d, rc, err);
}

/* -- milestones and jobs -- */

static int
validate_job(const struct wb_milestone_input *in, int *minutes,
    struct wb_err *err)
{
	if (wb_str_blank(in->employer) ||
	    !wb_text_fits(in->employer, WB_EMPLOYER_MAX, false))
		return wb_err_field(err, WB_EINVAL, "employer", "Vul de "
		    "werkgever in (één regel, hoogstens 100 tekens).");
	*minutes = wb_hours_parse(in->hours);
	if (*minutes < 0)
		return wb_err_field(err, WB_EINVAL, "hours", "Vul de uren per "
		    "week in als getal groter dan 0 en hoogstens 80, "
		    "bijvoorbeeld 16 of 16,5.");
	if (in->competitive != 0 && in->competitive != 1)
		return wb_err_field(err, WB_EINVAL, "competitive", "Geef aan "
		    "of het een reguliere baan is (op de open arbeidsmarkt).");
	if (in->min_wage != 0 && in->min_wage != 1)
		return wb_err_field(err, WB_EINVAL, "min_wage", "Geef aan of "
		    "de baan ten minste het minimumloon betaalt.");
	if (index_of(wb_job_contracts, in->contract) < 0)
		return wb_err_field(err, WB_EINVAL, "contract", "Kies het "
		    "soort contract.");
	return 0;
}

/* Which job a job-end is about: the one named, or the only one still
 * running. */
static int
job_to_end(struct wb_db *db, const struct wb_milestone_input *in,
    int64_t *job_id, int64_t *job_start, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int64_t		 id = in->job_id, found = 0;
	int		 rc, rows = 0;

	if (id == 0) {
		rc = wb_db_prepare(db, Q_JOB_RUNNING, &st, err);
		if (rc != 0)
			return rc;
		wb_stmt_bind_int64(st, 1, in->trajectory_id);
		while ((rc = wb_stmt_step(st, err)) == 1) {
			found = wb_stmt_int64(st, 0);
			rows++;
		}
		wb_stmt_release(st);
		if (rc != 0)
			return rc;
		if (rows != 1)
			return wb_err_field(err, WB_EINVAL, "job", rows == 0 ?
			    "Er loopt geen baan in dit traject." : "Kies welke "
			    "baan eindigt.");
		id = found;
	}
	rc = wb_db_prepare(db, Q_JOB_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, id);
	wb_stmt_bind_int64(st, 2, in->trajectory_id);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		*job_id = id;
		*job_start = wb_stmt_int64(st, 1);
		rc = wb_stmt_isnull(st, 2) ? 0 : wb_err_field(err, WB_EINVAL,
		    "job", "Deze baan is al beëindigd.");
	} else if (rc == 0)
		rc = wb_err_field(err, WB_EINVAL, "job", "Deze baan hoort niet "
		    "bij dit traject.");
	wb_stmt_release(st);
	return rc;
}

static int
insert_milestone(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_milestone_input *in, int64_t day, const char *detail,
    int64_t *id, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_MILESTONE_INSERT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, in->trajectory_id);
	wb_stmt_bind_int64(st, 2, in->client_id);
	wb_stmt_bind_text(st, 3, in->type);
	wb_stmt_bind_int64(st, 4, day);
	wb_stmt_bind_opt(st, 5, detail);
	wb_stmt_bind_int64(st, 6, actor->user_id);
	wb_stmt_bind_int64(st, 7, wb_now());
	rc = wb_stmt_exec_int64(st, id, err);
	wb_stmt_release(st);
	if (rc != 0 || strcmp(in->type, "employer-contact") != 0)
		return rc;
	rc = wb_db_prepare(db, Q_TRAJ_FIRST_CONTACT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, in->trajectory_id);
	wb_stmt_bind_int64(st, 2, day);
	wb_stmt_bind_int64(st, 3, wb_now());
	rc = wb_stmt_exec(st, err);
	wb_stmt_release(st);
	return rc;
}

static int
insert_job(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_milestone_input *in, int64_t day, int minutes,
    int64_t *id, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_JOB_INSERT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, in->trajectory_id);
	wb_stmt_bind_int64(st, 2, in->client_id);
	bind_trimmed(st, 3, in->employer);
	wb_stmt_bind_int64(st, 4, minutes);
	wb_stmt_bind_int64(st, 5, in->competitive);
	wb_stmt_bind_int64(st, 6, in->min_wage);
	wb_stmt_bind_text(st, 7, in->contract);
	wb_stmt_bind_int64(st, 8, day);
	wb_stmt_bind_int64(st, 9, actor->user_id);
	wb_stmt_bind_int64(st, 10, wb_now());
	rc = wb_stmt_exec_int64(st, id, err);
	wb_stmt_release(st);
	return rc;
}

static int
end_job(struct wb_db *db, int64_t job_id, int64_t day, const char *reason,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_JOB_END, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, job_id);
	wb_stmt_bind_int64(st, 2, day);
	wb_stmt_bind_opt(st, 3, reason);
	wb_stmt_bind_int64(st, 4, wb_now());
	rc = wb_stmt_exec(st, err);
	wb_stmt_release(st);
	return rc;
}

/* Input checks of a milestone that need no database. */
static int
validate_milestone(const struct wb_milestone_input *in, int64_t *day,
    int *minutes, const char **detail, struct wb_err *err)
{
	*detail = NULL;
	if (index_of(wb_milestone_types, in->type) < 0)
		return wb_err_field(err, WB_EINVAL, "type", "Kies wat er "
		    "gebeurd is: beroepsprofiel, werkgeverscontact, start of "
		    "einde van een baan, uitstroom of opleiding.");
	if (wb_str_blank(in->date) || parse_date(in->date, day) != 0)
		return wb_err_field(err, WB_EINVAL, "date", "Vul de datum in "
		    "als dd-mm-jjjj.");
	if (*day > wb_today())
		return wb_err_field(err, WB_EINVAL, "date", "De datum ligt in "
		    "de toekomst.");
	if (strcmp(in->type, "job-start") == 0)
		return validate_job(in, minutes, err);
	if (strcmp(in->type, "benefit-outflow") == 0) {
		static const char *const outflows[] = { "volledig",
		    "gedeeltelijk", NULL };

		if (index_of(outflows, in->detail) < 0)
			return wb_err_field(err, WB_EINVAL, "detail", "Geef "
			    "aan of de uitstroom volledig of gedeeltelijk is.");
		*detail = in->detail;
	}
	if (strcmp(in->type, "job-end") == 0 && in->reason != NULL &&
	    !wb_text_fits(in->reason, WB_REASON_MAX, true))
		return wb_err_field(err, WB_EINVAL, "reason", "De reden is te "
		    "lang (hoogstens 300 tekens).");
	return 0;
}

int
wb_milestone_add(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_milestone_input *in, int64_t *id, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "milestone.add",
	    .client_id = in->client_id, .object_type = "trajectory" };
	struct wb_client_decision d;
	struct traj_row		 t;
	int64_t			 day, job_id = 0, job_start = 0;
	int			 minutes = 0, rc;
	const char		*detail;
	bool			 ended, jobend;
	char			 idbuf[24];

	*id = 0;
	/* The policy first: someone who may not see the trajectory learns
	 * nothing from the checks of what they typed. */
	jobend = in->type != NULL && strcmp(in->type, "job-end") == 0;
	if (in->type != NULL && strcmp(in->type, "job-start") == 0)
		op.event = "job.start";
	else if (jobend)
		op.event = "job.end";
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)in->trajectory_id);
	op.object_id = idbuf;
	rc = begin_traj(db, actor, &op, in->trajectory_id, false, &t, &d, err);
	if (rc != 0)
		return rc;
	rc = validate_milestone(in, &day, &minutes, &detail, err);
	if (rc != 0) {
		wb_db_rollback(db);
		return rc;
	}
	ended = strcmp(t.status, "afgerond") == 0 ||
	    strcmp(t.status, "uitgevallen") == 0;
	/* A job found in the trajectory may end after it; nothing else is
	 * added to an ended trajectory or one not yet started. */
	if (t.start_date == INT64_MIN)
		return wb_client_fail(db, err,
		    WB_EINVAL, "date", "Dit traject is nog "
		    "niet gestart; start het eerst.");
	if (ended && !jobend)
		return wb_client_fail(db, err,
		    WB_EINVAL, "type", "Dit traject is "
		    "beëindigd; er komen geen mijlpalen meer bij.");
	if (day < t.start_date)
		return wb_client_fail(db, err,
		    WB_EINVAL, "date", "De datum ligt vóór "
		    "de start van het traject.");
	if (!ended && t.end_date != INT64_MIN && day > t.end_date)
		return wb_client_fail(db, err,
		    WB_EINVAL, "date", "De datum ligt na het "
		    "einde van het traject.");
	if (jobend) {
		rc = job_to_end(db, in, &job_id, &job_start, err);
		if (rc == 0 && day < job_start)
			rc = wb_err_field(err, WB_EINVAL, "date", "De baan "
			    "kan niet eindigen vóór ze begon.");
		if (rc == 0)
			rc = end_job(db, job_id, day,
			    wb_str_blank(in->reason) ? NULL : in->reason, err);
		*id = job_id;
	} else if (strcmp(in->type, "job-start") == 0)
		rc = insert_job(db, actor, in, day, minutes, id, err);
	else
		rc = insert_milestone(db, actor, in, day, detail, id, err);
	if (rc == WB_EINVAL) {
		wb_db_rollback(db);
		return rc;
	}
	rc = wb_client_finish_write(db, actor, &op, &d, rc, err);
	if (rc != 0)
		*id = 0;
	return rc;
}

int
wb_trajectory_client(struct wb_db *db, int64_t trajectory_id,
    int64_t *client_id, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*client_id = 0;
	rc = wb_db_prepare(db, Q_TRAJ_CLIENT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, trajectory_id);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		*client_id = wb_stmt_int64(st, 0);
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such trajectory");
	wb_stmt_release(st);
	return rc;
}

/* -- reading -- */

static struct wb_trajectory *
find(struct wb_trajectory *t, size_t n, int64_t id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (t[i].id == id)
			return &t[i];
	return NULL;
}

static int
load_list(struct wb_db *db, const struct wb_actor *actor, int64_t client_id,
    struct wb_arena *a, struct wb_trajectory **out, size_t *n,
    struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct wb_trajectory	*t;
	size_t			 cap = 0;
	int			 rc;

	rc = wb_db_prepare(db, Q_TRAJ_LIST, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client_id);
	while ((rc = wb_stmt_step(st, err)) == 1) {
		t = WB_ARENA_PUSH(a, *out, *n, cap);
		memset(t, 0, sizeof(*t));
		t->id = wb_stmt_int64(st, 0);
		t->client_id = client_id;
		t->intervention = wb_arena_strdup(a, wb_stmt_text(st, 1));
		t->intervention_name = wb_arena_strdup(a, wb_stmt_text(st, 2));
		t->ips = wb_stmt_int64(st, 3) != 0;
		t->org_id = wb_stmt_int64(st, 4);
		t->org_name = wb_arena_strdup(a, wb_stmt_text(st, 5));
		t->lead_user = wb_stmt_int64(st, 6);
		t->lead_name = wb_stmt_isnull(st, 7) ? NULL :
		    wb_arena_strdup(a, wb_stmt_text(st, 7));
		t->region_code = wb_arena_strdup(a, wb_stmt_text(st, 8));
		t->referral_date = col_date(st, 9);
		t->start_date = col_date(st, 10);
		t->status = wb_arena_strdup(a, wb_stmt_text(st, 11));
		t->end_date = col_date(st, 12);
		t->end_reason = wb_stmt_isnull(st, 13) ? NULL :
		    wb_arena_strdup(a, wb_stmt_text(st, 13));
		t->version = wb_stmt_int64(st, 14);
		t->days_to_contact = wb_stmt_isnull(st, 15) ||
		    t->start_date == INT64_MIN ? -1 :
		    wb_stmt_int64(st, 15) - t->start_date;
		t->days_to_job = -1;
		t->may_change = actor->role == WB_ROLE_PROFESSIONAL &&
		    actor->org_id == t->org_id;
	}
	wb_stmt_release(st);
	return rc;
}

static int
load_milestones(struct wb_db *db, int64_t client_id, struct wb_arena *a,
    struct wb_trajectory *list, size_t n, struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct wb_trajectory	*t;
	struct wb_milestone	*m;
	size_t			*caps;
	int			 rc;

	caps = wb_arena_array(a, n + 1, sizeof(*caps));
	rc = wb_db_prepare(db, Q_MILESTONE_LIST, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client_id);
	while ((rc = wb_stmt_step(st, err)) == 1) {
		t = find(list, n, wb_stmt_int64(st, 1));
		if (t == NULL)
			continue;
		m = WB_ARENA_PUSH(a, t->milestones, t->nmilestones,
		    caps[t - list]);
		m->id = wb_stmt_int64(st, 0);
		m->type = wb_arena_strdup(a, wb_stmt_text(st, 2));
		m->on_date = wb_stmt_int64(st, 3);
		m->detail = wb_stmt_isnull(st, 4) ? NULL :
		    wb_arena_strdup(a, wb_stmt_text(st, 4));
	}
	wb_stmt_release(st);
	return rc;
}

static int
load_jobs(struct wb_db *db, int64_t client_id, struct wb_arena *a,
    struct wb_trajectory *list, size_t n, struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct wb_trajectory	*t;
	struct wb_job		*j;
	size_t			*caps;
	int64_t			 today = wb_today();
	int			 rc;

	caps = wb_arena_array(a, n + 1, sizeof(*caps));
	rc = wb_db_prepare(db, Q_JOB_LIST, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client_id);
	while ((rc = wb_stmt_step(st, err)) == 1) {
		t = find(list, n, wb_stmt_int64(st, 1));
		if (t == NULL)
			continue;
		j = WB_ARENA_PUSH(a, t->jobs, t->njobs, caps[t - list]);
		j->id = wb_stmt_int64(st, 0);
		j->employer = wb_arena_strdup(a, wb_stmt_text(st, 2));
		j->minutes_per_week = (int)wb_stmt_int64(st, 3);
		j->competitive = wb_stmt_int64(st, 4) != 0;
		j->min_wage = wb_stmt_int64(st, 5) != 0;
		j->contract = wb_arena_strdup(a, wb_stmt_text(st, 6));
		j->start_date = wb_stmt_int64(st, 7);
		j->end_date = col_date(st, 8);
		j->end_reason = wb_stmt_isnull(st, 9) ? NULL :
		    wb_arena_strdup(a, wb_stmt_text(st, 9));
		j->counts = j->minutes_per_week >= job_threshold;
		j->tenure_days = (j->end_date != INT64_MIN ? j->end_date :
		    today) - j->start_date;
		/* Jobs come by start date: the first counting one is the
		 * first job. */
		if (j->counts && t->days_to_job < 0 &&
		    t->start_date != INT64_MIN)
			t->days_to_job = j->start_date - t->start_date;
	}
	wb_stmt_release(st);
	return rc;
}

int
wb_trajectory_list(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, struct wb_arena *a, struct wb_trajectory **out,
    size_t *n, struct wb_err *err)
{
	struct wb_client_op	op = { .event = "trajectory.read",
	    .client_id = client_id, .want = WB_CAT_WORK,
	    .object_type = "trajectory" };
	struct wb_client_decision d;
	int			rc;

	*out = NULL;
	*n = 0;
	rc = wb_client_begin_read(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = load_list(db, actor, client_id, a, out, n, err);
	if (rc == 0)
		rc = load_milestones(db, client_id, a, *out, *n, err);
	if (rc == 0)
		rc = load_jobs(db, client_id, a, *out, *n, err);
	rc = wb_client_finish_read(db, actor, &op, &d, rc, err);
	if (rc != 0) {
		*out = NULL;
		*n = 0;
	}
	return rc;
}
