/* import_milestone.c - the rows of a file of milestones and jobs
 * (mijlpalen) for outcome_import.c: find the trajectory each row names
 * and what is stored of it (milestones, running jobs), check the row
 * against it (type, dates, a job's terms, the job a job-end ends,
 * duplicates), and write the checked rows and each trajectory's first
 * employer contact.
 */
#include "io/import_impl.h"
#include "base/mem.h"
#include "base/str.h"
#include "base/time.h"
#include "domain/trajectory.h"

#include <strings.h>

/* The details of a benefit-outflow, as stored. */
static const char *const outflow_details[] = { "volledig", "gedeeltelijk",
    NULL };

/* A job still running in a trajectory: stored (id) or started by row
 * `row` of the file. */
struct open_job {
	int64_t		 id;		/* 0: in the file */
	size_t		 row;
	int32_t		 start;
	const char	*employer;
};

/* A trajectory named in a milestone file. */
struct traj {
	int64_t		 id, client_id;
	int		 status;
	int32_t		 start, end;
	bool		 loaded;	/* milestones and jobs read */
	struct open_job	*jobs;		/* running */
	size_t		 njobs, cap;
	int32_t		 first_contact;	/* earliest contact in the file */
};

static uint64_t	text_hash(const char *s);
static int	yes_no(const char *s);
static int	traj_entry(struct ctx *c, int64_t id, int64_t client,
		    struct traj **out);
static int	traj_find(struct ctx *c, size_t line, int64_t client,
		    int iv, int32_t start, int64_t *id);
static int	load_traj_detail(struct ctx *c, struct traj *t);
static void	end_job(struct ctx *c, size_t line, struct traj *t,
		    struct ms_row *r);

/* FNV-1a of s, ASCII case and surrounding space ignored (employers are
 * matched that way). */
static uint64_t
text_hash(const char *s)
{
	struct wb_str	t = wb_str_trim(wb_str_c(s));
	uint64_t	h = 14695981039346656037ULL;
	size_t		i;

	for (i = 0; i < t.n; i++) {
		unsigned char ch = (unsigned char)t.p[i];

		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch - 'A' + 'a');
		h = (h ^ ch) * 1099511628211ULL;
	}
	return h;
}

/* 1 for ja/yes/j/y/1/true, 0 for nee/no/n/0/false, -1 otherwise. */
static int
yes_no(const char *s)
{
	static const char *const yes[] = { "ja", "j", "yes", "y", "1",
	    "true", "waar", NULL };
	static const char *const no[] = { "nee", "n", "no", "0", "false",
	    "onwaar", NULL };

	if (imp_pick(yes, NULL, s) >= 0)
		return 1;
	if (imp_pick(no, NULL, s) >= 0)
		return 0;
	return -1;
}

/* ---------- trajectories named by milestones --------------------------- */

/* The entry of trajectory `id` of `client`: *out NULL when there is no
 * such trajectory of that client. */
static int
traj_entry(struct ctx *c, int64_t id, int64_t client, struct traj **out)
{
	struct wb_stmt	*st = NULL;
	struct traj	*t;
	int64_t		*slot;
	bool		 found;
	int		 rc;

	*out = NULL;
	slot = imp_idmap_slot(&c->traj_ix, id, &found);
	if (found) {
		if (*slot >= 0 && c->trajs[*slot].client_id == client)
			*out = &c->trajs[*slot];
		return 0;
	}
	*slot = -1;
	rc = wb_db_prepare(c->db, Q_TRAJ_GET, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, id);
	wb_stmt_bind_int64(st, 2, client);
	rc = wb_stmt_step(st, c->err);
	if (rc == 1) {
		if (c->ntrajs == c->tcap) {
			c->tcap = c->tcap == 0 ? 64 : c->tcap * 2;
			c->trajs = wb_xrealloc(c->trajs, c->tcap *
			    sizeof(*c->trajs));
		}
		*slot = (int64_t)c->ntrajs;
		t = &c->trajs[c->ntrajs++];
		memset(t, 0, sizeof(*t));
		t->id = id;
		t->client_id = client;
		t->status = imp_pick(wb_trajectory_statuses, NULL,
		    wb_stmt_text(st, 2));
		t->start = wb_stmt_isnull(st, 4) ? NONE :
		    (int32_t)wb_stmt_int64(st, 4);
		t->end = wb_stmt_isnull(st, 5) ? NONE :
		    (int32_t)wb_stmt_int64(st, 5);
		t->first_contact = NONE;
		*out = t;
		rc = 0;
	}
	wb_stmt_release(st);
	return rc;
}

