/* Literals (=F'1', =C'TEXT', =A(ROUTINE)...): each names a constant that
 * the assembler places in the next literal pool, at LTORG or at END. One
 * entry serves every use of the same literal in the same pool, except
 * literals that refer to the location counter (=A(*)), which get one
 * entry per use. A pool starts on a doubleword boundary and holds its
 * literals in order of alignment: lengths that are multiples of 8 first,
 * then 4, then 2, then the others, so each is aligned without padding. */
#ifndef VM67_ASM_LITERAL_TABLE_H
#define VM67_ASM_LITERAL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "asm/constants.h"
#include "asm/value.h"

struct literal {
    char *text;                       /* without the '=' */
    struct constant_operand constant; /* parsed from text */
    uint32_t pool;
    bool location_dependent;
    struct asm_value use_location;    /* '*' of the statement that uses it */
    size_t first_use;                 /* statement index */
    bool placed;
    uint32_t address;
    uint32_t section_id;
    size_t pool_statement;            /* the LTORG or END that placed it */
};

struct literal_table {
    struct literal *items;
    size_t count;
    size_t cap;
};

void literal_table_init(struct literal_table *t);
void literal_table_free(struct literal_table *t);
void literal_table_reset(struct literal_table *t);

/* Finds the entry for a literal used in `pool` at `location`; -1 if none. */
long literal_table_find(const struct literal_table *t, uint32_t pool, const char *text,
                        const struct asm_value *location);

/* Adds a use (returns the entry index); `constant` is moved into the table
 * when a new entry is made and freed otherwise. */
size_t literal_table_add(struct literal_table *t, uint32_t pool, const char *text, struct constant_operand *constant,
                         const struct asm_value *location, size_t statement);

/* Places every literal of `pool` from `address` (already doubleword
 * aligned) in section `section_id`; returns the bytes used. */
uint32_t literal_table_place(struct literal_table *t, uint32_t pool, uint32_t address, uint32_t section_id,
                             size_t statement);

/* True if the literal text refers to the location counter. */
bool literal_refers_to_location(const char *text);

#endif
