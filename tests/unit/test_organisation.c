/* test_organisation.c - organisations, cards and contact points in the
 * domain: validation, who may change what, and contact-point history
 * (src/domain/organisation.c, card.c, contact_point.c). */
#include "dbtest.h"

#include "base/time.h"
#include "domain/card.h"
#include "domain/contact_point.h"

/* Actors without an account row (user_id 0), enough for the rules. */
static const struct wb_actor sys = { .role = WB_ROLE_SYSTEM,
    .address = "cli", .via = "cli" };
static const struct wb_actor coord = { .org_id = 1,
    .role = WB_ROLE_COORDINATOR, .region_code = "AM01",
    .address = "test", .via = "test" };
static const struct wb_actor prof = { .org_id = 1,
    .role = WB_ROLE_PROFESSIONAL, .address = "test", .via = "test" };

/* A valid organisation of `type` serving the given regions. */
static struct wb_org
org(const char *code, const char *type, const char *r1, const char *r2)
{
	struct wb_org	o;

	memset(&o, 0, sizeof(o));
	o.code = code;
	o.name = code;
	o.type = type;
	o.active = true;
	o.regions[o.nregions++] = r1;
	if (r2 != NULL)
		o.regions[o.nregions++] = r2;
	return o;
}

static int64_t
add_org(struct dbt *t, const struct wb_actor *a, struct wb_org *o)
{
	struct wb_err	err;
	int64_t		id = 0;

	if (wb_org_add(t->db, a, o, &id, &err) != 0)
		fail_msg("add %s: %s", o->code, err.msg);
	o->id = id;
	return id;
}

static int64_t
add_card(struct dbt *t, int64_t org_id, const char *name)
{
	struct wb_card	c = { .org_id = org_id, .name = name,
	    .function = "arbeidsdeskundige", .email = "p@x.example",
	    .active = true };
	struct wb_err	err;
	int64_t		id = 0;

	if (wb_card_add(t->db, &sys, &c, &id, &err) != 0)
		fail_msg("card %s: %s", name, err.msg);
	return id;
}

static void
test_validation(void **state)
{
	static const struct {
		const char	*field, *agb, *kvk, *phone, *email, *website;
		const char	*municipality, *type;
	} bad[] = {
		{ "agb", "123", NULL, NULL, NULL, NULL, NULL, "ggz" },
		{ "agb", "1234567a", NULL, NULL, NULL, NULL, NULL, "ggz" },
		{ "kvk", NULL, "abc", NULL, NULL, NULL, NULL, "ggz" },
		{ "phone", NULL, NULL, "06-12<34>", NULL, NULL, NULL, "ggz" },
		{ "email", NULL, NULL, NULL, "geen-adres", NULL, NULL, "ggz" },
		{ "website", NULL, NULL, NULL, NULL, "http://x.nl", NULL, "ggz" },
		{ "municipality", NULL, NULL, NULL, NULL, NULL, "GM0796", "ggz" },
		{ "municipality", NULL, NULL, NULL, NULL, NULL, "GM9999",
		    "gemeente" },
		{ "type", NULL, NULL, NULL, NULL, NULL, NULL, "bakkerij" },
	};
	struct dbt	*t = *state;
	struct wb_err	 err;
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct wb_org	o = org("X-1", bad[i].type, "AM01", NULL);

		o.agb = bad[i].agb;
		o.kvk = bad[i].kvk;
		o.phone = bad[i].phone;
		o.email = bad[i].email;
		o.website = bad[i].website;
		o.municipality_code = bad[i].municipality;
		wb_err_clear(&err);
		assert_int_equal(wb_org_validate(t->db, &o, &err), WB_EINVAL);
		if (strcmp(err.field, bad[i].field) != 0)
			fail_msg("case %zu: field %s, want %s", i, err.field,
			    bad[i].field);
	}
	{
		struct wb_org	o = org("X-1", "ggz", "AM01", "AM01");

		assert_int_equal(wb_org_validate(t->db, &o, &err), WB_EINVAL);
		assert_string_equal(err.field, "region");
		o = org("X-1", "ggz", "AM04", NULL);	/* unused in 2026 */
		assert_int_equal(wb_org_validate(t->db, &o, &err), WB_EINVAL);
		o = org("bad code!", "ggz", "AM01", NULL);
		assert_int_equal(wb_org_validate(t->db, &o, &err), WB_EINVAL);
		assert_string_equal(err.field, "code");
		o = org("GEM-1", "gemeente", "AM01", NULL);
		o.municipality_code = "GM0014";		/* Groningen */
		o.agb = "12345678";
		assert_int_equal(wb_org_validate(t->db, &o, &err), 0);
	}
	assert_int_equal(dbt_org_count(t), 0);
}

