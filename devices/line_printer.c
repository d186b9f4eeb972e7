/* Line printer commands (S360-67.md §4.3):
 *   write, space 0-3 lines after     0LL00001: X'01' X'09' X'11' X'19'
 *   write, skip to channel 1-12      1CCCC001: X'89' X'91' ... X'E1'
 *   space 1-3 lines immediately      0LL00011: X'0B' X'13' X'1B'
 *   skip to channel immediately      1CCCC011: X'8B' ... X'E3'
 *   no-op X'03', sense X'04'
 * A write takes the printer's print positions: another count is an
 * incorrect length unless SLI. An immediate command gives channel end at
 * once and device end when the carriage has moved. Spacing onto a line
 * punched in channel 9 or 12 (the overflow punches) gives unit exception
 * with the device end. */
#include "devices/line_printer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/device_arguments.h"
#include "lib/ebcdic.h"

#define CHANNELS 12
#define MAX_LINES_PER_PAGE 255
#define MAX_WIDTH 255

struct line_printer_state {
    const struct line_printer_model *model;
    char *path;
    FILE *file;
    bool crlf;
    bool noclear;
    bool fcbcheck;
    unsigned width;
    unsigned lines_per_page;
    unsigned channel_line[CHANNELS + 1]; /* index 1-12; 0 = no punch */
    unsigned line;                       /* the line at the print position, 1-based */
    bool line_open;                      /* text printed on it, not yet ended */
    bool overprint;                      /* the next text goes over it (CR first) */
    unsigned long lines_printed;
    unsigned long pages;
    bool write_failed;
    struct event device_end;
    uint8_t device_end_status;
};

static const unsigned default_fcb[CHANNELS + 1] = {0, 1, 7, 13, 19, 25, 31, 37, 43, 63, 49, 55, 61};

static void device_end_fired(void *arg)
{
    struct device *dev = arg;
    struct line_printer_state *s = dev->state;
    channel_device_status(dev, s->device_end_status);
}

static bool parse_fcb(struct line_printer_state *s, const char *value, struct error *err)
{
    unsigned lines[CHANNELS + 1] = {0};
    char *copy = strdup(value);
    if (copy == NULL)
        return error_set(err, "out of memory");
    bool pairs = strchr(value, ':') != NULL;
    unsigned index = 1;
    bool ok = true;
    char *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item != NULL && ok; item = strtok_r(NULL, ",", &save)) {
        char *end;
        unsigned long line = strtoul(item, &end, 10);
        unsigned long channel = index;
        if (pairs) {
            if (*end != ':')
                ok = error_set(err, "fcb=%s: '%s' is not LINE:CHANNEL", value, item);
            else
                channel = strtoul(end + 1, &end, 10);
        }
        if (ok && (*end != '\0' || end == item))
            ok = error_set(err, "fcb=%s: '%s' is not a number", value, item);
        else if (ok && (channel < 1 || channel > CHANNELS))
            ok = error_set(err, "fcb=%s: channel %lu is not 1-12", value, channel);
        else if (ok && line > s->lines_per_page)
            ok = error_set(err, "fcb=%s: line %lu is beyond the %u lines of the page", value, line,
                           s->lines_per_page);
        else if (ok && !pairs && index > CHANNELS)
            ok = error_set(err, "fcb=%s: more than 12 channels", value);
        if (ok)
            lines[channel] = (unsigned)line;
        index++;
    }
    free(copy);
    if (ok)
        memcpy(s->channel_line, lines, sizeof lines);
    return ok;
}

