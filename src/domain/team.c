/* team.c - a client's care team. */
#include "domain/team.h"
#include "domain/access.h"
#include "domain/card.h"
#include "domain/client_access.h"
#include "domain/user.h"
#include "base/time.h"

int
wb_team_insert_tx(struct wb_db *db, int64_t client_id, int64_t user_id,
    int64_t org_id, const char *function, int64_t added_by, int64_t *id,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_TEAM_INSERT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client_id);
	wb_stmt_bind_int64(st, 2, user_id);
	wb_stmt_bind_int64(st, 3, org_id);
	wb_stmt_bind_text(st, 4, function);
	if (added_by != 0)
		wb_stmt_bind_int64(st, 5, added_by);
	else
		wb_stmt_bind_null(st, 5);
	wb_stmt_bind_int64(st, 6, wb_now());
	rc = wb_stmt_exec_int64(st, id, err);
	wb_stmt_release(st);
	return rc;
}

static const char *
opt_text(struct wb_stmt *st, int col, struct wb_arena *a)
{
	return wb_stmt_isnull(st, col) ? NULL :
	    wb_arena_strdup(a, wb_stmt_text(st, col));
}

int
wb_team_list(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, struct wb_arena *a, struct wb_team_member **out,
    size_t *n, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "team.read",
	    .client_id = client_id, .want = WB_CAT_IDENTITY };
	struct wb_client_decision d;
	struct wb_team_member	*m = NULL;
	struct wb_stmt		*st = NULL;
	size_t			 cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	rc = wb_client_begin_read(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_TEAM_LIST, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		while ((rc = wb_stmt_step(st, err)) == 1) {
			struct wb_team_member *t;

			t = WB_ARENA_PUSH(a, m, *n, cap);
			t->id = wb_stmt_int64(st, 0);
			t->user_id = wb_stmt_int64(st, 1);
			t->org_id = wb_stmt_int64(st, 2);
			t->function = wb_arena_strdup(a, wb_stmt_text(st, 3));
			t->name = wb_arena_strdup(a, wb_stmt_text(st, 4));
			t->org_name = wb_arena_strdup(a, wb_stmt_text(st, 5));
			t->org_type = wb_arena_strdup(a, wb_stmt_text(st, 6));
			t->card_id = wb_stmt_int64(st, 7);
			t->phone = opt_text(st, 8, a);
			t->email = opt_text(st, 9, a);
			t->availability = opt_text(st, 10, a);
			t->added_at = wb_stmt_int64(st, 11);
			t->ended_at = wb_stmt_int64(st, 12);
		}
		wb_stmt_release(st);
	}
	rc = wb_client_finish_read(db, actor, &op, &d, rc, err);
	if (rc != 0) {
		*n = 0;
		return rc;
	}
	*out = m;
	return 0;
}

bool
wb_team_function_known(const char *f)
{
	size_t	i;

	for (i = 0; f != NULL && wb_card_functions[i] != NULL; i++)
		if (strcmp(wb_card_functions[i], f) == 0)
			return true;
	return false;
}

/* The checks and the insert of wb_team_add, inside the open write
 * transaction that decided `d`.  A colleague of an organisation without
 * consent is refused: the transaction is rolled back and the refusal
 * audited (the caller's rollback is then a no-op). */
static int
add_tx(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, const struct wb_client_decision *d,
    int64_t user_id, const char *function, int64_t *mid, struct wb_err *err)
{
	struct wb_user		 u;
	struct wb_arena		 a;
	bool			 consented = false, member;
	int64_t			 registered = 0;
	int			 rc;

	wb_arena_init(&a);
	rc = wb_user_load(db, user_id, &a, &u, err);
	if (rc == WB_ENOTFOUND || (rc == 0 && (!u.active ||
	    u.role != WB_ROLE_PROFESSIONAL)))
		rc = wb_err_field(err, WB_EINVAL, "user", "Kies een actieve "
		    "professional.");
	if (rc == 0)
		rc = wb_client_registered_org(db, op->client_id, &registered,
		    err);
	if (rc == 0 && u.org_id != registered)
		rc = wb_client_org_consented(db, op->client_id, u.org_id,
		    &consented, err);
	if (rc == 0 && u.org_id != registered && !consented) {
		wb_arena_free(&a);
		return wb_client_refuse(db, actor, op, d, wb_err_field(err,
		    WB_EINVAL, "user", "De cliënt heeft (nog) geen toestemming "
		    "gegeven voor de organisatie van deze collega. Leg eerst de "
		    "toestemming vast."), err);
	}
	if (rc == 0) {
		rc = wb_team_is_member_tx(db, op->client_id, user_id, &member,
		    err);
		if (rc == 0 && member)
			rc = wb_err_field(err, WB_EINVAL, "user", "Deze collega "
			    "staat al in het team.");
	}
	if (rc == 0)
		rc = wb_team_insert_tx(db, op->client_id, user_id, u.org_id,
		    function, actor->user_id, mid, err);
	wb_arena_free(&a);
	return rc;
}

