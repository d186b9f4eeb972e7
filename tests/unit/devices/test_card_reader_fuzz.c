/* A deterministic fuzz of the card readers (the 2540 reader, configured
 * also as 3505 and 2501, and the 1442 read punch) against a model of the
 * deck rules of devices/card_deck.h and vm67.conf(5):
 *
 *   - EBCDIC decks are 80-byte card images; a file that is not a whole
 *     number of cards is refused, naming the file, the card and its byte
 *     offset, unless autopad pads the last card with blanks (X'40').
 *   - Text decks: LF and CR LF end a line; a lone CR is dropped; a tab
 *     advances to the next multiple of 8 columns; every other byte (NUL
 *     and Latin-1 included) is a column, translated to code page 037; lower
 *     case a-z is folded unless lowercase; a line is padded with blanks; a
 *     line of more than 80 columns is refused, naming file and line,
 *     unless trunc.
 *   - Neither ebcdic nor ascii: a file is text when its first 4096 bytes
 *     are printable ASCII, tab, CR or LF and it has a line end there or is
 *     not a whole number of cards; an empty file is EBCDIC (no cards).
 *   - Files follow each other; without multifile each file but the last
 *     ends with an end of file of its own. An empty hopper is unit
 *     exception with eof, unit check with intervention required without.
 *   - devinit loads a new deck (or is refused, keeping the old one); a
 *     reader that had no card left and now has one presents device end.
 *
 * Random decks (random bytes, card images cut short, text with mixed line
 * ends, tabs, NULs, overlong and empty lines) with random options are
 * attached, then driven by random reads (any count, with and without
 * SLI), feeds, no-ops, senses and devinits. Every CSW, every byte stored
 * and every refusal's message is checked against the model. Then the
 * cases a random deck does not reach: huge decks and lines, a file that
 * changes or goes away after it was loaded, a FIFO, and punch and printer
 * files that cannot be written. This test runs in the sanitizer build
 * too. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devices/device.h"
#include "lib/ebcdic.h"
#include "tests/unit/devices/io_test_support.h"

#define CSW(key, address, unit, channel, count)                                                       \
    (((uint64_t)(key) << 60) | ((uint64_t)(address) << 32) | ((uint64_t)(unit) << 24) |               \
     ((uint64_t)(channel) << 16) | (uint64_t)(count))
#define CE_DE (UNIT_CHANNEL_END | UNIT_DEVICE_END)

#define DECKS 400
#define STEPS_PER_DECK 40
#define MAX_FILES 3
#define BUFFER 0x200
#define BUFFER_SPAN 130
#define UNTOUCHED 0xEE
#define READER 0x00C

/* ---- Random numbers: xorshift64*, the same sequence on every host. */

static uint64_t rng_state;

static uint32_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

static uint32_t rng_below(uint32_t n)
{
    return n == 0 ? 0 : rng() % n;
}

static bool rng_chance(uint32_t percent)
{
    return rng_below(100) < percent;
}

/* ---- Files made by the test (removed at the end). */

static char *made[4096];
static unsigned made_count;

static char *remember(char *path)
{
    ck_assert_uint_lt(made_count, sizeof made / sizeof made[0]);
    made[made_count++] = path;
    return path;
}

static void remove_made_files(void)
{
    for (unsigned i = 0; i < made_count; i++) {
        unlink(made[i]);
        free(made[i]);
    }
    made_count = 0;
}

/* ---- The model of a deck. */

enum model_code { MODEL_AUTO, MODEL_EBCDIC, MODEL_ASCII };

struct model_options {
    enum model_code code;
    bool trunc, autopad, lowercase, eof, multifile;
};

struct model_file {
    const char *path;
    uint8_t (*cards)[80];
    size_t count;
};

static bool model_text_byte(uint8_t c)
{
    return c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7F);
}

static enum model_code model_detect(const uint8_t *bytes, size_t n)
{
    if (n == 0)
        return MODEL_EBCDIC;
    size_t look = n < 4096 ? n : 4096;
    bool line_end = false;
    for (size_t i = 0; i < look; i++) {
        if (!model_text_byte(bytes[i]))
            return MODEL_EBCDIC;
        line_end |= bytes[i] == '\n';
    }
    return (line_end || n % 80 != 0) ? MODEL_ASCII : MODEL_EBCDIC;
}

static void model_add_card(struct model_file *f, const uint8_t card[80])
{
    f->cards = realloc(f->cards, (f->count + 1) * sizeof *f->cards);
    ck_assert_ptr_nonnull(f->cards);
    memcpy(f->cards[f->count++], card, 80);
}

/* The cards of one file under the options, or false with the refusal's
 * message (as the deck gives it, without the device prefix). */
