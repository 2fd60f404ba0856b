/* access_log.h - a client's access log: who looked at or changed their
 * data, when, acting for which organisation, and for which purpose.
 *
 * NEN 7513 gives the client the right to this log.  It is read from the
 * audit log (events with the client's id) by the client themself, or by a
 * professional of the organisation that registered the client (who
 * answers the client's request); the read is itself audited
 * (access_log.read).  Events are turned into plain words for the client
 * (B1 Dutch): "bekeek uw gegevens", "veranderde uw plan", ...
 */
#ifndef WB_ACCESS_LOG_H
#define WB_ACCESS_LOG_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/db.h"

#define WB_ACCESS_LOG_PAGE	50

struct wb_access_entry {
	int64_t		 id, at;		/* Unix seconds */
	const char	*event, *outcome;
	int64_t		 user_id;
	const char	*user_name;		/* NULL: the system */
	int64_t		 org_id;
	const char	*org_name;
	const char	*role;
	const char	*purpose;		/* stored name, or NULL */
	int64_t		 consent_id;
	const char	*object_type, *object_id, *detail;
	const char	*what;			/* plain Dutch, see below */
};

/* Newest first, `limit` from `offset`, in [from, until) (Unix seconds,
 * 0 = open).  *total counts all matching.  WB_EDENIED (audited) for
 * anyone but the client and the registering organisation's team. */
int	wb_access_log(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, int64_t from, int64_t until, int64_t limit,
	    int64_t offset, struct wb_arena *a, struct wb_access_entry **out,
	    size_t *n, int64_t *total, struct wb_err *err) WB_WARN_UNUSED;

/* The plain Dutch words for an event ("bekeek uw gegevens"); the event
 * name itself when unknown. */
const char	*wb_access_log_what(const char *event);

#endif /* WB_ACCESS_LOG_H */
