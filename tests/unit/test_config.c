/* test_config.c - the configuration file of src/base/config.c and its
 * precedence in the command line (command line > environment > file >
 * default). */
#include "testutil.h"

#include "base/common.h"
#include "base/config.h"
#include "base/err.h"
#include "base/limits.h"
#include "cli/cli.h"
#include "domain/trajectory.h"

#include <sys/stat.h>
#include <unistd.h>

static int
parse(struct wb_config *cfg, const char *text, struct wb_err *err)
{
	wb_config_init(cfg);
	wb_err_clear(err);
	return wb_config_parse(cfg, "t.ini", text, strlen(text), err);
}

/* -- a valid file -- */

static void
test_valid(void **state)
{
	static const char text[] =
	    "\xef\xbb\xbf; werkbrug\r\n"
	    "# comment\n"
	    "\n"
	    "[server]\n"
	    "listen = [::1]:8443\n"
	    "threads=16\n"
	    "trusted_proxy = 0:0:0:0:0:0:0:1   ; nginx\n"
	    "secure_cookies = true\n"
	    "  ; an indented comment\n"
	    "[database] ; the store\n"
	    "url = postgresql://werkbrug@db.example:5432/werkbrug?sslmode=require\n"
	    "[mail]\n"
	    "from = werkbrug@regio.example\n"
	    "smtp_host = smtp.regio.example\n"
	    "smtp_port = 587\n"
	    "[paths]\n"
	    "data_dir = /var/lib/werkbrug\n"
	    "[limits]\n"
	    "max_upload_mb = 2\n"
	    "[outcomes]\n"
	    "job_min_hours = 12";
	struct wb_config	cfg;
	struct wb_err		err;

	(void)state;
	assert_int_equal(parse(&cfg, text, &err), 0);
	assert_string_equal(cfg.listen, "[::1]:8443");
	assert_int_equal(cfg.threads, 16);
	assert_string_equal(cfg.trusted_proxy, "::1");	/* canonical */
	assert_true(cfg.secure_cookies);
	assert_string_equal(cfg.db_url, "postgresql://werkbrug@db.example:"
	    "5432/werkbrug?sslmode=require");
	assert_string_equal(cfg.mail_from, "werkbrug@regio.example");
	assert_string_equal(cfg.smtp_host, "smtp.regio.example");
	assert_int_equal(cfg.smtp_port, 587);
	assert_string_equal(cfg.data_dir, "/var/lib/werkbrug");
	assert_int_equal(cfg.max_upload_mb, 2);
	assert_int_equal(cfg.job_min_hours, 12);
	assert_int_equal(cfg.set, WB_CFG_LISTEN | WB_CFG_THREADS |
	    WB_CFG_TRUSTED_PROXY | WB_CFG_SECURE_COOKIES | WB_CFG_DB_URL |
	    WB_CFG_MAIL_FROM | WB_CFG_SMTP_HOST | WB_CFG_SMTP_PORT |
	    WB_CFG_DATA_DIR | WB_CFG_MAX_UPLOAD | WB_CFG_JOB_MIN_HOURS);
}

static void
test_defaults(void **state)
{
	struct wb_config	cfg;
	struct wb_err		err;

	(void)state;
	assert_int_equal(parse(&cfg, "", &err), 0);
	assert_string_equal(cfg.listen, "127.0.0.1:8080");
	assert_int_equal(cfg.threads, 8);
	assert_string_equal(cfg.trusted_proxy, "");
	assert_false(cfg.secure_cookies);
	assert_int_equal(cfg.smtp_port, 25);
	assert_int_equal(cfg.max_upload_mb, WB_MAX_UPLOAD / (1024 * 1024));
	assert_int_equal(cfg.job_min_hours, 4);
	assert_int_equal(cfg.set, 0);
	/* An empty trusted_proxy means none. */
	assert_int_equal(parse(&cfg, "[server]\ntrusted_proxy =\n", &err), 0);
	assert_string_equal(cfg.trusted_proxy, "");
	assert_int_equal(parse(&cfg, "[database]\nurl = sqlite:/x/y.db\n",
	    &err), 0);
	assert_string_equal(cfg.db_url, "sqlite:/x/y.db");
}

/* -- every kind of error, with its line and key -- */

struct ecase {
	const char	*text;
	const char	*want1;		/* substrings of the message */
	const char	*want2;
};

