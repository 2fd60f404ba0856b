/* organisation.h - organisations in the directory and the regions they
 * serve.
 *
 * Types follow the field: GGZ-instelling, UWV-vestiging, gemeente,
 * werkgever, zorgverzekeraar, re-integratiebedrijf, cliëntenorganisatie,
 * overig.  AGB codes (8 digits) and KvK numbers (8 digits) are checked for
 * form only.  Administrators manage every organisation; a coordinator
 * adds and edits organisations that serve their own region.
 */
#ifndef WB_ORGANISATION_H
#define WB_ORGANISATION_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/db.h"

#define WB_ORG_MAX_REGIONS	35

struct wb_org {
	int64_t		 id;
	const char	*code;
	const char	*name;
	const char	*type;		/* "ggz", "uwv", ... */
	const char	*municipality_code;	/* gemeente: which one */
	const char	*agb, *kvk, *phone, *email, *website;
	bool		 active;
	const char	*regions[WB_ORG_MAX_REGIONS];	/* AMnn codes served */
	size_t		 nregions;
};

/* The organisation types: code and Dutch label, NULL-terminated. */
extern const char *const wb_org_types[];
const char	*wb_org_type_label(const char *type);
/* The contact-point domain of an organisation type ("ggz", "uwv",
 * "gemeente") or NULL when it has none. */
const char	*wb_org_type_domain(const char *type);

/* Validate (field errors in Dutch) and create; *id gets the new id. */
int	wb_org_add(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_org *in, int64_t *id, struct wb_err *err)
	    WB_WARN_UNUSED;
/* Validate and update every field of organisation in->id. */
int	wb_org_update(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_org *in, struct wb_err *err) WB_WARN_UNUSED;
/* The same two inside the caller's open write transaction
 * (wb_db_begin_write), for importers that change many rows at once:
 * access check, validation and audit event as above, but nothing is
 * committed or rolled back here; on an error the caller rolls back. */
int	wb_org_add_tx(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_org *in, int64_t *id, struct wb_err *err)
	    WB_WARN_UNUSED;
int	wb_org_update_tx(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_org *in, struct wb_err *err) WB_WARN_UNUSED;
/* Check the fields of `in` without touching the database's rows. */
int	wb_org_validate(struct wb_db *db, const struct wb_org *in,
	    struct wb_err *err) WB_WARN_UNUSED;

int	wb_org_get(struct wb_db *db, int64_t id, struct wb_arena *a,
	    struct wb_org *out, struct wb_err *err) WB_WARN_UNUSED;
int	wb_org_get_code(struct wb_db *db, const char *code, struct wb_arena *a,
	    struct wb_org *out, struct wb_err *err) WB_WARN_UNUSED;
/* All organisations (type NULL = any), by name. */
int	wb_org_list(struct wb_db *db, const char *type, int64_t limit,
	    int64_t offset, struct wb_arena *a, struct wb_org **out, size_t *n,
	    int64_t *total, struct wb_err *err) WB_WARN_UNUSED;
/* Active organisations serving a region, by type and name. */
int	wb_org_list_region(struct wb_db *db, const char *region,
	    struct wb_arena *a, struct wb_org **out, size_t *n,
	    struct wb_err *err) WB_WARN_UNUSED;
/* True when the organisation serves `region`. */
bool	wb_org_serves(const struct wb_org *o, const char *region);

/* True when s is 8 digits (AGB code and KvK number alike). */
bool	wb_agb_valid(const char *s);
bool	wb_kvk_valid(const char *s);

#endif /* WB_ORGANISATION_H */
