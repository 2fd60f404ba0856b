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
#include "dbtest.h"

#include "base/common.h"
#include "base/time.h"
#include "domain/client.h"
#include "domain/client_access.h"
#include "domain/consent.h"
#include "domain/team.h"

#include <stdarg.h>

#define T0	1800000000	/* WB_NOW: 15-01-2027 */
#define BSN	"123456782"
#define BSN2	"249566758"
#define GIVEN	"Wilhelmina"
#define FAMILY	"Testcliënt"
#define NAME	GIVEN " " FAMILY

#define ID	WB_CAT_IDENTITY
#define WORK	WB_CAT_WORK
#define HEALTH	WB_CAT_HEALTH

struct fx {
	struct dbt	 t;
	int64_t		 ggz, uwv, gem, werk;	/* organisations */
	struct wb_actor	 ggz1, ggz2, uwv1, gem1, werk1, admin;
};

/* The first column of the first row of a formatted query, as a number. */
static int64_t WB_PRINTF(2, 3)
qint(struct fx *f, const char *fmt, ...)
{
	char	sql[1024];
	va_list	ap;

	va_start(ap, fmt);
	assert_true(vsnprintf(sql, sizeof(sql), fmt, ap) < (int)sizeof(sql));
	va_end(ap);
	return dbt_int(&f->t, sql);
}

static struct wb_actor
user(struct fx *f, const char *email, const char *role, const char *org)
{
	struct wb_actor	a = { .role = wb_role_parse(role), .address = "test",
	    .via = "web" };
	char		sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO user_account (email, name, "
	    "role, org_id, created_at, updated_at) SELECT '%s', 'Collega', "
	    "'%s', id, 0, 0 FROM organisation WHERE code = '%s'", email, role,
	    org);
	dbt_exec(&f->t, sql);
	a.user_id = qint(f, "SELECT id FROM user_account WHERE email = '%s'",
	    email);
	a.org_id = qint(f, "SELECT id FROM organisation WHERE code = '%s'",
	    org);
	return a;
}

static int
setup(void **state)
{
	struct fx	*f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	dbt_set_now(T0);
	dbt_open(&f->t, false);
	dbt_exec(&f->t,
	    "INSERT INTO region (code, name, year) VALUES "
	    "('AM01', 'Groningen', 2026);"
	    "INSERT INTO municipality (code, name, region_code, year) VALUES "
	    "('GM0014', 'Groningen', 'AM01', 2026);"
	    "INSERT INTO organisation (code, name, type, created_at, "
	    "updated_at) VALUES ('GGZN', 'GGZ Noord', 'ggz', 0, 0), "
	    "('UWVN', 'UWV Groningen', 'uwv', 0, 0), "
	    "('GEMN', 'Gemeente Groningen', 'gemeente', 0, 0), "
	    "('WERKN', 'Bakkerij Noord', 'werkgever', 0, 0)");
	f->ggz1 = user(f, "ggz1@ggz.example", "professional", "GGZN");
	f->ggz2 = user(f, "ggz2@ggz.example", "professional", "GGZN");
	f->uwv1 = user(f, "uwv1@uwv.example", "professional", "UWVN");
	f->gem1 = user(f, "gem1@gem.example", "professional", "GEMN");
	f->werk1 = user(f, "werk1@werk.example", "professional", "WERKN");
	f->admin = user(f, "admin@ggz.example", "admin", "GGZN");
	f->ggz = f->ggz1.org_id;
	f->uwv = f->uwv1.org_id;
	f->gem = f->gem1.org_id;
	f->werk = f->werk1.org_id;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;

	dbt_close(&f->t);
	free(f);
	unsetenv("WB_NOW");
	return 0;
}

static struct wb_client_input
input(const char *bsn)
{
	return (struct wb_client_input){ .bsn = bsn, .given_name = GIVEN,
	    .family_name = FAMILY, .birth_date = "15-03-1985", .phone = "06-12345678",
	    .email = "w.test@example.nl", .address = "Dorpsstraat 1",
	    .municipality = "GM0014", .benefit = "wajong",
	    .target_group = "epa", .function = "behandelaar" };
}

static int64_t
reg(struct fx *f, const struct wb_actor *a, const char *bsn)
{
	struct wb_client_input	in = input(bsn);
	struct wb_err		err;
	int64_t			id = 0;

	/* Only the GGZ records the target group (a health fact). */
	if (a != &f->ggz1 && a != &f->ggz2)
		in.target_group = NULL;
	if (wb_client_register(f->t.db, a, &in, &id, &err) != 0)
		fail_msg("register: %s", err.msg);
	assert_true(id > 0);
	return id;
}

