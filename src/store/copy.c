/* copy.c - whole-database copy between backends, and SQLite backups. */
#include "store/copy.h"
#include "store/db_impl.h"

/* One table: its queries and the type of each column ('i' integer,
 * 't' text), in the order of the query's column list. */
struct table {
	const char	*name;
	enum wb_query	 all, put, count;
	const char	*types;
};

/* Rows the migrations put in (the intervention catalogue, the calendar):
 * the target has them already, so they do not make it "not empty", and
 * their put is an upsert. */
static bool
seeded(const struct table *t)
{
	return t->all == Q_COPY_INTERVENTION_ALL ||
	    t->all == Q_COPY_QUARTER_ALL;
}

/* Foreign-key order: every table after the tables it refers to. */
static const struct table tables[WB_COPY_NTABLES] = {
	{ "setting", Q_COPY_SETTING_ALL, Q_COPY_SETTING_PUT,
	    Q_COPY_SETTING_COUNT, "tt" },
	{ "region", Q_COPY_REGION_ALL, Q_COPY_REGION_PUT,
	    Q_COPY_REGION_COUNT, "ttii" },
	{ "municipality", Q_COPY_MUNICIPALITY_ALL, Q_COPY_MUNICIPALITY_PUT,
	    Q_COPY_MUNICIPALITY_COUNT, "tttii" },
	{ "organisation", Q_COPY_ORG_ALL, Q_COPY_ORG_PUT, Q_COPY_ORG_COUNT,
	    "itttttttttiii" },
	{ "organisation_region", Q_COPY_ORG_REGION_ALL, Q_COPY_ORG_REGION_PUT,
	    Q_COPY_ORG_REGION_COUNT, "it" },
	{ "intervention", Q_COPY_INTERVENTION_ALL, Q_COPY_INTERVENTION_PUT,
	    Q_COPY_INTERVENTION_COUNT, "tttiiii" },
	{ "calendar_quarter", Q_COPY_QUARTER_ALL, Q_COPY_QUARTER_PUT,
	    Q_COPY_QUARTER_COUNT, "iiii" },
	{ "user_account", Q_COPY_USER_ALL, Q_COPY_USER_PUT, Q_COPY_USER_COUNT,
	    "itttitttiii" },
	{ "card", Q_COPY_CARD_ALL, Q_COPY_CARD_PUT, Q_COPY_CARD_COUNT,
	    "iiitttttiii" },
	{ "contact_point", Q_COPY_CP_ALL, Q_COPY_CP_PUT, Q_COPY_CP_COUNT,
	    "iittiiiitii" },
	{ "session", Q_COPY_SESSION_ALL, Q_COPY_SESSION_PUT,
	    Q_COPY_SESSION_COUNT, "titii" },
	{ "api_token", Q_COPY_TOKEN_ALL, Q_COPY_TOKEN_PUT,
	    Q_COPY_TOKEN_COUNT, "iitiii" },
	{ "login_throttle", Q_COPY_THROTTLE_ALL, Q_COPY_THROTTLE_PUT,
	    Q_COPY_THROTTLE_COUNT, "tiii" },
	{ "client", Q_COPY_CLIENT_ALL, Q_COPY_CLIENT_PUT,
	    Q_COPY_CLIENT_COUNT, "ittttittttttiiiiii" },
	{ "care_team", Q_COPY_TEAM_ALL, Q_COPY_TEAM_PUT, Q_COPY_TEAM_COUNT,
	    "iiiitiiii" },
	{ "consent", Q_COPY_CONSENT_ALL, Q_COPY_CONSENT_PUT,
	    Q_COPY_CONSENT_COUNT, "iiitiiittiiiit" },
	{ "goal", Q_COPY_GOAL_ALL, Q_COPY_GOAL_PUT, Q_COPY_GOAL_COUNT,
	    "iitittiiiiii" },
	{ "plan_action", Q_COPY_ACTION_ALL, Q_COPY_ACTION_PUT,
	    Q_COPY_ACTION_COUNT, "iiitiiiiiiii" },
	{ "note", Q_COPY_NOTE_ALL, Q_COPY_NOTE_PUT, Q_COPY_NOTE_COUNT,
	    "iiiititi" },
	{ "trajectory", Q_COPY_TRAJECTORY_ALL, Q_COPY_TRAJECTORY_PUT,
	    Q_COPY_TRAJECTORY_COUNT, "iitiitiititiiiii" },
	{ "milestone", Q_COPY_MILESTONE_ALL, Q_COPY_MILESTONE_PUT,
	    Q_COPY_MILESTONE_COUNT, "iiititii" },
	{ "job", Q_COPY_JOB_ALL, Q_COPY_JOB_PUT, Q_COPY_JOB_COUNT,
	    "iiitiiitiitiii" },
	{ "indicator_target", Q_COPY_TARGET_ALL, Q_COPY_TARGET_PUT,
	    Q_COPY_TARGET_COUNT, "itittiiii" },
	{ "measurement", Q_COPY_MEASUREMENT_ALL, Q_COPY_MEASUREMENT_PUT,
	    Q_COPY_MEASUREMENT_COUNT, "iititittiii" },
	{ "client_activation", Q_COPY_ACTIVATION_ALL, Q_COPY_ACTIVATION_PUT,
	    Q_COPY_ACTIVATION_COUNT, "iitiiiii" },
	{ "referral", Q_COPY_REFERRAL_ALL, Q_COPY_REFERRAL_PUT,
	    Q_COPY_REFERRAL_COUNT, "iiiiiittititiii" },
	{ "team_proposal", Q_COPY_PROPOSAL_ALL, Q_COPY_PROPOSAL_PUT,
	    Q_COPY_PROPOSAL_COUNT, "iiiiitii" },
	{ "correction_request", Q_COPY_CORRECTION_ALL, Q_COPY_CORRECTION_PUT,
	    Q_COPY_CORRECTION_COUNT, "iitiii" },
	{ "fidelity_review", Q_COPY_FIDELITY_ALL, Q_COPY_FIDELITY_PUT,
	    Q_COPY_FIDELITY_COUNT, "iittitittii" },
	{ "fidelity_score", Q_COPY_FIDELITY_SCORE_ALL,
	    Q_COPY_FIDELITY_SCORE_PUT, Q_COPY_FIDELITY_SCORE_COUNT, "iii" },
	{ "audit_event", Q_COPY_AUDIT_ALL, Q_COPY_AUDIT_PUT,
	    Q_COPY_AUDIT_COUNT, "iittiittttitittt" },
	{ "audit_head", Q_COPY_AUDIT_HEAD_ALL, Q_COPY_AUDIT_HEAD_PUT,
	    Q_COPY_AUDIT_HEAD_COUNT, "iit" },
};

