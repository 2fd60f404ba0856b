/* view.c - JSON views of directory records. */
#include "web/view.h"
#include "web/app.h"
#include "base/time.h"

static json_t *
str_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

void
wb_view_date(json_t *obj, const char *key, int64_t days)
{
	char	iso[16], nl[16], k[64];

	snprintf(k, sizeof(k), "%s_nl", key);
	if (days == INT64_MIN) {
		json_object_set_new(obj, key, json_null());
		json_object_set_new(obj, k, json_null());
		return;
	}
	wb_date_iso(days, iso, sizeof(iso));
	wb_date_nl(days, nl, sizeof(nl));
	json_object_set_new(obj, key, json_string(iso));
	json_object_set_new(obj, k, json_string(nl));
}

json_t *
wb_view_region(const struct wb_region *r)
{
	return json_pack("{s:s, s:s, s:I, s:I}", "code", r->code, "name",
	    r->name, "year", (json_int_t)r->year, "municipality_count",
	    (json_int_t)r->municipalities);
}

json_t *
wb_view_municipality(const struct wb_municipality *m)
{
	json_t	*o = json_pack("{s:s, s:s}", "code", m->code, "name", m->name);

	if (m->region_code != NULL)
		json_object_set_new(o, "region", json_pack("{s:s, s:s}",
		    "code", m->region_code, "name", m->region_name));
	return o;
}

json_t *
wb_view_org(const struct wb_req *req, const struct wb_org *o)
{
	json_t	*regions = json_array();
	size_t	 i;
	json_t	*v;

	for (i = 0; i < o->nregions; i++)
		json_array_append_new(regions, json_string(o->regions[i]));
	v = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, "
	    "s:o, s:b, s:o}",
	    "id", (json_int_t)o->id, "code", o->code, "name", o->name,
	    "type", o->type, "type_label",
	    wb_t(req, wb_org_type_label(o->type)),
	    "municipality", str_or_null(o->municipality_code),
	    "agb", str_or_null(o->agb), "kvk", str_or_null(o->kvk),
	    "phone", str_or_null(o->phone), "email", str_or_null(o->email),
	    "website", str_or_null(o->website), "active", o->active,
	    "regions", regions);
	return v;
}

json_t *
wb_view_card(const struct wb_req *req, const struct wb_card *c)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:b, s:{s:s, "
	    "s:s, s:s}}",
	    "id", (json_int_t)c->id, "name", c->name, "function", c->function,
	    "function_label", wb_t(req, wb_card_function_label(c->function)),
	    "phone", str_or_null(c->phone), "email", str_or_null(c->email),
	    "availability", str_or_null(c->availability),
	    "active", c->active,
	    "organisation", "code", c->org_code, "name", c->org_name,
	    "type", c->org_type);
}

static json_t *
person(const struct wb_req *req, const struct wb_cp_person *p)
{
	if (p->card_id == 0)
		return json_null();
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o}",
	    "card_id", (json_int_t)p->card_id, "name", p->name,
	    "function", p->function, "function_label",
	    wb_t(req, wb_card_function_label(p->function)),
	    "phone", str_or_null(p->phone), "email", str_or_null(p->email),
	    "availability", str_or_null(p->availability));
}

json_t *
wb_view_cp(const struct wb_req *req, const struct wb_cp *c)
{
	json_t	*v;

	v = json_pack("{s:I, s:{s:s, s:s, s:s, s:s}, s:{s:s, s:s}, s:s, s:s, "
	    "s:o, s:o, s:o}",
	    "id", (json_int_t)c->id,
	    "organisation", "code", c->org_code, "name", c->org_name,
	    "type", c->org_type, "type_label",
	    wb_t(req, wb_org_type_label(c->org_type)),
	    "region", "code", c->region_code, "name", c->region_name,
	    "domain", c->domain, "domain_label",
	    wb_t(req, wb_cp_domain_label(c->domain)),
	    "note", str_or_null(c->note),
	    "contact", person(req, &c->person),
	    "deputy", person(req, &c->deputy));
	wb_view_date(v, "valid_from", c->valid_from);
	wb_view_date(v, "valid_until", c->valid_until);
	return v;
}
