/* data.c - backup, restore and migrate-data (see data.h). */
#include "cli/data.h"
#include "cli/cli.h"
#include "base/err.h"
#include "base/log.h"
#include "base/str.h"
#include "domain/audit.h"
#include "store/copy.h"
#include "store/db.h"

#include <getopt.h>
#include <unistd.h>

static int	fail(const char *cmd, const struct wb_err *err);
static struct wb_db *open_db(const char *cmd, const char *url, bool migrate);
static int	verify_chain(const char *cmd, struct wb_db *db,
		    const char *what);
static bool	is_sqlite(const char *url);

/* Print err's message for command `cmd`; returns WB_EXIT_FAIL. */
static int
fail(const char *cmd, const struct wb_err *err)
{
	fprintf(stderr, "werkbrug %s: %s\n", cmd, err->msg);
	return WB_EXIT_FAIL;
}

static bool
is_sqlite(const char *url)
{
	return wb_str_prefix(url, "sqlite:");
}

/* Open (and when `migrate`, migrate) a database; NULL after printing
 * why.  The message never holds the URL. */
static struct wb_db *
open_db(const char *cmd, const char *url, bool migrate)
{
	struct wb_db	*db = NULL;
	struct wb_err	 err;
	int		 applied = 0;

	wb_err_clear(&err);
	if (wb_db_open(url, &db, &err) != 0) {
		(void)fail(cmd, &err);
		return NULL;
	}
	if (migrate && wb_db_migrate(db, &applied, &err) != 0) {
		(void)fail(cmd, &err);
		wb_db_close(db);
		return NULL;
	}
	if (applied > 0)
		wb_info("database: %d migration(s) applied", applied);
	return db;
}

/* Verify the audit chain of db (`what` names it in messages): 0 when it
 * holds, else WB_EXIT_FAIL after printing the first broken event. */
static int
verify_chain(const char *cmd, struct wb_db *db, const char *what)
{
	struct wb_err	err;
	int64_t		checked = 0, broken = 0;
	int		rc;

	wb_err_clear(&err);
	rc = wb_audit_verify(db, &checked, &broken, &err);
	if (rc == WB_ECONFLICT) {
		fprintf(stderr, "werkbrug %s: auditlog van %s GESCHONDEN: "
		    "eerste gebroken gebeurtenis %lld (%lld gebeurtenissen "
		    "daarvoor in orde)\n", cmd, what, (long long)broken,
		    (long long)checked);
		return WB_EXIT_FAIL;
	}
	if (rc != 0)
		return fail(cmd, &err);
	printf("auditlog van %s in orde: %lld gebeurtenissen\n", what,
	    (long long)checked);
	return 0;
}

/* The single non-option argument, or NULL after a usage message. */
static const char *
one_file(const char *cmd, const char *usage, int argc, char **argv)
{
	if (optind != argc - 1 || argv[optind][0] == '\0') {
		fprintf(stderr, "gebruik: werkbrug %s\n", usage);
		return NULL;
	}
	(void)cmd;
	return argv[optind];
}

int
wb_cli_backup(const char *url, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	struct wb_db	*db = NULL, *copy = NULL;
	struct wb_err	 err;
	const char	*file;
	char		 curl[4096];
	int		 c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		fprintf(stderr, "werkbrug backup: onbekende optie '%s'\n"
		    "gebruik: werkbrug backup BESTAND\n", argv[optind - 1]);
		return WB_EXIT_USAGE;
	}
	file = one_file("backup", "backup BESTAND", argc, argv);
	if (file == NULL)
		return WB_EXIT_USAGE;
	if (!is_sqlite(url)) {
		fprintf(stderr, "werkbrug backup: werkbrug maakt geen "
		    "reservekopie van een PostgreSQL-database; gebruik "
		    "pg_dump (logisch) of pg_basebackup (fysiek, met "
		    "WAL-archivering), zie docs/deploy.md\n");
		return WB_EXIT_FAIL;
	}
	if (access(file, F_OK) == 0) {
		fprintf(stderr, "werkbrug backup: %s bestaat al; kies een "
		    "nieuw bestand\n", file);
		return WB_EXIT_FAIL;
	}
	if (snprintf(curl, sizeof(curl), "sqlite:%s", file) >=
	    (int)sizeof(curl)) {
		fprintf(stderr, "werkbrug backup: bestandsnaam te lang\n");
		return WB_EXIT_USAGE;
	}
	db = open_db("backup", url, false);
	if (db == NULL)
		return WB_EXIT_FAIL;
	wb_err_clear(&err);
	rc = wb_copy_backup(db, file, &err);
	wb_db_close(db);
	if (rc != 0)
		return fail("backup", &err);
	printf("reservekopie gemaakt: %s\n", file);
	copy = open_db("backup", curl, false);
	if (copy == NULL)
		return WB_EXIT_FAIL;
	rc = verify_chain("backup", copy, "de reservekopie");
	wb_db_close(copy);
	return rc != 0 ? WB_EXIT_FAIL : WB_EXIT_OK;
}

