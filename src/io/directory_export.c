/* directory_export.c - CSV export of organisations and contact points, in
 * the columns the import reads (io/directory_format.h), so an export
 * imports again unchanged. */
#include "io/directory_csv.h"
#include "io/csv.h"
#include "io/directory_format.h"
#include "domain/access.h"
#include "domain/contact_point.h"
#include "domain/organisation.h"
#include "domain/region.h"
#include "base/time.h"

#define EXPORT_PAGE	500	/* organisations read per query */

/* The organisations serving `region` (all when NULL), active only. */
static int
export_orgs(struct wb_db *db, const char *region, struct wb_arena *a,
    struct wb_buf *out, struct wb_err *err)
{
	struct wb_org	*os;
	struct wb_buf	 regions;
	const char	*cells[OC__N];
	int64_t		 offset = 0, total = 0;
	size_t		 n, i, k;
	int		 rc;

	wb_csv_write_row(out, ';', wb_dir_org_cols, OC__N);
	wb_buf_init(&regions, 512);
	rc = wb_db_begin_read(db, err);
	while (rc == 0) {
		rc = wb_org_list(db, NULL, EXPORT_PAGE, offset, a, &os, &n,
		    &total, err);
		if (rc != 0 || n == 0)
			break;
		for (i = 0; i < n; i++) {
			const struct wb_org *o = &os[i];

			if (!o->active || (region != NULL &&
			    !wb_org_serves(o, region)))
				continue;
			wb_buf_reset(&regions);
			for (k = 0; k < o->nregions; k++) {
				if (k > 0)
					wb_buf_putc(&regions, ' ');
				wb_buf_puts(&regions, o->regions[k]);
			}
			cells[OC_CODE] = o->code;
			cells[OC_NAME] = o->name;
			cells[OC_TYPE] = o->type;
			cells[OC_REGIONS] = wb_buf_cstr(&regions);
			cells[OC_MUNICIPALITY] = o->municipality_code;
			cells[OC_AGB] = o->agb;
			cells[OC_KVK] = o->kvk;
			cells[OC_PHONE] = o->phone;
			cells[OC_EMAIL] = o->email;
			cells[OC_WEBSITE] = o->website;
			wb_csv_write_row(out, ';', cells, OC__N);
		}
		offset += (int64_t)n;
		if (offset >= total)
			break;
	}
	if (rc == 0)
		rc = wb_db_commit(db, err);
	else
		wb_db_rollback(db);
	wb_buf_free(&regions);
	return rc;
}

/* The current contact points of `region` (all when NULL); audited by
 * wb_cp_all_current. */
static int
export_cps(struct wb_db *db, const struct wb_actor *actor, const char *region,
    struct wb_arena *a, struct wb_buf *out, struct wb_err *err)
{
	struct wb_cp	*cps;
	const char	*cells[CC__N];
	char		 day[16];
	size_t		 n, i;
	int		 rc;

	rc = wb_cp_all_current(db, actor, region, a, &cps, &n, err);
	if (rc != 0)
		return rc;
	wb_csv_write_row(out, ';', wb_dir_cp_cols, CC__N);
	for (i = 0; i < n; i++) {
		const struct wb_cp *cp = &cps[i];

		wb_date_nl(cp->valid_from, day, sizeof(day));
		cells[CC_ORG] = cp->org_code;
		cells[CC_REGION] = cp->region_code;
		cells[CC_DOMAIN] = cp->domain;
		cells[CC_NAME] = cp->person.name;
		cells[CC_FUNCTION] = cp->person.function;
		cells[CC_PHONE] = cp->person.phone;
		cells[CC_EMAIL] = cp->person.email;
		cells[CC_AVAIL] = cp->person.availability;
		cells[CC_DNAME] = cp->deputy.name;
		cells[CC_DFUNCTION] = cp->deputy.function;
		cells[CC_DPHONE] = cp->deputy.phone;
		cells[CC_DEMAIL] = cp->deputy.email;
		cells[CC_VALID_FROM] = day;
		wb_csv_write_row(out, ';', cells, CC__N);
	}
	return 0;
}

int
wb_dir_export(struct wb_db *db, const struct wb_actor *actor,
    enum wb_dir_kind kind, const char *region, struct wb_arena *a,
    struct wb_buf *out, const char **region_used, struct wb_err *err)
{
	struct wb_region	r;
	int			rc;

	*region_used = NULL;
	rc = wb_dir_authorize(db, actor, "directory.export", err);
	if (rc != 0)
		return rc;
	if (region == NULL && wb_access_check(actor, WB_ACT_ORG_MANAGE,
	    NULL) != 0)
		region = actor->region_code;
	if (region != NULL) {
		rc = wb_region_get(db, region, a, &r, err);
		if (rc != 0)
			return rc;
		region = r.code;
	}
	wb_csv_write_bom(out);
	if (kind == WB_DIR_ORGS)
		rc = export_orgs(db, region, a, out, err);
	else
		rc = export_cps(db, actor, region, a, out, err);
	if (rc != 0)
		return rc;
	if (wb_buf_error(out) != 0)
		return wb_err_set(err, WB_ETOOBIG, "de export is groter dan "
		    "%zu bytes", out->max);
	*region_used = region;
	return 0;
}
