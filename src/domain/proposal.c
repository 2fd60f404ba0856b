/* proposal.c - business cards handed on via the client. */
#include "domain/proposal.h"
#include "domain/access.h"
#include "domain/card.h"
#include "domain/client_access.h"
#include "domain/team.h"
#include "domain/user.h"
#include "base/str.h"
#include "base/time.h"

int
wb_proposal_make(struct wb_db *db, const struct wb_actor *actor,
    const char *email, int64_t *id, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "team.propose",
	    .client_id = actor->client_id, .want = WB_CAT_IDENTITY,
	    .write = true, .object_type = "team_proposal" };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	struct wb_arena		 a;
	struct wb_user		 u;
	struct wb_card		 card;
	bool			 member = false, consented = false;
	int64_t			 registered = 0, pending = 0;
	char			 idbuf[24];
	int			 rc;

	*id = 0;
	if (actor->role != WB_ROLE_CLIENT || actor->client_id == 0)
		return wb_err_set(err, WB_EDENIED, "clients only");
	if (email == NULL || !wb_email_valid(email, strlen(email)))
		return wb_err_field(err, WB_EINVAL, "email", "Vul het "
		    "e-mailadres in dat op het kaartje staat.");
	rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	wb_arena_init(&a);
	rc = wb_user_find_email(db, email, &a, &u, err);
	if (rc == 0 && u.active && u.role == WB_ROLE_PROFESSIONAL)
		rc = wb_card_of_user(db, u.id, &a, &card, err);
	else if (rc == 0 || rc == WB_ENOTFOUND)
		rc = WB_ENOTFOUND;
	if (rc == WB_ENOTFOUND || (rc == 0 && !card.active)) {
		rc = wb_err_field(err, WB_EINVAL, "email", "Wij vinden geen "
		    "professional met dit e-mailadres. Kijk of het goed is "
		    "overgenomen van het kaartje.");
		goto out;
	}
	if (rc == 0)
		rc = wb_team_is_member_tx(db, actor->client_id, u.id, &member,
		    err);
	if (rc == 0 && member) {
		rc = wb_err_field(err, WB_EINVAL, "email", "%s staat al in uw "
		    "team.", u.name);
		goto out;
	}
	if (rc == 0)
		rc = wb_db_prepare(db, Q_PROPOSAL_PENDING, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, actor->client_id);
		wb_stmt_bind_int64(st, 2, u.id);
		rc = wb_stmt_exec_int64(st, &pending, err);
		wb_stmt_release(st);
	}
	if (rc == 0 && pending > 0) {
		rc = wb_err_field(err, WB_EINVAL, "email", "U hebt uw kaartjes "
		    "al aan %s gegeven. Uw team beslist er nog over.", u.name);
		goto out;
	}
	/* Only where the client's consent allows it. */
	if (rc == 0)
		rc = wb_client_registered_org(db, actor->client_id, &registered,
		    err);
	if (rc == 0 && u.org_id != registered)
		rc = wb_client_org_consented(db, actor->client_id, u.org_id,
		    &consented, err);
	if (rc == 0 && u.org_id != registered && !consented) {
		rc = wb_err_field(err, WB_EINVAL, "email", "U hebt %s nog geen "
		    "toestemming gegeven. Geef eerst toestemming bij 'Wie mag "
		    "wat zien?'. Daarna kunt u uw kaartjes doorgeven.",
		    u.org_name);
		goto out;
	}
	if (rc == 0)
		rc = wb_db_prepare(db, Q_PROPOSAL_INSERT, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, actor->client_id);
		wb_stmt_bind_int64(st, 2, u.id);
		wb_stmt_bind_int64(st, 3, card.id);
		wb_stmt_bind_int64(st, 4, wb_now());
		rc = wb_stmt_exec_int64(st, id, err);
		wb_stmt_release(st);
	}
	if (rc == 0) {
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*id);
		op.object_id = idbuf;
		rc = wb_client_audit(db, actor, &op, &d, false, true, err);
	}
	if (rc == 0)
		rc = wb_db_commit(db, err);
