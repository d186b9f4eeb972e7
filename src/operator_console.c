#include "src/operator_console.h"

#include <errno.h>
#include <histedit.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "src/operator_commands.h"
#include "src/operator_session.h"

#define HISTORY_SIZE 500
#define MAX_LINE 4096

struct operator_console {
    struct operator_session *session;
    EditLine *editor;
    History *history;
    int pipe_read;
    int pipe_write;
    int stop_read;  /* written to when the console closes */
    int stop_write;
    pthread_t reader;
    struct termios saved_terminal;
    bool terminal_saved;
    bool reader_started;
    /* Lines received, the first possibly a command still waiting. */
    char **lines;
    unsigned count;
    unsigned capacity;
    char partial[MAX_LINE];
    size_t partial_length;
    bool at_end;
};

static char *prompt(EditLine *editor)
{
    (void)editor;
    return "vm67> ";
}

/* libedit's character reader: a byte from the terminal, or end of input
 * when the console is closing (so that el_gets returns and the reader
 * thread ends by itself). */
static int read_character(EditLine *editor, wchar_t *character)
{
    struct operator_console *c;
    el_get(editor, EL_CLIENTDATA, &c);
    for (;;) {
        struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN}, {.fd = c->stop_read, .events = POLLIN}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (fds[1].revents != 0)
            return 0;
        if (fds[0].revents != 0) {
            unsigned char byte;
            ssize_t n = read(STDIN_FILENO, &byte, 1);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return n == 0 ? 0 : -1;
            *character = (wchar_t)byte;
            return 1;
        }
    }
}

/* The reader thread: libedit's blocking el_gets, a line at a time. It
 * touches nothing but the editor and the pipe. */
static void *reader_main(void *arg)
{
    struct operator_console *c = arg;
    for (;;) {
        int count;
        const char *line = el_gets(c->editor, &count);
        if (line == NULL || count <= 0)
            break;
        size_t n = strlen(line);
        if (n > 1) {
            HistEvent event;
            history(c->history, &event, H_ENTER, line);
        }
        const char *p = line;
        while (n > 0) {
            ssize_t w = write(c->pipe_write, p, n);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                return NULL;
            p += w;
            n -= (size_t)w;
        }
    }
    /* End of input: the loop sees the pipe end. */
    close(c->pipe_write);
    c->pipe_write = -1;
    return NULL;
}

struct operator_console *operator_console_open(struct operator_session *session, struct error *err)
{
    struct operator_console *c = calloc(1, sizeof *c);
    if (c == NULL) {
        error_set(err, "out of memory");
        return NULL;
    }
    c->session = session;
    int fds[2];
    int stop[2];
    if (pipe(fds) != 0) {
        error_set(err, "pipe: %s", strerror(errno));
        free(c);
        return NULL;
    }
    if (pipe(stop) != 0) {
        error_set(err, "pipe: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        free(c);
        return NULL;
    }
    c->pipe_read = fds[0];
    c->pipe_write = fds[1];
    c->stop_read = stop[0];
    c->stop_write = stop[1];
    c->terminal_saved = tcgetattr(STDIN_FILENO, &c->saved_terminal) == 0;
    c->editor = el_init("vm67", stdin, stdout, stderr);
    c->history = history_init();
    if (c->editor == NULL || c->history == NULL) {
        error_set(err, "libedit could not start on this terminal");
        operator_console_close(c);
        return NULL;
    }
    HistEvent event;
    history(c->history, &event, H_SETSIZE, HISTORY_SIZE);
    el_set(c->editor, EL_PROMPT, prompt);
    el_set(c->editor, EL_EDITOR, "emacs");
    el_set(c->editor, EL_HIST, history, c->history);
    el_set(c->editor, EL_SIGNAL, 1);
    el_set(c->editor, EL_CLIENTDATA, c);
    el_set(c->editor, EL_GETCFN, read_character);
    el_source(c->editor, NULL);
    if (pthread_create(&c->reader, NULL, reader_main, c) != 0) {
        error_set(err, "cannot start the terminal reader");
        operator_console_close(c);
        return NULL;
    }
    c->reader_started = true;
    fprintf(stdout, "vm67 operator console: help lists the commands; /TEXT types on the 1052\n");
    fflush(stdout);
    return c;
}

void operator_console_close(struct operator_console *c)
{
    if (c == NULL)
        return;
    /* The reader thread may sit in el_gets: the stop pipe makes it see
     * the end of its input and return. */
    if (c->reader_started) {
        ssize_t w;
        do
            w = write(c->stop_write, "", 1);
        while (w < 0 && errno == EINTR);
        pthread_join(c->reader, NULL);
    }
    if (c->editor != NULL)
        el_end(c->editor);
    if (c->history != NULL)
        history_end(c->history);
    if (c->terminal_saved)
        tcsetattr(STDIN_FILENO, TCSANOW, &c->saved_terminal);
    close(c->pipe_read);
    if (c->pipe_write >= 0)
        close(c->pipe_write);
    close(c->stop_read);
    close(c->stop_write);
    for (unsigned i = 0; i < c->count; i++)
        free(c->lines[i]);
    free(c->lines);
    free(c);
}

static void add_line(struct operator_console *c, const char *line)
{
    if (c->count == c->capacity) {
        unsigned capacity = c->capacity ? c->capacity * 2 : 8;
        char **grown = realloc(c->lines, capacity * sizeof *grown);
        if (grown == NULL)
            return;
        c->lines = grown;
        c->capacity = capacity;
    }
    c->lines[c->count] = strdup(line);
    if (c->lines[c->count] != NULL)
        c->count++;
}

static void receive(struct operator_console *c)
{
    char buffer[MAX_LINE];
    ssize_t n = read(c->pipe_read, buffer, sizeof buffer);
    if (n <= 0) {
        if (n == 0 || errno != EINTR)
            c->at_end = true;
        return;
    }
    for (ssize_t i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
            c->partial[c->partial_length] = '\0';
            add_line(c, c->partial);
            c->partial_length = 0;
        } else if (c->partial_length < sizeof c->partial - 1) {
            c->partial[c->partial_length++] = buffer[i];
        }
    }
}

/* Runs the lines in order; stops at one whose condition is not met. */
static void run_lines(struct operator_console *c)
{
    struct operator_session *s = c->session;
    while (c->count > 0 && s->machine->end == MACHINE_END_NONE) {
        char line[MAX_LINE];
        snprintf(line, sizeof line, "%s", c->lines[0]);
        struct error err;
        enum command_result r = operator_execute(s, line, &err);
        if (r == COMMAND_BLOCKED)
            return;
        if (r == COMMAND_FAILED)
            fprintf(stderr, "vm67: %s\n", err.message);
        fflush(s->out);
        free(c->lines[0]);
        memmove(c->lines, c->lines + 1, (c->count - 1) * sizeof *c->lines);
        c->count--;
    }
}

void operator_console_poll(struct operator_console *c, int timeout_ms)
{
    run_lines(c);
    if (c->at_end) {
        /* No more input: the run goes on until it would need some. */
        if (c->count == 0 && timeout_ms < 0)
            machine_end(c->session->machine, MACHINE_END_QUIT, "end of input on the terminal");
        return;
    }
    struct pollfd p = {.fd = c->pipe_read, .events = POLLIN};
    if (machine_poll(c->session->machine, &p, 1, timeout_ms) > 0 && p.revents != 0)
        receive(c);
    run_lines(c);
}
