/* test_access.c - the role x action x scope matrix of src/domain/access.c,
 * and the client-data policy wb_access_client() as a table.
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

/* -- client data: wb_access_client() (architecture.md §4) -- */

/* Organisations of the client cases; the id is the index. */
enum { O_NONE, O_GGZ, O_UWV, O_GEM, O_REINT, O_WERK, O_GGZ2 };
static const char *const otypes[] = { NULL, "ggz", "uwv", "gemeente",
    "reintegratie", "werkgever", "ggz" };

#define CLIENT		42	/* the client of every case */
#define CONSENT0	100	/* consent id for category bit i: 100 + i */

#define ID	WB_CAT_IDENTITY
#define WORK	WB_CAT_WORK
#define HEALTH	WB_CAT_HEALTH
#define PLAN	WB_CAT_PLAN
#define NOTES	WB_CAT_NOTES
#define CALL	WB_CAT_ALL
#define NOHEALTH (WB_CAT_ALL & ~WB_CAT_HEALTH)

struct ccase {
	const char	*what;
	enum wb_role	 role;
	int		 org;		/* the actor's organisation, O_* */
	int64_t		 self;		/* WB_ROLE_CLIENT: their record */
	int		 registered;	/* the registering organisation */
	bool		 on_team, erased;
	unsigned	 consented;	/* categories with an active consent */
	unsigned	 want;
	enum wb_purpose	 purpose;
	bool		 ok;		/* 0 rather than WB_EDENIED */
	unsigned	 allowed;	/* out->allowed */
	int64_t		 consent_id;	/* out->consent_id */
	bool		 own;		/* out->own */
	enum wb_purpose	 decided;	/* out->purpose, when allowed != 0 */
};

#define P	WB_ROLE_PROFESSIONAL
#define C	WB_ROLE_CLIENT
#define NONE_P	WB_PURPOSE_NONE
#define CARE	WB_PURPOSE_CARE
#define REINT	WB_PURPOSE_WORK
#define CASE	WB_PURPOSE_CASE
#define MON	WB_PURPOSE_MONITORING

