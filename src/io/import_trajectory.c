/* import_trajectory.c - the rows of a file of trajectories (trajecten)
 * for outcome_import.c: check each row (intervention, dates, status, end
 * reason, the client's region, duplicates in the file and in werkbrug)
 * and write the checked ones.
 */
#include "io/import_impl.h"
#include "base/str.h"
#include "domain/trajectory.h"

#include <strings.h>

/* Statuses as stored in wb_trajectory_statuses (trajectory.h). */
enum { ST_AANGEMELD, ST_ACTIEF, ST_AFGEROND, ST_UITGEVALLEN };

static int	client_region(struct ctx *c, struct client *k, size_t line);
static int	load_traj_keys(struct ctx *c, struct client *k);

/* ---------- checking rows ---------------------------------------------- */

/* The client's region now (trajectory.c records it with a trajectory). */
static int
client_region(struct ctx *c, struct client *k, size_t line)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	if (k->region[0] != '\0' || c->db == NULL)
		return 0;
	rc = wb_db_prepare(c->db, Q_TRAJ_CLIENT_REGION, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, k->id);
	rc = wb_stmt_step(st, c->err);
	if (rc == 1)
		snprintf(k->region, sizeof(k->region), "%s",
		    wb_stmt_text(st, 0));
	wb_stmt_release(st);
	if (rc == 0)
		imp_problem(c, line, -1, "cliënt %lld woont in een gemeente "
		    "zonder arbeidsmarktregio", (long long)k->id);
	return rc < 0 ? rc : 0;
}

/* Put the client's stored trajectories in the duplicate keys. */
static int
load_traj_keys(struct ctx *c, struct client *k)
{
	struct wb_stmt	*st = NULL;
	int64_t		 unused;
	int		 rc;

	if (k->keys_loaded || c->db == NULL)
		return 0;
	k->keys_loaded = true;
	rc = wb_db_prepare(c->db, Q_IMPORT_TRAJ_KEYS, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, k->id);
	while ((rc = wb_stmt_step(st, c->err)) == 1) {
		int iv = -1;
		size_t i;

		for (i = 0; i < c->nivs; i++)
			if (strcmp(c->ivs[i].code, wb_stmt_text(st, 1)) == 0)
				iv = (int)i;
		(void)imp_keys_add(&c->keys, (uint64_t)k->id,
		    (uint64_t)(iv + 1) << 48 |
		    imp_day_key(wb_stmt_isnull(st, 2) ? NONE :
		    (int32_t)wb_stmt_int64(st, 2)) << 24 |
		    imp_day_key(wb_stmt_isnull(st, 3) ? NONE :
		    (int32_t)wb_stmt_int64(st, 3)), -wb_stmt_int64(st, 0),
		    &unused);
	}
	wb_stmt_release(st);
	return rc;
}

