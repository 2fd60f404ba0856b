/* test_fidelity.c - IPS-25 fidelity reviews (src/domain/fidelity.c): the
 * items and bands, adding a review (and that a refused one changes
 * nothing), who may read and write, the lists, and the audit event. */
#include "dbtest.h"

#include "base/time.h"
#include "domain/fidelity.h"
#include "web/i18n.h"

#define TODAY_Y	2026
#define TODAY_M	10
#define TODAY_D	15

/* The organisations of every test, made in setup. */
struct ft {
	struct dbt	 t;
	int64_t		 a, b, c;	/* GGZ-A (AM01), GGZ-B (AM02),
					 * OVERIG-C (AM01) */
};

enum who {
	W_PROF_A, W_PROF_B, W_COORD_AM01, W_COORD_AM02_AT_A, W_COORD_NONE,
	W_EDITOR_A, W_MONITOR, W_AUDITOR, W_ADMIN, W_CLIENT, W_ANON,
	W_SYSTEM, W__COUNT
};

static const char *const who_names[W__COUNT] = {
	"professional A", "professional B", "coordinator AM01 (at C)",
	"coordinator AM02 (at A)", "coordinator without region (at C)",
	"editor A", "monitor", "auditor", "admin", "client", "anonymous",
	"system"
};

/* The actor `w`, with the organisation ids of this run. */
static struct wb_actor
actor(const struct ft *f, enum who w)
{
	struct wb_actor	a = { .address = "test", .via = "test" };

	switch (w) {
	case W_PROF_A:
		a.role = WB_ROLE_PROFESSIONAL;
		a.org_id = f->a;
		break;
	case W_PROF_B:
		a.role = WB_ROLE_PROFESSIONAL;
		a.org_id = f->b;
		break;
	case W_COORD_AM01:
		a.role = WB_ROLE_COORDINATOR;
		a.org_id = f->c;
		a.region_code = "AM01";
		break;
	case W_COORD_AM02_AT_A:
		a.role = WB_ROLE_COORDINATOR;
		a.org_id = f->a;
		a.region_code = "AM02";
		break;
	case W_COORD_NONE:
		a.role = WB_ROLE_COORDINATOR;
		a.org_id = f->c;
		break;
	case W_EDITOR_A:
		a.role = WB_ROLE_EDITOR;
		a.org_id = f->a;
		break;
	case W_MONITOR:
		a.role = WB_ROLE_MONITOR;
		a.org_id = f->c;
		break;
	case W_AUDITOR:
		a.role = WB_ROLE_AUDITOR;
		a.org_id = f->c;
		break;
	case W_ADMIN:
		a.role = WB_ROLE_ADMIN;
		a.org_id = f->c;
		break;
	case W_CLIENT:
		a.role = WB_ROLE_CLIENT;
		a.client_id = 1;
		break;
	case W_ANON:
		a.role = WB_ROLE_NONE;
		break;
	case W_SYSTEM:
	case W__COUNT:
		a = wb_actor_system();
		break;
	}
	return a;
}

static int64_t
add_org(struct dbt *t, const char *code, const char *type,
    const char *region)
{
	struct wb_actor	sys = wb_actor_system();
	struct wb_org	o = { .code = code, .name = code, .type = type,
	    .regions = { region }, .nregions = 1, .active = true };
	struct wb_err	err;
	int64_t		id = 0;

	if (wb_org_add(t->db, &sys, &o, &id, &err) != 0)
		fail_msg("org %s: %s", code, err.msg);
	return id;
}

static int
setup(void **state)
{
	struct ft	*f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	dbt_set_now(wb_days_from_civil(TODAY_Y, TODAY_M, TODAY_D) * 86400 +
	    12 * 3600);
	dbt_open(&f->t, true);
	f->a = add_org(&f->t, "GGZ-A", "ggz", "AM01");
	f->b = add_org(&f->t, "GGZ-B", "ggz", "AM02");
	f->c = add_org(&f->t, "OVERIG-C", "overig", "AM01");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct ft	*f = *state;

	dbt_close(&f->t);
	free(f);
	return 0;
}

/* A valid review of organisation `org`; every score `score`. */
static struct wb_fidelity_input
input(const char *org, int64_t scores[WB_FIDELITY_NITEMS], int64_t score)
{
	struct wb_fidelity_input	in = { .org = org,
	    .programme = "IPS-team Oost", .intervention = "ips",
	    .review_date = "01-10-2026", .reviewers = "R. Reviewer, S. Tweede",
	    .action_points = "Caseload verlagen.\nMeer werkgeverscontact.",
	    .scores = scores, .nscores = WB_FIDELITY_NITEMS };
	size_t				i;

	for (i = 0; i < WB_FIDELITY_NITEMS; i++)
		scores[i] = score;
	return in;
}

