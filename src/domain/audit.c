/* audit.c - hash-chained audit events. */
#include "domain/audit.h"
#include "domain/access.h"
#include "base/str.h"
#include "base/time.h"

#include <pthread.h>
#include <sodium.h>

#define HASH_BYTES	32
#define HASH_HEX	WB_AUDIT_HASH_HEX
_Static_assert(HASH_HEX == 2 * HASH_BYTES + 1, "hex of a BLAKE2b-256");

/* The fields of one event as stored, for hashing. */
struct fields {
	int64_t		 id, at, user_id, org_id, client_id, consent_id;
	const char	*event, *outcome, *role, *address, *object_type;
	const char	*object_id, *purpose, *detail;
};

/* The hash's input, gathered in a buffer and handed to BLAKE2b in few
 * calls (an import hashes 50,000 events; verify the whole chain). */
struct hashin {
	crypto_generichash_state	h;
	size_t				n;
	unsigned char			b[512];
};

static void
put(struct hashin *x, const void *p, size_t n)
{
	if (x->n + n > sizeof(x->b)) {
		crypto_generichash_update(&x->h, x->b, x->n);
		x->n = 0;
	}
	if (n > sizeof(x->b))
		crypto_generichash_update(&x->h, p, n);
	else {
		memcpy(x->b + x->n, p, n);
		x->n += n;
	}
}

/* v in decimal, as printf's %llu, ending at end; returns its start. */
static char *
decimal(char *end, uint64_t v)
{
	do
		*--end = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return end;
}

/* A text as "length:text", NULL as "-;". */
static void
put_textn(struct hashin *x, const char *s, size_t n)
{
	char	len[24], *p = decimal(len + sizeof(len) - 1, n);

	len[sizeof(len) - 1] = ':';
	put(x, p, (size_t)(len + sizeof(len) - p));
	put(x, s, n);
}

static void
put_text(struct hashin *x, const char *s)
{
	if (s == NULL)
		put(x, "-;", 2);
	else
		put_textn(x, s, strlen(s));
}

/* An integer as the text of its decimal form. */
static void
put_int(struct hashin *x, int64_t v)
{
	char	 s[24], *end = s + sizeof(s), *p;

	p = decimal(end, v < 0 ? -(uint64_t)v : (uint64_t)v);
	if (v < 0)
		*--p = '-';
	put_textn(x, p, (size_t)(end - p));
}

/* hash = BLAKE2b-256(prev | id | at | event | ... | detail), hex. */
static void
event_hash(const char *prev, const struct fields *f, char out[HASH_HEX])
{
	struct hashin			h;
	unsigned char			sum[HASH_BYTES];

	h.n = 0;
	crypto_generichash_init(&h.h, NULL, 0, sizeof(sum));
	put_text(&h, prev);
	put_int(&h, f->id);
	put_int(&h, f->at);
	put_text(&h, f->event);
	put_text(&h, f->outcome);
	put_int(&h, f->user_id);
	put_int(&h, f->org_id);
	put_text(&h, f->role);
	put_text(&h, f->address);
	put_text(&h, f->object_type);
	put_text(&h, f->object_id);
	put_int(&h, f->client_id);
	put_text(&h, f->purpose);
	put_int(&h, f->consent_id);
	put_text(&h, f->detail);
	crypto_generichash_update(&h.h, h.b, h.n);
	crypto_generichash_final(&h.h, sum, sizeof(sum));
	wb_hex(sum, sizeof(sum), out);
}

/* An optional text field as stored: wb_stmt_bind_opt() stores "" as NULL,
 * so the hash must see NULL too or the event would never verify. */
static const char *
opt_text(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

static void
bind_opt_int(struct wb_stmt *st, int idx, int64_t v)
{
	if (v == 0)
		wb_stmt_bind_null(st, idx);
	else
		wb_stmt_bind_int64(st, idx, v);
}

int
wb_audit_run_start(struct wb_db *db, struct wb_audit_run *h,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	if (WB_NEVER(!wb_db_in_tx(db)))
		return wb_err_set(err, WB_EDB, "audit outside a transaction");
	rc = wb_db_prepare(db, Q_AUDIT_HEAD_LOCK, &st, err);
	if (rc != 0)
		return rc;
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		h->last_id = wb_stmt_int64(st, 0);
		snprintf(h->hash, sizeof(h->hash), "%s", wb_stmt_text(st, 1));
		rc = wb_stmt_exec(st, err);	/* finish the UPDATE */
	} else if (rc == 0)
		rc = wb_err_set(err, WB_EDB, "no audit head");
	wb_stmt_release(st);
	return rc;
}

