/* The one command interpreter for the operator's actions: console scripts,
 * the terminal's operator console and the tests all run lines through it.
 *
 * Script words (DESIGN.md "Scripted runs"; these are fixed):
 *   wait                   until the CPU loads an enabled wait and has
 *                          nothing left to do (idle)
 *   expect "TEXT"          until a console writes TEXT (only what it wrote
 *                          after the previous expect counts)
 *   send "TEXT"            when a console read is active, type TEXT and
 *                          press END ("" presses END alone)
 *   type "TEXT"            when a read is active, type TEXT without END
 *   request                press REQUEST on the console (attention)
 *   cancel                 press CANCEL (ends the read, unit exception)
 *   interrupt              press the system INTERRUPT key
 *   devinit CUU ARGS...    give a device a new medium, as in the config
 *   quit                   end the run (devices flushed, exit status 0)
 * Panel commands:
 *   ipl CUU, stop, start, restart, psw [W1 W2], gpr [N [VALUE]],
 *   cr [N [VALUE]], r ADDRESS[-END|.LENGTH] [= HEX...], v (the same,
 *   through DAT), devlist, attach CUU TYPE ARGS..., detach CUU,
 *   trace FILE | trace off, help
 * A line starting with / types the rest of the line on the console and
 * presses END, like send. */
#ifndef VM67_SRC_OPERATOR_COMMANDS_H
#define VM67_SRC_OPERATOR_COMMANDS_H

#include <stdbool.h>

#include "lib/error.h"
#include "src/operator_session.h"

enum command_result {
    COMMAND_DONE,    /* executed */
    COMMAND_BLOCKED, /* its condition is not met yet: run the line again later */
    COMMAND_FAILED,  /* err says why */
};

/* Runs one line. `line` may be modified. Empty and comment lines are
 * done at once. */
enum command_result operator_execute(struct operator_session *s, char *line, struct error *err);

/* Checks a line's syntax without running it (a script is checked when it
 * is loaded). */
bool operator_check(const char *line, struct error *err);

/* The command would wait for the machine (wait, expect, send, type). */
bool operator_command_waits(const char *line);

#endif