/* The trajectory of `client` in intervention iv that started on `start`:
 * *id 0 after noting a problem. */
static int
traj_find(struct ctx *c, size_t line, int64_t client, int iv, int32_t start,
    int64_t *id)
{
	struct wb_stmt	*st = NULL;
	char		 day[16];
	int		 rc, n = 0;

	*id = 0;
	rc = wb_db_prepare(c->db, Q_IMPORT_TRAJ_FIND, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client);
	wb_stmt_bind_text(st, 2, c->ivs[iv].code);
	wb_stmt_bind_int64(st, 3, start);
	while ((rc = wb_stmt_step(st, c->err)) == 1) {
		*id = wb_stmt_int64(st, 0);
		n++;
	}
	wb_stmt_release(st);
	if (rc != 0)
		return rc;
	wb_date_nl(start, day, sizeof(day));
	if (n == 0)
		imp_problem(c, line, C_TRAJECTORY_START, "cliënt %lld heeft "
		    "geen traject %s dat op %s begon", (long long)client,
		    c->ivs[iv].code, day);
	else if (n > 1)
		imp_problem(c, line, C_TRAJECTORY_START, "cliënt %lld heeft "
		    "meer trajecten %s die op %s begonnen; noem het traject "
		    "met trajectory_id", (long long)client, c->ivs[iv].code,
		    day);
	if (n != 1)
		*id = 0;
	return 0;
}

/* Read the trajectory's stored milestones (duplicate keys) and running
 * jobs, once. */
static int
load_traj_detail(struct ctx *c, struct traj *t)
{
	struct wb_stmt	*st = NULL;
	int64_t		 unused;
	int		 rc, type;

	if (t->loaded || c->db == NULL)
		return 0;
	t->loaded = true;
	rc = wb_db_prepare(c->db, Q_IMPORT_MILESTONE_KEYS, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, t->id);
	while ((rc = wb_stmt_step(st, c->err)) == 1) {
		type = imp_pick(wb_milestone_types, NULL, wb_stmt_text(st, 0));
		(void)imp_keys_add(&c->keys, (uint64_t)t->id,
		    (uint64_t)(type + 1) << 56 |
		    imp_day_key((int32_t)wb_stmt_int64(st, 1)) << 32,
		    INT64_MIN, &unused);
	}
	wb_stmt_release(st);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(c->db, Q_IMPORT_JOBS, &st, c->err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, t->id);
	while ((rc = wb_stmt_step(st, c->err)) == 1) {
		int32_t start = (int32_t)wb_stmt_int64(st, 2);
		struct open_job *j;

		(void)imp_keys_add(&c->keys, (uint64_t)t->id,
		    (uint64_t)(MS_JOB_START + 1) << 56 |
		    imp_day_key(start) << 32 |
		    (text_hash(wb_stmt_text(st, 1)) & 0xffffffff),
		    -wb_stmt_int64(st, 0), &unused);
		if (!wb_stmt_isnull(st, 3))
			continue;
		j = WB_ARENA_PUSH(c->a, t->jobs, t->njobs, t->cap);
		j->id = wb_stmt_int64(st, 0);
		j->start = start;
		j->employer = wb_arena_strdup(c->a, wb_stmt_text(st, 1));
	}
	wb_stmt_release(st);
	return rc;
}

/* ---------- checking rows ---------------------------------------------- */

/* Find the running job a job-end row ends (employer given or not) and
 * link the two; a problem when there is none or more than one. */
