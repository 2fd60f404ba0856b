/* consent.c - the client's consent. */
#include "domain/consent.h"
#include "domain/audit.h"
#include "domain/client_access.h"
#include "domain/referral.h"
#include "base/str.h"
#include "base/time.h"

const char *const wb_consent_methods[] = { "schriftelijk", "mondeling",
    "online", NULL };
static const char *const method_labels[] = {
    "Schriftelijk (getekend formulier)", "Mondeling",
    "Online door de cliënt" };

const char *
wb_consent_method_label(const char *code)
{
	size_t	i;

	for (i = 0; code != NULL && wb_consent_methods[i] != NULL; i++)
		if (strcmp(wb_consent_methods[i], code) == 0)
			return method_labels[i];
	return code != NULL ? code : "";
}

static bool
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* Form checks that need no database; *from and *until get the days. */
static int
validate(const struct wb_actor *actor, const struct wb_consent_input *in,
    enum wb_purpose *purpose, int64_t *from, int64_t *until,
    struct wb_err *err)
{
	bool	online;

	*purpose = wb_purpose_parse(in->purpose);
	if (in->org_id <= 0)
		return wb_err_field(err, WB_EINVAL, "org", "Kies de organisatie "
		    "die toestemming krijgt.");
	if (*purpose == WB_PURPOSE_NONE)
		return wb_err_field(err, WB_EINVAL, "purpose",
		    "Kies het doel van de toestemming.");
	if ((in->categories & WB_CAT_ALL) == 0 ||
	    (in->categories & ~(unsigned)WB_CAT_ALL) != 0)
		return wb_err_field(err, WB_EINVAL, "categories", "Kies welke "
		    "gegevens de organisatie mag gebruiken.");
	if (empty(in->valid_from) || wb_date_parse(in->valid_from,
	    strlen(in->valid_from), from) != 0)
		return wb_err_field(err, WB_EINVAL, "valid_from",
		    "Vul de begindatum in als dd-mm-jjjj.");
	if (empty(in->valid_until) || wb_date_parse(in->valid_until,
	    strlen(in->valid_until), until) != 0)
		return wb_err_field(err, WB_EINVAL, "valid_until",
		    "Vul de einddatum in als dd-mm-jjjj.");
	if (*from < wb_today() - 31)
		return wb_err_field(err, WB_EINVAL, "valid_from", "De "
		    "begindatum ligt te ver terug (hoogstens een maand).");
	if (*until < *from || *until < wb_today())
		return wb_err_field(err, WB_EINVAL, "valid_until", "De "
		    "einddatum ligt vóór de begindatum of in het verleden.");
	if (*until - *from > WB_CONSENT_MAX_DAYS)
		return wb_err_field(err, WB_EINVAL, "valid_until", "Een "
		    "toestemming geldt hoogstens vijf jaar.");
	online = actor->role == WB_ROLE_CLIENT;
	if (online != (in->method != NULL &&
	    strcmp(in->method, "online") == 0) ||
	    (!online && in->method != NULL &&
	    strcmp(in->method, "schriftelijk") != 0 &&
	    strcmp(in->method, "mondeling") != 0))
		return wb_err_field(err, WB_EINVAL, "method", online ?
		    "Kies hoe u toestemming geeft." : "Kies hoe de cliënt "
		    "toestemming gaf: schriftelijk of mondeling.");
	if (!online && in->method == NULL)
		return wb_err_field(err, WB_EINVAL, "method", "Kies hoe de "
		    "cliënt toestemming gaf: schriftelijk of mondeling.");
	if (!empty(in->evidence) && (!wb_utf8_valid(in->evidence,
	    strlen(in->evidence), false) ||
	    wb_utf8_len(in->evidence, strlen(in->evidence)) > 200))
		return wb_err_field(err, WB_EINVAL, "evidence", "De verwijzing "
		    "mag hoogstens 200 tekens hebben.");
	if (!online && strcmp(in->method, "schriftelijk") == 0 &&
	    empty(in->evidence))
		return wb_err_field(err, WB_EINVAL, "evidence", "Vul in waar "
		    "het getekende formulier staat (bijvoorbeeld het "
		    "documentnummer in uw dossier).");
	return 0;
}

/* The receiving organisation must exist, be active and work with
 * clients. */
static int
check_org(struct wb_db *db, int64_t org_id, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	bool		 ok = false;
	int		 rc;

	rc = wb_db_prepare(db, Q_ORG_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, org_id);
	rc = wb_stmt_step(st, err);
	if (rc == 1)
		ok = wb_access_may_register(wb_stmt_text(st, 3)) &&
		    wb_stmt_int64(st, 10) != 0;
	wb_stmt_release(st);
	if (rc < 0)
		return rc;
	return ok ? 0 : wb_err_field(err, WB_EINVAL, "org", "Kies een "
	    "actieve organisatie van GGZ, UWV, gemeente of "
	    "re-integratiebedrijf.");
}