static bool configure(struct line_printer_state *s, int argc, char **argv, const char **path, struct error *err)
{
    const char *fcb = NULL;
    *path = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *v;
        if (device_argument_is(a, "crlf"))
            s->crlf = true;
        else if (device_argument_is(a, "noclear"))
            s->noclear = true;
        else if (device_argument_is(a, "fcbcheck"))
            s->fcbcheck = true;
        else if (device_argument_is(a, "nofcbcheck"))
            s->fcbcheck = false;
        else if (device_argument_is(a, "browse") || device_argument_is(a, "print") ||
                 device_argument_is(a, "ascii"))
            continue;
        else if ((v = device_argument_value(a, "lpp")) != NULL) {
            if (!device_argument_number(v, "lpp", 1, MAX_LINES_PER_PAGE, &s->lines_per_page, err))
                return false;
        } else if ((v = device_argument_value(a, "width")) != NULL) {
            if (!device_argument_number(v, "width", 1, MAX_WIDTH, &s->width, err))
                return false;
        } else if ((v = device_argument_value(a, "lpi")) != NULL) {
            unsigned lpi;
            if (!device_argument_number(v, "lpi", 6, 8, &lpi, err))
                return false;
            if (lpi != 6 && lpi != 8)
                return error_set(err, "lpi=%s: expected 6 or 8", v);
        } else if ((v = device_argument_value(a, "fcb")) != NULL)
            fcb = v;
        else if (device_argument_is(a, "rawcc") || device_argument_is(a, "sockdev") ||
                 device_argument_value(a, "index") != NULL)
            return error_set(err, "the printer option '%s' is not supported by vm67", a);
        else if (strchr(a, '=') != NULL || *path != NULL)
            return error_set(err, "unknown printer option '%s'", a);
        else
            *path = a;
    }
    if (*path == NULL)
        return error_set(err, "a printer needs an output file name");
    if (fcb != NULL)
        return parse_fcb(s, fcb, err);
    for (unsigned c = 1; c <= CHANNELS; c++)
        if (s->channel_line[c] > s->lines_per_page)
            s->channel_line[c] = 0;
    return true;
}

static void set_defaults(struct line_printer_state *s, const struct line_printer_model *model)
{
    s->model = model;
    s->width = model->width;
    s->lines_per_page = 66;
    s->fcbcheck = true;
    memcpy(s->channel_line, default_fcb, sizeof s->channel_line);
    s->line = 1;
}

static bool open_file(struct line_printer_state *s, const char *path, struct error *err)
{
    s->path = strdup(path);
    if (s->path == NULL)
        return error_set(err, "out of memory");
    s->file = fopen(path, s->noclear ? "ab" : "wb");
    if (s->file == NULL) {
        error_set(err, "%s: %s", path, strerror(errno));
        free(s->path);
        s->path = NULL;
        return false;
    }
    return true;
}

bool line_printer_attach(struct device *dev, const struct line_printer_model *model, int argc, char **argv,
                         struct error *err)
{
    struct line_printer_state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return error_set(err, "out of memory");
    set_defaults(s, model);
    const char *path;
    if (!configure(s, argc, argv, &path, err) || !open_file(s, path, err)) {
        free(s);
        return false;
    }
    event_init(&s->device_end, device_end_fired, dev);
    dev->state = s;
    dev->sense_length = 1;
    dev->sense[0] = 0;
    return true;
}

static void close_file(struct device *dev, struct line_printer_state *s)
{
    if (s->file != NULL) {
        /* End the last line, so the file ends with a line end. */
        if (s->line_open)
            fputs(s->crlf ? "\r\n" : "\n", s->file);
        if (fclose(s->file) != 0)
            fprintf(stderr, "vm67: printer %03X: %s: %s\n", dev->address, s->path, strerror(errno));
        s->file = NULL;
    }
    free(s->path);
    s->path = NULL;
}

void line_printer_detach(struct device *dev)
{
    struct line_printer_state *s = dev->state;
    event_cancel(dev->events, &s->device_end);
    close_file(dev, s);
    free(s);
    dev->state = NULL;
}

static void put(struct device *dev, struct line_printer_state *s, const char *text, size_t n)
{
    if (s->write_failed || n == 0)
        return;
    if (fwrite(text, 1, n, s->file) != n) {
        s->write_failed = true;
        device_fatal(dev, "printer %03X: %s: %s", dev->address, s->path, strerror(errno));
    }
}

/* One line of carriage motion; true if the new line is punched in channel
 * 9 or 12. */
static bool advance_line(struct device *dev, struct line_printer_state *s, bool *channel9)
{
    put(dev, s, s->crlf ? "\r\n" : "\n", s->crlf ? 2 : 1);
    s->line_open = false;
    s->overprint = false;
    s->line++;
    if (s->line > s->lines_per_page) {
        s->line = 1;
        s->pages++;
        put(dev, s, "\f", 1);
    }
    bool nine = s->channel_line[9] != 0 && s->channel_line[9] == s->line;
    bool twelve = s->channel_line[12] != 0 && s->channel_line[12] == s->line;
    if (nine)
        *channel9 = true;
    return nine || twelve;
}

/* Skip to the next line punched in `channel`: on this page if it is below,
 * else on the next page (a form feed). */
static void skip_to(struct device *dev, struct line_printer_state *s, unsigned channel)
{
    unsigned target = s->channel_line[channel];
    bool unused = false;
    if (target > s->line) {
        while (s->line < target)
            advance_line(dev, s, &unused);
        return;
    }
    if (s->line_open)
        put(dev, s, s->crlf ? "\r\n" : "\n", s->crlf ? 2 : 1);
    s->line_open = false;
    s->overprint = false;
    put(dev, s, "\f", 1);
    s->pages++;
    s->line = 1;
    while (s->line < target)
        advance_line(dev, s, &unused);
}