/* "yyyy-mm-dd" of today + off days. */
static const char *
day(struct fx *f, int64_t off)
{
	char	*s = wb_arena_alloc(&f->t.a, 16);

	wb_date_iso(wb_today() + off, s, 16);
	return s;
}

static int64_t
grant(struct fx *f, const struct wb_actor *a, int64_t client, int64_t org,
    const char *purpose, unsigned cats)
{
	struct wb_consent_input	in = { .client_id = client, .org_id = org,
	    .purpose = purpose, .categories = cats, .valid_from = day(f, 0),
	    .valid_until = day(f, 365), .method = "mondeling" };
	struct wb_err		err;
	int64_t			id = 0;

	if (wb_consent_grant(f->t.db, a, &in, &id, &err) != 0)
		fail_msg("consent: %s", err.msg);
	return id;
}

static int64_t
join(struct fx *f, const struct wb_actor *a, int64_t client,
    const struct wb_actor *who)
{
	struct wb_err	err;
	int64_t		mid = 0;

	if (wb_team_add(f->t.db, a, client, who->user_id, "arbeidsdeskundige",
	    &mid, &err) != 0)
		fail_msg("team add: %s", err.msg);
	return mid;
}

/* A GGZ client that UWV works with under a consent for identity and
 * work; *consent gets that consent's id. */
static int64_t
shared_client(struct fx *f, int64_t *consent)
{
	int64_t	id = reg(f, &f->ggz1, BSN);

	*consent = grant(f, &f->ggz1, id, f->uwv, "re-integratie", ID | WORK);
	(void)join(f, &f->ggz1, id, &f->uwv1);
	return id;
}

static int
get(struct fx *f, const struct wb_actor *a, int64_t id, struct wb_client *c)
{
	struct wb_err	err;

	return wb_client_get(f->t.db, a, id, &f->t.a, c, &err);
}

/* Events `event` with `outcome` about client `id`. */
static int64_t
events(struct fx *f, const char *event, const char *outcome, int64_t id)
{
	return qint(f, "SELECT count(*) FROM audit_event WHERE event = '%s' "
	    "AND outcome = '%s' AND client_id = %lld", event, outcome,
	    (long long)id);
}

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
	struct fx	*f = *state;
	struct wb_err	 err;
	size_t		 i;

	memset(long_name, 'a', 101);
	for (i = 0; i < WB_NELEM(cases); i++) {
		struct wb_client_input	in = input(BSN);
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
	assert_int_equal(qint(f, "SELECT count(*) FROM client"), 0);
	assert_int_equal(qint(f, "SELECT count(*) FROM care_team"), 0);
	/* the positive control */
	(void)reg(f, &f->ggz1, BSN);
}

static void
test_register_seals_bsn_and_puts_registrar_on_team(void **state)
{
	struct fx		*f = *state;
	struct wb_client	 c;
	struct wb_err		 err;
	char			 bsn[10], sealed[512];
	int64_t			 id;

	id = reg(f, &f->ggz1, "1234.56.782");
	assert_int_equal(qint(f, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND user_id = %lld AND org_id = %lld AND "
	    "function = 'behandelaar' AND ended_at IS NULL", (long long)id,
	    (long long)f->ggz1.user_id, (long long)f->ggz), 1);
	assert_int_equal(qint(f, "SELECT registered_org * 1000 + "
	    "registered_by FROM client WHERE id = %lld", (long long)id),
	    f->ggz * 1000 + f->ggz1.user_id);
	/* neither stored column holds the number */
	dbt_text(&f->t, "SELECT bsn_sealed FROM client", sealed,
	    sizeof(sealed));
	assert_true(strlen(sealed) > 2 * 9);
	assert_null(strstr(sealed, BSN));
	assert_int_equal(qint(f, "SELECT count(*) FROM client WHERE "
	    "bsn_sealed LIKE '%%" BSN "%%' OR bsn_index LIKE '%%" BSN "%%'"),
	    0);
	assert_int_equal(qint(f, "SELECT length(bsn_index) FROM client"),
	    WB_VAULT_INDEXHEX);
	/* the registrar sees it masked, and in full on request */
	assert_int_equal(get(f, &f->ggz1, id, &c), 0);
	assert_string_equal(c.bsn_masked, "*****6782");
	assert_string_equal(c.name, NAME);
	assert_string_equal(c.target_group, "epa");
	assert_string_equal(c.municipality_name, "Groningen");
	assert_string_equal(c.region_code, "AM01");
	assert_int_equal(c.registered_org, f->ggz);
	assert_int_equal(wb_client_bsn(f->t.db, &f->ggz1, id, bsn, &err), 0);
	assert_string_equal(bsn, BSN);
	assert_int_equal(events(f, "client.create", "allowed", id), 1);
	assert_int_equal(events(f, "client.bsn.read", "allowed", id), 1);
}

