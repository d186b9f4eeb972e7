#include "src/operator_session.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/ebcdic.h"
#include "src/console_script.h"
#include "src/instruction_trace.h"
#include "src/operator_commands.h"
#include "src/operator_console.h"

/* ---- The console's paper and keyboard. */

/* One console write as a line of standard output: EBCDIC shown as ASCII;
 * the carriage controls NL, CR and LF, which a typewriter acts on, are
 * left out (each write is a line of its own); other bytes without a
 * printable form appear as <XX>. */
static void print_console_line(FILE *out, const uint8_t *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        uint8_t c = text[i];
        if (c == 0x15 || c == 0x0D || c == 0x25)
            continue;
        uint8_t a = ebcdic_to_ascii_char(c);
        if (a >= 0x20 && a < 0x7F)
            fputc(a, out);
        else
            fprintf(out, "<%02X>", c);
    }
    fputc('\n', out);
    fflush(out);
}

static void remember_written(struct operator_session *s, const uint8_t *text, size_t length)
{
    size_t need = s->written_length + length * 4 + 2;
    if (need > s->written_capacity) {
        size_t capacity = need * 2;
        char *grown = realloc(s->written, capacity);
        if (grown == NULL)
            return;
        s->written = grown;
        s->written_capacity = capacity;
    }
    s->written_length += ebcdic_to_display(s->written + s->written_length, s->written_capacity - s->written_length,
                                           text, length);
    s->written[s->written_length++] = '\n';
    s->written[s->written_length] = '\0';
}

static void console_wrote(void *context, struct device *dev, uint8_t command, const uint8_t *text, size_t length)
{
    struct operator_session *s = context;
    (void)dev;
    print_console_line(s->out, text, length);
    remember_written(s, text, length);
    if (s->logging)
        console_log_write(&s->log, command, text, length);
}

static void console_read_started(void *context, struct device *dev)
{
    struct operator_session *s = context;
    (void)dev;
    if (s->logging)
        console_log_read_started(&s->log);
}

static void console_read_ended(void *context, struct device *dev, const uint8_t *text, size_t length,
                               bool cancelled)
{
    struct operator_session *s = context;
    (void)dev;
    if (s->echo_input)
        print_console_line(s->out, text, length);
    if (s->logging)
        console_log_read(&s->log, text, length, cancelled);
}

static void console_control(void *context, struct device *dev, uint8_t command)
{
    struct operator_session *s = context;
    (void)dev;
    if (s->logging)
        console_log_control(&s->log, command);
}

static void console_attention(void *context, struct device *dev)
{
    struct operator_session *s = context;
    (void)dev;
    if (s->logging)
        console_log_event(&s->log, "*ATTENTION");
}

void operator_session_init(struct operator_session *s, struct machine *m, FILE *out)
{
    memset(s, 0, sizeof *s);
    s->machine = m;
    s->out = out;
    s->script_timeout = 600;
    s->console_host = (struct console_1052_host){
        .context = s,
        .wrote = console_wrote,
        .read_started = console_read_started,
        .read_ended = console_read_ended,
        .control = console_control,
        .attention = console_attention,
    };
}

void operator_session_attach_consoles(struct operator_session *s)
{
    unsigned cursor = 0;
    struct device *dev;
    while ((dev = channel_next_device(&s->machine->channels, &cursor)) != NULL) {
        if (!device_is_console(dev))
            continue;
        console_1052_set_host(dev, &s->console_host);
        if (s->console == NULL)
            s->console = dev;
    }
}

void operator_session_free(struct operator_session *s)
{
    for (unsigned i = 0; i < s->typeahead.count; i++)
        free(s->typeahead.lines[i]);
    free(s->typeahead.lines);
    free(s->written);
    if (s->trace != NULL) {
        cpu_set_trace(&s->machine->cpu, NULL, NULL);
        fclose(s->trace);
    }
    free(s->trace_path);
    operator_console_close(s->terminal);
    s->terminal = NULL;
    if (s->logging) {
        struct error err;
        if (!console_log_close(&s->log, &err))
            fprintf(stderr, "vm67: %s\n", err.message);
    }
    s->written = NULL;
    s->trace = NULL;
}

bool operator_session_type(struct operator_session *s, const char *text, bool press_end)
{
    if (s->console == NULL)
        return false;
    size_t n = strlen(text);
    uint8_t *ebcdic = malloc(n + 1);
    if (ebcdic == NULL)
        return false;
    ascii_to_ebcdic(ebcdic, (const uint8_t *)text, n);
    bool ok = console_1052_type_text(s->console, ebcdic, n);
    free(ebcdic);
    if (ok && press_end)
        console_1052_press_end(s->console);
    return ok;
}

