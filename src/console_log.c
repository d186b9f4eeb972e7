#include "src/console_log.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ebcdic.h"

bool console_log_open(struct console_log *log, const char *path, struct error *err)
{
    memset(log, 0, sizeof *log);
    log->file = fopen(path, "w");
    if (log->file == NULL)
        return error_set(err, "%s: %s", path, strerror(errno));
    log->path = strdup(path);
    return true;
}

bool console_log_close(struct console_log *log, struct error *err)
{
    bool ok = true;
    if (log->file != NULL && fclose(log->file) != 0)
        ok = error_set(err, "%s: %s", log->path, strerror(errno));
    free(log->path);
    memset(log, 0, sizeof *log);
    return ok;
}

static void line(struct console_log *log, const char *prefix, const uint8_t *text, size_t length,
                 const char *suffix)
{
    if (log->file == NULL)
        return;
    size_t size = length * 4 + 1;
    char *shown = malloc(size);
    if (shown == NULL)
        return;
    ebcdic_to_display(shown, size, text, length);
    fprintf(log->file, "%s%s%s\n", prefix, shown, suffix);
    fflush(log->file);
    free(shown);
}

void console_log_write(struct console_log *log, uint8_t command, const uint8_t *text, size_t length)
{
    char prefix[8];
    snprintf(prefix, sizeof prefix, "W%02X ", command);
    line(log, prefix, text, length, "");
}

void console_log_read_started(struct console_log *log)
{
    log->read_logged = false;
}

void console_log_read(struct console_log *log, const uint8_t *text, size_t length, bool cancelled)
{
    if (log->read_logged && !cancelled) {
        log->read_logged = false;
        return;
    }
    log->read_logged = false;
    line(log, "R0A ", text, length, cancelled ? " *CANCEL" : "");
}

void console_log_control(struct console_log *log, uint8_t command)
{
    if (log->file == NULL)
        return;
    fprintf(log->file, "N%02X\n", command);
    fflush(log->file);
}

void console_log_event(struct console_log *log, const char *event)
{
    if (log->file == NULL)
        return;
    fprintf(log->file, "%s\n", event);
    fflush(log->file);
}

void console_log_interrupt_key(struct console_log *log, bool reading, const uint8_t *typed, size_t length)
{
    if (reading && !log->read_logged) {
        line(log, "R0A ", typed, length, "");
        log->read_logged = true;
    }
    console_log_event(log, "*INTERRUPT-KEY");
}

void console_log_wait(struct console_log *log, const uint32_t psw[2])
{
    if (log->file == NULL)
        return;
    fprintf(log->file, "*WAIT PSW=%08X %08X\n", psw[0], psw[1]);
    fflush(log->file);
}

void console_log_read_pending_at_end(struct console_log *log)
{
    console_log_event(log, "R0A (read still pending: end of run)");
}
