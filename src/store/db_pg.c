/* db_pg.c - the PostgreSQL backend of db.h (libpq).
 *
 * One PGconn per struct wb_db, used by one thread at a time (each web
 * worker opens its own).  The target is a postgresql:// (or postgres://)
 * URL handed to libpq whole; werkbrug adds only defaults: application_name
 * "werkbrug" when the URL sets none, lock_timeout 5 s when it sets no
 * options (the counterpart of SQLite's busy timeout), and client_encoding
 * UTF8.  A password in the URL never reaches a message.
 *
 * Named queries are prepared lazily, once per connection, as server-side
 * statements "wbN" (N = enum wb_query), with parameter types left to the
 * server (the shared dialect CASTs where a type is ambiguous).  Every
 * parameter is sent as text: integers in decimal, text copied into the
 * statement's own buffers, NULL as a null pointer.  The first step runs
 * the statement and keeps the whole result; later steps walk its rows.
 *
 * Transactions: a write transaction takes a transaction-scoped advisory
 * lock first, so writers are serialised as under SQLite's BEGIN IMMEDIATE
 * (a read-then-write inside it sees what the previous writer committed);
 * a read transaction is REPEATABLE READ: one snapshot, as under SQLite
 * (paged exports and the audit chain check rely on it).  Errors: SQLSTATE
 * class 23 (integrity) is WB_ECONFLICT, serialisation failure, deadlock
 * and lock timeout are WB_EBUSY, the rest WB_EDB; the message holds the
 * server's primary text and SQLSTATE only (never DETAIL, which may quote
 * row values).
 */
#include "store/db_impl.h"
#include "base/asset.h"
#include "base/log.h"
#include "base/mem.h"

#include <libpq-fe.h>

/* Key of the advisory lock that serialises write transactions ("wb"). */
#define PG_WRITE_LOCK	"30562"
/* Room for an int64 in decimal with sign and NUL. */
#define PG_INT_LEN	24

struct pg_param {
	char		*buf;		/* owned; NULL until first used */
	size_t		 cap;
	bool		 set;		/* false = NULL */
};

struct pg_stmt {
	struct wb_stmt	 base;		/* must be first */
	bool		 prepared;	/* "wbN" exists on this connection */
	bool		 in_use;
	int		 nparams, ncols;
	struct pg_param	*params;	/* nparams of them */
	const char	**values;	/* nparams, for PQexecPrepared */
	int		 bad_bind;	/* a $n beyond nparams, or 0 */
	PGresult	*res;		/* after the first step */
	int		 row;		/* rows returned so far */
	bool		 done;
};

struct pg_db {
	struct wb_db	 base;		/* must be first */
	PGconn		*conn;
	struct pg_stmt	 stmts[Q__COUNT];
};

static void	pg_close(struct wb_db *db);
static int	pg_exec_script(struct wb_db *db, const char *sql,
		    struct wb_err *err);

/* Copy `msg` into out as one line (a newline becomes "; ", runs of blanks
 * one space), with every occurrence of `secret` (when not NULL or empty)
 * replaced by "***". */
static void
scrub(const char *msg, const char *secret, char *out, size_t n)
{
	size_t	slen = secret != NULL ? strlen(secret) : 0, o = 0;

	while (*msg != '\0' && o + 4 < n) {
		if (slen > 0 && strncmp(msg, secret, slen) == 0) {
			memcpy(out + o, "***", 3);
			o += 3;
			msg += slen;
		} else if (*msg == '\n' || *msg == ' ' || *msg == '\t') {
			bool nl = false;

			while (*msg == '\n' || *msg == ' ' || *msg == '\t')
				nl |= *msg++ == '\n';
			if (o > 0 && *msg != '\0') {
				if (nl)
					out[o++] = ';';
				out[o++] = ' ';
			}
		} else
			out[o++] = *msg++;
	}
	out[o] = '\0';
}

/* Map a failed result (or, when res is NULL, the connection's state) to
 * our code, with the server's primary message and SQLSTATE for the log. */