void operator_session_interrupt_key(struct operator_session *s)
{
    if (s->logging) {
        bool reading = s->console != NULL && console_1052_reading(s->console);
        const uint8_t *typed = NULL;
        size_t n = reading ? console_1052_typed(s->console, &typed) : 0;
        console_log_interrupt_key(&s->log, reading, typed, n);
    }
    machine_interrupt_key(s->machine);
}

bool operator_session_expect(struct operator_session *s, const char *text)
{
    if (s->written == NULL)
        return text[0] == '\0';
    char *found = strstr(s->written, text);
    if (found == NULL)
        return false;
    size_t consumed = (size_t)(found - s->written) + strlen(text);
    memmove(s->written, s->written + consumed, s->written_length - consumed + 1);
    s->written_length -= consumed;
    return true;
}

void operator_session_mark_action(struct operator_session *s)
{
    s->action_mark = s->machine->cpu.icount;
}

bool operator_session_queue_line(struct operator_session *s, const char *line)
{
    struct typeahead *t = &s->typeahead;
    if (t->count == t->capacity) {
        unsigned capacity = t->capacity ? t->capacity * 2 : 8;
        char **grown = realloc(t->lines, capacity * sizeof *grown);
        if (grown == NULL)
            return false;
        t->lines = grown;
        t->capacity = capacity;
    }
    t->lines[t->count] = strdup(line);
    if (t->lines[t->count] == NULL)
        return false;
    t->count++;
    return true;
}

/* A line typed ahead goes in when the console reads. */
static bool deliver_typeahead(struct operator_session *s)
{
    if (s->typeahead.count == 0 || s->console == NULL || !console_1052_reading(s->console))
        return false;
    char *line = s->typeahead.lines[0];
    memmove(s->typeahead.lines, s->typeahead.lines + 1, (s->typeahead.count - 1) * sizeof *s->typeahead.lines);
    s->typeahead.count--;
    operator_session_type(s, line, true);
    operator_session_mark_action(s);
    free(line);
    return true;
}

void operator_session_finish(struct operator_session *s)
{
    struct machine *m = s->machine;
    if (!s->logging)
        return;
    if (m->end == MACHINE_END_DISABLED_WAIT) {
        uint32_t psw[2];
        machine_psw(m, psw);
        console_log_wait(&s->log, psw);
    } else if (s->console != NULL && console_1052_reading(s->console)) {
        console_log_read_pending_at_end(&s->log);
    }
}

bool operator_session_trace(struct operator_session *s, const char *path, struct error *err)
{
    if (s->trace != NULL) {
        cpu_set_trace(&s->machine->cpu, NULL, NULL);
        fclose(s->trace);
        s->trace = NULL;
        free(s->trace_path);
        s->trace_path = NULL;
    }
    if (path == NULL)
        return true;
    s->trace = fopen(path, "w");
    if (s->trace == NULL)
        return error_set(err, "%s: %s", path, strerror(errno));
    s->trace_path = strdup(path);
    cpu_set_trace(&s->machine->cpu, instruction_trace_hook, s->trace);
    return true;
}

/* ---- Standard input as console lines. */

static void read_stdin_lines(struct operator_session *s)
{
    char buffer[4096];
    ssize_t n = read(STDIN_FILENO, buffer, sizeof buffer);
    if (n <= 0) {
        if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
            s->stdin_at_end = true;
            if (s->stdin_partial_length > 0) {
                s->stdin_partial[s->stdin_partial_length] = '\0';
                operator_session_queue_line(s, s->stdin_partial);
                s->stdin_partial_length = 0;
            }
        }
        return;
    }
    for (ssize_t i = 0; i < n; i++) {
        char c = buffer[i];
        if (c == '\n') {
            if (s->stdin_partial_length > 0 && s->stdin_partial[s->stdin_partial_length - 1] == '\r')
                s->stdin_partial_length--;
            s->stdin_partial[s->stdin_partial_length] = '\0';
            operator_session_queue_line(s, s->stdin_partial);
            s->stdin_partial_length = 0;
        } else if (s->stdin_partial_length < sizeof s->stdin_partial - 1) {
            s->stdin_partial[s->stdin_partial_length++] = c;
        }
    }
}

/* ---- The machine's host. */