int
wb_audit_run_end(struct wb_db *db, const struct wb_audit_run *h,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	rc = wb_db_prepare(db, Q_AUDIT_HEAD_PUT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, h->last_id);
	wb_stmt_bind_text(st, 2, h->hash);
	rc = wb_stmt_exec(st, err);
	wb_stmt_release(st);
	return rc;
}

int
wb_audit_run_add(struct wb_db *db, struct wb_audit_run *h,
    const struct wb_actor *actor, const struct wb_audit_event *ev,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	struct fields	 f;
	char		 hash[HASH_HEX];
	int		 rc;

	memset(&f, 0, sizeof(f));
	f.id = h->last_id + 1;
	f.at = wb_now();
	f.event = ev->event;
	f.outcome = ev->denied ? "denied" : "allowed";
	f.user_id = ev->user_id ? ev->user_id : actor->user_id;
	f.org_id = actor->org_id;
	f.role = opt_text(wb_role_name(actor->role));
	f.address = opt_text(actor->address);
	f.object_type = opt_text(ev->object_type);
	f.object_id = opt_text(ev->object_id);
	f.client_id = ev->client_id;
	f.purpose = opt_text(ev->purpose);
	f.consent_id = ev->consent_id;
	f.detail = opt_text(ev->detail);
	event_hash(h->hash, &f, hash);

	rc = wb_db_prepare(db, Q_AUDIT_INSERT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, f.id);
	wb_stmt_bind_int64(st, 2, f.at);
	wb_stmt_bind_text(st, 3, f.event);
	wb_stmt_bind_text(st, 4, f.outcome);
	bind_opt_int(st, 5, f.user_id);
	bind_opt_int(st, 6, f.org_id);
	wb_stmt_bind_opt(st, 7, f.role);
	wb_stmt_bind_opt(st, 8, f.address);
	wb_stmt_bind_opt(st, 9, f.object_type);
	wb_stmt_bind_opt(st, 10, f.object_id);
	bind_opt_int(st, 11, f.client_id);
	wb_stmt_bind_opt(st, 12, f.purpose);
	bind_opt_int(st, 13, f.consent_id);
	wb_stmt_bind_opt(st, 14, f.detail);
	wb_stmt_bind_text(st, 15, h->hash);
	wb_stmt_bind_text(st, 16, hash);
	rc = wb_stmt_exec(st, err);
	wb_stmt_release(st);
	if (rc == 0) {
		h->last_id = f.id;
		memcpy(h->hash, hash, HASH_HEX);
	}
	return rc;
}

int
wb_audit_write(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_audit_event *ev, struct wb_err *err)
{
	struct wb_audit_run	h;
	int			rc;

	rc = wb_audit_run_start(db, &h, err);
	if (rc == 0)
		rc = wb_audit_run_add(db, &h, actor, ev, err);
	if (rc == 0)
		rc = wb_audit_run_end(db, &h, err);
	return rc;
}

/*
 * Group commit for events without a change of their own (reads, failed
 * logins).  Each caller queues its event and waits; whoever finds no
 * commit in progress becomes the leader, writes every queued event in one
 * transaction on its own connection and wakes the others.  A read page
 * still waits until its event is durable, but concurrent requests share
 * one fsync instead of queueing for one each.
 */
struct pending {
	const struct wb_actor		*actor;
	const struct wb_audit_event	*ev;
	struct wb_err			*err;
	int				 rc;
	bool				 done;
	struct pending			*next;
};

static pthread_mutex_t	 gc_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 gc_cond = PTHREAD_COND_INITIALIZER;
static struct pending	*gc_queue;
static struct pending	**gc_tail = &gc_queue;
static bool		 gc_busy;

/* Write a batch in one transaction, reading and moving the chain head
 * once; the result applies to all of it. */
static int
write_batch(struct wb_db *db, struct pending *batch, struct wb_err *err)
{
	struct pending		*p;
	struct wb_audit_run	 h;
	int			 rc;

	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		return rc;
	rc = wb_audit_run_start(db, &h, err);
	for (p = batch; p != NULL && rc == 0; p = p->next)
		rc = wb_audit_run_add(db, &h, p->actor, p->ev, err);
	if (rc == 0)
		rc = wb_audit_run_end(db, &h, err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0)
		wb_db_rollback(db);
	return rc;
}

