/* client.c - the client record. */
#include "domain/client.h"
#include "domain/audit.h"
#include "domain/bsn.h"
#include "domain/card.h"
#include "domain/client_access.h"
#include "domain/team.h"
#include "domain/vault.h"
#include "base/buf.h"
#include "base/str.h"
#include "base/time.h"

#include <sodium.h>

const char *const wb_client_benefits[] = { "wajong", "wia-wga", "wia-iva",
    "wao", "waz", "zw", "ww", "participatiewet", "geen", NULL };
static const char *const benefit_labels[] = { "Wajong", "WIA-WGA",
    "WIA-IVA", "WAO", "WAZ", "Ziektewet", "WW", "Participatiewet",
    "Geen uitkering" };
const char *const wb_client_target_groups[] = { "epa", "cmd", "overig",
    NULL };
static const char *const target_group_labels[] = {
    "Ernstige psychische aandoening (EPA)",
    "Common mental disorder", "Overig" };

static const char *
label_of(const char *const *codes, const char *const *labels,
    const char *code)
{
	size_t	i;

	for (i = 0; code != NULL && codes[i] != NULL; i++)
		if (strcmp(codes[i], code) == 0)
			return labels[i];
	return code != NULL ? code : "";
}

const char *
wb_client_benefit_label(const char *code)
{
	return label_of(wb_client_benefits, benefit_labels, code);
}

const char *
wb_client_target_group_label(const char *code)
{
	return label_of(wb_client_target_groups, target_group_labels, code);
}

static bool
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

