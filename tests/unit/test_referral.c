/* test_referral.c - warme overdracht on a real database, the sending
 * side (src/domain/referral.c with the withdrawal on revocation in
 * consent.c): working days, who may refer to which contact point under
 * which consent, revoking the consent, and an audit trail without the
 * question or the client's name.  The receiving side:
 * test_referral_inbox.c.
 *
 * The fixture (ct_ref in clienttest.h): region AM01 has a GGZ
 * institution that registers the client and refers it, UWV with a fixed
 * contact point (a person and a deputy, plus an ended and a future row),
 * and a municipality with a contact point of its own.  The central
 * property here: a referral leaves only under a consent that covers it.
 */
#include "clienttest.h"

#define GIVEN	"Wilhelmina"
#define FAMILY	"Verwezen"
#define NAME	GIVEN " " FAMILY

/* -- overdue: working days -- */

static void
test_overdue_counts_working_days(void **state)
{
	/* Days are offsets from Monday 11-01-2027 (or 05-07-2027, summer
	 * time); `at` is the local time of sending, in minutes. */
	static const struct {
		bool	 summer;
		int	 sent, at;	/* day, minutes after local midnight */
		int	 today;
		bool	 overdue;
	} cases[] = {
		{ false, 0, 720, 0, false },	/* the day itself */
		{ false, 0, 720, 4, false },	/* Friday: 4 */
		{ false, 0, 720, 6, false },	/* Sunday: still 4 */
		{ false, 0, 720, 7, false },	/* next Monday: 5 */
		{ false, 0, 720, 8, true },	/* next Tuesday: 6 */
		{ false, 0, 720, 30, true },
		{ false, 4, 720, 7, false },	/* Friday to Monday: 1 */
		{ false, 4, 720, 11, false },	/* to next Friday: 5 */
		{ false, 4, 720, 13, false },	/* the weekend: 5 */
		{ false, 4, 720, 14, true },	/* Monday: 6 */
		{ false, 4, 1430, 14, true },	/* 23:50 on Friday */
		{ false, 4, 1430, 13, false },
		{ false, 5, 600, 11, false },	/* Saturday to Friday: 5 */
		{ false, 5, 600, 13, false },
		{ false, 5, 600, 14, true },
		{ false, 6, 600, 11, false },	/* Sunday to Friday: 5 */
		{ false, 6, 600, 14, true },
		{ false, 2, 720, 9, false },	/* Wednesday to Wednesday */
		{ false, 2, 720, 10, true },
		/* Just after local midnight, still the day before in UTC:
		 * the day of sending is the local one. */
		{ false, 0, 30, 7, false },
		{ false, 0, 30, 8, true },
		{ true, 0, 90, 7, false },
		{ true, 0, 90, 8, true },
		{ true, 4, 720, 11, false },
		{ true, 4, 720, 14, true },
	};
	int64_t	winter = wb_days_from_civil(2027, 1, 11);
	int64_t	summer = wb_days_from_civil(2027, 7, 5);
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(cases); i++) {
		int64_t	mon = cases[i].summer ? summer : winter;
		int64_t	at = wb_day_start(mon + cases[i].sent) +
		    cases[i].at * 60;
		bool	got = wb_referral_overdue(at, mon + cases[i].today);

		if (got != cases[i].overdue)
			fail_msg("case %zu: sent day %d %02d:%02d, today %d: "
			    "%s, want %s", i, cases[i].sent, cases[i].at / 60,
			    cases[i].at % 60, cases[i].today,
			    got ? "overdue" : "not", cases[i].overdue ?
			    "overdue" : "not");
	}
}

/* -- sending -- */

static void
test_send_needs_identity_write_access(void **state)
{
	struct ct_ref	*f = *state;
	struct wb_err	 err;
	int64_t		 id, consent, rid;

	id = ct_ref_client(f, &consent);
	/* a GGZ colleague not on the team, the receiving contact point, an
	 * administrator */
	assert_int_equal(ct_ref_send(f, &f->ggz2, id, f->cp_uwv,
	    "re-integratie", QUESTION, &rid, &err), WB_EDENIED);
	assert_int_equal(rid, 0);
	assert_int_equal(ct_ref_send(f, &f->uwvp, id, f->cp_uwv,
	    "re-integratie", QUESTION, &rid, &err), WB_EDENIED);
	assert_int_equal(ct_ref_send(f, &f->admin, id, f->cp_uwv,
	    "re-integratie", QUESTION, &rid, &err), WB_EDENIED);
	assert_int_equal(ct_ref_count(f), 0);
	assert_int_equal(ct_events(&f->t, "referral.send", "denied", id), 3);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'referral.send' AND outcome = 'denied' AND user_id "
	    "= %lld", (long long)f->ggz2.user_id), 1);
	/* on the team it leaves */
	(void)ct_ref_sent(f, id, "re-integratie");
	assert_int_equal(ct_ref_count(f), 1);
}

