/* test_client.c - the client record on a real database
 * (src/domain/client.c with client_access.c, team.c and consent.c).
 *
 * Two organisations of region AM01 work with the client: a GGZ
 * institution and UWV; a municipality registers clients of its own, and
 * an employer and an administrator are there to be refused.  The central
 * property: health data never reaches UWV without a consent that names
 * health, and stops reaching it the moment that consent is revoked.
 * Consents and the team in their own right: test_consent.c.
 */
#include "clienttest.h"

#include "domain/client_access.h"

#define GIVEN	"Wilhelmina"
#define FAMILY	"Testcliënt"
#define NAME	GIVEN " " FAMILY

/* -- registration -- */

static void
test_register_refuses_each_bad_field(void **state)
{
	static char long_name[102];
	static const struct {
		const char	*field, *bsn, *name, *family, *born, *phone;
		const char	*email;
		const char	*municipality, *benefit, *target, *function;
	} cases[] = {
#define BAD(f, v)	{ .field = f, v }
		BAD("bsn", .bsn = "123456789"), BAD("bsn", .bsn = ""),
		BAD("bsn", .bsn = NULL), BAD("bsn", .bsn = "12345678a"),
		BAD("bsn", .bsn = "1234567820"),
		BAD("given_name", .name = ""),
		BAD("given_name", .name = long_name),
		BAD("family_name", .family = ""),
		BAD("family_name", .family = long_name),
		BAD("birth_date", .born = "31-02-1990"),
		BAD("birth_date", .born = "gisteren"),
		BAD("birth_date", .born = ""),
		BAD("birth_date", .born = "01-01-2030"),
		BAD("birth_date", .born = "01-01-1890"),
		BAD("phone", .phone = "06-abc"),
		BAD("email", .email = "geen-adres"),
		BAD("municipality", .municipality = "GM9999"),
		BAD("municipality", .municipality = ""),
		BAD("municipality", .municipality = "Groningen"),
		BAD("benefit", .benefit = "bijstand"),
		BAD("benefit", .benefit = ""),
		BAD("target_group", .target = "zwaar"),
		BAD("function", .function = "kok"),
#undef BAD
	};
	struct ct_fx	*f = *state;
	struct wb_err	 err;
	size_t		 i;

	memset(long_name, 'a', 101);
	for (i = 0; i < WB_NELEM(cases); i++) {
		struct wb_client_input	in = ct_client_input(BSN, GIVEN,
		    FAMILY);
		int64_t			id = -1;
		int			rc;

		if (strcmp(cases[i].field, "bsn") == 0)
			in.bsn = cases[i].bsn;
#define SET(f, v)	if (cases[i].v != NULL) in.f = cases[i].v
		SET(given_name, name);
		SET(family_name, family);
		SET(birth_date, born);
		SET(phone, phone);
		SET(email, email);
		SET(municipality, municipality);
		SET(benefit, benefit);
		SET(target_group, target);
		SET(function, function);
#undef SET
		wb_err_clear(&err);
		rc = wb_client_register(f->t.db, &f->ggz1, &in, &id, &err);
		if (rc != WB_EINVAL || strcmp(err.field, cases[i].field) != 0)
			fail_msg("case %zu (%s): rc %d, field \"%s\"", i,
			    cases[i].field, rc, err.field);
		assert_int_equal(id, 0);
	}
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM client"), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team"), 0);
	/* the positive control */
	(void)ct_reg(f, &f->ggz1, BSN, GIVEN);
}

