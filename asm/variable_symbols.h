/* Variable symbols of the macro language: SET symbols (SETA arithmetic,
 * SETB binary, SETC character; scalar or dimensioned; local to a macro
 * expansion or to open code, or global), macro parameters, and the system
 * variables &SYSNDX, &SYSECT, &SYSPARM and &SYSLIST.
 *
 * A scope holds a frame's local symbols; a global symbol declared in a
 * scope is an entry that points at the one in the global scope. */
#ifndef VM67_ASM_VARIABLE_SYMBOLS_H
#define VM67_ASM_VARIABLE_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "asm/lexer.h"

enum variable_type {
    VARIABLE_ARITHMETIC = 0, /* SETA */
    VARIABLE_BINARY,         /* SETB */
    VARIABLE_CHARACTER,      /* SETC, parameters, system variables */
};

#define VARIABLE_MAX_DIMENSION 32767
#define VARIABLE_MAX_STRING 1024

struct variable {
    char name[ASM_SYMBOL_MAX + 1]; /* without the '&', upper case */
    enum variable_type type;
    bool read_only;                /* parameters and system variables */
    bool is_parameter;             /* a macro parameter: (A,B,C) values have sublists */
    bool is_syslist;
    uint32_t dimension;            /* 0: scalar */
    int32_t *numbers;              /* [0] for a scalar, [1..dimension] otherwise */
    char **strings;
    uint32_t highest;              /* highest subscript set (N' of a dimensioned symbol) */
    struct variable *global;       /* a local entry for a GBLx symbol */
};

struct variable_scope {
    struct variable **items;
    size_t count;
    size_t cap;
};

void variable_scope_init(struct variable_scope *s);
void variable_scope_free(struct variable_scope *s);

/* Finds a symbol (following global references); NULL if not declared. */
struct variable *variable_find(const struct variable_scope *s, const char *name);
/* The entry itself, without following a global reference. */
struct variable *variable_find_entry(const struct variable_scope *s, const char *name);

/* Declares a symbol; returns NULL if the name is already declared. */
struct variable *variable_declare(struct variable_scope *s, const char *name, enum variable_type type,
                                  uint32_t dimension);
/* Declares in `local` a reference to the global symbol (created in
 * `globals` if new). Returns NULL and sets *conflict if the global exists
 * with another type or dimension, or the name is declared locally. */
struct variable *variable_declare_global(struct variable_scope *local, struct variable_scope *globals,
                                         const char *name, enum variable_type type, uint32_t dimension,
                                         const char **conflict);

/* A read-only character symbol (parameter or system variable). */
struct variable *variable_define_parameter(struct variable_scope *s, const char *name, const char *value);

/* Element `index` (1-based for dimensioned symbols, 0 for scalars). */
bool variable_index_ok(const struct variable *v, uint32_t index);
void variable_set_number(struct variable *v, uint32_t index, int32_t value);
void variable_set_string(struct variable *v, uint32_t index, const char *value);
int32_t variable_number(const struct variable *v, uint32_t index);
const char *variable_string(const struct variable *v, uint32_t index);

/* The value of element `index` as the text substituted for it: SETA as an
 * unsigned decimal number (the sign is not substituted, as in the IBM
 * assemblers), SETB as 0 or 1, SETC and parameters as they are. The
 * result is owned by the caller. */
char *variable_text(const struct variable *v, uint32_t index);

/* Sublists: a value "(A,B,(C,D))" has 3 elements; any other value has 1,
 * except the empty value, which has 0. */
size_t sublist_count(const char *value);
/* Element n (1-based) of a sublist, or "" (caller frees). A value that is
 * not a sublist is its own element 1. */
char *sublist_element(const char *value, size_t n);

#endif
