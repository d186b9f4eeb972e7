/* The table of subcommands: each line names a command's entry point,
 * defined in its own file. */
#include <stddef.h>

#include "src/commands.h"

const struct command commands[] = {
    {"run", "run a machine from a configuration file", command_run_main},
    {NULL, NULL, NULL},
};
