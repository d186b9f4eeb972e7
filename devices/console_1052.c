/* The 1052 printer-keyboard (S360-67.md §4.1; SIMH ibm360_con.c for the
 * behaviour of REQUEST and CANCEL). Commands: write X'01', write with
 * carrier return X'09', read inquiry X'0A', audible alarm X'0B', no-op
 * X'03', sense X'04'; anything else is rejected (sense X'80'). */
#include "devices/console_1052.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/device_arguments.h"

/* Virtual time for typing: a fixed start plus a little per character.
 * (The real 1052 types 15 characters a second; the emulated machine need
 * not make its programs wait that long.) */
#define CONSOLE_WRITE_START 100
#define CONSOLE_WRITE_PER_CHARACTER 10

struct console_state {
    const struct console_1052_host *host;
    bool reading;
    struct device_command *read_command; /* the pending read */
    uint8_t typed[DEVICE_BUFFER_SIZE];
    size_t typed_length;
};

static struct console_state *state_of(const struct device *dev)
{
    return (struct console_state *)dev->state;
}

static bool console_attach(struct device *dev, int argc, char **argv, struct error *err)
{
    for (int i = 0; i < argc; i++) {
        /* Hercules's console options have no meaning here: noprompt (a
         * telnet console's), and the command prefix of an integrated
         * console (one character, such as / for 3215-C). */
        if (device_argument_is(argv[i], "noprompt"))
            continue;
        if (strlen(argv[i]) == 1 && !isalnum((unsigned char)argv[i][0]))
            continue;
        return error_set(err, "unknown console option '%s'", argv[i]);
    }
    struct console_state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return error_set(err, "out of memory");
    dev->state = s;
    dev->sense_length = 1;
    return true;
}

static void console_detach(struct device *dev)
{
    free(dev->state);
    dev->state = NULL;
}

/* Ends the read. What was typed is on the paper; the channel takes at
 * most its count (a key typed beyond it ends the read, and the channel
 * reports incorrect length). */
static void end_read(struct device *dev, uint8_t status, bool cancelled)
{
    struct console_state *s = state_of(dev);
    if (!s->reading)
        return;
    size_t n = s->typed_length;
    size_t stored = n < s->read_command->count ? n : s->read_command->count;
    memcpy(s->read_command->data, s->typed, stored);
    s->reading = false;
    s->read_command = NULL;
    if (s->host != NULL && s->host->read_ended != NULL)
        s->host->read_ended(s->host->context, dev, s->typed, n, cancelled);
    s->typed_length = 0;
    channel_command_done(dev, (uint32_t)n, status, 0);
}

static void console_start(struct device *dev, struct device_command *cmd)
{
    struct console_state *s = state_of(dev);
    if (cmd->code != 0x04) {
        dev->sense_length = 1;
        dev->sense[0] = 0;
    }
    switch (cmd->code) {
    case 0x01:
    case 0x09:
        if (s->host != NULL && s->host->wrote != NULL)
            s->host->wrote(s->host->context, dev, cmd->code, cmd->data, cmd->count);
        cmd->length = cmd->count;
        cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
        cmd->delay = CONSOLE_WRITE_START + (uint64_t)cmd->count * CONSOLE_WRITE_PER_CHARACTER;
        return;
    case 0x0A:
        s->reading = true;
        s->read_command = cmd;
        s->typed_length = 0;
        cmd->pending = true;
        if (s->host != NULL && s->host->read_started != NULL)
            s->host->read_started(s->host->context, dev);
        return;
    case 0x03:
    case 0x0B:
        /* Immediate: nothing moves on the channel. */
        if (s->host != NULL && s->host->control != NULL)
            s->host->control(s->host->context, dev, cmd->code);
        cmd->length = 0;
        cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
        cmd->delay = 0;
        return;
    case 0x04:
        dev->sense_length = 1;
        device_answer_sense(dev, cmd);
        return;
    default:
        device_reject_command(dev, cmd);
        dev->sense_length = 1;
        return;
    }
}

/* HALT I/O during a read: the read ends with what was typed. */
static void console_halt(struct device *dev)
{
    end_read(dev, UNIT_CHANNEL_END | UNIT_DEVICE_END, false);
}

static void console_reset(struct device *dev)
{
    struct console_state *s = state_of(dev);
    s->reading = false;
    s->read_command = NULL;
    s->typed_length = 0;
    dev->sense_length = 1;
    dev->sense[0] = 0;
}

static void console_describe(struct device *dev, char *buffer, size_t size)
{
    struct console_state *s = state_of(dev);
    snprintf(buffer, size, "%s", s->reading ? "read pending" : "ready");
}

static const char *const console_aliases[] = {"1052", "3215", "1052-C", "3215-C", "2150", NULL};

const struct device_type console_1052_type = {
    .name = "1052",
    .aliases = console_aliases,
    .description = "1052 printer-keyboard console",
    .attach = console_attach,
    .detach = console_detach,
    .start = console_start,
    .halt = console_halt,
    .reset = console_reset,
    .describe = console_describe,
};

bool device_is_console(const struct device *dev)
{
    return dev != NULL && dev->type == &console_1052_type;
}

void console_1052_set_host(struct device *dev, const struct console_1052_host *host)
{
    state_of(dev)->host = host;
}

bool console_1052_reading(const struct device *dev)
{
    return state_of(dev)->reading;
}

bool console_1052_type_text(struct device *dev, const uint8_t *text, size_t length)
{
    struct console_state *s = state_of(dev);
    if (!s->reading)
        return false;
    for (size_t i = 0; i < length && s->reading; i++) {
        s->typed[s->typed_length++] = text[i];
        /* Each key goes to the channel as it is typed. Once the count is
         * used up the next key is printed but refused: the channel stops
         * the read, and the keyboard locks (what follows is lost). */
        if (s->typed_length > s->read_command->count || s->typed_length == sizeof s->typed)
            end_read(dev, UNIT_CHANNEL_END | UNIT_DEVICE_END, false);
    }
    return true;
}

size_t console_1052_typed(const struct device *dev, const uint8_t **text)
{
    const struct console_state *s = state_of(dev);
    *text = s->typed;
    return s->typed_length;
}

bool console_1052_press_end(struct device *dev)
{
    if (!state_of(dev)->reading)
        return false;
    end_read(dev, UNIT_CHANNEL_END | UNIT_DEVICE_END, false);
    return true;
}

bool console_1052_press_cancel(struct device *dev)
{
    if (!state_of(dev)->reading)
        return false;
    end_read(dev, UNIT_CHANNEL_END | UNIT_DEVICE_END | UNIT_EXCEPTION, true);
    return true;
}

bool console_1052_press_request(struct device *dev)
{
    struct console_state *s = state_of(dev);
    if (s->reading)
        return false;
    if (s->host != NULL && s->host->attention != NULL)
        s->host->attention(s->host->context, dev);
    channel_device_status(dev, UNIT_ATTENTION);
    return true;
}