static void
test_send_contact_point_current_and_elsewhere(void **state)
{
	struct ct_ref	*f = *state;
	struct wb_err	 err;
	int64_t		 id, consent, rid;
	const int64_t	 bad[] = { f->cp_old, f->cp_next, 999999 };
	size_t		 i;

	id = ct_ref_client(f, &consent);
	for (i = 0; i < WB_NELEM(bad); i++) {
		assert_int_equal(ct_ref_send(f, &f->ggz1, id, bad[i],
		    "re-integratie", QUESTION, &rid, &err), WB_EINVAL);
		assert_string_equal(err.field, "contact_point");
		assert_non_null(strstr(err.msg, "contactpunt dat nu geldt"));
		assert_int_equal(rid, 0);
	}
	/* one's own organisation is no referral */
	assert_int_equal(ct_ref_send(f, &f->ggz1, id, f->cp_ggz, "behandeling",
	    QUESTION, &rid, &err), WB_EINVAL);
	assert_string_equal(err.field, "contact_point");
	assert_non_null(strstr(err.msg, "andere organisatie"));
	assert_int_equal(ct_ref_count(f), 0);
	assert_int_equal(ct_events(&f->t, "referral.send", "allowed", id), 0);

	rid = ct_ref_sent(f, id, "re-integratie");
	assert_int_equal(ct_qint(&f->t, "SELECT contact_point_id FROM referral "
	    "WHERE id = %lld", (long long)rid), f->cp_uwv);
}

static void
test_send_needs_covering_consent(void **state)
{
	struct ct_ref	*f = *state;
	struct wb_err	 err;
	int64_t		 id, rid, consent, other, n;
	char		 row[256];

	id = ct_ref_reg(f, BSN, GIVEN);
	/* none at all */
	assert_int_equal(ct_ref_send(f, &f->ggz1, id, f->cp_uwv,
	    "re-integratie", QUESTION, &rid, &err), WB_EINVAL);
	assert_string_equal(err.field, "contact_point");
	if (strstr(err.msg, "UWV Groningen") == NULL ||
	    strstr(err.msg, "toestemming") == NULL ||
	    strstr(err.msg, "voor re-integratie") == NULL)
		fail_msg("message: %s", err.msg);
	assert_int_equal(rid, 0);
	assert_int_equal(ct_events(&f->t, "referral.send", "denied", id), 1);

	/* for another purpose, without identity, for another organisation,
	 * revoked: none of them covers it */
	(void)ct_grant(&f->t, &f->ggz1, id, f->uwv, "casuistiekoverleg", ID |
	    WORK);
	(void)ct_grant(&f->t, &f->ggz1, id, f->uwv, "re-integratie", WORK |
	    HEALTH);
	(void)ct_grant(&f->t, &f->ggz1, id, f->gem, "re-integratie", ID | WORK);
	other = ct_grant(&f->t, &f->ggz1, id, f->uwv, "re-integratie", ID);
	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, other,
	    NULL, &err), 0);
	assert_int_equal(ct_ref_send(f, &f->ggz1, id, f->cp_uwv,
	    "re-integratie", QUESTION, &rid, &err), WB_EINVAL);
	assert_non_null(strstr(err.msg, "UWV Groningen"));
	assert_int_equal(ct_ref_count(f), 0);
	assert_int_equal(ct_events(&f->t, "referral.send", "denied", id), 2);

	/* the casuïstiekoverleg consent does cover that purpose */
	n = ct_qint(&f->t, "SELECT id FROM consent WHERE purpose = "
	    "'casuistiekoverleg'");
	rid = ct_ref_sent(f, id, "casuistiekoverleg");
	assert_int_equal(ct_qint(&f->t, "SELECT consent_id FROM referral WHERE "
	    "id = %lld", (long long)rid), n);

	consent = ct_grant(&f->t, &f->ggz1, id, f->uwv, "re-integratie", ID |
	    WORK);
	rid = ct_ref_sent(f, id, "re-integratie");
	ct_qtext(&f->t, row, sizeof(row), "SELECT status || '|' || purpose || "
	    "'|' || CAST(consent_id AS TEXT) || '|' || CAST(to_org AS TEXT) || "
	    "'|' || CAST(from_org AS TEXT) || '|' || CAST(from_user AS TEXT) "
	    "|| '|' || question || '|' || CAST(created_at AS TEXT) || '|' || "
	    "coalesce(answer, 'none') FROM referral WHERE id = %lld",
	    (long long)rid);
	{
		char	want[256];

		snprintf(want, sizeof(want), "verzonden|re-integratie|%lld|"
		    "%lld|%lld|%lld|" QUESTION "|%d|none", (long long)consent,
		    (long long)f->uwv, (long long)f->ggz,
		    (long long)f->ggz1.user_id, T0);
		assert_string_equal(row, want);
	}
	/* audited with the consent it relies on */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'referral.send' AND outcome = 'allowed' AND "
	    "client_id = %lld AND consent_id = %lld AND object_type = "
	    "'referral' AND object_id = '%lld' AND user_id = %lld",
	    (long long)id, (long long)consent, (long long)rid,
	    (long long)f->ggz1.user_id), 1);
	assert_int_equal(ct_events(&f->t, "referral.send", "allowed", id), 2);
}