static const struct ecase ecases[] = {
	/* unknown section, key; duplicates */
	{ "[server]\n[serverx]\n", "t.ini, regel 2:", "onbekende sectie "
	    "[serverx]" },
	{ "[server]\nlisten = 127.0.0.1:1\n[mail]\nform = a@b.nl\n",
	    "t.ini, regel 4:", "onbekende sleutel 'form' in [mail]" },
	{ "[server]\nurl = sqlite:x\n", "regel 2:", "'url' in [server]" },
	{ "[server]\nthreads = 2\n\nthreads = 3\n", "regel 4:",
	    "'threads' staat twee keer in [server]" },
	{ "[server]\nthreads = 2\n[mail]\n[server]\n", "regel 4:",
	    "sectie [server] staat er twee keer in" },
	{ "[empty]\n", "regel 1:", "onbekende sectie [empty]" },
	{ "[ server ]\n", "regel 1:", "onbekende sectie" },
	{ "[Server]\n", "regel 1:", "onbekende sectie [Server]" },
	{ "[server]\nListen = 127.0.0.1:1\n", "regel 2:",
	    "onbekende sleutel 'Listen'" },
	{ "listen = 127.0.0.1:1\n", "regel 1:", "niet in een sectie" },
	/* syntax */
	{ "[server]\nthreads 4\n", "regel 2:", "geen '[sectie]'" },
	{ "[server\n", "regel 1:", "zonder ']'" },
	{ "[server] x\n", "regel 1:", "tekst na de sectiekop [server]" },
	{ "[server]\nthreads = 4\n  8\n", "regel 3:", "witruimte" },
	{ "[server]\n\tthreads = 4\n", "regel 2:", "witruimte" },
	/* a syntax error before a value error: the first one wins */
	{ "[server]\nbad line\nthreads = 0\n", "regel 2:", "geen" },
	/* bytes */
	{ "[server]\nthreads = 4\x01\n", "regel 2:", "ongeldige tekens" },
	{ "[mail]\nfrom = \xff@b.nl\n", "regel 2:", "ongeldige tekens" },
	{ "[server]\n\n; xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxx\n", "regel 3:", "te lang (hoogstens 190" },
	/* values */
	{ "[server]\nlisten = 127.0.0.1\n", "regel 2:", "[server] listen" },
	{ "[server]\nlisten = localhost:80\n", "regel 2:", "listen" },
	{ "[server]\nlisten = 127.0.0.1:0\n", "regel 2:", "listen" },
	{ "[server]\nlisten = 127.0.0.1:65536\n", "regel 2:", "listen" },
	{ "[server]\nlisten = ::1:80\n", "regel 2:", "listen" },
	{ "[server]\nlisten =\n", "regel 2:", "[server] listen heeft geen "
	    "waarde" },
	{ "[server]\nthreads = 0\n", "regel 2:", "[server] threads" },
	{ "[server]\nthreads = 257\n", "regel 2:", "1..256" },
	{ "[server]\nthreads = 8 # acht\n", "regel 2:", "threads" },
	{ "[server]\ntrusted_proxy = 127.0.0.1:80\n", "regel 2:",
	    "trusted_proxy" },
	{ "[server]\ntrusted_proxy = nginx\n", "regel 2:", "trusted_proxy" },
	{ "[server]\nsecure_cookies = yes\n", "regel 2:", "true of false" },
	{ "[database]\nurl = mysql://x/y\n", "regel 2:", "[database] url" },
	{ "[database]\nurl = sqlite:\n", "regel 2:", "[database] url" },
	{ "[mail]\nfrom = niet-een-adres\n", "regel 2:", "[mail] from" },
	{ "[mail]\nsmtp_host = smtp_host!\n", "regel 2:", "smtp_host" },
	{ "[mail]\nsmtp_host = a..b\n", "regel 2:", "smtp_host" },
	{ "[mail]\nsmtp_port = 0\n", "regel 2:", "smtp_port" },
	{ "[mail]\nsmtp_port = 65536\n", "regel 2:", "smtp_port" },
	{ "[paths]\ndata_dir = var\n", "regel 2:", "absoluut pad" },
	{ "[limits]\nmax_upload_mb = 0\n", "regel 2:", "max_upload_mb" },
	{ "[limits]\nmax_upload_mb = 65\n", "regel 2:", "1..64" },
	{ "[limits]\nmax_upload_mb = 64\n", "regel 2:", "ingebouwde grens" },
	{ "[outcomes]\njob_min_hours = 0\n", "regel 2:",
	    "[outcomes] job_min_hours" },
	{ "[outcomes]\njob_min_hours = 81\n", "regel 2:", "1..80" },
	{ "[outcomes]\njob_min_hours = 4,5\n", "regel 2:", "geheel aantal" },
	{ "[outcomes]\njob_min_hours =\n", "regel 2:", "geen waarde" },
	{ "[outcomes]\nmin_hours = 4\n", "regel 2:", "onbekende sleutel" },
	/* passwords are refused, and never echoed */
	{ "[database]\nurl = postgresql://w:geheim@h/db\n", "regel 2:",
	    "wachtwoord" },
	{ "[database]\nurl = postgres://w:@h/db\n", "regel 2:",
	    "wachtwoord" },
	{ "[database]\nurl = postgresql:///db?password=geheim\n", "regel 2:",
	    "PGPASSWORD" },
	{ "[database]\nurl = postgresql://h/db?sslmode=require&password=x\n",
	    "regel 2:", "WERKBRUG_DB" },
};

