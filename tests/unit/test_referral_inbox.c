/* test_referral_inbox.c - warme overdracht on a real database, the
 * receiving side (src/domain/referral.c with the referral door of
 * access.c): the inbox of the contact point's person and deputy, the
 * door that shows who is referred, accepting, declining and
 * withdrawing.  The sending side: test_referral.c.
 *
 * The fixture is test_referral.c's (ct_ref in clienttest.h).  The
 * central properties: only the contact point's person or deputy sees who
 * is referred, and only through the inbox; after an answer that door is
 * closed and the team (under the consent) takes over.
 */
#include "clienttest.h"

#define GIVEN	"Wilhelmina"
#define FAMILY	"Verwezen"
#define NAME	GIVEN " " FAMILY

/* -- the receiver -- */

static void
test_inbox_of_person_and_deputy_only(void **state)
{
	struct ct_ref		*f = *state;
	const struct wb_actor	*staff[] = { &f->uwvp, &f->uwvd };
	const struct wb_actor	*others[] = { &f->uwvc, &f->gem1, &f->ggz2 };
	struct wb_referral	*in, *out;
	size_t			 nin, nout, i;
	int64_t			 id, consent, rid;

	id = ct_ref_client(f, &consent);
	rid = ct_ref_sent(f, id, "re-integratie");
	for (i = 0; i < WB_NELEM(staff); i++) {
		assert_int_equal(ct_ref_inbox(f, staff[i], &in, &nin, &out,
		    &nout), 0);
		assert_int_equal(nin, 1);
		assert_int_equal(nout, 0);
		assert_int_equal(in[0].id, rid);
		assert_non_null(in[0].client_name);
		assert_string_equal(in[0].client_name, NAME);
		assert_true(in[0].for_me);
		assert_false(in[0].overdue);
		assert_string_equal(in[0].status, "verzonden");
		assert_string_equal(in[0].question, QUESTION);
		assert_string_equal(in[0].from_org_name, "GGZ Noord");
		assert_int_equal(in[0].purpose, WB_PURPOSE_WORK);
		assert_int_equal(in[0].consent_id, consent);
	}
	for (i = 0; i < WB_NELEM(others); i++) {
		assert_int_equal(ct_ref_inbox(f, others[i], &in, &nin, &out,
		    &nout), 0);
		if (nin != 0 || nout != 0)
			fail_msg("other %zu: %zu in, %zu sent", i, nin, nout);
	}
	/* the sender follows it, with the name (on the team) */
	assert_int_equal(ct_ref_inbox(f, &f->ggz1, &in, &nin, &out, &nout), 0);
	assert_int_equal(nin, 0);
	assert_int_equal(nout, 1);
	assert_int_equal(out[0].id, rid);
	assert_string_equal(out[0].client_name, NAME);
	assert_false(out[0].for_me);
	assert_string_equal(out[0].to_org_name, "UWV Groningen");
	/* no inbox for an administrator */
	assert_int_equal(ct_ref_inbox(f, &f->admin, &in, &nin, &out, &nout),
	    WB_EDENIED);
	assert_int_equal(nin + nout, 0);
	assert_int_equal(dbt_audit_count(&f->t, "referral.inbox", "denied"),
	    1);
	/* each name shown is a read of the client's identity, by the
	 * contact point under the referral's consent */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'referral.inbox' AND client_id = %lld AND "
	    "consent_id = %lld AND detail = 'identity' AND user_id IN (%lld, "
	    "%lld)", (long long)id, (long long)consent,
	    (long long)f->uwvp.user_id, (long long)f->uwvd.user_id), 2);
}

/* Open ones first, then by newest; overdue after five working days and
 * only while open. */
