/* fidelity.h - IPS-25 fidelity reviews of IPS programmes.
 *
 * A fidelity review scores one programme (a team, named in free text) of
 * one organisation against the 25 items of the IPS Supported Employment
 * Fidelity Scale (domain.md §2.2): three staffing items (S1-S3), eight
 * organisation items (O1-O8) and fourteen services items (V1-V14), item
 * numbers 1-25 in that order, each scored 1-5.  The total (25-125) and
 * its band (§2.3) are computed here, never taken from the caller:
 *
 *	115-125	exemplary	Voorbeeldig
 *	100-114	good		Goed
 *	 74-99	fair		Redelijk
 *	 25-73	not-ips		Geen IPS
 *
 * The scale's text is copyrighted: werkbrug stores item numbers and scores
 * only, and shows each item by its id and a short name of our own
 * ("S1 Caseload"), never the scale's anchor texts.
 *
 * Reviews are about programmes, never about a person, so they are not
 * client data.  Who may (access.h, WB_ACT_FIDELITY_*): read - the staff of
 * the organisation (professionals, coordinators, editors), coordinators of
 * a region it serves, and monitors (scores, totals and bands only: this
 * module leaves out the reviewers and action points, free text that may
 * name people); write - professionals and coordinators of the
 * organisation and coordinators of a region it serves.  Administrators,
 * auditors and clients do not see reviews.  A refusal is WB_EDENIED and
 * is audited (fidelity.read, fidelity.add); an added review is audited as
 * fidelity.add in its own write transaction (detail: organisation id,
 * total and band, never the free text).  Successful reads are not
 * audited: nothing in a review is personal data of a client.
 *
 * Every returned string is copied into the caller's arena.
 */
#ifndef WB_FIDELITY_H
#define WB_FIDELITY_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/access.h"
#include "domain/actor.h"
#include "domain/organisation.h"
#include "store/db.h"

#define WB_FIDELITY_NITEMS		25
#define WB_FIDELITY_MIN_TOTAL		25
#define WB_FIDELITY_MAX_TOTAL		125
#define WB_FIDELITY_PROGRAMME_MAX	100	/* characters */
#define WB_FIDELITY_REVIEWERS_MAX	300
#define WB_FIDELITY_ACTIONS_MAX		4000

enum wb_fidelity_section {
	WB_FIDELITY_STAFFING,
	WB_FIDELITY_ORGANISATION,
	WB_FIDELITY_SERVICES,
	WB_FIDELITY_NSECTIONS
};

/* The 25 items in order: X(number, id, form field, section, short Dutch
 * name, short English name).  The names are our own short names, not the
 * scale's text.  routes.c declares the form's 25 fields from this list. */
#define WB_FIDELITY_ITEMS(X) \
	X(1, "S1", "s1", WB_FIDELITY_STAFFING, "Caseload", \
	    "Caseload size") \
	X(2, "S2", "s2", WB_FIDELITY_STAFFING, "Tijd voor werk", \
	    "Employment services staff") \
	X(3, "S3", "s3", WB_FIDELITY_STAFFING, "Generalisten", \
	    "Vocational generalists") \
	X(4, "O1", "o1", WB_FIDELITY_ORGANISATION, "Teamtoewijzing", \
	    "Integration through team assignment") \
	X(5, "O2", "o2", WB_FIDELITY_ORGANISATION, "Teamcontact", \
	    "Integration through team contact") \
	X(6, "O3", "o3", WB_FIDELITY_ORGANISATION, \
	    "Samenwerking met UWV en gemeente", \
	    "Collaboration with VR counsellors") \
	X(7, "O4", "o4", WB_FIDELITY_ORGANISATION, "IPS-eenheid", \
	    "Vocational unit") \
	X(8, "O5", "o5", WB_FIDELITY_ORGANISATION, \
	    "Rol van de leidinggevende", "Role of the supervisor") \
	X(9, "O6", "o6", WB_FIDELITY_ORGANISATION, "Geen uitsluiting", \
	    "Zero exclusion") \
	X(10, "O7", "o7", WB_FIDELITY_ORGANISATION, "Focus op regulier werk", \
	    "Focus on competitive employment") \
	X(11, "O8", "o8", WB_FIDELITY_ORGANISATION, "Steun van de directie", \
	    "Executive team support") \
	X(12, "V1", "v1", WB_FIDELITY_SERVICES, "Advies werk en uitkering", \
	    "Work incentives planning") \
	X(13, "V2", "v2", WB_FIDELITY_SERVICES, "Openheid", \
	    "Disclosure") \
	X(14, "V3", "v3", WB_FIDELITY_SERVICES, "Beoordeling op het werk", \
	    "Work-based assessment") \
	X(15, "V4", "v4", WB_FIDELITY_SERVICES, "Snel zoeken", \
	    "Rapid job search") \
	X(16, "V5", "v5", WB_FIDELITY_SERVICES, "Zoeken naar voorkeur", \
	    "Individualised job search") \
	X(17, "V6", "v6", WB_FIDELITY_SERVICES, "Werkgeverscontact: aantal", \
	    "Employer contact: frequency") \
	X(18, "V7", "v7", WB_FIDELITY_SERVICES, \
	    "Werkgeverscontact: kwaliteit", "Employer contact: quality") \
	X(19, "V8", "v8", WB_FIDELITY_SERVICES, "Soorten banen", \
	    "Diversity of jobs") \
	X(20, "V9", "v9", WB_FIDELITY_SERVICES, "Soorten werkgevers", \
	    "Diversity of employers") \
	X(21, "V10", "v10", WB_FIDELITY_SERVICES, "Reguliere banen", \
	    "Competitive jobs") \
	X(22, "V11", "v11", WB_FIDELITY_SERVICES, "Begeleiding op maat", \
	    "Individualised follow-along support") \
	X(23, "V12", "v12", WB_FIDELITY_SERVICES, "Begeleiding zonder einde", \
	    "Time-unlimited support") \
	X(24, "V13", "v13", WB_FIDELITY_SERVICES, "In de eigen omgeving", \
	    "Community-based services") \
	X(25, "V14", "v14", WB_FIDELITY_SERVICES, "Actief contact houden", \
	    "Assertive engagement and outreach")

