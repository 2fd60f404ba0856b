/* queries.h - the names of every SQL statement werkbrug runs.
 *
 * The SQL text is in queries.c, in one dialect that SQLite and PostgreSQL
 * both accept ($n placeholders, no vendor functions; see stack.md §9).
 * Add a name to WB_QUERY_LIST here and its text in queries.c, in the
 * section of its module.
 * tests/unit/test_queries.c prepares every one of them.
 */
#ifndef WB_QUERIES_H
#define WB_QUERIES_H

#define WB_QUERY_LIST(X) \
	/* -- migrations -- */ \
	X(Q_MIGRATION_GET) \
	X(Q_MIGRATION_ADD) \
	/* -- settings -- */ \
	X(Q_SETTING_GET) \
	X(Q_SETTING_PUT) \
	/* -- region -- */ \
	X(Q_REGION_LIST) \
	X(Q_REGION_GET) \
	X(Q_REGION_UPSERT) \
	X(Q_REGION_DEACTIVATE_ALL) \
	X(Q_REGION_COUNT) \
	X(Q_MUNICIPALITY_UPSERT) \
	X(Q_MUNICIPALITY_DEACTIVATE_ALL) \
	X(Q_MUNICIPALITY_BY_REGION) \
	X(Q_MUNICIPALITY_GET) \
	X(Q_MUNICIPALITY_SEARCH) \
	X(Q_MUNICIPALITY_COUNT) \
	/* -- organisation -- */ \
	X(Q_ORG_INSERT) \
	X(Q_ORG_UPDATE) \
	X(Q_ORG_GET) \
	X(Q_ORG_GET_BY_CODE) \
	X(Q_ORG_LIST) \
	X(Q_ORG_LIST_BY_REGION) \
	X(Q_ORG_REGIONS) \
	X(Q_ORG_REGIONS_OF_PAGE) \
	X(Q_ORG_REGIONS_OF_REGION) \
	X(Q_ORG_REGION_ADD) \
	X(Q_ORG_REGION_CLEAR) \
	X(Q_ORG_COUNT) \
	/* -- user -- */ \
	X(Q_USER_INSERT) \
	X(Q_USER_GET) \
	X(Q_USER_GET_BY_EMAIL) \
	X(Q_USER_SET_PASSWORD) \
	X(Q_USER_SET_LANG) \
	X(Q_USER_UPDATE) \
	X(Q_USER_LIST) \
	/* -- card -- */ \
	X(Q_CARD_INSERT) \
	X(Q_CARD_UPDATE) \
	X(Q_CARD_GET) \
	X(Q_CARD_BY_USER) \
	X(Q_CARD_BY_ORG) \
	/* -- contact point -- */ \
	X(Q_CP_INSERT) \
	X(Q_CP_END) \
	X(Q_CP_GET) \
	X(Q_CP_CURRENT) \
	X(Q_CP_LATER) \
	X(Q_CP_FIND) \
	X(Q_CP_BY_REGION) \
	X(Q_CP_BY_ORG) \
	X(Q_CP_HISTORY) \
	X(Q_CP_ALL_CURRENT) \
	/* -- session -- */ \
	X(Q_SESSION_INSERT) \
	X(Q_SESSION_GET) \
	X(Q_SESSION_TOUCH) \
	X(Q_SESSION_DELETE) \
	X(Q_SESSION_DELETE_USER) \
	X(Q_SESSION_PURGE) \
	/* -- api token -- */ \
	X(Q_TOKEN_INSERT) \
	X(Q_TOKEN_GET) \
	X(Q_TOKEN_TOUCH) \
	X(Q_TOKEN_REVOKE_USER) \
	/* -- login throttle -- */ \
	X(Q_THROTTLE_GET) \
	X(Q_THROTTLE_PUT) \
	X(Q_THROTTLE_CLEAR) \
	/* -- client -- */ \
	X(Q_CLIENT_INSERT) \
	X(Q_CLIENT_GET) \
	X(Q_CLIENT_UPDATE) \
	X(Q_CLIENT_BY_INDEX) \
	X(Q_CLIENT_BSN) \
	X(Q_CLIENT_FACTS) \
	X(Q_CLIENT_MINE) \
	/* -- care team -- */ \
	X(Q_TEAM_INSERT) \
	X(Q_TEAM_IS_MEMBER) \
	X(Q_TEAM_LIST) \
	X(Q_TEAM_GET) \
	X(Q_TEAM_END) \
	/* -- consent -- */ \
	X(Q_CONSENT_ACTIVE) \
	X(Q_CONSENT_ANY_ACTIVE) \
	X(Q_CONSENT_INSERT) \
	X(Q_CONSENT_LIST) \
	X(Q_CONSENT_GET) \
	X(Q_CONSENT_REVOKE) \
	/* -- audit -- */ \
	X(Q_AUDIT_HEAD_GET) \
	X(Q_AUDIT_HEAD_LOCK) \
	X(Q_AUDIT_HEAD_PUT) \
	X(Q_AUDIT_INSERT) \
	X(Q_AUDIT_ALL) \
	X(Q_AUDIT_SEARCH) \
	X(Q_AUDIT_SEARCH_COUNT) \
	/* -- copy (migrate-data: every table, in foreign-key order) -- */ \
	X(Q_COPY_SETTING_ALL) \
	X(Q_COPY_SETTING_PUT) \
	X(Q_COPY_SETTING_COUNT) \
	X(Q_COPY_REGION_ALL) \
	X(Q_COPY_REGION_PUT) \
	X(Q_COPY_REGION_COUNT) \
	X(Q_COPY_MUNICIPALITY_ALL) \
	X(Q_COPY_MUNICIPALITY_PUT) \
	X(Q_COPY_MUNICIPALITY_COUNT) \
	X(Q_COPY_ORG_ALL) \
	X(Q_COPY_ORG_PUT) \
	X(Q_COPY_ORG_COUNT) \
	X(Q_COPY_ORG_REGION_ALL) \
	X(Q_COPY_ORG_REGION_PUT) \
	X(Q_COPY_ORG_REGION_COUNT) \
	X(Q_COPY_USER_ALL) \
	X(Q_COPY_USER_PUT) \
	X(Q_COPY_USER_COUNT) \
	X(Q_COPY_CARD_ALL) \
	X(Q_COPY_CARD_PUT) \
	X(Q_COPY_CARD_COUNT) \
	X(Q_COPY_CP_ALL) \
	X(Q_COPY_CP_PUT) \
	X(Q_COPY_CP_COUNT) \
	X(Q_COPY_SESSION_ALL) \
	X(Q_COPY_SESSION_PUT) \
	X(Q_COPY_SESSION_COUNT) \
	X(Q_COPY_TOKEN_ALL) \
	X(Q_COPY_TOKEN_PUT) \
	X(Q_COPY_TOKEN_COUNT) \
	X(Q_COPY_THROTTLE_ALL) \
	X(Q_COPY_THROTTLE_PUT) \
	X(Q_COPY_THROTTLE_COUNT) \
	X(Q_COPY_AUDIT_ALL) \
	X(Q_COPY_AUDIT_PUT) \
	X(Q_COPY_AUDIT_COUNT) \
	X(Q_COPY_AUDIT_HEAD_ALL) \
	X(Q_COPY_AUDIT_HEAD_PUT) \
	X(Q_COPY_AUDIT_HEAD_COUNT) \
	/* end */

enum wb_query {
#define WB_QUERY_ENUM(name) name,
	WB_QUERY_LIST(WB_QUERY_ENUM)
#undef WB_QUERY_ENUM
	Q__COUNT
};

#endif /* WB_QUERIES_H */