static bool
in_list(const char *const *list, const char *s)
{
	size_t	i;

	for (i = 0; s != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

static int
municipality_exists(struct wb_db *db, const char *code, bool *yes,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*yes = false;
	rc = wb_db_prepare(db, Q_MUNICIPALITY_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, code);
	rc = wb_stmt_step(st, err);
	if (rc >= 0) {
		*yes = rc == 1;
		rc = 0;
	}
	wb_stmt_release(st);
	return rc;
}

int
wb_client_validate(struct wb_db *db, const struct wb_client_input *in,
    bool registering, struct wb_err *err)
{
	char	bsn[10];
	int64_t	born;
	bool	ok;
	int	rc;

	if (registering && !wb_bsn_normalise(in->bsn, bsn))
		return wb_err_field(err, WB_EINVAL, "bsn", "Dit is geen geldig "
		    "BSN: het heeft 9 cijfers en moet de elfproef halen. "
		    "Controleer het nummer.");
	if (empty(in->given_name) || !wb_text_fits(in->given_name, 100, false))
		return wb_err_field(err, WB_EINVAL, "given_name",
		    "Vul de voornaam in (hoogstens 100 tekens).");
	if (empty(in->family_name) ||
	    !wb_text_fits(in->family_name, 100, false))
		return wb_err_field(err, WB_EINVAL, "family_name", "Vul de "
		    "achternaam in, met tussenvoegsel (hoogstens 100 tekens).");
	if (empty(in->birth_date) || wb_date_parse(in->birth_date,
	    strlen(in->birth_date), &born) != 0)
		return wb_err_field(err, WB_EINVAL, "birth_date", "Vul de "
		    "geboortedatum in als dd-mm-jjjj.");
	if (born > wb_today() || born < wb_today() - 120 * 366)
		return wb_err_field(err, WB_EINVAL, "birth_date", "Deze "
		    "geboortedatum kan niet kloppen.");
	if (!empty(in->phone) && (strlen(in->phone) > 30 ||
	    strspn(in->phone, "0123456789 +-()") != strlen(in->phone)))
		return wb_err_field(err, WB_EINVAL, "phone", "Een "
		    "telefoonnummer bevat alleen cijfers, spaties, +, - en ().");
	if (!empty(in->email) && !wb_email_valid(in->email,
	    strlen(in->email)))
		return wb_err_field(err, WB_EINVAL, "email",
		    "Vul een geldig e-mailadres in.");
	if (!empty(in->address) && !wb_text_fits(in->address, 200, false))
		return wb_err_field(err, WB_EINVAL, "address",
		    "Het adres mag hoogstens 200 tekens hebben.");
	if (empty(in->municipality) || strlen(in->municipality) != 6)
		return wb_err_field(err, WB_EINVAL, "municipality",
		    "Kies de gemeente waar de cliënt woont.");
	rc = municipality_exists(db, in->municipality, &ok, err);
	if (rc != 0)
		return rc;
	if (!ok)
		return wb_err_field(err, WB_EINVAL, "municipality",
		    "Kies de gemeente waar de cliënt woont.");
	if (!in_list(wb_client_benefits, in->benefit))
		return wb_err_field(err, WB_EINVAL, "benefit",
		    "Kies de uitkering (of 'Geen uitkering').");
	if (!empty(in->target_group) &&
	    !in_list(wb_client_target_groups, in->target_group))
		return wb_err_field(err, WB_EINVAL, "target_group",
		    "Kies de doelgroep.");
	if (registering && !in_list(wb_card_functions, in->function))
		return wb_err_field(err, WB_EINVAL, "function",
		    "Kies uw functie voor deze cliënt.");
	return 0;
}

/* Bind the validated fields (birth date already parsed). */
static void
bind_fields(struct wb_stmt *st, int first, const struct wb_client_input *in)
{
	int64_t	born = 0;

	if (wb_date_parse(in->birth_date, strlen(in->birth_date), &born) != 0)
		born = 0;	/* unreachable: validated before */
	wb_stmt_bind_text(st, first, in->given_name);
	wb_stmt_bind_text(st, first + 1, in->family_name);
	wb_stmt_bind_int64(st, first + 2, born);
	wb_stmt_bind_opt(st, first + 3, in->phone);
	wb_stmt_bind_opt(st, first + 4, in->email);
	wb_stmt_bind_opt(st, first + 5, in->address);
	wb_stmt_bind_text(st, first + 6, in->municipality);
	wb_stmt_bind_text(st, first + 7, in->benefit);
	wb_stmt_bind_opt(st, first + 8, in->target_group);
}

static int
find_index(struct wb_db *db, const char *index, int64_t *id,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*id = 0;
	rc = wb_db_prepare(db, Q_CLIENT_BY_INDEX, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, index);
	rc = wb_stmt_step(st, err);
	if (rc == 1)
		*id = wb_stmt_int64(st, 0);
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

static int
org_type_of(struct wb_db *db, int64_t org_id, char *out, size_t n,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	out[0] = '\0';
	rc = wb_db_prepare(db, Q_ORG_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, org_id);
	rc = wb_stmt_step(st, err);
	if (rc == 1)
		snprintf(out, n, "%s", wb_stmt_text(st, 3));
	wb_stmt_release(st);
	return rc < 0 ? rc : 0;
}

int
wb_client_register(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_input *in, int64_t *id, struct wb_err *err)
{
	struct wb_audit_event	 ev = { .event = "client.create",
	    .object_type = "client" };
	struct wb_stmt		*st = NULL;
	struct wb_arena		 a;
	char			 bsn[10], index[WB_VAULT_INDEXHEX + 1];
	char			 type[32], idbuf[24], *sealed = NULL;
	int64_t			 existing;
	bool			 member = false;
	int			 rc;

	*id = 0;
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		return rc;
	rc = org_type_of(db, actor->org_id, type, sizeof(type), err);
	if (rc != 0)
		goto out;
	if (actor->role != WB_ROLE_PROFESSIONAL ||
	    !wb_access_may_register(type)) {
		wb_db_rollback(db);
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED, "Alleen "
		    "professionals van GGZ, UWV, gemeente of "
		    "re-integratiebedrijf leggen cliënten vast.");
	}
	rc = wb_client_validate(db, in, true, err);
	if (rc != 0)
		goto out;
	/* The target group is a health fact: the GGZ records it, nobody
	 * else may (they could never read it back either). */
	if ((wb_access_own_domain(type) & WB_CAT_HEALTH) == 0 &&
	    !empty(in->target_group)) {
		rc = wb_err_field(err, WB_EINVAL, "target_group", "De "
		    "doelgroep is een gezondheidsgegeven. Die legt alleen de "
		    "GGZ vast; laat dit veld leeg.");
		goto out;
	}
	if ((wb_access_own_domain(type) & WB_CAT_HEALTH) != 0 &&
	    empty(in->target_group)) {
		rc = wb_err_field(err, WB_EINVAL, "target_group",
		    "Kies de doelgroep.");
		goto out;
	}
	(void)wb_bsn_normalise(in->bsn, bsn);
	rc = wb_vault_index("bsn", bsn, index, err);
	if (rc == 0)
		rc = find_index(db, index, &existing, err);
	if (rc != 0)
		goto out;
	if (existing != 0) {
		/* Tell only a team member which record it is. */
		rc = wb_team_is_member_tx(db, existing, actor->user_id, &member,
		    err);
		if (rc != 0)
			goto out;
		wb_db_rollback(db);
		*id = member ? existing : 0;
		ev.denied = true;
		ev.detail = "duplicate bsn";
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)existing);
		ev.object_id = idbuf;
		ev.client_id = existing;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_field(err, WB_ECONFLICT, "bsn",
		    "Er is al een cliënt met dit BSN in werkbrug. Vraag de "
		    "organisatie die de cliënt begeleidt om u aan het team "
		    "toe te voegen.");
	}
	wb_arena_init(&a);
	rc = wb_vault_seal(bsn, &a, &sealed, err);
	if (rc == 0)
		rc = wb_db_prepare(db, Q_CLIENT_INSERT, &st, err);
	if (rc == 0) {
		wb_stmt_bind_text(st, 1, sealed);
		wb_stmt_bind_text(st, 2, index);
		bind_fields(st, 3, in);
		wb_stmt_bind_int64(st, 12, actor->org_id);
		wb_stmt_bind_int64(st, 13, actor->user_id);
		wb_stmt_bind_int64(st, 14, wb_now());
		rc = wb_stmt_exec_int64(st, id, err);
		wb_stmt_release(st);
	}
	wb_arena_free(&a);
	sodium_memzero(bsn, sizeof(bsn));
	if (rc == 0) {
		int64_t member_id;

		rc = wb_team_insert_tx(db, *id, actor->user_id, actor->org_id,
		    in->function, actor->user_id, &member_id, err);
	}
	if (rc == 0) {
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*id);
		ev.object_id = idbuf;
		ev.client_id = *id;
		ev.purpose = wb_purpose_name(wb_access_own_purpose(type));
		rc = wb_audit_write(db, actor, &ev, err);
	}
	if (rc == 0)
		return wb_db_commit(db, err);
