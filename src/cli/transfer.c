/* transfer.c - import and export of client data in bulk (transfer.h). */
#include "cli/transfer.h"
#include "cli/cli.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/limits.h"
#include "base/str.h"
#include "domain/organisation.h"
#include "domain/user.h"
#include "io/outcome_import.h"
#include "report/export.h"
#include "report/indicator.h"
#include "store/db.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <time.h>
#include <unistd.h>

#define BAR_WIDTH	30
#define BAR_EVERY_MS	100	/* redraw the bar at most this often */

/* The progress bar's state (stderr is a terminal). */
struct bar {
	int64_t			last_ms;
	enum wb_import_phase	phase;
	bool			drawn;
};

static int64_t	now_ms(void);
static void	draw(void *arg, enum wb_import_phase phase, uint64_t done,
		    uint64_t total);
static int	usage(const char *cmd, const char *use);
static int	write_table(const struct wb_table *t,
		    enum wb_export_format fmt, const char *path,
		    struct wb_err *err);
static int	actor_of(struct wb_db *db, const char *email,
		    struct wb_arena *a, struct wb_actor *actor,
		    struct wb_err *err);

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Redraw "controleren [#####.....]  45%" on stderr, at most every
 * BAR_EVERY_MS and always at the end of a phase. */
static void
draw(void *arg, enum wb_import_phase phase, uint64_t done, uint64_t total)
{
	struct bar	*b = arg;
	char		 cells[BAR_WIDTH + 1];
	int64_t		 t = now_ms();
	unsigned	 pct, i, full;
	bool		 end = total > 0 && done >= total;

	if (b->drawn && phase == b->phase && !end &&
	    t - b->last_ms < BAR_EVERY_MS)
		return;
	if (b->drawn && phase != b->phase)
		fputc('\n', stderr);
	pct = total > 0 ? (unsigned)(done * 100 / total) : 0;
	if (pct > 100)
		pct = 100;
	full = pct * BAR_WIDTH / 100;
	for (i = 0; i < BAR_WIDTH; i++)
		cells[i] = i < full ? '#' : '.';
	cells[BAR_WIDTH] = '\0';
	fprintf(stderr, "\r%-12s [%s] %3u%%", phase == WB_IMPORT_CHECKING ?
	    "controleren" : "inlezen", cells, pct);
	fflush(stderr);
	b->drawn = true;
	b->phase = phase;
	b->last_ms = t;
}

static int
usage(const char *cmd, const char *use)
{
	fprintf(stderr, "gebruik: werkbrug %s %s\n", cmd, use);
	return WB_EXIT_USAGE;
}

/* The actor of the active account `email`, acting from the command line.
 * Whether it may do anything is for the domain to decide. */
static int
actor_of(struct wb_db *db, const char *email, struct wb_arena *a,
    struct wb_actor *actor, struct wb_err *err)
{
	struct wb_user	*u = wb_arena_alloc(a, sizeof(*u));
	int		 rc;

	rc = wb_user_find_email(db, email, a, u, err);
	if (rc == WB_ENOTFOUND)
		return wb_err_set(err, rc, "geen account met dat e-mailadres");
	if (rc != 0)
		return rc;
	if (!u->active)
		return wb_err_set(err, WB_EDENIED, "dit account is niet "
		    "actief");
	wb_user_actor(u, "cli", "cli", actor);
	return 0;
}

