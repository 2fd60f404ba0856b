/* h_measurement.c - measurements: the "Metingen" tab of the client record
 * (the participatieladder over time, the complaint measures with their
 * bands, and the forms to record them) and the client's questionnaires
 * in the portal (/mijn/vragenlijsten).
 *
 * The domain (measurement.c) decides and audits every read and change,
 * and instrument.c holds the items, answers, ranges and bands; these
 * pages only lay them out.  A page offers the forms of the categories
 * the viewer may see (the ladder: work & income; the rest: health).  A
 * questionnaire's missing answers are told per item and nothing is
 * stored; the form keeps what was chosen.
 */
#include "web/handlers.h"
#include "web/client_frame.h"
#include "web/view.h"
#include "domain/access.h"
#include "domain/client.h"
#include "domain/consent.h"
#include "domain/instrument.h"
#include "domain/measurement.h"
#include "domain/organisation.h"
#include "base/str.h"
#include "base/time.h"

/* A form whose input was refused: which one ("ladder", "totaal" or a
 * questionnaire's code) and its messages by field. */
struct failed {
	const char	*form;
	json_t		*errors;	/* field -> message */
};

/* The answers of a questionnaire as posted, and what is missing. */
struct answers {
	int		 items[WB_INSTRUMENT_MAXITEMS];
	size_t		 n;
	bool		 missing;
};

static bool
english(const struct wb_req *req)
{
	return strcmp(req->lang, "en") == 0;
}

/* -- forms and their errors -- */

/* The field of form `form` a message belongs next to: the form's own
 * fields, a questionnaire's items, else the form as a whole. */
static const char *
field_of(const char *form, const char *field)
{
	static const char *const ladder[] = { "date", "value", NULL };
	static const char *const total[] = { "instrument", "date", "value",
	    NULL };
	static const char *const questionnaire[] = { "date", "items", NULL };
	const char *const	*known;
	size_t			 i;

	if (field == NULL)
		return "form";
	if (strcmp(form, "ladder") == 0)
		known = ladder;
	else if (strcmp(form, "totaal") == 0)
		known = total;
	else {
		if (wb_str_prefix(field, "item") && field[4] >= '1' &&
		    field[4] <= '9')
			return field;
		known = questionnaire;
	}
	for (i = 0; known[i] != NULL; i++)
		if (strcmp(known[i], field) == 0)
			return field;
	return "form";
}

/* A message for `field` of the failed form: in the page's summary,
 * linked to the field (whose id is form-field), and next to it. */
static void
form_error(struct wb_req *req, struct failed *f, const char *field,
    const char *msg)
{
	field = field_of(f->form, field);
	wb_req_field_error(req, wb_arena_printf(&req->arena, "%s-%s", f->form,
	    field), msg);
	if (json_object_get(f->errors, field) == NULL)
		json_object_set_new(f->errors, field, json_string(msg));
}

/* The router's messages about the fields of form f, moved to it. */
static void
adopt_router_errors(struct wb_req *req, struct failed *f)
{
	json_t	*old = req->errors, *e;
	size_t	 i;

	req->errors = NULL;
	json_array_foreach(old, i, e)
		form_error(req, f, json_string_value(json_object_get(e,
		    "field")), json_string_value(json_object_get(e,
		    "message")));
	json_decref(old);
}

/* The posted answers item1..itemN of `ins`; a message per item not
 * answered.  A value the router refused is already a message. */
static void
posted_answers(struct wb_req *req, const struct wb_instrument *ins,
    struct failed *f, struct answers *ans)
{
	char	name[16];
	int	i;

	memset(ans, 0, sizeof(*ans));
	ans->n = (size_t)ins->nitems;
	for (i = 0; i < ins->nitems; i++) {
		snprintf(name, sizeof(name), "item%d", i + 1);
		ans->items[i] = (int)wb_req_int(req, name, -1);
		if (wb_req_raw(req, name) == NULL) {
			ans->missing = true;
			form_error(req, f, name, wb_arena_printf(&req->arena,
			    "%s %d: %s", wb_t(req, "Vraag"), i + 1, wb_t(req,
			    "kies een antwoord.")));
		}
	}
}

/* The items of questionnaire `ins` as fieldsets of radio buttons, for
 * form `form`; `keep` shows the posted answers, `errs` the messages. */