static void
test_inbox_open_first_and_overdue(void **state)
{
	struct ct_ref		*f = *state;
	struct wb_referral	*in, *out;
	struct wb_err		 err;
	size_t			 nin, nout;
	int64_t			 a, b, ra, rb, consent;

	a = ct_ref_client(f, &consent);
	b = ct_ref_reg(f, BSN2, "Bart");
	(void)ct_grant(&f->t, &f->ggz1, b, f->uwv, "re-integratie", ID);
	ra = ct_ref_sent(f, a, "re-integratie");
	rb = ct_ref_sent(f, b, "re-integratie");
	assert_int_equal(ct_ref_inbox(f, &f->uwvp, &in, &nin, &out, &nout), 0);
	assert_int_equal(nin, 2);
	assert_int_equal(in[0].id, rb);
	assert_int_equal(in[1].id, ra);
	assert_int_equal(wb_referral_decline(f->t.db, &f->uwvp, rb,
	    "Geen plek", &err), 0);
	assert_int_equal(ct_ref_inbox(f, &f->uwvp, &in, &nin, &out, &nout), 0);
	assert_int_equal(nin, 2);
	assert_int_equal(in[0].id, ra);
	assert_int_equal(in[1].id, rb);
	/* declined: the door is closed, so neither the name nor the free
	 * text (question, answer) is shown any more (review finding) */
	assert_null(in[1].answer);
	assert_null(in[1].question);
	/* declined: no longer pending, so no name */
	assert_null(in[1].client_name);
	assert_string_equal(in[0].client_name, NAME);

	/* Friday 15-01 to Friday 22-01: five working days */
	dbt_set_now(T0 + 7 * DAY);
	assert_int_equal(ct_ref_inbox(f, &f->uwvp, &in, &nin, &out, &nout), 0);
	assert_false(in[0].overdue);
	/* Monday 25-01: six; the declined one is never overdue */
	dbt_set_now(T0 + 10 * DAY);
	assert_int_equal(ct_ref_inbox(f, &f->uwvp, &in, &nin, &out, &nout), 0);
	assert_int_equal(in[0].id, ra);
	assert_true(in[0].overdue);
	assert_false(in[1].overdue);
	assert_int_equal(ct_ref_inbox(f, &f->ggz1, &in, &nin, &out, &nout), 0);
	assert_int_equal(nout, 2);
	assert_int_equal(out[1].id, ra);
	assert_true(out[1].overdue);
	assert_false(out[0].overdue);
	/* a name is a read of identity; a row without one is not: the
	 * contact point read b's name once, while it was pending */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'referral.inbox' AND detail = 'identity' AND "
	    "client_id = %lld AND user_id = %lld", (long long)b,
	    (long long)f->uwvp.user_id), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'referral.inbox' AND detail = 'identity' AND "
	    "client_id = %lld AND user_id = %lld", (long long)a,
	    (long long)f->uwvp.user_id), 4);
}

/* The referral door: identity only, only to read, only through the inbox,
 * only while the referral is pending. */
