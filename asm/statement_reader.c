#include "asm/statement_reader.h"

#include <string.h>

void source_statement_init(struct source_statement *s)
{
    memset(s, 0, sizeof *s);
    located_text_init(&s->text);
}

void source_statement_free(struct source_statement *s)
{
    located_text_free(&s->text);
}

void statement_reader_start(struct statement_reader *r, const struct source_set *sources, size_t file)
{
    r->sources = sources;
    r->file = file;
    r->next_line = 0;
}

/* Appends columns [from, to) (1-based, `to` exclusive) of a card, with
 * control characters reported and turned into blanks. */
static void append_columns(struct source_statement *out, const char *line, size_t len, size_t from,
                           size_t to, size_t line_number, struct asm_diagnostics *diags, size_t statement)
{
    for (size_t col = from; col < to && col <= len; col++) {
        char c = line[col - 1];
        struct asm_location where = {(uint32_t)out->file, (uint32_t)line_number, (uint32_t)col};
        if ((unsigned char)c < 0x20 || c == 0x7F) {
            diagnostics_add(diags, ASM_SEVERITY_ERROR, where, statement, NULL,
                            "control character X'%02X' in the source (expected printable text)",
                            (unsigned char)c);
            c = ' ';
        }
        located_text_append(&out->text, &c, 1, where);
    }
}

bool statement_reader_next(struct statement_reader *r, struct source_statement *out,
                           struct asm_diagnostics *diags, size_t statement)
{
    const struct source_file *f = &r->sources->files[r->file];
    if (r->next_line >= f->line_count)
        return false;
    located_text_clear(&out->text);
    out->file = r->file;
    out->first_line = r->next_line + 1;
    out->line_count = 0;
    bool first = true;
    for (;;) {
        size_t index = r->next_line++;
        const char *line = f->lines[index];
        size_t len = f->lengths[index];
        size_t number = index + 1;
        out->line_count++;
        if (len > CARD_COLUMNS) {
            struct asm_location where = {(uint32_t)r->file, (uint32_t)number, CARD_COLUMNS + 1};
            diagnostics_add(diags, ASM_SEVERITY_ERROR, where, statement, NULL,
                            "line is %zu columns long; a card has %d (expected at most %d columns, "
                            "text in 1-71, continuation in 72, sequence in 73-80)",
                            len, CARD_COLUMNS, CARD_COLUMNS);
            len = CARD_COLUMNS;
        }
        bool continued = len >= CONTINUATION_COLUMN && line[CONTINUATION_COLUMN - 1] != ' ';
        size_t start = 1;
        if (!first) {
            start = CONTINUE_AT_COLUMN;
            for (size_t col = 1; col < CONTINUE_AT_COLUMN && col <= len; col++) {
                if (line[col - 1] != ' ') {
                    start = col;
                    break;
                }
            }
            if (start < CONTINUE_AT_COLUMN) {
                /* Accepted (free form), but it is also what a card looks
                 * like when column 72 of the one before was not meant to
                 * continue it. */
                struct asm_location where = {(uint32_t)r->file, (uint32_t)number, (uint32_t)start};
                diagnostics_add(diags, ASM_SEVERITY_WARNING, where, statement, NULL,
                                "continuation card has text before column 16 (the card before has column 72 "
                                "not blank: expected a continuation from column 16)");
            }
        }
        size_t end = CONTINUATION_COLUMN; /* exclusive */
        if (!continued) {
            /* The last card of a statement: trailing blanks mean nothing. */
            size_t last = len < CONTINUATION_COLUMN - 1 ? len : CONTINUATION_COLUMN - 1;
            while (last >= start && line[last - 1] == ' ')
                last--;
            end = last + 1;
        }
        if (end > start)
            append_columns(out, line, len, start, end, number, diags, statement);
        first = false;
        if (!continued)
            break;
        if (r->next_line >= f->line_count) {
            struct asm_location where = {(uint32_t)r->file, (uint32_t)number, CONTINUATION_COLUMN};
            diagnostics_add(diags, ASM_SEVERITY_ERROR, where, statement, NULL,
                            "column 72 asks for a continuation card, but the file ends (expected "
                            "another card, or a blank column 72)");
            break;
        }
    }
    return true;
}