static json_t *
items_json(struct wb_req *req, const struct wb_instrument *ins,
    const char *form, bool keep, json_t *errs)
{
	const char *const	*texts = english(req) ? ins->items_en :
	    ins->items_nl;
	const char *const	*opts = english(req) ? ins->options_en :
	    ins->options_nl;
	json_t			*arr = json_array(), *v, *o, *e;
	const char		*chosen;
	char			 name[16], val[16];
	int			 i, s;

	for (i = 0; i < ins->nitems; i++) {
		snprintf(name, sizeof(name), "item%d", i + 1);
		chosen = keep ? wb_req_raw(req, name) : NULL;
		v = json_pack("{s:i, s:s, s:s}", "n", i + 1, "text", texts[i],
		    "id", wb_arena_printf(&req->arena, "%s-%s", form, name));
		e = errs != NULL ? json_object_get(errs, name) : NULL;
		if (e != NULL)
			json_object_set(v, "item_error", e);
		o = json_array();
		for (s = ins->item_min; s <= ins->item_max; s++) {
			snprintf(val, sizeof(val), "%d", s);
			json_array_append_new(o, json_pack("{s:s, s:s, s:s, "
			    "s:s, s:b}", "id", wb_arena_printf(&req->arena,
			    "%s-%s-%d", form, name, s), "name", name, "value",
			    val, "label", opts[s - ins->item_min], "checked",
			    chosen != NULL && strcmp(chosen, val) == 0));
		}
		json_object_set_new(v, "options", o);
		json_array_append_new(arr, v);
	}
	return arr;
}

/* The messages of form `form` when it is the one that failed, else an
 * empty object (so no other form's message shows here). */
static json_t *
errors_of(const struct failed *f, const char *form)
{
	if (f != NULL && strcmp(f->form, form) == 0)
		return json_incref(f->errors);
	return json_object();
}

/* The date field: as posted when this form failed, else today. */
static const char *
date_of(struct wb_req *req, const struct failed *f, const char *form)
{
	char	today[16];

	if (f != NULL && strcmp(f->form, form) == 0)
		return wb_req_raw(req, "date") != NULL ?
		    wb_req_raw(req, "date") : "";
	wb_date_nl(wb_today(), today, sizeof(today));
	return wb_arena_strdup(&req->arena, today);
}

/* -- the professional's tab -- */

/* Who recorded a measurement, for the table. */
static const char *
recorded_by(struct wb_req *req, const struct wb_measurement *m)
{
	if (strcmp(m->source, "client") == 0)
		return wb_t(req, "De cliënt zelf");
	return m->org_name != NULL ? m->org_name : "";
}

/* One row of a table of measurements. */
static json_t *
row_json(struct wb_req *req, const struct wb_measurement *m)
{
	json_t	*v = json_pack("{s:I, s:i, s:s, s:b}", "id", (json_int_t)m->id,
	    "value", m->value, "by", recorded_by(req, m), "followup",
	    m->followup);

	wb_view_date(v, "date", m->on_date);
	if (m->band != NULL)
		wb_put(v, "band", wb_t(req, wb_instrument_band_label(m->band)));
	if (strcmp(m->instrument, "ladder") == 0 &&
	    wb_ladder_label(m->value) != NULL)
		wb_put(v, "label", wb_t(req, wb_ladder_label(m->value)));
	return v;
}

/* The forms the viewer may use: the ladder (work & income), the
 * questionnaires and a licensed total (health). */
