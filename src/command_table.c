/* The table of subcommands: each line names a command's entry point,
 * defined in its own file. */
#include <stddef.h>

#include "src/commands.h"

const struct command commands[] = {
    {"dasd", "DASD images: init, ls, copy, check", command_dasd},
    {NULL, NULL, NULL},
};
