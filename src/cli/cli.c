/* cli.c - subcommand dispatch and the commands themselves. */
#include "cli/cli.h"
#include "cli/data.h"
#include "cli/transfer.h"
#include "base/asset.h"
#include "base/arena.h"
#include "base/config.h"
#include "base/err.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/mem.h"
#include "base/str.h"
#include "base/time.h"
#include "domain/audit.h"
#include "domain/demo.h"
#include "domain/organisation.h"
#include "domain/region.h"
#include "domain/rights.h"
#include "domain/session.h"
#include "domain/trajectory.h"
#include "domain/user.h"
#include "domain/vault.h"
#include "store/db.h"
#include "web/app.h"
#include "web/http.h"

#include <sys/stat.h>

#include <getopt.h>
#include <sodium.h>
#include <unistd.h>

struct cmd {
	const char	*name;		/* "regions import" */
	int		(*run)(const char *db_url, int argc, char **argv);
	const char	*usage;
	const char	*help;
};

static const struct cmd *find_cmd(int argc, char **argv, int *used);
static void usage_all(FILE *f);

/* The command being run, for messages. */
static const struct cmd *current;

/* The configuration file and environment (--config / WERKBRUG_CONFIG),
 * filled by wb_cli_main before the command runs. */
static struct wb_config config;

/* A bad option: say which, and how to get help (getopt's own message is
 * English and names the wrong program). */
static int
bad_option(char **argv)
{
	fprintf(stderr, "werkbrug %s: onbekende of onvolledige optie '%s'\n"
	    "gebruik: werkbrug %s\n", current->name, argv[optind - 1],
	    current->usage);
	return WB_EXIT_USAGE;
}

static int
fail(const struct wb_err *err)
{
	fprintf(stderr, "werkbrug: %s\n", err->msg);
	return WB_EXIT_FAIL;
}

/* Open and migrate the database.  Returns NULL after printing why. */
static struct wb_db *
open_db(const char *url)
{
	struct wb_db	*db = NULL;
	struct wb_err	 err;
	char		 keyfile[512];
	int		 applied;

	wb_err_clear(&err);
	if (wb_db_open(url, &db, &err) != 0) {
		(void)fail(&err);
		return NULL;
	}
	if (wb_db_migrate(db, &applied, &err) != 0) {
		(void)fail(&err);
		wb_db_close(db);
		return NULL;
	}
	if (applied > 0)
		wb_info("database: %d migration(s) applied", applied);
	wb_config_key_file(&config, url, keyfile, sizeof(keyfile));
	if (wb_vault_setup(db, keyfile, &err) != 0) {
		(void)fail(&err);
		wb_db_close(db);
		return NULL;
	}
	return db;
}

struct wb_db *
wb_cli_open_db(const char *url)
{
	return open_db(url);
}

/* Load the embedded CBS region table when the database has none. */
static int
ensure_regions(struct wb_db *db, struct wb_err *err)
{
	const struct wb_asset	*csv;
	struct wb_import_report	 rep;
	struct wb_actor		 sys = wb_actor_system();
	struct wb_arena		 a;
	int64_t			 n;
	int			 rc;

	rc = wb_region_count(db, &n, err);
	if (rc != 0 || n > 0)
		return rc;
	csv = wb_asset_find(wb_data, "arbeidsmarktregios.csv");
	if (csv == NULL)
		return wb_err_set(err, WB_EIO, "regiobestand ontbreekt");
	wb_arena_init(&a);
	rc = wb_region_import(db, &sys, csv->data, csv->len, 2026, &a, &rep,
	    err);
	if (rc == 0)
		printf("regio's geladen: %zu gemeenten (CBS 2026)\n", rep.rows);
	wb_arena_free(&a);
	return rc;
}

/* Reset getopt and parse with `opts`; returns the first non-option index
 * or -1 after printing a usage error. */
