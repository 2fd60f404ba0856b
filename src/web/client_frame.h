/* client_frame.h - the frame of every page of a client's record.
 *
 * The header (name, masked BSN, region, benefit: what the policy lets
 * the viewer see), one line saying under which consent or registration
 * the viewer sees this client and which categories, and the tabs the
 * viewer may see (a tab they may not see is absent, not greyed out).
 * Also the JSON the client's pages build alike: the choices of their
 * forms, the lines of the access log, the links between its pages.
 */
#ifndef WB_CLIENT_FRAME_H
#define WB_CLIENT_FRAME_H

#include "web/app.h"
#include "domain/access_log.h"
#include "domain/client.h"
#include "domain/organisation.h"
#include "store/db.h"

/* Read the client (audited client.read) and start a page titled `title`
 * with the frame; `tab` is the current tab's slug ("" = Gegevens,
 * "plan", "team", "toestemmingen", "tijdlijn").  *cats gets the
 * categories the actor may read.  A refusal is WB_ENOTFOUND. */
int	wb_client_frame(struct wb_db *db, struct wb_req *req, int64_t id,
	    const char *tab, const char *title, struct wb_client *c,
	    unsigned *cats, json_t **out) WB_WARN_UNUSED;

/* A refused client page answers like a missing one (404), so client ids
 * cannot be probed. */
int	wb_client_hide(int rc);

/* Is `rc` a refusal of what a form said (WB_EINVAL, WB_ECONFLICT)?  The
 * form is shown again with the message. */
bool	wb_client_form_error(int rc);

/* A page of a client's record: (app, req, resp, db, client id). */
typedef int (*wb_client_page_fn)(struct wb_app *, struct wb_req *,
    struct wb_resp *, struct wb_db *, int64_t);

/* Draw `page` of the route's client {id} with the worker's database. */
int	wb_client_show(struct wb_app *app, struct wb_req *req,
	    struct wb_resp *resp, wb_client_page_fn page);

/* The end of a change on client `id`'s tab `tab`: the form's page again
 * with the domain's message when it refused what the form said, 404 for a
 * refusal of the actor, else a redirect to the tab with `flash`. */
int	wb_client_changed(struct wb_app *app, struct wb_req *req,
	    struct wb_resp *resp, struct wb_db *db, int64_t id, int rc,
	    wb_client_page_fn page, const char *tab, const char *flash);

/* The client's own record id in the portal, 0 for anyone else. */
int64_t	wb_portal_me(const struct wb_req *req);

/* Draw the client's own portal `page` with the worker's database; 404
 * for anyone but a client. */
int	wb_portal_show(struct wb_app *app, struct wb_req *req,
	    struct wb_resp *resp, int (*page)(struct wb_app *, struct wb_req *,
	    struct wb_resp *, struct wb_db *));

/* obj[key] = s when s is non-empty valid UTF-8. */
void	wb_put(json_t *obj, const char *key, const char *s);

/* WB_CAT_* bits as translated words: "Persoonsgegevens en contact, Plan". */
const char *wb_category_words(struct wb_req *req, unsigned cats);

/* The choices of a form's select or radio group, [{value, label,
 * selected}]: `codes` (NULL-terminated) with their translated labels,
 * `chosen` (may be NULL) selected. */
json_t	*wb_choices(const struct wb_req *req, const char *const *codes,
	    const char *(*label)(const char *), const char *chosen);

/* The purposes from behandeling up to `last` as choices, the posted
 * "purpose" selected. */
json_t	*wb_purpose_choices(const struct wb_req *req, enum wb_purpose last);

/* The data categories as [{value, label, checked}], the bits of
 * `checked` checked. */
json_t	*wb_category_choices(const struct wb_req *req, unsigned checked);

/* The WB_CAT_* bits of the posted "categories" fields. */
unsigned wb_posted_categories(const struct wb_req *req);

/* The organisations of `orgs` that may hold a client's consent, as
 * [{value, name, type, selected}], the posted "org" selected. */
json_t	*wb_consent_org_choices(const struct wb_req *req,
	    const struct wb_org *orgs, size_t n);

/* One line of a client's access log: {time, time_iso, what, denied} and,
 * where known, who, org and purpose. */
json_t	*wb_access_entry_json(const struct wb_req *req,
	    const struct wb_access_entry *e);

/* ctx.prev and ctx.next: `base` "?pagina=N" around page `page` of
 * `total` rows, `per` to a page. */
void	wb_page_links(struct wb_req *req, json_t *ctx, const char *base,
	    int64_t page, int64_t total, int64_t per);

#endif /* WB_CLIENT_FRAME_H */
