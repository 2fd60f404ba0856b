/* rights.c - the client's rights: who answers for them, correction,
 * erasure and purge (the export is in rights_export.c). */
#include "domain/rights.h"
#include "domain/rights_impl.h"
#include "domain/access.h"
#include "domain/access_log.h"
#include "domain/activation.h"
#include "domain/audit.h"
#include "domain/bsn.h"
#include "domain/card.h"
#include "domain/client.h"
#include "domain/client_access.h"
#include "domain/consent.h"
#include "domain/instrument.h"
#include "domain/note.h"
#include "domain/plan.h"
#include "domain/referral.h"
#include "domain/session.h"
#include "domain/trajectory.h"
#include "domain/vault.h"
#include "base/str.h"
#include "base/time.h"

#include <sodium.h>

/* The retention terms (docs/clients.md, "Rechten van de cliënt"). */
#define GGZ_YEARS		20	/* WGBO art. 7:454 lid 3 BW [V] */
#define WORK_YEARS		7	/* Archiefwet selection lists [K] */
#define ACTIVATION_GRACE_DAYS	30	/* after a code expired [D] */

#define STR_(x)	#x
#define STR(x)	STR_(x)

const char *const wb_erase_reasons[] = { "verzoek-client",
    "einde-bewaartermijn", "fout-aangemaakt", NULL };
static const char *const erase_reason_labels[] = {
    "Op verzoek van de cliënt",
    "De bewaartermijn is voorbij",
    "Per vergissing aangemaakt" };

const struct wb_purge_rule wb_purge_rules[WB_PURGE_NRULES] = {
	[WB_PURGE_GGZ] = { "Cliënten aangemeld door een GGZ-instelling",
	    STR(GGZ_YEARS) " jaar na de laatste wijziging van het dossier",
	    "WGBO, art. 7:454 lid 3 BW", 'V', "geanonimiseerd",
	    "te anonimiseren" },
	[WB_PURGE_WORK] = { "Cliënten aangemeld door UWV, een gemeente of "
	    "een re-integratiebedrijf", STR(WORK_YEARS) " jaar na de laatste "
	    "wijziging van het dossier", "Archiefwet 1995, selectielijsten "
	    "van UWV en gemeenten", 'K', "geanonimiseerd",
	    "te anonimiseren" },
	[WB_PURGE_ACTIVATIONS] = { "Ongebruikte activeringscodes",
	    STR(ACTIVATION_GRACE_DAYS) " dagen nadat ze verlopen zijn",
	    "eigen regel van werkbrug; een code is " STR(WB_ACTIVATION_DAYS)
	    " dagen geldig", 'D', "verwijderd",
	    "te verwijderen" },
	[WB_PURGE_SESSIONS] = { "Verlopen inlogsessies", "30 minuten na "
	    "het laatste gebruik, of 12 uur na het inloggen",
	    "eigen regel van werkbrug (src/domain/session.h)", 'D',
	    "verwijderd", "te verwijderen" },
};

/* The session rule's text above names session.h's limits. */
_Static_assert(WB_SESSION_IDLE == 30 * 60 && WB_SESSION_MAX == 12 * 60 * 60,
    "update the text of WB_PURGE_SESSIONS");

/* The organisation types whose clients each client rule covers. */
static const char *const ggz_types[] = { "ggz", NULL };
static const char *const work_types[] = { "uwv", "gemeente", "reintegratie",
    NULL };

/* ---------- small helpers ------------------------------------------- */

/* The index of erase reason `code` in wb_erase_reasons, or -1. */
static int
reason_index(const char *code)
{
	size_t	i;

	for (i = 0; code != NULL && wb_erase_reasons[i] != NULL; i++)
		if (strcmp(wb_erase_reasons[i], code) == 0)
			return (int)i;
	return -1;
}

const char *
wb_erase_reason_label(const char *code)
{
	int	i = reason_index(code);

	if (i >= 0)
		return erase_reason_labels[i];
	return code != NULL ? code : "";
}

bool
wb_rights_answers(const struct wb_actor *actor, int64_t registered_org)
{
	return actor != NULL && actor->role == WB_ROLE_PROFESSIONAL &&
	    actor->org_id != 0 && actor->org_id == registered_org;
}

int
wb_rights_answering(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, const struct wb_client_decision *d,
    struct wb_err *err)
{
	int64_t	registered = 0;
	int	rc;