static bool model_file_cards(const uint8_t *bytes, size_t n, const char *path, const struct model_options *o,
                             struct model_file *f, char *message, size_t size)
{
    memset(f, 0, sizeof *f);
    f->path = path;
    enum model_code code = o->code == MODEL_AUTO ? model_detect(bytes, n) : o->code;
    if (code == MODEL_EBCDIC) {
        if (n % 80 != 0 && !o->autopad) {
            snprintf(message, size,
                     "%s: card %zu (byte offset %zu): %zu bytes is not a whole number of 80-byte cards (the last "
                     "card has %zu bytes; the autopad option pads it with blanks)",
                     path, n / 80 + 1, n / 80 * 80, n, n % 80);
            return false;
        }
        for (size_t at = 0; at < n; at += 80) {
            uint8_t card[80];
            memset(card, 0x40, 80);
            memcpy(card, bytes + at, n - at < 80 ? n - at : 80);
            model_add_card(f, card);
        }
        return true;
    }
    size_t i = 0;
    unsigned long line_number = 0;
    for (;;) {
        uint8_t line[80];
        size_t columns = 0;
        bool any = false;
        while (i < n) {
            uint8_t c = bytes[i++];
            if (c == '\n') {
                any = true;
                break;
            }
            if (c == '\r') {
                if (i < n && bytes[i] == '\n') {
                    i++;
                    any = true;
                    break;
                }
                continue; /* dropped */
            }
            any = true;
            if (c == '\t') {
                size_t stop = (columns / 8 + 1) * 8;
                for (; columns < stop; columns++)
                    if (columns < 80)
                        line[columns] = ' ';
                continue;
            }
            if (columns < 80)
                line[columns] = c;
            columns++;
        }
        if (!any)
            return true;
        line_number++;
        if (columns > 80 && !o->trunc) {
            snprintf(message, size, "%s:%lu: the card has %zu columns, more than 80 (the trunc option cuts it)",
                     path, line_number, columns);
            return false;
        }
        uint8_t card[80];
        for (size_t k = 0; k < 80; k++) {
            uint8_t c = k < columns ? line[k] : ' ';
            if (!o->lowercase && c >= 'a' && c <= 'z')
                c = (uint8_t)(c - 'a' + 'A');
            card[k] = ascii_to_ebcdic_char(c);
        }
        model_add_card(f, card);
    }
}

/* The reader as the model sees it: the files, which is open, where. */
struct model_reader {
    struct model_options options;
    struct model_file files[MAX_FILES];
    unsigned file_count;
    unsigned next_file;
    int open_file; /* -1: none */
    size_t next_card;
};

static void model_reader_free(struct model_reader *m)
{
    for (unsigned i = 0; i < m->file_count; i++)
        free(m->files[i].cards);
    memset(m, 0, sizeof *m);
}

/* True: a card (in `card`); false: the hopper is empty or a file ended. */
static bool model_read(struct model_reader *m, uint8_t card[80])
{
    for (;;) {
        if (m->open_file < 0) {
            if (m->next_file >= m->file_count)
                return false;
            m->open_file = (int)m->next_file++;
            m->next_card = 0;
        }
        struct model_file *f = &m->files[m->open_file];
        if (m->next_card < f->count) {
            memcpy(card, f->cards[m->next_card++], 80);
            return true;
        }
        m->open_file = -1;
        if (!m->options.multifile && m->next_file < m->file_count)
            return false;
    }
}

static bool model_ready(const struct model_reader *m)
{
    return m->next_file < m->file_count ||
           (m->open_file >= 0 && m->next_card < m->files[m->open_file].count);
}

/* ---- Random decks. */

struct deck_bytes {
    uint8_t *p;
    size_t n;
};

static void put_byte(struct deck_bytes *d, uint8_t c)
{
    d->p = realloc(d->p, d->n + 1);
    ck_assert_ptr_nonnull(d->p);
    d->p[d->n++] = c;
}

static uint8_t random_text_byte(void)
{
    uint32_t r = rng_below(100);
    if (r < 70)
        return (uint8_t)(0x20 + rng_below(0x5F)); /* printable ASCII */
    if (r < 80)
        return (uint8_t)('a' + rng_below(26));
    if (r < 86)
        return '\t';
    if (r < 90)
        return '\r'; /* a lone CR (or the start of CR LF) */
    if (r < 94)
        return 0x00;
    return (uint8_t)(0x80 + rng_below(0x80)); /* Latin-1 */
}