static void print_text(struct device *dev, struct line_printer_state *s, const uint8_t *data, uint32_t n)
{
    char text[MAX_WIDTH];
    while (n > 0 && (data[n - 1] == 0x40 || data[n - 1] == 0x00))
        n--;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t c = ebcdic_to_ascii_char(data[i]);
        text[i] = (c >= 0x20 && c != 0x7F) ? (char)c : ' ';
    }
    if (s->overprint && n > 0)
        put(dev, s, "\r", 1);
    s->overprint = false;
    put(dev, s, text, n);
    s->line_open = true;
    s->lines_printed++;
}

/* The carriage motion a command asks for; returns the unit exception bit
 * if spacing sensed an overflow punch. */
static uint8_t move_carriage(struct device *dev, struct line_printer_state *s, uint8_t code)
{
    unsigned field = (code >> 3) & 0x0F;
    if (code & 0x80) {
        skip_to(dev, s, field);
        return 0;
    }
    if (field == 0) {
        /* No spacing: what prints next goes over this line. */
        s->overprint = s->line_open;
        return 0;
    }
    bool overflow = false;
    bool channel9 = false;
    for (unsigned i = 0; i < field; i++)
        overflow |= advance_line(dev, s, &channel9);
    if (channel9)
        dev->sense[0] |= s->model->channel9_sense;
    return overflow ? UNIT_EXCEPTION : 0;
}

void line_printer_start(struct device *dev, struct device_command *cmd)
{
    struct line_printer_state *s = dev->state;
    uint8_t code = cmd->code;
    if (code == 0x04) {
        device_answer_sense(dev, cmd);
        return;
    }
    dev->sense[0] = 0;
    unsigned field = (code >> 3) & 0x0F;
    bool skip = (code & 0x80) != 0;
    bool valid_motion = skip ? (field >= 1 && field <= CHANNELS) : field <= 3;
    if (((code & 0x03) != 0x01 && (code & 0x03) != 0x03) || (code & 0x04) || !valid_motion) {
        device_reject_command(dev, cmd);
        dev->sense_length = 1;
        return;
    }
    if (skip && s->channel_line[field] == 0) {
        if (s->fcbcheck) {
            device_reject_command(dev, cmd);
            dev->sense_length = 1;
            return;
        }
        code = (uint8_t)((code & 0x07) | 0x08); /* space one line instead */
    }
    if ((code & 0x03) == 0x01) {
        uint32_t n = cmd->count < s->width ? cmd->count : s->width;
        print_text(dev, s, cmd->data, n);
        uint8_t exception = move_carriage(dev, s, code);
        cmd->length = s->width;
        cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END | exception;
        cmd->delay = LINE_PRINTER_LINE_TIME;
        return;
    }
    if (code == 0x03) {
        cmd->length = 0;
        cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
        cmd->delay = 0;
        return;
    }
    /* Immediate space or skip. */
    uint8_t exception = move_carriage(dev, s, code);
    cmd->length = 0;
    cmd->status = UNIT_CHANNEL_END;
    cmd->delay = 0;
    s->device_end_status = UNIT_DEVICE_END | exception;
    event_schedule(dev->events, &s->device_end, LINE_PRINTER_MOTION_TIME);
}

void line_printer_reset(struct device *dev)
{
    struct line_printer_state *s = dev->state;
    event_cancel(dev->events, &s->device_end);
    dev->sense[0] = 0;
    if (s->file != NULL)
        fflush(s->file);
}

void line_printer_describe(struct device *dev, char *buffer, size_t size)
{
    struct line_printer_state *s = dev->state;
    snprintf(buffer, size, "%s, %lu lines, page %lu line %u", s->path, s->lines_printed, s->pages + 1, s->line);
}

bool line_printer_reinit(struct device *dev, int argc, char **argv, struct error *err)
{
    struct line_printer_state *s = dev->state;
    struct line_printer_state fresh;
    memset(&fresh, 0, sizeof fresh);
    set_defaults(&fresh, s->model);
    const char *path;
    if (!configure(&fresh, argc, argv, &path, err) || !open_file(&fresh, path, err))
        return false;
    event_cancel(dev->events, &s->device_end);
    close_file(dev, s);
    *s = fresh;
    event_init(&s->device_end, device_end_fired, dev);
    return true;
}
