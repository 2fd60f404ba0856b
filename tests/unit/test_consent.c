/* test_consent.c - consents and the care team on a real database
 * (src/domain/consent.c and team.c, deciding through client_access.c).
 *
 * The same region as test_client.c: a GGZ institution registers the
 * client, UWV works with them under a consent, a municipality and an
 * employer are asked for now and then.  What is checked: the form rules
 * of a consent (each refusal names its field), who may record one (only
 * what your organisation holds, never for yourself), that a consent
 * counts for its own purpose and period only, and that revoking it or
 * ending a team membership takes effect at the next decision.
 */
#include "clienttest.h"

#include "domain/client_access.h"

#define GIVEN	"Wilhelmina"
#define FAMILY	"Testcliënt"
#define NAME	GIVEN " " FAMILY

/* A date as the form carries it: "+N" or "-N" days from today, or the
 * text itself. */
static const char *
when(struct ct_fx *f, const char *s)
{
	if (s != NULL && (s[0] == '+' || s[0] == '-'))
		return ct_day(&f->t, strtoll(s, NULL, 10));
	return s;
}

/* -- recording a consent -- */

struct vcase {
	const char	*field;		/* NULL: accepted */
	int		 org;		/* 0 GGZ... see org_of() */
	const char	*purpose;
	unsigned	 cats;
	const char	*from, *until, *method, *evidence;
};

enum { TO_UWV, TO_NONE, TO_WERK, TO_GEM };

static int64_t
org_of(struct ct_fx *f, int which)
{
	switch (which) {
	case TO_UWV:	return f->uwv;
	case TO_WERK:	return f->werk;
	case TO_GEM:	return f->gem;
	default:	return 0;
	}
}

static char	long_evidence[202];

#define RI	"re-integratie"
#define OK2	"+0", "+365", "mondeling", NULL

static const struct vcase vcases[] = {
	{ "org", TO_NONE, RI, ID, OK2 },
	{ "org", TO_WERK, RI, ID, OK2 },	/* employers keep no clients */
	{ "purpose", TO_UWV, NULL, ID, OK2 },
	{ "purpose", TO_UWV, "onbekend", ID, OK2 },
	{ "purpose", TO_UWV, "Re-integratie", ID, OK2 },
	{ "categories", TO_UWV, RI, 0, OK2 },
	{ "categories", TO_UWV, RI, 1u << 5, OK2 },
	{ "categories", TO_UWV, RI, ID | (1u << 7), OK2 },
	{ "valid_from", TO_UWV, RI, ID, "", "+365", "mondeling", NULL },
	{ "valid_from", TO_UWV, RI, ID, "32-01-2027", "+365", "mondeling",
	    NULL },
	{ "valid_from", TO_UWV, RI, ID, "-32", "+365", "mondeling", NULL },
	{ "valid_until", TO_UWV, RI, ID, "+0", "", "mondeling", NULL },
	{ "valid_until", TO_UWV, RI, ID, "+10", "+5", "mondeling", NULL },
	{ "valid_until", TO_UWV, RI, ID, "-5", "-1", "mondeling", NULL },
	{ "valid_until", TO_UWV, RI, ID, "+0", "+1831", "mondeling", NULL },
	{ "method", TO_UWV, RI, ID, "+0", "+365", "online", NULL },
	{ "method", TO_UWV, RI, ID, "+0", "+365", NULL, NULL },
	{ "method", TO_UWV, RI, ID, "+0", "+365", "telefonisch", NULL },
	{ "evidence", TO_UWV, RI, ID, "+0", "+365", "schriftelijk", NULL },
	{ "evidence", TO_UWV, RI, ID, "+0", "+365", "schriftelijk", "" },
	{ "evidence", TO_UWV, RI, ID, "+0", "+365", "mondeling",
	    long_evidence },
	/* accepted: the edges of the rules */
	{ NULL, TO_UWV, RI, ID, "+0", "+1830", "mondeling", NULL },
	{ NULL, TO_UWV, RI, ID, "-31", "+0", "mondeling", NULL },
	{ NULL, TO_UWV, "casuistiekoverleg", WB_CAT_ALL, "+0", "+0",
	    "schriftelijk", "DOC-2027-001" },
	{ NULL, TO_GEM, "behandeling", WORK, "+30", "+60", "mondeling",
	    NULL },
};

