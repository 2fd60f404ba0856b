/* access.h - the one place that decides who may do what.
 *
 * Every decision is a pure function of the actor and the object's scope
 * (its region and organisation); the callers in domain/ write the audit
 * event for it in the same transaction.  Default deny: an action not named
 * here is refused.  Client data (consent, care team) arrives with the
 * client module and is decided here too.
 */
#ifndef WB_ACCESS_H
#define WB_ACCESS_H

#include "domain/actor.h"

enum wb_action {
	WB_ACT_DIRECTORY_READ,	/* regions, organisations, contact points, cards */
	WB_ACT_ORG_MANAGE,	/* add/edit organisations (any region) */
	WB_ACT_REGION_EDIT,	/* edit orgs, cards, contact points of a region */
	WB_ACT_USER_MANAGE,	/* add/edit accounts */
	WB_ACT_AUDIT_READ,	/* search and export the audit log */
	WB_ACT_REGIONS_IMPORT,	/* reload the CBS region table */
	WB_ACT_OWN_CARD_EDIT,	/* a professional edits their own card */
};

/* The object an action concerns; fields that do not apply are 0/NULL. */
struct wb_scope {
	const char	*region_code;	/* region being edited */
	int64_t		 org_id;	/* organisation being edited */
	int64_t		 user_id;	/* account/card owner being edited */
};

/* 0 when allowed, WB_EDENIED when not.  Never has side effects. */
int	wb_access_check(const struct wb_actor *actor, enum wb_action action,
	    const struct wb_scope *scope) WB_WARN_UNUSED;

/* Short name of an action for the audit log ("region.edit"). */
const char *wb_action_name(enum wb_action action);

#endif /* WB_ACCESS_H */
