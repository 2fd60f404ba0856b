/* activation.h - opening a client's portal account with a one-time code.
 *
 * A professional on the client's team (identity access) makes a code and
 * hands it to the client, on paper or in person.  The client enters it at
 * /activeren with their e-mail address and a password of their own; that
 * creates their account (role client, no organisation) and ties it to
 * their record.  A code is 16 characters from an alphabet without
 * look-alikes (80 bits), valid WB_ACTIVATION_DAYS days, usable once; only
 * its hash is stored; a new code replaces unused ones.  Both steps are
 * audited (client.activation.create, client.activate).
 */
#ifndef WB_ACTIVATION_H
#define WB_ACTIVATION_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/db.h"

#define WB_ACTIVATION_DAYS	14
#define WB_ACTIVATION_CHARS	16	/* without the dashes */

/* Make a code for client `client_id`; *code (in `a`) is shown once, as
 * "ABCD-EFGH-JKLM-NPQR".  WB_EINVAL (Dutch) when the client already has
 * an account.  *expires gets the last moment it works (Unix seconds). */
int	wb_activation_create(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, struct wb_arena *a, const char **code,
	    int64_t *expires, struct wb_err *err) WB_WARN_UNUSED;

/* Use a code: create the client's account with `email` and `password`.
 * Field errors (Dutch): code (unknown, used or expired: one message for
 * all), email (invalid or taken), password (the rules of user.c).
 * `address` is the access point for the audit log. */
int	wb_activation_use(struct wb_db *db, const char *address,
	    const char *code, const char *email, const char *password,
	    int64_t *user_id, struct wb_err *err) WB_WARN_UNUSED;

/* Normalise typed input ("abcd efgh-jklm npqr") into out[17]; false when
 * it is not 16 characters of the alphabet. */
bool	wb_activation_normalise(const char *in, char out[17]);

#endif /* WB_ACTIVATION_H */
