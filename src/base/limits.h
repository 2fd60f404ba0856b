/* limits.h - every input limit of werkbrug, in one place.
 *
 * Each limit is enforced before work is done and has a test that sends
 * limit + 1 (conventions.md rule 11).
 */
#ifndef WB_LIMITS_H
#define WB_LIMITS_H

#define WB_MAX_URL		2048		/* bytes of path + query */
#define WB_MAX_HEADER		8192		/* bytes of one header value */
#define WB_MAX_BODY		(64 * 1024)	/* urlencoded / JSON body */
#define WB_MAX_UPLOAD		(4 * 1024 * 1024) /* CSV upload */
#define WB_MAX_FIELDS		64		/* fields in one form/query */
#define WB_MAX_FIELD		8192		/* bytes of one field value */
#define WB_MAX_NAME		64		/* bytes of a field name */
#define WB_MAX_PAGE		(4 * 1024 * 1024) /* rendered response */
#define WB_MAX_TEMPLATE_DEPTH	16		/* nested sections */
#define WB_MAX_CSV_ROWS		20000
#define WB_MAX_CSV_COLS		32
#define WB_MAX_CSV_FIELD	1024
/* The command line's imports of trajectories, milestones and measurements
 * (io/outcome_import.h) read a file row by row: many more rows than an
 * upload, each row still checked against the limits above. */
#define WB_MAX_IMPORT_ROWS	5000000
#define WB_MAX_IMPORT_BYTES	(1024LL * 1024 * 1024)	/* 1 GiB */
#define WB_MAX_IMPORT_REPORTED	100	/* problems listed; all are counted */
#define WB_MAX_PASSWORD		256
#define WB_MIN_PASSWORD		12
#define WB_MAX_MO		(4 * 1024 * 1024) /* bytes of one .mo catalogue */
#define WB_MAX_ANSWERS_TEXT	256		/* bytes of a questionnaire's answers
					   written as a list ("0, 1, 2") */
#define WB_MAX_LANG_TAG		8		/* bytes of a catalogue name ("en") */
#define WB_MAX_TEMPLATE_SIZE	(256 * 1024)	/* bytes of one template source */
#define WB_MAX_TEMPLATE_STEPS	(1 << 22)	/* nodes visited + section
						   iterations in one render */

/* Default worker threads of `serve` per backend (cli.c). */
#define WB_THREADS_SQLITE	32
#define WB_THREADS_PG		8

#endif /* WB_LIMITS_H */