static void
end_job(struct ctx *c, size_t line, struct traj *t, struct ms_row *r)
{
	struct ms_row	*rows = c->rows;
	size_t		 i, hit = SIZE_MAX, n = 0;

	for (i = 0; i < t->njobs; i++) {
		if (t->jobs[i].start > r->day)
			continue;
		if (!imp_blank(r->employer) &&
		    text_hash(t->jobs[i].employer) != text_hash(r->employer))
			continue;
		hit = i;
		n++;
	}
	if (n == 0) {
		imp_problem(c, line, imp_blank(r->employer) ? C_TYPE :
		    C_EMPLOYER, "er loopt op deze datum geen baan%s in dit "
		    "traject",
		    imp_blank(r->employer) ? "" : " bij deze werkgever");
		return;
	}
	if (n > 1) {
		imp_problem(c, line, C_EMPLOYER, "er lopen meer banen in dit "
		    "traject; vul de werkgever in om te kiezen welke eindigt");
		return;
	}
	if (t->jobs[hit].id != 0)
		r->end_job = t->jobs[hit].id;
	else {
		struct ms_row *s = &rows[t->jobs[hit].row];

		s->end = r->day;
		s->end_reason = r->reason;
		r->merged = true;
	}
	t->jobs[hit] = t->jobs[--t->njobs];
}

