/* access.c - role and scope rules (architecture.md §4). */
#include "domain/access.h"
#include "base/err.h"

const char *
wb_action_name(enum wb_action action)
{
	switch (action) {
	case WB_ACT_DIRECTORY_READ:	return "directory.read";
	case WB_ACT_ORG_MANAGE:		return "organisation.manage";
	case WB_ACT_REGION_EDIT:	return "region.edit";
	case WB_ACT_USER_MANAGE:	return "user.manage";
	case WB_ACT_AUDIT_READ:		return "audit.read";
	case WB_ACT_REGIONS_IMPORT:	return "regions.import";
	case WB_ACT_OWN_CARD_EDIT:	return "card.edit-own";
	case WB_ACT_FIDELITY_READ:	return "fidelity.read";
	case WB_ACT_FIDELITY_WRITE:	return "fidelity.write";
	case WB_ACT_TARGET_SET:		return "target.set";
	}
	return "unknown";
}

/* A coordinator edits only the region they coordinate. */
static bool
own_region(const struct wb_actor *a, const struct wb_scope *s)
{
	return a->region_code != NULL && s != NULL && s->region_code != NULL &&
	    strcmp(a->region_code, s->region_code) == 0;
}

/* The actor works at the organisation of the scope. */
static bool
own_org(const struct wb_actor *a, const struct wb_scope *s)
{
	return a->org_id != 0 && s != NULL && s->org_id == a->org_id;
}

int
wb_access_check(const struct wb_actor *a, enum wb_action action,
    const struct wb_scope *s)
{
	bool	ok = false;

	if (a == NULL)
		return WB_EDENIED;
	if (a->role == WB_ROLE_SYSTEM)
		return 0;	/* the operator at the shell owns the machine */
	switch (action) {
	case WB_ACT_DIRECTORY_READ:
		ok = a->role != WB_ROLE_NONE;
		break;
	case WB_ACT_ORG_MANAGE:
	case WB_ACT_USER_MANAGE:
		ok = a->role == WB_ROLE_ADMIN;
		break;
	case WB_ACT_REGION_EDIT:
		ok = a->role == WB_ROLE_ADMIN ||
		    (a->role == WB_ROLE_COORDINATOR && own_region(a, s));
		break;
	case WB_ACT_AUDIT_READ:
		ok = a->role == WB_ROLE_AUDITOR;
		break;
	case WB_ACT_REGIONS_IMPORT:
		ok = a->role == WB_ROLE_ADMIN;
		break;
	case WB_ACT_OWN_CARD_EDIT:
		ok = a->role != WB_ROLE_NONE && s != NULL &&
		    s->user_id != 0 && s->user_id == a->user_id;
		break;
	case WB_ACT_FIDELITY_READ:
		ok = a->role == WB_ROLE_MONITOR ||
		    (a->role == WB_ROLE_COORDINATOR && own_region(a, s)) ||
		    (own_org(a, s) && (a->role == WB_ROLE_PROFESSIONAL ||
		    a->role == WB_ROLE_COORDINATOR ||
		    a->role == WB_ROLE_EDITOR));
		break;
	case WB_ACT_FIDELITY_WRITE:
		ok = (a->role == WB_ROLE_COORDINATOR && own_region(a, s)) ||
		    (own_org(a, s) && (a->role == WB_ROLE_PROFESSIONAL ||
		    a->role == WB_ROLE_COORDINATOR));
		break;
	case WB_ACT_TARGET_SET:
		/* A region's targets: its coordinator; an organisation's:
		 * its own coordinators and professionals. */
		ok = a->role == WB_ROLE_ADMIN || (s != NULL &&
		    (s->region_code != NULL ? a->role == WB_ROLE_COORDINATOR &&
		    own_region(a, s) : own_org(a, s) &&
		    (a->role == WB_ROLE_COORDINATOR ||
		    a->role == WB_ROLE_PROFESSIONAL)));
		break;
	}
	return ok ? 0 : WB_EDENIED;
}

/* -- client data (architecture.md §4) -- */

static const struct {
	enum wb_purpose	 p;
	const char	*name, *label;
} purposes[] = {
	{ WB_PURPOSE_CARE, "behandeling", "Behandeling" },
	{ WB_PURPOSE_WORK, "re-integratie", "Re-integratie" },
	{ WB_PURPOSE_CASE, "casuistiekoverleg", "Casuïstiekoverleg" },
	{ WB_PURPOSE_MONITORING, "monitoring", "Monitoring (alleen totalen)" },
};

static const struct {
	unsigned	 bit;
	const char	*name, *label;
} categories[WB_NCATS] = {
	{ WB_CAT_IDENTITY, "identity", "Persoonsgegevens en contact" },
	{ WB_CAT_WORK, "work", "Werk en inkomen" },
	{ WB_CAT_HEALTH, "health", "Gezondheid" },
	{ WB_CAT_PLAN, "plan", "Plan" },
	{ WB_CAT_NOTES, "notes", "Notities" },
};

