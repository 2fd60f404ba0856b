/* proposal.h - business cards handed on via the client (UMCG
 * recommendation 3): the client gives a professional they met the cards
 * of their team, which proposes that professional for the care team.
 *
 * The client names the professional by the e-mail address on the card
 * they were given.  The proposal is made only when the client has an
 * active consent for that professional's organisation (otherwise the
 * portal says which consent to give first); a member of the team accepts
 * it, and the professional joins the team with a function, or declines.
 * Audited team.propose, team.proposal.accept, team.proposal.decline.
 */
#ifndef WB_PROPOSAL_H
#define WB_PROPOSAL_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/db.h"

struct wb_proposal {
	int64_t		 id, user_id, card_id;
	const char	*name, *function, *org_name, *phone, *email;
	int64_t		 proposed_at;
	const char	*status;	/* voorgesteld, geaccepteerd, afgewezen */
};

/* The client (actor) proposes the professional with `email`.  Field
 * errors on "email" in plain Dutch: unknown, already on the team, already
 * proposed, no consent for their organisation yet (naming it). */
int	wb_proposal_make(struct wb_db *db, const struct wb_actor *actor,
	    const char *email, int64_t *id, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Proposals for the client's team, open ones first (identity access, or
 * the client).  Audited team.proposal.read. */
int	wb_proposal_list(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, struct wb_arena *a, struct wb_proposal **out,
	    size_t *n, struct wb_err *err) WB_WARN_UNUSED;

/* A team member with identity access accepts (the professional joins
 * with `function`, under the consent rule of wb_team_add) or declines. */
int	wb_proposal_answer(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, int64_t proposal_id, bool accept,
	    const char *function, struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_PROPOSAL_H */