static int
pg_error(struct pg_db *d, const PGresult *res, struct wb_err *err)
{
	const char	*state = NULL, *msg = NULL;
	char		 line[400];
	int		 code = WB_EDB;

	if (res != NULL) {
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	}
	if (msg == NULL) {
		/* No server error: the connection failed or broke.  libpq's
		 * own text names host and user, never the password. */
		scrub(PQerrorMessage(d->conn), NULL, line, sizeof(line));
		return wb_err_set(err, WB_EDB, "postgresql: %s",
		    line[0] != '\0' ? line : "unknown error");
	}
	if (state != NULL && strncmp(state, "23", 2) == 0)
		code = WB_ECONFLICT;
	else if (state != NULL && (strcmp(state, "40001") == 0 ||
	    strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0))
		code = WB_EBUSY;
	return wb_err_set(err, code, "postgresql: %s (SQLSTATE %s)", msg,
	    state != NULL ? state : "?");
}

/* Notices ("relation ... already exists, skipping") are dropped;
 * warnings go to the log with their primary message. */
static void
pg_notice(void *arg, const PGresult *res)
{
	const char	*sev, *msg;

	(void)arg;
	sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
	msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	if (sev != NULL && msg != NULL && strcmp(sev, "WARNING") == 0)
		wb_warn("postgresql: %s", msg);
}

/* Forget the server-side statements (after a reconnect). */
static void
forget_prepared(struct pg_db *d)
{
	size_t	i;

	for (i = 0; i < WB_NELEM(d->stmts); i++)
		d->stmts[i].prepared = false;
}

/* Outside a transaction, reconnect once when the connection broke (the
 * server restarted): the request that noticed failed, the next one
 * works.  Inside a transaction a broken connection stays an error. */
static void
pg_revive(struct pg_db *d)
{
	if (d->base.tx_depth > 0 || PQstatus(d->conn) != CONNECTION_BAD)
		return;
	PQreset(d->conn);
	forget_prepared(d);
	if (PQstatus(d->conn) == CONNECTION_OK)
		wb_warn("postgresql: reconnected");
}

static int
pg_open(const char *url, struct wb_db **out, struct wb_err *err)
{
	const char *const	 keys[] = { "fallback_application_name",
	    "options", "dbname", "client_encoding", NULL };
	const char		*vals[] = { "werkbrug", "-c lock_timeout=5s",
	    url, "UTF8", NULL };
	PQconninfoOption	*opts = NULL, *o;
	struct pg_db		*d = NULL;
	char			*perr = NULL;
	const char		*secret = NULL;
	char			 line[400];
	int			 rc = 0;

	/* Parse first: libpq's complaint about a malformed URL may quote
	 * any part of it, the password included, so it is not passed on. */
	opts = PQconninfoParse(url, &perr);
	if (opts == NULL) {
		rc = wb_err_set(err, WB_EINVAL, "postgresql: the database URL "
		    "cannot be parsed (not shown: it may hold a password)");
		goto out;
	}
	d = wb_xcalloc(1, sizeof(*d));
	d->base.ops = &wb_db_pg_ops;
	d->conn = PQconnectdbParams(keys, vals, 1);
	if (d->conn == NULL) {
		/* Only when libpq cannot allocate: fatal (mem.h). */
		fprintf(stderr, "werkbrug: out of memory in libpq\n");
		abort();
	}
	if (PQstatus(d->conn) != CONNECTION_OK) {
		for (o = opts; o->keyword != NULL; o++)
			if (strcmp(o->keyword, "password") == 0)
				secret = o->val;
		scrub(PQerrorMessage(d->conn), secret, line, sizeof(line));
		rc = wb_err_set(err, WB_EDB, "postgresql: %s", line);
		goto out;
	}
	(void)PQsetNoticeReceiver(d->conn, pg_notice, NULL);
	*out = &d->base;
	d = NULL;
out:
	if (d != NULL)
		pg_close(&d->base);
	PQconninfoFree(opts);
	PQfreemem(perr);
	return rc;
}

