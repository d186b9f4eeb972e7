/* The table of subcommands: each line names a command's entry point,
 * defined in its own file. */
#include <stddef.h>

#include "src/commands.h"

int command_asm(int argc, char **argv);

const struct command commands[] = {
    {"asm", "assemble a System/360 Model 67 program", command_asm},
    {"run", "run a machine from a configuration file", command_run_main},
    {"dasd", "DASD images: init, ls, copy, check", command_dasd},
    {NULL, NULL, NULL},
};
