#include "devices/card_deck.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "devices/device_arguments.h"
#include "lib/ebcdic.h"

#define DETECT_BYTES 4096
#define TAB_STOP 8

static bool is_text_byte(int c)
{
    return c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7F);
}

/* The format of one file when neither ebcdic nor ascii was given. */
static enum card_code detect_code(FILE *f, long size)
{
    unsigned char buffer[DETECT_BYTES];
    size_t n = fread(buffer, 1, sizeof buffer, f);
    rewind(f);
    if (n == 0)
        return CARD_CODE_EBCDIC;
    bool newline = false;
    for (size_t i = 0; i < n; i++) {
        if (!is_text_byte(buffer[i]))
            return CARD_CODE_EBCDIC;
        if (buffer[i] == '\n')
            newline = true;
    }
    /* All printable: text if it has line ends or is not a whole number of
     * cards (80 EBCDIC blanks, X'40', would read as "@" otherwise). */
    return (newline || size % CARD_COLUMNS != 0) ? CARD_CODE_ASCII : CARD_CODE_EBCDIC;
}

/* Reads one text line into `line` (without its end); returns its length
 * in columns after tab expansion, or -1 at end of file. Columns beyond 80
 * are counted but not stored. */
static long read_text_line(FILE *f, char line[CARD_COLUMNS], bool *ended_with_newline)
{
    long columns = 0;
    int c;
    bool any = false;
    *ended_with_newline = false;
    while ((c = getc(f)) != EOF) {
        any = true;
        if (c == '\n') {
            *ended_with_newline = true;
            break;
        }
        if (c == '\r') {
            int next = getc(f);
            if (next == '\n') {
                *ended_with_newline = true;
                break;
            }
            if (next != EOF)
                ungetc(next, f);
            continue; /* a lone CR is dropped */
        }
        if (c == '\t') {
            long stop = (columns / TAB_STOP + 1) * TAB_STOP;
            while (columns < stop) {
                if (columns < CARD_COLUMNS)
                    line[columns] = ' ';
                columns++;
            }
            continue;
        }
        if (columns < CARD_COLUMNS)
            line[columns] = (char)c;
        columns++;
    }
    return any ? columns : -1;
}

/* Checks a file as the deck will read it, naming the first bad card. */
static bool check_file(struct card_deck *d, const char *path, struct error *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return error_set(err, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return error_set(err, "%s: not a regular file", path);
    }
    enum card_code code = d->code != CARD_CODE_AUTO ? d->code : detect_code(f, (long)st.st_size);
    bool ok = true;
    if (code == CARD_CODE_EBCDIC) {
        long rest = (long)(st.st_size % CARD_COLUMNS);
        if (rest != 0 && !d->autopad)
            ok = error_set(err,
                           "%s: %lld bytes is not a whole number of 80-byte cards (the last card has %ld "
                           "bytes; the autopad option pads it with blanks)",
                           path, (long long)st.st_size, rest);
    } else {
        char line[CARD_COLUMNS];
        bool newline;
        long columns;
        unsigned long number = 0;
        while ((columns = read_text_line(f, line, &newline)) >= 0) {
            number++;
            if (columns > CARD_COLUMNS && !d->trunc) {
                ok = error_set(err, "%s:%lu: the card has %ld columns, more than 80 (the trunc option cuts it)",
                               path, number, columns);
                break;
            }
        }
        if (ok && ferror(f))
            ok = error_set(err, "%s: %s", path, strerror(errno));
    }
    fclose(f);
    return ok;
}

static bool is_option(struct card_deck *d, const char *arg, bool set)
{
    static const struct {
        const char *name;
        size_t offset;
    } flags[] = {
        {"eof", offsetof(struct card_deck, eof)},
        {"multifile", offsetof(struct card_deck, multifile)},
        {"trunc", offsetof(struct card_deck, trunc)},
        {"autopad", offsetof(struct card_deck, autopad)},
        {"lowercase", offsetof(struct card_deck, lowercase)},
    };
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        if (device_argument_is(arg, flags[i].name)) {
            if (set)
                *(bool *)((char *)d + flags[i].offset) = true;
            return true;
        }
    }
    if (device_argument_is(arg, "intrq")) {
        if (set)
            d->eof = false;
        return true;
    }
    if (device_argument_is(arg, "ebcdic") || device_argument_is(arg, "ascii")) {
        if (set)
            d->code = device_argument_is(arg, "ebcdic") ? CARD_CODE_EBCDIC : CARD_CODE_ASCII;
        return true;
    }
    return false;
}

