/* test_measurement.c - a client's measurements (src/domain/measurement.c):
 * scoring and storing, who may record and read which instrument under
 * the consent policy, the client's own questionnaires, validation that
 * stores nothing, the audit events, and the AVG export and erasure.
 *
 * The cast is clienttest.h's ct_fx: a GGZ institution that registers
 * clients, UWV, a municipality and an employer; the clock is at T0.
 */
#include "clienttest.h"

#include "domain/instrument.h"
#include "domain/measurement.h"
#include "domain/rights.h"

static const int PHQ_12[9] = { 1, 2, 1, 2, 1, 2, 1, 2, 0 };	/* moderate */
static const int PHQ_Q9[9] = { 0, 0, 0, 0, 0, 0, 0, 0, 1 };	/* item 9 */
static const int GAD_5[7] = { 1, 1, 1, 1, 1, 0, 0 };		/* mild */

/* wb_measurement_add of a questionnaire (items) or a value (items
 * NULL); *id -1 until known. */
static int
add(struct ct_fx *f, const struct wb_actor *a, int64_t client,
    const char *instrument, const char *date, const int *items, size_t n,
    int value, int64_t *id, int *total, const char **band,
    struct wb_err *err)
{
	struct wb_measurement_input	in = { .client_id = client,
	    .instrument = instrument, .date = date, .items = items,
	    .nitems = n, .has_value = items == NULL, .value = value };

	wb_err_clear(err);
	*id = -1;
	return wb_measurement_add(f->t.db, a, &in, id, total, band, err);
}

/* add() that must succeed; returns the id. */
static int64_t
add_ok(struct ct_fx *f, const struct wb_actor *a, int64_t client,
    const char *instrument, const int *items, size_t n, int value)
{
	struct wb_err	err;
	const char	*band;
	int64_t		 id;
	int		 total;

	if (add(f, a, client, instrument, ct_day(&f->t, 0), items, n, value,
	    &id, &total, &band, &err) != 0)
		fail_msg("add %s: %s", instrument, err.msg);
	assert_true(id > 0);
	return id;
}

static int64_t
count(struct ct_fx *f, int64_t client)
{
	return ct_qint(&f->t, "SELECT count(*) FROM measurement WHERE "
	    "client_id = %lld", (long long)client);
}

/* The instruments of a list, in order, joined by ','. */
static const char *
codes(struct ct_fx *f, const struct wb_measurement *m, size_t n)
{
	char	*s = wb_arena_alloc(&f->t.a, 256);
	size_t	 i, len = 0;

	s[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, 256 - len, "%s%s",
		    i > 0 ? "," : "", m[i].instrument);
	return s;
}

/* -- recording -- */

