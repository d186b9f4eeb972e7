#include "devices/comm_terminal.h"

#include <string.h>

#define ASCII_EOT 0x04
#define ASCII_BEL 0x07
#define ASCII_BS 0x08
#define ASCII_DEL 0x7F

void comm_terminal_init(struct comm_terminal *t, const struct comm_terminal_config *config)
{
    memset(t, 0, sizeof *t);
    t->config = *config;
    comm_terminal_reset(t);
}

void comm_terminal_reset(struct comm_terminal *t)
{
    t->upper_case = false;
    t->case_known = false;
    t->control_mode = false;
    t->print_inhibit = false;
    t->transmitting = false;
    t->after_cr = false;
}

void comm_terminal_abandon_transmission(struct comm_terminal *t)
{
    t->transmitting = false;
}

static void add_code(struct comm_key *key, uint8_t code)
{
    key->codes[key->code_count++] = code;
}

static void add_echo(const struct comm_terminal *t, struct comm_key *key, uint8_t c)
{
    if (t->config.echo)
        key->echo[key->echo_count++] = c;
}

static enum comm_key_result refuse(struct comm_key *key)
{
    key->echo[key->echo_count++] = ASCII_BEL;
    return COMM_KEY_REFUSED;
}

static uint8_t fold_case(const struct comm_terminal *t, uint8_t c)
{
    if (t->config.upper_case_only && c >= 'a' && c <= 'z')
        return (uint8_t)(c - 'a' + 'A');
    return c;
}

/* The first key of a transmission: a line in control mode answers with
 * EOA, which takes it back to text mode. */
static void begin_2741_transmission(struct comm_terminal *t, struct comm_key *key)
{
    if (t->transmitting)
        return;
    t->transmitting = true;
    /* The first character with a case carries its shift character, so
     * that the program need not know which case the type element was
     * left in (a redundant shift is harmless to any translation). */
    t->case_known = false;
    if (t->control_mode) {
        add_code(key, COMM_2741_EOA);
        t->control_mode = false;
    }
}

static enum comm_key_result key_2741(struct comm_terminal *t, uint8_t c, struct comm_key *key)
{
    if (c == '\r' || c == '\n') {
        begin_2741_transmission(t, key);
        add_code(key, COMM_2741_NEW_LINE);
        add_code(key, COMM_2741_EOT);
        t->transmitting = false;
        add_echo(t, key, '\r');
        add_echo(t, key, '\n');
        return COMM_KEY_END;
    }
    if (c == ASCII_BS || c == ASCII_DEL || c == '\t') {
        begin_2741_transmission(t, key);
        add_code(key, c == '\t' ? COMM_2741_TAB : COMM_2741_BACKSPACE);
        add_echo(t, key, c == '\t' ? '\t' : ASCII_BS);
        return COMM_KEY_DATA;
    }
    if (c < 0x20 || c > 0x7E)
        return refuse(key);
    uint8_t glyph = comm_glyph_for_ascii(fold_case(t, c));
    uint8_t code;
    bool upper;
    if (!comm_2741_code_for_glyph(t->config.code_set, glyph, &code, &upper))
        return refuse(key);
    begin_2741_transmission(t, key);
    /* A glyph on both halves of the element (space; Correspondence's
     * period and comma) needs no shift. */
    bool either_case = comm_2741_glyph(t->config.code_set, code, !upper) == glyph;
    if (!either_case && (!t->case_known || t->upper_case != upper)) {
        add_code(key, upper ? COMM_2741_UPSHIFT : COMM_2741_DOWNSHIFT);
        t->upper_case = upper;
        t->case_known = true;
    }
    add_code(key, code);
    if (!t->print_inhibit)
        add_echo(t, key, comm_ascii_for_glyph(glyph));
    return COMM_KEY_DATA;
}