static bool
help_wanted(int argc, char **argv)
{
	int	i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

/* The kind of database a URL names, for messages: a PostgreSQL URL may
 * carry a password, so it is never printed. */
static const char *
db_label(const char *url)
{
	return wb_str_prefix(url, "sqlite:") ? url : "PostgreSQL";
}

static int
cmd_init(const char *url, int argc, char **argv)
{
	struct wb_db	*db;
	struct wb_err	 err;
	int		 rc;

	if (argc > 1) {
		fprintf(stderr, "werkbrug init: onbekend argument '%s'\n",
		    argv[1]);
		return WB_EXIT_USAGE;
	}
	db = open_db(url);
	if (db == NULL)
		return WB_EXIT_FAIL;
	rc = ensure_regions(db, &err);
	wb_db_close(db);
	if (rc != 0)
		return fail(&err);
	printf("database gereed (%s)\n", db_label(url));
	return WB_EXIT_OK;
}

static int
cmd_serve(const char *url, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "trusted-proxy", required_argument, NULL, 'p' },
		{ "secure-cookies", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	/* Command line > environment > file > default: wb_config_env
	 * already put WERKBRUG_LISTEN over the file's value. */
	struct wb_http_options	 ho = { .listen = config.listen,
	    .threads = config.threads, .trusted_proxy =
	    config.trusted_proxy[0] != '\0' ? config.trusted_proxy : NULL,
	    .max_upload = (size_t)config.max_upload_mb * 1024 * 1024 };
	struct wb_app		 app;
	struct wb_db		*db;
	struct wb_err		 err;
	bool			 secure = config.secure_cookies;
	bool			 threads_given = false;
	int64_t			 v;
	int			 c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			ho.listen = optarg;
			break;
		case 't':
			if (wb_parse_int64(optarg, strlen(optarg), 1, 256,
			    &v) != 0) {
				fprintf(stderr, "werkbrug serve: --threads "
				    "moet 1..256 zijn\n");
				return WB_EXIT_USAGE;
			}
			ho.threads = (unsigned)v;
			threads_given = true;
			break;
		case 'p':
			ho.trusted_proxy = optarg;
			break;
		case 's':
			secure = true;
			break;
		default:
			return bad_option(argv);
		}
	}
	/* Default threads per backend: a SQLite connection is cheap and
	 * more threads make bigger audit batches (one fsync for more
	 * requests; docs/benchmarks.md, client record page); a PostgreSQL
	 * connection is a server process, so several werkbrug processes stay
	 * within max_connections. */
	if (!threads_given && !(config.set & WB_CFG_THREADS))
		ho.threads = wb_str_prefix(url, "sqlite:") ?
		    WB_THREADS_SQLITE : WB_THREADS_PG;
	if (optind < argc) {
		fprintf(stderr, "werkbrug serve: onbekend argument '%s'\n",
		    argv[optind]);
		return WB_EXIT_USAGE;
	}
	db = open_db(url);
	if (db == NULL)
		return WB_EXIT_FAIL;
	rc = ensure_regions(db, &err);
	wb_db_close(db);
	if (rc != 0)
		return fail(&err);
	if (wb_app_init(&app, url, &err) != 0)
		return fail(&err);
	app.secure_cookies = secure;
	rc = wb_http_serve(&app, &ho, &err);
	wb_app_free(&app);
	if (rc != 0)
		return fail(&err);
	return WB_EXIT_OK;
}

