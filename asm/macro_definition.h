/* A macro definition: the prototype (name-field parameter, macro name,
 * positional parameters, keyword parameters with their defaults) and the
 * body of model statements, each kept as "NAME OPERATION OPERANDS" with
 * its source locations. */
#ifndef VM67_ASM_MACRO_DEFINITION_H
#define VM67_ASM_MACRO_DEFINITION_H

#include <stdbool.h>
#include <stddef.h>

#include "asm/lexer.h"
#include "asm/located_text.h"
#include "asm/problem.h"

struct macro_parameter {
    char name[ASM_SYMBOL_MAX + 1]; /* without '&' */
    bool keyword;
    char *default_value;           /* keyword parameters */
};

struct macro_model {
    struct located_text text;      /* normalized, see statement_normalize */
    char *sequence;                /* ".NAME" in the name field, or NULL */
    bool comment;                  /* a '*' comment: generated as it is */
};

struct macro_definition {
    char name[ASM_SYMBOL_MAX + 1];
    char name_parameter[ASM_SYMBOL_MAX + 1]; /* "" when the prototype has none */
    struct macro_parameter *parameters;
    size_t parameter_count;
    size_t parameter_cap;
    struct macro_model *body;
    size_t body_count;
    size_t body_cap;
    struct asm_location where;     /* the MACRO statement */
};

struct macro_definition *macro_definition_new(struct asm_location where);
void macro_definition_free(struct macro_definition *d);

/* Parses the prototype (normalized text). Problems are reported with an
 * index into that text. */
bool macro_definition_prototype(struct macro_definition *d, const struct located_text *prototype,
                                struct asm_problem *p);

void macro_definition_add_model(struct macro_definition *d, const struct located_text *normalized, bool comment);

/* The body index of the model statement named by a sequence symbol, or -1. */
long macro_definition_find_sequence(const struct macro_definition *d, const char *sequence);

/* Index of a positional (keyword=false) or keyword parameter, or -1. */
long macro_definition_find_parameter(const struct macro_definition *d, const char *name, bool keyword);

#endif