static const struct ccase ccases[] = {
	/* the client sees all of their own record, and only that */
	{ "client, own record", C, O_NONE, CLIENT, O_GGZ, false, false, 0,
	    CALL, NONE_P, true, CALL, 0, false, NONE_P },
	{ "client, own health", C, O_NONE, CLIENT, O_UWV, false, false, 0,
	    HEALTH, NONE_P, true, HEALTH, 0, false, NONE_P },
	{ "client, another record", C, O_NONE, 43, O_GGZ, true, false, CALL,
	    ID, NONE_P, false, 0, 0, false, 0 },
	{ "client without a record", C, O_NONE, 0, O_GGZ, true, false, CALL,
	    ID, NONE_P, false, 0, 0, false, 0 },
	{ "client, own record erased", C, O_NONE, CLIENT, O_GGZ, false, true,
	    0, ID, NONE_P, false, 0, 0, false, 0 },

	/* the registering GGZ holds all five categories, for behandeling */
	{ "GGZ registrar", P, O_GGZ, 0, O_GGZ, true, false, 0, CALL, NONE_P,
	    true, CALL, 0, true, CARE },
	{ "GGZ registrar, behandeling named", P, O_GGZ, 0, O_GGZ, true, false,
	    0, CALL, CARE, true, CALL, 0, true, CARE },
	{ "GGZ registrar, not on the team", P, O_GGZ, 0, O_GGZ, false, false,
	    CALL, ID, NONE_P, false, 0, 0, false, 0 },
	{ "GGZ registrar, for re-integratie", P, O_GGZ, 0, O_GGZ, true, false,
	    0, ID, REINT, false, 0, 0, false, 0 },
	{ "GGZ registrar, for casuistiek", P, O_GGZ, 0, O_GGZ, true, false, 0,
	    ID, CASE, false, 0, 0, false, 0 },
	{ "GGZ registrar, client erased", P, O_GGZ, 0, O_GGZ, true, true,
	    CALL, ID, NONE_P, false, 0, 0, false, 0 },
	{ "another GGZ on the team, no consent", P, O_GGZ2, 0, O_GGZ, true,
	    false, 0, ID, NONE_P, false, 0, 0, false, 0 },
	{ "another GGZ with consent for all", P, O_GGZ2, 0, O_GGZ, true,
	    false, CALL, CALL, NONE_P, true, CALL, CONSENT0, false, CARE },

	/* a registering Work & Income organisation: all but health */
	{ "UWV registrar, all but health", P, O_UWV, 0, O_UWV, true, false, 0,
	    NOHEALTH, NONE_P, true, NOHEALTH, 0, true, REINT },
	{ "UWV registrar asks all", P, O_UWV, 0, O_UWV, true, false, 0, CALL,
	    NONE_P, false, NOHEALTH, 0, true, REINT },
	{ "UWV registrar asks health", P, O_UWV, 0, O_UWV, true, false, 0,
	    HEALTH, NONE_P, false, 0, 0, false, 0 },
	{ "UWV registrar with a health consent", P, O_UWV, 0, O_UWV, true,
	    false, CALL, CALL, NONE_P, true, CALL, CONSENT0 + 2, true,
	    REINT },
	{ "gemeente registrar, all but health", P, O_GEM, 0, O_GEM, true,
	    false, 0, NOHEALTH, REINT, true, NOHEALTH, 0, true, REINT },
	{ "gemeente registrar asks all", P, O_GEM, 0, O_GEM, true, false, 0,
	    CALL, NONE_P, false, NOHEALTH, 0, true, REINT },
	{ "re-integratie registrar asks all", P, O_REINT, 0, O_REINT, true,
	    false, 0, CALL, NONE_P, false, NOHEALTH, 0, true, REINT },
	{ "werkgever never holds its own", P, O_WERK, 0, O_WERK, true, false,
	    0, ID, NONE_P, false, 0, 0, false, 0 },

	/* not registering: exactly the consented categories */
	{ "UWV without consent", P, O_UWV, 0, O_GGZ, true, false, 0, ID,
	    NONE_P, false, 0, 0, false, 0 },
	{ "UWV, consent identity+work", P, O_UWV, 0, O_GGZ, true, false,
	    ID | WORK, ID | WORK, NONE_P, true, ID | WORK, CONSENT0, false,
	    REINT },
	{ "UWV, consent identity+work, asks all", P, O_UWV, 0, O_GGZ, true,
	    false, ID | WORK, CALL, NONE_P, false, ID | WORK, CONSENT0, false,
	    REINT },
	{ "UWV, consent identity+work, asks health", P, O_UWV, 0, O_GGZ, true,
	    false, ID | WORK, HEALTH, NONE_P, false, 0, 0, false, 0 },
	{ "UWV, consent work only, partial", P, O_UWV, 0, O_GGZ, true, false,
	    WORK, ID | WORK | HEALTH, NONE_P, false, WORK, CONSENT0 + 1,
	    false, REINT },
	{ "UWV, consent names health", P, O_UWV, 0, O_GGZ, true, false,
	    ID | HEALTH, ID | HEALTH, NONE_P, true, ID | HEALTH, CONSENT0,
	    false, REINT },
	{ "UWV, consent for plan and notes", P, O_UWV, 0, O_GGZ, true, false,
	    PLAN | NOTES, CALL, REINT, false, PLAN | NOTES, CONSENT0 + 3,
	    false, REINT },
	{ "UWV with consent, not on the team", P, O_UWV, 0, O_GGZ, false,
	    false, CALL, ID, NONE_P, false, 0, 0, false, 0 },
	{ "UWV with consent, client erased", P, O_UWV, 0, O_GGZ, true, true,
	    CALL, ID, NONE_P, false, 0, 0, false, 0 },
	{ "werkgever with consent", P, O_WERK, 0, O_GGZ, true, false,
	    ID | WORK, ID | WORK, NONE_P, true, ID | WORK, CONSENT0, false,
	    REINT },

	/* monitoring is never granted here: aggregates leave via report/ */
	{ "monitoring, GGZ registrar", P, O_GGZ, 0, O_GGZ, true, false, CALL,
	    ID, MON, false, 0, 0, false, 0 },
	{ "monitoring, with consent", P, O_UWV, 0, O_GGZ, true, false, CALL,
	    WORK, MON, false, 0, 0, false, 0 },

	/* edges */
	{ "nothing wanted", P, O_GGZ, 0, O_GGZ, true, false, CALL, 0, NONE_P,
	    false, 0, 0, false, 0 },
	{ "bits beyond the categories", P, O_GGZ, 0, O_GGZ, true, false, 0,
	    CALL | (1u << 9), NONE_P, true, CALL, 0, true, CARE },
	{ "professional without organisation", P, O_NONE, 0, O_NONE, true,
	    false, CALL, ID, NONE_P, false, 0, 0, false, 0 },
};