static struct deck_bytes random_deck(void)
{
    struct deck_bytes d = {NULL, 0};
    switch (rng_below(5)) {
    case 0: /* anything at all */
        for (uint32_t i = rng_below(400); i > 0; i--)
            put_byte(&d, (uint8_t)rng());
        break;
    case 1: { /* card images, sometimes cut short or with a tail */
        uint32_t cards = rng_below(6);
        for (uint32_t i = 0; i < cards * 80; i++)
            put_byte(&d, (uint8_t)rng());
        if (rng_chance(40) && d.n > 0)
            d.n -= 1 + rng_below((uint32_t)(d.n < 79 ? d.n : 79));
        else if (rng_chance(30))
            for (uint32_t i = 1 + rng_below(79); i > 0; i--)
                put_byte(&d, (uint8_t)rng());
        break;
    }
    case 2: /* printable card images without line ends (EBCDIC when whole cards) */
        for (uint32_t i = (rng_below(4)) * 80 + (rng_chance(50) ? 0 : rng_below(80)); i > 0; i--)
            put_byte(&d, (uint8_t)(0x20 + rng_below(0x5F)));
        break;
    default: { /* text: lines of any length, any line end */
        uint32_t lines = rng_below(12);
        for (uint32_t l = 0; l < lines; l++) {
            uint32_t length = rng_chance(15) ? 70 + rng_below(40) : rng_below(60);
            if (rng_chance(10))
                length = 0; /* an empty line */
            for (uint32_t i = 0; i < length; i++)
                put_byte(&d, random_text_byte());
            switch (rng_below(5)) {
            case 0:
                put_byte(&d, '\r');
                put_byte(&d, '\n');
                break;
            case 1:
                put_byte(&d, '\r');
                put_byte(&d, '\r');
                put_byte(&d, '\n');
                break;
            case 2:
                if (l + 1 == lines)
                    break; /* the last line without a line end */
                /* fall through */
            default:
                put_byte(&d, '\n');
                break;
            }
        }
        if (rng_chance(15)) /* lone CRs after the last line: dropped, no card */
            for (uint32_t i = 1 + rng_below(2); i > 0; i--)
                put_byte(&d, '\r');
        break;
    }
    }
    return d;
}

static struct model_options random_options(void)
{
    struct model_options o = {
        .code = (enum model_code)rng_below(3),
        .trunc = rng_chance(30),
        .autopad = rng_chance(30),
        .lowercase = rng_chance(20),
        .eof = rng_chance(60),
        .multifile = rng_chance(30),
    };
    return o;
}

/* Builds the arguments of a reader (files then options) in argv. */
static int reader_arguments(const struct model_options *o, char **files, unsigned file_count, char **argv)
{
    int argc = 0;
    for (unsigned i = 0; i < file_count; i++)
        argv[argc++] = files[i];
    if (o->code == MODEL_EBCDIC)
        argv[argc++] = "ebcdic";
    if (o->code == MODEL_ASCII)
        argv[argc++] = "ascii";
    if (o->trunc)
        argv[argc++] = "trunc";
    if (o->autopad)
        argv[argc++] = "autopad";
    if (o->lowercase)
        argv[argc++] = "lowercase";
    argv[argc++] = o->eof ? "eof" : "intrq";
    if (o->multifile)
        argv[argc++] = "multifile";
    return argc;
}

/* A random deck of 1 to 3 files (one of them missing now and then) and
 * its model; false with the expected refusal when the deck is bad. */
static bool random_reader_deck(struct model_reader *m, char **argv, int *argc, char *message, size_t size)
{
    memset(m, 0, sizeof *m);
    m->open_file = -1;
    m->options = random_options();
    char *files[MAX_FILES];
    unsigned count = 1 + rng_below(MAX_FILES);
    bool ok = true;
    for (unsigned i = 0; i < count; i++) {
        if (rng_chance(3)) {
            files[i] = "/nonexistent-vm67-directory/deck.jcl";
            if (ok)
                snprintf(message, size, "%s: No such file or directory", files[i]);
            ok = false;
            m->files[i].path = files[i];
            continue;
        }
        struct deck_bytes d = random_deck();
        files[i] = remember(io_test_file(d.p, d.n));
        if (!model_file_cards(d.p, d.n, files[i], &m->options, &m->files[i], message, ok ? size : 0) && ok)
            ok = false;
        free(d.p);
    }
    m->file_count = count;
    *argc = reader_arguments(&m->options, files, count, argv);
    return ok;
}

/* ---- Driving the reader. */

static struct io_rig rig;

struct reader_type {
    const char *name;     /* as configured */
    const char *canonical;
    uint8_t reads[3];
    uint8_t feeds[3];
};

static const struct reader_type reader_types[] = {
    {"2540R", "2540R", {0x02, 0x42, 0x82}, {0x23, 0x63, 0xA3}},
    {"3505", "2540R", {0x02, 0x42, 0x82}, {0x23, 0x63, 0xA3}},
    {"2501", "2540R", {0x02, 0x42, 0x82}, {0x23, 0x63, 0xA3}},
    {"1442", "1442", {0x02, 0x42, 0x02}, {0x83, 0xC3, 0x83}},
};

static void expect_sense(uint8_t sense)
{
    rig.cpu.storage.bytes[0x300] = 0xEE;
    ck_assert_int_eq(io_rig_command_wait(&rig, READER, 0x04, 0x300, 0, 1), 0);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    ck_assert_msg(rig.cpu.storage.bytes[0x300] == sense, "sense %02X, expected %02X",
                  rig.cpu.storage.bytes[0x300], sense);
}