static int
cmd_demo(const char *url, int argc, char **argv)
{
	struct wb_demo_report	 rep;
	struct wb_arena		 a;
	struct wb_db		*db;
	struct wb_err		 err;
	bool			 if_empty = false, empty = true;
	size_t			 i;
	int			 rc;

	if (argc == 2 && strcmp(argv[1], "--if-empty") == 0)
		if_empty = true;
	else if (argc > 1) {
		fprintf(stderr, "werkbrug demo: onbekend argument '%s'\n",
		    argv[1]);
		return WB_EXIT_USAGE;
	}
	db = open_db(url);
	if (db == NULL)
		return WB_EXIT_FAIL;
	wb_arena_init(&a);
	rc = ensure_regions(db, &err);
	if (rc == 0 && if_empty)
		rc = wb_demo_is_empty(db, &empty, &err);
	if (rc == 0 && !empty) {
		printf("de database bevat al gegevens; demo overgeslagen\n");
		goto out;
	}
	if (rc == 0)
		rc = wb_demo_fill(db, &a, &rep, &err);
	/* Fresh statistics for the query planner after a bulk load (on
	 * PostgreSQL the organisation queries cost a quarter more without). */
	if (rc == 0)
		rc = wb_db_exec_script(db, "ANALYZE", &err);
	if (rc != 0)
		goto out;
	printf("demo geladen: %zu organisaties, %zu visitekaartjes, "
	    "%zu contactpunten, %zu accounts, %zu cliënten\n\n",
	    rep.organisations, rep.cards, rep.contact_points, rep.users,
	    rep.clients);
	printf("Demo-logins (wachtwoorden worden maar één keer getoond):\n");
	for (i = 0; i < rep.nlogins; i++)
		printf("  %-30s %-14s %s  (%s)\n", rep.logins[i].email,
		    rep.logins[i].role, rep.logins[i].password,
		    rep.logins[i].description);
out:
	wb_arena_free(&a);
	wb_db_close(db);
	return rc != 0 ? fail(&err) : WB_EXIT_OK;
}

/* Read a whole file, at most `max` bytes. */
static int
read_file(const char *path, size_t max, char **out, size_t *n,
    struct wb_err *err)
{
	FILE		*f = fopen(path, "rb");
	struct wb_buf	 b;
	char		 chunk[8192];
	size_t		 got;

	if (f == NULL)
		return wb_err_set(err, WB_EIO, "kan %s niet openen", path);
	wb_buf_init(&b, max);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		wb_buf_append(&b, chunk, got);
	fclose(f);
	if (wb_buf_error(&b) != 0) {
		wb_buf_free(&b);
		return wb_err_set(err, WB_ETOOBIG, "%s is te groot", path);
	}
	*out = wb_buf_detach(&b, n);
	return 0;
}

static void
print_report(const struct wb_import_report *rep)
{
	size_t	i;

	for (i = 0; i < rep->nerrors && rep->errors != NULL &&
	    i < WB_MAX_REPORTED_ERRORS; i++)
		fprintf(stderr, "  regel %zu: %s\n", rep->errors[i].line,
		    rep->errors[i].message);
	if (rep->nerrors > WB_MAX_REPORTED_ERRORS)
		fprintf(stderr, "  ... en %zu fouten meer\n",
		    rep->nerrors - WB_MAX_REPORTED_ERRORS);
}

static int
cmd_regions_import(const char *url, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 }
	};
	struct wb_import_report	 rep;
	struct wb_actor		 sys = wb_actor_system();
	struct wb_arena		 a;
	struct wb_db		*db;
	struct wb_err		 err;
	char			*data = NULL;
	size_t			 n;
	int64_t			 year;
	int			 c, rc, y, m, d;

	wb_civil_from_days(wb_today(), &y, &m, &d);
	year = y;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'y' || wb_parse_int64(optarg, strlen(optarg), 2000,
		    2200, &year) != 0) {
			fprintf(stderr, "werkbrug regions import: --year "
			    "JJJJ\n");
			return WB_EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "gebruik: werkbrug regions import "
		    "[--year JJJJ] BESTAND.csv\n");
		return WB_EXIT_USAGE;
	}
	if (read_file(argv[optind], WB_MAX_UPLOAD, &data, &n, &err) != 0)
		return fail(&err);
	db = open_db(url);
	if (db == NULL) {
		free(data);
		return WB_EXIT_FAIL;
	}
	wb_arena_init(&a);
	rc = wb_region_import(db, &sys, data, n, year, &a, &rep, &err);
	if (rc != 0) {
		print_report(&rep);
		(void)fail(&err);
	} else
		printf("ingelezen: %zu gemeenten voor %lld\n", rep.rows,
		    (long long)year);
	wb_arena_free(&a);
	wb_db_close(db);
	free(data);
	return rc != 0 ? WB_EXIT_FAIL : WB_EXIT_OK;
}

