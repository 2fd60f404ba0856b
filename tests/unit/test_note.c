/* test_note.c - the timeline (src/domain/note.c): which notes the
 * consent policy shows, who may write them, validation per field, and
 * the audit events.
 *
 * The fixture is test_plan.c's (ct_plan in clienttest.h); the clock is
 * fixed with WB_NOW.
 */
#include "clienttest.h"

#include "domain/note.h"

/* -- notes -- */

static void
test_note_add_list(void **state)
{
	struct ct_plan	*f = *state;
	struct wb_note	*notes;
	struct wb_err	 err;
	char		 yesterday[16], today[16];
	size_t		 n;
	int64_t		 id1, id2, id3;

	ct_day_nl(-1, yesterday, sizeof(yesterday));
	ct_day_nl(0, today, sizeof(today));
	assert_int_equal(wb_note_add(f->t.db, &f->ggz, f->client, "gesprek",
	    yesterday, "Intake gehad.\nGaat goed.", &id1, &err), 0);
	assert_int_equal(wb_note_add(f->t.db, &f->ggz2, f->client,
	    "telefoon", today, "Gebeld.", &id2, &err), 0);
	assert_int_equal(wb_note_add(f->t.db, &f->ggz, f->client, "notitie",
	    "2027-01-14", "Correctie op de intake.", &id3, &err), 0);
	assert_true(id1 > 0 && id2 > id1 && id3 > id2);
	assert_int_equal(ct_col(f, "note", "org_id", id2), f->ggz.org_id);
	assert_int_equal(ct_col(f, "note", "author_id", id2), f->ggz2.user_id);

	assert_int_equal(wb_note_list(f->t.db, &f->ggz, f->client, &f->t.a,
	    &notes, &n, &err), 0);
	assert_int_equal(n, 3);
	/* Newest date first; on one date, the later note first. */
	assert_int_equal(notes[0].id, id2);
	assert_int_equal(notes[1].id, id3);
	assert_int_equal(notes[2].id, id1);
	assert_string_equal(notes[0].author_name, "Gijs Zorg");
	assert_string_equal(notes[0].org_name, "GGZ Noord");
	assert_string_equal(notes[0].kind, "telefoon");
	assert_int_equal(notes[0].on_date, wb_today());
	assert_int_equal(notes[0].created_at, T0);
	assert_string_equal(notes[2].body, "Intake gehad.\nGaat goed.");
	assert_string_equal(wb_note_kind_label("telefoon"), "Telefoongesprek");

	assert_int_equal(dbt_audit_count(&f->t, "note.add", "allowed"), 3);
	assert_int_equal(dbt_audit_count(&f->t, "note.read", "allowed"), 1);
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'note.add' AND object_type = 'note'"), 3);
	/* The text never reaches the audit log. */
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE detail LIKE '%ntake%' OR object_id LIKE '%ntake%'"), 0);
}

