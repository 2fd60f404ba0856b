/* client.h - the client record.
 *
 * A client is registered by a professional of a GGZ institution, UWV,
 * a municipality or a re-integration company; the registering
 * organisation and the registering professional (first on the care team)
 * are recorded.  Fields belong to data categories: identity & contact
 * (BSN, name, date of birth, phone, e-mail, address, municipality), work &
 * income (benefit), health (target group: EPA or common mental disorder
 * is a health fact).  Every read and change goes through client_access.c;
 * a reader gets only the categories the policy allows and the fields of
 * other categories are NULL.
 *
 * The BSN is sealed with the site key (vault.h) and found through its
 * blind index; pages show it masked, the full number only on an explicit,
 * audited request.
 */
#ifndef WB_CLIENT_H
#define WB_CLIENT_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/access.h"
#include "domain/actor.h"
#include "store/db.h"

struct wb_client {
	int64_t		 id;
	unsigned	 shown;		/* WB_CAT_* of the fields below shown */
	unsigned	 may;		/* WB_CAT_* the viewer may read at all
					 * (for the parts of a page: plan,
					 * notes) */
	struct wb_client_decision access;
	/* identity & contact */
	const char	*bsn_masked;	/* "*****6782" */
	const char	*given_name, *family_name;
	const char	*name;		/* "given family", for display */
	int64_t		 birth_date;	/* days since 1970-01-01 */
	const char	*phone, *email, *address;
	const char	*municipality_code, *municipality_name;
	const char	*region_code, *region_name;
	bool		 has_portal;	/* the client has activated an account */
	/* work & income */
	const char	*benefit;
	/* health (NULL when not shown, or not recorded) */
	const char	*target_group;
	/* always (the record's frame) */
	int64_t		 registered_org;
	const char	*registered_org_name;
	int64_t		 created_at, updated_at;
};

/* Input for register and update: text as typed; bsn is ignored on update. */
struct wb_client_input {
	int64_t		 id;		/* update only */
	const char	*bsn;
	const char	*given_name;	/* roepnaam of voornamen */
	const char	*family_name;	/* achternaam, with tussenvoegsel */
	const char	*birth_date;	/* dd-mm-jjjj or jjjj-mm-dd */
	const char	*phone, *email, *address;
	const char	*municipality;	/* GMxxxx */
	const char	*benefit;
	const char	*target_group;
	const char	*function;	/* registrar's function on the team */
};

/* Benefit and target-group codes with Dutch labels, NULL-terminated. */
extern const char *const wb_client_benefits[];
extern const char *const wb_client_target_groups[];
const char	*wb_client_benefit_label(const char *code);
const char	*wb_client_target_group_label(const char *code);

/* Check the fields; Dutch messages naming the field. */
int	wb_client_validate(struct wb_db *db, const struct wb_client_input *in,
	    bool registering, struct wb_err *err) WB_WARN_UNUSED;

/* Register a client for the actor's organisation; the actor joins the
 * care team with in->function.  A BSN already known is WB_ECONFLICT,
 * with *id the existing client when the actor is on its team, else 0
 * (nothing else is told).  Audited client.create. */
int	wb_client_register(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_client_input *in, int64_t *id, struct wb_err *err)
	    WB_WARN_UNUSED;

/* The categories the actor's organisation records of a client it
 * registers (0: it may not register clients); the register form shows
 * only those fields.  Not audited: it reads no client. */
int	wb_client_register_categories(struct wb_db *db,
	    const struct wb_actor *actor, unsigned *cats, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Read the record with what the policy shows the actor (who must be
 * allowed at least one category, else WB_EDENIED); out->may says which
 * categories they may read at all, so a page offers only those parts.
 * One decision; audited client.read with the categories shown. */
int	wb_client_get(struct wb_db *db, const struct wb_actor *actor,
	    int64_t id, struct wb_arena *a, struct wb_client *out,
	    struct wb_err *err) WB_WARN_UNUSED;

/* The full BSN (identity category).  Audited client.bsn.read. */
int	wb_client_bsn(struct wb_db *db, const struct wb_actor *actor,
	    int64_t id, char out[10], struct wb_err *err) WB_WARN_UNUSED;

/* Change the record; every category whose fields change must be allowed
 * for writing.  Audited client.update (detail: the categories). */
int	wb_client_update(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_client_input *in, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Find a client by BSN among the clients the actor's team work covers:
 * *id is set only when the actor is on its team with identity access;
 * otherwise WB_ENOTFOUND.  Audited client.search (never the BSN). */
int	wb_client_find_bsn(struct wb_db *db, const struct wb_actor *actor,
	    const char *bsn, int64_t *id, struct wb_err *err) WB_WARN_UNUSED;

/* One row of "Mijn cliënten". */
struct wb_client_item {
	int64_t		 id;
	const char	*name;		/* "given family"; NULL: no identity
					 * access */
	int64_t		 birth_date;
	const char	*function;	/* the actor's function for this client */
	const char	*registered_org_name;
};

/* The clients on whose team the actor is, names only where allowed.
 * Audited client.list (the ids shown). */
int	wb_client_list_mine(struct wb_db *db, const struct wb_actor *actor,
	    struct wb_arena *a, struct wb_client_item **out, size_t *n,
	    struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_CLIENT_H */