static void
pg_close(struct wb_db *db)
{
	struct pg_db	*d = (struct pg_db *)db;
	size_t		 i;
	int		 j;

	for (i = 0; i < WB_NELEM(d->stmts); i++) {
		struct pg_stmt *s = &d->stmts[i];

		PQclear(s->res);
		for (j = 0; j < s->nparams; j++)
			free(s->params[j].buf);
		free(s->params);
		free(s->values);
	}
	PQfinish(d->conn);
	free(d);
}

/* A script may hold several statements; the result is that of the last.
 * A COMMIT of a transaction the server had already aborted answers
 * "ROLLBACK": that is an error here, not a silent loss. */
static int
pg_exec_script(struct wb_db *db, const char *sql, struct wb_err *err)
{
	struct pg_db	*d = (struct pg_db *)db;
	PGresult	*res;
	int		 rc = 0;

	/* After a COMMIT the server turned into a rollback there is no
	 * transaction left to roll back (and no warning is wanted). */
	if (strcmp(sql, "ROLLBACK") == 0 &&
	    PQtransactionStatus(d->conn) == PQTRANS_IDLE)
		return 0;
	/* The server only warns about a COMMIT outside a transaction;
	 * SQLite refuses it, and so do we. */
	if (strcmp(sql, "COMMIT") == 0 &&
	    PQtransactionStatus(d->conn) == PQTRANS_IDLE)
		return wb_err_set(err, WB_EDB, "postgresql: COMMIT without a "
		    "transaction");
	pg_revive(d);
	res = PQexec(d->conn, sql);
	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		if (strcmp(sql, "COMMIT") == 0 &&
		    strcmp(PQcmdStatus(res), "ROLLBACK") == 0)
			rc = wb_err_set(err, WB_EDB, "postgresql: COMMIT of "
			    "an aborted transaction was rolled back");
		break;
	default:
		rc = pg_error(d, res, err);
		break;
	}
	PQclear(res);
	/* A BEGIN whose lock wait failed leaves an aborted transaction
	 * block that db.c does not know about: end it here. */
	if (rc != 0 && d->base.tx_depth == 0 &&
	    PQtransactionStatus(d->conn) == PQTRANS_INERROR)
		PQclear(PQexec(d->conn, "ROLLBACK"));
	return rc;
}

/* Prepare "wbN" on the server and learn its parameter and column
 * counts. */
static int
pg_prepare_server(struct pg_db *d, struct pg_stmt *s, enum wb_query q,
    struct wb_err *err)
{
	PGresult	*res = NULL;
	char		 name[16];
	int		 rc = 0, n;

	snprintf(name, sizeof(name), "wb%d", (int)q);
	res = PQprepare(d->conn, name, wb_query_sql(q), 0, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = pg_error(d, res, err);
		goto out;
	}
	PQclear(res);
	res = PQdescribePrepared(d->conn, name);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = pg_error(d, res, err);
		goto out;
	}
	n = PQnparams(res);
	if (s->params == NULL || n != s->nparams) {
		/* First prepare (or, after a reconnect, a new count). */
		for (int j = 0; j < s->nparams; j++)
			free(s->params[j].buf);
		free(s->params);
		free(s->values);
		s->params = wb_xcalloc(n > 0 ? (size_t)n : 1,
		    sizeof(*s->params));
		s->values = wb_xcalloc(n > 0 ? (size_t)n : 1,
		    sizeof(*s->values));
		s->nparams = n;
	}
	s->ncols = PQnfields(res);
	s->prepared = true;
out:
	PQclear(res);
	if (rc != 0 && err != NULL)
		snprintf(err->field, sizeof(err->field), "%s",
		    wb_query_name(q));
	return rc;
}

static int
pg_prepare(struct wb_db *db, enum wb_query q, struct wb_stmt **out,
    struct wb_err *err)
{
	struct pg_db	*d = (struct pg_db *)db;
	struct pg_stmt	*s = &d->stmts[q];
	int		 rc;

	if (WB_NEVER(s->in_use))
		return wb_err_set(err, WB_EDB, "query %s already in use",
		    wb_query_name(q));
	pg_revive(d);
	if (!s->prepared) {
		rc = pg_prepare_server(d, s, q, err);
		if (rc != 0)
			return rc;
		s->base.db = db;
		s->base.q = q;
	}
	s->in_use = true;
	s->done = false;
	s->row = 0;
	s->bad_bind = 0;
	*out = &s->base;
	return 0;
}