static void
test_errors(void **state)
{
	struct wb_config	cfg;
	struct wb_err		err;
	size_t			i;

	(void)state;
	for (i = 0; i < WB_NELEM(ecases); i++) {
		if (parse(&cfg, ecases[i].text, &err) != WB_EINVAL ||
		    strstr(err.msg, ecases[i].want1) == NULL ||
		    strstr(err.msg, ecases[i].want2) == NULL ||
		    strstr(err.msg, "geheim") != NULL)
			fail_msg("case %zu: got '%s'", i, err.msg);
	}
}

static void
test_bytes(void **state)
{
	static const char	nul[] = "[server]\nthreads = 4\n\0[mail]\n";
	static const char	mid[] = "[server]\nthr\0eads = 4\n";
	struct wb_config	cfg;
	struct wb_err		err;
	char			*big;

	(void)state;
	wb_config_init(&cfg);
	assert_int_equal(wb_config_parse(&cfg, "t.ini", nul, sizeof(nul) - 1,
	    &err), WB_EINVAL);
	assert_non_null(strstr(err.msg, "regel 3: NUL-byte"));
	wb_config_init(&cfg);
	assert_int_equal(wb_config_parse(&cfg, "t.ini", mid, sizeof(mid) - 1,
	    &err), WB_EINVAL);
	assert_non_null(strstr(err.msg, "regel 2:"));
	big = calloc(1, WB_CONFIG_MAX_SIZE + 1);
	assert_non_null(big);
	memset(big, '\n', WB_CONFIG_MAX_SIZE);
	wb_config_init(&cfg);
	assert_int_equal(wb_config_parse(&cfg, "t.ini", big,
	    WB_CONFIG_MAX_SIZE, &err), 0);
	assert_int_equal(wb_config_parse(&cfg, "t.ini", big,
	    WB_CONFIG_MAX_SIZE + 1, &err), WB_ETOOBIG);
	free(big);
	/* A line of exactly WB_CONFIG_MAX_LINE bytes is fine. */
	big = calloc(1, WB_CONFIG_MAX_LINE + 2);
	assert_non_null(big);
	memset(big, 'x', WB_CONFIG_MAX_LINE);
	big[0] = ';';
	wb_config_init(&cfg);
	assert_int_equal(wb_config_parse(&cfg, "t.ini", big,
	    WB_CONFIG_MAX_LINE, &err), 0);
	big[WB_CONFIG_MAX_LINE] = 'x';
	assert_int_equal(wb_config_parse(&cfg, "t.ini", big,
	    WB_CONFIG_MAX_LINE + 1, &err), WB_EINVAL);
	free(big);
}

static void
test_password_detection(void **state)
{
	(void)state;
	assert_true(wb_config_url_has_password("postgresql://a:b@h/d"));
	assert_true(wb_config_url_has_password("postgres://a:b@h/d"));
	assert_true(wb_config_url_has_password("postgresql://a:@h/d"));
	assert_true(wb_config_url_has_password("postgresql://a:b@[::1]:5/d"));
	assert_true(wb_config_url_has_password("postgresql://h?password=x"));
	assert_true(wb_config_url_has_password("postgresql://h/d?a=1&"
	    "PASSWORD=x"));
	assert_false(wb_config_url_has_password("postgresql://a@h:5432/d"));
	assert_false(wb_config_url_has_password("postgresql://h:5432/d"));
	assert_false(wb_config_url_has_password("postgresql://[::1]:5432/d"));
	assert_false(wb_config_url_has_password("postgresql:///d?host=/run/"
	    "postgresql&passfile=/etc/pgpass"));
	assert_false(wb_config_url_has_password("postgresql://a@h/d?x=a:b@c"));
	assert_false(wb_config_url_has_password("sqlite:/a:b@c"));
}

/* -- precedence -- */