static void
test_send_refuses_bad_purpose_and_question(void **state)
{
	static char	long_q[2 * 2001 + 1], max_q[2 * 2000 + 1];
	static const struct {
		const char	*purpose, *question, *field;
	} cases[] = {
		{ "monitoring", QUESTION, "purpose" },
		{ "", QUESTION, "purpose" },
		{ NULL, QUESTION, "purpose" },
		{ "werk", QUESTION, "purpose" },
		{ "re-integratie", "", "question" },
		{ "re-integratie", NULL, "question" },
		{ "re-integratie", long_q, "question" },
		{ "re-integratie", "bad \xff\xfe utf-8", "question" },
	};
	struct ct_ref	*f = *state;
	struct wb_err	 err;
	int64_t		 id, consent, rid;
	size_t		 i;

	/* 2001 and 2000 characters of two bytes each */
	for (i = 0; i < 2001; i++)
		memcpy(long_q + 2 * i, "\xc3\xa9", 2);
	for (i = 0; i < 2000; i++)
		memcpy(max_q + 2 * i, "\xc3\xa9", 2);
	id = ct_ref_client(f, &consent);
	for (i = 0; i < WB_NELEM(cases); i++) {
		int rc = ct_ref_send(f, &f->ggz1, id, f->cp_uwv,
		    cases[i].purpose, cases[i].question, &rid, &err);

		if (rc != WB_EINVAL || strcmp(err.field, cases[i].field) != 0)
			fail_msg("case %zu: rc %d, field \"%s\"", i, rc,
			    err.field);
		assert_int_equal(rid, 0);
	}
	assert_int_equal(ct_ref_count(f), 0);
	/* the longest question there may be */
	assert_int_equal(ct_ref_send(f, &f->ggz1, id, f->cp_uwv,
	    "re-integratie", max_q, &rid, &err), 0);
	assert_int_equal(ct_qint(&f->t, "SELECT length(question) FROM "
	    "referral"), 2000);
}

/* -- revoking the consent -- */

/* Make the audit write of a consent revocation fail (on), or not. */
static void
refuse_revoke_audit(struct ct_ref *f, bool on)
{
	if (!on)
		dbt_exec(&f->t, dbt_pg() ? "DROP TRIGGER wbt_refuse ON "
		    "audit_event" : "DROP TRIGGER wbt_refuse");
	else if (dbt_pg())
		dbt_exec(&f->t, "CREATE OR REPLACE FUNCTION wbt_refuse() "
		    "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE "
		    "EXCEPTION 'test: refused'; END $$; CREATE TRIGGER "
		    "wbt_refuse BEFORE INSERT ON audit_event FOR EACH ROW WHEN "
		    "(NEW.event = 'consent.revoke') EXECUTE FUNCTION "
		    "wbt_refuse()");
	else
		dbt_exec(&f->t, "CREATE TRIGGER wbt_refuse BEFORE INSERT ON "
		    "audit_event WHEN NEW.event = 'consent.revoke' BEGIN "
		    "SELECT RAISE(ABORT, 'test: refused'); END");
}

