/* Reads source statements from the card images of one file: a statement
 * is columns 1-71 of a card, and when column 72 is not blank, the next
 * card continues it from column 16 (assembler language conventions;
 * columns 73-80 are the sequence field and are ignored). Continuation
 * cards may start their text before column 16 if columns 1-15 are not
 * blank: the text then starts at the first non-blank column. */
#ifndef VM67_ASM_STATEMENT_READER_H
#define VM67_ASM_STATEMENT_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "asm/diagnostics.h"
#include "asm/located_text.h"
#include "asm/source_set.h"

#define CARD_COLUMNS 80
#define CONTINUATION_COLUMN 72 /* 1-based */
#define CONTINUE_AT_COLUMN 16

struct source_statement {
    struct located_text text;
    size_t file;
    size_t first_line; /* 1-based */
    size_t line_count;
};

struct statement_reader {
    const struct source_set *sources;
    size_t file;
    size_t next_line; /* 0-based index of the next card */
};

void statement_reader_start(struct statement_reader *r, const struct source_set *sources, size_t file);

/* Reads the next statement into *out (whose text is reused). Returns false
 * at the end of the file. Card-format problems are reported in `diags`
 * against `statement` (the index the caller will give the statement). */
bool statement_reader_next(struct statement_reader *r, struct source_statement *out,
                           struct asm_diagnostics *diags, size_t statement);

void source_statement_init(struct source_statement *s);
void source_statement_free(struct source_statement *s);

#endif