static void
test_door_gives_identity_only_through_inbox(void **state)
{
	struct ct_ref			*f = *state;
	struct wb_client_decision	 d;
	struct wb_client		 c;
	struct wb_referral		*r;
	struct wb_err			 err;
	size_t				 n;
	int64_t				 id, consent, rid;

	id = ct_ref_reg(f, BSN, GIVEN);
	consent = ct_grant(&f->t, &f->ggz1, id, f->uwv, "re-integratie", ID |
	    WORK | HEALTH);
	/* nothing before the referral */
	assert_int_equal(ct_ref_door(f, &f->uwvp, id, ID, false, &d),
	    WB_EDENIED);
	assert_int_equal(d.allowed, 0);
	rid = ct_ref_sent(f, id, "re-integratie");

	assert_int_equal(ct_ref_door(f, &f->uwvp, id, ID, false, &d), 0);
	assert_int_equal(d.allowed, ID);
	assert_int_equal(d.consent_id, consent);
	assert_int_equal(ct_ref_door(f, &f->uwvd, id, ID, false, &d), 0);
	/* not work or health, although the consent names them */
	assert_int_equal(ct_ref_door(f, &f->uwvp, id, ID | WORK, false, &d),
	    WB_EDENIED);
	assert_int_equal(d.allowed, ID);
	assert_int_equal(ct_ref_door(f, &f->uwvp, id, HEALTH, false, &d),
	    WB_EDENIED);
	assert_int_equal(d.allowed, 0);
	/* not to change anything */
	assert_int_equal(ct_ref_door(f, &f->uwvp, id, ID, true, &d),
	    WB_EDENIED);
	/* not for a colleague, nor the other contact points */
	assert_int_equal(ct_ref_door(f, &f->uwvc, id, ID, false, &d),
	    WB_EDENIED);
	assert_int_equal(ct_ref_door(f, &f->gem1, id, ID, false, &d),
	    WB_EDENIED);
	assert_int_equal(ct_ref_door(f, &f->ggz2, id, ID, false, &d),
	    WB_EDENIED);

	/* and only through the inbox: not the record, not its referrals */
	assert_int_equal(ct_get(&f->t, &f->uwvp, id, &c), WB_EDENIED);
	assert_null(c.name);
	assert_int_equal(wb_referral_list_client(f->t.db, &f->uwvp, id,
	    &f->t.a, &r, &n, &err), WB_EDENIED);
	assert_int_equal(n, 0);
	assert_int_equal(ct_events(&f->t, "client.read", "denied", id), 1);

	/* accepted, with a colleague who takes the client on: the door is
	 * closed, the colleague has what the consent allows */
	assert_int_equal(ct_ref_accept(f, &f->uwvp, rid, f->uwvc.user_id,
	    "arbeidsdeskundige", &err), 0);
	assert_int_equal(ct_ref_door(f, &f->uwvp, id, ID, false, &d),
	    WB_EDENIED);
	assert_int_equal(ct_get(&f->t, &f->uwvp, id, &c), WB_EDENIED);
	assert_int_equal(ct_get(&f->t, &f->uwvc, id, &c), 0);
	assert_string_equal(c.name, NAME);
	assert_int_equal(c.shown, ID | WORK | HEALTH);
	assert_string_equal(c.target_group, "epa");
	assert_int_equal(c.access.consent_id, consent);
	assert_int_equal(wb_referral_list_client(f->t.db, &f->uwvc, id,
	    &f->t.a, &r, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].status, "geaccepteerd");
	assert_string_equal(r[0].assigned_name, "uwvc@uwv.example");
}

/* A consent without health: the contact point who takes the client on
 * themself gets identity and work, never health. */
static void
test_person_takes_client_on_within_consent(void **state)
{
	struct ct_ref		*f = *state;
	struct wb_client	 c;
	struct wb_err		 err;
	int64_t			 id, consent, r1, r2;

	id = ct_ref_client(f, &consent);
	r1 = ct_ref_sent(f, id, "re-integratie");
	r2 = ct_ref_sent(f, id, "re-integratie");
	assert_int_equal(ct_ref_accept(f, &f->uwvp, r1, f->uwvp.user_id,
	    "re-integratieadviseur", &err), WB_EINVAL);
	assert_string_equal(err.field, "function");
	assert_int_equal(ct_ref_accept(f, &f->uwvp, r1, f->uwvp.user_id,
	    "reintegratieadviseur", &err), 0);
	assert_int_equal(ct_get(&f->t, &f->uwvp, id, &c), 0);
	assert_string_equal(c.name, NAME);
	assert_int_equal(c.shown, ID | WORK);
	assert_null(c.target_group);
	/* already on the team: a second acceptance adds no second row */
	assert_int_equal(ct_ref_accept(f, &f->uwvp, r2, f->uwvp.user_id,
	    "arbeidsdeskundige", &err), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND user_id = %lld AND ended_at IS NULL",
	    (long long)id, (long long)f->uwvp.user_id), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND user_id = %lld AND function = "
	    "'reintegratieadviseur'", (long long)id,
	    (long long)f->uwvp.user_id), 1);
}

/* -- answering -- */