out:
	if (rc != 0) {
		wb_db_rollback(db);
		*id = 0;
	}
	wb_arena_free(&a);
	return rc;
}

int
wb_proposal_list(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, struct wb_arena *a, struct wb_proposal **out,
    size_t *n, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "team.proposal.read",
	    .client_id = client_id, .want = WB_CAT_IDENTITY,
	    .object_type = "team_proposal" };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	size_t			 cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	rc = wb_client_begin_read(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_PROPOSAL_LIST, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		while ((rc = wb_stmt_step(st, err)) == 1) {
			struct wb_proposal *p = WB_ARENA_PUSH(a, *out, *n, cap);

			p->id = wb_stmt_int64(st, 0);
			p->user_id = wb_stmt_int64(st, 1);
			p->card_id = wb_stmt_int64(st, 2);
			p->name = wb_arena_strdup(a, wb_stmt_text(st, 3));
			p->function = wb_arena_strdup(a, wb_stmt_text(st, 4));
			p->org_name = wb_arena_strdup(a, wb_stmt_text(st, 5));
			p->phone = wb_stmt_isnull(st, 6) ? NULL :
			    wb_arena_strdup(a, wb_stmt_text(st, 6));
			p->email = wb_stmt_isnull(st, 7) ? NULL :
			    wb_arena_strdup(a, wb_stmt_text(st, 7));
			p->proposed_at = wb_stmt_int64(st, 8);
			p->status = wb_arena_strdup(a, wb_stmt_text(st, 9));
		}
		wb_stmt_release(st);
	}
	rc = wb_client_finish_read(db, actor, &op, &d, rc, err);
	if (rc != 0)
		*n = 0;
	return rc;
}

int
wb_proposal_answer(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, int64_t proposal_id, bool accept,
    const char *function, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = accept ?
	    "team.proposal.accept" : "team.proposal.decline",
	    .client_id = client_id, .want = WB_CAT_IDENTITY, .write = true,
	    .object_type = "team_proposal" };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	int64_t			 user_id = 0, mid;
	char			 idbuf[24];
	int			 rc;

	if (accept && !wb_team_function_known(function))
		return wb_err_field(err, WB_EINVAL, "function", "Kies de "
		    "functie van deze professional voor de cliënt.");
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)proposal_id);
	op.object_id = idbuf;
	if (actor->role != WB_ROLE_PROFESSIONAL)
		op.want = WB_CAT_ALL;	/* a client does not answer: refused */
	rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	if (actor->role != WB_ROLE_PROFESSIONAL)
		return wb_client_refuse(db, actor, &op, &d, wb_err_set(err,
		    WB_EDENIED, "professionals answer proposals"), err);
	rc = wb_db_prepare(db, Q_PROPOSAL_GET, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, proposal_id);
		wb_stmt_bind_int64(st, 2, client_id);
		rc = wb_stmt_step(st, err);
		if (rc == 1) {
			user_id = wb_stmt_int64(st, 1);
			rc = strcmp(wb_stmt_text(st, 2), "voorgesteld") == 0 ?
			    0 : wb_err_set(err, WB_EINVAL, "Over dit voorstel "
			    "is al beslist.");
		} else if (rc == 0)
			rc = wb_err_set(err, WB_ENOTFOUND, "no such proposal");
		wb_stmt_release(st);
	}
	if (rc == 0 && accept)
		rc = wb_team_add_tx(db, actor, &op, &d, user_id, function, &mid,
		    err);
	if (rc == 0)
		rc = wb_db_prepare(db, Q_PROPOSAL_ANSWER, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, proposal_id);
		wb_stmt_bind_text(st, 2, accept ? "geaccepteerd" : "afgewezen");
		wb_stmt_bind_int64(st, 3, actor->user_id);
		wb_stmt_bind_int64(st, 4, wb_now());
		rc = wb_stmt_exec(st, err);
		wb_stmt_release(st);
	}
	return wb_client_finish_write(db, actor, &op, &d, rc, err);
}