static void
test_register_seals_bsn_and_puts_registrar_on_team(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_client	 c;
	struct wb_err		 err;
	char			 bsn[10], sealed[512];
	int64_t			 id;

	id = ct_reg(f, &f->ggz1, "1234.56.782", GIVEN);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND user_id = %lld AND org_id = %lld AND "
	    "function = 'behandelaar' AND ended_at IS NULL", (long long)id,
	    (long long)f->ggz1.user_id, (long long)f->ggz), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT registered_org * 1000 + "
	    "registered_by FROM client WHERE id = %lld", (long long)id),
	    f->ggz * 1000 + f->ggz1.user_id);
	/* neither stored column holds the number */
	dbt_text(&f->t, "SELECT bsn_sealed FROM client", sealed,
	    sizeof(sealed));
	assert_true(strlen(sealed) > 2 * 9);
	assert_null(strstr(sealed, BSN));
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM client WHERE "
	    "bsn_sealed LIKE '%%" BSN "%%' OR bsn_index LIKE '%%" BSN "%%'"),
	    0);
	assert_int_equal(ct_qint(&f->t, "SELECT length(bsn_index) FROM client"),
	    WB_VAULT_INDEXHEX);
	/* the registrar sees it masked, and in full on request */
	assert_int_equal(ct_get(&f->t, &f->ggz1, id, &c), 0);
	assert_string_equal(c.bsn_masked, "*****6782");
	assert_string_equal(c.name, NAME);
	assert_string_equal(c.target_group, "epa");
	assert_string_equal(c.municipality_name, "Groningen");
	assert_string_equal(c.region_code, "AM01");
	assert_int_equal(c.registered_org, f->ggz);
	assert_int_equal(wb_client_bsn(f->t.db, &f->ggz1, id, bsn, &err), 0);
	assert_string_equal(bsn, BSN);
	assert_int_equal(ct_events(&f->t, "client.create", "allowed", id), 1);
	assert_int_equal(ct_events(&f->t, "client.bsn.read", "allowed", id), 1);
}

/* A second registration of a known BSN, in any notation, is a conflict;
 * only a member of that client's team learns which record it is. */
static void
test_duplicate_bsn_conflicts_and_tells_id_to_team_only(void **state)
{
	static const char *const spellings[] = { BSN, "123 456 782",
	    "123.456.782" };
	struct ct_fx	*f = *state;
	struct wb_err	 err;
	size_t		 i;
	int64_t		 id, other;

	id = ct_reg(f, &f->ggz1, BSN, GIVEN);
	for (i = 0; i < WB_NELEM(spellings); i++) {
		struct wb_client_input in = ct_client_input(spellings[i], GIVEN,
		    FAMILY);

		assert_int_equal(wb_client_register(f->t.db, &f->ggz1, &in,
		    &other, &err), WB_ECONFLICT);
		assert_string_equal(err.field, "bsn");
		assert_int_equal(other, id);
		/* a colleague of the same GGZ, not on the team */
		if (wb_client_register(f->t.db, &f->ggz2, &in, &other,
		    &err) != WB_ECONFLICT)
			fail_msg("ggz2: %s (%s)", err.msg, err.field);
		assert_int_equal(other, 0);
		in.function = "arbeidsdeskundige";
		in.target_group = NULL;
		assert_int_equal(wb_client_register(f->t.db, &f->uwv1, &in,
		    &other, &err), WB_ECONFLICT);
		assert_int_equal(other, 0);
		assert_null(strstr(err.msg, BSN));
	}
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM client"), 1);
	assert_int_equal(ct_events(&f->t, "client.create", "denied", id), 9);
	/* another number is another client */
	assert_true(ct_reg(f, &f->ggz1, BSN2, GIVEN) != id);
}

/* Employers do not keep client records here; neither does an
 * administrator or an anonymous visitor. */
static void
test_only_orgs_that_work_with_clients_register(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_actor		 anon = { .address = "test", .via = "web" };
	struct wb_client_input	 in = ct_client_input(BSN, GIVEN, FAMILY);
	struct wb_err		 err;
	int64_t			 id = -1;

	assert_int_equal(wb_client_register(f->t.db, &f->werk1, &in, &id,
	    &err), WB_EDENIED);
	assert_int_equal(id, 0);
	assert_int_equal(wb_client_register(f->t.db, &f->admin, &in, &id,
	    &err), WB_EDENIED);
	assert_int_equal(wb_client_register(f->t.db, &anon, &in, &id, &err),
	    WB_EDENIED);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM client"), 0);
	assert_int_equal(dbt_audit_count(&f->t, "client.create", "denied"),
	    3);
	/* a municipality does, without the target group (health) */
	in.function = "klantmanager";
	assert_int_equal(wb_client_register(f->t.db, &f->gem1, &in, &id,
	    &err), WB_EINVAL);
	assert_string_equal(err.field, "target_group");
	in.target_group = NULL;
	assert_int_equal(wb_client_register(f->t.db, &f->gem1, &in, &id,
	    &err), 0);
}