static void
forms_json(struct wb_req *req, json_t *ctx, unsigned allowed,
    const struct failed *f)
{
	const struct wb_instrument	*ins;
	const char			*chosen;
	json_t				*arr, *v, *choices;
	size_t				 i;
	int				 r;

	if (req->actor.role != WB_ROLE_PROFESSIONAL)
		return;
	if ((allowed & WB_CAT_WORK) != 0) {
		chosen = f != NULL && strcmp(f->form, "ladder") == 0 ?
		    wb_req_raw(req, "value") : NULL;
		choices = json_array();
		for (r = 1; wb_ladder_label(r) != NULL; r++) {
			char val[16];

			snprintf(val, sizeof(val), "%d", r);
			json_array_append_new(choices, json_pack("{s:i, s:s, "
			    "s:s, s:b}", "value", r, "label", wb_t(req,
			    wb_ladder_label(r)), "explanation", wb_t(req,
			    wb_ladder_explanation(r)), "selected", chosen !=
			    NULL && strcmp(chosen, val) == 0));
		}
		json_object_set_new(ctx, "ladder_form", json_pack("{s:s, s:o, "
		    "s:o}", "date", date_of(req, f, "ladder"), "rungs",
		    choices, "error", errors_of(f, "ladder")));
	}
	if ((allowed & WB_CAT_HEALTH) == 0)
		return;
	arr = json_array();
	choices = json_array();
	chosen = f != NULL && strcmp(f->form, "totaal") == 0 ?
	    wb_req_raw(req, "instrument") : NULL;
	for (i = 0; wb_instruments[i] != NULL; i++) {
		bool mine;

		ins = wb_instruments[i];
		if (ins->kind == WB_INSTRUMENT_TOTAL)
			json_array_append_new(choices, json_pack("{s:s, s:s, "
			    "s:i, s:i, s:b}", "value", ins->code, "label",
			    wb_t(req, ins->name), "min", ins->min, "max",
			    ins->max, "selected", chosen != NULL &&
			    strcmp(chosen, ins->code) == 0));
		if (ins->kind != WB_INSTRUMENT_QUESTIONNAIRE)
			continue;
		mine = f != NULL && strcmp(f->form, ins->code) == 0;
		v = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:o, s:o}",
		    "code", ins->code, "name", wb_t(req, ins->name), "intro",
		    english(req) ? ins->intro_en : ins->intro_nl, "source",
		    ins->source, "date", date_of(req, f, ins->code), "open",
		    mine, "error", errors_of(f, ins->code), "items",
		    items_json(req, ins, ins->code, mine, mine ? f->errors :
		    NULL));
		json_array_append_new(arr, v);
	}
	json_object_set_new(ctx, "questionnaire_forms", arr);
	v = json_pack("{s:s, s:o, s:o, s:b}", "date", date_of(req, f,
	    "totaal"), "choices", choices, "error", errors_of(f, "totaal"),
	    "open", f != NULL && strcmp(f->form, "totaal") == 0);
	if (f != NULL && strcmp(f->form, "totaal") == 0)
		wb_put(v, "value", wb_req_raw(req, "value"));
	json_object_set_new(ctx, "total_form", v);
}

/* The Metingen tab; `f` names a form whose input was refused. */
static int
measurements_page(struct wb_app *app, struct wb_req *req,
    struct wb_resp *resp, struct wb_db *db, int64_t id,
    const struct failed *f)
{
	struct wb_client	 c;
	struct wb_measurement	*m;
	const struct wb_instrument *ins;
	size_t			 n, i, k;
	unsigned		 cats, allowed;
	json_t			*ctx, *ladder, *sections, *rows;
	int			 rc;

	rc = wb_client_frame(db, req, id, "metingen", "Metingen", &c, &cats,
	    &ctx);
	if (rc != 0)
		return rc;
	rc = wb_measurement_list(db, &req->actor, id, &req->arena, &m, &n,
	    &allowed, &req->err);
	if (rc != 0) {
		json_decref(ctx);
		return wb_client_hide(rc);
	}
	ladder = json_array();
	sections = json_array();
	for (i = 0; wb_instruments[i] != NULL; i++) {
		ins = wb_instruments[i];
		rows = json_array();
		for (k = 0; k < n; k++)
			if (strcmp(m[k].instrument, ins->code) == 0)
				json_array_append_new(rows, row_json(req,
				    &m[k]));
		if (ins->kind == WB_INSTRUMENT_LADDER) {
			json_array_extend(ladder, rows);
			json_decref(rows);
		} else if (json_array_size(rows) > 0)
			json_array_append_new(sections, json_pack("{s:s, s:s, "
			    "s:b, s:o}", "code", ins->code, "name", wb_t(req,
			    ins->name), "has_bands", ins->nbands > 0, "rows",
			    rows));
		else
			json_decref(rows);
	}
	json_object_set_new(ctx, "show_ladder", json_boolean(
	    (allowed & WB_CAT_WORK) != 0));
	json_object_set_new(ctx, "has_ladder", json_boolean(
	    json_array_size(ladder) > 0));
	json_object_set_new(ctx, "ladder", ladder);
	json_object_set_new(ctx, "show_health", json_boolean(
	    (allowed & WB_CAT_HEALTH) != 0));
	json_object_set_new(ctx, "has_measures", json_boolean(
	    json_array_size(sections) > 0));
	json_object_set_new(ctx, "measures", sections);
	forms_json(req, ctx, allowed, f);
	if (f != NULL || wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "client_measurements.html", ctx);
}

