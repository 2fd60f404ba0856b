/* client_frame.c - the frame every page of a client's record shares. */
#include "web/client_frame.h"
#include "web/view.h"
#include "domain/access.h"
#include "domain/client.h"
#include "domain/client_access.h"
#include "base/str.h"
#include "base/time.h"

/* The tabs of the client page: the categories of which the tab needs one
 * (0 = any). */
static const struct {
	const char	*slug;		/* "" = the overview */
	const char	*label;
	unsigned	 needs;
} tabs[] = {
	{ "", "Gegevens", 0 },
	{ "plan", "Plan", WB_CAT_PLAN },
	{ "metingen", "Metingen", WB_CAT_WORK | WB_CAT_HEALTH },
	{ "trajecten", "Trajecten", WB_CAT_WORK },
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

bool
wb_client_form_error(int rc)
{
	return rc == WB_EINVAL || rc == WB_ECONFLICT;
}

int
wb_client_show(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    wb_client_page_fn page)
{
	struct wb_db	*db = wb_app_db(app, &req->err);

	if (db == NULL)
		return WB_EDB;
	return page(app, req, resp, db, wb_req_int(req, "id", 0));
}

int
wb_client_changed(struct wb_app *app, struct wb_req *req,
    struct wb_resp *resp, struct wb_db *db, int64_t id, int rc,
    wb_client_page_fn page, const char *tab, const char *flash)
{
	if (wb_client_form_error(rc)) {
		wb_req_domain_error(req, &req->err);
		return page(app, req, resp, db, id);
	}
	if (rc != 0)
		return wb_client_hide(rc);
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/clienten/%lld/%s", (long long)id, tab), flash);
}

int64_t
wb_portal_me(const struct wb_req *req)
{
	return req->actor.role == WB_ROLE_CLIENT ? req->actor.client_id : 0;
}

int
wb_portal_show(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    int (*page)(struct wb_app *, struct wb_req *, struct wb_resp *,
    struct wb_db *))
{
	struct wb_db	*db = wb_app_db(app, &req->err);

	if (db == NULL)
		return WB_EDB;
	if (wb_portal_me(req) == 0)
		return WB_ENOTFOUND;
	return page(app, req, resp, db);
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

json_t *
wb_choices(const struct wb_req *req, const char *const *codes,
    const char *(*label)(const char *), const char *chosen)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; codes[i] != NULL; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", codes[i], "label", wb_t(req, label(codes[i])),
		    "selected", chosen != NULL && strcmp(chosen,
		    codes[i]) == 0));
	return arr;
}

json_t *
wb_purpose_choices(const struct wb_req *req, enum wb_purpose last)
{
	const char	*chosen = wb_req_raw(req, "purpose");
	json_t		*arr = json_array();
	int		 i;

	for (i = WB_PURPOSE_CARE; i <= (int)last; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", wb_purpose_name((enum wb_purpose)i), "label",
		    wb_t(req, wb_purpose_label((enum wb_purpose)i)),
		    "selected", chosen != NULL && strcmp(chosen,
		    wb_purpose_name((enum wb_purpose)i)) == 0));
	return arr;
}

json_t *
wb_category_choices(const struct wb_req *req, unsigned checked)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < WB_NCATS; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", wb_category_name(1u << i), "label",
		    wb_t(req, wb_category_label(1u << i)), "checked",
		    (checked & (1u << i)) != 0));
	return arr;
}

unsigned
wb_posted_categories(const struct wb_req *req)
{
	const char	*v[WB_NCATS + 1];
	unsigned	 cats = 0;
	size_t		 n, i;

	n = wb_req_multi(req, "categories", v, WB_NELEM(v));
	for (i = 0; i < n; i++)
		cats |= wb_category_parse(v[i]);
	return cats;
}

json_t *
wb_consent_org_choices(const struct wb_req *req, const struct wb_org *orgs,
    size_t n)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (!wb_access_may_register(orgs[i].type))
			continue;
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:b}",
		    "value", (json_int_t)orgs[i].id, "name", orgs[i].name,
		    "type", wb_t(req, wb_org_type_label(orgs[i].type)),
		    "selected", wb_req_int(req, "org", 0) == orgs[i].id));
	}
	return arr;
}

json_t *
wb_access_entry_json(const struct wb_req *req,
    const struct wb_access_entry *e)
{
	char	 t[32], iso[32];
	json_t	*v;

	wb_time_nl(e->at, t, sizeof(t));
	wb_time_iso(e->at, iso, sizeof(iso));
	v = json_pack("{s:s, s:s, s:s, s:b}", "time", t, "time_iso", iso,
	    "what", wb_t(req, e->what), "denied", e->outcome != NULL &&
	    strcmp(e->outcome, "denied") == 0);
	wb_put(v, "who", e->user_name);
	wb_put(v, "org", e->org_name);
	if (e->purpose != NULL)
		wb_put(v, "purpose", wb_t(req, wb_purpose_label(
		    wb_purpose_parse(e->purpose))));
	return v;
}

void
wb_page_links(struct wb_req *req, json_t *ctx, const char *base,
    int64_t page, int64_t total, int64_t per)
{
	if (page > 1)
		json_object_set_new(ctx, "prev", json_string(wb_arena_printf(
		    &req->arena, "%s?pagina=%lld", base, (long long)(page -
		    1))));
	if (page * per < total)
		json_object_set_new(ctx, "next", json_string(wb_arena_printf(
		    &req->arena, "%s?pagina=%lld", base, (long long)(page +
		    1))));
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

