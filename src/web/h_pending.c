/* h_pending.c - TEMPORARY: handlers not written yet answer 404.  Each is
 * removed from here when its real file lands; this file must be empty
 * (deleted) before the issue is done. */
#include "web/handlers.h"

WB_HANDLER(wb_h_org_new_form) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_org_new) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_org_edit_form) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_org_edit) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_card_new_form) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_card_new) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_card_edit_form) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_card_edit) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_my_card_form) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_my_card) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_cp_new_form) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_cp_new) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_cp_end) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_users) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_user_new_form) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_user_new) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_user_edit_form) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_user_edit) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_import_form) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_import) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_export_orgs) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_export_cps) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_audit) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_audit_csv) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_api_regions) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_api_region) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_api_orgs) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_api_cps) { return WB_ENOTFOUND; }
WB_HANDLER(wb_h_api_openapi) { return WB_ENOTFOUND; }
