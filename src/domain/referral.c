/* referral.c - warme overdracht to a fixed contact point. */
#include "domain/referral.h"
#include "domain/audit.h"
#include "domain/card.h"
#include "domain/client_access.h"
#include "domain/team.h"
#include "domain/user.h"
#include "base/str.h"
#include "base/time.h"

static const struct {
	const char	*status, *label;
} statuses[] = {
	{ "verzonden", "Verzonden" },
	{ "geaccepteerd", "Geaccepteerd" },
	{ "afgewezen", "Afgewezen" },
	{ "ingetrokken", "Ingetrokken" },
};

const char *
wb_referral_status_label(const char *status)
{
	size_t	i;

	for (i = 0; status != NULL && i < WB_NELEM(statuses); i++)
		if (strcmp(statuses[i].status, status) == 0)
			return statuses[i].label;
	return status != NULL ? status : "";
}

/* Day 0 (1 January 1970) was a Thursday. */
static bool
workday(int64_t day)
{
	int64_t	wd = ((day % 7) + 7 + 3) % 7;	/* 0 = Monday */

	return wd < 5;
}

/* The local day of Unix time t: `today` is local, so the day of sending
 * must be too (just after midnight it is still yesterday in UTC). */
static int64_t
local_day(int64_t t)
{
	int64_t	day = t >= 0 ? t / 86400 : (t - 86399) / 86400;

	if (wb_day_start(day + 1) <= t)
		day++;
	else if (wb_day_start(day) > t)
		day--;
	return day;
}

bool
wb_referral_overdue(int64_t created_at, int64_t today)
{
	int64_t	day, n = 0;

	for (day = local_day(created_at) + 1; day <= today; day++)
		if (workday(day) && ++n > WB_REFERRAL_WORKDAYS)
			return true;
	return false;
}

static const char *
dup(struct wb_arena *a, struct wb_stmt *st, int col)
{
	return wb_stmt_isnull(st, col) ? NULL :
	    wb_arena_strdup(a, wb_stmt_text(st, col));
}

/* One REFERRAL_COLS row. */
static void
row_referral(struct wb_stmt *st, const struct wb_actor *actor,
    struct wb_arena *a, struct wb_referral *r)
{
	memset(r, 0, sizeof(*r));
	r->id = wb_stmt_int64(st, 0);
	r->client_id = wb_stmt_int64(st, 1);
	r->from_org = wb_stmt_int64(st, 2);
	r->from_org_name = dup(a, st, 3);
	r->from_user = wb_stmt_int64(st, 4);
	r->from_user_name = dup(a, st, 5);
	r->contact_point_id = wb_stmt_int64(st, 6);
	r->to_org = wb_stmt_int64(st, 7);
	r->to_org_name = dup(a, st, 8);
	r->region_code = dup(a, st, 9);
	r->domain = dup(a, st, 10);
	r->purpose = wb_purpose_parse(wb_stmt_text(st, 11));
	r->question = dup(a, st, 12);
	r->consent_id = wb_stmt_int64(st, 13);
	r->status = dup(a, st, 14);
	r->assigned_user = wb_stmt_int64(st, 15);
	r->assigned_name = dup(a, st, 16);
	r->answer = dup(a, st, 17);
	r->answered_at = wb_stmt_int64(st, 18);
	r->created_at = wb_stmt_int64(st, 19);
	r->for_me = actor->user_id != 0 && r->to_org == actor->org_id &&
	    (wb_stmt_int64(st, 20) == actor->user_id ||
	    wb_stmt_int64(st, 21) == actor->user_id);
	r->overdue = strcmp(r->status, "verzonden") == 0 &&
	    wb_referral_overdue(r->created_at, wb_today());
}

static int
load(struct wb_db *db, const struct wb_actor *actor, int64_t id,
    struct wb_arena *a, struct wb_referral *r, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_REFERRAL_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, id);
	wb_stmt_bind_int64(st, 2, wb_today());
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		row_referral(st, actor, a, r);
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such referral");
	wb_stmt_release(st);
	return rc;
}

/* The receiving contact point, current today. */
struct cp {
	int64_t	 id, org_id, person_user, deputy_user;
	char	 org_name[200];
};