static void
client_facts(const struct ccase *c, struct wb_client_facts *f)
{
	size_t	i;

	memset(f, 0, sizeof(*f));
	f->client_id = CLIENT;
	f->registered_org = c->registered;
	f->erased = c->erased;
	f->on_team = c->on_team;
	f->actor_org_type = otypes[c->org];
	for (i = 0; i < WB_NCATS; i++)
		if ((c->consented & (1u << i)) != 0)
			f->consent[i] = CONSENT0 + (int64_t)i;
}

/* Reading and changing follow the same rule today: each case is tried
 * both ways. */
static void
test_client_policy_matrix(void **state)
{
	size_t	i;
	int	w;

	(void)state;
	for (i = 0; i < WB_NELEM(ccases); i++)
		for (w = 0; w < 2; w++) {
			const struct ccase	*c = &ccases[i];
			struct wb_actor		 a = { .user_id = 5,
			    .org_id = c->org, .role = c->role,
			    .client_id = c->self };
			struct wb_client_facts	 f;
			struct wb_client_decision d;
			int			 rc;

			client_facts(c, &f);
			memset(&d, 0xa5, sizeof(d));
			rc = wb_access_client(&a, &f, c->want, w == 1,
			    c->purpose, &d);
			if (rc != (c->ok ? 0 : WB_EDENIED))
				fail_msg("%s%s: %s", c->what, w ? " (write)" :
				    "", rc == 0 ? "allowed" : "denied");
			if (d.allowed != c->allowed)
				fail_msg("%s: allowed %#x, want %#x", c->what,
				    d.allowed, c->allowed);
			if (d.consent_id != c->consent_id)
				fail_msg("%s: consent %lld, want %lld",
				    c->what, (long long)d.consent_id,
				    (long long)c->consent_id);
			if (d.own != c->own)
				fail_msg("%s: own %d", c->what, d.own);
			if (c->allowed != 0 && d.purpose != c->decided)
				fail_msg("%s: purpose %s, want %s", c->what,
				    wb_purpose_name(d.purpose),
				    wb_purpose_name(c->decided));
		}
}

/* Administrators, auditors, coordinators, monitors, editors, the
 * operator and anonymous visitors never get client data, whatever the
 * facts, the purpose or the categories. */
static void
test_client_other_roles_never(void **state)
{
	static const enum wb_role roles[] = { WB_ROLE_NONE, WB_ROLE_ADMIN,
	    WB_ROLE_AUDITOR, WB_ROLE_COORDINATOR, WB_ROLE_MONITOR,
	    WB_ROLE_EDITOR, WB_ROLE_SYSTEM };
	struct wb_client_facts	f;
	size_t			r, i;
	int			p, w;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.client_id = CLIENT;
	f.registered_org = O_GGZ;
	f.on_team = true;
	f.actor_org_type = "ggz";
	for (i = 0; i < WB_NCATS; i++)
		f.consent[i] = CONSENT0 + (int64_t)i;
	for (r = 0; r < WB_NELEM(roles); r++)
		for (p = WB_PURPOSE_NONE; p <= WB_PURPOSE_MONITORING; p++)
			for (i = 0; i <= WB_NCATS; i++)
				for (w = 0; w < 2; w++) {
					struct wb_actor a = { .user_id = 1,
					    .org_id = O_GGZ, .role = roles[r],
					    .region_code = "AM01",
					    .client_id = CLIENT };
					struct wb_client_decision d;
					unsigned want = i < WB_NCATS ?
					    1u << i : CALL;

					if (wb_access_client(&a, &f, want,
					    w == 1, (enum wb_purpose)p, &d) !=
					    WB_EDENIED || d.allowed != 0 ||
					    d.consent_id != 0)
						fail_msg("%s gets %#x for %s",
						    wb_role_name(roles[r]),
						    want, wb_purpose_name(
						    (enum wb_purpose)p));
				}
}

