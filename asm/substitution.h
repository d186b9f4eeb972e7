/* Variable-symbol substitution in model statements (and in open code):
 * each &NAME, &NAME(subscript) or &NAME. is replaced by its value; &&
 * stays as written. The result keeps locations: substituted values map to
 * the column of their '&'. */
#ifndef VM67_ASM_SUBSTITUTION_H
#define VM67_ASM_SUBSTITUTION_H

#include <stdbool.h>

#include "asm/conditional_expression.h"
#include "asm/located_text.h"
#include "asm/problem.h"

bool substitute_variables(struct macro_environment *env, const struct located_text *in, struct located_text *out,
                          struct asm_problem *p);

/* True if the text has an '&' that is not part of '&&'. */
bool has_variable_symbols(const struct located_text *text);

#endif