static int	count_one(struct wb_db *db, const struct table *t, int64_t *n,
		    struct wb_err *err);
static int	copy_one(struct wb_db *from, struct wb_db *to,
		    const struct table *t, int64_t *copied,
		    struct wb_err *err);

const char *
wb_copy_table(size_t i)
{
	return i < WB_NELEM(tables) ? tables[i].name : NULL;
}

size_t
wb_copy_ncols(size_t i)
{
	return i < WB_NELEM(tables) ? strlen(tables[i].types) : 0;
}

const char *
wb_copy_types(size_t i)
{
	return i < WB_NELEM(tables) ? tables[i].types : "";
}

/* The number of rows of table t. */
static int
count_one(struct wb_db *db, const struct table *t, int64_t *n,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, t->count, &st, err);
	if (rc == 0)
		rc = wb_stmt_exec_int64(st, n, err);
	wb_stmt_release(st);
	return rc;
}

int
wb_copy_counts(struct wb_db *db, int64_t counts[WB_COPY_NTABLES],
    struct wb_err *err)
{
	size_t	i;
	int	rc;

	for (i = 0; i < WB_NELEM(tables); i++) {
		rc = count_one(db, &tables[i], &counts[i], err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
wb_copy_is_empty(struct wb_db *db, bool *empty, const char **table,
    struct wb_err *err)
{
	int64_t	counts[WB_COPY_NTABLES];
	size_t	i;
	int	rc;

	*empty = true;
	if (table != NULL)
		*table = NULL;
	rc = wb_copy_counts(db, counts, err);
	if (rc != 0)
		return rc;
	for (i = 0; i < WB_NELEM(tables); i++) {
		/* The audit head is created by the first migration. */
		if (tables[i].all == Q_COPY_AUDIT_HEAD_ALL ||
		    seeded(&tables[i]))
			continue;
		if (counts[i] > 0) {
			*empty = false;
			if (table != NULL)
				*table = tables[i].name;
			break;
		}
	}
	return 0;
}

/* Copy every row of table t; *copied = rows written. */
static int
copy_one(struct wb_db *from, struct wb_db *to, const struct table *t,
    int64_t *copied, struct wb_err *err)
{
	struct wb_stmt	*in = NULL, *out = NULL;
	int		 ncols = (int)strlen(t->types), rc, c;

	*copied = 0;
	rc = wb_db_prepare(from, t->all, &in, err);
	if (rc != 0)
		goto out;
	while ((rc = wb_stmt_step(in, err)) == 1) {
		if (WB_NEVER(wb_stmt_ncols(in) != ncols)) {
			rc = wb_err_set(err, WB_EDB, "copy %s: %d columns, "
			    "expected %d", t->name, wb_stmt_ncols(in), ncols);
			goto out;
		}
		rc = wb_db_prepare(to, t->put, &out, err);
		if (rc != 0)
			goto out;
		for (c = 0; c < ncols; c++) {
			if (wb_stmt_isnull(in, c))
				wb_stmt_bind_null(out, c + 1);
			else if (t->types[c] == 'i')
				wb_stmt_bind_int64(out, c + 1,
				    wb_stmt_int64(in, c));
			else
				wb_stmt_bind_text(out, c + 1,
				    wb_stmt_text(in, c));
		}
		rc = wb_stmt_exec(out, err);
		wb_stmt_release(out);
		out = NULL;
		if (rc != 0)
			goto out;
		(*copied)++;
	}
out:
	wb_stmt_release(out);
	wb_stmt_release(in);
	if (rc != 0 && err != NULL && err->field[0] == '\0')
		snprintf(err->field, sizeof(err->field), "%s", t->name);
	return rc;
}

int
wb_copy_tables(struct wb_db *from, struct wb_db *to,
    struct wb_copy_count counts[WB_COPY_NTABLES], struct wb_err *err)
{
	int64_t		 after[WB_COPY_NTABLES];
	const char	*full = NULL;
	bool		 empty = false;
	size_t		 i;
	int		 rc;

	memset(counts, 0, WB_COPY_NTABLES * sizeof(counts[0]));
	for (i = 0; i < WB_NELEM(tables); i++)
		counts[i].table = tables[i].name;
	rc = wb_db_begin_read(from, err);
	if (rc != 0)
		return rc;
	rc = wb_db_begin_write(to, err);
	if (rc != 0)
		goto out;
	rc = wb_copy_is_empty(to, &empty, &full, err);
	if (rc != 0)
		goto out;
	if (!empty) {
		rc = wb_err_set(err, WB_ECONFLICT, "de doeldatabase is niet "
		    "leeg (tabel %s heeft rijen)", full);
		goto out;
	}
	for (i = 0; i < WB_NELEM(tables); i++) {
		rc = count_one(from, &tables[i], &counts[i].source, err);
		if (rc != 0)
			goto out;
		rc = copy_one(from, to, &tables[i], &counts[i].copied, err);
		if (rc != 0)
			goto out;
	}
	if (to->ops->after_copy != NULL) {
		rc = wb_db_exec_script(to, to->ops->after_copy, err);
		if (rc != 0)
			goto out;
	}
	rc = wb_db_commit(to, err);
	if (rc != 0)
		goto out;
	wb_db_rollback(from);		/* a read: nothing to keep */
	rc = wb_copy_counts(to, after, err);
	if (rc != 0)
		goto out;
	for (i = 0; i < WB_NELEM(tables); i++) {
		counts[i].target = after[i];
		if (rc == 0 && (counts[i].source != counts[i].copied ||
		    counts[i].copied != counts[i].target))
			rc = wb_err_set(err, WB_ECONFLICT, "tabel %s: %lld "
			    "rijen in de bron, %lld gekopieerd, %lld in het "
			    "doel", tables[i].name,
			    (long long)counts[i].source,
			    (long long)counts[i].copied,
			    (long long)counts[i].target);
	}
out:
	wb_db_rollback(to);
	wb_db_rollback(from);
	return rc;
}

int
wb_copy_backup(struct wb_db *db, const char *path, struct wb_err *err)
{
	if (db->ops->backup_to == NULL)
		return wb_err_set(err, WB_EINVAL, "%s heeft geen ingebouwde "
		    "reservekopie; gebruik pg_dump of pg_basebackup",
		    wb_db_backend(db));
	return db->ops->backup_to(db, path, err);
}

int
wb_copy_restore(struct wb_db *db, const char *path, struct wb_err *err)
{
	if (db->ops->restore_from == NULL)
		return wb_err_set(err, WB_EINVAL, "%s heeft geen ingebouwde "
		    "terugzetfunctie; gebruik pg_restore of psql",
		    wb_db_backend(db));
	return db->ops->restore_from(db, path, err);
}