static void
test_ggz_records_phq9(void **state)
{
	struct ct_fx		*f = *state;
	int64_t			 c = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	struct wb_measurement	*m;
	struct wb_err		 err;
	const char		*band;
	char			 text[64];
	unsigned		 allowed;
	size_t			 n;
	int64_t			 id;
	int			 total;

	assert_int_equal(add(f, &f->ggz1, c, "phq9", ct_day(&f->t, -3),
	    PHQ_12, 9, 0, &id, &total, &band, &err), 0);
	assert_true(id > 0);
	assert_int_equal(total, 12);
	assert_string_equal(band, "moderate");
	ct_qtext(&f->t, text, sizeof(text), "SELECT instrument || '|' || "
	    "items || '|' || value || '|' || band || '|' || source FROM "
	    "measurement WHERE id = %lld", (long long)id);
	assert_string_equal(text, "phq9|121212120|12|moderate|professional");
	assert_int_equal(ct_qint(&f->t, "SELECT on_date FROM measurement "
	    "WHERE id = %lld", (long long)id), wb_today() - 3);
	assert_int_equal(ct_qint(&f->t, "SELECT org_id FROM measurement "
	    "WHERE id = %lld", (long long)id), f->ggz);
	assert_int_equal(ct_qint(&f->t, "SELECT entered_by FROM measurement "
	    "WHERE id = %lld", (long long)id), f->ggz1.user_id);

	/* The band boundaries come from the instrument. */
	{
		static const int four[9] = { 1, 1, 1, 1, 0, 0, 0, 0, 0 };
		static const int five[9] = { 1, 1, 1, 1, 1, 0, 0, 0, 0 };
		static const int all[9] = { 3, 3, 3, 3, 3, 3, 3, 3, 3 };

		assert_int_equal(add(f, &f->ggz1, c, "phq9", "15-01-2027",
		    four, 9, 0, &id, &total, &band, &err), 0);
		assert_int_equal(total, 4);
		assert_string_equal(band, "minimal");
		assert_int_equal(add(f, &f->ggz1, c, "phq9", "15-01-2027",
		    five, 9, 0, &id, &total, &band, &err), 0);
		assert_string_equal(band, "mild");
		assert_int_equal(add(f, &f->ggz1, c, "phq9", "15-01-2027",
		    all, 9, 0, &id, &total, &band, &err), 0);
		assert_int_equal(total, 27);
		assert_string_equal(band, "severe");
	}
	/* A licensed total: no items, no band; and the ladder. */
	assert_int_equal(add(f, &f->ggz1, c, "oq45", "15-01-2027", NULL, 0, 80,
	    &id, &total, &band, &err), 0);
	assert_int_equal(total, 80);
	assert_null(band);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM measurement "
	    "WHERE id = %lld AND items IS NULL AND band IS NULL",
	    (long long)id), 1);
	(void)add_ok(f, &f->ggz1, c, "ladder", NULL, 0, 3);

	assert_int_equal(wb_measurement_list(f->t.db, &f->ggz1, c, &f->t.a,
	    &m, &n, &allowed, &err), 0);
	assert_int_equal(allowed, WORK | HEALTH);
	/* By instrument, then date. */
	assert_string_equal(codes(f, m, n), "ladder,oq45,phq9,phq9,phq9,phq9");
	assert_int_equal(m[2].value, 12);
	assert_int_equal(m[2].on_date, wb_today() - 3);
	assert_string_equal(m[2].items, "121212120");
	assert_string_equal(m[2].band, "moderate");
	assert_string_equal(m[2].source, "professional");
	assert_string_equal(m[2].org_name, "GGZ Noord");
	assert_false(m[2].followup);
	assert_null(m[1].items);

	/* Audited with the category only, never the instrument or a
	 * score. */
	assert_int_equal(ct_events(&f->t, "measurement.add", "allowed", c), 6);
	assert_int_equal(ct_events(&f->t, "measurement.read", "allowed", c), 1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'measurement.add' AND object_type = 'measurement' "
	    "AND detail = 'health' AND object_id = '%lld'", (long long)m[2].id),
	    1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event LIKE 'measurement.%%' AND (detail LIKE '%%12%%' OR "
	    "detail LIKE '%%moderate%%' OR detail LIKE '%%80%%' OR "
	    "detail LIKE '%%phq%%' OR detail LIKE '%%gad%%' OR "
	    "detail LIKE '%%k10%%' OR detail LIKE '%%oq%%')"), 0);
}

/* PHQ-9 item 9 above 0 is flagged for follow-up; the alias of the
 * ladder is stored as the ladder. */
static void
test_followup_and_alias(void **state)
{
	struct ct_fx		*f = *state;
	int64_t			 c = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	struct wb_measurement	*m;
	struct wb_err		 err;
	unsigned		 allowed;
	size_t			 n;

	(void)add_ok(f, &f->ggz1, c, "phq9", PHQ_Q9, 9, 0);
	(void)add_ok(f, &f->ggz1, c, "participatieladder", NULL, 0, 5);
	assert_int_equal(wb_measurement_list(f->t.db, &f->ggz1, c, &f->t.a,
	    &m, &n, &allowed, &err), 0);
	assert_string_equal(codes(f, m, n), "ladder,phq9");
	assert_int_equal(m[0].value, 5);
	assert_false(m[0].followup);
	assert_true(m[1].followup);
	assert_string_equal(m[1].band, "minimal");
}

/* -- the policy -- */

/* UWV without a consent naming health: no PHQ-9 either way, but the
 * ladder under its work consent, and everything but health for a client
 * it registered itself. */