	if (actor->role == WB_ROLE_CLIENT)
		return 0;	/* the policy lets only their own record in */
	rc = wb_client_registered_org(db, op->client_id, &registered, err);
	if (rc != 0) {
		wb_db_rollback(db);
		return rc;
	}
	if (wb_rights_answers(actor, registered))
		return 0;
	wb_err_set(err, WB_EDENIED, "%s: not the registering organisation",
	    op->event);
	return wb_client_refuse(db, actor, op, d, WB_EDENIED, err);
}

/* Begin a change that only a professional answering for the registering
 * organisation makes (`what` names it in the error); anyone else is
 * refused, audited. */
static int
begin_answer(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, struct wb_client_decision *d,
    const char *what, struct wb_err *err)
{
	int	rc;

	rc = wb_client_begin_write(db, actor, op, d, err);
	if (rc != 0)
		return rc;
	if (actor->role != WB_ROLE_PROFESSIONAL) {
		wb_err_set(err, WB_EDENIED, "%s: not a professional", what);
		return wb_client_refuse(db, actor, op, d, WB_EDENIED, err);
	}
	return wb_rights_answering(db, actor, op, d, err);
}

/* ---------- correction ----------------------------------------------- */

/* Read the correction requests into `a` (newest first). */
int
wb_rights_corrections_read(struct wb_db *db, int64_t client_id, struct wb_arena *a,
    struct wb_correction **out, size_t *n, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	rc = wb_db_prepare(db, Q_CORRECTION_LIST, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client_id);
	while ((rc = wb_stmt_step(st, err)) == 1) {
		struct wb_correction *k = WB_ARENA_PUSH(a, *out, *n, cap);

		k->id = wb_stmt_int64(st, 0);
		k->text = wb_arena_strdup(a, wb_stmt_text(st, 1));
		k->created_at = wb_stmt_int64(st, 2);
		k->handled_at = wb_stmt_isnull(st, 3) ? 0 :
		    wb_stmt_int64(st, 3);
		k->handled_by = wb_stmt_isnull(st, 4) ? NULL :
		    wb_arena_strdup(a, wb_stmt_text(st, 4));
	}
	wb_stmt_release(st);
	return rc;
}


/* True when s has a character that is not white space. */
static bool
has_text(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (strchr(" \t\r\n", *s) == NULL)
			return true;
	return false;
}

int
wb_correction_request(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, const char *text, int64_t *id, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "client.correction.request",
	    .client_id = client_id, .want = WB_CAT_IDENTITY, .write = true,
	    .object_type = "correction_request" };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	char			 idbuf[24];
	int			 rc;

	*id = 0;
	if (!has_text(text) || !wb_utf8_valid(text, strlen(text), true) ||
	    wb_utf8_len(text, strlen(text)) > WB_CORRECTION_MAX)
		return wb_err_field(err, WB_EINVAL, "text", "Schrijf op wat er "
		    "niet klopt (hoogstens 2000 tekens).");
	rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	/* The client asks; a professional changes the record itself. */
	if (actor->role != WB_ROLE_CLIENT) {
		wb_err_set(err, WB_EDENIED, "correction request: not the "
		    "client");
		return wb_client_refuse(db, actor, &op, &d, WB_EDENIED, err);
	}
	rc = wb_db_prepare(db, Q_CORRECTION_INSERT, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		wb_stmt_bind_text(st, 2, text);
		wb_stmt_bind_int64(st, 3, wb_now());
		rc = wb_stmt_exec_int64(st, id, err);
	}
	wb_stmt_release(st);
	if (rc == 0) {
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*id);
		op.object_id = idbuf;
	}
	rc = wb_client_finish_write(db, actor, &op, &d, rc, err);
	if (rc != 0)
		*id = 0;
	return rc;
}

int
wb_correction_list(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, struct wb_arena *a, struct wb_correction **out,
    size_t *n, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "client.correction.read",
	    .client_id = client_id, .want = WB_CAT_IDENTITY,
	    .object_type = "correction_request" };
	struct wb_client_decision d;
	int			 rc;

	*out = NULL;
	*n = 0;
	rc = wb_client_begin_read(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = wb_rights_answering(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = wb_rights_corrections_read(db, client_id, a, out, n, err);
	rc = wb_client_finish_read(db, actor, &op, &d, rc, err);
	if (rc != 0) {
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
wb_correction_handle(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, int64_t request_id, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "client.correction.handle",
	    .client_id = client_id, .want = WB_CAT_IDENTITY, .write = true,
	    .object_type = "correction_request" };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	char			 idbuf[24];
	int			 rc;

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)request_id);
	op.object_id = idbuf;
	rc = begin_answer(db, actor, &op, &d, "correction", err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_CORRECTION_HANDLE, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, request_id);
		wb_stmt_bind_int64(st, 2, client_id);
		wb_stmt_bind_int64(st, 3, wb_now());
		wb_stmt_bind_int64(st, 4, actor->user_id);
		rc = wb_stmt_exec(st, err);
		if (rc == 0 && wb_stmt_changes(st) != 1)
			rc = WB_ENOTFOUND;
	}
	wb_stmt_release(st);
	if (rc == WB_ENOTFOUND) {
		wb_err_set(err, WB_ENOTFOUND, "no such open correction "
		    "request");
		return wb_client_refuse(db, actor, &op, &d, WB_ENOTFOUND, err);
	}
	return wb_client_finish_write(db, actor, &op, &d, rc, err);
}

