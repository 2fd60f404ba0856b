/* test_access.c - the role x action x scope matrix of src/domain/access.c.
 *
 * Every actor is tried on every action in every scope; the expected answer
 * is spelled out per (actor, action) as one letter per scope, so a change
 * of policy shows up as a one-letter diff here.
 */
#include "testutil.h"

#include "base/common.h"
#include "base/err.h"
#include "domain/access.h"
#include "domain/actor.h"

/* The scopes, in the order of the letters in struct mcase.want. */
enum scope_kind {
	S_NULL,		/* no scope at all (NULL pointer) */
	S_EMPTY,	/* a scope with nothing set */
	S_AM01,		/* region AM01 */
	S_AM02,		/* region AM02 */
	S_OWN,		/* the actor's own account */
	S_OTHER,	/* somebody else's account */
	S__COUNT
};

static const char *const scope_names[S__COUNT] = {
	"NULL", "empty", "AM01", "AM02", "own", "other"
};

enum actor_kind {
	A_NONE, A_ADMIN, A_AUDITOR, A_COORD, A_COORD_NOREGION, A_COORD_OTHER,
	A_MONITOR, A_EDITOR, A_PROFESSIONAL, A_SYSTEM, A__COUNT
};

static const struct {
	const char	*name;
	struct wb_actor	 actor;
} actors[A__COUNT] = {
	[A_NONE] = { "anonymous", { .user_id = 0, .role = WB_ROLE_NONE } },
	[A_ADMIN] = { "admin", { .user_id = 1, .org_id = 1,
	    .role = WB_ROLE_ADMIN } },
	[A_AUDITOR] = { "auditor", { .user_id = 2, .org_id = 1,
	    .role = WB_ROLE_AUDITOR } },
	[A_COORD] = { "coordinator AM01", { .user_id = 3, .org_id = 2,
	    .role = WB_ROLE_COORDINATOR, .region_code = "AM01" } },
	[A_COORD_NOREGION] = { "coordinator without region", { .user_id = 4,
	    .org_id = 2, .role = WB_ROLE_COORDINATOR } },
	[A_COORD_OTHER] = { "coordinator AM31", { .user_id = 5, .org_id = 2,
	    .role = WB_ROLE_COORDINATOR, .region_code = "AM31" } },
	[A_MONITOR] = { "monitor", { .user_id = 6, .org_id = 1,
	    .role = WB_ROLE_MONITOR } },
	[A_EDITOR] = { "editor", { .user_id = 7, .org_id = 1,
	    .role = WB_ROLE_EDITOR } },
	[A_PROFESSIONAL] = { "professional", { .user_id = 8, .org_id = 3,
	    .role = WB_ROLE_PROFESSIONAL } },
	[A_SYSTEM] = { "system", { .user_id = 0, .role = WB_ROLE_SYSTEM } },
};

struct mcase {
	enum actor_kind	 actor;
	enum wb_action	 action;
	const char	*want;	/* per scope: y = allowed, n = denied */
};

#define ALL	"yyyyyy"
#define NONE	"nnnnnn"
#define OWN	"nnnnyn"