static void
test_uwv_without_health(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_measurement	*m;
	struct wb_err		 err;
	const char		*band;
	unsigned		 allowed;
	size_t			 n;
	int64_t			 consent, c, own, id;
	int			 total;

	c = ct_shared_client(f, &consent);
	(void)add_ok(f, &f->ggz1, c, "phq9", PHQ_12, 9, 0);

	assert_int_equal(add(f, &f->uwv1, c, "phq9", "15-01-2027", PHQ_12, 9,
	    0, &id, &total, &band, &err), WB_EDENIED);
	assert_int_equal(id, 0);
	assert_null(band);
	assert_int_equal(add(f, &f->uwv1, c, "k10", "15-01-2027", NULL, 0, 20,
	    &id, &total, &band, &err), WB_EINVAL);	/* k10 takes items */
	assert_int_equal(add(f, &f->uwv1, c, "honos", "15-01-2027", NULL, 0,
	    20, &id, &total, &band, &err), WB_EDENIED);
	assert_int_equal(count(f, c), 1);
	assert_int_equal(ct_events(&f->t, "measurement.add", "denied", c), 2);

	/* The ladder is work & income: allowed under the consent. */
	assert_int_equal(add(f, &f->uwv1, c, "ladder", "15-01-2027", NULL, 0,
	    4, &id, &total, &band, &err), 0);
	assert_int_equal(total, 4);
	assert_null(band);
	assert_int_equal(ct_qint(&f->t, "SELECT org_id FROM measurement "
	    "WHERE id = %lld", (long long)id), f->uwv);
	assert_int_equal(ct_qint(&f->t, "SELECT consent_id FROM audit_event "
	    "WHERE event = 'measurement.add' AND object_id = '%lld'",
	    (long long)id), consent);

	/* The list shows the ladder only; the PHQ-9 is not there. */
	assert_int_equal(wb_measurement_list(f->t.db, &f->uwv1, c, &f->t.a,
	    &m, &n, &allowed, &err), 0);
	assert_int_equal(allowed, WORK);
	assert_string_equal(codes(f, m, n), "ladder");
	assert_int_equal(m[0].value, 4);
	assert_string_equal(m[0].org_name, "UWV Groningen");
	/* ... which the GGZ sees beside its own PHQ-9. */
	assert_int_equal(wb_measurement_list(f->t.db, &f->ggz1, c, &f->t.a,
	    &m, &n, &allowed, &err), 0);
	assert_string_equal(codes(f, m, n), "ladder,phq9");

	/* A client UWV registered: its own work domain, never health. */
	own = ct_reg(f, &f->uwv1, BSN2, "Ursula");
	(void)add_ok(f, &f->uwv1, own, "ladder", NULL, 0, 2);
	assert_int_equal(add(f, &f->uwv1, own, "gad7", "15-01-2027", GAD_5, 7,
	    0, &id, &total, &band, &err), WB_EDENIED);
	assert_int_equal(count(f, own), 1);
}

/* A consent that names health lets UWV read (and record) the complaint
 * measures; revoking it takes that away again. */
static void
test_health_consent(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_measurement	*m;
	struct wb_err		 err;
	unsigned		 allowed;
	size_t			 n;
	int64_t			 c, consent, health;

	c = ct_shared_client(f, &consent);
	(void)add_ok(f, &f->ggz1, c, "phq9", PHQ_12, 9, 0);
	(void)add_ok(f, &f->ggz1, c, "ladder", NULL, 0, 3);
	health = ct_grant(&f->t, &f->ggz1, c, f->uwv, "re-integratie",
	    HEALTH);
	assert_int_equal(wb_measurement_list(f->t.db, &f->uwv1, c, &f->t.a,
	    &m, &n, &allowed, &err), 0);
	assert_int_equal(allowed, WORK | HEALTH);
	assert_string_equal(codes(f, m, n), "ladder,phq9");
	assert_int_equal(m[1].value, 12);
	(void)add_ok(f, &f->uwv1, c, "gad7", GAD_5, 7, 0);

	if (wb_consent_revoke(f->t.db, &f->ggz1, c, health, NULL, &err) != 0)
		fail_msg("revoke: %s", err.msg);
	assert_int_equal(wb_measurement_list(f->t.db, &f->uwv1, c, &f->t.a,
	    &m, &n, &allowed, &err), 0);
	assert_string_equal(codes(f, m, n), "ladder");
}

/* Nobody off the team, no employer, no administrator reads or writes;
 * nothing tells them whether measurements exist. */
