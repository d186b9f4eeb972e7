/* Console scripts (vm67 run --script FILE): one operator command a line,
 * run through the command interpreter (src/operator_commands.h); `#`
 * starts a comment. A command whose condition is not met (wait, expect,
 * send) is tried again as the machine runs; one not met within the
 * script timeout ends the run with an error naming the script line. */
#ifndef VM67_SRC_CONSOLE_SCRIPT_H
#define VM67_SRC_CONSOLE_SCRIPT_H

#include <stdbool.h>
#include <time.h>

#include "lib/error.h"

struct operator_session;

struct console_script_line {
    unsigned number;
    char *text;
};

struct console_script {
    char *path;
    struct console_script_line *lines;
    unsigned count;
    unsigned next;             /* the line to run (or being retried) */
    bool blocked;              /* lines[next] waits for its condition */
    struct timespec blocked_since;
};

/* Reads and checks a script; errors name FILE:LINE. */
bool console_script_load(struct console_script *script, const char *path, struct error *err);
/* As above from text (tests). */
bool console_script_parse(struct console_script *script, const char *name, const char *text, struct error *err);
void console_script_free(struct console_script *script);

bool console_script_finished(const struct console_script *script);

/* Runs lines until one must wait, the script ends, or the run ends.
 * Returns true if any line ran. */
bool console_script_step(struct console_script *script, struct operator_session *session);

/* The line being waited for, as "FILE:LINE: TEXT" (for messages). */
void console_script_where(const struct console_script *script, char *buffer, size_t size);

/* Seconds until the current line's timeout, or a negative number if no
 * line is waiting. */
double console_script_seconds_left(const struct console_script *script, double timeout);

#endif
