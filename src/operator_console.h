/* The operator console on a terminal (libedit: line editing, history).
 * A line starting with / is typed on the guest's console (and END
 * pressed); any other line is a panel command (src/operator_commands.h),
 * so the dialogue of a console script can be typed by hand.
 *
 * The CPU must not stop while the operator types, so a reader thread
 * runs libedit's el_gets and passes each finished line to the machine's
 * loop through a pipe; the loop runs the lines between slices of
 * execution (the thread also watches a stop pipe, so that closing the
 * console ends it). A command that waits (wait, expect, send) holds the lines
 * typed after it until it is done. End of file (^D) ends the run when the
 * machine can do nothing more without the operator. */
#ifndef VM67_SRC_OPERATOR_CONSOLE_H
#define VM67_SRC_OPERATOR_CONSOLE_H

#include "lib/error.h"

struct operator_session;
struct operator_console;

struct operator_console *operator_console_open(struct operator_session *session, struct error *err);
/* Stops the reader thread, restores the terminal, frees everything. */
void operator_console_close(struct operator_console *console);

/* Runs the operator's lines that have arrived; waits up to timeout_ms
 * (< 0: until a line comes) when none has. */
void operator_console_poll(struct operator_console *console, int timeout_ms);

#endif
