#include "asm/self_defining_term.h"

#include <ctype.h>
#include <stdio.h>

#include "asm/lexer.h"
#include "lib/ebcdic.h"

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = lexer_upper(c);
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

enum sdt_status self_defining_term_parse(const char *s, size_t len, size_t pos, size_t *end, int32_t *value,
                                         char *message, size_t message_size, size_t *error_at)
{
    if (pos >= len)
        return SDT_NOT_A_TERM;
    char c = s[pos];
    if (isdigit((unsigned char)c)) {
        uint64_t v = 0;
        size_t i = pos;
        while (i < len && isdigit((unsigned char)s[i])) {
            v = v * 10 + (uint64_t)(s[i] - '0');
            if (v > 0x7FFFFFFFu) {
                snprintf(message, message_size,
                         "decimal term is too large (expected at most 2147483647)");
                *error_at = pos;
                return SDT_ERROR;
            }
            i++;
        }
        if (i < len && lexer_is_symbol_start(s[i])) {
            snprintf(message, message_size, "a decimal term is followed by '%c' (expected an operator)", s[i]);
            *error_at = i;
            return SDT_ERROR;
        }
        *value = (int32_t)v;
        *end = i;
        return SDT_OK;
    }
    char type = lexer_upper(c);
    if ((type != 'X' && type != 'B' && type != 'C') || pos + 1 >= len || s[pos + 1] != '\'')
        return SDT_NOT_A_TERM;
    if (pos > 0 && lexer_is_symbol_char(s[pos - 1]))
        return SDT_NOT_A_TERM;
    size_t close = lexer_skip_string(s, len, pos + 1);
    if (close == (size_t)-1) {
        snprintf(message, message_size, "%c' term has no closing quote (expected ')", type);
        *error_at = pos + 1;
        return SDT_ERROR;
    }
    size_t first = pos + 2, last = close - 1; /* [first, last) inside the quotes */
    uint32_t v = 0;
    if (type == 'X') {
        if (last == first) {
            snprintf(message, message_size, "X'' is empty (expected 1 to 8 hexadecimal digits)");
            *error_at = pos;
            return SDT_ERROR;
        }
        if (last - first > 8) {
            snprintf(message, message_size, "X' term has %zu digits (expected at most 8)", last - first);
            *error_at = pos;
            return SDT_ERROR;
        }
        for (size_t i = first; i < last; i++) {
            int d = hex_digit(s[i]);
            if (d < 0) {
                snprintf(message, message_size, "'%c' in an X' term (expected a hexadecimal digit)", s[i]);
                *error_at = i;
                return SDT_ERROR;
            }
            v = v << 4 | (uint32_t)d;
        }
    } else if (type == 'B') {
        if (last == first || last - first > 32) {
            snprintf(message, message_size, "B' term has %zu digits (expected 1 to 32)", last - first);
            *error_at = pos;
            return SDT_ERROR;
        }
        for (size_t i = first; i < last; i++) {
            if (s[i] != '0' && s[i] != '1') {
                snprintf(message, message_size, "'%c' in a B' term (expected 0 or 1)", s[i]);
                *error_at = i;
                return SDT_ERROR;
            }
            v = v << 1 | (uint32_t)(s[i] - '0');
        }
    } else {
        unsigned count = 0;
        for (size_t i = first; i < last; i++) {
            char ch = s[i];
            if ((ch == '\'' || ch == '&') && i + 1 < last && s[i + 1] == ch)
                i++;
            if (++count > 4) {
                snprintf(message, message_size, "C' term has more than 4 characters (expected 1 to 4)");
                *error_at = pos;
                return SDT_ERROR;
            }
            v = v << 8 | ascii_to_ebcdic_char((uint8_t)ch);
        }
        if (count == 0) {
            snprintf(message, message_size, "C'' is empty (expected 1 to 4 characters)");
            *error_at = pos;
            return SDT_ERROR;
        }
    }
    *value = (int32_t)v;
    *end = close;
    return SDT_OK;
}

int self_defining_term_whole(const char *s, size_t len, int32_t *value)
{
    size_t end, at;
    char msg[160];
    if (self_defining_term_parse(s, len, 0, &end, value, msg, sizeof msg, &at) != SDT_OK)
        return 0;
    return end == len;
}
