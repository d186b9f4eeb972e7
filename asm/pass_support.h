/* What the directives and the instruction encoder share during the
 * passes: the location counter of the current section, symbol definition,
 * expression evaluation against the symbol table, object-code emission
 * and relocation records. */
#ifndef VM67_ASM_PASS_SUPPORT_H
#define VM67_ASM_PASS_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "asm/assembly.h"
#include "asm/constants.h"
#include "asm/expression.h"

static inline struct asm_statement *pass_statement(struct assembly *a)
{
    return &a->statements[a->current];
}

/* The operand text of the current statement. */
static inline const struct located_text *pass_operands(struct assembly *a)
{
    return &a->statements[a->current].fields.operands;
}

/* The current section, creating the unnamed private section if code
 * appears before any CSECT. */
struct asm_section *pass_section(struct assembly *a);
/* The location counter as a value (relocatable in the current section). */
struct asm_value pass_location(struct assembly *a);
uint32_t pass_address(struct assembly *a);
/* Moves the location counter; a DSECT or ORG may also move it back. */
void pass_set_address(struct assembly *a, uint32_t address);
/* Aligns the location counter to `boundary` (a power of two); with
 * `fill`, the skipped bytes become zero bytes of object code. */
void pass_align(struct assembly *a, uint32_t boundary, bool fill);
/* Records the statement's location for the listing. */
void pass_note_location(struct assembly *a);

/* Appends object code at the location counter and advances it (pass 2
 * records the bytes; pass 1 only advances). */
void pass_emit(struct assembly *a, const uint8_t *bytes, size_t len);
/* Advances without object code (DS). */
void pass_reserve(struct assembly *a, uint32_t len);

/* Defines the statement's name (if any) as an ordinary symbol. */
void pass_define_name(struct assembly *a, const struct asm_value *value, uint32_t length, char type);
void pass_define_symbol(struct assembly *a, const char *name, size_t at_in_text, const struct asm_value *value,
                        uint32_t length, char type);

/* An expression context over the symbol table with '*' at the current
 * location (recording cross-references in pass 2). */
struct expression_context pass_expression_context(struct assembly *a);

/* Evaluates the expression at ops[*pos]. With `need_now`, a symbol not yet
 * defined is an error even in pass 1. Returns false (having reported, if
 * reporting) when the value is not known. */
bool pass_evaluate(struct assembly *a, const struct located_text *ops, size_t *pos, bool need_now,
                   struct expression_result *r);
/* The same, demanding an absolute value in [min, max]. */
bool pass_evaluate_absolute(struct assembly *a, const struct located_text *ops, size_t *pos, bool need_now,
                            int64_t min, int64_t max, const char *what, int32_t *value);

/* Records a relocatable field (pass 2): one RLD item per relocation term.
 * Reports terms that a loader cannot apply (dummy sections, weights other
 * than +1/-1). */
void pass_relocate(struct assembly *a, size_t at, uint32_t address, uint32_t length, const struct asm_value *value,
                   bool v_type);

/* The relocation id for an external name used in V(NAME): a control
 * section of this assembly or an ER item. */
bool pass_external_value(struct assembly *a, const char *name, struct asm_value *value);

/* Pass 1: makes the ER items of a V-type constant's names, so that ESD
 * numbers follow the order of appearance. */
void pass_declare_externals(struct assembly *a, const struct constant_operand *c, const char *text);

/* Splits the operands at top-level commas: fills starts/ends, returns the
 * count (at most max). An empty operand field gives 0. */
size_t pass_split_operands(const struct located_text *ops, size_t *starts, size_t *ends, size_t max);

/* Text runs of the object deck. */
void pass_add_text(struct assembly *a, uint32_t section_id, uint32_t address, const uint8_t *bytes, size_t len);

#endif