static bool step_read(struct model_reader *m, const struct reader_type *t)
{
    uint8_t code = t->reads[rng_below(3)];
    uint16_t count = rng_chance(60) ? 80 : (uint16_t)(1 + rng_below(120));
    uint8_t flags = rng_chance(40) ? CCW_SUPPRESS_LENGTH : 0;
    memset(rig.cpu.storage.bytes + BUFFER, UNTOUCHED, BUFFER_SPAN);
    uint8_t card[80];
    bool has_card = model_read(m, card);
    int cc = io_rig_command(&rig, READER, code, BUFFER, flags, count);
    if (has_card) {
        ck_assert_int_eq(cc, 0);
        io_rig_settle(&rig);
        ck_assert_int_eq(io_rig_accept(&rig), READER);
        uint16_t moved = count < 80 ? count : 80;
        uint8_t channel = (count != 80 && !(flags & CCW_SUPPRESS_LENGTH)) ? CHANNEL_INCORRECT_LENGTH : 0;
        io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, channel, count - moved));
        ck_assert_mem_eq(rig.cpu.storage.bytes + BUFFER, card, moved);
        for (unsigned i = moved; i < BUFFER_SPAN; i++)
            ck_assert_uint_eq(rig.cpu.storage.bytes[BUFFER + i], UNTOUCHED);
        return true;
    }
    /* Hopper empty (or a file's end): nothing transferred, status at once. */
    ck_assert_int_eq(cc, 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | (m->options.eof ? UNIT_EXCEPTION : UNIT_CHECK), 0, count));
    for (unsigned i = 0; i < BUFFER_SPAN; i++)
        ck_assert_uint_eq(rig.cpu.storage.bytes[BUFFER + i], UNTOUCHED);
    expect_sense(m->options.eof ? 0x00 : SENSE_INTERVENTION_REQUIRED);
    return false;
}

static void step_feed(struct model_reader *m, const struct reader_type *t)
{
    uint8_t code = t->feeds[rng_below(3)];
    uint16_t count = (uint16_t)(1 + rng_below(80));
    uint8_t card[80];
    bool has_card = model_read(m, card);
    int cc = io_rig_command(&rig, READER, code, BUFFER, 0, count);
    ck_assert_int_eq(cc, 1);
    if (has_card) {
        io_rig_assert_csw(&rig, CSW(0, 0x108, UNIT_CHANNEL_END, 0, count));
        io_rig_settle(&rig);
        ck_assert_int_eq(io_rig_accept(&rig), READER);
        io_rig_assert_csw(&rig, CSW(0, 0, UNIT_DEVICE_END, 0, 0));
        return;
    }
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | (m->options.eof ? UNIT_EXCEPTION : UNIT_CHECK), 0, count));
    expect_sense(m->options.eof ? 0x00 : SENSE_INTERVENTION_REQUIRED);
}

static void step_nop(void)
{
    ck_assert_int_eq(io_rig_command(&rig, READER, 0x03, BUFFER, 0, 1), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 1));
}

static bool step_devinit(struct model_reader *m, const struct reader_type *t)
{
    struct model_reader fresh;
    char *argv[16];
    int argc;
    char message[1024] = "";
    bool ok = random_reader_deck(&fresh, argv, &argc, message, sizeof message);
    struct error err;
    bool done = channel_reinit(&rig.cs, READER, argc, argv, &err);
    if (!ok) {
        ck_assert(!done);
        char want[1200];
        snprintf(want, sizeof want, "device %03X (%s): %s", READER, t->canonical, message);
        ck_assert_str_eq(err.message, want);
        ck_assert_int_eq(io_rig_accept(&rig), -1);
        model_reader_free(&fresh);
        return false;
    }
    ck_assert_msg(done, "devinit refused: %s", err.message);
    bool was_ready = model_ready(m);
    model_reader_free(m);
    *m = fresh;
    if (!was_ready && model_ready(m)) {
        /* Not ready to ready: device end. */
        ck_assert_int_eq(io_rig_accept(&rig), READER);
        io_rig_assert_csw(&rig, CSW(0, 0, UNIT_DEVICE_END, 0, 0));
        return true;
    }
    ck_assert_int_eq(io_rig_accept(&rig), -1);
    return false;
}