static int64_t
count(struct dbt *t, const char *table)
{
	char	sql[96];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	return dbt_int(t, sql);
}

/* Add as the system; the review's id. */
static int64_t
add(struct ft *f, const struct wb_fidelity_input *in)
{
	struct wb_actor	sys = wb_actor_system();
	struct wb_err	err;
	int64_t		id = 0;

	wb_err_clear(&err);
	if (wb_fidelity_add(f->t.db, &sys, in, &id, &err) != 0)
		fail_msg("add: %s (%s)", err.msg, err.field);
	assert_true(id > 0);
	return id;
}

static void
test_bands(void **state)
{
	static const struct {
		int64_t		 total;
		const char	*band, *label;
	} cases[] = {
		{ 24, NULL, "" },
		{ 25, "not-ips", "Geen IPS" },
		{ 73, "not-ips", "Geen IPS" },
		{ 74, "fair", "Redelijk" },
		{ 99, "fair", "Redelijk" },
		{ 100, "good", "Goed" },
		{ 114, "good", "Goed" },
		{ 115, "exemplary", "Voorbeeldig" },
		{ 125, "exemplary", "Voorbeeldig" },
		{ 126, NULL, "" },
		{ 0, NULL, "" },
		{ -100, NULL, "" },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(cases); i++) {
		const char *band = wb_fidelity_band(cases[i].total);

		if (cases[i].band == NULL) {
			if (band != NULL)
				fail_msg("%lld: %s", (long long)cases[i].total,
				    band);
		} else if (band == NULL ||
		    strcmp(band, cases[i].band) != 0)
			fail_msg("%lld: %s, want %s",
			    (long long)cases[i].total, band ? band : "NULL",
			    cases[i].band);
		assert_string_equal(wb_fidelity_band_label(band),
		    cases[i].label);
	}
}

/* 3 + 8 + 14 items S1-S3, O1-O8, V1-V14, numbered 1-25, labelled by id
 * and short name, and each English label in po/en.po. */
static void
test_items(void **state)
{
	static const char	 prefix[] = { 'S', 'O', 'V' };
	const struct wb_locale	*en;
	struct wb_err		 err;
	size_t			 i, per[WB_FIDELITY_NSECTIONS] = { 0 };
	char			 id[8], label[128];

	(void)state;
	assert_int_equal(wb_i18n_init(&err), 0);
	en = wb_i18n_get("en");
	assert_non_null(en);
	for (i = 0; i < WB_FIDELITY_NITEMS; i++) {
		const struct wb_fidelity_item *it = &wb_fidelity_items[i];

		assert_int_equal(it->number, (int)i + 1);
		assert_true((unsigned)it->section < WB_FIDELITY_NSECTIONS);
		if (i > 0)
			assert_true(it->section >=
			    wb_fidelity_items[i - 1].section);
		per[it->section]++;
		snprintf(id, sizeof(id), "%c%zu", prefix[it->section],
		    per[it->section]);
		assert_string_equal(it->id, id);
		id[0] = (char)(id[0] - 'A' + 'a');
		assert_string_equal(it->field, id);
		snprintf(label, sizeof(label), "%s %s", it->id, it->name_nl);
		assert_string_equal(it->label, label);
		/* Short names only: never an anchor text. */
		assert_true(strlen(it->name_nl) <= 40);
		assert_true(strlen(it->name_en) <= 40);
		snprintf(label, sizeof(label), "%s %s", it->id, it->name_en);
		assert_string_equal(wb_tr(en, it->label), label);
	}
	assert_int_equal(per[WB_FIDELITY_STAFFING], 3);
	assert_int_equal(per[WB_FIDELITY_ORGANISATION], 8);
	assert_int_equal(per[WB_FIDELITY_SERVICES], 14);
	for (i = 0; i < WB_FIDELITY_NSECTIONS; i++)
		assert_string_not_equal(wb_tr(en, wb_fidelity_section_label(
		    (enum wb_fidelity_section)i)), wb_fidelity_section_label(
		    (enum wb_fidelity_section)i));
	assert_string_equal(wb_fidelity_section_name(WB_FIDELITY_SERVICES),
	    "services");
	wb_i18n_fini();
}