/* ---------- erasure -------------------------------------------------- */

/* Run `q` with one or two integer parameters (p2 0: one): a count(*)
 * when `count`, else a change; *n gets the count or the rows changed. */
static int
run_two(struct wb_db *db, enum wb_query q, bool count, int64_t p1,
    int64_t p2, int64_t *n, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*n = 0;
	rc = wb_db_prepare(db, q, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, p1);
	if (p2 != 0)
		wb_stmt_bind_int64(st, 2, p2);
	if (count)
		rc = wb_stmt_exec_int64(st, n, err);
	else {
		rc = wb_stmt_exec(st, err);
		if (rc == 0)
			*n = wb_stmt_changes(st);
	}
	wb_stmt_release(st);
	return rc;
}

/* The portal account of the client (0: none), while it is not erased. */
static int
portal_user(struct wb_db *db, int64_t id, int64_t *user, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*user = 0;
	rc = wb_db_prepare(db, Q_CLIENT_PORTAL, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, id);
	rc = wb_stmt_step(st, err);
	if (rc == 1)
		*user = wb_stmt_isnull(st, 0) ? 0 : wb_stmt_int64(st, 0);
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

/* Close the client's portal account: no address, name or password, no
 * sessions or tokens, inactive. */
static int
close_account(struct wb_db *db, int64_t user, int64_t now,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	char		 email[64];
	int64_t		 n;
	int		 rc;

	snprintf(email, sizeof(email), "gewist-%lld@werkbrug.invalid",
	    (long long)user);
	rc = wb_db_prepare(db, Q_RIGHTS_ERASE_ACCOUNT, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, user);
		wb_stmt_bind_text(st, 2, email);
		wb_stmt_bind_int64(st, 3, now);
		rc = wb_stmt_exec(st, err);
	}
	wb_stmt_release(st);
	if (rc == 0)
		rc = run_two(db, Q_SESSION_DELETE_USER, false, user, 0, &n,
		    err);
	if (rc == 0)
		rc = run_two(db, Q_TOKEN_REVOKE_USER, false, user, now, &n,
		    err);
	return rc;
}

/* Bind who erased: a user, or (0) NULL for the system. */
static void
bind_by(struct wb_stmt *st, int idx, int64_t by)
{
	if (by != 0)
		wb_stmt_bind_int64(st, idx, by);
	else
		wb_stmt_bind_null(st, idx);
}

/* Anonymise client `id` in the caller's write transaction; `by` ends the
 * team memberships and the consents in force (0: the system).  *done is
 * false when there was no record left to erase. */
static int
erase_tx(struct wb_db *db, int64_t id, int64_t by, bool *done,
    struct wb_err *err)
{
	/* Actions before their goals, milestones and jobs before their
	 * trajectories (foreign keys). */
	static const enum wb_query gone[] = { Q_RIGHTS_ERASE_ACTIONS,
	    Q_RIGHTS_ERASE_GOALS, Q_RIGHTS_ERASE_NOTES,
	    Q_RIGHTS_ERASE_MEASUREMENTS, Q_RIGHTS_ERASE_MILESTONES,
	    Q_RIGHTS_ERASE_JOBS, Q_RIGHTS_ERASE_TRAJECTORIES,
	    Q_RIGHTS_ERASE_CORRECTIONS, Q_RIGHTS_ERASE_ACTIVATIONS,
	    Q_RIGHTS_ERASE_CONSENTS };
	struct wb_stmt	*st = NULL;
	int64_t		 now = wb_now(), user = 0, n = 0;
	size_t		 i;
	int		 rc;

