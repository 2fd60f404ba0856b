/* client_frame.h - the frame of every page of a client's record.
 *
 * The header (name, masked BSN, region, benefit: what the policy lets
 * the viewer see), one line saying under which consent or registration
 * the viewer sees this client and which categories, and the tabs the
 * viewer may see (a tab they may not see is absent, not greyed out).
 */
#ifndef WB_CLIENT_FRAME_H
#define WB_CLIENT_FRAME_H

#include "web/app.h"
#include "domain/client.h"
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

/* obj[key] = s when s is non-empty valid UTF-8. */
void	wb_put(json_t *obj, const char *key, const char *s);

/* WB_CAT_* bits as translated words: "Persoonsgegevens en contact, Plan". */
const char *wb_category_words(struct wb_req *req, unsigned cats);

#endif /* WB_CLIENT_FRAME_H */