static void
test_consent_refusals_name_the_field(void **state)
{
	struct ct_fx	*f = *state;
	struct wb_err	 err;
	size_t		 i;
	int64_t		 id, cid, accepted = 0;

	memset(long_evidence, 'x', 201);
	id = ct_reg(f, &f->ggz1, BSN, GIVEN);
	for (i = 0; i < WB_NELEM(vcases); i++) {
		const struct vcase	*c = &vcases[i];
		struct wb_consent_input	 in = { .client_id = id,
		    .org_id = org_of(f, c->org), .purpose = c->purpose,
		    .categories = c->cats, .valid_from = when(f, c->from),
		    .valid_until = when(f, c->until), .method = c->method,
		    .evidence = c->evidence };
		int			 rc;

		wb_err_clear(&err);
		cid = -1;
		rc = wb_consent_grant(f->t.db, &f->ggz1, &in, &cid, &err);
		if (c->field == NULL) {
			if (rc != 0)
				fail_msg("case %zu refused: %s", i, err.msg);
			assert_true(cid > 0);
			accepted++;
			continue;
		}
		if (rc != WB_EINVAL || strcmp(err.field, c->field) != 0)
			fail_msg("case %zu (%s): rc %d, field \"%s\"", i,
			    c->field, rc, err.field);
		assert_int_equal(cid, 0);
	}
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM consent"),
	    accepted);
	assert_int_equal(ct_events(&f->t, "consent.grant", "allowed", id),
	    accepted);
}

/* Only the client gives consent online, and only online. */
static void
test_client_records_own_consent_online(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_actor		 me = { .role = WB_ROLE_CLIENT,
	    .address = "test", .via = "web" };
	struct wb_consent_input	 in = { .org_id = f->uwv, .purpose = RI,
	    .categories = ID | WORK | HEALTH, .method = "mondeling" };
	struct wb_client	 c;
	struct wb_err		 err;
	int64_t			 id, cid;

	id = ct_reg(f, &f->ggz1, BSN, GIVEN);
	me.client_id = id;
	in.client_id = id;
	in.valid_from = ct_day(&f->t, 0);
	in.valid_until = ct_day(&f->t, 90);
	assert_int_equal(wb_consent_grant(f->t.db, &me, &in, &cid, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "method");
	in.method = "online";
	assert_int_equal(wb_consent_grant(f->t.db, &me, &in, &cid, &err), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM consent WHERE "
	    "method = 'online' AND recorded_by IS NULL AND categories = %u",
	    ID | WORK | HEALTH), 1);
	/* the client may pass on health; UWV now sees it */
	(void)ct_join(&f->t, &f->ggz1, id, &f->uwv1, "arbeidsdeskundige");
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), 0);
	assert_string_equal(c.target_group, "epa");
	assert_int_equal(c.access.consent_id, cid);
	/* not for another client's record */
	me.client_id = ct_reg(f, &f->ggz1, BSN2, GIVEN);
	assert_int_equal(wb_consent_grant(f->t.db, &me, &in, &cid, &err),
	    WB_EDENIED);
	assert_int_equal(ct_events(&f->t, "consent.grant", "denied", id), 1);
}

/* You pass on only what your organisation holds, and never widen your
 * own organisation's access. */
static void
test_work_income_cannot_grant_health_or_itself(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_consent_input	 in = { .purpose = RI, .method = "mondeling" };
	struct wb_err		 err;
	int64_t			 id, work, cid;

	id = ct_shared_client(f, &work);
	in.client_id = id;
	in.valid_from = ct_day(&f->t, 0);
	in.valid_until = ct_day(&f->t, 365);

	in.org_id = f->uwv;
	in.categories = HEALTH;
	assert_int_equal(wb_consent_grant(f->t.db, &f->uwv1, &in, &cid, &err),
	    WB_EDENIED);
	assert_int_equal(cid, 0);
	in.categories = ID | WORK;
	assert_int_equal(wb_consent_grant(f->t.db, &f->uwv1, &in, &cid, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "org");
	in.org_id = f->gem;
	in.categories = ID | HEALTH;
	assert_int_equal(wb_consent_grant(f->t.db, &f->uwv1, &in, &cid, &err),
	    WB_EDENIED);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM consent"), 1);
	/* no consent names health (bit 4) */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM consent WHERE "
	    "categories %% 8 >= 4"), 0);
	/* both refusals and the attempt for its own organisation */
	assert_int_equal(ct_events(&f->t, "consent.grant", "denied", id), 3);

	/* what UWV holds it may pass on to the municipality */
	in.categories = ID | WORK;
	assert_int_equal(wb_consent_grant(f->t.db, &f->uwv1, &in, &cid, &err),
	    0);
	/* the registering GGZ may record one for itself */
	in.org_id = f->ggz;
	in.purpose = "casuistiekoverleg";
	in.categories = ID;
	assert_int_equal(wb_consent_grant(f->t.db, &f->ggz1, &in, &cid, &err),
	    0);
	/* and a GGZ colleague not on the team may record nothing */
	in.org_id = f->uwv;
	in.purpose = RI;
	assert_int_equal(wb_consent_grant(f->t.db, &f->ggz2, &in, &cid, &err),
	    WB_EDENIED);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM consent"), 3);
}

