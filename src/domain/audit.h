/* audit.h - the NEN 7513 audit log, hash-chained.
 *
 * Each event records what happened, when, by which user acting for which
 * organisation from which access point, on which object, and whether it
 * was allowed or denied.  Events never hold names, e-mail addresses, BSNs,
 * passwords or tokens: objects are referred to by type and id.
 *
 * Every event's hash is BLAKE2b-256 over the previous event's hash and
 * this event's fields (length-prefixed), so editing or deleting a row
 * breaks the chain and wb_audit_verify() finds the first broken event.
 * The chain head lives in the audit_head row, updated in the same
 * transaction, which serialises writers on every backend.
 */
#ifndef WB_AUDIT_H
#define WB_AUDIT_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/access.h"
#include "domain/actor.h"
#include "store/db.h"

struct wb_audit_event {
	const char	*event;		/* "login", "card.read", "org.update" */
	bool		 denied;
	const char	*object_type;	/* "card", "organisation", ... */
	const char	*object_id;	/* id or comma-separated ids */
	int64_t		 client_id;	/* 0 = none */
	const char	*purpose;
	int64_t		 consent_id;	/* 0 = none */
	const char	*detail;	/* short, free of personal data */
	int64_t		 user_id;	/* overrides actor->user_id when != 0 */
};

/* A run of events in the caller's open write transaction: the chain head
 * is read (and locked) once by _start, each _add appends an event after
 * it, and _end stores the new head.  For a writer of many events, such
 * as an import's event per client; the chain is the same as that of as
 * many wb_audit_write() calls.  After an error, roll back. */
#define WB_AUDIT_HASH_HEX	65	/* BLAKE2b-256 in hex, and its NUL */
struct wb_audit_run {
	int64_t	last_id;
	char	hash[WB_AUDIT_HASH_HEX];
};
int	wb_audit_run_start(struct wb_db *db, struct wb_audit_run *run,
	    struct wb_err *err) WB_WARN_UNUSED;
int	wb_audit_run_add(struct wb_db *db, struct wb_audit_run *run,
	    const struct wb_actor *actor, const struct wb_audit_event *ev,
	    struct wb_err *err) WB_WARN_UNUSED;
int	wb_audit_run_end(struct wb_db *db, const struct wb_audit_run *run,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Append an event inside the caller's open write transaction. */
int	wb_audit_write(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_audit_event *ev, struct wb_err *err) WB_WARN_UNUSED;

/* Append an event in a transaction of its own (reads, failed logins). */
int	wb_audit_log(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_audit_event *ev, struct wb_err *err) WB_WARN_UNUSED;

/* Ask access.c whether `actor` may do `action` on `scope`, for a caller
 * that reads or changes nothing yet (a form shown before its POST).  0
 * when allowed, and then nothing is written: the domain call that does
 * the work audits it.  When refused, a denied event (`event`,
 * `object_type`, `object_id`; NULL when unknown) is logged and the result
 * is WB_EDENIED, or the error of the audit write. */
int	wb_audit_check(struct wb_db *db, const struct wb_actor *actor,
	    enum wb_action action, const struct wb_scope *scope,
	    const char *event, const char *object_type, const char *object_id,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Walk the whole chain.  0 when intact (*checked = events); WB_ECONFLICT
 * when broken, with *broken_id the first event that does not verify (or
 * the head when the last events were removed). */
int	wb_audit_verify(struct wb_db *db, int64_t *checked, int64_t *broken_id,
	    struct wb_err *err) WB_WARN_UNUSED;

struct wb_audit_filter {
	int64_t		 user_id;	/* 0 = any */
	int64_t		 org_id;
	int64_t		 client_id;
	const char	*event;		/* NULL = any */
	const char	*outcome;	/* "allowed", "denied" or NULL */
	const char	*object_type;
	const char	*object_id;
	int64_t		 from;		/* Unix time, 0 = open */
	int64_t		 until;		/* exclusive, 0 = open */
};

struct wb_audit_row {
	int64_t		 id, at, user_id, org_id, client_id, consent_id;
	const char	*event, *outcome, *role, *address, *object_type;
	const char	*object_id, *purpose, *detail;
	const char	*user_name, *org_code;	/* for the auditor's screen */
};

/* Search, newest first.  Only an auditor may; the search itself is
 * audited.  Rows are copied into `a`. */
int	wb_audit_search(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_audit_filter *f, int64_t limit, int64_t offset,
	    struct wb_arena *a, struct wb_audit_row **rows, size_t *nrows,
	    int64_t *total, struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_AUDIT_H */