START_TEST(test_random_decks_read_exactly_as_the_deck_rules_say_and_bad_ones_are_refused_with_their_location)
{
    rng_state = 0x9E3779B97F4A7C15ull;
    unsigned attached = 0, refused = 0, cards = 0, ends = 0, device_ends = 0;
    for (unsigned deck = 0; deck < DECKS; deck++) {
        io_rig_init(&rig);
        const struct reader_type *t = &reader_types[rng_below(4)];
        struct model_reader m;
        char *argv[16];
        int argc;
        char message[1024] = "";
        bool ok = random_reader_deck(&m, argv, &argc, message, sizeof message);
        struct error err;
        bool done = io_rig_try_attach(&rig, READER, t->name, argv, argc, &err);
        if (!ok) {
            ck_assert_msg(!done, "deck %u: a bad deck was accepted", deck);
            char want[1200];
            snprintf(want, sizeof want, "device %03X (%s): %s", READER, t->canonical, message);
            ck_assert_str_eq(err.message, want);
            refused++;
        } else {
            ck_assert_msg(done, "deck %u refused: %s", deck, err.message);
            attached++;
            for (unsigned step = 0; step < STEPS_PER_DECK; step++) {
                uint32_t r = rng_below(100);
                if (r < 70) {
                    if (step_read(&m, t))
                        cards++;
                    else
                        ends++;
                } else if (r < 82) {
                    step_feed(&m, t);
                } else if (r < 88) {
                    step_nop();
                } else if (step_devinit(&m, t)) {
                    device_ends++;
                }
            }
        }
        ck_assert_uint_eq(rig.fatal_count, 0);
        model_reader_free(&m);
        io_rig_free(&rig);
        remove_made_files();
    }
    /* The generator reaches both sides. */
    ck_assert_uint_gt(attached, DECKS / 3);
    ck_assert_uint_gt(refused, DECKS / 10);
    ck_assert_uint_gt(cards, DECKS * 2);
    ck_assert_uint_gt(ends, DECKS * 2);
    ck_assert_uint_gt(device_ends, DECKS / 20);
}
END_TEST

/* ---- What a random deck does not reach. */

static uint8_t *mem(uint32_t address)
{
    return rig.cpu.storage.bytes + address;
}

static void setup(void)
{
    io_rig_init(&rig);
}

static void teardown(void)
{
    io_rig_free(&rig);
    remove_made_files();
}

static char *made_file(const void *bytes, size_t n)
{
    return remember(io_test_file(bytes, n));
}

static void rewrite_file(const char *path, const void *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(bytes, 1, n, f), n);
    ck_assert_int_eq(fclose(f), 0);
}

static void assert_read_card(uint16_t address, const uint8_t want[80])
{
    ck_assert_int_eq(io_rig_command_wait(&rig, address, 0x02, BUFFER, 0, 80), 0);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    ck_assert_mem_eq(mem(BUFFER), want, 80);
}

static void assert_read_text(uint16_t address, const char *text)
{
    uint8_t want[80];
    memset(want, 0x40, 80);
    ascii_to_ebcdic(want, (const uint8_t *)text, strlen(text));
    assert_read_card(address, want);
}

/* A host failure on a read: unit check, equipment check, the run ended
 * with `message`. */
static void assert_read_fails(uint16_t address, const char *message)
{
    ck_assert_int_eq(io_rig_command(&rig, address, 0x02, BUFFER, 0, 80), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_CHECK, 0, 80));
    ck_assert_uint_eq(rig.fatal_count, 1);
    ck_assert_str_eq(rig.fatal_message, message);
    io_rig_command_wait(&rig, address, 0x04, 0x300, 0, 1);
    ck_assert_uint_eq(mem(0x300)[0], SENSE_EQUIPMENT_CHECK);
}

START_TEST(test_huge_ebcdic_deck_of_50000_cards_reads_every_card_in_order)
{
    enum { CARDS = 50000 };
    uint8_t *deck = malloc((size_t)CARDS * 80);
    ck_assert_ptr_nonnull(deck);
    for (uint32_t i = 0; i < CARDS; i++) {
        uint8_t *card = deck + (size_t)i * 80;
        memset(card, (uint8_t)(i * 7), 80);
        card[0] = (uint8_t)(i >> 24);
        card[1] = (uint8_t)(i >> 16);
        card[2] = (uint8_t)(i >> 8);
        card[3] = (uint8_t)i;
    }
    char *path = made_file(deck, (size_t)CARDS * 80);
    io_rig_attach(&rig, READER, "3505", path, "eof", NULL); /* detected: EBCDIC */
    for (uint32_t i = 0; i < CARDS; i++) {
        ck_assert_int_eq(io_rig_command_wait(&rig, READER, 0x02, BUFFER, 0, 80), 0);
        ck_assert_mem_eq(mem(BUFFER), deck + (size_t)i * 80, 80);
    }
    ck_assert_int_eq(io_rig_command(&rig, READER, 0x02, BUFFER, 0, 80), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_EXCEPTION, 0, 80));
    free(deck);
}
END_TEST