int
wb_consent_grant(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_consent_input *in, int64_t *id, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "consent.grant",
	    .client_id = in->client_id, .write = true,
	    .object_type = "consent" };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	enum wb_purpose		 purpose;
	int64_t			 from, until;
	char			 idbuf[24];
	int			 rc;

	*id = 0;
	rc = validate(actor, in, &purpose, &from, &until, err);
	if (rc != 0)
		return rc;
	/* You can only pass on what your organisation holds: the recorder
	 * needs every category granted, for their own purpose. */
	op.want = (in->categories & WB_CAT_ALL) | WB_CAT_IDENTITY;
	rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc == WB_EDENIED && actor->role == WB_ROLE_PROFESSIONAL)
		return wb_err_set(err, WB_EDENIED, "U kunt alleen toestemming "
		    "vastleggen voor gegevens die uw organisatie zelf mag "
		    "inzien. Vraag de cliënt of de organisatie die deze "
		    "gegevens heeft.");
	if (rc != 0)
		return rc;
	rc = check_org(db, in->org_id, err);
	if (rc == 0 && actor->role == WB_ROLE_PROFESSIONAL &&
	    in->org_id == actor->org_id) {
		/* Nobody widens or extends their own organisation's access;
		 * the client or the registering organisation does. */
		int64_t registered;

		rc = wb_client_registered_org(db, in->client_id, &registered,
		    err);
		if (rc == 0 && registered != actor->org_id)
			return wb_client_refuse(db, actor, &op, &d,
			    wb_err_field(err, WB_EINVAL, "org", "U kunt geen "
			    "toestemming vastleggen voor uw eigen organisatie. "
			    "Dat doet de cliënt zelf, of de organisatie die de "
			    "cliënt heeft aangemeld."), err);
	}
	if (rc == 0)
		rc = wb_db_prepare(db, Q_CONSENT_INSERT, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, in->client_id);
		wb_stmt_bind_int64(st, 2, in->org_id);
		wb_stmt_bind_text(st, 3, wb_purpose_name(purpose));
		wb_stmt_bind_int64(st, 4, in->categories & WB_CAT_ALL);
		wb_stmt_bind_int64(st, 5, from);
		wb_stmt_bind_int64(st, 6, until);
		wb_stmt_bind_text(st, 7, actor->role == WB_ROLE_CLIENT ?
		    "online" : in->method);
		wb_stmt_bind_opt(st, 8, in->evidence);
		if (actor->user_id != 0)
			wb_stmt_bind_int64(st, 9, actor->user_id);
		else
			wb_stmt_bind_null(st, 9);
		wb_stmt_bind_int64(st, 10, wb_now());
		rc = wb_stmt_exec_int64(st, id, err);
		wb_stmt_release(st);
	}
	if (rc == 0) {
		/* The event names the new consent and what it grants. */
		struct wb_client_decision g = d;

		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*id);
		op.object_id = idbuf;
		g.consent_id = *id;
		g.allowed = in->categories & WB_CAT_ALL;
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