static const struct mcase mcases[] = {
	/* anonymous: default deny, everything */
	{ A_NONE, WB_ACT_DIRECTORY_READ, NONE },
	{ A_NONE, WB_ACT_ORG_MANAGE, NONE },
	{ A_NONE, WB_ACT_REGION_EDIT, NONE },
	{ A_NONE, WB_ACT_USER_MANAGE, NONE },
	{ A_NONE, WB_ACT_AUDIT_READ, NONE },
	{ A_NONE, WB_ACT_REGIONS_IMPORT, NONE },
	{ A_NONE, WB_ACT_OWN_CARD_EDIT, NONE },

	/* administrator: manages everything, but does not read the audit
	 * log (separation of duties) */
	{ A_ADMIN, WB_ACT_DIRECTORY_READ, ALL },
	{ A_ADMIN, WB_ACT_ORG_MANAGE, ALL },
	{ A_ADMIN, WB_ACT_REGION_EDIT, ALL },
	{ A_ADMIN, WB_ACT_USER_MANAGE, ALL },
	{ A_ADMIN, WB_ACT_AUDIT_READ, NONE },
	{ A_ADMIN, WB_ACT_REGIONS_IMPORT, ALL },
	{ A_ADMIN, WB_ACT_OWN_CARD_EDIT, OWN },

	/* auditor: reads the directory and the audit log, nothing else */
	{ A_AUDITOR, WB_ACT_DIRECTORY_READ, ALL },
	{ A_AUDITOR, WB_ACT_ORG_MANAGE, NONE },
	{ A_AUDITOR, WB_ACT_REGION_EDIT, NONE },
	{ A_AUDITOR, WB_ACT_USER_MANAGE, NONE },
	{ A_AUDITOR, WB_ACT_AUDIT_READ, ALL },
	{ A_AUDITOR, WB_ACT_REGIONS_IMPORT, NONE },
	{ A_AUDITOR, WB_ACT_OWN_CARD_EDIT, OWN },

	/* coordinator: edits exactly their own region */
	{ A_COORD, WB_ACT_DIRECTORY_READ, ALL },
	{ A_COORD, WB_ACT_ORG_MANAGE, NONE },
	{ A_COORD, WB_ACT_REGION_EDIT, "nnynnn" },
	{ A_COORD, WB_ACT_USER_MANAGE, NONE },
	{ A_COORD, WB_ACT_AUDIT_READ, NONE },
	{ A_COORD, WB_ACT_REGIONS_IMPORT, NONE },
	{ A_COORD, WB_ACT_OWN_CARD_EDIT, OWN },

	/* a coordinator whose account names no region edits none */
	{ A_COORD_NOREGION, WB_ACT_DIRECTORY_READ, ALL },
	{ A_COORD_NOREGION, WB_ACT_ORG_MANAGE, NONE },
	{ A_COORD_NOREGION, WB_ACT_REGION_EDIT, NONE },
	{ A_COORD_NOREGION, WB_ACT_USER_MANAGE, NONE },
	{ A_COORD_NOREGION, WB_ACT_AUDIT_READ, NONE },
	{ A_COORD_NOREGION, WB_ACT_REGIONS_IMPORT, NONE },
	{ A_COORD_NOREGION, WB_ACT_OWN_CARD_EDIT, OWN },

	/* the coordinator of another region edits neither AM01 nor AM02 */
	{ A_COORD_OTHER, WB_ACT_DIRECTORY_READ, ALL },
	{ A_COORD_OTHER, WB_ACT_ORG_MANAGE, NONE },
	{ A_COORD_OTHER, WB_ACT_REGION_EDIT, NONE },
	{ A_COORD_OTHER, WB_ACT_USER_MANAGE, NONE },
	{ A_COORD_OTHER, WB_ACT_AUDIT_READ, NONE },
	{ A_COORD_OTHER, WB_ACT_REGIONS_IMPORT, NONE },
	{ A_COORD_OTHER, WB_ACT_OWN_CARD_EDIT, OWN },

	{ A_MONITOR, WB_ACT_DIRECTORY_READ, ALL },
	{ A_MONITOR, WB_ACT_ORG_MANAGE, NONE },
	{ A_MONITOR, WB_ACT_REGION_EDIT, NONE },
	{ A_MONITOR, WB_ACT_USER_MANAGE, NONE },
	{ A_MONITOR, WB_ACT_AUDIT_READ, NONE },
	{ A_MONITOR, WB_ACT_REGIONS_IMPORT, NONE },
	{ A_MONITOR, WB_ACT_OWN_CARD_EDIT, OWN },

	{ A_EDITOR, WB_ACT_DIRECTORY_READ, ALL },
	{ A_EDITOR, WB_ACT_ORG_MANAGE, NONE },
	{ A_EDITOR, WB_ACT_REGION_EDIT, NONE },
	{ A_EDITOR, WB_ACT_USER_MANAGE, NONE },
	{ A_EDITOR, WB_ACT_AUDIT_READ, NONE },
	{ A_EDITOR, WB_ACT_REGIONS_IMPORT, NONE },
	{ A_EDITOR, WB_ACT_OWN_CARD_EDIT, OWN },

	{ A_PROFESSIONAL, WB_ACT_DIRECTORY_READ, ALL },
	{ A_PROFESSIONAL, WB_ACT_ORG_MANAGE, NONE },
	{ A_PROFESSIONAL, WB_ACT_REGION_EDIT, NONE },
	{ A_PROFESSIONAL, WB_ACT_USER_MANAGE, NONE },
	{ A_PROFESSIONAL, WB_ACT_AUDIT_READ, NONE },
	{ A_PROFESSIONAL, WB_ACT_REGIONS_IMPORT, NONE },
	{ A_PROFESSIONAL, WB_ACT_OWN_CARD_EDIT, OWN },

	/* the operator at the shell */
	{ A_SYSTEM, WB_ACT_DIRECTORY_READ, ALL },
	{ A_SYSTEM, WB_ACT_ORG_MANAGE, ALL },
	{ A_SYSTEM, WB_ACT_REGION_EDIT, ALL },
	{ A_SYSTEM, WB_ACT_USER_MANAGE, ALL },
	{ A_SYSTEM, WB_ACT_AUDIT_READ, ALL },
	{ A_SYSTEM, WB_ACT_REGIONS_IMPORT, ALL },
	{ A_SYSTEM, WB_ACT_OWN_CARD_EDIT, ALL },
};

/* WB_ACT_DIRECTORY_READ .. WB_ACT_OWN_CARD_EDIT */
#define NACTIONS	7

static const struct wb_scope *
make_scope(enum scope_kind k, const struct wb_actor *a, struct wb_scope *s)
{
	memset(s, 0, sizeof(*s));
	switch (k) {
	case S_NULL:
		return NULL;
	case S_EMPTY:
		break;
	case S_AM01:
		s->region_code = "AM01";
		break;
	case S_AM02:
		s->region_code = "AM02";
		break;
	case S_OWN:
		s->user_id = a->user_id;
		break;
	case S_OTHER:
		s->user_id = 999;
		break;
	case S__COUNT:
		break;
	}
	return s;
}