/* -- reading: health never crosses -- */

static void
test_health_never_crosses_without_consent(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_client	 c;
	struct wb_err		 err;
	int64_t			 id, work, health, mid;

	id = ct_reg(f, &f->ggz1, BSN, GIVEN);
	/* not on the team: nothing at all */
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), WB_EDENIED);
	assert_null(c.name);
	/* UWV joins the team only under a consent */
	assert_int_equal(wb_team_add(f->t.db, &f->ggz1, id, f->uwv1.user_id,
	    "arbeidsdeskundige", &mid, &err), WB_EINVAL);
	assert_string_equal(err.field, "user");
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team"), 1);
	work = ct_grant(&f->t, &f->ggz1, id, f->uwv, "re-integratie", ID |
	    WORK);
	(void)ct_join(&f->t, &f->ggz1, id, &f->uwv1, "arbeidsdeskundige");

	/* identity and work, not health */
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), 0);
	assert_string_equal(c.name, NAME);
	assert_string_equal(c.bsn_masked, "*****6782");
	assert_string_equal(c.benefit, "wajong");
	assert_null(c.target_group);
	assert_int_equal(c.shown, ID | WORK);
	assert_int_equal(c.access.consent_id, work);
	assert_false(c.access.own);
	assert_int_equal(c.access.purpose, WB_PURPOSE_WORK);
	/* the GGZ sees it, so it is there */
	assert_int_equal(ct_get(&f->t, &f->ggz1, id, &c), 0);
	assert_string_equal(c.target_group, "epa");
	assert_true(c.access.own);

	/* a consent naming health, recorded by the GGZ that holds it */
	health = ct_grant(&f->t, &f->ggz1, id, f->uwv, "re-integratie", HEALTH);
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), 0);
	assert_string_equal(c.target_group, "epa");
	assert_int_equal(c.shown, ID | WORK | HEALTH);

	/* revoked: the very next read is without it */
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, health,
	    "cliënt trekt in", &err), 0);
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), 0);
	assert_null(c.target_group);
	assert_int_equal(c.shown, ID | WORK);

	/* health for another purpose does not count for re-integratie */
	(void)ct_grant(&f->t, &f->ggz1, id, f->uwv, "casuistiekoverleg",
	    HEALTH);
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), 0);
	assert_null(c.target_group);

	/* without the work consent nothing is left for re-integratie */
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, work, NULL,
	    &err), 0);
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), WB_EDENIED);
	assert_null(c.name);
	assert_null(c.benefit);
}

/* A Work & Income organisation holds all but health of the clients it
 * registered itself: it enters the target group but never reads or
 * changes it. */
static void
test_work_income_registrar_never_sees_health(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_client_input	 in = ct_client_input(BSN, GIVEN, FAMILY);
	struct wb_client_input	 up = { .target_group = "epa" };
	struct wb_client	 c;
	struct wb_err		 err;
	char			 tg[16];
	int64_t			 id;

	in.target_group = NULL;
	in.function = "klantmanager";
	assert_int_equal(wb_client_register(f->t.db, &f->gem1, &in, &id,
	    &err), 0);
	assert_int_equal(ct_get(&f->t, &f->gem1, id, &c), 0);
	assert_string_equal(c.name, NAME);
	assert_string_equal(c.benefit, "wajong");
	assert_null(c.target_group);
	assert_int_equal(c.shown & HEALTH, 0);
	assert_true(c.access.own);
	assert_int_equal(c.access.consent_id, 0);
	up.id = id;
	assert_int_equal(wb_client_update(f->t.db, &f->gem1, &up, &err),
	    WB_EDENIED);
	dbt_text(&f->t, "SELECT coalesce(target_group, 'none') FROM client",
	    tg, sizeof(tg));
	assert_string_equal(tg, "none");
}