static int
current_cp(struct wb_db *db, int64_t id, struct cp *cp, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	memset(cp, 0, sizeof(*cp));
	rc = wb_db_prepare(db, Q_REFERRAL_CP, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, id);
	wb_stmt_bind_int64(st, 2, wb_today());
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		cp->id = wb_stmt_int64(st, 0);
		cp->org_id = wb_stmt_int64(st, 1);
		snprintf(cp->org_name, sizeof(cp->org_name), "%s",
		    wb_stmt_text(st, 2));
		cp->person_user = wb_stmt_int64(st, 5);
		cp->deputy_user = wb_stmt_int64(st, 6);
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_field(err, WB_EINVAL, "contact_point", "Kies een "
		    "contactpunt dat nu geldt.");
	wb_stmt_release(st);
	return rc;
}

/* The active consent of the client for `org` and `purpose` that names
 * identity, or 0. */
static int
covering_consent(struct wb_db *db, int64_t client_id, int64_t org,
    enum wb_purpose purpose, int64_t *consent, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*consent = 0;
	rc = wb_db_prepare(db, Q_CONSENT_ACTIVE, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client_id);
	wb_stmt_bind_int64(st, 2, org);
	wb_stmt_bind_text(st, 3, wb_purpose_name(purpose));
	wb_stmt_bind_int64(st, 4, wb_today());
	while (*consent == 0 && (rc = wb_stmt_step(st, err)) == 1)
		if ((wb_stmt_int64(st, 1) & WB_CAT_IDENTITY) != 0)
			*consent = wb_stmt_int64(st, 0);
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

/* "re-integratie": the purpose's label in the middle of a sentence. */
static const char *
lower_label(enum wb_purpose p, char out[64])
{
	snprintf(out, 64, "%s", wb_purpose_label(p));
	if (out[0] >= 'A' && out[0] <= 'Z')
		out[0] = (char)(out[0] + 32);
	return out;
}

int
wb_referral_send(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_referral_input *in, int64_t *id, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "referral.send",
	    .client_id = in->client_id, .want = WB_CAT_IDENTITY,
	    .write = true, .object_type = "referral" };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	enum wb_purpose		 purpose = wb_purpose_parse(in->purpose);
	struct cp		 cp;
	int64_t			 consent = 0;
	char			 idbuf[24], what[64];
	int			 rc;

	*id = 0;
	if (purpose == WB_PURPOSE_NONE || purpose == WB_PURPOSE_MONITORING)
		return wb_err_field(err, WB_EINVAL, "purpose", "Kies het doel "
		    "van de verwijzing: behandeling, re-integratie of "
		    "casuïstiekoverleg.");
	if (in->question == NULL || in->question[0] == '\0' ||
	    !wb_utf8_valid(in->question, strlen(in->question), true) ||
	    wb_utf8_len(in->question, strlen(in->question)) >
	    WB_REFERRAL_QUESTION_MAX)
		return wb_err_field(err, WB_EINVAL, "question", "Schrijf uw "
		    "vraag aan het contactpunt (hoogstens 2000 tekens).");
	rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = current_cp(db, in->contact_point_id, &cp, err);
	if (rc == 0 && cp.org_id == actor->org_id)
		rc = wb_err_field(err, WB_EINVAL, "contact_point", "Verwijs "
		    "naar een andere organisatie dan uw eigen.");
	if (rc == 0)
		rc = covering_consent(db, in->client_id, cp.org_id, purpose,
		    &consent, err);
	if (rc == 0 && consent == 0)
		return wb_client_refuse(db, actor, &op, &d, wb_err_field(err,
		    WB_EINVAL, "contact_point", "De cliënt heeft nog geen "
		    "toestemming gegeven aan %s voor %s, met "
		    "persoonsgegevens. Leg die toestemming eerst vast; dan kunt "
		    "u verwijzen.", cp.org_name, lower_label(purpose, what)),
		    err);
	if (rc == 0)
		rc = wb_db_prepare(db, Q_REFERRAL_INSERT, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, in->client_id);
		wb_stmt_bind_int64(st, 2, actor->org_id);
		wb_stmt_bind_int64(st, 3, actor->user_id);
		wb_stmt_bind_int64(st, 4, cp.id);
		wb_stmt_bind_int64(st, 5, cp.org_id);
		wb_stmt_bind_text(st, 6, wb_purpose_name(purpose));
		wb_stmt_bind_text(st, 7, in->question);
		wb_stmt_bind_int64(st, 8, consent);
		wb_stmt_bind_int64(st, 9, wb_now());
		rc = wb_stmt_exec_int64(st, id, err);
		wb_stmt_release(st);
	}
	if (rc == 0) {
		struct wb_client_decision g = d;

		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*id);
		op.object_id = idbuf;
		g.consent_id = consent;
		g.purpose = purpose;	/* the referral's, under that consent */
		rc = wb_client_audit(db, actor, &op, &g, false, true, err);
	}
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0) {
		wb_db_rollback(db);
		*id = 0;
	}
	return rc;
}