static int
cmd_org_add(const char *url, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "code", required_argument, NULL, 'c' },
		{ "name", required_argument, NULL, 'n' },
		{ "type", required_argument, NULL, 't' },
		{ "region", required_argument, NULL, 'r' },
		{ "agb", required_argument, NULL, 'a' },
		{ "kvk", required_argument, NULL, 'k' },
		{ "municipality", required_argument, NULL, 'm' },
		{ "phone", required_argument, NULL, 'p' },
		{ "email", required_argument, NULL, 'e' },
		{ "website", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct wb_org	 o;
	struct wb_actor	 sys = wb_actor_system();
	struct wb_db	*db;
	struct wb_err	 err;
	int64_t		 id;
	int		 c, rc;

	memset(&o, 0, sizeof(o));
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c': o.code = optarg; break;
		case 'n': o.name = optarg; break;
		case 't': o.type = optarg; break;
		case 'a': o.agb = optarg; break;
		case 'k': o.kvk = optarg; break;
		case 'm': o.municipality_code = optarg; break;
		case 'p': o.phone = optarg; break;
		case 'e': o.email = optarg; break;
		case 'w': o.website = optarg; break;
		case 'r':
			if (o.nregions == WB_ORG_MAX_REGIONS) {
				fprintf(stderr, "werkbrug org add: hoogstens %d "
				    "regio's\n", WB_ORG_MAX_REGIONS);
				return WB_EXIT_USAGE;
			}
			o.regions[o.nregions++] = optarg;
			break;
		default:
			return bad_option(argv);
		}
	}
	if (optind != argc || o.code == NULL || o.name == NULL ||
	    o.type == NULL || o.nregions == 0) {
		fprintf(stderr, "gebruik: werkbrug org add --code CODE --name "
		    "NAAM --type SOORT --region AMnn [--region ...]\n");
		return WB_EXIT_USAGE;
	}
	o.active = true;
	db = open_db(url);
	if (db == NULL)
		return WB_EXIT_FAIL;
	rc = wb_org_add(db, &sys, &o, &id, &err);
	wb_db_close(db);
	if (rc != 0)
		return fail(&err);
	printf("organisatie %s toegevoegd (id %lld)\n", o.code,
	    (long long)id);
	return WB_EXIT_OK;
}

/* Read one line (the password) from standard input; no echo handling:
 * pipe it in, e.g. from a password manager. */
static char *
read_password(void)
{
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 n;

	if (isatty(STDIN_FILENO))
		fprintf(stderr, "Wachtwoord: ");
	n = getline(&line, &cap, stdin);
	if (n <= 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static int
cmd_user_add(const char *url, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "email", required_argument, NULL, 'e' },
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "org", required_argument, NULL, 'o' },
		{ "region", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 }
	};
	struct wb_user_input	 in;
	struct wb_actor		 sys = wb_actor_system();
	struct wb_db		*db;
	struct wb_err		 err;
	char			*pw;
	int64_t			 id;
	int			 c, rc;

	memset(&in, 0, sizeof(in));
	in.active = true;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'e': in.email = optarg; break;
		case 'n': in.name = optarg; break;
		case 'r': in.role = optarg; break;
		case 'o': in.org_code = optarg; break;
		case 'g': in.region_code = optarg; break;
		default: return bad_option(argv);
		}
	}
	if (optind != argc || in.email == NULL || in.name == NULL ||
	    in.role == NULL || in.org_code == NULL) {
		fprintf(stderr, "gebruik: werkbrug user add --email E --name N "
		    "--role ROL --org CODE [--region AMnn] < wachtwoord\n");
		return WB_EXIT_USAGE;
	}
	pw = read_password();
	if (pw == NULL) {
		fprintf(stderr, "werkbrug: geen wachtwoord op standaardinvoer\n");
		return WB_EXIT_USAGE;
	}
	in.password = pw;
	db = open_db(url);
	if (db == NULL) {
		wb_free_secret(pw, strlen(pw));
		return WB_EXIT_FAIL;
	}
	rc = wb_user_add(db, &sys, &in, &id, &err);
	wb_free_secret(pw, strlen(pw));
	wb_db_close(db);
	if (rc != 0)
		return fail(&err);
	printf("account aangemaakt (id %lld)\n", (long long)id);
	return WB_EXIT_OK;
}