static void
test_erased_client_is_refused(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_client	 c;
	struct wb_client_item	*items;
	struct wb_err		 err;
	char			 bsn[10];
	size_t			 n;
	int64_t			 id, found;

	id = ct_reg(f, &f->ggz1, BSN, GIVEN);
	assert_int_equal(ct_get(&f->t, &f->ggz1, id, &c), 0);
	dbt_exec(&f->t, "UPDATE client SET erased_at = 1");
	assert_int_equal(ct_get(&f->t, &f->ggz1, id, &c), WB_ENOTFOUND);
	assert_null(c.name);
	assert_int_equal(wb_client_bsn(f->t.db, &f->ggz1, id, bsn, &err),
	    WB_ENOTFOUND);
	assert_string_equal(bsn, "");
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->ggz1, BSN, &found,
	    &err), WB_ENOTFOUND);
	assert_int_equal(found, 0);
	assert_int_equal(wb_client_list_mine(f->t.db, &f->ggz1, &f->t.a,
	    &items, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(ct_events(&f->t, "client.read", "denied", id), 1);
}

/* -- the audit trail -- */

static void
test_every_decision_is_audited_without_personal_data(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_client	 c;
	struct wb_err		 err;
	char			 bsn[10];
	int64_t			 id, work, checked = 0, broken = -1, found;

	id = ct_reg(f, &f->ggz1, BSN, GIVEN);
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), WB_EDENIED);
	work = ct_grant(&f->t, &f->ggz1, id, f->uwv, "re-integratie", ID |
	    WORK);
	(void)ct_join(&f->t, &f->ggz1, id, &f->uwv1, "arbeidsdeskundige");
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), 0);
	assert_int_equal(wb_client_bsn(f->t.db, &f->uwv1, id, bsn, &err), 0);
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->uwv1, BSN, &found,
	    &err), 0);
	assert_int_equal(ct_get(&f->t, &f->ggz1, id, &c), 0);
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, work, NULL,
	    &err), 0);
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), WB_EDENIED);
	assert_int_equal(wb_client_bsn(f->t.db, &f->uwv1, id, bsn, &err),
	    WB_EDENIED);
	assert_int_equal(ct_get(&f->t, &f->admin, id, &c), WB_EDENIED);

	assert_int_equal(ct_events(&f->t, "client.create", "allowed", id), 1);
	assert_int_equal(ct_events(&f->t, "consent.grant", "allowed", id), 1);
	assert_int_equal(ct_events(&f->t, "team.add", "allowed", id), 1);
	assert_int_equal(ct_events(&f->t, "client.read", "allowed", id), 2);
	assert_int_equal(ct_events(&f->t, "client.read", "denied", id), 3);
	assert_int_equal(ct_events(&f->t, "client.bsn.read", "allowed", id), 1);
	assert_int_equal(ct_events(&f->t, "client.bsn.read", "denied", id), 1);
	assert_int_equal(ct_events(&f->t, "client.search", "allowed", id), 1);
	assert_int_equal(ct_events(&f->t, "consent.revoke", "allowed", id), 1);
	/* who, for which organisation, from where */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'client.read' AND outcome = 'denied' AND user_id = "
	    "%lld AND org_id = %lld AND address = 'test'",
	    (long long)f->uwv1.user_id, (long long)f->uwv), 2);
	/* what UWV read, it read under the consent, for re-integratie */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE user_id = %lld AND outcome = 'allowed' AND event IN "
	    "('client.read', 'client.bsn.read', 'client.search') AND "
	    "consent_id = %lld AND purpose = 're-integratie'",
	    (long long)f->uwv1.user_id, (long long)work), 3);
	/* the GGZ read as registrar: no consent relied on */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE user_id = %lld AND event = 'client.read' AND consent_id IS "
	    "NULL AND purpose = 'behandeling'", (long long)f->ggz1.user_id), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event IN ('consent.grant', 'consent.revoke') AND consent_id "
	    "= %lld", (long long)work), 2);
	/* every event about the client says for what purpose */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE client_id = %lld AND purpose IS NULL", (long long)id), 0);

	assert_int_equal(wb_audit_verify(f->t.db, &checked, &broken, &err),
	    0);
	assert_int_equal(checked, ct_qint(&f->t, "SELECT count(*) FROM "
	    "audit_event"));
	/* no BSN (whole or its last digits), no name, anywhere */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE coalesce(event, '') || '|' || coalesce(role, '') || '|' || "
	    "coalesce(address, '') || '|' || coalesce(object_type, '') || '|' "
	    "|| coalesce(object_id, '') || '|' || coalesce(purpose, '') || '|' "
	    "|| coalesce(detail, '') LIKE '%%%s%%' OR coalesce(detail, '') || "
	    "coalesce(object_id, '') LIKE '%%6782%%' OR coalesce(detail, '') "
	    "LIKE '%%Wilhelmina%%' OR coalesce(detail, '') LIKE '%%Testcli%%'",
	    BSN), 0);
}

