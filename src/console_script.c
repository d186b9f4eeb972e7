#include "src/console_script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/operator_commands.h"
#include "src/operator_session.h"

#define MAX_SCRIPT_LINE 4096

bool console_script_parse(struct console_script *script, const char *name, const char *text, struct error *err)
{
    memset(script, 0, sizeof *script);
    script->path = strdup(name);
    if (script->path == NULL)
        return error_set(err, "out of memory");
    unsigned number = 0;
    const char *p = text;
    while (*p != '\0') {
        number++;
        const char *end = strchr(p, '\n');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        const char *line = p;
        p += len + (end != NULL ? 1 : 0);
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (len >= MAX_SCRIPT_LINE) {
            console_script_free(script);
            return error_set(err, "%s:%u: the line is longer than %d characters", name, number,
                             MAX_SCRIPT_LINE - 1);
        }
        char *copy = strndup(line, len);
        if (copy == NULL) {
            console_script_free(script);
            return error_set(err, "out of memory");
        }
        const char *first = copy;
        while (*first == ' ' || *first == '\t')
            first++;
        if (*first == '\0' || *first == '#') {
            free(copy);
            continue;
        }
        if (!operator_check(copy, err)) {
            free(copy);
            console_script_free(script);
            return error_prefix(err, "%s:%u: ", name, number);
        }
        struct console_script_line *grown = realloc(script->lines, (script->count + 1) * sizeof *grown);
        if (grown == NULL) {
            free(copy);
            console_script_free(script);
            return error_set(err, "out of memory");
        }
        script->lines = grown;
        script->lines[script->count].number = number;
        script->lines[script->count].text = copy;
        script->count++;
    }
    return true;
}

bool console_script_load(struct console_script *script, const char *path, struct error *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return error_set(err, "%s: %s", path, strerror(errno));
    char *text = NULL;
    size_t size = 0;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        char *grown = realloc(text, size + n + 1);
        if (grown == NULL) {
            free(text);
            fclose(f);
            return error_set(err, "%s: out of memory", path);
        }
        text = grown;
        memcpy(text + size, chunk, n);
        size += n;
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) {
        free(text);
        return error_set(err, "%s: read error", path);
    }
    if (text == NULL)
        text = strdup("");
    if (text == NULL)
        return error_set(err, "out of memory");
    text[size] = '\0';
    if (strlen(text) != size) {
        free(text);
        return error_set(err, "%s: holds NUL bytes (is this a console script?)", path);
    }
    bool ok = console_script_parse(script, path, text, err);
    free(text);
    return ok;
}

void console_script_free(struct console_script *script)
{
    for (unsigned i = 0; i < script->count; i++)
        free(script->lines[i].text);
    free(script->lines);
    free(script->path);
    memset(script, 0, sizeof *script);
}

bool console_script_finished(const struct console_script *script)
{
    return script->next >= script->count;
}

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (now.tv_nsec - t->tv_nsec) / 1e9;
}

void console_script_where(const struct console_script *script, char *buffer, size_t size)
{
    if (script->next < script->count)
        snprintf(buffer, size, "%s:%u: %s", script->path, script->lines[script->next].number,
                 script->lines[script->next].text);
    else
        snprintf(buffer, size, "%s: (end)", script->path);
}

double console_script_seconds_left(const struct console_script *script, double timeout)
{
    if (!script->blocked)
        return -1;
    double left = timeout - seconds_since(&script->blocked_since);
    return left > 0 ? left : 0;
}

bool console_script_step(struct console_script *script, struct operator_session *session)
{
    bool ran = false;
    struct machine *m = session->machine;
    while (script->next < script->count && m->end == MACHINE_END_NONE) {
        struct console_script_line *line = &script->lines[script->next];
        char copy[MAX_SCRIPT_LINE];
        snprintf(copy, sizeof copy, "%s", line->text);
        struct error err;
        enum command_result r = operator_execute(session, copy, &err);
        if (r == COMMAND_FAILED) {
            machine_end(m, MACHINE_END_FAILURE, "%s:%u: %s: %s", script->path, line->number, line->text,
                        err.message);
            return ran;
        }
        if (r == COMMAND_BLOCKED) {
            if (!script->blocked) {
                script->blocked = true;
                clock_gettime(CLOCK_MONOTONIC, &script->blocked_since);
            } else if (seconds_since(&script->blocked_since) > session->script_timeout) {
                machine_end(m, MACHINE_END_FAILURE, "%s:%u: %s: not met within %g seconds (--script-timeout)",
                            script->path, line->number, line->text, session->script_timeout);
            }
            return ran;
        }
        script->blocked = false;
        script->next++;
        ran = true;
    }
    return ran;
}