/* The account with this e-mail address, or a Dutch "no such account". */
static int
account_of(struct wb_db *db, const char *email, struct wb_arena *a,
    struct wb_user *u, struct wb_err *err)
{
	int	rc = wb_user_find_email(db, email, a, u, err);

	if (rc == WB_ENOTFOUND)
		wb_err_set(err, rc, "geen account met dat e-mailadres");
	return rc;
}

static int
cmd_token_create(const char *url, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "email", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 }
	};
	struct wb_actor	 sys = wb_actor_system();
	struct wb_arena	 a;
	struct wb_user	 u;
	struct wb_db	*db;
	struct wb_err	 err;
	const char	*email = NULL, *token = NULL;
	int		 c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'e')
			return bad_option(argv);
		email = optarg;
	}
	if (optind != argc || email == NULL) {
		fprintf(stderr, "gebruik: werkbrug token create --email E\n");
		return WB_EXIT_USAGE;
	}
	db = open_db(url);
	if (db == NULL)
		return WB_EXIT_FAIL;
	wb_arena_init(&a);
	rc = account_of(db, email, &a, &u, &err);
	if (rc == 0)
		rc = wb_token_create(db, &sys, u.id, &a, &token, &err);
	if (rc == 0)
		printf("%s\n", token);
	wb_arena_free(&a);
	wb_db_close(db);
	return rc != 0 ? fail(&err) : WB_EXIT_OK;
}

static int
cmd_token_revoke(const char *url, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "email", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 }
	};
	struct wb_actor	 sys = wb_actor_system();
	struct wb_arena	 a;
	struct wb_user	 u;
	struct wb_db	*db;
	struct wb_err	 err;
	const char	*email = NULL;
	int64_t		 n = 0;
	int		 c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'e')
			return bad_option(argv);
		email = optarg;
	}
	if (optind != argc || email == NULL) {
		fprintf(stderr, "gebruik: werkbrug %s\n", current->usage);
		return WB_EXIT_USAGE;
	}
	db = open_db(url);
	if (db == NULL)
		return WB_EXIT_FAIL;
	wb_arena_init(&a);
	rc = account_of(db, email, &a, &u, &err);
	if (rc == 0)
		rc = wb_token_revoke_user(db, &sys, u.id, &n, &err);
	if (rc == 0)
		printf("%lld API-token(s) ingetrokken\n", (long long)n);
	wb_arena_free(&a);
	wb_db_close(db);
	return rc != 0 ? fail(&err) : WB_EXIT_OK;
}

