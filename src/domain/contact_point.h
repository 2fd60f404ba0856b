/* contact_point.h - fixed contact points (vaste aanspreekpunten).
 *
 * A contact point is an organisation's named person (with a deputy) for
 * one region and one domain (GGZ, UWV or gemeente), valid from a date and
 * optionally until one.  Rows are never deleted or overwritten: setting a
 * new person ends the current row the day before and adds a new one, so
 * the history stays.  Only administrators and the region's coordinator
 * change contact points; every logged-in user may find them, and every
 * read is audited (the cards on it are personal data).
 */
#ifndef WB_CONTACT_POINT_H
#define WB_CONTACT_POINT_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/db.h"

struct wb_cp_person {
	int64_t		 card_id;	/* 0 = none (no deputy) */
	const char	*name, *function, *phone, *email, *availability;
};

struct wb_cp {
	int64_t		 id;
	int64_t		 org_id;
	const char	*org_name, *org_code, *org_type;
	const char	*region_code, *region_name;
	const char	*domain;	/* "ggz", "uwv", "gemeente" */
	int64_t		 valid_from;	/* days since 1970-01-01 */
	int64_t		 valid_until;	/* INT64_MIN = open */
	const char	*note;
	struct wb_cp_person person, deputy;
};

struct wb_cp_input {
	int64_t		 org_id;
	const char	*region_code;
	const char	*domain;
	int64_t		 card_id;
	int64_t		 deputy_card_id;	/* 0 = none */
	int64_t		 valid_from;		/* days */
	int64_t		 valid_until;		/* INT64_MIN = open */
	const char	*note;
};

extern const char *const wb_cp_domains[];	/* ggz, uwv, gemeente */
const char	*wb_cp_domain_label(const char *domain);

/* The current contact points of `domain` in the region of municipality
 * `municipality` (GMnnnn), that municipality's own organisation first.
 * Audited as contactpoint.find.  WB_ENOTFOUND for an unknown municipality. */
int	wb_cp_find(struct wb_db *db, const struct wb_actor *actor,
	    const char *municipality, const char *domain, struct wb_arena *a,
	    struct wb_cp **out, size_t *n, struct wb_err *err) WB_WARN_UNUSED;
/* The same for a region code (no municipality preference). */
int	wb_cp_find_region(struct wb_db *db, const struct wb_actor *actor,
	    const char *region, const char *domain, struct wb_arena *a,
	    struct wb_cp **out, size_t *n, struct wb_err *err) WB_WARN_UNUSED;
/* Current contact points of a region (all domains); audited. */
int	wb_cp_by_region(struct wb_db *db, const struct wb_actor *actor,
	    const char *region, struct wb_arena *a, struct wb_cp **out,
	    size_t *n, struct wb_err *err) WB_WARN_UNUSED;
/* Current (history=false) or all (history=true) of an organisation. */
int	wb_cp_by_org(struct wb_db *db, const struct wb_actor *actor,
	    int64_t org_id, bool history, struct wb_arena *a,
	    struct wb_cp **out, size_t *n, struct wb_err *err) WB_WARN_UNUSED;
/* Every current contact point, of one region or all (region NULL): for
 * the CSV export.  Audited. */
int	wb_cp_all_current(struct wb_db *db, const struct wb_actor *actor,
	    const char *region, struct wb_arena *a, struct wb_cp **out,
	    size_t *n, struct wb_err *err) WB_WARN_UNUSED;

/* Validate an input against the database (organisation serves the region,
 * has the domain's type, cards belong to the organisation, dates). */
int	wb_cp_validate(struct wb_db *db, const struct wb_cp_input *in,
	    struct wb_err *err) WB_WARN_UNUSED;
/* Set the contact point for (org, region, domain) from in->valid_from:
 * ends the current one the day before and adds the new one.  In the
 * caller's write transaction when `in_tx`, else in its own.  *id gets the
 * new row's id. */
int	wb_cp_set(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_cp_input *in, bool in_tx, int64_t *id,
	    struct wb_err *err) WB_WARN_UNUSED;
/* End a contact point on day `until` (no successor). */
int	wb_cp_end(struct wb_db *db, const struct wb_actor *actor, int64_t id,
	    int64_t until, struct wb_err *err) WB_WARN_UNUSED;
/* Read one contact point (with history rows too). Audited. */
int	wb_cp_get(struct wb_db *db, const struct wb_actor *actor, int64_t id,
	    struct wb_arena *a, struct wb_cp *out, struct wb_err *err)
	    WB_WARN_UNUSED;

#endif /* WB_CONTACT_POINT_H */