bool card_deck_load(struct card_deck *d, int argc, char **argv, struct error *err)
{
    memset(d, 0, sizeof *d);
    for (int i = 0; i < argc; i++) {
        if (is_option(d, argv[i], true))
            continue;
        if (device_argument_is(argv[i], "sockdev"))
            return error_set(err, "the sockdev option (a reader fed from a socket) is not supported by vm67");
        if (strchr(argv[i], '=') != NULL)
            return error_set(err, "unknown reader option '%s'", argv[i]);
        if (strcmp(argv[i], "*") == 0)
            continue; /* Hercules's "no medium" */
        char **grown = realloc(d->files, (d->file_count + 1) * sizeof *grown);
        if (grown == NULL)
            return error_set(err, "out of memory");
        d->files = grown;
        d->files[d->file_count] = strdup(argv[i]);
        if (d->files[d->file_count] == NULL)
            return error_set(err, "out of memory");
        d->file_count++;
    }
    for (unsigned i = 0; i < d->file_count; i++) {
        if (!check_file(d, d->files[i], err)) {
            card_deck_unload(d);
            return false;
        }
    }
    return true;
}

void card_deck_unload(struct card_deck *d)
{
    if (d->file != NULL)
        fclose(d->file);
    for (unsigned i = 0; i < d->file_count; i++)
        free(d->files[i]);
    free(d->files);
    memset(d, 0, sizeof *d);
}

bool card_deck_has_cards(const struct card_deck *d)
{
    if (d->next_file < d->file_count)
        return true;
    if (d->file == NULL)
        return false;
    /* The hopper-empty sensing: is anything left in the last file? */
    int c = getc(d->file);
    if (c == EOF)
        return false;
    ungetc(c, d->file);
    return true;
}

static bool open_next_file(struct card_deck *d, struct error *err)
{
    const char *path = d->files[d->next_file++];
    d->file = fopen(path, "rb");
    if (d->file == NULL)
        return error_set(err, "%s: %s", path, strerror(errno));
    struct stat st;
    long size = fstat(fileno(d->file), &st) == 0 ? (long)st.st_size : 0;
    d->file_code = d->code != CARD_CODE_AUTO ? d->code : detect_code(d->file, size);
    d->file_card = 0;
    return true;
}

static const char *current_path(const struct card_deck *d)
{
    return d->next_file > 0 ? d->files[d->next_file - 1] : "(none)";
}

/* Reads the next card of the open file: 1 read, 0 end of file, -1 error. */
static int read_from_file(struct card_deck *d, uint8_t card[CARD_COLUMNS], struct error *err)
{
    if (d->file_code == CARD_CODE_EBCDIC) {
        size_t n = fread(card, 1, CARD_COLUMNS, d->file);
        if (n == 0) {
            if (ferror(d->file)) {
                error_set(err, "%s: card %lu: %s", current_path(d), d->file_card + 1, strerror(errno));
                return -1;
            }
            return 0;
        }
        memset(card + n, 0x40, CARD_COLUMNS - n); /* autopad: blank columns */
        return 1;
    }
    char line[CARD_COLUMNS];
    bool newline;
    long columns = read_text_line(d->file, line, &newline);
    if (columns < 0) {
        if (ferror(d->file)) {
            error_set(err, "%s: line %lu: %s", current_path(d), d->file_card + 1, strerror(errno));
            return -1;
        }
        return 0;
    }
    if (columns > CARD_COLUMNS)
        columns = CARD_COLUMNS;
    memset(line + columns, ' ', CARD_COLUMNS - (size_t)columns);
    for (int i = 0; i < CARD_COLUMNS; i++) {
        unsigned char c = (unsigned char)line[i];
        if (!d->lowercase && c >= 'a' && c <= 'z')
            c = (unsigned char)(c - 'a' + 'A');
        card[i] = ascii_to_ebcdic_char(c);
    }
    return 1;
}

enum card_deck_result card_deck_read(struct card_deck *d, uint8_t card[CARD_COLUMNS], struct error *err)
{
    for (;;) {
        if (d->file == NULL) {
            if (d->next_file >= d->file_count)
                return CARD_DECK_END;
            if (!open_next_file(d, err))
                return CARD_DECK_ERROR;
        }
        int r = read_from_file(d, card, err);
        if (r < 0)
            return CARD_DECK_ERROR;
        if (r > 0) {
            d->file_card++;
            d->cards_read++;
            return CARD_DECK_CARD;
        }
        fclose(d->file);
        d->file = NULL;
        /* Without multifile each file ends with an end of file of its own
         * (unless it is the last: the empty hopper says so anyway). */
        if (!d->multifile && d->next_file < d->file_count)
            return CARD_DECK_END;
    }
}

void card_deck_describe(const struct card_deck *d, char *buffer, size_t size)
{
    if (d->file_count == 0) {
        snprintf(buffer, size, "hopper empty");
        return;
    }
    snprintf(buffer, size, "%s%s, %lu cards read%s%s", d->files[0], d->file_count > 1 ? " ..." : "",
             d->cards_read, card_deck_has_cards(d) ? "" : ", hopper empty", d->eof ? ", eof" : "");
}