int
wb_cli_restore(const char *url, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct wb_db	*src = NULL, *db = NULL;
	struct wb_err	 err;
	const char	*file, *full = NULL;
	char		 surl[4096];
	bool		 force = false, empty = false;
	int		 c, rc = WB_EXIT_FAIL, applied;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'f') {
			fprintf(stderr, "werkbrug restore: onbekende optie "
			    "'%s'\ngebruik: werkbrug restore BESTAND "
			    "[--force]\n", argv[optind - 1]);
			return WB_EXIT_USAGE;
		}
		force = true;
	}
	file = one_file("restore", "restore BESTAND [--force]", argc, argv);
	if (file == NULL)
		return WB_EXIT_USAGE;
	if (!is_sqlite(url)) {
		fprintf(stderr, "werkbrug restore: werkbrug zet geen "
		    "PostgreSQL-database terug; gebruik pg_restore of psql "
		    "(na pg_dump) of de basisbackup, zie docs/deploy.md\n");
		return WB_EXIT_FAIL;
	}
	if (access(file, R_OK) != 0) {
		fprintf(stderr, "werkbrug restore: kan %s niet lezen\n", file);
		return WB_EXIT_FAIL;
	}
	if (strcmp(url + 7, file) == 0) {
		fprintf(stderr, "werkbrug restore: %s is de database zelf\n",
		    file);
		return WB_EXIT_USAGE;
	}
	if (snprintf(surl, sizeof(surl), "sqlite:%s", file) >=
	    (int)sizeof(surl)) {
		fprintf(stderr, "werkbrug restore: bestandsnaam te lang\n");
		return WB_EXIT_USAGE;
	}
	wb_err_clear(&err);
	/* The backup first: a broken chain is never restored. */
	src = open_db("restore", surl, false);
	if (src == NULL)
		goto out;
	if (verify_chain("restore", src, "de reservekopie") != 0)
		goto out;
	wb_db_close(src);
	src = NULL;

	db = open_db("restore", url, true);
	if (db == NULL)
		goto out;
	if (wb_copy_is_empty(db, &empty, &full, &err) != 0) {
		(void)fail("restore", &err);
		goto out;
	}
	if (!empty && !force) {
		fprintf(stderr, "werkbrug restore: de database bevat al "
		    "gegevens (tabel %s); stop de server en gebruik --force "
		    "om ze te vervangen\n", full);
		goto out;
	}
	if (wb_copy_restore(db, file, &err) != 0 ||
	    wb_db_migrate(db, &applied, &err) != 0) {
		(void)fail("restore", &err);
		goto out;
	}
	printf("teruggezet: %s\n", file);
	if (verify_chain("restore", db, "de database") != 0)
		goto out;
	rc = WB_EXIT_OK;
out:
	wb_db_close(src);
	wb_db_close(db);
	return rc;
}

/* Print the counts, one table a line. */
static void
print_counts(const struct wb_copy_count *counts, size_t n)
{
	size_t	i;

	printf("%-22s %10s %10s\n", "tabel", "bron", "doel");
	for (i = 0; i < n; i++)
		printf("%-22s %10lld %10lld%s\n", counts[i].table,
		    (long long)counts[i].source, (long long)counts[i].target,
		    counts[i].source == counts[i].target &&
		    counts[i].copied == counts[i].source ? "" :
		    "  VERSCHIL");
}

int
wb_cli_migrate_data(const char *url, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	static const char usage[] = "gebruik: werkbrug migrate-data "
	    "--from URL --to URL\n";
	struct wb_copy_count	 counts[WB_COPY_NTABLES];
	struct wb_db		*from = NULL, *to = NULL;
	struct wb_err		 err;
	const char		*from_url = NULL, *to_url = NULL, *full = NULL;
	bool			 empty = false;
	int			 c, rc = WB_EXIT_FAIL, crc;

	(void)url;		/* --from and --to say which databases */
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			from_url = optarg;
			break;
		case 't':
			to_url = optarg;
			break;
		default:
			fprintf(stderr, "werkbrug migrate-data: onbekende of "
			    "onvolledige optie '%s'\n%s", argv[optind - 1],
			    usage);
			return WB_EXIT_USAGE;
		}
	}
	if (optind != argc || from_url == NULL || to_url == NULL) {
		fputs(usage, stderr);
		return WB_EXIT_USAGE;
	}
	if (strcmp(from_url, to_url) == 0) {
		fprintf(stderr, "werkbrug migrate-data: bron en doel zijn "
		    "dezelfde database\n");
		return WB_EXIT_USAGE;
	}
	wb_err_clear(&err);
	from = open_db("migrate-data", from_url, true);
	if (from == NULL)
		goto out;
	to = open_db("migrate-data", to_url, true);
	if (to == NULL)
		goto out;
	printf("van %s naar %s\n", wb_db_backend(from), wb_db_backend(to));
	/* A broken chain is not carried over: nothing is copied. */
	if (verify_chain("migrate-data", from, "de bron") != 0) {
		fprintf(stderr, "werkbrug migrate-data: niets gekopieerd\n");
		goto out;
	}
	if (wb_copy_is_empty(to, &empty, &full, &err) != 0) {
		(void)fail("migrate-data", &err);
		goto out;
	}
	if (!empty) {
		fprintf(stderr, "werkbrug migrate-data: het doel is niet leeg "
		    "(tabel %s heeft rijen); kopieer alleen naar een nieuwe "
		    "database (zonder 'init')\n", full);
		goto out;
	}
	crc = wb_copy_tables(from, to, counts, &err);
	/* The target was counted (after the commit) when its audit head,
	 * which always has its one row, shows up. */
	if (counts[WB_COPY_NTABLES - 1].target > 0)
		print_counts(counts, WB_COPY_NTABLES);
	if (crc != 0) {
		(void)fail("migrate-data", &err);
		goto out;
	}
	if (verify_chain("migrate-data", to, "het doel") != 0)
		goto out;
	printf("gekopieerd: alle tabellen komen overeen\n");
	rc = WB_EXIT_OK;
out:
	wb_db_close(from);
	wb_db_close(to);
	return rc;
}
