/* client_access.h - every decision on one client's data, with its audit.
 *
 * The rule itself is wb_access_client() in access.c (pure).  This module
 * loads what the rule needs (the client's registering organisation, the
 * actor's team membership, the consents of the actor's organisation) in
 * the caller's transaction, and writes the audit event with the purpose
 * and the consent relied on.  Domain modules use it like this:
 *
 *   change:  wb_client_begin_write() -> change rows -> wb_client_audit(
 *            in_tx = true) -> wb_db_commit(), or wb_client_finish_write()
 *            for the last two.  A refusal rolls back, logs a denied event
 *            and returns WB_EDENIED.
 *   read:    wb_client_begin_read() -> read rows -> wb_client_end_read(),
 *            which commits and waits until the audit event is durable;
 *            only then may the rows be shown (wb_client_finish_read()
 *            rolls back instead when the reads failed).  Data and
 *            decision come from one snapshot, so a consent revoked
 *            meanwhile is not half applied.
 */
#ifndef WB_CLIENT_ACCESS_H
#define WB_CLIENT_ACCESS_H

#include "base/err.h"
#include "domain/access.h"
#include "domain/actor.h"
#include "store/db.h"

/* What an audited client-data event is about. */
struct wb_client_op {
	const char	*event;		/* "client.read", "consent.grant" */
	int64_t		 client_id;
	unsigned	 want;		/* WB_CAT_* bits */
	bool		 write;
	bool		 partial;	/* a read may show only what is allowed */
	enum wb_purpose	 purpose;	/* WB_PURPOSE_NONE = the actor's own */
	const char	*object_type;	/* "client", "goal", ... */
	const char	*object_id;	/* NULL = the client */
	bool		 referral;	/* the receiving contact point's inbox:
					 * the referral door of access.h
					 * applies (nowhere else) */
};

/* Load the facts and decide, inside the caller's open transaction.
 * WB_ENOTFOUND when the client does not exist (or was erased),
 * WB_EDENIED when not everything wanted is allowed (d->allowed says what
 * is).  Writes nothing. */
int	wb_client_decide(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_client_op *op, struct wb_client_decision *d,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Write the audit event of a decision: allowed (d->allowed categories
 * named in the detail) or denied.  In the caller's write transaction when
 * in_tx, else in one of its own (durable when this returns). */
int	wb_client_audit(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_client_op *op, const struct wb_client_decision *d,
	    bool denied, bool in_tx, struct wb_err *err) WB_WARN_UNUSED;

/* Begin a write transaction and decide.  On refusal (or an unknown
 * client): roll back, log a denied event, return WB_EDENIED /
 * WB_ENOTFOUND.  On 0 the transaction is open for the change. */
int	wb_client_begin_write(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_client_op *op, struct wb_client_decision *d,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Begin a read transaction and decide.  With op->partial a read that is
 * allowed some of op->want succeeds (d->allowed says which); with none
 * allowed, or without partial anything missing, it is refused as above. */
int	wb_client_begin_read(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_client_op *op, struct wb_client_decision *d,
	    struct wb_err *err) WB_WARN_UNUSED;
/* Commit the read and log the allowed event durably.  On an error the
 * caller must not show what it read. */
int	wb_client_end_read(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_client_op *op, const struct wb_client_decision *d,
	    struct wb_err *err) WB_WARN_UNUSED;
/* The end of a read whose rows gave `rc`: on 0 wb_client_end_read(),
 * otherwise roll back.  Returns the outcome. */
int	wb_client_finish_read(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_client_op *op, const struct wb_client_decision *d,
	    int rc, struct wb_err *err) WB_WARN_UNUSED;
/* The end of a change whose writes gave `rc`: on 0 the allowed event in
 * the transaction and the commit; otherwise, or when either fails, roll
 * back.  Returns the outcome. */
int	wb_client_finish_write(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_client_op *op, const struct wb_client_decision *d,
	    int rc, struct wb_err *err) WB_WARN_UNUSED;

/* A change that passed the policy but is refused on its merits (a
 * colleague without consent, a consent for one's own organisation): roll
 * back, log the attempt as denied, and return `rc` with *err as it was. */
int	wb_client_refuse(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_client_op *op, const struct wb_client_decision *d,
	    int rc, struct wb_err *err) WB_WARN_UNUSED;

/* A change or read refused on the merits of what was typed (nothing was
 * decided against the actor, so nothing more is logged): roll back and
 * return `code` with msg, a field error when field is set. */
int	wb_client_fail(struct wb_db *db, struct wb_err *err, int code,
	    const char *field, const char *msg);

/* Does the client have an active consent (any purpose but monitoring,
 * any category) for organisation org_id today?  In the caller's
 * transaction. */
int	wb_client_org_consented(struct wb_db *db, int64_t client_id,
	    int64_t org_id, bool *yes, struct wb_err *err) WB_WARN_UNUSED;

/* The organisation that registered the client (WB_ENOTFOUND when there
 * is no such client).  In the caller's transaction. */
int	wb_client_registered_org(struct wb_db *db, int64_t client_id,
	    int64_t *org_id, struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_CLIENT_ACCESS_H */