/* A consent for re-integratie is no consent for casuïstiekoverleg, and
 * none is ever one for monitoring. */
static void
test_consent_counts_for_its_purpose_only(void **state)
{
	static const struct {
		enum wb_purpose	 purpose;
		unsigned	 want;
		int		 rc;
		unsigned	 allowed;
		int		 consent;	/* 0 none, 1 work, 2 case */
	} cases[] = {
		{ WB_PURPOSE_NONE, ID | WORK, 0, ID | WORK, 1 },
		{ WB_PURPOSE_WORK, ID | WORK, 0, ID | WORK, 1 },
		{ WB_PURPOSE_CASE, ID | WORK, WB_EDENIED, ID, 2 },
		{ WB_PURPOSE_CASE, ID, 0, ID, 2 },
		{ WB_PURPOSE_CARE, ID, WB_EDENIED, 0, 0 },
		{ WB_PURPOSE_MONITORING, ID, WB_EDENIED, 0, 0 },
	};
	struct ct_fx			*f = *state;
	struct wb_client_decision	 d;
	struct wb_err			 err;
	int64_t				 id, ids[3] = { 0 };
	size_t				 i;
	int				 rc;

	id = ct_shared_client(f, &ids[1]);
	ids[2] = ct_grant(&f->t, &f->ggz1, id, f->uwv, "casuistiekoverleg", ID);
	for (i = 0; i < WB_NELEM(cases); i++) {
		struct wb_client_op op = { .event = "test", .client_id = id,
		    .want = cases[i].want, .purpose = cases[i].purpose };

		assert_int_equal(wb_db_begin_read(f->t.db, &err), 0);
		rc = wb_client_decide(f->t.db, &f->uwv1, &op, &d, &err);
		wb_db_rollback(f->t.db);
		if (rc != cases[i].rc || d.allowed != cases[i].allowed ||
		    d.consent_id != ids[cases[i].consent])
			fail_msg("case %zu: rc %d, allowed %#x, consent %lld",
			    i, rc, d.allowed, (long long)d.consent_id);
	}
}

/* Valid from its first to its last day, not a day longer. */
static void
test_consent_counts_within_its_period_only(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_consent_input	 in = { .purpose = RI,
	    .categories = ID | WORK, .method = "mondeling" };
	struct wb_consent	*list;
	struct wb_client	 c;
	struct wb_err		 err;
	size_t			 n;
	int64_t			 id, cid, mid;

	id = ct_reg(f, &f->ggz1, BSN, GIVEN);
	in.client_id = id;
	in.org_id = f->uwv;
	/* not yet valid: UWV cannot join */
	in.valid_from = ct_day(&f->t, 5);
	in.valid_until = ct_day(&f->t, 10);
	assert_int_equal(wb_consent_grant(f->t.db, &f->ggz1, &in, &cid, &err),
	    0);
	assert_int_equal(wb_team_add(f->t.db, &f->ggz1, id, f->uwv1.user_id,
	    "arbeidsdeskundige", &mid, &err), WB_EINVAL);
	/* valid today and tomorrow */
	in.valid_from = ct_day(&f->t, 0);
	in.valid_until = ct_day(&f->t, 1);
	assert_int_equal(wb_consent_grant(f->t.db, &f->ggz1, &in, &cid, &err),
	    0);
	(void)ct_join(&f->t, &f->ggz1, id, &f->uwv1, "arbeidsdeskundige");
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), 0);
	dbt_set_now(T0 + 86400);
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), 0);
	dbt_set_now(T0 + 2 * 86400);
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), WB_EDENIED);
	assert_int_equal(wb_consent_list(f->t.db, &f->ggz1, id, &f->t.a,
	    &list, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_false(list[0].active);
	assert_false(list[1].active);
	/* the later one starts: UWV reads again */
	dbt_set_now(T0 + 5 * 86400);
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), 0);
	assert_int_equal(c.access.consent_id, list[1].id);
}

