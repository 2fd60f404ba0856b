/* vault.h - the site key: sealing the BSN and its blind index.
 *
 * One 32-byte site key per installation, in a file of its own (mode 600,
 * never in the database or a backup of it).  Two subkeys are derived from
 * it: one seals values (XChaCha20-Poly1305), one computes the keyed hash
 * that finds a client by BSN without storing the BSN in the clear.  The
 * database keeps a check value of the key (setting "vault.check"), so a
 * missing or wrong key file is refused at start instead of silently
 * making every sealed value unreadable.  The key lives in guarded memory
 * (sodium_malloc) for the life of the process.
 */
#ifndef WB_VAULT_H
#define WB_VAULT_H

#include "base/arena.h"
#include "base/err.h"
#include "store/db.h"

#define WB_VAULT_KEYBYTES	32
#define WB_VAULT_INDEXHEX	64	/* hex chars of a blind index */

/* Load the key from `path` and check it against the database.  When the
 * file does not exist and the database has never had a key, a new key is
 * written to `path` (mode 600).  Errors (Dutch, for the operator): a
 * missing key for a database that has one, a key that does not fit the
 * database, a malformed or world-readable file. */
int	wb_vault_setup(struct wb_db *db, const char *path, struct wb_err *err)
	    WB_WARN_UNUSED;
/* Use `key` (tests, tools); then bind it to the database as above. */
int	wb_vault_use_key(struct wb_db *db,
	    const unsigned char key[WB_VAULT_KEYBYTES], struct wb_err *err)
	    WB_WARN_UNUSED;
bool	wb_vault_ready(void);

/* Seal `plain` into lowercase hex (nonce + ciphertext) in `a`. */
int	wb_vault_seal(const char *plain, struct wb_arena *a, char **hex,
	    struct wb_err *err) WB_WARN_UNUSED;
/* Open a sealed hex string; WB_EIO when it does not verify. */
int	wb_vault_open(const char *hex, struct wb_arena *a, char **plain,
	    struct wb_err *err) WB_WARN_UNUSED;
/* The blind index of `plain` for lookups in one domain ("bsn"). */
int	wb_vault_index(const char *domain, const char *plain,
	    char out[WB_VAULT_INDEXHEX + 1], struct wb_err *err)
	    WB_WARN_UNUSED;

#endif /* WB_VAULT_H */