START_TEST(test_line_of_three_million_columns_is_refused_naming_its_line_or_cut_with_trunc)
{
    size_t n = 3 + 3000000 + 1 + 5;
    char *text = malloc(n);
    ck_assert_ptr_nonnull(text);
    memcpy(text, "OK\n", 3);
    memset(text + 3, 'x', 3000000);
    memcpy(text + 3 + 3000000, "\nLAST\n", 6);
    char *path = made_file(text, n + 1 - 1);
    free(text);
    struct error err;
    char *argv[] = {path, "ascii"};
    ck_assert(!io_rig_try_attach(&rig, READER, "2540R", argv, 2, &err));
    char want[512];
    snprintf(want, sizeof want,
             "device 00C (2540R): %s:2: the card has 3000000 columns, more than 80 (the trunc option cuts it)", path);
    ck_assert_str_eq(err.message, want);
    char *argv2[] = {path, "trunc"}; /* detected: text */
    ck_assert_msg(io_rig_try_attach(&rig, READER, "2540R", argv2, 2, &err), "%s", err.message);
    assert_read_text(READER, "OK");
    assert_read_text(READER, "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
    assert_read_text(READER, "LAST");
}
END_TEST

START_TEST(test_file_beyond_4_gigabytes_not_whole_cards_names_card_and_byte_offset_in_64_bits)
{
    char *path = remember(io_test_file_name());
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    /* A sparse file: 5 GiB and 7 bytes, all zeros (EBCDIC when detected). */
    ck_assert_int_eq(ftruncate(fd, 5368709127LL), 0);
    close(fd);
    struct error err;
    char *argv[] = {path};
    ck_assert(!io_rig_try_attach(&rig, READER, "2540R", argv, 1, &err));
    char want[512];
    snprintf(want, sizeof want,
             "device 00C (2540R): %s: card 67108865 (byte offset 5368709120): 5368709127 bytes is not a whole "
             "number of 80-byte cards (the last card has 7 bytes; the autopad option pads it with blanks)",
             path);
    ck_assert_str_eq(err.message, want);
}
END_TEST

START_TEST(test_file_cut_short_after_loading_is_an_error_naming_card_and_offset_never_padded)
{
    uint8_t cards[240];
    memset(cards, 0xC1, sizeof cards);
    char *path = made_file(cards, sizeof cards);
    io_rig_attach(&rig, READER, "2540R", path, "ebcdic", NULL);
    rewrite_file(path, cards, 200); /* the third card is 40 bytes now */
    assert_read_card(READER, cards);
    assert_read_card(READER, cards);
    char want[512];
    snprintf(want, sizeof want,
             "card reader 00C: %s: card 3 (byte offset 160) has only 40 bytes: the file is no longer a whole "
             "number of 80-byte cards (it changed after the deck was loaded)",
             path);
    assert_read_fails(READER, want);
}
END_TEST

START_TEST(test_short_last_card_with_autopad_is_padded_with_blanks)
{
    uint8_t cards[83];
    memset(cards, 0xF1, sizeof cards);
    char *path = made_file(cards, sizeof cards);
    io_rig_attach(&rig, READER, "2540R", path, "ebcdic", "autopad", "eof", NULL);
    assert_read_card(READER, cards);
    uint8_t last[80];
    memset(last, 0x40, 80);
    memset(last, 0xF1, 3);
    assert_read_card(READER, last);
    ck_assert_int_eq(io_rig_command(&rig, READER, 0x02, BUFFER, 0, 80), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_EXCEPTION, 0, 80));
}
END_TEST

START_TEST(test_text_line_grown_past_80_columns_after_loading_is_an_error_naming_the_line)
{
    char *path = made_file("A\nB\n", 4);
    io_rig_attach(&rig, READER, "1442", path, "ascii", NULL);
    char text[110];
    memcpy(text, "A\n", 2);
    memset(text + 2, 'b', 100);
    text[102] = '\n';
    rewrite_file(path, text, 103);
    assert_read_text(READER, "A");
    char want[512];
    snprintf(want, sizeof want,
             "card reader 00C: %s:2: the card has 100 columns, more than 80 (the file changed after the deck was "
             "loaded; the trunc option cuts it)",
             path);
    assert_read_fails(READER, want);
}
END_TEST

START_TEST(test_file_removed_after_loading_is_an_error_naming_the_file)
{
    char *first = made_file("ONE\n", 4);
    char *second = made_file("TWO\n", 4);
    io_rig_attach(&rig, READER, "2540R", first, second, "ascii", "multifile", NULL);
    unlink(second);
    assert_read_text(READER, "ONE");
    char want[512];
    snprintf(want, sizeof want, "card reader 00C: %s: No such file or directory", second);
    assert_read_fails(READER, want);
}
END_TEST