/* The buffer of parameter $idx with room for n bytes and a NUL, or NULL
 * (remembered, and reported by the next step) when there is no $idx. */
static char *
param_buf(struct pg_stmt *s, int idx, size_t n)
{
	struct pg_param	*p;
	size_t		 need;

	if (idx < 1 || idx > s->nparams) {
		s->bad_bind = idx != 0 ? idx : -1;
		return NULL;
	}
	p = &s->params[idx - 1];
	if (!wb_add_ok(n, 1, &need))
		abort();	/* n is the length of a string in memory */
	if (p->cap < need) {
		p->buf = wb_xrealloc(p->buf, need);
		p->cap = need;
	}
	p->set = true;
	return p->buf;
}

static void
pg_bind_int64(struct wb_stmt *st, int idx, int64_t v)
{
	char	*b = param_buf((struct pg_stmt *)st, idx, PG_INT_LEN);

	if (b != NULL)
		snprintf(b, PG_INT_LEN, "%lld", (long long)v);
}

static void
pg_bind_text(struct wb_stmt *st, int idx, const char *s, size_t n)
{
	char	*b = param_buf((struct pg_stmt *)st, idx, n);

	if (b != NULL) {
		memcpy(b, s, n);
		b[n] = '\0';
	}
}

static void
pg_bind_null(struct wb_stmt *st, int idx)
{
	struct pg_stmt	*s = (struct pg_stmt *)st;

	if (idx < 1 || idx > s->nparams)
		s->bad_bind = idx != 0 ? idx : -1;
	else
		s->params[idx - 1].set = false;
}

/* Run the statement with its bindings and keep the result. */
static int
pg_run(struct pg_db *d, struct pg_stmt *s, struct wb_err *err)
{
	char	name[16];
	int	i, rc;

	if (s->bad_bind != 0) {
		rc = wb_err_set(err, WB_EDB, "%s has no parameter $%d",
		    wb_query_name(s->base.q), s->bad_bind);
		return rc;
	}
	for (i = 0; i < s->nparams; i++)
		s->values[i] = s->params[i].set ? s->params[i].buf : NULL;
	snprintf(name, sizeof(name), "wb%d", (int)s->base.q);
	s->res = PQexecPrepared(d->conn, name, s->nparams, s->values, NULL,
	    NULL, 0);
	switch (PQresultStatus(s->res)) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		return 0;
	default:
		rc = pg_error(d, s->res, err);
		if (err != NULL)
			snprintf(err->field, sizeof(err->field), "%s",
			    wb_query_name(s->base.q));
		PQclear(s->res);
		s->res = NULL;
		return rc;
	}
}

static int
pg_step(struct wb_stmt *st, struct wb_err *err)
{
	struct pg_stmt	*s = (struct pg_stmt *)st;
	int		 rc;

	if (s->done)
		return 0;
	if (s->res == NULL) {
		rc = pg_run((struct pg_db *)st->db, s, err);
		if (rc != 0) {
			s->done = true;
			return rc;
		}
	}
	if (s->row < PQntuples(s->res)) {
		s->row++;
		return 1;
	}
	s->done = true;
	return 0;
}

static int64_t
pg_changes(struct wb_stmt *st)
{
	struct pg_stmt	*s = (struct pg_stmt *)st;
	const char	*n;

	if (s->res == NULL)
		return 0;
	n = PQcmdTuples(s->res);
	return n[0] != '\0' ? strtoll(n, NULL, 10) : 0;
}

/* True when column `col` of the current row exists. */
static bool
have_cell(const struct pg_stmt *s, int col)
{
	return s->res != NULL && s->row > 0 && s->row <= PQntuples(s->res) &&
	    col >= 0 && col < PQnfields(s->res);
}

