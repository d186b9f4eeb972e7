/* Assembler expressions (the operands of machine instructions and of
 * most directives): terms are ordinary symbols, self-defining terms, the
 * location counter (*) and length attribute references (L'SYMBOL, L'*),
 * combined with + - * / and parentheses, unary + and -. Arithmetic is
 * 32-bit two's complement; division truncates, and dividing by zero gives
 * zero (as the IBM assemblers define it). Only absolute terms may be
 * multiplied or divided; relocatable terms add and cancel (value.h).
 *
 * Parsing stops at the first character that cannot continue the
 * expression (a comma, a blank, an unmatched parenthesis...), so callers
 * parse operands such as D(X,B) by looking at what follows. */
#ifndef VM67_ASM_EXPRESSION_H
#define VM67_ASM_EXPRESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "asm/value.h"

enum symbol_lookup {
    SYMBOL_DEFINED = 0,
    SYMBOL_UNDEFINED, /* not (yet) defined */
};

struct expression_context {
    /* Looks up an ordinary symbol (upper case). `at` is its index in the
     * text, for the caller's cross-reference. */
    enum symbol_lookup (*lookup)(void *context, const char *name, size_t at, struct asm_value *value,
                                 uint32_t *length_attribute);
    void *context;
    bool location_defined;         /* '*' may be used */
    struct asm_value location;     /* the value of '*' */
    uint32_t location_length;      /* L'* */
};

enum expression_status {
    EXPRESSION_OK = 0,
    EXPRESSION_UNDEFINED, /* a symbol is not defined: see undefined_name */
    EXPRESSION_ERROR,     /* see message/error_at */
};

struct expression_result {
    struct asm_value value;
    uint32_t length_attribute; /* of the leftmost term */
    char undefined_name[64];
    size_t undefined_at;
    char message[256];
    size_t error_at;
};

/* Parses the expression starting at text[*pos]; on return *pos is where it
 * stopped. */
enum expression_status expression_parse(const struct expression_context *ctx, const char *text, size_t len,
                                         size_t *pos, struct expression_result *out);

#endif
