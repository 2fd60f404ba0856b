/* rights.h - the client's rights under the AVG, and the retention rules.
 *
 * Access and portability (AVG art. 15 and 20): wb_client_export() gives
 * one JSON document with everything werkbrug holds about a client: the
 * record, the care team (current and ended), the consents with their
 * history, the plan (goals with actions), the notes, the measurements,
 * the trajectories (with their milestones and jobs), the referrals, the
 * correction requests and the access log.  The client
 * gets all of it, with their full BSN; a professional of the registering
 * organisation on the team (who answers the client's request) gets what
 * the policy shows them, with the BSN masked.  Nobody else: a
 * professional who sees the client under a consent is refused, because
 * only the registering organisation answers.  One read transaction,
 * audited client.export.
 *
 * Correction (art. 16): the client asks in their own words
 * (client.correction.request); the registering organisation sees the
 * request on the record, changes what is wrong through the ordinary form
 * and marks the request handled (client.correction.handle).
 *
 * Erasure (art. 17, WGBO art. 7:455): wb_client_erase() anonymises the
 * record in one write transaction, on the client's request, by a
 * professional of the registering organisation on the team.  Removed:
 * BSN, name, date of birth, contact details, target group and benefit,
 * goals, actions, notes, measurements, trajectories with their
 * milestones and jobs, correction requests, the texts of referrals,
 * unused activation codes and the portal account's e-mail address, name,
 * password and sessions; team memberships are ended, and so are the
 * consents still in force (revoked, "Cliënt gewist").  Kept: the client
 * row (an id, the municipality and the dates), the consents and the
 * referral rows (who shared what with whom, under which consent) and
 * the audit log, because the law requires proving what happened; they
 * hold ids, not content.  The audit event
 * (client.erase) names only a reason code, never free text.  Afterwards
 * every read of the client answers WB_ENOTFOUND.
 *
 * Retention (werkbrug purge): wb_purge() anonymises the records whose
 * retention term has passed in the same way and clears what has
 * expired; the rules are the table wb_purge_rules (rights.c, with their
 * sources; docs/clients.md).  The audit log is kept whole: deleting
 * events would break its hash chain, and NEN 7513 logs are kept at
 * least five years.
 */
#ifndef WB_RIGHTS_H
#define WB_RIGHTS_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "domain/client_access.h"
#include "store/db.h"

#include <jansson.h>

#define WB_CORRECTION_MAX	2000	/* characters of a request */

/* The reasons an erasure may give ("verzoek-client",
 * "einde-bewaartermijn", "fout-aangemaakt"), NULL-terminated, and their
 * Dutch labels. */
extern const char *const wb_erase_reasons[];
const char	*wb_erase_reason_label(const char *code);

/* Does the actor answer this client's AVG requests (export, erasure,
 * corrections): a professional of the organisation that registered the
 * client?  Pure; pages use it to offer the buttons, the functions below
 * decide again (team membership included) and audit. */
bool	wb_rights_answers(const struct wb_actor *actor,
	    int64_t registered_org);
/* Inside an open client decision (client_access.h): 0 when the actor is
 * the client themself or answers for the registering organisation;
 * otherwise the refusal is audited, the transaction ended and
 * WB_EDENIED returned.  The one rule for rights.c and rights_export.c. */
int	wb_rights_answering(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_client_op *op,
	    const struct wb_client_decision *d, struct wb_err *err)
	    WB_WARN_UNUSED;

/* The export as a JSON object (the caller owns the reference).  With
 * `display`, dates and times also come as dd-mm-jjjj in *_nl keys and
 * Dutch labels in *_label keys, for a page.  WB_ENOTFOUND for an unknown
 * or erased client, WB_EDENIED (audited) for anyone but the client and
 * the registering organisation's team.  Audited client.export. */
int	wb_client_export_json(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, bool display, json_t **out,
	    struct wb_err *err) WB_WARN_UNUSED;

/* The same as text (UTF-8, indented), in `a`. */
int	wb_client_export(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, struct wb_arena *a, const char **json,
	    struct wb_err *err) WB_WARN_UNUSED;

/* The client asks to correct their record; `text` (1 to
 * WB_CORRECTION_MAX characters) is kept until it is handled and the
 * record erased.  Only the client themself (else WB_EDENIED).  Field
 * error "text" (Dutch) for an empty or too long text.  Audited
 * client.correction.request (without the text). */
int	wb_correction_request(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, const char *text, int64_t *id,
	    struct wb_err *err) WB_WARN_UNUSED;

struct wb_correction {
	int64_t		 id;
	const char	*text;
	int64_t		 created_at;	/* Unix seconds */
	int64_t		 handled_at;	/* 0 = open */
	const char	*handled_by;	/* name, NULL when open */
};

/* The client's correction requests, newest first: for the client, and
 * for the registering organisation's team.  Audited
 * client.correction.read. */
int	wb_correction_list(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, struct wb_arena *a, struct wb_correction **out,
	    size_t *n, struct wb_err *err) WB_WARN_UNUSED;

/* Mark request `request_id` of the client handled (the registering
 * organisation's team).  WB_ENOTFOUND when there is no such open
 * request.  Audited client.correction.handle. */
int	wb_correction_handle(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, int64_t request_id, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Erase (anonymise) the client, see above, for `reason` (one of
 * wb_erase_reasons; else field error "reason").  A professional of the
 * registering organisation on the team; anyone else WB_EDENIED, an
 * unknown or erased client WB_ENOTFOUND (both audited).  Audited
 * client.erase with the reason code. */
int	wb_client_erase(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, const char *reason, struct wb_err *err)
	    WB_WARN_UNUSED;

/* The retention rules werkbrug purge applies, in this order. */
enum {
	WB_PURGE_GGZ,		/* clients of a GGZ institution */
	WB_PURGE_WORK,		/* clients of UWV, a municipality or a
				 * re-integration company */
	WB_PURGE_ACTIVATIONS,	/* unused activation codes */
	WB_PURGE_SESSIONS,	/* expired login sessions */
	WB_PURGE_NRULES
};

/* One rule; the strings are Dutch (the command line prints them). */
struct wb_purge_rule {
	const char	*what;		/* what the rule removes */
	const char	*term;		/* when */
	const char	*source;	/* the law or werkbrug's own rule */
	char		 basis;		/* 'V' verified at the source, 'K'
					 * common knowledge, 'D' a design
					 * decision of werkbrug */
	const char	*done;		/* "geanonimiseerd" */
	const char	*todo;		/* a dry run: "te anonimiseren" */
};

extern const struct wb_purge_rule wb_purge_rules[WB_PURGE_NRULES];

/* Per rule: what was removed (with dry_run: what would be), and the
 * moment before which a file or code counts as expired (Unix seconds). */
struct wb_purge_report {
	int64_t		 count[WB_PURGE_NRULES];
	int64_t		 cutoff[WB_PURGE_NRULES];
};

/* Apply the retention rules now (wb_now()).  Only the system actor (the
 * operator's command line).  Each client is anonymised in a transaction
 * of its own, after checking again that its term has passed, and audited
 * client.erase (einde-bewaartermijn); the codes and sessions go in one
 * more, audited purge (the counts).  With dry_run nothing changes and
 * nothing is logged: rep says what would go. */
int	wb_purge(struct wb_db *db, const struct wb_actor *actor, bool dry_run,
	    struct wb_purge_report *rep, struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_RIGHTS_H */
