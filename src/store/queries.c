/* queries.c - the SQL text of every named query, in one dialect.
 *
 * Rules (stack.md §9): $n placeholders; CAST(x AS T), never ::; no vendor
 * date or JSON functions; lower() for case-insensitive matching; an
 * optional filter is written "(CAST($n AS T) IS NULL OR col = $n)".
 * Times are Unix seconds, dates are days since 1970-01-01 (both integers).
 */
#include "base/common.h"
#include "store/db.h"

#define CARD_COLS \
	"c.id, c.user_id, c.org_id, c.name, c.function, c.phone, c.email, " \
	"c.availability, c.active, o.name, o.code, o.type "
#define ORG_COLS \
	"o.id, o.code, o.name, o.type, o.municipality_code, o.agb, o.kvk, " \
	"o.phone, o.email, o.website, o.active "
#define USER_COLS \
	"u.id, u.email, u.name, u.role, u.org_id, u.region_code, " \
	"u.password_hash, u.lang, u.active, o.name, o.code, k.id "
/* A client account has no organisation; its client links to it. */
#define USER_JOINS \
	"LEFT JOIN organisation o ON o.id = u.org_id " \
	"LEFT JOIN client k ON k.portal_user = u.id "
/* A contact point with its organisation, person and deputy. */
#define CP_COLS \
	"cp.id, cp.org_id, o.name, o.code, o.type, cp.region_code, r.name, " \
	"cp.domain, cp.valid_from, cp.valid_until, cp.note, " \
	"c.id, c.name, c.function, c.phone, c.email, c.availability, " \
	"d.id, d.name, d.function, d.phone, d.email, d.availability "
/* A contact point whose person's card was deactivated (someone who left)
 * is not shown at all, so the region shows a gap to fill; an inactive
 * deputy shows as "no deputy".  Former colleagues' details stay hidden. */
#define CP_FROM \
	"FROM contact_point cp JOIN organisation o ON o.id = cp.org_id " \
	"JOIN region r ON r.code = cp.region_code " \
	"JOIN card c ON c.id = cp.card_id AND c.active = 1 " \
	"LEFT JOIN card d ON d.id = cp.deputy_card_id AND d.active = 1 "
#define CP_CURRENT \
	"cp.valid_from <= $1 AND (cp.valid_until IS NULL OR " \
	"cp.valid_until >= $1) "
/* A fidelity review with its organisation and intervention. */
#define FID_COLS \
	"r.id, r.org_id, o.code, o.name, r.programme, r.intervention, " \
	"i.name, r.review_date, r.total, r.band, r.reviewers, " \
	"r.action_points, r.created_by, r.created_at "
#define FID_FROM \
	"FROM fidelity_review r JOIN organisation o ON o.id = r.org_id " \
	"JOIN intervention i ON i.code = r.intervention "
#define AUDIT_COLS \
	"a.id, a.at, a.event, a.outcome, a.user_id, a.org_id, a.role, " \
	"a.address, a.object_type, a.object_id, a.client_id, a.purpose, " \
	"a.consent_id, a.detail, a.prev_hash, a.hash "
#define AUDIT_FILTER \
	"WHERE (CAST($1 AS BIGINT) IS NULL OR a.user_id = $1) " \
	"AND (CAST($2 AS BIGINT) IS NULL OR a.org_id = $2) " \
	"AND (CAST($3 AS TEXT) IS NULL OR a.event = $3) " \
	"AND (CAST($4 AS TEXT) IS NULL OR a.outcome = $4) " \
	"AND (CAST($5 AS BIGINT) IS NULL OR a.at >= $5) " \
	"AND (CAST($6 AS BIGINT) IS NULL OR a.at < $6) " \
	"AND (CAST($7 AS BIGINT) IS NULL OR a.client_id = $7) " \
	"AND (CAST($8 AS TEXT) IS NULL OR a.object_type = $8) " \
	"AND (CAST($9 AS TEXT) IS NULL OR a.object_id = $9) "

/* The indicators of one quarter (report/indicator.c).  Parameters, the
 * same in every one of them: $1 the region code or organisation id,
 * $2 an intervention code or NULL for all, $3 and $4 the quarter's first
 * and last day, $5 1 when only clients with a monitoring consent count
 * (figures that leave the organisation), $6 today, $7 the minutes per
 * week that make a job a job start.  Each comes in two scopes, so either
 * index on trajectory serves it. */
#define IND_IV	"(CAST($2 AS TEXT) IS NULL OR t.intervention = $2) "
/* Counted beyond the organisation only under a monitoring consent for
 * the lead organisation that names category `cat`. */
#define IND_MON(cat) \
	"($5 = 0 OR EXISTS (SELECT 1 FROM consent c WHERE " \
	"c.client_id = t.client_id AND c.org_id = t.org_id AND " \
	"c.purpose = 'monitoring' AND c.revoked_at IS NULL AND " \
	"c.valid_from <= $6 AND c.valid_until >= $6 AND " \
	"(c.categories & " cat ") <> 0)) "
/* Complaint measures count in any view, the organisation's own too, only
 * under a monitoring consent for the lead organisation that names health:
 * a UWV or municipality never holds health figures of its own. */
#define IND_HEALTH \
	"EXISTS (SELECT 1 FROM consent c WHERE c.client_id = t.client_id " \
	"AND c.org_id = t.org_id AND c.purpose = 'monitoring' AND " \
	"c.revoked_at IS NULL AND c.valid_from <= $6 AND " \
	"c.valid_until >= $6 AND (c.categories & 4) <> 0) "
#define IND_ACTIVE \
	"t.start_date IS NOT NULL AND t.start_date <= $4 AND " \
	"(t.end_date IS NULL OR t.end_date >= $3) "
/* The first and last value of an instrument up to the quarter's end, and
 * how many there are. */
#define IND_MEAS(i) \
	"(SELECT m.value FROM measurement m WHERE m.client_id = t.client_id " \
	"AND m.instrument = '" i "' AND m.on_date <= $4 " \
	"ORDER BY m.on_date, m.id LIMIT 1), " \
	"(SELECT m.value FROM measurement m WHERE m.client_id = t.client_id " \
	"AND m.instrument = '" i "' AND m.on_date <= $4 " \
	"ORDER BY m.on_date DESC, m.id DESC LIMIT 1), " \
	"(SELECT count(*) FROM measurement m WHERE m.client_id = t.client_id " \
	"AND m.instrument = '" i "' AND m.on_date <= $4) "
/* One row per trajectory active in the quarter: whether the client
 * worked competitively in it, the measurements, and whether health
 * figures may count. */
#define IND_CASELOAD(scope) \
	"SELECT t.intervention, t.client_id, " \
	"CASE WHEN EXISTS (SELECT 1 FROM job j WHERE j.trajectory_id = t.id " \
	"AND j.competitive = 1 AND j.minutes_per_week >= $7 AND " \
	"j.start_date <= $4 AND (j.end_date IS NULL OR j.end_date >= $3)) " \
	"THEN 1 ELSE 0 END, " \
	IND_MEAS("ladder") ", " IND_MEAS("phq9") ", " IND_MEAS("k10") ", " \
	"CASE WHEN " IND_HEALTH "THEN 1 ELSE 0 END " \
	"FROM trajectory t WHERE " scope " AND " IND_IV "AND " IND_ACTIVE \
	"AND " IND_MON("2") "ORDER BY t.intervention, t.client_id"
#define IND_STARTS(scope) \
	"SELECT t.intervention, count(*) FROM job j JOIN trajectory t ON " \
	"t.id = j.trajectory_id WHERE " scope " AND " IND_IV "AND " \
	"t.start_date <= $4 AND j.start_date >= $3 AND j.start_date <= $4 " \
	"AND j.minutes_per_week >= $7 AND " IND_MON("2") \
	"GROUP BY t.intervention ORDER BY t.intervention"
#define IND_CONTACT(scope) \
	"SELECT t.intervention, t.first_contact_date - t.start_date " \
	"FROM trajectory t WHERE " scope " AND " IND_IV "AND " \
	"t.start_date <= $4 AND t.first_contact_date >= $3 AND " \
	"t.first_contact_date <= $4 AND $7 > 0 AND " IND_MON("2") \
	"ORDER BY 1, 2"
#define IND_FIRSTJOB(scope) \
	"SELECT t.intervention, min(j.start_date) - t.start_date " \
	"FROM trajectory t JOIN job j ON j.trajectory_id = t.id AND " \
	"j.minutes_per_week >= $7 WHERE " scope " AND " IND_IV "AND " \
	"t.start_date <= $4 AND " IND_MON("2") \
	"GROUP BY t.intervention, t.id, t.start_date " \
	"HAVING min(j.start_date) >= $3 AND min(j.start_date) <= $4 " \
	"ORDER BY 1, 2"
#define IND_TENURE(scope) \
	"SELECT t.intervention, j.end_date - j.start_date FROM job j " \
	"JOIN trajectory t ON t.id = j.trajectory_id WHERE " scope " AND " \
	IND_IV "AND t.start_date <= $4 AND j.end_date >= $3 AND " \
	"j.end_date <= $4 AND j.minutes_per_week >= $7 AND " IND_MON("2") \
	"ORDER BY 1, 2"
/* Caseload and working per quarter and intervention, for the quarters
 * from $3 to $4 (whole quarters). */
#define IND_TREND(scope) \
	"SELECT q.year, q.quarter, t.intervention, " \
	"count(DISTINCT t.client_id), count(DISTINCT CASE WHEN EXISTS (" \
	"SELECT 1 FROM job j WHERE j.trajectory_id = t.id AND " \
	"j.competitive = 1 AND j.minutes_per_week >= $7 AND " \
	"j.start_date <= q.last_day AND (j.end_date IS NULL OR " \
	"j.end_date >= q.first_day)) THEN t.client_id END) " \
	"FROM trajectory t JOIN calendar_quarter q ON " \
	"q.first_day >= $3 AND q.last_day <= $4 AND " \
	"t.start_date <= q.last_day AND (t.end_date IS NULL OR " \
	"t.end_date >= q.first_day) WHERE " scope " AND " IND_IV "AND " \
	IND_ACTIVE "AND " IND_MON("2") \
	"GROUP BY q.year, q.quarter, t.intervention"
#define IND_REGION	"t.region_code = CAST($1 AS TEXT)"
#define IND_ORG		"t.org_id = CAST($1 AS BIGINT)"

