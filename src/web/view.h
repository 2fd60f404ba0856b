/* view.h - domain records as JSON, for templates and the API alike.
 *
 * Each function returns a new object (the caller owns the reference) with
 * stable English keys for the API plus display fields for pages (labels
 * in Dutch source text, dates as dd-mm-jjjj in *_nl keys and ISO in the
 * plain keys).
 */
#ifndef WB_VIEW_H
#define WB_VIEW_H

#include "domain/card.h"
#include "domain/contact_point.h"
#include "domain/organisation.h"
#include "domain/region.h"
#include "web/req.h"

json_t	*wb_view_region(const struct wb_region *r);
json_t	*wb_view_municipality(const struct wb_municipality *m);
json_t	*wb_view_org(const struct wb_req *req, const struct wb_org *o);
json_t	*wb_view_card(const struct wb_req *req, const struct wb_card *c);
json_t	*wb_view_cp(const struct wb_req *req, const struct wb_cp *c);
/* A date (days) as {"iso": "...", "nl": "..."} keys on obj; null when
 * days is INT64_MIN. */
void	 wb_view_date(json_t *obj, const char *key, int64_t days);

#endif /* WB_VIEW_H */
