#include "devices/card_output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "devices/device_arguments.h"
#include "lib/ebcdic.h"

bool card_output_option(struct card_output *o, const char *arg)
{
    if (device_argument_is(arg, "ascii"))
        o->ascii = true;
    else if (device_argument_is(arg, "ebcdic"))
        o->ascii = false;
    else if (device_argument_is(arg, "crlf"))
        o->crlf = true;
    else if (device_argument_is(arg, "noclear"))
        o->noclear = true;
    else
        return false;
    return true;
}

bool card_output_open(struct card_output *o, const char *path, struct error *err)
{
    o->path = strdup(path);
    if (o->path == NULL)
        return error_set(err, "out of memory");
    o->file = fopen(path, o->noclear ? "ab" : "wb");
    if (o->file == NULL) {
        error_set(err, "%s: %s", path, strerror(errno));
        free(o->path);
        o->path = NULL;
        return false;
    }
    o->cards = 0;
    o->bytes = 0;
    if (o->noclear) {
        long at = fseek(o->file, 0, SEEK_END) == 0 ? ftell(o->file) : 0;
        o->bytes = at > 0 ? (unsigned long long)at : 0;
    }
    return true;
}

bool card_output_punch(struct card_output *o, const uint8_t card[80], struct error *err)
{
    size_t written;
    size_t expected;
    if (o->ascii) {
        char line[82];
        int n = 80;
        while (n > 0 && card[n - 1] == 0x40)
            n--;
        for (int i = 0; i < n; i++)
            line[i] = (char)ebcdic_to_ascii_char(card[i]);
        size_t len = (size_t)n;
        if (o->crlf)
            line[len++] = '\r';
        line[len++] = '\n';
        expected = len;
        written = fwrite(line, 1, len, o->file);
    } else {
        expected = 80;
        written = fwrite(card, 1, 80, o->file);
    }
    /* Each card reaches the file before the punch reports it done, so a
     * failing write (a full disk) is the card that failed, and the guest
     * sees it on that card. */
    if (written != expected || fflush(o->file) != 0)
        return error_set(err, "%s: card %lu (byte offset %llu): %s", o->path, o->cards + 1,
                         (unsigned long long)o->bytes, strerror(errno));
    o->bytes += expected;
    o->cards++;
    return true;
}

bool card_output_close(struct card_output *o, struct error *err)
{
    bool ok = true;
    if (o->file != NULL) {
        if (fclose(o->file) != 0)
            ok = error_set(err, "%s: %s", o->path, strerror(errno));
        o->file = NULL;
    }
    free(o->path);
    o->path = NULL;
    return ok;
}
