/* actor.h - who is acting: the user, their role and organisation.
 *
 * Every domain function that reads or changes personal data takes a
 * `const struct wb_actor *` and asks access.c whether the actor may; web/
 * and cli/ build the actor (from a session, an API token or the command
 * line) and never decide access themselves.  The strings point into
 * memory the caller keeps alive for the call.
 */
#ifndef WB_ACTOR_H
#define WB_ACTOR_H

#include "base/common.h"

enum wb_role {
	WB_ROLE_NONE = 0,	/* anonymous */
	WB_ROLE_ADMIN,
	WB_ROLE_AUDITOR,
	WB_ROLE_COORDINATOR,
	WB_ROLE_MONITOR,
	WB_ROLE_EDITOR,
	WB_ROLE_PROFESSIONAL,
	WB_ROLE_SYSTEM,		/* the command line run by the operator */
	WB_ROLE_CLIENT,		/* a client in their own portal */
};

struct wb_actor {
	int64_t		 user_id;	/* 0 = anonymous or system */
	int64_t		 org_id;	/* organisation acted for */
	enum wb_role	 role;
	const char	*region_code;	/* coordinator's region, or NULL */
	const char	*address;	/* access point: client IP or "cli" */
	const char	*via;		/* "web", "api" or "cli" */
	int64_t		 client_id;	/* WB_ROLE_CLIENT: their own record */
};

/* "admin", "professional", ... and back; 0 / WB_ROLE_NONE when unknown. */
const char	*wb_role_name(enum wb_role r);
enum wb_role	 wb_role_parse(const char *s);
/* Dutch label for display ("Regiocoördinator"). */
const char	*wb_role_label(enum wb_role r);

/* The actor for a command run from the shell by the operator. */
struct wb_actor	 wb_actor_system(void);

#endif /* WB_ACTOR_H */
