/* main.c - werkbrug: one program, many subcommands (see cli/cli.c). */
#include "base/common.h"
#include "cli/cli.h"

int
main(int argc, char **argv)
{
	return wb_cli_main(argc, argv);
}
