/* Expressions of conditional assembly (SETA, SETB, SETC, AIF, AGO):
 *
 *   arithmetic  + - * / on 32-bit integers (division truncates, by zero
 *               gives 0), self-defining terms, SETA/SETB symbols, and
 *               character values that are self-defining terms (parameters
 *               such as 5 or X'10'); the attributes K' (characters in a
 *               value), N' (elements of a sublist, positional operands of
 *               &SYSLIST, highest subscript of a dimensioned SET symbol)
 *               and L' (length attribute of an ordinary symbol)
 *   binary      relations EQ NE LT GT LE GE between two arithmetic or two
 *               character values, NOT, AND, OR, XOR, SETB symbols
 *   character   'quoted strings' in which variable symbols are replaced,
 *               '' stands for a quote and && stays two ampersands;
 *               substrings 'ABCD'(2,3), duplication (3)'AB',
 *               concatenation 'A'.'B', and T' (type attribute)
 *
 * Blanks may separate terms and operators. Character relations compare
 * lengths first, then EBCDIC collating order, as the IBM assemblers do. */
#ifndef VM67_ASM_CONDITIONAL_EXPRESSION_H
#define VM67_ASM_CONDITIONAL_EXPRESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "asm/problem.h"
#include "asm/symbol_table.h"
#include "asm/variable_symbols.h"

struct macro_environment {
    struct variable_scope *locals;
    struct variable_scope *globals;
    const struct symbol_table *attributes; /* ordinary symbols seen so far */
    unsigned depth;                        /* nesting guard */
};

enum ca_type {
    CA_ARITHMETIC = 0,
    CA_BINARY,
    CA_CHARACTER,
};

struct ca_value {
    enum ca_type type;
    int32_t number;
    char *string; /* CA_CHARACTER, owned */
};

void ca_value_free(struct ca_value *v);

/* Evaluates the expression at text[*pos] (up to len, or a character that
 * cannot continue it). */
bool conditional_evaluate(struct macro_environment *env, const char *text, size_t len, size_t *pos,
                          struct ca_value *out, struct asm_problem *p);

bool conditional_arithmetic(struct macro_environment *env, const char *text, size_t len, size_t *pos,
                            int32_t *out, struct asm_problem *p);
bool conditional_binary(struct macro_environment *env, const char *text, size_t len, size_t *pos, bool *out,
                        struct asm_problem *p);
bool conditional_character(struct macro_environment *env, const char *text, size_t len, size_t *pos, char **out,
                           struct asm_problem *p);

/* A variable symbol reference at text[*pos] == '&' (with its subscripts
 * and a following concatenation dot): its value as text (caller frees). */
bool macro_variable_value(struct macro_environment *env, const char *text, size_t len, size_t *pos, char **value,
                          struct asm_problem *p);

/* The type attribute of a value (a parameter's text): O omitted, N a
 * self-defining term, the type of a known ordinary symbol, else U. */
char macro_type_attribute(const struct macro_environment *env, const char *value);

#endif
