/* card.h - business cards (visitekaartjes) of professionals.
 *
 * A card names a professional, their function, organisation, phone,
 * e-mail and availability.  It may belong to an account (the professional
 * edits it) or stand alone in the directory (kept by the region's
 * coordinator).  A card is personal data: every read is audited.
 */
#ifndef WB_CARD_H
#define WB_CARD_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/db.h"

struct wb_card {
	int64_t		 id;
	int64_t		 user_id;	/* 0 = no account */
	int64_t		 org_id;
	const char	*name;
	const char	*function;	/* code, see wb_card_functions */
	const char	*phone, *email, *availability;
	bool		 active;
	const char	*org_name, *org_code, *org_type;
};

/* Function codes and Dutch labels, NULL-terminated. */
extern const char *const wb_card_functions[];
const char	*wb_card_function_label(const char *code);

/* Read a card; audited as card.read.  An inactive card (a former
 * colleague) is shown only to whoever may edit it (an administrator, its
 * owner, a coordinator of a region its organisation serves); anyone else
 * gets WB_ENOTFOUND and a denied card.read event. */
int	wb_card_get(struct wb_db *db, const struct wb_actor *actor, int64_t id,
	    struct wb_arena *a, struct wb_card *out, struct wb_err *err)
	    WB_WARN_UNUSED;
/* The actor's own card ("Mijn kaartje"), audited as card.read.
 * WB_ENOTFOUND (nothing audited) when they have none yet; WB_EDENIED, with
 * a denied event, for an actor without an account. */
int	wb_card_mine(struct wb_db *db, const struct wb_actor *actor,
	    struct wb_arena *a, struct wb_card *out, struct wb_err *err)
	    WB_WARN_UNUSED;
/* The card of an account, WB_ENOTFOUND when it has none.  Not audited:
 * for the domain, the command line and tests; pages use wb_card_mine. */
int	wb_card_of_user(struct wb_db *db, int64_t user_id, struct wb_arena *a,
	    struct wb_card *out, struct wb_err *err) WB_WARN_UNUSED;
/* Active cards of an organisation (for choosing contact persons). */
int	wb_card_list_org(struct wb_db *db, int64_t org_id, struct wb_arena *a,
	    struct wb_card **out, size_t *n, struct wb_err *err)
	    WB_WARN_UNUSED;
/* The same, for showing to `actor`: the read is audited (card.list). */
int	wb_card_read_org(struct wb_db *db, const struct wb_actor *actor,
	    int64_t org_id, struct wb_arena *a, struct wb_card **out,
	    size_t *n, struct wb_err *err) WB_WARN_UNUSED;
/* Create a card (admin, the region's coordinator, or a user for
 * themself); *id gets the new id. */
int	wb_card_add(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_card *in, int64_t *id, struct wb_err *err)
	    WB_WARN_UNUSED;
/* Change a card's fields (not its organisation or account). */
int	wb_card_update(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_card *in, struct wb_err *err) WB_WARN_UNUSED;
/* The same two inside the caller's open write transaction
 * (wb_db_begin_write), for importers: access check, validation and audit
 * event as above, but nothing is committed or rolled back here; on an
 * error the caller rolls back. */
int	wb_card_add_tx(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_card *in, int64_t *id, struct wb_err *err)
	    WB_WARN_UNUSED;
int	wb_card_update_tx(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_card *in, struct wb_err *err) WB_WARN_UNUSED;
/* Give a card without an account to account `user_id` (the person now
 * logs in; the operator or an administrator only).  Audited card.link. */
int	wb_card_link_user(struct wb_db *db, const struct wb_actor *actor,
	    int64_t card_id, int64_t user_id, struct wb_err *err)
	    WB_WARN_UNUSED;
/* Check fields; Dutch field errors. */
int	wb_card_validate(const struct wb_card *in, struct wb_err *err)
	    WB_WARN_UNUSED;

#endif /* WB_CARD_H */