int
wb_audit_log(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_audit_event *ev, struct wb_err *err)
{
	struct pending	 me = { actor, ev, err, 0, false, NULL };
	struct pending	*batch, *p, *next;
	struct wb_err	 berr;
	int		 rc, tries;

	pthread_mutex_lock(&gc_mutex);
	*gc_tail = &me;
	gc_tail = &me.next;
	while (!me.done) {
		if (gc_busy) {
			pthread_cond_wait(&gc_cond, &gc_mutex);
			continue;
		}
		gc_busy = true;
		batch = gc_queue;
		gc_queue = NULL;
		gc_tail = &gc_queue;
		pthread_mutex_unlock(&gc_mutex);

		/* A busy database (lock wait timed out) is retried: nothing of
		 * the batch was written, so writing it again is safe. */
		for (tries = 0; tries < 3; tries++) {
			wb_err_clear(&berr);
			rc = write_batch(db, batch, &berr);
			if (rc != WB_EBUSY)
				break;
		}

		pthread_mutex_lock(&gc_mutex);
		for (p = batch; p != NULL; p = next) {
			next = p->next;
			p->rc = rc;
			if (rc != 0 && p->err != NULL)
				*p->err = berr;
			p->done = true;		/* p may vanish after unlock */
		}
		gc_busy = false;
		pthread_cond_broadcast(&gc_cond);
	}
	pthread_mutex_unlock(&gc_mutex);
	return me.rc;
}

int
wb_audit_check(struct wb_db *db, const struct wb_actor *actor,
    enum wb_action action, const struct wb_scope *scope, const char *event,
    const char *object_type, const char *object_id, struct wb_err *err)
{
	struct wb_audit_event	ev = { .event = event, .denied = true,
	    .object_type = object_type, .object_id = object_id };
	char			detail[80];
	int			rc;

	if (wb_access_check(actor, action, scope) == 0)
		return 0;
	/* The refused action and its region: codes, no personal data. */
	snprintf(detail, sizeof(detail), "%s%s%.8s", wb_action_name(action),
	    scope != NULL && scope->region_code != NULL ? " " : "",
	    scope != NULL && scope->region_code != NULL ?
	    scope->region_code : "");
	ev.detail = detail;
	rc = wb_audit_log(db, actor, &ev, err);
	return rc != 0 ? rc : wb_err_set(err, WB_EDENIED,
	    "u hebt geen toegang tot deze handeling");
}

/* Read the stored row into f (strings point into the statement). */
static void
row_fields(struct wb_stmt *st, struct fields *f)
{
	f->id = wb_stmt_int64(st, 0);
	f->at = wb_stmt_int64(st, 1);
	f->event = wb_stmt_text(st, 2);
	f->outcome = wb_stmt_text(st, 3);
	f->user_id = wb_stmt_int64(st, 4);
	f->org_id = wb_stmt_int64(st, 5);
	f->role = wb_stmt_isnull(st, 6) ? NULL : wb_stmt_text(st, 6);
	f->address = wb_stmt_isnull(st, 7) ? NULL : wb_stmt_text(st, 7);
	f->object_type = wb_stmt_isnull(st, 8) ? NULL : wb_stmt_text(st, 8);
	f->object_id = wb_stmt_isnull(st, 9) ? NULL : wb_stmt_text(st, 9);
	f->client_id = wb_stmt_int64(st, 10);
	f->purpose = wb_stmt_isnull(st, 11) ? NULL : wb_stmt_text(st, 11);
	f->consent_id = wb_stmt_int64(st, 12);
	f->detail = wb_stmt_isnull(st, 13) ? NULL : wb_stmt_text(st, 13);
}

int
wb_audit_verify(struct wb_db *db, int64_t *checked, int64_t *broken_id,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	char		 prev[HASH_HEX], hash[HASH_HEX];
	int64_t		 expect_id = 1, head_id = 0;
	int		 rc;

	*checked = 0;
	*broken_id = 0;
	memset(prev, '0', HASH_HEX - 1);
	prev[HASH_HEX - 1] = '\0';
	rc = wb_db_begin_read(db, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_AUDIT_ALL, &st, err);
	if (rc != 0)
		goto out;
	while ((rc = wb_stmt_step(st, err)) == 1) {
		struct fields	f;

		row_fields(st, &f);
		event_hash(prev, &f, hash);
		if (f.id != expect_id || strcmp(wb_stmt_text(st, 14), prev) != 0 ||
		    strcmp(wb_stmt_text(st, 15), hash) != 0) {
			*broken_id = f.id != expect_id ? expect_id : f.id;
			rc = wb_err_set(err, WB_ECONFLICT,
			    "audit chain broken at event %lld",
			    (long long)*broken_id);
			goto out;
		}
		memcpy(prev, wb_stmt_text(st, 15), HASH_HEX);
		expect_id++;
		(*checked)++;
	}
	if (rc < 0)
		goto out;
	wb_stmt_release(st);
	st = NULL;
	rc = wb_db_prepare(db, Q_AUDIT_HEAD_GET, &st, err);
	if (rc != 0)
		goto out;
	rc = wb_stmt_step(st, err);
	if (rc != 1) {
		rc = rc < 0 ? rc : wb_err_set(err, WB_EDB, "no audit head");
		goto out;
	}
	head_id = wb_stmt_int64(st, 0);
	if (head_id != expect_id - 1 || strcmp(wb_stmt_text(st, 1), prev) != 0) {
		*broken_id = expect_id;
		rc = wb_err_set(err, WB_ECONFLICT, "audit chain broken: the "
		    "head names event %lld but the log ends at %lld",
		    (long long)head_id, (long long)(expect_id - 1));
		goto out;
	}
	rc = 0;
out:
	wb_stmt_release(st);
	wb_db_rollback(db);
	return rc;
}