/* A second registration of a known BSN, in any notation, is a conflict;
 * only a member of that client's team learns which record it is. */
static void
test_duplicate_bsn_conflicts_and_tells_id_to_team_only(void **state)
{
	static const char *const spellings[] = { BSN, "123 456 782",
	    "123.456.782" };
	struct fx	*f = *state;
	struct wb_err	 err;
	size_t		 i;
	int64_t		 id, other;

	id = reg(f, &f->ggz1, BSN);
	for (i = 0; i < WB_NELEM(spellings); i++) {
		struct wb_client_input in = input(spellings[i]);

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
	assert_int_equal(qint(f, "SELECT count(*) FROM client"), 1);
	assert_int_equal(events(f, "client.create", "denied", id), 9);
	/* another number is another client */
	assert_true(reg(f, &f->ggz1, BSN2) != id);
}

/* Employers do not keep client records here; neither does an
 * administrator or an anonymous visitor. */
static void
test_only_orgs_that_work_with_clients_register(void **state)
{
	struct fx		*f = *state;
	struct wb_actor		 anon = { .address = "test", .via = "web" };
	struct wb_client_input	 in = input(BSN);
	struct wb_err		 err;
	int64_t			 id = -1;

	assert_int_equal(wb_client_register(f->t.db, &f->werk1, &in, &id,
	    &err), WB_EDENIED);
	assert_int_equal(id, 0);
	assert_int_equal(wb_client_register(f->t.db, &f->admin, &in, &id,
	    &err), WB_EDENIED);
	assert_int_equal(wb_client_register(f->t.db, &anon, &in, &id, &err),
	    WB_EDENIED);
	assert_int_equal(qint(f, "SELECT count(*) FROM client"), 0);
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
	struct fx		*f = *state;
	struct wb_client	 c;
	struct wb_err		 err;
	int64_t			 id, work, health, mid;

	id = reg(f, &f->ggz1, BSN);
	/* not on the team: nothing at all */
	assert_int_equal(get(f, &f->uwv1, id, &c), WB_EDENIED);
	assert_null(c.name);
	/* UWV joins the team only under a consent */
	assert_int_equal(wb_team_add(f->t.db, &f->ggz1, id, f->uwv1.user_id,
	    "arbeidsdeskundige", &mid, &err), WB_EINVAL);
	assert_string_equal(err.field, "user");
	assert_int_equal(qint(f, "SELECT count(*) FROM care_team"), 1);
	work = grant(f, &f->ggz1, id, f->uwv, "re-integratie", ID | WORK);
	(void)join(f, &f->ggz1, id, &f->uwv1);

	/* identity and work, not health */
	assert_int_equal(get(f, &f->uwv1, id, &c), 0);
	assert_string_equal(c.name, NAME);
	assert_string_equal(c.bsn_masked, "*****6782");
	assert_string_equal(c.benefit, "wajong");
	assert_null(c.target_group);
	assert_int_equal(c.shown, ID | WORK);
	assert_int_equal(c.access.consent_id, work);
	assert_false(c.access.own);
	assert_int_equal(c.access.purpose, WB_PURPOSE_WORK);
	/* the GGZ sees it, so it is there */
	assert_int_equal(get(f, &f->ggz1, id, &c), 0);
	assert_string_equal(c.target_group, "epa");
	assert_true(c.access.own);

	/* a consent naming health, recorded by the GGZ that holds it */
	health = grant(f, &f->ggz1, id, f->uwv, "re-integratie", HEALTH);
	assert_int_equal(get(f, &f->uwv1, id, &c), 0);
	assert_string_equal(c.target_group, "epa");
	assert_int_equal(c.shown, ID | WORK | HEALTH);

	/* revoked: the very next read is without it */
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, health,
	    "cliënt trekt in", &err), 0);
	assert_int_equal(get(f, &f->uwv1, id, &c), 0);
	assert_null(c.target_group);
	assert_int_equal(c.shown, ID | WORK);

	/* health for another purpose does not count for re-integratie */
	(void)grant(f, &f->ggz1, id, f->uwv, "casuistiekoverleg", HEALTH);
	assert_int_equal(get(f, &f->uwv1, id, &c), 0);
	assert_null(c.target_group);

	/* without the work consent nothing is left for re-integratie */
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, work, NULL,
	    &err), 0);
	assert_int_equal(get(f, &f->uwv1, id, &c), WB_EDENIED);
	assert_null(c.name);
	assert_null(c.benefit);
}

