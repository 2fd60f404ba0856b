/* vault.c - the site key. */
#include "domain/vault.h"

#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <sodium.h>

#include "base/str.h"

#define SEAL_KEY	1	/* crypto_kdf subkey ids */
#define INDEX_KEY	2
#define CHECK_KEY	3
static const char kdf_ctx[crypto_kdf_CONTEXTBYTES] = "wbvault1";
static const unsigned char seal_ad[] = "werkbrug-seal-v1";

/* Subkeys in guarded memory; NULL until a key is loaded. */
static unsigned char *keys;

static unsigned char *
subkey(int which)
{
	return keys + (size_t)(which - 1) * crypto_kdf_KEYBYTES;
}

bool
wb_vault_ready(void)
{
	return keys != NULL;
}

static int
set_key(const unsigned char key[WB_VAULT_KEYBYTES], struct wb_err *err)
{
	if (keys == NULL) {
		keys = sodium_malloc(3 * crypto_kdf_KEYBYTES);
		if (keys == NULL)
			return wb_err_set(err, WB_EIO, "sodium_malloc failed");
	} else
		sodium_mprotect_readwrite(keys);
	if (crypto_kdf_derive_from_key(subkey(SEAL_KEY), crypto_kdf_KEYBYTES,
	    SEAL_KEY, kdf_ctx, key) != 0 ||
	    crypto_kdf_derive_from_key(subkey(INDEX_KEY), crypto_kdf_KEYBYTES,
	    INDEX_KEY, kdf_ctx, key) != 0 ||
	    crypto_kdf_derive_from_key(subkey(CHECK_KEY), crypto_kdf_KEYBYTES,
	    CHECK_KEY, kdf_ctx, key) != 0)
		return wb_err_set(err, WB_EIO, "key derivation failed");
	sodium_mprotect_readonly(keys);
	return 0;
}

/* The check value the database keeps: a hash under the check subkey. */
static void
check_value(char out[65])
{
	unsigned char	h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)"check", 5,
	    subkey(CHECK_KEY), crypto_kdf_KEYBYTES);
	wb_hex(h, sizeof(h), out);
}

static int
stored_check(struct wb_db *db, char *out, size_t n, bool *found,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	*found = false;
	rc = wb_db_prepare(db, Q_SETTING_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, "vault.check");
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		snprintf(out, n, "%s", wb_stmt_text(st, 0));
		*found = true;
		rc = 0;
	}
	wb_stmt_release(st);
	return rc;
}

/* Compare the loaded key with the database's check value, or record it
 * when the database has none. */
static int
bind_db(struct wb_db *db, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	char		 want[65], have[80];
	bool		 found = false;
	int		 rc;

	check_value(want);
	rc = wb_db_begin_write(db, err);
	if (rc == 0)
		rc = stored_check(db, have, sizeof(have), &found, err);
	if (rc == 0 && found && strcmp(have, want) != 0)
		rc = wb_err_set(err, WB_EINVAL, "het sleutelbestand past niet "
		    "bij deze database; zet het juiste bestand terug (zie "
		    "docs/clients.md)");
	if (rc == 0 && !found) {
		rc = wb_db_prepare(db, Q_SETTING_PUT, &st, err);
		if (rc == 0) {
			wb_stmt_bind_text(st, 1, "vault.check");
			wb_stmt_bind_text(st, 2, want);
			rc = wb_stmt_exec(st, err);
		}
		wb_stmt_release(st);
	}
	if (rc == 0)
		return wb_db_commit(db, err);
	wb_db_rollback(db);
	return rc;
}

int
wb_vault_use_key(struct wb_db *db, const unsigned char key[WB_VAULT_KEYBYTES],
    struct wb_err *err)
{
	int	rc;

	rc = set_key(key, err);
	if (rc == 0)
		rc = bind_db(db, err);
	if (rc != 0 && keys != NULL) {
		/* A refused key is not left loaded for a caller who goes on. */
		sodium_free(keys);
		keys = NULL;
	}
	return rc;
}

/* Write a new random key to `path`, whole or not at all: a temporary
 * file linked into place, so a second process starting at the same moment
 * either reads the complete file or finds none.  WB_ECONFLICT when the
 * file appeared meanwhile. */
static int
create_key(const char *path, unsigned char key[WB_VAULT_KEYBYTES],
    struct wb_err *err)
{
	char	hex[2 * WB_VAULT_KEYBYTES + 2], tmp[600];
	int	fd, rc = 0;
	ssize_t	w;

	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp))
		return wb_err_set(err, WB_EINVAL, "pad van het sleutelbestand "
		    "te lang");
	randombytes_buf(key, WB_VAULT_KEYBYTES);
	wb_hex(key, WB_VAULT_KEYBYTES, hex);
	hex[2 * WB_VAULT_KEYBYTES] = '\n';
	hex[2 * WB_VAULT_KEYBYTES + 1] = '\0';
	fd = mkstemp(tmp);	/* mode 600 */
	if (fd < 0)
		return wb_err_set(err, WB_EIO, "kan het sleutelbestand %s niet "
		    "maken: %s", path, strerror(errno));
	w = write(fd, hex, strlen(hex));
	if (w != (ssize_t)strlen(hex) || fsync(fd) != 0)
		rc = wb_err_set(err, WB_EIO, "kan het sleutelbestand %s niet "
		    "schrijven", path);
	close(fd);
	if (rc == 0 && link(tmp, path) != 0)
		rc = errno == EEXIST ? WB_ECONFLICT : wb_err_set(err, WB_EIO,
		    "kan het sleutelbestand %s niet maken: %s", path,
		    strerror(errno));
	unlink(tmp);
	sodium_memzero(hex, sizeof(hex));
	return rc;
}