static void
test_env(void **state)
{
	struct wb_config	cfg;
	struct wb_err		err;

	(void)state;
	unsetenv("WERKBRUG_DB");
	unsetenv("WERKBRUG_LISTEN");
	assert_int_equal(parse(&cfg, "", &err), 0);
	assert_int_equal(wb_config_env(&cfg, &err), 0);
	assert_string_equal(wb_config_db_url(&cfg), "sqlite:var/werkbrug.db");

	assert_int_equal(parse(&cfg, "[database]\nurl = sqlite:/f.db\n"
	    "[server]\nlisten = 127.0.0.1:1\n", &err), 0);
	assert_int_equal(wb_config_env(&cfg, &err), 0);
	assert_string_equal(wb_config_db_url(&cfg), "sqlite:/f.db");
	assert_string_equal(cfg.listen, "127.0.0.1:1");

	/* The environment beats the file, and may carry a password. */
	setenv("WERKBRUG_DB", "postgresql://w:pw@h/db", 1);
	setenv("WERKBRUG_LISTEN", "0.0.0.0:2", 1);
	assert_int_equal(wb_config_env(&cfg, &err), 0);
	assert_string_equal(wb_config_db_url(&cfg), "postgresql://w:pw@h/db");
	assert_string_equal(cfg.listen, "0.0.0.0:2");

	/* Empty means unset. */
	setenv("WERKBRUG_DB", "", 1);
	assert_int_equal(wb_config_env(&cfg, &err), 0);
	assert_string_equal(wb_config_db_url(&cfg), "sqlite:/f.db");

	setenv("WERKBRUG_LISTEN", "8080", 1);
	assert_int_equal(wb_config_env(&cfg, &err), WB_EINVAL);
	assert_non_null(strstr(err.msg, "WERKBRUG_LISTEN"));
	unsetenv("WERKBRUG_DB");
	unsetenv("WERKBRUG_LISTEN");
}

static bool
exists(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0;
}

static int
cli(const char *a1, const char *a2, const char *a3, const char *a4,
    const char *a5)
{
	char	*argv[7] = { (char *)"werkbrug", (char *)a1, (char *)a2,
	    (char *)a3, (char *)a4, (char *)a5, NULL };
	int	 argc = 1;

	while (argc < 6 && argv[argc] != NULL)
		argc++;
	return wb_cli_main(argc, argv);
}

/* The site key file: WERKBRUG_KEY_FILE > [paths] key_file > data_dir >
 * next to a SQLite file > the working directory. */
static void
test_key_file(void **state)
{
	struct wb_config	cfg;
	struct wb_err		err;
	char			path[256];

	(void)state;
	unsetenv("WERKBRUG_KEY_FILE");
	wb_config_init(&cfg);
	assert_int_equal(wb_config_env(&cfg, &err), 0);
	wb_config_key_file(&cfg, "sqlite:var/w.db", path, sizeof(path));
	assert_string_equal(path, "var/werkbrug.key");
	wb_config_key_file(&cfg, "sqlite:w.db", path, sizeof(path));
	assert_string_equal(path, "werkbrug.key");
	wb_config_key_file(&cfg, "postgresql:///werkbrug", path, sizeof(path));
	assert_string_equal(path, "werkbrug.key");
	assert_int_equal(parse(&cfg, "[paths]\ndata_dir = /srv/wb\n", &err),
	    0);
	wb_config_key_file(&cfg, "sqlite:var/w.db", path, sizeof(path));
	assert_string_equal(path, "/srv/wb/werkbrug.key");
	assert_int_equal(parse(&cfg, "[paths]\nkey_file = /etc/wb.key\n",
	    &err), 0);
	wb_config_key_file(&cfg, "sqlite:var/w.db", path, sizeof(path));
	assert_string_equal(path, "/etc/wb.key");
	assert_int_not_equal(parse(&cfg, "[paths]\nkey_file = rel.key\n",
	    &err), 0);
	assert_non_null(strstr(err.msg, "absoluut pad"));
	setenv("WERKBRUG_KEY_FILE", "/tmp/env.key", 1);
	assert_int_equal(wb_config_env(&cfg, &err), 0);
	wb_config_key_file(&cfg, "sqlite:var/w.db", path, sizeof(path));
	assert_string_equal(path, "/tmp/env.key");
	unsetenv("WERKBRUG_KEY_FILE");
}

/* The whole chain through wb_cli_main: --db > WERKBRUG_DB > file >
 * default; a bad file exits 1, not 2. */
