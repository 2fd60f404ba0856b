/* test_vault.c - the site key: sealing, the blind index and the key file
 * (src/domain/vault.c).
 *
 * The key is process-global.  dbt_open() loads the fixed test key for
 * each test; a test that loads another key puts the test key back with
 * use_test_key() before it ends, so the order of the tests never matters.
 */
#include "dbtest.h"

#include "base/common.h"

#include <sys/stat.h>
#include <fcntl.h>

/* The key dbt_open() loads. */
static const unsigned char test_key[WB_VAULT_KEYBYTES] = { 1, 2, 3 };

static void
use_test_key(struct dbt *t)
{
	struct wb_err	err;

	if (wb_vault_use_key(t->db, test_key, &err) != 0)
		fail_msg("test key: %s", err.msg);
}

/* A new migrated database that has never had a key. */
static void
open_keyless(struct dbt *t)
{
	struct wb_err	err;
	int		applied = 0;

	dbt_open_unmigrated(t);
	if (wb_db_migrate(t->db, &applied, &err) != 0)
		fail_msg("migrate: %s", err.msg);
}

/* A directory for key files, removed with its files by rm_keydir(). */
static void
mk_keydir(char dir[64])
{
	snprintf(dir, 64, "/tmp/wb-vault-XXXXXX");
	assert_non_null(mkdtemp(dir));
}

static void
rm_keydir(const char *dir)
{
	static const char *const names[] = { "site.key", "other.key" };
	char	p[128];
	size_t	i;

	for (i = 0; i < WB_NELEM(names); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		unlink(p);
	}
	assert_int_equal(rmdir(dir), 0);
}

static void
write_file(const char *path, const char *text, mode_t mode)
{
	int	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(close(fd), 0);
	assert_int_equal(chmod(path, mode), 0);
}

static void
read_file(const char *path, char *out, size_t n)
{
	int	fd = open(path, O_RDONLY);
	ssize_t	r;

	assert_true(fd >= 0);
	r = read(fd, out, n - 1);
	assert_true(r >= 0);
	out[r] = '\0';
	close(fd);
}

/* -- sealing -- */

static void
test_seal_open_round_trip(void **state)
{
	static const char *const plain[] = { "123456782", "", "é ü ø",
	    "a longer value, sealed the same way" };
	struct dbt	*t = *state;
	struct wb_err	 err;
	char		*hex, *again, *back;
	size_t		 i;

	for (i = 0; i < WB_NELEM(plain); i++) {
		assert_int_equal(wb_vault_seal(plain[i], &t->a, &hex, &err), 0);
		/* lowercase hex, and the plain text is not in it */
		assert_int_equal(strspn(hex, "0123456789abcdef"), strlen(hex));
		if (plain[i][0] != '\0')
			assert_null(strstr(hex, plain[i]));
		assert_int_equal(wb_vault_open(hex, &t->a, &back, &err), 0);
		assert_string_equal(back, plain[i]);
		/* a fresh nonce each time: equal values do not look equal */
		assert_int_equal(wb_vault_seal(plain[i], &t->a, &again, &err),
		    0);
		assert_string_not_equal(hex, again);
	}
}

/* Any changed character, a shortened value or junk does not open. */
static void
test_tampered_value_does_not_open(void **state)
{
	struct dbt	*t = *state;
	struct wb_err	 err;
	char		*hex, *bad, *back;
	size_t		 i, n;

	assert_int_equal(wb_vault_seal("123456782", &t->a, &hex, &err), 0);
	n = strlen(hex);
	for (i = 0; i < n; i++) {
		bad = wb_arena_strdup(&t->a, hex);
		bad[i] = bad[i] == '0' ? '1' : '0';
		if (wb_vault_open(bad, &t->a, &back, &err) != WB_EIO)
			fail_msg("changed character %zu opens", i);
	}
	bad = wb_arena_strdup(&t->a, hex);
	bad[n - 2] = '\0';
	assert_int_equal(wb_vault_open(bad, &t->a, &back, &err), WB_EIO);
	bad[n - 3] = '\0';	/* odd length */
	assert_int_equal(wb_vault_open(bad, &t->a, &back, &err), WB_EIO);
	assert_int_equal(wb_vault_open("", &t->a, &back, &err), WB_EIO);
	bad = wb_arena_strdup(&t->a, hex);
	bad[4] = 'g';
	assert_int_equal(wb_vault_open(bad, &t->a, &back, &err), WB_EIO);
	/* the untouched value still opens */
	assert_int_equal(wb_vault_open(hex, &t->a, &back, &err), 0);
}