static int
cmd_audit_verify(const char *url, int argc, char **argv)
{
	struct wb_db	*db;
	struct wb_err	 err;
	int64_t		 checked, broken;
	int		 rc;

	if (argc > 1) {
		fprintf(stderr, "werkbrug audit verify: onbekend argument "
		    "'%s'\n", argv[1]);
		return WB_EXIT_USAGE;
	}
	db = open_db(url);
	if (db == NULL)
		return WB_EXIT_FAIL;
	rc = wb_audit_verify(db, &checked, &broken, &err);
	wb_db_close(db);
	if (rc == WB_ECONFLICT) {
		fprintf(stderr, "auditlog GESCHONDEN: eerste gebroken "
		    "gebeurtenis %lld (%lld gebeurtenissen daarvoor in orde)\n",
		    (long long)broken, (long long)checked);
		return WB_EXIT_FAIL;
	}
	if (rc != 0)
		return fail(&err);
	printf("auditlog in orde: %lld gebeurtenissen\n", (long long)checked);
	return WB_EXIT_OK;
}

/* werkbrug purge: the retention rules of domain/rights.h, with what each
 * removed (or, with --dry-run, would remove). */
static int
cmd_purge(const char *url, int argc, char **argv)
{
	struct wb_purge_report	 rep;
	struct wb_actor		 sys = wb_actor_system();
	struct wb_db		*db;
	struct wb_err		 err;
	bool			 dry = false;
	char			 day[32];
	size_t			 i;
	int			 rc;

	if (argc == 2 && strcmp(argv[1], "--dry-run") == 0)
		dry = true;
	else if (argc > 1) {
		fprintf(stderr, "werkbrug purge: onbekend argument '%s'\n"
		    "gebruik: werkbrug %s\n", argv[1], current->usage);
		return WB_EXIT_USAGE;
	}
	db = open_db(url);
	if (db == NULL)
		return WB_EXIT_FAIL;
	rc = wb_purge(db, &sys, dry, &rep, &err);
	wb_db_close(db);
	if (rc != 0)
		return fail(&err);
	printf("%s\n", dry ? "Bewaartermijnen, proefdraai: er is niets "
	    "veranderd." : "Bewaartermijnen toegepast.");
	for (i = 0; i < WB_PURGE_NRULES; i++) {
		const struct wb_purge_rule *r = &wb_purge_rules[i];

		printf("- %s: %lld %s\n    termijn: %s", r->what,
		    (long long)rep.count[i], dry ? r->todo : r->done,
		    r->term);
		if (i == WB_PURGE_GGZ || i == WB_PURGE_WORK) {
			wb_time_nl(rep.cutoff[i], day, sizeof(day));
			day[10] = '\0';	/* the date without the time */
			printf(" (laatste wijziging vóór %s)", day);
		}
		printf("\n    bron: %s [%c]\n", r->source, r->basis);
	}
	printf("[V] nagelezen in de bron, [K] algemeen bekend (niet "
	    "nagelezen), [D] keuze van werkbrug.\n"
	    "De auditlog blijft helemaal bewaard: het is een hashketen "
	    "(NEN 7513) en\nbevat nummers, geen namen of teksten van "
	    "cliënten.\n");
	return WB_EXIT_OK;
}