static void
test_cli_precedence(void **state)
{
	char	dir[] = "/tmp/wb_config_XXXXXX";
	char	ini[128], bad[128], a[128], b[128], c[128], url[160];
	FILE	*f;

	(void)state;
	unsetenv("WERKBRUG_DB");
	unsetenv("WERKBRUG_LISTEN");
	unsetenv("WERKBRUG_CONFIG");
	assert_non_null(mkdtemp(dir));
	snprintf(ini, sizeof(ini), "%s/w.ini", dir);
	snprintf(bad, sizeof(bad), "%s/bad.ini", dir);
	snprintf(a, sizeof(a), "%s/file.db", dir);
	snprintf(b, sizeof(b), "%s/env.db", dir);
	snprintf(c, sizeof(c), "%s/cli.db", dir);
	f = fopen(ini, "w");
	assert_non_null(f);
	fprintf(f, "[database]\nurl = sqlite:%s\n", a);
	fclose(f);
	f = fopen(bad, "w");
	assert_non_null(f);
	fprintf(f, "[server]\nthreads = 4\nthreads = 5\n");
	fclose(f);

	/* the file */
	assert_int_equal(cli("--config", ini, "init", NULL, NULL), 0);
	assert_true(exists(a));
	/* the environment over the file, via WERKBRUG_CONFIG */
	setenv("WERKBRUG_CONFIG", ini, 1);
	setenv("WERKBRUG_DB", "", 1);
	assert_int_equal(cli("init", NULL, NULL, NULL, NULL), 0);
	snprintf(url, sizeof(url), "sqlite:%s", b);
	setenv("WERKBRUG_DB", url, 1);
	assert_int_equal(cli("init", NULL, NULL, NULL, NULL), 0);
	assert_true(exists(b));
	/* the command line over both */
	snprintf(url, sizeof(url), "--db=sqlite:%s", c);
	assert_int_equal(cli(url, "init", NULL, NULL, NULL), 0);
	assert_true(exists(c));
	unsetenv("WERKBRUG_DB");

	/* a bad file: exit 1 (failure), also when --db is given */
	assert_int_equal(cli("--config", bad, "init", NULL, NULL),
	    WB_EXIT_FAIL);
	assert_int_equal(cli(url, "--config", bad, "init", NULL),
	    WB_EXIT_FAIL);
	setenv("WERKBRUG_CONFIG", bad, 1);
	assert_int_equal(cli("init", NULL, NULL, NULL, NULL), WB_EXIT_FAIL);
	/* --help works without reading the file */
	assert_int_equal(cli("init", "--help", NULL, NULL, NULL), WB_EXIT_OK);
	unsetenv("WERKBRUG_CONFIG");
	snprintf(url, sizeof(url), "%s/none.ini", dir);
	assert_int_equal(cli("--config", url, "init", NULL, NULL),
	    WB_EXIT_FAIL);
	assert_int_equal(cli("--config", NULL, NULL, NULL, NULL),
	    WB_EXIT_USAGE);

	unlink(ini);
	unlink(bad);
	unlink(a);
	unlink(b);
	unlink(c);
	rmdir(dir);
}

/* [outcomes] job_min_hours reaches the domain when a command starts;
 * without it every command counts from the default again. */
static void
test_cli_job_threshold(void **state)
{
	char	dir[] = "/tmp/wb_config_XXXXXX";
	char	ini[128], plain[128], db[128];
	FILE	*f;

	(void)state;
	unsetenv("WERKBRUG_DB");
	unsetenv("WERKBRUG_CONFIG");
	assert_non_null(mkdtemp(dir));
	snprintf(ini, sizeof(ini), "%s/w.ini", dir);
	snprintf(plain, sizeof(plain), "%s/plain.ini", dir);
	snprintf(db, sizeof(db), "%s/w.db", dir);
	f = fopen(ini, "w");
	assert_non_null(f);
	fprintf(f, "[database]\nurl = sqlite:%s\n[outcomes]\n"
	    "job_min_hours = 6\n", db);
	fclose(f);
	f = fopen(plain, "w");
	assert_non_null(f);
	fprintf(f, "[database]\nurl = sqlite:%s\n", db);
	fclose(f);
	assert_int_equal(cli("--config", ini, "init", NULL, NULL), 0);
	assert_int_equal(wb_ips_job_threshold(), 6 * 60);
	assert_int_equal(cli("--config", plain, "init", NULL, NULL), 0);
	assert_int_equal(wb_ips_job_threshold(), WB_JOB_MIN_MINUTES_DEFAULT);
	unlink(ini);
	unlink(plain);
	unlink(db);
	/* init made the site key next to the database */
	snprintf(db, sizeof(db), "%s/werkbrug.key", dir);
	unlink(db);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_password_detection),
		cmocka_unit_test(test_env),
		cmocka_unit_test(test_key_file),
		cmocka_unit_test(test_cli_precedence),
		cmocka_unit_test(test_cli_job_threshold),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