/* An answer by the contact point (accept/decline) or the sender
 * (withdraw), on an open referral.  `who` decides who may:
 * 'c' the contact point's person or deputy, 's' the sending organisation's
 * team members. */
static int
answer(struct wb_db *db, const struct wb_actor *actor, int64_t id, char who,
    const char *event, const char *status, int64_t assigned,
    const char *function, const char *text, struct wb_err *err)
{
	struct wb_audit_event	 ev = { .event = event,
	    .object_type = "referral" };
	struct wb_referral	 r = { 0 };
	struct wb_stmt		*st = NULL;
	struct wb_arena		 a;
	struct wb_user		 u;
	char			 idbuf[24];
	bool			 ok = false, member = false;
	int64_t			 mid;
	int			 rc;

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)id);
	ev.object_id = idbuf;
	wb_arena_init(&a);
	rc = wb_db_begin_write(db, err);
	if (rc == 0)
		rc = load(db, actor, id, &a, &r, err);
	if (rc == 0) {
		ev.client_id = r.client_id;
		ev.consent_id = r.consent_id;
		ev.purpose = wb_purpose_name(r.purpose);
		if (actor->role != WB_ROLE_PROFESSIONAL)
			ok = false;
		else if (who == 'c')
			ok = r.for_me;
		else
			ok = actor->org_id == r.from_org &&
			    wb_team_is_member_tx(db, r.client_id,
			    actor->user_id, &member, err) == 0 && member;
	}
	if (rc == 0 && !ok) {
		wb_db_rollback(db);
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		wb_arena_free(&a);
		return rc != 0 ? rc : wb_err_set(err, WB_EDENIED,
		    "not the contact point or the sender");
	}
	if (rc == 0 && strcmp(r.status, "verzonden") != 0)
		rc = wb_err_set(err, WB_EINVAL, "Deze verwijzing is al "
		    "afgehandeld.");
	if (rc == 0 && assigned != 0) {
		/* Taking the client on needs the consent still in force. */
		int64_t c = 0;

		rc = covering_consent(db, r.client_id, r.to_org, r.purpose, &c,
		    err);
		if (rc == 0 && c == 0)
			rc = wb_err_set(err, WB_EINVAL, "De toestemming voor "
			    "deze verwijzing is verlopen of ingetrokken. U kunt "
			    "de verwijzing alleen nog afwijzen.");
	}
	if (rc == 0 && assigned != 0) {
		/* The colleague who takes the client on joins the team. */
		rc = wb_user_load(db, assigned, &a, &u, err);
		if (rc == WB_ENOTFOUND || (rc == 0 && (!u.active ||
		    u.role != WB_ROLE_PROFESSIONAL || u.org_id != r.to_org)))
			rc = wb_err_field(err, WB_EINVAL, "assigned", "Kies een "
			    "collega van uw eigen organisatie.");
		if (rc == 0)
			rc = wb_team_is_member_tx(db, r.client_id, assigned,
			    &member, err);
		if (rc == 0 && !member)
			rc = wb_team_insert_tx(db, r.client_id, assigned,
			    r.to_org, function, actor->user_id, &mid, err);
	}
	if (rc == 0)
		rc = wb_db_prepare(db, Q_REFERRAL_ANSWER, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, id);
		wb_stmt_bind_text(st, 2, status);
		if (assigned != 0)
			wb_stmt_bind_int64(st, 3, assigned);
		else
			wb_stmt_bind_null(st, 3);
		wb_stmt_bind_opt(st, 4, text);
		wb_stmt_bind_int64(st, 5, actor->user_id);
		wb_stmt_bind_int64(st, 6, wb_now());
		rc = wb_stmt_exec(st, err);
		wb_stmt_release(st);
	}
	if (rc == 0)
		rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0)
		wb_db_rollback(db);
	wb_arena_free(&a);
	return rc;
}

