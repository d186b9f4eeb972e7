/* Ordinary symbols: their value, relocation, length and type attributes,
 * the statement that defines them and every statement that refers to
 * them (for the cross-reference). */
#ifndef VM67_ASM_SYMBOL_TABLE_H
#define VM67_ASM_SYMBOL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "asm/value.h"

struct asm_symbol {
    char *name;
    bool defined;
    struct asm_value value;
    uint32_t length;   /* length attribute */
    char type;         /* type attribute: I (instruction), C/X/F/... (DC/DS type), J (section), U */
    size_t definition; /* statement index */
    size_t *references;
    size_t reference_count;
    size_t reference_cap;
};

struct symbol_table {
    struct asm_symbol **slots; /* open addressing */
    size_t slot_count;         /* a power of two */
    size_t count;
};

void symbol_table_init(struct symbol_table *t);
void symbol_table_free(struct symbol_table *t);

struct asm_symbol *symbol_table_find(const struct symbol_table *t, const char *name);
/* Finds or creates (undefined) a symbol. */
struct asm_symbol *symbol_table_intern(struct symbol_table *t, const char *name);

/* Forgets every definition and reference (the assembler runs its first
 * pass again once section origins are known). */
void symbol_table_reset(struct symbol_table *t);

void symbol_add_reference(struct asm_symbol *s, size_t statement);

/* The symbols sorted by name (caller frees the array). */
struct asm_symbol **symbol_table_sorted(const struct symbol_table *t, size_t *count);

#endif
