/* client_access.c - facts for the client policy, and its audit events. */
#include "domain/client_access.h"
#include "domain/audit.h"
#include "base/time.h"

/* The organisation type as static text (the column text does not outlive
 * the statement). */
static const char *
org_type(const char *s)
{
	static const char *const types[] = { "ggz", "uwv", "gemeente",
	    "werkgever", "zorgverzekeraar", "reintegratie",
	    "clientenorganisatie", "overig" };
	size_t	i;

	for (i = 0; i < WB_NELEM(types); i++)
		if (strcmp(types[i], s) == 0)
			return types[i];
	return NULL;
}

static int
load_consents(struct wb_db *db, int64_t client_id, int64_t org_id,
    enum wb_purpose purpose, struct wb_client_facts *f, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	size_t		 i;
	int		 rc;

	rc = wb_db_prepare(db, Q_CONSENT_ACTIVE, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client_id);
	wb_stmt_bind_int64(st, 2, org_id);
	wb_stmt_bind_text(st, 3, wb_purpose_name(purpose));
	wb_stmt_bind_int64(st, 4, wb_today());
	while ((rc = wb_stmt_step(st, err)) == 1) {
		int64_t id = wb_stmt_int64(st, 0);
		int64_t cats = wb_stmt_int64(st, 1);

		for (i = 0; i < WB_NCATS; i++)
			if ((cats & (1 << i)) != 0 && f->consent[i] == 0)
				f->consent[i] = id;
	}
	wb_stmt_release(st);
	return rc;
}

/* Is the actor the person or deputy of a contact point this client is
 * referred to (pending)?  The referral's consent, if so. */
static int
load_referral(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, struct wb_client_facts *f, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_REFERRAL_PENDING_FOR, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client_id);
	wb_stmt_bind_int64(st, 2, actor->user_id);
	wb_stmt_bind_int64(st, 3, actor->org_id);
	wb_stmt_bind_int64(st, 4, wb_today());
	rc = wb_stmt_step(st, err);
	if (rc == 1)
		f->referral_consent = wb_stmt_int64(st, 0);
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

/* The client's registration, the actor's team membership and, for a
 * professional, the active consents of their organisation. */
static int
load_facts(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, enum wb_purpose *purpose,
    struct wb_client_facts *f, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*f = (struct wb_client_facts){ .client_id = op->client_id };
	rc = wb_db_prepare(db, Q_CLIENT_FACTS, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, op->client_id);
	wb_stmt_bind_int64(st, 2, actor->user_id);
	wb_stmt_bind_int64(st, 3, actor->org_id);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		f->registered_org = wb_stmt_int64(st, 0);
		f->erased = wb_stmt_int64(st, 1) != 0;
		f->actor_org_type = wb_stmt_isnull(st, 2) ? NULL :
		    org_type(wb_stmt_text(st, 2));
		f->on_team = wb_stmt_int64(st, 3) != 0;
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such client");
	wb_stmt_release(st);
	if (rc != 0)
		return rc;
	if (f->erased)
		return wb_err_set(err, WB_ENOTFOUND, "client erased");
	/* A client looking at their own record has no purpose to state. */
	*purpose = actor->role == WB_ROLE_CLIENT ? WB_PURPOSE_NONE :
	    op->purpose != WB_PURPOSE_NONE ? op->purpose :
	    wb_access_own_purpose(f->actor_org_type);
	if (actor->role != WB_ROLE_PROFESSIONAL)
		return 0;
	if (!f->on_team)
		return op->referral ? load_referral(db, actor, op->client_id, f,
		    err) : 0;
	return load_consents(db, op->client_id, actor->org_id, *purpose, f,
	    err);
}

int
wb_client_decide(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, struct wb_client_decision *d,
    struct wb_err *err)
{
	struct wb_client_facts	f;
	enum wb_purpose		purpose = op->purpose;
	int			rc;

	*d = (struct wb_client_decision){ .purpose = purpose };
	rc = load_facts(db, actor, op, &purpose, &f, err);
	if (rc != 0)
		return rc;
	rc = wb_access_client(actor, &f, op->want, op->write, purpose, d);
	if (rc != 0)
		return wb_err_set(err, WB_EDENIED, "client data not allowed");
	return 0;
}

/* "identity,plan consent=12,14": what was granted and on which consents. */
static void
detail(const struct wb_client_decision *d, unsigned cats, char *out,
    size_t n)
{
	size_t	i, len = 0;

	out[0] = '\0';
	for (i = 0; i < WB_NCATS && len < n; i++)
		if ((cats & (1u << i)) != 0)
			len += (size_t)snprintf(out + len, n - len, "%s%s",
			    len > 0 ? "," : "", wb_category_name(1u << i));
	if (d->own && len < n)
		len += (size_t)snprintf(out + len, n - len, " own");
	if (d->consent_id != 0 && len < n)
		(void)snprintf(out + len, n - len, " consent");
}