static int64_t
pg_col_int64(struct wb_stmt *st, int col)
{
	struct pg_stmt	*s = (struct pg_stmt *)st;

	const char	*v;

	if (!have_cell(s, col) || PQgetisnull(s->res, s->row - 1, col))
		return 0;
	v = PQgetvalue(s->res, s->row - 1, col);
	/* A boolean (a comparison in the select list) reads as SQLite's
	 * 1 or 0, so one query text means the same on both backends. */
	if (PQftype(s->res, col) == 16 /* BOOLOID */)
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

static const char *
pg_col_text(struct wb_stmt *st, int col)
{
	struct pg_stmt	*s = (struct pg_stmt *)st;

	if (!have_cell(s, col))
		return "";
	return PQgetvalue(s->res, s->row - 1, col);	/* "" for NULL */
}

static bool
pg_col_isnull(struct wb_stmt *st, int col)
{
	struct pg_stmt	*s = (struct pg_stmt *)st;

	return !have_cell(s, col) || PQgetisnull(s->res, s->row - 1, col);
}

static int
pg_ncols(struct wb_stmt *st)
{
	return ((struct pg_stmt *)st)->ncols;
}

static void
pg_release(struct wb_stmt *st)
{
	struct pg_stmt	*s = (struct pg_stmt *)st;
	int		 i;

	PQclear(s->res);
	s->res = NULL;
	for (i = 0; i < s->nparams; i++)
		s->params[i].set = false;
	s->row = 0;
	s->done = false;
	s->bad_bind = 0;
	s->in_use = false;
}

const struct wb_db_ops wb_db_pg_ops = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.exec_script = pg_exec_script,
	.prepare = pg_prepare,
	.bind_int64 = pg_bind_int64,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.changes = pg_changes,
	.col_int64 = pg_col_int64,
	.col_text = pg_col_text,
	.col_isnull = pg_col_isnull,
	.ncols = pg_ncols,
	.release = pg_release,
	.migrations = wb_migrations_pg,
	.begin_write = "BEGIN ISOLATION LEVEL READ COMMITTED; "
	    "SELECT pg_advisory_xact_lock(" PG_WRITE_LOCK ")",
	/* One snapshot for the whole read, as under SQLite: a paged export
	 * and the audit chain check must not see a writer's commit half
	 * way. */
	.begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ",
	/* Every identity column (migrations/pg) to one past its highest id:
	 * a copy inserted explicit ids, which sequences do not notice. */
	.after_copy =
	    "SELECT setval(pg_get_serial_sequence('organisation', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM organisation; "
	    "SELECT setval(pg_get_serial_sequence('user_account', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM user_account; "
	    "SELECT setval(pg_get_serial_sequence('card', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM card; "
	    "SELECT setval(pg_get_serial_sequence('contact_point', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM contact_point; "
	    "SELECT setval(pg_get_serial_sequence('api_token', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM api_token; "
	    "SELECT setval(pg_get_serial_sequence('client', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM client; "
	    "SELECT setval(pg_get_serial_sequence('care_team', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM care_team; "
	    "SELECT setval(pg_get_serial_sequence('consent', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM consent; "
	    "SELECT setval(pg_get_serial_sequence('goal', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM goal; "
	    "SELECT setval(pg_get_serial_sequence('plan_action', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM plan_action; "
	    "SELECT setval(pg_get_serial_sequence('note', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM note; "
	    "SELECT setval(pg_get_serial_sequence('measurement', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM measurement; "
	    "SELECT setval(pg_get_serial_sequence('client_activation', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM client_activation; "
	    "SELECT setval(pg_get_serial_sequence('referral', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM referral; "
	    "SELECT setval(pg_get_serial_sequence('team_proposal', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM team_proposal; "
	    "SELECT setval(pg_get_serial_sequence('correction_request', "
	    "'id'), COALESCE(MAX(id), 0) + 1, false) FROM correction_request; "
	    "SELECT setval(pg_get_serial_sequence('fidelity_review', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM fidelity_review; "
	    "SELECT setval(pg_get_serial_sequence('trajectory', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM trajectory; "
	    "SELECT setval(pg_get_serial_sequence('milestone', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM milestone; "
	    "SELECT setval(pg_get_serial_sequence('job', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM job; "
	    "SELECT setval(pg_get_serial_sequence('indicator_target', 'id'), "
	    "COALESCE(MAX(id), 0) + 1, false) FROM indicator_target",
};
