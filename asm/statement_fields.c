#include "asm/statement_fields.h"

#include <string.h>

#include "asm/lexer.h"

void statement_fields_init(struct statement_fields *f)
{
    f->name_start = f->name_end = f->operation_start = f->operation_end = f->operands_start = 0;
    located_text_init(&f->operands);
}

void statement_fields_free(struct statement_fields *f)
{
    located_text_free(&f->operands);
}

bool statement_is_comment(const struct located_text *text)
{
    size_t i = 0;
    while (i < text->len && text->text[i] == ' ')
        i++;
    if (i == text->len)
        return true;
    return text->text[0] == '*' || statement_is_macro_comment(text);
}

bool statement_is_macro_comment(const struct located_text *text)
{
    return text->len >= 2 && text->text[0] == '.' && text->text[1] == '*';
}

void statement_fields_split(const struct located_text *text, bool multi_card, struct statement_fields *out)
{
    const char *s = text->text;
    size_t len = text->len;
    located_text_clear(&out->operands);
    size_t i = 0;
    out->name_start = out->name_end = 0;
    if (len > 0 && s[0] != ' ') {
        out->name_end = lexer_field_end(s, len, 0);
        i = out->name_end;
    }
    while (i < len && s[i] == ' ')
        i++;
    out->operation_start = i;
    while (i < len && s[i] != ' ')
        i++;
    out->operation_end = i;
    while (i < len && s[i] == ' ')
        i++;
    out->operands_start = i;
    /* The operand field, with the comma-blank continuation rule. */
    size_t piece_start = i;
    while (i < len) {
        char c = s[i];
        if (c == '\'' && !lexer_is_attribute_quote(s, len, i)) {
            size_t after = lexer_skip_string(s, len, i);
            i = after == (size_t)-1 ? len : after;
            continue;
        }
        if (c == ' ') {
            size_t next = located_text_next_line_start(text, i);
            if (multi_card && i > piece_start && s[i - 1] == ',' && next < len) {
                located_text_append_range(&out->operands, text, piece_start, i - piece_start);
                i = next;
                while (i < len && s[i] == ' ')
                    i++;
                piece_start = i;
                continue;
            }
            break;
        }
        i++;
    }
    if (i > piece_start)
        located_text_append_range(&out->operands, text, piece_start, i - piece_start);
}

bool statement_is_conditional_operation(const char *operation)
{
    static const char *const ops[] = {"AIF", "AGO", "SETA", "SETB", "SETC", "ACTR"};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        size_t n = strlen(ops[i]);
        bool same = true;
        for (size_t k = 0; k <= n && same; k++)
            same = lexer_upper(operation[k]) == ops[i][k];
        if (same)
            return true;
    }
    return false;
}

/* The end of conditional-assembly operands: the first blank outside
 * strings and parentheses. */
static size_t conditional_operands_end(const char *s, size_t len, size_t i)
{
    int depth = 0;
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
        else if (c == ' ' && depth == 0)
            return i;
        i++;
    }
    return i;
}

void statement_normalize(const struct located_text *text, bool multi_card, struct located_text *out)
{
    struct statement_fields f;
    statement_fields_init(&f);
    statement_fields_split(text, multi_card, &f);
    located_text_clear(out);
    if (f.name_end > f.name_start)
        located_text_append_range(out, text, f.name_start, f.name_end - f.name_start);
    if (f.operation_end > f.operation_start) {
        struct asm_location w = located_text_location(text, f.operation_start > 0 ? f.operation_start - 1 : 0);
        located_text_append(out, " ", 1, w);
        located_text_append_range(out, text, f.operation_start, f.operation_end - f.operation_start);
        char op[8] = {0};
        size_t n = f.operation_end - f.operation_start;
        for (size_t k = 0; k < n && k < sizeof op - 1; k++)
            op[k] = text->text[f.operation_start + k];
        size_t opend = f.operands_start;
        if (n < sizeof op && statement_is_conditional_operation(op))
            opend = conditional_operands_end(text->text, text->len, f.operands_start);
        if (opend > f.operands_start) {
            struct asm_location w2 = located_text_location(text, f.operands_start - 1);
            located_text_append(out, " ", 1, w2);
            located_text_append_range(out, text, f.operands_start, opend - f.operands_start);
        } else if (f.operands.len > 0) {
            struct asm_location w2 = located_text_location(text, f.operands_start - 1);
            located_text_append(out, " ", 1, w2);
            located_text_append_range(out, &f.operands, 0, f.operands.len);
        }
    }
    statement_fields_free(&f);
}