	*done = false;
	rc = portal_user(db, id, &user, err);
	if (rc == 0)
		rc = run_two(db, Q_RIGHTS_ERASE_CLIENT, false, id, now, &n,
		    err);
	*done = rc == 0 && n == 1;
	if (rc != 0 || !*done)
		return rc;
	for (i = 0; rc == 0 && i < WB_NELEM(gone); i++)
		rc = run_two(db, gone[i], false, id, 0, &n, err);
	/* The consents stay as proof, but none stays in force for a
	 * record that is gone. */
	if (rc == 0)
		rc = wb_db_prepare(db, Q_RIGHTS_REVOKE_CONSENTS, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, id);
		wb_stmt_bind_int64(st, 2, now);
		wb_stmt_bind_int64(st, 3, wb_today());
		bind_by(st, 4, by);
		rc = wb_stmt_exec(st, err);
	}
	wb_stmt_release(st);
	st = NULL;
	if (rc == 0)
		rc = wb_db_prepare(db, Q_RIGHTS_ERASE_TEAM, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, id);
		wb_stmt_bind_int64(st, 2, now);
		bind_by(st, 3, by);
		rc = wb_stmt_exec(st, err);
	}
	wb_stmt_release(st);
	if (rc == 0)
		rc = run_two(db, Q_RIGHTS_ERASE_REFERRALS, false, id, now, &n,
		    err);
	if (rc == 0 && user != 0)
		rc = close_account(db, user, now, err);
	return rc;
}

/* The client.erase event: the reason code, never free text. */
static int
erase_event(struct wb_db *db, const struct wb_actor *actor, int64_t id,
    const struct wb_client_decision *d, const char *reason,
    struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = "client.erase",
	    .object_type = "client", .client_id = id, .detail = reason };
	char			idbuf[24];

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)id);
	ev.object_id = idbuf;
	if (d != NULL) {
		ev.purpose = d->purpose != WB_PURPOSE_NONE ?
		    wb_purpose_name(d->purpose) : NULL;
		ev.consent_id = d->consent_id;
	}
	return wb_audit_write(db, actor, &ev, err);
}

int
wb_client_erase(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, const char *reason, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "client.erase",
	    .client_id = client_id, .want = WB_CAT_IDENTITY, .write = true };
	struct wb_client_decision d;
	bool			 done = false;
	int			 rc;

	if (reason_index(reason) < 0)
		return wb_err_field(err, WB_EINVAL, "reason",
		    "Kies waarom de gegevens worden gewist.");
	rc = begin_answer(db, actor, &op, &d, "erase", err);
	if (rc != 0)
		return rc;
	rc = erase_tx(db, client_id, actor->user_id, &done, err);
	if (rc == 0 && WB_NEVER(!done))
		rc = wb_err_set(err, WB_ENOTFOUND, "client erased already");
	if (rc == 0)
		rc = erase_event(db, actor, client_id, &d, reason, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0)
		wb_db_rollback(db);
	return rc;
}

/* ---------- purge ---------------------------------------------------- */

/* The start of the day `years` before today: a file last changed before
 * it has passed a term of that many years. */
static int64_t
years_ago(int years)
{
	int	y, m, d;

	wb_civil_from_days(wb_today(), &y, &m, &d);
	return wb_day_start(wb_days_from_civil(y - years, m, d));
}

/* Bind Q_RIGHTS_DUE: changed before `cutoff`, registered by `type`, one
 * client `id` or (0) all. */
static void
bind_due(struct wb_stmt *st, int64_t cutoff, const char *type, int64_t id)
{
	wb_stmt_bind_int64(st, 1, cutoff);
	wb_stmt_bind_text(st, 2, type);
	if (id != 0)
		wb_stmt_bind_int64(st, 3, id);
	else
		wb_stmt_bind_null(st, 3);
}

/* The clients of organisations of `type` whose term passed at `cutoff`,
 * into ids (in a). */
static int
due_clients(struct wb_db *db, int64_t cutoff, const char *type,
    struct wb_arena *a, int64_t **ids, size_t *n, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	size_t		 cap = 0;
	int		 rc;

	*ids = NULL;
	*n = 0;
	rc = wb_db_begin_read(db, err);
	if (rc == 0)
		rc = wb_db_prepare(db, Q_RIGHTS_DUE, &st, err);
	if (rc == 0) {
		bind_due(st, cutoff, type, 0);
		while ((rc = wb_stmt_step(st, err)) == 1)
			*WB_ARENA_PUSH(a, *ids, *n, cap) = wb_stmt_int64(st, 0);
	}
	wb_stmt_release(st);
	wb_db_rollback(db);
	return rc;
}

/* Erase one client whose term passed, checking again inside the write
 * transaction (the file may have changed since it was listed). */