int
wb_team_add(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, int64_t user_id, const char *function, int64_t *id,
    struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "team.add",
	    .client_id = client_id, .want = WB_CAT_IDENTITY, .write = true,
	    .object_type = "user" };
	struct wb_client_decision d;
	char			 idbuf[24];
	int64_t			 mid = 0;
	int			 rc;

	*id = 0;
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)user_id);
	op.object_id = idbuf;
	if (!wb_team_function_known(function))
		return wb_err_field(err, WB_EINVAL, "function",
		    "Kies de functie van deze collega voor de cliënt.");
	rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = add_tx(db, actor, &op, &d, user_id, function, &mid, err);
	rc = wb_client_finish_write(db, actor, &op, &d, rc, err);
	if (rc != 0)
		return rc;
	*id = mid;
	return 0;
}

int
wb_team_add_tx(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, const struct wb_client_decision *d,
    int64_t user_id, const char *function, int64_t *id, struct wb_err *err)
{
	struct wb_client_op	add = *op;
	char			idbuf[24];
	int			rc;

	rc = add_tx(db, actor, op, d, user_id, function, id, err);
	if (rc != 0)
		return rc;
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)user_id);
	add.event = "team.add";
	add.object_type = "user";
	add.object_id = idbuf;
	return wb_client_audit(db, actor, &add, d, false, true, err);
}

int
wb_team_is_member_tx(struct wb_db *db, int64_t client_id, int64_t user_id,
    bool *yes, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*yes = false;
	rc = wb_db_prepare(db, Q_TEAM_IS_MEMBER, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client_id);
	wb_stmt_bind_int64(st, 2, user_id);
	rc = wb_stmt_step(st, err);
	*yes = rc == 1;
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

int
wb_team_end(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, int64_t member_id, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "team.end",
	    .client_id = client_id, .want = WB_CAT_IDENTITY, .write = true,
	    .object_type = "care_team" };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	char			 idbuf[24];
	int64_t			 member_org = 0, registered = 0;
	int			 rc;

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)member_id);
	op.object_id = idbuf;
	rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_TEAM_GET, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, member_id);
		wb_stmt_bind_int64(st, 2, client_id);
		rc = wb_stmt_step(st, err);
		if (rc == 1) {
			member_org = wb_stmt_int64(st, 2);
			rc = 0;
		} else if (rc == 0)
			rc = wb_err_set(err, WB_ENOTFOUND, "no such member");
		wb_stmt_release(st);
	}
	/* An organisation ends its own people's membership; only the
	 * registering one (which answers for the record) ends others', so
	 * nobody can lock the registering organisation out. */
	if (rc == 0)
		rc = wb_client_registered_org(db, client_id, &registered, err);
	if (rc == 0 && member_org != actor->org_id &&
	    registered != actor->org_id)
		return wb_client_refuse(db, actor, &op, &d, wb_err_set(err,
		    WB_EDENIED, "not your organisation's member"), err);
	if (rc == 0)
		rc = wb_db_prepare(db, Q_TEAM_END, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, member_id);
		wb_stmt_bind_int64(st, 2, wb_now());
		wb_stmt_bind_int64(st, 3, actor->user_id);
		rc = wb_stmt_exec(st, err);
		wb_stmt_release(st);
	}
	return wb_client_finish_write(db, actor, &op, &d, rc, err);
}

/* Append the active cards with an account of organisation `org_id`. */
static int
add_org_cards(struct wb_db *db, int64_t org_id, struct wb_arena *a,
    struct wb_card **out, size_t *n, size_t *cap, struct wb_err *err)
{
	struct wb_card	*cards;
	size_t		 k, i;
	int		 rc;

	rc = wb_card_list_org(db, org_id, a, &cards, &k, err);
	for (i = 0; rc == 0 && i < k; i++)
		if (cards[i].user_id != 0)
			*WB_ARENA_PUSH(a, *out, *n, *cap) = cards[i];
	return rc;
}

int
wb_team_candidates(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, struct wb_arena *a, struct wb_card **out, size_t *n,
    struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "team.candidates",
	    .client_id = client_id, .want = WB_CAT_IDENTITY };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	int64_t			 registered = 0, orgs[64];
	size_t			 norgs = 0, cap = 0, i;
	int			 rc;

	*out = NULL;
	*n = 0;
	rc = wb_client_begin_read(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = wb_client_registered_org(db, client_id, &registered, err);
	if (rc == 0)
		rc = wb_db_prepare(db, Q_CONSENT_ORGS, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		wb_stmt_bind_int64(st, 2, wb_today());
		while ((rc = wb_stmt_step(st, err)) == 1)
			if (norgs < WB_NELEM(orgs) &&
			    wb_stmt_int64(st, 0) != registered)
				orgs[norgs++] = wb_stmt_int64(st, 0);
		wb_stmt_release(st);
	}
	if (rc == 0)
		rc = add_org_cards(db, registered, a, out, n, &cap, err);
	for (i = 0; rc == 0 && i < norgs; i++)
		rc = add_org_cards(db, orgs[i], a, out, n, &cap, err);
	rc = wb_client_finish_read(db, actor, &op, &d, rc, err);
	if (rc != 0) {
		*out = NULL;
		*n = 0;
	}
	return rc;
}
