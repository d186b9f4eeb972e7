/* The subcommands of the vm67 program. Each lives in its own file and
 * takes the arguments after its name (argv[0] is the subcommand). */
#ifndef VM67_SRC_COMMANDS_H
#define VM67_SRC_COMMANDS_H

struct command {
    const char *name;
    const char *synopsis; /* one line for `vm67 --help` */
    int (*main)(int argc, char **argv);
};

/* Exit statuses shared by the subcommands (DESIGN.md "Scripted runs"). */
enum {
    EXIT_OK = 0,
    EXIT_FAILURE_GENERAL = 1,
    EXIT_USAGE = 2,
    EXIT_INSTRUCTION_LIMIT = 3,
};

extern const struct command commands[];

/* The entry points, one per command file. */
int command_run_main(int argc, char **argv);
int command_dasd(int argc, char **argv);

#endif