static int
erase_due(struct wb_db *db, const struct wb_actor *actor, int64_t id,
    int64_t cutoff, const char *type, bool *done, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*done = false;
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_RIGHTS_DUE, &st, err);
	if (rc == 0) {
		bind_due(st, cutoff, type, id);
		rc = wb_stmt_step(st, err);
	}
	wb_stmt_release(st);
	if (rc == 1)
		rc = erase_tx(db, id, 0, done, err);
	if (rc == 0 && *done)
		rc = erase_event(db, actor, id, NULL, "einde-bewaartermijn",
		    err);
	if (rc == 0 && *done)
		rc = wb_db_commit(db, err);
	if (rc != 0 || !*done) {
		wb_db_rollback(db);
		*done = false;
	}
	return rc;
}

/* Anonymise (or with dry_run count) the clients of one rule. */
static int
purge_clients(struct wb_db *db, const struct wb_actor *actor,
    const char *const *types, int64_t cutoff, bool dry_run, int64_t *count,
    struct wb_err *err)
{
	struct wb_arena	 a;
	int64_t		*ids;
	size_t		 n, i, t;
	bool		 done;
	int		 rc = 0;

	wb_arena_init(&a);
	for (t = 0; rc == 0 && types[t] != NULL; t++) {
		rc = due_clients(db, cutoff, types[t], &a, &ids, &n, err);
		for (i = 0; rc == 0 && i < n; i++) {
			if (dry_run) {
				(*count)++;
				continue;
			}
			rc = erase_due(db, actor, ids[i], cutoff, types[t],
			    &done, err);
			if (rc == 0 && done)
				(*count)++;
		}
	}
	wb_arena_free(&a);
	return rc;
}

/* Unused activation codes and expired sessions, with one purge event. */
static int
purge_rest(struct wb_db *db, const struct wb_actor *actor, bool dry_run,
    struct wb_purge_report *rep, struct wb_err *err)
{
	struct wb_audit_event	 ev = { .event = "purge" };
	int64_t		*codes = &rep->count[WB_PURGE_ACTIVATIONS];
	int64_t		*sessions = &rep->count[WB_PURGE_SESSIONS];
	int64_t			 now = wb_now();
	char			 detail[96];
	int			 rc;

	rc = dry_run ? wb_db_begin_read(db, err) : wb_db_begin_write(db, err);
	if (rc != 0)
		return rc;
	rc = run_two(db, dry_run ? Q_RIGHTS_ACTIVATIONS_DUE :
	    Q_RIGHTS_ACTIVATIONS_PURGE, dry_run,
	    rep->cutoff[WB_PURGE_ACTIVATIONS], 0, codes, err);
	if (rc == 0)
		rc = run_two(db, dry_run ? Q_RIGHTS_SESSIONS_DUE :
		    Q_SESSION_PURGE, dry_run, now - WB_SESSION_IDLE,
		    now - WB_SESSION_MAX, sessions, err);
	if (rc == 0 && !dry_run) {
		snprintf(detail, sizeof(detail), "clients=%lld codes=%lld "
		    "sessions=%lld", (long long)(rep->count[WB_PURGE_GGZ] +
		    rep->count[WB_PURGE_WORK]), (long long)*codes,
		    (long long)*sessions);
		ev.detail = detail;
		rc = wb_audit_write(db, actor, &ev, err);
		if (rc == 0)
			rc = wb_db_commit(db, err);
	}
	wb_db_rollback(db);
	return rc;
}

int
wb_purge(struct wb_db *db, const struct wb_actor *actor, bool dry_run,
    struct wb_purge_report *rep, struct wb_err *err)
{
	int	rc;

	memset(rep, 0, sizeof(*rep));
	if (actor == NULL || actor->role != WB_ROLE_SYSTEM)
		return wb_err_set(err, WB_EDENIED, "purge: the operator's "
		    "command line only");
	rep->cutoff[WB_PURGE_GGZ] = years_ago(GGZ_YEARS);
	rep->cutoff[WB_PURGE_WORK] = years_ago(WORK_YEARS);
	rep->cutoff[WB_PURGE_ACTIVATIONS] = wb_now() -
	    (int64_t)ACTIVATION_GRACE_DAYS * 86400;
	rep->cutoff[WB_PURGE_SESSIONS] = wb_now() - WB_SESSION_IDLE;
	rc = purge_clients(db, actor, ggz_types, rep->cutoff[WB_PURGE_GGZ],
	    dry_run, &rep->count[WB_PURGE_GGZ], err);
	if (rc == 0)
		rc = purge_clients(db, actor, work_types,
		    rep->cutoff[WB_PURGE_WORK], dry_run,
		    &rep->count[WB_PURGE_WORK], err);
	if (rc == 0)
		rc = purge_rest(db, actor, dry_run, rep, err);
	return rc;
}