int
wb_referral_accept(struct wb_db *db, const struct wb_actor *actor, int64_t id,
    int64_t assigned_user, const char *function, struct wb_err *err)
{
	size_t	i;
	bool	known = false;

	for (i = 0; function != NULL && wb_card_functions[i] != NULL; i++)
		known |= strcmp(wb_card_functions[i], function) == 0;
	if (!known)
		return wb_err_field(err, WB_EINVAL, "function", "Kies de "
		    "functie van de collega voor deze cliënt.");
	if (assigned_user <= 0)
		return wb_err_field(err, WB_EINVAL, "assigned", "Kies een "
		    "collega van uw eigen organisatie.");
	return answer(db, actor, id, 'c', "referral.accept", "geaccepteerd",
	    assigned_user, function, NULL, err);
}

int
wb_referral_decline(struct wb_db *db, const struct wb_actor *actor,
    int64_t id, const char *reason, struct wb_err *err)
{
	if (reason == NULL || reason[0] == '\0' ||
	    !wb_utf8_valid(reason, strlen(reason), true) ||
	    wb_utf8_len(reason, strlen(reason)) > 500)
		return wb_err_field(err, WB_EINVAL, "reason", "Schrijf waarom u "
		    "de verwijzing afwijst (hoogstens 500 tekens).");
	return answer(db, actor, id, 'c', "referral.decline", "afgewezen", 0,
	    NULL, reason, err);
}

int
wb_referral_withdraw(struct wb_db *db, const struct wb_actor *actor,
    int64_t id, struct wb_err *err)
{
	return answer(db, actor, id, 's', "referral.withdraw", "ingetrokken",
	    0, NULL, NULL, err);
}

int
wb_referral_withdraw_consent_tx(struct wb_db *db,
    const struct wb_actor *actor, int64_t consent_id, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_REFERRAL_WITHDRAW_CONSENT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, consent_id);
	wb_stmt_bind_int64(st, 2, wb_now());
	wb_stmt_bind_text(st, 3, "Toestemming ingetrokken");
	if (actor->user_id != 0)
		wb_stmt_bind_int64(st, 4, actor->user_id);
	else
		wb_stmt_bind_null(st, 4);
	rc = wb_stmt_exec(st, err);
	wb_stmt_release(st);
	return rc;
}

static int
list(struct wb_db *db, const struct wb_actor *actor, enum wb_query q,
    int64_t key, int64_t key2, struct wb_arena *a, struct wb_referral **out,
    size_t *n, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	rc = wb_db_prepare(db, q, &st, err);
	if (rc != 0)
		return rc;
	/* The keys, then today (REFERRAL_JOINS_AT). */
	wb_stmt_bind_int64(st, 1, key);
	if (key2 != 0)
		wb_stmt_bind_int64(st, 2, key2);
	wb_stmt_bind_int64(st, key2 != 0 ? 3 : 2, wb_today());
	while ((rc = wb_stmt_step(st, err)) == 1)
		row_referral(st, actor, a, WB_ARENA_PUSH(a, *out, *n, cap));
	wb_stmt_release(st);
	return rc;
}

