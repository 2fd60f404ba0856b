/* h_referral.c - referrals (warme overdracht): the client's Verwijzingen
 * tab with the form to refer to a fixed contact point, and the page
 * "Verwijzingen" with the inbox of the contact points the user staffs
 * (open ones first, overdue marked) and the referrals the user sent.
 *
 * The domain (referral.c) checks the consent before sending and says
 * what is missing; these pages only show and forward.
 */
#include "web/handlers.h"
#include "web/client_frame.h"
#include "web/view.h"
#include "domain/card.h"
#include "domain/contact_point.h"
#include "domain/referral.h"
#include "base/str.h"
#include "base/time.h"

static json_t *
referral_json(struct wb_req *req, const struct wb_referral *r)
{
	char	 t[32];
	json_t	*v;

	wb_time_nl(r->created_at, t, sizeof(t));
	v = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:b, s:b, s:b}", "id", (json_int_t)r->id, "client_id",
	    (json_int_t)r->client_id, "from_org", r->from_org_name,
	    "from_user", r->from_user_name, "to_org", r->to_org_name,
	    "domain", wb_t(req, wb_cp_domain_label(r->domain)), "purpose",
	    wb_t(req, wb_purpose_label(r->purpose)), "status", wb_t(req,
	    wb_referral_status_label(r->status)), "sent", t, "open",
	    strcmp(r->status, "verzonden") == 0, "overdue", r->overdue,
	    "for_me", r->for_me);
	/* NULL where the viewer may not read the text (referral.c). */
	wb_put(v, "question", r->question);
	wb_put(v, "answer", r->answer);
	wb_put(v, "assigned", r->assigned_name);
	wb_put(v, "client_name", r->client_name);
	json_object_set_new(v, "good", json_boolean(strcmp(r->status,
	    "geaccepteerd") == 0));
	json_object_set_new(v, "bad", json_boolean(strcmp(r->status,
	    "afgewezen") == 0));
	return v;
}

/* The referrals `r` for a page; `message`, when not NULL, is the refusal
 * of an answer to referral `failed`. */
static json_t *
referral_list(struct wb_req *req, const struct wb_referral *r, size_t n,
    int64_t failed, const char *message)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < n; i++) {
		json_t *v = referral_json(req, &r[i]);

		if (r[i].id == failed && message != NULL)
			json_object_set_new(v, "error", json_string(message));
		json_array_append_new(arr, v);
	}
	return arr;
}

/* ---------- The client's tab ----------------------------------------- */

static int
client_referrals(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, int64_t id)
{
	struct wb_client	 c;
	struct wb_referral	*r;
	struct wb_cp		*cps;
	unsigned		 cats;
	size_t			 n, ncp, i;
	json_t			*ctx, *arr, *form;
	int			 rc;

	rc = wb_client_frame(db, req, id, "verwijzingen", "Verwijzingen", &c,
	    &cats, &ctx);
	if (rc != 0)
		return rc;
	rc = wb_referral_list_client(db, &req->actor, id, &req->arena, &r, &n,
	    &req->err);
	if (rc == 0)
		rc = wb_cp_by_region(db, &req->actor, c.region_code,
		    &req->arena, &cps, &ncp, &req->err);
	if (rc != 0) {
		json_decref(ctx);
		return wb_client_hide(rc);
	}
	wb_page_errors(req, ctx);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, referral_json(req, &r[i]));
	json_object_set_new(ctx, "referrals", arr);
	json_object_set_new(ctx, "has_referrals", json_boolean(n > 0));
	arr = json_array();
	for (i = 0; i < ncp; i++) {
		if (cps[i].org_id == req->actor.org_id)
			continue;
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, "
		    "s:b}", "value", (json_int_t)cps[i].id, "org",
		    cps[i].org_name, "domain", wb_t(req,
		    wb_cp_domain_label(cps[i].domain)), "person",
		    cps[i].person.name != NULL ? cps[i].person.name : "",
		    "selected", wb_req_int(req, "contact_point", 0) ==
		    cps[i].id));
	}
	json_object_set_new(ctx, "contact_points", arr);
	json_object_set_new(ctx, "purposes", wb_purpose_choices(req,
	    WB_PURPOSE_CASE));
	form = json_object();
	wb_put(form, "question", wb_req_raw(req, "question"));
	json_object_set_new(ctx, "form", form);
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "client_referrals.html", ctx);
}

WB_HANDLER(wb_h_client_referrals)
{
	struct wb_db	*db = wb_app_db(app, &req->err);

	if (db == NULL)
		return WB_EDB;
	return client_referrals(app, req, resp, db, wb_req_int(req, "id", 0));
}