static void
test_outsiders(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_measurement	*m;
	struct wb_err		 err;
	const char		*band;
	unsigned		 allowed;
	size_t			 n;
	int64_t			 c = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	int64_t			 id;
	int			 total;

	(void)add_ok(f, &f->ggz1, c, "ladder", NULL, 0, 3);
	/* UWV off the team (no consent at all), the municipality, the
	 * employer, the administrator. */
	assert_int_equal(wb_measurement_list(f->t.db, &f->uwv1, c, &f->t.a,
	    &m, &n, &allowed, &err), WB_EDENIED);
	assert_int_equal(n, 0);
	assert_int_equal(allowed, 0);
	assert_int_equal(wb_measurement_list(f->t.db, &f->werk1, c, &f->t.a,
	    &m, &n, &allowed, &err), WB_EDENIED);
	assert_int_equal(wb_measurement_list(f->t.db, &f->admin, c, &f->t.a,
	    &m, &n, &allowed, &err), WB_EDENIED);
	assert_int_equal(add(f, &f->gem1, c, "ladder", "15-01-2027", NULL, 0,
	    3, &id, &total, &band, &err), WB_EDENIED);
	assert_int_equal(add(f, &f->admin, c, "ladder", "15-01-2027", NULL, 0,
	    3, &id, &total, &band, &err), WB_EDENIED);
	assert_int_equal(count(f, c), 1);
	assert_int_equal(ct_events(&f->t, "measurement.read", "denied", c), 3);
	assert_int_equal(ct_events(&f->t, "measurement.add", "denied", c), 2);
	/* A client that does not exist. */
	assert_int_equal(wb_measurement_list(f->t.db, &f->ggz1, 9999, &f->t.a,
	    &m, &n, &allowed, &err), WB_ENOTFOUND);
}

/* The client fills in their own questionnaires and the ladder; a
 * licensed total and another client's record are not theirs to write. */
static void
test_client_writes_own(void **state)
{
	struct ct_fx		*f = *state;
	int64_t			 c = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	int64_t			 other = ct_reg(f, &f->ggz1, BSN2, "Anna");
	struct wb_actor		 me = ct_client_actor(c);
	struct wb_measurement	*m;
	struct wb_err		 err;
	const char		*band;
	unsigned		 allowed;
	size_t			 n;
	int64_t			 id;
	int			 total;

	assert_int_equal(add(f, &me, c, "gad7", "15-01-2027", GAD_5, 7, 0,
	    &id, &total, &band, &err), 0);
	assert_int_equal(total, 5);
	assert_string_equal(band, "mild");
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM measurement "
	    "WHERE id = %lld AND source = 'client' AND org_id IS NULL AND "
	    "entered_by IS NULL", (long long)id), 1);
	(void)add_ok(f, &me, c, "ladder", NULL, 0, 2);

	assert_int_equal(add(f, &me, c, "scl90", "15-01-2027", NULL, 0, 200,
	    &id, &total, &band, &err), WB_EDENIED);
	assert_int_equal(add(f, &me, other, "gad7", "15-01-2027", GAD_5, 7, 0,
	    &id, &total, &band, &err), WB_EDENIED);
	assert_int_equal(count(f, other), 0);

	assert_int_equal(wb_measurement_list(f->t.db, &me, c, &f->t.a, &m, &n,
	    &allowed, &err), 0);
	assert_string_equal(codes(f, m, n), "gad7,ladder");
	assert_null(m[0].org_name);
	assert_string_equal(m[0].source, "client");
	/* The professional sees what the client filled in. */
	assert_int_equal(wb_measurement_list(f->t.db, &f->ggz1, c, &f->t.a,
	    &m, &n, &allowed, &err), 0);
	assert_string_equal(codes(f, m, n), "gad7,ladder");
	assert_int_equal(wb_measurement_list(f->t.db, &me, other, &f->t.a, &m,
	    &n, &allowed, &err), WB_EDENIED);
}

/* -- validation: a field error each, nothing stored, nothing logged -- */