/* Notes are their own category: UWV needs a consent naming them. */
static void
test_note_needs_category(void **state)
{
	struct ct_plan	*f = *state;
	struct wb_note	*notes;
	struct wb_err	 err;
	char		 today[16];
	size_t		 n;
	int64_t		 id = -1, notes_consent;

	ct_day_nl(0, today, sizeof(today));
	assert_int_equal(wb_note_add(f->t.db, &f->ggz, f->client, "gesprek",
	    today, "Gesprek over werk.", &id, &err), 0);

	assert_int_equal(wb_note_add(f->t.db, &f->uwv, f->client, "gesprek",
	    today, "Ook een gesprek.", &id, &err), WB_EDENIED);
	assert_int_equal(id, 0);
	assert_int_equal(wb_note_list(f->t.db, &f->uwv, f->client, &f->t.a,
	    &notes, &n, &err), WB_EDENIED);
	assert_int_equal(n, 0);
	assert_null(notes);
	assert_int_equal(dbt_audit_count(&f->t, "note.add", "denied"), 1);
	assert_int_equal(dbt_audit_count(&f->t, "note.read", "denied"), 1);

	/* Notes alone: the GGZ's notes are care notes and stay hidden;
	 * UWV may write and read its own. */
	notes_consent = ct_plan_grant(f, WB_CAT_NOTES);
	assert_int_equal(wb_note_list(f->t.db, &f->uwv, f->client, &f->t.a,
	    &notes, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(wb_note_add(f->t.db, &f->uwv, f->client, "mail",
	    today, "Mail gestuurd.", &id, &err), 0);
	assert_int_equal(ct_col(f, "note", "org_id", id), f->uwv.org_id);
	assert_int_equal(wb_note_list(f->t.db, &f->uwv, f->client, &f->t.a,
	    &notes, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(notes[0].body, "Mail gestuurd.");
	/* With health as well, the GGZ's note too. */
	{
		int64_t health = ct_plan_grant(f, WB_CAT_HEALTH);

		assert_int_equal(wb_note_list(f->t.db, &f->uwv, f->client,
		    &f->t.a, &notes, &n, &err), 0);
		assert_int_equal(n, 2);
		ct_plan_withdraw(f, health);
	}

	ct_plan_withdraw(f, notes_consent);
	assert_int_equal(wb_note_list(f->t.db, &f->uwv, f->client, &f->t.a,
	    &notes, &n, &err), WB_EDENIED);
	/* Off the team: never. */
	assert_int_equal(wb_note_list(f->t.db, &f->ggz3, f->client, &f->t.a,
	    &notes, &n, &err), WB_EDENIED);
	assert_int_equal(dbt_audit_count(&f->t, "note.read", "denied"), 3);
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM note"), 2);
}

static void
test_note_validation(void **state)
{
	struct ct_plan	*f = *state;
	char		 today[16], tomorrow[16];
	char		 long_body[WB_NOTE_BODY_MAX + 2];
	char		 max_body[WB_NOTE_BODY_MAX + 1];
	const struct {
		const char	*kind, *date, *body, *field;
	} cases[] = {
		{ "brief", today, "Tekst", "kind" },
		{ NULL, today, "Tekst", "kind" },
		{ "gesprek", tomorrow, "Tekst", "on_date" },
		{ "gesprek", "", "Tekst", "on_date" },
		{ "gesprek", "2027-02-30", "Tekst", "on_date" },
		{ "gesprek", today, "", "body" },
		{ "gesprek", today, " \n\t", "body" },
		{ "gesprek", today, NULL, "body" },
		{ "gesprek", today, long_body, "body" },
		{ "gesprek", today, "bel\x01", "body" },
		{ "gesprek", today, "\xc3", "body" },
	};
	struct wb_err	err;
	size_t		i;
	int64_t		id;

	ct_day_nl(0, today, sizeof(today));
	ct_day_nl(1, tomorrow, sizeof(tomorrow));
	memset(long_body, 'x', sizeof(long_body) - 1);
	long_body[sizeof(long_body) - 1] = '\0';
	memset(max_body, 'x', sizeof(max_body) - 1);
	max_body[sizeof(max_body) - 1] = '\0';
	for (i = 0; i < WB_NELEM(cases); i++) {
		id = -1;
		err = (struct wb_err){ 0 };
		if (wb_note_add(f->t.db, &f->ggz, f->client, cases[i].kind,
		    cases[i].date, cases[i].body, &id, &err) != WB_EINVAL)
			fail_msg("case %zu: not refused", i);
		assert_string_equal(err.field, cases[i].field);
		assert_int_equal(id, 0);
	}
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM note"), 0);
	assert_int_equal(dbt_audit_count(&f->t, "note.add", NULL), 0);
	assert_int_equal(wb_note_add(f->t.db, &f->ggz, f->client, "notitie",
	    today, max_body, &id, &err), 0);
	/* The client reads notes, never writes them. */
	{
		struct wb_actor me = { .role = WB_ROLE_CLIENT,
		    .client_id = f->client, .address = "x", .via = "web" };
		struct wb_note	*notes;
		size_t		 n;

		assert_int_equal(wb_note_add(f->t.db, &me, f->client,
		    "notitie", today, "Van mij", &id, &err), WB_EDENIED);
		assert_int_equal(wb_note_list(f->t.db, &me, f->client,
		    &f->t.a, &notes, &n, &err), 0);
		assert_int_equal(n, 1);
	}
}

#define T(f)	cmocka_unit_test_setup_teardown(f, ct_plan_setup, \
	    ct_plan_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_note_add_list),
		T(test_note_needs_category),
		T(test_note_validation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
