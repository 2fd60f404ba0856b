/* client_frame.c - the frame every page of a client's record shares. */
#include "web/client_frame.h"
#include "web/view.h"
#include "domain/client.h"
#include "domain/client_access.h"
#include "base/str.h"

/* The tabs of the client page: the category the tab needs (0 = any). */
static const struct {
	const char	*slug;		/* "" = the overview */
	const char	*label;
	unsigned	 needs;
} tabs[] = {
	{ "", "Gegevens", 0 },
	{ "plan", "Plan", WB_CAT_PLAN },
	{ "team", "Team", WB_CAT_IDENTITY },
	{ "toestemmingen", "Toestemmingen", WB_CAT_IDENTITY },
	{ "verwijzingen", "Verwijzingen", WB_CAT_IDENTITY },
	{ "tijdlijn", "Tijdlijn", WB_CAT_NOTES },
	{ "toegang", "Toegang", WB_CAT_IDENTITY },
	{ "rechten", "Rechten", WB_CAT_IDENTITY },
};

/* A refusal of a client page looks like a missing client. */
int
wb_client_hide(int rc)
{
	return rc == WB_EDENIED ? WB_ENOTFOUND : rc;
}

void
wb_put(json_t *obj, const char *key, const char *s)
{
	if (s != NULL && s[0] != '\0' && wb_utf8_valid(s, strlen(s), true))
		json_object_set_new(obj, key, json_string(s));
}

/* The categories as words: "Persoonsgegevens en contact, Plan". */
const char *
wb_category_words(struct wb_req *req, unsigned cats)
{
	struct wb_buf	b;
	const char	*s;
	size_t		i;

	wb_buf_init(&b, 512);
	for (i = 0; i < WB_NCATS; i++)
		if ((cats & (1u << i)) != 0)
			wb_buf_printf(&b, "%s%s", b.n > 0 ? ", " : "",
			    wb_t(req, wb_category_label(1u << i)));
	s = wb_arena_strdup(&req->arena, wb_buf_cstr(&b));
	wb_buf_free(&b);
	return s;
}

/* ---------- The client page's frame ---------------------------------- */

/* Read the client (audited) and start a page with its header, the
 * consent banner and the tabs the actor may see; `tab` is the current
 * tab's slug.  *cats gets the categories the actor may read. */
int
wb_client_frame(struct wb_db *db, struct wb_req *req, int64_t id,
    const char *tab, const char *title, struct wb_client *c, unsigned *cats,
    json_t **out)
{
	json_t	*ctx, *v, *arr;
	size_t	 i;
	int	 rc;

	*out = NULL;
	rc = wb_client_get(db, &req->actor, id, &req->arena, c, &req->err);
	if (rc != 0)
		return wb_client_hide(rc);
	*cats = c->may;
	ctx = wb_page(req, title);
	v = json_pack("{s:I}", "id", (json_int_t)c->id);
	wb_put(v, "name", c->name);
	wb_put(v, "bsn_masked", c->bsn_masked);
	wb_put(v, "municipality", c->municipality_name);
	wb_put(v, "region_name", c->region_name);
	wb_put(v, "region_code", c->region_code);
	wb_put(v, "phone", c->phone);
	wb_put(v, "email", c->email);
	wb_put(v, "address", c->address);
	if (c->name != NULL)
		wb_view_date(v, "birth_date", c->birth_date);
	if (c->benefit != NULL)
		wb_put(v, "benefit", wb_t(req, wb_client_benefit_label(
		    c->benefit)));
	if (c->target_group != NULL)
		wb_put(v, "target_group", wb_t(req,
		    wb_client_target_group_label(c->target_group)));
	wb_put(v, "registered_org", c->registered_org_name);
	json_object_set_new(v, "has_portal", json_boolean(c->has_portal));
	json_object_set_new(v, "identity", json_boolean(
	    (c->shown & WB_CAT_IDENTITY) != 0));
	json_object_set_new(v, "work", json_boolean(
	    (c->shown & WB_CAT_WORK) != 0));
	json_object_set_new(v, "health", json_boolean(
	    (c->shown & WB_CAT_HEALTH) != 0));
	json_object_set_new(ctx, "client", v);

	/* One line on why this viewer sees this client. */
	if (c->access.own)
		v = json_pack("{s:s}", "own", wb_t(req, wb_purpose_label(
		    c->access.purpose)));
	else
		v = json_pack("{s:I, s:s}", "consent_id",
		    (json_int_t)c->access.consent_id, "purpose",
		    wb_t(req, wb_purpose_label(c->access.purpose)));
	json_object_set_new(v, "categories", json_string(
	    wb_category_words(req, *cats)));
	json_object_set_new(ctx, "access", v);

	arr = json_array();
	for (i = 0; i < WB_NELEM(tabs); i++) {
		if (tabs[i].needs != 0 && (*cats & tabs[i].needs) == 0)
			continue;
		/* The access log and the AVG requests are answered by the
		 * registering organisation. */
		if ((strcmp(tabs[i].slug, "toegang") == 0 ||
		    strcmp(tabs[i].slug, "rechten") == 0) &&
		    c->registered_org != req->actor.org_id)
			continue;
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "href", tabs[i].slug[0] == '\0' ?
		    wb_arena_printf(&req->arena, "/clienten/%lld",
		    (long long)id) : wb_arena_printf(&req->arena,
		    "/clienten/%lld/%s", (long long)id, tabs[i].slug),
		    "label", wb_t(req, tabs[i].label), "current",
		    strcmp(tab, tabs[i].slug) == 0));
	}
	json_object_set_new(ctx, "tabs", arr);
	json_object_set_new(ctx, "crumbs", json_pack("[{s:s, s:s}]", "href",
	    "/clienten", "label", wb_t(req, "Mijn cliënten")));
	json_object_set_new(ctx, "has_crumbs", json_true());
	*out = ctx;
	return 0;
}