static void
test_validation(void **state)
{
	static const int short_phq[8] = { 0 };
	static const int bad_phq[9] = { 0, 0, 4, 0, 0, 0, 0, 0, 0 };
	static const int neg_phq[9] = { 0, 0, 0, 0, 0, 0, 0, 0, -1 };
	static const int zero_k10[10] = { 0 };
	static const struct {
		const char	*instrument, *date, *field;
		const int	*items;
		size_t		 n;
		int		 value;
	} cases[] = {
		{ "phq9", "15-01-2027", "items", short_phq, 8, 0 },
		{ "phq9", "15-01-2027", "items", bad_phq, 9, 0 },
		{ "phq9", "15-01-2027", "items", neg_phq, 9, 0 },
		{ "k10", "15-01-2027", "items", zero_k10, 10, 0 },
		{ "phq9", "15-01-2027", "value", NULL, 0, 12 },
		{ "ladder", "15-01-2027", "value", NULL, 0, 0 },
		{ "ladder", "15-01-2027", "value", NULL, 0, 7 },
		{ "ladder", "15-01-2027", "items", PHQ_12, 9, 0 },
		{ "oq45", "15-01-2027", "value", NULL, 0, 181 },
		{ "scl90", "15-01-2027", "value", NULL, 0, 89 },
		{ "phq10", "15-01-2027", "instrument", NULL, 0, 3 },
		{ NULL, "15-01-2027", "instrument", NULL, 0, 3 },
		{ "ladder", "16-01-2027", "date", NULL, 0, 3 },	/* tomorrow */
		{ "ladder", "31-02-2026", "date", NULL, 0, 3 },
		{ "ladder", "gisteren", "date", NULL, 0, 3 },
		{ "ladder", "", "date", NULL, 0, 3 },
	};
	struct ct_fx	*f = *state;
	int64_t		 c = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	struct wb_err	 err;
	const char	*band;
	int64_t		 id;
	int		 total;
	size_t		 i;

	for (i = 0; i < WB_NELEM(cases); i++) {
		int rc = add(f, &f->ggz1, c, cases[i].instrument,
		    cases[i].date, cases[i].items, cases[i].n,
		    cases[i].value, &id, &total, &band, &err);

		if (rc != WB_EINVAL || strcmp(err.field, cases[i].field) != 0)
			fail_msg("case %zu: rc %d field %s (%s)", i, rc,
			    err.field, err.msg);
		assert_int_equal(id, 0);
		assert_true(err.msg[0] != '\0');
	}
	/* "Vraag 3" names the item that is wrong. */
	(void)add(f, &f->ggz1, c, "phq9", "15-01-2027", bad_phq, 9, 0, &id,
	    &total, &band, &err);
	assert_non_null(strstr(err.msg, "Vraag 3"));
	/* Today and the edges of the ranges are fine. */
	assert_int_equal(add(f, &f->ggz1, c, "ladder", "2027-01-15", NULL, 0, 1,
	    &id, &total, &band, &err), 0);
	assert_int_equal(add(f, &f->ggz1, c, "ladder", "15-01-2027", NULL, 0, 6,
	    &id, &total, &band, &err), 0);
	assert_int_equal(count(f, c), 2);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'measurement.add'"), 2);
}

/* -- the AVG rights -- */

static void
test_export_and_erase(void **state)
{
	struct ct_fx	*f = *state;
	struct wb_actor	 me;
	int64_t		 c, consent;
	struct wb_err	 err;
	json_t		*root, *arr;

	c = ct_shared_client(f, &consent);
	(void)add_ok(f, &f->ggz1, c, "phq9", PHQ_12, 9, 0);
	(void)add_ok(f, &f->ggz1, c, "ladder", NULL, 0, 3);

	/* The client gets everything. */
	me = ct_client_actor(c);
	assert_int_equal(wb_client_export_json(f->t.db, &me, c, false, &root,
	    &err), 0);
	arr = json_object_get(root, "measurements");
	assert_int_equal(json_array_size(arr), 2);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(arr, 1), "instrument")), "phq9");
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(arr, 1), "value")), 12);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(arr, 1), "answers")), "121212120");
	json_decref(root);

	assert_int_equal(wb_client_erase(f->t.db, &f->ggz1, c,
	    "verzoek-client", &err), 0);
	assert_int_equal(count(f, c), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ggz_records_phq9,
		    ct_setup, ct_teardown),
		cmocka_unit_test_setup_teardown(test_followup_and_alias,
		    ct_setup, ct_teardown),
		cmocka_unit_test_setup_teardown(test_uwv_without_health,
		    ct_setup, ct_teardown),
		cmocka_unit_test_setup_teardown(test_health_consent,
		    ct_setup, ct_teardown),
		cmocka_unit_test_setup_teardown(test_outsiders,
		    ct_setup, ct_teardown),
		cmocka_unit_test_setup_teardown(test_client_writes_own,
		    ct_setup, ct_teardown),
		cmocka_unit_test_setup_teardown(test_validation,
		    ct_setup, ct_teardown),
		cmocka_unit_test_setup_teardown(test_export_and_erase,
		    ct_setup, ct_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