static void
test_index_is_deterministic_per_domain(void **state)
{
	struct wb_err	 err;
	char		 a[WB_VAULT_INDEXHEX + 1], b[WB_VAULT_INDEXHEX + 1];
	char		 c[WB_VAULT_INDEXHEX + 1], d[WB_VAULT_INDEXHEX + 1];

	assert_int_equal(wb_vault_index("bsn", "123456782", a, &err), 0);
	assert_int_equal(wb_vault_index("bsn", "123456782", b, &err), 0);
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), WB_VAULT_INDEXHEX);
	assert_int_equal(strspn(a, "0123456789abcdef"), WB_VAULT_INDEXHEX);
	assert_null(strstr(a, "123456782"));
	/* another domain, another value */
	assert_int_equal(wb_vault_index("email", "123456782", c, &err), 0);
	assert_string_not_equal(a, c);
	assert_int_equal(wb_vault_index("bsn", "249566758", d, &err), 0);
	assert_string_not_equal(a, d);
	/* the domain and the value are not simply joined */
	assert_int_equal(wb_vault_index("bsn1", "23456782", c, &err), 0);
	assert_string_not_equal(a, c);
	(void)state;
}

/* Another key seals and indexes differently: a copy of the database
 * without the key file is of no use. */
static void
test_other_key_cannot_open_or_find(void **state)
{
	static const unsigned char other[WB_VAULT_KEYBYTES] = { 9, 9, 9 };
	struct dbt	*t = *state, t2;
	struct wb_err	 err;
	char		 a[WB_VAULT_INDEXHEX + 1], b[WB_VAULT_INDEXHEX + 1];
	char		*hex, *back = NULL;

	assert_int_equal(wb_vault_seal("123456782", &t->a, &hex, &err), 0);
	assert_int_equal(wb_vault_index("bsn", "123456782", a, &err), 0);
	open_keyless(&t2);
	assert_int_equal(wb_vault_use_key(t2.db, other, &err), 0);
	assert_int_equal(wb_vault_open(hex, &t->a, &back, &err), WB_EIO);
	assert_int_equal(wb_vault_index("bsn", "123456782", b, &err), 0);
	assert_string_not_equal(a, b);
	dbt_close(&t2);
	use_test_key(t);
	assert_int_equal(wb_vault_open(hex, &t->a, &back, &err), 0);
	assert_string_equal(back, "123456782");
}

/* -- the key file -- */

/* The first start makes a key file of mode 600; the second reads the same
 * key from it (what the first sealed, the second opens). */
static void
test_setup_creates_key_then_reads_it(void **state)
{
	struct dbt	*t = *state, k;
	struct wb_err	 err;
	struct stat	 sb;
	char		 dir[64], path[96], first[160], second[160];
	char		*hex, *back;
	char		 ia[WB_VAULT_INDEXHEX + 1], ib[WB_VAULT_INDEXHEX + 1];

	mk_keydir(dir);
	snprintf(path, sizeof(path), "%s/site.key", dir);
	open_keyless(&k);
	if (wb_vault_setup(k.db, path, &err) != 0)
		fail_msg("setup: %s", err.msg);
	assert_true(wb_vault_ready());
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	read_file(path, first, sizeof(first));
	assert_int_equal(strlen(first), 2 * WB_VAULT_KEYBYTES + 1);
	assert_int_equal(strspn(first, "0123456789abcdef"),
	    2 * WB_VAULT_KEYBYTES);
	/* the database now knows the key */
	assert_true(dbt_int(&k, "SELECT count(*) FROM setting "
	    "WHERE key = 'vault.check'") == 1);
	assert_int_equal(wb_vault_seal("249566758", &k.a, &hex, &err), 0);
	assert_int_equal(wb_vault_index("bsn", "249566758", ia, &err), 0);

	/* another key in between, then the second start */
	use_test_key(t);
	if (wb_vault_setup(k.db, path, &err) != 0)
		fail_msg("second setup: %s", err.msg);
	read_file(path, second, sizeof(second));
	assert_string_equal(first, second);
	assert_int_equal(wb_vault_open(hex, &k.a, &back, &err), 0);
	assert_string_equal(back, "249566758");
	assert_int_equal(wb_vault_index("bsn", "249566758", ib, &err), 0);
	assert_string_equal(ia, ib);

	dbt_close(&k);
	rm_keydir(dir);
	use_test_key(t);
}