static void
test_revoke_takes_effect_at_once(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_consent	*list;
	struct wb_client	 c;
	struct wb_err		 err;
	char			 reason[302];
	size_t			 n;
	int64_t			 id, work, other;

	id = ct_shared_client(f, &work);
	other = ct_reg(f, &f->ggz1, BSN2, GIVEN);
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), 0);
	memset(reason, 'r', 301);
	reason[301] = '\0';
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, work,
	    reason, &err), WB_EINVAL);
	assert_string_equal(err.field, "reason");
	/* not on the team: refused; another client's id: not found */
	assert_int_equal(wb_consent_revoke(f->t.db, &f->gem1, id, work, NULL,
	    &err), WB_EDENIED);
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, other, work,
	    NULL, &err), WB_ENOTFOUND);
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, work + 99,
	    NULL, &err), WB_ENOTFOUND);
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), 0);

	/* UWV itself, on the team, may revoke what it works under */
	assert_int_equal(wb_consent_revoke(f->t.db, &f->uwv1, id, work,
	    "cliënt wil stoppen", &err), 0);
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), WB_EDENIED);
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, work, NULL,
	    &err), WB_EINVAL);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM consent WHERE id "
	    "= %lld AND revoked_by = %lld AND revoke_reason = 'cliënt wil "
	    "stoppen' AND revoked_at IS NOT NULL", (long long)work,
	    (long long)f->uwv1.user_id), 1);
	assert_int_equal(wb_consent_list(f->t.db, &f->ggz1, id, &f->t.a,
	    &list, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_false(list[0].active);
	assert_true(list[0].revoked_at != 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'consent.revoke' AND outcome = 'allowed' AND "
	    "consent_id = %lld AND client_id = %lld", (long long)work,
	    (long long)id), 1);
	assert_int_equal(ct_events(&f->t, "consent.revoke", "denied", id), 1);
}

/* -- the team -- */

static void
test_team_add_needs_consent_for_another_org(void **state)
{
	struct ct_fx	*f = *state;
	struct wb_err	 err;
	int64_t		 id, mid;
	size_t		 i;
	struct {
		int64_t		 user;
		const char	*function;
		const char	*field;
	} bad[] = {
		{ f->uwv1.user_id, "arbeidsdeskundige", "user" },
		{ f->werk1.user_id, "jobcoach", "user" },
		{ f->admin.user_id, "overig", "user" },	/* no professional */
		{ 99999, "overig", "user" },
		{ f->ggz2.user_id, "kok", "function" },
		{ f->ggz1.user_id, "behandelaar", "user" },	/* already */
	};

	id = ct_reg(f, &f->ggz1, BSN, GIVEN);
	for (i = 0; i < WB_NELEM(bad); i++) {
		wb_err_clear(&err);
		if (wb_team_add(f->t.db, &f->ggz1, id, bad[i].user,
		    bad[i].function, &mid, &err) != WB_EINVAL ||
		    strcmp(err.field, bad[i].field) != 0)
			fail_msg("case %zu: field \"%s\"", i, err.field);
	}
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team"), 1);
	/* a colleague of the registering GGZ needs no consent */
	(void)ct_join(&f->t, &f->ggz1, id, &f->ggz2, "arbeidsdeskundige");
	/* a consent of any purpose lets UWV join */
	(void)ct_grant(&f->t, &f->ggz1, id, f->uwv, "casuistiekoverleg", ID);
	(void)ct_join(&f->t, &f->ggz1, id, &f->uwv1, "arbeidsdeskundige");
	/* only a team member with identity access adds anyone */
	assert_int_equal(wb_team_add(f->t.db, &f->gem1, id, f->gem1.user_id,
	    "klantmanager", &mid, &err), WB_EDENIED);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team WHERE "
	    "ended_at IS NULL"), 3);
	assert_int_equal(ct_events(&f->t, "team.add", "allowed", id), 2);
	/* two colleagues without consent, and the municipality */
	assert_int_equal(ct_events(&f->t, "team.add", "denied", id), 3);
}