START_TEST(test_fifo_or_directory_as_a_deck_is_refused_at_once_not_waited_for)
{
    char *fifo = remember(io_test_file_name());
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    struct error err;
    char *argv[] = {fifo, "ascii"};
    ck_assert(!io_rig_try_attach(&rig, READER, "2540R", argv, 2, &err));
    char want[512];
    snprintf(want, sizeof want, "device 00C (2540R): %s: not a regular file", fifo);
    ck_assert_str_eq(err.message, want);
    char *argv2[] = {"/tmp"};
    ck_assert(!io_rig_try_attach(&rig, READER, "2540R", argv2, 1, &err));
    ck_assert_str_eq(err.message, "device 00C (2540R): /tmp: not a regular file");
    /* devinit onto it: refused, the old deck stays. */
    io_rig_attach(&rig, READER, "2540R", made_file("KEPT\n", 5), NULL);
    ck_assert(!channel_reinit(&rig.cs, READER, 2, argv, &err));
    ck_assert_str_eq(err.message, want);
    assert_read_text(READER, "KEPT");
}
END_TEST

START_TEST(test_devinit_onto_a_missing_file_keeps_the_old_deck_and_names_the_file)
{
    io_rig_attach(&rig, 0x00A, "1442", made_file("FIRST\nSECOND\n", 13), "eof", NULL);
    assert_read_text(0x00A, "FIRST");
    struct error err;
    char *argv[] = {"/nonexistent-vm67-directory/next.jcl", "ascii", "eof"};
    ck_assert(!channel_reinit(&rig.cs, 0x00A, 3, argv, &err));
    ck_assert_str_eq(err.message,
                     "device 00A (1442): /nonexistent-vm67-directory/next.jcl: No such file or directory");
    ck_assert_int_eq(io_rig_accept(&rig), -1);
    assert_read_text(0x00A, "SECOND");
    ck_assert_int_eq(io_rig_command(&rig, 0x00A, 0x02, BUFFER, 0, 80), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_EXCEPTION, 0, 80));
}
END_TEST

/* Hopper sensing looks for a card, not a byte: lone CRs after the last
 * line are no card, so the reader is empty and a new deck makes it ready. */
START_TEST(test_devinit_after_a_text_deck_ending_in_lone_crs_presents_device_end)
{
    io_rig_attach(&rig, READER, "2540R", made_file("A\n\r\r", 4), "ascii", "eof", NULL);
    assert_read_text(READER, "A");
    struct error err;
    char *argv[] = {made_file("B\n", 2), "ascii", "eof"};
    ck_assert_msg(channel_reinit(&rig.cs, READER, 3, argv, &err), "%s", err.message);
    ck_assert_int_eq(io_rig_accept(&rig), READER);
    io_rig_assert_csw(&rig, CSW(0, 0, UNIT_DEVICE_END, 0, 0));
    assert_read_text(READER, "B");
}
END_TEST

START_TEST(test_punch_and_printer_files_that_cannot_be_opened_are_refused_naming_the_file)
{
    static const char *const types[] = {"2540P", "3525", "1442N2", "1403", "3211", "1443"};
    static const char *const canonical[] = {"2540P", "2540P", "1442N2", "1403", "1403", "1443"};
    struct error err;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        char *missing[] = {"/nonexistent-vm67-directory/out.txt"};
        ck_assert(!io_rig_try_attach(&rig, 0x00D, types[i], missing, 1, &err));
        char want[256];
        snprintf(want, sizeof want, "device 00D (%s): /nonexistent-vm67-directory/out.txt: No such file or directory",
                 canonical[i]);
        ck_assert_str_eq(err.message, want);
        char *directory[] = {"/tmp"};
        ck_assert(!io_rig_try_attach(&rig, 0x00D, types[i], directory, 1, &err));
        snprintf(want, sizeof want, "device 00D (%s): /tmp: Is a directory", canonical[i]);
        ck_assert_str_eq(err.message, want);
    }
    char *argv[] = {made_file("CARD\n", 5), "punch=/nonexistent-vm67-directory/punch.txt"};
    ck_assert(!io_rig_try_attach(&rig, 0x00A, "1442", argv, 2, &err));
    ck_assert_str_eq(err.message,
                     "device 00A (1442): /nonexistent-vm67-directory/punch.txt: No such file or directory");
}
END_TEST

START_TEST(test_punch_devinit_onto_an_unwritable_path_keeps_the_old_file)
{
    char *out = remember(io_test_file_name());
    io_rig_attach(&rig, 0x00D, "2540P", out, "ascii", NULL);
    struct error err;
    char *argv[] = {"/nonexistent-vm67-directory/new.txt", "ascii"};
    ck_assert(!channel_reinit(&rig.cs, 0x00D, 2, argv, &err));
    ck_assert_str_eq(err.message,
                     "device 00D (2540P): /nonexistent-vm67-directory/new.txt: No such file or directory");
    memset(mem(BUFFER), 0x40, 80);
    ascii_to_ebcdic(mem(BUFFER), (const uint8_t *)"STILL HERE", 10);
    ck_assert_int_eq(io_rig_command_wait(&rig, 0x00D, 0x01, BUFFER, 0, 80), 0);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    size_t n;
    char *text = io_test_read_file(out, &n);
    ck_assert_str_eq(text, "STILL HERE\n");
    free(text);
}
END_TEST

/* /dev/full takes the open and fails every write with ENOSPC: a disk that
 * filled up. */