/* A Work & Income organisation holds all but health of the clients it
 * registered itself: it enters the target group but never reads or
 * changes it. */
static void
test_work_income_registrar_never_sees_health(void **state)
{
	struct fx		*f = *state;
	struct wb_client_input	 in = input(BSN);
	struct wb_client_input	 up = { .target_group = "epa" };
	struct wb_client	 c;
	struct wb_err		 err;
	char			 tg[16];
	int64_t			 id;

	in.target_group = NULL;
	in.function = "klantmanager";
	assert_int_equal(wb_client_register(f->t.db, &f->gem1, &in, &id,
	    &err), 0);
	assert_int_equal(get(f, &f->gem1, id, &c), 0);
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
	struct fx		*f = *state;
	struct wb_client	 c;
	struct wb_client_item	*items;
	struct wb_err		 err;
	char			 bsn[10];
	size_t			 n;
	int64_t			 id, found;

	id = reg(f, &f->ggz1, BSN);
	assert_int_equal(get(f, &f->ggz1, id, &c), 0);
	dbt_exec(&f->t, "UPDATE client SET erased_at = 1");
	assert_int_equal(get(f, &f->ggz1, id, &c), WB_ENOTFOUND);
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
	assert_int_equal(events(f, "client.read", "denied", id), 1);
}

/* -- the audit trail -- */

static void
test_every_decision_is_audited_without_personal_data(void **state)
{
	struct fx		*f = *state;
	struct wb_client	 c;
	struct wb_err		 err;
	char			 bsn[10];
	int64_t			 id, work, checked = 0, broken = -1, found;

	id = reg(f, &f->ggz1, BSN);
	assert_int_equal(get(f, &f->uwv1, id, &c), WB_EDENIED);
	work = grant(f, &f->ggz1, id, f->uwv, "re-integratie", ID | WORK);
	(void)join(f, &f->ggz1, id, &f->uwv1);
	assert_int_equal(get(f, &f->uwv1, id, &c), 0);
	assert_int_equal(wb_client_bsn(f->t.db, &f->uwv1, id, bsn, &err), 0);
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->uwv1, BSN, &found,
	    &err), 0);
	assert_int_equal(get(f, &f->ggz1, id, &c), 0);
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, work, NULL,
	    &err), 0);
	assert_int_equal(get(f, &f->uwv1, id, &c), WB_EDENIED);
	assert_int_equal(wb_client_bsn(f->t.db, &f->uwv1, id, bsn, &err),
	    WB_EDENIED);
	assert_int_equal(get(f, &f->admin, id, &c), WB_EDENIED);

	assert_int_equal(events(f, "client.create", "allowed", id), 1);
	assert_int_equal(events(f, "consent.grant", "allowed", id), 1);
	assert_int_equal(events(f, "team.add", "allowed", id), 1);
	assert_int_equal(events(f, "client.read", "allowed", id), 2);
	assert_int_equal(events(f, "client.read", "denied", id), 3);
	assert_int_equal(events(f, "client.bsn.read", "allowed", id), 1);
	assert_int_equal(events(f, "client.bsn.read", "denied", id), 1);
	assert_int_equal(events(f, "client.search", "allowed", id), 1);
	assert_int_equal(events(f, "consent.revoke", "allowed", id), 1);
	/* who, for which organisation, from where */
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'client.read' AND outcome = 'denied' AND user_id = %lld "
	    "AND org_id = %lld AND address = 'test'",
	    (long long)f->uwv1.user_id, (long long)f->uwv), 2);
	/* what UWV read, it read under the consent, for re-integratie */
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "user_id = %lld AND outcome = 'allowed' AND event IN "
	    "('client.read', 'client.bsn.read', 'client.search') AND "
	    "consent_id = %lld AND purpose = 're-integratie'",
	    (long long)f->uwv1.user_id, (long long)work), 3);
	/* the GGZ read as registrar: no consent relied on */
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "user_id = %lld AND event = 'client.read' AND consent_id IS NULL "
	    "AND purpose = 'behandeling'", (long long)f->ggz1.user_id), 1);
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "event IN ('consent.grant', 'consent.revoke') AND consent_id = "
	    "%lld", (long long)work), 2);
	/* every event about the client says for what purpose */
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "client_id = %lld AND purpose IS NULL", (long long)id), 0);

	assert_int_equal(wb_audit_verify(f->t.db, &checked, &broken, &err),
	    0);
	assert_int_equal(checked, qint(f, "SELECT count(*) FROM audit_event"));
	/* no BSN (whole or its last digits), no name, anywhere */
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "coalesce(event, '') || '|' || coalesce(role, '') || '|' || "
	    "coalesce(address, '') || '|' || coalesce(object_type, '') || "
	    "'|' || coalesce(object_id, '') || '|' || coalesce(purpose, '') "
	    "|| '|' || coalesce(detail, '') LIKE '%%%s%%' OR "
	    "coalesce(detail, '') || coalesce(object_id, '') LIKE '%%6782%%' "
	    "OR coalesce(detail, '') LIKE '%%Wilhelmina%%' OR "
	    "coalesce(detail, '') LIKE '%%Testcli%%'", BSN), 0);
}