int
wb_cli_import(const char *url, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct wb_import_options opt = { .max_bytes = WB_MAX_IMPORT_BYTES,
	    .max_rows = WB_MAX_IMPORT_ROWS };
	struct wb_import_result	 res;
	enum wb_import_kind	 kind;
	struct wb_actor		 actor;
	struct wb_arena		 a;
	struct wb_db		*db = NULL;
	struct wb_err		 err;
	struct bar		 bar = { 0 };
	struct stat		 sb;
	const char		*as = NULL, *what;
	char			 line[512];
	int64_t			 t0;
	size_t			 i;
	int			 c, fd = -1, rc;
	const char		*use = "--as E-MAIL [--dry-run] BESTAND.csv";
	char			 cmd[32];

	snprintf(cmd, sizeof(cmd), "import %s", argv[0]);
	if (wb_import_kind_parse(argv[0], &kind) != 0)
		return usage("import", "trajecten|mijlpalen|metingen ...");
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			as = optarg;
			break;
		case 'n':
			opt.dry_run = true;
			break;
		default:
			fprintf(stderr, "werkbrug %s: onbekende of onvolledige "
			    "optie '%s'\n", cmd, argv[optind - 1]);
			return usage(cmd, use);
		}
	}
	if (optind != argc - 1 || as == NULL)
		return usage(cmd, use);
	fd = open(argv[optind], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "werkbrug %s: kan %s niet openen: %s\n", cmd,
		    argv[optind], strerror(errno));
		return WB_EXIT_FAIL;
	}
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode))
		opt.size = (uint64_t)sb.st_size;
	if (isatty(STDERR_FILENO)) {
		opt.progress = draw;
		opt.progress_arg = &bar;
	}
	db = wb_cli_open_db(url);
	if (db == NULL) {
		close(fd);
		return WB_EXIT_FAIL;
	}
	wb_arena_init(&a);
	wb_err_clear(&err);
	t0 = now_ms();
	rc = actor_of(db, as, &a, &actor, &err);
	if (rc == 0)
		rc = wb_import_fd(db, &actor, kind, fd, &opt, &a, &res, &err);
	if (bar.drawn)
		fputc('\n', stderr);
	if (rc == WB_EINVAL || rc == WB_ETOOBIG) {
		for (i = 0; i < res.nproblems && i < WB_MAX_IMPORT_REPORTED;
		    i++) {
			wb_import_problem_format(&res.problems[i], line,
			    sizeof(line));
			fprintf(stderr, "  %s\n", line);
		}
		if (res.nproblems > WB_MAX_IMPORT_REPORTED)
			fprintf(stderr, "  ... en nog %zu fout(en)\n",
			    res.nproblems - WB_MAX_IMPORT_REPORTED);
	}
	if (rc != 0) {
		fprintf(stderr, "werkbrug %s: %s\n", cmd, err.msg);
		goto out;
	}
	what = kind == WB_IMPORT_TRAJECTORIES ? "trajecten" :
	    kind == WB_IMPORT_MEASUREMENTS ? "metingen" : "regels";
	printf("%s: %zu %s van %zu cliënt(en) in %.1f s",
	    opt.dry_run ? "proefdraai, in orde" : "ingelezen", res.rows, what,
	    res.clients, (double)(now_ms() - t0) / 1000.0);
	if (kind == WB_IMPORT_MILESTONES)
		printf(" (%zu mijlpalen, %zu banen gestart, %zu banen "
		    "beëindigd)", res.milestones, res.jobs, res.jobs_ended);
	printf("\n");
	if (opt.dry_run)
		printf("er is niets ingelezen (--dry-run)\n");
out:
	wb_arena_free(&a);
	wb_db_close(db);
	close(fd);
	return rc == 0 ? WB_EXIT_OK : WB_EXIT_FAIL;
}

/* Write the table to the new file `path`: CSV or XLSX. */
static int
write_table(const struct wb_table *t, enum wb_export_format fmt,
    const char *path, struct wb_err *err)
{
	struct wb_buf	 b;
	const char	*p;
	size_t		 left;
	ssize_t		 w;
	int		 fd, rc = 0;

	if (fmt == WB_EXPORT_XLSX)
		return wb_table_xlsx(t, path, err);
	wb_buf_init(&b, (size_t)WB_MAX_IMPORT_BYTES);
	wb_table_csv(t, &b);
	if (wb_buf_error(&b) != 0) {
		wb_buf_free(&b);
		return wb_err_set(err, WB_ETOOBIG, "de export is te groot");
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = errno == EEXIST ? wb_err_set(err, WB_ECONFLICT, "%s "
		    "bestaat al", path) : wb_err_set(err, WB_EIO, "kan %s niet "
		    "maken: %s", path, strerror(errno));
		wb_buf_free(&b);
		return rc;
	}
	p = wb_buf_cstr(&b);
	for (left = strlen(p); left > 0 && rc == 0; ) {
		w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			rc = wb_err_set(err, WB_EIO, "schrijven naar %s "
			    "mislukt: %s", path, strerror(errno));
		else {
			p += w;
			left -= (size_t)w;
		}
	}
	if (close(fd) != 0 && rc == 0)
		rc = wb_err_set(err, WB_EIO, "schrijven naar %s mislukt: %s",
		    path, strerror(errno));
	if (rc != 0)
		(void)unlink(path);
	wb_buf_free(&b);
	return rc;
}

