/* directory_format.h - the columns of the directory CSV files, shared by
 * the import (directory_csv.c) and the export (directory_export.c).
 * Internal to io/.  docs/import.md describes the same columns for users.
 */
#ifndef WB_DIRECTORY_FORMAT_H
#define WB_DIRECTORY_FORMAT_H

/* Column names in file order; each list ends with NULL. */
extern const char *const wb_dir_org_cols[];
extern const char *const wb_dir_cp_cols[];

enum { OC_CODE, OC_NAME, OC_TYPE, OC_REGIONS, OC_MUNICIPALITY, OC_AGB,
    OC_KVK, OC_PHONE, OC_EMAIL, OC_WEBSITE, OC__N };
enum { CC_ORG, CC_REGION, CC_DOMAIN, CC_NAME, CC_FUNCTION, CC_PHONE,
    CC_EMAIL, CC_AVAIL, CC_DNAME, CC_DFUNCTION, CC_DPHONE, CC_DEMAIL,
    CC_VALID_FROM, CC__N };

#endif /* WB_DIRECTORY_FORMAT_H */