out:
	wb_db_rollback(db);
	*id = 0;
	return rc;
}

static const char *
opt_text(struct wb_stmt *st, int col, struct wb_arena *a)
{
	return wb_stmt_isnull(st, col) ? NULL :
	    wb_arena_strdup(a, wb_stmt_text(st, col));
}

/* Copy the columns of Q_CLIENT_GET the viewer may see. */
static int
row_client(struct wb_stmt *st, unsigned shown, struct wb_arena *a,
    struct wb_client *c, struct wb_err *err)
{
	char	*bsn = NULL, masked[10];
	int	 rc = 0;

	c->id = wb_stmt_int64(st, 0);
	c->shown = shown;
	if ((shown & WB_CAT_IDENTITY) != 0) {
		if (!wb_stmt_isnull(st, 1)) {
			rc = wb_vault_open(wb_stmt_text(st, 1), a, &bsn, err);
			if (rc != 0)
				return rc;
			wb_bsn_mask(bsn, masked);
			sodium_memzero(bsn, strlen(bsn));
			c->bsn_masked = wb_arena_strdup(a, masked);
		}
		c->given_name = wb_arena_strdup(a, wb_stmt_text(st, 2));
		c->family_name = wb_arena_strdup(a, wb_stmt_text(st, 17));
		c->name = wb_arena_printf(a, "%s %s", c->given_name,
		    c->family_name);
		c->birth_date = wb_stmt_int64(st, 3);
		c->phone = opt_text(st, 4, a);
		c->email = opt_text(st, 5, a);
		c->address = opt_text(st, 6, a);
		c->municipality_code = wb_arena_strdup(a, wb_stmt_text(st, 7));
		c->municipality_name = wb_arena_strdup(a, wb_stmt_text(st, 8));
		c->region_code = wb_arena_strdup(a, wb_stmt_text(st, 9));
		c->region_name = wb_arena_strdup(a, wb_stmt_text(st, 10));
		c->has_portal = wb_stmt_int64(st, 18) != 0;
	}
	if ((shown & WB_CAT_WORK) != 0)
		c->benefit = wb_arena_strdup(a, wb_stmt_text(st, 11));
	if ((shown & WB_CAT_HEALTH) != 0)
		c->target_group = opt_text(st, 12, a);
	c->registered_org = wb_stmt_int64(st, 13);
	c->registered_org_name = wb_arena_strdup(a, wb_stmt_text(st, 14));
	c->created_at = wb_stmt_int64(st, 15);
	c->updated_at = wb_stmt_int64(st, 16);
	return 0;
}