/* -- changing -- */

static void
test_update_refuses_category_keeps_unsent_fields(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_client_input	 up;
	struct wb_err		 err;
	char			 row[256], before[256], bsn[10];
	int64_t			 id, work;
	const char		*q = "SELECT given_name || ' ' || family_name "
	    "|| '|' || birth_date || '|' || phone || '|' || email || '|' || "
	    "address || '|' || municipality_code || '|' || benefit || '|' || "
	    "target_group FROM client";

	id = ct_shared_client(f, &work);
	dbt_text(&f->t, q, before, sizeof(before));
	/* UWV may not touch health, not even along with work */
	up = (struct wb_client_input){ .id = id, .target_group = "cmd" };
	assert_int_equal(wb_client_update(f->t.db, &f->uwv1, &up, &err),
	    WB_EDENIED);
	up.benefit = "ww";
	assert_int_equal(wb_client_update(f->t.db, &f->uwv1, &up, &err),
	    WB_EDENIED);
	dbt_text(&f->t, q, row, sizeof(row));
	assert_string_equal(row, before);
	assert_int_equal(ct_events(&f->t, "client.update", "denied", id), 2);

	/* work alone it may; every field not sent stays */
	up = (struct wb_client_input){ .id = id, .benefit = "ww",
	    .bsn = BSN2 };
	assert_int_equal(wb_client_update(f->t.db, &f->uwv1, &up, &err), 0);
	dbt_text(&f->t, q, row, sizeof(row));
	assert_string_equal(row, NAME "|" "5552|06-12345678|w.test@example.nl|"
	    "Dorpsstraat 1|GM0014|ww|epa");
	/* the BSN is not changed by an update */
	assert_int_equal(wb_client_bsn(f->t.db, &f->ggz1, id, bsn, &err), 0);
	assert_string_equal(bsn, BSN);

	/* the GGZ changes the phone number only */
	up = (struct wb_client_input){ .id = id, .phone = "050-1234567" };
	assert_int_equal(wb_client_update(f->t.db, &f->ggz1, &up, &err), 0);
	dbt_text(&f->t, q, row, sizeof(row));
	assert_string_equal(row, NAME "|" "5552|050-1234567|w.test@example.nl|"
	    "Dorpsstraat 1|GM0014|ww|epa");
	assert_int_equal(ct_events(&f->t, "client.update", "allowed", id), 2);

	/* a bad value is refused and changes nothing */
	up = (struct wb_client_input){ .id = id, .given_name = "",
	    .phone = "06-00000000" };
	assert_int_equal(wb_client_update(f->t.db, &f->ggz1, &up, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "given_name");
	/* a colleague not on the team may not */
	up = (struct wb_client_input){ .id = id, .phone = "06-00000000" };
	assert_int_equal(wb_client_update(f->t.db, &f->ggz2, &up, &err),
	    WB_EDENIED);
	dbt_text(&f->t, q, before, sizeof(before));
	assert_string_equal(row, before);
}

/* -- finding and listing -- */

static void
test_find_bsn_only_on_team_with_identity(void **state)
{
	struct ct_fx	*f = *state;
	struct wb_err	 err;
	int64_t		 id, found, other;

	id = ct_reg(f, &f->ggz1, BSN, GIVEN);
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->ggz1, "123 456 782",
	    &found, &err), 0);
	assert_int_equal(found, id);
	/* not on the team, or no identity: the same as no such client */
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->ggz2, BSN, &found,
	    &err), WB_ENOTFOUND);
	assert_int_equal(found, 0);
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->uwv1, BSN, &found,
	    &err), WB_ENOTFOUND);
	(void)ct_grant(&f->t, &f->ggz1, id, f->uwv, "re-integratie", WORK);
	(void)ct_join(&f->t, &f->ggz1, id, &f->uwv1, "arbeidsdeskundige");
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->uwv1, BSN, &found,
	    &err), WB_ENOTFOUND);
	assert_int_equal(found, 0);
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->ggz1, BSN2, &found,
	    &err), WB_ENOTFOUND);
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->ggz1, "123456789",
	    &found, &err), WB_EINVAL);
	assert_string_equal(err.field, "bsn");
	other = ct_reg(f, &f->ggz2, BSN2, GIVEN);
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->ggz2, BSN2, &found,
	    &err), 0);
	assert_int_equal(found, other);

	assert_int_equal(dbt_audit_count(&f->t, "client.search", "allowed"),
	    2);
	assert_int_equal(dbt_audit_count(&f->t, "client.search", "denied"), 4);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'client.search' AND (coalesce(detail, '') LIKE "
	    "'%%6782%%' OR coalesce(object_id, '') LIKE '%%6782%%' OR "
	    "coalesce(detail, '') LIKE '%%6758%%')"), 0);
}

