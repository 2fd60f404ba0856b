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
	}
	return ok ? 0 : WB_EDENIED;
}