static const struct cmd cmds[] = {
	{ "init", cmd_init, "init",
	    "Maak of migreer de database en laad de arbeidsmarktregio's." },
	{ "serve", cmd_serve, "serve [--listen ADRES:POORT] [--threads N] "
	    "[--trusted-proxy ADRES] [--secure-cookies]",
	    "Start de webserver (standaard 127.0.0.1:8080)." },
	{ "demo", cmd_demo, "demo [--if-empty]",
	    "Vul een lege database met synthetische demogegevens en toon de "
	    "demo-logins." },
	{ "regions import", cmd_regions_import,
	    "regions import [--year JJJJ] BESTAND.csv",
	    "Lees de CBS-indeling in arbeidsmarktregio's opnieuw in "
	    "(alles of niets)." },
	{ "org add", cmd_org_add, "org add --code CODE --name NAAM --type "
	    "SOORT --region AMnn [--region ...] [--agb N] [--kvk N] "
	    "[--municipality GMnnnn]",
	    "Voeg een organisatie toe. Soorten: ggz, uwv, gemeente, "
	    "werkgever, zorgverzekeraar, reintegratie, clientenorganisatie, "
	    "overig." },
	{ "user add", cmd_user_add, "user add --email E --name N --role ROL "
	    "--org CODE [--region AMnn] < wachtwoord",
	    "Maak een account; het wachtwoord komt van standaardinvoer. "
	    "Rollen: admin, auditor, coordinator, monitor, editor, "
	    "professional." },
	{ "token create", cmd_token_create, "token create --email E",
	    "Maak een API-token voor een account en toon het één keer." },
	{ "token revoke", cmd_token_revoke, "token revoke --email E",
	    "Trek alle API-tokens van een account in." },
	{ "audit verify", cmd_audit_verify, "audit verify",
	    "Controleer de hashketen van de auditlog; exit 1 bij een breuk." },
	{ "purge", cmd_purge, "purge [--dry-run]",
	    "Pas de bewaartermijnen toe: anonimiseer dossiers waarvan de "
	    "termijn voorbij is, verwijder verlopen codes en sessies; "
	    "--dry-run toont alleen wat weg zou gaan." },
	{ "backup", wb_cli_backup, "backup BESTAND",
	    "SQLite: maak een reservekopie in een nieuw bestand (online) en "
	    "controleer de auditlog ervan. PostgreSQL: pg_dump." },
	{ "restore", wb_cli_restore, "restore BESTAND [--force]",
	    "SQLite: zet een reservekopie terug (stop eerst de server); "
	    "alleen in een lege database, tenzij --force." },
	{ "import trajecten", wb_cli_import,
	    "import trajecten --as E-MAIL [--dry-run] BESTAND.csv",
	    "Lees trajecten in uit een ander systeem (docs/import.md); "
	    "alles of niets, als de professional van --as." },
	{ "import mijlpalen", wb_cli_import,
	    "import mijlpalen --as E-MAIL [--dry-run] BESTAND.csv",
	    "Lees mijlpalen en banen van trajecten in (alles of niets)." },
	{ "import metingen", wb_cli_import,
	    "import metingen --as E-MAIL [--dry-run] BESTAND.csv",
	    "Lees metingen in: participatieladder en klachtenmetingen (alles "
	    "of niets)." },
	{ "export trajecten", wb_cli_export,
	    "export trajecten --as E-MAIL [--client ID] [--format csv|xlsx] "
	    "-o BESTAND",
	    "Schrijf de trajecten die de professional mag zien naar CSV of "
	    "XLSX (elke cliënt gelogd)." },
	{ "export indicatoren", wb_cli_export,
	    "export indicatoren --as E-MAIL (--region AMnn | --organisation "
	    "CODE) --quarter JJJJKn [--intervention CODE] [--format csv|xlsx] "
	    "-o BESTAND",
	    "Schrijf de uitkomstindicatoren van een kwartaal naar CSV of XLSX "
	    "(kleine aantallen als <10)." },
	{ "migrate-data", wb_cli_migrate_data,
	    "migrate-data --from URL --to URL",
	    "Kopieer alle gegevens naar een nieuwe, lege database (bv. "
	    "SQLite naar PostgreSQL) en controleer aantallen en auditlog." },
};

static const struct cmd *
find_cmd(int argc, char **argv, int *used)
{
	size_t	i;

	for (i = 0; i < WB_NELEM(cmds); i++) {
		const char *sp = strchr(cmds[i].name, ' ');

		if (sp == NULL && argc >= 1 &&
		    strcmp(argv[0], cmds[i].name) == 0) {
			*used = 1;
			return &cmds[i];
		}
		if (sp != NULL && argc >= 2 &&
		    strncmp(argv[0], cmds[i].name,
		    (size_t)(sp - cmds[i].name)) == 0 &&
		    strlen(argv[0]) == (size_t)(sp - cmds[i].name) &&
		    strcmp(argv[1], sp + 1) == 0) {
			*used = 2;
			return &cmds[i];
		}
	}
	return NULL;
}

