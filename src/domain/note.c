/* note.c - the client's timeline. */
#include "domain/note.h"
#include "domain/access.h"
#include "domain/client_access.h"
#include "base/str.h"
#include "base/time.h"

const char *const wb_note_kinds[] = { "gesprek", "telefoon", "mail",
    "notitie", NULL };
static const char *const kind_labels[] = { "Gesprek", "Telefoongesprek",
    "E-mail", "Notitie" };

const char *
wb_note_kind_label(const char *kind)
{
	size_t	i;

	for (i = 0; kind != NULL && wb_note_kinds[i] != NULL; i++)
		if (strcmp(wb_note_kinds[i], kind) == 0)
			return kind_labels[i];
	return kind != NULL ? kind : "";
}

static bool
known_kind(const char *kind)
{
	size_t	i;

	for (i = 0; kind != NULL && wb_note_kinds[i] != NULL; i++)
		if (strcmp(wb_note_kinds[i], kind) == 0)
			return true;
	return false;
}

static int
validate(const char *kind, const char *on_date, const char *body,
    int64_t *day, struct wb_err *err)
{
	size_t	n;

	if (!known_kind(kind))
		return wb_err_field(err, WB_EINVAL, "kind", "Kies het soort "
		    "contact: gesprek, telefoon, mail of notitie.");
	if (on_date == NULL || wb_date_parse(on_date, strlen(on_date),
	    day) != 0)
		return wb_err_field(err, WB_EINVAL, "on_date", "Vul de datum "
		    "in als dd-mm-jjjj.");
	if (*day > wb_today())
		return wb_err_field(err, WB_EINVAL, "on_date", "De datum ligt "
		    "in de toekomst. Een notitie gaat over wat al gebeurd is.");
	n = body != NULL ? strlen(body) : 0;
	if (n == 0 || wb_str_trim(wb_str_c(body)).n == 0 ||
	    !wb_utf8_valid(body, n, true) ||
	    wb_utf8_len(body, n) > WB_NOTE_BODY_MAX)
		return wb_err_field(err, WB_EINVAL, "body", "Schrijf de "
		    "notitie (hoogstens 4000 tekens).");
	return 0;
}

int
wb_note_add(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, const char *kind, const char *on_date,
    const char *body, int64_t *id, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "note.add",
	    .client_id = client_id, .want = WB_CAT_NOTES, .write = true };
	struct wb_client_decision d = { 0 };
	struct wb_stmt		*st = NULL;
	int64_t			 day;
	char			 idbuf[24];
	int			 rc;

	*id = 0;
	rc = validate(kind, on_date, body, &day, err);
	if (rc != 0)
		return rc;
	/* A note is written by a professional for their organisation. */
	if (actor->role != WB_ROLE_PROFESSIONAL) {
		rc = wb_client_audit(db, actor, &op, &d, true, false, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED, "Alleen "
		    "professionals uit het team schrijven notities.");
	}
	rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_NOTE_INSERT, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		wb_stmt_bind_int64(st, 2, actor->org_id);
		wb_stmt_bind_int64(st, 3, actor->user_id);
		wb_stmt_bind_text(st, 4, kind);
		wb_stmt_bind_int64(st, 5, day);
		wb_stmt_bind_text(st, 6, body);
		wb_stmt_bind_int64(st, 7, wb_now());
		rc = wb_stmt_exec_int64(st, id, err);
		wb_stmt_release(st);
	}
	if (rc == 0) {
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*id);
		op.object_type = "note";
		op.object_id = idbuf;
	}
	rc = wb_client_finish_write(db, actor, &op, &d, rc, err);
	if (rc != 0)
		*id = 0;
	return rc;
}

int
wb_note_list(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, struct wb_arena *a, struct wb_note **out, size_t *n,
    struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "note.read",
	    .client_id = client_id, .want = WB_CAT_NOTES | WB_CAT_HEALTH,
	    .partial = true };
	struct wb_client_decision d;
	struct wb_note		*notes = NULL;
	struct wb_stmt		*st = NULL;
	size_t			 cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	rc = wb_client_begin_read(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	if ((d.allowed & WB_CAT_NOTES) == 0)	/* health alone is no note */
		return wb_client_refuse(db, actor, &op, &d, wb_err_set(err,
		    WB_EDENIED, "notes not allowed"), err);
	rc = wb_db_prepare(db, Q_NOTE_LIST, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, client_id);
		wb_stmt_bind_int64(st, 2, WB_NOTE_LIST_MAX);
		while ((rc = wb_stmt_step(st, err)) == 1) {
			struct wb_note *k;

			/* A GGZ institution's notes are care notes: another
			 * organisation reads them only under a consent that
			 * names health too. */
			if (strcmp(wb_stmt_text(st, 10), "ggz") == 0 &&
			    wb_stmt_int64(st, 2) != actor->org_id &&
			    actor->role != WB_ROLE_CLIENT &&
			    (d.allowed & WB_CAT_HEALTH) == 0)
				continue;
			k = WB_ARENA_PUSH(a, notes, *n, cap);

			k->id = wb_stmt_int64(st, 0);
			k->client_id = wb_stmt_int64(st, 1);
			k->org_id = wb_stmt_int64(st, 2);
			k->author_id = wb_stmt_int64(st, 3);
			k->kind = wb_arena_strdup(a, wb_stmt_text(st, 4));
			k->on_date = wb_stmt_int64(st, 5);
			k->body = wb_arena_strdup(a, wb_stmt_text(st, 6));
			k->author_name = wb_arena_strdup(a,
			    wb_stmt_text(st, 7));
			k->org_name = wb_arena_strdup(a, wb_stmt_text(st, 8));
			k->created_at = wb_stmt_int64(st, 9);
		}
		wb_stmt_release(st);
	}
	rc = wb_client_finish_read(db, actor, &op, &d, rc, err);
	if (rc != 0) {
		*n = 0;
		return rc;
	}
	*out = notes;
	return 0;
}
