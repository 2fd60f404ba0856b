/* card.c - business cards. */
#include "domain/card.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/organisation.h"
#include "base/buf.h"
#include "base/str.h"
#include "base/time.h"

static int	may_edit(struct wb_db *db, const struct wb_actor *actor,
		    int64_t org_id, int64_t user_id, bool *ok,
		    struct wb_err *err);

const char *const wb_card_functions[] = { "behandelaar",
    "ips-trajectbegeleider", "casemanager", "ervaringsdeskundige",
    "arbeidsdeskundige", "reintegratieadviseur", "verzekeringsarts",
    "klantmanager", "consulent-werk-inkomen", "jobcoach", "psychiater",
    "psycholoog", "projectleider", "overig", NULL };

static const char *const function_labels[] = { "Behandelaar",
    "IPS-trajectbegeleider", "Casemanager", "Ervaringsdeskundige",
    "Arbeidsdeskundige", "Re-integratieadviseur", "Verzekeringsarts",
    "Klantmanager", "Consulent werk en inkomen", "Jobcoach", "Psychiater",
    "Psycholoog", "Projectleider", "Overig" };

const char *
wb_card_function_label(const char *code)
{
	size_t	i;

	for (i = 0; wb_card_functions[i] != NULL; i++)
		if (strcmp(wb_card_functions[i], code) == 0)
			return function_labels[i];
	return code;
}

static bool
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

int
wb_card_validate(const struct wb_card *in, struct wb_err *err)
{
	size_t	i;
	bool	ok = false;

	if (empty(in->name) || !wb_utf8_valid(in->name, strlen(in->name),
	    false) || wb_utf8_len(in->name, strlen(in->name)) > 100)
		return wb_err_field(err, WB_EINVAL, "name",
		    "Vul de naam in (hoogstens 100 tekens).");
	for (i = 0; in->function != NULL && wb_card_functions[i] != NULL; i++)
		if (strcmp(wb_card_functions[i], in->function) == 0)
			ok = true;
	if (!ok)
		return wb_err_field(err, WB_EINVAL, "function",
		    "Kies een functie.");
	if (!empty(in->phone) && (strlen(in->phone) > 30 ||
	    strspn(in->phone, "0123456789 +-()") != strlen(in->phone)))
		return wb_err_field(err, WB_EINVAL, "phone", "Een "
		    "telefoonnummer bevat alleen cijfers, spaties, +, - en ().");
	if (!empty(in->email) && !wb_email_valid(in->email,
	    strlen(in->email)))
		return wb_err_field(err, WB_EINVAL, "email",
		    "Vul een geldig e-mailadres in.");
	if (!empty(in->availability) && (!wb_utf8_valid(in->availability,
	    strlen(in->availability), true) || wb_utf8_len(in->availability,
	    strlen(in->availability)) > 300))
		return wb_err_field(err, WB_EINVAL, "availability",
		    "De bereikbaarheid mag hoogstens 300 tekens hebben.");
	if (empty(in->phone) && empty(in->email))
		return wb_err_field(err, WB_EINVAL, "phone", "Vul een "
		    "telefoonnummer of een e-mailadres in, zodat collega's "
		    "deze persoon kunnen bereiken.");
	return 0;
}

static const char *
opt_text(struct wb_stmt *st, int col, struct wb_arena *a)
{
	return wb_stmt_isnull(st, col) ? NULL :
	    wb_arena_strdup(a, wb_stmt_text(st, col));
}

static void
row_card(struct wb_stmt *st, struct wb_arena *a, struct wb_card *c)
{
	c->id = wb_stmt_int64(st, 0);
	c->user_id = wb_stmt_int64(st, 1);
	c->org_id = wb_stmt_int64(st, 2);
	c->name = wb_arena_strdup(a, wb_stmt_text(st, 3));
	c->function = wb_arena_strdup(a, wb_stmt_text(st, 4));
	c->phone = opt_text(st, 5, a);
	c->email = opt_text(st, 6, a);
	c->availability = opt_text(st, 7, a);
	c->active = wb_stmt_int64(st, 8) != 0;
	c->org_name = wb_arena_strdup(a, wb_stmt_text(st, 9));
	c->org_code = wb_arena_strdup(a, wb_stmt_text(st, 10));
	c->org_type = wb_arena_strdup(a, wb_stmt_text(st, 11));
}

static int
load(struct wb_db *db, enum wb_query q, int64_t key, struct wb_arena *a,
    struct wb_card *out, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, q, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, key);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		row_card(st, a, out);
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such card");
	wb_stmt_release(st);
	return rc;
}