const char *
wb_purpose_name(enum wb_purpose p)
{
	size_t	i;

	for (i = 0; i < WB_NELEM(purposes); i++)
		if (purposes[i].p == p)
			return purposes[i].name;
	return "";
}

const char *
wb_purpose_label(enum wb_purpose p)
{
	size_t	i;

	for (i = 0; i < WB_NELEM(purposes); i++)
		if (purposes[i].p == p)
			return purposes[i].label;
	return "";
}

enum wb_purpose
wb_purpose_parse(const char *s)
{
	size_t	i;

	for (i = 0; s != NULL && i < WB_NELEM(purposes); i++)
		if (strcmp(purposes[i].name, s) == 0)
			return purposes[i].p;
	return WB_PURPOSE_NONE;
}

const char *
wb_category_name(unsigned bit)
{
	size_t	i;

	for (i = 0; i < WB_NELEM(categories); i++)
		if (categories[i].bit == bit)
			return categories[i].name;
	return "";
}

const char *
wb_category_label(unsigned bit)
{
	size_t	i;

	for (i = 0; i < WB_NELEM(categories); i++)
		if (categories[i].bit == bit)
			return categories[i].label;
	return "";
}

unsigned
wb_category_parse(const char *s)
{
	size_t	i;

	for (i = 0; s != NULL && i < WB_NELEM(categories); i++)
		if (strcmp(categories[i].name, s) == 0)
			return categories[i].bit;
	return 0;
}

static bool
is_ggz(const char *org_type)
{
	return org_type != NULL && strcmp(org_type, "ggz") == 0;
}

/* A GGZ institution holds everything of the clients it registered; any
 * other organisation everything but health (art. 7:457 BW: health data
 * reaches it only by consent). */
unsigned
wb_access_own_domain(const char *org_type)
{
	if (org_type == NULL || !wb_access_may_register(org_type))
		return 0;
	return is_ggz(org_type) ? WB_CAT_ALL : WB_CAT_ALL & ~WB_CAT_HEALTH;
}

enum wb_purpose
wb_access_own_purpose(const char *org_type)
{
	return is_ggz(org_type) ? WB_PURPOSE_CARE : WB_PURPOSE_WORK;
}

/* Organisations that work with clients; employers, insurers and client
 * organisations do not keep client records here. */
bool
wb_access_may_register(const char *org_type)
{
	static const char *const types[] = { "ggz", "uwv", "gemeente",
	    "reintegratie" };
	size_t	i;

	for (i = 0; org_type != NULL && i < WB_NELEM(types); i++)
		if (strcmp(types[i], org_type) == 0)
			return true;
	return false;
}

int
wb_access_client(const struct wb_actor *a, const struct wb_client_facts *f,
    unsigned want, bool write, enum wb_purpose purpose,
    struct wb_client_decision *out)
{
	unsigned	granted = 0, own;
	size_t		i;

	*out = (struct wb_client_decision){ .purpose = purpose };
	want &= WB_CAT_ALL;
	if (a == NULL || f == NULL || want == 0 || f->erased)
		return WB_EDENIED;
	if (purpose == WB_PURPOSE_MONITORING)
		return WB_EDENIED;	/* aggregates only, through report/ */
	if (a->role == WB_ROLE_CLIENT) {
		/* The client sees and manages all of their own data. */
		if (a->client_id == 0 || a->client_id != f->client_id)
			return WB_EDENIED;
		out->allowed = want;
		return 0;
	}
	if (a->role != WB_ROLE_PROFESSIONAL || a->org_id == 0)
		return WB_EDENIED;
	if (!f->on_team) {
		/* Referred: who it is, nothing more, and only to read. */
		if (f->referral_consent == 0 || write)
			return WB_EDENIED;
		out->allowed = want & WB_CAT_IDENTITY;
		out->consent_id = out->allowed != 0 ? f->referral_consent : 0;
		if (purpose == WB_PURPOSE_NONE)
			out->purpose = wb_access_own_purpose(f->actor_org_type);
		return out->allowed == want ? 0 : WB_EDENIED;
	}
	if (purpose == WB_PURPOSE_NONE)
		out->purpose = purpose = wb_access_own_purpose(f->actor_org_type);
	if (purpose == WB_PURPOSE_MONITORING)
		return WB_EDENIED;
	own = f->registered_org == a->org_id &&
	    purpose == wb_access_own_purpose(f->actor_org_type) ?
	    wb_access_own_domain(f->actor_org_type) : 0;
	granted = want & own;
	out->own = granted != 0;
	for (i = 0; i < WB_NCATS; i++) {
		unsigned bit = 1u << i;

		if ((want & bit) == 0 || (granted & bit) != 0 ||
		    f->consent[i] == 0)
			continue;
		granted |= bit;
		if (out->consent_id == 0)
			out->consent_id = f->consent[i];
	}
	out->allowed = granted;
	return granted == want ? 0 : WB_EDENIED;
}
