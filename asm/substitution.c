#include "asm/substitution.h"

#include <stdlib.h>
#include <string.h>

bool has_variable_symbols(const struct located_text *text)
{
    for (size_t i = 0; i < text->len; i++) {
        if (text->text[i] == '&') {
            if (i + 1 < text->len && text->text[i + 1] == '&') {
                i++;
                continue;
            }
            return true;
        }
    }
    return false;
}

bool substitute_variables(struct macro_environment *env, const struct located_text *in, struct located_text *out,
                          struct asm_problem *p)
{
    located_text_clear(out);
    size_t i = 0, run = 0;
    while (i < in->len) {
        if (in->text[i] != '&') {
            i++;
            continue;
        }
        if (i + 1 < in->len && in->text[i + 1] == '&') {
            i += 2;
            continue;
        }
        if (i > run)
            located_text_append_range(out, in, run, i - run);
        size_t at = i;
        char *value;
        if (!macro_variable_value(env, in->text, in->len, &i, &value, p))
            return false;
        located_text_append_substituted(out, value, strlen(value), located_text_location(in, at));
        free(value);
        run = i;
    }
    if (in->len > run)
        located_text_append_range(out, in, run, in->len - run);
    return true;
}