int
wb_client_audit(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, const struct wb_client_decision *d,
    bool denied, bool in_tx, struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = op->event, .denied = denied,
	    .client_id = op->client_id };
	char			idbuf[24], det[96];
	enum wb_purpose		p = d->purpose;

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)op->client_id);
	ev.object_type = op->object_type != NULL ? op->object_type : "client";
	ev.object_id = op->object_id != NULL ? op->object_id : idbuf;
	ev.purpose = p != WB_PURPOSE_NONE ? wb_purpose_name(p) : NULL;
	ev.consent_id = denied ? 0 : d->consent_id;
	detail(d, denied ? op->want : d->allowed, det, sizeof(det));
	ev.detail = det;
	return in_tx ? wb_audit_write(db, actor, &ev, err) :
	    wb_audit_log(db, actor, &ev, err);
}

/* Roll back; a refusal (or an unknown client) is logged durably. */
static int
refuse(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, const struct wb_client_decision *d,
    int rc, struct wb_err *err)
{
	if (rc != WB_EDENIED && rc != WB_ENOTFOUND) {
		wb_db_rollback(db);
		return rc;
	}
	return wb_client_refuse(db, actor, op, d, rc, err);
}

int
wb_client_begin_write(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, struct wb_client_decision *d,
    struct wb_err *err)
{
	int	rc;

	*d = (struct wb_client_decision){ 0 };
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		return rc;
	rc = wb_client_decide(db, actor, op, d, err);
	return rc == 0 ? 0 : refuse(db, actor, op, d, rc, err);
}

int
wb_client_begin_read(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, struct wb_client_decision *d,
    struct wb_err *err)
{
	int	rc;

	*d = (struct wb_client_decision){ 0 };
	rc = wb_db_begin_read(db, err);
	if (rc != 0)
		return rc;
	rc = wb_client_decide(db, actor, op, d, err);
	if (rc == WB_EDENIED && op->partial && d->allowed != 0) {
		wb_err_clear(err);
		rc = 0;
	}
	return rc == 0 ? 0 : refuse(db, actor, op, d, rc, err);
}

int
wb_client_end_read(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, const struct wb_client_decision *d,
    struct wb_err *err)
{
	int	rc;

	rc = wb_db_commit(db, err);
	if (rc != 0) {
		wb_db_rollback(db);
		return rc;
	}
	return wb_client_audit(db, actor, op, d, false, false, err);
}

int
wb_client_finish_read(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, const struct wb_client_decision *d,
    int rc, struct wb_err *err)
{
	if (rc != 0) {
		wb_db_rollback(db);
		return rc;
	}
	return wb_client_end_read(db, actor, op, d, err);
}

int
wb_client_finish_write(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, const struct wb_client_decision *d,
    int rc, struct wb_err *err)
{
	if (rc == 0)
		rc = wb_client_audit(db, actor, op, d, false, true, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0)
		wb_db_rollback(db);
	return rc;
}

int
wb_client_org_consented(struct wb_db *db, int64_t client_id, int64_t org_id,
    bool *yes, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int64_t		 n = 0;
	int		 rc;

	rc = wb_db_prepare(db, Q_CONSENT_ANY_ACTIVE, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		wb_stmt_bind_int64(st, 2, org_id);
		wb_stmt_bind_int64(st, 3, wb_today());
		rc = wb_stmt_exec_int64(st, &n, err);
	}
	wb_stmt_release(st);
	*yes = n > 0;
	return rc;
}

int
wb_client_registered_org(struct wb_db *db, int64_t client_id,
    int64_t *org_id, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*org_id = 0;
	rc = wb_db_prepare(db, Q_CLIENT_FACTS, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client_id);
	wb_stmt_bind_int64(st, 2, 0);
	wb_stmt_bind_int64(st, 3, 0);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		*org_id = wb_stmt_int64(st, 0);
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such client");
	wb_stmt_release(st);
	return rc;
}

int
wb_client_refuse(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, const struct wb_client_decision *d,
    int rc, struct wb_err *err)
{
	struct wb_err	aerr;
	int		arc;

	wb_db_rollback(db);
	arc = wb_client_audit(db, actor, op, d, true, false, &aerr);
	if (arc != 0) {
		*err = aerr;
		return arc;
	}
	return rc;
}

int
wb_client_fail(struct wb_db *db, struct wb_err *err, int code,
    const char *field, const char *msg)
{
	wb_db_rollback(db);
	if (field != NULL)
		return wb_err_field(err, code, field, "%s", msg);
	return wb_err_set(err, code, "%s", msg);
}