static const char *const sql[Q__COUNT] = {
	/* -- migrations -- */
	[Q_MIGRATION_GET] =
	    "SELECT sha256 FROM schema_migrations WHERE version = $1",
	[Q_MIGRATION_ADD] =
	    "INSERT INTO schema_migrations (version, name, sha256, applied_at) "
	    "VALUES ($1, $2, $3, $4)",

	/* -- settings -- */
	[Q_SETTING_GET] = "SELECT value FROM setting WHERE key = $1",
	[Q_SETTING_PUT] =
	    "INSERT INTO setting (key, value) VALUES ($1, $2) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",

	/* -- region -- */
	[Q_REGION_LIST] =
	    "SELECT r.code, r.name, r.year, "
	    "(SELECT count(*) FROM municipality m WHERE m.region_code = r.code "
	    "AND m.active = 1) "
	    "FROM region r WHERE r.active = 1 ORDER BY r.code",
	[Q_REGION_GET] =
	    "SELECT code, name, year, active FROM region WHERE code = $1",
	[Q_REGION_UPSERT] =
	    "INSERT INTO region (code, name, year, active) VALUES ($1, $2, $3, 1) "
	    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
	    "year = excluded.year, active = 1",
	[Q_REGION_DEACTIVATE_ALL] = "UPDATE region SET active = 0",
	[Q_REGION_COUNT] = "SELECT count(*) FROM region WHERE active = 1",
	[Q_MUNICIPALITY_UPSERT] =
	    "INSERT INTO municipality (code, name, region_code, year, active) "
	    "VALUES ($1, $2, $3, $4, 1) "
	    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
	    "region_code = excluded.region_code, year = excluded.year, active = 1",
	[Q_MUNICIPALITY_DEACTIVATE_ALL] = "UPDATE municipality SET active = 0",
	[Q_MUNICIPALITY_BY_REGION] =
	    "SELECT code, name FROM municipality "
	    "WHERE region_code = $1 AND active = 1 ORDER BY name",
	[Q_MUNICIPALITY_GET] =
	    "SELECT m.code, m.name, m.region_code, r.name FROM municipality m "
	    "JOIN region r ON r.code = m.region_code "
	    "WHERE m.code = $1 AND m.active = 1",
	[Q_MUNICIPALITY_SEARCH] =
	    "SELECT m.code, m.name, m.region_code, r.name FROM municipality m "
	    "JOIN region r ON r.code = m.region_code WHERE m.active = 1 AND "
	    "(lower(m.name) = lower($1) OR lower(m.name) LIKE $2 "
	    "OR lower(r.name) LIKE $2 OR m.code = upper($1) "
	    "OR r.code = upper($1)) "
	    "ORDER BY CASE WHEN lower(m.name) = lower($1) THEN 0 ELSE 1 END, "
	    "m.name LIMIT 50",
	[Q_MUNICIPALITY_COUNT] =
	    "SELECT count(*) FROM municipality WHERE active = 1",

	/* -- organisation -- */
	[Q_ORG_INSERT] =
	    "INSERT INTO organisation (code, name, type, municipality_code, agb, "
	    "kvk, phone, email, website, active, created_at, updated_at) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10) "
	    "RETURNING id",
	[Q_ORG_UPDATE] =
	    "UPDATE organisation SET name = $2, type = $3, "
	    "municipality_code = $4, agb = $5, kvk = $6, phone = $7, "
	    "email = $8, website = $9, active = $10, updated_at = $11 "
	    "WHERE id = $1",
	[Q_ORG_GET] = "SELECT " ORG_COLS "FROM organisation o WHERE o.id = $1",
	[Q_ORG_GET_BY_CODE] =
	    "SELECT " ORG_COLS "FROM organisation o WHERE o.code = $1",
	[Q_ORG_LIST] =
	    "SELECT " ORG_COLS "FROM organisation o "
	    "WHERE (CAST($1 AS TEXT) IS NULL OR o.type = $1) "
	    "ORDER BY o.name, o.id LIMIT $2 OFFSET $3",
	[Q_ORG_LIST_BY_REGION] =
	    "SELECT " ORG_COLS "FROM organisation o "
	    "JOIN organisation_region orr ON orr.org_id = o.id "
	    "WHERE orr.region_code = $1 AND o.active = 1 ORDER BY o.type, o.name",
	[Q_ORG_REGIONS] =
	    "SELECT r.code, r.name FROM organisation_region orr "
	    "JOIN region r ON r.code = orr.region_code WHERE orr.org_id = $1 "
	    "ORDER BY r.code",
	/* The regions of every organisation on one page of Q_ORG_LIST, and
	 * of every active organisation of Q_ORG_LIST_BY_REGION. */
	[Q_ORG_REGIONS_OF_PAGE] =
	    "SELECT orr.org_id, orr.region_code FROM organisation_region orr "
	    "WHERE orr.org_id IN (SELECT o.id FROM organisation o "
	    "WHERE (CAST($1 AS TEXT) IS NULL OR o.type = $1) "
	    "ORDER BY o.name, o.id LIMIT $2 OFFSET $3) "
	    "ORDER BY orr.org_id, orr.region_code",
	[Q_ORG_REGIONS_OF_REGION] =
	    "SELECT orr.org_id, orr.region_code FROM organisation_region orr "
	    "WHERE orr.org_id IN (SELECT o.id FROM organisation o "
	    "JOIN organisation_region x ON x.org_id = o.id "
	    "WHERE x.region_code = $1 AND o.active = 1) "
	    "ORDER BY orr.org_id, orr.region_code",
	[Q_ORG_REGION_ADD] =
	    "INSERT INTO organisation_region (org_id, region_code) "
	    "VALUES ($1, $2) ON CONFLICT DO NOTHING",
	[Q_ORG_REGION_CLEAR] =
	    "DELETE FROM organisation_region WHERE org_id = $1",
	[Q_ORG_COUNT] =
	    "SELECT count(*) FROM organisation o "
	    "WHERE (CAST($1 AS TEXT) IS NULL OR o.type = $1)",

	/* -- user -- */
	[Q_USER_INSERT] =
	    "INSERT INTO user_account (email, name, role, org_id, region_code, "
	    "password_hash, lang, active, created_at, updated_at) "
	    "VALUES ($1, $2, $3, $4, $5, $6, 'nl', 1, $7, $7) RETURNING id",
	[Q_USER_GET] =
	    "SELECT " USER_COLS "FROM user_account u " USER_JOINS
	    "WHERE u.id = $1",
	[Q_USER_GET_BY_EMAIL] =
	    "SELECT " USER_COLS "FROM user_account u " USER_JOINS
	    "WHERE u.email = lower($1)",
	[Q_USER_SET_PASSWORD] =
	    "UPDATE user_account SET password_hash = $2, updated_at = $3 "
	    "WHERE id = $1",
	[Q_USER_SET_LANG] =
	    "UPDATE user_account SET lang = $2, updated_at = $3 WHERE id = $1",
	[Q_USER_UPDATE] =
	    "UPDATE user_account SET name = $2, role = $3, org_id = $4, "
	    "region_code = $5, active = $6, updated_at = $7 WHERE id = $1 "
	    "AND role <> 'client'",
	/* Client accounts are nobody's to manage: not listed. */
	[Q_USER_LIST] =
	    "SELECT " USER_COLS "FROM user_account u " USER_JOINS
	    "WHERE u.role <> 'client' AND "
	    "(CAST($1 AS BIGINT) IS NULL OR u.org_id = $1) "
	    "ORDER BY u.name LIMIT $2 OFFSET $3",

	/* -- card -- */
	[Q_CARD_INSERT] =
	    "INSERT INTO card (user_id, org_id, name, function, phone, email, "
	    "availability, active, created_at, updated_at) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id",
	[Q_CARD_UPDATE] =
	    "UPDATE card SET name = $2, function = $3, phone = $4, email = $5, "
	    "availability = $6, active = $7, updated_at = $8 WHERE id = $1",
	[Q_CARD_LINK_USER] =
	    "UPDATE card SET user_id = $2, updated_at = $3 WHERE id = $1 AND "
	    "user_id IS NULL",
	[Q_CARD_GET] =
	    "SELECT " CARD_COLS "FROM card c JOIN organisation o ON "
	    "o.id = c.org_id WHERE c.id = $1",
	[Q_CARD_BY_USER] =
	    "SELECT " CARD_COLS "FROM card c JOIN organisation o ON "
	    "o.id = c.org_id WHERE c.user_id = $1",
	[Q_CARD_BY_ORG] =
	    "SELECT " CARD_COLS "FROM card c JOIN organisation o ON "
	    "o.id = c.org_id WHERE c.org_id = $1 AND c.active = 1 "
	    "ORDER BY c.name",

	/* -- contact point -- */
	[Q_CP_INSERT] =
	    "INSERT INTO contact_point (org_id, region_code, domain, card_id, "
	    "deputy_card_id, valid_from, valid_until, note, created_by, "
	    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
	    "RETURNING id",
	[Q_CP_END] =
	    "UPDATE contact_point SET valid_until = $2 WHERE id = $1",
	[Q_CP_GET] = "SELECT " CP_COLS CP_FROM "WHERE cp.id = $1",
	[Q_CP_CURRENT] =
	    "SELECT cp.id FROM contact_point cp WHERE " CP_CURRENT
	    "AND cp.org_id = $2 AND cp.region_code = $3 AND cp.domain = $4",
	[Q_CP_LATER] =
	    "SELECT count(*) FROM contact_point cp WHERE cp.valid_from > $1 "
	    "AND cp.org_id = $2 AND cp.region_code = $3 AND cp.domain = $4",
	[Q_CP_FIND] =
	    "SELECT " CP_COLS CP_FROM "WHERE " CP_CURRENT
	    "AND cp.region_code = $2 AND cp.domain = $3 AND o.active = 1 "
	    "ORDER BY CASE WHEN o.municipality_code = $4 THEN 0 ELSE 1 END, "
	    "o.name",
	[Q_CP_BY_REGION] =
	    "SELECT " CP_COLS CP_FROM "WHERE " CP_CURRENT
	    "AND cp.region_code = $2 ORDER BY cp.domain, o.name",
	[Q_CP_BY_ORG] =
	    "SELECT " CP_COLS CP_FROM "WHERE " CP_CURRENT
	    "AND cp.org_id = $2 ORDER BY cp.region_code, cp.domain",
	[Q_CP_HISTORY] =
	    "SELECT " CP_COLS CP_FROM "WHERE cp.org_id = $1 "
	    "ORDER BY cp.region_code, cp.domain, cp.valid_from DESC, cp.id DESC",
	[Q_CP_ALL_CURRENT] =
	    "SELECT " CP_COLS CP_FROM "WHERE " CP_CURRENT
	    "AND (CAST($2 AS TEXT) IS NULL OR cp.region_code = $2) "
	    "ORDER BY cp.region_code, cp.domain, o.code",

	/* -- session -- */
	[Q_SESSION_INSERT] =
	    "INSERT INTO session (id_hash, user_id, csrf, created_at, last_seen) "
	    "VALUES ($1, $2, $3, $4, $4)",
	[Q_SESSION_GET] =
	    "SELECT s.user_id, s.csrf, s.created_at, s.last_seen "
	    "FROM session s WHERE s.id_hash = $1",
	[Q_SESSION_TOUCH] =
	    "UPDATE session SET last_seen = $2 WHERE id_hash = $1",
	[Q_SESSION_DELETE] = "DELETE FROM session WHERE id_hash = $1",
	[Q_SESSION_DELETE_USER] = "DELETE FROM session WHERE user_id = $1",
	[Q_SESSION_PURGE] =
	    "DELETE FROM session WHERE last_seen < $1 OR created_at < $2",

	/* -- api token -- */
	[Q_TOKEN_INSERT] =
	    "INSERT INTO api_token (user_id, token_hash, created_at) "
	    "VALUES ($1, $2, $3) RETURNING id",
	[Q_TOKEN_GET] =
	    "SELECT id, user_id, last_used FROM api_token "
	    "WHERE token_hash = $1 AND revoked_at IS NULL",
	[Q_TOKEN_TOUCH] = "UPDATE api_token SET last_used = $2 WHERE id = $1",
	[Q_TOKEN_REVOKE_USER] =
	    "UPDATE api_token SET revoked_at = $2 "
	    "WHERE user_id = $1 AND revoked_at IS NULL",

	/* -- login throttle -- */
	[Q_THROTTLE_GET] =
	    "SELECT failures, window_start, locked_until FROM login_throttle "
	    "WHERE key = $1",
	[Q_THROTTLE_PUT] =
	    "INSERT INTO login_throttle (key, failures, window_start, "
	    "locked_until) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO UPDATE "
	    "SET failures = excluded.failures, "
	    "window_start = excluded.window_start, "
	    "locked_until = excluded.locked_until",
	[Q_THROTTLE_CLEAR] = "DELETE FROM login_throttle WHERE key = $1",

	/* -- client -- */
	[Q_CLIENT_INSERT] =
	    "INSERT INTO client (bsn_sealed, bsn_index, given_name, "
	    "family_name, birth_date, phone, email, address, "
	    "municipality_code, benefit, target_group, registered_org, "
	    "registered_by, created_at, updated_at) VALUES ($1, $2, $3, $4, "
	    "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id",
	[Q_CLIENT_GET] =
	    "SELECT c.id, c.bsn_sealed, c.given_name, c.birth_date, c.phone, "
	    "c.email, c.address, c.municipality_code, m.name, r.code, r.name, "
	    "c.benefit, c.target_group, c.registered_org, o.name, "
	    "c.created_at, c.updated_at, c.family_name, "
	    "CASE WHEN c.portal_user IS NULL THEN 0 ELSE 1 END FROM client c "
	    "JOIN municipality m ON m.code = c.municipality_code "
	    "JOIN region r ON r.code = m.region_code "
	    "JOIN organisation o ON o.id = c.registered_org "
	    "WHERE c.id = $1 AND c.erased_at IS NULL",
	[Q_CLIENT_UPDATE] =
	    "UPDATE client SET given_name = $2, family_name = $3, "
	    "birth_date = $4, phone = $5, email = $6, address = $7, "
	    "municipality_code = $8, benefit = $9, target_group = $10, "
	    "updated_at = $11 WHERE id = $1 AND erased_at IS NULL",
	[Q_CLIENT_BY_INDEX] =
	    "SELECT id FROM client WHERE bsn_index = $1",
	[Q_CLIENT_BSN] =
	    "SELECT bsn_sealed FROM client WHERE id = $1 AND erased_at IS NULL",
	/* The policy's facts: the registering organisation, whether the
	 * client is erased, the acting organisation's type, and whether the
	 * user is on the team for that organisation.  The flags are 0/1
	 * integers: PostgreSQL returns a boolean as "t"/"f", which
	 * wb_stmt_int64() reads as 0. */
	[Q_CLIENT_FACTS] =
	    "SELECT c.registered_org, "
	    "CASE WHEN c.erased_at IS NULL THEN 0 ELSE 1 END, "
	    "(SELECT type FROM organisation WHERE id = $3), "
	    "CASE WHEN EXISTS (SELECT 1 FROM care_team t WHERE "
	    "t.client_id = c.id AND t.user_id = $2 AND t.org_id = $3 AND "
	    "t.ended_at IS NULL) THEN 1 ELSE 0 END "
	    "FROM client c WHERE c.id = $1",
	[Q_CLIENT_MINE] =
	    "SELECT c.id, c.given_name || ' ' || c.family_name, c.birth_date, "
	    "t.function, o.name "
	    "FROM care_team t JOIN client c ON c.id = t.client_id "
	    "JOIN organisation o ON o.id = c.registered_org "
	    "WHERE t.user_id = $1 AND t.org_id = $2 AND t.ended_at IS NULL "
	    "AND c.erased_at IS NULL ORDER BY c.id LIMIT 1000",

	/* -- care team -- */
	[Q_TEAM_INSERT] =
	    "INSERT INTO care_team (client_id, user_id, org_id, function, "
	    "added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
	[Q_TEAM_IS_MEMBER] =
	    "SELECT id FROM care_team WHERE client_id = $1 AND user_id = $2 "
	    "AND ended_at IS NULL",
	[Q_TEAM_LIST] =
	    "SELECT t.id, t.user_id, t.org_id, t.function, u.name, o.name, "
	    "o.type, k.id, k.phone, k.email, k.availability, t.added_at, "
	    "t.ended_at FROM care_team t "
	    "JOIN user_account u ON u.id = t.user_id "
	    "JOIN organisation o ON o.id = t.org_id "
	    "LEFT JOIN card k ON k.user_id = t.user_id AND k.active = 1 "
	    "WHERE t.client_id = $1 AND t.ended_at IS NULL "
	    "ORDER BY o.name, u.name",
	[Q_TEAM_GET] =
	    "SELECT id, user_id, org_id FROM care_team WHERE id = $1 AND "
	    "client_id = $2 AND ended_at IS NULL",
	[Q_TEAM_END] =
	    "UPDATE care_team SET ended_at = $2, ended_by = $3 WHERE id = $1 "
	    "AND ended_at IS NULL",

	/* -- consent -- */
	/* Active today ($4): not revoked and within its period. */
	[Q_CONSENT_ACTIVE] =
	    "SELECT id, categories FROM consent WHERE client_id = $1 AND "
	    "org_id = $2 AND purpose = $3 AND revoked_at IS NULL AND "
	    "valid_from <= $4 AND valid_until >= $4 ORDER BY id",
	/* Monitoring is for totals only: it puts nobody on a team. */
	[Q_CONSENT_ANY_ACTIVE] =
	    "SELECT count(*) FROM consent WHERE client_id = $1 AND "
	    "org_id = $2 AND purpose <> 'monitoring' AND revoked_at IS NULL "
	    "AND valid_from <= $3 AND valid_until >= $3",
	[Q_CONSENT_INSERT] =
	    "INSERT INTO consent (client_id, org_id, purpose, categories, "
	    "valid_from, valid_until, method, evidence, recorded_by, "
	    "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
	    "RETURNING id",
	[Q_CONSENT_LIST] =
	    "SELECT s.id, s.client_id, s.org_id, s.purpose, s.categories, "
	    "s.valid_from, s.valid_until, s.method, s.evidence, s.recorded_by, "
	    "s.recorded_at, s.revoked_at, s.revoked_by, s.revoke_reason, "
	    "o.name, ru.name, vu.name FROM consent s "
	    "JOIN organisation o ON o.id = s.org_id "
	    "LEFT JOIN user_account ru ON ru.id = s.recorded_by "
	    "LEFT JOIN user_account vu ON vu.id = s.revoked_by "
	    "WHERE s.client_id = $1 ORDER BY s.id DESC",
	[Q_CONSENT_GET] =
	    "SELECT id, org_id, revoked_at FROM consent WHERE id = $1 AND "
	    "client_id = $2",
	[Q_CONSENT_REVOKE] =
	    "UPDATE consent SET revoked_at = $2, revoked_by = $3, "
	    "revoke_reason = $4 WHERE id = $1 AND revoked_at IS NULL",
	/* Organisations with an active consent today ($2). */
	[Q_CONSENT_ORGS] =
	    "SELECT DISTINCT org_id FROM consent WHERE client_id = $1 AND "
	    "revoked_at IS NULL AND valid_from <= $2 AND valid_until >= $2 "
	    "ORDER BY org_id",
	/* The client a consent belongs to (the API's revoke). */
	[Q_CONSENT_CLIENT] =
	    "SELECT client_id FROM consent WHERE id = $1",

	/* -- trajectory -- */
	[Q_INTERVENTION_LIST] =
	    "SELECT code, name, description, ips, active FROM intervention "
	    "WHERE $1 = 1 OR active = 1 ORDER BY sort, code",
	[Q_INTERVENTION_GET] =
	    "SELECT code, name, description, ips, active FROM intervention "
	    "WHERE code = $1",
	[Q_INTERVENTION_UPDATE] =
	    "UPDATE intervention SET name = $2, description = $3, active = $4, "
	    "updated_at = $5 WHERE code = $1",
	[Q_TRAJ_INSERT] =
	    "INSERT INTO trajectory (client_id, intervention, org_id, "
	    "lead_user, region_code, referral_date, start_date, status, "
	    "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
	    "$6, $7, $8, $9, $10, $10) RETURNING id",
	[Q_TRAJ_GET] =
	    "SELECT t.id, t.org_id, t.status, t.referral_date, t.start_date, "
	    "t.end_date, t.version FROM trajectory t "
	    "WHERE t.id = $1 AND t.client_id = $2",
	/* A change names the version it saw ($2); 0 rows = stale. */
	[Q_TRAJ_UPDATE] =
	    "UPDATE trajectory SET status = $3, start_date = $4, end_date = $5, "
	    "end_reason = $6, updated_at = $7, version = version + 1 "
	    "WHERE id = $1 AND version = $2",
	/* The earliest employer contact, kept for the indicators. */
	[Q_TRAJ_FIRST_CONTACT] =
	    "UPDATE trajectory SET first_contact_date = $2, updated_at = $3 "
	    "WHERE id = $1 AND (first_contact_date IS NULL OR "
	    "first_contact_date > $2)",
	[Q_TRAJ_LIST] =
	    "SELECT t.id, t.intervention, i.name, i.ips, t.org_id, o.name, "
	    "t.lead_user, u.name, t.region_code, t.referral_date, "
	    "t.start_date, t.status, t.end_date, t.end_reason, t.version, "
	    "t.first_contact_date FROM trajectory t "
	    "JOIN intervention i ON i.code = t.intervention "
	    "JOIN organisation o ON o.id = t.org_id "
	    "LEFT JOIN user_account u ON u.id = t.lead_user "
	    "WHERE t.client_id = $1 ORDER BY t.id DESC",
	[Q_TRAJ_CLIENT] =
	    "SELECT client_id FROM trajectory WHERE id = $1",
	[Q_TRAJ_CLIENT_REGION] =
	    "SELECT m.region_code FROM client k JOIN municipality m ON "
	    "m.code = k.municipality_code WHERE k.id = $1",
	/* A lead: an active professional of the organisation on the
	 * client's team now. */
	[Q_TRAJ_LEAD_OK] =
	    "SELECT u.id FROM user_account u JOIN care_team t ON "
	    "t.user_id = u.id AND t.client_id = $3 AND t.ended_at IS NULL "
	    "AND t.org_id = $2 WHERE u.id = $1 AND u.org_id = $2 AND "
	    "u.role = 'professional' AND u.active = 1",
	[Q_MILESTONE_INSERT] =
	    "INSERT INTO milestone (trajectory_id, client_id, type, on_date, "
	    "detail, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
	    "$7) RETURNING id",
	[Q_MILESTONE_LIST] =
	    "SELECT id, trajectory_id, type, on_date, detail FROM milestone "
	    "WHERE client_id = $1 ORDER BY trajectory_id, on_date, id",
	[Q_JOB_INSERT] =
	    "INSERT INTO job (trajectory_id, client_id, employer, "
	    "minutes_per_week, competitive, min_wage, contract, start_date, "
	    "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
	    "$6, $7, $8, $9, $10, $10) RETURNING id",
	[Q_JOB_GET] =
	    "SELECT id, start_date, end_date FROM job WHERE id = $1 AND "
	    "trajectory_id = $2",
	[Q_JOB_RUNNING] =
	    "SELECT id FROM job WHERE trajectory_id = $1 AND end_date IS NULL "
	    "ORDER BY id LIMIT 2",
	[Q_JOB_END] =
	    "UPDATE job SET end_date = $2, end_reason = $3, updated_at = $4 "
	    "WHERE id = $1 AND end_date IS NULL",
	[Q_JOB_LIST] =
	    "SELECT id, trajectory_id, employer, minutes_per_week, "
	    "competitive, min_wage, contract, start_date, end_date, "
	    "end_reason FROM job WHERE client_id = $1 "
	    "ORDER BY trajectory_id, start_date, id",

	/* -- import of trajectories, milestones, measurements
	 * (io/outcome_import.c, io/import_*.c): what is there already, and
	 * inserts without RETURNING for speed -- */
	[Q_IMPORT_TRAJ_KEYS] =
	    "SELECT id, intervention, referral_date, start_date FROM trajectory "
	    "WHERE client_id = $1",
	[Q_IMPORT_TRAJ_FIND] =
	    "SELECT id FROM trajectory WHERE client_id = $1 AND "
	    "intervention = $2 AND start_date = $3 ORDER BY id LIMIT 2",
	[Q_IMPORT_TRAJ_INSERT] =
	    "INSERT INTO trajectory (client_id, intervention, org_id, "
	    "lead_user, region_code, referral_date, start_date, status, "
	    "end_date, end_reason, created_by, created_at, updated_at) VALUES "
	    "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $4, $11, $11)",
	[Q_IMPORT_MILESTONE_KEYS] =
	    "SELECT type, on_date FROM milestone WHERE trajectory_id = $1",
	[Q_IMPORT_MILESTONE_INSERT] =
	    "INSERT INTO milestone (trajectory_id, client_id, type, on_date, "
	    "detail, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
	    "$7)",
	[Q_IMPORT_JOBS] =
	    "SELECT id, employer, start_date, end_date FROM job "
	    "WHERE trajectory_id = $1 ORDER BY start_date, id",
	[Q_IMPORT_JOB_INSERT] =
	    "INSERT INTO job (trajectory_id, client_id, employer, "
	    "minutes_per_week, competitive, min_wage, contract, start_date, "
	    "end_date, end_reason, created_by, created_at, updated_at) VALUES "
	    "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
	/* Every measurement of the clients on the actor's team (the only
	 * clients the policy lets a professional write): one query instead
	 * of one per client. */
	/* The importing professional, active in the organisation the rows
	 * will name, checked inside the import's transaction. */
	[Q_IMPORT_ACTOR] =
	    "SELECT 1 FROM user_account u JOIN organisation o ON o.id = "
	    "u.org_id WHERE u.id = $1 AND u.org_id = $2 AND u.active = 1 "
	    "AND u.role = 'professional'",
	[Q_IMPORT_MEASUREMENT_KEYS] =
	    "SELECT m.client_id, m.instrument, m.on_date FROM measurement m "
	    "JOIN care_team t ON t.client_id = m.client_id AND t.user_id = $1 "
	    "AND t.ended_at IS NULL",
	/* The same for 16 rows at once (WB_IMPORT_BATCH in
	 * io/import_measurement.c; 99 parameters, the dialect's most): one
	 * statement run per 16 rows opens the table, its index and the
	 * parents of the foreign keys once. */
	[Q_IMPORT_MEASUREMENT_BATCH] =
	    "INSERT INTO measurement (client_id, instrument, on_date, items, "
	    "value, band, source, org_id, entered_by, created_at) VALUES "
	    "($4, $5, $6, $7, $8, $9, 'import', $1, $2, $3), "
	    "($10, $11, $12, $13, $14, $15, 'import', $1, $2, $3), "
	    "($16, $17, $18, $19, $20, $21, 'import', $1, $2, $3), "
	    "($22, $23, $24, $25, $26, $27, 'import', $1, $2, $3), "
	    "($28, $29, $30, $31, $32, $33, 'import', $1, $2, $3), "
	    "($34, $35, $36, $37, $38, $39, 'import', $1, $2, $3), "
	    "($40, $41, $42, $43, $44, $45, 'import', $1, $2, $3), "
	    "($46, $47, $48, $49, $50, $51, 'import', $1, $2, $3), "
	    "($52, $53, $54, $55, $56, $57, 'import', $1, $2, $3), "
	    "($58, $59, $60, $61, $62, $63, 'import', $1, $2, $3), "
	    "($64, $65, $66, $67, $68, $69, 'import', $1, $2, $3), "
	    "($70, $71, $72, $73, $74, $75, 'import', $1, $2, $3), "
	    "($76, $77, $78, $79, $80, $81, 'import', $1, $2, $3), "
	    "($82, $83, $84, $85, $86, $87, 'import', $1, $2, $3), "
	    "($88, $89, $90, $91, $92, $93, 'import', $1, $2, $3), "
	    "($94, $95, $96, $97, $98, $99, 'import', $1, $2, $3)",
	[Q_IMPORT_MEASUREMENT_INSERT] =
	    "INSERT INTO measurement (client_id, instrument, on_date, items, "
	    "value, band, source, org_id, entered_by, created_at) VALUES ($1, "
	    "$2, $3, $4, $5, $6, 'import', $7, $8, $9)",

	/* -- indicators (report/) -- */
	[Q_IND_CASELOAD_REGION] = IND_CASELOAD(IND_REGION),
	[Q_IND_CASELOAD_ORG] = IND_CASELOAD(IND_ORG),
	[Q_IND_STARTS_REGION] = IND_STARTS(IND_REGION),
	[Q_IND_STARTS_ORG] = IND_STARTS(IND_ORG),
	[Q_IND_CONTACT_REGION] = IND_CONTACT(IND_REGION),
	[Q_IND_CONTACT_ORG] = IND_CONTACT(IND_ORG),
	[Q_IND_FIRSTJOB_REGION] = IND_FIRSTJOB(IND_REGION),
	[Q_IND_FIRSTJOB_ORG] = IND_FIRSTJOB(IND_ORG),
	[Q_IND_TENURE_REGION] = IND_TENURE(IND_REGION),
	[Q_IND_TENURE_ORG] = IND_TENURE(IND_ORG),
	[Q_IND_TREND_REGION] = IND_TREND(IND_REGION),
	[Q_IND_TREND_ORG] = IND_TREND(IND_ORG),

	/* -- target -- */
	[Q_TARGET_DELETE] =
	    "DELETE FROM indicator_target WHERE "
	    "COALESCE(region_code, '') = COALESCE(CAST($1 AS TEXT), '') AND "
	    "COALESCE(org_id, 0) = COALESCE(CAST($2 AS BIGINT), 0) AND "
	    "COALESCE(intervention, '') = COALESCE(CAST($3 AS TEXT), '') AND "
	    "indicator = $4 AND year = $5",
	[Q_TARGET_INSERT] =
	    "INSERT INTO indicator_target (region_code, org_id, intervention, "
	    "indicator, year, value, set_by, set_at) VALUES ($1, $2, $3, $4, "
	    "$5, $6, $7, $8) RETURNING id",
	[Q_TARGET_LIST] =
	    "SELECT id, region_code, org_id, intervention, indicator, year, "
	    "value FROM indicator_target WHERE "
	    "COALESCE(region_code, '') = COALESCE(CAST($1 AS TEXT), '') AND "
	    "COALESCE(org_id, 0) = COALESCE(CAST($2 AS BIGINT), 0) AND "
	    "year = $3 ORDER BY COALESCE(intervention, ''), indicator",

	/* -- plan -- */
	[Q_GOAL_INSERT] =
	    "INSERT INTO goal (client_id, track, owner_org, title, target, "
	    "due_date, created_by, created_at, updated_at) VALUES ($1, $2, $3, "
	    "$4, $5, $6, $7, $8, $8) RETURNING id",
	[Q_GOAL_GET] =
	    "SELECT id, track, owner_org, due_date, stopped_at, version "
	    "FROM goal WHERE id = $1 AND client_id = $2",
	/* A change names the version it saw ($2); 0 rows = stale. */
	[Q_GOAL_UPDATE] =
	    "UPDATE goal SET title = $3, target = $4, due_date = $5, "
	    "updated_at = $6, version = version + 1 WHERE id = $1 AND "
	    "version = $2 AND stopped_at IS NULL",
	[Q_GOAL_STOP] =
	    "UPDATE goal SET stopped_at = $3, updated_at = $3, "
	    "version = version + 1 WHERE id = $1 AND version = $2 AND "
	    "stopped_at IS NULL",
	/* Running goals first, then by track (care, work, income, day
	 * activities) and age. */
	[Q_GOAL_LIST] =
	    "SELECT g.id, g.client_id, g.track, g.owner_org, o.name, g.title, "
	    "g.target, g.due_date, g.stopped_at, g.created_by, g.created_at, "
	    "g.updated_at, g.version FROM goal g "
	    "JOIN organisation o ON o.id = g.owner_org WHERE g.client_id = $1 "
	    "ORDER BY CASE WHEN g.stopped_at IS NULL THEN 0 ELSE 1 END, "
	    "CASE g.track WHEN 'zorg' THEN 0 WHEN 'werk' THEN 1 "
	    "WHEN 'inkomen' THEN 2 ELSE 3 END, g.id",
	[Q_ACTION_INSERT] =
	    "INSERT INTO plan_action (goal_id, client_id, title, owner_user, "
	    "due_date, created_by, created_at, updated_at) VALUES ($1, $2, $3, "
	    "$4, $5, $6, $7, $7) RETURNING id",
	[Q_ACTION_GET] =
	    "SELECT a.id, a.goal_id, a.done_at, a.version, g.track, "
	    "g.stopped_at FROM plan_action a JOIN goal g ON g.id = a.goal_id "
	    "WHERE a.id = $1 AND a.client_id = $2",
	[Q_ACTION_DONE] =
	    "UPDATE plan_action SET done_at = $3, done_by = $4, "
	    "updated_at = $3, version = version + 1 WHERE id = $1 AND "
	    "version = $2 AND done_at IS NULL",
	[Q_ACTION_REOPEN] =
	    "UPDATE plan_action SET done_at = NULL, done_by = NULL, "
	    "updated_at = $3, version = version + 1 WHERE id = $1 AND "
	    "version = $2 AND done_at IS NOT NULL",
	[Q_ACTION_LIST] =
	    "SELECT a.id, a.goal_id, a.client_id, a.title, a.owner_user, "
	    "u.name, a.due_date, a.done_at, a.done_by, d.name, a.created_by, "
	    "a.created_at, a.updated_at, a.version FROM plan_action a "
	    "JOIN user_account u ON u.id = a.owner_user "
	    "LEFT JOIN user_account d ON d.id = a.done_by "
	    "WHERE a.client_id = $1 ORDER BY a.goal_id, a.due_date, a.id",
	/* The open actions of user $1 due before today ($2), of running
	 * goals of clients not erased; the policy filters them after. */
	[Q_ACTION_OVERDUE] =
	    "SELECT a.client_id, a.goal_id, a.id, g.track, g.title, a.title, "
	    "a.due_date, a.version FROM plan_action a "
	    "JOIN goal g ON g.id = a.goal_id "
	    "JOIN client c ON c.id = a.client_id "
	    "WHERE a.owner_user = $1 AND a.done_at IS NULL AND "
	    "a.due_date < $2 AND g.stopped_at IS NULL AND "
	    "c.erased_at IS NULL ORDER BY a.due_date, a.client_id, a.id "
	    "LIMIT 1000",

	/* -- note -- */
	[Q_NOTE_INSERT] =
	    "INSERT INTO note (client_id, org_id, author_id, kind, on_date, "
	    "body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
	    "RETURNING id",
	/* Newest first; $2 caps the list. */
	[Q_NOTE_LIST] =
	    "SELECT n.id, n.client_id, n.org_id, n.author_id, n.kind, "
	    "n.on_date, n.body, u.name, o.name, n.created_at, o.type "
	    "FROM note n "
	    "JOIN user_account u ON u.id = n.author_id "
	    "JOIN organisation o ON o.id = n.org_id WHERE n.client_id = $1 "
	    "ORDER BY n.on_date DESC, n.id DESC LIMIT $2",

	/* -- measurement -- */
	[Q_MEASUREMENT_INSERT] =
	    "INSERT INTO measurement (client_id, instrument, on_date, items, "
	    "value, band, source, org_id, entered_by, created_at) VALUES ($1, "
	    "$2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
	/* By instrument, then oldest first; the domain filters by category.
	 * Also the AVG export's rows. */
	[Q_MEASUREMENT_LIST] =
	    "SELECT m.id, m.client_id, m.instrument, m.on_date, m.items, "
	    "m.value, m.band, m.source, o.name, m.created_at "
	    "FROM measurement m LEFT JOIN organisation o ON o.id = m.org_id "
	    "WHERE m.client_id = $1 ORDER BY m.instrument, m.on_date, m.id",

	/* -- fidelity (IPS-25 reviews, fidelity.c) -- */
	[Q_FIDELITY_INSERT] =
	    "INSERT INTO fidelity_review (org_id, programme, intervention, "
	    "review_date, reviewers, total, band, action_points, created_by, "
	    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
	    "RETURNING id",
	[Q_FIDELITY_SCORE_INSERT] =
	    "INSERT INTO fidelity_score (review_id, item, score) "
	    "VALUES ($1, $2, $3)",
	[Q_FIDELITY_GET] =
	    "SELECT " FID_COLS FID_FROM "WHERE r.id = $1",
	[Q_FIDELITY_SCORES] =
	    "SELECT item, score FROM fidelity_score WHERE review_id = $1 "
	    "ORDER BY item",
	[Q_FIDELITY_PROGRAMME] =
	    "SELECT " FID_COLS FID_FROM "WHERE r.org_id = $1 AND "
	    "r.programme = $2 ORDER BY r.review_date, r.id",
	[Q_FIDELITY_BY_ORG] =
	    "SELECT " FID_COLS FID_FROM "WHERE r.org_id = $1 "
	    "ORDER BY r.programme, r.review_date, r.id",
	/* The latest review of every programme, and whether its
	 * organisation serves region $1 (the actor's, or NULL): fidelity.c
	 * asks access.c about each row. */
	[Q_FIDELITY_LATEST] =
	    "SELECT " FID_COLS ", CASE WHEN EXISTS (SELECT 1 FROM "
	    "organisation_region x WHERE x.org_id = r.org_id AND "
	    "x.region_code = CAST($1 AS TEXT)) THEN 1 ELSE 0 END " FID_FROM
	    "WHERE NOT EXISTS (SELECT 1 FROM fidelity_review l "
	    "WHERE l.org_id = r.org_id AND l.programme = r.programme AND "
	    "(l.review_date > r.review_date OR (l.review_date = "
	    "r.review_date AND l.id > r.id))) "
	    "ORDER BY o.name, r.programme, r.id",
	[Q_FIDELITY_INTERVENTIONS] =
	    "SELECT code, name FROM intervention WHERE ips = 1 AND "
	    "active = 1 ORDER BY sort, code",
	[Q_FIDELITY_IPS] =
	    "SELECT count(*) FROM intervention WHERE code = $1 AND ips = 1 "
	    "AND active = 1",

	/* -- referral -- */
	/* A contact point current on day $2, with the accounts of its
	 * person and deputy. */
	[Q_REFERRAL_CP] =
	    "SELECT cp.id, cp.org_id, o.name, cp.region_code, cp.domain, "
	    "pc.user_id, dc.user_id FROM contact_point cp "
	    "JOIN organisation o ON o.id = cp.org_id "
	    "JOIN card pc ON pc.id = cp.card_id "
	    "LEFT JOIN card dc ON dc.id = cp.deputy_card_id "
	    "WHERE cp.id = $1 AND cp.valid_from <= $2 AND "
	    "(cp.valid_until IS NULL OR cp.valid_until >= $2)",
	[Q_REFERRAL_INSERT] =
	    "INSERT INTO referral (client_id, from_org, from_user, "
	    "contact_point_id, to_org, purpose, question, consent_id, status, "
	    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'verzonden', "
	    "$9) RETURNING id",
/* A referral goes to the contact point of (organisation, region,
 * domain): whoever staffs it on day `today` (a bound parameter) sees it,
 * also after the person changed.  One row: the latest that is current. */
#define CURRENT_CP(today) \
	"(SELECT c2.id FROM contact_point c2 WHERE " \
	"c2.org_id = cp0.org_id AND c2.region_code = cp0.region_code AND " \
	"c2.domain = cp0.domain AND c2.valid_from <= " today " AND " \
	"(c2.valid_until IS NULL OR c2.valid_until >= " today ") " \
	"ORDER BY c2.valid_from DESC, c2.id DESC LIMIT 1) "
#define REFERRAL_COLS \
	"r.id, r.client_id, r.from_org, fo.name, r.from_user, fu.name, " \
	"r.contact_point_id, r.to_org, tor.name, cp0.region_code, " \
	"cp0.domain, r.purpose, r.question, r.consent_id, r.status, " \
	"r.assigned_user, au.name, r.answer, r.answered_at, r.created_at, " \
	"pc.user_id, dc.user_id "
#define REFERRAL_JOINS_AT(today) \
	"JOIN organisation fo ON fo.id = r.from_org " \
	"JOIN user_account fu ON fu.id = r.from_user " \
	"JOIN organisation tor ON tor.id = r.to_org " \
	"JOIN contact_point cp0 ON cp0.id = r.contact_point_id " \
	"LEFT JOIN contact_point cp ON cp.id = " CURRENT_CP(today) \
	"LEFT JOIN card pc ON pc.id = cp.card_id " \
	"LEFT JOIN card dc ON dc.id = cp.deputy_card_id " \
	"LEFT JOIN user_account au ON au.id = r.assigned_user "
	[Q_REFERRAL_GET] =
	    "SELECT " REFERRAL_COLS "FROM referral r " REFERRAL_JOINS_AT("$2")
	    "WHERE r.id = $1",
	[Q_REFERRAL_BY_CLIENT] =
	    "SELECT " REFERRAL_COLS "FROM referral r " REFERRAL_JOINS_AT("$2")
	    "WHERE r.client_id = $1 ORDER BY r.id DESC LIMIT 200",
	/* Referrals to a contact point the user staffs: open ones first. */
	[Q_REFERRAL_INBOX] =
	    "SELECT " REFERRAL_COLS "FROM referral r " REFERRAL_JOINS_AT("$3")
	    "WHERE (pc.user_id = $1 OR dc.user_id = $1) AND r.to_org = $2 "
	    "ORDER BY CASE WHEN r.status = 'verzonden' THEN 0 ELSE 1 END, "
	    "r.id DESC LIMIT 200",
	[Q_REFERRAL_SENT] =
	    "SELECT " REFERRAL_COLS "FROM referral r " REFERRAL_JOINS_AT("$2")
	    "WHERE r.from_user = $1 ORDER BY r.id DESC LIMIT 200",
	[Q_REFERRAL_ANSWER] =
	    "UPDATE referral SET status = $2, assigned_user = $3, answer = $4, "
	    "answered_by = $5, answered_at = $6 WHERE id = $1 AND "
	    "status = 'verzonden'",
	[Q_REFERRAL_WITHDRAW_CONSENT] =
	    "UPDATE referral SET status = 'ingetrokken', answer = $3, "
	    "answered_by = $4, answered_at = $2 WHERE consent_id = $1 AND "
	    "status = 'verzonden'",
	/* The policy's referral door (access.h): a pending referral of
	 * client $1 to organisation $3 at a contact point user $2 staffs,
	 * whose consent is still in force on day $4. */
	[Q_REFERRAL_PENDING_FOR] =
	    "SELECT r.consent_id FROM referral r "
	    "JOIN consent c ON c.id = r.consent_id "
	    "JOIN contact_point cp0 ON cp0.id = r.contact_point_id "
	    "JOIN contact_point cp ON cp.id = " CURRENT_CP("$4")
	    "JOIN card pc ON pc.id = cp.card_id "
	    "LEFT JOIN card dc ON dc.id = cp.deputy_card_id "
	    "WHERE r.client_id = $1 AND r.to_org = $3 AND "
	    "r.status = 'verzonden' AND (pc.user_id = $2 OR dc.user_id = $2) "
	    "AND c.revoked_at IS NULL AND c.valid_from <= $4 AND "
	    "c.valid_until >= $4 ORDER BY r.id LIMIT 1",

	/* -- team proposal (a card handed on by the client) -- */
	[Q_PROPOSAL_INSERT] =
	    "INSERT INTO team_proposal (client_id, user_id, card_id, "
	    "proposed_at, status) VALUES ($1, $2, $3, $4, 'voorgesteld') "
	    "RETURNING id",
	[Q_PROPOSAL_LIST] =
	    "SELECT p.id, p.user_id, k.id, k.name, k.function, o.name, "
	    "k.phone, k.email, p.proposed_at, p.status FROM team_proposal p "
	    "JOIN card k ON k.id = p.card_id "
	    "JOIN organisation o ON o.id = k.org_id "
	    "WHERE p.client_id = $1 ORDER BY CASE WHEN p.status = "
	    "'voorgesteld' THEN 0 ELSE 1 END, p.id DESC LIMIT 100",
	[Q_PROPOSAL_GET] =
	    "SELECT id, user_id, status FROM team_proposal WHERE id = $1 AND "
	    "client_id = $2",
	[Q_PROPOSAL_ANSWER] =
	    "UPDATE team_proposal SET status = $2, answered_by = $3, "
	    "answered_at = $4 WHERE id = $1 AND status = 'voorgesteld'",
	[Q_PROPOSAL_PENDING] =
	    "SELECT count(*) FROM team_proposal WHERE client_id = $1 AND "
	    "user_id = $2 AND status = 'voorgesteld'",

	/* -- activation (client portal accounts) -- */
	[Q_ACTIVATION_INSERT] =
	    "INSERT INTO client_activation (client_id, code_hash, created_by, "
	    "created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
	/* A new code replaces the client's codes not used yet. */
	[Q_ACTIVATION_EXPIRE_OPEN] =
	    "UPDATE client_activation SET expires_at = $2 WHERE client_id = $1 "
	    "AND used_at IS NULL AND expires_at > $2",
	[Q_ACTIVATION_FIND] =
	    "SELECT id, client_id FROM client_activation WHERE code_hash = $1 "
	    "AND used_at IS NULL AND expires_at > $2",
	[Q_ACTIVATION_USE] =
	    "UPDATE client_activation SET used_at = $2, user_id = $3 "
	    "WHERE id = $1 AND used_at IS NULL",
	[Q_CLIENT_PORTAL] =
	    "SELECT portal_user, given_name || ' ' || family_name FROM client "
	    "WHERE id = $1 AND erased_at IS NULL",
	[Q_CLIENT_SET_PORTAL] =
	    "UPDATE client SET portal_user = $2 WHERE id = $1 AND "
	    "portal_user IS NULL AND erased_at IS NULL",

	/* -- rights (export, correction, erasure, purge) -- */
	/* The whole care team, ended memberships too. */
	[Q_RIGHTS_TEAM_ALL] =
	    "SELECT t.id, u.name, o.name, t.function, t.added_at, t.ended_at "
	    "FROM care_team t JOIN user_account u ON u.id = t.user_id "
	    "JOIN organisation o ON o.id = t.org_id WHERE t.client_id = $1 "
	    "ORDER BY t.added_at, t.id",
	[Q_RIGHTS_REFERRALS] =
	    "SELECT r.id, r.created_at, fo.name, fu.name, tor.name, r.purpose, "
	    "r.question, r.consent_id, r.status, au.name, r.answer, "
	    "r.answered_at FROM referral r "
	    "JOIN organisation fo ON fo.id = r.from_org "
	    "JOIN user_account fu ON fu.id = r.from_user "
	    "JOIN organisation tor ON tor.id = r.to_org "
	    "LEFT JOIN user_account au ON au.id = r.assigned_user "
	    "WHERE r.client_id = $1 ORDER BY r.id",
	/* The client's trajectories with their milestones and jobs, for
	 * the export (work & income). */
	[Q_RIGHTS_TRAJECTORIES] =
	    "SELECT t.id, t.intervention, i.name, o.name, u.name, "
	    "t.region_code, t.referral_date, t.start_date, t.status, "
	    "t.end_date, t.end_reason, t.created_at, t.updated_at "
	    "FROM trajectory t JOIN intervention i ON i.code = t.intervention "
	    "JOIN organisation o ON o.id = t.org_id "
	    "LEFT JOIN user_account u ON u.id = t.lead_user "
	    "WHERE t.client_id = $1 ORDER BY t.id",
	[Q_RIGHTS_MILESTONES] =
	    "SELECT id, trajectory_id, type, on_date, detail, created_at "
	    "FROM milestone WHERE client_id = $1 "
	    "ORDER BY trajectory_id, on_date, id",
	[Q_RIGHTS_JOBS] =
	    "SELECT id, trajectory_id, employer, minutes_per_week, "
	    "competitive, min_wage, contract, start_date, end_date, "
	    "end_reason, created_at, updated_at FROM job WHERE client_id = $1 "
	    "ORDER BY trajectory_id, start_date, id",
	[Q_CORRECTION_INSERT] =
	    "INSERT INTO correction_request (client_id, text, created_at) "
	    "VALUES ($1, $2, $3) RETURNING id",
	[Q_CORRECTION_LIST] =
	    "SELECT k.id, k.text, k.created_at, k.handled_at, u.name "
	    "FROM correction_request k "
	    "LEFT JOIN user_account u ON u.id = k.handled_by "
	    "WHERE k.client_id = $1 ORDER BY k.id DESC",
	[Q_CORRECTION_HANDLE] =
	    "UPDATE correction_request SET handled_at = $3, handled_by = $4 "
	    "WHERE id = $1 AND client_id = $2 AND handled_at IS NULL",
	/* Erasure ($1 the client, $2 now): what identifies or describes the
	 * client goes; the row, its municipality and dates stay. */
	[Q_RIGHTS_ERASE_CLIENT] =
	    "UPDATE client SET bsn_sealed = NULL, bsn_index = NULL, "
	    "given_name = 'Gewist', family_name = 'Gewist', birth_date = 0, "
	    "phone = NULL, email = NULL, address = NULL, benefit = 'geen', "
	    "target_group = NULL, updated_at = $2, erased_at = $2 "
	    "WHERE id = $1 AND erased_at IS NULL",
	[Q_RIGHTS_ERASE_ACTIONS] =
	    "DELETE FROM plan_action WHERE client_id = $1",
	[Q_RIGHTS_ERASE_GOALS] = "DELETE FROM goal WHERE client_id = $1",
	[Q_RIGHTS_ERASE_NOTES] = "DELETE FROM note WHERE client_id = $1",
	[Q_RIGHTS_ERASE_MEASUREMENTS] =
	    "DELETE FROM measurement WHERE client_id = $1",
	/* Milestones and jobs before their trajectories (foreign key); by
	 * trajectory too, so no row of the client's trajectories is left. */
	[Q_RIGHTS_ERASE_MILESTONES] =
	    "DELETE FROM milestone WHERE client_id = $1 OR trajectory_id IN "
	    "(SELECT id FROM trajectory WHERE client_id = $1)",
	[Q_RIGHTS_ERASE_JOBS] =
	    "DELETE FROM job WHERE client_id = $1 OR trajectory_id IN "
	    "(SELECT id FROM trajectory WHERE client_id = $1)",
	[Q_RIGHTS_ERASE_TRAJECTORIES] =
	    "DELETE FROM trajectory WHERE client_id = $1",
	[Q_RIGHTS_ERASE_CORRECTIONS] =
	    "DELETE FROM correction_request WHERE client_id = $1",
	[Q_RIGHTS_ERASE_ACTIVATIONS] =
	    "DELETE FROM client_activation WHERE client_id = $1 AND "
	    "used_at IS NULL",
	[Q_RIGHTS_ERASE_TEAM] =
	    "UPDATE care_team SET ended_at = $2, ended_by = $3 "
	    "WHERE client_id = $1 AND ended_at IS NULL",
	/* The rows stay (who sent what under which consent), the texts go;
	 * a referral still waiting is withdrawn. */
	[Q_RIGHTS_ERASE_REFERRALS] =
	    "UPDATE referral SET question = 'Gewist', answer = CASE WHEN "
	    "answer IS NULL THEN NULL ELSE 'Gewist' END, status = CASE WHEN "
	    "status = 'verzonden' THEN 'ingetrokken' ELSE status END, "
	    "answered_at = CASE WHEN status = 'verzonden' THEN $2 ELSE "
	    "answered_at END WHERE client_id = $1",
	/* A consent stays as proof; the free text of a revocation goes. */
	[Q_RIGHTS_ERASE_CONSENTS] =
	    "UPDATE consent SET revoke_reason = 'Gewist' WHERE client_id = $1 "
	    "AND revoke_reason IS NOT NULL",
	/* After that: a consent that is in force or still to come ends
	 * ($2 now, $3 today, $4 who erased, NULL: the system). */
	[Q_RIGHTS_REVOKE_CONSENTS] =
	    "UPDATE consent SET revoked_at = $2, revoked_by = $4, "
	    "revoke_reason = 'Cliënt gewist' WHERE client_id = $1 AND "
	    "revoked_at IS NULL AND valid_until >= $3",
	[Q_RIGHTS_ERASE_ACCOUNT] =
	    "UPDATE user_account SET email = $2, name = 'Gewist', "
	    "password_hash = NULL, active = 0, updated_at = $3 "
	    "WHERE id = $1 AND role = 'client'",
	/* Clients registered by an organisation of type $2 whose file did
	 * not change since $1 (the record, goals, actions, notes,
	 * trajectories with their milestones and jobs, measurements); $3
	 * one client only, or NULL. */
	[Q_RIGHTS_DUE] =
	    "SELECT c.id FROM client c "
	    "JOIN organisation o ON o.id = c.registered_org "
	    "WHERE c.erased_at IS NULL AND o.type = $2 AND c.updated_at < $1 "
	    "AND (CAST($3 AS BIGINT) IS NULL OR c.id = $3) "
	    "AND NOT EXISTS (SELECT 1 FROM goal g WHERE g.client_id = c.id "
	    "AND g.updated_at >= $1) "
	    "AND NOT EXISTS (SELECT 1 FROM plan_action a WHERE "
	    "a.client_id = c.id AND a.updated_at >= $1) "
	    "AND NOT EXISTS (SELECT 1 FROM note n WHERE n.client_id = c.id "
	    "AND n.created_at >= $1) "
	    "AND NOT EXISTS (SELECT 1 FROM trajectory t WHERE "
	    "t.client_id = c.id AND t.updated_at >= $1) "
	    "AND NOT EXISTS (SELECT 1 FROM job j WHERE j.client_id = c.id "
	    "AND j.updated_at >= $1) "
	    "AND NOT EXISTS (SELECT 1 FROM milestone m WHERE "
	    "m.client_id = c.id AND m.created_at >= $1) "
	    "AND NOT EXISTS (SELECT 1 FROM measurement x WHERE "
	    "x.client_id = c.id AND x.created_at >= $1) ORDER BY c.id",
	[Q_RIGHTS_ACTIVATIONS_DUE] =
	    "SELECT count(*) FROM client_activation WHERE used_at IS NULL AND "
	    "expires_at < $1",
	[Q_RIGHTS_ACTIVATIONS_PURGE] =
	    "DELETE FROM client_activation WHERE used_at IS NULL AND "
	    "expires_at < $1",
	/* What Q_SESSION_PURGE would delete. */
	[Q_RIGHTS_SESSIONS_DUE] =
	    "SELECT count(*) FROM session WHERE last_seen < $1 OR "
	    "created_at < $2",

	/* -- audit -- */
	[Q_AUDIT_HEAD_GET] =
	    "SELECT last_id, last_hash FROM audit_head WHERE id = 1",
	/* Writers read the head through a no-op UPDATE: it locks the row on
	 * PostgreSQL (READ COMMITTED would let two writers read the same
	 * head); SQLite's write transaction already excludes others. */
	[Q_AUDIT_HEAD_LOCK] =
	    "UPDATE audit_head SET last_id = last_id WHERE id = 1 "
	    "RETURNING last_id, last_hash",
	[Q_AUDIT_HEAD_PUT] =
	    "UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1",
	[Q_AUDIT_INSERT] =
	    "INSERT INTO audit_event (id, at, event, outcome, user_id, org_id, "
	    "role, address, object_type, object_id, client_id, purpose, "
	    "consent_id, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, "
	    "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
	[Q_AUDIT_ALL] =
	    "SELECT " AUDIT_COLS "FROM audit_event a ORDER BY a.id",
	[Q_AUDIT_SEARCH] =
	    "SELECT " AUDIT_COLS ", u.name, o.code FROM audit_event a "
	    "LEFT JOIN user_account u ON u.id = a.user_id "
	    "LEFT JOIN organisation o ON o.id = a.org_id "
	    AUDIT_FILTER "ORDER BY a.id DESC LIMIT $10 OFFSET $11",
	[Q_AUDIT_SEARCH_COUNT] =
	    "SELECT count(*) FROM audit_event a " AUDIT_FILTER,
	/* One client's access log ("Wie keek mee?"): who, for which
	 * organisation, when, what, for which purpose. */
	[Q_AUDIT_CLIENT] =
	    "SELECT a.id, a.at, a.event, a.outcome, a.user_id, u.name, "
	    "a.org_id, o.name, a.role, a.purpose, a.consent_id, "
	    "a.object_type, a.object_id, a.detail FROM audit_event a "
	    "LEFT JOIN user_account u ON u.id = a.user_id "
	    "LEFT JOIN organisation o ON o.id = a.org_id "
	    "WHERE a.client_id = $1 AND ($2 = 0 OR a.at >= $2) AND "
	    "($3 = 0 OR a.at < $3) ORDER BY a.id DESC LIMIT $4 OFFSET $5",
	[Q_AUDIT_CLIENT_COUNT] =
	    "SELECT count(*) FROM audit_event a WHERE a.client_id = $1 AND "
	    "($2 = 0 OR a.at >= $2) AND ($3 = 0 OR a.at < $3)",

	/* -- copy --
	 * migrate-data (store/copy.c): per table, every row with its columns
	 * listed, the same row written back with its own keys, and a count.
	 * The audit head exists after the first migration, so it is
	 * overwritten. */
	[Q_COPY_SETTING_ALL] =
	    "SELECT key, value FROM setting ORDER BY key",
	[Q_COPY_SETTING_PUT] =
	    "INSERT INTO setting (key, value) VALUES ($1, $2)",
	[Q_COPY_SETTING_COUNT] = "SELECT count(*) FROM setting",
	[Q_COPY_REGION_ALL] =
	    "SELECT code, name, year, active FROM region ORDER BY code",
	[Q_COPY_REGION_PUT] =
	    "INSERT INTO region (code, name, year, active) VALUES ($1, $2, "
	    "$3, $4)",
	[Q_COPY_REGION_COUNT] = "SELECT count(*) FROM region",
	[Q_COPY_MUNICIPALITY_ALL] =
	    "SELECT code, name, region_code, year, active FROM municipality "
	    "ORDER BY code",
	[Q_COPY_MUNICIPALITY_PUT] =
	    "INSERT INTO municipality (code, name, region_code, year, "
	    "active) VALUES ($1, $2, $3, $4, $5)",
	[Q_COPY_MUNICIPALITY_COUNT] = "SELECT count(*) FROM municipality",
	[Q_COPY_ORG_ALL] =
	    "SELECT id, code, name, type, municipality_code, agb, kvk, "
	    "phone, email, website, active, created_at, updated_at FROM "
	    "organisation ORDER BY id",
	[Q_COPY_ORG_PUT] =
	    "INSERT INTO organisation (id, code, name, type, "
	    "municipality_code, agb, kvk, phone, email, website, active, "
	    "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
	    "$9, $10, $11, $12, $13)",
	[Q_COPY_ORG_COUNT] = "SELECT count(*) FROM organisation",
	[Q_COPY_ORG_REGION_ALL] =
	    "SELECT org_id, region_code FROM organisation_region ORDER BY "
	    "org_id, region_code",
	[Q_COPY_ORG_REGION_PUT] =
	    "INSERT INTO organisation_region (org_id, region_code) VALUES "
	    "($1, $2)",
	[Q_COPY_ORG_REGION_COUNT] = "SELECT count(*) FROM organisation_region",
	[Q_COPY_USER_ALL] =
	    "SELECT id, email, name, role, org_id, region_code, "
	    "password_hash, lang, active, created_at, updated_at FROM "
	    "user_account ORDER BY id",
	[Q_COPY_USER_PUT] =
	    "INSERT INTO user_account (id, email, name, role, org_id, "
	    "region_code, password_hash, lang, active, created_at, "
	    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
	    "$11)",
	[Q_COPY_USER_COUNT] = "SELECT count(*) FROM user_account",
	[Q_COPY_CARD_ALL] =
	    "SELECT id, user_id, org_id, name, function, phone, email, "
	    "availability, active, created_at, updated_at FROM card ORDER BY "
	    "id",
	[Q_COPY_CARD_PUT] =
	    "INSERT INTO card (id, user_id, org_id, name, function, phone, "
	    "email, availability, active, created_at, updated_at) VALUES "
	    "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
	[Q_COPY_CARD_COUNT] = "SELECT count(*) FROM card",
	[Q_COPY_CP_ALL] =
	    "SELECT id, org_id, region_code, domain, card_id, "
	    "deputy_card_id, valid_from, valid_until, note, created_by, "
	    "created_at FROM contact_point ORDER BY id",
	[Q_COPY_CP_PUT] =
	    "INSERT INTO contact_point (id, org_id, region_code, domain, "
	    "card_id, deputy_card_id, valid_from, valid_until, note, "
	    "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
	    "$9, $10, $11)",
	[Q_COPY_CP_COUNT] = "SELECT count(*) FROM contact_point",
	[Q_COPY_SESSION_ALL] =
	    "SELECT id_hash, user_id, csrf, created_at, last_seen FROM "
	    "session ORDER BY id_hash",
	[Q_COPY_SESSION_PUT] =
	    "INSERT INTO session (id_hash, user_id, csrf, created_at, "
	    "last_seen) VALUES ($1, $2, $3, $4, $5)",
	[Q_COPY_SESSION_COUNT] = "SELECT count(*) FROM session",
	[Q_COPY_TOKEN_ALL] =
	    "SELECT id, user_id, token_hash, created_at, last_used, "
	    "revoked_at FROM api_token ORDER BY id",
	[Q_COPY_TOKEN_PUT] =
	    "INSERT INTO api_token (id, user_id, token_hash, created_at, "
	    "last_used, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)",
	[Q_COPY_TOKEN_COUNT] = "SELECT count(*) FROM api_token",
	[Q_COPY_THROTTLE_ALL] =
	    "SELECT key, failures, window_start, locked_until FROM "
	    "login_throttle ORDER BY key",
	[Q_COPY_THROTTLE_PUT] =
	    "INSERT INTO login_throttle (key, failures, window_start, "
	    "locked_until) VALUES ($1, $2, $3, $4)",
	[Q_COPY_THROTTLE_COUNT] = "SELECT count(*) FROM login_throttle",
	[Q_COPY_CLIENT_ALL] =
	    "SELECT id, bsn_sealed, bsn_index, given_name, family_name, "
	    "birth_date, phone, email, address, municipality_code, benefit, "
	    "target_group, "
	    "registered_org, registered_by, created_at, updated_at, "
	    "erased_at, portal_user FROM client ORDER BY id",
	[Q_COPY_CLIENT_PUT] =
	    "INSERT INTO client (id, bsn_sealed, bsn_index, given_name, "
	    "family_name, birth_date, phone, email, address, "
	    "municipality_code, benefit, target_group, registered_org, "
	    "registered_by, created_at, updated_at, erased_at, portal_user) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
	    "$14, $15, $16, $17, $18)",
	[Q_COPY_CLIENT_COUNT] = "SELECT count(*) FROM client",
	[Q_COPY_TEAM_ALL] =
	    "SELECT id, client_id, user_id, org_id, function, added_by, "
	    "added_at, ended_at, ended_by FROM care_team ORDER BY id",
	[Q_COPY_TEAM_PUT] =
	    "INSERT INTO care_team (id, client_id, user_id, org_id, "
	    "function, added_by, added_at, ended_at, ended_by) VALUES ($1, "
	    "$2, $3, $4, $5, $6, $7, $8, $9)",
	[Q_COPY_TEAM_COUNT] = "SELECT count(*) FROM care_team",
	[Q_COPY_CONSENT_ALL] =
	    "SELECT id, client_id, org_id, purpose, categories, valid_from, "
	    "valid_until, method, evidence, recorded_by, recorded_at, "
	    "revoked_at, revoked_by, revoke_reason FROM consent ORDER BY id",
	[Q_COPY_CONSENT_PUT] =
	    "INSERT INTO consent (id, client_id, org_id, purpose, "
	    "categories, valid_from, valid_until, method, evidence, "
	    "recorded_by, recorded_at, revoked_at, revoked_by, "
	    "revoke_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
	    "$11, $12, $13, $14)",
	[Q_COPY_CONSENT_COUNT] = "SELECT count(*) FROM consent",
	[Q_COPY_GOAL_ALL] =
	    "SELECT id, client_id, track, owner_org, title, target, "
	    "due_date, stopped_at, created_by, created_at, updated_at, "
	    "version FROM goal ORDER BY id",
	[Q_COPY_GOAL_PUT] =
	    "INSERT INTO goal (id, client_id, track, owner_org, title, "
	    "target, due_date, stopped_at, created_by, created_at, "
	    "updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
	    "$9, $10, $11, $12)",
	[Q_COPY_GOAL_COUNT] = "SELECT count(*) FROM goal",
	[Q_COPY_ACTION_ALL] =
	    "SELECT id, goal_id, client_id, title, owner_user, due_date, "
	    "done_at, done_by, created_by, created_at, updated_at, version "
	    "FROM plan_action ORDER BY id",
	[Q_COPY_ACTION_PUT] =
	    "INSERT INTO plan_action (id, goal_id, client_id, title, "
	    "owner_user, due_date, done_at, done_by, created_by, "
	    "created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, "
	    "$6, $7, $8, $9, $10, $11, $12)",
	[Q_COPY_ACTION_COUNT] = "SELECT count(*) FROM plan_action",
	[Q_COPY_NOTE_ALL] =
	    "SELECT id, client_id, org_id, author_id, kind, on_date, body, "
	    "created_at FROM note ORDER BY id",
	[Q_COPY_NOTE_PUT] =
	    "INSERT INTO note (id, client_id, org_id, author_id, kind, "
	    "on_date, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
	    "$8)",
	[Q_COPY_NOTE_COUNT] = "SELECT count(*) FROM note",
	[Q_COPY_MEASUREMENT_ALL] =
	    "SELECT id, client_id, instrument, on_date, items, value, band, "
	    "source, org_id, entered_by, created_at FROM measurement "
	    "ORDER BY id",
	[Q_COPY_MEASUREMENT_PUT] =
	    "INSERT INTO measurement (id, client_id, instrument, on_date, "
	    "items, value, band, source, org_id, entered_by, created_at) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
	[Q_COPY_MEASUREMENT_COUNT] = "SELECT count(*) FROM measurement",
	[Q_COPY_ACTIVATION_ALL] =
	    "SELECT id, client_id, code_hash, created_by, created_at, "
	    "expires_at, used_at, user_id FROM client_activation ORDER BY id",
	[Q_COPY_ACTIVATION_PUT] =
	    "INSERT INTO client_activation (id, client_id, code_hash, "
	    "created_by, created_at, expires_at, used_at, user_id) VALUES "
	    "($1, $2, $3, $4, $5, $6, $7, $8)",
	[Q_COPY_ACTIVATION_COUNT] = "SELECT count(*) FROM client_activation",
	[Q_COPY_REFERRAL_ALL] =
	    "SELECT id, client_id, from_org, from_user, contact_point_id, "
	    "to_org, purpose, question, consent_id, status, assigned_user, "
	    "answer, answered_by, answered_at, created_at FROM referral "
	    "ORDER BY id",
	[Q_COPY_REFERRAL_PUT] =
	    "INSERT INTO referral (id, client_id, from_org, from_user, "
	    "contact_point_id, to_org, purpose, question, consent_id, status, "
	    "assigned_user, answer, answered_by, answered_at, created_at) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
	    "$14, $15)",
	[Q_COPY_REFERRAL_COUNT] = "SELECT count(*) FROM referral",
	[Q_COPY_PROPOSAL_ALL] =
	    "SELECT id, client_id, user_id, card_id, proposed_at, status, "
	    "answered_by, answered_at FROM team_proposal ORDER BY id",
	[Q_COPY_PROPOSAL_PUT] =
	    "INSERT INTO team_proposal (id, client_id, user_id, card_id, "
	    "proposed_at, status, answered_by, answered_at) VALUES ($1, $2, "
	    "$3, $4, $5, $6, $7, $8)",
	[Q_COPY_PROPOSAL_COUNT] = "SELECT count(*) FROM team_proposal",
	[Q_COPY_CORRECTION_ALL] =
	    "SELECT id, client_id, text, created_at, handled_at, handled_by "
	    "FROM correction_request ORDER BY id",
	[Q_COPY_CORRECTION_PUT] =
	    "INSERT INTO correction_request (id, client_id, text, "
	    "created_at, handled_at, handled_by) VALUES ($1, $2, $3, $4, $5, "
	    "$6)",
	[Q_COPY_CORRECTION_COUNT] = "SELECT count(*) FROM correction_request",
	[Q_COPY_FIDELITY_ALL] =
	    "SELECT id, org_id, programme, intervention, review_date, "
	    "reviewers, total, band, action_points, created_by, created_at "
	    "FROM fidelity_review ORDER BY id",
	[Q_COPY_FIDELITY_PUT] =
	    "INSERT INTO fidelity_review (id, org_id, programme, intervention, "
	    "review_date, reviewers, total, band, action_points, created_by, "
	    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
	    "$11)",
	[Q_COPY_FIDELITY_COUNT] = "SELECT count(*) FROM fidelity_review",
	[Q_COPY_FIDELITY_SCORE_ALL] =
	    "SELECT review_id, item, score FROM fidelity_score "
	    "ORDER BY review_id, item",
	[Q_COPY_FIDELITY_SCORE_PUT] =
	    "INSERT INTO fidelity_score (review_id, item, score) "
	    "VALUES ($1, $2, $3)",
	[Q_COPY_FIDELITY_SCORE_COUNT] = "SELECT count(*) FROM fidelity_score",
	[Q_COPY_INTERVENTION_ALL] =
	    "SELECT code, name, description, ips, active, sort, updated_at "
	    "FROM intervention ORDER BY code",
	/* The migration seeded it: the source's names and switches win. */
	[Q_COPY_INTERVENTION_PUT] =
	    "INSERT INTO intervention (code, name, description, ips, active, "
	    "sort, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
	    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
	    "description = excluded.description, ips = excluded.ips, "
	    "active = excluded.active, sort = excluded.sort, "
	    "updated_at = excluded.updated_at",
	[Q_COPY_INTERVENTION_COUNT] = "SELECT count(*) FROM intervention",
	[Q_COPY_QUARTER_ALL] =
	    "SELECT year, quarter, first_day, last_day FROM calendar_quarter "
	    "ORDER BY year, quarter",
	[Q_COPY_QUARTER_PUT] =
	    "INSERT INTO calendar_quarter (year, quarter, first_day, last_day) "
	    "VALUES ($1, $2, $3, $4) ON CONFLICT (year, quarter) DO NOTHING",
	[Q_COPY_QUARTER_COUNT] = "SELECT count(*) FROM calendar_quarter",
	[Q_COPY_TRAJECTORY_ALL] =
	    "SELECT id, client_id, intervention, org_id, lead_user, "
	    "region_code, referral_date, start_date, status, end_date, "
	    "end_reason, first_contact_date, created_by, created_at, "
	    "updated_at, version FROM trajectory ORDER BY id",
	[Q_COPY_TRAJECTORY_PUT] =
	    "INSERT INTO trajectory (id, client_id, intervention, org_id, "
	    "lead_user, region_code, referral_date, start_date, status, "
	    "end_date, end_reason, first_contact_date, created_by, created_at, "
	    "updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
	    "$10, $11, $12, $13, $14, $15, $16)",
	[Q_COPY_TRAJECTORY_COUNT] = "SELECT count(*) FROM trajectory",
	[Q_COPY_MILESTONE_ALL] =
	    "SELECT id, trajectory_id, client_id, type, on_date, detail, "
	    "created_by, created_at FROM milestone ORDER BY id",
	[Q_COPY_MILESTONE_PUT] =
	    "INSERT INTO milestone (id, trajectory_id, client_id, type, "
	    "on_date, detail, created_by, created_at) VALUES ($1, $2, $3, $4, "
	    "$5, $6, $7, $8)",
	[Q_COPY_MILESTONE_COUNT] = "SELECT count(*) FROM milestone",
	[Q_COPY_JOB_ALL] =
	    "SELECT id, trajectory_id, client_id, employer, minutes_per_week, "
	    "competitive, min_wage, contract, start_date, end_date, "
	    "end_reason, created_by, created_at, updated_at FROM job "
	    "ORDER BY id",
	[Q_COPY_JOB_PUT] =
	    "INSERT INTO job (id, trajectory_id, client_id, employer, "
	    "minutes_per_week, competitive, min_wage, contract, start_date, "
	    "end_date, end_reason, created_by, created_at, updated_at) VALUES "
	    "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
	[Q_COPY_JOB_COUNT] = "SELECT count(*) FROM job",
	[Q_COPY_TARGET_ALL] =
	    "SELECT id, region_code, org_id, intervention, indicator, year, "
	    "value, set_by, set_at FROM indicator_target ORDER BY id",
	[Q_COPY_TARGET_PUT] =
	    "INSERT INTO indicator_target (id, region_code, org_id, "
	    "intervention, indicator, year, value, set_by, set_at) VALUES ($1, "
	    "$2, $3, $4, $5, $6, $7, $8, $9)",
	[Q_COPY_TARGET_COUNT] = "SELECT count(*) FROM indicator_target",
	[Q_COPY_AUDIT_ALL] =
	    "SELECT id, at, event, outcome, user_id, org_id, role, address, "
	    "object_type, object_id, client_id, purpose, consent_id, detail, "
	    "prev_hash, hash FROM audit_event ORDER BY id",
	[Q_COPY_AUDIT_PUT] =
	    "INSERT INTO audit_event (id, at, event, outcome, user_id, "
	    "org_id, role, address, object_type, object_id, client_id, "
	    "purpose, consent_id, detail, prev_hash, hash) VALUES ($1, $2, "
	    "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
	[Q_COPY_AUDIT_COUNT] = "SELECT count(*) FROM audit_event",
	[Q_COPY_AUDIT_HEAD_ALL] =
	    "SELECT id, last_id, last_hash FROM audit_head ORDER BY id",
	[Q_COPY_AUDIT_HEAD_PUT] =
	    "INSERT INTO audit_head (id, last_id, last_hash) VALUES ($1, $2, "
	    "$3) ON CONFLICT (id) DO UPDATE SET last_id = excluded.last_id, "
	    "last_hash = excluded.last_hash",
	[Q_COPY_AUDIT_HEAD_COUNT] = "SELECT count(*) FROM audit_head",
};

static const char *const names[Q__COUNT] = {
#define WB_QUERY_NAME(name) [name] = #name,
	WB_QUERY_LIST(WB_QUERY_NAME)
#undef WB_QUERY_NAME
};

const char *
wb_query_sql(enum wb_query q)
{
	return sql[q];
}

const char *
wb_query_name(enum wb_query q)
{
	return names[q] ? names[q] : "Q_?";
}