static void
test_accept_by_person_or_deputy_with_a_colleague(void **state)
{
	struct ct_ref		*f = *state;
	const struct wb_actor	*not_cp[] = { &f->uwvc, &f->ggz1, &f->gem1,
	    &f->admin };
	struct wb_err		 err;
	int64_t			 id, consent, rid, members;
	const struct {
		int64_t		 who;
		const char	*function, *field;
	} bad[] = {
		{ f->ggz2.user_id, "arbeidsdeskundige", "assigned" },
		{ f->uwv_off, "arbeidsdeskundige", "assigned" },
		{ f->admin.user_id, "arbeidsdeskundige", "assigned" },
		{ 999999, "arbeidsdeskundige", "assigned" },
		{ 0, "arbeidsdeskundige", "assigned" },
		{ f->uwvc.user_id, "kok", "function" },
		{ f->uwvc.user_id, NULL, "function" },
	};
	char			 row[128], want[128];
	size_t			 i;

	id = ct_ref_client(f, &consent);
	rid = ct_ref_sent(f, id, "re-integratie");
	members = ct_qint(&f->t, "SELECT count(*) FROM care_team");
	for (i = 0; i < WB_NELEM(not_cp); i++) {
		int rc = ct_ref_accept(f, not_cp[i], rid, f->uwvc.user_id,
		    "arbeidsdeskundige", &err);

		if (rc != WB_EDENIED)
			fail_msg("actor %zu: rc %d", i, rc);
	}
	assert_int_equal(ct_events(&f->t, "referral.accept", "denied", id), 4);
	for (i = 0; i < WB_NELEM(bad); i++) {
		int rc = ct_ref_accept(f, &f->uwvp, rid, bad[i].who,
		    bad[i].function, &err);

		if (rc != WB_EINVAL || strcmp(err.field, bad[i].field) != 0)
			fail_msg("case %zu: rc %d, field \"%s\"", i, rc,
			    err.field);
	}
	assert_string_equal(ct_ref_status(f, rid), "verzonden");
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team"),
	    members);
	assert_int_equal(ct_events(&f->t, "referral.accept", "allowed", id), 0);

	/* the deputy accepts; the colleague joins the team */
	assert_int_equal(ct_ref_accept(f, &f->uwvd, rid, f->uwvc.user_id,
	    "arbeidsdeskundige", &err), 0);
	ct_qtext(&f->t, row, sizeof(row), "SELECT status || '|' || "
	    "CAST(assigned_user AS TEXT) || '|' || CAST(answered_by AS TEXT) "
	    "|| '|' || CAST(answered_at AS TEXT) FROM referral WHERE id = "
	    "%lld", (long long)rid);
	snprintf(want, sizeof(want), "geaccepteerd|%lld|%lld|%d",
	    (long long)f->uwvc.user_id, (long long)f->uwvd.user_id, T0);
	assert_string_equal(row, want);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND user_id = %lld AND org_id = %lld AND "
	    "function = 'arbeidsdeskundige' AND ended_at IS NULL",
	    (long long)id, (long long)f->uwvc.user_id, (long long)f->uwv), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team"),
	    members + 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'referral.accept' AND outcome = 'allowed' AND "
	    "client_id = %lld AND consent_id = %lld AND object_id = '%lld' AND "
	    "user_id = %lld", (long long)id, (long long)consent, (long long)rid,
	    (long long)f->uwvd.user_id), 1);

	/* a second answer, of any kind */
	assert_int_equal(ct_ref_accept(f, &f->uwvp, rid, f->uwvp.user_id,
	    "arbeidsdeskundige", &err), WB_EINVAL);
	assert_non_null(strstr(err.msg, "al afgehandeld"));
	assert_int_equal(wb_referral_decline(f->t.db, &f->uwvp, rid, "Toch "
	    "niet", &err), WB_EINVAL);
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->ggz1, rid, &err),
	    WB_EINVAL);
	assert_string_equal(ct_ref_status(f, rid), "geaccepteerd");
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team"),
	    members + 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM referral WHERE "
	    "answer IS NOT NULL"), 0);
	assert_int_equal(ct_ref_accept(f, &f->uwvp, 999999, f->uwvc.user_id,
	    "arbeidsdeskundige", &err), WB_ENOTFOUND);
}