int
wb_cli_export(const char *url, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "client", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "region", required_argument, NULL, 'r' },
		{ "organisation", required_argument, NULL, 'g' },
		{ "quarter", required_argument, NULL, 'q' },
		{ "intervention", required_argument, NULL, 'i' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct wb_ind_scope	 scope = { 0 };
	enum wb_export_format	 fmt = WB_EXPORT_CSV;
	struct wb_table		 t;
	struct wb_actor		 actor;
	struct wb_arena		 a;
	struct wb_org		 org;
	struct wb_db		*db = NULL;
	struct wb_err		 err;
	const char		*as = NULL, *out = NULL, *format = NULL;
	const char		*orgcode = NULL, *quarter = NULL;
	const bool		 traj = strcmp(argv[0], "trajecten") == 0;
	const char		*use = traj ? "--as E-MAIL [--client ID] "
	    "[--format csv|xlsx] -o BESTAND" : "--as E-MAIL (--region AMnn | "
	    "--organisation CODE) --quarter JJJJKn [--intervention CODE] "
	    "[--format csv|xlsx] -o BESTAND";
	char			 cmd[32];
	int64_t			 client = 0;
	size_t			 skipped = 0;
	int			 c, rc;

	snprintf(cmd, sizeof(cmd), "export %s", argv[0]);
	if (!traj && strcmp(argv[0], "indicatoren") != 0)
		return usage("export", "trajecten|indicatoren ...");
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'a': as = optarg; break;
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		case 'c':
			if (!traj || wb_parse_int64(optarg, strlen(optarg), 1,
			    INT64_MAX, &client) != 0)
				return usage(cmd, use);
			break;
		case 'r': scope.region_code = optarg; break;
		case 'g': orgcode = optarg; break;
		case 'q': quarter = optarg; break;
		case 'i': scope.intervention = optarg; break;
		default:
			fprintf(stderr, "werkbrug %s: onbekende of onvolledige "
			    "optie '%s'\n", cmd, argv[optind - 1]);
			return usage(cmd, use);
		}
	}
	if (optind != argc || as == NULL || out == NULL)
		return usage(cmd, use);
	if (traj && (scope.region_code != NULL || orgcode != NULL ||
	    quarter != NULL || scope.intervention != NULL))
		return usage(cmd, use);
	if (!traj && (quarter == NULL || (scope.region_code == NULL) ==
	    (orgcode == NULL) || wb_quarter_parse(quarter, &scope.year,
	    &scope.quarter) != 0))
		return usage(cmd, use);
	if (format != NULL && wb_export_format_parse(format, &fmt) != 0)
		return usage(cmd, use);
	if (format == NULL && strlen(out) > 5 &&
	    strcmp(out + strlen(out) - 5, ".xlsx") == 0)
		fmt = WB_EXPORT_XLSX;
	db = wb_cli_open_db(url);
	if (db == NULL)
		return WB_EXIT_FAIL;
	wb_arena_init(&a);
	wb_err_clear(&err);
	rc = actor_of(db, as, &a, &actor, &err);
	if (rc == 0 && orgcode != NULL) {
		rc = wb_org_get_code(db, orgcode, &a, &org, &err);
		if (rc == WB_ENOTFOUND)
			(void)wb_err_set(&err, rc, "organisatie %s bestaat "
			    "niet", orgcode);
		scope.org_id = org.id;
	}
	if (rc == 0 && traj)
		rc = wb_export_trajectories(db, &actor, client, &a, &t,
		    &skipped, &err);
	else if (rc == 0)
		rc = wb_export_indicators(db, &actor, &scope, &a, &t, &err);
	if (rc == WB_EDENIED)
		(void)wb_err_set(&err, rc, "geweigerd: %s mag dit niet zien",
		    as);
	if (rc == 0)
		rc = write_table(&t, fmt, out, &err);
	if (rc != 0) {
		fprintf(stderr, "werkbrug %s: %s\n", cmd, err.msg);
	} else {
		printf("%zu regel(s) geschreven naar %s (%s)\n", t.nrows, out,
		    fmt == WB_EXPORT_XLSX ? "xlsx" : "csv");
		if (skipped > 0)
			printf("%zu cliënt(en) overgeslagen: geen toestemming "
			    "voor werk en inkomen\n", skipped);
	}
	wb_arena_free(&a);
	wb_db_close(db);
	return rc == 0 ? WB_EXIT_OK : WB_EXIT_FAIL;
}