static void
test_add(void **state)
{
	struct ft			*f = *state;
	struct wb_actor			 prof = actor(f, W_PROF_A);
	struct wb_fidelity_review	 r;
	struct wb_fidelity_input	 in;
	struct wb_err			 err;
	int64_t				 scores[WB_FIDELITY_NITEMS], id = 0;
	char				 sql[160], text[160];
	size_t				 i;

	in = input("GGZ-A", scores, 4);
	scores[0] = 5;		/* S1 */
	scores[24] = 3;		/* V14: 5 + 23 * 4 + 3 = 100 */
	in.programme = "  IPS-team Oost  ";
	in.review_date = "2026-10-15";		/* today, ISO */
	assert_int_equal(wb_fidelity_add(f->t.db, &prof, &in, &id, &err), 0);
	assert_true(id > 0);
	assert_int_equal(count(&f->t, "fidelity_review"), 1);
	assert_int_equal(count(&f->t, "fidelity_score"), 25);
	snprintf(sql, sizeof(sql), "SELECT total FROM fidelity_review WHERE "
	    "id = %lld", (long long)id);
	assert_int_equal(dbt_int(&f->t, sql), 100);
	snprintf(sql, sizeof(sql), "SELECT band FROM fidelity_review WHERE "
	    "id = %lld", (long long)id);
	dbt_text(&f->t, sql, text, sizeof(text));
	assert_string_equal(text, "good");
	snprintf(sql, sizeof(sql), "SELECT score FROM fidelity_score WHERE "
	    "review_id = %lld AND item = 25", (long long)id);
	assert_int_equal(dbt_int(&f->t, sql), 3);

	/* The audit event: allowed, with ids and numbers, no text. */
	assert_int_equal(dbt_audit_count(&f->t, "fidelity.add", "allowed"),
	    1);
	dbt_text(&f->t, "SELECT detail FROM audit_event WHERE event = "
	    "'fidelity.add'", text, sizeof(text));
	snprintf(sql, sizeof(sql), "organisation %lld total 100 good",
	    (long long)f->a);
	assert_string_equal(text, sql);
	dbt_text(&f->t, "SELECT object_id FROM audit_event WHERE event = "
	    "'fidelity.add'", text, sizeof(text));
	assert_int_equal(strtoll(text, NULL, 10), id);

	assert_int_equal(wb_fidelity_get(f->t.db, &prof, id, &f->t.a, &r,
	    &err), 0);
	assert_true(r.has_scores);
	assert_int_equal(r.total, 100);
	assert_string_equal(r.band, "good");
	assert_string_equal(r.programme, "IPS-team Oost");	/* trimmed */
	assert_string_equal(r.org_code, "GGZ-A");
	assert_string_equal(r.intervention, "ips");
	assert_string_equal(r.intervention_name, "IPS (EPA)");
	assert_int_equal(r.review_date, wb_days_from_civil(2026, 10, 15));
	assert_string_equal(r.reviewers, "R. Reviewer, S. Tweede");
	assert_non_null(strstr(r.action_points, "werkgeverscontact"));
	assert_int_equal(r.scores[0], 5);
	assert_int_equal(r.scores[24], 3);
	for (i = 1; i < 24; i++)
		assert_int_equal(r.scores[i], 4);
	/* Optional text left out, and ips-cmd. */
	in = input("GGZ-A", scores, 1);
	in.reviewers = NULL;
	in.action_points = "";
	in.intervention = "ips-cmd";
	id = add(f, &in);
	assert_int_equal(wb_fidelity_get(f->t.db, &prof, id, &f->t.a, &r,
	    &err), 0);
	assert_int_equal(r.total, 25);
	assert_string_equal(r.band, "not-ips");
	assert_string_equal(r.reviewers, "");
	assert_string_equal(r.action_points, "");
	assert_int_equal(wb_fidelity_get(f->t.db, &prof, id + 100, &f->t.a,
	    &r, &err), WB_ENOTFOUND);
}

/* Every wrong input is refused with its field, and nothing is stored or
 * audited as added. */