START_TEST(test_punch_on_a_full_disk_is_unit_check_equipment_check_on_the_card_that_failed)
{
    ck_assert_msg(access("/dev/full", W_OK) == 0, "this test needs /dev/full (Linux)");
    io_rig_attach(&rig, 0x00D, "2540P", "/dev/full", NULL);
    memset(mem(BUFFER), 0xC1, 80);
    ck_assert_int_eq(io_rig_command(&rig, 0x00D, 0x01, BUFFER, 0, 80), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_CHECK, 0, 80));
    ck_assert_uint_eq(rig.fatal_count, 1);
    ck_assert_str_eq(rig.fatal_message, "card punch 00D: /dev/full: card 1 (byte offset 0): No space left on device");
    io_rig_command_wait(&rig, 0x00D, 0x04, 0x300, 0, 1);
    ck_assert_uint_eq(mem(0x300)[0], SENSE_EQUIPMENT_CHECK);

    io_rig_attach(&rig, 0x00A, "1442", made_file("CARD\n", 5), "punch=/dev/full", NULL);
    ck_assert_int_eq(io_rig_command(&rig, 0x00A, 0x01, BUFFER, 0, 80), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_CHECK, 0, 80));
    ck_assert_uint_eq(rig.fatal_count, 2);
    ck_assert_str_eq(rig.fatal_message, "card punch 00A: /dev/full: card 1 (byte offset 0): No space left on device");
}
END_TEST

START_TEST(test_printer_on_a_full_disk_is_unit_check_equipment_check_on_the_line_that_failed)
{
    ck_assert_msg(access("/dev/full", W_OK) == 0, "this test needs /dev/full (Linux)");
    static const char *const types[] = {"1403", "1443"};
    for (size_t i = 0; i < 2; i++) {
        uint16_t address = (uint16_t)(0x00E + i);
        io_rig_attach(&rig, address, types[i], "/dev/full", NULL);
        memset(mem(BUFFER), 0x40, 132);
        ascii_to_ebcdic(mem(BUFFER), (const uint8_t *)"LOST LINE", 9);
        ck_assert_int_eq(io_rig_command_wait(&rig, address, 0x09, BUFFER, CCW_SUPPRESS_LENGTH, 132), 0);
        io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_CHECK, 0, i == 0 ? 0 : 12));
        ck_assert_uint_eq(rig.fatal_count, i + 1);
        char want[256];
        snprintf(want, sizeof want, "printer %03X: /dev/full: page 1 line 2 (line 1 printed): No space left on device",
                 address);
        ck_assert_str_eq(rig.fatal_message, want);
        io_rig_command_wait(&rig, address, 0x04, 0x300, 0, 1);
        ck_assert_uint_eq(mem(0x300)[0], SENSE_EQUIPMENT_CHECK);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("card_reader_fuzz");
    TCase *fuzz = tcase_create("fuzz");
    tcase_add_test(fuzz, test_random_decks_read_exactly_as_the_deck_rules_say_and_bad_ones_are_refused_with_their_location);
    suite_add_tcase(s, fuzz);
    TCase *edges = tcase_create("edges");
    tcase_add_checked_fixture(edges, setup, teardown);
    tcase_add_test(edges, test_huge_ebcdic_deck_of_50000_cards_reads_every_card_in_order);
    tcase_add_test(edges, test_line_of_three_million_columns_is_refused_naming_its_line_or_cut_with_trunc);
    tcase_add_test(edges, test_file_beyond_4_gigabytes_not_whole_cards_names_card_and_byte_offset_in_64_bits);
    tcase_add_test(edges, test_file_cut_short_after_loading_is_an_error_naming_card_and_offset_never_padded);
    tcase_add_test(edges, test_short_last_card_with_autopad_is_padded_with_blanks);
    tcase_add_test(edges, test_text_line_grown_past_80_columns_after_loading_is_an_error_naming_the_line);
    tcase_add_test(edges, test_file_removed_after_loading_is_an_error_naming_the_file);
    tcase_add_test(edges, test_fifo_or_directory_as_a_deck_is_refused_at_once_not_waited_for);
    tcase_add_test(edges, test_devinit_onto_a_missing_file_keeps_the_old_deck_and_names_the_file);
    tcase_add_test(edges, test_devinit_after_a_text_deck_ending_in_lone_crs_presents_device_end);
    tcase_add_test(edges, test_punch_and_printer_files_that_cannot_be_opened_are_refused_naming_the_file);
    tcase_add_test(edges, test_punch_devinit_onto_an_unwritable_path_keeps_the_old_file);
    tcase_add_test(edges, test_punch_on_a_full_disk_is_unit_check_equipment_check_on_the_card_that_failed);
    tcase_add_test(edges, test_printer_on_a_full_disk_is_unit_check_equipment_check_on_the_line_that_failed);
    suite_add_tcase(s, edges);
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