/* A database bound to one key refuses a key file with another. */
static void
test_setup_refuses_other_key_file(void **state)
{
	struct dbt	*t = *state, k;
	struct wb_err	 err;
	char		 dir[64], path[96], other[96], hex[80];
	unsigned char	 key[WB_VAULT_KEYBYTES];

	mk_keydir(dir);
	snprintf(path, sizeof(path), "%s/site.key", dir);
	snprintf(other, sizeof(other), "%s/other.key", dir);
	open_keyless(&k);
	assert_int_equal(wb_vault_setup(k.db, path, &err), 0);
	randombytes_buf(key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
	write_file(other, hex, 0600);
	assert_int_equal(wb_vault_setup(k.db, other, &err), WB_EINVAL);
	assert_non_null(strstr(err.msg, "past niet"));
	/* and the other way: the test database refuses the new site key */
	assert_int_equal(wb_vault_setup(t->db, path, &err), WB_EINVAL);
	/* the right file is still accepted */
	assert_int_equal(wb_vault_setup(k.db, path, &err), 0);
	dbt_close(&k);
	rm_keydir(dir);
	use_test_key(t);
}

/* A database that has a key never silently gets a new one. */
static void
test_setup_refuses_missing_key_file(void **state)
{
	struct dbt	*t = *state;
	struct wb_err	 err;
	char		 dir[64], path[96];

	mk_keydir(dir);
	snprintf(path, sizeof(path), "%s/site.key", dir);
	assert_int_equal(wb_vault_setup(t->db, path, &err), WB_EINVAL);
	assert_non_null(strstr(err.msg, "ontbreekt"));
	assert_int_equal(access(path, F_OK), -1);
	rm_keydir(dir);
	use_test_key(t);
}

static void
test_setup_refuses_readable_or_malformed_file(void **state)
{
	static const struct {
		const char	*what;
		mode_t		 mode;
		bool		 good_text;
	} cases[] = {
		{ "world-readable", 0644, true },
		{ "group-readable", 0640, true },
		{ "world-writable", 0602, true },
		{ "too short", 0600, false },
	};
	struct dbt	*t = *state, k;
	struct wb_err	 err;
	char		 dir[64], path[96], hex[80];
	size_t		 i;

	mk_keydir(dir);
	snprintf(path, sizeof(path), "%s/site.key", dir);
	for (i = 0; i < WB_NELEM(cases); i++) {
		open_keyless(&k);
		memset(hex, 'a', 2 * WB_VAULT_KEYBYTES);
		hex[cases[i].good_text ? 2 * WB_VAULT_KEYBYTES : 60] = '\0';
		write_file(path, hex, cases[i].mode);
		if (wb_vault_setup(k.db, path, &err) != WB_EINVAL)
			fail_msg("%s key file accepted", cases[i].what);
		/* nothing was bound to the database */
		assert_int_equal(dbt_int(&k, "SELECT count(*) FROM setting "
		    "WHERE key = 'vault.check'"), 0);
		dbt_close(&k);
	}
	/* non-hex text of the right length */
	open_keyless(&k);
	memset(hex, 'z', 2 * WB_VAULT_KEYBYTES);
	hex[2 * WB_VAULT_KEYBYTES] = '\0';
	write_file(path, hex, 0600);
	assert_int_equal(wb_vault_setup(k.db, path, &err), WB_EINVAL);
	/* the same file with mode 600 and good text is accepted */
	memset(hex, 'a', 2 * WB_VAULT_KEYBYTES);
	write_file(path, hex, 0600);
	assert_int_equal(wb_vault_setup(k.db, path, &err), 0);
	dbt_close(&k);
	rm_keydir(dir);
	use_test_key(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_seal_open_round_trip,
		    dbt_setup, dbt_teardown),
		cmocka_unit_test_setup_teardown(
		    test_tampered_value_does_not_open, dbt_setup, dbt_teardown),
		cmocka_unit_test_setup_teardown(
		    test_index_is_deterministic_per_domain, dbt_setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(
		    test_other_key_cannot_open_or_find, dbt_setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(
		    test_setup_creates_key_then_reads_it, dbt_setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(
		    test_setup_refuses_other_key_file, dbt_setup, dbt_teardown),
		cmocka_unit_test_setup_teardown(
		    test_setup_refuses_missing_key_file, dbt_setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(
		    test_setup_refuses_readable_or_malformed_file, dbt_setup,
		    dbt_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