static void
usage_all(FILE *f)
{
	size_t	i;

	fprintf(f, "werkbrug - samenwerking GGZ en Werk & Inkomen\n\n"
	    "gebruik: werkbrug [--config BESTAND] [--db URL] OPDRACHT "
	    "[opties]\n\n"
	    "De database komt uit --db, WERKBRUG_DB, of [database] url in "
	    "het\nconfiguratiebestand (--config of WERKBRUG_CONFIG); "
	    "standaard\nsqlite:var/werkbrug.db.\n\nOpdrachten:\n");
	for (i = 0; i < WB_NELEM(cmds); i++)
		fprintf(f, "  %-16s %s\n", cmds[i].name, cmds[i].help);
	fprintf(f, "\n'werkbrug OPDRACHT --help' toont de opties.\n");
}

int
wb_cli_main(int argc, char **argv)
{
	const struct cmd	*c;
	const char		*url = NULL, *cfgpath = NULL;
	struct wb_err		 err;
	int			 i = 1, used;

	wb_time_init();
	/* Every file werkbrug makes (the database and its WAL, the site
	 * key, backups) holds client data or guards it: owner only. */
	umask(077);
	if (sodium_init() < 0) {
		fprintf(stderr, "werkbrug: libsodium start niet\n");
		return WB_EXIT_FAIL;
	}
	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			url = argv[i + 1];
			i += 2;
		} else if (wb_str_prefix(argv[i], "--db=")) {
			url = argv[i] + 5;
			i++;
		} else if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
			cfgpath = argv[i + 1];
			i += 2;
		} else if (wb_str_prefix(argv[i], "--config=")) {
			cfgpath = argv[i] + 9;
			i++;
		} else if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			usage_all(stdout);
			return WB_EXIT_OK;
		} else {
			fprintf(stderr, "werkbrug: onbekende optie '%s'\n",
			    argv[i]);
			usage_all(stderr);
			return WB_EXIT_USAGE;
		}
	}
	c = find_cmd(argc - i, argv + i, &used);
	if (c == NULL) {
		if (i < argc)
			fprintf(stderr, "werkbrug: onbekende opdracht '%s'\n",
			    argv[i]);
		usage_all(stderr);
		return WB_EXIT_USAGE;
	}
	current = c;
	opterr = 0;
	/* The command sees argv[0] = its name, then its own arguments. */
	argc -= i + used - 1;
	argv += i + used - 1;
	if (help_wanted(argc, argv)) {
		printf("gebruik: werkbrug %s\n\n%s\n", c->usage, c->help);
		return WB_EXIT_OK;
	}
	/* The configuration: a bad file is a failure (1), not a usage
	 * error. */
	wb_err_clear(&err);
	wb_config_init(&config);
	if (cfgpath == NULL && getenv("WERKBRUG_CONFIG") != NULL &&
	    getenv("WERKBRUG_CONFIG")[0] != '\0')
		cfgpath = getenv("WERKBRUG_CONFIG");
	if (cfgpath != NULL && wb_config_load(&config, cfgpath, &err) != 0)
		return fail(&err);
	if (wb_config_env(&config, &err) != 0)
		return fail(&err);
	/* Every command counts job starts alike (pages, API, reports). */
	wb_ips_set_job_threshold((int)config.job_min_hours * 60);
	/* Other users see a command line (ps): a password belongs in
	 * PGPASSWORD, ~/.pgpass or WERKBRUG_DB, never in --db. */
	if (url != NULL && wb_config_url_has_password(url)) {
		fprintf(stderr, "werkbrug: zet geen wachtwoord in --db; gebruik "
		    "PGPASSWORD, ~/.pgpass of WERKBRUG_DB\n");
		return WB_EXIT_USAGE;
	}
	if (url == NULL)
		url = wb_config_db_url(&config);
	return c->run(url, argc, argv);
}