int
wb_card_get(struct wb_db *db, const struct wb_actor *actor, int64_t id,
    struct wb_arena *a, struct wb_card *out, struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = "card.read",
	    .object_type = "card" };
	char			idbuf[24];
	bool			ok;
	int			rc;

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)id);
	ev.object_id = idbuf;
	if (wb_access_check(actor, WB_ACT_DIRECTORY_READ, NULL) != 0) {
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED, "not logged in");
	}
	rc = load(db, Q_CARD_GET, id, a, out, err);
	if (rc != 0)
		return rc;
	if (!out->active) {
		/* A former colleague's card is seen only by whoever may
		 * edit it; to everyone else it does not exist. */
		rc = may_edit(db, actor, out->org_id, out->user_id, &ok, err);
		if (rc != 0)
			return rc;
		if (!ok) {
			memset(out, 0, sizeof(*out));
			ev.denied = true;
			rc = wb_audit_log(db, actor, &ev, err);
			return rc ? rc : wb_err_set(err, WB_ENOTFOUND,
			    "no such card");
		}
	}
	return wb_audit_log(db, actor, &ev, err);
}

int
wb_card_mine(struct wb_db *db, const struct wb_actor *actor,
    struct wb_arena *a, struct wb_card *out, struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = "card.read",
	    .object_type = "card" };
	struct wb_scope		s = { .user_id = actor->user_id };
	char			idbuf[24];
	int			rc;

	if (wb_access_check(actor, WB_ACT_OWN_CARD_EDIT, &s) != 0) {
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED,
		    "log eerst in om uw kaartje te zien");
	}
	rc = load(db, Q_CARD_BY_USER, actor->user_id, a, out, err);
	if (rc != 0)
		return rc;
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)out->id);
	ev.object_id = idbuf;
	return wb_audit_log(db, actor, &ev, err);
}

int
wb_card_of_user(struct wb_db *db, int64_t user_id, struct wb_arena *a,
    struct wb_card *out, struct wb_err *err)
{
	return load(db, Q_CARD_BY_USER, user_id, a, out, err);
}

int
wb_card_list_org(struct wb_db *db, int64_t org_id, struct wb_arena *a,
    struct wb_card **out, size_t *n, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	size_t		 cap = 0;
	int		 rc;

	*n = 0;
	*out = NULL;
	rc = wb_db_prepare(db, Q_CARD_BY_ORG, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, org_id);
	while ((rc = wb_stmt_step(st, err)) == 1) {
		row_card(st, a, WB_ARENA_PUSH(a, *out, *n, cap));
	}
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

int
wb_card_read_org(struct wb_db *db, const struct wb_actor *actor,
    int64_t org_id, struct wb_arena *a, struct wb_card **out, size_t *n,
    struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = "card.list",
	    .object_type = "card" };
	struct wb_buf		ids;
	size_t			i;
	int			rc;

	*n = 0;
	*out = NULL;
	if (wb_access_check(actor, WB_ACT_DIRECTORY_READ, NULL) != 0) {
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED, "not logged in");
	}
	rc = wb_card_list_org(db, org_id, a, out, n, err);
	if (rc != 0)
		return rc;
	wb_buf_init(&ids, 1 << 16);
	for (i = 0; i < *n; i++)
		wb_buf_printf(&ids, "%s%lld", i ? "," : "",
		    (long long)(*out)[i].id);
	ev.object_id = wb_buf_cstr(&ids);
	rc = wb_audit_log(db, actor, &ev, err);
	wb_buf_free(&ids);
	return rc;
}

/* Admin, the user themself, or a coordinator of a region the card's
 * organisation serves. */
static int
may_edit(struct wb_db *db, const struct wb_actor *actor, int64_t org_id,
    int64_t user_id, bool *ok, struct wb_err *err)
{
	struct wb_arena	 a;
	struct wb_org	 o;
	struct wb_scope	 s = { .org_id = org_id, .user_id = user_id };
	size_t		 i;
	int		 rc = 0;

	*ok = wb_access_check(actor, WB_ACT_ORG_MANAGE, &s) == 0 ||
	    (user_id != 0 && wb_access_check(actor, WB_ACT_OWN_CARD_EDIT,
	    &s) == 0);
	if (*ok || actor->role != WB_ROLE_COORDINATOR)
		return 0;
	wb_arena_init(&a);
	rc = wb_org_get(db, org_id, &a, &o, err);
	for (i = 0; rc == 0 && i < o.nregions && !*ok; i++) {
		s.region_code = o.regions[i];
		*ok = wb_access_check(actor, WB_ACT_REGION_EDIT, &s) == 0;
	}
	wb_arena_free(&a);
	return rc == WB_ENOTFOUND ? 0 : rc;
}

/* Create or change a card: in its own write transaction, or in the
 * caller's when `in_tx` (then nothing is committed or rolled back here). */