static void
test_list_mine_hides_names_without_identity(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_client_input	 in = ct_client_input(BSN2, GIVEN, FAMILY);
	struct wb_client_item	*items;
	struct wb_err		 err;
	size_t			 n, i;
	int64_t			 a, b;

	a = ct_reg(f, &f->ggz1, BSN, GIVEN);
	in.given_name = "Bart";
	in.family_name = "Tweede";
	assert_int_equal(wb_client_register(f->t.db, &f->ggz1, &in, &b,
	    &err), 0);
	(void)ct_grant(&f->t, &f->ggz1, a, f->uwv, "re-integratie", WORK);
	(void)ct_grant(&f->t, &f->ggz1, b, f->uwv, "re-integratie", ID | WORK);
	(void)ct_join(&f->t, &f->ggz1, a, &f->uwv1, "arbeidsdeskundige");
	(void)ct_join(&f->t, &f->ggz1, b, &f->uwv1, "arbeidsdeskundige");

	assert_int_equal(wb_client_list_mine(f->t.db, &f->uwv1, &f->t.a,
	    &items, &n, &err), 0);
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++) {
		assert_string_equal(items[i].function, "arbeidsdeskundige");
		assert_string_equal(items[i].registered_org_name, "GGZ Noord");
		if (items[i].id == a) {
			assert_null(items[i].name);
			assert_int_equal(items[i].birth_date, 0);
		} else {
			assert_int_equal(items[i].id, b);
			assert_string_equal(items[i].name, "Bart Tweede");
			assert_true(items[i].birth_date != 0);
		}
	}
	assert_int_equal(wb_client_list_mine(f->t.db, &f->ggz1, &f->t.a,
	    &items, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].name, NAME);
	assert_string_equal(items[1].name, "Bart Tweede");
	/* a colleague on no team has none; an administrator none at all */
	assert_int_equal(wb_client_list_mine(f->t.db, &f->ggz2, &f->t.a,
	    &items, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(wb_client_list_mine(f->t.db, &f->admin, &f->t.a,
	    &items, &n, &err), WB_EDENIED);
	assert_int_equal(n, 0);
	/* one event per list, and one per client whose name it showed:
	 * UWV saw b's name only, the GGZ both */
	assert_int_equal(dbt_audit_count(&f->t, "client.list", "allowed"),
	    3 + 3);
	assert_int_equal(dbt_audit_count(&f->t, "client.list", "denied"), 1);
	assert_int_equal(ct_events(&f->t, "client.list", "allowed", a), 1);
	assert_int_equal(ct_events(&f->t, "client.list", "allowed", b), 2);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, ct_setup, ct_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_register_refuses_each_bad_field),
		T(test_register_seals_bsn_and_puts_registrar_on_team),
		T(test_duplicate_bsn_conflicts_and_tells_id_to_team_only),
		T(test_only_orgs_that_work_with_clients_register),
		T(test_health_never_crosses_without_consent),
		T(test_work_income_registrar_never_sees_health),
		T(test_erased_client_is_refused),
		T(test_every_decision_is_audited_without_personal_data),
		T(test_update_refuses_category_keeps_unsent_fields),
		T(test_find_bsn_only_on_team_with_identity),
		T(test_list_mine_hides_names_without_identity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
