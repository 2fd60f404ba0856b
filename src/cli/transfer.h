/* transfer.h - the commands that bring client data in and out in bulk:
 * import of trajectories, milestones and measurements, export of
 * trajectories and indicators (docs/import.md).
 *
 * Each has the signature of a cli.c command (the database URL, then
 * argv[0] = the second word of the command's name, "trajecten", and its
 * own arguments) and returns an exit code (WB_EXIT_OK, WB_EXIT_FAIL,
 * WB_EXIT_USAGE).
 *
 *   import KIND --as E-MAIL [--dry-run] FILE.csv
 *       KIND trajecten, mijlpalen or metingen; io/outcome_import.h.  The
 *       import runs as the professional of --as: the consent policy
 *       decides every row for them, the system actor has no access to
 *       client data.  A progress bar on stderr when it is a terminal;
 *       the problems (at most 100, all counted) on stderr, the summary
 *       on stdout.  Exit 1 when anything is wrong: nothing is imported.
 *   export trajecten --as E-MAIL [--client ID] [--format csv|xlsx]
 *       -o FILE
 *   export indicatoren --as E-MAIL (--region AMnn | --organisation CODE)
 *       --quarter JJJJKn [--intervention CODE] [--format csv|xlsx] -o FILE
 *       report/export.h; FILE must not exist (it is made mode 600); the
 *       format follows the name (.xlsx) unless --format says otherwise.
 */
#ifndef WB_CLI_TRANSFER_H
#define WB_CLI_TRANSFER_H

int	wb_cli_import(const char *db_url, int argc, char **argv);
int	wb_cli_export(const char *db_url, int argc, char **argv);

#endif /* WB_CLI_TRANSFER_H */