WB_HANDLER(wb_h_measurements)
{
	struct wb_db	*db = wb_app_db(app, &req->err);

	if (db == NULL)
		return WB_EDB;
	return measurements_page(app, req, resp, db, wb_req_int(req, "id", 0),
	    NULL);
}

/* The end of a recording: back to the tab, or the tab with the form
 * and its messages. */
static int
recorded(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, int64_t id, int rc, struct failed *f)
{
	if (rc == WB_EINVAL) {
		form_error(req, f, req->err.field, wb_t(req, req->err.msg));
		rc = measurements_page(app, req, resp, db, id, f);
	} else if (rc == 0)
		rc = wb_redirect(req, resp, wb_arena_printf(&req->arena,
		    "/clienten/%lld/metingen", (long long)id),
		    "measurement_added");
	else
		rc = wb_client_hide(rc);
	json_decref(f->errors);
	return rc;
}

/* A measurement of `instrument` from the posted date and value. */
static int
record_value(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    const char *form, const char *instrument)
{
	struct wb_db			*db = wb_app_db(app, &req->err);
	struct failed			 f = { .form = form };
	struct wb_measurement_input	 in;
	const char			*band;
	int64_t				 id = wb_req_int(req, "id", 0), mid;
	int				 total, rc;

	if (db == NULL)
		return WB_EDB;
	f.errors = json_object();
	if (wb_req_has_errors(req)) {
		adopt_router_errors(req, &f);
		rc = measurements_page(app, req, resp, db, id, &f);
		json_decref(f.errors);
		return rc;
	}
	memset(&in, 0, sizeof(in));
	in.client_id = id;
	in.instrument = instrument;
	in.date = wb_req_raw(req, "date");
	in.has_value = wb_req_raw(req, "value") != NULL;
	in.value = (int)wb_req_int(req, "value", 0);
	rc = wb_measurement_add(db, &req->actor, &in, &mid, &total, &band,
	    &req->err);
	return recorded(app, req, resp, db, id, rc, &f);
}

WB_HANDLER(wb_h_measurement_ladder)
{
	return record_value(app, req, resp, "ladder", "ladder");
}

WB_HANDLER(wb_h_measurement_total)
{
	const char	*code = wb_req_str(req, "instrument");

	return record_value(app, req, resp, "totaal", code);
}

WB_HANDLER(wb_h_measurement_questionnaire)
{
	struct wb_db			*db = wb_app_db(app, &req->err);
	const struct wb_instrument	*ins;
	struct wb_measurement_input	 in;
	struct answers			 ans;
	struct failed			 f = { 0 };
	const char			*band;
	int64_t				 id = wb_req_int(req, "id", 0), mid;
	int				 total, rc;

	if (db == NULL)
		return WB_EDB;
	ins = wb_instrument_get(wb_req_str(req, "instrument"));
	if (ins == NULL || ins->kind != WB_INSTRUMENT_QUESTIONNAIRE) {
		/* Not a form of the page: its messages stay at the top. */
		if (!wb_req_has_errors(req))
			wb_req_field_error(req, "instrument", wb_t(req,
			    "Kies een vragenlijst."));
		return measurements_page(app, req, resp, db, id, NULL);
	}
	f.form = ins->code;
	f.errors = json_object();
	if (wb_req_has_errors(req))
		adopt_router_errors(req, &f);
	posted_answers(req, ins, &f, &ans);
	if (wb_req_has_errors(req)) {
		rc = measurements_page(app, req, resp, db, id, &f);
		json_decref(f.errors);
		return rc;
	}
	memset(&in, 0, sizeof(in));
	in.client_id = id;
	in.instrument = ins->code;
	in.date = wb_req_raw(req, "date");
	in.items = ans.items;
	in.nitems = ans.n;
	rc = wb_measurement_add(db, &req->actor, &in, &mid, &total, &band,
	    &req->err);
	return recorded(app, req, resp, db, id, rc, &f);
}

/* -- the client's portal: Mijn vragenlijsten -- */