static void
test_revoking_consent_withdraws_open_referrals(void **state)
{
	struct ct_ref	*f = *state;
	struct wb_err	 err;
	int64_t		 id, consent, other, r_open, r_acc, r_dec, r_other;
	char		 row[128], want[128];

	id = ct_ref_client(f, &consent);
	other = ct_grant(&f->t, &f->ggz1, id, f->uwv, "casuistiekoverleg", ID);
	r_open = ct_ref_sent(f, id, "re-integratie");
	r_acc = ct_ref_sent(f, id, "re-integratie");
	r_dec = ct_ref_sent(f, id, "re-integratie");
	r_other = ct_ref_sent(f, id, "casuistiekoverleg");
	assert_int_equal(ct_qint(&f->t, "SELECT consent_id FROM referral WHERE "
	    "id = %lld", (long long)r_other), other);
	assert_int_equal(ct_ref_accept(f, &f->uwvp, r_acc, f->uwvc.user_id,
	    "arbeidsdeskundige", &err), 0);
	assert_int_equal(wb_referral_decline(f->t.db, &f->uwvp, r_dec,
	    "Geen plek", &err), 0);

	/* one transaction: when the revocation fails, the referral stays */
	dbt_set_now(T0 + 3600);
	refuse_revoke_audit(f, true);
	assert_true(wb_consent_revoke(f->t.db, &f->ggz1, id, consent,
	    "Cliënt wil niet meer", &err) != 0);
	refuse_revoke_audit(f, false);
	assert_string_equal(ct_ref_status(f, r_open), "verzonden");
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM consent WHERE id "
	    "= %lld AND revoked_at IS NULL", (long long)consent), 1);

	assert_int_equal(wb_consent_revoke(f->t.db, &f->ggz1, id, consent,
	    "Cliënt wil niet meer", &err), 0);
	ct_qtext(&f->t, row, sizeof(row), "SELECT status || '|' || answer || "
	    "'|' || CAST(answered_by AS TEXT) || '|' || CAST(answered_at AS "
	    "TEXT) FROM referral WHERE id = %lld", (long long)r_open);
	snprintf(want, sizeof(want), "ingetrokken|Toestemming ingetrokken|"
	    "%lld|%d", (long long)f->ggz1.user_id, T0 + 3600);
	assert_string_equal(row, want);
	/* answered ones keep their answer, another consent's stays open */
	assert_string_equal(ct_ref_status(f, r_acc), "geaccepteerd");
	assert_string_equal(ct_ref_status(f, r_dec), "afgewezen");
	assert_string_equal(ct_ref_status(f, r_other), "verzonden");
	assert_int_equal(ct_qint(&f->t, "SELECT answered_at FROM referral "
	    "WHERE id = %lld", (long long)r_acc), T0);
	/* nothing left to answer */
	assert_int_equal(ct_ref_accept(f, &f->uwvp, r_open, f->uwvc.user_id,
	    "arbeidsdeskundige", &err), WB_EINVAL);
}

/* A consent that ends closes the door as a revocation does: the referral
 * stays in the inbox, without the client's name. */
static void
test_door_closes_when_consent_expires(void **state)
{
	struct ct_ref			*f = *state;
	struct wb_consent_input		 in;
	struct wb_client_decision	 d;
	struct wb_referral		*r, *o;
	struct wb_err			 err;
	size_t				 n, no;
	int64_t				 id, consent;

	id = ct_ref_reg(f, BSN, GIVEN);
	in = (struct wb_consent_input){ .client_id = id, .org_id = f->uwv,
	    .purpose = "re-integratie", .categories = ID | WORK,
	    .valid_from = ct_day(&f->t, 0), .valid_until = ct_day(&f->t, 3),
	    .method = "mondeling" };
	assert_int_equal(wb_consent_grant(f->t.db, &f->ggz1, &in, &consent,
	    &err), 0);
	(void)ct_ref_sent(f, id, "re-integratie");
	/* its last day (Monday 18-01) */
	dbt_set_now(T0 + 3 * DAY);
	assert_int_equal(ct_ref_door(f, &f->uwvp, id, ID, false, &d), 0);
	assert_int_equal(d.consent_id, consent);
	assert_int_equal(ct_ref_inbox(f, &f->uwvp, &r, &n, &o, &no), 0);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].client_name, NAME);
	/* the day after */
	dbt_set_now(T0 + 4 * DAY);
	assert_int_equal(ct_ref_door(f, &f->uwvp, id, ID, false, &d),
	    WB_EDENIED);
	assert_int_equal(ct_ref_inbox(f, &f->uwvp, &r, &n, &o, &no), 0);
	assert_int_equal(n, 1);
	assert_null(r[0].client_name);
}

