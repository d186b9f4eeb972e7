/* Control sections, dummy sections and external symbols of an assembly.
 * Each entry is also a relocation id (its index + 1, see value.h): an
 * address in a control section relocates with the section, a reference to
 * an external symbol relocates with whatever the loader finds for it.
 *
 * Control sections are laid out one after the other on doubleword
 * boundaries, the first at the START address (or 0), which gives every
 * symbol its assembled address; a dummy section always starts at 0. */
#ifndef VM67_ASM_SECTION_TABLE_H
#define VM67_ASM_SECTION_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "asm/lexer.h"

enum section_kind {
    SECTION_CONTROL = 0,  /* CSECT or START: ESD type SD */
    SECTION_PRIVATE,      /* code before any CSECT: ESD type PC */
    SECTION_DUMMY,        /* DSECT: no text, no ESD */
    SECTION_EXTERNAL,     /* EXTRN or V-constant: ESD type ER */
    SECTION_WEAK_EXTERNAL /* WXTRN: ESD type WX */
};

struct asm_section {
    char name[ASM_SYMBOL_MAX + 1]; /* empty for private code */
    enum section_kind kind;
    uint32_t origin;   /* assembled address of the section's first byte */
    uint32_t location; /* the location counter (an assembled address) */
    uint32_t high;     /* the highest location reached */
    uint32_t length;   /* high - origin at the end of the last pass */
    uint16_t esdid;    /* 0 for dummy sections */
    size_t definition; /* statement index */
    bool started;      /* seen in the current pass */
    bool overflowed;   /* the location counter passed X'FFFFFF' (reported) */
};

struct section_table {
    struct asm_section *items;
    size_t count;
    size_t cap;
};

void section_table_init(struct section_table *t);
void section_table_free(struct section_table *t);

/* The section with this relocation id (1-based), or NULL. */
struct asm_section *section_by_id(const struct section_table *t, uint32_t id);
/* Finds a section by name and kind class (executable: control/private;
 * dummy; external), returning its id, or 0. */
uint32_t section_find(const struct section_table *t, const char *name, enum section_kind kind);
/* Finds any section or external with this name; returns its id or 0. */
uint32_t section_find_any(const struct section_table *t, const char *name);
uint32_t section_add(struct section_table *t, const char *name, enum section_kind kind, size_t definition);

/* Lays out the control and private sections from `start` on doubleword
 * boundaries, in order of definition. */
void section_table_assign_origins(struct section_table *t, uint32_t start);
/* Numbers the ESD items: control, private and external entries, in order
 * of definition, from 1. */
void section_table_assign_esdids(struct section_table *t);

bool section_has_text(const struct asm_section *s);

#endif
