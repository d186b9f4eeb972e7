/* The operator's side of a running machine: what the console prints, the
 * console transcript, and where the operator's actions come from (a
 * console script, lines on standard input, or the terminal through the
 * operator console). It is the machine's struct machine_host and every
 * 1052's struct console_1052_host.
 *
 * All operator actions go through one command interpreter
 * (src/operator_commands.h), whether they come from a script, from the
 * terminal or from a test. */
#ifndef VM67_SRC_OPERATOR_SESSION_H
#define VM67_SRC_OPERATOR_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "devices/console_1052.h"
#include "src/console_log.h"
#include "src/machine.h"

struct console_script;
struct operator_console;

/* Lines typed ahead for the console keyboard (standard input, "/text"). */
struct typeahead {
    char **lines;
    unsigned count;
    unsigned capacity;
};

struct operator_session {
    struct machine *machine;
    FILE *out;             /* console lines and command output */
    bool echo_input;       /* print what the operator types on `out` */
    bool interactive;      /* a person at the terminal */
    struct console_log log;
    bool logging;
    struct device *console; /* the console the keyboard commands use */
    struct console_1052_host console_host;

    /* What the consoles wrote since the last expect matched. */
    char *written;
    size_t written_length;
    size_t written_capacity;

    /* `wait` needs the CPU to have run since the last action. */
    uint64_t action_mark;

    /* Input. */
    struct console_script *script;
    double script_timeout;      /* seconds */
    bool read_stdin_lines;      /* standard input lines are console input */
    bool stdin_at_end;
    char stdin_partial[4096];
    size_t stdin_partial_length;
    struct typeahead typeahead;
    bool terminal_wanted;       /* a person may type at the terminal */
    struct operator_console *terminal;

    /* Instruction trace. */
    FILE *trace;
    char *trace_path;

    /* The run printed its own message for an IPL failure. */
    bool ipl_failed;
};

/* Prepares the session for machine `m` (not yet running): installs the
 * hooks on every console and chooses the keyboard console (the lowest
 * address). */
void operator_session_init(struct operator_session *s, struct machine *m, FILE *out);
void operator_session_attach_consoles(struct operator_session *s);
void operator_session_free(struct operator_session *s);

/* The machine_host to give machine_init (context: the session). */
void operator_session_machine_host(struct operator_session *s, struct machine_host *host);

/* Keyboard actions on the console (ASCII text). */
bool operator_session_type(struct operator_session *s, const char *text, bool press_end);
void operator_session_interrupt_key(struct operator_session *s);

/* The written text since the last expect; `expect` consumes up to the
 * match. Returns true if found. */
bool operator_session_expect(struct operator_session *s, const char *text);

/* Something the operator did: `wait` waits for the CPU to run again. */
void operator_session_mark_action(struct operator_session *s);

/* Lines the operator typed ahead for the console keyboard. */
bool operator_session_queue_line(struct operator_session *s, const char *line);

/* End-of-run bookkeeping for the transcript. */
void operator_session_finish(struct operator_session *s);

/* Starts or stops the instruction trace. */
bool operator_session_trace(struct operator_session *s, const char *path, struct error *err);

#endif