static void
test_client_policy_needs_actor_and_facts(void **state)
{
	struct wb_actor			a = { .user_id = 1, .org_id = O_GGZ,
	    .role = WB_ROLE_PROFESSIONAL };
	struct wb_client_facts		f = { .client_id = CLIENT,
	    .registered_org = O_GGZ, .on_team = true,
	    .actor_org_type = "ggz" };
	struct wb_client_decision	d;

	(void)state;
	assert_int_equal(wb_access_client(NULL, &f, ID, false, NONE_P, &d),
	    WB_EDENIED);
	assert_int_equal(d.allowed, 0);
	assert_int_equal(wb_access_client(&a, NULL, ID, false, NONE_P, &d),
	    WB_EDENIED);
	assert_int_equal(d.allowed, 0);
	/* the positive control: the same actor and facts are allowed */
	assert_int_equal(wb_access_client(&a, &f, ID, false, NONE_P, &d), 0);
}

struct ocase {
	const char	*type;
	unsigned	 own;
	enum wb_purpose	 purpose;
	bool		 may_register;
};

static const struct ocase ocases[] = {
	{ "ggz", CALL, CARE, true },
	{ "uwv", NOHEALTH, REINT, true },
	{ "gemeente", NOHEALTH, REINT, true },
	{ "reintegratie", NOHEALTH, REINT, true },
	{ "werkgever", 0, REINT, false },
	{ "zorgverzekeraar", 0, REINT, false },
	{ "clientenorganisatie", 0, REINT, false },
	{ "overig", 0, REINT, false },
	{ "GGZ", 0, REINT, false },
	{ "", 0, REINT, false },
	{ NULL, 0, REINT, false },
};

/* Health never belongs to the own domain of anything but a GGZ. */
static void
test_own_domain_per_org_type(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(ocases); i++) {
		const struct ocase	*c = &ocases[i];
		const char		*n = c->type != NULL ? c->type : "NULL";

		if (wb_access_own_domain(c->type) != c->own)
			fail_msg("%s: own domain %#x", n,
			    wb_access_own_domain(c->type));
		if (wb_access_own_purpose(c->type) != c->purpose)
			fail_msg("%s: purpose %s", n,
			    wb_purpose_name(wb_access_own_purpose(c->type)));
		if (wb_access_may_register(c->type) != c->may_register)
			fail_msg("%s: may register", n);
	}
}

/* The stored names are what the consent table's CHECK allows. */
static void
test_purpose_and_category_names(void **state)
{
	static const char *const pnames[] = { "behandeling",
	    "re-integratie", "casuistiekoverleg", "monitoring" };
	static const char *const cnames[] = { "identity", "work", "health",
	    "plan", "notes" };
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(pnames); i++) {
		enum wb_purpose p = (enum wb_purpose)(WB_PURPOSE_CARE + i);

		assert_string_equal(wb_purpose_name(p), pnames[i]);
		assert_int_equal(wb_purpose_parse(pnames[i]), p);
		assert_true(wb_purpose_label(p)[0] != '\0');
	}
	assert_string_equal(wb_purpose_name(WB_PURPOSE_NONE), "");
	assert_int_equal(wb_purpose_parse("Behandeling"), WB_PURPOSE_NONE);
	assert_int_equal(wb_purpose_parse(""), WB_PURPOSE_NONE);
	assert_int_equal(wb_purpose_parse(NULL), WB_PURPOSE_NONE);
	for (i = 0; i < WB_NCATS; i++) {
		assert_string_equal(wb_category_name(1u << i), cnames[i]);
		assert_int_equal(wb_category_parse(cnames[i]), 1u << i);
		assert_true(wb_category_label(1u << i)[0] != '\0');
	}
	assert_string_equal(wb_category_name(ID | WORK), "");
	assert_int_equal(wb_category_parse("gezondheid"), 0);
	assert_int_equal(wb_category_parse(NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_default_deny),
		cmocka_unit_test(test_action_names),
		cmocka_unit_test(test_role_parse),
		cmocka_unit_test(test_client_policy_matrix),
		cmocka_unit_test(test_client_other_roles_never),
		cmocka_unit_test(test_client_policy_needs_actor_and_facts),
		cmocka_unit_test(test_own_domain_per_org_type),
		cmocka_unit_test(test_purpose_and_category_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