static int
load_row(struct wb_db *db, int64_t id, unsigned shown, struct wb_arena *a,
    struct wb_client *out, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_CLIENT_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, id);
	rc = wb_stmt_step(st, err);
	if (rc == 1)
		rc = row_client(st, shown, a, out, err);
	else if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such client");
	wb_stmt_release(st);
	return rc;
}

int
wb_client_get(struct wb_db *db, const struct wb_actor *actor, int64_t id,
    struct wb_arena *a, struct wb_client *out, struct wb_err *err)
{
	const unsigned		record = WB_CAT_IDENTITY | WB_CAT_WORK |
	    WB_CAT_HEALTH;
	struct wb_client_op	op = { .event = "client.read", .client_id = id,
	    .want = WB_CAT_ALL, .partial = true };
	struct wb_client_decision d, shown;
	int			rc;

	memset(out, 0, sizeof(*out));
	rc = wb_client_begin_read(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = load_row(db, id, d.allowed & record, a, out, err);
	if (rc != 0) {
		wb_db_rollback(db);
		memset(out, 0, sizeof(*out));
		return rc;
	}
	out->access = d;
	out->may = d.allowed;
	/* The event names what this read showed, not all that is allowed. */
	shown = d;
	shown.allowed &= record;
	op.want = record;
	rc = wb_client_end_read(db, actor, &op, &shown, err);
	if (rc != 0)
		memset(out, 0, sizeof(*out));
	return rc;
}

int
wb_client_bsn(struct wb_db *db, const struct wb_actor *actor, int64_t id,
    char out[10], struct wb_err *err)
{
	struct wb_client_op	op = { .event = "client.bsn.read",
	    .client_id = id, .want = WB_CAT_IDENTITY };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	struct wb_arena		 a;
	char			*bsn = NULL;
	int			 rc;

	out[0] = '\0';
	rc = wb_client_begin_read(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	wb_arena_init(&a);
	rc = wb_db_prepare(db, Q_CLIENT_BSN, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, id);
		rc = wb_stmt_step(st, err);
		if (rc == 1 && !wb_stmt_isnull(st, 0))
			rc = wb_vault_open(wb_stmt_text(st, 0), &a, &bsn, err);
		else if (rc >= 0)
			rc = wb_err_set(err, WB_ENOTFOUND, "no bsn");
	}
	wb_stmt_release(st);
	if (rc == 0 && strlen(bsn) == 9)
		memcpy(out, bsn, 10);
	if (bsn != NULL)
		sodium_memzero(bsn, strlen(bsn));
	wb_arena_free(&a);
	if (rc != 0) {
		wb_db_rollback(db);
		out[0] = '\0';
		return rc;
	}
	rc = wb_client_end_read(db, actor, &op, &d, err);
	if (rc != 0)
		sodium_memzero(out, 10);
	return rc;
}

/* Fields left NULL in `in` were not on the form: keep the stored ones.
 * The categories of the submitted fields must all be allowed, changed
 * or not, so a refusal never tells whether a guess matched. */
static unsigned
merge(const struct wb_client_input *in, const struct wb_client *cur,
    const char *born, struct wb_client_input *m)
{
	unsigned	want = 0;

	*m = *in;
	if (in->given_name != NULL || in->family_name != NULL ||
	    in->birth_date != NULL || in->phone != NULL ||
	    in->email != NULL || in->address != NULL ||
	    in->municipality != NULL)
		want |= WB_CAT_IDENTITY;
	if (in->benefit != NULL)
		want |= WB_CAT_WORK;
	if (in->target_group != NULL)
		want |= WB_CAT_HEALTH;
	if (in->given_name == NULL)
		m->given_name = cur->given_name;
	if (in->family_name == NULL)
		m->family_name = cur->family_name;
	if (in->birth_date == NULL)
		m->birth_date = born;
	if (in->phone == NULL)
		m->phone = cur->phone;
	if (in->email == NULL)
		m->email = cur->email;
	if (in->address == NULL)
		m->address = cur->address;
	if (in->municipality == NULL)
		m->municipality = cur->municipality_code;
	if (in->benefit == NULL)
		m->benefit = cur->benefit;
	if (in->target_group == NULL)
		m->target_group = cur->target_group;
	return want;
}

int
wb_client_update(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_input *in, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "client.update",
	    .client_id = in->id, .write = true };
	struct wb_client_decision d;
	struct wb_client_input	 m;
	struct wb_client	 cur;
	struct wb_stmt		*st = NULL;
	struct wb_arena		 a;
	char			 born[16];
	int			 rc;