int
wb_referral_list_client(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, struct wb_arena *a, struct wb_referral **out,
    size_t *n, struct wb_err *err)
{
	struct wb_client_op	op = { .event = "referral.read",
	    .client_id = client_id, .want = WB_CAT_IDENTITY,
	    .object_type = "referral" };
	struct wb_client_decision d;
	size_t			i;
	int			rc;

	*out = NULL;
	*n = 0;
	rc = wb_client_begin_read(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = list(db, actor, Q_REFERRAL_BY_CLIENT, client_id, 0, a, out, n,
	    err);
	/* The question and the answer are free text between the sending
	 * and the receiving organisation (they may hold health facts); the
	 * rest of the team sees that a referral exists, not what it says. */
	for (i = 0; rc == 0 && i < *n; i++)
		if (actor->role != WB_ROLE_CLIENT &&
		    actor->org_id != (*out)[i].from_org &&
		    actor->org_id != (*out)[i].to_org) {
			(*out)[i].question = NULL;
			(*out)[i].answer = NULL;
		}
	rc = wb_client_finish_read(db, actor, &op, &d, rc, err);
	if (rc != 0)
		*n = 0;
	return rc;
}

/* The client's name for a row, only where the policy allows identity. */
static int
name_rows(struct wb_db *db, const struct wb_actor *actor, struct wb_arena *a,
    struct wb_referral *r, size_t n, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "referral.inbox",
	    .want = WB_CAT_IDENTITY, .referral = true };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; rc == 0 && i < n; i++) {
		op.client_id = r[i].client_id;
		rc = wb_client_decide(db, actor, &op, &d, err);
		if (rc == WB_EDENIED || rc == WB_ENOTFOUND) {
			/* No identity, no question: it is free text about the
			 * client (a revoked consent, a later contact person). */
			r[i].question = NULL;
			r[i].answer = NULL;
			wb_err_clear(err);
			rc = 0;
			continue;
		}
		if (rc == 0)
			rc = wb_db_prepare(db, Q_CLIENT_PORTAL, &st, err);
		if (rc == 0) {
			wb_stmt_bind_int64(st, 1, r[i].client_id);
			rc = wb_stmt_step(st, err);
			if (rc == 1)
				r[i].client_name = wb_arena_strdup(a,
				    wb_stmt_text(st, 1));
			rc = rc < 0 ? rc : 0;
			wb_stmt_release(st);
		}
	}
	return rc;
}

/* Each client whose name a list shows is a read of their identity. */
static int
audit_names(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_referral *r, size_t n, struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = "referral.inbox",
	    .object_type = "referral", .detail = "identity" };
	char			idbuf[24];
	size_t			i;
	int			rc = 0;

	for (i = 0; rc == 0 && i < n; i++) {
		if (r[i].client_name == NULL)
			continue;
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)r[i].id);
		ev.object_id = idbuf;
		ev.client_id = r[i].client_id;
		ev.consent_id = r[i].for_me ? r[i].consent_id : 0;
		rc = wb_audit_log(db, actor, &ev, err);
	}
	return rc;
}

int
wb_referral_inbox(struct wb_db *db, const struct wb_actor *actor,
    struct wb_arena *a, struct wb_referral **in, size_t *nin,
    struct wb_referral **sent, size_t *nsent, struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = "referral.inbox",
	    .object_type = "referral" };
	int			rc;

	*in = *sent = NULL;
	*nin = *nsent = 0;
	if (actor->role != WB_ROLE_PROFESSIONAL) {
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc != 0 ? rc : wb_err_set(err, WB_EDENIED,
		    "professionals only");
	}
	rc = wb_db_begin_read(db, err);
	if (rc == 0)
		rc = list(db, actor, Q_REFERRAL_INBOX, actor->user_id,
		    actor->org_id, a, in, nin, err);
	if (rc == 0)
		rc = list(db, actor, Q_REFERRAL_SENT, actor->user_id, 0, a, sent,
		    nsent, err);
	if (rc == 0)
		rc = name_rows(db, actor, a, *in, *nin, err);
	if (rc == 0)
		rc = name_rows(db, actor, a, *sent, *nsent, err);
	wb_db_rollback(db);
	if (rc == 0)
		rc = audit_names(db, actor, *in, *nin, err);
	if (rc == 0)
		rc = audit_names(db, actor, *sent, *nsent, err);
	if (rc == 0)
		rc = wb_audit_log(db, actor, &ev, err);
	if (rc != 0) {
		*nin = *nsent = 0;
		return rc;
	}
	return 0;
}