static int
read_key(const char *path, unsigned char key[WB_VAULT_KEYBYTES],
    struct wb_err *err)
{
	char		 buf[2 * WB_VAULT_KEYBYTES + 4];
	struct stat	 sb;
	size_t		 got = 0;
	ssize_t		 r;
	int		 fd, rc = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return wb_err_set(err, WB_EIO, "kan het sleutelbestand %s niet "
		    "lezen: %s", path, strerror(errno));
	if (fstat(fd, &sb) != 0 || (sb.st_mode & 077) != 0) {
		close(fd);
		return wb_err_set(err, WB_EINVAL, "het sleutelbestand %s is "
		    "leesbaar voor anderen; zet de rechten op 600", path);
	}
	while (got < sizeof(buf) &&
	    (r = read(fd, buf + got, sizeof(buf) - got)) > 0)
		got += (size_t)r;
	close(fd);
	while (got > 0 && (buf[got - 1] == '\n' || buf[got - 1] == '\r'))
		got--;
	if (got != 2 * WB_VAULT_KEYBYTES || sodium_hex2bin(key,
	    WB_VAULT_KEYBYTES, buf, got, NULL, NULL, NULL) != 0)
		rc = wb_err_set(err, WB_EINVAL, "het sleutelbestand %s is "
		    "beschadigd (verwacht 64 hexadecimale tekens)", path);
	sodium_memzero(buf, sizeof(buf));
	return rc;
}

int
wb_vault_setup(struct wb_db *db, const char *path, struct wb_err *err)
{
	unsigned char	key[WB_VAULT_KEYBYTES];
	char		have[80];
	bool		found;
	int		rc;

	if (access(path, F_OK) != 0 && errno == ENOENT) {
		rc = stored_check(db, have, sizeof(have), &found, err);
		if (rc != 0)
			return rc;
		/* A second process starting at the same moment may have
		 * made the file and bound it since we looked. */
		if (found && access(path, F_OK) == 0)
			rc = read_key(path, key, err);
		else if (found)
			return wb_err_set(err, WB_EINVAL, "het sleutelbestand "
			    "%s ontbreekt, maar deze database heeft een "
			    "sleutel; zet het bestand terug uit de "
			    "reservekopie (zie docs/clients.md)", path);
		else {
			rc = create_key(path, key, err);
			if (rc == WB_ECONFLICT)	/* another process made it */
				rc = read_key(path, key, err);
		}
	} else
		rc = read_key(path, key, err);
	if (rc == 0)
		rc = wb_vault_use_key(db, key, err);
	sodium_memzero(key, sizeof(key));
	return rc;
}

int
wb_vault_seal(const char *plain, struct wb_arena *a, char **hex,
    struct wb_err *err)
{
	const size_t	 nb = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
	const size_t	 ab = crypto_aead_xchacha20poly1305_ietf_ABYTES;
	size_t		 n = strlen(plain);
	unsigned char	*box;
	unsigned long long clen;

	if (keys == NULL)
		return wb_err_set(err, WB_EIO, "no site key loaded");
	if (n > 4096)
		return wb_err_set(err, WB_ETOOBIG, "value too long to seal");
	box = wb_arena_alloc(a, nb + n + ab);
	*hex = wb_arena_alloc(a, 2 * (nb + n + ab) + 1);
	randombytes_buf(box, nb);
	crypto_aead_xchacha20poly1305_ietf_encrypt(box + nb, &clen,
	    (const unsigned char *)plain, n, seal_ad, sizeof(seal_ad) - 1,
	    NULL, box, subkey(SEAL_KEY));
	wb_hex(box, nb + (size_t)clen, *hex);
	return 0;
}

int
wb_vault_open(const char *hex, struct wb_arena *a, char **plain,
    struct wb_err *err)
{
	const size_t	 nb = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
	const size_t	 ab = crypto_aead_xchacha20poly1305_ietf_ABYTES;
	size_t		 hn = strlen(hex), bn;
	unsigned char	*box;
	unsigned long long mlen;

	if (keys == NULL)
		return wb_err_set(err, WB_EIO, "no site key loaded");
	if (hn % 2 != 0 || hn / 2 < nb + ab || hn > 2 * (nb + ab + 4096))
		return wb_err_set(err, WB_EIO, "sealed value malformed");
	bn = hn / 2;
	box = wb_arena_alloc(a, bn);
	*plain = wb_arena_alloc(a, bn - nb - ab + 1);
	if (sodium_hex2bin(box, bn, hex, hn, NULL, NULL, NULL) != 0 ||
	    crypto_aead_xchacha20poly1305_ietf_decrypt(
	    (unsigned char *)*plain, &mlen, NULL, box + nb, bn - nb,
	    seal_ad, sizeof(seal_ad) - 1, box, subkey(SEAL_KEY)) != 0)
		return wb_err_set(err, WB_EIO, "sealed value does not verify");
	(*plain)[mlen] = '\0';
	return 0;
}

int
wb_vault_index(const char *domain, const char *plain,
    char out[WB_VAULT_INDEXHEX + 1], struct wb_err *err)
{
	crypto_generichash_state	st;
	unsigned char			h[WB_VAULT_INDEXHEX / 2];

	if (keys == NULL)
		return wb_err_set(err, WB_EIO, "no site key loaded");
	crypto_generichash_init(&st, subkey(INDEX_KEY), crypto_kdf_KEYBYTES,
	    sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)domain,
	    strlen(domain) + 1);
	crypto_generichash_update(&st, (const unsigned char *)plain,
	    strlen(plain));
	crypto_generichash_final(&st, h, sizeof(h));
	wb_hex(h, sizeof(h), out);
	return 0;
}
