/* The fields of a statement: name (from column 1), operation, operands
 * and remarks, separated by blanks. The operand field ends at the first
 * blank outside a quoted string. On a statement of several cards, an
 * operand field that ends with a comma followed by a blank goes on at
 * the start of the next card (the rest of the card is remarks), as in
 * macro calls written one operand per card. */
#ifndef VM67_ASM_STATEMENT_FIELDS_H
#define VM67_ASM_STATEMENT_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "asm/located_text.h"

struct statement_fields {
    size_t name_start, name_end; /* empty when there is no name */
    size_t operation_start, operation_end;
    size_t operands_start;       /* index in the text where the operands begin */
    struct located_text operands;
};

void statement_fields_init(struct statement_fields *f);
void statement_fields_free(struct statement_fields *f);

/* `multi_card`: the text was joined from several cards (enables the
 * comma-blank continuation rule). */
void statement_fields_split(const struct located_text *text, bool multi_card, struct statement_fields *out);

/* True for a comment statement (* in column 1, or .* for a macro comment)
 * or an empty one. */
bool statement_is_comment(const struct located_text *text);
bool statement_is_macro_comment(const struct located_text *text);

/* Builds the statement as "NAME OPERATION OPERANDS" on one line with the
 * remarks dropped (keeping every character's location). For the
 * conditional-assembly operations (AIF, AGO, SETA, SETB, SETC, ACTR),
 * blanks inside parentheses belong to the operands: (&A EQ 1). */
void statement_normalize(const struct located_text *text, bool multi_card, struct located_text *out);

/* True for the operations whose operands are conditional-assembly
 * expressions. */
bool statement_is_conditional_operation(const char *operation);

#endif
