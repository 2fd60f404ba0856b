/* data.h - the commands that move a whole database: backup, restore and
 * migrate-data.
 *
 * Each has the signature of a cli.c command (the database URL from --db,
 * then argv[0] = the command's name and its own arguments) and returns
 * an exit code (WB_EXIT_OK, WB_EXIT_FAIL, WB_EXIT_USAGE).  They print
 * the backend's name, never a database URL: a PostgreSQL URL may hold a
 * password (which belongs in PGPASSWORD or PGPASSFILE instead).
 *
 *   backup FILE             SQLite: online backup to the new FILE, then
 *                           the audit chain of FILE is verified.
 *                           PostgreSQL: refused, see pg_dump.
 *   restore FILE [--force]  SQLite: FILE (its audit chain verified first)
 *                           replaces the --db database, which must be
 *                           empty unless --force; stop the server first.
 *   migrate-data --from URL --to URL
 *                           copy every table into a migrated, empty
 *                           target; the source's audit chain must verify
 *                           (else nothing is copied); afterwards row
 *                           counts and the target's chain are checked.
 */
#ifndef WB_CLI_DATA_H
#define WB_CLI_DATA_H

int	wb_cli_backup(const char *db_url, int argc, char **argv);
int	wb_cli_restore(const char *db_url, int argc, char **argv);
int	wb_cli_migrate_data(const char *db_url, int argc, char **argv);

#endif /* WB_CLI_DATA_H */
