/* cli.h - the werkbrug command line.
 *
 * `werkbrug [--config FILE] [--db URL] COMMAND [options]`.  Exit codes:
 * 0 ok, 1 failure, 2 usage.  Each command is a thin face over domain/: it parses options,
 * opens the database, calls the domain with the system actor and prints
 * the result.  Messages for the operator are Dutch.
 */
#ifndef WB_CLI_H
#define WB_CLI_H

#define WB_EXIT_OK	0
#define WB_EXIT_FAIL	1
#define WB_EXIT_USAGE	2

int	wb_cli_main(int argc, char **argv);

struct wb_db;

/* Open and migrate the database of `url` and set up the site key, as
 * every command does; NULL after printing why (for the commands in other
 * files of cli/). */
struct wb_db *wb_cli_open_db(const char *url);

#endif /* WB_CLI_H */