struct wb_fidelity_item {
	int			 number;	/* 1-25, as stored */
	const char		*id;		/* "S1" */
	const char		*field;		/* "s1": form and error field */
	enum wb_fidelity_section section;
	const char		*name_nl;	/* "Caseload" */
	const char		*name_en;	/* "Caseload size" */
	const char		*label;		/* "S1 Caseload": Dutch msgid */
};

/* The items by number (wb_fidelity_items[i].number == i + 1). */
extern const struct wb_fidelity_item wb_fidelity_items[WB_FIDELITY_NITEMS];

/* "staffing", "organisation", "services" and the Dutch labels
 * "Personeel", "Organisatie", "Dienstverlening". */
const char	*wb_fidelity_section_name(enum wb_fidelity_section s);
const char	*wb_fidelity_section_label(enum wb_fidelity_section s);

/* The band of a total: "exemplary", "good", "fair" or "not-ips"; NULL
 * outside 25-125.  Pure. */
const char	*wb_fidelity_band(int64_t total);
/* Dutch label of a band ("Voorbeeldig"), "" when unknown. */
const char	*wb_fidelity_band_label(const char *band);

/* A new review as typed.  Scores are by item number - 1. */
struct wb_fidelity_input {
	const char	*org;		/* organisation code */
	const char	*programme;	/* the team, 1-100 characters */
	const char	*intervention;	/* an active IPS intervention code */
	const char	*review_date;	/* dd-mm-jjjj or yyyy-mm-dd, not
					 * after today */
	const char	*reviewers;	/* optional, one line */
	const char	*action_points;	/* optional, lines */
	const int64_t	*scores;
	size_t		 nscores;	/* must be WB_FIDELITY_NITEMS */
};

struct wb_fidelity_review {
	int64_t		 id;
	int64_t		 org_id;
	const char	*org_code, *org_name;
	const char	*programme;
	const char	*intervention, *intervention_name;
	int64_t		 review_date;	/* days since 1970-01-01 */
	int64_t		 total;
	const char	*band;
	/* NULL for a monitor (see above); "" when none were recorded. */
	const char	*reviewers, *action_points;
	int64_t		 created_by, created_at;
	/* wb_fidelity_get only: scores[i] of item i + 1. */
	bool		 has_scores;
	int		 scores[WB_FIDELITY_NITEMS];
};

/* The scope of organisation `o` for `actor`: the organisation, and the
 * region it serves that the actor coordinates (none when it serves no
 * such region).  Pure; pass it to wb_access_check. */
struct wb_scope	 wb_fidelity_scope(const struct wb_actor *actor,
		    const struct wb_org *o);

/* Validate and store a review with its 25 scores; *id gets its id.
 * Field errors (WB_EINVAL, err->field): org (unknown organisation),
 * programme, intervention (not an active IPS intervention), review_date
 * (not a date, or after today), reviewers, action_points, scores (not 25
 * of them) and an item's field ("s1" ... "v14") for a score outside 1-5.
 * WB_EDENIED when the actor may not write reviews of the organisation.
 * Nothing is stored on any error. */
int	wb_fidelity_add(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_fidelity_input *in, int64_t *id,
	    struct wb_err *err) WB_WARN_UNUSED;

/* One review with its scores.  WB_ENOTFOUND, WB_EDENIED. */
int	wb_fidelity_get(struct wb_db *db, const struct wb_actor *actor,
	    int64_t id, struct wb_arena *a, struct wb_fidelity_review *out,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Every review of the programme that review `id` belongs to (the same
 * organisation and programme name), oldest first: the trend.
 * WB_ENOTFOUND, WB_EDENIED. */
int	wb_fidelity_programme(struct wb_db *db, const struct wb_actor *actor,
	    int64_t id, struct wb_arena *a, struct wb_fidelity_review **out,
	    size_t *n, struct wb_err *err) WB_WARN_UNUSED;

/* Every review of organisation `org_id`, by programme and then date.
 * WB_EDENIED. */
int	wb_fidelity_by_org(struct wb_db *db, const struct wb_actor *actor,
	    int64_t org_id, struct wb_arena *a,
	    struct wb_fidelity_review **out, size_t *n, struct wb_err *err)
	    WB_WARN_UNUSED;

/* The latest review of each programme the actor may read, by
 * organisation name and programme.  An actor who may read none gets an
 * empty list (and WB_EDENIED only when their role never reads reviews). */
int	wb_fidelity_latest(struct wb_db *db, const struct wb_actor *actor,
	    struct wb_arena *a, struct wb_fidelity_review **out, size_t *n,
	    struct wb_err *err) WB_WARN_UNUSED;

/* The organisations the actor may add reviews for, by name (their own
 * and, for a coordinator, those serving their region).  Pure reads. */
int	wb_fidelity_orgs(struct wb_db *db, const struct wb_actor *actor,
	    struct wb_arena *a, struct wb_org **out, size_t *n,
	    struct wb_err *err) WB_WARN_UNUSED;

/* The active IPS interventions (code, name) in catalogue order. */
struct wb_fidelity_intervention {
	const char	*code, *name;
};
int	wb_fidelity_interventions(struct wb_db *db, struct wb_arena *a,
	    struct wb_fidelity_intervention **out, size_t *n,
	    struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_FIDELITY_H */
