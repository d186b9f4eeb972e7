/* vm67: an IBM System/360 Model 67 with a Control Program.
 * `vm67 COMMAND ARGS...`; see man/vm67.1. */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "src/commands.h"

static void print_usage(FILE *out)
{
    fprintf(out, "usage: vm67 COMMAND [ARGS...]\n"
                 "       vm67 --help | --version\n\n"
                 "An IBM System/360 Model 67: run a machine, assemble programs, make DASD images.\n\ncommands:\n");
    for (const struct command *cmd = commands; cmd->name != NULL; cmd++)
        fprintf(out, "  %-8s %s\n", cmd->name, cmd->synopsis);
    fprintf(out, "\n`vm67 COMMAND --help` describes a command; man vm67 has the whole story.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        print_usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("vm67 %s\n", PACKAGE_VERSION);
        return EXIT_OK;
    }
    for (const struct command *cmd = commands; cmd->name != NULL; cmd++)
        if (strcmp(argv[1], cmd->name) == 0)
            return cmd->main(argc - 1, argv + 1);
    fprintf(stderr, "vm67: unknown command '%s' (try vm67 --help)\n", argv[1]);
    return EXIT_USAGE;
}
