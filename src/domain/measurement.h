/* measurement.h - a client's measurements: the participatieladder and the
 * complaint measures.
 *
 * The instruments themselves (items, ranges, scoring, bands) are in
 * instrument.h.  A measurement is the ladder rung (work & income data), a
 * shipped questionnaire with every answer (PHQ-9, GAD-7, K10: health) or
 * the total of a licensed instrument administered elsewhere (health).  A
 * professional who may write the category records one; the client fills
 * in the shipped questionnaires and the ladder in the portal.  Reads show
 * only the instruments of the allowed categories, and nothing tells that
 * others exist.  Audited measurement.add / measurement.read; the detail
 * names the instrument, never a score.
 */
#ifndef WB_MEASUREMENT_H
#define WB_MEASUREMENT_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/access.h"
#include "domain/actor.h"
#include "store/db.h"

#define WB_ITEMS_MAX	16	/* answers of the longest shipped list */

struct wb_measurement {
	int64_t		 id, client_id;
	const char	*instrument;	/* code, see instrument.h */
	int64_t		 on_date;
	int		 value;		/* total, or rung */
	const char	*band;		/* NULL when the instrument has none */
	const char	*items;		/* answers as digits, NULL for totals */
	const char	*source;	/* professional, client, import */
	const char	*org_name;	/* who recorded it, NULL for the client */
	bool		 followup;	/* PHQ-9 item 9 answered above 0 */
};

/* A measurement as given.  Questionnaires take items (nitems answers);
 * the ladder and licensed instruments take value. */
struct wb_measurement_input {
	int64_t		 client_id;
	const char	*instrument;
	const char	*date;		/* dd-mm-jjjj or ISO, not in the future */
	const int	*items;
	size_t		 nitems;
	bool		 has_value;
	int		 value;
	const char	*source;	/* NULL = professional, or "import" */
};

/* Record a measurement: checks the instrument, date and answers, scores
 * it and stores total and band.  Field errors: instrument, date, items,
 * value.  *total and *band (static) are what was stored.  Audited
 * measurement.add. */
int	wb_measurement_add(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_measurement_input *in, int64_t *id, int *total,
	    const char **band, struct wb_err *err) WB_WARN_UNUSED;

/* The client's measurements of the categories the actor may read, by
 * instrument and date (WB_EDENIED when neither work & income nor health
 * is allowed).  *allowed says which categories were. */
int	wb_measurement_list(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, struct wb_arena *a,
	    struct wb_measurement **out, size_t *n, unsigned *allowed,
	    struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_MEASUREMENT_H */
