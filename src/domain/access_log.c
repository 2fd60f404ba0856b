/* access_log.c - a client's access log. */
#include "domain/access_log.h"
#include "domain/access.h"
#include "domain/client_access.h"

/* Events in the client's words (interface.md: B1 Dutch). */
static const struct {
	const char	*event, *what;
} words[] = {
	{ "client.create", "schreef u in" },
	{ "client.read", "bekeek uw gegevens" },
	{ "client.update", "veranderde uw gegevens" },
	{ "client.bsn.read", "bekeek uw burgerservicenummer" },
	{ "client.search", "zocht u op met uw burgerservicenummer" },
	{ "client.list", "zag u in een lijst met cliënten" },
	{ "team.read", "bekeek wie er in uw team zit" },
	{ "team.add", "zette iemand in uw team" },
	{ "team.end", "haalde iemand uit uw team" },
	{ "team.candidates", "zocht een collega voor uw team" },
	{ "consent.read", "bekeek uw toestemmingen" },
	{ "consent.grant", "legde een toestemming vast" },
	{ "consent.revoke", "trok een toestemming in" },
	{ "plan.read", "bekeek uw plan" },
	{ "goal.add", "zette een doel in uw plan" },
	{ "goal.update", "veranderde een doel in uw plan" },
	{ "goal.stop", "stopte een doel in uw plan" },
	{ "action.add", "zette een actie in uw plan" },
	{ "action.done", "zette een actie op klaar" },
	{ "action.reopen", "zette een actie weer open" },
	{ "note.read", "las de notities over u" },
	{ "note.add", "schreef een notitie over u" },
	{ "measurement.read", "bekeek uw metingen" },
	{ "measurement.add", "legde een meting vast" },
	{ "access_log.read", "bekeek wie er in uw gegevens keek" },
	{ "client.activation.create", "maakte een code voor uw account" },
	{ "client.activate", "maakte uw account" },
	{ "team.propose", "gaf uw kaartjes door aan een nieuwe begeleider" },
	{ "team.proposal.read", "bekeek wie u voorstelde voor uw team" },
	{ "team.proposal.accept", "nam een nieuwe begeleider op in uw team" },
	{ "team.proposal.decline", "wees een voorgestelde begeleider af" },
	{ "referral.send", "verwees u naar een andere organisatie" },
	{ "referral.accept", "nam uw verwijzing aan" },
	{ "referral.decline", "wees uw verwijzing af" },
	{ "referral.withdraw", "trok uw verwijzing in" },
	{ "referral.read", "bekeek uw verwijzingen" },
	{ "referral.inbox", "zag uw naam bij een verwijzing" },
	{ "client.export", "bekeek of downloadde al uw gegevens" },
	{ "client.correction.request", "vroeg om iets te corrigeren" },
	{ "client.correction.read", "las uw vragen om correctie" },
	{ "client.correction.handle", "handelde uw vraag om correctie af" },
	{ "client.erase", "wiste uw gegevens" },
};

const char *
wb_access_log_what(const char *event)
{
	size_t	i;

	for (i = 0; event != NULL && i < WB_NELEM(words); i++)
		if (strcmp(words[i].event, event) == 0)
			return words[i].what;
	return event != NULL ? event : "";
}

static const char *
dup(struct wb_arena *a, struct wb_stmt *st, int col)
{
	return wb_stmt_isnull(st, col) ? NULL :
	    wb_arena_strdup(a, wb_stmt_text(st, col));
}

static int
read_rows(struct wb_db *db, int64_t client_id, int64_t from, int64_t until,
    int64_t limit, int64_t offset, struct wb_arena *a,
    struct wb_access_entry **out, size_t *n, int64_t *total,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	size_t		 cap = 0;
	int		 rc;

	rc = wb_db_prepare(db, Q_AUDIT_CLIENT_COUNT, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		wb_stmt_bind_int64(st, 2, from);
		wb_stmt_bind_int64(st, 3, until);
		rc = wb_stmt_exec_int64(st, total, err);
	}
	wb_stmt_release(st);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_AUDIT_CLIENT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client_id);
	wb_stmt_bind_int64(st, 2, from);
	wb_stmt_bind_int64(st, 3, until);
	wb_stmt_bind_int64(st, 4, limit);
	wb_stmt_bind_int64(st, 5, offset);
	while ((rc = wb_stmt_step(st, err)) == 1) {
		struct wb_access_entry *e = WB_ARENA_PUSH(a, *out, *n, cap);

		e->id = wb_stmt_int64(st, 0);
		e->at = wb_stmt_int64(st, 1);
		e->event = dup(a, st, 2);
		e->outcome = dup(a, st, 3);
		e->user_id = wb_stmt_int64(st, 4);
		e->user_name = dup(a, st, 5);
		e->org_id = wb_stmt_int64(st, 6);
		e->org_name = dup(a, st, 7);
		e->role = dup(a, st, 8);
		e->purpose = dup(a, st, 9);
		e->consent_id = wb_stmt_int64(st, 10);
		e->object_type = dup(a, st, 11);
		e->object_id = dup(a, st, 12);
		e->detail = dup(a, st, 13);
		e->what = wb_access_log_what(e->event);
	}
	wb_stmt_release(st);
	return rc;
}

int
wb_access_log(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, int64_t from, int64_t until, int64_t limit,
    int64_t offset, struct wb_arena *a, struct wb_access_entry **out,
    size_t *n, int64_t *total, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "access_log.read",
	    .client_id = client_id, .want = WB_CAT_IDENTITY,
	    .object_type = "audit_event" };
	struct wb_client_decision d;
	int64_t			 registered = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (limit <= 0 || limit > 1000)
		limit = WB_ACCESS_LOG_PAGE;
	rc = wb_client_begin_read(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	/* A professional answers for the registering organisation only. */
	if (actor->role != WB_ROLE_CLIENT) {
		rc = wb_client_registered_org(db, client_id, &registered, err);
		if (rc == 0 && registered != actor->org_id) {
			wb_db_rollback(db);
			rc = wb_client_audit(db, actor, &op, &d, true, false,
			    err);
			return rc != 0 ? rc : wb_err_set(err, WB_EDENIED,
			    "access log: not the registering organisation");
		}
	}
	if (rc == 0)
		rc = read_rows(db, client_id, from, until, limit, offset, a,
		    out, n, total, err);
	rc = wb_client_finish_read(db, actor, &op, &d, rc, err);
	if (rc != 0) {
		*out = NULL;
		*n = 0;
	}
	return rc;
}
