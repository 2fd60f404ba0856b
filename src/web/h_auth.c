/* h_auth.c - login, logout, language, the start page, health, static. */
#include "web/handlers.h"
#include "web/view.h"
#include "domain/plan.h"
#include "domain/session.h"
#include "domain/user.h"
#include "base/asset.h"
#include "base/str.h"

/* Content type by file extension, for embedded static assets. */
static const char *
content_type(const char *name)
{
	const char	*dot = strrchr(name, '.');

	if (dot == NULL)
		return "application/octet-stream";
	if (strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (strcmp(dot, ".json") == 0)
		return "application/json";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (strcmp(dot, ".png") == 0)
		return "image/png";
	if (strcmp(dot, ".ico") == 0)
		return "image/x-icon";
	return "application/octet-stream";
}

WB_HANDLER(wb_h_static)
{
	const struct wb_asset	*f = wb_asset_find(wb_static,
	    wb_req_str(req, "name"));

	if (f == NULL)
		return WB_ENOTFOUND;
	resp->static_body = f->data;
	resp->static_len = f->len;
	resp->content_type = content_type(f->name);
	wb_resp_header(resp, "Cache-Control", "public, max-age=3600");
	return 0;
}

WB_HANDLER(wb_h_healthz)
{
	resp->content_type = "text/plain; charset=utf-8";
	wb_buf_puts(&resp->body, "ok\n");
	return 0;
}

/* Where to go after login: a local path, never another site. */
static const char *
return_path(struct wb_req *req)
{
	const char	*t = wb_req_str(req, "terug");

	if (t == NULL || wb_str_prefix(t, "/inloggen"))
		return "/";
	return t;
}

static int
login_page(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    const char *message)
{
	json_t	*ctx = wb_page(req, "Inloggen");

	wb_page_errors(req, ctx);
	json_object_del(json_object_get(ctx, "form"), "password");
	json_object_set_new(ctx, "terug", json_string(return_path(req)));
	if (message != NULL)
		json_object_set_new(ctx, "message", json_string(message));
	return wb_render(app, req, resp, "login.html", ctx);
}

WB_HANDLER(wb_h_login_form)
{
	if (req->user.id != 0)
		return wb_redirect(req, resp, return_path(req), NULL);
	return login_page(app, req, resp, NULL);
}

WB_HANDLER(wb_h_login)
{
	struct wb_session	 s;
	struct wb_db		*db;
	const char		*cookie;
	int64_t			 uid;
	int			 rc;

	if (wb_req_has_errors(req)) {
		resp->status = 400;
		return login_page(app, req, resp, NULL);
	}
	db = wb_app_db(app, &req->err);
	if (db == NULL)
		return WB_EDB;
	rc = wb_user_login(db, wb_req_str(req, "email"),
	    wb_req_str(req, "password"), req->remote_addr, &uid, &req->err);
	if (rc == WB_EDENIED || rc == WB_EBUSY) {
		resp->status = rc == WB_EBUSY ? 429 : 401;
		return login_page(app, req, resp, wb_t(req, req->err.msg));
	}
	if (rc != 0)
		return rc;
	/* A new session id on every login (no fixation). */
	rc = wb_session_create(db, uid, req->session_hash, &req->arena,
	    &cookie, &s, &req->err);
	if (rc != 0)
		return rc;
	wb_cookie(req, resp, "wb_session", cookie, -1);
	return wb_redirect(req, resp, return_path(req), "login");
}

WB_HANDLER(wb_h_logout)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (req->session_hash != NULL) {
		rc = wb_session_end(db, &req->actor, req->session_hash, &req->err);
		if (rc != 0)
			return rc;
	}
	wb_cookie(req, resp, "wb_session", "", 0);
	return wb_redirect(req, resp, "/inloggen", "logout");
}

WB_HANDLER(wb_h_lang)
{
	struct wb_db	*db;
	const char	*lang = wb_req_str(req, "lang");
	const char	*back = wb_req_str(req, "terug");
	int		 rc;

	if (req->user.id != 0) {
		db = wb_app_db(app, &req->err);
		if (db == NULL)
			return WB_EDB;
		rc = wb_user_set_lang(db, &req->actor, lang, &req->err);
		if (rc != 0)
			return rc;
	}
	wb_cookie(req, resp, "wb_lang", lang, 365 * 24 * 3600);
	return wb_redirect(req, resp, back ? back : "/", NULL);
}

/* "Mijn werk": the professional's overdue actions, oldest first (the
 * domain shows each only when its goal is visible; audited). */
static int
my_work(struct wb_app *app, struct wb_req *req, json_t *ctx)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_overdue_item	*items;
	size_t			 n, i;
	json_t			*arr;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_plan_overdue(db, &req->actor, &req->arena, &items, &n,
	    &req->err);
	if (rc != 0)
		return rc;
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *v = json_pack("{s:I, s:s, s:s}", "client_id",
		    (json_int_t)items[i].client_id, "goal",
		    items[i].goal_title, "action", items[i].action_title);

		wb_view_date(v, "due", items[i].due_date);
		json_array_append_new(arr, v);
	}
	json_object_set_new(ctx, "is_professional", json_true());
	json_object_set_new(ctx, "overdue", arr);
	json_object_set_new(ctx, "has_overdue", json_boolean(n > 0));
	return 0;
}

WB_HANDLER(wb_h_home)
{
	json_t	*ctx;

	/* A client's start page is their plan. */
	if (req->actor.role == WB_ROLE_CLIENT)
		return wb_redirect(req, resp, "/mijn", NULL);
	ctx = wb_page(req, "Start");

	json_object_set_new(ctx, "is_coordinator", json_boolean(
	    req->actor.role == WB_ROLE_COORDINATOR));
	json_object_set_new(ctx, "is_admin", json_boolean(
	    req->actor.role == WB_ROLE_ADMIN));
	json_object_set_new(ctx, "is_auditor", json_boolean(
	    req->actor.role == WB_ROLE_AUDITOR));
	if (req->actor.region_code != NULL)
		json_object_set_new(ctx, "region_code",
		    json_string(req->actor.region_code));
	if (req->actor.role == WB_ROLE_PROFESSIONAL) {
		int rc = my_work(app, req, ctx);

		if (rc != 0) {
			json_decref(ctx);
			return rc;
		}
	}
	return wb_render(app, req, resp, "home.html", ctx);
}