static void describe_wait(struct machine *m, char *buffer, size_t size)
{
    uint32_t psw[2];
    machine_psw(m, psw);
    if (m->state == MACHINE_STOPPED)
        snprintf(buffer, size, "the CPU is stopped (PSW=%08X %08X)", psw[0], psw[1]);
    else if (m->state == MACHINE_IPL)
        snprintf(buffer, size, "the IPL waits for its device");
    else
        snprintf(buffer, size, "the CPU waits (PSW=%08X %08X) with nothing pending", psw[0], psw[1]);
}

static void session_poll(void *context, struct machine *m, int timeout_ms)
{
    struct operator_session *s = context;
    /* Anything done here may give the machine work: then return at once
     * and let it run. */
    if (deliver_typeahead(s) && timeout_ms != 0)
        return;
    bool script_active = s->script != NULL && !console_script_finished(s->script);
    if (script_active) {
        bool ran = console_script_step(s->script, s);
        if (m->end != MACHINE_END_NONE)
            return;
        script_active = !console_script_finished(s->script);
        if (ran && timeout_ms != 0)
            return;
    }
    if (!script_active && s->terminal_wanted && s->terminal == NULL) {
        struct error err;
        s->terminal = operator_console_open(s, &err);
        if (s->terminal == NULL) {
            fprintf(stderr, "vm67: %s\n", err.message);
            s->terminal_wanted = false;
        }
    }
    bool stdin_source = s->read_stdin_lines && !s->stdin_at_end && !script_active;
    bool terminal_source = s->terminal != NULL && !script_active;

    if (timeout_ms == 0) {
        if (stdin_source) {
            struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
            if (poll(&p, 1, 0) > 0)
                read_stdin_lines(s);
            deliver_typeahead(s);
        }
        if (terminal_source)
            operator_console_poll(s->terminal, 0);
        return;
    }

    /* The machine can do nothing by itself (timeout < 0), or not before
     * the timer (timeout > 0). */
    if (script_active) {
        /* A 2703 line can still bring input: wait for it, within the
         * script's time. */
        bool host_io = machine_has_host_io(m);
        if (timeout_ms < 0 && !host_io) {
            char where[512];
            char why[256];
            console_script_where(s->script, where, sizeof where);
            describe_wait(m, why, sizeof why);
            machine_end(m, MACHINE_END_FAILURE, "%s: cannot be met: %s", where, why);
            return;
        }
        double left = console_script_seconds_left(s->script, s->script_timeout);
        if (left >= 0 && (timeout_ms < 0 || left * 1000 < timeout_ms))
            timeout_ms = (int)(left * 1000) + 1;
        machine_poll(m, NULL, 0, timeout_ms);
        return;
    }
    if (terminal_source) {
        operator_console_poll(s->terminal, timeout_ms);
        return;
    }
    if (stdin_source) {
        struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
        if (machine_poll(m, &p, 1, timeout_ms) > 0 && p.revents != 0)
            read_stdin_lines(s);
        deliver_typeahead(s);
        return;
    }
    if (timeout_ms < 0 && machine_has_host_io(m)) {
        machine_poll(m, NULL, 0, -1);  /* a 2703 line: a caller can come */
        return;
    }
    if (timeout_ms < 0) {
        char why[256];
        describe_wait(m, why, sizeof why);
        if (s->read_stdin_lines && s->typeahead.count > 0)
            machine_end(m, MACHINE_END_FAILURE, "%s; the console is not reading, and %u line%s of input wait%s",
                        why, s->typeahead.count, s->typeahead.count == 1 ? "" : "s",
                        s->typeahead.count == 1 ? "s" : "");
        else if (s->read_stdin_lines)
            machine_end(m, MACHINE_END_FAILURE, "%s, and standard input is at its end", why);
        else
            machine_end(m, MACHINE_END_FAILURE, "%s, and no input can come (no script, no terminal)", why);
        return;
    }
    machine_poll(m, NULL, 0, timeout_ms);
}

static void session_halt_io(void *context, struct machine *m, struct device *dev)
{
    struct operator_session *s = context;
    (void)m;
    if (s->logging && device_is_console(dev))
        console_log_event(&s->log, "*HIO");
}

static void session_ipl_done(void *context, struct machine *m, bool ok, const char *message)
{
    struct operator_session *s = context;
    if (ok)
        return;
    s->ipl_failed = true;
    if (s->interactive) {
        fprintf(stderr, "vm67: %s\n", message);
        return;
    }
    machine_end(m, MACHINE_END_FAILURE, "%s", message);
}

void operator_session_machine_host(struct operator_session *s, struct machine_host *host)
{
    *host = (struct machine_host){
        .context = s,
        .poll = session_poll,
        .halt_io_issued = session_halt_io,
        .ipl_done = session_ipl_done,
    };
}