static enum comm_key_result key_tty(struct comm_terminal *t, uint8_t c, struct comm_key *key)
{
    if (c > 0x7F)
        return refuse(key);
    c = fold_case(t, c);
    add_code(key, comm_tty_line_from_ascii(c, t->config.parity));
    if (c == '\r') {
        add_echo(t, key, '\r');
        add_echo(t, key, '\n');
    } else if (c != '\0' && c != ASCII_DEL) {
        add_echo(t, key, c);
    }
    return c == '\r' || c == ASCII_EOT ? COMM_KEY_END : COMM_KEY_DATA;
}

enum comm_key_result comm_terminal_key(struct comm_terminal *t, uint8_t ascii, struct comm_key *key)
{
    key->code_count = 0;
    key->echo_count = 0;
    if (t->config.attention_key >= 0 && ascii == t->config.attention_key) {
        t->after_cr = false;
        comm_terminal_abandon_transmission(t);
        return COMM_KEY_ATTENTION;
    }
    /* RETURN arrives as CR, CR LF or CR NUL from a telnet client, as LF
     * from some: the LF of CR LF is part of the same key. */
    if (ascii == '\n' && t->after_cr) {
        t->after_cr = false;
        return COMM_KEY_NOTHING;
    }
    t->after_cr = ascii == '\r';
    if (t->config.type == COMM_TERMINAL_TTY)
        return key_tty(t, ascii, key);
    return key_2741(t, ascii, key);
}

static size_t print_2741(struct comm_terminal *t, const uint8_t *codes, size_t length, uint8_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < length; i++) {
        uint8_t code = codes[i] & 0x7F;
        if (code == COMM_2741_EOT) {
            t->control_mode = true;
            continue;
        }
        if (t->control_mode) {
            if (code == COMM_2741_EOA)
                t->control_mode = false;
            continue;
        }
        switch (code) {
        case COMM_2741_UPSHIFT:
        case COMM_2741_DOWNSHIFT:
            t->upper_case = code == COMM_2741_UPSHIFT;
            t->case_known = true;
            break;
        case COMM_2741_NEW_LINE:
            out[n++] = '\r';
            out[n++] = '\n';
            break;
        case COMM_2741_LINE_FEED:
            out[n++] = '\n';
            break;
        case COMM_2741_BACKSPACE:
            out[n++] = ASCII_BS;
            break;
        case COMM_2741_TAB:
            out[n++] = '\t';
            break;
        case COMM_2741_BYPASS:
            t->print_inhibit = true;
            break;
        case COMM_2741_RESTORE:
            t->print_inhibit = false;
            break;
        default: {
            /* Idle, delete and unassigned codes move nothing. */
            int glyph = comm_2741_glyph(t->config.code_set, code, t->case_known && t->upper_case);
            if (glyph != COMM_NO_GLYPH)
                out[n++] = comm_ascii_for_glyph((uint8_t)glyph);
            break;
        }
        }
    }
    return n;
}

static size_t print_tty(const struct comm_terminal *t, const uint8_t *codes, size_t length, uint8_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < length; i++) {
        uint8_t c = comm_tty_ascii_from_line(codes[i]);
        if (c == '\0' || c == ASCII_DEL)
            continue;
        /* A 33/35 prints the codes of lower-case letters (and of the
         * other characters of columns 6-7) with the glyphs of columns 4-5. */
        if (t->config.upper_case_only && c >= 0x60)
            c = (uint8_t)(c - 0x20);
        out[n++] = c;
    }
    return n;
}

size_t comm_terminal_print(struct comm_terminal *t, const uint8_t *codes, size_t length, uint8_t *out)
{
    if (t->config.type == COMM_TERMINAL_TTY)
        return print_tty(t, codes, length, out);
    return print_2741(t, codes, length, out);
}

bool comm_terminal_ends_transmission(const struct comm_terminal *t, uint8_t code)
{
    if (t->config.type == COMM_TERMINAL_TTY) {
        uint8_t c = comm_tty_ascii_from_line(code);
        return c == '\r' || c == ASCII_EOT;
    }
    return (code & 0x7F) == COMM_2741_EOT;
}

bool comm_terminal_end_is_exception(const struct comm_terminal *t, uint8_t code)
{
    return t->config.type == COMM_TERMINAL_TTY && comm_tty_ascii_from_line(code) == ASCII_EOT;
}