WB_HANDLER(wb_h_referral_send)
{
	struct wb_db			*db = wb_app_db(app, &req->err);
	struct wb_referral_input	 in;
	int64_t				 id = wb_req_int(req, "id", 0), rid;
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return client_referrals(app, req, resp, db, id);
	memset(&in, 0, sizeof(in));
	in.client_id = id;
	in.contact_point_id = wb_req_int(req, "contact_point", 0);
	in.purpose = wb_req_str(req, "purpose");
	in.question = wb_req_str(req, "question");
	rc = wb_referral_send(db, &req->actor, &in, &rid, &req->err);
	if (rc == WB_EINVAL) {
		wb_req_domain_error(req, &req->err);
		return client_referrals(app, req, resp, db, id);
	}
	if (rc != 0)
		return wb_client_hide(rc);
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/clienten/%lld/verwijzingen", (long long)id), "referral_sent");
}

/* ---------- Verwijzingen: inbox and sent ----------------------------- */

static int
inbox_page(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, int64_t failed, const char *message)
{
	struct wb_referral	*in, *sent;
	struct wb_card		*cards;
	size_t			 nin, nsent, ncards, i;
	json_t			*ctx, *people, *functions;
	int			 rc;

	rc = wb_referral_inbox(db, &req->actor, &req->arena, &in, &nin,
	    &sent, &nsent, &req->err);
	if (rc == 0)
		rc = wb_card_list_org(db, req->actor.org_id, &req->arena,
		    &cards, &ncards, &req->err);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, "Verwijzingen");
	wb_page_errors(req, ctx);
	people = json_array();
	for (i = 0; i < ncards; i++)
		if (cards[i].user_id != 0)
			json_array_append_new(people, json_pack("{s:I, s:s}",
			    "value", (json_int_t)cards[i].user_id, "name",
			    cards[i].name));
	functions = wb_choices(req, wb_card_functions, wb_card_function_label,
	    NULL);
	json_object_set_new(ctx, "inbox", referral_list(req, in, nin, failed,
	    message));
	json_object_set_new(ctx, "has_inbox", json_boolean(nin > 0));
	json_object_set_new(ctx, "sent", referral_list(req, sent, nsent,
	    failed, message));
	json_object_set_new(ctx, "has_sent", json_boolean(nsent > 0));
	json_object_set_new(ctx, "people", people);
	json_object_set_new(ctx, "functions", functions);
	if (message != NULL)
		resp->status = 400;
	return wb_render(app, req, resp, "referrals.html", ctx);
}

WB_HANDLER(wb_h_referrals)
{
	struct wb_db	*db = wb_app_db(app, &req->err);

	if (db == NULL)
		return WB_EDB;
	return inbox_page(app, req, resp, db, 0, NULL);
}

/* After an answer: back to the inbox, or the inbox with the refusal at
 * the referral it concerns. */
static int
answered(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, int rc, const char *flash)
{
	int64_t	rid = wb_req_int(req, "rid", 0);

	if (rc == WB_EINVAL)
		return inbox_page(app, req, resp, db, rid, wb_t(req,
		    req->err.msg));
	if (rc != 0)
		return rc == WB_EDENIED ? WB_ENOTFOUND : rc;
	return wb_redirect(req, resp, "/verwijzingen", flash);
}

static int
router_refused(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db)
{
	json_t		*e = json_array_get(req->errors, 0);
	const char	*msg = e != NULL ? json_string_value(json_object_get(e,
	    "message")) : NULL;

	msg = msg != NULL ? wb_arena_strdup(&req->arena, msg) :
	    wb_t(req, "Controleer de invoer.");
	json_decref(req->errors);
	req->errors = NULL;
	return inbox_page(app, req, resp, db, wb_req_int(req, "rid", 0), msg);
}

WB_HANDLER(wb_h_referral_accept)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return router_refused(app, req, resp, db);
	rc = wb_referral_accept(db, &req->actor, wb_req_int(req, "rid", 0),
	    wb_req_int(req, "assigned", 0), wb_req_str(req, "function"),
	    &req->err);
	return answered(app, req, resp, db, rc, "referral_accepted");
}

WB_HANDLER(wb_h_referral_decline)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return router_refused(app, req, resp, db);
	rc = wb_referral_decline(db, &req->actor, wb_req_int(req, "rid", 0),
	    wb_req_str(req, "reason"), &req->err);
	return answered(app, req, resp, db, rc, "referral_declined");
}

WB_HANDLER(wb_h_referral_withdraw)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_referral_withdraw(db, &req->actor, wb_req_int(req, "rid", 0),
	    &req->err);
	return answered(app, req, resp, db, rc, "referral_withdrawn");
}