int
wb_consent_revoke(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, int64_t consent_id, const char *reason,
    struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "consent.revoke",
	    .client_id = client_id, .want = WB_CAT_IDENTITY, .write = true,
	    .object_type = "consent" };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	char			 idbuf[24];
	int64_t			 holder = 0, registered = 0;
	int			 rc;

	if (!empty(reason) && (!wb_utf8_valid(reason, strlen(reason), true) ||
	    wb_utf8_len(reason, strlen(reason)) > 300))
		return wb_err_field(err, WB_EINVAL, "reason",
		    "De reden mag hoogstens 300 tekens hebben.");
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)consent_id);
	op.object_id = idbuf;
	rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_CONSENT_GET, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, consent_id);
		wb_stmt_bind_int64(st, 2, client_id);
		rc = wb_stmt_step(st, err);
		if (rc == 1) {
			holder = wb_stmt_int64(st, 1);
			rc = wb_stmt_isnull(st, 2) ? 0 : wb_err_set(err,
			    WB_EINVAL, "Deze toestemming is al ingetrokken.");
		} else if (rc == 0)
			rc = wb_err_set(err, WB_ENOTFOUND, "no such consent");
		wb_stmt_release(st);
	}
	/* The client revokes any; a professional for their own
	 * organisation's consent (giving up its access), or the registering
	 * organisation recording the client's revocation. */
	if (rc == 0 && actor->role != WB_ROLE_CLIENT &&
	    holder != actor->org_id)
		rc = wb_client_registered_org(db, client_id, &registered, err);
	if (rc == 0 && actor->role != WB_ROLE_CLIENT &&
	    holder != actor->org_id && registered != actor->org_id)
		return wb_client_refuse(db, actor, &op, &d, wb_err_set(err,
		    WB_EDENIED, "another organisation's consent"), err);
	if (rc == 0)
		rc = wb_db_prepare(db, Q_CONSENT_REVOKE, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, consent_id);
		wb_stmt_bind_int64(st, 2, wb_now());
		if (actor->user_id != 0)
			wb_stmt_bind_int64(st, 3, actor->user_id);
		else
			wb_stmt_bind_null(st, 3);
		wb_stmt_bind_opt(st, 4, reason);
		rc = wb_stmt_exec(st, err);
		wb_stmt_release(st);
	}
	/* Open referrals sent under it go with it. */
	if (rc == 0)
		rc = wb_referral_withdraw_consent_tx(db, actor, consent_id, err);
	if (rc == 0) {
		struct wb_client_decision g = d;

		g.consent_id = consent_id;
		rc = wb_client_audit(db, actor, &op, &g, false, true, err);
	}
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0)
		wb_db_rollback(db);
	return rc;
}

int
wb_consent_list(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, struct wb_arena *a, struct wb_consent **out,
    size_t *n, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "consent.read",
	    .client_id = client_id, .want = WB_CAT_IDENTITY };
	struct wb_client_decision d;
	struct wb_consent	*c = NULL;
	struct wb_stmt		*st = NULL;
	size_t			 cap = 0;
	int64_t			 today = wb_today(), registered = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	rc = wb_client_begin_read(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	/* Another organisation on the team sees its own consents only:
	 * what the client gave a third party (health, say) is not its
	 * business.  The client and the registering organisation see all. */
	if (actor->role != WB_ROLE_CLIENT)
		rc = wb_client_registered_org(db, client_id, &registered, err);
	if (rc == 0)
		rc = wb_db_prepare(db, Q_CONSENT_LIST, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		while ((rc = wb_stmt_step(st, err)) == 1) {
			struct wb_consent *k;

			if (actor->role != WB_ROLE_CLIENT &&
			    registered != actor->org_id &&
			    wb_stmt_int64(st, 2) != actor->org_id)
				continue;
			k = WB_ARENA_PUSH(a, c, *n, cap);

			k->id = wb_stmt_int64(st, 0);
			k->client_id = wb_stmt_int64(st, 1);
			k->org_id = wb_stmt_int64(st, 2);
			k->purpose = wb_purpose_parse(wb_stmt_text(st, 3));
			k->categories = (unsigned)wb_stmt_int64(st, 4);
			k->valid_from = wb_stmt_int64(st, 5);
			k->valid_until = wb_stmt_int64(st, 6);
			k->method = wb_arena_strdup(a, wb_stmt_text(st, 7));
			k->evidence = wb_stmt_isnull(st, 8) ? NULL :
			    wb_arena_strdup(a, wb_stmt_text(st, 8));
			k->recorded_by = wb_stmt_int64(st, 9);
			k->recorded_at = wb_stmt_int64(st, 10);
			k->revoked_at = wb_stmt_int64(st, 11);
			k->revoked_by = wb_stmt_int64(st, 12);
			k->revoke_reason = wb_stmt_isnull(st, 13) ? NULL :
			    wb_arena_strdup(a, wb_stmt_text(st, 13));
			k->org_name = wb_arena_strdup(a, wb_stmt_text(st, 14));
			k->recorded_by_name = wb_arena_strdup(a,
			    wb_stmt_text(st, 15));
			k->revoked_by_name = wb_arena_strdup(a,
			    wb_stmt_text(st, 16));
			k->active = k->revoked_at == 0 &&
			    k->valid_from <= today && k->valid_until >= today;
		}
		wb_stmt_release(st);
	}
	rc = wb_client_finish_read(db, actor, &op, &d, rc, err);
	if (rc != 0) {
		*n = 0;
		return rc;
	}
	*out = c;
	return 0;
}

int
wb_consent_client(struct wb_db *db, int64_t consent_id, int64_t *client_id,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*client_id = 0;
	rc = wb_db_prepare(db, Q_CONSENT_CLIENT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, consent_id);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		*client_id = wb_stmt_int64(st, 0);
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such consent");
	wb_stmt_release(st);
	return rc;
}