	wb_arena_init(&a);
	memset(&cur, 0, sizeof(cur));
	op.want = merge(in, &cur, "", &m);
	if (op.want == 0)
		op.want = WB_CAT_IDENTITY;
	rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc != 0)
		goto done;
	/* The stored record fills what the form did not carry. */
	rc = load_row(db, in->id, WB_CAT_ALL, &a, &cur, err);
	if (rc == 0) {
		wb_date_iso(cur.birth_date, born, sizeof(born));
		(void)merge(in, &cur, born, &m);
		rc = wb_client_validate(db, &m, false, err);
	}
	if (rc == 0)
		rc = wb_db_prepare(db, Q_CLIENT_UPDATE, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, in->id);
		bind_fields(st, 2, &m);
		wb_stmt_bind_int64(st, 11, wb_now());
		rc = wb_stmt_exec(st, err);
		wb_stmt_release(st);
	}
	rc = wb_client_finish_write(db, actor, &op, &d, rc, err);
done:
	wb_arena_free(&a);
	return rc;
}

int
wb_client_find_bsn(struct wb_db *db, const struct wb_actor *actor,
    const char *bsn, int64_t *id, struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = "client.search",
	    .object_type = "client" };
	struct wb_client_op	op = { .event = "client.search",
	    .want = WB_CAT_IDENTITY };
	struct wb_client_decision d;
	char			norm[10], index[WB_VAULT_INDEXHEX + 1];
	int64_t			found = 0;
	int			rc;

	*id = 0;
	if (!wb_bsn_normalise(bsn, norm))
		return wb_err_field(err, WB_EINVAL, "bsn", "Dit is geen geldig "
		    "BSN: het heeft 9 cijfers en moet de elfproef halen.");
	rc = wb_vault_index("bsn", norm, index, err);
	sodium_memzero(norm, sizeof(norm));
	if (rc == 0)
		rc = wb_db_begin_read(db, err);
	if (rc == 0)
		rc = find_index(db, index, &found, err);
	if (rc == 0 && found != 0) {
		op.client_id = found;
		rc = wb_client_decide(db, actor, &op, &d, err);
	}
	wb_db_rollback(db);
	if (rc != 0 || found == 0) {
		/* Not found and not allowed look the same. */
		ev.denied = rc != 0 || found == 0;
		ev.detail = found == 0 ? "no match" : "not allowed";
		if (rc != 0 && rc != WB_EDENIED && rc != WB_ENOTFOUND)
			return rc;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_set(err, WB_ENOTFOUND,
		    "no client for this bsn");
	}
	rc = wb_client_audit(db, actor, &op, &d, false, false, err);
	if (rc == 0)
		*id = found;
	return rc;
}

