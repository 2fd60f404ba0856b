/* access.h - the one place that decides who may do what.
 *
 * Every decision is a pure function of the actor and the object's scope
 * (its region and organisation); the callers in domain/ write the audit
 * event for it in the same transaction.  Default deny: an action not named
 * here is refused.
 *
 * Client data is decided by wb_access_client() (architecture.md §4): a
 * professional of organisation O may use category K of client C for
 * purpose P when they are on C's care team at O and either O registered C
 * and K belongs to O's own domain, or C has an active consent (C -> O, P,
 * K).  Health never belongs to the own domain of a Work & Income
 * organisation, so it crosses only under a consent that names it.  The
 * facts (team, consents) are loaded by client_access.c in the same
 * transaction that writes the audit event.  One more door: the contact
 * point a client is referred to sees the client's identity (under the
 * consent the referral was sent with) until it accepts or declines.
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
	/* IPS-25 fidelity reviews of an organisation's programmes (scope:
	 * org_id, and region_code when the organisation serves the region
	 * the actor coordinates; see fidelity.h).  Read: its professionals,
	 * coordinators and editors, coordinators of a region it serves,
	 * monitors (all organisations; fidelity.c leaves out the free
	 * text).  Write: its professionals and coordinators, coordinators
	 * of a region it serves.  Not admins, auditors or clients. */
	WB_ACT_FIDELITY_READ,
	WB_ACT_FIDELITY_WRITE,
	WB_ACT_TARGET_SET,	/* quantitative targets of a region or organisation */
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

/* Categories of client data, a bit set (stored as such in consent). */
enum {
	WB_CAT_IDENTITY	= 1 << 0,	/* identity & contact, BSN */
	WB_CAT_WORK	= 1 << 1,	/* work & income: benefit, jobs */
	WB_CAT_HEALTH	= 1 << 2,	/* health: target group, care goals */
	WB_CAT_PLAN	= 1 << 3,	/* the joint plan */
	WB_CAT_NOTES	= 1 << 4,	/* timeline notes */
	WB_CAT_ALL	= (1 << 5) - 1,
	WB_NCATS	= 5,
};

enum wb_purpose {
	WB_PURPOSE_NONE = 0,		/* the organisation's own purpose */
	WB_PURPOSE_CARE,		/* behandeling */
	WB_PURPOSE_WORK,		/* re-integratie */
	WB_PURPOSE_CASE,		/* casuïstiekoverleg */
	WB_PURPOSE_MONITORING,		/* aggregated, pseudonymised only */
};

/* What one client-data decision needs, loaded by client_access.c. */
struct wb_client_facts {
	int64_t		 client_id;
	int64_t		 registered_org;
	bool		 erased;
	bool		 on_team;	/* actor is on the team, for actor's org */
	const char	*actor_org_type;	/* "ggz", "uwv", ... */
	/* For each category bit i: the id of an active consent of the
	 * client for the actor's organisation and the purpose that names
	 * it, or 0. */
	int64_t		 consent[WB_NCATS];
	/* A pending referral of the client to a contact point the actor
	 * staffs (person or deputy) at their organisation: the consent it
	 * was sent under, else 0.  It lets the receiver see who is referred
	 * (identity only) before they join the team. */
	int64_t		 referral_consent;
};

struct wb_client_decision {
	unsigned	 allowed;	/* categories granted (of those asked) */
	enum wb_purpose	 purpose;	/* the purpose decided for */
	int64_t		 consent_id;	/* a consent relied on, 0 = none */
	bool		 own;		/* (part) granted as registering org */
};

/* Decide which of `want` (WB_CAT_* bits) the actor may read, or change
 * when `write`, for `purpose` (WB_PURPOSE_NONE = the purpose of the
 * actor's organisation type: behandeling for GGZ, re-integratie for the
 * rest).  Returns 0 when every wanted category is allowed, WB_EDENIED
 * otherwise; out->allowed says which were.  Pure: no side effects.  Only
 * professionals and the client themself ever get client data; monitoring
 * is never granted here (aggregates leave through report/ only). */
int	wb_access_client(const struct wb_actor *actor,
	    const struct wb_client_facts *facts, unsigned want, bool write,
	    enum wb_purpose purpose, struct wb_client_decision *out)
	    WB_WARN_UNUSED;

/* Categories an organisation of `org_type` holds of the clients it
 * registered itself (its own domain). */
unsigned	 wb_access_own_domain(const char *org_type);
/* The purpose an organisation of `org_type` works for. */
enum wb_purpose	 wb_access_own_purpose(const char *org_type);
/* May an organisation of this type register clients? */
bool		 wb_access_may_register(const char *org_type);

/* Stored names ("re-integratie") and Dutch labels of purposes and
 * categories; parse returns WB_PURPOSE_NONE / 0 when unknown. */
const char	*wb_purpose_name(enum wb_purpose p);
const char	*wb_purpose_label(enum wb_purpose p);
enum wb_purpose	 wb_purpose_parse(const char *s);
const char	*wb_category_name(unsigned bit);	/* one bit */
const char	*wb_category_label(unsigned bit);
unsigned	 wb_category_parse(const char *s);	/* one name */

#endif /* WB_ACCESS_H */
