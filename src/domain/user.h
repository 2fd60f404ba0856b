/* user.h - accounts: professionals, coordinators, administrators, ...
 *
 * An account belongs to one organisation and has one role; a coordinator
 * also names the region they coordinate.  Passwords are hashed with
 * Argon2id (libsodium crypto_pwhash_str) and rehashed on login when the
 * parameters change.  Login failures are counted per account and per
 * address (login_throttle); past the limits the account or address is
 * locked for a while.  Every login, failure and lock is audited; no
 * password or e-mail address is ever written to a log.
 */
#ifndef WB_USER_H
#define WB_USER_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/db.h"

struct wb_user {
	int64_t		 id;
	const char	*email;
	const char	*name;
	enum wb_role	 role;
	int64_t		 org_id;
	const char	*region_code;	/* coordinators; NULL otherwise */
	const char	*lang;
	bool		 active;
	const char	*org_name;	/* "" for a client account */
	const char	*org_code;
	int64_t		 client_id;	/* a client account: their record */
};

/* What is needed to create or change an account. */
struct wb_user_input {
	const char	*email;
	const char	*name;
	const char	*role;		/* "professional", ... */
	const char	*org_code;
	const char	*region_code;	/* required for coordinators */
	const char	*password;	/* create only; NULL = no login yet */
	bool		 active;
};

/* Lockout policy (defaults; tests may lower them). */
#define WB_LOGIN_WINDOW		(15 * 60)
#define WB_LOGIN_MAX_ACCOUNT	5	/* failures per account per window */
#define WB_LOGIN_MAX_ADDRESS	20	/* failures per address per window */
#define WB_LOGIN_LOCK		(15 * 60)

/* Create an account; *id gets its id.  Errors: WB_EINVAL (with field),
 * WB_ECONFLICT (e-mail in use), WB_EDENIED. */
int	wb_user_add(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_user_input *in, int64_t *id, struct wb_err *err)
	    WB_WARN_UNUSED;
/* Change name, role, organisation, region and active flag. */
int	wb_user_update(struct wb_db *db, const struct wb_actor *actor,
	    int64_t id, const struct wb_user_input *in, struct wb_err *err)
	    WB_WARN_UNUSED;
/* Set a new password (admin for anyone, a user for themself). */
int	wb_user_set_password(struct wb_db *db, const struct wb_actor *actor,
	    int64_t id, const char *password, struct wb_err *err)
	    WB_WARN_UNUSED;
int	wb_user_set_lang(struct wb_db *db, const struct wb_actor *actor,
	    const char *lang, struct wb_err *err) WB_WARN_UNUSED;

/* Load an account into `a` (no access check: for the session layer). */
int	wb_user_load(struct wb_db *db, int64_t id, struct wb_arena *a,
	    struct wb_user *out, struct wb_err *err) WB_WARN_UNUSED;
int	wb_user_find_email(struct wb_db *db, const char *email,
	    struct wb_arena *a, struct wb_user *out, struct wb_err *err)
	    WB_WARN_UNUSED;
/* 0 when `actor` may add and change accounts.  When not, the refused
 * `event` ("user.create", "user.update") on account `id` (0 = none) is
 * audited and WB_EDENIED returned.  wb_user_add and wb_user_update check
 * this themselves; the web layer calls it first so that a refused form
 * is audited even when its fields do not validate. */
int	wb_user_check_manage(struct wb_db *db, const struct wb_actor *actor,
	    const char *event, int64_t id, struct wb_err *err) WB_WARN_UNUSED;
/* One account, for an administrator; audited as user.read. */
int	wb_user_get(struct wb_db *db, const struct wb_actor *actor, int64_t id,
	    struct wb_arena *a, struct wb_user *out, struct wb_err *err)
	    WB_WARN_UNUSED;
/* Accounts, for administrators; org_id 0 = all.  Audited as user.list. */
int	wb_user_list(struct wb_db *db, const struct wb_actor *actor,
	    int64_t org_id, int64_t limit, int64_t offset, struct wb_arena *a,
	    struct wb_user **out, size_t *n, struct wb_err *err) WB_WARN_UNUSED;

/* Check e-mail and password from `address`.  0 and *user_id on success;
 * WB_EDENIED for a wrong e-mail or password (one message for both);
 * WB_EBUSY while the account or address is locked. */
int	wb_user_login(struct wb_db *db, const char *email, const char *password,
	    const char *address, int64_t *user_id, struct wb_err *err)
	    WB_WARN_UNUSED;

/* The actor for an account, for the session and token layers. */
void	wb_user_actor(const struct wb_user *u, const char *address,
	    const char *via, struct wb_actor *out);

/* Argon2id hash of a password into out (crypto_pwhash_STRBYTES). */
int	wb_password_hash(const char *password, char *out, struct wb_err *err)
	    WB_WARN_UNUSED;
/* Check the password rules (length); Dutch message on failure. */
int	wb_password_check_rules(const char *password, struct wb_err *err)
	    WB_WARN_UNUSED;

#endif /* WB_USER_H */
