/* test_demo.c - the demo data set: complete, consistent, loadable once. */
#include "dbtest.h"

#include "base/common.h"
#include "base/time.h"
#include "domain/card.h"
#include "domain/contact_point.h"
#include "domain/demo.h"
#include "domain/user.h"

#include <time.h>

/* The shared fixture: one filled database (its arena holds the report's
 * strings) and the report. */
struct fixture {
	struct dbt		 t;
	struct wb_demo_report	 r;
	double			 seconds;
};

static int
setup(void **state)
{
	struct fixture	*f;
	struct wb_err	 err;
	struct timespec	 t0, t1;
	bool		 empty = false;
	int		 rc;

	f = calloc(1, sizeof(*f));
	if (f == NULL)
		return -1;
	/* Cheap hashing unless the caller sets WERKBRUG_PWHASH (to time the
	 * fill as `werkbrug demo` does it). */
	dbt_open(&f->t, true);
	assert_int_equal(wb_demo_is_empty(f->t.db, &empty, &err), 0);
	assert_true(empty);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = wb_demo_fill(f->t.db, &f->t.a, &f->r, &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc != 0)
		print_error("wb_demo_fill: %d %s (%s)\n", rc, err.msg,
		    err.field);
	assert_int_equal(rc, 0);
	f->seconds = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("wb_demo_fill: %.2f s (%zu organisations, %zu cards, "
	    "%zu contact points, %zu users)\n", f->seconds,
	    f->r.organisations, f->r.cards, f->r.contact_points, f->r.users);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	dbt_close(&f->t);
	free(f);
	return 0;
}

/* The counts in the report match what is in the database. */
static void
test_counts(void **state)
{
	struct fixture	*f = *state;
	struct wb_arena	 a;
	struct wb_err	 err;
	struct wb_region *regions;
	struct wb_org	*orgs;
	size_t		 nregions, n;
	int64_t		 total = 0;
	bool		 empty = true;

	wb_arena_init(&a);
	assert_int_equal(wb_region_list(f->t.db, &a, &regions, &nregions,
	    &err), 0);
	assert_int_equal(nregions, 35);
	assert_int_equal(wb_org_list(f->t.db, NULL, 1000, 0, &a, &orgs, &n,
	    &total, &err), 0);
	assert_int_equal((size_t)total, f->r.organisations);
	/* Per region: UWV, 2 GGZ, 2 gemeenten, werkgever, re-integratie,
	 * cliëntenorganisatie; plus two national organisations. */
	assert_int_equal(f->r.organisations, 8 * nregions + 2);
	assert_int_equal(wb_org_list(f->t.db, "uwv", 1000, 0, &a, &orgs, &n,
	    &total, &err), 0);
	assert_int_equal(total, 35);
	assert_int_equal(wb_org_list(f->t.db, "ggz", 1000, 0, &a, &orgs, &n,
	    &total, &err), 0);
	assert_int_equal(total, 70);
	/* 5 current contact points per region and one earlier one for each
	 * UWV-vestiging. */
	assert_int_equal(f->r.contact_points, 6 * nregions);
	assert_true(f->r.cards >= 2 * f->r.organisations);
	assert_int_equal(f->r.users, 7);
	assert_int_equal(f->r.nlogins, 7);
	assert_int_equal(wb_demo_is_empty(f->t.db, &empty, &err), 0);
	assert_false(empty);
	wb_arena_free(&a);
}

/* Every region has a current contact point in every domain. */
static void
test_every_region_covered(void **state)
{
	struct fixture		*f = *state;
	struct wb_actor		 sys = wb_actor_system();
	struct wb_arena		 a;
	struct wb_err		 err;
	struct wb_region	*regions;
	struct wb_cp		*cps;
	size_t			 nregions, n, i, j;

	wb_arena_init(&a);
	assert_int_equal(wb_region_list(f->t.db, &a, &regions, &nregions,
	    &err), 0);
	for (i = 0; i < nregions; i++)
		for (j = 0; wb_cp_domains[j] != NULL; j++) {
			assert_int_equal(wb_cp_find_region(f->t.db, &sys,
			    regions[i].code, wb_cp_domains[j], &a, &cps, &n,
			    &err), 0);
			if (n == 0)
				print_error("%s %s: no contact point\n",
				    regions[i].code, wb_cp_domains[j]);
			assert_true(n >= 1);
			assert_true(cps[0].person.card_id != 0);
			assert_true(cps[0].deputy.card_id != 0);
			assert_true(cps[0].valid_until == INT64_MIN);
		}
	wb_arena_free(&a);
}

/* 's-Hertogenbosch: one UWV contact point with a deputy; the gemeente's
 * own organisation comes first; the UWV history is kept. */