static void
test_add_refused(void **state)
{
	static const struct {
		const char	*what, *field;
	} cases[] = {
		{ "score 0 at S1", "s1" },
		{ "score 6 at V14", "v14" },
		{ "score -1 at O4", "o4" },
		{ "24 scores", "scores" },
		{ "26 scores", "scores" },
		{ "no scores", "scores" },
		{ "tomorrow", "review_date" },
		{ "not a date", "review_date" },
		{ "31-02-2026", "review_date" },
		{ "no date", "review_date" },
		{ "wabz", "intervention" },
		{ "unknown intervention", "intervention" },
		{ "no intervention", "intervention" },
		{ "blank programme", "programme" },
		{ "programme of 101", "programme" },
		{ "programme with a newline", "programme" },
		{ "reviewers of 301", "reviewers" },
		{ "unknown organisation", "org" },
		{ "no organisation", "org" },
	};
	struct ft			*f = *state;
	struct wb_actor			 prof = actor(f, W_PROF_A);
	struct wb_fidelity_input	 in;
	struct wb_err			 err;
	int64_t				 scores[WB_FIDELITY_NITEMS + 1];
	int64_t				 id;
	char				 long_text[400];
	size_t				 i;

	for (i = 0; i < WB_NELEM(cases); i++) {
		const char *w = cases[i].what;

		in = input("GGZ-A", scores, 3);
		if (strcmp(w, "score 0 at S1") == 0)
			scores[0] = 0;
		else if (strcmp(w, "score 6 at V14") == 0)
			scores[24] = 6;
		else if (strcmp(w, "score -1 at O4") == 0)
			scores[6] = -1;
		else if (strcmp(w, "24 scores") == 0)
			in.nscores = 24;
		else if (strcmp(w, "26 scores") == 0) {
			scores[25] = 3;
			in.nscores = 26;
		} else if (strcmp(w, "no scores") == 0) {
			in.scores = NULL;
			in.nscores = 0;
		} else if (strcmp(w, "tomorrow") == 0)
			in.review_date = "16-10-2026";
		else if (strcmp(w, "not a date") == 0)
			in.review_date = "gisteren";
		else if (strcmp(w, "31-02-2026") == 0)
			in.review_date = w;
		else if (strcmp(w, "no date") == 0)
			in.review_date = NULL;
		else if (strcmp(w, "wabz") == 0)
			in.intervention = "wabz";
		else if (strcmp(w, "unknown intervention") == 0)
			in.intervention = "ips-mild";
		else if (strcmp(w, "no intervention") == 0)
			in.intervention = "";
		else if (strcmp(w, "blank programme") == 0)
			in.programme = "   ";
		else if (strcmp(w, "programme of 101") == 0) {
			memset(long_text, 'x', 101);
			long_text[101] = '\0';
			in.programme = long_text;
		} else if (strcmp(w, "programme with a newline") == 0)
			in.programme = "Team\nOost";
		else if (strcmp(w, "reviewers of 301") == 0) {
			memset(long_text, 'r', 301);
			long_text[301] = '\0';
			in.reviewers = long_text;
		} else if (strcmp(w, "unknown organisation") == 0)
			in.org = "GGZ-Z";
		else if (strcmp(w, "no organisation") == 0)
			in.org = NULL;
		wb_err_clear(&err);
		id = 99;
		if (wb_fidelity_add(f->t.db, &prof, &in, &id, &err) !=
		    WB_EINVAL)
			fail_msg("%s: not refused", w);
		if (strcmp(err.field, cases[i].field) != 0)
			fail_msg("%s: field %s, want %s", w, err.field,
			    cases[i].field);
		assert_int_equal(id, 0);
		assert_true(err.msg[0] >= 'A' && err.msg[0] <= 'Z');
		assert_null(strchr(err.msg, '%'));
	}
	/* Limits are inclusive: 100 characters of programme, today. */
	in = input("GGZ-A", scores, 3);
	memset(long_text, 'p', 100);
	long_text[100] = '\0';
	in.programme = long_text;
	in.review_date = "15-10-2026";
	assert_int_equal(count(&f->t, "fidelity_review"), 0);
	(void)add(f, &in);
	assert_int_equal(count(&f->t, "fidelity_review"), 1);
	/* An IPS intervention no longer offered takes no new reviews. */
	dbt_exec(&f->t, "UPDATE intervention SET active = 0 WHERE "
	    "code = 'ips-cmd'");
	in = input("GGZ-A", scores, 3);
	in.intervention = "ips-cmd";
	assert_int_equal(wb_fidelity_add(f->t.db, &prof, &in, &id, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "intervention");
	dbt_exec(&f->t, "UPDATE intervention SET active = 1 WHERE "
	    "code = 'ips-cmd'");
	assert_int_equal(count(&f->t, "fidelity_review"), 1);
	assert_int_equal(count(&f->t, "fidelity_score"), 25);
	assert_int_equal(dbt_audit_count(&f->t, "fidelity.add", NULL), 1);
}

/* Who may read and write reviews of GGZ-A (AM01) and GGZ-B (AM02): the
 * pure decision, and the domain functions with their audited refusals. */
static void
test_access(void **state)
{
	static const struct {
		enum who	 who;
		const char	*want;	/* read A, write A, read B, write B */
	} cases[] = {
		{ W_PROF_A, "yynn" },
		{ W_PROF_B, "nnyy" },
		{ W_COORD_AM01, "yynn" },	/* A serves AM01 */
		{ W_COORD_AM02_AT_A, "yyyy" },	/* own org, B serves AM02 */
		{ W_COORD_NONE, "nnnn" },
		{ W_EDITOR_A, "ynnn" },
		{ W_MONITOR, "ynyn" },
		{ W_AUDITOR, "nnnn" },
		{ W_ADMIN, "nnnn" },
		{ W_CLIENT, "nnnn" },
		{ W_ANON, "nnnn" },
		{ W_SYSTEM, "yyyy" },
	};
	struct ft			*f = *state;
	struct wb_fidelity_review	 r, *list;
	struct wb_fidelity_input	 in;
	struct wb_org			 oa, ob;
	struct wb_err			 err;
	int64_t				 scores[WB_FIDELITY_NITEMS];
	int64_t				 ra, rb, id, denied_before;
	size_t				 i, k, n;

	assert_int_equal(wb_org_get(f->t.db, f->a, &f->t.a, &oa, &err), 0);
	assert_int_equal(wb_org_get(f->t.db, f->b, &f->t.a, &ob, &err), 0);
	in = input("GGZ-A", scores, 4);
	ra = add(f, &in);
	in = input("GGZ-B", scores, 3);
	rb = add(f, &in);
	for (i = 0; i < WB_NELEM(cases); i++) {
		struct wb_actor	 a = actor(f, cases[i].who);
		const char	*name = who_names[cases[i].who];

		for (k = 0; k < 4; k++) {
			const struct wb_org	*o = k < 2 ? &oa : &ob;
			struct wb_scope		 s = wb_fidelity_scope(&a, o);
			bool			 want = cases[i].want[k] == 'y';
			bool			 write = k % 2 == 1;
			int			 rc;

			rc = wb_access_check(&a, write ? WB_ACT_FIDELITY_WRITE :
			    WB_ACT_FIDELITY_READ, &s);
			if ((rc == 0) != want)
				fail_msg("%s %s %s: policy says %s", name,
				    write ? "write" : "read", o->code,
				    rc == 0 ? "yes" : "no");
			denied_before = dbt_audit_count(&f->t,
			    write ? "fidelity.add" : "fidelity.read",
			    "denied");
			wb_err_clear(&err);
			if (write) {
				in = input(o->code, scores, 2);
				in.programme = "Toegangstest";
				rc = wb_fidelity_add(f->t.db, &a, &in, &id,
				    &err);
			} else
				rc = wb_fidelity_get(f->t.db, &a, k < 2 ? ra :
				    rb, &f->t.a, &r, &err);
			if (want ? rc != 0 : rc != WB_EDENIED)
				fail_msg("%s %s %s: %d (%s)", name, write ?
				    "add" : "get", o->code, rc, err.msg);
			if (!want)
				assert_int_equal(dbt_audit_count(&f->t,
				    write ? "fidelity.add" : "fidelity.read",
				    "denied"), denied_before + 1);
			if (!write && want) {
				rc = wb_fidelity_by_org(f->t.db, &a, o->id,
				    &f->t.a, &list, &n, &err);
				assert_int_equal(rc, 0);
				assert_true(n >= 1);
			} else if (!write) {
				rc = wb_fidelity_by_org(f->t.db, &a, o->id,
				    &f->t.a, &list, &n, &err);
				assert_int_equal(rc, WB_EDENIED);
				assert_int_equal(n, 0);
				rc = wb_fidelity_programme(f->t.db, &a,
				    k < 2 ? ra : rb, &f->t.a, &list, &n, &err);
				assert_int_equal(rc, WB_EDENIED);
				assert_null(list);
			}
		}
	}
	/* A refused add stored nothing: the two above and the seven allowed
	 * ones (A: 1, B: 1, coordinators: 1 + 2, system: 2) are there. */
	assert_int_equal(count(&f->t, "fidelity_review"), 2 + 7);
	assert_int_equal(dbt_int(&f->t, "SELECT count(*) FROM fidelity_review "
	    "WHERE programme = 'Toegangstest'"), dbt_audit_count(&f->t,
	    "fidelity.add", "allowed") - 2);
}

static void
test_lists(void **state)
{
	struct ft			*f = *state;
	struct wb_actor			 prof = actor(f, W_PROF_A);
	struct wb_actor			 coord = actor(f, W_COORD_AM01);
	struct wb_actor			 mon = actor(f, W_MONITOR);
	struct wb_actor			 admin = actor(f, W_ADMIN);
	struct wb_actor			 editor = actor(f, W_EDITOR_A);
	struct wb_fidelity_review	*list, r;
	struct wb_fidelity_input	 in;
	struct wb_org			*orgs;
	struct wb_err			 err;
	int64_t				 scores[WB_FIDELITY_NITEMS];
	int64_t				 first, second, west;
	size_t				 n;

	in = input("GGZ-A", scores, 3);			/* 75, fair */
	in.review_date = "01-10-2025";
	first = add(f, &in);
	in = input("GGZ-A", scores, 4);			/* 100, good */
	in.review_date = "01-04-2026";
	second = add(f, &in);
	in = input("GGZ-A", scores, 5);			/* 125 */
	in.programme = "IPS-team West";
	west = add(f, &in);
	in = input("GGZ-B", scores, 2);			/* 50 */
	(void)add(f, &in);

	/* The latest per programme, visible ones only. */
	assert_int_equal(wb_fidelity_latest(f->t.db, &prof, &f->t.a, &list,
	    &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, second);
	assert_string_equal(list[0].band, "good");
	assert_int_equal(list[1].id, west);
	assert_int_equal(wb_fidelity_latest(f->t.db, &coord, &f->t.a, &list,
	    &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(wb_fidelity_latest(f->t.db, &mon, &f->t.a, &list,
	    &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(list[2].org_code, "GGZ-B");
	assert_null(list[0].reviewers);
	assert_null(list[0].action_points);
	assert_int_equal(wb_fidelity_latest(f->t.db, &admin, &f->t.a, &list,
	    &n, &err), WB_EDENIED);
	assert_int_equal(n, 0);

	/* The trend of one programme, oldest first, from any review of it. */
	assert_int_equal(wb_fidelity_programme(f->t.db, &prof, second,
	    &f->t.a, &list, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, first);
	assert_int_equal(list[0].total, 75);
	assert_string_equal(list[0].band, "fair");
	assert_int_equal(list[1].id, second);
	assert_int_equal(wb_fidelity_programme(f->t.db, &prof, west, &f->t.a,
	    &list, &n, &err), 0);
	assert_int_equal(n, 1);

	assert_int_equal(wb_fidelity_by_org(f->t.db, &prof, f->a, &f->t.a,
	    &list, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].programme, "IPS-team Oost");
	assert_string_equal(list[2].programme, "IPS-team West");
	assert_non_null(list[0].reviewers);

	/* A monitor reads numbers, not the free text. */
	assert_int_equal(wb_fidelity_get(f->t.db, &mon, first, &f->t.a, &r,
	    &err), 0);
	assert_int_equal(r.total, 75);
	assert_null(r.reviewers);
	assert_null(r.action_points);

	/* Where each may add reviews. */
	assert_int_equal(wb_fidelity_orgs(f->t.db, &prof, &f->t.a, &orgs, &n,
	    &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(orgs[0].code, "GGZ-A");
	assert_int_equal(wb_fidelity_orgs(f->t.db, &coord, &f->t.a, &orgs, &n,
	    &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(orgs[0].code, "GGZ-A");
	assert_string_equal(orgs[1].code, "OVERIG-C");
	assert_int_equal(wb_fidelity_orgs(f->t.db, &editor, &f->t.a, &orgs,
	    &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(wb_fidelity_orgs(f->t.db, &mon, &f->t.a, &orgs, &n,
	    &err), 0);
	assert_int_equal(n, 0);
}

static void
test_interventions(void **state)
{
	struct ft			*f = *state;
	struct wb_fidelity_intervention	*iv;
	struct wb_err			 err;
	size_t				 n;

	assert_int_equal(wb_fidelity_interventions(f->t.db, &f->t.a, &iv, &n,
	    &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(iv[0].code, "ips");
	assert_string_equal(iv[1].code, "ips-cmd");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bands),
		cmocka_unit_test(test_items),
		cmocka_unit_test_setup_teardown(test_add, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interventions, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
