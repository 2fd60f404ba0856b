/* referral.h - warme overdracht: referring a client to another
 * organisation's fixed contact point.
 *
 * A professional on the client's team refers the client to a contact
 * point of the directory (current today, of another organisation), with a
 * purpose and a question.  The referral can only be sent under an active
 * consent of the client for the receiving organisation and that purpose
 * that names identity; otherwise it is refused with what is missing.
 * The contact point (its person or deputy) sees the referral in its inbox
 * (with the client's identity under that consent), accepts it and assigns
 * a colleague, who joins the care team, or declines with a reason; the
 * sender follows the status and may withdraw it while it is open.
 * Revoking the consent withdraws open referrals under it.  A referral
 * open for more than WB_REFERRAL_WORKDAYS working days is overdue.  Every
 * step is audited (referral.send, .accept, .decline, .withdraw, .read).
 */
#ifndef WB_REFERRAL_H
#define WB_REFERRAL_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/access.h"
#include "domain/actor.h"
#include "store/db.h"

#define WB_REFERRAL_WORKDAYS	5
#define WB_REFERRAL_QUESTION_MAX 2000	/* characters */

struct wb_referral {
	int64_t		 id, client_id;
	int64_t		 from_org, from_user, contact_point_id, to_org;
	const char	*from_org_name, *from_user_name, *to_org_name;
	const char	*region_code, *domain;
	enum wb_purpose	 purpose;
	const char	*question;
	int64_t		 consent_id;
	const char	*status;	/* verzonden, geaccepteerd, afgewezen,
					 * ingetrokken */
	int64_t		 assigned_user;
	const char	*assigned_name, *answer;
	int64_t		 answered_at, created_at;
	bool		 overdue;	/* open past the working days */
	bool		 for_me;	/* the viewer staffs its contact point */
	const char	*client_name;	/* inbox only; NULL: not allowed */
};

struct wb_referral_input {
	int64_t		 client_id;
	int64_t		 contact_point_id;
	const char	*purpose;
	const char	*question;
};

/* Dutch label of a status ("Verzonden"). */
const char	*wb_referral_status_label(const char *status);
/* Open for more than WB_REFERRAL_WORKDAYS working days on day `today`
 * (Monday to Friday count). */
bool		 wb_referral_overdue(int64_t created_at, int64_t today);

int	wb_referral_send(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_referral_input *in, int64_t *id,
	    struct wb_err *err) WB_WARN_UNUSED;
/* Accept: assign `assigned_user` (a professional of the receiving
 * organisation), who joins the team with `function`. */
int	wb_referral_accept(struct wb_db *db, const struct wb_actor *actor,
	    int64_t id, int64_t assigned_user, const char *function,
	    struct wb_err *err) WB_WARN_UNUSED;
int	wb_referral_decline(struct wb_db *db, const struct wb_actor *actor,
	    int64_t id, const char *reason, struct wb_err *err) WB_WARN_UNUSED;
/* The sender (or a team member of the sending organisation) withdraws an
 * open referral. */
int	wb_referral_withdraw(struct wb_db *db, const struct wb_actor *actor,
	    int64_t id, struct wb_err *err) WB_WARN_UNUSED;

/* The client's referrals (identity access).  Audited referral.read. */
int	wb_referral_list_client(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, struct wb_arena *a, struct wb_referral **out,
	    size_t *n, struct wb_err *err) WB_WARN_UNUSED;
/* Referrals to the contact points the actor staffs (open first) and the
 * ones the actor sent.  Client names only where the policy allows.
 * Audited referral.inbox. */
int	wb_referral_inbox(struct wb_db *db, const struct wb_actor *actor,
	    struct wb_arena *a, struct wb_referral **in, size_t *nin,
	    struct wb_referral **sent, size_t *nsent, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Withdraw the open referrals sent under `consent_id`, in the caller's
 * write transaction (consent.c on revocation). */
int	wb_referral_withdraw_consent_tx(struct wb_db *db,
	    const struct wb_actor *actor, int64_t consent_id,
	    struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_REFERRAL_H */