static int
write_card(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_card *in, bool create, bool in_tx, int64_t *id,
    struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct wb_audit_event	 ev = { .object_type = "card" };
	struct wb_card		 stored;
	struct wb_arena		 a;
	int64_t			 org_id = in->org_id, user_id = in->user_id;
	char			 idbuf[24];
	bool			 ok;
	int			 rc;

	ev.event = create ? "card.create" : "card.update";
	if (!create) {
		/* Decide on the card as stored, not on what the caller says
		 * its organisation and owner are. */
		wb_arena_init(&a);
		rc = load(db, Q_CARD_GET, in->id, &a, &stored, err);
		org_id = stored.org_id;
		user_id = stored.user_id;
		wb_arena_free(&a);
		if (rc != 0)
			return rc;
	}
	rc = may_edit(db, actor, org_id, user_id, &ok, err);
	if (rc != 0)
		return rc;
	if (!create) {
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)in->id);
		ev.object_id = idbuf;
	}
	if (!ok) {
		ev.denied = true;
		rc = in_tx ? wb_audit_write(db, actor, &ev, err) :
		    wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED,
		    "u mag dit kaartje niet wijzigen");
	}
	rc = wb_card_validate(in, err);
	if (rc != 0)
		return rc;
	if (!in_tx) {
		rc = wb_db_begin_write(db, err);
		if (rc != 0)
			return rc;
	}
	rc = wb_db_prepare(db, create ? Q_CARD_INSERT : Q_CARD_UPDATE, &st,
	    err);
	if (rc != 0)
		goto out;
	if (create) {
		if (in->user_id != 0)
			wb_stmt_bind_int64(st, 1, in->user_id);
		else
			wb_stmt_bind_null(st, 1);
		wb_stmt_bind_int64(st, 2, in->org_id);
		wb_stmt_bind_text(st, 3, in->name);
		wb_stmt_bind_text(st, 4, in->function);
		wb_stmt_bind_opt(st, 5, in->phone);
		wb_stmt_bind_opt(st, 6, in->email);
		wb_stmt_bind_opt(st, 7, in->availability);
		wb_stmt_bind_int64(st, 8, wb_now());
		rc = wb_stmt_exec_int64(st, id, err);
		if (rc == 0)
			snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*id);
		ev.object_id = idbuf;
	} else {
		wb_stmt_bind_int64(st, 1, in->id);
		wb_stmt_bind_text(st, 2, in->name);
		wb_stmt_bind_text(st, 3, in->function);
		wb_stmt_bind_opt(st, 4, in->phone);
		wb_stmt_bind_opt(st, 5, in->email);
		wb_stmt_bind_opt(st, 6, in->availability);
		wb_stmt_bind_int64(st, 7, in->active ? 1 : 0);
		wb_stmt_bind_int64(st, 8, wb_now());
		rc = wb_stmt_exec(st, err);
		if (rc == 0 && wb_stmt_changes(st) == 0)
			rc = wb_err_set(err, WB_ENOTFOUND, "no such card");
	}
	wb_stmt_release(st);
	if (rc == WB_ECONFLICT)
		rc = wb_err_set(err, WB_ECONFLICT,
		    "Dit account heeft al een kaartje.");
	if (rc == 0)
		rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0 && !in_tx)
		rc = wb_db_commit(db, err);
out:
	if (rc != 0 && !in_tx)
		wb_db_rollback(db);
	return rc;
}

int
wb_card_add(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_card *in, int64_t *id, struct wb_err *err)
{
	return write_card(db, actor, in, true, false, id, err);
}

int
wb_card_update(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_card *in, struct wb_err *err)
{
	int64_t	unused;

	return write_card(db, actor, in, false, false, &unused, err);
}

int
wb_card_add_tx(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_card *in, int64_t *id, struct wb_err *err)
{
	if (WB_NEVER(!wb_db_in_tx(db)))
		return wb_err_set(err, WB_EDB, "wb_card_add_tx outside a "
		    "transaction");
	return write_card(db, actor, in, true, true, id, err);
}

int
wb_card_update_tx(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_card *in, struct wb_err *err)
{
	int64_t	unused;

	if (WB_NEVER(!wb_db_in_tx(db)))
		return wb_err_set(err, WB_EDB, "wb_card_update_tx outside a "
		    "transaction");
	return write_card(db, actor, in, false, true, &unused, err);
}

int
wb_card_link_user(struct wb_db *db, const struct wb_actor *actor,
    int64_t card_id, int64_t user_id, struct wb_err *err)
{
	struct wb_audit_event	 ev = { .event = "card.link",
	    .object_type = "card" };
	struct wb_stmt		*st = NULL;
	char			 idbuf[24];
	int			 rc;

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)card_id);
	ev.object_id = idbuf;
	if (wb_access_check(actor, WB_ACT_USER_MANAGE, NULL) != 0) {
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED, "not allowed");
	}
	rc = wb_db_begin_write(db, err);
	if (rc == 0)
		rc = wb_db_prepare(db, Q_CARD_LINK_USER, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, card_id);
		wb_stmt_bind_int64(st, 2, user_id);
		wb_stmt_bind_int64(st, 3, wb_now());
		rc = wb_stmt_exec(st, err);
		if (rc == 0 && wb_stmt_changes(st) != 1)
			rc = wb_err_set(err, WB_ECONFLICT, "card has an account");
		wb_stmt_release(st);
	}
	if (rc == 0)
		rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0)
		wb_db_rollback(db);
	return rc;
}