int
imp_milestone_check(struct ctx *c, size_t line)
{
	struct ms_row	 r = { .line = line, .end = NONE };
	struct client	*k = NULL;
	struct traj	*t = NULL;
	const char	*v;
	const size_t	 before = c->res->nproblems;
	int32_t		 tstart = NONE;
	int64_t		 tid = 0, prev;
	int		 type, iv = -1, rc;
	size_t		 i;
	uint64_t	 key;

	rc = imp_client_of(c, line, WB_CAT_WORK, "mijlpalen", &k);
	if (rc != 0)
		return rc;
	v = c->v[C_TYPE];
	type = imp_blank(v) ? -1 : imp_pick(wb_milestone_types,
	    wb_milestone_type_label, v);
	if (type < 0)
		imp_problem(c, line, C_TYPE, "kies profile, employer-contact, "
		    "job-start, job-end, benefit-outflow of education");
	(void)imp_get_day(c, line, C_DATE, true, &r.day);

	/* The trajectory: its number, or intervention and start date. */
	v = c->v[C_TRAJECTORY_ID];
	if (!imp_blank(v)) {
		if (wb_parse_int64(v, strlen(v), 1, INT64_MAX, &tid) != 0)
			imp_problem(c, line, C_TRAJECTORY_ID, "geen "
			    "trajectnummer (een getal van werkbrug)");
	} else {
		v = c->v[C_INTERVENTION];
		if (imp_blank(v) || imp_blank(c->v[C_TRAJECTORY_START]))
			imp_problem(c, line, C_TRAJECTORY_ID, "noem het "
			    "traject: trajectory_id, of intervention en "
			    "trajectory_start");
		else if (imp_get_day(c, line, C_TRAJECTORY_START, true,
		    &tstart)) {
			for (i = 0; i < c->nivs && iv < 0; i++)
				if (strcasecmp(c->ivs[i].code, v) == 0 ||
				    strcasecmp(c->ivs[i].name, v) == 0)
					iv = (int)i;
			if (iv < 0 && c->db != NULL)
				imp_problem(c, line, C_INTERVENTION,
				    "interventie '%s' staat niet in de "
				    "catalogus",
				    imp_shown(c, v));
		}
	}

	/* What each type takes, and nothing else. */
	v = c->v[C_DETAIL];
	if (type == MS_OUTFLOW) {
		int d = imp_blank(v) ? -1 : imp_pick(outflow_details, NULL, v);

		if (d < 0)
			imp_problem(c, line, C_DETAIL, "vul volledig of "
			    "gedeeltelijk in");
		r.detail = (uint8_t)(d + 1);
	} else if (!imp_blank(v) && type >= 0)
		imp_problem(c, line, C_DETAIL, "alleen bij benefit-outflow");
	if (type == MS_JOB_START) {
		v = c->v[C_EMPLOYER];
		if (imp_blank(v) || strchr(v, '\n') != NULL ||
		    wb_utf8_len(v, strlen(v)) > WB_EMPLOYER_MAX)
			imp_problem(c, line, C_EMPLOYER, "vul de werkgever "
			    "in (één regel, hoogstens %d tekens)",
			    WB_EMPLOYER_MAX);
		r.minutes = wb_hours_parse(c->v[C_HOURS]);
		if (r.minutes < 0)
			imp_problem(c, line, C_HOURS, "vul de uren per week "
			    "in als getal groter dan 0 en hoogstens 80, "
			    "bijvoorbeeld 16 of 16,5");
		r.competitive = (int8_t)yes_no(c->v[C_COMPETITIVE]);
		if (r.competitive < 0)
			imp_problem(c, line, C_COMPETITIVE, "vul ja of nee "
			    "in: een reguliere baan op de open arbeidsmarkt?");
		r.min_wage = (int8_t)yes_no(c->v[C_MIN_WAGE]);
		if (r.min_wage < 0)
			imp_problem(c, line, C_MIN_WAGE, "vul ja of nee in: "
			    "ten minste het minimumloon?");
		v = c->v[C_CONTRACT];
		rc = imp_blank(v) ? -1 : imp_pick(wb_job_contracts,
		    wb_job_contract_label, v);
		if (rc < 0)
			imp_problem(c, line, C_CONTRACT, "kies vast, "
			    "tijdelijk, uitzend, oproep, zelfstandig of "
			    "anders");
		r.contract = (uint8_t)(rc < 0 ? 0 : rc);
	} else if (type >= 0) {
		static const int job_only[] = { C_HOURS, C_COMPETITIVE,
		    C_MIN_WAGE, C_CONTRACT };

		for (i = 0; i < WB_NELEM(job_only); i++)
			if (!imp_blank(c->v[job_only[i]]))
				imp_problem(c, line, job_only[i], "alleen bij "
				    "job-start");
		if (type != MS_JOB_END && !imp_blank(c->v[C_EMPLOYER]))
			imp_problem(c, line, C_EMPLOYER, "alleen bij "
			    "job-start en job-end");
	}
	v = c->v[C_REASON];
	if (type >= 0 && type != MS_JOB_END && !imp_blank(v))
		imp_problem(c, line, C_REASON, "alleen bij job-end");
	else if (!imp_blank(v) && wb_utf8_len(v, strlen(v)) > WB_REASON_MAX)
		imp_problem(c, line, C_REASON, "de reden is te lang "
		    "(hoogstens %d tekens)", WB_REASON_MAX);
	if (c->res->nproblems > before || k == NULL || c->db == NULL)
		return 0;

	if (tid == 0) {
		rc = traj_find(c, line, k->id, iv, tstart, &tid);
		if (rc != 0 || tid == 0)
			return rc;
	}
	rc = traj_entry(c, tid, k->id, &t);
	if (rc != 0)
		return rc;
	if (t == NULL) {
		imp_problem(c, line, C_TRAJECTORY_ID, "traject %lld is geen "
		    "traject van cliënt %lld", (long long)tid,
		    (long long)k->id);
		return 0;
	}
	if (t->start == NONE) {
		imp_problem(c, line, C_TRAJECTORY_ID, "traject %lld is nog "
		    "niet gestart", (long long)tid);
		return 0;
	}
	if (r.day < t->start) {
		imp_problem(c, line, C_DATE, "de datum ligt vóór de start van "
		    "het traject");
		return 0;
	}
	/* An ended trajectory keeps its history: milestones up to its end
	 * may still come in; a job found in it may end later. */
	if (t->end != NONE && r.day > t->end && type != MS_JOB_END) {
		imp_problem(c, line, C_DATE, "de datum ligt na het einde van "
		    "het traject");
		return 0;
	}
	rc = load_traj_detail(c, t);
	if (rc != 0)
		return rc;
	r.employer = imp_blank(c->v[C_EMPLOYER]) ? NULL :
	    wb_arena_strdup(c->a, c->v[C_EMPLOYER]);
	r.reason = imp_blank(c->v[C_REASON]) ? NULL :
	    wb_arena_strdup(c->a, c->v[C_REASON]);
	if (type == MS_JOB_END) {
		end_job(c, line, t, &r);
	} else {
		key = (uint64_t)(type + 1) << 56 | imp_day_key(r.day) << 32;
		if (type == MS_JOB_START)
			key |= text_hash(r.employer) & 0xffffffff;
		if (imp_keys_add(&c->keys, (uint64_t)t->id, key, (int64_t)line,
		    &prev)) {
			if (prev > 0)
				imp_problem(c, line, -1, "dezelfde mijlpaal "
				    "staat ook op regel %lld", (long long)prev);
			else
				imp_problem(c, line, -1, "deze mijlpaal staat "
				    "al in werkbrug");
		}
	}
	if (c->res->nproblems > before)
		return 0;
	if (type == MS_JOB_START) {
		struct open_job *j = WB_ARENA_PUSH(c->a, t->jobs, t->njobs,
		    t->cap);

		j->row = c->nrows;
		j->start = r.day;
		j->employer = r.employer;
	}
	if (type == MS_CONTACT && (t->first_contact == NONE ||
	    r.day < t->first_contact))
		t->first_contact = r.day;
	r.client = k->id;
	r.traj = t->id;
	r.type = (uint8_t)type;
	memcpy(imp_push_row(c), &r, sizeof(r));
	c->nrows++;
	k->rows++;
	return 0;
}

