/* The table of subcommands: each line names a command's entry point,
 * defined in its own file. */
#include <stddef.h>

#include "src/commands.h"

int command_asm(int argc, char **argv);

const struct command commands[] = {
    {"asm", "assemble a System/360 Model 67 program", command_asm},
    {NULL, NULL, NULL},
};