static void
test_home_municipality(void **state)
{
	struct fixture		*f = *state;
	struct wb_actor		 sys = wb_actor_system();
	struct wb_arena		 a;
	struct wb_err		 err;
	struct wb_cp		*cps, *hist;
	size_t			 n, nh, i, open = 0, ended = 0;
	int			 y, m, d;

	wb_arena_init(&a);
	assert_int_equal(wb_cp_find(f->t.db, &sys, "GM0796", "uwv", &a, &cps,
	    &n, &err), 0);
	assert_int_equal(n, 1);
	assert_true(cps[0].deputy.card_id != 0);
	assert_non_null(cps[0].deputy.name);
	assert_string_equal(cps[0].org_type, "uwv");
	wb_civil_from_days(wb_today(), &y, &m, &d);
	assert_true(cps[0].valid_from == wb_days_from_civil(y, 1, 1));

	assert_int_equal(wb_cp_by_org(f->t.db, &sys, cps[0].org_id, true, &a,
	    &hist, &nh, &err), 0);
	assert_int_equal(nh, 2);
	for (i = 0; i < nh; i++) {
		if (hist[i].valid_until == INT64_MIN)
			open++;
		else {
			assert_true(hist[i].valid_until ==
			    wb_days_from_civil(y, 1, 1) - 1);
			assert_true(hist[i].valid_from ==
			    wb_days_from_civil(y - 2, 1, 1));
			ended++;
		}
	}
	assert_int_equal(open, 1);
	assert_int_equal(ended, 1);

	assert_int_equal(wb_cp_find(f->t.db, &sys, "GM0796", "gemeente", &a,
	    &cps, &n, &err), 0);
	assert_true(n >= 1);
	assert_string_equal(cps[0].org_code, "GEM-GM0796");
	assert_int_equal(wb_cp_find(f->t.db, &sys, "GM0796", "ggz", &a,
	    &cps, &n, &err), 0);
	assert_int_equal(n, 2);
	wb_arena_free(&a);
}

/* Every demo login works with its generated password; the accounts are
 * what the report says. */
static void
test_logins(void **state)
{
	struct fixture	*f = *state;
	struct wb_arena	 a;
	struct wb_err	 err;
	struct wb_user	 u;
	struct wb_card	 c;
	struct wb_municipality home;
	size_t		 i, j;
	int64_t		 uid;

	wb_arena_init(&a);
	assert_int_equal(wb_municipality_get(f->t.db, "GM0796", &a, &home,
	    &err), 0);
	for (i = 0; i < f->r.nlogins; i++) {
		const struct wb_demo_login *l = &f->r.logins[i];

		assert_int_equal(strlen(l->password), 16);
		assert_non_null(l->description);
		for (j = 0; j < i; j++)
			assert_string_not_equal(l->password,
			    f->r.logins[j].password);
		uid = 0;
		assert_int_equal(wb_user_login(f->t.db, l->email, l->password,
		    "127.0.0.1", &uid, &err), 0);
		assert_true(uid > 0);
		assert_int_equal(wb_user_load(f->t.db, uid, &a, &u, &err), 0);
		assert_string_equal(wb_role_name(u.role), l->role);
		if (u.role == WB_ROLE_COORDINATOR) {
			assert_non_null(u.region_code);
			assert_string_equal(u.region_code, home.region_code);
			assert_string_equal(u.org_code, "GEM-GM0796");
		}
		if (u.role == WB_ROLE_PROFESSIONAL) {
			assert_int_equal(wb_card_of_user(f->t.db, uid, &a, &c,
			    &err), 0);
			assert_int_equal(c.org_id, u.org_id);
		}
	}
	/* One account per role. */
	for (i = WB_ROLE_ADMIN; i <= WB_ROLE_PROFESSIONAL; i++) {
		bool	found = false;

		for (j = 0; j < f->r.nlogins; j++)
			if (strcmp(f->r.logins[j].role,
			    wb_role_name((enum wb_role)i)) == 0)
				found = true;
		assert_true(found);
	}
	assert_int_equal(wb_user_login(f->t.db, "admin@werkbrug.example",
	    "verkeerd-wachtwoord", "127.0.0.1", &uid, &err), WB_EDENIED);
	wb_arena_free(&a);
}

/* A second fill is refused and changes nothing. */
static void
test_second_fill_refused(void **state)
{
	struct fixture		*f = *state;
	struct wb_arena		 a;
	struct wb_err		 err;
	struct wb_demo_report	 r;
	struct wb_org		*orgs;
	size_t			 n;
	int64_t			 total = 0;

	wb_arena_init(&a);
	assert_int_equal(wb_demo_fill(f->t.db, &a, &r, &err), WB_ECONFLICT);
	assert_true(strlen(err.msg) > 0);
	assert_int_equal(r.organisations, 0);
	assert_int_equal(r.nlogins, 0);
	assert_int_equal(wb_org_list(f->t.db, NULL, 10, 0, &a, &orgs, &n,
	    &total, &err), 0);
	assert_int_equal((size_t)total, f->r.organisations);
	wb_arena_free(&a);
}

/* Everything was audited and the chain is intact. */
static void
test_audit_chain(void **state)
{
	struct fixture	*f = *state;
	struct wb_err	 err;
	int64_t		 checked = 0, broken = 0;

	assert_int_equal(wb_audit_verify(f->t.db, &checked, &broken, &err),
	    0);
	assert_true((size_t)checked >= f->r.organisations + f->r.cards +
	    f->r.contact_points + f->r.users);
}

/* Without regions nothing is created. */
static void
test_needs_regions(void **state)
{
	struct dbt		 t;
	struct wb_err		 err;
	struct wb_demo_report	 r;
	bool			 empty = false;

	(void)state;
	dbt_open(&t, false);
	assert_int_equal(wb_demo_fill(t.db, &t.a, &r, &err), WB_EINVAL);
	assert_int_equal(wb_demo_is_empty(t.db, &empty, &err), 0);
	assert_true(empty);
	dbt_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_every_region_covered),
		cmocka_unit_test(test_home_municipality),
		cmocka_unit_test(test_logins),
		cmocka_unit_test(test_second_fill_refused),
		cmocka_unit_test(test_audit_chain),
		cmocka_unit_test(test_needs_regions),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
