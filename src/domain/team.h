/* team.h - a client's care team.
 *
 * The professionals of one or more organisations who work with a client,
 * each with their function for this client (card function codes).  Being
 * on the team is the first condition of the access policy; a professional
 * of an organisation other than the registering one joins only while the
 * client has an active consent for that organisation.  Memberships are
 * ended, never deleted.
 */
#ifndef WB_TEAM_H
#define WB_TEAM_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "domain/card.h"
#include "store/db.h"

struct wb_team_member {
	int64_t		 id;		/* membership */
	int64_t		 user_id, org_id;
	const char	*function;
	const char	*name;		/* the professional */
	const char	*org_name, *org_type;
	int64_t		 card_id;	/* 0 = no card */
	const char	*phone, *email, *availability;	/* from the card */
	int64_t		 added_at, ended_at;
};

/* Current members (identity category, or the client).  Audited
 * team.read. */
int	wb_team_list(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, struct wb_arena *a,
	    struct wb_team_member **out, size_t *n, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Professionals who may join the team: those with an account and an
 * active card at the registering organisation or at an organisation with
 * an active consent (identity access needed, as for adding).  Audited
 * team.candidates. */
int	wb_team_candidates(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, struct wb_arena *a, struct wb_card **out,
	    size_t *n, struct wb_err *err) WB_WARN_UNUSED;

/* Add professional `user_id` with `function`.  The actor needs identity
 * access; the new member must be an active professional, and of the
 * registering organisation or one with an active consent (else WB_EINVAL
 * with a Dutch message).  Audited team.add. */
int	wb_team_add(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, int64_t user_id, const char *function,
	    int64_t *id, struct wb_err *err) WB_WARN_UNUSED;

/* The same inside the open write transaction of a decision `d` on
 * `op->client_id` (identity write): the checks, the insert and the
 * team.add event.  WB_EINVAL when refused; then the transaction has been
 * rolled back and the refusal audited. */
struct wb_client_op;
struct wb_client_decision;
int	wb_team_add_tx(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_client_op *op, const struct wb_client_decision *d,
	    int64_t user_id, const char *function, int64_t *id,
	    struct wb_err *err) WB_WARN_UNUSED;
/* Is `f` a function code (wb_card_functions)? */
bool	wb_team_function_known(const char *f);

/* End a membership (identity access): of one's own organisation's
 * people, or anyone's by the registering organisation.  Audited team.end. */
int	wb_team_end(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, int64_t member_id, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Add a member inside the caller's write transaction, no checks (the
 * registration of a client adds its registrar). */
int	wb_team_insert_tx(struct wb_db *db, int64_t client_id, int64_t user_id,
	    int64_t org_id, const char *function, int64_t added_by,
	    int64_t *id, struct wb_err *err) WB_WARN_UNUSED;

/* Is `user_id` on the team now?  In the caller's transaction. */
int	wb_team_is_member_tx(struct wb_db *db, int64_t client_id,
	    int64_t user_id, bool *yes, struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_TEAM_H */