static void
test_team_end_removes_access_at_once(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_client	 c;
	struct wb_client_item	*items;
	struct wb_team_member	*team;
	struct wb_err		 err;
	size_t			 n;
	int64_t			 id, other, m2, mu, work;

	id = ct_shared_client(f, &work);
	other = ct_reg(f, &f->ggz1, BSN2, GIVEN);
	m2 = ct_join(&f->t, &f->ggz1, id, &f->ggz2, "arbeidsdeskundige");
	mu = ct_qint(&f->t, "SELECT id FROM care_team WHERE user_id = %lld",
	    (long long)f->uwv1.user_id);
	assert_int_equal(ct_get(&f->t, &f->ggz2, id, &c), 0);
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), 0);

	assert_int_equal(wb_team_end(f->t.db, &f->ggz1, id, m2, &err), 0);
	assert_int_equal(ct_get(&f->t, &f->ggz2, id, &c), WB_EDENIED);
	assert_int_equal(wb_client_list_mine(f->t.db, &f->ggz2, &f->t.a,
	    &items, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(wb_team_end(f->t.db, &f->ggz1, id, mu, &err), 0);
	assert_int_equal(ct_get(&f->t, &f->uwv1, id, &c), WB_EDENIED);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team WHERE "
	    "ended_at IS NOT NULL AND ended_by = %lld",
	    (long long)f->ggz1.user_id), 2);
	assert_int_equal(wb_team_list(f->t.db, &f->ggz1, id, &f->t.a, &team,
	    &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(team[0].user_id, f->ggz1.user_id);

	/* ended once is ended; a member of another client is not found */
	assert_int_equal(wb_team_end(f->t.db, &f->ggz1, id, m2, &err),
	    WB_ENOTFOUND);
	assert_int_equal(wb_team_end(f->t.db, &f->ggz1, other, m2, &err),
	    WB_ENOTFOUND);
	/* an ended member ends nobody */
	assert_int_equal(wb_team_end(f->t.db, &f->ggz2, id, m2, &err),
	    WB_EDENIED);
	assert_int_equal(ct_events(&f->t, "team.end", "allowed", id), 2);
	/* and may join again, with access again */
	(void)ct_join(&f->t, &f->ggz1, id, &f->ggz2, "arbeidsdeskundige");
	assert_int_equal(ct_get(&f->t, &f->ggz2, id, &c), 0);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, ct_setup, ct_teardown)

/* What an organisation other than the registering one may not do on the
 * team, and what it does not see (review findings): end another
 * organisation's membership, revoke another organisation's consent, read
 * consents given to third parties. */
static void
test_other_org_stays_in_its_lane(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_consent	*k;
	struct wb_err		 err;
	size_t			 n, i;
	int64_t			 id, work, gem, ggz_member;

	id = ct_shared_client(f, &work);
	gem = ct_grant(&f->t, &f->ggz1, id, f->gem, "re-integratie",
	    ID | HEALTH);
	ggz_member = ct_qint(&f->t, "SELECT id FROM care_team WHERE "
	    "client_id = %lld AND user_id = %lld", (long long)id,
	    (long long)f->ggz1.user_id);

	/* UWV cannot take the registering GGZ off the team... */
	assert_int_equal(wb_team_end(f->t.db, &f->uwv1, id, ggz_member,
	    &err), WB_EDENIED);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team "
	    "WHERE id = %lld AND ended_at IS NULL", (long long)ggz_member), 1);
	/* ...nor revoke the municipality's consent, but it may give up its
	 * own, and the GGZ may revoke any. */
	assert_int_equal(wb_consent_revoke(f->t.db, &f->uwv1, id, gem, NULL,
	    &err), WB_EDENIED);
	assert_int_equal(ct_events(&f->t, "consent.revoke", "denied", id), 1);
	/* UWV sees its own consent only, not the municipality's health */
	assert_int_equal(wb_consent_list(f->t.db, &f->uwv1, id, &f->t.a, &k,
	    &n, &err), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(k[i].org_id, f->uwv);
	assert_int_equal(n, 1);
	assert_int_equal(wb_consent_list(f->t.db, &f->ggz1, id, &f->t.a, &k,
	    &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, gem, NULL,
	    &err), 0);
	assert_int_equal(wb_consent_revoke(f->t.db, &f->uwv1, id, work, NULL,
	    &err), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_other_org_stays_in_its_lane),
		T(test_consent_refusals_name_the_field),
		T(test_client_records_own_consent_online),
		T(test_work_income_cannot_grant_health_or_itself),
		T(test_consent_counts_for_its_purpose_only),
		T(test_consent_counts_within_its_period_only),
		T(test_revoke_takes_effect_at_once),
		T(test_team_add_needs_consent_for_another_org),
		T(test_team_end_removes_access_at_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
