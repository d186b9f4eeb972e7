#include "devices/comm_codes.h"

#include <stddef.h>

#include "lib/ebcdic.h"

/* The glyph of each 2741 code, indexed by its six information bits BA8421
 * (the code shifted right once), lower case then upper case. '~' marks a
 * code that prints nothing in that case: a control character or an
 * unassigned combination ('~' is on neither type element). Facts from the
 * TCAM tables IEDQ27 (EBCD) and IEDQ28 (Correspondence). */
static const char ebcd_lower[65] =
    /* 00-0F */ " 1234567890#~~~~"
    /* 10-1F */ "@/stuvwxyz~,~~~~"
    /* 20-2F */ "-jklmnopqr~$~~~~"
    /* 30-3F */ "&abcdefghi~.~~~~";
static const char ebcd_upper[65] =
    /* 00-0F */ " =<;:%'>*()\"~~~~"
    /* 10-1F */ "\xA2?STUVWXYZ~|~~~~"
    /* 20-2F */ "_JKLMNOPQR~!~~~~"
    /* 30-3F */ "+ABCDEFGHI~\xAC~~~~";
static const char correspondence_lower[65] =
    /* 00-0F */ " 123576840z9~~~~"
    /* 10-1F */ "txnuedkclh~b~~~~"
    /* 20-2F */ "!m.v'riaos~w~~~~"
    /* 30-3F */ "jg=fp;q,/y~-~~~~";
static const char correspondence_upper[65] =
    /* 00-0F */ " |@#%&<*$)Z(~~~~"
    /* 10-1F */ "TXNUEDKCLH~B~~~~"
    /* 20-2F */ ">M.V\"RIAOS~W~~~~"
    /* 30-3F */ "JG+FP:Q,?Y~_~~~~";

static const char *glyph_table(enum comm_2741_code_set set, bool upper_case)
{
    if (set == COMM_2741_CORRESPONDENCE)
        return upper_case ? correspondence_upper : correspondence_lower;
    return upper_case ? ebcd_upper : ebcd_lower;
}

static unsigned bit_count(unsigned v)
{
    unsigned n = 0;
    for (; v != 0; v >>= 1)
        n += v & 1;
    return n;
}

bool comm_2741_code_valid(uint8_t code)
{
    return (code & 0x80) == 0 && bit_count(code) % 2 == 1;
}

uint8_t comm_2741_code_from_bits(unsigned bits)
{
    uint8_t code = (uint8_t)((bits & 0x3F) << 1);
    if (bit_count(code) % 2 == 0)
        code |= 0x01;
    return code;
}

int comm_2741_glyph(enum comm_2741_code_set set, uint8_t code, bool upper_case)
{
    char g = glyph_table(set, upper_case)[(code >> 1) & 0x3F];
    if (g == '~')
        return COMM_NO_GLYPH;
    return (uint8_t)g;
}

bool comm_2741_code_for_glyph(enum comm_2741_code_set set, uint8_t glyph, uint8_t *code, bool *upper_case)
{
    if (glyph == '~')
        return false;
    for (int shift = 0; shift < 2; shift++) {
        const char *table = glyph_table(set, shift == 1);
        for (unsigned bits = 0; bits < 64; bits++) {
            if ((uint8_t)table[bits] == glyph) {
                *code = comm_2741_code_from_bits(bits);
                *upper_case = shift == 1;
                return true;
            }
        }
    }
    return false;
}

/* EBCDIC control characters and the 2741 controls of the same meaning. */
static const struct {
    uint8_t ebcdic;
    uint8_t code;
} control_pairs[] = {
    {0x15, COMM_2741_NEW_LINE}, {0x16, COMM_2741_BACKSPACE}, {0x05, COMM_2741_TAB},
    {0x25, COMM_2741_LINE_FEED}, {0x37, COMM_2741_EOT}, {0x36, COMM_2741_UPSHIFT},
    {0x06, COMM_2741_DOWNSHIFT}, {0x17, COMM_2741_IDLE}, {0x07, COMM_2741_DELETE},
    {0x24, COMM_2741_BYPASS}, {0x14, COMM_2741_RESTORE},
};

bool comm_2741_from_ebcdic(enum comm_2741_code_set set, uint8_t ebcdic, uint8_t *code, bool *upper_case)
{
    for (size_t i = 0; i < sizeof control_pairs / sizeof control_pairs[0]; i++) {
        if (control_pairs[i].ebcdic == ebcdic) {
            *code = control_pairs[i].code;
            return true;
        }
    }
    return comm_2741_code_for_glyph(set, ebcdic_to_latin1[ebcdic], code, upper_case);
}

int comm_2741_to_ebcdic(enum comm_2741_code_set set, uint8_t code, bool upper_case)
{
    code &= 0x7F;
    for (size_t i = 0; i < sizeof control_pairs / sizeof control_pairs[0]; i++)
        if (control_pairs[i].code == code)
            return control_pairs[i].ebcdic;
    int glyph = comm_2741_glyph(set, code, upper_case);
    if (glyph == COMM_NO_GLYPH)
        return -1;
    return latin1_to_ebcdic[glyph];
}

uint8_t comm_reverse_bits(uint8_t byte)
{
    uint8_t r = 0;
    for (int i = 0; i < 8; i++) {
        r = (uint8_t)((r << 1) | (byte & 1));
        byte >>= 1;
    }
    return r;
}

uint8_t comm_tty_line_from_ascii(uint8_t ascii, enum comm_parity parity)
{
    uint8_t c = ascii & 0x7F;
    bool odd_bits = bit_count(c) % 2 == 1;
    bool parity_bit;
    switch (parity) {
    case COMM_PARITY_ODD:
        parity_bit = !odd_bits;
        break;
    case COMM_PARITY_MARK:
        parity_bit = true;
        break;
    case COMM_PARITY_SPACE:
        parity_bit = false;
        break;
    case COMM_PARITY_EVEN:
    default:
        parity_bit = odd_bits;
        break;
    }
    if (parity_bit)
        c |= 0x80;
    return comm_reverse_bits(c);
}

uint8_t comm_tty_ascii_from_line(uint8_t line)
{
    return comm_reverse_bits(line) & 0x7F;
}

int comm_tty_line_from_ebcdic(uint8_t ebcdic, enum comm_parity parity, bool upper_case_only)
{
    uint8_t c = ebcdic_to_latin1[ebcdic];
    if (c > 0x7F)
        return -1;
    if (upper_case_only && c >= 'a' && c <= 'z')
        c = (uint8_t)(c - 'a' + 'A');
    return comm_tty_line_from_ascii(c, parity);
}

uint8_t comm_tty_ebcdic_from_line(uint8_t line)
{
    return latin1_to_ebcdic[comm_tty_ascii_from_line(line)];
}

#define LATIN1_CENT 0xA2
#define LATIN1_NOT 0xAC

uint8_t comm_ascii_for_glyph(uint8_t glyph)
{
    if (glyph == LATIN1_CENT)
        return '[';
    if (glyph == LATIN1_NOT)
        return '^';
    return glyph;
}

uint8_t comm_glyph_for_ascii(uint8_t ascii)
{
    if (ascii == '[')
        return LATIN1_CENT;
    if (ascii == '^' || ascii == '~')
        return LATIN1_NOT;
    return ascii;
}
