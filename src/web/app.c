/* app.c - request dispatch, login state, CSRF, rendering, errors. */
#include "web/app.h"
#include "web/i18n.h"
#include "web/template.h"
#include "domain/session.h"
#include "domain/user.h"
#include "base/asset.h"
#include "base/log.h"
#include "base/str.h"
#include "base/time.h"

#include <pthread.h>

extern const struct wb_route wb_routes[];

/* Each thread's database connection; the key's destructor closes it when
 * the thread ends. */
static pthread_key_t	db_key;
static pthread_once_t	db_once = PTHREAD_ONCE_INIT;

static void
db_destroy(void *p)
{
	wb_db_close(p);
}

static void
db_key_make(void)
{
	if (pthread_key_create(&db_key, db_destroy) != 0)
		abort();
}

/* Security headers on every response (CSP without inline script). */
static const struct wb_resp_header security_headers[] = {
	{ "Content-Security-Policy", "default-src 'none'; style-src 'self'; "
	    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
	    "base-uri 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "no-referrer" },
	{ "X-Frame-Options", "DENY" },
	{ "Permissions-Policy", "camera=(), microphone=(), geolocation=()" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
};

/* Flash messages travel in a cookie as a short key, never as free text. */
static const struct {
	const char	*key;
	const char	*text;
} flashes[] = {
	{ "saved", "De wijzigingen zijn opgeslagen." },
	{ "created", "Toegevoegd." },
	{ "login", "U bent ingelogd." },
	{ "logout", "U bent uitgelogd." },
	{ "imported", "Het bestand is ingelezen." },
	{ "ended", "Het contactpunt is beëindigd." },
	{ "password", "Het wachtwoord is gewijzigd." },
	{ "client_created", "De cliënt is aangemeld. U staat in het team." },
	{ "client_exists", "Deze cliënt stond al in werkbrug; u ziet de "
	    "bestaande gegevens." },
	{ "team_added", "De collega is aan het team toegevoegd." },
	{ "team_ended", "De collega staat niet meer in het team." },
	{ "consent_granted", "De toestemming is vastgelegd." },
	{ "consent_revoked", "De toestemming is ingetrokken. Dit geldt "
	    "meteen." },
	{ "goal_added", "Het doel staat in het plan." },
	{ "target_set", "Het streefcijfer is vastgelegd." },
	{ "goal_stopped", "Het doel is gestopt." },
	{ "action_added", "De actie is toegevoegd." },
	{ "note_added", "De notitie staat in de tijdlijn." },
	{ "trajectory_added", "Het traject is vastgelegd." },
	{ "trajectory_updated", "De status van het traject is gewijzigd." },
	{ "milestone_added", "De mijlpaal is vastgelegd." },
	{ "measurement_added", "De meting is opgeslagen." },
	{ "questionnaire_sent", "Dank u wel. Uw antwoorden zijn opgeslagen." },
	{ "cards_handed", "Uw kaartjes zijn doorgegeven. Uw team beslist of "
	    "deze professional erbij komt." },
	{ "proposal_declined", "Het voorstel is afgewezen." },
	{ "referral_sent", "De verwijzing is verstuurd naar het contactpunt." },
	{ "referral_accepted", "De verwijzing is geaccepteerd. Uw collega "
	    "staat nu in het team." },
	{ "referral_declined", "De verwijzing is afgewezen." },
	{ "referral_withdrawn", "De verwijzing is ingetrokken." },
	{ "activated", "Uw account is klaar. Log nu in met uw e-mailadres en "
	    "wachtwoord." },
	{ "correction_sent", "Uw vraag is verstuurd. Uw begeleider kijkt "
	    "ernaar." },
	{ "correction_handled", "Het verzoek is afgehandeld." },
	{ "client_erased", "De gegevens van de cliënt zijn gewist." },
};

int
wb_app_init(struct wb_app *app, const char *db_url, struct wb_err *err)
{
	int	rc;

	memset(app, 0, sizeof(*app));
	app->db_url = db_url;
	app->routes = wb_routes;
	rc = wb_i18n_init(err);
	if (rc != 0)
		return rc;
	return wb_tmpl_load(wb_templates, &app->tmpl, err);
}

void
wb_app_free(struct wb_app *app)
{
	wb_tmpl_free(app->tmpl);
	app->tmpl = NULL;
}

struct wb_db *
wb_app_db(struct wb_app *app, struct wb_err *err)
{
	struct wb_db	*db;

	pthread_once(&db_once, db_key_make);
	db = pthread_getspecific(db_key);
	if (db == NULL && wb_db_open(app->db_url, &db, err) == 0 &&
	    pthread_setspecific(db_key, db) != 0) {
		wb_db_close(db);
		db = NULL;
	}
	return db;
}

void
wb_app_db_close(void)
{
	pthread_once(&db_once, db_key_make);
	wb_db_close(pthread_getspecific(db_key));
	(void)pthread_setspecific(db_key, NULL);
}

const char *
wb_t(const struct wb_req *req, const char *msgid)
{
	return wb_tr(wb_i18n_get(req->lang), msgid);
}

void
wb_cookie(struct wb_req *req, struct wb_resp *resp, const char *name,
    const char *value, int64_t max_age)
{
	wb_resp_header(resp, "Set-Cookie", wb_arena_printf(&req->arena,
	    "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", name, value,
	    req->secure_cookies ? "; Secure" : "",
	    max_age < 0 ? "" : wb_arena_printf(&req->arena, "; Max-Age=%lld",
	    (long long)max_age)));
}

/* The routes a client account may use (everything else answers 404). */
static bool
client_route(const struct wb_req *req)
{
	static const char *const exact[] = {
	    "/", "/uitloggen", "/taal", "/inloggen", "/activeren", "/healthz",
	    "/mijn" };
	size_t	i;

	for (i = 0; i < WB_NELEM(exact); i++)
		if (strcmp(req->path, exact[i]) == 0)
			return true;
	return wb_str_prefix(req->path, "/mijn/") ||
	    wb_str_prefix(req->path, "/static/");
}

/* Navigation per role (interface.md "Start page per role"). */
#define CLIENT	(1u << WB_ROLE_CLIENT)
#define STAFF	(0xffffu & ~CLIENT)
static json_t *
nav_for(struct wb_req *req)
{
	static const struct {
		const char	*href;
		const char	*label;
		unsigned	 roles;		/* bit per enum wb_role */
	} items[] = {
		{ "/", "Start", STAFF },
		{ "/clienten", "Cliënten", 1u << WB_ROLE_PROFESSIONAL },
		{ "/verwijzingen", "Verwijzingen", 1u << WB_ROLE_PROFESSIONAL },
		{ "/contactpunten", "Contactpunt zoeken", STAFF },
		{ "/regios", "Regio's", STAFF },
		{ "/organisaties", "Organisaties", STAFF },
		{ "/uitkomsten", "Uitkomsten", STAFF },
		{ "/trouw", "Trouw (IPS-25)", 1u << WB_ROLE_PROFESSIONAL |
		    1u << WB_ROLE_COORDINATOR | 1u << WB_ROLE_EDITOR |
		    1u << WB_ROLE_MONITOR },
		{ "/mijn", "Mijn plan", CLIENT },
		{ "/mijn/team", "Mijn team", CLIENT },
		{ "/mijn/vragenlijsten", "Mijn vragenlijsten", CLIENT },
		{ "/mijn/toestemmingen", "Wie mag wat zien?", CLIENT },
		{ "/mijn/inzage", "Wie keek mee?", CLIENT },
		{ "/beheer/gebruikers", "Gebruikers", 1u << WB_ROLE_ADMIN },
		{ "/beheer/interventies", "Interventies", 1u << WB_ROLE_ADMIN },
		{ "/beheer/import", "Importeren", (1u << WB_ROLE_ADMIN) |
		    (1u << WB_ROLE_COORDINATOR) },
		{ "/audit", "Auditlog", 1u << WB_ROLE_AUDITOR },
		{ "/mijn-kaartje", "Mijn kaartje", 1u << WB_ROLE_PROFESSIONAL |
		    1u << WB_ROLE_COORDINATOR },
	};
	json_t	*nav = json_array();
	size_t	 i;

	if (req->user.id == 0)
		return nav;
	for (i = 0; i < WB_NELEM(items); i++) {
		bool current;

		if (!(items[i].roles & (1u << req->actor.role)))
			continue;
		current = strcmp(items[i].href, "/") == 0 ||
		    strcmp(items[i].href, "/mijn") == 0 ?
		    strcmp(req->path, items[i].href) == 0 :
		    wb_str_prefix(req->path, items[i].href);
		json_array_append_new(nav, json_pack("{s:s, s:s, s:b}", "href",
		    items[i].href, "label", wb_t(req, items[i].label),
		    "current", current));
	}
	return nav;
}

json_t *
wb_page(struct wb_req *req, const char *title)
{
	json_t		*ctx;
	const char	*flash;
	size_t		 i;

	ctx = json_pack("{s:s, s:b, s:s, s:s, s:s, s:s}",
	    "lang", req->lang, "lang_en", strcmp(req->lang, "en") == 0,
	    "title", wb_t(req, title), "path", req->path,
	    "csrf", req->csrf ? req->csrf : "",
	    "request_id", req->request_id);
	if (req->user.id != 0)
		json_object_set_new(ctx, "user", json_pack("{s:s, s:s, s:s}",
		    "name", req->user.name, "organisation", req->user.org_name,
		    "role_label", wb_t(req, wb_role_label(req->actor.role))));
	json_object_set_new(ctx, "nav", nav_for(req));
	json_object_set_new(ctx, "has_nav", json_boolean(req->user.id != 0));
	json_object_set_new(ctx, "has_errors", json_boolean(
	    wb_req_has_errors(req)));
	flash = wb_req_cookie(req, "wb_flash");
	for (i = 0; flash != NULL && i < WB_NELEM(flashes); i++)
		if (strcmp(flash, flashes[i].key) == 0)
			json_object_set_new(ctx, "flash",
			    json_string(wb_t(req, flashes[i].text)));
	if (req->errors != NULL)
		json_object_set(ctx, "errors", req->errors);
	return ctx;
}

void
wb_page_errors(struct wb_req *req, json_t *ctx)
{
	json_t	*values = json_object();
	size_t	 i;

	for (i = 0; i < req->nparams; i++)
		if (wb_utf8_valid(req->params[i].value,
		    strlen(req->params[i].value), true))
			json_object_set_new(values, req->params[i].name,
			    json_string(req->params[i].value));
	json_object_set_new(ctx, "form", values);
	if (req->errors != NULL) {
		json_t	*by_field = json_object(), *e;
		size_t	 k;

		json_object_set(ctx, "errors", req->errors);
		json_object_set_new(ctx, "has_errors", json_boolean(
		    wb_req_has_errors(req)));
		json_array_foreach(req->errors, k, e)
			json_object_set(by_field, json_string_value(
			    json_object_get(e, "field")),
			    json_object_get(e, "message"));
		json_object_set_new(ctx, "error", by_field);
	}
}

void
wb_req_domain_error(struct wb_req *req, const struct wb_err *err)
{
	wb_req_field_error(req, err->field[0] ? err->field : "form",
	    wb_t(req, err->msg));
}

int
wb_render(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    const char *name, json_t *ctx)
{
	struct wb_err	err;
	int		rc;

	if (wb_req_cookie(req, "wb_flash") != NULL)
		wb_cookie(req, resp, "wb_flash", "", 0);
	wb_buf_reset(&resp->body);
	rc = wb_tmpl_render(app->tmpl, name, ctx, wb_tr,
	    wb_i18n_get(req->lang), &resp->body, &err);
	json_decref(ctx);
	if (rc != 0) {
		wb_error("request %s: template %s: %s", req->request_id, name,
		    err.msg);
		return rc;
	}
	resp->content_type = "text/html; charset=utf-8";
	return 0;
}

int
wb_redirect(struct wb_req *req, struct wb_resp *resp, const char *location,
    const char *flash)
{
	resp->status = 303;
	wb_resp_header(resp, "Location", wb_arena_strdup(&req->arena,
	    location));
	if (flash != NULL)
		wb_cookie(req, resp, "wb_flash", flash, 60);
	return 0;
}

int
wb_json(struct wb_resp *resp, int status, json_t *body)
{
	char	*s = json_dumps(body, JSON_COMPACT | JSON_ENSURE_ASCII);

	json_decref(body);
	resp->status = status;
	resp->content_type = "application/json";
	wb_buf_reset(&resp->body);
	if (s != NULL) {
		wb_buf_puts(&resp->body, s);
		free(s);
	}
	return 0;
}

int
wb_json_error(struct wb_resp *resp, int status, const char *msg)
{
	return wb_json(resp, status, json_pack("{s:s}", "error", msg));
}

void
wb_error_page(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    int status)
{
	const char	*heading, *message;
	json_t		*ctx;

	switch (status) {
	case 400:
		heading = "Ongeldig verzoek";
		message = "Het verzoek bevat gegevens die werkbrug niet kan "
		    "verwerken. Ga terug en probeer het opnieuw.";
		break;
	case 401:
		heading = "Inloggen vereist";
		message = "Log in om deze pagina te zien.";
		break;
	case 403:
		heading = "Geen toegang";
		message = "U heeft geen toegang tot deze pagina of deze actie.";
		break;
	case 404:
		heading = "Niet gevonden";
		message = "Deze pagina bestaat niet, of u mag haar niet zien.";
		break;
	case 405:
		heading = "Niet toegestaan";
		message = "Deze actie kan zo niet worden uitgevoerd.";
		break;
	case 429:
		heading = "Even geduld";
		message = "Te veel pogingen. Probeer het later opnieuw.";
		break;
	default:
		status = 500;
		heading = "Er ging iets mis";
		message = "Er ging iets mis bij werkbrug. Probeer het later "
		    "opnieuw. Noem het verzoek-id als u contact opneemt.";
		break;
	}
	resp->status = status;
	resp->nheaders = 0;
	if (req->route != NULL && (req->route->flags & WB_R_API)) {
		/* The API speaks English with stable messages. */
		static const struct { int status; const char *msg; } api[] = {
			{ 400, "bad request" }, { 401, "authentication required" },
			{ 403, "forbidden" }, { 404, "not found" },
			{ 405, "method not allowed" }, { 429, "too many requests" },
			{ 500, "internal error" },
		};
		const char	*msg = "internal error";
		size_t		 i;

		for (i = 0; i < WB_NELEM(api); i++)
			if (api[i].status == status)
				msg = api[i].msg;
		(void)wb_json(resp, status, json_pack("{s:s, s:s}", "error",
		    msg, "request_id", req->request_id));
		return;
	}
	ctx = wb_page(req, heading);
	json_object_set_new(ctx, "heading", json_string(wb_t(req, heading)));
	json_object_set_new(ctx, "message", json_string(wb_t(req, message)));
	if (wb_render(app, req, resp, "error.html", ctx) != 0) {
		wb_buf_reset(&resp->body);
		wb_buf_puts(&resp->body, "error");
		resp->content_type = "text/plain; charset=utf-8";
	}
	resp->status = status;
}

/* Find the user of the session cookie or Bearer token; anonymous when
 * there is none.  Returns 0 or a database error. */
static int
identify(struct wb_app *app, struct wb_db *db, struct wb_req *req,
    struct wb_err *err)
{
	struct wb_session	 s;
	struct wb_user		 u;
	int64_t			 uid = 0;
	int			 rc;

	if (req->route->flags & WB_R_API) {
		const char *auth = req->authorization;

		if (auth == NULL || !wb_str_prefix(auth, "Bearer "))
			return 0;
		rc = wb_token_find(db, auth + 7, &uid, err);
		if (rc == WB_ENOTFOUND)
			return 0;
		if (rc != 0)
			return rc;
	} else {
		rc = wb_session_find(db, wb_req_cookie(req, "wb_session"),
		    &req->arena, &s, err);
		if (rc == WB_ENOTFOUND)
			return 0;
		if (rc != 0)
			return rc;
		uid = s.user_id;
		req->session_hash = s.id_hash;
		req->csrf = s.csrf;
	}
	rc = wb_user_load(db, uid, &req->arena, &u, err);
	if (rc == WB_ENOTFOUND || (rc == 0 && !u.active)) {
		req->session_hash = NULL;
		req->csrf = NULL;
		return 0;
	}
	if (rc != 0)
		return rc;
	wb_user_actor(&u, req->remote_addr,
	    (req->route->flags & WB_R_API) ? "api" : "web", &req->actor);
	req->actor.region_code = u.region_code;
	req->user.id = u.id;
	req->user.name = u.name;
	req->user.email = u.email;
	req->user.org_name = u.org_name;
	req->user.org_code = u.org_code;
	req->user.lang = u.lang;
	req->lang = u.lang;
	return 0;
}

/* Language: the user's setting, else the wb_lang cookie, else the
 * browser's Accept-Language. */
static void
pick_language(struct wb_req *req)
{
	const char	*c = wb_req_cookie(req, "wb_lang");

	if (c != NULL && (strcmp(c, "en") == 0 || strcmp(c, "nl") == 0))
		req->lang = strcmp(c, "en") == 0 ? "en" : "nl";
	else if (req->accept_language != NULL)
		req->lang = wb_i18n_negotiate(req->accept_language,
		    strlen(req->accept_language));
}

static int
status_for(int rc)
{
	switch (rc) {
	case WB_EINVAL:		return 400;
	case WB_EDENIED:	return 403;
	case WB_ENOTFOUND:	return 404;
	case WB_EBUSY:		return 429;
	default:		return 500;
	}
}

bool
wb_app_accepts_upload(struct wb_app *app, const char *method,
    const char *path)
{
	struct wb_req	req;
	bool		yes;

	if (strcmp(method, "POST") != 0)
		return false;
	wb_req_init(&req);
	req.method = WB_POST;
	req.path = path;
	yes = wb_router_match(app->routes, &req) == 0 &&
	    (req.route->flags & WB_R_UPLOAD);
	wb_req_free(&req);
	return yes;
}

void
wb_app_handle(struct wb_app *app, struct wb_req *req, struct wb_resp *resp)
{
	struct wb_db	*db = NULL;
	struct wb_err	 err;
	const bool	 is_api = wb_str_prefix(req->path, "/api/");
	size_t		 i;
	int		 rc;

	wb_err_clear(&err);
	req->secure_cookies = app->secure_cookies || req->tls;
	if (req->request_id[0] == '\0') {
		struct wb_arena *a = &req->arena;

		snprintf(req->request_id, sizeof(req->request_id), "%s",
		    wb_random_hex(a, 8));
	}
	pick_language(req);
	rc = wb_router_match(app->routes, req);
	if (rc != 0) {
		if (is_api) {
			static const struct wb_route api404 = { .flags =
			    WB_R_API };
			req->route = &api404;
		}
		wb_error_page(app, req, resp, rc == WB_EDENIED ? 405 : 404);
		goto headers;
	}
	if (!(req->route->flags & WB_R_STATIC)) {
		db = wb_app_db(app, &err);
		if (db == NULL) {
			rc = WB_EDB;
			goto fail;
		}
		rc = identify(app, db, req, &err);
		if (rc != 0)
			goto fail;
	}
	if (req->csrf == NULL && !(req->route->flags & (WB_R_API |
	    WB_R_STATIC))) {
		/* Before login, forms carry a double-submit token. */
		const char *pre = wb_req_cookie(req, "wb_pre");

		if (pre != NULL && strlen(pre) == 64)
			req->csrf = pre;
		else {
			req->csrf = wb_random_hex(&req->arena, 32);
			req->set_pre_cookie = true;
		}
	}
	rc = wb_router_params(req, (req->route->flags & WB_R_API) ? NULL :
	    "csrf", &err);
	if (rc != 0) {
		wb_info("request %s: %s %s rejected: %s", req->request_id,
		    req->method == WB_POST ? "POST" : "GET", req->route->pattern,
		    err.msg);
		wb_error_page(app, req, resp, rc == WB_ENOTFOUND ? 404 : 400);
		goto headers;
	}
	if (req->method == WB_POST && !(req->route->flags & WB_R_API) &&
	    (req->csrf_sent == NULL || req->set_pre_cookie ||
	    !wb_secret_eq(req->csrf_sent, req->csrf))) {
		wb_info("request %s: CSRF token missing or wrong",
		    req->request_id);
		wb_error_page(app, req, resp, 403);
		goto headers;
	}
	if (!(req->route->flags & (WB_R_PUBLIC | WB_R_STATIC)) &&
	    req->user.id == 0) {
		if (req->route->flags & WB_R_API) {
			wb_error_page(app, req, resp, 401);
			wb_resp_header(resp, "WWW-Authenticate", "Bearer");
		} else {
			struct wb_buf	 loc;

			wb_buf_init(&loc, 1024);
			wb_buf_puts(&loc, "/inloggen?terug=");
			wb_form_encode(&loc, req->path, strlen(req->path));
			(void)wb_redirect(req, resp, wb_buf_cstr(&loc), NULL);
			wb_buf_free(&loc);
		}
		goto headers;
	}
	/* A client's way in is their portal: the policy lets them read
	 * their own record, but the team's pages, forms and working notes
	 * and the professionals' directory are not theirs. */
	if (req->actor.role == WB_ROLE_CLIENT && !client_route(req)) {
		wb_error_page(app, req, resp, 404);
		goto headers;
	}
	rc = req->route->handler(app, req, resp);
	if (rc != 0)
		goto fail;
	goto headers;
fail:
	if (status_for(rc) >= 429)
		wb_error("request %s: %s %s: %s: %s", req->request_id,
		    req->method == WB_POST ? "POST" : "GET",
		    req->route ? req->route->pattern : "?", wb_err_name(rc),
		    req->err.msg[0] != '\0' ? req->err.msg : err.msg);
	if (db != NULL)
		wb_db_rollback(db);
	wb_error_page(app, req, resp, status_for(rc));
headers:
	if (req->set_pre_cookie)
		wb_cookie(req, resp, "wb_pre", req->csrf, -1);
	for (i = 0; i < WB_NELEM(security_headers); i++)
		wb_resp_header(resp, security_headers[i].name,
		    security_headers[i].value);
	if (req->route == NULL || !(req->route->flags & WB_R_STATIC))
		wb_resp_header(resp, "Cache-Control", "no-store");
}