static void
test_decline_needs_reason(void **state)
{
	static char	 long_r[502];
	struct ct_ref	*f = *state;
	const char	*bad[] = { "", NULL, long_r };
	struct wb_err	 err;
	int64_t		 id, consent, rid, members;
	size_t		 i;

	memset(long_r, 'x', 501);
	id = ct_ref_client(f, &consent);
	rid = ct_ref_sent(f, id, "re-integratie");
	members = ct_qint(&f->t, "SELECT count(*) FROM care_team");
	for (i = 0; i < WB_NELEM(bad); i++) {
		wb_err_clear(&err);
		assert_int_equal(wb_referral_decline(f->t.db, &f->uwvp, rid,
		    bad[i], &err), WB_EINVAL);
		assert_string_equal(err.field, "reason");
	}
	assert_int_equal(wb_referral_decline(f->t.db, &f->uwvc, rid,
	    "Niet voor ons", &err), WB_EDENIED);
	assert_int_equal(wb_referral_decline(f->t.db, &f->ggz1, rid,
	    "Niet voor ons", &err), WB_EDENIED);
	assert_string_equal(ct_ref_status(f, rid), "verzonden");
	assert_int_equal(ct_events(&f->t, "referral.decline", "denied", id), 2);

	long_r[500] = '\0';
	assert_int_equal(wb_referral_decline(f->t.db, &f->uwvp, rid, long_r,
	    &err), 0);
	assert_string_equal(ct_ref_status(f, rid), "afgewezen");
	assert_int_equal(ct_qint(&f->t, "SELECT length(answer) FROM referral"),
	    500);
	assert_int_equal(ct_qint(&f->t, "SELECT answered_by FROM referral"),
	    f->uwvp.user_id);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM referral WHERE "
	    "assigned_user IS NULL"), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM care_team"),
	    members);
	assert_int_equal(ct_events(&f->t, "referral.decline", "allowed", id),
	    1);
	/* declined: the door is closed */
	{
		struct wb_client_decision	d;

		assert_int_equal(ct_ref_door(f, &f->uwvp, id, ID, false, &d),
		    WB_EDENIED);
	}
}

static void
test_withdraw_only_by_sending_team(void **state)
{
	struct ct_ref	*f = *state;
	struct wb_err	 err;
	int64_t		 id, consent, rid, mid;

	id = ct_ref_client(f, &consent);
	rid = ct_ref_sent(f, id, "re-integratie");
	/* UWV on the team under the consent is not the sender */
	assert_int_equal(wb_team_add(f->t.db, &f->ggz1, id, f->uwvc.user_id,
	    "arbeidsdeskundige", &mid, &err), 0);
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->uwvc, rid, &err),
	    WB_EDENIED);
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->uwvp, rid, &err),
	    WB_EDENIED);
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->admin, rid, &err),
	    WB_EDENIED);
	/* the sending organisation, but not on the team */
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->ggz2, rid, &err),
	    WB_EDENIED);
	assert_string_equal(ct_ref_status(f, rid), "verzonden");
	assert_int_equal(ct_events(&f->t, "referral.withdraw", "denied", id),
	    4);

	/* on the team, a colleague of the sender may */
	assert_int_equal(wb_team_add(f->t.db, &f->ggz1, id, f->ggz2.user_id,
	    "casemanager", &mid, &err), 0);
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->ggz2, rid, &err),
	    0);
	assert_string_equal(ct_ref_status(f, rid), "ingetrokken");
	assert_int_equal(ct_qint(&f->t, "SELECT answered_by FROM referral"),
	    f->ggz2.user_id);
	assert_int_equal(ct_events(&f->t, "referral.withdraw", "allowed", id),
	    1);
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->ggz1, rid, &err),
	    WB_EINVAL);
	/* withdrawn: the contact point no longer sees who it was */
	{
		struct wb_client_decision	d;

		assert_int_equal(ct_ref_door(f, &f->uwvp, id, ID, false, &d),
		    WB_EDENIED);
	}
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, ct_ref_setup, \
	    ct_ref_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_inbox_of_person_and_deputy_only),
		T(test_inbox_open_first_and_overdue),
		T(test_door_gives_identity_only_through_inbox),
		T(test_person_takes_client_on_within_consent),
		T(test_accept_by_person_or_deputy_with_a_colleague),
		T(test_decline_needs_reason),
		T(test_withdraw_only_by_sending_team),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