/* A band in plain words (B1), for the client. */
static const char *
band_words(const char *band)
{
	static const struct {
		const char	*code, *words;
	} words[] = {
		{ "minimal", "geen of weinig klachten" },
		{ "mild", "lichte klachten" },
		{ "moderate", "matige klachten" },
		{ "moderately-severe", "vrij ernstige klachten" },
		{ "severe", "ernstige klachten" },
		{ "low", "weinig klachten" },
		{ "high", "veel klachten" },
	};
	size_t	i;

	for (i = 0; band != NULL && i < WB_NELEM(words); i++)
		if (strcmp(words[i].code, band) == 0)
			return words[i].words;
	return "";
}

/* What a questionnaire asks about, in plain words. */
static const char *
about(const char *code)
{
	if (strcmp(code, "phq9") == 0)
		return "Negen vragen over uw stemming: hoe somber of moe "
		    "u zich voelde.";
	if (strcmp(code, "gad7") == 0)
		return "Zeven vragen over angst, spanning en piekeren.";
	return "Tien vragen over hoe u zich voelde: zenuwachtig, somber of "
	    "moe.";
}

static json_t *
portal_page(struct wb_req *req, const char *title)
{
	json_t	*ctx = wb_page(req, title);

	json_object_set_new(ctx, "client_name", json_string(
	    req->user.name != NULL ? req->user.name : ""));
	return ctx;
}

static int
questionnaires_page(struct wb_app *app, struct wb_req *req,
    struct wb_resp *resp, struct wb_db *db)
{
	const struct wb_instrument *ins;
	struct wb_measurement	*m;
	unsigned		 allowed;
	size_t			 n, i, k;
	json_t			*ctx, *lists, *results;
	int			 rc;

	rc = wb_measurement_list(db, &req->actor, wb_portal_me(req),
	    &req->arena, &m, &n, &allowed, &req->err);
	if (rc != 0)
		return wb_client_hide(rc);
	ctx = portal_page(req, "Mijn vragenlijsten");
	lists = json_array();
	for (i = 0; wb_instruments[i] != NULL; i++) {
		ins = wb_instruments[i];
		if (ins->kind != WB_INSTRUMENT_QUESTIONNAIRE)
			continue;
		results = json_array();
		/* Newest first: the last time is what the client looks
		 * for. */
		for (k = n; k-- > 0;) {
			json_t *v;

			if (strcmp(m[k].instrument, ins->code) != 0)
				continue;
			v = json_pack("{s:i, s:s}", "value", m[k].value,
			    "words", wb_t(req, band_words(m[k].band)));
			wb_view_date(v, "date", m[k].on_date);
			json_array_append_new(results, v);
		}
		json_array_append_new(lists, json_pack("{s:s, s:s, s:s, s:b, "
		    "s:o}", "code", ins->code, "name", wb_t(req, ins->name),
		    "about", wb_t(req, about(ins->code)), "has_results",
		    json_array_size(results) > 0, "results", results));
	}
	json_object_set_new(ctx, "lists", lists);
	return wb_render(app, req, resp, "portal_questionnaires.html", ctx);
}

WB_HANDLER(wb_h_portal_questionnaires)
{
	return wb_portal_show(app, req, resp, questionnaires_page);
}

/* The organisations that can see the client's health data: the GGZ that
 * registered them, and those with an active consent naming health. */
static int
health_viewers(struct wb_db *db, struct wb_req *req, json_t **out)
{
	struct wb_client	 c;
	struct wb_consent	*k;
	struct wb_org		 o;
	json_t			*arr;
	size_t			 n, i, j;
	bool			 dup;
	int			 rc;

	*out = NULL;
	rc = wb_client_get(db, &req->actor, wb_portal_me(req), &req->arena, &c,
	    &req->err);
	if (rc == 0)
		rc = wb_consent_list(db, &req->actor, wb_portal_me(req),
		    &req->arena, &k, &n, &req->err);
	if (rc == 0)
		rc = wb_org_get(db, c.registered_org, &req->arena, &o,
		    &req->err);
	if (rc != 0)
		return wb_client_hide(rc);
	arr = json_array();
	if ((wb_access_own_domain(o.type) & WB_CAT_HEALTH) != 0)
		json_array_append_new(arr, json_string(o.name));
	for (i = 0; i < n; i++) {
		if (!k[i].active || (k[i].categories & WB_CAT_HEALTH) == 0 ||
		    k[i].org_name == NULL)
			continue;
		for (j = 0, dup = false; j < json_array_size(arr); j++)
			dup = dup || strcmp(json_string_value(json_array_get(
			    arr, j)), k[i].org_name) == 0;
		if (!dup)
			json_array_append_new(arr, json_string(
			    k[i].org_name));
	}
	*out = arr;
	return 0;
}