int
imp_traj_check(struct ctx *c, size_t line)
{
	struct traj_row	 r = { .line = line };
	struct client	*k = NULL;
	const char	*v;
	const size_t	 before = c->res->nproblems;
	int64_t		 prev;
	int		 iv = -1, status, rc;
	size_t		 i;

	rc = imp_client_of(c, line, WB_CAT_WORK, "trajecten", &k);
	if (rc != 0)
		return rc;
	v = c->v[C_INTERVENTION];
	if (imp_blank(v))
		imp_problem(c, line, C_INTERVENTION, "vul de interventie in "
		    "(een code uit de catalogus, bijvoorbeeld ips)");
	else if (c->db == NULL)
		iv = strlen(v) <= 32 ? 0 : -1;
	else
		for (i = 0; i < c->nivs && iv < 0; i++)
			if (strcasecmp(c->ivs[i].code, v) == 0 ||
			    strcasecmp(c->ivs[i].name, v) == 0)
				iv = (int)i;
	if (!imp_blank(v) && iv < 0)
		imp_problem(c, line, C_INTERVENTION, "interventie '%s' staat "
		    "niet in de catalogus", imp_shown(c, v));
	(void)imp_get_day(c, line, C_REFERRAL_DATE, false, &r.referral);
	(void)imp_get_day(c, line, C_START_DATE, false, &r.start);
	(void)imp_get_day(c, line, C_END_DATE, false, &r.end);
	v = c->v[C_STATUS];
	status = imp_blank(v) ? -1 : imp_pick(wb_trajectory_statuses,
	    wb_trajectory_status_label, v);
	if (!imp_blank(v) && status < 0)
		imp_problem(c, line, C_STATUS, "kies aangemeld, actief, "
		    "afgerond of uitgevallen");
	r.reason = c->v[C_END_REASON];
	if (!imp_blank(r.reason) && wb_utf8_len(r.reason,
	    strlen(r.reason)) > WB_REASON_MAX)
		imp_problem(c, line, C_END_REASON, "de reden is te lang "
		    "(hoogstens %d tekens)", WB_REASON_MAX);
	if (c->res->nproblems > before)
		return 0;

	if (status < 0)
		status = !imp_blank(c->v[C_END_DATE]) ? -1 : r.start != NONE ?
		    ST_ACTIEF : ST_AANGEMELD;
	if (status < 0)
		imp_problem(c, line, C_STATUS, "vul de status in: een traject "
		    "met een einddatum is afgerond of uitgevallen");
	else if (r.referral == NONE && r.start == NONE)
		imp_problem(c, line, C_START_DATE, "vul de startdatum in, of "
		    "de aanmelddatum als het traject nog moet beginnen");
	else if (status == ST_AANGEMELD && r.start != NONE)
		imp_problem(c, line, C_STATUS, "een traject met een startdatum "
		    "is niet meer aangemeld");
	else if (status == ST_ACTIEF && r.start == NONE)
		imp_problem(c, line, C_START_DATE, "een actief traject heeft "
		    "een startdatum");
	else if (status == ST_AFGEROND && r.start == NONE)
		imp_problem(c, line, C_START_DATE, "een afgerond traject heeft "
		    "een startdatum (een traject dat niet begon, is "
		    "uitgevallen)");
	else if (status <= ST_ACTIEF && r.end != NONE)
		imp_problem(c, line, C_END_DATE, "alleen een afgerond of "
		    "uitgevallen traject heeft een einddatum");
	else if (status <= ST_ACTIEF && !imp_blank(r.reason))
		imp_problem(c, line, C_END_REASON, "alleen een beëindigd "
		    "traject heeft een reden van einde");
	else if (status >= ST_AFGEROND && r.end == NONE)
		imp_problem(c, line, C_END_DATE, "vul de einddatum in");
	else if (status == ST_UITGEVALLEN && imp_blank(r.reason))
		imp_problem(c, line, C_END_REASON, "vul in waarom het traject "
		    "gestopt is");
	else if (r.start != NONE && r.referral != NONE && r.start < r.referral)
		imp_problem(c, line, C_START_DATE, "de startdatum ligt vóór de "
		    "aanmelddatum");
	else if (r.end != NONE && ((r.start != NONE && r.end < r.start) ||
	    (r.referral != NONE && r.end < r.referral)))
		imp_problem(c, line, C_END_DATE, "de einddatum ligt vóór het "
		    "begin van het traject");
	else if (c->db != NULL && !c->ivs[iv].active &&
	    status <= ST_ACTIEF)
		imp_problem(c, line, C_INTERVENTION, "interventie %s wordt "
		    "niet meer aangeboden; alleen beëindigde trajecten ervan "
		    "kunnen worden ingelezen", c->ivs[iv].code);
	if (c->res->nproblems > before || k == NULL)
		return 0;

	rc = client_region(c, k, line);
	if (rc == 0)
		rc = load_traj_keys(c, k);
	if (rc != 0)
		return rc;
	if (imp_keys_add(&c->keys, (uint64_t)k->id, (uint64_t)(iv + 1) << 48 |
	    imp_day_key(r.referral) << 24 | imp_day_key(r.start),
	    (int64_t)line, &prev)) {
		if (prev > 0)
			imp_problem(c, line, -1, "hetzelfde traject (cliënt, "
			    "interventie, aanmeld- en startdatum) staat ook op "
			    "regel %lld", (long long)prev);
		else
			imp_problem(c, line, -1, "dit traject staat al in "
			    "werkbrug (traject %lld)", (long long)-prev);
	}
	if (c->res->nproblems > before)
		return 0;
	r.client = k->id;
	r.iv = (uint16_t)iv;
	r.status = (uint8_t)status;
	r.reason = imp_blank(r.reason) ? NULL :
	    wb_arena_strdup(c->a, r.reason);
	memcpy(imp_push_row(c), &r, sizeof(r));
	c->nrows++;
	k->rows++;
	return 0;
}

/* ---------- writing ---------------------------------------------------- */

int
imp_traj_write(struct ctx *c, size_t i)
{
	struct wb_stmt		*st = NULL;
	const struct traj_row	*r = (struct traj_row *)c->rows + i;
	struct client		*k;
	int			 rc;

	rc = imp_client_entry(c, r->client, &k);
	if (rc == 0)
		rc = wb_db_prepare(c->db, Q_IMPORT_TRAJ_INSERT, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, r->client);
	wb_stmt_bind_text(st, 2, c->ivs[r->iv].code);
	wb_stmt_bind_int64(st, 3, c->actor->org_id);
	wb_stmt_bind_int64(st, 4, c->actor->user_id);
	wb_stmt_bind_text(st, 5, k->region);
	imp_bind_day(st, 6, r->referral);
	imp_bind_day(st, 7, r->start);
	wb_stmt_bind_text(st, 8, wb_trajectory_statuses[r->status]);
	imp_bind_day(st, 9, r->end);
	wb_stmt_bind_opt(st, 10, r->reason);
	wb_stmt_bind_int64(st, 11, c->now);
	rc = wb_stmt_exec(st, c->err);
	wb_stmt_release(st);
	c->res->trajectories++;
	return rc;
}
