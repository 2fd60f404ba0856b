/* consent.h - the client's consent: the centre of the access policy.
 *
 * A consent lets one organisation use some categories of a client's data
 * for one purpose during a period.  It records who recorded it, how
 * (schriftelijk, mondeling, online by the client), an evidence reference
 * and when.  Revoking takes effect at once (the next decision no longer
 * finds it); rows are never deleted, so the history stays.
 *
 * Who may record one: the client themself (online), or a professional on
 * the team who holds every category being granted - you can only pass on
 * what your organisation holds, so a UWV professional cannot grant UWV
 * the health category; only the GGZ that holds it, or the client, can.
 */
#ifndef WB_CONSENT_H
#define WB_CONSENT_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/access.h"
#include "domain/actor.h"
#include "store/db.h"

#define WB_CONSENT_MAX_DAYS	(5 * 366)	/* longest period */

struct wb_consent {
	int64_t		 id, client_id, org_id;
	enum wb_purpose	 purpose;
	unsigned	 categories;		/* WB_CAT_* */
	int64_t		 valid_from, valid_until;	/* days, inclusive */
	const char	*method;	/* schriftelijk, mondeling, online */
	const char	*evidence;
	int64_t		 recorded_by, recorded_at;
	int64_t		 revoked_at, revoked_by;
	const char	*revoke_reason;
	const char	*org_name, *recorded_by_name, *revoked_by_name;
	bool		 active;	/* valid today and not revoked */
};

/* Form input, as typed. */
struct wb_consent_input {
	int64_t		 client_id;
	int64_t		 org_id;
	const char	*purpose;
	unsigned	 categories;
	const char	*valid_from, *valid_until;	/* dates as typed */
	const char	*method;
	const char	*evidence;
};

extern const char *const wb_consent_methods[];
const char	*wb_consent_method_label(const char *code);

/* Record a consent; *id the new one.  Audited consent.grant with the new
 * consent's id. */
int	wb_consent_grant(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_consent_input *in, int64_t *id, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Revoke at once: the client; a professional (identity access) for
 * their own organisation's consent, or of the registering organisation.
 * Audited consent.revoke. */
int	wb_consent_revoke(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, int64_t consent_id, const char *reason,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Every consent of a client, newest first, active ones flagged
 * (identity category, or the client); another organisation than the
 * registering one sees only its own.  Audited consent.read. */
int	wb_consent_list(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, struct wb_arena *a, struct wb_consent **out,
	    size_t *n, struct wb_err *err) WB_WARN_UNUSED;

/* The client of consent `consent_id` (WB_ENOTFOUND when there is none),
 * for callers that know only the consent (the API's revoke), which then
 * call wb_consent_revoke to decide and audit.  Not audited and no access
 * check: it tells nothing the revoke's answer does not. */
int	wb_consent_client(struct wb_db *db, int64_t consent_id,
	    int64_t *client_id, struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_CONSENT_H */