/* A coordinator changes only their own region's part of the directory. */
static void
test_coordinator_regions(void **state)
{
	struct dbt	*t = *state;
	struct wb_org	 mine = org("MINE", "ggz", "AM01", NULL);
	struct wb_org	 both = org("BOTH", "ggz", "AM01", "AM02");
	struct wb_org	 other = org("OTHER", "ggz", "AM02", NULL);
	struct wb_org	 o;
	struct wb_err	 err;
	int64_t		 id;

	add_org(t, &coord, &mine);
	assert_int_equal(wb_org_add(t->db, &coord, &both, &id, &err),
	    WB_EDENIED);
	assert_int_equal(wb_org_add(t->db, &coord, &other, &id, &err),
	    WB_EDENIED);
	assert_int_equal(wb_org_add(t->db, &prof, &other, &id, &err),
	    WB_EDENIED);
	assert_int_equal(dbt_org_count(t), 1);
	add_org(t, &sys, &both);
	add_org(t, &sys, &other);

	/* Rename an organisation of both regions: allowed. */
	o = both;
	o.name = "Nieuwe naam";
	assert_int_equal(wb_org_update(t->db, &coord, &o, &err), 0);
	/* Take AM02 away, or add AM02 to their own: refused. */
	o = org("BOTH", "ggz", "AM01", NULL);
	o.id = both.id;
	assert_int_equal(wb_org_update(t->db, &coord, &o, &err), WB_EDENIED);
	o = org("MINE", "ggz", "AM01", "AM02");
	o.id = mine.id;
	assert_int_equal(wb_org_update(t->db, &coord, &o, &err), WB_EDENIED);
	/* Another region's organisation: refused, and audited. */
	o = other;
	o.name = "Overgenomen";
	assert_int_equal(wb_org_update(t->db, &coord, &o, &err), WB_EDENIED);
	assert_true(dbt_audit_count(t, "organisation.update", "denied") >= 3);
	assert_int_equal(dbt_audit_count(t, "organisation.create", "denied"),
	    3);
}

static void
test_contact_point_rules(void **state)
{
	struct dbt		*t = *state;
	struct wb_org		 uwv = org("UWV-1", "uwv", "AM01", NULL);
	struct wb_org		 wg = org("WG-1", "werkgever", "AM01", NULL);
	struct wb_org		 far = org("UWV-2", "uwv", "AM02", NULL);
	struct wb_cp_input	 in;
	struct wb_err		 err;
	int64_t			 a, b, c, x, id, today = wb_today();

	add_org(t, &sys, &uwv);
	add_org(t, &sys, &wg);
	add_org(t, &sys, &far);
	a = add_card(t, uwv.id, "Anna");
	b = add_card(t, uwv.id, "Bert");
	c = add_card(t, uwv.id, "Cor");
	x = add_card(t, far.id, "Xander");
	memset(&in, 0, sizeof(in));
	in.org_id = uwv.id;
	in.region_code = "AM01";
	in.domain = "uwv";
	in.card_id = a;
	in.deputy_card_id = b;
	in.valid_from = today - 30;
	in.valid_until = INT64_MIN;

	/* Wrong domain for the type, region not served, a card of another
	 * organisation, deputy = person, end before start. */
	in.domain = "ggz";
	assert_int_equal(wb_cp_validate(t->db, &in, &err), WB_EINVAL);
	in.domain = "uwv";
	in.region_code = "AM02";
	assert_int_equal(wb_cp_validate(t->db, &in, &err), WB_EINVAL);
	in.region_code = "AM01";
	in.card_id = x;
	assert_int_equal(wb_cp_validate(t->db, &in, &err), WB_EINVAL);
	in.card_id = a;
	in.deputy_card_id = a;
	assert_int_equal(wb_cp_validate(t->db, &in, &err), WB_EINVAL);
	in.deputy_card_id = b;
	in.valid_until = today - 31;
	assert_int_equal(wb_cp_validate(t->db, &in, &err), WB_EINVAL);
	in.valid_until = INT64_MIN;
	in.org_id = wg.id;
	assert_int_equal(wb_cp_validate(t->db, &in, &err), WB_EINVAL);
	in.org_id = uwv.id;

	/* Only the region's coordinator (or an administrator). */
	assert_int_equal(wb_cp_set(t->db, &prof, &in, false, &id, &err),
	    WB_EDENIED);
	assert_int_equal(wb_cp_set(t->db, &coord, &in, false, &id, &err), 0);

	/* A successor ends the current one the day before; both stay. */
	in.card_id = c;
	in.valid_from = today;
	assert_int_equal(wb_cp_set(t->db, &coord, &in, false, &id, &err), 0);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM contact_point"), 2);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM contact_point "
	    "WHERE valid_until IS NULL"), 1);
	/* A successor that starts before the current one is refused. */
	in.valid_from = today - 60;
	assert_int_equal(wb_cp_set(t->db, &coord, &in, false, &id, &err),
	    WB_EINVAL);
	/* So is one before a contact point that is already planned. */
	in.valid_from = today + 30;
	assert_int_equal(wb_cp_set(t->db, &coord, &in, false, &id, &err), 0);
	in.valid_from = today + 10;
	assert_int_equal(wb_cp_set(t->db, &coord, &in, false, &id, &err),
	    WB_EINVAL);
	assert_string_equal(err.field, "valid_from");
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM contact_point"), 3);
}

/* A database with the 35 regions loaded. */
static int
setup(void **state)
{
	struct dbt	*t = calloc(1, sizeof(*t));

	if (t == NULL)
		return -1;
	dbt_open(t, true);
	*state = t;
	return 0;
}

int
main(void)
{
#define T(f)	cmocka_unit_test_setup_teardown(f, setup, dbt_teardown)
	const struct CMUnitTest tests[] = {
		T(test_validation),
		T(test_coordinator_regions),
		T(test_contact_point_rules),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