/* -- changing -- */

static void
test_update_refuses_category_keeps_unsent_fields(void **state)
{
	struct fx		*f = *state;
	struct wb_client_input	 up;
	struct wb_err		 err;
	char			 row[256], before[256], bsn[10];
	int64_t			 id, work;
	const char		*q = "SELECT given_name || ' ' || family_name || '|' || birth_date || "
	    "'|' || phone || '|' || email || '|' || address || '|' || "
	    "municipality_code || '|' || benefit || '|' || target_group "
	    "FROM client";

	id = shared_client(f, &work);
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
	assert_int_equal(events(f, "client.update", "denied", id), 2);

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
	assert_int_equal(events(f, "client.update", "allowed", id), 2);

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
	struct fx	*f = *state;
	struct wb_err	 err;
	int64_t		 id, found, other;

	id = reg(f, &f->ggz1, BSN);
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->ggz1, "123 456 782",
	    &found, &err), 0);
	assert_int_equal(found, id);
	/* not on the team, or no identity: the same as no such client */
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->ggz2, BSN, &found,
	    &err), WB_ENOTFOUND);
	assert_int_equal(found, 0);
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->uwv1, BSN, &found,
	    &err), WB_ENOTFOUND);
	(void)grant(f, &f->ggz1, id, f->uwv, "re-integratie", WORK);
	(void)join(f, &f->ggz1, id, &f->uwv1);
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->uwv1, BSN, &found,
	    &err), WB_ENOTFOUND);
	assert_int_equal(found, 0);
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->ggz1, BSN2, &found,
	    &err), WB_ENOTFOUND);
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->ggz1, "123456789",
	    &found, &err), WB_EINVAL);
	assert_string_equal(err.field, "bsn");
	other = reg(f, &f->ggz2, BSN2);
	assert_int_equal(wb_client_find_bsn(f->t.db, &f->ggz2, BSN2, &found,
	    &err), 0);
	assert_int_equal(found, other);

	assert_int_equal(dbt_audit_count(&f->t, "client.search", "allowed"),
	    2);
	assert_int_equal(dbt_audit_count(&f->t, "client.search", "denied"), 4);
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'client.search' AND (coalesce(detail, '') LIKE "
	    "'%%6782%%' OR coalesce(object_id, '') LIKE '%%6782%%' OR "
	    "coalesce(detail, '') LIKE '%%6758%%')"), 0);
}

static void
test_list_mine_hides_names_without_identity(void **state)
{
	struct fx		*f = *state;
	struct wb_client_input	 in = input(BSN2);
	struct wb_client_item	*items;
	struct wb_err		 err;
	size_t			 n, i;
	int64_t			 a, b;

	a = reg(f, &f->ggz1, BSN);
	in.given_name = "Bart";
	in.family_name = "Tweede";
	assert_int_equal(wb_client_register(f->t.db, &f->ggz1, &in, &b,
	    &err), 0);
	(void)grant(f, &f->ggz1, a, f->uwv, "re-integratie", WORK);
	(void)grant(f, &f->ggz1, b, f->uwv, "re-integratie", ID | WORK);
	(void)join(f, &f->ggz1, a, &f->uwv1);
	(void)join(f, &f->ggz1, b, &f->uwv1);

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
	assert_int_equal(dbt_audit_count(&f->t, "client.list", "allowed"), 3);
	assert_int_equal(dbt_audit_count(&f->t, "client.list", "denied"), 1);
	assert_int_equal(qint(f, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'client.list' AND object_id = '%lld,%lld'",
	    (long long)a, (long long)b), 2);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

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