/* The page of one questionnaire; `f` holds the messages of a refused
 * post (NULL: a fresh form). */
static int
questionnaire_page(struct wb_app *app, struct wb_req *req,
    struct wb_resp *resp, struct wb_db *db, const struct wb_instrument *ins,
    const struct failed *f)
{
	json_t	*ctx, *viewers;
	int	 rc;

	rc = health_viewers(db, req, &viewers);
	if (rc != 0)
		return rc;
	ctx = portal_page(req, ins->name);
	json_object_set_new(ctx, "code", json_string(ins->code));
	json_object_set_new(ctx, "name", json_string(wb_t(req, ins->name)));
	json_object_set_new(ctx, "intro", json_string(english(req) ?
	    ins->intro_en : ins->intro_nl));
	json_object_set_new(ctx, "source", json_string(ins->source));
	json_object_set_new(ctx, "is_phq9", json_boolean(strcmp(ins->code,
	    "phq9") == 0));
	json_object_set_new(ctx, "has_viewers", json_boolean(
	    json_array_size(viewers) > 0));
	json_object_set_new(ctx, "viewers", viewers);
	json_object_set_new(ctx, "items", items_json(req, ins, ins->code,
	    f != NULL, f != NULL ? f->errors : NULL));
	json_object_set_new(ctx, "error", errors_of(f, ins->code));
	if (f != NULL)
		resp->status = 400;
	return wb_render(app, req, resp, "portal_questionnaire.html", ctx);
}

/* The questionnaire of the path, or NULL when it is not one. */
static const struct wb_instrument *
path_questionnaire(const struct wb_req *req)
{
	const struct wb_instrument *ins = wb_instrument_get(wb_req_str(req,
	    "instrument"));

	return ins != NULL && ins->kind == WB_INSTRUMENT_QUESTIONNAIRE ? ins :
	    NULL;
}

WB_HANDLER(wb_h_portal_questionnaire)
{
	struct wb_db			*db = wb_app_db(app, &req->err);
	const struct wb_instrument	*ins = path_questionnaire(req);

	if (db == NULL)
		return WB_EDB;
	if (wb_portal_me(req) == 0 || ins == NULL)
		return WB_ENOTFOUND;
	return questionnaire_page(app, req, resp, db, ins, NULL);
}

WB_HANDLER(wb_h_portal_questionnaire_send)
{
	struct wb_db			*db = wb_app_db(app, &req->err);
	const struct wb_instrument	*ins = path_questionnaire(req);
	struct wb_measurement_input	 in;
	struct answers			 ans;
	struct failed			 f = { 0 };
	const char			*band;
	char				 today[16];
	int64_t				 mid;
	int				 total, rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_portal_me(req) == 0 || ins == NULL)
		return WB_ENOTFOUND;
	f.form = ins->code;
	f.errors = json_object();
	if (wb_req_has_errors(req))
		adopt_router_errors(req, &f);
	posted_answers(req, ins, &f, &ans);
	rc = 0;
	if (!wb_req_has_errors(req)) {
		memset(&in, 0, sizeof(in));
		in.client_id = wb_portal_me(req);
		in.instrument = ins->code;
		wb_date_iso(wb_today(), today, sizeof(today));
		in.date = today;
		in.items = ans.items;
		in.nitems = ans.n;
		rc = wb_measurement_add(db, &req->actor, &in, &mid, &total,
		    &band, &req->err);
		if (rc == WB_EINVAL)
			form_error(req, &f, req->err.field, wb_t(req,
			    req->err.msg));
	}
	if (wb_req_has_errors(req))
		rc = questionnaire_page(app, req, resp, db, ins, &f);
	else if (rc == 0)
		rc = wb_redirect(req, resp, "/mijn/vragenlijsten",
		    "questionnaire_sent");
	else
		rc = wb_client_hide(rc);
	json_decref(f.errors);
	return rc;
}