static void
test_matrix(void **state)
{
	bool	seen[A__COUNT][NACTIONS];
	size_t	i;
	int	k, a, act;

	(void)state;
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < WB_NELEM(mcases); i++) {
		const struct mcase	*c = &mcases[i];
		const struct wb_actor	*actor = &actors[c->actor].actor;

		assert_int_equal(strlen(c->want), S__COUNT);
		seen[c->actor][c->action] = true;
		for (k = 0; k < S__COUNT; k++) {
			struct wb_scope		 s;
			const struct wb_scope	*sp;
			int			 want, rc;

			sp = make_scope((enum scope_kind)k, actor, &s);
			want = c->want[k] == 'y' ? 0 : WB_EDENIED;
			rc = wb_access_check(actor, c->action, sp);
			if (rc != want)
				fail_msg("%s, %s, scope %s: %s, want %s",
				    actors[c->actor].name,
				    wb_action_name(c->action), scope_names[k],
				    rc == 0 ? "allowed" : "denied",
				    want == 0 ? "allowed" : "denied");
		}
	}
	/* the table is complete: every actor x action is spelled out */
	for (a = 0; a < A__COUNT; a++)
		for (act = 0; act < NACTIONS; act++)
			if (!seen[a][act])
				fail_msg("no case for %s x %s", actors[a].name,
				    wb_action_name((enum wb_action)act));
}

/* Default deny beyond the table: no actor, an action that does not
 * exist, a region that differs only in case. */
static void
test_default_deny(void **state)
{
	struct wb_scope	s = { .region_code = "AM01", .user_id = 8 };
	struct wb_scope	lower = { .region_code = "am01" };
	int		a;

	(void)state;
	assert_int_equal(wb_access_check(NULL, WB_ACT_DIRECTORY_READ, &s),
	    WB_EDENIED);
	for (a = 0; a < A__COUNT; a++) {
		int	rc = wb_access_check(&actors[a].actor,
		    (enum wb_action)(NACTIONS + 5), &s);

		if (a == A_SYSTEM ? rc != 0 : rc != WB_EDENIED)
			fail_msg("%s may do an unknown action", actors[a].name);
	}
	assert_int_equal(wb_access_check(&actors[A_COORD].actor,
	    WB_ACT_REGION_EDIT, &lower), WB_EDENIED);
	/* own card: user id 0 never matches, not even an anonymous actor */
	s.user_id = 0;
	assert_int_equal(wb_access_check(&actors[A_NONE].actor,
	    WB_ACT_OWN_CARD_EDIT, &s), WB_EDENIED);
}

struct ncase {
	enum wb_action	 action;
	const char	*name;
};

static const struct ncase ncases[] = {
	{ WB_ACT_DIRECTORY_READ, "directory.read" },
	{ WB_ACT_ORG_MANAGE, "organisation.manage" },
	{ WB_ACT_REGION_EDIT, "region.edit" },
	{ WB_ACT_USER_MANAGE, "user.manage" },
	{ WB_ACT_AUDIT_READ, "audit.read" },
	{ WB_ACT_REGIONS_IMPORT, "regions.import" },
	{ WB_ACT_OWN_CARD_EDIT, "card.edit-own" },
	{ (enum wb_action)77, "unknown" },
};

static void
test_action_names(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(ncases); i++)
		assert_string_equal(wb_action_name(ncases[i].action),
		    ncases[i].name);
}

/* Role names from the database never yield the system role, and unknown
 * names are no role at all. */
struct rcase {
	const char	*in;
	enum wb_role	 role;
};

static const struct rcase rcases[] = {
	{ "admin", WB_ROLE_ADMIN },
	{ "auditor", WB_ROLE_AUDITOR },
	{ "coordinator", WB_ROLE_COORDINATOR },
	{ "monitor", WB_ROLE_MONITOR },
	{ "editor", WB_ROLE_EDITOR },
	{ "professional", WB_ROLE_PROFESSIONAL },
	{ "system", WB_ROLE_NONE },
	{ "none", WB_ROLE_NONE },
	{ "Admin", WB_ROLE_NONE },
	{ "admin ", WB_ROLE_NONE },
	{ "", WB_ROLE_NONE },
};

static void
test_role_parse(void **state)
{
	size_t	i;
	int	r;

	(void)state;
	for (i = 0; i < WB_NELEM(rcases); i++)
		if (wb_role_parse(rcases[i].in) != rcases[i].role)
			fail_msg("\"%s\" parses as %d", rcases[i].in,
			    wb_role_parse(rcases[i].in));
	for (r = WB_ROLE_ADMIN; r < WB_ROLE_SYSTEM; r++)
		assert_int_equal(wb_role_parse(wb_role_name((enum wb_role)r)),
		    r);
	assert_string_equal(wb_role_name(WB_ROLE_NONE), "none");
	assert_string_equal(wb_role_name(WB_ROLE_SYSTEM), "system");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_default_deny),
		cmocka_unit_test(test_action_names),
		cmocka_unit_test(test_role_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