/* -- the audit trail -- */

static void
test_audit_holds_no_question_or_name(void **state)
{
	struct ct_ref		*f = *state;
	struct wb_referral	*in, *out;
	struct wb_err		 err;
	size_t			 nin, nout;
	int64_t			 id, consent, r1, r2, r3, none;
	int64_t			 checked = 0, broken = -1;
	static const char *const secrets[] = { "intake", "buiten werken",
	    GIVEN, FAMILY, "Geen plek", BSN };
	size_t			 i;

	id = ct_ref_client(f, &consent);
	r1 = ct_ref_sent(f, id, "re-integratie");
	r2 = ct_ref_sent(f, id, "re-integratie");
	r3 = ct_ref_sent(f, id, "re-integratie");
	assert_int_equal(ct_ref_inbox(f, &f->uwvp, &in, &nin, &out, &nout), 0);
	assert_int_equal(ct_ref_inbox(f, &f->ggz1, &in, &nin, &out, &nout), 0);
	assert_int_equal(ct_ref_accept(f, &f->uwvp, r1, f->uwvc.user_id,
	    "arbeidsdeskundige", &err), 0);
	assert_int_equal(wb_referral_decline(f->t.db, &f->uwvd, r2,
	    "Geen plek deze maand", &err), 0);
	assert_int_equal(wb_referral_withdraw(f->t.db, &f->ggz1, r3, &err),
	    0);
	assert_int_equal(ct_ref_send(f, &f->ggz2, id, f->cp_uwv,
	    "re-integratie", QUESTION, &none, &err), WB_EDENIED);

	/* the texts are where they belong... */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM referral WHERE "
	    "question LIKE '%%intake%%'"), 3);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM referral WHERE "
	    "answer LIKE 'Geen plek%%'"), 1);
	/* ...every step is in the audit log... */
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event IN ('referral.send', 'referral.accept', "
	    "'referral.decline', 'referral.withdraw') AND object_type = "
	    "'referral' AND outcome = 'allowed'"), 6);
	assert_int_equal(ct_events(&f->t, "referral.send", "denied", id), 1);
	assert_true(ct_qint(&f->t, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'referral.inbox'") >= 2);
	/* ...and no audit column holds them */
	for (i = 0; i < WB_NELEM(secrets); i++)
		if (ct_qint(&f->t, "SELECT count(*) FROM audit_event WHERE "
		    "coalesce(event, '') || '|' || coalesce(outcome, '') || "
		    "'|' || coalesce(role, '') || '|' || coalesce(address, '') "
		    "|| '|' || coalesce(object_type, '') || '|' || "
		    "coalesce(object_id, '') || '|' || "
		    "coalesce(purpose, '') || '|' || "
		    "coalesce(detail, '') LIKE '%%%s%%'",
		    secrets[i]) != 0)
			fail_msg("\"%s\" in the audit log", secrets[i]);
	/* (the query does read the columns) */
	assert_true(ct_qint(&f->t, "SELECT count(*) FROM audit_event WHERE "
	    "coalesce(event, '') || '|' || coalesce(detail, '') LIKE "
	    "'%%referral.send|identity%%'") > 0);
	assert_int_equal(wb_audit_verify(f->t.db, &checked, &broken, &err),
	    0);
	assert_int_equal(checked, ct_qint(&f->t, "SELECT count(*) FROM "
	    "audit_event"));
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, ct_ref_setup, \
	    ct_ref_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_overdue_counts_working_days),
		T(test_send_needs_identity_write_access),
		T(test_send_contact_point_current_and_elsewhere),
		T(test_send_needs_covering_consent),
		T(test_send_refuses_bad_purpose_and_question),
		T(test_revoking_consent_withdraws_open_referrals),
		T(test_door_closes_when_consent_expires),
		T(test_audit_holds_no_question_or_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