/* ---------- writing ---------------------------------------------------- */

int
imp_milestone_write(struct ctx *c, size_t i)
{
	struct wb_stmt		*st = NULL;
	struct wb_import_result	*res = c->res;
	const struct ms_row	*r = (struct ms_row *)c->rows + i;
	const int64_t		 now = c->now;
	const int64_t		 user = c->actor->user_id;
	int			 rc;

	if (r->type == MS_JOB_END && r->merged) {
		res->jobs_ended++;
		return 0;
	}
	if (r->type == MS_JOB_END) {
		rc = wb_db_prepare(c->db, Q_JOB_END, &st, c->err);
		if (rc != 0)
			return rc;
		wb_stmt_bind_int64(st, 1, r->end_job);
		wb_stmt_bind_int64(st, 2, r->day);
		wb_stmt_bind_opt(st, 3, r->reason);
		wb_stmt_bind_int64(st, 4, now);
		rc = wb_stmt_exec(st, c->err);
		if (rc == 0 && wb_stmt_changes(st) != 1)
			rc = wb_err_set(c->err, WB_ECONFLICT,
			    "job %lld already ended", (long long)r->end_job);
		wb_stmt_release(st);
		res->jobs_ended++;
	} else if (r->type == MS_JOB_START) {
		rc = wb_db_prepare(c->db, Q_IMPORT_JOB_INSERT, &st, c->err);
		if (rc != 0)
			return rc;
		wb_stmt_bind_int64(st, 1, r->traj);
		wb_stmt_bind_int64(st, 2, r->client);
		wb_stmt_bind_text(st, 3, r->employer);
		wb_stmt_bind_int64(st, 4, r->minutes);
		wb_stmt_bind_int64(st, 5, r->competitive);
		wb_stmt_bind_int64(st, 6, r->min_wage);
		wb_stmt_bind_text(st, 7, wb_job_contracts[r->contract]);
		wb_stmt_bind_int64(st, 8, r->day);
		imp_bind_day(st, 9, r->end);
		wb_stmt_bind_opt(st, 10, r->end_reason);
		wb_stmt_bind_int64(st, 11, user);
		wb_stmt_bind_int64(st, 12, now);
		rc = wb_stmt_exec(st, c->err);
		wb_stmt_release(st);
		res->jobs++;
	} else {
		rc = wb_db_prepare(c->db, Q_IMPORT_MILESTONE_INSERT, &st,
		    c->err);
		if (rc != 0)
			return rc;
		wb_stmt_bind_int64(st, 1, r->traj);
		wb_stmt_bind_int64(st, 2, r->client);
		wb_stmt_bind_text(st, 3, wb_milestone_types[r->type]);
		wb_stmt_bind_int64(st, 4, r->day);
		wb_stmt_bind_opt(st, 5, r->detail == 0 ? NULL :
		    outflow_details[r->detail - 1]);
		wb_stmt_bind_int64(st, 6, user);
		wb_stmt_bind_int64(st, 7, now);
		rc = wb_stmt_exec(st, c->err);
		wb_stmt_release(st);
		res->milestones++;
	}
	return rc;
}

/* Store the earliest employer contact the file gave each trajectory
 * (none but in a milestone file). */
int
imp_milestone_contacts(struct ctx *c)
{
	struct wb_stmt	*st = NULL;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < c->ntrajs && rc == 0; i++) {
		if (c->trajs[i].first_contact == NONE)
			continue;
		rc = wb_db_prepare(c->db, Q_TRAJ_FIRST_CONTACT, &st, c->err);
		if (rc != 0)
			break;
		wb_stmt_bind_int64(st, 1, c->trajs[i].id);
		wb_stmt_bind_int64(st, 2, c->trajs[i].first_contact);
		wb_stmt_bind_int64(st, 3, c->now);
		rc = wb_stmt_exec(st, c->err);
		wb_stmt_release(st);
	}
	return rc;
}
