#include "asm/lexer.h"

#include <ctype.h>
#include <string.h>

char lexer_upper(char c)
{
    return (char)toupper((unsigned char)c);
}

bool lexer_is_symbol_start(char c)
{
    return isalpha((unsigned char)c) || c == '$' || c == '#' || c == '@' || c == '_';
}

bool lexer_is_symbol_char(char c)
{
    return lexer_is_symbol_start(c) || isdigit((unsigned char)c);
}

size_t lexer_symbol_length(const char *s, size_t len, size_t pos)
{
    if (pos >= len || !lexer_is_symbol_start(s[pos]))
        return 0;
    size_t n = 1;
    while (pos + n < len && lexer_is_symbol_char(s[pos + n]))
        n++;
    return n;
}

bool lexer_is_attribute_quote(const char *s, size_t len, size_t pos)
{
    if (pos == 0 || pos + 1 >= len || s[pos] != '\'')
        return false;
    char letter = lexer_upper(s[pos - 1]);
    if (strchr("LTSIKNDO", letter) == NULL)
        return false;
    if (pos >= 2 && (lexer_is_symbol_char(s[pos - 2]) || s[pos - 2] == '&' || s[pos - 2] == '.'))
        return false;
    char next = s[pos + 1];
    return lexer_is_symbol_start(next) || next == '&';
}

size_t lexer_skip_string(const char *s, size_t len, size_t pos)
{
    size_t i = pos + 1;
    while (i < len) {
        if (s[i] == '\'') {
            if (i + 1 < len && s[i + 1] == '\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i++;
    }
    return (size_t)-1;
}

size_t lexer_field_end(const char *s, size_t len, size_t pos)
{
    size_t i = pos;
    while (i < len && s[i] != ' ') {
        if (s[i] == '\'' && !lexer_is_attribute_quote(s, len, i)) {
            size_t after = lexer_skip_string(s, len, i);
            if (after == (size_t)-1)
                return len;
            i = after;
            continue;
        }
        i++;
    }
    return i;
}

size_t lexer_operand_end(const char *s, size_t len, size_t pos)
{
    int depth = 0;
    size_t i = pos;
    while (i < len) {
        char c = s[i];
        if (c == '\'' && !lexer_is_attribute_quote(s, len, i)) {
            size_t after = lexer_skip_string(s, len, i);
            if (after == (size_t)-1)
                return len;
            i = after;
            continue;
        }
        if (c == '(')
            depth++;
        else if (c == ')' && depth > 0)
            depth--;
        else if (c == ',' && depth == 0)
            return i;
        i++;
    }
    return i;
}

void lexer_copy_upper(char *out, size_t out_size, const char *s, size_t n)
{
    if (out_size == 0)
        return;
    if (n >= out_size)
        n = out_size - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = lexer_upper(s[i]);
    out[n] = '\0';
}