static const char *
dup_or_null(struct wb_arena *a, struct wb_stmt *st, int col)
{
	return wb_stmt_isnull(st, col) ? NULL :
	    wb_arena_strdup(a, wb_stmt_text(st, col));
}

/* Bind the filter as $1..$9 of Q_AUDIT_SEARCH(_COUNT). */
static void
bind_filter(struct wb_stmt *st, const struct wb_audit_filter *f)
{
	bind_opt_int(st, 1, f->user_id);
	bind_opt_int(st, 2, f->org_id);
	wb_stmt_bind_opt(st, 3, f->event);
	wb_stmt_bind_opt(st, 4, f->outcome);
	bind_opt_int(st, 5, f->from);
	bind_opt_int(st, 6, f->until);
	bind_opt_int(st, 7, f->client_id);
	wb_stmt_bind_opt(st, 8, f->object_type);
	wb_stmt_bind_opt(st, 9, f->object_id);
}

int
wb_audit_search(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_audit_filter *f, int64_t limit, int64_t offset,
    struct wb_arena *a, struct wb_audit_row **rows, size_t *nrows,
    int64_t *total, struct wb_err *err)
{
	struct wb_stmt		*st = NULL;
	struct wb_audit_event	 ev = { .event = "audit.search",
	    .object_type = "audit_event" };
	size_t			 cap = 0;
	int			 rc;

	*rows = NULL;
	*nrows = 0;
	*total = 0;
	if (wb_access_check(actor, WB_ACT_AUDIT_READ, NULL) != 0) {
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc != 0 ? rc : wb_err_set(err, WB_EDENIED,
		    "alleen een auditor mag de auditlog inzien");
	}
	rc = wb_audit_log(db, actor, &ev, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_AUDIT_SEARCH_COUNT, &st, err);
	if (rc != 0)
		goto out;
	bind_filter(st, f);
	rc = wb_stmt_exec_int64(st, total, err);
	if (rc != 0)
		goto out;
	wb_stmt_release(st);
	st = NULL;
	rc = wb_db_prepare(db, Q_AUDIT_SEARCH, &st, err);
	if (rc != 0)
		goto out;
	bind_filter(st, f);
	wb_stmt_bind_int64(st, 10, limit);
	wb_stmt_bind_int64(st, 11, offset);
	cap = limit > 0 && limit < 10000 ? (size_t)limit : 10000;
	*rows = wb_arena_array(a, cap, sizeof(**rows));
	while (*nrows < cap && (rc = wb_stmt_step(st, err)) == 1) {
		struct wb_audit_row *r = &(*rows)[(*nrows)++];

		r->id = wb_stmt_int64(st, 0);
		r->at = wb_stmt_int64(st, 1);
		r->event = dup_or_null(a, st, 2);
		r->outcome = dup_or_null(a, st, 3);
		r->user_id = wb_stmt_int64(st, 4);
		r->org_id = wb_stmt_int64(st, 5);
		r->role = dup_or_null(a, st, 6);
		r->address = dup_or_null(a, st, 7);
		r->object_type = dup_or_null(a, st, 8);
		r->object_id = dup_or_null(a, st, 9);
		r->client_id = wb_stmt_int64(st, 10);
		r->purpose = dup_or_null(a, st, 11);
		r->consent_id = wb_stmt_int64(st, 12);
		r->detail = dup_or_null(a, st, 13);
		r->user_name = dup_or_null(a, st, 16);
		r->org_code = dup_or_null(a, st, 17);
	}
	if (rc > 0)
		rc = 0;
out:
	wb_stmt_release(st);
	return rc;
}