int
wb_client_list_mine(struct wb_db *db, const struct wb_actor *actor,
    struct wb_arena *a, struct wb_client_item **out, size_t *n,
    struct wb_err *err)
{
	struct wb_audit_event	 ev = { .event = "client.list",
	    .object_type = "client" };
	struct wb_stmt		*st = NULL;
	struct wb_client_item	*items = NULL;
	struct wb_client_decision *dec;
	size_t			 cap = 0, i;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (actor->role != WB_ROLE_PROFESSIONAL) {
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED, "not a "
		    "professional");
	}
	rc = wb_db_begin_read(db, err);
	if (rc == 0)
		rc = wb_db_prepare(db, Q_CLIENT_MINE, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, actor->user_id);
		wb_stmt_bind_int64(st, 2, actor->org_id);
		while ((rc = wb_stmt_step(st, err)) == 1) {
			struct wb_client_item *it;

			it = WB_ARENA_PUSH(a, items, *n, cap);
			it->id = wb_stmt_int64(st, 0);
			/* Kept until the policy has spoken, below. */
			it->name = wb_arena_strdup(a, wb_stmt_text(st, 1));
			it->birth_date = wb_stmt_int64(st, 2);
			it->function = wb_arena_strdup(a, wb_stmt_text(st, 3));
			it->registered_org_name = wb_arena_strdup(a,
			    wb_stmt_text(st, 4));
		}
		wb_stmt_release(st);
	}
	/* The name and date of birth are identity data: per client. */
	dec = wb_arena_array(a, *n > 0 ? *n : 1, sizeof(*dec));
	for (i = 0; rc == 0 && i < *n; i++) {
		struct wb_client_op op = { .event = "client.list",
		    .client_id = items[i].id, .want = WB_CAT_IDENTITY };

		rc = wb_client_decide(db, actor, &op, &dec[i], err);
		if (rc == WB_EDENIED) {
			items[i].name = NULL;
			items[i].birth_date = 0;
			wb_err_clear(err);
			rc = 0;
		}
	}
	wb_db_rollback(db);
	/* Each name shown is a read of that client's identity: one event
	 * per client (their "Wie keek mee?"), all in one commit. */
	if (rc == 0)
		rc = wb_db_begin_write(db, err);
	for (i = 0; rc == 0 && i < *n; i++) {
		struct wb_client_op op = { .event = "client.list",
		    .client_id = items[i].id, .want = WB_CAT_IDENTITY };

		if (items[i].name != NULL)
			rc = wb_client_audit(db, actor, &op, &dec[i], false, true,
			    err);
	}
	if (rc == 0)
		rc = wb_audit_write(db, actor, &ev, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0) {
		wb_db_rollback(db);
		*n = 0;
		return rc;
	}
	*out = items;
	return 0;
}

int
wb_client_register_categories(struct wb_db *db, const struct wb_actor *actor,
    unsigned *cats, struct wb_err *err)
{
	char	type[32];
	int	rc;

	*cats = 0;
	if (actor->role != WB_ROLE_PROFESSIONAL)
		return 0;
	rc = wb_db_begin_read(db, err);
	if (rc == 0)
		rc = org_type_of(db, actor->org_id, type, sizeof(type), err);
	wb_db_rollback(db);
	if (rc == 0)
		*cats = wb_access_own_domain(type);
	return rc;
}
