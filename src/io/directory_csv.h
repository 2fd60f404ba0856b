/* directory_csv.h - CSV import and export of the directory: organisations
 * and contact points (docs/import.md describes the files for users).
 *
 * Two kinds of file, each with a header line whose names are matched
 * without regard to ASCII case, in any order:
 *
 *   organisaties   code;name;type;regions;municipality;agb;kvk;phone;
 *                  email;website              (regions: "AM27 AM28")
 *   contactpunten  organisation;region;domain;name;function;phone;email;
 *                  availability;deputy_name;deputy_function;deputy_phone;
 *                  deputy_email;valid_from    (valid_from: dd-mm-jjjj or
 *                                              yyyy-mm-dd, empty = today)
 *
 * The first four columns of each kind are required; an absent optional
 * column keeps what is stored.  ';' or ',' separated, UTF-8 with or
 * without BOM (io/csv.h reads the file).  Cells are trimmed, and a
 * leading apostrophe before = + - @ is taken to be the formula guard of
 * an export and removed, so an export imports again unchanged.
 *
 * Import is all or nothing.  Every row is checked first, and every
 * problem goes into the report as (line, Dutch message); with any problem
 * nothing is written and WB_EINVAL is returned.  Otherwise all rows are
 * applied in ONE write transaction through the domain functions (which
 * check access and write an audit event for every change) plus one
 * "directory.import" event with the counts; when anything fails half way,
 * everything is rolled back.  Organisations are matched on code (created,
 * changed, or left alone when nothing differs).  A contact point's person
 * and deputy are matched on the exact name of an active card of the
 * organisation (a new card is made when there is none; non-empty cells
 * update the card); a row that names the current contact point and
 * deputy changes nothing, any other row replaces the current contact
 * point from valid_from on (history is kept, see contact_point.h).
 *
 * Access: administrators import and export everything.  A regional
 * coordinator imports only rows of their own region (other rows are row
 * errors) and exports their own region unless they name another one.
 * Everyone else is refused (WB_EDENIED, with a denied audit event).
 *
 * All memory handed out comes from the caller's arena.
 */
#ifndef WB_DIRECTORY_CSV_H
#define WB_DIRECTORY_CSV_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "domain/actor.h"
#include "domain/region.h"
#include "store/db.h"

/* A report holds the first WB_DIR_MAX_REPORTED problems in errors[];
 * nerrors counts them all. */
#define WB_DIR_MAX_REPORTED	100

enum wb_dir_kind {
	WB_DIR_ORGS,	/* organisaties */
	WB_DIR_CPS,	/* contactpunten */
};

struct wb_dir_counts {
	size_t	created;	/* organisations / contact points added */
	size_t	updated;	/* organisations changed / contact points
				   replaced */
	size_t	unchanged;	/* rows equal to what is stored */
	size_t	cards;		/* business cards added or changed */
};

/* "organisaties" / "contactpunten" and back; WB_EINVAL for anything
 * else. */
int	wb_dir_kind_parse(const char *s, enum wb_dir_kind *out)
	    WB_WARN_UNUSED;
const char *wb_dir_kind_name(enum wb_dir_kind kind);

/* 0 when `actor` may import and export the directory at all
 * (administrator, or coordinator of a region).  Otherwise writes a denied
 * audit event named `event` and returns WB_EDENIED (or a database
 * error). */
int	wb_dir_authorize(struct wb_db *db, const struct wb_actor *actor,
	    const char *event, struct wb_err *err) WB_WARN_UNUSED;

/* Parse and check data[0..n) without writing anything.  With db == NULL
 * only what needs no database is checked (header, column counts, formats,
 * duplicates within the file); with actor == NULL no access rules are
 * applied.  Contact points are not compared with the current ones (that
 * is an audited read, done by wb_dir_import).  Returns 0, or WB_EINVAL /
 * WB_ETOOBIG with every problem in *report, or a database error. */
int	wb_dir_check(struct wb_db *db, const struct wb_actor *actor,
	    enum wb_dir_kind kind, const char *data, size_t n,
	    struct wb_arena *a, struct wb_import_report *report,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Import data[0..n) as described above.  On success *counts says what
 * changed and report->rows / report->added count the rows.  Errors:
 * WB_EDENIED (not allowed at all), WB_EINVAL / WB_ETOOBIG (the report
 * lists every problem; nothing was written), WB_EDB and friends (rolled
 * back). */
int	wb_dir_import(struct wb_db *db, const struct wb_actor *actor,
	    enum wb_dir_kind kind, const char *data, size_t n,
	    struct wb_arena *a, struct wb_import_report *report,
	    struct wb_dir_counts *counts, struct wb_err *err) WB_WARN_UNUSED;

/* Append the export of `kind` to `out`: UTF-8 BOM, ';', CRLF, the import
 * columns, formula guard.  `region` (AMnn) limits it to one region; NULL
 * means everything for an administrator and the own region for a
 * coordinator.  *region_used is the region exported (NULL = all).
 * Organisations: the active ones (read in one transaction); contact
 * points: the current ones via wb_cp_all_current (audited).  Errors:
 * WB_EDENIED, WB_ENOTFOUND (no such region), WB_ETOOBIG (out's maximum),
 * WB_EDB. */
int	wb_dir_export(struct wb_db *db, const struct wb_actor *actor,
	    enum wb_dir_kind kind, const char *region, struct wb_arena *a,
	    struct wb_buf *out, const char **region_used, struct wb_err *err)
	    WB_WARN_UNUSED;

#endif /* WB_DIRECTORY_CSV_H */
